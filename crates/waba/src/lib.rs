//! `waba`: the facade over the waba crates. It composes them and holds no rule of its own.
//!
//! - [`Config`]: the Genesys `whatsappsession.*` options (or a typed builder), checked once.
//! - [`Inbox`]: the delivery entry: signature, split per conversation, redeliveries dropped.
//! - [`Conversation`]: applies a conversation's events and composes what an agent sends
//!   ([`Decision`]); [`Account`] keeps template health; [`esp`] answers Genesys ESP requests;
//!   [`lint`] checks a deployment bundle; [`transcript`] and [`response`] serve the agent desktop.
//! - [`HttpAnswer`] ([`http`]): what a web service answers, framework-neutral (each error's status
//!   and problem document, the handshake, `Retry-After`).
//! - Every crate below, re-exported: [`phone`], [`model`], [`template`], [`window`],
//!   [`attachment`], [`after_send`] (`waba-delivery`), [`json`] and [`error`].
//!
//! The README's example runs the whole path, from a signed delivery to a send body; the smallest
//! start:
//!
//! ```
//! // Options as Genesys stores them: name/value strings.
//! let (config, warnings) = waba::Config::from_options([
//!     ("whatsappsession.free-msg-timespan", "24h"),
//!     ("whatsappsession.max-text-message-size", "4096"),
//! ])
//! .unwrap();
//! assert!(warnings.is_empty());
//! assert_eq!(config.max_text_message_size, 4096);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod account;
pub mod channels;
pub mod config;
pub mod conversation;
pub mod delivery;
pub mod esp;
pub mod http;
pub mod lint;
pub mod outgoing;
pub mod response;
pub mod state;
pub mod transcript;

mod attach;
mod compose;

pub use account::Account;
pub use config::{Config, ConfigError, ConfigWarning, MapLinks};
pub use conversation::{
    Applied, ApplyError, AttachmentDraft, ComposeError, Conversation, Decision, Draft,
    MarketingChoice, OnWebhookError, OutboundSession,
};
pub use delivery::{Delivery, DeliveryError, Inbox, Opened};
pub use http::HttpAnswer;
pub use outgoing::{NotNow, Outgoing};
pub use state::{NotStored, StateError, StoreError};

/// The `chrono` crate, whose types (`DateTime<Utc>`, `TimeDelta`) this API takes.
pub use chrono;
/// The error contract every error of the workspace implements.
pub use waba_error::{ErrorClass, ErrorReport, Problem, WabaError};

#[doc(inline)]
pub use waba_attachment as attachment;
#[doc(inline)]
pub use waba_delivery as after_send;
#[doc(inline)]
pub use waba_error as error;
#[doc(inline)]
pub use waba_json as json;
#[doc(inline)]
pub use waba_model as model;
#[doc(inline)]
pub use waba_phone as phone;
#[doc(inline)]
pub use waba_template as template;
#[doc(inline)]
pub use waba_window as window;

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

#[doc(hidden)]
pub mod internal;
