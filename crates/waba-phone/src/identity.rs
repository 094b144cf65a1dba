//! [`Identity`]: who a WhatsApp user is — a phone number, or a business-scoped user id ([`Bsuid`]).

use waba_error::WabaError;

use std::fmt;
use std::str::FromStr;

use crate::e164::serde_as_text;
use crate::{E164, PhoneError};

/// The most alphanumerics after the country prefix of a BSUID (Meta, "Business-scoped user IDs").
pub const BSUID_MAX_ID_CHARS: usize = 128;

/// The marker of a parent BSUID (`US.ENT.11815799212886844830`).
const PARENT_MARKER: &str = "ENT.";

/// A business-scoped user id: a two-letter country code, a dot, and up to 128 ASCII alphanumerics
/// (`US.13491208655302741918`); a parent id has `ENT.` after the country (`US.ENT.11815799212886844830`).
///
/// ```
/// use waba_phone::Bsuid;
/// let id: Bsuid = "US.ENT.11815799212886844830".parse()?;
/// assert!(id.is_parent());
/// assert_eq!(id.country(), "US");
/// # Ok::<(), waba_phone::IdentityError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsuid(Box<str>);

impl Bsuid {
    /// The longest BSUID text: `CC.`, `ENT.` and 128 alphanumerics.
    pub const MAX_LEN: usize = 3 + PARENT_MARKER.len() + BSUID_MAX_ID_CHARS;

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-letter country prefix.
    pub fn country(&self) -> &str {
        self.0.get(..2).unwrap_or("")
    }

    /// Whether this is a parent id (`CC.ENT.…`).
    pub fn is_parent(&self) -> bool {
        self.0
            .get(3..)
            .is_some_and(|rest| rest.starts_with(PARENT_MARKER))
    }
}

impl FromStr for Bsuid {
    type Err = IdentityError;

    fn from_str(s: &str) -> Result<Self, IdentityError> {
        if s.len() > Self::MAX_LEN {
            return Err(IdentityError::TooLong {
                limit: Self::MAX_LEN,
                actual: s.len(),
            });
        }
        let b = s.as_bytes();
        let prefix_ok =
            b.len() > 3 && b.iter().take(2).all(u8::is_ascii_uppercase) && b.get(2) == Some(&b'.');
        if !prefix_ok {
            return Err(IdentityError::BsuidPrefix);
        }
        let rest = s.get(3..).unwrap_or("");
        let (id, offset) = match rest.strip_prefix(PARENT_MARKER) {
            Some(id) => (id, 3 + PARENT_MARKER.len()),
            None => (rest, 3),
        };
        if let Some((i, ch)) = id
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            return Err(IdentityError::BsuidCharacter {
                ch,
                position: offset + i,
            });
        }
        if id.is_empty() {
            return Err(IdentityError::BsuidEmpty);
        }
        if id.len() > BSUID_MAX_ID_CHARS {
            return Err(IdentityError::TooLong {
                limit: Self::MAX_LEN,
                actual: s.len(),
            });
        }
        Ok(Self(s.into()))
    }
}

impl fmt::Display for Bsuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Bsuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsuid({})", self.0)
    }
}

impl TryFrom<String> for Bsuid {
    type Error = IdentityError;
    fn try_from(s: String) -> Result<Self, IdentityError> {
        s.parse()
    }
}

impl From<Bsuid> for String {
    fn from(b: Bsuid) -> String {
        b.0.into()
    }
}

/// A WhatsApp user: a phone number, or a business-scoped user id for users who hide theirs.
///
/// Parsed from `+16315551002` (E.164), from a `wa_id`/`from` without the plus (`16315551002`), or from
/// a BSUID (`US.13491208655302741918`). Serialized as the E.164 text (with its plus) or the BSUID.
///
/// ```
/// use waba_phone::Identity;
/// let a: Identity = "16315551002".parse()?;
/// assert_eq!(a.to_string(), "+16315551002");
/// let b: Identity = "US.13491208655302741918".parse()?;
/// assert!(matches!(b, Identity::Bsuid(_)));
/// # Ok::<(), waba_phone::IdentityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Identity {
    /// A phone number.
    Phone(E164),
    /// A business-scoped user id.
    Bsuid(Bsuid),
}

impl Identity {
    /// The identity of a bare wa_id as Meta writes it (`16315551002`: digits, no plus): a phone
    /// number. Refuses anything else (a plus, a BSUID, separators).
    ///
    /// ```
    /// use waba_phone::Identity;
    /// assert_eq!(Identity::from_wa_id("16315551002")?.as_str(), "+16315551002");
    /// assert!(Identity::from_wa_id("+16315551002").is_err());
    /// # Ok::<(), waba_phone::IdentityError>(())
    /// ```
    pub fn from_wa_id(wa_id: &str) -> Result<Self, IdentityError> {
        match wa_id.as_bytes().first() {
            None => Err(IdentityError::Empty),
            Some(b) if b.is_ascii_digit() => Ok(Self::Phone(
                E164::from_wa_id(wa_id).map_err(IdentityError::Phone)?,
            )),
            Some(_) => Err(IdentityError::Phone(PhoneError::UnexpectedCharacter {
                ch: wa_id.chars().next().unwrap_or('?'),
                position: 0,
            })),
        }
    }

    /// The phone number, if this is one.
    pub fn phone(&self) -> Option<&E164> {
        match self {
            Self::Phone(p) => Some(p),
            Self::Bsuid(_) => None,
        }
    }

    /// The BSUID, if this is one.
    pub fn bsuid(&self) -> Option<&Bsuid> {
        match self {
            Self::Phone(_) => None,
            Self::Bsuid(b) => Some(b),
        }
    }

    /// The text: E.164 with its plus, or the BSUID.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Phone(p) => p.as_str(),
            Self::Bsuid(b) => b.as_str(),
        }
    }
}

impl FromStr for Identity {
    type Err = IdentityError;

    fn from_str(s: &str) -> Result<Self, IdentityError> {
        match s.as_bytes().first() {
            None => Err(IdentityError::Empty),
            Some(b) if *b == b'+' || b.is_ascii_digit() => Ok(Self::Phone(
                E164::from_e164_or_wa_id(s).map_err(IdentityError::Phone)?,
            )),
            Some(_) => Ok(Self::Bsuid(s.parse()?)),
        }
    }
}

impl From<E164> for Identity {
    fn from(p: E164) -> Self {
        Self::Phone(p)
    }
}

impl From<Bsuid> for Identity {
    fn from(b: Bsuid) -> Self {
        Self::Bsuid(b)
    }
}

impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Identity {
    type Error = IdentityError;
    fn try_from(s: String) -> Result<Self, IdentityError> {
        s.parse()
    }
}

impl TryFrom<&str> for Identity {
    type Error = IdentityError;
    fn try_from(s: &str) -> Result<Self, IdentityError> {
        s.parse()
    }
}

impl From<Identity> for String {
    fn from(i: Identity) -> String {
        i.as_str().to_owned()
    }
}

/// Why a text is not an [`Identity`] or a [`Bsuid`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum IdentityError {
    /// The text is empty.
    #[error("empty identity")]
    #[waba(code = "identity.empty")]
    Empty,
    /// It looks like a phone number (starts with `+` or a digit) but is not one.
    #[error("not a phone number: {0}")]
    #[waba(transparent)]
    Phone(PhoneError),
    /// A BSUID must start with two upper-case letters and a dot (`US.`).
    #[error("a business-scoped user id starts with a two-letter country code and a dot (\"US.\")")]
    #[waba(code = "identity.bsuid_prefix")]
    BsuidPrefix,
    /// Nothing after the BSUID's prefix.
    #[error("a business-scoped user id needs alphanumerics after its prefix")]
    #[waba(code = "identity.bsuid_empty")]
    BsuidEmpty,
    /// A character other than an ASCII letter or digit in the BSUID's id.
    #[error(
        "character {ch:?} at position {position} in a business-scoped user id: only ASCII letters and digits are allowed"
    )]
    #[waba(code = "identity.bsuid_character")]
    BsuidCharacter {
        /// The character.
        ch: char,
        /// Its position (characters, from 0).
        position: usize,
    },
    /// Longer than a BSUID can be.
    #[error("business-scoped user id of {actual} bytes, more than {limit}")]
    #[waba(code = "identity.too_long")]
    TooLong {
        /// [`Bsuid::MAX_LEN`].
        limit: usize,
        /// The text's length in bytes.
        actual: usize,
    },
}

serde_as_text!(Bsuid, Identity);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_bsuids() {
        let p: Identity = "+16315551002".parse().unwrap();
        assert_eq!(p.phone().unwrap().as_str(), "+16315551002");
        let w: Identity = "972987654321".parse().unwrap();
        assert_eq!(w.as_str(), "+972987654321");
        let b: Identity = "US.13491208655302741918".parse().unwrap();
        assert!(!b.bsuid().unwrap().is_parent());
        let parent: Identity = "US.ENT.11815799212886844830".parse().unwrap();
        assert!(parent.bsuid().unwrap().is_parent());
        assert_eq!(parent.bsuid().unwrap().country(), "US");
        let max = format!("BR.{}", "a1".repeat(64));
        assert!(max.parse::<Bsuid>().is_ok());
    }

    #[test]
    fn refusals() {
        assert_eq!("".parse::<Identity>(), Err(IdentityError::Empty));
        assert_eq!(
            "us.123".parse::<Identity>(),
            Err(IdentityError::BsuidPrefix)
        );
        assert_eq!("US123".parse::<Identity>(), Err(IdentityError::BsuidPrefix));
        assert_eq!("US.".parse::<Identity>(), Err(IdentityError::BsuidPrefix));
        assert_eq!(
            "US.ENT.".parse::<Identity>(),
            Err(IdentityError::BsuidEmpty)
        );
        assert_eq!(
            "US.12-3".parse::<Identity>(),
            Err(IdentityError::BsuidCharacter {
                ch: '-',
                position: 5
            })
        );
        assert_eq!(
            "US.1.2".parse::<Identity>(),
            Err(IdentityError::BsuidCharacter {
                ch: '.',
                position: 4
            })
        );
        let long = format!("BR.{}", "1".repeat(129));
        assert_eq!(
            long.parse::<Identity>().unwrap_err().code(),
            "identity.too_long"
        );
        assert_eq!(
            "+1 650".parse::<Identity>().unwrap_err().code(),
            "phone.unexpected_character"
        );
        assert_eq!(
            "0123".parse::<Identity>().unwrap_err().code(),
            "phone.leading_zero"
        );
    }

    #[test]
    fn serde_round_trip() {
        for s in [
            "\"+16315551002\"",
            "\"US.13491208655302741918\"",
            "\"US.ENT.118157\"",
        ] {
            let i: Identity = serde_json::from_str(s).unwrap();
            assert_eq!(serde_json::to_string(&i).unwrap(), s);
        }
        let w: Identity = serde_json::from_str("\"16315551002\"").unwrap();
        assert_eq!(serde_json::to_string(&w).unwrap(), "\"+16315551002\"");
        assert!(serde_json::from_str::<Identity>("\"nope\"").is_err());
        // The other types of `serde_as_text!`: their text, both ways.
        let b: Bsuid = serde_json::from_str("\"US.13491208655302741918\"").unwrap();
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            "\"US.13491208655302741918\""
        );
        let e: crate::E164 = serde_json::from_str("\"+16315551002\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"+16315551002\"");
        assert!(serde_json::from_str::<crate::E164>("\"16315551002x\"").is_err());
    }
}
