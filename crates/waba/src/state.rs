//! Stored state: every state a service keeps ([`Conversation`](crate::Conversation),
//! [`Account`](crate::Account)) serializes with a schema `version`; a version this library does
//! not know is refused before anything else of the document is used.
//!
//! [`StoreError`] is the error a service's store can return as it is: its backend's failures and
//! the documents this library cannot read, one transient error of the contract.

use waba_error::WabaError;
use waba_model::seen::SeenError;

/// Why a stored state cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum StateError {
    /// The document's `version` is not one this library reads.
    #[error(
        "stored {what} has schema version {version}; this library reads versions {min} to {max}"
    )]
    #[waba(code = "state.unknown_version", field = "version", limit = max, actual = version)]
    UnknownVersion {
        /// `conversation` or `account`.
        what: &'static str,
        /// The version found.
        version: u64,
        /// The oldest version read.
        min: u64,
        /// The newest version read (the one written).
        max: u64,
    },
    /// Not a stored state of that kind.
    #[error("stored state cannot be read: {message}")]
    #[waba(code = "state.malformed")]
    Malformed {
        /// The parser's message.
        message: String,
    },
}

/// The marker that starts the serde message of [`StateError::UnknownVersion`].
const VERSION_MARKER: &str = "stored ";

impl StateError {
    pub(crate) fn from_json(e: serde_json::Error) -> StateError {
        let message = e.to_string();
        if message.starts_with(VERSION_MARKER) && message.contains("schema version") {
            // Re-read the numbers from our own message (serde only carries text).
            let nums: Vec<u64> = message
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse().ok())
                .collect();
            let what = if message.contains("account") {
                "account"
            } else {
                "conversation"
            };
            if let [version, min, max, ..] = nums.as_slice() {
                return StateError::UnknownVersion {
                    what,
                    version: *version,
                    min: *min,
                    max: *max,
                };
            }
        }
        StateError::Malformed { message }
    }
}

/// Refuses a version outside `min..=max`.
pub(crate) fn check_version(
    what: &'static str,
    version: u32,
    min: u32,
    max: u32,
) -> Result<(), StateError> {
    if (min..=max).contains(&version) {
        return Ok(());
    }
    Err(StateError::UnknownVersion {
        what,
        version: u64::from(version),
        min: u64::from(min),
        max: u64::from(max),
    })
}

/// A service's own store failed: its database or network, or a document it holds that this
/// library cannot read. Class transient (`service.store`): a delivery is answered `503` and Meta
/// redelivers it once the store is back, nothing of it kept.
///
/// A store over [`delivery::Documents`](crate::delivery::Documents) can use it as its `Error`
/// as it is (it takes a [`StateError`] with `?`); the backend's errors go in with
/// [`StoreError::backend`]. As a [`SeenError`] (through `?` in a
/// [`SeenStore`](waba_model::seen::SeenStore) of the same database) it keeps its message.
///
/// ```
/// use waba::{StoreError, WabaError};
///
/// let e = StoreError::backend(std::io::Error::other("disk I/O error"));
/// assert_eq!((e.code(), e.http_status()), ("service.store", 503));
/// assert_eq!(e.to_string(), "the store failed: disk I/O error");
/// // A conversation written by a newer release (a rolling upgrade): the same, retried later.
/// let newer = r#"{"version": 99, "channel": "c", "server": "s", "window": {}, "customer": null}"#;
/// let e = StoreError::from(waba::Conversation::from_json(newer).unwrap_err());
/// assert_eq!((e.code(), e.field(), e.actual()), ("service.store", Some("version"), Some(99)));
/// ```
#[derive(Debug, thiserror::Error, WabaError)]
#[waba(class = Transient)]
#[non_exhaustive]
pub enum StoreError {
    /// The store's backend (a database, the network to it) failed.
    #[error("the store failed: {0}")]
    #[waba(code = "service.store")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
    /// A stored document cannot be read: an unknown schema version (written by a newer release
    /// during a rolling upgrade) or not a document of this library. Transient too: the
    /// delivery waits for the store to be fixed rather than being lost.
    #[error("a stored document is unreadable: {0}")]
    #[waba(code = "service.store", field = _0.field(), limit = _0.limit(), actual = _0.actual())]
    Document(#[from] StateError),
}

impl StoreError {
    /// The backend failed with `error` (a `rusqlite::Error`, a `postgres::Error`...).
    pub fn backend(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> StoreError {
        StoreError::Backend(error.into())
    }
}

/// Nothing is stored under the id a caller named (a conversation id in a service's URL): class
/// invalid, answered `404` ([`WabaError::http_status`]).
///
/// ```
/// use waba::state::NotStored;
/// use waba::WabaError;
///
/// let e = NotStored::conversation("1122334455667:+16315551002");
/// assert_eq!((e.code(), e.http_status()), ("service.unknown_conversation", 404));
/// assert_eq!(e.to_string(), "no conversation 1122334455667:+16315551002");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid, http_status = 404)]
#[non_exhaustive]
pub enum NotStored {
    /// No conversation is stored under `id`.
    #[error("no conversation {id}")]
    #[waba(code = "service.unknown_conversation")]
    Conversation {
        /// The id asked for, quoted (cut to 64 characters, unseen characters written out).
        id: String,
    },
}

impl NotStored {
    /// No conversation is stored under `id` (quoted: it comes from the caller).
    pub fn conversation(id: &str) -> NotStored {
        NotStored::Conversation {
            id: waba_json::quote(id, 64),
        }
    }
}

/// The store of seen ids is the service's store: its failure is the seen store's, message kept.
impl From<StoreError> for SeenError {
    fn from(e: StoreError) -> SeenError {
        SeenError::store(e.to_string())
    }
}
