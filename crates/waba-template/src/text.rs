//! Text measures shared by every check: length as Meta counts it (Unicode scalar values, decision
//! 0200), what counts as blank, Meta's parameter whitespace rule (132018).

use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Counted, Field, TemplateError};

/// The most consecutive spaces a template parameter may hold (Meta's 132018: "more than 4
/// consecutive spaces").
pub const PARAM_SPACES_MAX: usize = 4;

/// Length in user-perceived characters (extended grapheme clusters): one family emoji is one.
/// Not what Meta's limits count (see [`char_len`]); kept for cutting text at a boundary a person
/// sees.
pub fn grapheme_len(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Length as Meta's limits count it: Unicode scalar values (code points), JSON Schema's
/// `maxLength` in Meta's OpenAPI description (decision 0200). A family emoji 👨‍👩‍👧‍👦 is 7; 😀 is 1
/// (2 UTF-16 units).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Whether `c` draws nothing and takes no room: a default-ignorable code point (Unicode's
/// `Default_Ignorable_Code_Point`: soft hyphen, combining grapheme joiner, zero-width space and
/// joiners, bidi controls, word joiner and invisible operators, Hangul fillers, variation
/// selectors, the byte-order mark, tags) or the blank braille pattern U+2800. Whitespace is not
/// in the set (it takes room).
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x2800 | 0x3164
        | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// Whether a person would see nothing in `s`: only whitespace and invisible characters
/// ([`is_invisible`]).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The form under which two texts a person cannot tell apart are equal: canonically composed
/// (NFC: `é` and `e` + U+0301 are one), invisible characters removed.
pub fn visible_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.chars().filter(|c| !is_invisible(*c)).nfc().collect()
}

/// Checks `s` is at most `limit` characters (Unicode scalar values); cheap when the byte length
/// already fits.
#[inline]
pub(crate) fn check_len(
    s: &str,
    limit: usize,
    field: Field,
    index: Option<u64>,
) -> Result<(), TemplateError> {
    if s.len() <= limit {
        return Ok(());
    }
    let actual = char_len(s);
    if actual > limit {
        return Err(TemplateError::TooLong {
            field,
            limit: limit as u64,
            actual: actual as u64,
            index,
        });
    }
    Ok(())
}

/// Checks a parameter value: not blank (131008; invisible characters alone are blank), Meta's
/// whitespace rule (132018), at most `max` characters.
#[inline]
pub(crate) fn check_param(
    v: &str,
    field: Field,
    index: u64,
    max: usize,
) -> Result<(), TemplateError> {
    let starts_visible = v.as_bytes().first().is_some_and(u8::is_ascii_graphic);
    if !starts_visible && is_blank(v) {
        return Err(TemplateError::Empty {
            field,
            index: Some(index),
        });
    }
    check_param_whitespace(v, field, index)?;
    check_len(v, max, field, Some(index))
}

/// Every byte of a word set to `b`.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of every byte.
const HIGH: u64 = splat(0x80);
/// The low seven bits of every byte.
const LOW7: u64 = splat(0x7f);
/// A neutral byte (neither space nor control) that pads a short value to a word.
const PAD: u8 = b'A';

/// The high bit set in each byte of `w` below `0x21`: a control character or a space. Exact
/// (no carry crosses a byte): `(b & 0x7f) + 0x5f` reaches `0x80` exactly when `b & 0x7f >= 0x21`.
#[inline(always)]
const fn below_bang(w: u64) -> u64 {
    !(((w & LOW7) + splat(0x80 - 0x21)) | w) & HIGH
}

/// The high bit set in each byte of `w` that is a space (exact, as [`below_bang`]).
#[inline(always)]
const fn spaces(w: u64) -> u64 {
    let x = w ^ splat(b' ');
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// Control characters and double spaces in one little-endian word; `carry` is the high bit of
/// byte 0 when the byte before the word was a space. Gives (problems, spaces).
#[inline(always)]
const fn word_problems(w: u64, carry: u64) -> (u64, u64) {
    let sp = spaces(w);
    let controls = below_bang(w) ^ sp;
    (controls | (sp & ((sp << 8) | carry)), sp)
}

/// The fast, conservative form of [`check_param`]: `true` only when `v` certainly passes it
/// (not blank, no control character, no two spaces in a row, at most `max` bytes). One pass over
/// the value, eight bytes at a time. `false` says nothing: the caller runs [`check_param`].
#[inline]
pub(crate) fn param_clearly_ok(v: &str, max: usize) -> bool {
    let bytes = v.as_bytes();
    // Starts with a visible ASCII byte: not blank. Within `max` bytes: within `max` graphemes.
    if bytes.len() > max || !bytes.first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    let mut problems = 0u64;
    let mut carry = 0u64;
    let mut tail = bytes;
    while let Some((word, rest)) = tail.split_first_chunk::<8>() {
        let (p, sp) = word_problems(u64::from_le_bytes(*word), carry);
        problems |= p;
        carry = sp >> 56;
        tail = rest;
    }
    if !tail.is_empty() {
        // The last eight bytes (overlapping words already seen, whose pairs are checked), or the
        // whole short value padded with a neutral byte. The pair across the overlap's first byte
        // lies inside the words already seen, so the overlap starts with no carry.
        let w = match bytes.last_chunk::<8>() {
            Some(last) => u64::from_le_bytes(*last),
            None => tail
                .iter()
                .rev()
                .fold(splat(PAD), |acc, &b| (acc << 8) | u64::from(b)),
        };
        problems |= word_problems(w, 0).0;
    }
    problems == 0
}

/// Checks that `actual` elements of kind `what` are within `min..=max`.
pub(crate) fn check_count(
    what: Counted,
    min: usize,
    max: usize,
    actual: usize,
) -> Result<(), TemplateError> {
    if actual < min {
        return Err(TemplateError::TooFew {
            what,
            limit: min as u64,
            actual: actual as u64,
        });
    }
    if actual > max {
        return Err(TemplateError::TooMany {
            what,
            limit: max as u64,
            actual: actual as u64,
        });
    }
    Ok(())
}

/// Character offset (Unicode scalar values) of byte offset `byte` in `s`.
pub(crate) fn char_pos(s: &str, byte: usize) -> u64 {
    s.get(..byte).map_or(0, |p| p.chars().count()) as u64
}

/// Checks Meta's parameter whitespace rule: no newline (`\n`, `\r`), no tab, no more than
/// [`PARAM_SPACES_MAX`] consecutive spaces. Errors name the character offset.
#[inline]
pub fn check_param_whitespace(value: &str, field: Field, index: u64) -> Result<(), TemplateError> {
    // Fast pass: no newline, tab or double space means no problem. The slow pass below only runs
    // to locate one.
    let mut prev_space = false;
    let mut suspect = false;
    for &c in value.as_bytes() {
        if c > b' ' {
            prev_space = false;
        } else if c == b' ' {
            if prev_space {
                suspect = true;
                break;
            }
            prev_space = true;
        } else if c == b'\n' || c == b'\r' || c == b'\t' {
            suspect = true;
            break;
        } else {
            prev_space = false;
        }
    }
    if !suspect {
        return Ok(());
    }
    locate_whitespace_problem(value, field, index)
}

/// The slow pass of [`check_param_whitespace`]: finds the problem and its position.
#[cold]
#[inline(never)]
fn locate_whitespace_problem(value: &str, field: Field, index: u64) -> Result<(), TemplateError> {
    let mut run = 0usize;
    let mut run_start = 0usize;
    for (i, b) in value.bytes().enumerate() {
        match b {
            b'\n' | b'\r' => {
                return Err(TemplateError::ParamNewline {
                    field,
                    index,
                    position: char_pos(value, i),
                });
            }
            b'\t' => {
                return Err(TemplateError::ParamTab {
                    field,
                    index,
                    position: char_pos(value, i),
                });
            }
            b' ' => {
                if run == 0 {
                    run_start = i;
                }
                run += 1;
                if run > PARAM_SPACES_MAX {
                    return Err(TemplateError::ParamSpaces {
                        field,
                        index,
                        position: char_pos(value, run_start),
                        limit: PARAM_SPACES_MAX as u64,
                    });
                }
            }
            _ => run = 0,
        }
    }
    Ok(())
}

/// Makes a value obey Meta's parameter whitespace rule: `\r\n`, `\n`, `\r` and tabs become one
/// space each, then runs of spaces are cut to [`PARAM_SPACES_MAX`]. Nothing else changes.
pub fn conform_param(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut run = 0usize;
    let mut prev_cr = false;
    for c in value.chars() {
        let c = match c {
            '\n' if prev_cr => {
                prev_cr = false;
                continue;
            }
            '\r' => {
                prev_cr = true;
                ' '
            }
            '\n' | '\t' => {
                prev_cr = false;
                ' '
            }
            other => {
                prev_cr = false;
                other
            }
        };
        if c == ' ' {
            run += 1;
            if run > PARAM_SPACES_MAX {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn family_emoji_is_one_grapheme_and_seven_characters() {
        assert_eq!(grapheme_len("👨‍👩‍👧‍👦"), 1);
        assert_eq!(char_len("👨‍👩‍👧‍👦"), 7);
        assert_eq!(grapheme_len("e\u{301}"), 1);
        assert_eq!(char_len("e\u{301}"), 2);
        assert_eq!(char_len("😀"), 1);
    }

    #[test]
    fn blank_and_visible_keys() {
        for blank in [
            "",
            " ",
            "\u{200b}",
            "\u{200b}\u{feff}\u{2060}",
            "\u{3164}",
            "\u{2800} \u{ad}",
            "\u{e0041}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for seen in ["a", "\u{200b}a", "😀", "\u{301}x"] {
            assert!(!is_blank(seen), "{seen:?}");
        }
        assert_eq!(visible_key("Caf\u{e9}"), visible_key("Cafe\u{301}"));
        assert_eq!(visible_key("Ye\u{200b}s"), visible_key("Yes"));
        assert_ne!(visible_key("Yes No"), visible_key("YesNo"));
    }

    #[test]
    fn whitespace_rule() {
        assert!(check_param_whitespace("a    b", Field::BodyParam, 0).is_ok());
        let e = check_param_whitespace("é     b", Field::BodyParam, 2).unwrap_err();
        assert_eq!(e.code(), "template.param_too_many_spaces");
        assert_eq!(e.position(), Some(1));
        assert_eq!(e.meta_code(), Some(132_018));
        let e = check_param_whitespace("ab\ncd", Field::BodyParam, 0).unwrap_err();
        assert_eq!(e.code(), "template.param_has_newline");
        assert_eq!(e.position(), Some(2));
        let e = check_param_whitespace("a\tb", Field::HeaderParam, 0).unwrap_err();
        assert_eq!(e.code(), "template.param_has_tab");
    }

    /// Every string over a small alphabet up to six characters long: the fast check never passes
    /// a value the full check refuses, and passes the plain ones.
    #[test]
    fn fast_check_never_passes_a_bad_value() {
        const ALPHABET: [&str; 7] = [" ", "a", "\n", "\t", "\r", "\u{1}", "é"];
        let mut passed = 0usize;
        for len in 0..=6u32 {
            for mut n in 0..ALPHABET.len().pow(len) {
                let mut v = String::new();
                for _ in 0..len {
                    v.push_str(ALPHABET[n % ALPHABET.len()]);
                    n /= ALPHABET.len();
                }
                for padded in [
                    v.clone(),
                    format!("Abcdefgh{v}"),
                    format!("Abcdefghijklmno{v}x"),
                ] {
                    let full = check_param(&padded, Field::BodyParam, 0, 64).is_ok();
                    let fast = param_clearly_ok(&padded, 64);
                    assert!(!fast || full, "{padded:?}");
                    passed += usize::from(fast);
                }
            }
        }
        assert!(passed > 1000, "{passed}");
        for ok in [
            "Ana Silva",
            "#A-20931",
            "Friday, 27 November",
            "x",
            "a    b",
            "ab cd ef gh ij",
        ] {
            assert_eq!(param_clearly_ok(ok, 64), !ok.contains("  "), "{ok:?}");
        }
        for bad in [
            "",
            " a",
            "a  b",
            "abcdefgh  ",
            "abcdefg  h",
            "a\tb",
            "abcdefghij\n",
            "a\r",
        ] {
            assert!(!param_clearly_ok(bad, 64), "{bad:?}");
        }
        assert!(!param_clearly_ok("abcdef", 5));
    }

    #[test]
    fn conform() {
        assert_eq!(conform_param("a\r\nb\tc\n\nd         e"), "a b c  d    e");
        let c = conform_param("x\t\t\t\t\t\ty");
        assert!(check_param_whitespace(&c, Field::Draft, 0).is_ok());
    }
}
