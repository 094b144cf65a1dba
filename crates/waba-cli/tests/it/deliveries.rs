//! `waba deliveries` as the contract says: JSON lines in; deliveries in the order sent, statuses
//! merged forward only; orphans; exit 2 naming a bad line.

use serde_json::{Value, json};

use crate::waba;

fn sent(id: &str, at: &str) -> String {
    json!({"sent": {"id": id, "at": at, "payload": {"messaging_product": "whatsapp",
        "to": "16315551002", "type": "text", "text": {"body": "Your order shipped"}}}})
    .to_string()
}

fn status(id: &str, status: &str, ts: u64, extra: Value) -> Value {
    let mut s = json!({"id": id, "status": status, "timestamp": ts.to_string(),
        "recipient_id": "16315551002"});
    if let (Value::Object(m), Value::Object(e)) = (&mut s, extra) {
        m.extend(e);
    }
    s
}

fn hook(statuses: Vec<Value>) -> String {
    json!({"webhook": {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "15550001111", "phone_number_id": "9"},
         "statuses": statuses}}]}]}})
    .to_string()
}

fn pmp() -> Value {
    json!({"pricing": {"billable": true, "pricing_model": "PMP", "category": "utility", "type": "regular"}})
}

fn run_lines(lines: &[String]) -> crate::Run {
    waba(&["deliveries"], (lines.join("\n") + "\n").as_bytes())
}

#[test]
fn out_of_order_and_repeated_statuses_end_as_in_order() {
    let s_sent = status("wamid.A", "sent", 1_795_000_001, pmp());
    let s_delivered = status("wamid.A", "delivered", 1_795_000_002, json!({}));
    let s_read = status("wamid.A", "read", 1_795_000_003, json!({}));
    let in_order = run_lines(&[
        sent("wamid.A", "2026-11-18T11:06:40Z"),
        hook(vec![s_sent.clone()]),
        hook(vec![s_delivered.clone()]),
        hook(vec![s_read.clone()]),
    ]);
    let shuffled = run_lines(&[
        sent("wamid.A", "2026-11-18T11:06:40Z"),
        hook(vec![s_read.clone(), s_delivered.clone()]),
        hook(vec![s_sent.clone(), s_read]),
        hook(vec![s_delivered]),
    ]);
    assert_eq!(in_order.code, 0, "{}", in_order.stderr);
    assert_eq!(shuffled.code, 0, "{}", shuffled.stderr);
    assert_eq!(in_order.json(), shuffled.json());
    let d = &in_order.json()["deliveries"][0];
    assert_eq!(d["id"], "wamid.A");
    assert_eq!(d["to"], "16315551002");
    assert_eq!(d["status"], "read");
    assert_eq!(d["updated_at"], "2026-11-18T11:06:43Z");
    assert_eq!(d["errors"], json!([]));
    // Pricing kept from the status that carried it (`sent`), though `read` came later.
    assert_eq!(d["pricing"]["pricing_model"], "PMP");
    assert_eq!(d["pricing"]["type"], "regular");
}

#[test]
fn ids_from_meta_answers_order_sent_and_orphans() {
    let answer = json!({"sent": {"at": "2026-11-18T11:00:00Z",
        "response": {"messaging_product": "whatsapp",
            "contacts": [{"input": "16315551002", "wa_id": "16315551002"}],
            "messages": [{"id": "wamid.R", "message_status": "accepted"}]},
        "payload": {"messaging_product": "whatsapp", "to": "16315551002", "type": "template",
            "template": {"name": "order_update", "language": {"code": "en_US"}}}}});
    let failed = status(
        "wamid.B",
        "failed",
        1_795_000_005,
        json!({"errors": [{"code": 131049, "title": "This message was not delivered to maintain healthy ecosystem engagement"}]}),
    );
    let run = run_lines(&[
        sent("wamid.B", "2026-11-18T10:00:00Z"),
        answer.to_string(),
        hook(vec![
            status("wamid.X", "delivered", 1_795_000_009, json!({})),
            failed,
        ]),
        hook(vec![status("wamid.B", "sent", 1_795_000_004, json!({}))]),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    let ids = crate::text_of_each(&out["deliveries"], "id");
    assert_eq!(ids, ["wamid.B", "wamid.R"]);
    let b = &out["deliveries"][0];
    assert_eq!(b["status"], "failed");
    assert_eq!(b["errors"][0]["code"], 131_049);
    assert_eq!(b["errors"][0]["class"], "marketing_limit");
    let r = &out["deliveries"][1];
    assert_eq!(
        (r["status"].as_str(), r["pricing"].is_null()),
        (Some("accepted"), true)
    );
    assert_eq!(r["template"], "order_update");
    let orphans = out["orphans"].as_array().unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(
        (orphans[0]["id"].as_str(), orphans[0]["status"].as_str()),
        (Some("wamid.X"), Some("delivered"))
    );
}

#[test]
fn a_bad_line_is_a_usage_error_naming_it() {
    for (bad, what) in [
        ("{\"foo\": 1}", "neither"),
        ("not json", "not JSON"),
        ("{\"sent\": {\"id\": \"wamid.A\"}}", "at"),
        ("{\"sent\": {\"at\": \"2026-11-18T10:00:00Z\"}}", "id"),
        ("{\"webhook\": {\"object\": \"page\"}}", "webhook"),
    ] {
        let run = run_lines(&[sent("wamid.A", "2026-11-18T10:00:00Z"), bad.to_owned()]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("line 2"), "{bad}: {}", run.stderr);
        assert!(run.stderr.contains(what), "{bad}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // Blank lines are skipped; an empty input gives empty lists.
    let run = waba(&["deliveries"], b"\n\n");
    assert_eq!(run.json(), json!({"deliveries": [], "orphans": []}));
}
