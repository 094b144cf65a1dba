//! The JSON-lines journal that `waba deliveries` and `waba transcript` read: what happened, in order,
//! one line each: `{"sent": {...}}` (a message we sent, by its id or Meta's `/messages` answer) or
//! `{"webhook": {...}}` (a delivery from Meta, with an optional `"at"` arrival time). Lines may name
//! their `"channel"`.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use waba::error::WabaError;
use waba::model::{SendOutcome, SendResponse, SendStatus, Webhook};

use crate::common::{parse_time, read_stdin, usage};

/// The most bytes of journal read on stdin.
pub(crate) const JOURNAL_MAX_BYTES: usize = 64 << 20;

/// A message we sent.
#[derive(Debug)]
pub(crate) struct Sent {
    /// Meta's message id (given, or taken from Meta's answer).
    pub id: String,
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// The send body, as written.
    pub payload: Option<Value>,
    /// Meta's `message_status` in its answer, when the line gave the answer.
    pub send_status: Option<SendStatus>,
    /// The template's category (`marketing`, `utility`, ...), when given.
    pub category: Option<String>,
    /// The template's definition, when given.
    pub template: Option<Value>,
    /// The channel the line names.
    pub channel: Option<String>,
}

/// One line of the journal, read.
#[derive(Debug)]
pub(crate) enum Line {
    /// A message we sent.
    Sent(Sent),
    /// A send Meta refused: nothing to record (why, for stderr).
    Refused(String),
    /// A delivery from Meta.
    Webhook {
        /// The delivery.
        hook: Webhook,
        /// When it arrived, when the line says.
        at: Option<DateTime<Utc>>,
        /// The channel the line names.
        channel: Option<String>,
    },
}

/// Reads the journal on stdin and hands each line to `take` with its number (from 1). A line that
/// cannot be read, or that `take` refuses, ends the command with exit 2 naming the line.
pub(crate) fn read(
    mut take: impl FnMut(usize, Line) -> Result<(), String>,
) -> Result<(), ExitCode> {
    let input = read_stdin()?;
    if input.len() > JOURNAL_MAX_BYTES {
        return Err(usage(format!(
            "stdin is {} bytes, more than {JOURNAL_MAX_BYTES}",
            input.len()
        )));
    }
    let Ok(text) = std::str::from_utf8(&input) else {
        return Err(usage("stdin is not UTF-8"));
    };
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let n = n + 1;
        let line = parse(raw).map_err(|why| usage(format!("line {n}: {why}")))?;
        take(n, line).map_err(|why| usage(format!("line {n}: {why}")))?;
    }
    Ok(())
}

/// One journal line as it came: the webhook is kept as its bytes, for [`Webhook::parse`] to read
/// by Meta's rules (a lone surrogate escape costs only its element, decision 0201); a key given
/// twice at the top of a line is refused (serde's derive sees it).
#[derive(serde::Deserialize)]
struct RawLine<'a> {
    #[serde(borrow)]
    sent: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    webhook: Option<&'a serde_json::value::RawValue>,
    at: Option<Value>,
    channel: Option<Value>,
}

fn parse(raw: &str) -> Result<Line, String> {
    let line = match serde_json::from_str::<RawLine<'_>>(raw) {
        Ok(line) => line,
        // What the line is not, in the words the journal's readers know.
        Err(e) => {
            return Err(match serde_json::from_str::<serde::de::IgnoredAny>(raw) {
                Err(e) => format!("not JSON: {e}"),
                Ok(_) if !raw.trim_start().starts_with('{') => "not a JSON object".to_owned(),
                Ok(_) => e.to_string(),
            });
        }
    };
    if let Some(sent) = line.sent {
        // What we sent is ours: read strictly (a key twice is refused, naming it).
        let sent = waba::json::from_str(sent.get(), JOURNAL_MAX_BYTES)
            .map_err(|e| format!("\"sent\": {e}"))?;
        let Value::Object(sent) = sent else {
            return Err("\"sent\" is not an object".to_owned());
        };
        return sent_line(sent);
    }
    if let Some(hook) = line.webhook {
        let at = match line.at {
            None => None,
            Some(Value::String(s)) => Some(parse_time(&s)?),
            Some(_) => return Err("\"at\" is not an RFC 3339 time".to_owned()),
        };
        let channel = text(line.channel, "channel")?;
        let hook = Webhook::parse(hook.get().as_bytes())
            .map_err(|e| format!("webhook refused ({}): {e}", e.code()))?;
        return Ok(Line::Webhook { hook, at, channel });
    }
    Err("neither {\"sent\": ...} nor {\"webhook\": ...}".to_owned())
}

fn text(v: Option<Value>, key: &str) -> Result<Option<String>, String> {
    match v {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{key}\" is not a string")),
    }
}

fn sent_line(mut s: Map<String, Value>) -> Result<Line, String> {
    let at = match s.remove("at") {
        Some(Value::String(t)) => parse_time(&t)?,
        _ => return Err("\"sent\" needs \"at\" (an RFC 3339 time)".to_owned()),
    };
    let (id, send_status) = match (s.remove("id"), s.remove("response")) {
        (Some(Value::String(id)), None) => (id, None),
        (None, Some(answer)) => {
            let bytes = serde_json::to_vec(&answer).map_err(|e| e.to_string())?;
            let answer = SendResponse::parse(&bytes).map_err(|e| format!("response: {e}"))?;
            match answer.outcome() {
                SendOutcome::Accepted { id, status } => (id.to_owned(), status.cloned()),
                SendOutcome::Failed(e) => {
                    return Ok(Line::Refused(format!(
                        "the send was refused by Meta (code {}): nothing to record",
                        e.code().map_or("?".to_owned(), |c| c.to_string())
                    )));
                }
                _ => return Err("\"response\" holds no message id".to_owned()),
            }
        }
        (Some(_), Some(_)) => return Err("\"sent\" has both \"id\" and \"response\"".to_owned()),
        _ => return Err("\"sent\" needs \"id\" (a string) or \"response\"".to_owned()),
    };
    Ok(Line::Sent(Sent {
        id,
        at,
        payload: s.remove("payload"),
        send_status,
        category: text(s.remove("category"), "category")?,
        template: s.remove("template"),
        channel: text(s.remove("channel"), "channel")?,
    }))
}
