//! `waba-phone`: phone numbers as WhatsApp and the Genesys WhatsApp channel use them.
//!
//! - [`normalize`] turns what a person or a routing strategy typed into the number WhatsApp will use,
//!   exactly as the Genesys guide's table says (a leading plus: the digits as written; no plus: the
//!   business number's country calling code in front), reading any script's digits and refusing,
//!   with the character and its position, anything that is not a phone number.
//! - [`verdict`] says whether an [`E164`] number is valid by libphonenumber's metadata, its region
//!   and type, and what was probably meant when it is not valid; [`analyze`] does both at once.
//! - [`Identity`] is a WhatsApp user: a phone number or a business-scoped user id ([`Bsuid`]).
//! - Identity equivalence (`docs/identity-equivalence.md`): a `wa_id` is not always the number a CRM
//!   holds (Brazil's ninth digit, Mexico's `521`, Argentina's `549`). [`wa_ids`] gives the forms Meta
//!   may use for a number; [`equivalence`] and [`Identity::equivalence`] say [`Equivalence::Same`],
//!   [`Equivalence::Maybe`] (with a [`MaybeReason`]) or [`Equivalence::Different`]; and
//!   [`SubscriberKey`] / [`Identity::key`] give a key (8 bytes, `Copy`) equal exactly when two
//!   identities are certainly the same subscriber: key conversations and contacts by it.
//! - [`esp`] answers the Genesys ESP request `ValidateContact`.
//!
//! ```
//! use waba_phone::{analyze, normalize, verdict, BusinessNumber};
//!
//! let business: BusinessNumber = "+91 98765 43210".parse()?;
//! let number = normalize("+1 (516) 283-7151", &business)?;
//! assert_eq!(number.as_str(), "+15162837151");
//! assert!(verdict(&number).valid);
//!
//! // No plus: the business number's calling code goes in front, as the guide says...
//! let a = analyze("1-631-555-1002", &business)?;
//! assert_eq!(a.normalized.as_str(), "+9116315551002");
//! assert!(!a.verdict.valid);
//! // ...and the reading the person probably meant is offered.
//! assert_eq!(a.verdict.suggestion.unwrap().number.as_str(), "+16315551002");
//!
//! // A Mexican customer's wa_id and the number in the CRM are one subscriber.
//! use waba_phone::{Equivalence, Identity};
//! let wa_id: Identity = "5215512345678".parse().unwrap();
//! let crm: Identity = "+525512345678".parse().unwrap();
//! assert_eq!(wa_id.equivalence(&crm), Equivalence::Same);
//! assert_eq!(wa_id.key(), crm.key());
//! # Ok::<(), waba_phone::PhoneError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod clean;
pub mod esp;

mod analyze;
mod chars;
mod e164;
mod equivalence;
mod error;
mod identity;
mod metadata;
mod normalize;

pub use analyze::{Analysis, analyze};
pub use e164::{BusinessNumber, E164};
pub use equivalence::{
    Equivalence, IdentityKey, MaybeReason, SubscriberKey, WaIds, equivalence, wa_ids,
};
pub use error::PhoneError;
pub use identity::{BSUID_MAX_ID_CHARS, Bsuid, Identity, IdentityError};
pub use metadata::{
    Example, NumberType, Region, Suggestion, SuggestionReason, UnknownRegion, Verdict,
    calling_codes, examples, verdict,
};
pub use normalize::{MAX_INPUT_BYTES, normalize, normalize_international};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod internal;
