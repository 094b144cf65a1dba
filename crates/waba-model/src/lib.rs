//! `waba-model`: the WhatsApp Cloud API message model — outbound send bodies (text, media,
//! location, reaction, interactive, template) in Meta's exact JSON shape, with text and caption
//! limits checked at construction.
//!
//! ```
//! use waba_model::{Identity, Media, Outbound, OutboundBody};
//!
//! let photo = Media::link("https://example.com/a.jpg").with_caption("Your receipt")?;
//! let msg = Outbound::new(OutboundBody::Image(photo)).to("US.13491208655302741918".parse::<Identity>()?);
//! let json = serde_json::to_value(&msg)?;
//! assert_eq!(json["recipient"], "US.13491208655302741918");
//! assert_eq!(json["image"]["caption"], "Your receipt");
//! assert_eq!(serde_json::from_value::<Outbound>(json)?, msg);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attributes;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod inbound;
mod json;
pub mod outbound;
mod wire;

pub use attributes::{InteractionAttributes, SUBJECT_MAX_GRAPHEMES};
pub use error::{MESSAGE_QUOTE_MAX, ModelError, QUOTE_MAX};
pub use inbound::{
    ApiError, BODY_MAX_BYTES, ButtonContent, Change, ChangeValue, ChoiceReply, Contact, Content,
    Context, DEPTH_MAX, EditContent, Entry, Envelope, ErrorCode, ErrorData, InboundMessage,
    InteractiveContent, InteractiveReply, InvalidItem, LocationContent, MediaContent, Message,
    Metadata, NfmReply, OrderContent, ProductItem, Profile, ReactionContent, Referral,
    RevokeContent, Shape, Status, StatusKind, SystemContent, TIMESTAMP_MAX, TIMESTAMP_MIN,
    TextContent, Timestamp, TimestampError, WHATSAPP_OBJECT, Webhook, WebhookError,
};
pub use outbound::{
    ButtonMessage, ButtonParameter, ButtonSubType, CAPTION_MAX, Caption, Interactive,
    InteractiveHeader, ListMessage, Location, Media, MediaSource, Outbound, OutboundBody,
    Parameter, ParameterValue, Reaction, ReplyButton, ReplyTo, Row, Section, TEXT_BODY_MAX,
    TemplateComponent, TemplateLanguage, TemplateMessage, Text, TextBody,
};
pub use waba_phone::{Bsuid, E164, Identity};
pub use wire::{ELEMENTS_MAX, Extra, JsonNumber, List, RawJson, Slot};
