//! The service's state behind one small trait: conversations (each with its delivery ledger and
//! consent, as `waba` stores them), the account's template health, and the seen ids (the
//! library's [`SeenStore`]). Everything one delivery changes is written in one transaction, so two
//! deliveries of the same conversation at once lose no update, and a failure leaves nothing half
//! written (the seen ids roll back with the rest, so Meta's redelivery is taken again).
//!
//! [`Sqlite`] is the default (a file in WAL mode; nothing to install). Several instances behind a
//! load balancer share one PostgreSQL database through the same trait: see the README.

use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};
use waba::chrono::{DateTime, Utc};
use waba::model::events::DedupKey;
use waba::model::seen::{SeenError, SeenStore};
use waba::{Account, Conversation, ErrorClass, WabaError};

/// Where the service keeps its state.
pub trait Store: Send + Sync + 'static {
    /// Opens a transaction that sees no other writer's partial work. Dropping it without
    /// [`Tx::commit`] rolls it back.
    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError>;
    /// Forgets the seen ids taken before `before` (Meta redelivers for days, not forever).
    fn forget_seen_before(&self, before: DateTime<Utc>) -> Result<usize, StoreError>;
}

/// One transaction: the seen ids (through the library's trait), conversations by id, the account.
pub trait Tx {
    /// The seen ids, as the library's trait.
    fn seen(&mut self) -> &mut dyn SeenStore;
    /// The conversation stored under `id`.
    fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, StoreError>;
    /// Stores `conversation` under `id`.
    fn put_conversation(&mut self, id: &str, conversation: &Conversation)
    -> Result<(), StoreError>;
    /// The account's state (template health), empty at first.
    fn account(&mut self) -> Result<Account, StoreError>;
    /// Stores the account's state.
    fn put_account(&mut self, account: &Account) -> Result<(), StoreError>;
    /// Makes every change of the transaction durable.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// The store failed. Class transient: Meta is answered 503 and redelivers.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database failed.
    #[error("the store failed: {0}")]
    Database(#[from] rusqlite::Error),
    /// A stored document could not be read or written.
    #[error("a stored document is unreadable: {0}")]
    Document(String),
}

impl WabaError for StoreError {
    fn code(&self) -> &'static str {
        "service.store"
    }
    fn class(&self) -> ErrorClass {
        ErrorClass::Transient
    }
}

/// The SQLite store: one connection in WAL mode; `BEGIN IMMEDIATE` takes the write lock at the
/// start of each transaction, so transactions run one after the other.
pub struct Sqlite {
    connection: Mutex<Connection>,
}

impl Sqlite {
    /// Opens (or creates) the database at `path` (`:memory:` for a private in-memory one).
    pub fn open(path: &str) -> Result<Sqlite, StoreError> {
        let connection = Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
             CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
             CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS account (id INTEGER PRIMARY KEY CHECK (id = 1), doc TEXT NOT NULL);",
        )?;
        Ok(Sqlite {
            connection: Mutex::new(connection),
        })
    }
}

impl Store for Sqlite {
    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        // A panic while the lock was held left no transaction open (the guard's drop rolled back).
        let connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        connection.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Box::new(SqliteTx {
            connection,
            open: true,
        }))
    }

    fn forget_seen_before(&self, before: DateTime<Utc>) -> Result<usize, StoreError> {
        let connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        Ok(connection.execute("DELETE FROM seen WHERE at < ?1", [before.timestamp()])?)
    }
}

struct SqliteTx<'a> {
    connection: MutexGuard<'a, Connection>,
    open: bool,
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.connection.execute_batch("ROLLBACK");
        }
    }
}

fn document(e: impl std::fmt::Display) -> StoreError {
    StoreError::Document(e.to_string())
}

impl SqliteTx<'_> {
    fn get(&self, sql: &str, params: impl rusqlite::Params) -> Result<Option<String>, StoreError> {
        let mut statement = self.connection.prepare_cached(sql)?;
        Ok(statement.query_row(params, |row| row.get(0)).optional()?)
    }
}

impl SeenStore for SqliteTx<'_> {
    fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError> {
        let mut statement = (self.connection)
            .prepare_cached("INSERT INTO seen (key, at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .map_err(|e| SeenError::store(e.to_string()))?;
        let added = statement.execute(params![key.as_str(), now.timestamp()]);
        added
            .map(|n| n == 1)
            .map_err(|e| SeenError::store(e.to_string()))
    }

    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
        let removed = self
            .connection
            .execute("DELETE FROM seen WHERE key = ?1", [key.as_str()]);
        removed
            .map(drop)
            .map_err(|e| SeenError::store(e.to_string()))
    }
}

impl Tx for SqliteTx<'_> {
    fn seen(&mut self) -> &mut dyn SeenStore {
        self
    }

    fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, StoreError> {
        let doc = self.get("SELECT doc FROM conversations WHERE id = ?1", [id])?;
        doc.map(|d| Conversation::from_json(&d).map_err(document))
            .transpose()
    }

    fn put_conversation(
        &mut self,
        id: &str,
        conversation: &Conversation,
    ) -> Result<(), StoreError> {
        let doc = serde_json::to_string(conversation).map_err(document)?;
        let mut statement = self.connection.prepare_cached(
            "INSERT INTO conversations (id, doc) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET doc = ?2",
        )?;
        statement.execute(params![id, doc])?;
        Ok(())
    }

    fn account(&mut self) -> Result<Account, StoreError> {
        let doc = self.get("SELECT doc FROM account WHERE id = 1", [])?;
        doc.map_or(Ok(Account::default()), |d| {
            serde_json::from_str(&d).map_err(document)
        })
    }

    fn put_account(&mut self, account: &Account) -> Result<(), StoreError> {
        let doc = serde_json::to_string(account).map_err(document)?;
        let mut statement = self.connection.prepare_cached(
            "INSERT INTO account (id, doc) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET doc = ?1",
        )?;
        statement.execute([doc])?;
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        self.connection.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}
