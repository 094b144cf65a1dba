//! The error of reading a phone number: [`PhoneError`].

use waba_error::{ErrorClass, WabaError};

/// Why a text could not be read as a phone number, or a phone number could not be used.
///
/// Positions count characters (Unicode scalar values) from 0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneError {
    /// The input is longer than [`crate::MAX_INPUT_BYTES`]; nothing of it was read.
    #[error("input is {actual} bytes long, more than the {limit} bytes a phone number may take")]
    InputTooLong {
        /// The cap, [`crate::MAX_INPUT_BYTES`].
        limit: usize,
        /// The input's length in bytes.
        actual: usize,
    },
    /// The input holds no digit.
    #[error("no digits in the input")]
    NoDigits,
    /// The number has more digits than E.164 allows (country code included).
    #[error("{actual} digits, more than the {limit} E.164 allows (country calling code included)")]
    TooManyDigits {
        /// [`crate::E164::MAX_DIGITS`].
        limit: usize,
        /// How many digits the number has, the country calling code included.
        actual: usize,
    },
    /// After the plus comes a zero: no country calling code starts with 0.
    #[error(
        "the first digit after the plus is 0 (position {position}): no country calling code starts with 0"
    )]
    LeadingZero {
        /// Position of the zero.
        position: usize,
    },
    /// The number has no plus and no business number was given to take the country code from
    /// (or a strict E.164 text lacks its plus).
    #[error(
        "the number does not start with a plus and there is no business number to take the country code from"
    )]
    MissingPlus,
    /// A second plus.
    #[error("a second plus at position {position}")]
    SecondPlus {
        /// Position of the second plus.
        position: usize,
    },
    /// A plus after the first digit.
    #[error("a plus after the first digit, at position {position}")]
    MisplacedPlus {
        /// Position of the plus.
        position: usize,
    },
    /// A bidi override (U+202D, U+202E): the digits would be shown in another order than stored.
    #[error("bidi override {ch:?} (U+{code:04X}) at position {position}: the number would not read as it is stored", code = *ch as u32)]
    BidiOverride {
        /// The character.
        ch: char,
        /// Its position.
        position: usize,
    },
    /// Another bidirectional formatting character (a mark, an embedding or an isolate: U+061C,
    /// U+200E, U+200F, U+202A–U+202C, U+2066–U+2069): next to digits it reorders the groups on
    /// screen, so the number a person read is not the number stored.
    #[error("bidi control {ch:?} (U+{code:04X}) at position {position}: the number would not read as it is stored", code = *ch as u32)]
    BidiControl {
        /// The character.
        ch: char,
        /// Its position.
        position: usize,
    },
    /// A letter (vanity numbers like `1-800-FLOWERS` are not converted).
    #[error(
        "letter {ch:?} at position {position}: phone numbers are digits (vanity letters are not converted)"
    )]
    Letter {
        /// The letter.
        ch: char,
        /// Its position.
        position: usize,
    },
    /// An extension (`ext. 12`, `x12`, `;ext=12`, `#12`): E.164 has no place for it.
    #[error(
        "an extension starts at position {position}: E.164 has no place for it, give the number without it"
    )]
    Extension {
        /// Where the extension starts.
        position: usize,
    },
    /// A URI (`tel:`, `sip:`) rather than a number.
    #[error("a URI scheme at position {position}: give the number, not a tel: or sip: URI")]
    UriScheme {
        /// Where the scheme starts.
        position: usize,
    },
    /// Any other character that has no place in a phone number (`*`, `#`, emoji, control characters).
    #[error("unexpected character {ch:?} (U+{code:04X}) at position {position}", code = *ch as u32)]
    UnexpectedCharacter {
        /// The character.
        ch: char,
        /// Its position.
        position: usize,
    },
    /// The business number's country calling code is not in the metadata.
    #[error("no country calling code is known for business number {number}")]
    UnknownCallingCode {
        /// The business number.
        number: crate::E164,
    },
}

impl PhoneError {
    /// The offending character, if one is named.
    pub fn character(&self) -> Option<char> {
        match self {
            Self::BidiOverride { ch, .. }
            | Self::BidiControl { ch, .. }
            | Self::Letter { ch, .. }
            | Self::UnexpectedCharacter { ch, .. } => Some(*ch),
            Self::SecondPlus { .. } | Self::MisplacedPlus { .. } => Some('+'),
            _ => None,
        }
    }
}

impl WabaError for PhoneError {
    /// The stable code of this error, listed in `docs/errors.md`.
    fn code(&self) -> &'static str {
        match self {
            Self::InputTooLong { .. } => "phone.input_too_long",
            Self::NoDigits => "phone.no_digits",
            Self::TooManyDigits { .. } => "phone.too_many_digits",
            Self::LeadingZero { .. } => "phone.leading_zero",
            Self::MissingPlus => "phone.missing_plus",
            Self::SecondPlus { .. } => "phone.second_plus",
            Self::MisplacedPlus { .. } => "phone.misplaced_plus",
            Self::BidiOverride { .. } => "phone.bidi_override",
            Self::BidiControl { .. } => "phone.bidi_control",
            Self::Letter { .. } => "phone.letter",
            Self::Extension { .. } => "phone.extension",
            Self::UriScheme { .. } => "phone.uri_scheme",
            Self::UnexpectedCharacter { .. } => "phone.unexpected_character",
            Self::UnknownCallingCode { .. } => "phone.unknown_calling_code",
        }
    }

    /// The limit that was broken, if any.
    fn limit(&self) -> Option<u64> {
        match self {
            Self::InputTooLong { limit, .. } | Self::TooManyDigits { limit, .. } => {
                Some(*limit as u64)
            }
            _ => None,
        }
    }

    /// The measured value that broke the limit, if any.
    fn actual(&self) -> Option<u64> {
        match self {
            Self::InputTooLong { actual, .. } | Self::TooManyDigits { actual, .. } => {
                Some(*actual as u64)
            }
            _ => None,
        }
    }

    /// The position (in characters, from 0) of the offending character, if any.
    fn position(&self) -> Option<u64> {
        match self {
            Self::LeadingZero { position }
            | Self::SecondPlus { position }
            | Self::MisplacedPlus { position }
            | Self::BidiOverride { position, .. }
            | Self::BidiControl { position, .. }
            | Self::Letter { position, .. }
            | Self::Extension { position }
            | Self::UriScheme { position }
            | Self::UnexpectedCharacter { position, .. } => Some(*position as u64),
            _ => None,
        }
    }

    /// The field concerned: always `None` here (the caller knows which field it read).
    fn field(&self) -> Option<&str> {
        None
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }
}
