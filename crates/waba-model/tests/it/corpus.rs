//! Every pywa webhook payload parses and round-trips; typed reading of each message kind.

use serde_json::Value;
use waba_model::*;

use crate::{fixtures, json_files};

/// Every (file, case, body) of the pywa corpus: the crate's copy, plus the shared one when present.
pub(crate) fn corpus_cases() -> Vec<(String, String)> {
    let mut dirs = vec![fixtures("pywa")];
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/pywa/updates");
    if shared.is_dir() {
        dirs.push(shared);
    }
    let mut out = Vec::new();
    for dir in dirs {
        for (file, text) in json_files(&dir) {
            let cases: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
            for (case, body) in cases {
                out.push((
                    format!("{file}/{case}"),
                    serde_json::to_string_pretty(&body).unwrap(),
                ));
            }
        }
    }
    assert!(out.len() >= 60, "corpus missing: {}", out.len());
    out
}

#[test]
fn every_payload_parses_and_round_trips() {
    for (name, body) in corpus_cases() {
        let hook = Webhook::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(hook.shape(), Shape::Cloud, "{name}");
        let back = hook.to_json_string().unwrap();
        let a: Value = serde_json::from_str(&body).unwrap();
        let b: Value = serde_json::from_str(&back).unwrap();
        assert_eq!(a, b, "{name}");
        let again = Webhook::parse(back.as_bytes()).unwrap();
        assert_eq!(again, hook, "{name}");
        for m in hook.messages() {
            let m = m.unwrap_or_else(|e| panic!("{name}: invalid message {}", e.error));
            assert!(
                !matches!(m.message.content, Some(Content::Unparsed { .. })),
                "{name}: {:?}",
                m.message.content
            );
        }
        for s in hook.statuses() {
            s.unwrap_or_else(|e| panic!("{name}: invalid status {}", e.error));
        }
    }
}

fn one(name: &str) -> Webhook {
    let (file, case) = name.split_once('/').unwrap();
    let text = std::fs::read_to_string(fixtures("pywa").join(file)).unwrap();
    let cases: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    Webhook::parse(serde_json::to_string(&cases[case]).unwrap().as_bytes()).unwrap()
}

fn content(name: &str) -> Content {
    let hook = one(name);
    let m = hook.messages().next().unwrap().unwrap();
    m.message
        .content
        .clone()
        .unwrap_or_else(|| panic!("{name}: no content"))
}

#[test]
fn message_kinds_are_typed() {
    assert!(
        matches!(content("message.json/text"), Content::Text(t) if t.body.as_deref() == Some("Body Text"))
    );
    assert!(matches!(content("message.json/voice"), Content::Audio(m) if m.voice == Some(true)));
    assert!(
        matches!(content("message.json/animated_sticker"), Content::Sticker(m) if m.animated == Some(true))
    );
    assert!(
        matches!(content("message.json/document"), Content::Document(m) if m.filename.is_some())
    );
    assert!(matches!(content("message.json/media_with_url"), Content::Image(m) if m.url.is_some()));
    let Content::Location(l) = content("message.json/chosen_location") else {
        panic!()
    };
    assert_eq!(l.latitude.unwrap().as_f64(), Some(37.4611978));
    assert_eq!(l.name.as_deref(), Some("Facebook HQ"));
    assert!(matches!(content("message.json/reaction"), Content::Reaction(r) if !r.is_removal()));
    assert!(
        matches!(content("message.json/unreaction_empty"), Content::Reaction(r) if r.is_removal())
    );
    assert!(
        matches!(content("message.json/unreaction_no_emoji"), Content::Reaction(r) if r.is_removal())
    );
    assert_eq!(
        content("message.json/contacts").contact_names(),
        ["Chandler Bing", "Monica", "Rachel Green"]
    );
    let Content::Order(o) = content("message.json/order") else {
        panic!()
    };
    assert_eq!(
        o.product_items.unwrap()[0]
            .quantity
            .as_ref()
            .unwrap()
            .as_u64(),
        Some(3)
    );
    assert!(matches!(
        content("message.json/unsupported_with_type"),
        Content::Unsupported(_)
    ));
    assert!(matches!(
        content("callback_button.json/button"),
        Content::Interactive(InteractiveContent { reply: Some(InteractiveReply::ButtonReply(c)), .. }) if c.title.as_deref() == Some("title")
    ));
    assert!(matches!(
        content("callback_selection.json/description"),
        Content::Interactive(InteractiveContent { reply: Some(InteractiveReply::ListReply(c)), .. }) if c.description.as_deref() == Some("description")
    ));
    assert!(matches!(
        content("flow_completion.json/completion"),
        Content::Interactive(InteractiveContent { reply: Some(InteractiveReply::NfmReply(n)), .. }) if n.body.as_deref() == Some("Sent")
    ));
    assert!(matches!(
        content("call_permission_update.json/accept"),
        Content::Interactive(InteractiveContent {
            reply: Some(InteractiveReply::Other(_)),
            ..
        })
    ));
    assert!(
        matches!(content("callback_button.json/quick_reply"), Content::Button(b) if b.payload.as_deref() == Some("callback_data"))
    );
    assert!(
        matches!(content("system.json/phone_number_change"), Content::System(s) if s.wa_id.as_deref() == Some("972912345678"))
    );
    assert!(matches!(
        content("deleted_message.json/revoke"),
        Content::Revoke(_)
    ));
    let Content::Edit(e) = content("edited_message.json/image") else {
        panic!()
    };
    assert!(
        matches!(e.message.unwrap().content, Some(Content::Image(ref m)) if m.caption.as_deref() == Some("Updated image caption"))
    );
}

#[test]
fn surroundings_of_messages() {
    let hook = one("message.json/referral");
    let m = hook.messages().next().unwrap().unwrap();
    assert!(m.has_referral());
    assert_eq!(
        m.message.referral.as_ref().unwrap().ctwa_clid.as_deref(),
        Some("CTWA_CLID")
    );
    assert_eq!(m.profile_name(), Some("Test Name"));
    assert_eq!(
        m.metadata.unwrap().display_phone_number.as_deref(),
        Some("972123456789")
    );
    assert_eq!(m.account_id, Some("1234567890987654321"));
    assert_eq!(m.sender().unwrap().as_str(), "+972987654321");

    let hook = one("message.json/reply");
    let m = hook.messages().next().unwrap().unwrap();
    assert_eq!(
        m.message.context.as_ref().unwrap().id.as_deref(),
        Some("wamid.xyzxyz==")
    );
    let hook = one("message.json/forwarded_many_times");
    let m = hook.messages().next().unwrap().unwrap();
    assert_eq!(
        m.message.context.as_ref().unwrap().frequently_forwarded,
        Some(true)
    );

    // A placeholder sender is no identity, but the message is kept.
    let hook = one("deleted_message.json/revoke");
    let m = hook.messages().next().unwrap().unwrap();
    assert_eq!(
        m.message.from.as_deref(),
        Some("<WHATSAPP_USER_PHONE_NUMBER>")
    );
    assert!(m.sender().is_some(), "falls back to the contact's user_id");

    // Echoes and non-message changes are kept but are not inbound messages.
    assert_eq!(one("outgoing_message.json/text").messages().count(), 0);
    assert_eq!(one("call_status.json/call_status").statuses().count(), 0);
    assert_eq!(
        one("template_status_update.json/approved")
            .messages()
            .count(),
        0
    );
}

#[test]
fn statuses_and_error_codes() {
    for (case, kind) in [
        ("sent", StatusKind::Sent),
        ("delivered", StatusKind::Delivered),
        ("read", StatusKind::Read),
        ("played", StatusKind::Played),
        ("failed", StatusKind::Failed),
    ] {
        let hook = one(&format!("message_status.json/{case}"));
        let s = hook.statuses().next().unwrap().unwrap();
        assert_eq!(s.kind(), kind);
        assert!(s.timestamp.as_ref().unwrap().time().is_ok());
    }
    let hook = one("message_status.json/failed");
    let s = hook.statuses().next().unwrap().unwrap();
    assert_eq!(
        s.error_codes().collect::<Vec<_>>(),
        [ErrorCode::Other(130472)]
    );
    assert!(!s.closes_window());
    assert_eq!(
        s.errors.as_ref().unwrap()[0].details(),
        Some("Failed to send message because this user's phone number is part of an experiment")
    );
    assert_eq!(ErrorCode::from_code(131047), ErrorCode::ReEngagement);
    assert!(ErrorCode::from_code(131047).closes_window());
    assert!(ErrorCode::from_code(470).closes_window());
    assert_eq!(ErrorCode::from_code(132012), ErrorCode::Template(132012));
    assert_eq!(ErrorCode::from_code(132017), ErrorCode::Other(132017));
    for c in [
        131047, 470, 131026, 131051, 131052, 131053, 130429, 131056, 132000, 132016, 1,
    ] {
        assert_eq!(ErrorCode::from_code(c).code(), c);
    }
    let hook = one("message.json/unsupported");
    let m = hook.messages().next().unwrap().unwrap();
    assert_eq!(
        m.message.errors.as_ref().unwrap()[0].error_code(),
        Some(ErrorCode::UnsupportedMessageType)
    );
}

#[test]
fn an_element_read_in_place_is_the_element_read_alone() {
    use waba_model::wire::ReadWire;
    let mut n = 0;
    for (name, pretty) in corpus_cases() {
        // Compact, so that the elements read alone are the same bytes as inside the body.
        let original: Value = serde_json::from_str(&pretty).unwrap();
        let body = serde_json::to_string(&original).unwrap();
        let hook = Webhook::parse(body.as_bytes()).unwrap();
        let value = &original["entry"][0]["changes"][0]["value"];
        for (i, m) in hook.messages().enumerate() {
            let alone = serde_json::to_string(&value["messages"][i]).unwrap();
            assert_eq!(
                &Message::from_json(&alone).unwrap(),
                m.unwrap().message,
                "{name}"
            );
            n += 1;
        }
        for (i, s) in hook.statuses().enumerate() {
            let alone = serde_json::to_string(&value["statuses"][i]).unwrap();
            assert_eq!(&Status::from_json(&alone).unwrap(), s.unwrap(), "{name}");
        }
    }
    assert!(n >= 30, "{n}");
    for (name, text) in json_files(&fixtures("legacy")) {
        let hook = Webhook::parse(text.as_bytes()).unwrap();
        assert_eq!(hook.shape(), Shape::Legacy, "{name}");
        let back = hook.to_json_string().unwrap();
        assert_eq!(Webhook::parse(back.as_bytes()).unwrap(), hook, "{name}");
    }
}

static_assertions::assert_impl_all!(Webhook: Send, Sync, Clone);
static_assertions::assert_impl_all!(Message: Send, Sync, Clone);
static_assertions::assert_impl_all!(Status: Send, Sync, Clone);
static_assertions::assert_impl_all!(WebhookError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(TimestampError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(InteractionAttributes: Send, Sync, Clone);
static_assertions::assert_impl_all!(InboundMessage<'static>: Send, Sync, Copy);

#[test]
fn each_message_and_status_round_trips_on_its_own() {
    let mut seen = (0, 0);
    for (name, body) in corpus_cases() {
        let original: Value = serde_json::from_str(&body).unwrap();
        let hook = Webhook::parse(body.as_bytes()).unwrap();
        for (i, m) in hook.messages().enumerate() {
            let m = m.unwrap();
            let alone = serde_json::to_string(m.message).unwrap();
            let expected = &original["entry"][0]["changes"][0]["value"]["messages"][i];
            assert_eq!(
                &serde_json::from_str::<Value>(&alone).unwrap(),
                expected,
                "{name}"
            );
            seen.0 += 1;
        }
        for (i, s) in hook.statuses().enumerate() {
            let alone = serde_json::to_string(s.unwrap()).unwrap();
            let expected = &original["entry"][0]["changes"][0]["value"]["statuses"][i];
            assert_eq!(
                &serde_json::from_str::<Value>(&alone).unwrap(),
                expected,
                "{name}"
            );
            seen.1 += 1;
        }
    }
    assert!(seen.0 >= 30 && seen.1 >= 7, "{seen:?}");
}
