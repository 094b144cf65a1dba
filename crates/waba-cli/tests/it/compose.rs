//! `waba compose` against the contract: send, notification, refused; exit codes.

use serde_json::json;

use crate::{TempFile, waba_at};

const LAST: &str = "2026-11-23T10:00:00Z";
const IN_WINDOW: &str = "2026-11-23T11:00:00Z";
const LATE: &str = "2026-11-24T10:00:00Z"; // exactly 24 h later: closed

/// Runs `waba compose` for a customer last heard at `LAST`, at `now`, with `extra` arguments.
fn compose(now: &str, extra: &[&str], draft: &[u8]) -> crate::Run {
    waba_at("compose", LAST, now, extra, draft)
}

fn options_file(json: &str) -> TempFile {
    TempFile::with(json.as_bytes(), ".json")
}

const NOTIFY: &str = r#"{"whatsappsession.default-notification-text": "Thank you for your patience! {{1}}",
  "whatsappsession.default-notification-id": "patience_notice",
  "whatsappsession.default-notification-language": "en_US"}"#;

#[test]
fn in_window_text_is_sent_to_the_customer() {
    let run = compose(
        IN_WINDOW,
        &["--to", "+16315551002"],
        br#"{"text": "Hello"}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["decision"], "send");
    assert_eq!(v["payload"]["type"], "text");
    assert_eq!(v["payload"]["text"]["body"], "Hello");
    assert_eq!(v["payload"]["to"], "16315551002");
    assert_eq!(v["payload"]["messaging_product"], "whatsapp");
}

#[test]
fn without_to_the_payload_has_no_recipient_and_a_bsuid_goes_to_recipient() {
    let v = compose(IN_WINDOW, &[], br#"{"text": "Hello"}"#).json();
    assert!(
        v["payload"].get("to").is_none() && v["payload"].get("recipient").is_none(),
        "{v}"
    );
    let v = compose(
        IN_WINDOW,
        &["--to", "US.13491208655302741918"],
        br#"{"text": "Hi"}"#,
    )
    .json();
    assert_eq!(v["payload"]["recipient"], "US.13491208655302741918");
}

#[test]
fn late_text_becomes_the_notification() {
    let opts = options_file(NOTIFY);
    let run = compose(
        LATE,
        &["--options", opts.path()],
        br#"{"text": "We recommend rebooting your device to resolve the issue"}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["decision"], "notification");
    assert_eq!(
        v["preview"],
        "Thank you for your patience! We recommend rebooting your device to resolve the issue"
    );
    assert_eq!(v["payload"]["type"], "template");
    assert_eq!(v["payload"]["template"]["name"], "patience_notice");
    assert_eq!(v["payload"]["template"]["language"]["code"], "en_US");
}

#[test]
fn one_second_before_the_close_is_still_send() {
    let opts = options_file(NOTIFY);
    let v = compose(
        "2026-11-24T09:59:59Z",
        &["--options", opts.path()],
        br#"{"text": "x"}"#,
    )
    .json();
    assert_eq!(v["decision"], "send");
}

#[test]
fn late_text_without_notification_is_refused_131047() {
    let run = compose(LATE, &[], br#"{"text": "late"}"#);
    assert_eq!(run.code, 1);
    let v = run.json();
    assert_eq!(v["decision"], "refused");
    assert_eq!(v["error"]["code"], "window.closed");
    assert_eq!(v["error"]["meta_code"], 131047);
    assert!(v["error"]["message"].as_str().unwrap().len() > 10);
}

#[test]
fn text_over_the_byte_budget_is_refused_with_numbers() {
    let opts = options_file(r#"{"whatsappsession.max-text-message-size": "5"}"#);
    let run = compose(
        IN_WINDOW,
        &["--options", opts.path()],
        "{\"text\": \"héllo\"}".as_bytes(),
    );
    assert_eq!(run.code, 1);
    let v = run.json();
    assert_eq!(
        (v["error"]["limit"].as_u64(), v["error"]["actual"].as_u64()),
        (Some(5), Some(6)),
        "{v}"
    );
}

#[test]
fn interactive_rules_and_the_window() {
    let good = br#"{"interactive": {"type": "button", "body": {"text": "Pick"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": "A"}}]}}}"#;
    let v = compose(IN_WINDOW, &[], good).json();
    assert_eq!(v["decision"], "send", "{v}");
    assert_eq!(
        v["payload"]["interactive"]["action"]["buttons"][0]["reply"]["id"],
        "a"
    );
    // Late: interactive messages cannot become notifications.
    let opts = options_file(NOTIFY);
    let run = compose(LATE, &["--options", opts.path()], good);
    assert_eq!(
        (run.code, run.json()["error"]["meta_code"].as_u64()),
        (1, Some(131047))
    );
    // A 21-character title breaks Meta's rule.
    let bad = br#"{"interactive": {"type": "button", "body": {"text": "Pick"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": "ABCDEFGHIJKLMNOPQRSTU"}}]}}}"#;
    let run = compose(IN_WINDOW, &[], bad);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["error"]["limit"], 20);
}

#[test]
fn templates_go_even_when_the_window_is_closed() {
    let run = compose(
        "2026-12-01T00:00:00Z",
        &[],
        br#"{"template": {"name": "hello_world", "language": {"code": "en_US"}}}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["payload"]["template"]["name"], "hello_world");
}

#[test]
fn attachments_are_judged_from_their_bytes() {
    let file = TempFile::with(
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
        ".pdf",
    );
    let pdf = &file.0;
    let draft = format!(
        r#"{{"attachment": {{"path": "{}", "mime": "application/pdf"}}}}"#,
        pdf.display()
    );
    let v = compose(IN_WINDOW, &[], draft.as_bytes()).json();
    assert_eq!(v["decision"], "send", "{v}");
    assert_eq!(v["payload"]["type"], "document");
    assert!(
        v["payload"]["document"]["filename"]
            .as_str()
            .unwrap()
            .ends_with(".pdf")
    );
    // Declared as an image: refused, naming all three.
    let draft = format!(
        r#"{{"attachment": {{"path": "{}", "mime": "image/jpeg"}}}}"#,
        pdf.display()
    );
    let run = compose(IN_WINDOW, &[], draft.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["error"]["code"], "attachment.type_mismatch");
    // Without canSendFiles: refused.
    let draft = format!(
        r#"{{"attachment": {{"path": "{}", "mime": "application/pdf"}}}}"#,
        pdf.display()
    );
    let run = compose(
        IN_WINDOW,
        &["--permissions", "InteractionWorkspace.WhatsApp.canUse"],
        draft.as_bytes(),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.json()["error"]["field"],
        "InteractionWorkspace.WhatsApp.canSendFiles"
    );
}

#[test]
fn usage_errors_exit_2() {
    for (last, extra, stdin) in [
        ("yesterday", &[][..], &b"{\"text\":\"x\"}"[..]),
        (LAST, &[], &b"not json"[..]),
        (LAST, &[], &b"{\"fax\":\"x\"}"[..]),
        (
            LAST,
            &["--options", "/nonexistent/options.json"],
            &b"{\"text\":\"x\"}"[..],
        ),
        (
            LAST,
            &["--permissions", "canEverything"],
            &b"{\"text\":\"x\"}"[..],
        ),
    ] {
        let run = waba_at("compose", last, IN_WINDOW, extra, stdin);
        assert_eq!(run.code, 2, "{last} {extra:?}: {}", run.stdout);
        assert!(!run.stderr.is_empty(), "{last} {extra:?}");
    }
}

#[test]
fn a_bad_option_value_is_exit_2_naming_the_option() {
    // A bad value is a usage error; an unknown option is only warned about. Both are named.
    for (options, code, named) in [
        (
            r#"{"whatsappsession.free-msg-timespan": "tomorrow"}"#,
            2,
            "whatsappsession.free-msg-timespan",
        ),
        (
            r#"{"whatsappsession.unheard-of": "1"}"#,
            0,
            "whatsappsession.unheard-of",
        ),
    ] {
        let opts = options_file(options);
        let run = compose(IN_WINDOW, &["--options", opts.path()], br#"{"text": "x"}"#);
        assert_eq!(run.code, code, "{options}");
        assert!(run.stderr.contains(named), "{options}: {}", run.stderr);
    }
}

/// Meta's own send examples (the model's fixture copy of `shared/corpus/meta-openapi`).
fn meta_examples() -> serde_json::Map<String, serde_json::Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../waba-model/tests/it/fixtures/meta-openapi/send-examples.json");
    let text = std::fs::read_to_string(path).unwrap();
    match serde_json::from_str(&text).unwrap() {
        serde_json::Value::Object(map) => map,
        _ => panic!("not an object"),
    }
}

#[test]
fn every_meta_example_is_sent_as_it_came() {
    let mut sent = 0;
    for (name, body) in meta_examples() {
        let run = compose(IN_WINDOW, &[], body.to_string().as_bytes());
        let doc = run.json();
        let placeholder = body["to"].as_str().is_some_and(|t| t.starts_with('{'));
        let yaml_booleans = name == "Send Sample Issue Resolution Template";
        let read_receipt = body.get("status").is_some();
        if placeholder || yaml_booleans || read_receipt {
            // Not a body Meta would send (see the model's test): refused with a typed error.
            assert_eq!(run.code, 1, "{name}");
            assert_eq!(doc["decision"], "refused", "{name}");
            assert!(doc["error"]["field"].is_string(), "{name}: {doc}");
            continue;
        }
        assert_eq!(
            (run.code, &doc["decision"]),
            (0, &json!("send")),
            "{name}: {doc}"
        );
        assert_eq!(doc["payload"], body, "{name}");
        sent += 1;
    }
    assert_eq!(sent, 46);
}

#[test]
fn an_unknown_key_or_type_anywhere_is_refused_with_its_path() {
    for (draft, code, field) in [
        (
            json!({"interactive": {"type": "button", "body": {"text": "Pick"}, "action": {"buttons": [
                {"type": "reply", "reply": {"id": "1", "title": "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTT", "x": 1}},
                {"type": "reply", "reply": {"id": "1", "title": "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTT"}}]}}}),
            "outbound.unknown_key",
            "interactive.action.buttons[0].reply.x",
        ),
        (
            json!({"interactive": {"type": "carousel_v9", "body": {"text": "a"}, "action": {}}}),
            "outbound.unknown_type",
            "interactive.type",
        ),
        (
            json!({"interactive": {"type": "list", "body": {"text": "a"}, "action": {"button": "b"}}}),
            "outbound.missing_field",
            "interactive.action.sections",
        ),
        (
            json!({"template": {"name": "t", "language": {"code": "en"}, "components": [
                {"type": "body", "parameters": [{"type": "text", "text": "a\nb", "x": 1}]}]}}),
            "outbound.unknown_key",
            "template.components[0].parameters[0].x",
        ),
        (
            json!({"interactive": {"type": "button", "body": {"text": "a"}, "action": {"buttons": [
                {"type": "reply", "reply": {"id": "1", "title": "A"}}]}}, "attachment_changed": "yes"}),
            "outbound.wrong_type",
            "attachment_changed",
        ),
    ] {
        let run = compose(IN_WINDOW, &[], draft.to_string().as_bytes());
        assert_eq!(run.code, 1, "{draft}");
        let doc = run.json();
        assert_eq!(doc["decision"], "refused");
        assert_eq!(
            (
                doc["error"]["code"].as_str(),
                doc["error"]["field"].as_str()
            ),
            (Some(code), Some(field)),
            "{doc}"
        );
        assert!(doc["error"]["meta_code"].is_u64(), "{doc}");
    }
}
