//! The error of reading a phone number: [`PhoneError`].

use waba_error::WabaError;

/// Why a text could not be read as a phone number, or a phone number could not be used.
///
/// Positions count characters (Unicode scalar values) from 0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum PhoneError {
    /// The input is longer than [`crate::MAX_INPUT_BYTES`]; nothing of it was read.
    #[error("input is {actual} bytes long, more than the {limit} bytes a phone number may take")]
    #[waba(code = "phone.input_too_long")]
    InputTooLong {
        /// The cap, [`crate::MAX_INPUT_BYTES`].
        limit: usize,
        /// The input's length in bytes.
        actual: usize,
    },
    /// The input holds no digit.
    #[error("no digits in the input")]
    #[waba(code = "phone.no_digits")]
    NoDigits,
    /// The number has more digits than E.164 allows (country code included).
    #[error("{actual} digits, more than the {limit} E.164 allows (country calling code included)")]
    #[waba(code = "phone.too_many_digits")]
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
    #[waba(code = "phone.leading_zero")]
    LeadingZero {
        /// Position of the zero.
        position: usize,
    },
    /// The number has no plus and no business number was given to take the country code from
    /// (or a strict E.164 text lacks its plus).
    #[error(
        "the number does not start with a plus and there is no business number to take the country code from"
    )]
    #[waba(code = "phone.missing_plus")]
    MissingPlus,
    /// A second plus.
    #[error("a second plus at position {position}")]
    #[waba(code = "phone.second_plus")]
    SecondPlus {
        /// Position of the second plus.
        position: usize,
    },
    /// A plus after the first digit.
    #[error("a plus after the first digit, at position {position}")]
    #[waba(code = "phone.misplaced_plus")]
    MisplacedPlus {
        /// Position of the plus.
        position: usize,
    },
    /// A bidi override (U+202D, U+202E): the digits would be shown in another order than stored.
    #[error("bidi override {ch:?} (U+{code:04X}) at position {position}: the number would not read as it is stored", code = *ch as u32)]
    #[waba(code = "phone.bidi_override")]
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
    #[waba(code = "phone.bidi_control")]
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
    #[waba(code = "phone.letter")]
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
    #[waba(code = "phone.extension")]
    Extension {
        /// Where the extension starts.
        position: usize,
    },
    /// A URI (`tel:`, `sip:`) rather than a number.
    #[error("a URI scheme at position {position}: give the number, not a tel: or sip: URI")]
    #[waba(code = "phone.uri_scheme")]
    UriScheme {
        /// Where the scheme starts.
        position: usize,
    },
    /// Any other character that has no place in a phone number (`*`, `#`, emoji, control characters).
    #[error("unexpected character {ch:?} (U+{code:04X}) at position {position}", code = *ch as u32)]
    #[waba(code = "phone.unexpected_character")]
    UnexpectedCharacter {
        /// The character.
        ch: char,
        /// Its position.
        position: usize,
    },
    /// The business number's country calling code is not in the metadata.
    #[error("no country calling code is known for business number {number}")]
    #[waba(code = "phone.unknown_calling_code")]
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
