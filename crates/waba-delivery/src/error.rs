//! The errors of the ledger.

use waba_error::{ErrorClass, WabaError};

/// How many characters of an input an error quotes at most.
pub const QUOTE_MAX: usize = 64;

/// Cuts `input` to at most [`QUOTE_MAX`] characters for quoting in an error.
pub(crate) fn quote(input: &str) -> String {
    waba_error::quote(input, QUOTE_MAX)
}

/// Why the ledger refused an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A message id was empty.
    #[error("message id is empty")]
    EmptyId,
    /// A message id was longer than [`crate::MESSAGE_ID_MAX_BYTES`] bytes.
    #[error("message id of {actual} bytes, more than the {limit} allowed")]
    IdTooLong {
        /// The limit, in bytes.
        limit: u64,
        /// The id's length, in bytes.
        actual: u64,
    },
    /// A limit of the ledger outside 1 to [`crate::LEDGER_CAPACITY_MAX`].
    #[error("ledger limit {field} of {actual} is outside 1 to {limit}")]
    BadLimit {
        /// `deliveries` or `orphans`.
        field: &'static str,
        /// The most allowed.
        limit: u64,
        /// The value given.
        actual: u64,
    },
    /// Meta refused the send: there is no message to record.
    #[error("Meta refused the send (code {code:?}): {details:?}")]
    SendRefused {
        /// Meta's code.
        code: Option<u64>,
        /// `error_data.details`, cut to [`QUOTE_MAX`] characters.
        details: Option<String>,
    },
    /// Meta's answer has no message id.
    #[error("Meta's answer to the send has no message id")]
    NoMessageId,
    /// A stored ledger of another version.
    #[error("stored ledger version {actual:?}, expected {expected}")]
    Version {
        /// The version this code reads.
        expected: u32,
        /// The stored version (`None` when absent).
        actual: Option<u32>,
    },
    /// A stored ledger larger than [`crate::STORED_MAX_BYTES`].
    #[error("stored ledger of {actual} bytes, more than the {limit} allowed")]
    StoredTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// Its size, in bytes.
        actual: u64,
    },
    /// A stored ledger holding more entries than its limits.
    #[error("stored ledger holds {actual} entries, more than its limit of {limit}")]
    StoredOverLimit {
        /// The limit.
        limit: u64,
        /// The entries held.
        actual: u64,
    },
    /// A stored ledger that is not of the ledger's shape.
    #[error("stored ledger is malformed: {0}")]
    Stored(String),
}

impl WabaError for LedgerError {
    fn code(&self) -> &'static str {
        match self {
            LedgerError::EmptyId => "ledger.empty_id",
            LedgerError::IdTooLong { .. } => "ledger.id_too_long",
            LedgerError::BadLimit { .. } => "ledger.bad_limit",
            LedgerError::SendRefused { .. } => "ledger.send_refused",
            LedgerError::NoMessageId => "ledger.no_message_id",
            LedgerError::Version { .. } => "ledger.version",
            LedgerError::StoredTooLarge { .. } => "ledger.stored_too_large",
            LedgerError::StoredOverLimit { .. } => "ledger.stored_over_limit",
            LedgerError::Stored(_) => "ledger.stored_malformed",
        }
    }

    fn class(&self) -> ErrorClass {
        match self {
            LedgerError::SendRefused { .. } => ErrorClass::Refused,
            _ => ErrorClass::Invalid,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            LedgerError::EmptyId | LedgerError::IdTooLong { .. } => Some("id"),
            LedgerError::BadLimit { field, .. } => Some(field),
            LedgerError::Version { .. } => Some("version"),
            _ => None,
        }
    }

    fn limit(&self) -> Option<u64> {
        match self {
            LedgerError::IdTooLong { limit, .. }
            | LedgerError::BadLimit { limit, .. }
            | LedgerError::StoredTooLarge { limit, .. }
            | LedgerError::StoredOverLimit { limit, .. } => Some(*limit),
            _ => None,
        }
    }

    fn actual(&self) -> Option<u64> {
        match self {
            LedgerError::IdTooLong { actual, .. }
            | LedgerError::BadLimit { actual, .. }
            | LedgerError::StoredTooLarge { actual, .. }
            | LedgerError::StoredOverLimit { actual, .. } => Some(*actual),
            _ => None,
        }
    }

    fn meta_code(&self) -> Option<u32> {
        match self {
            LedgerError::SendRefused { code, .. } => code.and_then(|c| u32::try_from(c).ok()),
            _ => None,
        }
    }
}
