//! `waba-delivery`: what became of the messages we sent, and what to do next.
//!
//! - **The ledger** ([`Ledger`]): each message we sent, by its id, with what it was (type,
//!   template name and category, callback data, time), and its statuses merged **forward only**:
//!   out-of-order and repeated statuses end in the same state as in order (decision 0601); a
//!   status of an id never recorded is kept as an orphan. Pricing and conversation objects are
//!   typed ([`Pricing`]: per-message pricing since 2025-07-01), unknown values kept. Bounded,
//!   pure data (serde, with a version checked on load).
//! - **Meta's error catalog** ([`catalog`]): every code of Meta's error reference with its title,
//!   class, whether a retry can succeed, the action, and its source.
//! - **Pacing** ([`pacing`]): may the next message go now, or not before when, and by which rule
//!   (throughput per business number, the pair rate limit, backoffs after 130429, 131056 and
//!   131049). Pure, bounded, O(1) per decision.
//! - **Opt-outs** ([`optout`]): a customer's marketing consent from `user_marketing_preferences`,
//!   a failed status 131050 and stop keywords in their messages (ignoring case and accents).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use waba_delivery::{catalog, DeliveryStatus, Ledger, SentInfo, StatusError, StatusUpdate};
//! use waba_model::{SendResponse, StatusKind};
//!
//! let at = |s: i64| Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap();
//! let answer = SendResponse::parse(br#"{"messaging_product":"whatsapp",
//!     "contacts":[{"input":"16315551002","wa_id":"16315551002"}],
//!     "messages":[{"id":"wamid.A","message_status":"accepted"}]}"#)?;
//! let mut ledger = Ledger::new();
//! ledger.record_response(&answer, SentInfo::new("template", at(0)))?;
//!
//! // A failed status with 131049 arrives, then a late `sent`: the message stays failed.
//! let failed = StatusUpdate::new("wamid.A", StatusKind::Failed, Some(at(3)))
//!     .with_error(StatusError::new(131_049));
//! ledger.apply(&failed);
//! ledger.apply(&StatusUpdate::new("wamid.A", StatusKind::Sent, Some(at(1))));
//! let d = ledger.get("wamid.A").unwrap();
//! assert_eq!(d.status, Some(DeliveryStatus::Failed));
//!
//! // What 131049 means and what to do.
//! let why = catalog::explain(131_049, None);
//! assert_eq!(why.class.as_str(), "marketing_limit");
//! assert!(why.retryable);
//! assert_eq!(why.action.as_str(), "retry_after_backoff");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod optout;
pub mod pacing;

mod error;
mod ledger;
mod pricing;
mod status;

pub use error::{LedgerError, QUOTE_MAX};
pub use ledger::{
    Applied, DELIVERIES_DEFAULT, Delivery, ERRORS_PER_MESSAGE_MAX, LEDGER_CAPACITY_MAX,
    LEDGER_VERSION, Ledger, LedgerLimits, MESSAGE_ID_MAX_BYTES, ORPHANS_DEFAULT,
    OTHER_STATUSES_MAX, OtherStatus, Recorded, STORED_MAX_BYTES, SentInfo, StatusError,
    StatusTimes, StatusUpdate, TemplateCategory, TemplateInfo,
};
pub use pricing::{
    ConversationInfo, ConversationOrigin, Pricing, PricingCategory, PricingModel, PricingType,
};
pub use status::{DeliveryStatus, Seen};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod internal;
