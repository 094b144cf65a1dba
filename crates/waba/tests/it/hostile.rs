//! Hostile drafts through the conversation engine: nothing that breaks a rule the crates know is
//! ever decided "send".

use serde_json::{Value, json};
use waba::conversation::{ComposeError, Conversation, Decision, Draft};
use waba::model::{DraftDocument, Identity};
use waba::{Config, WabaError, attachment::Permissions};

use crate::t;

fn compose(draft: Value) -> Decision {
    let document = DraftDocument::from_json(draft).unwrap();
    let draft = Draft::from_document(document, |_| Err(())).unwrap();
    let conv = crate::heard_at("2026-11-24T08:00:00Z");
    let config = crate::config(&[]);
    conv.compose(
        &config,
        &draft,
        Permissions::all(),
        t("2026-11-24T09:00:00Z"),
    )
}

fn refused(draft: Value) -> String {
    match compose(draft.clone()) {
        Decision::Refused(e) => e.code().to_owned(),
        other => panic!("{draft}: decided {other:?}"),
    }
}

#[test]
fn every_kind_of_body_goes_through_its_rules() {
    // The issue's example: 30-character titles and a duplicate id behind an unknown key.
    let reply = |title: &str| json!({"type": "reply", "reply": {"id": "1", "title": title}});
    let mut buttons = json!({"interactive": {"type": "button", "body": {"text": "Pick"},
        "action": {"buttons": [reply(&"T".repeat(30)), reply(&"T".repeat(30))]}}});
    assert_eq!(refused(buttons.clone()), "interactive.title_too_long");
    buttons["interactive"]["action"]["buttons"][0]["reply"]["x"] = json!(1);
    assert!(DraftDocument::from_json(buttons).is_err());
    for (draft, code) in [
        (
            json!({"interactive": {"type": "voice_call", "body": {"text": "Call"},
                "action": {"name": "voice_call", "parameters": {"ttl_minutes": 0}}}}),
            "interactive.call_ttl_out_of_range",
        ),
        (json!({"contacts": []}), "contacts.too_few"),
        (
            json!({"reaction": {"message_id": "wamid.1", "emoji": "ok"}}),
            "reaction.not_one_emoji",
        ),
        (
            json!({"template": {"name": "t", "language": {"code": "en"}, "components": [
                {"type": "body", "parameters": [{"type": "text", "text": "a\nb"}]}]}}),
            "template.param_has_newline",
        ),
        (json!({"text": {"body": "   "}}), "compose.empty"),
    ] {
        assert_eq!(refused(draft.clone()), code, "{draft}");
    }
    for good in [
        json!({"image": {"link": "https://e.com/a.png", "caption": "Receipt"}}),
        json!({"location": {"latitude": "37.44", "longitude": "-122.16", "name": "Shop"}}),
        json!({"contacts": [{"name": {"formatted_name": "Ana"}}]}),
        json!({"interactive": {"type": "location_request_message", "body": {"text": "Where?"},
            "action": {"name": "send_location"}}}),
    ] {
        assert!(matches!(compose(good.clone()), Decision::Send(_)), "{good}");
    }
}

#[test]
fn a_draft_addressed_to_someone_else_is_refused() {
    let mut conv = crate::heard_at("2026-11-24T08:00:00Z");
    conv.customer = Some("+16315551002".parse::<Identity>().unwrap());
    let config = crate::config(&[]);
    let draft = |to: &str| {
        let doc = DraftDocument::from_json(json!({"to": to, "text": {"body": "hi"}})).unwrap();
        Draft::from_document(doc, |_| Err(())).unwrap()
    };
    let now = t("2026-11-24T09:00:00Z");
    assert!(matches!(
        conv.compose(&config, &draft("+16315559999"), Permissions::all(), now),
        Decision::Refused(ComposeError::RecipientMismatch)
    ));
    assert!(matches!(
        conv.compose(&config, &draft("16315551002"), Permissions::all(), now),
        Decision::Send(_)
    ));
}

#[test]
fn media_bodies_need_can_send_files() {
    let doc = DraftDocument::from_json(json!({"image": {"id": "1"}})).unwrap();
    let draft = Draft::from_document(doc, |_| Err(())).unwrap();
    let conv = crate::heard_at("2026-11-24T08:00:00Z");
    let config = crate::config(&[]);
    let only_use = Permissions::none().with(waba::attachment::Privilege::CanUse);
    let Decision::Refused(e) = conv.compose(&config, &draft, only_use, t("2026-11-24T09:00:00Z"))
    else {
        panic!("sent without canSendFiles")
    };
    assert_eq!(
        e.field(),
        Some("InteractionWorkspace.WhatsApp.canSendFiles")
    );
}

#[test]
fn an_options_file_with_an_option_twice_is_refused_naming_it() {
    let twice = br#"{"whatsappsession.free-msg-timespan": "24h",
        "whatsappsession.free-msg-timespan": "1h"}"#;
    let e = Config::from_json_slice(twice).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (
            "json.duplicate_key",
            Some("whatsappsession.free-msg-timespan")
        )
    );
    let e = Config::from_json_slice(br#"{"whatsappsession.free-msg-timespan": 24}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (
            "config.file_shape",
            Some("whatsappsession.free-msg-timespan")
        )
    );
    assert_eq!(
        Config::from_json_slice(b"[]").unwrap_err().code(),
        "config.file_shape"
    );
    let (c, _) =
        Config::from_json_slice(br#"{"whatsappsession.free-msg-timespan": "1h"}"#).unwrap();
    assert_eq!(c.free_msg_timespan.num_seconds(), 3600);
}

waba_testkit::corpus_tests! {
    options_seed_corpus_replays: "options", at least 8, waba::internal::options;
}

#[test]
fn a_lone_surrogate_costs_only_its_message_in_the_conversation() {
    let config = crate::notification_config();
    let mut conv = Conversation::new("c", "s");
    let at = t("2026-11-23T10:00:00Z");
    // serde_json writes "\\ud800" for the text; make it the escape Meta could send.
    let body = String::from_utf8(crate::text_webhook(
        "16315551002",
        "wamid.A",
        at.timestamp(),
        "Hi \\ud800 there",
    ))
    .unwrap()
    .replace(r"\\ud800", r"\ud800");
    assert!(body.contains(r"Hi \ud800 there"));
    let out = conv.on_webhook(&config, body.as_bytes(), at).unwrap();
    // The message still comes through, flagged; its plain text shows U+FFFD where the unit was.
    assert_eq!(out.interactions.len(), 1);
    assert_eq!(out.invalid.len(), 1, "{:?}", out.invalid);
    assert_eq!(out.invalid[0].0, "content");
    let plain = out.interactions[0].attributes.get("_umsMsgPlainText");
    assert_eq!(plain, Some("Hi \u{FFFD} there"));
    // In the profile name instead: the contact is invalid, the message is read as sent.
    let body = String::from_utf8(crate::text_webhook(
        "16315551002",
        "wamid.B",
        at.timestamp(),
        "fine",
    ))
    .unwrap()
    .replace(r#""name":"Ana""#, r#""name":"A\udc00na""#);
    let out = conv.on_webhook(&config, body.as_bytes(), at).unwrap();
    assert_eq!(out.interactions.len(), 1);
    let kinds: Vec<_> = out.invalid.iter().map(|i| i.0).collect();
    assert_eq!(kinds, ["contact"]);
}

#[test]
fn a_text_of_invisible_characters_only_is_empty() {
    // The model reads them (the wire allows any text); the rules refuse what a person would see
    // as nothing.
    for blank in [" ", "\u{200B}", "\r\n", "\u{200F}\u{2066}", "\u{FEFF}\t"] {
        let draft = json!({"type": "text", "text": {"body": blank}});
        assert_eq!(refused(draft), "compose.empty", "{blank:?}");
    }
    let draft = json!({"type": "text", "text": {"body": "\u{200B}ok"}});
    assert!(matches!(compose(draft), Decision::Send(_)));
}
