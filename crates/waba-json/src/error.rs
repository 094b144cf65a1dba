//! [`JsonError`]: why a JSON text was refused.

use waba_error::WabaError;

/// How many characters of a key or of the parser's message an error quotes at most.
pub const QUOTE_MAX: usize = 64;

/// Why a JSON text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is larger than the reader's cap; nothing was read.
    #[error("the JSON text is {actual} bytes, more than the {limit} allowed")]
    #[waba(code = "json.too_large")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
        /// The input's size, in bytes.
        actual: u64,
    },
    /// A stream (stdin, a pipe) went on past the cap: reading stopped there, so only the bound is
    /// known, not the size.
    #[error("the JSON text is more than the {limit} bytes allowed (reading stopped there)")]
    #[waba(code = "json.too_large")]
    TooLargeStream {
        /// The cap, in bytes.
        limit: u64,
    },
    /// Not JSON (or not UTF-8, or with a byte-order mark, or truncated, or with trailing data).
    #[error("not JSON at line {line} column {column}: {message}")]
    #[waba(code = "json.syntax", position = column)]
    Syntax {
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
        /// The parser's message, cut to 200 characters.
        message: String,
    },
    /// Nested deeper than [`DEPTH_MAX`](crate::DEPTH_MAX).
    #[error("the JSON nests deeper than {limit} levels (line {line} column {column})")]
    #[waba(code = "json.too_deep", position = column)]
    TooDeep {
        /// The limit.
        limit: u64,
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
    },
    /// The same key twice in one object: refused, never "last wins".
    #[error("the key {path} is given twice")]
    #[waba(code = "json.duplicate_key", field = path)]
    DuplicateKey {
        /// The JSON path of the repeated key (`Parameters.Id`, `components[0].type`).
        path: String,
    },
    /// A number a JSON value cannot keep exactly (`18446744073709551616`, `1e-999`, 20 digits
    /// after the point): refused rather than silently changed.
    #[error("the number at character {position} cannot be kept exactly")]
    #[waba(code = "json.inexact_number")]
    InexactNumber {
        /// Character offset (from 0) of the number in the text.
        position: u64,
    },
}

impl JsonError {
    /// The first segment of the repeated key's path (the top-level key it sits under).
    pub fn top_key(&self) -> Option<&str> {
        let path = WabaError::field(self)?;
        path.split(['.', '[']).next()
    }
}
