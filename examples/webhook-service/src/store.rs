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
/// The store failed (the library's: class transient, `service.store`; Meta is answered 503 and
/// redelivers). SQLite's errors go in through [`db`].
pub use waba::StoreError;
use waba::chrono::{DateTime, Utc};
use waba::delivery::{Documents, State};
use waba::model::events::DedupKey;
use waba::model::seen::{SeenError, SeenStore};

/// Where the service keeps its state.
pub trait Store: Send + Sync + 'static {
    /// Opens a transaction that sees no other writer's partial work. Dropping it without
    /// [`Tx::commit`] rolls it back.
    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError>;
    /// Forgets the seen ids taken before `before` (Meta redelivers for days, not forever).
    fn forget_seen_before(&self, before: DateTime<Utc>) -> Result<usize, StoreError>;
}

/// One transaction: the seen ids and the conversations and account, both through the library's
/// traits (`SeenStore`; `State`, conversations by [`waba::model::events::ConversationKey::id`]).
pub trait Tx: State<Error = StoreError> {
    /// The seen ids, as the library's trait.
    fn seen(&mut self) -> &mut dyn SeenStore;
    /// Makes every change of the transaction durable.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// A SQLite result as the store's.
fn db<T>(result: rusqlite::Result<T>) -> Result<T, StoreError> {
    result.map_err(StoreError::backend)
}

/// The SQLite store: one connection in WAL mode; `BEGIN IMMEDIATE` takes the write lock at the
/// start of each transaction, so transactions run one after the other. Conversations and the
/// account are the library's JSON documents (each carries its schema version) in one table.
pub struct Sqlite {
    connection: Mutex<Connection>,
}

impl Sqlite {
    /// Opens (or creates) the database at `path` (`:memory:` for a private in-memory one).
    pub fn open(path: &str) -> Result<Sqlite, StoreError> {
        let connection = db(Connection::open(path))?;
        db(connection.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
             CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
             CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;",
        ))?;
        Ok(Sqlite {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held left no transaction open (the guard's drop rolled back).
        self.connection.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store for Sqlite {
    fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
        let connection = self.lock();
        db(connection.execute_batch("BEGIN IMMEDIATE"))?;
        Ok(Box::new(SqliteTx {
            connection,
            open: true,
        }))
    }

    fn forget_seen_before(&self, before: DateTime<Utc>) -> Result<usize, StoreError> {
        db(self
            .lock()
            .execute("DELETE FROM seen WHERE at < ?1", [before.timestamp()]))
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

impl SeenStore for SqliteTx<'_> {
    fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError> {
        let sql = "INSERT INTO seen (key, at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
        let added = (self.connection.prepare_cached(sql))
            .and_then(|mut s| s.execute(params![key.as_str(), now.timestamp()]));
        Ok(db(added)? == 1)
    }

    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
        let sql = "DELETE FROM seen WHERE key = ?1";
        db(self.connection.execute(sql, [key.as_str()]))?;
        Ok(())
    }
}

impl Tx for SqliteTx<'_> {
    fn seen(&mut self) -> &mut dyn SeenStore {
        self
    }
    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        db(self.connection.execute_batch("COMMIT"))?;
        self.open = false;
        Ok(())
    }
}

impl Documents for SqliteTx<'_> {
    type Error = StoreError;
    fn document(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        let mut statement = db(self
            .connection
            .prepare_cached("SELECT doc FROM documents WHERE id = ?1"))?;
        db(statement.query_row([id], |row| row.get(0)).optional())
    }
    fn put_document(&mut self, id: &str, document: &str) -> Result<(), StoreError> {
        let sql = "INSERT INTO documents (id, doc) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET doc = ?2";
        let mut statement = db(self.connection.prepare_cached(sql))?;
        db(statement.execute([id, document]))?;
        Ok(())
    }
}
