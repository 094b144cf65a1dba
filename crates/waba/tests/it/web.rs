//! What a web service answers with, from the library: `HttpAnswer` (any error of the contract,
//! the handshake, a held reply), the delivery's `Summary`, the store's errors (`StoreError`,
//! `NotStored`) and drafts from a remote caller (`Draft::from_remote_slice`).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use waba::attachment::Permissions;
use waba::chrono::TimeDelta;
use waba::delivery::{Documents, Inbox, State, Summary};
use waba::model::seen::{SeenError, SeenIds};
use waba::model::subscribe::VerifyToken;
use waba::model::{DRAFT_MAX_BYTES, SendResponse, SendResponseError};
use waba::{
    Account, Config, Conversation, Draft, HttpAnswer, NotNow, NotStored, StateError, StoreError,
    WabaError,
};

use crate::{t, text_webhook};

/// The answer's body as JSON, after checking that it is a problem document whose `status` is the
/// answer's.
fn problem(answer: &HttpAnswer) -> Value {
    assert_eq!(
        answer.header("content-type"),
        Some("application/problem+json")
    );
    let p: Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(p["status"], answer.status, "{p}");
    assert_eq!(
        p["type"].as_str().unwrap(),
        format!("urn:waba:error:{}", p["code"].as_str().unwrap())
    );
    p
}

#[test]
fn a_delivery_error_is_answered_as_meta_is_to_be_answered() {
    let inbox = Inbox::signed(["s3cret"]).unwrap();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let cases = [
        (
            inbox.open(Some(&inbox.sign(b"other")), &body),
            401,
            "webhook.signature_mismatch",
        ),
        (inbox.open(None, &body), 401, "webhook.signature_missing"),
        (
            inbox.open(Some(&inbox.sign(b"junk")), b"junk"),
            200,
            "webhook.syntax",
        ),
        (Inbox::unsigned().open(None, b"junk"), 400, "webhook.syntax"),
    ];
    for (opened, status, code) in cases {
        let e = opened.unwrap_err();
        assert_eq!(e.http_status(), e.meta_status());
        let answer = HttpAnswer::from(e);
        assert_eq!(answer.status, status, "{code}");
        assert_eq!(problem(&answer)["code"], code);
        assert_eq!(answer.headers.len(), 1, "only the content type");
    }
    // The seen-id store failed: 503, Meta redelivers.
    struct Broken;
    impl waba::model::seen::SeenStore for Broken {
        fn insert(
            &mut self,
            _: &waba::model::events::DedupKey,
            _: waba::chrono::DateTime<waba::chrono::Utc>,
        ) -> Result<bool, SeenError> {
            Err(SeenError::store("connection reset"))
        }
        fn remove(&mut self, _: &waba::model::events::DedupKey) -> Result<(), SeenError> {
            Ok(())
        }
    }
    let opened = inbox.open(Some(&inbox.sign(&body)), &body).unwrap();
    let e = opened
        .take(&mut Broken, t("2025-11-24T16:00:01Z"))
        .unwrap_err();
    let answer = HttpAnswer::from(e);
    assert_eq!(answer.status, 503);
    assert_eq!(problem(&answer)["code"], "webhook.seen_store");
}

#[test]
fn the_handshake_is_the_challenge_as_text_or_403() {
    let token = VerifyToken::new("verify-me").unwrap();
    let ok = HttpAnswer::handshake(
        &token,
        "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
    );
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body, b"1158201444");
    assert_eq!(ok.header("CONTENT-TYPE"), Some(waba::http::TEXT_PLAIN));
    for query in [
        "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
        "",
        "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=%3Cscript%3E",
    ] {
        let refused = HttpAnswer::handshake(&token, query);
        assert_eq!(refused.status, 403, "{query}");
        let p = problem(&refused);
        assert!(
            p["code"]
                .as_str()
                .unwrap()
                .starts_with("webhook.subscribe_"),
            "{p}"
        );
        // Nothing of the query is echoed as text.
        assert!(!String::from_utf8_lossy(&refused.body).contains("<script>"));
    }
}

#[test]
fn a_held_reply_is_429_with_retry_after_and_a_refused_one_its_class() {
    let t0 = t("2026-11-24T10:00:00Z");
    let mut conv = Conversation::default();
    let body = text_webhook("16315551002", "wamid.IN", t0.timestamp(), "Hi");
    let delivery = Inbox::unsigned()
        .receive(None, &body, &mut SeenIds::default(), t0)
        .unwrap();
    conv.apply(&Config::default(), &delivery.conversations[0], t0)
        .unwrap();
    let (config, account) = (Config::default(), Account::default());
    let draft = Draft::Text("It ships today".into());
    conv.prepare_send(&config, &account, &draft, Permissions::all(), t0)
        .unwrap();
    // A second reply 1.5 s later is held by the pair rate (6 s): 5 s rounded up.
    let now = t0 + TimeDelta::milliseconds(1500);
    let held = conv
        .prepare_send(&config, &account, &draft, Permissions::all(), now)
        .unwrap_err();
    assert!(matches!(held, NotNow::Held(_)), "{held:?}");
    assert_eq!(held.http_status(), 429);
    let answer = held.http_answer(now);
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("5"));
    let p = problem(&answer);
    assert_eq!(
        (p["code"].as_str(), p["meta_code"].as_u64()),
        (Some("pacing.held"), Some(131_056))
    );
    // Without `now` (the blanket conversion) the status is the same, but no Retry-After.
    assert_eq!(HttpAnswer::from(held.clone()).header("retry-after"), None);
    let NotNow::Held(h) = &held else {
        unreachable!()
    };
    assert_eq!(HttpAnswer::held(h, now), answer);

    // A day later the window is closed, no notification: refused (422, Meta's 131047), no header.
    let later = t0 + TimeDelta::hours(25);
    let refused = conv
        .prepare_send(&config, &account, &draft, Permissions::all(), later)
        .unwrap_err();
    let answer = refused.http_answer(later);
    assert_eq!((answer.status, answer.header("retry-after")), (422, None));
    assert_eq!(problem(&answer)["meta_code"], 131_047);
}

#[test]
fn a_failed_send_is_503_or_502_and_any_other_error_its_class() {
    let none = HttpAnswer::from(SendResponseError::transport("connection refused"));
    assert_eq!(none.status, 503);
    assert_eq!(problem(&none)["code"], "send_response.transport");
    let html = HttpAnswer::from(SendResponse::parse(b"<html>502</html>").unwrap_err());
    assert_eq!(html.status, 502);
    // An error that says nothing of its own: its class's status.
    let draft = Draft::from_remote_slice(br#"{"txt": "hi"}"#).unwrap_err();
    let answer = HttpAnswer::from(draft);
    assert_eq!(answer.status, 400);
    assert_eq!(problem(&answer)["field"], "txt");
    // Headers are added in order and found without regard to case.
    let answer = answer.with_header("x-request-id", "r1");
    assert_eq!(answer.header("X-Request-Id"), Some("r1"));
    assert_eq!(answer.headers[0].0, "content-type");
    let plain = HttpAnswer::new(204, "text/plain", Vec::new());
    assert_eq!((plain.status, plain.body.len()), (204, 0));
}

#[test]
fn a_store_error_is_transient_and_takes_what_the_library_cannot_read() {
    let backend = StoreError::backend(std::io::Error::other("database is locked"));
    assert_eq!(
        (backend.code(), backend.class(), backend.http_status()),
        ("service.store", waba::ErrorClass::Transient, 503)
    );
    assert_eq!(backend.to_string(), "the store failed: database is locked");
    assert_eq!(backend.field(), None);
    let answer = HttpAnswer::from(backend);
    assert_eq!(problem(&answer)["class"], "transient");

    // As a seen store's error: the same message, the seen store's code.
    let seen: SeenError = StoreError::backend("disk I/O error").into();
    assert_eq!(seen.code(), "webhook.seen_store");
    assert!(seen.to_string().contains("disk I/O error"), "{seen}");

    // The Error of a `Documents` store, as it is: a document of an unknown version stops the
    // delivery with the version's numbers.
    #[derive(Default)]
    struct Docs(BTreeMap<String, String>);
    impl Documents for Docs {
        type Error = StoreError;
        fn document(&mut self, id: &str) -> Result<Option<String>, StoreError> {
            Ok(self.0.get(id).cloned())
        }
        fn put_document(&mut self, id: &str, document: &str) -> Result<(), StoreError> {
            if document.len() > 100_000 {
                return Err(StoreError::backend("row too large"));
            }
            self.0.insert(id.to_owned(), document.to_owned());
            Ok(())
        }
    }
    let now = t("2025-11-24T16:00:01Z");
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let delivery = Inbox::unsigned()
        .receive(None, &body, &mut SeenIds::default(), now)
        .unwrap();
    let id = delivery.conversations[0].key.id();
    let mut docs = Docs::default();
    let newer = r#"{"version": 99, "channel": "c", "server": "s", "window": {}, "customer": null}"#;
    docs.0.insert(id.clone(), newer.into());
    let e = delivery
        .apply_to(&mut docs, &Config::default(), ("c", "s"), now)
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Document(StateError::UnknownVersion { .. })),
        "{e:?}"
    );
    assert_eq!(
        (e.code(), e.field(), e.actual(), e.http_status()),
        ("service.store", Some("version"), Some(99), 503)
    );
    docs.0.clear();
    delivery
        .apply_to(&mut docs, &Config::default(), ("c", "s"), now)
        .unwrap();
    assert!(docs.conversation(&id).unwrap().is_some());
}

#[test]
fn an_unknown_conversation_is_404_and_its_id_is_quoted() {
    let e = NotStored::conversation("9:+16315551002");
    assert_eq!(e.to_string(), "no conversation 9:+16315551002");
    let answer = HttpAnswer::from(e);
    assert_eq!(answer.status, 404);
    assert_eq!(problem(&answer)["code"], "service.unknown_conversation");
    // An id from a URL is the caller's: cut, and what a reader would not see written out.
    let hostile = format!("9:\u{202E}{}", "x".repeat(500));
    let message = NotStored::conversation(&hostile).to_string();
    assert!(message.contains("\\u{202e}"), "{message}");
    assert!(message.chars().count() < 100, "{message}");
}

#[test]
fn the_summary_says_what_each_conversation_did() {
    let now = t("2025-11-24T16:00:01Z");
    let m = |from: &str, id: &str| json!({"from": from, "id": id, "timestamp": "1764000000", "type": "text", "text": {"body": "hi"}});
    let body = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "W", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "1555", "phone_number_id": "9"},
            "contacts": [{"wa_id": "16315551002"}, {"wa_id": "16315551003"}],
            "messages": [m("16315551002", "wamid.A"), m("16315551003", "wamid.B"), m("16315551003", "wamid.B"),
                {"id": "wamid.X", "type": "text", "text": {"body": "no sender"}}],
            "statuses": [{"id": "wamid.OUT", "status": "read", "timestamp": "1764000000", "recipient_id": "16315551002"}]}}]},
        {"id": "W", "time": 1764000000, "changes": [{"field": "template_category_update", "value": {
            "message_template_id": 1, "message_template_name": "spring_sale", "message_template_language": "en_US", "new_category": "MARKETING"}}]}]})
    .to_string();
    let delivery = Inbox::unsigned()
        .receive(None, body.as_bytes(), &mut SeenIds::default(), now)
        .unwrap();
    // Bo's id holds Ana's conversation: Bo's events are refused, Ana's applied.
    let mut state = BTreeMap::new();
    let ana = Conversation::for_key(delivery.conversations[0].key.clone(), "c", "s");
    state.insert(delivery.conversations[1].key.id(), ana);
    let mut state = Memory(state);
    let outcomes = delivery
        .apply_to(&mut state, &Config::default(), ("c", "s"), now)
        .unwrap();
    let summary = delivery.summary(&outcomes);
    let value = serde_json::to_value(&summary).unwrap();
    assert_eq!(
        value["conversations"][0],
        json!({"id": "9:+16315551002", "applied": ["interaction", "status"]})
    );
    assert_eq!(value["conversations"][1]["id"], "9:+16315551003");
    assert_eq!(
        value["conversations"][1]["refused"]["code"],
        "conversation.other_key"
    );
    assert!(
        value["conversations"][1].get("applied").is_none(),
        "{value}"
    );
    assert_eq!(
        (
            &value["duplicates"],
            &value["account_events"],
            &value["invalid"]
        ),
        (&json!(1), &json!(1), &json!(1)),
        "{value}"
    );
    // It reads back.
    assert_eq!(serde_json::from_value::<Summary>(value).unwrap(), summary);
}

/// Conversations in memory (the account is not kept).
struct Memory(BTreeMap<String, Conversation>);

impl State for Memory {
    type Error = StoreError;
    fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, StoreError> {
        Ok(self.0.get(id).cloned())
    }
    fn put_conversation(&mut self, id: &str, c: &Conversation) -> Result<(), StoreError> {
        self.0.insert(id.to_owned(), c.clone());
        Ok(())
    }
    fn account(&mut self) -> Result<Account, StoreError> {
        Ok(Account::default())
    }
    fn put_account(&mut self, _: &Account) -> Result<(), StoreError> {
        Ok(())
    }
}

#[test]
fn a_remote_draft_is_read_strictly_and_names_no_file() {
    assert_eq!(
        Draft::from_remote_slice(br#"{"text": "Hi"}"#).unwrap(),
        Draft::Text("Hi".into())
    );
    let image =
        Draft::from_remote_slice(br#"{"image": {"link": "https://example.com/a.jpg"}}"#).unwrap();
    assert!(matches!(image, Draft::Message { .. }), "{image:?}");
    let path = Draft::from_remote_slice(br#"{"attachment": {"path": "/etc/passwd"}}"#).unwrap_err();
    assert_eq!(
        (path.code(), path.field(), path.http_status()),
        ("outbound.invalid_value", Some("attachment"), 400)
    );
    let twice = Draft::from_remote_slice(br#"{"text": "a", "text": "b"}"#).unwrap_err();
    assert_eq!(twice.code(), "json.duplicate_key");
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(DRAFT_MAX_BYTES));
    let e = Draft::from_remote_slice(big.as_bytes()).unwrap_err();
    assert_eq!(e.limit(), Some(DRAFT_MAX_BYTES as u64));
}
