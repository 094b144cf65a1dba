//! `waba transcript`: JSON lines of sends and webhooks (as `waba deliveries` reads them) to the
//! transcript an agent desktop shows, per `cli-contract.md`. Every entry is the library's
//! (`waba::transcript`).

use waba::error::WabaError;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};
use waba::model::Outbound;
use waba::template::{Rules, Template};
use waba::transcript::Transcript;

use crate::common::{print_json, usage};
use crate::journal::{self, Line, Sent};

/// Arguments of `waba transcript`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
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
pub(crate) fn run(args: Args) -> ExitCode {
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
    let current = args.channel.as_deref();
    let read = journal::read(|_, line| match line {
        Line::Sent(sent) => take_sent(&mut transcript, sent, current),
        Line::Webhook { hook, at, channel } => transcript
            .push_webhook(&hook, at, channel.or_else(|| current.map(str::to_owned)))
            .map_err(|e| e.to_string()),
        // A send Meta refused was never delivered: not in the transcript.
        Line::Refused(_) => Ok(()),
    });
    if let Err(code) = read {
        return code;
    }
    let page = transcript.page(args.page);
    match serde_json::to_value(&page.entries) {
        Ok(entries) => print_json(&json!({"entries": entries, "older": page.older})),
        Err(e) => return usage(format!("cannot write the transcript: {e}")),
    }
    ExitCode::SUCCESS
}

fn take_sent(t: &mut Transcript, s: Sent, current: Option<&str>) -> Result<(), String> {
    let body = match s.payload {
        Some(p) => body(p)?,
        None => shown_as("unknown")?,
    };
    let template = match s.template {
        None => None,
        Some(def) => Some(
            Template::from_json(&def.to_string(), &Rules::default())
                .map_err(|e| format!("\"template\" refused ({}): {e}", e.code()))?,
        ),
    };
    let channel = s.channel.or_else(|| current.map(str::to_owned));
    t.push_sent(s.id, s.at, body, template, channel)
        .map_err(|e| e.to_string())
}

/// The send body, typed by the strict reader; one it refuses (what we send is closed, so this is
/// a record of something waba would not have sent) is shown by its `type` as `[type]`.
fn body(payload: Value) -> Result<Outbound, String> {
    match Outbound::from_json(payload.clone()) {
        Ok(b) => Ok(b),
        Err(_) => shown_as(
            payload
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("unknown"),
        ),
    }
}

/// A text body `[kind]`, standing for a sent message whose payload is absent or unread.
fn shown_as(kind: &str) -> Result<Outbound, String> {
    let label: String = kind.chars().take(64).collect();
    Outbound::text(format!("[{label}]")).map_err(|e| e.to_string())
}
