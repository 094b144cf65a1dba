//! `waba-window`: work in progress (see the open issue for this crate).
//!
//! ```
//! // The crate builds; its API is being written.
//! assert!(true);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
