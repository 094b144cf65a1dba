//! Meta's answer to a send (`POST /{phone-number-id}/messages`), read losslessly: the message id and
//! its `message_status`, the `contacts` echo, `{"success": true}` of a read receipt, and the Graph
//! API error body (`code`, `error_subcode`, `error_data.details`, `fbtrace_id`).
//!
//! Unknown fields and values are kept and serialize back as they came.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use waba_error::WabaError;

use crate::error::quote_long;
use crate::inbound::ErrorData;
use crate::wire::{
    JsonNumber, Kind, List, RawJson, ReadError, ReadWire, Reader, WireHooks, read_document,
    wire_struct,
};

/// The largest send answer read, in bytes (64 KiB). Meta's answers are a few hundred bytes; the
/// cap is checked before parsing.
pub const RESPONSE_MAX_BYTES: usize = 64 * 1024;

wire_struct! {
    /// Meta's answer to a send: `{"messaging_product", "contacts": [...], "messages": [{"id",
    /// "message_status"}]}` on success, `{"success": true}` for a read receipt or typing indicator,
    /// `{"error": {...}}` on failure.
    ///
    /// ```
    /// use waba_model::{SendOutcome, SendResponse, SendStatus};
    ///
    /// let ok = SendResponse::parse(br#"{"messaging_product":"whatsapp",
    ///   "contacts":[{"input":"+16505551234","wa_id":"16505551234"}],
    ///   "messages":[{"id":"wamid.HBgL","message_status":"held_for_quality_assessment"}]}"#)?;
    /// assert_eq!(ok.message_id(), Some("wamid.HBgL"));
    /// assert_eq!(ok.message_status(), Some(SendStatus::HeldForQualityAssessment));
    ///
    /// let failed = SendResponse::parse(br#"{"error":{"message":"(#131056) pair rate limit",
    ///   "type":"OAuthException","code":131056,"error_subcode":2494055,
    ///   "error_data":{"messaging_product":"whatsapp","details":"Too many messages"},
    ///   "fbtrace_id":"Az8or2yhqkZfEZ"}}"#)?;
    /// let SendOutcome::Failed(e) = failed.outcome() else { panic!() };
    /// assert_eq!((e.code(), e.subcode()), (Some(131056), Some(2494055)));
    /// assert_eq!(e.details(), Some("Too many messages"));
    /// assert_eq!(e.fbtrace_id.as_deref(), Some("Az8or2yhqkZfEZ"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct SendResponse {
        /// `whatsapp`.
        messaging_product: String = "messaging_product",
        /// The recipients as sent (`input`) and as WhatsApp knows them (`wa_id`).
        contacts: List<SendContact> = "contacts",
        /// The message accepted (one element).
        messages: List<SentMessageRef> = "messages",
        /// `true` for a read receipt or typing indicator.
        success: bool = "success",
        /// The error, when the send was refused.
        error: GraphError = "error",
    }
}
impl WireHooks for SendResponse {}

wire_struct! {
    /// One element of `contacts` in a send answer.
    pub struct SendContact {
        /// The recipient as the request named it.
        input: String = "input",
        /// The recipient's WhatsApp id (may differ from `input`: store it).
        wa_id: String = "wa_id",
    }
}
impl WireHooks for SendContact {}

wire_struct! {
    /// One element of `messages` in a send answer.
    pub struct SentMessageRef {
        /// The message id (`wamid.…`) its statuses will carry.
        id: String = "id",
        /// What Meta did with the message for now.
        message_status: SendStatus = "message_status",
    }
}
impl WireHooks for SentMessageRef {}

waba_json::open_enum! {
    /// `message_status` of a send answer (an open set: another value is kept as it came).
    pub enum SendStatus {
        /// `accepted`: Meta took the message (statuses follow).
        Accepted = "accepted",
        /// `held_for_quality_assessment`: a marketing message held while Meta judges its quality;
        /// it may go later or fail.
        HeldForQualityAssessment = "held_for_quality_assessment",
        /// `paused`: held because the template is paused.
        Paused = "paused",
    }
}

impl ReadWire for SendStatus {
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.string().map(|s| SendStatus::from_wire(&s))
    }
}

wire_struct! {
    /// The Graph API error body of a refused send (`{"error": {...}}`).
    pub struct GraphError {
        /// `(#131056) (Business Account, Consumer Account) pair rate limit hit` and the like.
        message: String = "message",
        /// `OAuthException` and the like.
        kind: String = "type",
        /// Meta's error code, kept as written.
        code: JsonNumber = "code",
        /// Meta's error subcode, kept as written.
        error_subcode: JsonNumber = "error_subcode",
        /// `{"messaging_product", "details"}`, or a string for some template API errors.
        error_data: ErrorDataField = "error_data",
        /// A title to show a person.
        error_user_title: String = "error_user_title",
        /// A message to show a person.
        error_user_msg: String = "error_user_msg",
        /// Whether Meta says the error is transient.
        is_transient: bool = "is_transient",
        /// Meta's trace id (give it to Meta's support).
        fbtrace_id: String = "fbtrace_id",
    }
}
impl WireHooks for GraphError {}

impl GraphError {
    /// Meta's code, when it is an integer that fits.
    pub fn code(&self) -> Option<u64> {
        self.code.as_ref()?.as_u64()
    }

    /// Meta's subcode, when it is an integer that fits.
    pub fn subcode(&self) -> Option<u64> {
        self.error_subcode.as_ref()?.as_u64()
    }

    /// `error_data.details` (or `error_data` itself when Meta sent a string).
    pub fn details(&self) -> Option<&str> {
        match self.error_data.as_ref()? {
            ErrorDataField::Object(d) => d.details.as_deref(),
            ErrorDataField::Text(t) => Some(t),
            ErrorDataField::Other(_) => None,
        }
    }
}

/// `error_data` of a Graph API error: an object (`details`, `messaging_product`), a string, or
/// anything else, kept as it came.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorDataField {
    /// `{"messaging_product": "whatsapp", "details": "..."}` (unknown keys kept).
    Object(ErrorData),
    /// A string (some template API errors).
    Text(String),
    /// Any other JSON value, as it came.
    Other(RawJson),
}

impl Serialize for ErrorDataField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ErrorDataField::Object(d) => d.serialize(serializer),
            ErrorDataField::Text(t) => serializer.serialize_str(t),
            ErrorDataField::Other(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorDataField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ErrorDataField, D::Error> {
        crate::wire::deserialize_via_reader(deserializer)
    }
}

impl ReadWire for ErrorDataField {
    /// An object read as [`ErrorData`], a string as text; anything else, or either of them that
    /// cannot be read so, kept as it came.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let read = match r.peek()? {
            Kind::Object => r.isolated(ErrorData::read)?.map(ErrorDataField::Object),
            Kind::String => r.isolated(String::read)?.map(ErrorDataField::Text),
            _ => return r.raw().map(ErrorDataField::Other),
        };
        Ok(read.unwrap_or_else(|bad| ErrorDataField::Other(bad.raw)))
    }
}

/// What a send answer says, in one value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum SendOutcome<'a> {
    /// Meta took the message: its id, and `message_status` when the answer had one.
    Accepted {
        /// The message id (`wamid.…`).
        id: &'a str,
        /// `message_status`, when present.
        status: Option<&'a SendStatus>,
    },
    /// Meta refused the send.
    Failed(&'a GraphError),
    /// `{"success": ...}` (a read receipt or typing indicator).
    Success(bool),
    /// None of these (kept as it came).
    Unrecognized,
}

impl SendResponse {
    /// Reads Meta's answer: checks its size, then parses it losslessly.
    pub fn parse(bytes: &[u8]) -> Result<SendResponse, SendResponseError> {
        if bytes.len() > RESPONSE_MAX_BYTES {
            return Err(SendResponseError::TooLarge {
                limit: RESPONSE_MAX_BYTES as u64,
                actual: bytes.len() as u64,
            });
        }
        let text = std::str::from_utf8(bytes).map_err(|e| SendResponseError::Syntax {
            line: 1,
            column: e.valid_up_to() as u64 + 1,
            message: "invalid UTF-8".to_owned(),
        })?;
        match text.bytes().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            None => return Err(SendResponseError::Empty),
            Some(_) => {
                return Err(match Reader::new(text).skim_document() {
                    Err(e) => SendResponseError::from_read(&e, text),
                    Ok(()) => SendResponseError::NotAnObject,
                });
            }
        }
        read_document(&mut Reader::new(text)).map_err(|e| SendResponseError::from_read(&e, text))
    }

    /// The id of the message Meta accepted (the first of `messages`).
    pub fn message_id(&self) -> Option<&str> {
        self.messages.as_ref()?.first()?.id.as_deref()
    }

    /// `message_status` of the message Meta accepted.
    pub fn message_status(&self) -> Option<SendStatus> {
        self.messages.as_ref()?.first()?.message_status.clone()
    }

    /// The recipient's WhatsApp id as Meta echoed it.
    pub fn wa_id(&self) -> Option<&str> {
        self.contacts.as_ref()?.first()?.wa_id.as_deref()
    }

    /// What the answer says: accepted (with the id), failed (with the error), success, or
    /// unrecognized. An error body wins over anything else in the same answer.
    pub fn outcome(&self) -> SendOutcome<'_> {
        if let Some(e) = &self.error {
            return SendOutcome::Failed(e);
        }
        if let Some(m) = self.messages.as_ref().and_then(|l| l.first()) {
            if let Some(id) = m.id.as_deref() {
                return SendOutcome::Accepted {
                    id,
                    status: m.message_status.as_ref(),
                };
            }
        }
        match self.success {
            Some(s) => SendOutcome::Success(s),
            None => SendOutcome::Unrecognized,
        }
    }

    /// The JSON of the answer, as it came (canonically equal).
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// Why Meta's answer to a send could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum SendResponseError {
    /// The answer is larger than [`RESPONSE_MAX_BYTES`].
    #[error("send answer of {actual} bytes, more than the {limit} allowed")]
    #[waba(code = "send_response.too_large", http_status = 502)]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The answer's size, in bytes.
        actual: u64,
    },
    /// The answer is empty or only whitespace.
    #[error("send answer is empty")]
    #[waba(code = "send_response.empty", http_status = 502)]
    Empty,
    /// Not JSON (or not UTF-8).
    #[error("send answer is not valid JSON at line {line} column {column}: {message}")]
    #[waba(code = "send_response.syntax", position = column, http_status = 502)]
    Syntax {
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
        /// The parser's message, cut to 200 characters.
        message: String,
    },
    /// JSON, but not an object.
    #[error("send answer is not a JSON object")]
    #[waba(code = "send_response.not_an_object", http_status = 502)]
    NotAnObject,
    /// A known field has the wrong type, appears twice, or nests too deep.
    #[error("send answer is malformed at line {line} column {column}: {message}")]
    #[waba(code = "send_response.malformed", position = column, http_status = 502)]
    Malformed {
        /// Line (from 1).
        line: u64,
        /// Column (from 1).
        column: u64,
        /// The parser's message, cut to 200 characters.
        message: String,
    },
    /// No answer could be read: the connection to the Graph API failed or timed out (reported
    /// by the service's HTTP client through [`SendResponseError::transport`]). Class transient:
    /// whether Meta took the message is not known; nothing is recorded, and a retry may succeed.
    #[error("no answer from the Graph API: {message}")]
    #[waba(code = "send_response.transport", class = Transient, http_status = 503)]
    Transport {
        /// What the HTTP client said, cut to 200 characters.
        message: String,
    },
}

impl SendResponseError {
    /// The send got no answer: `message` is what the service's HTTP client said.
    pub fn transport(message: impl std::fmt::Display) -> SendResponseError {
        SendResponseError::Transport {
            message: quote_long(&message.to_string()),
        }
    }

    fn from_read(e: &ReadError, text: &str) -> SendResponseError {
        let (line, column) = e.line_column(text);
        let message = quote_long(&e.describe(text));
        match e {
            ReadError::Syntax { .. } => SendResponseError::Syntax {
                line,
                column,
                message,
            },
            _ => SendResponseError::Malformed {
                line,
                column,
                message,
            },
        }
    }
}
