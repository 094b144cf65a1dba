//! Outbound send bodies in the Cloud API shape:
//! `{"messaging_product":"whatsapp","recipient_type":"individual","to"|"recipient":…,
//! "context":{"message_id":…},"type":…,<type>:{…}}`.
//!
//! What we send is **closed**: [`Outbound::from_json`] reads a body key by key, refuses any key
//! or `type` it does not know ([`ModelError::UnknownKey`], [`ModelError::UnknownType`], with the
//! JSON path), and gives a typed value for every kind Meta accepts (text, media, location,
//! reaction, contacts, every interactive kind, templates). There is no "other" kind: nothing
//! unchecked reaches a send decision. Text and caption lengths are checked here; the rules of
//! interactive and template content live in `waba-template`.

/// The reading side of a checked text: `as_str`, `Deref<Target = str>`, `Display`, `Into<String>`.
macro_rules! checked_text {
    ($name:ident) => {
        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> String {
                text.0
            }
        }
    };
}

mod carousel;
mod commerce;
mod contacts;
mod draft;
mod interactive;
mod media;
mod prompts;
pub(crate) mod read;
mod schema;
mod template;

use serde_json::Value;

use crate::error::ModelError;
use crate::error::quote;
use read::Reader;
use read::{object, s, serde_via_json};
use waba_error::WabaError;
use waba_phone::Identity;

pub use carousel::{CARD_TYPES, CardAction, CarouselCard, CarouselMessage};
pub use commerce::{
    CatalogMessage, ORDER_STATUSES, OrderDetailsMessage, OrderStatusMessage, ProductListMessage,
    ProductMessage, ProductSection,
};
pub use contacts::{
    CONTACTS_MAX, ContactAddress, ContactCard, ContactEmail, ContactName, ContactOrg, ContactPhone,
    ContactUrl,
};
pub use draft::{AttachmentRequest, DRAFT_MAX_BYTES, DraftDocument};

pub use interactive::{
    ButtonMessage, INTERACTIVE_TYPES, Interactive, InteractiveHeader, ListMessage, ReplyButton,
    Row, Section,
};
pub use media::{
    CAPTION_MAX, Caption, LATITUDE_MAX, LONGITUDE_MAX, Location, Media, MediaSource, Reaction,
};
pub use prompts::{
    ADDRESS_FIELDS, AddressMessage, CtaUrlMessage, FlowAction, FlowActionKind, FlowMessage,
    FlowMode, FlowRef, PromptMessage, SavedAddress, VoiceCallMessage, VoiceCallParameters,
};
pub use template::{
    ButtonAction, ButtonForm, ButtonParameter, ButtonSubType, COMPONENT_TYPES, DateTimeParts,
    Parameter, ParameterValue, TemplateCard, TemplateComponent, TemplateLanguage, TemplateMessage,
};

/// The most characters `biz_opaque_callback_data` may have (Meta, Messages API reference: "Maximum
/// 512 characters"; raised from 256 to 512 per Meta's platform changelog). Counted in Unicode
/// scalar values (`char`s).
pub const CALLBACK_DATA_MAX: usize = 512;

/// `biz_opaque_callback_data`: tracking text of at most [`CALLBACK_DATA_MAX`] characters that
/// Meta does not read and echoes in the message's statuses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallbackData(String);

impl CallbackData {
    /// The most characters.
    pub const MAX: usize = CALLBACK_DATA_MAX;

    /// The text, checked.
    pub fn new(data: impl Into<String>) -> Result<CallbackData, ModelError> {
        at_most_chars(data.into(), CALLBACK_DATA_MAX, |limit, actual| {
            ModelError::CallbackDataTooLong { limit, actual }
        })
        .map(CallbackData)
    }
}

checked_text!(CallbackData);

/// `text` when it has at most `limit` characters (Unicode scalar values); else the error
/// `too_long(limit, actual)` gives.
pub(crate) fn at_most_chars(
    text: String,
    limit: usize,
    too_long: fn(u64, u64) -> ModelError,
) -> Result<String, ModelError> {
    let actual = text.chars().count();
    if actual > limit {
        return Err(too_long(limit as u64, actual as u64));
    }
    Ok(text)
}

/// The most characters a text message body may have (Meta: "maximum 4096 characters";
/// OpenAPI `TextMessage.body maxLength: 4096`). Counted in Unicode scalar values (`char`s).
pub const TEXT_BODY_MAX: usize = 4096;

/// A text message body: 1 to [`TEXT_BODY_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextBody(String);

impl TextBody {
    /// The least number of characters.
    pub const MIN: usize = 1;
    /// The most number of characters.
    pub const MAX: usize = TEXT_BODY_MAX;

    /// The body, checked.
    pub fn new(body: impl Into<String>) -> Result<TextBody, ModelError> {
        let body = body.into();
        if body.is_empty() {
            return Err(ModelError::TextEmpty);
        }
        at_most_chars(body, TEXT_BODY_MAX, |limit, actual| {
            ModelError::TextTooLong { limit, actual }
        })
        .map(TextBody)
    }
}

checked_text!(TextBody);

/// A text message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Text {
    /// The body, 1 to [`TEXT_BODY_MAX`] characters.
    pub body: TextBody,
    /// Whether WhatsApp should render a preview of the first URL (Meta's default: false); `None`
    /// leaves the key out.
    pub preview_url: Option<bool>,
}

impl Text {
    /// A text message without URL preview (`preview_url: false` is written); refuses an empty
    /// body or one over [`TEXT_BODY_MAX`] characters.
    pub fn new(body: impl Into<String>) -> Result<Text, ModelError> {
        Ok(Text {
            body: TextBody::new(body)?,
            preview_url: Some(false),
        })
    }

    /// The same message with URL preview on or off.
    pub fn with_preview_url(mut self, preview_url: bool) -> Text {
        self.preview_url = Some(preview_url);
        self
    }

    fn to_json(&self) -> Value {
        object([
            ("preview_url", self.preview_url.map(Value::Bool)),
            ("body", s(&self.body)),
        ])
    }

    pub(crate) fn read(mut o: Reader) -> Result<Text, ModelError> {
        let body = o.string("body")?;
        let preview_url = o.opt_bool("preview_url")?;
        o.finish()?;
        Ok(Text {
            body: TextBody::new(body)?,
            preview_url,
        })
    }

    fn from_json(value: Value) -> Result<Text, ModelError> {
        Text::read(Reader::new(value, "text".to_owned())?)
    }
}

serde_via_json!(Text, "text");

/// The message an outbound message replies to (`context.message_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyTo {
    /// The id (`wamid.…`) of the message replied to.
    pub message_id: String,
}

impl ReplyTo {
    /// A reply to `message_id`.
    pub fn new(message_id: impl Into<String>) -> ReplyTo {
        ReplyTo {
            message_id: message_id.into(),
        }
    }
}

/// What an outbound message carries; the variant is the Cloud API `type`. The set is closed:
/// a body of any other type is refused when read ([`ModelError::UnknownType`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OutboundBody {
    /// `type: "text"`.
    Text(Text),
    /// `type: "image"`.
    Image(Media),
    /// `type: "video"`.
    Video(Media),
    /// `type: "audio"`.
    Audio(Media),
    /// `type: "document"`.
    Document(Media),
    /// `type: "sticker"`.
    Sticker(Media),
    /// `type: "location"`.
    Location(Location),
    /// `type: "reaction"`.
    Reaction(Reaction),
    /// `type: "contacts"`: 1 to [`CONTACTS_MAX`] contact cards.
    Contacts(Vec<ContactCard>),
    /// `type: "interactive"`.
    Interactive(Interactive),
    /// `type: "template"`.
    Template(TemplateMessage),
}

/// Every message `type` a send body may have, in the order of [`OutboundBody`].
pub const MESSAGE_TYPES: [&str; 11] = [
    "text",
    "image",
    "video",
    "audio",
    "document",
    "sticker",
    "location",
    "reaction",
    "contacts",
    "interactive",
    "template",
];

impl OutboundBody {
    /// The Cloud API `type` of this body.
    pub fn kind(&self) -> &'static str {
        match self {
            OutboundBody::Text(_) => "text",
            OutboundBody::Image(_) => "image",
            OutboundBody::Video(_) => "video",
            OutboundBody::Audio(_) => "audio",
            OutboundBody::Document(_) => "document",
            OutboundBody::Sticker(_) => "sticker",
            OutboundBody::Location(_) => "location",
            OutboundBody::Reaction(_) => "reaction",
            OutboundBody::Contacts(_) => "contacts",
            OutboundBody::Interactive(_) => "interactive",
            OutboundBody::Template(_) => "template",
        }
    }

    fn payload_json(&self) -> Value {
        match self {
            OutboundBody::Text(t) => t.to_json(),
            OutboundBody::Image(m)
            | OutboundBody::Video(m)
            | OutboundBody::Audio(m)
            | OutboundBody::Document(m)
            | OutboundBody::Sticker(m) => m.to_json(),
            OutboundBody::Location(l) => l.to_json(),
            OutboundBody::Reaction(r) => r.to_json(),
            OutboundBody::Contacts(cards) => {
                Value::Array(cards.iter().map(ContactCard::to_json).collect())
            }
            OutboundBody::Interactive(i) => i.to_json(),
            OutboundBody::Template(t) => t.to_json(),
        }
    }

    /// Reads the payload of a body of type `kind` found at `path`.
    pub(crate) fn read(
        kind: &str,
        payload: Value,
        path: String,
    ) -> Result<OutboundBody, ModelError> {
        let media = |payload: Value, kind: media::MediaKind| {
            Media::read(Reader::new(payload, path.clone())?, kind)
        };
        Ok(match kind {
            "text" => OutboundBody::Text(Text::read(Reader::new(payload, path)?)?),
            "image" => OutboundBody::Image(media(payload, media::MediaKind::Image)?),
            "video" => OutboundBody::Video(media(payload, media::MediaKind::Video)?),
            "audio" => OutboundBody::Audio(media(payload, media::MediaKind::Audio)?),
            "document" => OutboundBody::Document(media(payload, media::MediaKind::Document)?),
            "sticker" => OutboundBody::Sticker(media(payload, media::MediaKind::Sticker)?),
            "location" => OutboundBody::Location(Location::read(Reader::new(payload, path)?)?),
            "reaction" => OutboundBody::Reaction(Reaction::read(Reader::new(payload, path)?)?),
            "contacts" => OutboundBody::Contacts(contacts::read_cards(payload, path)?),
            "interactive" => OutboundBody::Interactive(Interactive::read(payload, path)?),
            "template" => {
                OutboundBody::Template(TemplateMessage::read(Reader::new(payload, path)?)?)
            }
            other => {
                return Err(ModelError::UnknownType {
                    field: "type".to_owned(),
                    value: quote(other),
                });
            }
        })
    }
}

/// How a send body read from JSON was written, where Meta accepts several forms, so that it is
/// written back as it came. The default is the form this crate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EnvelopeForm {
    /// `recipient_type` was absent (Meta's default is `individual`).
    pub omit_recipient_type: bool,
    /// `to` was written with a leading `+`.
    pub to_with_plus: bool,
    /// `type` was absent (Meta infers it; the body has a single payload key).
    pub omit_type: bool,
}

/// One Cloud API send body.
///
/// ```
/// use waba_model::{Identity, Outbound, OutboundBody, Text, WabaError};
///
/// let msg = Outbound::new(OutboundBody::Text(Text::new("Hello")?))
///     .to("+16315551002".parse::<Identity>()?)
///     .reply_to("wamid.ABC");
/// assert_eq!(
///     serde_json::to_value(&msg)?,
///     serde_json::json!({
///         "messaging_product": "whatsapp", "recipient_type": "individual",
///         "to": "16315551002", "context": {"message_id": "wamid.ABC"},
///         "type": "text", "text": {"preview_url": false, "body": "Hello"}
///     })
/// );
/// // What we send is closed: an unknown key is refused, with its path.
/// let e = Outbound::from_json(serde_json::json!({"type": "text", "text": {"body": "Hi", "x": 1}}))
///     .unwrap_err();
/// assert_eq!((e.code(), e.field()), ("outbound.unknown_key", Some("text.x")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Outbound {
    /// The addressee, when already known: a phone number is sent as `to` (its digits without the
    /// plus, the wa_id form Meta documents), a BSUID as `recipient`.
    pub to: Option<Identity>,
    /// The message this one replies to.
    pub context: Option<ReplyTo>,
    /// The content.
    pub body: OutboundBody,
    /// `biz_opaque_callback_data`: tracking text Meta echoes in this message's statuses.
    pub callback_data: Option<CallbackData>,
    /// How the envelope was written (see [`EnvelopeForm`]).
    pub form: EnvelopeForm,
}

impl Outbound {
    /// A send body without recipient or reply context.
    pub fn new(body: impl Into<OutboundBody>) -> Outbound {
        Outbound {
            to: None,
            context: None,
            body: body.into(),
            callback_data: None,
            form: EnvelopeForm::default(),
        }
    }

    /// A text message; refuses an empty body or one over [`TEXT_BODY_MAX`] characters.
    pub fn text(body: impl Into<String>) -> Result<Outbound, ModelError> {
        Ok(Outbound::new(Text::new(body)?))
    }

    /// The same message addressed to `to`.
    pub fn to(mut self, to: impl Into<Identity>) -> Outbound {
        self.to = Some(to.into());
        self
    }

    /// The same message as a reply to `message_id`.
    pub fn reply_to(mut self, message_id: impl Into<String>) -> Outbound {
        self.context = Some(ReplyTo::new(message_id));
        self
    }

    /// The same message carrying `callback_data` as `biz_opaque_callback_data`.
    pub fn with_callback_data(mut self, callback_data: CallbackData) -> Outbound {
        self.callback_data = Some(callback_data);
        self
    }

    /// The Cloud API JSON of this body.
    pub fn to_json(&self) -> Value {
        let mut map = serde_json::Map::new();
        map.insert("messaging_product".into(), Value::from("whatsapp"));
        if !self.form.omit_recipient_type {
            map.insert("recipient_type".into(), Value::from("individual"));
        }
        match &self.to {
            Some(Identity::Phone(p)) => {
                let to = if self.form.to_with_plus {
                    p.as_str()
                } else {
                    p.digits()
                };
                map.insert("to".into(), Value::from(to));
            }
            Some(Identity::Bsuid(b)) => {
                map.insert("recipient".into(), Value::from(b.as_str()));
            }
            None => {}
        }
        if let Some(ctx) = &self.context {
            map.insert(
                "context".into(),
                object([("message_id", s(&ctx.message_id))]),
            );
        }
        let kind = self.body.kind();
        if !self.form.omit_type {
            map.insert("type".into(), Value::from(kind));
        }
        map.insert(kind.to_owned(), self.body.payload_json());
        if let Some(data) = &self.callback_data {
            map.insert(
                "biz_opaque_callback_data".into(),
                Value::from(data.as_str()),
            );
        }
        Value::Object(map)
    }

    /// Reads a Cloud API send body, strictly: every key known, every value of its documented
    /// type, every kind typed (see the module docs). `messaging_product`, `recipient_type` and
    /// `type` may be left out (Meta infers `type` from the one payload key).
    pub fn from_json(value: Value) -> Result<Outbound, ModelError> {
        Outbound::read(Reader::new(value, String::new())?)
    }

    pub(crate) fn read(mut o: Reader) -> Result<Outbound, ModelError> {
        let mut form = EnvelopeForm::default();
        if let Some(p) = o.opt_string("messaging_product")? {
            if p != "whatsapp" {
                return Err(ModelError::InvalidValue {
                    field: "messaging_product".into(),
                    reason: format!("{:?} is not \"whatsapp\"", quote(&p)),
                });
            }
        }
        match o.opt_string("recipient_type")? {
            None => form.omit_recipient_type = true,
            Some(t) if t == "individual" => {}
            Some(t) => {
                return Err(ModelError::InvalidValue {
                    field: "recipient_type".into(),
                    reason: format!(
                        "{:?}: only \"individual\" is sent (groups are not part of this model)",
                        quote(&t)
                    ),
                });
            }
        }
        let to = match (o.opt_string("to")?, o.opt_string("recipient")?) {
            (Some(_), Some(_)) => {
                return Err(ModelError::InvalidValue {
                    field: "recipient".into(),
                    reason: "give `to` or `recipient`, not both (Meta would use `to` alone)".into(),
                });
            }
            (Some(phone), None) => {
                form.to_with_plus = phone.starts_with('+');
                Some(identity(&phone, true)?)
            }
            (None, Some(user)) => Some(identity(&user, false)?),
            (None, None) => None,
        };
        let context = match o.opt_object("context")? {
            None => None,
            Some(mut ctx) => {
                let id = ctx.string("message_id")?;
                ctx.finish()?;
                Some(ReplyTo::new(id))
            }
        };
        let callback_data = o
            .opt_string("biz_opaque_callback_data")?
            .map(CallbackData::new)
            .transpose()?;
        let kind = match o.opt_string("type")? {
            Some(kind) => kind,
            None => {
                form.omit_type = true;
                // Meta's default is text; a body with exactly one payload key is of that type.
                let present: Vec<&str> =
                    MESSAGE_TYPES.iter().copied().filter(|k| o.has(k)).collect();
                match present.as_slice() {
                    [] => {
                        // Nothing to send: name the first key that is not ours, else `text`.
                        o.finish()?;
                        return Err(ModelError::Missing {
                            field: "text".into(),
                        });
                    }
                    [one] => (*one).to_owned(),
                    [_, second, ..] => {
                        return Err(ModelError::UnknownKey {
                            field: (*second).to_owned(),
                        });
                    }
                }
            }
        };
        if !MESSAGE_TYPES.contains(&kind.as_str()) {
            return Err(ModelError::UnknownType {
                field: "type".into(),
                value: quote(&kind),
            });
        }
        let payload = o.required(&kind)?;
        o.finish()?;
        Ok(Outbound {
            body: OutboundBody::read(&kind, payload, kind.clone())?,
            to,
            context,
            callback_data,
            form,
        })
    }
}

serde_via_json!(Outbound, "outbound");

/// A request to mark a message read (`"status": "read"`), optionally showing a typing indicator:
/// the other body Meta's `/messages` endpoint takes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadReceipt {
    /// The id of the customer's message to mark read.
    pub message_id: String,
    /// Whether to show a typing indicator (`"typing_indicator": {"type": "text"}`).
    pub typing_indicator: bool,
}

impl ReadReceipt {
    /// Marks `message_id` read, without typing indicator.
    pub fn new(message_id: impl Into<String>) -> ReadReceipt {
        ReadReceipt {
            message_id: message_id.into(),
            typing_indicator: false,
        }
    }

    /// The Cloud API JSON.
    pub fn to_json(&self) -> Value {
        object([
            ("messaging_product", s("whatsapp")),
            ("status", s("read")),
            ("message_id", s(&self.message_id)),
            (
                "typing_indicator",
                self.typing_indicator.then(|| object([("type", s("text"))])),
            ),
        ])
    }

    fn read(mut o: Reader) -> Result<ReadReceipt, ModelError> {
        if let Some(p) = o.opt_string("messaging_product")? {
            if p != "whatsapp" {
                return Err(ModelError::InvalidValue {
                    field: "messaging_product".into(),
                    reason: format!("{:?} is not \"whatsapp\"", quote(&p)),
                });
            }
        }
        o.fixed("status", "read")?;
        let message_id = o.string("message_id")?;
        let typing_indicator = match o.opt_object("typing_indicator")? {
            None => false,
            Some(mut t) => {
                t.fixed("type", "text")?;
                t.finish()?;
                true
            }
        };
        o.finish()?;
        Ok(ReadReceipt {
            message_id,
            typing_indicator,
        })
    }
}

/// Any body of `POST /{phone-number-id}/messages`: a message, or a read receipt.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SendRequest {
    /// A message (boxed: it is much larger than a read receipt).
    Message(Box<Outbound>),
    /// A read receipt (with or without typing indicator).
    Read(ReadReceipt),
}

/// The largest send body read from text, in bytes (the same as a draft's).
pub const SEND_BODY_MAX_BYTES: usize = DRAFT_MAX_BYTES;

impl SendRequest {
    /// Reads a request from JSON text with the strict reader (at most [`SEND_BODY_MAX_BYTES`], no
    /// key given twice, numbers kept exactly), then as [`SendRequest::from_json`].
    pub fn from_slice(bytes: &[u8]) -> Result<SendRequest, ModelError> {
        SendRequest::from_json(waba_json::from_slice(bytes, SEND_BODY_MAX_BYTES)?)
    }

    /// Reads a request strictly: a body with `status` is a read receipt, anything else a message.
    pub fn from_json(value: Value) -> Result<SendRequest, ModelError> {
        let o = Reader::new(value, String::new())?;
        if o.has("status") {
            ReadReceipt::read(o).map(SendRequest::Read)
        } else {
            Outbound::read(o).map(|m| SendRequest::Message(Box::new(m)))
        }
    }

    /// The Cloud API JSON.
    pub fn to_json(&self) -> Value {
        match self {
            SendRequest::Message(m) => m.to_json(),
            SendRequest::Read(r) => r.to_json(),
        }
    }
}

/// Reads a `to` (a phone number: `+` optional) or a `recipient` (a BSUID).
fn identity(input: &str, phone: bool) -> Result<Identity, ModelError> {
    let parsed = if phone {
        let digits = input.strip_prefix('+').unwrap_or(input);
        waba_phone::E164::from_wa_id(digits)
            .map(Identity::Phone)
            .map_err(waba_phone::IdentityError::Phone)
    } else {
        input.parse::<waba_phone::Bsuid>().map(Identity::Bsuid)
    };
    parsed.map_err(|e| ModelError::InvalidRecipient {
        input: quote(input),
        reason: e.to_string(),
        identity_code: e.code(),
    })
}

/// `From` each body type into its variant of [`OutboundBody`].
macro_rules! into_body {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(impl From<$ty> for OutboundBody {
            fn from(body: $ty) -> OutboundBody {
                OutboundBody::$variant(body)
            }
        })*
    };
}

into_body! {
    Text => Text,
    Location => Location,
    Reaction => Reaction,
    Interactive => Interactive,
    TemplateMessage => Template,
}
