//! Meta's subscription handshake: a `GET` with `hub.mode=subscribe`, `hub.verify_token` (the token
//! the business chose) and `hub.challenge` (to echo back), read from the raw percent-encoded query.
//!
//! ```
//! use waba_model::subscribe::{SubscribeError, VerifyToken};
//!
//! let token = VerifyToken::new("s3cret-token")?;
//! let challenge = token.verify("hub.mode=subscribe&hub.verify_token=s3cret%2Dtoken&hub.challenge=1158201444")?;
//! assert_eq!(challenge, "1158201444");
//! assert_eq!(
//!     token.verify("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"),
//!     Err(SubscribeError::TokenMismatch)
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use waba_error::WabaError;

/// The longest query string read, in bytes.
pub const QUERY_MAX_BYTES: usize = 4096;

/// The longest challenge echoed, in bytes (Meta sends a decimal integer).
pub const CHALLENGE_MAX_BYTES: usize = 128;

/// The longest verify token accepted, in bytes.
pub const VERIFY_TOKEN_MAX_BYTES: usize = 1024;

/// The three parameters of the handshake, in the order they are checked.
pub const PARAMETERS: [&str; 3] = ["hub.mode", "hub.verify_token", "hub.challenge"];

/// The verify token the business entered in Meta's app dashboard. Kept as its SHA-256 digest, so
/// that comparing it takes the same time whatever the guess (length included); `Debug` never
/// shows it.
#[derive(Clone)]
pub struct VerifyToken {
    digest: [u8; 32],
}

impl fmt::Debug for VerifyToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerifyToken(redacted)")
    }
}

impl VerifyToken {
    /// The token; refuses an empty one and one longer than [`VERIFY_TOKEN_MAX_BYTES`].
    pub fn new(token: impl AsRef<str>) -> Result<VerifyToken, SubscribeError> {
        let token = token.as_ref();
        if token.is_empty() {
            return Err(SubscribeError::TokenEmpty);
        }
        if token.len() > VERIFY_TOKEN_MAX_BYTES {
            return Err(SubscribeError::TooLong {
                field: "hub.verify_token",
                limit: VERIFY_TOKEN_MAX_BYTES as u64,
                actual: token.len() as u64,
            });
        }
        Ok(VerifyToken {
            digest: Sha256::digest(token.as_bytes()).into(),
        })
    }

    /// Whether `candidate` is the token, in constant time.
    pub fn matches(&self, candidate: &str) -> bool {
        let d: [u8; 32] = Sha256::digest(candidate.as_bytes()).into();
        self.digest.ct_eq(&d).into()
    }

    /// Answers the handshake whose query string (as received, percent-encoded, without the `?`) is
    /// `query`: the challenge to echo with a 200, or why not (answer 403 then).
    ///
    /// Checks, in order: the query's size, each parameter present once, `hub.mode` is `subscribe`,
    /// the token (constant time), and the challenge (1 to [`CHALLENGE_MAX_BYTES`] ASCII letters,
    /// digits, `-`, `_` or `.`, so that echoing it cannot inject markup).
    pub fn verify(&self, query: &str) -> Result<String, SubscribeError> {
        if query.len() > QUERY_MAX_BYTES {
            return Err(SubscribeError::TooLong {
                field: "query",
                limit: QUERY_MAX_BYTES as u64,
                actual: query.len() as u64,
            });
        }
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut found: [Option<Cow<'_, str>>; 3] = [None, None, None];
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let Some(i) = PARAMETERS.iter().position(|p| *p == key) else {
                continue;
            };
            let Some(slot) = found.get_mut(i) else {
                continue;
            };
            if slot.is_some() {
                return Err(SubscribeError::Duplicate {
                    field: PARAMETERS.get(i).copied().unwrap_or("hub"),
                });
            }
            *slot = Some(value);
        }
        let [mode, token, challenge] = found;
        let mode = mode.ok_or(SubscribeError::Missing { field: "hub.mode" })?;
        let token = token.ok_or(SubscribeError::Missing {
            field: "hub.verify_token",
        })?;
        let challenge = challenge.ok_or(SubscribeError::Missing {
            field: "hub.challenge",
        })?;
        if mode != "subscribe" {
            return Err(SubscribeError::Mode {
                mode: crate::error::quote(&mode),
            });
        }
        if !self.matches(&token) {
            return Err(SubscribeError::TokenMismatch);
        }
        check_challenge(&challenge)?;
        Ok(challenge.into_owned())
    }
}

fn check_challenge(challenge: &str) -> Result<(), SubscribeError> {
    if challenge.len() > CHALLENGE_MAX_BYTES {
        return Err(SubscribeError::TooLong {
            field: "hub.challenge",
            limit: CHALLENGE_MAX_BYTES as u64,
            actual: challenge.len() as u64,
        });
    }
    let bad = challenge
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
    if challenge.is_empty() || bad.is_some() {
        return Err(SubscribeError::Challenge {
            position: bad.map_or(0, |(i, _)| i as u64),
        });
    }
    Ok(())
}

/// Why a subscription handshake is not answered with its challenge (answer 403).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum SubscribeError {
    /// A parameter of the handshake is absent.
    #[error("the subscription request has no {field} parameter")]
    #[waba(code = "webhook.subscribe_missing", field = field, http_status = 403)]
    Missing {
        /// `hub.mode`, `hub.verify_token` or `hub.challenge`.
        field: &'static str,
    },
    /// A parameter appears more than once (which one counts would be a guess).
    #[error("the subscription request has {field} more than once")]
    #[waba(code = "webhook.subscribe_duplicate", field = field, http_status = 403)]
    Duplicate {
        /// The parameter.
        field: &'static str,
    },
    /// `hub.mode` is not `subscribe`.
    #[error("hub.mode is {mode:?}, not \"subscribe\"")]
    #[waba(code = "webhook.subscribe_mode", field = "hub.mode", http_status = 403)]
    Mode {
        /// The mode, cut to 64 characters.
        mode: String,
    },
    /// `hub.verify_token` is not the business's token.
    #[error("hub.verify_token does not match")]
    #[waba(code = "webhook.subscribe_token_mismatch", class = Unauthenticated, field = "hub.verify_token", http_status = 403)]
    TokenMismatch,
    /// `hub.challenge` is empty or holds a character other than ASCII letters, digits, `-`, `_`
    /// and `.`.
    #[error("hub.challenge is empty or has an unexpected character at byte {position}")]
    #[waba(
        code = "webhook.subscribe_challenge",
        field = "hub.challenge",
        http_status = 403
    )]
    Challenge {
        /// Byte offset of the first unexpected character (0 when empty).
        position: u64,
    },
    /// The query, the challenge or the configured token is longer than its limit.
    #[error("{field} is {actual} bytes, more than {limit}")]
    #[waba(code = "webhook.subscribe_too_long", field = field, http_status = 403)]
    TooLong {
        /// `query`, `hub.challenge` or `hub.verify_token`.
        field: &'static str,
        /// The limit in bytes.
        limit: u64,
        /// The length in bytes.
        actual: u64,
    },
    /// The configured verify token is empty.
    #[error("the configured verify token is empty")]
    #[waba(code = "webhook.verify_token_empty", field = "hub.verify_token")]
    TokenEmpty,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use waba_error::ErrorClass;

    fn token() -> VerifyToken {
        VerifyToken::new("T o+k&n").unwrap()
    }

    #[test]
    fn percent_encoded_query() {
        let q = "hub.mode=subscribe&hub.verify_token=T+o%2Bk%26n&hub.challenge=1158201444";
        assert_eq!(token().verify(q).unwrap(), "1158201444");
        assert_eq!(
            token().verify(&format!("?{q}&other=1")).unwrap(),
            "1158201444"
        );
    }

    #[test]
    fn refusals_in_order() {
        let t = token();
        let e = t.verify("hub.verify_token=x&hub.challenge=1").unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("webhook.subscribe_missing", Some("hub.mode"))
        );
        let e = t.verify("hub.mode=subscribe&hub.challenge=1").unwrap_err();
        assert_eq!(e.field(), Some("hub.verify_token"));
        let e = t
            .verify("hub.mode=subscribe&hub.verify_token=x")
            .unwrap_err();
        assert_eq!(e.field(), Some("hub.challenge"));
        let e = t
            .verify("hub.mode=unsubscribe&hub.verify_token=x&hub.challenge=1")
            .unwrap_err();
        assert_eq!(e.code(), "webhook.subscribe_mode");
        let e = t
            .verify("hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")
            .unwrap_err();
        assert_eq!(
            (e.code(), e.class()),
            (
                "webhook.subscribe_token_mismatch",
                ErrorClass::Unauthenticated
            )
        );
        let ok_token = "hub.mode=subscribe&hub.verify_token=T+o%2Bk%26n";
        let e = t
            .verify(&format!("{ok_token}&hub.challenge=%3Cscript%3E"))
            .unwrap_err();
        assert_eq!(
            (e.code(), e.position()),
            ("webhook.subscribe_challenge", Some(0))
        );
        let e = t.verify(&format!("{ok_token}&hub.challenge=")).unwrap_err();
        assert_eq!(e.code(), "webhook.subscribe_challenge");
        let e = t
            .verify(&format!("{ok_token}&hub.mode=subscribe&hub.challenge=1"))
            .unwrap_err();
        assert_eq!(e.code(), "webhook.subscribe_duplicate");
        let e = t.verify(&"a".repeat(QUERY_MAX_BYTES + 1)).unwrap_err();
        assert_eq!(e.limit(), Some(QUERY_MAX_BYTES as u64));
        assert_eq!(
            VerifyToken::new("").unwrap_err().code(),
            "webhook.verify_token_empty"
        );
        assert_eq!(format!("{t:?}"), "VerifyToken(redacted)");
    }
}
