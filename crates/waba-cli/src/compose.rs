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
pub(crate) struct Args {
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

/// Reads the first bytes of a file and its size, never the whole file; a FIFO, a directory or a
/// device is refused before it is opened.
fn read_prefix(path: &std::path::Path) -> Result<(Vec<u8>, u64), ExitCode> {
    let (file, size) = common::open_regular(path)?;
    let mut prefix = Vec::new();
    file.take(PREFIX_LEN)
        .read_to_end(&mut prefix)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let size = size.max(prefix.len() as u64);
    Ok((prefix, size))
}

/// The keys one of which makes a JSON object a draft (anything else is a usage error, exit 2).
fn is_draft(doc: &Value) -> bool {
    let Value::Object(map) = doc else {
        return false;
    };
    map.keys().any(|k| {
        matches!(
            k.as_str(),
            "attachment" | "type" | "messaging_product" | "to" | "recipient"
        ) || waba::model::MESSAGE_TYPES.contains(&k.as_str())
    })
}

/// Reads the file of an attachment draft (its first bytes and size, never the whole file).
fn attachment(a: waba::model::AttachmentRequest) -> Result<AttachmentDraft, ExitCode> {
    let path = std::path::Path::new(&a.path);
    let (prefix, size) = read_prefix(path)?;
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let filename = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(AttachmentDraft::new(
        prefix,
        size,
        a.mime,
        filename,
        a.caption,
        // The file is not uploaded here: the payload links the local file, which the caller
        // replaces by the media id after uploading (decision 0003).
        waba::model::MediaSource::Link(format!("file://{}", abs.display())),
    ))
}

/// Runs the verb.
pub(crate) fn run(args: Args) -> ExitCode {
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
    let refuse = |e: waba::model::ModelError| {
        print_decision(&Decision::Refused(waba::conversation::ComposeError::Model(
            e,
        )))
    };
    // The strict reader, with the draft's cap on what is read: a key given twice anywhere is
    // refused, never "last wins".
    let bytes = match common::read_stdin_capped(waba::model::DRAFT_MAX_BYTES)? {
        Ok(b) => b,
        Err(e) => return Ok(refuse(e.into())),
    };
    let doc = match waba::json::from_slice(&bytes, waba::model::DRAFT_MAX_BYTES) {
        Ok(v) => v,
        Err(e @ waba::json::JsonError::Syntax { .. }) => {
            return Err(usage(format!("stdin is not JSON: {e}")));
        }
        Err(e) => return Ok(refuse(e.into())),
    };
    if !is_draft(&doc) {
        return Err(usage(
            "the draft must be a JSON object with one of text, interactive, template, attachment \
             (or another message type, or a whole send body)",
        ));
    }
    let document = match waba::model::DraftDocument::from_json(doc) {
        Ok(d) => d,
        Err(e) => return Ok(refuse(e)),
    };
    let draft = Draft::from_document(document, attachment)?;
    let mut conv = Conversation::new("", "");
    conv.on_inbound(args.last_inbound, false);
    conv.customer = to;
    let decision = conv.compose(&config, &draft, permissions, args.now);
    Ok(print_decision(&decision))
}

/// Prints a decision per the contract and returns the exit status.
pub(crate) fn print_decision(decision: &Decision) -> ExitCode {
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
pub(crate) fn compose_error(e: &waba::conversation::ComposeError) -> ErrorObject {
    ErrorObject::from_error(e)
}
