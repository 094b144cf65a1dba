//! `waba webhook`: one webhook body (Cloud API envelope or legacy On-Premises shape) on stdin,
//! turned into interactions (attributes plus the message as Meta sent it), statuses and errors.

use waba::error::WabaError;

use std::process::ExitCode;

use serde::Serialize;
use serde_json::{Map, Value};
use waba::model::{
    ApiError, InboundMessage, InteractionAttributes, InvalidItem, Message, RawJson, Status,
    TimestampError, Webhook, WebhookError,
};

use crate::common::{ErrorObject, format_time, read_stdin, refused, usage};

/// Arguments of `waba webhook`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Digital Messaging Server channel name (`_umsChannel`).
    #[arg(long, value_name = "NAME", default_value = "whatsapp")]
    pub channel: String,
    /// The Digital Messaging Server application name (`_umsInboundIxnSubmittedBy`).
    #[arg(long, value_name = "NAME", default_value = "DigitalMessagingServer")]
    pub server: String,
}

/// Runs the verb.
pub fn run(args: Args) -> ExitCode {
    let body = match read_stdin() {
        Ok(b) => b,
        Err(code) => return code,
    };
    let hook = match Webhook::parse(&body) {
        Ok(h) => h,
        Err(e @ (WebhookError::Syntax { .. } | WebhookError::Empty)) => {
            return usage(format!("stdin is not JSON: {e}"));
        }
        Err(e) => return refused(Map::new(), &webhook_error(&e)),
    };
    let out = Output {
        shape: match hook.shape() {
            waba::model::Shape::Cloud => "cloud",
            _ => "legacy",
        },
        interactions: Vec::new(),
        statuses: Vec::new(),
        errors: Vec::new(),
    };
    let out = fill(out, &hook, &args);
    match serde_json::to_string(&out) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => usage(format!("cannot write the output: {e}")),
    }
}

fn fill<'a>(mut out: Output<'a>, hook: &'a Webhook, args: &Args) -> Output<'a> {
    for m in hook.messages() {
        match m {
            Ok(m) => out.interactions.push(interaction(&m, args)),
            Err(bad) => out.errors.push(OutError::Invalid(invalid(&bad))),
        }
    }
    for s in hook.statuses() {
        match s {
            Ok(s) => out.statuses.push(status(s)),
            Err(bad) => out.errors.push(OutError::Invalid(invalid(&bad))),
        }
    }
    for e in hook.errors() {
        match e {
            Ok(e) => out.errors.push(OutError::Meta(e)),
            Err(bad) => out.errors.push(OutError::Invalid(invalid(&bad))),
        }
    }
    out
}

#[derive(Serialize)]
struct Output<'a> {
    shape: &'static str,
    interactions: Vec<Interaction<'a>>,
    statuses: Vec<OutStatus<'a>>,
    errors: Vec<OutError<'a>>,
}

#[derive(Serialize)]
struct Interaction<'a> {
    attributes: InteractionAttributes,
    message: &'a Message,
    referral: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp_error: Option<Value>,
}

fn interaction<'a>(m: &InboundMessage<'a>, args: &Args) -> Interaction<'a> {
    Interaction {
        attributes: InteractionAttributes::from_message(m, &args.channel, &args.server),
        message: m.message,
        referral: m.has_referral(),
        timestamp_error: m.origin_time().err().map(|e| timestamp_error(&e)),
    }
}

#[derive(Serialize)]
struct OutStatus<'a> {
    id: Option<&'a str>,
    status: Option<&'a str>,
    timestamp: Option<String>,
    recipient_id: Option<&'a str>,
    errors: Vec<&'a ApiError>,
    closes_window: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp_error: Option<Value>,
}

fn status(s: &Status) -> OutStatus<'_> {
    let time = s
        .timestamp
        .as_ref()
        .ok_or(TimestampError::Missing)
        .and_then(|t| t.time());
    OutStatus {
        id: s.id.as_deref(),
        status: s.status.as_deref(),
        timestamp: time.as_ref().ok().map(|t| format_time(*t)),
        recipient_id: s.recipient_id.as_deref(),
        errors: s.errors.iter().flat_map(|l| l.iter()).collect(),
        closes_window: s.closes_window(),
        timestamp_error: time.err().map(|e| timestamp_error(&e)),
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum OutError<'a> {
    /// An error object Meta sent (`value.errors`), as it came.
    Meta(&'a ApiError),
    /// An element that could not be read.
    Invalid(Invalid<'a>),
}

#[derive(Serialize)]
struct Invalid<'a> {
    code: &'static str,
    message: &'a str,
    item: &'a RawJson,
}

fn invalid<'a>(bad: &InvalidItem<'a>) -> Invalid<'a> {
    Invalid {
        code: bad.code(),
        message: bad.error,
        item: bad.raw,
    }
}

fn timestamp_error(e: &TimestampError) -> Value {
    let mut o = ErrorObject::new(e.code(), e.to_string());
    o.field = e.field().map(str::to_owned);
    o.limit = e.limit();
    o.actual = e.actual();
    o.to_json()
}

fn webhook_error(e: &WebhookError) -> ErrorObject {
    let mut o = ErrorObject::new(e.code(), e.to_string());
    o.field = e.field().map(str::to_owned);
    o.limit = e.limit();
    o.actual = e.actual();
    o.position = e.position();
    o
}
