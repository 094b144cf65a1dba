//! Outbound send bodies in the Cloud API shape:
//! `{"messaging_product":"whatsapp","recipient_type":"individual","to"|"recipient":…,
//! "context":{"message_id":…},"type":…,<type>:{…}}`.
//!
//! Text and caption lengths are checked when the values are built; interactive and template
//! content is plain data (validated by `waba-template`).

use waba_error::WabaError;

mod interactive;
mod media;
mod template;

use std::fmt;

use serde_json::Value;

use crate::error::ModelError;
use crate::error::quote;
use crate::json::{Obj, object, s, serde_via_json};
use waba_phone::Identity;

pub use interactive::{
    ButtonMessage, Interactive, InteractiveHeader, ListMessage, ReplyButton, Row, Section,
};
pub use media::{
    CAPTION_MAX, Caption, LATITUDE_MAX, LONGITUDE_MAX, Location, Media, MediaSource, Reaction,
};
pub use template::{
    ButtonParameter, ButtonSubType, Parameter, ParameterValue, TemplateComponent, TemplateLanguage,
    TemplateMessage,
};

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
        let actual = body.chars().count();
        if actual > TEXT_BODY_MAX {
            return Err(ModelError::TextTooLong {
                limit: TEXT_BODY_MAX as u64,
                actual: actual as u64,
            });
        }
        Ok(TextBody(body))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for TextBody {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TextBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<TextBody> for String {
    fn from(body: TextBody) -> String {
        body.0
    }
}

/// A text message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Text {
    /// The body, 1 to [`TEXT_BODY_MAX`] characters.
    pub body: TextBody,
    /// Whether WhatsApp should render a preview of the first URL (Meta's default: false).
    pub preview_url: bool,
}

impl Text {
    /// A text message without URL preview; refuses an empty body or one over [`TEXT_BODY_MAX`]
    /// characters.
    pub fn new(body: impl Into<String>) -> Result<Text, ModelError> {
        Ok(Text {
            body: TextBody::new(body)?,
            preview_url: false,
        })
    }

    /// The same message with URL preview on or off.
    pub fn with_preview_url(mut self, preview_url: bool) -> Text {
        self.preview_url = preview_url;
        self
    }

    fn to_json(&self) -> Value {
        object([
            ("preview_url", Some(Value::Bool(self.preview_url))),
            ("body", s(&self.body)),
        ])
    }

    fn from_json(value: Value) -> Result<Text, ModelError> {
        let malformed = ModelError::Malformed { what: "text" };
        let mut o = Obj::new(value).ok_or(malformed.clone())?;
        let body = o.string("body").ok_or(malformed.clone())?;
        let preview_url = match o.take("preview_url") {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(_) => return Err(malformed),
        };
        o.finish().ok_or(ModelError::Malformed { what: "text" })?;
        Ok(Text::new(body)?.with_preview_url(preview_url))
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
        let data = data.into();
        let actual = data.chars().count();
        if actual > CALLBACK_DATA_MAX {
            return Err(ModelError::CallbackDataTooLong {
                limit: CALLBACK_DATA_MAX as u64,
                actual: actual as u64,
            });
        }
        Ok(CallbackData(data))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallbackData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an outbound message carries; the variant is the Cloud API `type`.
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
    /// `type: "interactive"`.
    Interactive(Interactive),
    /// `type: "template"`.
    Template(TemplateMessage),
    /// Any other type, kept as it came: the `type` and the object under that key.
    Other {
        /// The `type` value.
        kind: String,
        /// The payload under the key named by `kind` (`null` when there was none).
        raw: Value,
    },
}

impl OutboundBody {
    /// The Cloud API `type` of this body.
    pub fn kind(&self) -> &str {
        match self {
            OutboundBody::Text(_) => "text",
            OutboundBody::Image(_) => "image",
            OutboundBody::Video(_) => "video",
            OutboundBody::Audio(_) => "audio",
            OutboundBody::Document(_) => "document",
            OutboundBody::Sticker(_) => "sticker",
            OutboundBody::Location(_) => "location",
            OutboundBody::Reaction(_) => "reaction",
            OutboundBody::Interactive(_) => "interactive",
            OutboundBody::Template(_) => "template",
            OutboundBody::Other { kind, .. } => kind,
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
            OutboundBody::Interactive(i) => i.to_json(),
            OutboundBody::Template(t) => t.to_json(),
            OutboundBody::Other { raw, .. } => raw.clone(),
        }
    }

    fn from_json(kind: String, payload: Option<Value>) -> Result<OutboundBody, ModelError> {
        let missing = || ModelError::Malformed { what: "type" };
        Ok(match kind.as_str() {
            "text" => OutboundBody::Text(Text::from_json(payload.ok_or_else(missing)?)?),
            "image" => OutboundBody::Image(Media::from_json(payload.ok_or_else(missing)?)?),
            "video" => OutboundBody::Video(Media::from_json(payload.ok_or_else(missing)?)?),
            "audio" => OutboundBody::Audio(Media::from_json(payload.ok_or_else(missing)?)?),
            "document" => OutboundBody::Document(Media::from_json(payload.ok_or_else(missing)?)?),
            "sticker" => OutboundBody::Sticker(Media::from_json(payload.ok_or_else(missing)?)?),
            "location" => {
                OutboundBody::Location(Location::from_json(payload.ok_or_else(missing)?)?)
            }
            "reaction" => {
                OutboundBody::Reaction(Reaction::from_json(payload.ok_or_else(missing)?)?)
            }
            "interactive" => {
                OutboundBody::Interactive(Interactive::from_value(payload.ok_or_else(missing)?))
            }
            "template" => {
                OutboundBody::Template(TemplateMessage::from_json(payload.ok_or_else(missing)?)?)
            }
            _ => OutboundBody::Other {
                raw: payload.unwrap_or(Value::Null),
                kind,
            },
        })
    }
}

/// One Cloud API send body.
///
/// ```
/// use waba_model::{Identity, Outbound, OutboundBody, Text};
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
}

impl Outbound {
    /// A send body without recipient or reply context.
    pub fn new(body: impl Into<OutboundBody>) -> Outbound {
        Outbound {
            to: None,
            context: None,
            body: body.into(),
            callback_data: None,
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
        map.insert("recipient_type".into(), Value::from("individual"));
        match &self.to {
            Some(Identity::Phone(p)) => {
                map.insert("to".into(), Value::from(p.digits()));
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
        if let Some(data) = &self.callback_data {
            map.insert(
                "biz_opaque_callback_data".into(),
                Value::from(data.as_str()),
            );
        }
        let kind = self.body.kind().to_owned();
        map.insert("type".into(), Value::from(kind.as_str()));
        if let Some(payload) = Some(self.body.payload_json()).filter(|p| !p.is_null()) {
            map.insert(kind, payload);
        }
        Value::Object(map)
    }

    /// Reads a Cloud API send body.
    pub fn from_json(value: Value) -> Result<Outbound, ModelError> {
        let malformed = |what| ModelError::Malformed { what };
        let mut o = Obj::new(value).ok_or(malformed("body"))?;
        match o.take("messaging_product") {
            None => {}
            Some(Value::String(p)) if p == "whatsapp" => {}
            Some(_) => return Err(malformed("messaging_product")),
        }
        match o.take("recipient_type") {
            None => {}
            Some(Value::String(p)) if p == "individual" => {}
            Some(_) => return Err(malformed("recipient_type")),
        }
        let to = match (
            o.opt_string("to").ok_or(malformed("to"))?,
            o.opt_string("recipient").ok_or(malformed("recipient"))?,
        ) {
            (Some(_), Some(_)) => return Err(malformed("to")),
            (Some(phone), None) => Some(identity(&phone, true)?),
            (None, Some(user)) => Some(identity(&user, false)?),
            (None, None) => None,
        };
        let context = match o.take("context") {
            None => None,
            Some(ctx) => {
                let mut ctx = Obj::new(ctx).ok_or(malformed("context"))?;
                let id = ctx.string("message_id").ok_or(malformed("context"))?;
                ctx.finish().ok_or(malformed("context"))?;
                Some(ReplyTo::new(id))
            }
        };
        let callback_data = o
            .opt_string("biz_opaque_callback_data")
            .ok_or(malformed("biz_opaque_callback_data"))?
            .map(CallbackData::new)
            .transpose()?;
        let kind = o.string("type").ok_or(malformed("type"))?;
        let payload = o.take(&kind);
        o.finish().ok_or(malformed("body"))?;
        Ok(Outbound {
            to,
            context,
            body: OutboundBody::from_json(kind, payload)?,
            callback_data,
        })
    }
}

serde_via_json!(Outbound, "outbound");

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

impl From<Text> for OutboundBody {
    fn from(t: Text) -> OutboundBody {
        OutboundBody::Text(t)
    }
}
impl From<Location> for OutboundBody {
    fn from(l: Location) -> OutboundBody {
        OutboundBody::Location(l)
    }
}
impl From<Reaction> for OutboundBody {
    fn from(r: Reaction) -> OutboundBody {
        OutboundBody::Reaction(r)
    }
}
impl From<Interactive> for OutboundBody {
    fn from(i: Interactive) -> OutboundBody {
        OutboundBody::Interactive(i)
    }
}
impl From<TemplateMessage> for OutboundBody {
    fn from(t: TemplateMessage) -> OutboundBody {
        OutboundBody::Template(t)
    }
}
