//! `waba-error`: the one error contract every waba crate implements.
//!
//! Every error of the workspace is a value with a stable dotted code (`webhook.signature_mismatch`),
//! a [`class`](ErrorClass) a service can answer with, the numbers that matter (limit, actual,
//! position), the field concerned and Meta's code where Meta has one. [`WabaError`] ties them
//! together; [`WabaError::report`] gives the serializable form the CLI prints, and
//! [`WabaError::problem`] an RFC 9457 problem document a web service returns with one call.
//!
//! ```
//! use waba_error::{ErrorClass, WabaError};
//!
//! #[derive(Debug, thiserror::Error)]
//! #[error("title is {actual} characters, more than {limit}")]
//! struct TitleTooLong { limit: u64, actual: u64 }
//!
//! impl WabaError for TitleTooLong {
//!     fn code(&self) -> &'static str { "example.title_too_long" }
//!     fn class(&self) -> ErrorClass { ErrorClass::Invalid }
//!     fn limit(&self) -> Option<u64> { Some(self.limit) }
//!     fn actual(&self) -> Option<u64> { Some(self.actual) }
//! }
//!
//! let e = TitleTooLong { limit: 20, actual: 30 };
//! let problem = serde_json::to_value(e.problem())?;
//! assert_eq!(problem["status"], 400);
//! assert_eq!(problem["code"], "example.title_too_long");
//! assert_eq!(problem["limit"], 20);
//! let report = serde_json::to_value(e.report())?;
//! assert_eq!(report["message"], "title is 30 characters, more than 20");
//! # Ok::<(), serde_json::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::fmt::Write as _;

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

/// The error contract: what every error of the waba crates says about itself.
///
/// Only [`code`](WabaError::code) and [`class`](WabaError::class) must be written; the numbers
/// default to none. The trait is object safe: `&dyn WabaError` reaches every method.
pub trait WabaError: std::error::Error {
    /// The stable dotted snake_case code (`template.param_has_newline`), listed in `docs/errors.md`.
    fn code(&self) -> &'static str;

    /// What kind of failure this is.
    fn class(&self) -> ErrorClass;

    /// The field, option, key or privilege concerned, where one is.
    fn field(&self) -> Option<&str> {
        None
    }

    /// The limit broken, where there is one.
    fn limit(&self) -> Option<u64> {
        None
    }

    /// The value measured against the limit.
    fn actual(&self) -> Option<u64> {
        None
    }

    /// A position in the input (its unit is said by the error's message and docs).
    fn position(&self) -> Option<u64> {
        None
    }

    /// Meta's error code for the same fault (131047, 132000...), or the Genesys ESP code, where
    /// one exists.
    fn meta_code(&self) -> Option<u32> {
        None
    }

    /// The HTTP status a service answers with when this error stops a request: the class's
    /// ([`ErrorClass::http_status`]) unless the error's own documentation says another (answering
    /// Meta's webhook delivery, a failed subscription handshake, a send held by pacing, an answer of
    /// the Graph API that could not be read). [`WabaError::problem`] carries it as `status`.
    fn http_status(&self) -> u16 {
        self.class().http_status()
    }

    /// The serializable form: code, message, class and every number that is known.
    fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            class: self.class(),
            details: ErrorDetails::of(self),
        }
    }

    /// An RFC 9457 problem document for this error, with [`WabaError::http_status`] as `status`.
    fn problem(&self) -> Problem {
        let mut problem = Problem::from_report(self.report());
        problem.status = self.http_status();
        problem
    }
}

impl<E: WabaError + ?Sized> WabaError for &E {
    fn code(&self) -> &'static str {
        (**self).code()
    }
    fn class(&self) -> ErrorClass {
        (**self).class()
    }
    fn field(&self) -> Option<&str> {
        (**self).field()
    }
    fn limit(&self) -> Option<u64> {
        (**self).limit()
    }
    fn actual(&self) -> Option<u64> {
        (**self).actual()
    }
    fn position(&self) -> Option<u64> {
        (**self).position()
    }
    fn meta_code(&self) -> Option<u32> {
        (**self).meta_code()
    }
    fn http_status(&self) -> u16 {
        (**self).http_status()
    }
}

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

/// Quotes untrusted text in an error message: cut to `max` characters (an ellipsis marks the
/// cut), and every character a reader of the message would not see written as `\u{…}` (controls
/// such as NUL or CR, bidirectional marks and overrides that would reorder the message, zero-width
/// and other invisible format characters), so that what a log shows is what was given.
pub fn quote(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(4)) + 3);
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if is_unseen(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is invisible or reorders text around it: a control character, a bidirectional
/// formatting character (ALM, LRM, RLM, LRE…RLO, LRI…PDI), a zero-width or other format character.
fn is_unseen(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Sample {
        #[error("signature does not match")]
        Mismatch,
        #[error("{actual} bytes, more than {limit}")]
        TooBig { limit: u64, actual: u64 },
    }

    impl WabaError for Sample {
        fn code(&self) -> &'static str {
            match self {
                Sample::Mismatch => "sample.mismatch",
                Sample::TooBig { .. } => "sample.too_big",
            }
        }
        fn class(&self) -> ErrorClass {
            match self {
                Sample::Mismatch => ErrorClass::Unauthenticated,
                Sample::TooBig { .. } => ErrorClass::Invalid,
            }
        }
        fn limit(&self) -> Option<u64> {
            match self {
                Sample::TooBig { limit, .. } => Some(*limit),
                Sample::Mismatch => None,
            }
        }
        fn actual(&self) -> Option<u64> {
            match self {
                Sample::TooBig { actual, .. } => Some(*actual),
                Sample::Mismatch => None,
            }
        }
    }

    static_assertions::assert_impl_all!(ErrorReport: Send, Sync);
    static_assertions::assert_impl_all!(Problem: Send, Sync);
    static_assertions::assert_obj_safe!(WabaError);

    #[test]
    fn problem_has_rfc9457_members_and_ours() {
        let p = serde_json::to_value(
            Sample::TooBig {
                limit: 10,
                actual: 11,
            }
            .problem(),
        )
        .unwrap();
        assert_eq!(
            p,
            serde_json::json!({
                "type": "urn:waba:error:sample.too_big",
                "title": "invalid input",
                "status": 400,
                "detail": "11 bytes, more than 10",
                "code": "sample.too_big",
                "class": "invalid",
                "limit": 10,
                "actual": 11
            })
        );
    }

    #[test]
    fn status_follows_class() {
        let statuses: Vec<u16> = ErrorClass::ALL.iter().map(|c| c.http_status()).collect();
        assert_eq!(statuses, [400, 401, 422, 503]);
        assert_eq!(Sample::Mismatch.problem().status, 401);
        assert!(ErrorClass::Transient.retryable());
        assert!(!ErrorClass::Invalid.retryable());
    }

    /// An error whose documentation gives another status than its class's.
    #[derive(Debug, thiserror::Error)]
    #[error("held")]
    struct Held;

    impl WabaError for Held {
        fn code(&self) -> &'static str {
            "sample.held"
        }
        fn class(&self) -> ErrorClass {
            ErrorClass::Transient
        }
        fn http_status(&self) -> u16 {
            429
        }
    }

    #[test]
    fn an_error_may_say_its_own_status_and_the_problem_carries_it() {
        assert_eq!(Held.problem().status, 429);
        assert_eq!(Held.problem().title, "transient failure");
        let d: &dyn WabaError = &Held;
        assert_eq!(d.http_status(), 429);
        assert_eq!(WabaError::http_status(&d), 429);
        assert_eq!(WabaError::problem(&&Held).status, 429);
        // The report carries no status, and the problem of a report is the class's.
        assert_eq!(Problem::from_report(Held.report()).status, 503);
        assert_eq!(Sample::Mismatch.http_status(), 401);
    }

    #[test]
    fn report_round_trips_and_leaves_unknown_numbers_out() {
        let r = Sample::Mismatch.report();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "sample.mismatch", "message": "signature does not match", "class": "unauthenticated"})
        );
        assert_eq!(serde_json::from_value::<ErrorReport>(v).unwrap(), r);
    }

    #[test]
    fn dyn_and_references_reach_every_method() {
        let e = Sample::TooBig {
            limit: 1,
            actual: 2,
        };
        let d: &dyn WabaError = &e;
        assert_eq!(d.report().details.limit, Some(1));
        let boxed: Box<dyn WabaError> = Box::new(Sample::Mismatch);
        assert_eq!(boxed.code(), "sample.mismatch");
        let by_ref: &Sample = &e;
        assert_eq!(WabaError::actual(&by_ref), Some(2));
    }

    #[test]
    fn quote_cuts_and_shows_the_unseen() {
        assert_eq!(quote("abc", 2), "ab…");
        assert_eq!(quote("abc", 3), "abc");
        assert_eq!(quote("a\u{202E}b\0", 10), "a\\u{202e}b\\u{0}");
        assert_eq!(quote("zero\u{200B}width", 20), "zero\\u{200b}width");
    }

    #[test]
    fn class_names_are_the_serialized_names() {
        for c in ErrorClass::ALL {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::String(c.as_str().to_owned())
            );
            assert_eq!(c.to_string(), c.as_str());
        }
    }
}
