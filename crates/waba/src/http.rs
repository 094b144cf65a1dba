//! Answers over HTTP without a web framework: the status, headers and body a service sends for
//! any error of the contract, for Meta's subscription handshake and for a reply held by pacing.
//! The library does no I/O: [`HttpAnswer`] is plain data, which a service turns into its
//! framework's response in a few lines (below, for axum).
//!
//! ```
//! use waba::HttpAnswer;
//! use waba::delivery::Inbox;
//! use waba::model::subscribe::VerifyToken;
//!
//! // Meta's subscription handshake: the challenge as text, or 403 with a problem document.
//! let token = VerifyToken::new("verify-me")?;
//! let query = "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444";
//! let ok = HttpAnswer::handshake(&token, query);
//! assert_eq!((ok.status, ok.body.as_slice()), (200, &b"1158201444"[..]));
//! assert_eq!(ok.header("Content-Type"), Some("text/plain; charset=utf-8"));
//! let refused = HttpAnswer::handshake(&token, "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
//! assert_eq!(refused.status, 403);
//! assert_eq!(refused.header("content-type"), Some("application/problem+json"));
//!
//! // Any error of the contract: its status and its RFC 9457 problem document.
//! let inbox = Inbox::signed(["app-secret"])?;
//! let forged = inbox.open(Some("sha256=00"), b"{}").unwrap_err();
//! let answer = HttpAnswer::from(forged);
//! assert_eq!(answer.status, 401);
//! let problem: serde_json::Value = serde_json::from_slice(&answer.body)?;
//! assert_eq!((problem["status"].as_u64(), problem["code"].as_str()), (Some(401), Some("webhook.signature_malformed")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Statuses
//!
//! The status is the error's [`WabaError::http_status`]: its class's
//! ([`ErrorClass::http_status`](waba_error::ErrorClass::http_status): 400 invalid, 401
//! unauthenticated, 422 refused, 503 transient) unless its documentation says another:
//!
//! | error | status |
//! |---|---|
//! | [`DeliveryError`](crate::DeliveryError) (Meta's `POST`) | [`DeliveryError::meta_status`](crate::DeliveryError::meta_status): 401 forged, 200 signed but unreadable, 400 unreadable on an unsigned inbox, 503 when the seen-id store failed |
//! | [`SubscribeError`](waba_model::subscribe::SubscribeError) (the handshake) | 403 |
//! | [`Held`] (pacing) | 429, with `Retry-After` through [`HttpAnswer::held`] or [`NotNow::http_answer`] |
//! | [`SendResponseError`](waba_model::SendResponseError) (the Graph API's answer to a send) | 503 no answer, 502 an answer that is not Meta's |
//! | [`StoreError`](crate::StoreError) (the service's store) | 503 |
//!
//! # In a web framework
//!
//! With axum, one type of the service's turns every answer into axum's response, so handlers
//! use `?` on any error of the contract (as `examples/webhook-service` does); the success paths
//! keep the framework's own (`Json(...)`):
//!
//! ```text
//! struct Answer(Box<Response>);
//!
//! impl<E: Into<HttpAnswer>> From<E> for Answer {
//!     fn from(e: E) -> Answer {
//!         let HttpAnswer { status, headers, body, .. } = e.into();
//!         let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
//!         let response = (status, AppendHeaders(headers), Body::from(body)).into_response();
//!         Answer(Box::new(response))
//!     }
//! }
//!
//! impl IntoResponse for Answer {
//!     fn into_response(self) -> Response { *self.0 }
//! }
//! ```

use chrono::{DateTime, Utc};
use waba_delivery::pacing::Held;
use waba_error::{Problem, WabaError};
use waba_model::subscribe::VerifyToken;

use crate::NotNow;

/// The `Content-Type` of a handshake's challenge.
pub const TEXT_PLAIN: &str = "text/plain; charset=utf-8";

/// An HTTP answer: status, headers and body, for a service to hand to its web framework.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpAnswer {
    /// The status code.
    pub status: u16,
    /// The headers in the order to send them, names in lowercase (`content-type`, `retry-after`).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpAnswer {
    /// An answer of `status` whose body is `body` of media type `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> HttpAnswer {
        HttpAnswer {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: body.into(),
        }
    }

    /// The answer for `error`: its status ([`WabaError::http_status`]) and its RFC 9457 problem
    /// document as `application/problem+json`.
    pub fn problem<E: WabaError + ?Sized>(error: &E) -> HttpAnswer {
        // A problem document has string keys and plain values: serializing it cannot fail.
        let body = serde_json::to_vec(&error.problem()).unwrap_or_default();
        HttpAnswer::new(error.http_status(), Problem::CONTENT_TYPE, body)
    }

    /// The answer to Meta's subscription handshake whose raw query string (percent-encoded,
    /// without the `?`; empty when there is none) is `query`: `200` with the challenge as
    /// `text/plain`, or `403` with the problem document ([`VerifyToken::verify`] says why).
    pub fn handshake(token: &VerifyToken, query: &str) -> HttpAnswer {
        match token.verify(query) {
            Ok(challenge) => HttpAnswer::new(200, TEXT_PLAIN, challenge),
            Err(e) => HttpAnswer::problem(&e),
        }
    }

    /// The answer for a send held by pacing, decided at `now`: `429`, its problem document and
    /// `Retry-After` with the whole seconds until it may go ([`Held::retry_after`], at least 1).
    pub fn held(held: &Held, now: DateTime<Utc>) -> HttpAnswer {
        HttpAnswer::problem(held).with_header("retry-after", held.retry_after(now).to_string())
    }

    /// The answer with one more header (`name` in lowercase).
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> HttpAnswer {
        self.headers.push((name, value.into()));
        self
    }

    /// The value of the first header named `name` (compared without regard to ASCII case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut found = self.headers.iter();
        found
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Every error of the contract is answered with its status and problem document, so that a
/// service's handlers convert any of them with `?`.
impl<E: WabaError> From<E> for HttpAnswer {
    fn from(error: E) -> HttpAnswer {
        HttpAnswer::problem(&error)
    }
}

impl NotNow {
    /// The answer for a reply that does not go, decided at `now`: a refused draft with its
    /// problem document (`422`, or `400` for a draft that breaks a shape rule), a held one with
    /// `429` and `Retry-After` ([`HttpAnswer::held`]).
    pub fn http_answer(&self, now: DateTime<Utc>) -> HttpAnswer {
        match self {
            NotNow::Held(held) => HttpAnswer::held(held, now),
            refused => HttpAnswer::problem(refused),
        }
    }
}
