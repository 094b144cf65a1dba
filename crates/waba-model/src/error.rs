//! The errors of building and reading outbound send bodies.

use waba_error::{ErrorClass, WabaError};

/// How many characters of a bad input an error message quotes at most.
pub const QUOTE_MAX: usize = 64;

/// Cuts `input` to at most [`QUOTE_MAX`] characters for quoting in an error.
pub(crate) fn quote(input: &str) -> String {
    waba_json::quote(input, QUOTE_MAX)
}

/// How many characters of a parser's message an error keeps.
pub const MESSAGE_QUOTE_MAX: usize = 200;

/// Cuts a parser's message to at most [`MESSAGE_QUOTE_MAX`] characters.
pub(crate) fn quote_long(message: &str) -> String {
    let mut out: String = message.chars().take(MESSAGE_QUOTE_MAX).collect();
    if message.chars().nth(MESSAGE_QUOTE_MAX).is_some() {
        out.push('…');
    }
    out
}

/// Why an outbound message (or one of its parts) could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A text message body was empty (Meta refuses it).
    #[error("text body is empty")]
    TextEmpty,
    /// A text message body was longer than [`crate::TEXT_BODY_MAX`] characters.
    #[error("text body has {actual} characters, more than the {limit} allowed")]
    TextTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The body's length, in characters.
        actual: u64,
    },
    /// A media caption was longer than [`crate::CAPTION_MAX`] characters.
    #[error("caption has {actual} characters, more than the {limit} allowed")]
    CaptionTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The caption's length, in characters.
        actual: u64,
    },
    /// `biz_opaque_callback_data` was longer than [`crate::CALLBACK_DATA_MAX`] characters.
    #[error("biz_opaque_callback_data has {actual} characters, more than the {limit} allowed")]
    CallbackDataTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The text's length, in characters.
        actual: u64,
    },
    /// A `to` or `recipient` was neither a phone number nor a business-scoped user id.
    #[error("invalid recipient {input:?}: {reason}")]
    InvalidRecipient {
        /// The input, cut to [`QUOTE_MAX`] characters.
        input: String,
        /// Why `waba-phone` refused it.
        reason: String,
        /// The `waba-phone` error code (`identity.bsuid_prefix`, `phone.…`).
        identity_code: &'static str,
    },
    /// A latitude or longitude that is not finite or out of range.
    #[error("{field} {value} is not a finite coordinate within range")]
    InvalidCoordinate {
        /// `latitude` or `longitude`.
        field: &'static str,
        /// The value, as Rust prints it (`NaN`, `inf`, `90.5`).
        value: String,
    },
    /// A send body read from JSON did not have the Cloud API shape.
    #[error("malformed send body: {what}")]
    Malformed {
        /// The part that was wrong.
        what: &'static str,
    },
    /// A key this model does not know, or that the message's kind does not take (a caption on
    /// a sticker). What we send is closed: nothing unknown is passed on.
    #[error("unknown key {field}")]
    UnknownKey {
        /// The JSON path of the key (`interactive.action.buttons[0].reply.x`).
        field: String,
    },
    /// A `type` (or an action's `name`, a parameter's `type`...) this model does not know.
    #[error("unknown type {value:?} at {field}")]
    UnknownType {
        /// The JSON path of the value.
        field: String,
        /// The value, cut to [`QUOTE_MAX`] characters.
        value: String,
    },
    /// A required key is absent.
    #[error("{field} is missing")]
    Missing {
        /// The JSON path of the missing key.
        field: String,
    },
    /// A value of the wrong JSON type (`null` included).
    #[error("{field} must be {expected}, not {actual}")]
    WrongType {
        /// The JSON path of the value.
        field: String,
        /// What it must be (`a string`, `an object`...).
        expected: &'static str,
        /// What it is.
        actual: &'static str,
    },
    /// The text is not JSON the strict reader accepts: over its size cap, not JSON, a key given
    /// twice (never "last wins"), a number a JSON value cannot keep exactly.
    #[error(transparent)]
    Json(#[from] waba_json::JsonError),
    /// A value of the right type that Meta does not accept there (an index of 12, a
    /// `flow_message_version` other than `3`, both `id` and `link`).
    #[error("{field}: {reason}")]
    InvalidValue {
        /// The JSON path of the value.
        field: String,
        /// Why it is refused.
        reason: String,
    },
}

impl WabaError for ModelError {
    /// The stable code of this error (listed in `docs/errors.md`).
    fn code(&self) -> &'static str {
        match self {
            ModelError::TextEmpty => "outbound.text_empty",
            ModelError::TextTooLong { .. } => "outbound.text_too_long",
            ModelError::CaptionTooLong { .. } => "outbound.caption_too_long",
            ModelError::CallbackDataTooLong { .. } => "outbound.callback_data_too_long",
            ModelError::InvalidRecipient { .. } => "outbound.invalid_recipient",
            ModelError::InvalidCoordinate { .. } => "outbound.invalid_coordinate",
            ModelError::Malformed { .. } => "outbound.malformed",
            ModelError::UnknownKey { .. } => "outbound.unknown_key",
            ModelError::UnknownType { .. } => "outbound.unknown_type",
            ModelError::Missing { .. } => "outbound.missing_field",
            ModelError::WrongType { .. } => "outbound.wrong_type",
            ModelError::InvalidValue { .. } => "outbound.invalid_value",
            ModelError::Json(e) => e.code(),
        }
    }

    /// The limit that was exceeded, where there is one.
    fn limit(&self) -> Option<u64> {
        match self {
            ModelError::TextTooLong { limit, .. }
            | ModelError::CaptionTooLong { limit, .. }
            | ModelError::CallbackDataTooLong { limit, .. } => Some(*limit),
            ModelError::Json(e) => waba_error::WabaError::limit(e),
            _ => None,
        }
    }

    /// The measured value that exceeded the limit, where there is one.
    fn actual(&self) -> Option<u64> {
        match self {
            ModelError::TextTooLong { actual, .. }
            | ModelError::CaptionTooLong { actual, .. }
            | ModelError::CallbackDataTooLong { actual, .. } => Some(*actual),
            ModelError::Json(e) => waba_error::WabaError::actual(e),
            _ => None,
        }
    }

    /// A position in the text read, where one is known.
    fn position(&self) -> Option<u64> {
        match self {
            ModelError::Json(e) => waba_error::WabaError::position(e),
            _ => None,
        }
    }

    /// The wire field the error is about, where there is one (a JSON path for what the strict
    /// reader refuses).
    fn field(&self) -> Option<&str> {
        match self {
            ModelError::TextEmpty | ModelError::TextTooLong { .. } => Some("text.body"),
            ModelError::CaptionTooLong { .. } => Some("caption"),
            ModelError::CallbackDataTooLong { .. } => Some("biz_opaque_callback_data"),
            ModelError::InvalidRecipient { .. } => Some("to"),
            ModelError::InvalidCoordinate { field, .. } => Some(field),
            ModelError::Malformed { what } => Some(what),
            ModelError::UnknownKey { field }
            | ModelError::UnknownType { field, .. }
            | ModelError::Missing { field }
            | ModelError::WrongType { field, .. }
            | ModelError::InvalidValue { field, .. } => Some(field),
            ModelError::Json(e) => e.field(),
        }
    }

    /// Meta's numeric error code for the same refusal, where there is one: 100 (invalid or
    /// unknown parameter), 131008 (required parameter missing), 131009 (parameter value not
    /// valid).
    fn meta_code(&self) -> Option<u32> {
        match self {
            ModelError::TextEmpty
            | ModelError::TextTooLong { .. }
            | ModelError::CaptionTooLong { .. }
            | ModelError::CallbackDataTooLong { .. }
            | ModelError::UnknownKey { .. }
            | ModelError::WrongType { .. } => Some(100),
            ModelError::Missing { .. } => Some(131_008),
            ModelError::UnknownType { .. }
            | ModelError::InvalidValue { .. }
            | ModelError::InvalidCoordinate { .. }
            | ModelError::InvalidRecipient { .. } => Some(131_009),
            ModelError::Malformed { .. } | ModelError::Json(_) => None,
        }
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }
}
