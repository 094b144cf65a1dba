//! Inbound webhooks: the Cloud API envelope and the legacy On-Premises shape, read losslessly.

use waba_error::WabaError;

mod envelope;
pub mod events;
mod message;
mod status;
mod time;

use chrono::{DateTime, Utc};
use serde::Serialize;
use waba_phone::{Bsuid, E164, Identity};

use crate::error::quote_long;
use crate::wire::{RawJson, ReadError, ReadWire, Reader, Slot, read_document};

pub use crate::wire::DEPTH_MAX;

pub use envelope::{Change, ChangeValue, Contact, Entry, Envelope, Metadata, Profile};
pub use message::{
    ButtonContent, ChoiceReply, Content, Context, EditContent, InteractiveContent,
    InteractiveReply, LocationContent, MediaContent, Message, NfmReply, OrderContent, ProductItem,
    ReactionContent, Referral, RevokeContent, SystemContent, TextContent,
};
pub use status::{ApiError, ErrorCode, ErrorData, Status, StatusKind};
pub use time::{TIMESTAMP_MAX, TIMESTAMP_MIN, Timestamp, TimestampError};

/// The largest webhook body read, in bytes (1 MiB). Meta's deliveries are a few kB; the cap is
/// checked before parsing.
pub const BODY_MAX_BYTES: usize = 1024 * 1024;

/// The `object` of a WhatsApp Cloud API webhook.
pub const WHATSAPP_OBJECT: &str = "whatsapp_business_account";

/// Which shape a webhook came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Shape {
    /// The Cloud API envelope (`object`, `entry[].changes[].value`).
    Cloud,
    /// The On-Premises shape (`contacts`, `messages`, `statuses`, `errors` at the top level).
    Legacy,
}

/// A webhook body, read losslessly: serializing it gives back the same JSON (canonically equal;
/// every unknown field, `null`, number and unreadable element kept as it came).
///
/// ```
/// use waba_model::{Content, Webhook};
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
///   "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
///   "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"}],
///   "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1697043223","type":"text","text":{"body":"Hi"},"new_field":1e400}]}}]}]}"#;
/// let hook = Webhook::parse(body)?;
/// let msg = hook.messages().next().unwrap().unwrap();
/// assert!(matches!(&msg.message.content, Some(Content::Text(t)) if t.body.as_deref() == Some("Hi")));
/// assert_eq!(msg.sender().unwrap().as_str(), "+16315551002");
/// assert_eq!(msg.origin_time()?.to_rfc3339(), "2023-10-11T16:53:43+00:00");
/// // The unknown field (a number no f64 can hold) comes back as written.
/// assert!(hook.to_json_string()?.contains(r#""new_field":1e400"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Webhook {
    /// A Cloud API envelope.
    Cloud(Envelope),
    /// An On-Premises body.
    Legacy(ChangeValue),
}

impl Serialize for Webhook {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Webhook::Cloud(e) => e.serialize(serializer),
            Webhook::Legacy(v) => v.serialize(serializer),
        }
    }
}

/// An inbound message with what surrounds it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct InboundMessage<'a> {
    /// The message.
    pub message: &'a Message,
    /// The contact entry of its sender, when the webhook has one.
    pub contact: Option<&'a Contact>,
    /// The business number that received it (absent in the legacy shape).
    pub metadata: Option<&'a Metadata>,
    /// The WhatsApp Business Account id (`entry[].id`).
    pub account_id: Option<&'a str>,
    /// The shape of the webhook.
    pub shape: Shape,
}

impl<'a> InboundMessage<'a> {
    /// The sender: the phone number of `from` (a wa_id), else the BSUID of `from_user_id` (or of
    /// the contact's `user_id`); `None` when neither is a valid identity.
    pub fn sender(&self) -> Option<Identity> {
        let m = self.message;
        if let Some(p) = m.from.as_deref().and_then(|f| E164::from_wa_id(f).ok()) {
            return Some(Identity::Phone(p));
        }
        let user = m
            .from_user_id
            .as_deref()
            .or_else(|| self.contact.and_then(|c| c.user_id.as_deref()))?;
        user.parse::<Bsuid>().ok().map(Identity::Bsuid)
    }

    /// When the customer sent the message, or why that is not known.
    pub fn origin_time(&self) -> Result<DateTime<Utc>, TimestampError> {
        self.message
            .timestamp
            .as_ref()
            .ok_or(TimestampError::Missing)?
            .time()
    }

    /// Whether the customer came from a click-to-WhatsApp ad or a Page post.
    pub fn has_referral(&self) -> bool {
        self.message.has_referral()
    }

    /// The message's payload when it could not be read (a known type of unexpected shape, a lone
    /// surrogate in its text): the message still comes through, and this says so, with the
    /// payload as it came.
    pub fn content_error(&self) -> Option<InvalidItem<'a>> {
        match self.message.content.as_ref()? {
            Content::Unparsed { raw, error } => Some(InvalidItem {
                kind: "content",
                raw,
                error,
            }),
            _ => None,
        }
    }

    /// Whether the message names a sender (`from`) that is not a phone number (nor a BSUID): the
    /// value is kept where the attributes need it (`_umsFromAddr`), and this flags it.
    pub fn sender_unverified(&self) -> bool {
        self.message.from.is_some() && self.sender().is_none_or(|s| s.phone().is_none())
    }

    /// The customer's profile name.
    pub fn profile_name(&self) -> Option<&'a str> {
        let profile = self.contact?.profile.as_ref()?;
        profile.name.as_deref().or(profile.username.as_deref())
    }
}

/// An element of a webhook that could not be read, kept as it came.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct InvalidItem<'a> {
    /// `message`, `status`, `error` or `contact`.
    pub kind: &'static str,
    /// The element as it came.
    pub raw: &'a RawJson,
    /// Why it could not be read.
    pub error: &'a str,
}

impl InvalidItem<'_> {
    /// The stable code: `webhook.invalid_<kind>` (`content` is the payload of a message that was
    /// itself read: the message still comes through, flagged).
    pub fn code(&self) -> &'static str {
        match self.kind {
            "message" => "webhook.invalid_message",
            "status" => "webhook.invalid_status",
            "error" => "webhook.invalid_error",
            "content" => "webhook.invalid_content",
            _ => "webhook.invalid_contact",
        }
    }
}

type ValueRef<'a> = (Option<&'a str>, &'a ChangeValue);

impl Webhook {
    /// Reads a webhook body: checks its size, then reads it into the model in one pass (the
    /// lossless reader of [`crate::wire`]); nesting and element counts are capped while reading.
    pub fn parse(bytes: &[u8]) -> Result<Webhook, WebhookError> {
        if bytes.len() > BODY_MAX_BYTES {
            return Err(WebhookError::TooLarge {
                limit: BODY_MAX_BYTES as u64,
                actual: bytes.len() as u64,
            });
        }
        // Validate UTF-8 once: strings and kept values are then slices of checked text.
        let text = match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                let at = std::str::from_utf8(bytes)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                return Err(utf8_error(bytes, at));
            }
        };
        match text.bytes().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            None => return Err(WebhookError::Empty),
            Some(_) => {
                // Say what is wrong when it is not even JSON (nesting capped, without recursion).
                Reader::new(text)
                    .check_document()
                    .map_err(|e| WebhookError::from_read(&e, text))?;
                return Err(WebhookError::NotAnObject);
            }
        }
        let envelope: Envelope = read_text(text)?;
        if envelope.object.is_some() || envelope.entry.is_some() {
            if let Some(object) = envelope.object.as_deref().filter(|o| *o != WHATSAPP_OBJECT) {
                return Err(WebhookError::NotWhatsApp {
                    object: crate::error::quote(object),
                });
            }
            return Ok(Webhook::Cloud(envelope));
        }
        let legacy: ChangeValue = read_text(text)?;
        if legacy.contacts.is_none()
            && legacy.messages.is_none()
            && legacy.statuses.is_none()
            && legacy.errors.is_none()
        {
            return Err(WebhookError::UnrecognizedShape);
        }
        Ok(Webhook::Legacy(legacy))
    }

    /// The shape it came in.
    pub fn shape(&self) -> Shape {
        match self {
            Webhook::Cloud(_) => Shape::Cloud,
            Webhook::Legacy(_) => Shape::Legacy,
        }
    }

    /// The JSON of the webhook, as it came (canonically equal).
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// The values holding messages and statuses: `changes` whose `field` is `messages` (or
    /// absent), or the legacy top level.
    fn values(&self) -> Vec<ValueRef<'_>> {
        match self {
            Webhook::Legacy(v) => vec![(None, v)],
            Webhook::Cloud(env) => env
                .entry
                .iter()
                .flat_map(|l| l.iter())
                .flat_map(|entry| {
                    entry.changes.iter().flat_map(|l| l.iter()).filter_map(|c| {
                        let field_ok = c.field.as_deref().is_none_or(|f| f == "messages");
                        let value = c.value.as_ref().filter(|_| field_ok)?;
                        Some((entry.id.as_deref(), value))
                    })
                })
                .collect(),
        }
    }

    /// Every inbound message, in order, with its contact and business number; an element that
    /// could not be read comes as an [`InvalidItem`] in its place.
    pub fn messages(&self) -> impl Iterator<Item = Result<InboundMessage<'_>, InvalidItem<'_>>> {
        let shape = self.shape();
        let mut out = Vec::new();
        for (account_id, value) in self.values() {
            for slot in value.messages.iter().flat_map(|l| l.iter()) {
                out.push(match slot {
                    Slot::Ok(message) => Ok(InboundMessage {
                        message,
                        contact: find_contact(value, message),
                        metadata: value.metadata.as_ref(),
                        account_id,
                        shape,
                    }),
                    Slot::Invalid { raw, error } => Err(InvalidItem {
                        kind: "message",
                        raw,
                        error,
                    }),
                });
            }
        }
        out.into_iter()
    }

    /// Every contact entry (`value.contacts`), in order; one that could not be read (a
    /// `profile.name` given twice, a lone surrogate in a name) comes as an [`InvalidItem`] of
    /// kind `contact` (`webhook.invalid_contact`), kept byte for byte.
    pub fn contacts(&self) -> impl Iterator<Item = Result<&Contact, InvalidItem<'_>>> {
        self.slots(|v| v.contacts.as_ref(), "contact")
    }

    /// Every status, in order.
    pub fn statuses(&self) -> impl Iterator<Item = Result<&Status, InvalidItem<'_>>> {
        self.slots(|v| v.statuses.as_ref(), "status")
    }

    /// Every error not tied to a message (`value.errors`), in order.
    pub fn errors(&self) -> impl Iterator<Item = Result<&ApiError, InvalidItem<'_>>> {
        self.slots(|v| v.errors.as_ref(), "error")
    }

    fn slots<'a, T: 'a>(
        &'a self,
        pick: impl Fn(&'a ChangeValue) -> Option<&'a crate::wire::List<Slot<T>>>,
        kind: &'static str,
    ) -> impl Iterator<Item = Result<&'a T, InvalidItem<'a>>> {
        let mut out = Vec::new();
        for (_, value) in self.values() {
            for slot in pick(value).iter().flat_map(|l| l.iter()) {
                out.push(match slot {
                    Slot::Ok(v) => Ok(v),
                    Slot::Invalid { raw, error } => Err(InvalidItem { kind, raw, error }),
                });
            }
        }
        out.into_iter()
    }
}

fn find_contact<'a>(value: &'a ChangeValue, message: &Message) -> Option<&'a Contact> {
    let i = contact_index(value, message)?;
    value.contacts.as_ref()?.0.get(i)?.ok()
}

/// Where the contact entry of `message`'s sender sits in `value.contacts` (slot index): the first
/// readable entry with its `wa_id` or `user_id`, else the only readable entry. No allocation.
fn contact_index(value: &ChangeValue, message: &Message) -> Option<usize> {
    let slots = &value.contacts.as_ref()?.0;
    let readable = || {
        slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.ok().map(|c| (i, c)))
    };
    let by_id = readable().find(|(_, c)| {
        (message.from.is_some() && c.wa_id == message.from)
            || (message.from_user_id.is_some() && c.user_id == message.from_user_id)
    });
    if let Some((i, _)) = by_id {
        return Some(i);
    }
    let mut all = readable();
    match (all.next(), all.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Reads the whole `text` as a `T`: one pass; an element that cannot be read is kept in its
/// place (see [`Slot`]), so only what concerns the whole body fails here.
fn read_text<T: ReadWire>(text: &str) -> Result<T, WebhookError> {
    read_document(&mut Reader::new(text)).map_err(|e| WebhookError::from_read(&e, text))
}

/// The syntax error for invalid UTF-8 at byte `at`.
fn utf8_error(bytes: &[u8], at: usize) -> WebhookError {
    let (line, before) = waba_json::line_column(bytes, at);
    WebhookError::Syntax {
        line,
        column: before + 1,
        message: format!("invalid UTF-8 at byte {at}"),
    }
}

/// Why a webhook body could not be read at all. (A single unreadable message, status or error
/// does not fail the webhook: it is kept as an [`InvalidItem`].)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is larger than [`BODY_MAX_BYTES`].
    #[error("webhook body of {actual} bytes, more than the {limit} allowed")]
    #[waba(code = "webhook.too_large")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The body's size, in bytes.
        actual: u64,
    },
    /// Typed parts nest deeper than [`DEPTH_MAX`].
    #[error("webhook nests deeper than {limit} levels (line {line} column {position})")]
    #[waba(code = "webhook.too_deep")]
    TooDeep {
        /// The limit.
        limit: u64,
        /// Line (from 1).
        line: u64,
        /// Column (from 1) where the limit was crossed.
        position: u64,
    },
    /// The body is empty or only whitespace.
    #[error("webhook body is empty")]
    #[waba(code = "webhook.empty")]
    Empty,
    /// Not JSON (or not UTF-8, or with a byte-order mark).
    #[error("webhook is not valid JSON at line {line} column {column}: {message}")]
    #[waba(code = "webhook.syntax", position = column)]
    Syntax {
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
        /// The parser's message, cut to 200 characters.
        message: String,
    },
    /// JSON, but not an object.
    #[error("webhook is not a JSON object")]
    #[waba(code = "webhook.not_an_object")]
    NotAnObject,
    /// `object` is not `whatsapp_business_account`.
    #[error("webhook object {object:?} is not whatsapp_business_account")]
    #[waba(code = "webhook.not_whatsapp", field = "object")]
    NotWhatsApp {
        /// The `object` value, cut to 64 characters.
        object: String,
    },
    /// Neither a Cloud API envelope nor an On-Premises body.
    #[error("webhook has neither entry nor contacts, messages, statuses or errors")]
    #[waba(code = "webhook.unrecognized_shape")]
    UnrecognizedShape,
    /// An array has more than [`ELEMENTS_MAX`](crate::ELEMENTS_MAX) elements.
    #[error("an array of the webhook has more than {limit} elements (line {line} column {column})")]
    #[waba(code = "webhook.too_many_elements", position = column)]
    TooManyElements {
        /// The limit.
        limit: u64,
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
    },
    /// A known field of the envelope has the wrong type, or appears twice.
    #[error("webhook envelope is malformed at line {line} column {column}: {message}")]
    #[waba(code = "webhook.malformed", position = column)]
    Malformed {
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
        /// The parser's message, cut to 200 characters.
        message: String,
    },
}

impl WebhookError {
    /// The error of the reader, placed in `text`.
    fn from_read(e: &ReadError, text: &str) -> WebhookError {
        let (line, column) = e.line_column(text);
        match e {
            ReadError::TooManyElements { limit, .. } => WebhookError::TooManyElements {
                limit: *limit,
                line,
                column,
            },
            ReadError::TooDeep { limit, .. } => WebhookError::TooDeep {
                limit: *limit,
                line,
                position: column,
            },
            ReadError::Syntax { .. } => WebhookError::Syntax {
                line,
                column,
                message: quote_long(&e.describe(text)),
            },
            _ => WebhookError::Malformed {
                line,
                column,
                message: quote_long(&e.describe(text)),
            },
        }
    }
}
