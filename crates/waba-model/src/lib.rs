//! `waba-model`: the WhatsApp message model every other waba crate speaks in.
//!
//! - **Inbound webhooks** ([`Webhook::parse`]): the Cloud API envelope and the legacy On-Premises
//!   shape, every message type, statuses with typed error codes ([`ErrorCode`]: 131047 closes the
//!   window), read **losslessly**: unknown types, fields, `null`s and numbers of any size are kept and
//!   written back as they came; one unreadable message does not take the others down; timestamps
//!   outside a plausible window are a typed error on their message. Size, depth and element counts
//!   are capped before or while parsing.
//! - **Interaction attributes** ([`InteractionAttributes`]): the Genesys WhatsApp Hub driver's
//!   attributes of an inbound message, in the guide's order.
//! - **Outbound send bodies** ([`Outbound`]): text, media, location, reaction, interactive and
//!   template messages in Meta's exact JSON, text and caption limits checked at construction.
//! - **Send answers** ([`SendResponse::parse`]): Meta's answer to a send, losslessly: the message
//!   id, `message_status`, and the error body with `code`, `error_subcode`, `error_data.details`
//!   and `fbtrace_id`.
//!
//! ```
//! use waba_model::{Identity, InteractionAttributes, Media, Outbound, OutboundBody, Webhook};
//!
//! let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
//!   "value":{"metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
//!   "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"}],
//!   "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1697043223","type":"image",
//!                "image":{"id":"77","mime_type":"image/jpeg","caption":"my receipt"}}]}}]}]}"#;
//! let hook = Webhook::parse(body)?;
//! let inbound = hook.messages().next().unwrap().unwrap();
//! let attrs = InteractionAttributes::from_message(&inbound, "channel-ghub", "DigitalMessagingServer");
//! assert_eq!(attrs.get("Subject"), Some("Image: my receipt"));
//!
//! // Reply with a photo, to the sender, quoting their message.
//! let photo = Media::link("https://example.com/a.jpg").with_caption("Your receipt")?;
//! let reply = Outbound::new(OutboundBody::Image(photo))
//!     .to(inbound.sender().unwrap())
//!     .reply_to(inbound.message.id.clone().unwrap());
//! let json = serde_json::to_value(&reply)?;
//! assert_eq!(json["to"], "16315551002");
//! assert_eq!(json["image"]["caption"], "Your receipt");
//! assert_eq!(serde_json::from_value::<Outbound>(json)?, reply);
//! # let _ = "US.13491208655302741918".parse::<Identity>()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attributes;
pub mod inbound;
pub mod outbound;
pub mod response;
pub mod seen;
pub mod signature;
pub mod subscribe;
pub mod wire;

mod error;

pub use attributes::{InteractionAttributes, SUBJECT_MAX_GRAPHEMES};
pub use error::{MESSAGE_QUOTE_MAX, ModelError, QUOTE_MAX};
pub use inbound::events;
pub use inbound::{
    ApiError, BODY_MAX_BYTES, ButtonContent, Change, ChangeValue, ChoiceReply, Contact, Content,
    Context, DEPTH_MAX, EditContent, Entry, Envelope, ErrorCode, ErrorData, InboundMessage,
    InteractiveContent, InteractiveReply, InvalidItem, LocationContent, MediaContent, Message,
    Metadata, NfmReply, OrderContent, ProductItem, Profile, ReactionContent, Referral,
    RevokeContent, Shape, Status, StatusKind, SystemContent, TIMESTAMP_MAX, TIMESTAMP_MIN,
    TextContent, Timestamp, TimestampError, WHATSAPP_OBJECT, Webhook, WebhookError,
};
pub use outbound::{
    ADDRESS_FIELDS, AddressMessage, AttachmentRequest, ButtonAction, ButtonForm, ButtonMessage,
    ButtonParameter, ButtonSubType, CALLBACK_DATA_MAX, CAPTION_MAX, CARD_TYPES, COMPONENT_TYPES,
    CONTACTS_MAX, CallbackData, Caption, CardAction, CarouselCard, CarouselMessage, CatalogMessage,
    ContactAddress, ContactCard, ContactEmail, ContactName, ContactOrg, ContactPhone, ContactUrl,
    CtaUrlMessage, DRAFT_MAX_BYTES, DateTimeParts, DraftDocument, EnvelopeForm, FlowAction,
    FlowActionKind, FlowMessage, FlowMode, FlowRef, INTERACTIVE_TYPES, Interactive,
    InteractiveHeader, LATITUDE_MAX, LONGITUDE_MAX, ListMessage, Location, MESSAGE_TYPES, Media,
    MediaSource, ORDER_STATUSES, OrderDetailsMessage, OrderStatusMessage, Outbound, OutboundBody,
    Parameter, ParameterValue, ProductListMessage, ProductMessage, ProductSection, PromptMessage,
    Reaction, ReadReceipt, ReplyButton, ReplyTo, Row, SEND_BODY_MAX_BYTES, SavedAddress, Section,
    SendRequest, TEXT_BODY_MAX, TemplateCard, TemplateComponent, TemplateLanguage, TemplateMessage,
    Text, TextBody, VoiceCallMessage, VoiceCallParameters,
};
pub use response::{
    ErrorDataField, GraphError, RESPONSE_MAX_BYTES, SendContact, SendOutcome, SendResponse,
    SendResponseError, SendStatus, SentMessageRef,
};
pub use wire::{ELEMENTS_MAX, Extra, JsonNumber, List, RawJson, Slot};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};
/// The identities of `waba-phone` that messages carry.
pub use waba_phone::{Bsuid, E164, Identity};

#[doc(hidden)]
pub mod internal;
