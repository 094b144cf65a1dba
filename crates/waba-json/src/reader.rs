//! The strict reader: the size cap first, then serde_json's parser with a seed that refuses a key
//! given twice (naming its path), then the numbers a `Value` would change.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::{JsonError, QUOTE_MAX, check_numbers, quote};

/// The deepest nesting read: serde_json's recursion limit.
pub const DEPTH_MAX: usize = 128;

/// Reads at most `max_bytes` bytes from `reader` (stdin, a pipe, a file): never more than
/// `max_bytes + 1` are taken from it. `Ok(Err(TooLargeStream))` when it goes on past the cap; the
/// outer error is the reader's own.
pub fn read_capped(
    reader: impl std::io::Read,
    max_bytes: usize,
) -> std::io::Result<Result<Vec<u8>, JsonError>> {
    let mut buf = Vec::new();
    let cap = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    reader.take(cap).read_to_end(&mut buf)?;
    if buf.len() > max_bytes {
        return Ok(Err(JsonError::TooLargeStream {
            limit: max_bytes as u64,
        }));
    }
    Ok(Ok(buf))
}

/// Where byte `at` of `text` is: its line (from 1) and how many bytes of that line come before it
/// (an `at` past the end is the end). A column counted from 1 is that count plus one.
///
/// ```
/// assert_eq!(waba_json::line_column(b"ab\ncd", 4), (2, 1));
/// assert_eq!(waba_json::line_column(b"ab", 0), (1, 0));
/// ```
pub fn line_column(text: &[u8], at: usize) -> (u64, u64) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, (before.len() - start) as u64)
}

/// Reads `bytes` (at most `max_bytes` of them) as one JSON value: duplicate keys and inexact
/// numbers refused.
pub fn from_slice(bytes: &[u8], max_bytes: usize) -> Result<Value, JsonError> {
    if bytes.len() > max_bytes {
        return Err(JsonError::TooLarge {
            limit: max_bytes as u64,
            actual: bytes.len() as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, before) = line_column(bytes, e.valid_up_to());
        JsonError::Syntax {
            line,
            column: before + 1,
            message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        }
    })?;
    from_str(text, max_bytes)
}

/// Reads `text` (at most `max_bytes` bytes) as one JSON value: duplicate keys and inexact numbers
/// refused.
pub fn from_str(text: &str, max_bytes: usize) -> Result<Value, JsonError> {
    if text.len() > max_bytes {
        return Err(JsonError::TooLarge {
            limit: max_bytes as u64,
            actual: text.len() as u64,
        });
    }
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = ValueSeed {
        path: &Path::Root,
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    let value = match parsed {
        Ok(v) => v,
        Err(e) => {
            if let Some(path) = duplicate.into_inner() {
                return Err(JsonError::DuplicateKey { path });
            }
            return Err(syntax(&e));
        }
    };
    check_numbers(text).map_err(|position| JsonError::InexactNumber { position })?;
    Ok(value)
}

fn syntax(e: &serde_json::Error) -> JsonError {
    let message = e.to_string();
    let (line, column) = (e.line() as u64, e.column() as u64);
    if message.starts_with("recursion limit exceeded") {
        return JsonError::TooDeep {
            limit: DEPTH_MAX as u64,
            line,
            column,
        };
    }
    JsonError::Syntax {
        line,
        column,
        message: quote(&message, 200),
    }
}

/// Where a value sits, for naming a repeated key.
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => f.write_str(&quote(k, QUOTE_MAX)),
            Path::Key(parent, k) => write!(f, "{parent}.{}", quote(k, QUOTE_MAX)),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Builds a `Value`, refusing repeated keys (the first one found is recorded in `duplicate`).
struct ValueSeed<'a> {
    path: &'a Path<'a>,
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = Path::Index(self.path, items.len());
            let seed = ValueSeed {
                path: &path,
                duplicate: self.duplicate,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let path = Path::Key(self.path, &key);
            if map.contains_key(&key) {
                let named = path.to_string();
                *self.duplicate.borrow_mut() = Some(named.clone());
                return Err(de::Error::custom(format_args!("duplicate key {named}")));
            }
            let value = access.next_value_seed(ValueSeed {
                path: &path,
                duplicate: self.duplicate,
            })?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn duplicates_are_named_by_their_path() {
        for (text, path) in [
            (r#"{"a":1,"a":2}"#, "a"),
            (r#"{"a":{"b":[{"c":1},{"c":1,"c":2}]}}"#, "a.b[1].c"),
            (r#"[{"x":1},{"y":{"z":0,"z":0}}]"#, "[1].y.z"),
            (r#"{"text":"a","text":"b"}"#, "text"),
        ] {
            let e = from_str(text, 1 << 10).unwrap_err();
            assert_eq!(e, JsonError::DuplicateKey { path: path.into() }, "{text}");
            assert_eq!(e.code(), "json.duplicate_key");
        }
        let e = from_str(r#"{"Parameters":{"Id":"1","Id":"2"}}"#, 100).unwrap_err();
        assert_eq!(e.top_key(), Some("Parameters"));
        // Equal keys in different objects are fine.
        assert!(from_str(r#"{"a":{"k":1},"b":{"k":1}}"#, 100).is_ok());
        // Escaped spellings of the same key are the same key.
        let e = from_str(r#"{"a":1,"\u0061":2}"#, 100).unwrap_err();
        assert_eq!(e.code(), "json.duplicate_key");
    }

    #[test]
    fn size_is_checked_before_reading() {
        let text = format!("\"{}\"", "a".repeat(98));
        assert!(from_str(&text, 100).is_ok());
        let e = from_slice(format!("{text} ").as_bytes(), 100).unwrap_err();
        assert_eq!(
            e,
            JsonError::TooLarge {
                limit: 100,
                actual: 101
            }
        );
        assert_eq!(
            (WabaError::limit(&e), WabaError::actual(&e)),
            (Some(100), Some(101))
        );
    }

    #[test]
    fn streams_are_read_up_to_the_cap_and_one_byte() {
        let mut src: &[u8] = b"0123456789";
        assert_eq!(read_capped(&mut src, 10).unwrap().unwrap().len(), 10);
        let big = vec![b' '; 1 << 20];
        let mut r: &[u8] = &big;
        let e = read_capped(&mut r, 100).unwrap().unwrap_err();
        assert_eq!(e, JsonError::TooLargeStream { limit: 100 });
        assert_eq!(
            r.len(),
            (1 << 20) - 101,
            "read the cap and one byte, no more"
        );
        assert_eq!(
            (WabaError::limit(&e), WabaError::actual(&e)),
            (Some(100), None)
        );
    }

    #[test]
    fn what_a_value_would_change_is_refused() {
        for bad in [
            "18446744073709551616",
            "1e-999",
            "[1.00000000000000000001]",
            "-1e400",
        ] {
            assert!(from_str(bad, 100).is_err(), "{bad}");
        }
        for good in [
            "-0",
            "1e3",
            "0.1",
            "18446744073709551615",
            "-9223372036854775808",
        ] {
            assert!(from_str(good, 100).is_ok(), "{good}");
        }
        let e = from_str(r#"{"é": 1e-999}"#, 100).unwrap_err();
        assert_eq!(e, JsonError::InexactNumber { position: 6 });
    }

    #[test]
    fn syntax_and_depth() {
        for bad in [
            "",
            "{",
            "{\"a\":1} x",
            "\u{feff}{}",
            "{\"a\":\"\\ud800\"}",
            "[1,]",
        ] {
            assert_eq!(
                from_str(bad, 100).unwrap_err().code(),
                "json.syntax",
                "{bad:?}"
            );
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(from_str(&deep, 1000).unwrap_err().code(), "json.too_deep");
        assert_eq!(
            from_slice(b"\"\xff\"", 10).unwrap_err().code(),
            "json.syntax"
        );
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(from_str(&ok, 1000).is_ok());
    }

    #[test]
    fn values_are_as_serde_json_reads_them() {
        let text = r#"{"a":[1,-2,3.5,"s",true,null,{"b":{}}],"c":"\u00e9"}"#;
        assert_eq!(
            from_str(text, 1000).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    static_assertions::assert_impl_all!(JsonError: Send, Sync, Clone);
}
