//! [`E164`], a phone number in E.164 form, and [`BusinessNumber`], the number a WhatsApp business
//! account is registered under.

use std::fmt;
use std::str::FromStr;

use crate::PhoneError;
use crate::metadata;

/// A phone number in E.164 form: `+`, then 1 to 15 ASCII digits, the first not 0.
///
/// Valid by construction and `Copy` (the digits live inline: no allocation). Whether the number is
/// *assigned* is another question, answered by [`crate::verdict`].
///
/// ```
/// use waba_phone::E164;
/// let n: E164 = "+16315551002".parse()?;
/// assert_eq!(n.as_str(), "+16315551002");
/// assert_eq!(n.country_code(), Some(1));
/// assert!("+1 631 555 1002".parse::<E164>().is_err()); // strict: use `normalize` for written numbers
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct E164 {
    /// `+` and the digits, then zeros.
    buf: [u8; 16],
    /// Bytes used in `buf`, the plus included (2..=16).
    len: u8,
}

impl E164 {
    /// The fewest digits an E.164 number has.
    pub const MIN_DIGITS: usize = 1;
    /// The most digits an E.164 number has, country calling code included (ITU-T E.164 §6.1).
    pub const MAX_DIGITS: usize = 15;

    /// `+1`: stands in where a value cannot occur (a key made from no number).
    pub(crate) const FALLBACK: Self = Self {
        buf: [b'+', b'1', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        len: 2,
    };

    /// Builds from ASCII digits already checked: 1..=15 digits, the first not 0.
    pub(crate) fn from_ascii_digits(digits: &[u8]) -> Option<Self> {
        if digits.is_empty()
            || digits.len() > Self::MAX_DIGITS
            || digits.first() == Some(&b'0')
            || !digits.iter().all(u8::is_ascii_digit)
        {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[0] = b'+';
        for (slot, d) in buf.iter_mut().skip(1).zip(digits) {
            *slot = *d;
        }
        Some(Self {
            buf,
            len: (digits.len() + 1) as u8,
        })
    }

    /// Builds from a country calling code and a national significant number (ASCII digits).
    pub(crate) fn from_parts(code: u16, national: &[u8]) -> Option<Self> {
        let mut digits = [0u8; 20];
        let mut n = 0;
        let code_digits = [
            b'0' + (code / 100) as u8,
            b'0' + (code / 10 % 10) as u8,
            b'0' + (code % 10) as u8,
        ];
        let skip = if code >= 100 {
            0
        } else if code >= 10 {
            1
        } else {
            2
        };
        for &b in code_digits.iter().skip(skip).chain(national) {
            *digits.get_mut(n)? = b;
            n += 1;
        }
        Self::from_ascii_digits(digits.get(..n)?)
    }

    /// Parses a WhatsApp ID (`wa_id`, a webhook's `from`): the digits of an E.164 number without
    /// the plus, e.g. `16315551002`.
    pub fn from_wa_id(wa_id: &str) -> Result<Self, PhoneError> {
        check_strict(wa_id, 0)?;
        Self::from_ascii_digits(wa_id.as_bytes()).ok_or(PhoneError::NoDigits)
    }

    /// Parses a number as Meta and Genesys write it: strict E.164 with its plus
    /// (`+16315551002`), or a bare `wa_id` (`16315551002`). The one lenient reading of the
    /// workspace (option values, ESP parameters, a send body's `to`).
    ///
    /// ```
    /// use waba_phone::E164;
    ///
    /// let a = E164::from_e164_or_wa_id("+16315551002")?;
    /// assert_eq!(a, E164::from_e164_or_wa_id("16315551002")?);
    /// assert!(E164::from_e164_or_wa_id("1-631-555-1002").is_err());
    /// # Ok::<(), waba_phone::PhoneError>(())
    /// ```
    pub fn from_e164_or_wa_id(s: &str) -> Result<Self, PhoneError> {
        if s.starts_with('+') {
            s.parse()
        } else {
            Self::from_wa_id(s)
        }
    }

    /// The number as text: `+16315551002`.
    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or(&[]);
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// The digits without the plus, as bytes (no UTF-8 check).
    pub(crate) fn digit_bytes(&self) -> &[u8] {
        self.buf.get(1..usize::from(self.len)).unwrap_or(&[])
    }

    /// The digits without the plus (the WhatsApp ID form): `16315551002`.
    pub fn digits(&self) -> &str {
        self.as_str().get(1..).unwrap_or("")
    }

    /// The country calling code (1 to 3 digits), found with the metadata's list of calling codes;
    /// `None` when the number starts with no calling code in use.
    pub fn country_code(&self) -> Option<u16> {
        metadata::split_calling_code(self.digit_bytes()).map(|(c, _)| c)
    }

    /// The national significant number (the digits after the country calling code), when the
    /// calling code is known.
    pub fn national_number(&self) -> Option<&str> {
        let (_, len) = metadata::split_calling_code(self.digit_bytes())?;
        self.digits().get(len..)
    }
}

/// Checks strict E.164 text (after an optional ASCII plus ending at `start`): ASCII digits only,
/// 1..=15, first not zero.
fn check_strict(s: &str, start: usize) -> Result<(), PhoneError> {
    if s.len() > crate::MAX_INPUT_BYTES {
        return Err(PhoneError::InputTooLong {
            limit: crate::MAX_INPUT_BYTES,
            actual: s.len(),
        });
    }
    if let Some((position, ch)) = s
        .chars()
        .enumerate()
        .skip(start)
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(match ch {
            '+' => PhoneError::SecondPlus { position },
            c if c.is_alphabetic() => PhoneError::Letter { ch: c, position },
            c => PhoneError::UnexpectedCharacter { ch: c, position },
        });
    }
    let digits = s.as_bytes().get(start..).unwrap_or(&[]);
    match digits.first() {
        None => Err(PhoneError::NoDigits),
        Some(b'0') => Err(PhoneError::LeadingZero { position: start }),
        Some(_) if digits.len() > E164::MAX_DIGITS => Err(PhoneError::TooManyDigits {
            limit: E164::MAX_DIGITS,
            actual: digits.len(),
        }),
        Some(_) => Ok(()),
    }
}

impl FromStr for E164 {
    type Err = PhoneError;

    /// Strict: exactly `+` and 1..=15 ASCII digits, the first not 0. To read what a person wrote
    /// (spaces, dashes, other scripts), use [`crate::normalize`].
    fn from_str(s: &str) -> Result<Self, PhoneError> {
        let bytes = s.as_bytes();
        if bytes.len() > crate::MAX_INPUT_BYTES {
            return Err(PhoneError::InputTooLong {
                limit: crate::MAX_INPUT_BYTES,
                actual: bytes.len(),
            });
        }
        if bytes.first() != Some(&b'+') {
            return Err(if bytes.is_empty() {
                PhoneError::NoDigits
            } else {
                PhoneError::MissingPlus
            });
        }
        check_strict(s, 1)?;
        Self::from_ascii_digits(bytes.get(1..).unwrap_or(&[])).ok_or(PhoneError::NoDigits)
    }
}

impl TryFrom<&str> for E164 {
    type Error = PhoneError;
    fn try_from(s: &str) -> Result<Self, PhoneError> {
        s.parse()
    }
}

impl TryFrom<String> for E164 {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, PhoneError> {
        s.parse()
    }
}

impl From<E164> for String {
    fn from(n: E164) -> String {
        n.as_str().to_owned()
    }
}

impl AsRef<str> for E164 {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialOrd for E164 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for E164 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// Serde as the type's text: written with its `Display`, read with its `FromStr` (the parse error
/// is serde's message).
macro_rules! serde_as_text {
    ($($ty:ty),* $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
pub(crate) use serde_as_text;

serde_as_text!(E164);

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E164({})", self.as_str())
    }
}

/// The phone number a WhatsApp business account is registered under. Its country calling code is
/// what [`crate::normalize`] puts in front of a number written without a plus (the guide's rule).
///
/// ```
/// use waba_phone::BusinessNumber;
/// let b: BusinessNumber = "+91 98765 43210".parse()?;
/// assert_eq!(b.calling_code(), 91);
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BusinessNumber {
    number: E164,
    code: u16,
    code_len: u8,
}

impl BusinessNumber {
    /// A business number; its country calling code must be one the metadata knows.
    pub fn new(number: E164) -> Result<Self, PhoneError> {
        match metadata::split_calling_code(number.digit_bytes()) {
            Some((code, len)) => Ok(Self {
                number,
                code,
                code_len: len as u8,
            }),
            None => Err(PhoneError::UnknownCallingCode { number }),
        }
    }

    /// The number.
    pub fn number(&self) -> E164 {
        self.number
    }

    /// Its country calling code (`91` for an Indian number).
    pub fn calling_code(&self) -> u16 {
        self.code
    }

    /// The calling code's ASCII digits.
    pub(crate) fn code_digits(&self) -> &[u8] {
        self.number
            .digits()
            .as_bytes()
            .get(..usize::from(self.code_len))
            .unwrap_or(&[])
    }
}

impl FromStr for BusinessNumber {
    type Err = PhoneError;

    /// Reads the number as a person writes it, with its plus (`+91 98765 43210`).
    fn from_str(s: &str) -> Result<Self, PhoneError> {
        Self::new(crate::normalize_international(s)?)
    }
}

impl fmt::Display for BusinessNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.number, f)
    }
}

impl fmt::Debug for BusinessNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BusinessNumber({})", self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parse() {
        assert_eq!("+1".parse::<E164>().unwrap().as_str(), "+1");
        assert_eq!(
            "+123456789012345".parse::<E164>().unwrap().digits(),
            "123456789012345"
        );
        assert_eq!(
            "+1234567890123456".parse::<E164>(),
            Err(PhoneError::TooManyDigits {
                limit: 15,
                actual: 16
            })
        );
        assert_eq!("".parse::<E164>(), Err(PhoneError::NoDigits));
        assert_eq!("+".parse::<E164>(), Err(PhoneError::NoDigits));
        assert_eq!("16315551002".parse::<E164>(), Err(PhoneError::MissingPlus));
        assert_eq!(
            "+0123".parse::<E164>(),
            Err(PhoneError::LeadingZero { position: 1 })
        );
        assert_eq!(
            "++1".parse::<E164>(),
            Err(PhoneError::SecondPlus { position: 1 })
        );
        assert_eq!(
            "+1 631".parse::<E164>(),
            Err(PhoneError::UnexpectedCharacter {
                ch: ' ',
                position: 2
            })
        );
        assert_eq!(
            "+1é2".parse::<E164>(),
            Err(PhoneError::Letter {
                ch: 'é',
                position: 2
            })
        );
        assert_eq!(
            "+12😀".parse::<E164>(),
            Err(PhoneError::UnexpectedCharacter {
                ch: '😀',
                position: 3
            })
        );
    }

    #[test]
    fn wa_id() {
        let n = E164::from_wa_id("972987654321").unwrap();
        assert_eq!(n.as_str(), "+972987654321");
        assert_eq!(n.country_code(), Some(972));
        assert_eq!(n.national_number(), Some("987654321"));
        assert!(E164::from_wa_id("+972987654321").is_err());
        assert!(E164::from_wa_id("0972").is_err());
        assert!(E164::from_wa_id("").is_err());
    }

    #[test]
    fn calling_codes_by_prefix() {
        for (n, cc) in [
            ("+16315551002", Some(1)),
            ("+447911123456", Some(44)),
            ("+919876543210", Some(91)),
            ("+97150123456", Some(971)),
            ("+80012345678", Some(800)),
            ("+2", None),
            ("+999", None),
        ] {
            assert_eq!(n.parse::<E164>().unwrap().country_code(), cc, "{n}");
        }
    }

    #[test]
    fn serde_as_string() {
        let n: E164 = serde_json::from_str("\"+16315551002\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"+16315551002\"");
        assert!(serde_json::from_str::<E164>("\"16315551002\"").is_err());
    }

    #[test]
    fn business_number() {
        let b: BusinessNumber = "+91 98765-43210".parse().unwrap();
        assert_eq!(b.calling_code(), 91);
        assert_eq!(b.code_digits(), b"91");
        assert!("+999 1234".parse::<BusinessNumber>().is_err());
        assert!("98765 43210".parse::<BusinessNumber>().is_err());
    }
}
