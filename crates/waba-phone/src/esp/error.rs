//! [`EspError`]: the guide's ESP error codes and messages.

use waba_error::WabaError;

/// The most characters of a caller's text (a method name, a parameter) quoted in a message.
pub(super) const MAX_QUOTED_CHARS: usize = 64;

/// Quotes at most [`MAX_QUOTED_CHARS`] characters of `s`.
pub(crate) fn quote(s: &str) -> String {
    waba_json::quote(s, MAX_QUOTED_CHARS)
}

/// An ESP error, with the Genesys guide's code ("Checking if a Contact Uses WhatsApp", "Error
/// responses") and a message in the guide's format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum EspError {
    /// 900, generic: `"%s %s"`.
    #[error("{context} {detail}")]
    #[waba(code = "esp.generic", meta_code = self.esp_code())]
    Generic {
        /// What was being done.
        context: String,
        /// What went wrong.
        detail: String,
    },
    /// 901: `"%s connection with %s failed"`: a directory (the legacy contacts endpoint, a cache...)
    /// could not be reached.
    #[error("{method} connection with {target} failed")]
    #[waba(code = "esp.connection_failed", class = Transient, meta_code = self.esp_code())]
    ConnectionFailed {
        /// The method that needed the connection.
        method: String,
        /// What could not be reached.
        target: String,
    },
    /// 701: `"Request is invalid: Service or Method name was not specified"` (or another reason the
    /// envelope cannot be read).
    #[error("Request is invalid: {detail}")]
    #[waba(code = "esp.request_invalid", meta_code = self.esp_code())]
    RequestInvalid {
        /// Why.
        detail: String,
    },
    /// 902: `"%s unknown %s"`: a service or method this channel does not have.
    #[error("{service}.{method} unknown {what}", service = quote(service), method = quote(method))]
    #[waba(code = "esp.unknown_service_or_method", meta_code = self.esp_code())]
    Unknown {
        /// The service asked for.
        service: String,
        /// The method asked for.
        method: String,
        /// `service` or `method`: which one is unknown.
        what: &'static str,
    },
    /// 904: `"%s incorrect %s"`: a parameter is missing or wrong.
    #[error("{method} incorrect parameter {parameter}: {reason}", method = quote(method), parameter = quote(parameter))]
    #[waba(code = "esp.incorrect_parameter", field = parameter, meta_code = self.esp_code())]
    IncorrectParameter {
        /// The method.
        method: String,
        /// The parameter.
        parameter: String,
        /// What is wrong with it.
        reason: String,
    },
    /// 920: `"%s failed to execute request %s"`.
    #[error("{method} failed to execute request: {reason}")]
    #[waba(code = "esp.failed_to_execute", class = Transient, meta_code = self.esp_code())]
    FailedToExecute {
        /// The method.
        method: String,
        /// Why.
        reason: String,
    },
}

impl EspError {
    /// The guide's 701 reason.
    pub const NOT_SPECIFIED: &'static str = "Service or Method name was not specified";

    /// The 701 for a request that goes on past [`MAX_REQUEST_BYTES`](super::MAX_REQUEST_BYTES)
    /// (reading stopped there, so only the bound is known).
    pub fn request_too_large() -> Self {
        Self::RequestInvalid {
            detail: format!(
                "more than the {} bytes a request may take",
                super::MAX_REQUEST_BYTES
            ),
        }
    }

    /// 902 for a service this channel does not have.
    pub fn unknown_service(service: &str, method: &str) -> Self {
        Self::Unknown {
            service: service.into(),
            method: method.into(),
            what: "service",
        }
    }

    /// 902 for a method the service does not have.
    pub fn unknown_method(service: &str, method: &str) -> Self {
        Self::Unknown {
            service: service.into(),
            method: method.into(),
            what: "method",
        }
    }

    /// The guide's numeric code.
    pub fn esp_code(&self) -> u32 {
        match self {
            Self::Generic { .. } => 900,
            Self::ConnectionFailed { .. } => 901,
            Self::RequestInvalid { .. } => 701,
            Self::Unknown { .. } => 902,
            Self::IncorrectParameter { .. } => 904,
            Self::FailedToExecute { .. } => 920,
        }
    }

    /// The response body: `{"Error": {"Code": 701, "Message": "..."}}`.
    pub fn to_response(&self) -> EspErrorResponse {
        EspErrorResponse {
            error: EspErrorBody {
                code: self.esp_code(),
                message: self.to_string(),
            },
        }
    }
}

/// The body of an ESP error response: `{"Error": {"Code": 701, "Message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct EspErrorResponse {
    /// The error.
    #[serde(rename = "Error")]
    pub error: EspErrorBody,
}

/// `{"Code": 701, "Message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct EspErrorBody {
    /// The guide's code.
    #[serde(rename = "Code")]
    pub code: u32,
    /// The message.
    #[serde(rename = "Message")]
    pub message: String,
}

impl EspErrorBody {
    /// A body.
    pub fn new(code: u32, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_in_the_guides_format() {
        let e = EspError::RequestInvalid {
            detail: EspError::NOT_SPECIFIED.into(),
        };
        assert_eq!(
            serde_json::to_string(&e.to_response()).unwrap(),
            r#"{"Error":{"Code":701,"Message":"Request is invalid: Service or Method name was not specified"}}"#
        );
        assert_eq!(
            EspError::unknown_method("Messaging", "Teleport").to_string(),
            "Messaging.Teleport unknown method"
        );
        let long = "x".repeat(1000);
        let msg = EspError::unknown_method("Messaging", &long).to_string();
        assert!(msg.len() < 120, "{msg}");
        assert_eq!(
            EspError::ConnectionFailed {
                method: "ValidateContact".into(),
                target: "contacts endpoint".into()
            }
            .to_string(),
            "ValidateContact connection with contacts endpoint failed"
        );
        for (e, code) in [
            (
                EspError::Generic {
                    context: "a".into(),
                    detail: "b".into(),
                },
                900,
            ),
            (
                EspError::FailedToExecute {
                    method: "m".into(),
                    reason: "r".into(),
                },
                920,
            ),
        ] {
            assert_eq!(e.meta_code(), Some(code));
        }
    }
}
