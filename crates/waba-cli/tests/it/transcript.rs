//! `waba transcript` against the contract.

use serde_json::{Value, json};

use crate::{TempFile, waba};

const CUSTOMER: &str = "16315551002";

fn webhook(messages: Value, statuses: Value) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
            "messages": messages, "statuses": statuses}}]}]})
}

fn unix(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t)
        .unwrap()
        .timestamp()
        .to_string()
}

fn lines(v: &[Value]) -> Vec<u8> {
    v.iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

fn quick_reply_story() -> Vec<Value> {
    let template = json!({"name": "appointment", "language": "en_US", "components": [
        {"type": "BODY", "text": "Can you come on {{1}}?"},
        {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "No"}]}]});
    let payload = json!({"messaging_product": "whatsapp", "to": CUSTOMER, "type": "template",
        "template": {"name": "appointment", "language": {"code": "en_US"},
                     "components": [{"type": "body", "parameters": [{"type": "text", "text": "Monday"}]}]}});
    vec![
        json!({"webhook": webhook(json!([{"from": CUSTOMER, "id": "wamid.IN1", "timestamp": unix("2026-11-24T10:00:00Z"),
            "type": "text", "text": {"body": "Hi"}}]), json!([])), "at": "2026-11-24T10:00:01Z"}),
        json!({"sent": {"response": {"messaging_product": "whatsapp", "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
            "messages": [{"id": "wamid.N1"}]}, "at": "2026-11-24T10:01:00Z", "payload": payload, "template": template}}),
        json!({"webhook": webhook(json!([]), json!([{"id": "wamid.N1", "status": "delivered",
            "timestamp": unix("2026-11-24T10:01:05Z"), "recipient_id": CUSTOMER}]))}),
        json!({"webhook": webhook(json!([{"from": CUSTOMER, "id": "wamid.R1", "timestamp": unix("2026-11-24T10:02:00Z"),
            "context": {"id": "wamid.N1"}, "type": "button", "button": {"payload": "No", "text": "No"}}]), json!([])),
            "at": "2026-11-24T10:04:00Z"}),
    ]
}

#[test]
fn entries_with_status_preview_and_the_reply_tied_to_its_notification() {
    let run = waba(&["transcript"], &lines(&quick_reply_story()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["older"], false);
    let e = doc["entries"].as_array().unwrap();
    let kinds: Vec<&str> = e.iter().map(|x| x["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["session_start", "inbound", "notification", "inbound"]
    );
    for x in e {
        assert!(x.get("id").is_some() && x["at"].is_string(), "{x}");
    }
    assert_eq!(e[1]["origin"], "2026-11-24T10:00:00Z");
    assert_eq!(e[2]["id"], "wamid.N1");
    assert_eq!(e[2]["status"], "delivered");
    assert_eq!(e[2]["preview"], "Can you come on Monday?\n[Yes]\n[No]");
    // Arrived two minutes after it was sent: delayed (message-delay-timespan 60 s by default).
    assert_eq!(
        (e[3]["delayed"].clone(), e[3]["out_of_order"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(
        e[3]["reply_to"],
        json!({"id": "wamid.N1", "option": {"index": 1, "id": "No", "title": "No"}})
    );
}

#[test]
fn an_unknown_message_gives_an_unresolved_reply() {
    let story = vec![
        json!({"webhook": webhook(json!([{"from": CUSTOMER, "id": "wamid.R1", "timestamp": unix("2026-11-24T10:02:00Z"),
        "context": {"id": "wamid.GONE"}, "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": "yes", "title": "Yes"}}}]), json!([]))}),
    ];
    let run = waba(&["transcript"], &lines(&story));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.json()["entries"][1]["reply_to"],
        json!({"id": "wamid.GONE", "unresolved": true})
    );
}

#[test]
fn pages_go_back_by_transcript_interactions_count_messages() {
    let mut story = Vec::new();
    for (i, at) in [
        "2026-11-20T10:00:00Z",
        "2026-11-21T10:00:00Z",
        "2026-11-22T10:00:00Z",
        "2026-11-24T10:00:00Z",
    ]
    .iter()
    .enumerate()
    {
        story.push(json!({"webhook": webhook(json!([{"from": CUSTOMER, "id": format!("wamid.{i}"), "timestamp": unix(at),
            "type": "text", "text": {"body": "hello"}}]), json!([]))}));
    }
    let opts = TempFile::with(
        br#"{"whatsappsession.transcript-interactions-count": "2"}"#,
        ".json",
    );
    let ids = |doc: &Value| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["kind"] == "inbound")
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let run = waba(&["transcript", "--options", opts.path()], &lines(&story));
    let doc = run.json();
    assert_eq!(ids(&doc), ["wamid.1", "wamid.2", "wamid.3"]);
    assert_eq!(doc["older"], true);
    let run = waba(
        &["transcript", "--options", opts.path(), "--page", "1"],
        &lines(&story),
    );
    let doc = run.json();
    assert_eq!(ids(&doc), ["wamid.0"]);
    assert_eq!(doc["older"], false);
}

#[test]
fn a_failed_status_is_an_error_entry_with_metas_reason() {
    let story = vec![
        json!({"sent": {"id": "wamid.OUT", "at": "2026-11-24T10:00:00Z",
            "payload": {"messaging_product": "whatsapp", "to": CUSTOMER, "type": "text", "text": {"body": "Hello"}}}}),
        json!({"webhook": webhook(json!([]), json!([{"id": "wamid.OUT", "status": "failed", "timestamp": unix("2026-11-24T10:00:03Z"),
            "recipient_id": CUSTOMER, "errors": [{"code": 131047, "title": "Re-engagement message"}]}]))}),
    ];
    let run = waba(&["transcript"], &lines(&story));
    let doc = run.json();
    let e = doc["entries"].as_array().unwrap();
    assert_eq!(e[1]["status"], "failed");
    assert_eq!(e[2]["kind"], "error");
    assert_eq!(
        (e[2]["code"].clone(), e[2]["title"].clone()),
        (json!(131047), json!("Re-engagement message"))
    );
}

#[test]
fn a_bad_line_is_exit_2_naming_it() {
    let story = vec![
        json!({"webhook": webhook(json!([]), json!([]))}),
        json!({"nothing": 1}),
    ];
    let run = waba(&["transcript"], &lines(&story));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    let run = waba(&["transcript"], b"not json\n");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("line 1"));
}
