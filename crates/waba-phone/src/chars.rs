//! How `normalize` reads each character: digits of every script, separators, invisible characters.

use std::cmp::Ordering;

/// The first code point (the digit zero) of every run of ten Unicode decimal digits (general category
/// `Nd`), Unicode 16.0, sorted. Each run holds the digits 0 to 9 in order, so a digit's value is its
/// distance from the run's zero. Checked against Python's `unicodedata` (Unicode 14) plus the runs that
/// Unicode 15 and 16 added (Kawi, Nag Mundari, Garay, Myanmar Extended-C, Sunuwar, Gurung Khema, Kirat
/// Rai, outlined digits, Ol Onal).
pub(crate) const DIGIT_ZEROS: &[u32] = &[
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50,
    0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`Nd`), or `None`.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x80 {
        return if c.is_ascii_digit() {
            Some((cp - 0x30) as u8)
        } else {
            None
        };
    }
    // The greatest zero not above `cp`.
    let i = match DIGIT_ZEROS.binary_search_by(|z| z.cmp(&cp)) {
        Ok(_) => return Some(0),
        Err(0) => return None,
        Err(i) => i - 1,
    };
    let zero = DIGIT_ZEROS.get(i).copied()?;
    let d = cp - zero;
    if d < 10 { Some(d as u8) } else { None }
}

/// What a non-digit character means to `normalize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `+` or the fullwidth plus `＋`.
    Plus,
    /// A separator people type between groups of digits: a space of any kind, a dash, a dot,
    /// parentheses, brackets, a slash.
    Separator,
    /// A character that copy and paste brings and nobody sees and that moves nothing: zero-width
    /// space and joiners, the word joiner, the byte order mark, the soft hyphen, the Mongolian
    /// vowel separator. Removed.
    Invisible,
    /// A bidi override (U+202D, U+202E): the digits are shown in another order than they are stored,
    /// so what a person saw is not what the text says. Refused.
    BidiOverride,
    /// Any other bidirectional formatting character (`Bidi_Control`): the marks ALM, LRM, RLM
    /// (U+061C, U+200E, U+200F), the embeddings LRE, RLE and their PDF (U+202A–U+202C), the
    /// isolates LRI, RLI, FSI, PDI (U+2066–U+2069). Next to digits they reorder the groups on
    /// screen (`+1 650\u{200F} 253` shows the groups in another order), so they are refused like
    /// the overrides (decision 0101).
    BidiControl,
    /// Anything else. Refused.
    Other,
}

/// Sorted, non-overlapping ranges of the characters that are not digits but are understood.
const RANGES: [(u32, u32, Class); 28] = [
    (0x0020, 0x0020, Class::Separator),    // space
    (0x0028, 0x0029, Class::Separator),    // ( )
    (0x002B, 0x002B, Class::Plus),         // +
    (0x002D, 0x002F, Class::Separator),    // - . /
    (0x005B, 0x005B, Class::Separator),    // [
    (0x005D, 0x005D, Class::Separator),    // ]
    (0x00A0, 0x00A0, Class::Separator),    // no-break space
    (0x00AD, 0x00AD, Class::Invisible),    // soft hyphen
    (0x061C, 0x061C, Class::BidiControl),  // Arabic letter mark
    (0x1680, 0x1680, Class::Separator),    // Ogham space mark
    (0x180E, 0x180E, Class::Invisible),    // Mongolian vowel separator (zero width)
    (0x2000, 0x200A, Class::Separator),    // en quad .. hair space
    (0x200B, 0x200D, Class::Invisible),    // ZWSP, ZWNJ, ZWJ
    (0x200E, 0x200F, Class::BidiControl),  // LRM, RLM
    (0x2010, 0x2015, Class::Separator), // hyphen, non-breaking hyphen, figure dash, en/em dash, bar
    (0x202A, 0x202C, Class::BidiControl), // LRE, RLE, PDF
    (0x202D, 0x202E, Class::BidiOverride), // LRO, RLO
    (0x202F, 0x202F, Class::Separator), // narrow no-break space
    (0x205F, 0x205F, Class::Separator), // medium mathematical space
    (0x2060, 0x2060, Class::Invisible), // word joiner
    (0x2066, 0x2069, Class::BidiControl), // LRI, RLI, FSI, PDI
    (0x2212, 0x2212, Class::Separator), // minus sign
    (0x3000, 0x3000, Class::Separator), // ideographic space
    (0xFE63, 0xFE63, Class::Separator), // small hyphen-minus
    (0xFEFF, 0xFEFF, Class::Invisible), // byte order mark / zero-width no-break space
    (0xFF08, 0xFF09, Class::Separator), // fullwidth ( )
    (0xFF0B, 0xFF0B, Class::Plus),      // fullwidth +
    (0xFF0D, 0xFF0F, Class::Separator), // fullwidth - . /
];

/// The class of a character that is not a digit.
#[inline]
pub(crate) fn class(c: char) -> Class {
    let cp = c as u32;
    match cp {
        0x20 => return Class::Separator,
        0x2B => return Class::Plus,
        0x2D..=0x2F | 0x28 | 0x29 => return Class::Separator,
        _ => {}
    }
    let found = RANGES.binary_search_by(|&(lo, hi, _)| {
        if hi < cp {
            Ordering::Less
        } else if lo > cp {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    match found {
        Ok(i) => RANGES.get(i).map_or(Class::Other, |r| r.2),
        Err(_) => Class::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_sorted_and_runs_disjoint() {
        for w in DIGIT_ZEROS.windows(2) {
            assert!(w[1] - w[0] >= 10, "{:x} {:x}", w[0], w[1]);
        }
    }

    #[test]
    fn ranges_sorted() {
        for w in RANGES.windows(2) {
            assert!(w[0].1 < w[1].0, "{:x}", w[1].0);
        }
    }

    #[test]
    fn digits_of_many_scripts() {
        for (s, v) in [
            ('7', 7),
            ('٧', 7),
            ('۷', 7),
            ('७', 7),
            ('৭', 7),
            ('๗', 7),
            ('７', 7),
            ('𝟕', 7),
            ('᠗', 7),
            ('0', 0),
            ('٠', 0),
            ('𝟶', 0),
        ] {
            assert_eq!(digit_value(s), Some(v), "{s}");
        }
        for c in ['a', '①', '²', 'Ⅶ', '½', '/', ':', '\u{10D3A}'] {
            assert_eq!(digit_value(c), None, "{c}");
        }
        // Rust's own `is_numeric` agrees wherever we say "digit".
        for &z in DIGIT_ZEROS {
            for d in 0..10 {
                if let Some(c) = char::from_u32(z + d) {
                    assert_eq!(digit_value(c), Some(d as u8));
                    assert!(c.is_numeric(), "{:x}", z + d);
                }
            }
        }
    }

    #[test]
    fn classes() {
        assert_eq!(class('+'), Class::Plus);
        assert_eq!(class('＋'), Class::Plus);
        for c in [
            ' ', '-', '.', '(', ')', '/', '\u{a0}', '\u{2011}', '\u{3000}', '\u{202f}',
        ] {
            assert_eq!(class(c), Class::Separator, "{:x}", c as u32);
        }
        for c in ['\u{200b}', '\u{200d}', '\u{feff}', '\u{ad}', '\u{2060}'] {
            assert_eq!(class(c), Class::Invisible, "{:x}", c as u32);
        }
        assert_eq!(class('\u{202e}'), Class::BidiOverride);
        assert_eq!(class('\u{202d}'), Class::BidiOverride);
        // The whole Bidi_Control property, besides the overrides.
        for c in [
            '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{2066}',
            '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(class(c), Class::BidiControl, "{:x}", c as u32);
        }
        for c in ['a', '*', '#', '\n', '\t', '\0', '😀', ';', ':', ','] {
            assert_eq!(class(c), Class::Other, "{:x}", c as u32);
        }
    }
}
