//! The errors of building and reading outbound send bodies.

use waba_error::WabaError;

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum ModelError {
    /// A text message body was empty (Meta refuses it).
    #[error("text body is empty")]
    #[waba(code = "outbound.text_empty", field = "text.body", meta_code = 100)]
    TextEmpty,
    /// A text message body was longer than [`crate::TEXT_BODY_MAX`] characters.
    #[error("text body has {actual} characters, more than the {limit} allowed")]
    #[waba(code = "outbound.text_too_long", field = "text.body", meta_code = 100)]
    TextTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The body's length, in characters.
        actual: u64,
    },
    /// A media caption was longer than [`crate::CAPTION_MAX`] characters.
    #[error("caption has {actual} characters, more than the {limit} allowed")]
    #[waba(code = "outbound.caption_too_long", field = "caption", meta_code = 100)]
    CaptionTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The caption's length, in characters.
        actual: u64,
    },
    /// `biz_opaque_callback_data` was longer than [`crate::CALLBACK_DATA_MAX`] characters.
    #[error("biz_opaque_callback_data has {actual} characters, more than the {limit} allowed")]
    #[waba(
        code = "outbound.callback_data_too_long",
        field = "biz_opaque_callback_data",
        meta_code = 100
    )]
    CallbackDataTooLong {
        /// The limit, in characters.
        limit: u64,
        /// The text's length, in characters.
        actual: u64,
    },
    /// A `to` or `recipient` was neither a phone number nor a business-scoped user id.
    #[error("invalid recipient {input:?}: {reason}")]
    #[waba(code = "outbound.invalid_recipient", field = "to", meta_code = 131_009)]
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
    #[waba(code = "outbound.invalid_coordinate", field = field, meta_code = 131_009)]
    InvalidCoordinate {
        /// `latitude` or `longitude`.
        field: &'static str,
        /// The value, as Rust prints it (`NaN`, `inf`, `90.5`).
        value: String,
    },
    /// A send body read from JSON did not have the Cloud API shape.
    #[error("malformed send body: {what}")]
    #[waba(code = "outbound.malformed", field = what)]
    Malformed {
        /// The part that was wrong.
        what: &'static str,
    },
    /// A key this model does not know, or that the message's kind does not take (a caption on
    /// a sticker). What we send is closed: nothing unknown is passed on.
    #[error("unknown key {field}")]
    #[waba(code = "outbound.unknown_key", field = field, meta_code = 100)]
    UnknownKey {
        /// The JSON path of the key (`interactive.action.buttons[0].reply.x`).
        field: String,
    },
    /// A `type` (or an action's `name`, a parameter's `type`...) this model does not know.
    #[error("unknown type {value:?} at {field}")]
    #[waba(code = "outbound.unknown_type", field = field, meta_code = 131_009)]
    UnknownType {
        /// The JSON path of the value.
        field: String,
        /// The value, cut to [`QUOTE_MAX`] characters.
        value: String,
    },
    /// A required key is absent.
    #[error("{field} is missing")]
    #[waba(code = "outbound.missing_field", field = field, meta_code = 131_008)]
    Missing {
        /// The JSON path of the missing key.
        field: String,
    },
    /// A value of the wrong JSON type (`null` included).
    #[error("{field} must be {expected}, not {actual}")]
    #[waba(code = "outbound.wrong_type", field = field, actual = None, meta_code = 100)]
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
    #[waba(code = "outbound.invalid_value", field = field, meta_code = 131_009)]
    InvalidValue {
        /// The JSON path of the value.
        field: String,
        /// Why it is refused.
        reason: String,
    },
}
