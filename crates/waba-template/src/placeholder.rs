//! `{{1}}` / `{{name}}` placeholders: one scan of a template text into literal pieces and slots.

use crate::error::{Field, PlaceholderProblem, TemplateError};
use crate::text::char_pos;

/// The longest name a named placeholder may have, in bytes (names are ASCII).
pub const NAME_MAX: usize = 64;

/// The highest position a positional placeholder may carry. A text of 32 768 characters cannot
/// hold more placeholders than this, so larger numbers are typos or attacks.
pub const POSITION_MAX: u32 = 10_000;

/// One placeholder as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    /// `{{n}}`, n from 1.
    Positional(u32),
    /// `{{name}}`.
    Named(String),
}

/// A piece of a parsed text: literal bytes `start..end` of the source, or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Literal text: byte range of the source.
    Lit(usize, usize),
    /// A placeholder.
    Slot(Placeholder),
}

/// Whether a name may be a named placeholder's: 1 to [`NAME_MAX`] bytes of lowercase ASCII
/// letters, digits and `_`, starting with a letter or `_` (Meta's "lowercase characters,
/// underscores and numbers"; see docs/decisions/0301).
pub fn is_valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= NAME_MAX
        && b.first()
            .is_some_and(|c| c.is_ascii_lowercase() || *c == b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// Scans `text` into pieces. Braces that are not part of `{{…}}` are literal unless they touch a
/// placeholder or form a lone `}}`.
pub(crate) fn parse(text: &str, field: Field) -> Result<Vec<Piece>, TemplateError> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut lit_start = 0usize;
    let mut i = 0usize;
    let err = |at: usize, problem| TemplateError::Placeholder {
        field,
        position: char_pos(text, at),
        problem,
    };
    while i < bytes.len() {
        let here = bytes.get(i).copied();
        let next = bytes.get(i + 1).copied();
        if here == Some(b'}') && next == Some(b'}') {
            return Err(err(i, PlaceholderProblem::StrayBrace));
        }
        if !(here == Some(b'{') && next == Some(b'{')) {
            i += 1;
            continue;
        }
        let open = i;
        if bytes.get(i + 2) == Some(&b'{') {
            return Err(err(open, PlaceholderProblem::StrayBrace));
        }
        let inner_start = i + 2;
        let Some(rel) = text.get(inner_start..).and_then(|rest| rest.find("}}")) else {
            return Err(err(open, PlaceholderProblem::Unclosed));
        };
        let inner_end = inner_start + rel;
        let inner = text.get(inner_start..inner_end).unwrap_or_default();
        if inner.contains('{') {
            return Err(err(open, PlaceholderProblem::Unclosed));
        }
        let close_end = inner_end + 2;
        if bytes.get(close_end) == Some(&b'}') {
            return Err(err(close_end, PlaceholderProblem::StrayBrace));
        }
        let slot = classify(inner).map_err(|p| match p {
            None => TemplateError::PlaceholderName {
                field,
                position: char_pos(text, open),
            },
            Some(problem) => err(open, problem),
        })?;
        if lit_start < open {
            pieces.push(Piece::Lit(lit_start, open));
        }
        pieces.push(Piece::Slot(slot));
        i = close_end;
        lit_start = close_end;
    }
    if lit_start < bytes.len() {
        pieces.push(Piece::Lit(lit_start, bytes.len()));
    }
    Ok(pieces)
}

/// `Err(None)` = a name-shaped word that breaks the name rule.
fn classify(inner: &str) -> Result<Placeholder, Option<PlaceholderProblem>> {
    use PlaceholderProblem as P;
    if inner.is_empty() {
        return Err(Some(P::Empty));
    }
    if inner.chars().any(char::is_whitespace) {
        return Err(Some(P::Whitespace));
    }
    let b = inner.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        if b.iter().all(|c| *c == b'0') {
            return Err(Some(P::Zero));
        }
        if b.first() == Some(&b'0') {
            return Err(Some(P::LeadingZero));
        }
        let mut n: u32 = 0;
        for d in b {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u32::from(d - b'0')))
                .ok_or(Some(P::TooLarge))?;
        }
        if n > POSITION_MAX {
            return Err(Some(P::TooLarge));
        }
        return Ok(Placeholder::Positional(n));
    }
    if is_valid_name(inner) {
        return Ok(Placeholder::Named(inner.to_owned()));
    }
    if b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return Err(None);
    }
    Err(Some(P::Invalid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    fn code(t: &str) -> &'static str {
        parse(t, Field::Body).unwrap_err().code()
    }

    #[test]
    fn good() {
        let p = parse("Hi {{1}}, {x} is {{2}}!", Field::Body).unwrap();
        assert_eq!(p.len(), 5);
        assert_eq!(p[1], Piece::Slot(Placeholder::Positional(1)));
        let p = parse("{{first_name}}", Field::Body).unwrap();
        assert_eq!(
            p,
            vec![Piece::Slot(Placeholder::Named("first_name".into()))]
        );
    }

    #[test]
    fn bad() {
        assert_eq!(code("a {{ 1 }}"), "template.placeholder_whitespace");
        assert_eq!(code("{{\t1}}"), "template.placeholder_whitespace");
        assert_eq!(code("{{01}}"), "template.placeholder_leading_zero");
        assert_eq!(code("{{0}}"), "template.placeholder_zero");
        assert_eq!(code("{{1.5}}"), "template.placeholder_invalid");
        assert_eq!(code("{{-1}}"), "template.placeholder_invalid");
        assert_eq!(code("{{１}}"), "template.placeholder_invalid");
        assert_eq!(
            code("{{99999999999999999999}}"),
            "template.placeholder_too_large"
        );
        assert_eq!(code("{{1"), "template.placeholder_unclosed");
        assert_eq!(code("a }} b"), "template.placeholder_stray_brace");
        assert_eq!(code("{{{1}}}"), "template.placeholder_stray_brace");
        assert_eq!(code("{{}}"), "template.placeholder_empty");
        assert_eq!(code("{{First}}"), "template.placeholder_name_invalid");
        let e = parse("héllo {{1", Field::Body).unwrap_err();
        assert_eq!(e.position(), Some(6));
    }
}
