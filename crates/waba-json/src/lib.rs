//! `waba-json`: the one strict JSON reader of what waba reads from outside and is not Meta's
//! webhook — agents' drafts, ESP requests, template definitions, options files.
//!
//! `serde_json::Value` keeps the last of two equal keys silently (`{"a":1,"a":2}` is `{"a":2}`) and
//! rounds numbers it cannot hold (`1e-999` becomes `0`). This reader sees both itself: a repeated
//! key is refused with its JSON path ([`JsonError::DuplicateKey`]), a number a `Value` cannot keep
//! exactly is refused with its position ([`JsonError::InexactNumber`]), and the input's size is
//! checked before anything is read ([`JsonError::TooLarge`]). Nesting is bounded by serde_json's
//! recursion limit ([`JsonError::TooDeep`]).
//!
//! ```
//! use waba_error::WabaError;
//!
//! let v = waba_json::from_slice(br#"{"Parameters": {"Id": "+1", "Id": "+2"}}"#, 1024).unwrap_err();
//! assert_eq!(v.code(), "json.duplicate_key");
//! assert_eq!(v.field(), Some("Parameters.Id"));
//!
//! let ok = waba_json::from_slice(br#"{"a": [1, {"b": "c"}]}"#, 1024)?;
//! assert_eq!(ok["a"][1]["b"], "c");
//!
//! let e = waba_json::from_slice(br#"{"lat": 1e-999}"#, 1024).unwrap_err();
//! assert_eq!(e.code(), "json.inexact_number");
//! # Ok::<(), waba_json::JsonError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod numbers;
mod open;
mod reader;

pub use error::{JsonError, QUOTE_MAX};
pub use numbers::{check_numbers, number_is_exact};
pub use reader::{DEPTH_MAX, from_slice, from_str, line_column, read_capped};

/// Quotes untrusted text in an error message (the error contract's [`waba_error::quote`]).
pub use waba_error::quote;

#[doc(hidden)]
pub mod internal;

/// What [`open_enum!`] calls. Not part of the stable API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
