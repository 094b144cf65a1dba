//! `waba deliveries`: JSON lines of sends and webhooks on stdin, in the order things happened; the
//! delivery ledger out (each message's status merged forward only, orphans kept).

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use waba::after_send::{
    Delivery, Ledger, LedgerLimits, SentInfo, StatusError, TemplateCategory, TemplateInfo, catalog,
};
use waba::model::Outbound;

use crate::common::format_time;
use crate::journal::{self, Line};

/// Arguments of `waba deliveries` (none).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs the verb.
pub(crate) fn run(_args: Args) -> ExitCode {
    let limits = LedgerLimits::new(waba::after_send::LEDGER_CAPACITY_MAX, 100_000);
    let mut ledger = Ledger::with_limits(limits.unwrap_or_default());
    let read = journal::read(|n, line| {
        match line {
            Line::Sent(sent) => {
                let mut info = match sent.payload {
                    Some(payload) => sent_info(payload, sent.at)?,
                    None => SentInfo::new("unknown", sent.at),
                };
                info.send_status = sent.send_status;
                if let Some(c) = &sent.category {
                    info = info.with_category(TemplateCategory::parse(c));
                }
                ledger
                    .record_sent(sent.id, info)
                    .map_err(|e| e.to_string())?;
            }
            Line::Webhook { hook, .. } => {
                for status in hook.statuses().flatten() {
                    ledger.apply_status(status);
                }
            }
            Line::Refused(why) => eprintln!("waba: line {n}: {why}"),
        }
        Ok(())
    });
    if let Err(code) = read {
        return code;
    }
    let deliveries: Vec<Value> = ledger.deliveries().map(|d| delivery(d, false)).collect();
    let orphans: Vec<Value> = ledger.orphans().map(|d| delivery(d, true)).collect();
    crate::common::print_json(&json!({"deliveries": deliveries, "orphans": orphans}));
    ExitCode::SUCCESS
}

/// What a send body was: typed when it is a body waba knows, else read from its `type`, `to`,
/// `recipient`, `template` and `biz_opaque_callback_data` as they are.
fn sent_info(payload: Value, at: DateTime<Utc>) -> Result<SentInfo, String> {
    if let Ok(body) = Outbound::from_json(payload.clone()) {
        return Ok(SentInfo::from_outbound(&body, at));
    }
    let Value::Object(p) = payload else {
        return Err("\"payload\" is not an object".to_owned());
    };
    let text =
        |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut info = SentInfo::new(text(&p, "type").unwrap_or_else(|| "unknown".into()), at);
    info.to = text(&p, "to").or_else(|| text(&p, "recipient"));
    info.callback_data = text(&p, "biz_opaque_callback_data");
    if let Some(Value::Object(t)) = p.get("template") {
        info.template = text(t, "name").map(|name| {
            let language = t
                .get("language")
                .and_then(|l| l.get("code"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            TemplateInfo::new(name, language)
        });
    }
    Ok(info)
}

fn error(e: &StatusError) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let (Value::Object(m), Some(code)) = (&mut v, e.code) {
        let explained = catalog::explain(code, e.title.as_deref());
        m.insert("class".into(), explained.class.as_str().into());
        m.insert("action".into(), explained.action.as_str().into());
    }
    v
}

fn delivery(d: &Delivery, orphan: bool) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), d.id.clone().into());
    if !orphan {
        let to = d
            .sent
            .as_ref()
            .and_then(|s| s.to.clone())
            .or_else(|| d.recipient.clone());
        m.insert("to".into(), to.map_or(Value::Null, Value::from));
    } else {
        m.insert(
            "recipient".into(),
            d.recipient.clone().map_or(Value::Null, Value::from),
        );
    }
    m.insert(
        "status".into(),
        d.status.map_or(Value::Null, |s| s.as_str().into()),
    );
    m.insert(
        "updated_at".into(),
        d.updated_at.map_or(Value::Null, |t| format_time(t).into()),
    );
    m.insert(
        "errors".into(),
        Value::Array(d.errors.iter().map(error).collect()),
    );
    m.insert(
        "pricing".into(),
        d.pricing
            .as_ref()
            .and_then(|p| serde_json::to_value(p).ok())
            .unwrap_or(Value::Null),
    );
    if let Some(s) = &d.sent {
        m.insert("kind".into(), s.kind.clone().into());
        if let Some(t) = &s.template {
            m.insert("template".into(), t.name.clone().into());
        }
    }
    if let Some(c) = &d.callback_data {
        m.insert("callback_data".into(), c.clone().into());
    }
    Value::Object(m)
}
