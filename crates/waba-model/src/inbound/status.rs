//! Statuses of outbound messages and the error objects of webhooks.

use crate::wire::{JsonNumber, List, RawJson, WireHooks, wire_struct};

use super::time::Timestamp;

wire_struct! {
    /// An error object (`{code, title, message, error_data: {details}, href}`), in a status, a
    /// message (`unsupported`) or `value.errors`.
    pub struct ApiError {
        /// Meta's numeric code, kept as written.
        code: JsonNumber = "code",
        /// A short title (do not build logic on it).
        title: String = "title",
        /// The message.
        message: String = "message",
        /// Details.
        error_data: ErrorData = "error_data",
        /// A documentation link.
        href: String = "href",
    }
}
impl WireHooks for ApiError {}

impl ApiError {
    /// The typed code, when `code` is an integer.
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code.as_ref()?.as_u64().map(ErrorCode::from_code)
    }

    /// `error_data.details`, when present.
    pub fn details(&self) -> Option<&str> {
        self.error_data.as_ref()?.details.as_deref()
    }
}

wire_struct! {
    /// `error_data` of an error object.
    pub struct ErrorData {
        /// What went wrong, in words (Meta advises using `code` plus this).
        details: String = "details",
    }
}
impl WireHooks for ErrorData {}

/// The error codes that change what a service does; [`ErrorCode::Other`] for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    /// 131047: more than 24 hours since the customer last wrote; only a template may be sent.
    ReEngagement,
    /// 470: the On-Premises equivalent of 131047.
    LegacyReEngagement,
    /// 131026: the message could not be delivered.
    Undeliverable,
    /// 131051: the message type is not supported.
    UnsupportedMessageType,
    /// 131052: media download failed.
    MediaDownload,
    /// 131053: media upload failed.
    MediaUpload,
    /// 130429: throughput (cloud API rate) reached.
    RateLimit,
    /// 131056: too many messages to the same user (pair rate limit).
    PairRateLimit,
    /// 132000 to 132016: a template error (the code is kept).
    Template(u32),
    /// Any other code.
    Other(u64),
}

impl ErrorCode {
    /// The typed code of Meta's numeric `code`.
    pub fn from_code(code: u64) -> ErrorCode {
        match code {
            131_047 => ErrorCode::ReEngagement,
            470 => ErrorCode::LegacyReEngagement,
            131_026 => ErrorCode::Undeliverable,
            131_051 => ErrorCode::UnsupportedMessageType,
            131_052 => ErrorCode::MediaDownload,
            131_053 => ErrorCode::MediaUpload,
            130_429 => ErrorCode::RateLimit,
            131_056 => ErrorCode::PairRateLimit,
            132_000..=132_016 => ErrorCode::Template(code as u32),
            other => ErrorCode::Other(other),
        }
    }

    /// Meta's numeric code.
    pub fn code(self) -> u64 {
        match self {
            ErrorCode::ReEngagement => 131_047,
            ErrorCode::LegacyReEngagement => 470,
            ErrorCode::Undeliverable => 131_026,
            ErrorCode::UnsupportedMessageType => 131_051,
            ErrorCode::MediaDownload => 131_052,
            ErrorCode::MediaUpload => 131_053,
            ErrorCode::RateLimit => 130_429,
            ErrorCode::PairRateLimit => 131_056,
            ErrorCode::Template(c) => u64::from(c),
            ErrorCode::Other(c) => c,
        }
    }

    /// Whether this error means the customer-service window is closed (131047, or 470 on
    /// On-Premises): free-form messages fail until the customer writes again.
    pub fn closes_window(self) -> bool {
        matches!(
            self,
            ErrorCode::ReEngagement | ErrorCode::LegacyReEngagement
        )
    }

    /// Whether retrying later may succeed (rate limits).
    pub fn is_rate_limit(self) -> bool {
        matches!(self, ErrorCode::RateLimit | ErrorCode::PairRateLimit)
    }
}

wire_struct! {
    /// The status of an outbound message (`value.statuses[]`).
    pub struct Status {
        /// The message id (`wamid.…`).
        id: String = "id",
        /// `sent`, `delivered`, `read`, `failed`, `played`, `deleted`, or another value.
        status: String = "status",
        /// When the status happened.
        timestamp: Timestamp = "timestamp",
        /// The customer's wa_id (or a group id).
        recipient_id: String = "recipient_id",
        /// The customer's BSUID.
        recipient_user_id: String = "recipient_user_id",
        /// The customer's parent BSUID.
        recipient_parent_user_id: String = "recipient_parent_user_id",
        /// `group` for group messages.
        recipient_type: String = "recipient_type",
        /// Errors (failed statuses).
        errors: List<ApiError> = "errors",
        /// The conversation (kept, not relied on: Meta is phasing it out).
        conversation: RawJson = "conversation",
        /// Pricing (kept, not relied on).
        pricing: RawJson = "pricing",
        /// The tracking data sent with the message.
        biz_opaque_callback_data: String = "biz_opaque_callback_data",
    }
}
impl WireHooks for Status {}

impl Status {
    /// The kind of status.
    pub fn kind(&self) -> StatusKind {
        StatusKind::from_wire(self.status.as_deref().unwrap_or(""))
    }

    /// The typed codes of the status's errors, in order.
    pub fn error_codes(&self) -> impl Iterator<Item = ErrorCode> + '_ {
        self.errors
            .iter()
            .flat_map(|l| l.iter())
            .filter_map(ApiError::error_code)
    }

    /// Whether an error of this status means the customer-service window is closed (131047/470).
    pub fn closes_window(&self) -> bool {
        self.error_codes().any(ErrorCode::closes_window)
    }
}

waba_json::open_enum! {
    /// What happened to an outbound message.
    pub enum StatusKind {
        /// Sent to WhatsApp.
        Sent = "sent",
        /// Delivered to the device.
        Delivered = "delivered",
        /// Read by the customer.
        Read = "read",
        /// Could not be sent or delivered (see the errors).
        Failed = "failed",
        /// A voice message was played.
        Played = "played",
        /// Deleted by the customer.
        Deleted = "deleted",
    }
}
