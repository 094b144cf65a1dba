//! `waba webhook`: one webhook body (Cloud API envelope or legacy On-Premises shape) on stdin,
//! authenticated when an app secret is given, turned into interactions (attributes plus the
//! message as Meta sent it), statuses and errors, and split per conversation; what `--seen` already
//! took is dropped.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde_json::{Map, Value, json};
use waba::WabaError;
use waba::model::events::{
    AccountEvent, AccountEventKind, CallEvent, Event, IdentityChangeKind, Split,
};
use waba::model::seen::{SeenIds, SeenStore};
use waba::model::signature::AppSecrets;
use waba::model::{
    ApiError, InboundMessage, InteractionAttributes, InvalidItem, Message, RawJson, Status,
    TimestampError, Webhook, WebhookError,
};

use crate::common::{ErrorObject, format_time, read_file, read_stdin_capped, refused, usage};

/// Arguments of `waba webhook`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The Digital Messaging Server channel name (`_umsChannel`).
    #[arg(long, value_name = "NAME", default_value = "whatsapp")]
    pub channel: String,
    /// The Digital Messaging Server application name (`_umsInboundIxnSubmittedBy`).
    #[arg(long, value_name = "NAME", default_value = "DigitalMessagingServer")]
    pub server: String,
    /// The app secret, or several (one per line): the body is then authenticated before it is read.
    #[arg(long, value_name = "FILE")]
    pub app_secret_file: Option<PathBuf>,
    /// The value of the `X-Hub-Signature-256` header (`sha256=` and 64 hex digits).
    #[arg(long, value_name = "HEADER")]
    pub signature: Option<String>,
    /// What was already taken, kept in FILE between runs (created when missing).
    #[arg(long, value_name = "FILE")]
    pub seen: Option<PathBuf>,
}

/// Runs the verb.
pub(crate) fn run(args: Args) -> ExitCode {
    // At most the webhook cap is read: a larger body is refused without being held in memory.
    let body = match read_stdin_capped(waba::model::BODY_MAX_BYTES) {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            let mut o = ErrorObject::new(
                "webhook.too_large",
                format!(
                    "webhook body of more than the {} bytes allowed (reading stopped there)",
                    waba::model::BODY_MAX_BYTES
                ),
            );
            o.limit = Some(waba::model::BODY_MAX_BYTES as u64);
            return refused(Map::new(), &o);
        }
        Err(code) => return code,
    };
    if let Some(path) = &args.app_secret_file {
        let text = match read_file(path) {
            Ok(t) => t,
            Err(code) => return code,
        };
        let secrets = match AppSecrets::from_lines(&String::from_utf8_lossy(&text)) {
            Ok(s) => s,
            Err(e) => return usage(format!("{}: {e}", path.display())),
        };
        let header = args.signature.as_deref().filter(|s| !s.is_empty());
        if let Err(e) = secrets.verify(header, &body) {
            return refused(Map::new(), &ErrorObject::from_error(&e));
        }
    }
    let mut seen = match &args.seen {
        Some(path) => match load_seen(path) {
            Ok(s) => Some(s),
            Err(code) => return code,
        },
        None => None,
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
        conversations: Vec::new(),
        account_events: Vec::new(),
        duplicates: 0,
    };
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let (split, taken) = match take(hook.clone().split(), seen.as_mut(), now) {
        Ok(t) => t,
        Err(e) => return refused(Map::new(), &ErrorObject::from_error(&e)),
    };
    if let (Some(path), Some(seen)) = (&args.seen, &seen) {
        if let Err(code) = save_seen(path, seen) {
            return code;
        }
    }
    let mut out = fill(out, &hook, &args, &taken);
    out.duplicates = taken.duplicates;
    out.conversations = split.conversations.iter().map(conversation).collect();
    out.account_events = split.account_events.iter().map(account_event).collect();
    match serde_json::to_string(&out) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => usage(format!("cannot write the output: {e}")),
    }
}

fn fill<'a>(mut out: Output<'a>, hook: &'a Webhook, args: &Args, taken: &Taken) -> Output<'a> {
    let mut kept = taken.kept.clone();
    // An element the split took is kept once per time it was taken; one it dropped as seen is
    // left out; one it never keyed (no id, no customer) is kept as before.
    let mut keep = |key: Option<String>| match key {
        Some(k) if taken.dropped.contains_key(&k) => match kept.get_mut(&k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        },
        _ => true,
    };
    for m in hook.messages() {
        match m {
            Ok(m) => {
                if keep(m.message.id.clone()) {
                    // A message whose payload could not be read still comes through, and says so.
                    if let Some(bad) = m.content_error() {
                        let mut e = invalid(&bad);
                        e.message_id = m.message.id.as_deref();
                        out.errors.push(OutError::Invalid(e));
                    }
                    out.interactions.push(interaction(&m, args));
                }
            }
            Err(bad) => out.errors.push(OutError::Invalid(invalid(&bad))),
        }
    }
    for c in hook.contacts() {
        if let Err(bad) = c {
            out.errors.push(OutError::Invalid(invalid(&bad)));
        }
    }
    for s in hook.statuses() {
        match s {
            Ok(s) => {
                let key = s.id.as_ref().map(|id| status_id(id, s.status.as_deref()));
                if keep(key) {
                    out.statuses.push(status(s));
                }
            }
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
    conversations: Vec<Value>,
    account_events: Vec<Value>,
    duplicates: usize,
}

/// What the seen store let through: per element id (`wamid` for messages, `id status` for
/// statuses), how many events were taken and whether any was dropped.
#[derive(Default)]
struct Taken {
    kept: BTreeMap<String, usize>,
    dropped: BTreeMap<String, usize>,
    duplicates: usize,
}

fn status_id(id: &str, status: Option<&str>) -> String {
    format!("{id} {}", status.unwrap_or(""))
}

/// The id `fill` matches an event's element by: the message id of messages and identity changes
/// (which come from `system` messages), id and status of statuses.
fn element_id(event: &Event) -> Option<String> {
    match event {
        Event::Message(m) => m.message.id.clone(),
        Event::IdentityChange(c) => c.message.as_ref().and_then(|m| m.message.id.clone()),
        Event::Status(s) => s.id.as_ref().map(|id| status_id(id, s.status.as_deref())),
        _ => None,
    }
}

/// Drops from `split` the events `seen` already took, recording the others.
fn take(
    mut split: Split,
    seen: Option<&mut SeenIds>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Split, Taken), waba::model::seen::SeenError> {
    let mut taken = Taken::default();
    let Some(seen) = seen else {
        return Ok((split, taken));
    };
    for batch in &mut split.conversations {
        let mut events = Vec::with_capacity(batch.events.len());
        for event in std::mem::take(&mut batch.events) {
            let new = match event.dedup_key() {
                Some(key) => seen.insert(&key, now)?,
                None => true,
            };
            if let Some(id) = element_id(&event) {
                let map = if new {
                    &mut taken.kept
                } else {
                    &mut taken.dropped
                };
                *map.entry(id).or_insert(0) += 1;
            }
            if new {
                events.push(event);
            } else {
                taken.duplicates += 1;
            }
        }
        batch.events = events;
    }
    split.conversations.retain(|c| !c.events.is_empty());
    Ok((split, taken))
}

fn load_seen(path: &std::path::Path) -> Result<SeenIds, ExitCode> {
    let mut seen = SeenIds::default();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(seen),
        _ => {}
    }
    // Read as every file of ours is: capped, a key twice refused (never last-wins).
    let bytes = crate::common::read_file(path)?;
    if bytes.trim_ascii().is_empty() {
        return Ok(seen);
    }
    let bad = |why: &str| usage(format!("{} is not a seen file: {why}", path.display()));
    let doc: Value = waba::json::from_slice(&bytes, crate::common::FILE_MAX_BYTES)
        .map_err(|e| bad(&e.to_string()))?;
    if doc.get("version") != Some(&json!(1)) {
        return Err(bad("unknown version"));
    }
    let entries = doc.get("entries").and_then(Value::as_array);
    for entry in entries.ok_or_else(|| bad("no entries"))? {
        let field = |i: usize| entry.get(i).and_then(Value::as_str);
        let (Some(digest), Some(at)) = (field(0), field(1)) else {
            return Err(bad("an entry is not [digest, time]"));
        };
        let at = crate::common::parse_time(at).map_err(|e| bad(&e))?;
        if !seen.restore(digest, at) {
            return Err(bad("a digest is not 64 hex digits"));
        }
    }
    Ok(seen)
}

fn save_seen(path: &std::path::Path, seen: &SeenIds) -> Result<(), ExitCode> {
    let entries: Vec<Value> = seen
        .entries()
        .map(|(d, at)| json!([d, format_time(at)]))
        .collect();
    let doc = json!({"version": 1, "entries": entries});
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, doc.to_string())
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| usage(format!("cannot write {}: {e}", path.display())))
}

fn conversation(c: &waba::model::events::ConversationEvents) -> Value {
    json!({
        "business": c.key.business.phone_number_id,
        "display_phone_number": c.key.business.display_phone_number,
        "customer": c.key.customer.as_str(),
        "events": c.events.iter().map(event).collect::<Vec<_>>(),
    })
}

fn event(e: &Event) -> Value {
    let mut v = Map::new();
    let mut put = |k: &str, x: Value| {
        v.insert(k.to_owned(), x);
    };
    put("kind", json!(e.kind().as_str()));
    if let Some(id) = e.id() {
        put("id", json!(id));
    }
    match e {
        Event::Message(m) | Event::Echo(m) => put("type", json!(m.message.kind())),
        Event::Status(s) => put("status", json!(s.status)),
        Event::Call(c) => {
            match &**c {
                CallEvent::Call(call) => {
                    put("event", json!(call.event));
                    put("direction", json!(call.direction));
                }
                CallEvent::Status(s) => put("status", json!(s.status)),
                _ => {}
            }
            put("user_initiated", json!(c.user_initiated()));
        }
        Event::IdentityChange(c) => {
            let change = match c.change {
                IdentityChangeKind::UserChangedNumber => "user_changed_number",
                IdentityChangeKind::UserChangedUserId => "user_changed_user_id",
                _ => "user_id_update",
            };
            put("change", json!(change));
            put("new", json!(c.new.as_ref().map(|i| i.as_str())));
        }
        Event::MarketingPreference(p) => {
            put("value", json!(p.value));
            put("category", json!(p.category));
        }
        Event::Error(err) => {
            put("code", json!(err.code.as_ref().and_then(|c| c.as_u64())));
            put("title", json!(err.title));
        }
        _ => {}
    }
    if let Some(at) = e.at() {
        put("timestamp", json!(format_time(at)));
    }
    Value::Object(v)
}

fn account_event(a: &AccountEvent) -> Value {
    // The contract's kinds are six; an error that names no customer is about the account (the
    // library keeps it apart as `AccountEventKind::Error`).
    let kind = match a.kind {
        AccountEventKind::Error => AccountEventKind::Account,
        other => other,
    };
    json!({
        "kind": kind.as_str(),
        "field": a.field,
        "value": a.value,
    })
}

#[derive(Serialize)]
struct Interaction<'a> {
    attributes: InteractionAttributes,
    message: &'a Message,
    referral: bool,
    /// `_umsFromAddr` holds a `from` that is not a phone number, as it came.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sender_unverified: bool,
    /// The code of the message's unreadable payload (`webhook.invalid_content`).
    #[serde(skip_serializing_if = "Option::is_none")]
    content_error: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp_error: Option<Value>,
}

fn interaction<'a>(m: &InboundMessage<'a>, args: &Args) -> Interaction<'a> {
    Interaction {
        attributes: InteractionAttributes::from_message(m, &args.channel, &args.server),
        message: m.message,
        referral: m.has_referral(),
        sender_unverified: m.sender_unverified(),
        content_error: m.content_error().map(|bad| bad.code()),
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
    /// For an unreadable payload, the id of the message that carried it.
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
}

fn invalid<'a>(bad: &InvalidItem<'a>) -> Invalid<'a> {
    Invalid {
        code: bad.code(),
        message: bad.error,
        item: bad.raw,
        message_id: None,
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
