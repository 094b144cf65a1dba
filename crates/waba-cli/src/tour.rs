//! `waba tour`: a short scripted conversation played through the library, printed for a person.
//!
//! Everything it shows is computed by the library crates; the script only supplies the inputs
//! (options, a webhook body, drafts, times). It needs no files and no network.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use waba::attachment::{Permissions, Privilege};
use waba::delivery::Inbox;
use waba::model::MediaSource;
use waba::model::seen::SeenIds;
use waba::phone::BusinessNumber;
use waba::phone::esp::{EspRequest, OfflineDirectory};
use waba::{Applied, AttachmentDraft, Config, Conversation, Decision, Draft, WabaError};

use crate::common::format_time;

/// Arguments of `waba tour`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// The business number of the tour: an Indian number, as in the guide's phone table.
const BUSINESS: &str = "+919876543210";
/// The customer's wa_id.
const CUSTOMER: &str = "16315551002";
/// The guide's example draft.
const DRAFT: &str = "We recommend rebooting your device to resolve the issue";

/// Runs the verb.
pub(crate) fn run(_args: Args) -> ExitCode {
    match tour() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => crate::common::usage(format!("the tour failed: {e}")),
    }
}

fn heading(out: &mut String, n: u32, title: &str) -> std::fmt::Result {
    writeln!(out, "\n{n}. {title}\n{}", "-".repeat(title.len() + 3))
}

fn decision_lines(out: &mut String, d: &Decision) -> std::fmt::Result {
    match d {
        Decision::Send(body) => writeln!(out, "   decision: send\n   payload:  {}", body.to_json()),
        Decision::Notification { body, preview } => {
            writeln!(
                out,
                "   decision: notification\n   preview:  {preview}\n   payload:  {}",
                body.to_json()
            )
        }
        Decision::Refused(e) => {
            let meta = e
                .meta_code()
                .map(|c| format!(", Meta code {c}"))
                .unwrap_or_default();
            writeln!(
                out,
                "   decision: refused ({}{meta})\n   why:      {e}",
                e.code()
            )
        }
        _ => writeln!(out, "   decision: (unknown)"),
    }
}

/// The whole story as text.
pub(crate) fn tour() -> Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    writeln!(
        out,
        "waba tour: one WhatsApp conversation, played through the library (no files, no network)"
    )?;

    // The administrator's options, as Genesys stores them.
    let options = [
        ("whatsappsession.free-msg-timespan", "24h"),
        (
            "whatsappsession.default-notification-text",
            "Thank you for your patience! {{1}}",
        ),
        ("whatsappsession.default-notification-id", "patience_notice"),
        ("whatsappsession.default-notification-language", "en_US"),
        ("whatsappsession.max-text-message-size", "4096"),
    ];
    let (config, _) = Config::from_options(options)?;
    heading(&mut out, 1, "The administrator's options")?;
    for (k, v) in options {
        writeln!(out, "   {k} = {v}")?;
    }

    heading(
        &mut out,
        2,
        "Phone numbers as people type them (the guide's table, business number +91...)",
    )?;
    let business: BusinessNumber = BUSINESS.parse()?;
    for input in [
        "+1-631-555-1002",
        "6315551002",
        "1-631-555-1002",
        "+1 (516) 283-7151",
        "+54 9 11 5612-1008",
        "+44 (0)20 7946 0958",
        "+1 631 555 1002 ext. 12",
    ] {
        match waba::phone::analyze(input, &business) {
            Ok(a) => {
                let region = a
                    .verdict
                    .region
                    .map_or("none".to_owned(), |r| r.as_str().to_owned());
                let valid = if a.verdict.valid {
                    "valid"
                } else {
                    "not valid"
                };
                let hint = a
                    .verdict
                    .suggestion
                    .map(|s| format!("; suggestion {}", s.number))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "   {input:<26} -> {:<16} {valid}, region {region}{hint}",
                    a.normalized.as_str()
                )?;
            }
            Err(e) => writeln!(out, "   {input:<26} -> refused: {e} ({})", e.code())?,
        }
    }

    heading(&mut out, 3, "A routing strategy asks ValidateContact (ESP)")?;
    let request = json!({"AppName": "DigitalMessagingServer", "Service": "Messaging", "Method": "ValidateContact",
        "Parameters": {"_umsChannel": "channel-ghub", "Id": "+1-631-555-1002"}});
    let req = EspRequest::from_value(&request)?;
    let answer = waba::esp::handle(&config, &req, &OfflineDirectory, Some(&business)).map_or_else(
        |e| serde_json::to_value(e.to_response()),
        serde_json::to_value,
    )?;
    writeln!(out, "   request:  {request}\n   response: {answer}")?;

    heading(
        &mut out,
        4,
        "The customer writes (Cloud API webhook) and the driver creates an interaction",
    )?;
    let t0: DateTime<Utc> = "2026-11-23T10:00:00Z".parse()?;
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1234567890987654321", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
            "messages": [{"from": CUSTOMER, "id": "wamid.HBgLMTYzMTU1NTEwMDIVAgASGBQzQTdC", "timestamp": t0.timestamp().to_string(),
                "type": "text", "text": {"body": "Hi! My phone keeps freezing since the update."}}]}}]}]});
    let arrived = t0 + TimeDelta::seconds(2);
    // The service's inbox: deliveries must carry X-Hub-Signature-256 with the app secret.
    let inbox = Inbox::signed(["tour-app-secret"])?;
    let mut seen = SeenIds::default();
    let body = body.to_string().into_bytes();
    let signature = inbox.sign(&body);
    let delivery = inbox.receive(Some(&signature), &body, &mut seen, arrived)?;
    let Some(batch) = delivery.conversations.first() else {
        return Err("the delivery held no conversation".into());
    };
    let mut conv =
        Conversation::for_key(batch.key.clone(), "channel-ghub", "DigitalMessagingServer");
    let applied = conv.apply(&config, batch, arrived)?;
    writeln!(
        out,
        "   signed delivery ({}...) verified, split: {} conversation(s); customer {} on business number id {}",
        signature.get(..15).unwrap_or(""),
        delivery.conversations.len(),
        batch.key.customer,
        batch.key.business.phone_number_id.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "   {} message(s) at {}; interaction attributes:",
        applied.len(),
        format_time(arrived)
    )?;
    for a in &applied {
        if let Applied::Interaction(i) = a {
            for (k, v) in i.attributes.iter() {
                writeln!(out, "     {k:<26} {v}")?;
            }
        }
    }
    let forged = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    match inbox.receive(Some(&signature), forged, &mut seen, arrived) {
        Err(e) => writeln!(
            out,
            "   a forged delivery (someone else's body, a copied signature): refused, {} ({}); answer Meta {}",
            e.code(),
            e.class(),
            e.meta_status()
        )?,
        Ok(_) => writeln!(out, "   a forged delivery was accepted (!)")?,
    }

    heading(
        &mut out,
        5,
        "The agent replies (window open; the pending-response indicator counts)",
    )?;
    let pending = config.pending_response();
    for secs in [10, 35, 55] {
        let at = t0 + TimeDelta::seconds(secs);
        let ind = pending.indicator(conv.window.pending_since(), at);
        writeln!(
            out,
            "   pending response at {}: {}",
            format_time(at),
            serde_json::to_value(ind)?.as_str().unwrap_or("?")
        )?;
    }
    let reply_at = t0 + TimeDelta::seconds(70);
    let status = conv.window.at(&config.window(), reply_at);
    writeln!(
        out,
        "   window at {}: {}, closes at {}, {} s left",
        format_time(reply_at),
        status.state.as_str(),
        status.closes_at.map_or("-".to_owned(), format_time),
        status.remaining_seconds
    )?;
    let d = conv.compose(
        &config,
        &Draft::Text("Sorry to hear that! Which model is it?".into()),
        Permissions::all(),
        reply_at,
    );
    decision_lines(&mut out, &d)?;
    if let Some(b) = d.body() {
        conv.on_sent(b, reply_at);
    }
    let ind = pending.indicator(conv.window.pending_since(), reply_at);
    writeln!(
        out,
        "   pending response after the reply: {}",
        serde_json::to_value(ind)?.as_str().unwrap_or("?")
    )?;
    let redelivered_at = reply_at + TimeDelta::minutes(5);
    let again = inbox.receive(Some(&signature), &body, &mut seen, redelivered_at)?;
    for batch in &again.conversations {
        conv.apply(&config, batch, redelivered_at)?;
    }
    let ind = pending.indicator(conv.window.pending_since(), redelivered_at);
    writeln!(
        out,
        "   Meta redelivers the first message at {}: {} new event(s), {} duplicate(s) ignored; pending response still {}",
        format_time(redelivered_at),
        again.conversations.len(),
        again.duplicates.len(),
        serde_json::to_value(ind)?.as_str().unwrap_or("?")
    )?;

    heading(
        &mut out,
        6,
        "Time passes: the next day, after 24 hours without a word from the customer",
    )?;
    let late = t0 + TimeDelta::hours(25);
    let status = conv.window.at(&config.window(), late);
    writeln!(
        out,
        "   window at {}: {} (closed at {}); free form allowed: {}; templates allowed: {}",
        format_time(late),
        status.state.as_str(),
        status.closes_at.map_or("-".to_owned(), format_time),
        status.free_form_allowed,
        status.templates_allowed
    )?;

    heading(
        &mut out,
        7,
        "The agent's late draft becomes the default notification (the guide's example)",
    )?;
    writeln!(out, "   draft:    {DRAFT}")?;
    let d = conv.compose(
        &config,
        &Draft::Text(DRAFT.into()),
        Permissions::all(),
        late,
    );
    decision_lines(&mut out, &d)?;
    writeln!(
        out,
        "   a draft with a line break is refused, never silently changed:"
    )?;
    let d = conv.compose(
        &config,
        &Draft::Text("Please reboot.\nThen call us.".into()),
        Permissions::all(),
        late,
    );
    decision_lines(&mut out, &d)?;

    heading(
        &mut out,
        8,
        "The customer writes again; the agent attaches files",
    )?;
    let t1 = t0 + TimeDelta::hours(26);
    conv.on_inbound(t1, false);
    writeln!(
        out,
        "   window at {}: {}",
        format_time(t1),
        conv.window.at(&config.window(), t1).state.as_str()
    )?;
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0".to_vec();
    png.extend_from_slice(&[0x90, 0x91, 0x68, 0x36]);
    let fake_pdf = AttachmentDraft::new(
        png.clone(),
        48_213,
        Some("application/pdf".into()),
        Some("invoice.pdf".into()),
        None,
        MediaSource::Id("pending-upload".into()),
    );
    writeln!(
        out,
        "   \"invoice.pdf\", declared application/pdf, whose bytes are a PNG image:"
    )?;
    decision_lines(
        &mut out,
        &conv.compose(
            &config,
            &Draft::Attachment(fake_pdf),
            Permissions::all(),
            t1,
        ),
    )?;
    let photo = AttachmentDraft::new(
        png,
        48_213,
        Some("image/png".into()),
        Some("screen.png".into()),
        Some("Your screen".into()),
        MediaSource::Id("1166582278109245".into()),
    );
    writeln!(
        out,
        "   \"screen.png\" by an agent without InteractionWorkspace.WhatsApp.canSendFiles:"
    )?;
    let no_files = Permissions::all().without(Privilege::CanSendFiles);
    decision_lines(
        &mut out,
        &conv.compose(&config, &Draft::Attachment(photo.clone()), no_files, t1),
    )?;
    writeln!(out, "   the same file by an agent who may send files:")?;
    decision_lines(
        &mut out,
        &conv.compose(&config, &Draft::Attachment(photo), Permissions::all(), t1),
    )?;

    heading(
        &mut out,
        9,
        "The customer answers a QuickReply notification: the reply is tied to it",
    )?;
    crate::tour_reply::step(&mut out, &config, t1 + TimeDelta::minutes(10), CUSTOMER)?;

    crate::tour_delivery::after_the_send(&mut out, 10, t1 + TimeDelta::minutes(20))?;

    writeln!(
        out,
        "\nEvery line above was decided by the library: waba-phone, waba-model, waba-template, waba-window,"
    )?;
    writeln!(
        out,
        "waba-attachment, composed by the waba facade. Try `waba --help` for the JSON commands."
    )?;
    Ok(out)
}
