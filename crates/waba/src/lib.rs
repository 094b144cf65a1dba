//! `waba`: the facade over the waba crates (configuration, the conversation engine, ESP); work in
//! progress, see the open issue.
//!
//! ```
//! // The facade re-exports every crate of the workspace.
//! use waba::{attachment, model, phone, template, window};
//! let _ = (stringify!(attachment), stringify!(model), stringify!(phone), stringify!(template), stringify!(window));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(inline)]
pub use waba_attachment as attachment;
#[doc(inline)]
pub use waba_model as model;
#[doc(inline)]
pub use waba_phone as phone;
#[doc(inline)]
pub use waba_template as template;
#[doc(inline)]
pub use waba_window as window;
