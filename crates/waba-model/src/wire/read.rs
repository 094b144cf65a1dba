//! The reader: one pass over JSON text that builds typed values, keeps what it does not type as
//! its exact bytes, and isolates an element that cannot be read by skimming it again.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use waba_error::WabaError;

use super::RawJson;
use crate::error::quote;

/// The deepest nesting of typed values (objects and arrays read into the model). Meta's payloads
/// nest about 10 deep. Values kept raw (unknown fields) are skimmed without recursion, so they may
/// nest deeper, bounded by the caller's size cap.
pub const DEPTH_MAX: usize = 128;

/// Why JSON text could not be read. Every kind comes from the reader's own code paths (no parser
/// message is matched). `offset` counts bytes of the text the reader was given, placed as
/// serde_json places its errors (just past the byte that showed the error; before a container of
/// the wrong type), so that messages and columns read as they always did.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum ReadError {
    /// Not JSON at `offset` (truncated, a stray character, an invalid escape or number, a lone
    /// surrogate in a string that is read as text, trailing data).
    #[error("{message}")]
    #[waba(code = "json.syntax", position = offset)]
    Syntax {
        /// What is wrong, in serde_json's words.
        message: &'static str,
        /// Byte offset.
        offset: u64,
    },
    /// Typed values nest deeper than [`DEPTH_MAX`].
    #[error("nested deeper than {limit} levels")]
    #[waba(code = "json.too_deep", position = offset)]
    TooDeep {
        /// The limit.
        limit: u64,
        /// Byte offset of the container that crossed it.
        offset: u64,
    },
    /// An array has more elements than its reader allows.
    #[error("more than {limit} elements in an array")]
    #[waba(code = "json.too_many_elements", position = offset)]
    TooManyElements {
        /// The limit.
        limit: u64,
        /// Byte offset of the first element past the limit.
        offset: u64,
    },
    /// A value of another JSON type than the one expected.
    #[error("invalid type: {found}, expected {expected}")]
    #[waba(code = "json.wrong_type", position = offset)]
    WrongType {
        /// What was expected (`a string`, `a Message object`).
        expected: &'static str,
        /// What was found (`integer \`42\``, `map`).
        found: String,
        /// Byte offset of the value.
        offset: u64,
    },
    /// A field the model knows, given twice in one object (an error for its element: never
    /// "last wins").
    #[error("duplicate field `{field}`")]
    #[waba(code = "json.duplicate_field", field = field, position = offset)]
    DuplicateField {
        /// The field.
        field: &'static str,
        /// Byte offset of the second one.
        offset: u64,
    },
    /// A key given twice, read strictly ([`Reader::strict`]): refused wherever it is.
    #[error("the key {path} is given twice")]
    #[waba(code = "json.duplicate_key", field = path, position = offset)]
    DuplicateKey {
        /// The JSON path of the repeated key (`components[0].text`).
        path: String,
        /// Byte offset of the second one.
        offset: u64,
    },
    /// A value of the right JSON type that its reader refuses (a button without its label).
    #[error("{message}")]
    #[waba(code = "json.invalid", position = offset)]
    Invalid {
        /// Why.
        message: String,
        /// Byte offset of the value.
        offset: u64,
    },
}

impl ReadError {
    /// The byte offset in the text read.
    pub fn offset(&self) -> u64 {
        match self {
            ReadError::Syntax { offset, .. }
            | ReadError::TooDeep { offset, .. }
            | ReadError::TooManyElements { offset, .. }
            | ReadError::WrongType { offset, .. }
            | ReadError::DuplicateField { offset, .. }
            | ReadError::DuplicateKey { offset, .. }
            | ReadError::Invalid { offset, .. } => *offset,
        }
    }

    /// Line (from 1) and column (the byte that showed the error, from 1) of the error in `text`,
    /// the text the reader was given.
    pub fn line_column(&self, text: &str) -> (u64, u64) {
        self.line_column_within(text, 0)
    }

    /// The same, in `text` taken from byte `start` of the text the reader was given.
    fn line_column_within(&self, text: &str, start: usize) -> (u64, u64) {
        let at = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        // The column counts the bytes of the line before the offset, which is just past the byte
        // that showed the error: that byte's column from 1, as serde_json says it.
        waba_json::line_column(text.as_bytes(), at.saturating_sub(start))
    }

    /// The message followed by its place in `text`: `invalid type: integer \`1\`, expected a
    /// string at line 1 column 7`.
    pub fn describe(&self, text: &str) -> String {
        self.describe_within(text, 0)
    }

    /// The same, in `text` taken from byte `start` of the text the reader was given (an element).
    fn describe_within(&self, text: &str, start: usize) -> String {
        let (line, column) = self.line_column_within(text, start);
        format!("{self} at line {line} column {column}")
    }
}

/// The JSON type of the next value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// `{`.
    Object,
    /// `[`.
    Array,
    /// `"`.
    String,
    /// `-` or a digit.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

/// A value that could not be read as its type, kept as it came, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The value as it came.
    pub raw: RawJson,
    /// Why it could not be read, placed in the value's own text (`… at line 1 column 12`).
    pub error: String,
}

/// One step of the JSON path of a strict reading.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The reader of the lossless mechanism: a position in one JSON text.
///
/// Typed values are read in place ([`ReadWire`](super::ReadWire)); what is not typed is kept as
/// its exact bytes ([`Reader::raw`]); [`Reader::isolated`] reads one element so that, when it
/// cannot be read, it is skimmed again and kept as it came while the reading goes on. A reader
/// made by [`Reader::strict`] refuses a key given twice anywhere, with its JSON path.
#[derive(Debug)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Where the last key read ends (after its closing quote).
    key_end: usize,
    /// The path, when keys given twice are refused.
    strict: Option<Vec<Step>>,
}

/// A byte that ends a plain run of string bytes: `"`, `\` or a control character.
#[inline]
fn stops_string(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The offset of the first byte at or after `i` that ends a plain run of string bytes (or the
/// length), eight bytes at a time.
#[inline]
fn scan_string(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(arr) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(arr);
        // Per byte: equal to `"`, equal to `\`, or below 0x20. The lowest flagged byte of each
        // test is exact (borrows only run upward from a true match).
        let quote = w ^ (LO * u64::from(b'"'));
        let backslash = w ^ (LO * u64::from(b'\\'));
        let hits = (quote.wrapping_sub(LO) & !quote)
            | (backslash.wrapping_sub(LO) & !backslash)
            | (w.wrapping_sub(LO * 0x20) & !w);
        let hits = hits & HI;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if stops_string(b) {
            return i;
        }
        i += 1;
    }
    i
}

/// A stack of open containers (`true` for an object) that allocates only past 64 levels.
struct Brackets {
    top: u64,
    len: usize,
    spilled: Vec<u64>,
}

impl Brackets {
    fn new() -> Brackets {
        Brackets {
            top: 0,
            len: 0,
            spilled: Vec::new(),
        }
    }

    fn push(&mut self, object: bool) {
        if self.len > 0 && self.len % 64 == 0 {
            self.spilled.push(self.top);
            self.top = 0;
        }
        let bit = self.len % 64;
        self.top = (self.top & !(1 << bit)) | (u64::from(object) << bit);
        self.len += 1;
    }

    /// The innermost container: `Some(true)` for an object.
    fn last(&self) -> Option<bool> {
        let n = self.len.checked_sub(1)?;
        Some(self.top >> (n % 64) & 1 == 1)
    }

    fn pop(&mut self) {
        if self.len == 0 {
            return;
        }
        self.len -= 1;
        if self.len > 0 && self.len % 64 == 0 {
            self.top = self.spilled.pop().unwrap_or(0);
        }
    }
}

impl<'a> Reader<'a> {
    /// A reader of `text` that keeps unknown keys given twice (as Meta's webhooks need).
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            depth: 0,
            key_end: 0,
            strict: None,
        }
    }

    /// A reader of `text` that refuses a key given twice in any object, known or not, typed or
    /// kept raw, with its JSON path ([`ReadError::DuplicateKey`]); strings kept raw are checked as
    /// text too, and no element is isolated: any error refuses the whole text.
    pub fn strict(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            depth: 0,
            key_end: 0,
            strict: Some(Vec::new()),
        }
    }

    /// The text being read.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset reached.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether keys given twice are refused.
    pub fn is_strict(&self) -> bool {
        self.strict.is_some()
    }

    #[inline]
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    #[inline]
    fn ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn syntax_at(&self, at: usize, message: &'static str) -> ReadError {
        ReadError::Syntax {
            message,
            offset: at as u64,
        }
    }

    fn syntax(&self, message: &'static str) -> ReadError {
        // serde_json's place for what it peeks at: that byte's column.
        self.syntax_at((self.pos + 1).min(self.text.len()), message)
    }

    /// An error of this reader's making, at the current value.
    pub fn invalid(&self, message: impl Into<String>) -> ReadError {
        ReadError::Invalid {
            message: message.into(),
            offset: self.pos as u64,
        }
    }

    /// A known field given twice: [`ReadError::DuplicateField`] (or, read strictly, the key's
    /// path).
    pub fn duplicate_field(&self, field: &'static str) -> ReadError {
        match &self.strict {
            Some(path) => ReadError::DuplicateKey {
                path: path_text(path),
                offset: self.key_end as u64,
            },
            None => ReadError::DuplicateField {
                field,
                offset: self.key_end as u64,
            },
        }
    }

    /// The JSON type of the next value (whitespace skipped).
    pub fn peek(&mut self) -> Result<Kind, ReadError> {
        self.ws();
        match self.byte() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            Some(_) => Err(self.syntax("expected value")),
            None => Err(self.syntax("EOF while parsing a value")),
        }
    }

    /// A value of another type than `expected` is next: the error naming what it is, in
    /// serde_json's words and place (after a scalar, before a container).
    pub fn wrong_type(&mut self, expected: &'static str) -> ReadError {
        let kind = match self.peek() {
            Ok(k) => k,
            Err(e) => return e,
        };
        let start = self.pos;
        let (found, end) = match kind {
            Kind::Object => ("map".to_owned(), Ok(start)),
            Kind::Array => ("sequence".to_owned(), Ok(start)),
            Kind::Null => (
                "unit value".to_owned(),
                self.literal(b"null").map(|()| self.pos),
            ),
            Kind::Bool if self.byte() == Some(b't') => (
                "boolean `true`".to_owned(),
                self.literal(b"true").map(|()| self.pos),
            ),
            Kind::Bool => (
                "boolean `false`".to_owned(),
                self.literal(b"false").map(|()| self.pos),
            ),
            Kind::String => match self.string_at_quote() {
                Ok(text) => {
                    let shown: String = text.chars().take(crate::MESSAGE_QUOTE_MAX).collect();
                    (format!("string {shown:?}"), Ok(self.pos))
                }
                Err(e) => (String::new(), Err(e)),
            },
            Kind::Number => match self.number_end(start) {
                Ok(end) => {
                    let token = self.text.get(start..end).unwrap_or_default();
                    match number_shown(token) {
                        Some(shown) => (shown, Ok(end)),
                        // serde_json reads the number before it names it: one no `f64` holds
                        // is a syntax error there.
                        None => (
                            String::new(),
                            Err(self.syntax_at(end, "number out of range")),
                        ),
                    }
                }
                Err(e) => (String::new(), Err(e)),
            },
        };
        self.pos = start;
        match end {
            Ok(end) => ReadError::WrongType {
                expected,
                found,
                offset: end as u64,
            },
            Err(e) => e,
        }
    }

    /// Consumes a `null` when one is next.
    #[inline]
    pub fn null(&mut self) -> Result<bool, ReadError> {
        self.ws();
        if self.byte() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), ReadError> {
        let bytes = self.text.as_bytes();
        for (i, expected) in word.iter().enumerate() {
            match bytes.get(self.pos + i) {
                Some(b) if b == expected => {}
                Some(_) => return Err(self.syntax_at(self.pos + i + 1, "expected ident")),
                None => return Err(self.syntax_at(bytes.len(), "EOF while parsing a value")),
            }
        }
        self.pos += word.len();
        Ok(())
    }

    /// Reads `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, ReadError> {
        self.ws();
        match self.byte() {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.wrong_type("a boolean")),
        }
    }

    /// Reads a number, returning its literal text.
    pub fn number(&mut self) -> Result<&'a str, ReadError> {
        self.ws();
        match self.byte() {
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let end = self.number_end(start)?;
                self.pos = end;
                Ok(self.text.get(start..end).unwrap_or_default())
            }
            _ => Err(self.wrong_type("a number")),
        }
    }

    /// The end of the number starting at `i` (JSON's grammar).
    fn number_end(&self, mut i: usize) -> Result<usize, ReadError> {
        let bytes = self.text.as_bytes();
        let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                // One leading zero only.
                if digit(i) {
                    return Err(self.bad_number(i));
                }
            }
            Some(b'1'..=b'9') => {
                while digit(i) {
                    i += 1;
                }
            }
            _ => return Err(self.bad_number(i)),
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !digit(i) {
                return Err(self.bad_number(i));
            }
            while digit(i) {
                i += 1;
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !digit(i) {
                return Err(self.bad_number(i));
            }
            while digit(i) {
                i += 1;
            }
        }
        Ok(i)
    }

    fn bad_number(&self, i: usize) -> ReadError {
        match self.text.len() {
            len if i >= len => self.syntax_at(len, "EOF while parsing a value"),
            _ => self.syntax_at(i + 1, "invalid number"),
        }
    }

    /// Reads a string as text: borrowed when it has no escape. A lone surrogate escape
    /// (`\ud800`) is a syntax error here (no string can hold it); kept raw, it is not.
    #[inline]
    pub fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        self.ws();
        if self.byte() != Some(b'"') {
            return Err(self.wrong_type("a string"));
        }
        self.string_at_quote()
    }

    /// Reads the string whose opening quote is at the current position.
    #[inline(always)]
    fn string_at_quote(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let end = scan_string(bytes, start);
        if bytes.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(Cow::Borrowed(self.text.get(start..end).unwrap_or_default()));
        }
        self.pos = end;
        self.string_escaped(start).map(Cow::Owned)
    }

    /// The rest of a string that has an escape (or is not closed): `start` is its first byte,
    /// the reader at the first byte that ends the plain run.
    #[cold]
    #[inline(never)]
    fn string_escaped(&mut self, start: usize) -> Result<String, ReadError> {
        let bytes = self.text.as_bytes();
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            match self.byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.unescape(&mut out)?;
                }
                Some(_) => {
                    // serde_json places it after the byte when decoding, on it when skimming.
                    return Err(self.syntax_at(
                        self.pos + 1,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                None => return Err(self.syntax("EOF while parsing a string")),
            }
            let run = scan_string(bytes, self.pos);
            out.push_str(self.text.get(self.pos..run).unwrap_or_default());
            self.pos = run;
        }
    }

    /// Four hex digits at the current position.
    fn hex4(&mut self) -> Result<u16, ReadError> {
        let digits = self.text.as_bytes().get(self.pos..self.pos + 4);
        let Some(digits) = digits else {
            return Err(self.syntax_at(self.text.len(), "EOF while parsing a string"));
        };
        let mut n: u16 = 0;
        for d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.syntax_at(self.pos + 4, "invalid escape")),
            };
            n = n << 4 | u16::from(v);
        }
        self.pos += 4;
        Ok(n)
    }

    /// Decodes the escape after a backslash into `out`.
    fn unescape(&mut self, out: &mut String) -> Result<(), ReadError> {
        let Some(c) = self.byte() else {
            return Err(self.syntax("EOF while parsing a string"));
        };
        self.pos += 1;
        let simple = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.syntax_at(self.pos, "invalid escape")),
        };
        out.push(simple);
        Ok(())
    }

    /// The character of a `\u` escape (the reader after the `u`): a pair of surrogates is one
    /// character; anything else around a surrogate is an error, in serde_json's words and
    /// places.
    fn unicode_escape(&mut self) -> Result<char, ReadError> {
        let unit = self.hex4()?;
        let code = match unit {
            0xDC00..=0xDFFF => {
                return Err(self.syntax_at(self.pos, "lone leading surrogate in hex escape"));
            }
            0xD800..=0xDBFF => {
                let bytes = self.text.as_bytes();
                match (bytes.get(self.pos), bytes.get(self.pos + 1)) {
                    (Some(b'\\'), Some(b'u')) => self.pos += 2,
                    (None, _) | (Some(b'\\'), None) => {
                        return Err(self.syntax_at(bytes.len(), "EOF while parsing a string"));
                    }
                    (Some(b'\\'), Some(_)) => {
                        return Err(self.syntax_at(self.pos + 2, "unexpected end of hex escape"));
                    }
                    (Some(_), _) => {
                        return Err(self.syntax_at(self.pos + 1, "unexpected end of hex escape"));
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.syntax_at(self.pos, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            other => u32::from(other),
        };
        char::from_u32(code).ok_or_else(|| self.syntax_at(self.pos, "invalid unicode code point"))
    }

    /// Skips the string whose opening quote is at the current position, checking its escapes'
    /// shape only (a lone surrogate passes: the string is kept as written).
    fn skip_string(&mut self) -> Result<(), ReadError> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos + 1;
        loop {
            i = scan_string(bytes, i);
            match bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(());
                }
                Some(b'\\') => match bytes.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        self.pos = i + 2;
                        self.hex4()?;
                        i = self.pos;
                    }
                    Some(_) => return Err(self.syntax_at(i + 2, "invalid escape")),
                    None => return Err(self.syntax_at(bytes.len(), "EOF while parsing a string")),
                },
                Some(_) => {
                    return Err(self.syntax_at(
                        i,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                None => return Err(self.syntax_at(bytes.len(), "EOF while parsing a string")),
            }
        }
    }

    /// Enters a typed container (the reader at its bracket): the one that would reach
    /// [`DEPTH_MAX`] is refused, as serde_json's recursion limit does.
    fn enter(&mut self) -> Result<(), ReadError> {
        if self.depth + 1 >= DEPTH_MAX {
            return Err(ReadError::TooDeep {
                limit: DEPTH_MAX as u64,
                offset: self.pos as u64 + 1,
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// Reads an object, calling `each` with every key (decoded; borrowed when it has no escape)
    /// and the reader at its value, which `each` must read. `expected` names the object in a
    /// type error (`a Message object`). Counts towards [`DEPTH_MAX`].
    #[inline]
    pub fn object(
        &mut self,
        expected: &'static str,
        mut each: impl FnMut(&mut Reader<'a>, Cow<'a, str>) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        if self.open(b'{', b'}', expected)? {
            return Ok(());
        }
        let mut seen: Option<BTreeSet<String>> = self.strict.as_ref().map(|_| BTreeSet::new());
        loop {
            match self.byte() {
                Some(b'"') => {}
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) => return Err(self.syntax("key must be a string")),
            }
            let key = self.string_at_quote()?;
            self.key_end = self.pos;
            if let (Some(seen), Some(path)) = (seen.as_mut(), self.strict.as_mut()) {
                path.push(Step::Key(key.clone().into_owned()));
                if !seen.insert(key.clone().into_owned()) {
                    return Err(ReadError::DuplicateKey {
                        path: path_text(path),
                        offset: self.pos as u64,
                    });
                }
            }
            self.ws();
            match self.byte() {
                Some(b':') => self.pos += 1,
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) => return Err(self.syntax("expected `:`")),
            }
            each(self, key)?;
            if let Some(path) = self.strict.as_mut() {
                path.pop();
            }
            if self.after_element(b'}', "EOF while parsing an object", "expected `,` or `}`")? {
                return Ok(());
            }
        }
    }

    /// Reads an array, calling `each` with the index of every element and the reader at it,
    /// which `each` must read. `expected` names the array in a type error. Counts towards
    /// [`DEPTH_MAX`].
    #[inline]
    pub fn array(
        &mut self,
        expected: &'static str,
        mut each: impl FnMut(&mut Reader<'a>, usize) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        if self.open(b'[', b']', expected)? {
            return Ok(());
        }
        let mut index = 0;
        loop {
            if let Some(path) = self.strict.as_mut() {
                path.push(Step::Index(index));
            }
            each(self, index)?;
            if let Some(path) = self.strict.as_mut() {
                path.pop();
            }
            index += 1;
            if self.after_element(b']', "EOF while parsing a list", "expected `,` or `]`")? {
                return Ok(());
            }
        }
    }

    /// Before an object or array: its `open` byte (else a type error naming `expected`), one
    /// level deeper; `true` when `close` follows at once (empty, and left again).
    #[inline(always)]
    fn open(&mut self, open: u8, close: u8, expected: &'static str) -> Result<bool, ReadError> {
        self.ws();
        if self.byte() != Some(open) {
            return Err(self.wrong_type(expected));
        }
        self.enter()?;
        self.pos += 1;
        self.ws();
        if self.byte() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// After a member or an element: a `,` and another one (never `close` right after it), or
    /// `close`, which ends the object or array (then `true`).
    #[inline(always)]
    fn after_element(
        &mut self,
        close: u8,
        eof: &'static str,
        expected: &'static str,
    ) -> Result<bool, ReadError> {
        self.ws();
        match self.byte() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                if self.byte() == Some(close) {
                    return Err(self.syntax("trailing comma"));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(true)
            }
            None => Err(self.syntax(eof)),
            Some(_) => Err(self.syntax(expected)),
        }
    }

    /// The error for an array element past `limit`.
    pub fn too_many(&self, limit: usize) -> ReadError {
        ReadError::TooManyElements {
            limit: limit as u64,
            offset: self.pos as u64,
        }
    }

    /// Reads the next value as it came: its exact text, checked to be JSON (escapes checked for
    /// their shape only), skimmed without recursion however deep it nests. Read strictly, it is
    /// walked instead (keys given twice refused, strings decoded, nesting counted).
    #[inline]
    pub fn raw_str(&mut self) -> Result<&'a str, ReadError> {
        self.ws();
        let start = self.pos;
        if self.strict.is_some() {
            self.walk(false)?;
        } else {
            self.skip_value()?;
        }
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    /// Reads the next value as it came ([`Reader::raw_str`]), copied.
    #[inline]
    pub fn raw(&mut self) -> Result<RawJson, ReadError> {
        self.raw_str().map(RawJson::from_checked)
    }

    /// Reads one value with `read`, and gives it with its text as it came.
    pub fn with_raw<T>(
        &mut self,
        read: impl FnOnce(&mut Reader<'a>) -> Result<T, ReadError>,
    ) -> Result<(T, RawJson), ReadError> {
        self.ws();
        let start = self.pos;
        let value = read(self)?;
        let raw = self.text.get(start..self.pos).unwrap_or_default();
        Ok((value, RawJson::from_checked(raw)))
    }

    /// The text between two offsets this reader reached, as a kept value (`None` when they are
    /// not the bounds of text it read).
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<RawJson> {
        self.text.get(start..end).map(RawJson::from_checked)
    }

    /// Reads one value to check it, strings decoded, nesting counted towards [`DEPTH_MAX`]
    /// (recursion bounded by it). With `as_f64`, a number no `f64` holds is refused, as
    /// `serde_json::Value` refuses it.
    fn walk(&mut self, as_f64: bool) -> Result<(), ReadError> {
        match self.peek()? {
            Kind::Object => self.object("an object", |r, _| r.walk(as_f64)),
            Kind::Array => self.array("an array", |r, _| r.walk(as_f64)),
            Kind::String => self.string().map(drop),
            Kind::Number => {
                let n = self.number()?;
                if as_f64
                    && n.contains(['.', 'e', 'E'])
                    && n.parse::<f64>().map_or(true, f64::is_infinite)
                {
                    return Err(self.syntax_at(self.pos, "number out of range"));
                }
                Ok(())
            }
            Kind::Bool => self.bool().map(drop),
            Kind::Null => self.literal(b"null"),
        }
    }

    /// Skips one scalar (string, number, literal).
    #[inline]
    fn skip_scalar(&mut self) -> Result<(), ReadError> {
        match self.byte() {
            Some(b'"') => self.skip_string(),
            Some(b'-' | b'0'..=b'9') => {
                self.pos = self.number_end(self.pos)?;
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(_) => Err(self.syntax("expected value")),
            None => Err(self.syntax("EOF while parsing a value")),
        }
    }

    /// Skips one value, without recursion.
    fn skip_value(&mut self) -> Result<(), ReadError> {
        if !matches!(self.byte(), Some(b'{' | b'[')) {
            return self.skip_scalar();
        }
        let mut open = Brackets::new();
        'open: loop {
            // At `{` or `[`.
            let object = self.byte() == Some(b'{');
            open.push(object);
            self.pos += 1;
            self.ws();
            let close = if object { b'}' } else { b']' };
            if self.byte() == Some(close) {
                self.pos += 1;
                open.pop();
            } else if self.member(object)? {
                continue 'open;
            }
            // After a value.
            while let Some(object) = open.last() {
                self.ws();
                match (self.byte(), object) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        self.ws();
                        // A closing bracket here is a missing key or value, as serde_json's
                        // skim says.
                        if self.member(object)? {
                            continue 'open;
                        }
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        open.pop();
                    }
                    (None, true) => return Err(self.syntax("EOF while parsing an object")),
                    (None, false) => return Err(self.syntax("EOF while parsing a list")),
                    (Some(_), true) => return Err(self.syntax("expected `,` or `}`")),
                    (Some(_), false) => return Err(self.syntax("expected `,` or `]`")),
                }
            }
            return Ok(());
        }
    }

    /// Reads the key (in an object) of a member, then skips its value when it is a scalar.
    /// `Ok(true)`: the value is a container, the reader at its opening bracket.
    #[inline]
    fn member(&mut self, object: bool) -> Result<bool, ReadError> {
        if object {
            match self.byte() {
                Some(b'"') => self.skip_string()?,
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) => return Err(self.syntax("key must be a string")),
            }
            self.ws();
            match self.byte() {
                Some(b':') => self.pos += 1,
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) => return Err(self.syntax("expected `:`")),
            }
            self.ws();
        }
        match self.byte() {
            Some(b'{' | b'[') => Ok(true),
            _ => self.skip_scalar().map(|()| false),
        }
    }

    /// Reads one element with `read`; when it cannot be read (any error but [`ReadError::TooDeep`],
    /// which ends the reading), the element is skimmed again from its start and kept as it came
    /// with the reason: `Ok(Err(..))`. When the skim fails too, the text is not JSON there and
    /// that error ends the reading. Read strictly, nothing is isolated.
    pub fn isolated<T>(
        &mut self,
        read: impl FnOnce(&mut Reader<'a>) -> Result<T, ReadError>,
    ) -> Result<Result<T, Unreadable>, ReadError> {
        self.ws();
        let (start, depth) = (self.pos, self.depth);
        match read(self) {
            Ok(v) => Ok(Ok(v)),
            Err(e) if self.strict.is_some() || matches!(e, ReadError::TooDeep { .. }) => Err(e),
            Err(e) => {
                self.pos = start;
                self.depth = depth;
                self.skip_value()?;
                let raw = self.text.get(start..self.pos).unwrap_or_default();
                let error = crate::error::quote_long(&e.describe_within(raw, start));
                Ok(Err(Unreadable {
                    raw: RawJson::from_checked(raw),
                    error,
                }))
            }
        }
    }

    /// After the value: only whitespace may follow.
    pub fn finish(&mut self) -> Result<(), ReadError> {
        self.ws();
        match self.byte() {
            None => Ok(()),
            Some(_) => Err(self.syntax("trailing characters")),
        }
    }

    /// Checks that the whole text is one JSON value as `serde_json::Value` would read it:
    /// strings decoded (a lone surrogate refused), numbers within `f64`, nesting below
    /// [`DEPTH_MAX`].
    pub fn check_document(&mut self) -> Result<(), ReadError> {
        self.walk(true)?;
        self.finish()
    }

    /// Checks that the whole text is one JSON value, skimmed as a raw value is (without
    /// recursion, escapes checked for their shape only).
    pub fn skim_document(&mut self) -> Result<(), ReadError> {
        self.raw_str()?;
        self.finish()
    }
}

/// A number as serde_json names it in a type error: `integer \`42\``, `floating point \`1.5\``.
/// `None` for a number no `f64` holds.
fn number_shown(token: &str) -> Option<String> {
    let integer = !token.contains(['.', 'e', 'E']);
    if integer && (token.parse::<u64>().is_ok() || token.parse::<i64>().is_ok()) {
        return Some(format!("integer `{token}`"));
    }
    let v: f64 = token.parse().ok().filter(|v: &f64| v.is_finite())?;
    let mut shown = v.to_string();
    if !shown.contains(['.', 'e', 'E']) {
        shown.push_str(".0");
    }
    Some(format!("floating point `{shown}`"))
}

/// A strict reading's path as text: `components[0].text`.
fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(&quote(k)),
            Step::Key(k) => {
                out.push('.');
                out.push_str(&quote(k));
            }
            Step::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_string_scan_stops_at_the_first_special_byte() {
        for (text, at) in [
            ("abcdefghij\"", 10),
            ("abc\\", 3),
            ("abcdefgh\u{1}", 8),
            ("ééééé\"", 10),
            ("", 0),
            ("abcdefghijklmnop", 16),
            ("a\"\\", 1),
        ] {
            assert_eq!(scan_string(text.as_bytes(), 0), at, "{text:?}");
        }
    }

    #[test]
    fn raw_values_are_skimmed_without_recursion() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let mut r = Reader::new(&deep);
        assert_eq!(r.raw_str().unwrap().len(), deep.len());
        let e = Reader::new(&deep).check_document().unwrap_err();
        assert_eq!(
            e,
            ReadError::TooDeep {
                limit: DEPTH_MAX as u64,
                offset: DEPTH_MAX as u64
            }
        );
        for bad in [
            "[1,]",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\":1,}",
            "\"\\x\"",
            "01",
            "[",
            "{\"a\":",
            "1.",
            "-",
        ] {
            assert!(Reader::new(bad).skim_document().is_err(), "{bad}");
            assert!(Reader::new(bad).check_document().is_err(), "{bad}");
        }
        let good = r#"{"a":[1,-0.5e+3,"\ud800",true,false,null,{}],"b":[], "c": 1e999}"#;
        assert!(Reader::new(good).skim_document().is_ok());
        // Read as a `serde_json::Value` would: the lone surrogate and the infinite number fail.
        let e = Reader::new(good).check_document().unwrap_err();
        assert_eq!(e.to_string(), "unexpected end of hex escape");
        let e = Reader::new(r#"[1, 1e999]"#).check_document().unwrap_err();
        assert_eq!(e.to_string(), "number out of range");
        assert!(
            Reader::new(" [ 1 , { \"x\" : [ ] } ] ")
                .check_document()
                .is_ok()
        );
    }

    #[test]
    fn strings_decode_or_refuse_lone_surrogates() {
        let mut r = Reader::new(r#""a\n\u00e9\ud83d\ude00""#);
        assert_eq!(r.string().unwrap(), "a\né😀");
        for bad in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""a"#,
            "\"\u{1}\"",
        ] {
            assert!(matches!(
                Reader::new(bad).string(),
                Err(ReadError::Syntax { .. })
            ));
        }
    }

    #[test]
    fn strict_readers_name_the_repeated_key() {
        let text = r#"{"a":[{"b":1},{"c":{"d":1,"d":2}}]}"#;
        let mut r = Reader::strict(text);
        let e = r.raw_str().unwrap_err();
        assert_eq!(e.to_string(), "the key a[1].c.d is given twice");
        assert_eq!(e.code(), "json.duplicate_key");
        let mut r = Reader::new(text);
        assert_eq!(r.raw_str().unwrap(), text);
    }
}
