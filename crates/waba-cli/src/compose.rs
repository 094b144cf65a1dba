//! `waba compose`: an agent's draft (stdin) to a send decision.

use waba::error::WabaError;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use waba::conversation::{AttachmentDraft, Conversation, Decision, Draft};

use crate::common::{self, ErrorObject, print_json, usage};

/// How many bytes of an attachment are read to judge it (the attachment crate needs no more).
const PREFIX_LEN: u64 = waba::attachment::SNIFF_PREFIX_LEN as u64;

/// Arguments of `waba compose`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// When the customer last wrote (RFC 3339).
    #[arg(long, value_parser = common::parse_time)]
    last_inbound: DateTime<Utc>,
    /// The time of the decision (RFC 3339).
    #[arg(long, value_parser = common::parse_time)]
    now: DateTime<Utc>,
    /// The customer: a phone number (`+16315551002`, or a wa_id without plus) or a BSUID.
    #[arg(long)]
    to: Option<String>,
    /// JSON object of Genesys option names to string values.
    #[arg(long)]
    options: Option<PathBuf>,
    /// The agent's privileges, comma-separated (default: all).
    #[arg(long)]
    permissions: Option<String>,
}

/// Reads the first bytes of a file and its size, never the whole file.
fn read_prefix(path: &std::path::Path) -> Result<(Vec<u8>, u64), ExitCode> {
    let file = std::fs::File::open(path)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let size = file
        .metadata()
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?
        .len();
    let mut prefix = Vec::new();
    file.take(PREFIX_LEN)
        .read_to_end(&mut prefix)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    Ok((prefix, size))
}

/// Turns the stdin document into a draft; a malformed one is a usage error (exit 2).
fn draft(doc: Value) -> Result<Draft, ExitCode> {
    let Value::Object(mut obj) = doc else {
        return Err(usage("the draft must be a JSON object"));
    };
    if obj.len() != 1 {
        return Err(usage(
            "the draft must have exactly one of text, interactive, template, attachment",
        ));
    }
    let flag = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    if let Some(v) = obj.remove("text") {
        let Value::String(s) = v else {
            return Err(usage("draft text must be a string"));
        };
        return Ok(Draft::Text(s));
    }
    if let Some(v) = obj.remove("interactive") {
        let changed = flag(&v, "attachment_changed");
        let message = waba::model::Interactive::from_value(v);
        return Ok(Draft::Interactive {
            message,
            attachment_changed: changed,
        });
    }
    if let Some(v) = obj.remove("template") {
        let changed = flag(&v, "attachment_changed");
        let message = waba::model::TemplateMessage::from_json(v)
            .map_err(|e| usage(format!("draft template is not a template send body: {e}")))?;
        return Ok(Draft::Template {
            message,
            attachment_changed: changed,
        });
    }
    if let Some(v) = obj.remove("attachment") {
        let Some(path) = v.get("path").and_then(Value::as_str) else {
            return Err(usage("draft attachment needs a path"));
        };
        let path = std::path::Path::new(path);
        let (prefix, size) = read_prefix(path)?;
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let filename = path.file_name().map(|n| n.to_string_lossy().into_owned());
        return Ok(Draft::Attachment(AttachmentDraft::new(
            prefix,
            size,
            v.get("mime").and_then(Value::as_str).map(str::to_owned),
            filename,
            v.get("caption").and_then(Value::as_str).map(str::to_owned),
            // The file is not uploaded here: the payload links the local file, which the caller
            // replaces by the media id after uploading (decision 0003).
            waba::model::MediaSource::Link(format!("file://{}", abs.display())),
        )));
    }
    Err(usage(
        "the draft must have exactly one of text, interactive, template, attachment",
    ))
}

/// Runs the verb.
pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let config = crate::options::load_config(args.options.as_deref())?;
    let permissions = match &args.permissions {
        None => waba::attachment::Permissions::all(),
        Some(p) => waba::attachment::Permissions::parse_list(p)
            .map_err(|e| usage(format!("--permissions: {e}")))?,
    };
    let to = match &args.to {
        None => None,
        Some(t) => Some(
            t.parse::<waba::phone::Identity>()
                .map_err(|e| usage(format!("--to: {e} ({})", e.code())))?,
        ),
    };
    let draft = draft(common::read_stdin_json()?)?;
    let mut conv = Conversation::new("", "");
    conv.on_inbound(args.last_inbound, false);
    conv.customer = to;
    let decision = conv.compose(&config, &draft, permissions, args.now);
    Ok(print_decision(&decision))
}

/// Prints a decision per the contract and returns the exit status.
pub fn print_decision(decision: &Decision) -> ExitCode {
    match decision {
        Decision::Send(body) => {
            print_json(&json!({"decision": "send", "payload": body.to_json()}));
            ExitCode::SUCCESS
        }
        Decision::Notification { body, preview } => {
            print_json(
                &json!({"decision": "notification", "payload": body.to_json(), "preview": preview}),
            );
            ExitCode::SUCCESS
        }
        Decision::Refused(e) => {
            let mut doc = Map::new();
            doc.insert("decision".into(), Value::from("refused"));
            common::refused(doc, &compose_error(e))
        }
        _ => usage("unknown decision"),
    }
}

/// The contract's error object for a compose refusal.
pub fn compose_error(e: &waba::conversation::ComposeError) -> ErrorObject {
    ErrorObject::from_error(e)
}
