//! `waba tour`, the quick-reply step: a notification with QuickReply buttons, the customer's tap,
//! and the transcript tying the reply to the notification and the option chosen.

use std::fmt::Write as _;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use waba::Config;
use waba::model::{Outbound, OutboundBody, Webhook};
use waba::template::{Params, Rules, Template};
use waba::transcript::{Entry, Transcript};

use crate::common::format_time;

/// Writes the step to `out`; `t0` is when it happens, `customer` the customer's wa_id.
pub(crate) fn step(
    out: &mut String,
    config: &Config,
    t0: DateTime<Utc>,
    customer: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let template = Template::from_json(
        r#"{"name": "visit_confirmation", "language": "en_US", "components": [
            {"type": "BODY", "text": "Can our technician come on {{1}}?"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"},
                {"type": "QUICK_REPLY", "text": "No"}, {"type": "QUICK_REPLY", "text": "Maybe"}]}]}"#,
        &Rules::default(),
    )?;
    let rendered = template.render(&Params::positional(["Monday at 9:00"]))?;
    let mut transcript = Transcript::new(config);
    let sent = Outbound::new(OutboundBody::Template(rendered.message));
    transcript.push_sent("wamid.NOTIF1", t0, sent, Some(template), None)?;
    let tap = t0 + TimeDelta::minutes(3);
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": customer}],
            "statuses": [{"id": "wamid.NOTIF1", "status": "read", "timestamp": (t0 + TimeDelta::minutes(1)).timestamp().to_string(), "recipient_id": customer}],
            "messages": [{"from": customer, "id": "wamid.TAP1", "timestamp": tap.timestamp().to_string(),
                "context": {"from": "919876543210", "id": "wamid.NOTIF1"},
                "type": "button", "button": {"payload": "Maybe", "text": "Maybe"}}]}}]}]});
    let hook = Webhook::parse(body.to_string().as_bytes())?;
    transcript.push_webhook(&hook, Some(tap), None)?;
    for entry in transcript.page(0).entries {
        match entry {
            Entry::SessionStart { at, .. } => {
                writeln!(out, "   --- session started {} ---", format_time(at))?
            }
            Entry::Notification {
                at,
                status,
                preview,
                ..
            } => {
                writeln!(out, "   {} notification ({status}):", format_time(at))?;
                for line in preview.lines() {
                    writeln!(out, "       | {line}")?;
                }
            }
            Entry::Inbound {
                at, text, reply_to, ..
            } => {
                writeln!(out, "   {} customer: {text}", format_time(at))?;
                if let Some(r) = reply_to {
                    match r.option {
                        Some(o) => writeln!(
                            out,
                            "       reply to {}: option {} of the notification, {:?} (highlighted)",
                            r.id.as_deref().unwrap_or("?"),
                            o.index + 1,
                            o.title
                        )?,
                        None => writeln!(out, "       reply to an unknown message or option")?,
                    }
                }
            }
            other => writeln!(out, "   {:?}", other.kind())?,
        }
    }
    Ok(())
}
