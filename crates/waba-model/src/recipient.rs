//! Who an outbound message goes to: a phone number (`to`) or a business-scoped user id
//! (`recipient`).

use std::fmt;
use std::str::FromStr;

use crate::error::{ModelError, quote};

/// The most digits a phone number (E.164) has.
pub const PHONE_DIGITS_MAX: usize = 15;
/// The most alphanumerics after the country prefix of a business-scoped user id (Meta: "up to 128").
pub const BSUID_BODY_MAX: usize = 128;

/// The addressee of an outbound message.
///
/// A phone number is sent as `to`, a business-scoped user id (BSUID, `US.13491208655302741918`,
/// parents `US.ENT.…`) as `recipient`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Recipient {
    /// A phone number or wa_id: digits, optionally after a `+`.
    Phone(String),
    /// A business-scoped user id.
    User(String),
}

impl Recipient {
    /// A phone number: an optional `+` then 1 to [`PHONE_DIGITS_MAX`] ASCII digits.
    pub fn phone(input: &str) -> Result<Recipient, ModelError> {
        let digits = input.strip_prefix('+').unwrap_or(input);
        let bad = |reason| ModelError::InvalidRecipient {
            input: quote(input),
            reason,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("a phone number is digits, optionally after a plus"));
        }
        if digits.len() > PHONE_DIGITS_MAX {
            return Err(bad("a phone number has at most 15 digits"));
        }
        Ok(Recipient::Phone(input.to_owned()))
    }

    /// A business-scoped user id: two capital letters, a dot, optionally `ENT.`, then 1 to
    /// [`BSUID_BODY_MAX`] ASCII letters or digits.
    pub fn user(input: &str) -> Result<Recipient, ModelError> {
        if is_bsuid(input) {
            Ok(Recipient::User(input.to_owned()))
        } else {
            Err(ModelError::InvalidRecipient {
                input: quote(input),
                reason: "a user id is CC. then up to 128 letters or digits",
            })
        }
    }

    /// The identifier as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Recipient::Phone(s) | Recipient::User(s) => s,
        }
    }

    /// The send body key for this recipient: `to` or `recipient`.
    pub fn key(&self) -> &'static str {
        match self {
            Recipient::Phone(_) => "to",
            Recipient::User(_) => "recipient",
        }
    }
}

/// Whether `input` has the shape of a business-scoped user id.
pub fn is_bsuid(input: &str) -> bool {
    let bytes = input.as_bytes();
    let (Some(cc), Some(rest)) = (bytes.get(..3), bytes.get(3..)) else {
        return false;
    };
    if !matches!(cc, [a, b, b'.'] if a.is_ascii_uppercase() && b.is_ascii_uppercase()) {
        return false;
    }
    let body = rest.strip_prefix(b"ENT.").unwrap_or(rest);
    !body.is_empty() && body.len() <= BSUID_BODY_MAX && body.iter().all(u8::is_ascii_alphanumeric)
}

impl FromStr for Recipient {
    type Err = ModelError;

    /// A BSUID when it has that shape, else a phone number.
    fn from_str(input: &str) -> Result<Recipient, ModelError> {
        if is_bsuid(input) {
            Recipient::user(input)
        } else {
            Recipient::phone(input)
        }
    }
}

impl TryFrom<&str> for Recipient {
    type Error = ModelError;

    fn try_from(input: &str) -> Result<Recipient, ModelError> {
        input.parse()
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn phones_and_users() {
        assert_eq!(
            "+16315551002".parse::<Recipient>().unwrap(),
            Recipient::Phone("+16315551002".into())
        );
        assert_eq!(
            "US.13491208655302741918".parse::<Recipient>().unwrap(),
            Recipient::User("US.13491208655302741918".into())
        );
        assert!(Recipient::user("US.ENT.abc123").is_ok());
        assert!(Recipient::user("us.123").is_err());
        assert!("1234567890123456".parse::<Recipient>().is_err());
        assert!("".parse::<Recipient>().is_err());
        assert!("+".parse::<Recipient>().is_err());
        assert!("12a".parse::<Recipient>().is_err());
        assert!(Recipient::user(&format!("US.{}", "1".repeat(129))).is_err());
    }
}
