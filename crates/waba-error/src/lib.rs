//! `waba-error`: the one error contract every waba crate implements.
//!
//! Every error of the workspace is a value with a stable dotted code (`webhook.signature_mismatch`),
//! a [`class`](ErrorClass) a service can answer with, the numbers that matter (limit, actual,
//! position), the field concerned and Meta's code where Meta has one. [`WabaError`] ties them
//! together; [`WabaError::report`] gives the serializable form the CLI prints, and
//! [`WabaError::problem`] an RFC 9457 problem document a web service returns with one call.
//!
//! ```
//! use waba_error::WabaError;
//!
//! // The code, class and numbers stand on the type (`#[derive(WabaError)]`, decision 0035); a
//! // field named `limit`, `actual` or `position` is that number.
//! #[derive(Debug, thiserror::Error, WabaError)]
//! #[error("title is {actual} characters, more than {limit}")]
//! #[waba(code = "example.title_too_long", class = Invalid)]
//! struct TitleTooLong { limit: u64, actual: u64 }
//!
//! let e = TitleTooLong { limit: 20, actual: 30 };
//! let problem = serde_json::to_value(e.problem())?;
//! assert_eq!(problem["status"], 400);
//! assert_eq!(problem["code"], "example.title_too_long");
//! assert_eq!(problem["limit"], 20);
//! let report = serde_json::to_value(e.report())?;
//! assert_eq!(report["message"], "title is 30 characters, more than 20");
//! # Ok::<(), serde_json::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod class;
mod contract;
mod quote;
mod report;
#[doc(hidden)]
pub mod __private {
    //! What the code of `#[derive(WabaError)]` calls. Not part of the stable API: it may change in any release.
    pub use crate::private::*;
}
#[cfg(test)]
mod derive_tests;
mod private;
#[cfg(test)]
mod tests;

// The derive names this crate `::waba_error`, inside it too.
extern crate self as waba_error;

pub use class::ErrorClass;
pub use contract::WabaError;
pub use quote::quote;
pub use report::{ErrorDetails, ErrorReport, PROBLEM_TYPE_PREFIX, Problem};
/// Derives [`WabaError`] from `#[waba(...)]` attributes: each variant's code, class and numbers
/// stand on the variant (see the `waba-error-derive` crate for the keys).
pub use waba_error_derive::WabaError;
