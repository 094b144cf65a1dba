//! The serializable forms of an error: [`ErrorReport`] (the CLI's error object) and [`Problem`]
//! (an RFC 9457 problem document), both carrying [`ErrorDetails`].

use serde::{Deserialize, Serialize};

use crate::{ErrorClass, WabaError};

/// The numbers and names that locate an error, where they are known: what the CLI's error object and
/// a problem document carry beside the code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// The field concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The limit broken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The value measured against the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<u64>,
    /// A position in the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u64>,
    /// Meta's (or Genesys's) code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta_code: Option<u32>,
}

impl ErrorDetails {
    /// The details an error gives of itself.
    pub fn of<E: WabaError + ?Sized>(e: &E) -> ErrorDetails {
        ErrorDetails {
            field: e.field().map(str::to_owned),
            limit: e.limit(),
            actual: e.actual(),
            position: e.position(),
            meta_code: e.meta_code(),
        }
    }
}

/// The serializable form of an error: the CLI's error object (`code`, `message`, and the detail
/// keys that are known) plus its `class` and `meta_code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorReport {
    /// The stable code.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
    /// The class.
    pub class: ErrorClass,
    /// Where and by how much, as far as known.
    #[serde(flatten)]
    pub details: ErrorDetails,
}

impl ErrorReport {
    /// A report with a code, a message and a class, and no numbers.
    pub fn new(code: impl Into<String>, message: impl Into<String>, class: ErrorClass) -> Self {
        ErrorReport {
            code: code.into(),
            message: message.into(),
            class,
            details: ErrorDetails::default(),
        }
    }
}

/// The prefix of every problem `type`: `urn:waba:error:` followed by the error's code.
pub const PROBLEM_TYPE_PREFIX: &str = "urn:waba:error:";

/// An RFC 9457 problem document (`application/problem+json`): `type`, `title`, `status`,
/// `detail`, and as extension members our `code`, `class` and numbers.
///
/// `type` is `urn:waba:error:<code>`, one URI per code; `title` is the class's summary
/// ([`ErrorClass::title`]); `status` the error's HTTP status ([`WabaError::http_status`]: the
/// class's unless the error says another; [`Problem::from_report`] gives the class's); `detail`
/// the error's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time.
    pub detail: String,
    /// The stable code (extension member).
    pub code: String,
    /// The class (extension member).
    pub class: ErrorClass,
    /// Where and by how much (extension members), as far as known.
    #[serde(flatten)]
    pub details: ErrorDetails,
}

impl Problem {
    /// The media type of a problem document.
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    /// The problem document of a report.
    pub fn from_report(r: ErrorReport) -> Problem {
        Problem {
            type_uri: format!("{PROBLEM_TYPE_PREFIX}{}", r.code),
            title: r.class.title().to_owned(),
            status: r.class.http_status(),
            detail: r.message,
            code: r.code,
            class: r.class,
            details: r.details,
        }
    }
}

impl From<ErrorReport> for Problem {
    fn from(r: ErrorReport) -> Problem {
        Problem::from_report(r)
    }
}
