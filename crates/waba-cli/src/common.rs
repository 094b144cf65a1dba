//! Helpers shared by the verbs: output, exit codes, reading input, times, permissions.

use waba::error::WabaError;

use std::io::Read;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// Exit status 0: done.
pub const EXIT_OK: u8 = 0;
/// Exit status 1: the input was refused by a rule.
pub const EXIT_REFUSED: u8 = 1;
/// Exit status 2: usage error.
pub const EXIT_USAGE: u8 = 2;

/// The contract's error object: `{"code", "message"}` plus optional detail keys.
#[derive(Debug, Clone, Default)]
pub struct ErrorObject {
    /// Stable dotted snake_case code, listed in `docs/errors.md`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// The field or option concerned.
    pub field: Option<String>,
    /// The limit that was broken.
    pub limit: Option<u64>,
    /// The actual value measured against the limit.
    pub actual: Option<u64>,
    /// A position (character or byte offset, as the message says).
    pub position: Option<u64>,
    /// Further detail keys, added after the standard ones.
    pub extra: Map<String, Value>,
}

impl ErrorObject {
    /// An error object with a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            ..Self::default()
        }
    }

    /// The JSON object.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("code".into(), Value::String(self.code.clone()));
        m.insert("message".into(), Value::String(self.message.clone()));
        if let Some(f) = &self.field {
            m.insert("field".into(), Value::String(f.clone()));
        }
        for (k, v) in [
            ("limit", self.limit),
            ("actual", self.actual),
            ("position", self.position),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), Value::from(v));
            }
        }
        for (k, v) in &self.extra {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m)
    }
}

impl ErrorObject {
    /// The contract's error object for any library error: its code, message and numbers, plus
    /// `meta_code` and `class` as detail keys.
    pub fn from_error<E: WabaError + ?Sized>(e: &E) -> ErrorObject {
        let mut o = ErrorObject::new(e.code(), e.to_string());
        o.field = e.field().map(str::to_owned);
        o.limit = e.limit();
        o.actual = e.actual();
        o.position = e.position();
        if let Some(m) = e.meta_code() {
            o.extra.insert("meta_code".into(), Value::from(m));
        }
        o.extra
            .insert("class".into(), Value::from(e.class().as_str()));
        o
    }
}

/// Prints one JSON document on one line of stdout.
pub fn print_json(v: &Value) {
    println!("{v}");
}

/// Prints `{"error": {...}}` (plus any other keys already in `doc`) and returns exit status 1.
pub fn refused(mut doc: Map<String, Value>, err: &ErrorObject) -> ExitCode {
    doc.insert("error".into(), err.to_json());
    print_json(&Value::Object(doc));
    ExitCode::from(EXIT_REFUSED)
}

/// Prints one line on stderr and returns exit status 2.
pub fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("waba: {msg}");
    ExitCode::from(EXIT_USAGE)
}

/// Reads all of stdin as bytes.
pub fn read_stdin() -> Result<Vec<u8>, ExitCode> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| usage(format!("cannot read stdin: {e}")))?;
    Ok(buf)
}

/// Reads stdin and parses it as JSON; not JSON is a usage error (exit 2).
pub fn read_stdin_json() -> Result<Value, ExitCode> {
    let buf = read_stdin()?;
    serde_json::from_slice(&buf).map_err(|e| usage(format!("stdin is not JSON: {e}")))
}

/// Reads a file; an unreadable file is a usage error (exit 2).
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))
}

/// Parses an RFC 3339 time (clap value parser).
pub fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("not an RFC 3339 time ({e}): {s:?}"))
}

/// Formats a time as RFC 3339 with whole seconds and `Z`.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
