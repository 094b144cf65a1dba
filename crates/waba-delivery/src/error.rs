//! The errors of the ledger.

use waba_error::WabaError;

/// How many characters of an input an error quotes at most.
pub const QUOTE_MAX: usize = 64;

/// Cuts `input` to at most [`QUOTE_MAX`] characters for quoting in an error.
pub(crate) fn quote(input: &str) -> String {
    waba_error::quote(input, QUOTE_MAX)
}

/// Why the ledger refused an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum LedgerError {
    /// A message id was empty.
    #[error("message id is empty")]
    #[waba(code = "ledger.empty_id", field = "id")]
    EmptyId,
    /// A message id was longer than [`crate::MESSAGE_ID_MAX_BYTES`] bytes.
    #[error("message id of {actual} bytes, more than the {limit} allowed")]
    #[waba(code = "ledger.id_too_long", field = "id")]
    IdTooLong {
        /// The limit, in bytes.
        limit: u64,
        /// The id's length, in bytes.
        actual: u64,
    },
    /// A limit of the ledger outside 1 to [`crate::LEDGER_CAPACITY_MAX`].
    #[error("ledger limit {field} of {actual} is outside 1 to {limit}")]
    #[waba(code = "ledger.bad_limit", field = field)]
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
    #[waba(code = "ledger.send_refused", class = Refused, meta_code = code.and_then(|c| u32::try_from(c).ok()))]
    SendRefused {
        /// Meta's code.
        code: Option<u64>,
        /// `error_data.details`, cut to [`QUOTE_MAX`] characters.
        details: Option<String>,
    },
    /// Meta's answer has no message id.
    #[error("Meta's answer to the send has no message id")]
    #[waba(code = "ledger.no_message_id")]
    NoMessageId,
    /// A stored ledger of another version.
    #[error("stored ledger version {actual:?}, expected {expected}")]
    #[waba(code = "ledger.version", field = "version", actual = None)]
    Version {
        /// The version this code reads.
        expected: u32,
        /// The stored version (`None` when absent).
        actual: Option<u32>,
    },
    /// A stored ledger larger than [`crate::STORED_MAX_BYTES`].
    #[error("stored ledger of {actual} bytes, more than the {limit} allowed")]
    #[waba(code = "ledger.stored_too_large")]
    StoredTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// Its size, in bytes.
        actual: u64,
    },
    /// A stored ledger holding more entries than its limits.
    #[error("stored ledger holds {actual} entries, more than its limit of {limit}")]
    #[waba(code = "ledger.stored_over_limit")]
    StoredOverLimit {
        /// The limit.
        limit: u64,
        /// The entries held.
        actual: u64,
    },
    /// A stored ledger that is not of the ledger's shape.
    #[error("stored ledger is malformed: {0}")]
    #[waba(code = "ledger.stored_malformed")]
    Stored(String),
}
