//! Text measures shared by every check: grapheme length, Meta's parameter whitespace rule (132018).

use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Field, TemplateError};

/// The most consecutive spaces a template parameter may hold (Meta's 132018: "more than 4
/// consecutive spaces").
pub const PARAM_SPACES_MAX: usize = 4;

/// Length in user-perceived characters (extended grapheme clusters): one family emoji is one.
pub fn grapheme_len(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Checks `s` is at most `limit` grapheme clusters; cheap when the byte length already fits.
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
    let actual = grapheme_len(s);
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

/// Checks a parameter value: not blank (131008), Meta's whitespace rule (132018), at most `max`
/// grapheme clusters.
#[inline]
pub(crate) fn check_param(
    v: &str,
    field: Field,
    index: u64,
    max: usize,
) -> Result<(), TemplateError> {
    let starts_visible = v.as_bytes().first().is_some_and(u8::is_ascii_graphic);
    if !starts_visible && v.trim().is_empty() {
        return Err(TemplateError::Empty {
            field,
            index: Some(index),
        });
    }
    check_param_whitespace(v, field, index)?;
    check_len(v, max, field, Some(index))
}

/// Checks that `actual` elements of kind `what` are within `min..=max`.
pub(crate) fn check_count(
    what: &'static str,
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

    #[test]
    fn family_emoji_is_one() {
        assert_eq!(grapheme_len("👨‍👩‍👧‍👦"), 1);
        assert_eq!(grapheme_len("e\u{301}"), 1);
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

    #[test]
    fn conform() {
        assert_eq!(conform_param("a\r\nb\tc\n\nd         e"), "a b c  d    e");
        let c = conform_param("x\t\t\t\t\t\ty");
        assert!(check_param_whitespace(&c, Field::Draft, 0).is_ok());
    }
}
