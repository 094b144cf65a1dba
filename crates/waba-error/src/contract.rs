//! [`WabaError`]: the trait every error of the waba crates implements.

use crate::{ErrorClass, ErrorDetails, ErrorReport, Problem};

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
