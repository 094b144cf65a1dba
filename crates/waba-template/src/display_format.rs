//! Workspace display-format expressions (`$Contact.FirstName$ $Contact.LastName$|$Interaction.MainParty$`):
//! field codes, `|` fallbacks, `(...)` groups. The grammar is in `docs/display-format.md`.

use waba_error::WabaError;

use std::fmt;
use std::str::FromStr;

use crate::text::char_pos;

/// The longest expression accepted, in bytes.
pub const DISPLAY_FORMAT_MAX: usize = 4096;
/// The deepest nesting of `(...)` groups accepted.
pub const DISPLAY_FORMAT_DEPTH_MAX: usize = 8;
/// The objects a field code may name (Workspace's field codes, plus `Party` and `Env` which the
/// guide's values and Workspace options use).
pub const DISPLAY_FORMAT_OBJECTS: [&str; 7] = [
    "Window",
    "Application",
    "Agent",
    "Contact",
    "Interaction",
    "Party",
    "Env",
];

/// Why a display-format expression was refused. Positions are character offsets from 0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum DisplayFormatError {
    /// The expression is longer than [`DISPLAY_FORMAT_MAX`] bytes.
    #[error("display format is {actual} bytes long, the limit is {limit}")]
    #[waba(code = "display_format.too_long")]
    TooLong {
        /// The limit.
        limit: u64,
        /// Its length.
        actual: u64,
    },
    /// A field code is not closed by `$` (it may stay open only before `|` or `)`).
    #[error("field code at character {position} is not closed by `$`")]
    #[waba(code = "display_format.unclosed_field")]
    Unclosed {
        /// Where the field code starts.
        position: u64,
    },
    /// A field code is not `$Object.Property$` with ASCII letters, digits and `_`.
    #[error("field code at character {position} is not $Object.Property$")]
    #[waba(code = "display_format.bad_field")]
    BadField {
        /// Where the field code starts.
        position: u64,
    },
    /// A field code names an object that is not one of [`DISPLAY_FORMAT_OBJECTS`].
    #[error("field code at character {position} names an unknown object")]
    #[waba(code = "display_format.unknown_object")]
    UnknownObject {
        /// Where the field code starts.
        position: u64,
    },
    /// An alternative is empty (`|` at the start or end, `||`, `()`).
    #[error("empty alternative at character {position}")]
    #[waba(code = "display_format.empty_alternative")]
    EmptyAlternative {
        /// Where the empty alternative is.
        position: u64,
    },
    /// A `(` without `)` or a `)` without `(`.
    #[error("unbalanced parenthesis at character {position}")]
    #[waba(code = "display_format.unbalanced_parenthesis")]
    Unbalanced {
        /// Where the parenthesis is.
        position: u64,
    },
    /// Groups nested deeper than [`DISPLAY_FORMAT_DEPTH_MAX`].
    #[error("groups nested deeper than {limit}")]
    #[waba(code = "display_format.too_deep")]
    TooDeep {
        /// The limit.
        limit: u64,
    },
    /// A `\` at the very end.
    #[error("dangling escape at character {position}")]
    #[waba(code = "display_format.dangling_escape")]
    DanglingEscape {
        /// Where the backslash is.
        position: u64,
    },
}

/// A field code: `$Object.Property$`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldCode {
    /// `Contact`, `Interaction`...
    pub object: String,
    /// `FirstName`, `_msg_ProfileNickname`...
    pub property: String,
}

impl fmt::Display for FieldCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}.{}$", self.object, self.property)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Lit(String),
    Field(FieldCode),
    Group(Vec<Vec<Term>>),
}

/// A parsed display-format expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayFormat {
    alternatives: Vec<Vec<Term>>,
}

impl FromStr for DisplayFormat {
    type Err = DisplayFormatError;

    fn from_str(s: &str) -> Result<DisplayFormat, DisplayFormatError> {
        DisplayFormat::parse(s)
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|r| r.chars().next())
    }

    fn err_pos(&self, at: usize) -> u64 {
        char_pos(self.src, at)
    }

    fn alternation(&mut self, depth: usize) -> Result<Vec<Vec<Term>>, DisplayFormatError> {
        if depth > DISPLAY_FORMAT_DEPTH_MAX {
            return Err(DisplayFormatError::TooDeep {
                limit: DISPLAY_FORMAT_DEPTH_MAX as u64,
            });
        }
        let mut alternatives = Vec::new();
        loop {
            let start = self.pos;
            let seq = self.sequence(depth)?;
            if seq.is_empty() && (depth > 0 || self.peek() == Some('|') || !alternatives.is_empty())
            {
                return Err(DisplayFormatError::EmptyAlternative {
                    position: self.err_pos(start),
                });
            }
            alternatives.push(seq);
            if self.peek() == Some('|') {
                self.pos += 1;
            } else {
                return Ok(alternatives);
            }
        }
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Term>, DisplayFormatError> {
        let mut terms = Vec::new();
        let mut lit = String::new();
        while let Some(c) = self.peek() {
            match c {
                '|' => break,
                ')' => {
                    if depth == 0 {
                        return Err(DisplayFormatError::Unbalanced {
                            position: self.err_pos(self.pos),
                        });
                    }
                    break;
                }
                '(' => {
                    let open = self.pos;
                    self.pos += 1;
                    let alts = self.alternation(depth + 1)?;
                    if self.peek() != Some(')') {
                        return Err(DisplayFormatError::Unbalanced {
                            position: self.err_pos(open),
                        });
                    }
                    self.pos += 1;
                    flush(&mut lit, &mut terms);
                    terms.push(Term::Group(alts));
                }
                '$' => {
                    flush(&mut lit, &mut terms);
                    terms.push(Term::Field(self.field()?));
                }
                '\\' => {
                    let at = self.pos;
                    self.pos += 1;
                    let Some(next) = self.peek() else {
                        return Err(DisplayFormatError::DanglingEscape {
                            position: self.err_pos(at),
                        });
                    };
                    lit.push(next);
                    self.pos += next.len_utf8();
                }
                other => {
                    lit.push(other);
                    self.pos += other.len_utf8();
                }
            }
        }
        flush(&mut lit, &mut terms);
        Ok(terms)
    }

    fn ident(&mut self) -> &str {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.src.get(start..self.pos).unwrap_or_default()
    }

    fn field(&mut self) -> Result<FieldCode, DisplayFormatError> {
        let start = self.pos;
        let bad = |p: &Parser<'_>| DisplayFormatError::BadField {
            position: p.err_pos(start),
        };
        self.pos += 1; // '$'
        let object = self.ident().to_owned();
        if object.is_empty() || self.peek() != Some('.') {
            return Err(bad(self));
        }
        self.pos += 1;
        let property = self.ident().to_owned();
        if property.is_empty() {
            return Err(bad(self));
        }
        match self.peek() {
            Some('$') => self.pos += 1,
            Some('|' | ')') => {}
            None => {
                return Err(DisplayFormatError::Unclosed {
                    position: self.err_pos(start),
                });
            }
            Some(c) if c.is_ascii_punctuation() && c != '_' => return Err(bad(self)),
            Some(c) if !c.is_ascii() => return Err(bad(self)),
            Some(_) => {
                return Err(DisplayFormatError::Unclosed {
                    position: self.err_pos(start),
                });
            }
        }
        if !DISPLAY_FORMAT_OBJECTS.contains(&object.as_str()) {
            return Err(DisplayFormatError::UnknownObject {
                position: self.err_pos(start),
            });
        }
        Ok(FieldCode { object, property })
    }
}

fn flush(lit: &mut String, terms: &mut Vec<Term>) {
    if !lit.is_empty() {
        terms.push(Term::Lit(std::mem::take(lit)));
    }
}

impl DisplayFormat {
    /// Parses an expression (see `docs/display-format.md`).
    pub fn parse(s: &str) -> Result<DisplayFormat, DisplayFormatError> {
        if s.len() > DISPLAY_FORMAT_MAX {
            return Err(DisplayFormatError::TooLong {
                limit: DISPLAY_FORMAT_MAX as u64,
                actual: s.len() as u64,
            });
        }
        let mut p = Parser { src: s, pos: 0 };
        let alternatives = p.alternation(0)?;
        Ok(DisplayFormat { alternatives })
    }

    /// The field codes the expression uses, in order, without repeats.
    pub fn fields(&self) -> Vec<&FieldCode> {
        fn walk<'a>(alts: &'a [Vec<Term>], out: &mut Vec<&'a FieldCode>) {
            for t in alts.iter().flatten() {
                match t {
                    Term::Field(f) if !out.contains(&f) => out.push(f),
                    Term::Group(g) => walk(g, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.alternatives, &mut out);
        out
    }

    /// Renders with `lookup(object, property)`: in each alternation the first alternative whose
    /// field codes all resolve to non-empty text (and whose groups all render non-empty) wins;
    /// when none does, the alternation renders nothing. Values are inserted as they are, never
    /// read as expressions.
    pub fn render<'v>(&self, lookup: impl Fn(&str, &str) -> Option<&'v str>) -> String {
        let mut out = String::new();
        render_alts(&self.alternatives, &lookup, &mut out);
        out
    }
}

fn render_alts<'v>(
    alts: &[Vec<Term>],
    lookup: &impl Fn(&str, &str) -> Option<&'v str>,
    out: &mut String,
) -> bool {
    for alt in alts {
        let mark = out.len();
        if render_seq(alt, lookup, out) {
            return true;
        }
        out.truncate(mark);
    }
    false
}

fn render_seq<'v>(
    seq: &[Term],
    lookup: &impl Fn(&str, &str) -> Option<&'v str>,
    out: &mut String,
) -> bool {
    for t in seq {
        match t {
            Term::Lit(s) => out.push_str(s),
            Term::Field(f) => match lookup(&f.object, &f.property) {
                Some(v) if !v.trim().is_empty() => out.push_str(v),
                _ => return false,
            },
            Term::Group(g) => {
                if !render_alts(g, lookup, out) {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives() {
        let f: DisplayFormat = "$Contact.FirstName$ $Contact.LastName$|$Interaction.MainParty$"
            .parse()
            .unwrap();
        assert_eq!(f.fields().len(), 3);
        let r = f.render(|o, p| match (o, p) {
            ("Contact", "FirstName") => Some("Ana"),
            ("Interaction", "MainParty") => Some("+1555"),
            _ => None,
        });
        assert_eq!(r, "+1555");
    }
}
