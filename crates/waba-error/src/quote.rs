//! [`quote`]: untrusted text made safe to show in an error message.

use std::fmt::Write as _;

/// Quotes untrusted text in an error message: cut to `max` characters (an ellipsis marks the
/// cut), and every character a reader of the message would not see written as `\u{…}` (controls
/// such as NUL or CR, bidirectional marks and overrides that would reorder the message, zero-width
/// and other invisible format characters), so that what a log shows is what was given.
pub fn quote(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(4)) + 3);
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if is_unseen(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is invisible or reorders text around it: a control character, a bidirectional
/// formatting character (ALM, LRM, RLM, LRE…RLO, LRI…PDI), a zero-width or other format character.
fn is_unseen(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_cuts_and_shows_the_unseen() {
        assert_eq!(quote("abc", 2), "ab…");
        assert_eq!(quote("abc", 3), "abc");
        assert_eq!(quote("a\u{202E}b\0", 10), "a\\u{202e}b\\u{0}");
        assert_eq!(quote("zero\u{200B}width", 20), "zero\\u{200b}width");
    }

    #[test]
    fn a_quote_is_cut_and_shows_every_unseen_character() {
        assert_eq!(quote("abc", 2), "ab…");
        assert_eq!(quote("abc", 3), "abc");
        assert_eq!(quote("a\0b\r", 10), "a\\u{0}b\\u{d}");
        // Bidirectional marks and overrides, zero-width characters: written out, so that a log
        // line reads in the order it was written.
        for c in [
            '\u{202E}', '\u{200F}', '\u{061C}', '\u{2067}', '\u{200B}', '\u{FEFF}',
        ] {
            let q = quote(&format!("x{c}y"), 10);
            assert_eq!(q, format!("x\\u{{{:x}}}y", u32::from(c)));
        }
        // What a person sees as written stays: letters of every script, emoji, the ellipsis.
        assert_eq!(quote("ñ中👨\u{200D}👩 …", 10), "ñ中👨\\u{200d}👩 …");
    }
}
