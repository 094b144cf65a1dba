//! [`normalize`]: what a person or a routing strategy typed, turned into the number WhatsApp uses,
//! exactly as the Genesys guide's table says.

use crate::chars::{Class, class, digit_value};
use crate::{BusinessNumber, E164, PhoneError};

/// The longest input [`normalize`] reads, in bytes; a longer one is refused before any work.
///
/// 128 bytes hold any 15-digit number written in the widest script (4-byte mathematical digits:
/// 60 bytes) with a 3-byte separator between every two digits (42 bytes), a fullwidth plus and a
/// few invisible marks. Real numbers are 10 to 25 bytes.
pub const MAX_INPUT_BYTES: usize = 128;

/// What one pass over the input found.
pub(crate) struct Scanned {
    /// The number.
    pub(crate) number: E164,
    /// Whether the input started with a plus (else the business number's code was put in front).
    pub(crate) had_plus: bool,
}

/// Normalizes a phone number as the Genesys guide says ("Recommended phone number formats for
/// WhatsApp"): with a leading plus, the digits as written; without one, the business number's
/// country calling code in front of the digits, as they are.
///
/// Reads separators (spaces of every Unicode kind, `-`, `.`, `(`, `)`, `/` and their fullwidth or
/// dash variants), decimal digits of any script, the fullwidth plus, and drops the invisible
/// characters that copy and paste bring (zero-width characters, BOM, soft hyphen, bidi marks,
/// embeddings and isolates). Anything else is a [`PhoneError`] naming the character and its
/// position. No allocation.
///
/// ```
/// use waba_phone::{normalize, BusinessNumber};
/// let india: BusinessNumber = "+919876543210".parse()?;
/// assert_eq!(normalize("+1-631-555-1002", &india)?.as_str(), "+16315551002");
/// assert_eq!(normalize("6315551002", &india)?.as_str(), "+916315551002");
/// assert_eq!(normalize("1-631-555-1002", &india)?.as_str(), "+9116315551002");
/// # Ok::<(), waba_phone::PhoneError>(())
/// ```
pub fn normalize(input: &str, business: &BusinessNumber) -> Result<E164, PhoneError> {
    scan(input, Some(business)).map(|s| s.number)
}

/// Normalizes a number that must carry its plus (no business number to take a country code from):
/// the same reading as [`normalize`], and [`PhoneError::MissingPlus`] for a number without a plus.
pub fn normalize_international(input: &str) -> Result<E164, PhoneError> {
    scan(input, None).map(|s| s.number)
}

/// The one pass behind [`normalize`].
pub(crate) fn scan(input: &str, business: Option<&BusinessNumber>) -> Result<Scanned, PhoneError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(PhoneError::InputTooLong {
            limit: MAX_INPUT_BYTES,
            actual: input.len(),
        });
    }
    let mut out = [0u8; E164::MAX_DIGITS];
    let mut total = 0usize; // digits of the result, written or not
    let mut written_digits = 0usize; // digits read from the input
    let mut plus = false;
    let bytes = input.as_bytes();
    let mut at = 0usize; // byte offset
    let mut position = 0usize; // character position
    while let Some(&byte) = bytes.get(at) {
        // ASCII fast path: no decoding.
        let c = if byte < 0x80 {
            char::from(byte)
        } else {
            match input.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        let digit = if byte.is_ascii_digit() {
            Some(byte - b'0')
        } else if byte < 0x80 {
            None
        } else {
            digit_value(c)
        };
        if let Some(d) = digit {
            if written_digits == 0 {
                if plus {
                    if d == 0 {
                        return Err(PhoneError::LeadingZero { position });
                    }
                } else {
                    let business = business.ok_or(PhoneError::MissingPlus)?;
                    for &b in business.code_digits() {
                        if let Some(slot) = out.get_mut(total) {
                            *slot = b;
                        }
                        total += 1;
                    }
                }
            }
            written_digits += 1;
            if let Some(slot) = out.get_mut(total) {
                *slot = b'0' + d;
            }
            total += 1;
        } else {
            let class = match byte {
                b' ' | b'-' | b'.' | b'(' | b')' | b'/' => Class::Separator,
                b'+' => Class::Plus,
                _ => class(c),
            };
            match class {
                Class::Separator | Class::Invisible => {}
                Class::Plus if written_digits > 0 => {
                    return Err(PhoneError::MisplacedPlus { position });
                }
                Class::Plus if plus => return Err(PhoneError::SecondPlus { position }),
                Class::Plus => plus = true,
                Class::BidiOverride => return Err(PhoneError::BidiOverride { ch: c, position }),
                Class::BidiControl => return Err(PhoneError::BidiControl { ch: c, position }),
                Class::Other => {
                    return Err(other(
                        input.get(at..).unwrap_or(""),
                        c,
                        position,
                        written_digits > 0,
                    ));
                }
            }
        }
        at += c.len_utf8();
        position += 1;
    }
    if written_digits == 0 {
        return Err(PhoneError::NoDigits);
    }
    if total > E164::MAX_DIGITS {
        return Err(PhoneError::TooManyDigits {
            limit: E164::MAX_DIGITS,
            actual: total,
        });
    }
    let number =
        E164::from_ascii_digits(out.get(..total).unwrap_or(&[])).ok_or(PhoneError::NoDigits)?;
    Ok(Scanned {
        number,
        had_plus: plus,
    })
}

/// Extension markers, lower case, longest first where one is a prefix of another.
const EXTENSION_MARKERS: [&str; 8] = [";ext=", "extension", "ext.", "ext", "x.", "x", "#", ","];

/// URI schemes people paste instead of a number.
const URI_SCHEMES: [&str; 3] = ["tel:", "sip:", "sips:"];

/// Starts with `prefix`, ASCII case-insensitively: the rest, else `None`.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix.as_bytes()) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Whether `rest` (from the first character not understood) is an extension: a marker, then
/// separators and at least one digit, and nothing else.
fn is_extension(rest: &str) -> bool {
    EXTENSION_MARKERS.iter().any(|m| {
        strip_prefix_ci(rest, m).is_some_and(|tail| {
            let mut digits = 0;
            for c in tail.chars() {
                if digit_value(c).is_some() {
                    digits += 1;
                } else if c == ':'
                    || c == '='
                    || matches!(class(c), Class::Separator | Class::Invisible)
                {
                } else {
                    return false;
                }
            }
            digits > 0
        })
    })
}

/// The error for a character that has no place in a phone number.
fn other(rest: &str, ch: char, position: usize, after_digits: bool) -> PhoneError {
    if after_digits && is_extension(rest) {
        PhoneError::Extension { position }
    } else if !after_digits
        && URI_SCHEMES
            .iter()
            .any(|s| strip_prefix_ci(rest, s).is_some())
    {
        PhoneError::UriScheme { position }
    } else if ch.is_alphabetic() {
        PhoneError::Letter { ch, position }
    } else {
        PhoneError::UnexpectedCharacter { ch, position }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn india() -> BusinessNumber {
        "+919876543210".parse().unwrap()
    }

    fn n(s: &str) -> Result<String, PhoneError> {
        normalize(s, &india()).map(|n| n.as_str().to_owned())
    }

    #[test]
    fn the_guides_table() {
        // Genesys guide, "Recommended phone number formats for WhatsApp", business number +91.
        assert_eq!(n("+1-631-555-1002").unwrap(), "+16315551002");
        assert_eq!(n("6315551002").unwrap(), "+916315551002");
        assert_eq!(n("1-631-555-1002").unwrap(), "+9116315551002");
        assert_eq!(n("+1 (516) 283-7151").unwrap(), "+15162837151");
        assert_eq!(n("+54 9 11 5612-1008").unwrap(), "+5491156121008");
    }

    #[test]
    fn other_scripts_and_separators() {
        assert_eq!(n("＋１ ６５０ ２５３ ００００").unwrap(), "+16502530000");
        assert_eq!(n("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧").unwrap(), "+971501234567");
        assert_eq!(n("+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹").unwrap(), "+989123456789");
        assert_eq!(n("९८७६५ ४३२१०").unwrap(), "+919876543210");
        assert_eq!(
            n("+1\u{a0}650\u{2011}253\u{2011}0000").unwrap(),
            "+16502530000"
        );
        assert_eq!(n("+1\u{3000}650/253.0000").unwrap(), "+16502530000");
        assert_eq!(
            n("\u{feff}+1 650\u{200b}253\u{ad}0000\u{2060}").unwrap(),
            "+16502530000"
        );
        // Every bidi formatting character is refused, even one that would change nothing here:
        // next to digits they reorder what a person reads (decision 0101).
        for (input, ch, position) in [
            ("\u{2066}+1 650 253 0000\u{2069}", '\u{2066}', 0),
            ("+1 650\u{200f} 253 0000", '\u{200f}', 6),
            ("+1 650 253 0000\u{200e}", '\u{200e}', 15),
            ("+1\u{061c}650", '\u{061c}', 2),
            ("\u{202b}+1650\u{202c}", '\u{202b}', 0),
        ] {
            assert_eq!(
                n(input),
                Err(PhoneError::BidiControl { ch, position }),
                "{input:?}"
            );
        }
        assert_eq!(n("+(1) 650 253 0000").unwrap(), "+16502530000");
    }

    #[test]
    fn refusals_name_the_character() {
        assert_eq!(
            n("+1 650 253 000*"),
            Err(PhoneError::UnexpectedCharacter {
                ch: '*',
                position: 14
            })
        );
        assert_eq!(
            n("1-800-FLOWERS"),
            Err(PhoneError::Letter {
                ch: 'F',
                position: 6
            })
        );
        assert_eq!(
            n("+1 650 253 0000 ext. 12"),
            Err(PhoneError::Extension { position: 16 })
        );
        assert_eq!(
            n("+1 650 253 0000x12"),
            Err(PhoneError::Extension { position: 15 })
        );
        assert_eq!(
            n("+1 650 253 0000;ext=12"),
            Err(PhoneError::Extension { position: 15 })
        );
        assert_eq!(
            n("+1 650 253 0000 #12"),
            Err(PhoneError::Extension { position: 16 })
        );
        assert_eq!(n("++1650"), Err(PhoneError::SecondPlus { position: 1 }));
        assert_eq!(n("+1650+1"), Err(PhoneError::MisplacedPlus { position: 5 }));
        assert_eq!(
            n("+1650\u{202e}2530000"),
            Err(PhoneError::BidiOverride {
                ch: '\u{202e}',
                position: 5
            })
        );
        assert_eq!(
            n("+1650😀"),
            Err(PhoneError::UnexpectedCharacter {
                ch: '😀',
                position: 5
            })
        );
        assert_eq!(
            n("tel:+16502530000"),
            Err(PhoneError::UriScheme { position: 0 })
        );
        assert_eq!(
            n("+1650\n2530000"),
            Err(PhoneError::UnexpectedCharacter {
                ch: '\n',
                position: 5
            })
        );
        assert_eq!(n("+0 650"), Err(PhoneError::LeadingZero { position: 1 }));
        assert_eq!(n(""), Err(PhoneError::NoDigits));
        assert_eq!(n("+"), Err(PhoneError::NoDigits));
        assert_eq!(n(" ( ) "), Err(PhoneError::NoDigits));
        assert_eq!(
            n("+1234567890123456"),
            Err(PhoneError::TooManyDigits {
                limit: 15,
                actual: 16
            })
        );
        // The business code counts: 2 + 14 digits.
        assert_eq!(
            n("12345678901234"),
            Err(PhoneError::TooManyDigits {
                limit: 15,
                actual: 16
            })
        );
        let long = "1".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(
            n(&long),
            Err(PhoneError::InputTooLong {
                limit: MAX_INPUT_BYTES,
                actual: MAX_INPUT_BYTES + 1
            })
        );
        assert_eq!(
            normalize_international("650 253 0000"),
            Err(PhoneError::MissingPlus)
        );
    }

    #[test]
    fn as_is_means_as_is() {
        // No trunk-zero stripping, no IDD stripping: the guide's rule, literally.
        assert_eq!(n("09876543210").unwrap(), "+9109876543210");
        assert_eq!(n("00 1 631 555 1002").unwrap(), "+910016315551002");
        assert_eq!(n("+44 (0)20 7946 0958").unwrap(), "+4402079460958");
    }
}
