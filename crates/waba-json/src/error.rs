//! [`JsonError`]: why a JSON text was refused.

use waba_error::{ErrorClass, WabaError};

/// How many characters of a key or of the parser's message an error quotes at most.
pub const QUOTE_MAX: usize = 64;

/// Why a JSON text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is larger than the reader's cap; nothing was read.
    #[error("the JSON text is {actual} bytes, more than the {limit} allowed")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
        /// The input's size, in bytes.
        actual: u64,
    },
    /// A stream (stdin, a pipe) went on past the cap: reading stopped there, so only the bound is
    /// known, not the size.
    #[error("the JSON text is more than the {limit} bytes allowed (reading stopped there)")]
    TooLargeStream {
        /// The cap, in bytes.
        limit: u64,
    },
    /// Not JSON (or not UTF-8, or with a byte-order mark, or truncated, or with trailing data).
    #[error("not JSON at line {line} column {column}: {message}")]
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
    DuplicateKey {
        /// The JSON path of the repeated key (`Parameters.Id`, `components[0].type`).
        path: String,
    },
    /// A number a JSON value cannot keep exactly (`18446744073709551616`, `1e-999`, 20 digits
    /// after the point): refused rather than silently changed.
    #[error("the number at character {position} cannot be kept exactly")]
    InexactNumber {
        /// Character offset (from 0) of the number in the text.
        position: u64,
    },
}

impl JsonError {
    /// The stable code (listed in `docs/errors.md`).
    pub fn code(&self) -> &'static str {
        match self {
            JsonError::TooLarge { .. } | JsonError::TooLargeStream { .. } => "json.too_large",
            JsonError::Syntax { .. } => "json.syntax",
            JsonError::TooDeep { .. } => "json.too_deep",
            JsonError::DuplicateKey { .. } => "json.duplicate_key",
            JsonError::InexactNumber { .. } => "json.inexact_number",
        }
    }

    /// The repeated key's path, for [`JsonError::DuplicateKey`].
    pub fn field(&self) -> Option<&str> {
        match self {
            JsonError::DuplicateKey { path } => Some(path),
            _ => None,
        }
    }

    /// The first segment of the repeated key's path (the top-level key it sits under).
    pub fn top_key(&self) -> Option<&str> {
        let path = self.field()?;
        path.split(['.', '[']).next()
    }
}

impl WabaError for JsonError {
    fn code(&self) -> &'static str {
        JsonError::code(self)
    }
    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }
    fn field(&self) -> Option<&str> {
        JsonError::field(self)
    }
    fn limit(&self) -> Option<u64> {
        match self {
            JsonError::TooLarge { limit, .. }
            | JsonError::TooLargeStream { limit }
            | JsonError::TooDeep { limit, .. } => Some(*limit),
            _ => None,
        }
    }
    fn actual(&self) -> Option<u64> {
        match self {
            JsonError::TooLarge { actual, .. } => Some(*actual),
            _ => None,
        }
    }
    fn position(&self) -> Option<u64> {
        match self {
            JsonError::Syntax { column, .. } | JsonError::TooDeep { column, .. } => Some(*column),
            JsonError::InexactNumber { position } => Some(*position),
            _ => None,
        }
    }
    fn meta_code(&self) -> Option<u32> {
        None
    }
}
