//! The guide's scenarios played across the crates through the facade.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod after_send;
mod boundary;
mod embedding;
mod esp;
mod fuzz_corpus;
mod hostile;
mod lint;
mod permissions;
mod response;
mod scenarios;
mod transcript;
mod web;
mod wrappers;

use chrono::{DateTime, Utc};

/// A time from RFC 3339.
pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A Cloud API webhook with one text message from `from` sent at `ts` (unix seconds).
pub fn text_webhook(from: &str, id: &str, ts: i64, body: &str) -> Vec<u8> {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1234567890987654321", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": from}],
            "messages": [{"from": from, "id": id, "timestamp": ts.to_string(), "type": "text", "text": {"body": body}}]
        }}]}]
    })
    .to_string()
    .into_bytes()
}

/// A conversation (channel `c`, server `s`) whose customer last wrote at `last` (RFC 3339).
pub fn heard_at(last: &str) -> waba::Conversation {
    let mut conv = waba::Conversation::new("c", "s");
    conv.on_inbound(t(last), false);
    conv
}

/// What `conv` decides for the text draft `text` with every privilege at `now`.
pub fn compose_text(
    conv: &waba::Conversation,
    config: &waba::Config,
    text: &str,
    now: DateTime<Utc>,
) -> waba::Decision {
    conv.compose(
        config,
        &waba::Draft::Text(text.into()),
        waba::attachment::Permissions::all(),
        now,
    )
}

/// The error of a refused decision; fails the test on any other decision.
pub fn refused(d: waba::Decision) -> waba::ComposeError {
    match d {
        waba::Decision::Refused(e) => e,
        other => panic!("not refused: {other:?}"),
    }
}

/// The configuration from these options (name, value); fails the test if one is refused.
pub fn config(options: &[(&str, &str)]) -> waba::Config {
    waba::Config::from_options(options.iter().copied())
        .unwrap_or_else(|e| panic!("{options:?}: {e}"))
        .0
}

/// The guide's automatic-notification options.
pub fn notification_config() -> waba::Config {
    config(&[
        (
            "whatsappsession.default-notification-text",
            "Thank you for your patience! {{1}}",
        ),
        ("whatsappsession.default-notification-id", "patience_notice"),
        ("whatsappsession.default-notification-language", "en_US"),
    ])
}

static_assertions::assert_impl_all!(waba::Conversation: Send, Sync, Clone, serde::Serialize);
static_assertions::assert_impl_all!(waba::Config: Send, Sync, Clone);
static_assertions::assert_impl_all!(waba::Decision: Send, Sync);
static_assertions::assert_impl_all!(waba::conversation::WebhookOutcome: Send, Sync);
static_assertions::assert_impl_all!(waba::lint::Report: Send, Sync, Clone, serde::Serialize);
static_assertions::assert_impl_all!(waba::transcript::Transcript: Send, Sync, Clone);
static_assertions::assert_impl_all!(waba::transcript::Page: Send, Sync, Clone, serde::Serialize);
static_assertions::assert_impl_all!(waba::response::SendPlan: Send, Sync, Clone);
static_assertions::assert_impl_all!(waba::response::NotificationResponse: Send, Sync, Clone);
