//! Inbound webhook, in-window reply, time passing, the automatic notification, Meta's 131047.

use waba_error::WabaError;

use chrono::{DateTime, TimeDelta, Utc};
use waba::model::OutboundBody;
use waba::{Conversation, Decision};

use crate::{notification_config, t, text_webhook};

const DRAFT: &str = "We recommend rebooting your device to resolve the issue";

#[test]
fn the_guides_automatic_notification_example() {
    let config = notification_config();
    let mut conv = Conversation::new("channel-ghub", "DigitalMessagingServer");
    let sent_at = t("2026-11-23T10:00:00Z");
    let out = conv
        .on_webhook(
            &config,
            &text_webhook(
                "16315551002",
                "wamid.A",
                sent_at.timestamp(),
                "My phone is stuck",
            ),
            sent_at,
        )
        .unwrap();
    assert_eq!(out.interactions.len(), 1);
    let attrs = &out.interactions[0].attributes;
    assert_eq!(attrs.get("_umsChannel"), Some("channel-ghub"));
    assert_eq!(
        attrs.get("_umsInboundIxnSubmittedBy"),
        Some("DigitalMessagingServer")
    );
    assert_eq!(attrs.get("_umsMsgPlainText"), Some("My phone is stuck"));
    assert_eq!(attrs.get("_msg_ProfileNickname"), Some("Ana"));

    // Within the window: the draft goes as it is, to the customer.
    let d = crate::compose_text(&conv, &config, DRAFT, sent_at + TimeDelta::hours(23));
    let Decision::Send(body) = d else {
        panic!("{d:?}")
    };
    assert_eq!(body.to_json()["to"], "16315551002");
    assert_eq!(body.to_json()["text"]["body"], DRAFT);

    // Exactly 24 hours later the window is closed: the draft becomes the default notification.
    let d = crate::compose_text(&conv, &config, DRAFT, sent_at + TimeDelta::hours(24));
    let Decision::Notification { body, preview } = d else {
        panic!("{d:?}")
    };
    assert_eq!(
        preview,
        "Thank you for your patience! We recommend rebooting your device to resolve the issue"
    );
    let OutboundBody::Template(tpl) = &body.body else {
        panic!("{body:?}")
    };
    assert_eq!(tpl.name, "patience_notice");
    assert_eq!(
        body.to_json()["template"]["components"][0]["parameters"][0]["text"],
        DRAFT
    );
    assert_eq!(body.to_json()["to"], "16315551002");
}

/// What is decided for the text `text` on the 24th, for a customer who last wrote on the 20th.
fn four_days_later(config: &waba::Config, text: &str) -> Decision {
    let conv = crate::heard_at("2026-11-20T10:00:00Z");
    crate::compose_text(&conv, config, text, t("2026-11-24T10:00:00Z"))
}

#[test]
fn closed_window_without_notification_is_refused_with_131047() {
    let config = waba::Config::default();
    let e = crate::refused(four_days_later(&config, "hello"));
    assert_eq!(e.meta_code(), Some(131_047));
}

#[test]
fn monitoring_off_always_sends_free_form() {
    let config = crate::config(&[(
        "whatsappsession.enable-free-msg-timespan-monitoring",
        "false",
    )]);
    let d = four_days_later(&config, "hello");
    assert!(matches!(d, Decision::Send(_)), "{d:?}");
}

#[test]
fn a_draft_with_a_newline_is_refused_not_silently_changed() {
    let config = notification_config();
    let e = crate::refused(four_days_later(&config, "line one\nline two"));
    assert_eq!(
        (e.code(), e.meta_code(), e.position()),
        ("template.param_has_newline", Some(132_018), Some(8))
    );
    // The explicit helper makes it conform, and then it goes.
    let fixed = waba::template::conform_draft("line one\nline two");
    let d = four_days_later(&config, &fixed);
    assert!(matches!(d, Decision::Notification { .. }), "{d:?}");
}

#[test]
fn the_byte_budget_counts_utf8_bytes() {
    let config = crate::config(&[("whatsappsession.max-text-message-size", "10")]);
    let conv = crate::heard_at("2026-11-24T10:00:00Z");
    let now = t("2026-11-24T10:01:00Z");
    assert!(matches!(
        crate::compose_text(&conv, &config, "0123456789", now),
        Decision::Send(_)
    ));
    // Four é are four characters but eight bytes; three more ASCII make eleven.
    let e = crate::refused(crate::compose_text(&conv, &config, "éééé123", now));
    assert_eq!((e.limit(), e.actual()), (Some(10), Some(11)));
}

/// A conversation (`channel`, `server`, default configuration) that received the customer's
/// text "hi" (`wamid.A`), written and received at `t0` = 2026-11-24T10:00:00Z.
fn after_hi(channel: &str, server: &str) -> (waba::Config, Conversation, DateTime<Utc>) {
    let config = waba::Config::default();
    let mut conv = Conversation::new(channel, server);
    let t0 = t("2026-11-24T10:00:00Z");
    conv.on_webhook(
        &config,
        &text_webhook("16315551002", "wamid.A", t0.timestamp(), "hi"),
        t0,
    )
    .unwrap();
    (config, conv, t0)
}

#[test]
fn meta_131047_closes_the_window_until_the_customer_writes() {
    let (config, mut conv, t0) = after_hi("c", "s");
    let failed = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
        "statuses": [{"id": "wamid.OUT", "status": "failed", "timestamp": (t0.timestamp() + 60).to_string(), "recipient_id": "16315551002",
            "errors": [{"code": 131047, "title": "Re-engagement message", "error_data": {"details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]}}]}]});
    let out = conv
        .on_webhook(
            &config,
            failed.to_string().as_bytes(),
            t0 + TimeDelta::minutes(2),
        )
        .unwrap();
    assert_eq!(out.statuses.len(), 1);
    assert!(conv.closed_by_meta());
    let e = crate::refused(crate::compose_text(
        &conv,
        &config,
        "hello",
        t0 + TimeDelta::minutes(3),
    ));
    assert_eq!(
        (e.code(), e.meta_code()),
        ("window.closed_by_meta", Some(131_047))
    );
    // The customer writes again: the window is open again.
    let t1 = t0 + TimeDelta::minutes(10);
    conv.on_webhook(
        &config,
        &text_webhook("16315551002", "wamid.B", t1.timestamp(), "still there?"),
        t1,
    )
    .unwrap();
    assert!(!conv.closed_by_meta());
    assert!(matches!(
        crate::compose_text(&conv, &config, "yes", t1),
        Decision::Send(_)
    ));
}

#[test]
fn outbound_sends_never_move_the_window() {
    let config = waba::Config::default();
    let mut conv = Conversation::new("c", "s");
    let t0 = t("2026-11-24T10:00:00Z");
    conv.on_inbound(t0, false);
    let before = conv.window.at(&config.window(), t0 + TimeDelta::hours(1));
    let d = crate::compose_text(&conv, &config, "reply", t0 + TimeDelta::hours(1));
    conv.on_sent(d.body().unwrap(), t0 + TimeDelta::hours(1));
    assert_eq!(
        conv.window
            .at(&config.window(), t0 + TimeDelta::hours(1))
            .closes_at,
        before.closes_at
    );
    assert_eq!(conv.window.pending_since(), None);
}

#[test]
fn an_implausible_timestamp_keeps_the_message_and_opens_the_window_at_arrival() {
    let config = waba::Config::default();
    let mut conv = Conversation::new("c", "s");
    let now = t("2026-11-24T10:00:00Z");
    // Milliseconds instead of seconds.
    let out = conv
        .on_webhook(
            &config,
            &text_webhook("16315551002", "wamid.A", 1_697_043_223_000, "hi"),
            now,
        )
        .unwrap();
    assert_eq!(out.interactions.len(), 1);
    assert!(out.interactions[0].origin.is_err());
    assert_eq!(conv.window.last_inbound, Some(now));
}

#[test]
fn the_conversation_state_round_trips_through_serde() {
    let (_, conv, _) = after_hi("channel-ghub", "DMS");
    let json = serde_json::to_string(&conv).unwrap();
    let back: Conversation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, conv);
}

#[test]
fn an_incoming_location_gets_its_map_links() {
    let config = crate::config(&[
        (
            "whatsappsession.location-map.browse.query",
            "https://maps.example.com/?q={LATITUDE},{LONGITUDE}",
        ),
        (
            "whatsappsession.location-map.preview.query",
            "https://maps.example.com/static?c={LATITUDE},{LONGITUDE}&size={WIDTH}x{HEIGHT}",
        ),
        ("whatsappsession.location-map.preview.width", "640"),
    ]);
    let body = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1"},
        "messages": [{"from": "16315551002", "id": "wamid.L", "timestamp": "1764000000", "type": "location",
            "location": {"latitude": 38.8977, "longitude": -77.0365, "name": "White House", "address": "1600 Pennsylvania Ave NW"}}]}}]}]});
    let mut conv = Conversation::new("c", "s");
    let out = conv
        .on_webhook(
            &config,
            body.to_string().as_bytes(),
            t("2025-11-24T16:00:10Z"),
        )
        .unwrap();
    let map = out.interactions[0].map.clone().unwrap();
    assert_eq!(
        map.browse.as_deref(),
        Some("https://maps.example.com/?q=38.8977,-77.0365")
    );
    assert_eq!(
        map.preview.as_deref(),
        Some("https://maps.example.com/static?c=38.8977,-77.0365&size=640x200")
    );
    let plain = out.interactions[0]
        .attributes
        .get("_umsMsgPlainText")
        .unwrap();
    assert!(plain.contains("White House"), "{plain}");
}

#[test]
fn a_blank_draft_is_refused() {
    let config = waba::Config::default();
    let conv = crate::heard_at("2026-11-24T10:00:00Z");
    for blank in ["", "   ", "\n\t"] {
        let d = crate::compose_text(&conv, &config, blank, t("2026-11-24T10:01:00Z"));
        let Decision::Refused(e) = d else {
            panic!("{blank:?}: {d:?}")
        };
        assert_eq!(e.code(), "compose.empty", "{blank:?}");
    }
}
