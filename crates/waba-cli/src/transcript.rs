//! `waba transcript`: JSON lines of sends and webhooks (as `waba deliveries` reads them) to the
//! transcript an agent desktop shows, per `cli-contract.md`. Every entry is the library's
//! (`waba::transcript`).

use waba::error::WabaError;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use waba::model::{Outbound, OutboundBody, Webhook};
use waba::template::{Rules, Template};
use waba::transcript::Transcript;

use crate::common::{parse_time, print_json, read_stdin, usage};

/// The most bytes read on stdin (a transcript's worth of webhooks).
const INPUT_MAX_BYTES: usize = 64 << 20;

/// Arguments of `waba transcript`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSON object of Genesys option names to string values.
    #[arg(long)]
    options: Option<PathBuf>,
    /// The current channel (`_umsChannel`); lines may name theirs with `"channel"`.
    #[arg(long)]
    channel: Option<String>,
    /// How many pages of older messages to go back (0: the current interaction).
    #[arg(long, default_value_t = 0)]
    page: usize,
    /// Only this customer's messages (a phone number or a BSUID).
    #[arg(long)]
    customer: Option<String>,
}

/// Runs the verb.
pub fn run(args: Args) -> ExitCode {
    let config = match crate::options::load_config(args.options.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut transcript = Transcript::new(&config);
    if let Some(c) = &args.channel {
        transcript = transcript.for_channel(c.clone());
    }
    if let Some(c) = &args.customer {
        match c.parse() {
            Ok(id) => transcript = transcript.for_customer(id),
            Err(e) => return usage(format!("--customer {c:?}: {e}")),
        }
    }
    let input = match read_stdin() {
        Ok(b) => b,
        Err(code) => return code,
    };
    if input.len() > INPUT_MAX_BYTES {
        return usage(format!(
            "stdin is {} bytes, more than {INPUT_MAX_BYTES}",
            input.len()
        ));
    }
    let Ok(text) = std::str::from_utf8(&input) else {
        return usage("stdin is not UTF-8");
    };
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        if let Err(why) = take_line(&mut transcript, raw, args.channel.as_deref()) {
            return usage(format!("line {}: {why}", n + 1));
        }
    }
    let page = transcript.page(args.page);
    match serde_json::to_value(&page.entries) {
        Ok(entries) => print_json(&json!({"entries": entries, "older": page.older})),
        Err(e) => return usage(format!("cannot write the transcript: {e}")),
    }
    ExitCode::SUCCESS
}

fn take_line(t: &mut Transcript, raw: &str, current: Option<&str>) -> Result<(), String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut line) = value else {
        return Err("not a JSON object".to_owned());
    };
    if let Some(sent) = line.remove("sent") {
        let Value::Object(sent) = sent else {
            return Err("\"sent\" is not an object".to_owned());
        };
        return take_sent(t, sent, current);
    }
    if let Some(hook) = line.remove("webhook") {
        let at = match line.remove("at") {
            None => None,
            Some(Value::String(s)) => Some(parse_time(&s)?),
            Some(_) => return Err("\"at\" is not an RFC 3339 time".to_owned()),
        };
        let channel = channel(line.remove("channel"), current)?;
        let bytes = serde_json::to_vec(&hook).map_err(|e| e.to_string())?;
        let hook =
            Webhook::parse(&bytes).map_err(|e| format!("webhook refused ({}): {e}", e.code()))?;
        return t
            .push_webhook(&hook, at, channel)
            .map_err(|e| e.to_string());
    }
    Err("neither {\"sent\": ...} nor {\"webhook\": ...}".to_owned())
}

fn channel(v: Option<Value>, current: Option<&str>) -> Result<Option<String>, String> {
    match v {
        None => Ok(current.map(str::to_owned)),
        Some(Value::String(c)) => Ok(Some(c)),
        Some(_) => Err("\"channel\" is not a string".to_owned()),
    }
}

fn take_sent(
    t: &mut Transcript,
    mut s: Map<String, Value>,
    current: Option<&str>,
) -> Result<(), String> {
    let at: DateTime<Utc> = match s.remove("at") {
        Some(Value::String(x)) => parse_time(&x)?,
        _ => return Err("\"sent\" needs \"at\" (an RFC 3339 time)".to_owned()),
    };
    let id = match (s.remove("id"), s.remove("response")) {
        (Some(Value::String(id)), None) => id,
        (None, Some(answer)) => answer
            .get("messages")
            .and_then(|m| m.get(0))
            .and_then(|m| m.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or("\"response\" holds no message id")?,
        (Some(_), Some(_)) => return Err("\"sent\" has both \"id\" and \"response\"".to_owned()),
        _ => return Err("\"sent\" needs \"id\" (a string) or \"response\"".to_owned()),
    };
    let body = match s.remove("payload") {
        Some(p) => body(p),
        None => Outbound::new(OutboundBody::Other {
            kind: "unknown".to_owned(),
            raw: Value::Null,
        }),
    };
    let template = match s.remove("template") {
        None => None,
        Some(def) => Some(
            Template::from_json(&def.to_string(), &Rules::default())
                .map_err(|e| format!("\"template\" refused ({}): {e}", e.code()))?,
        ),
    };
    let channel = channel(s.remove("channel"), current)?;
    t.push_sent(id, at, body, template, channel)
        .map_err(|e| e.to_string())
}

/// The send body: typed when waba reads it, else kept by its `type` as it came.
fn body(payload: Value) -> Outbound {
    match Outbound::from_json(payload.clone()) {
        Ok(b) => b,
        Err(_) => {
            let kind = payload
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned();
            let raw = payload.get(&kind).cloned().unwrap_or(Value::Null);
            Outbound::new(OutboundBody::Other { kind, raw })
        }
    }
}
