//! [`ErrorClass`]: what kind of failure an error is.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of failure an error is, so that a service can answer it with one rule.
///
/// The set is closed on purpose (principle 9 of the architecture): a service matches it
/// exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// The input is malformed or breaks a shape rule: sending it again unchanged fails again.
    Invalid,
    /// The input could not be shown to come from who it claims (a signature, a verify token).
    Unauthenticated,
    /// The input is well-formed but a rule refuses it now (a closed window, a missing privilege,
    /// a suppressed customer, a paused template).
    Refused,
    /// A passing failure (a store that did not answer): the same input may succeed later.
    Transient,
}

impl ErrorClass {
    /// Every class, in a fixed order.
    pub const ALL: [ErrorClass; 4] = [
        ErrorClass::Invalid,
        ErrorClass::Unauthenticated,
        ErrorClass::Refused,
        ErrorClass::Transient,
    ];

    /// The class's name as serialized (`"invalid"`, `"unauthenticated"`, `"refused"`, `"transient"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::Invalid => "invalid",
            ErrorClass::Unauthenticated => "unauthenticated",
            ErrorClass::Refused => "refused",
            ErrorClass::Transient => "transient",
        }
    }

    /// The HTTP status a service answers its own callers with: 400, 401, 422 and 503.
    ///
    /// Meta's webhook deliveries are a different case (Meta redelivers on anything but 200): see the
    /// facade's documentation of the delivery entry.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorClass::Invalid => 400,
            ErrorClass::Unauthenticated => 401,
            ErrorClass::Refused => 422,
            ErrorClass::Transient => 503,
        }
    }

    /// The problem document's `title` for this class: a short summary that does not change from
    /// occurrence to occurrence.
    pub fn title(self) -> &'static str {
        match self {
            ErrorClass::Invalid => "invalid input",
            ErrorClass::Unauthenticated => "unauthenticated",
            ErrorClass::Refused => "refused by a rule",
            ErrorClass::Transient => "transient failure",
        }
    }

    /// Whether the same input may succeed if tried again later.
    pub fn retryable(self) -> bool {
        matches!(self, ErrorClass::Transient)
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
