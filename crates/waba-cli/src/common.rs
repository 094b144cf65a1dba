//! Helpers shared by the verbs: output, exit codes, reading input, times, permissions.

use waba::error::WabaError;

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use waba::json::JsonError;

/// Exit status 0: done.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit status 1: the input was refused by a rule.
pub(crate) const EXIT_REFUSED: u8 = 1;
/// Exit status 2: usage error.
pub(crate) const EXIT_USAGE: u8 = 2;

/// The contract's error object: `{"code", "message"}` plus optional detail keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct ErrorObject {
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
    pub(crate) fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            ..Self::default()
        }
    }

    /// The JSON object.
    pub(crate) fn to_json(&self) -> Value {
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
    pub(crate) fn from_error<E: WabaError + ?Sized>(e: &E) -> ErrorObject {
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
pub(crate) fn print_json(v: &Value) {
    println!("{v}");
}

/// Prints `{"error": {...}}` (plus any other keys already in `doc`) and returns exit status 1.
pub(crate) fn refused(mut doc: Map<String, Value>, err: &ErrorObject) -> ExitCode {
    doc.insert("error".into(), err.to_json());
    print_json(&Value::Object(doc));
    ExitCode::from(EXIT_REFUSED)
}

/// Prints one line on stderr and returns exit status 2.
pub(crate) fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("waba: {msg}");
    ExitCode::from(EXIT_USAGE)
}

/// Reads at most `max` bytes of stdin (never more than `max + 1` are taken): `Ok(Err(..))` when
/// stdin goes on past the cap, for the verb to refuse with its own typed error; an unreadable
/// stdin is a usage error (exit 2).
pub(crate) fn read_stdin_capped(max: usize) -> Result<Result<Vec<u8>, JsonError>, ExitCode> {
    waba::json::read_capped(std::io::stdin().lock(), max)
        .map_err(|e| usage(format!("cannot read stdin: {e}")))
}

/// Opens a file named on the command line, after checking what it is without opening it: only a
/// regular file is opened (a FIFO would block the command, a directory or a device cannot be a
/// document). Gives the open file and its size. Anything else is a usage error (exit 2).
pub(crate) fn open_regular(path: &std::path::Path) -> Result<(std::fs::File, u64), ExitCode> {
    let cannot = |e: &dyn std::fmt::Display| usage(format!("cannot read {}: {e}", path.display()));
    let kind = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    if !kind.is_file() {
        return Err(cannot(&format_args!(
            "not a regular file ({})",
            file_kind(&kind.file_type())
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    // Checked again on the open file: it may have been replaced in between.
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(cannot(&"not a regular file"));
    }
    Ok((file, meta.len()))
}

/// What a non-regular file is, for the usage message.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// Reads a document file named on the command line (options, template, bundle, token): at most
/// `max` bytes. A regular file's size is checked before reading; a pipe (`--options <(...)`) is
/// read up to the cap and one byte; a directory or a device is refused. Anything refused is a
/// usage error (exit 2) naming the file and the numbers.
pub(crate) fn read_file_capped(path: &std::path::Path, max: usize) -> Result<Vec<u8>, ExitCode> {
    let cannot = |e: &dyn std::fmt::Display| usage(format!("cannot read {}: {e}", path.display()));
    let kind = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    let t = kind.file_type();
    if t.is_dir() || is_device(&t) {
        return Err(cannot(&format_args!("not a file ({})", file_kind(&t))));
    }
    if kind.is_file() && kind.len() > max as u64 {
        return Err(usage(format!(
            "{} is {} bytes, more than the {max} read",
            path.display(),
            kind.len()
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    match waba::json::read_capped(file, max) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(usage(format!(
            "{} is more than the {max} bytes read",
            path.display()
        ))),
        Err(e) => Err(cannot(&e)),
    }
}

/// Whether a file type is a device.
fn is_device(t: &std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        t.is_char_device() || t.is_block_device() || t.is_socket()
    }
    #[cfg(not(unix))]
    {
        let _ = t;
        false
    }
}

/// The most bytes a document file is read to when its verb gives no cap of its own (a
/// verify-token file, a deployment bundle the library checks again).
pub(crate) const FILE_MAX_BYTES: usize = 16 << 20;

/// Reads a document file of at most [`FILE_MAX_BYTES`] (see [`read_file_capped`]).
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ExitCode> {
    read_file_capped(path, FILE_MAX_BYTES)
}

/// The most bytes a verb reading JSON lines (sends and webhooks) takes from stdin: 64 MiB, a log
/// of thousands of deliveries of the largest size Meta sends (1 MiB each).
pub(crate) const LINES_MAX_BYTES: usize = 64 << 20;

/// Reads stdin of at most [`LINES_MAX_BYTES`] (never more than that and one byte are taken); past
/// it, or unreadable, a usage error (exit 2).
pub(crate) fn read_stdin() -> Result<Vec<u8>, ExitCode> {
    match read_stdin_capped(LINES_MAX_BYTES)? {
        Ok(bytes) => Ok(bytes),
        Err(_) => Err(usage(format!(
            "stdin is more than the {LINES_MAX_BYTES} bytes read"
        ))),
    }
}

/// Parses an RFC 3339 time (clap value parser).
pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("not an RFC 3339 time ({e}): {s:?}"))
}

/// Formats a time as RFC 3339 with whole seconds and `Z`.
pub(crate) fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
