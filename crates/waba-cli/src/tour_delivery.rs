//! The tour's steps after the send: a status arriving out of order, a 131049 with its backoff, a
//! STOP honoured. Everything printed is decided by `waba-delivery`.

use std::fmt::Write as _;

use chrono::{DateTime, TimeDelta, Utc};
use waba::after_send::optout::{Consent, StopKeywords};
use waba::after_send::pacing::{Pace, RecipientPacer};
use waba::after_send::{Ledger, SentInfo, StatusError, StatusUpdate, TemplateCategory, catalog};
use waba::error::WabaError;
use waba::model::{SendResponse, StatusKind};

use crate::common::format_time;

/// Plays the steps numbered from `first` at `t0`; returns the next step number.
pub(crate) fn after_the_send(
    out: &mut String,
    first: u32,
    t0: DateTime<Utc>,
) -> Result<u32, Box<dyn std::error::Error>> {
    let s = |secs: i64| t0 + TimeDelta::seconds(secs);
    let mut n = first;
    heading(
        out,
        n,
        "After the send: statuses out of order (waba-delivery ledger)",
    )?;
    let answer = SendResponse::parse(
        br#"{"messaging_product":"whatsapp","contacts":[{"input":"16315551002","wa_id":"16315551002"}],"messages":[{"id":"wamid.TOUR1","message_status":"accepted"}]}"#,
    )?;
    let mut ledger = Ledger::new();
    ledger.record_response(&answer, SentInfo::new("text", t0))?;
    writeln!(out, "   Meta's answer: message wamid.TOUR1, accepted")?;
    for (kind, at) in [
        (StatusKind::Read, 9),
        (StatusKind::Sent, 1),
        (StatusKind::Delivered, 4),
        (StatusKind::Delivered, 4),
    ] {
        let name = kind.as_str().to_owned();
        ledger.apply(&StatusUpdate::new("wamid.TOUR1", kind, Some(s(at))));
        let now = ledger
            .get("wamid.TOUR1")
            .and_then(|d| d.status)
            .map_or("?", |st| st.as_str());
        writeln!(
            out,
            "   status {name:<9} of {} arrives -> ledger says {now}",
            format_time(s(at))
        )?;
    }

    n += 1;
    heading(out, n, "A marketing template fails with 131049")?;
    let mut pacer = RecipientPacer::default();
    let failed = StatusUpdate::new("wamid.TOUR2", StatusKind::Failed, Some(s(60)))
        .with_error(StatusError::new(131_049));
    ledger.record_sent(
        "wamid.TOUR2",
        SentInfo::new("template", s(30)).with_category(TemplateCategory::Marketing),
    )?;
    ledger.apply(&failed);
    let why = catalog::explain(131_049, None);
    writeln!(
        out,
        "   131049: {} (class {}, retryable {}, action {})",
        why.title.as_deref().unwrap_or("?"),
        why.class.as_str(),
        why.retryable,
        why.action.as_str()
    )?;
    pacer.on_error(131_049, s(60));
    for (what, marketing) in [
        ("another marketing template", true),
        ("a utility template", false),
    ] {
        match pacer.decide(s(61), marketing) {
            Pace::Wait { until, rule } => writeln!(
                out,
                "   {what} now: wait until {} ({})",
                format_time(until),
                rule.as_str()
            )?,
            _ => writeln!(out, "   {what} now: go")?,
        }
    }

    n += 1;
    heading(out, n, "The customer writes STOP")?;
    let mut consent = Consent::default();
    let keywords = StopKeywords::default();
    consent.on_inbound_text("Stop!", &keywords, s(120));
    writeln!(out, "   customer: \"Stop!\"")?;
    match consent.check_marketing() {
        Err(e) => writeln!(
            out,
            "   marketing template: refused ({}, Meta code {})\n   why:      {e}",
            e.code(),
            e.meta_code().unwrap_or_default()
        )?,
        Ok(()) => writeln!(out, "   marketing template: allowed")?,
    }
    writeln!(
        out,
        "   utility and service messages: still allowed (opt-outs concern marketing only)"
    )?;
    Ok(n + 1)
}

fn heading(out: &mut String, n: u32, title: &str) -> std::fmt::Result {
    writeln!(out, "\n{n}. {title}\n{}", "-".repeat(title.len() + 3))
}
