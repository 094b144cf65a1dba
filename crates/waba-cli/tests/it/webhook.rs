//! `waba webhook` against the contract.

use serde_json::{Value, json};

use crate::waba;

/// The pywa corpus (the model's fixture copy): one JSON object of named payloads per file.
const PYWA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../waba-model/tests/it/fixtures/pywa"
);

/// One file of the pywa corpus, parsed.
fn corpus_file(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn corpus_case(file: &str, case: &str) -> String {
    let all = corpus_file(&std::path::Path::new(PYWA).join(file));
    serde_json::to_string(&all[case]).unwrap()
}

/// Every payload of the pywa corpus, named `file/case`, file by file in the folder's order.
fn corpus_payloads() -> Vec<(String, Value)> {
    let mut payloads = Vec::new();
    for entry in std::fs::read_dir(PYWA).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        for (case, body) in corpus_file(&path).as_object().unwrap() {
            payloads.push((format!("{}/{case}", path.display()), body.clone()));
        }
    }
    payloads
}

#[test]
fn text_message_becomes_an_interaction() {
    let body = corpus_case("message.json", "text");
    let run = waba(
        &["webhook", "--channel", "channel-ghub", "--server", "DMS1"],
        body.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    let ix = &out["interactions"][0];
    let a = &ix["attributes"];
    for (key, value) in [
        ("_umsChannel", "channel-ghub"),
        ("_umsInboundIxnSubmittedBy", "DMS1"),
        ("_umsMediaType", "whatsapp"),
        ("_umsMediaTypeChat", "whatsappsession"),
    ]
    .into_iter()
    .chain(waba_testkit::TEXT_MESSAGE_ATTRIBUTES)
    {
        assert_eq!(a[key], value, "{key}");
    }
    let original: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        ix["message"],
        original["entry"][0]["changes"][0]["value"]["messages"][0]
    );
    assert_eq!(out["statuses"], json!([]));
    assert_eq!(out["errors"], json!([]));
    // Attributes come in the guide's order.
    let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
    assert!(!keys.is_empty());
    let pos = |k: &str| run.stdout.find(k).unwrap();
    assert!(pos("_umsInboundIxnSubmittedBy") < pos("_umsChannel"));
    assert!(pos("_umsChannel\"") < pos("PhoneNumber"));
    assert!(pos("PhoneNumber") < pos("Subject"));
}

#[test]
fn every_corpus_payload_is_read() {
    let mut interactions = 0;
    for (case, body) in corpus_payloads() {
        let run = waba(&["webhook"], body.to_string().as_bytes());
        assert_eq!(run.code, 0, "{case}: {}", run.stdout);
        let out = run.json();
        // Only errors Meta sent (numeric codes), never an unreadable element.
        for e in out["errors"].as_array().unwrap() {
            assert!(e["code"].is_number(), "{case}: {e}");
        }
        interactions += out["interactions"].as_array().unwrap().len();
        let messages = &body["entry"][0]["changes"][0]["value"]["messages"];
        if let Some(ms) = messages.as_array() {
            for (i, m) in ms.iter().enumerate() {
                assert_eq!(&out["interactions"][i]["message"], m, "{case}");
            }
        }
    }
    assert!(interactions >= 30);
}

#[test]
fn statuses_with_errors() {
    let run = waba(
        &["webhook"],
        corpus_case("message_status.json", "failed").as_bytes(),
    );
    assert_eq!(run.code, 0);
    let s = &run.json()["statuses"][0];
    assert_eq!(s["id"], "wamid.xyzxyz");
    assert_eq!(s["status"], "failed");
    assert_eq!(s["timestamp"], "2023-07-15T00:20:58Z");
    assert_eq!(s["recipient_id"], "972987654321");
    assert_eq!(s["errors"][0]["code"], 130472);
    assert_eq!(
        s["errors"][0]["title"],
        "User's number is part of an experiment"
    );

    let body = json!({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "statuses":[{"id":"wamid.Q","status":"failed","timestamp":"1700000000","recipient_id":"16315551002",
        "errors":[{"code":131047,"title":"Re-engagement message"}]}]}}]}]});
    let out = waba(&["webhook"], body.to_string().as_bytes()).json();
    assert_eq!(out["statuses"][0]["closes_window"], true);
}

#[test]
fn legacy_shape() {
    let body = json!({"contacts":[{"profile":{"name":"Kerry"},"wa_id":"16315551234"}],
        "messages":[{"from":"16315551234","id":"ABGGFlA5FpafAgo6EhgfhXtTbTqI","timestamp":"1518694235",
        "type":"voice","voice":{"id":"463e4d4f-c1c0-4e4b-9a8b-5c4c2a3e3d2f","mime_type":"audio/ogg; codecs=opus","sha256":"fa9e1807d936b7cebe63654ea3a7912b1fa9479220258d823590521ef53b0710"}}]});
    let run = waba(&["webhook"], body.to_string().as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["shape"], "legacy");
    let a = &out["interactions"][0]["attributes"];
    assert_eq!(a["_umsMsgType"], "voice");
    assert_eq!(a["Subject"], "Voice message");
    assert_eq!(a["_umsMsgOriginTime"], "2018-02-15T11:30:35Z");
    assert!(a.get("_umsToAddr").is_none());
    assert_eq!(out["interactions"][0]["message"], body["messages"][0]);
}

#[test]
fn one_bad_message_does_not_drop_the_others() {
    let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "messages":[{"from":"16315551002","id":"wamid.1","timestamp":"1697043223000","type":"text","text":{"body":"ms"}},
                    {"from":"16315551002","id":12345678901234567890123,"timestamp":"1697043223","type":"text","text":{"body":"bad id"}},
                    {"from":"16315551002","id":"wamid.3","timestamp":"1697043223","type":"pool","pool":{"n":100000000000000000000000000000001}}]}}]}]}"#;
    let run = waba(&["webhook"], body.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["interactions"].as_array().unwrap().len(), 2);
    assert_eq!(
        out["interactions"][0]["timestamp_error"]["code"],
        "webhook.timestamp_milliseconds"
    );
    assert!(
        out["interactions"][0]["attributes"]
            .get("_umsMsgOriginTime")
            .is_none()
    );
    assert_eq!(out["errors"][0]["code"], "webhook.invalid_message");
    // The unknown type comes back exactly, its 33-digit number included.
    assert!(
        run.stdout
            .contains(r#""pool":{"n":100000000000000000000000000000001}"#)
    );
    assert!(run.stdout.contains(r#""id":12345678901234567890123"#));
}

#[test]
fn refusals_and_usage_errors() {
    for (body, code) in [
        ("[]", "webhook.not_an_object"),
        ("null", "webhook.not_an_object"),
        ("{}", "webhook.unrecognized_shape"),
        (r#"{"object":"page","entry":[]}"#, "webhook.not_whatsapp"),
        (
            r#"{"object":"whatsapp_business_account","entry":{"id":1}}"#,
            "webhook.malformed",
        ),
    ] {
        let run = waba(&["webhook"], body.as_bytes());
        assert_eq!(run.code, 1, "{body}");
        assert_eq!(run.json()["error"]["code"], code, "{body}");
    }
    let deep = "[".repeat(100_000);
    let run = waba(&["webhook"], deep.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["error"]["code"], "webhook.too_deep");
    assert_eq!(run.json()["error"]["limit"], 128);

    let big = format!(
        r#"{{"messages":[{{"text":{{"body":"{}"}}}}]}}"#,
        "a".repeat(2 << 20)
    );
    let run = waba(&["webhook"], big.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["error"]["code"], "webhook.too_large");
    assert_eq!(run.json()["error"]["limit"], 1_048_576);

    for body in ["", "not json", "\u{feff}{}"] {
        let run = waba(&["webhook"], body.as_bytes());
        assert_eq!(run.code, 2, "{body:?}");
        assert_eq!(run.stderr.lines().count(), 1);
    }
}

const TWO_CUSTOMERS: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
  "metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
  "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"},{"profile":{"name":"Bo"},"wa_id":"16315551003"}],
  "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1764000000","type":"text","text":{"body":"Hi"}},
              {"from":"16315551003","id":"wamid.B","timestamp":"1764000001","type":"text","text":{"body":"Yo"}}],
  "statuses":[{"id":"wamid.OUT","status":"failed","timestamp":"1764000002","recipient_id":"16315551003","errors":[{"code":131047}]}]}},
  {"field":"message_template_status_update","value":{"event":"PAUSED","message_template_id":1,"message_template_name":"n","message_template_language":"en_US"}}]}]}"#;

#[test]
fn conversations_and_account_events() {
    let run = waba(&["webhook"], TWO_CUSTOMERS.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["duplicates"], 0);
    let convs = out["conversations"].as_array().unwrap();
    assert_eq!(convs.len(), 2);
    assert_eq!(convs[0]["business"], "9");
    assert_eq!(convs[0]["customer"], "+16315551002");
    assert_eq!(
        convs[0]["events"],
        json!([{"kind": "message", "id": "wamid.A", "type": "text", "timestamp": "2025-11-24T16:00:00Z"}])
    );
    assert_eq!(convs[1]["customer"], "+16315551003");
    let kinds = crate::text_of_each(&convs[1]["events"], "kind");
    assert_eq!(kinds, ["message", "status"]);
    assert_eq!(convs[1]["events"][1]["status"], "failed");
    let acc = &out["account_events"][0];
    assert_eq!(acc["kind"], "template_status");
    assert_eq!(acc["field"], "message_template_status_update");
    assert_eq!(acc["value"]["event"], "PAUSED");
    // The existing keys are as before.
    assert_eq!(out["interactions"].as_array().unwrap().len(), 2);
    assert_eq!(out["statuses"].as_array().unwrap().len(), 1);
}

#[test]
fn every_corpus_body_lands_in_conversations_or_account_events() {
    for (case, body) in corpus_payloads() {
        let run = waba(&["webhook"], body.to_string().as_bytes());
        assert_eq!(run.code, 0, "{case}: {}", run.stderr);
        let out = run.json();
        let n = out["conversations"].as_array().unwrap().len()
            + out["account_events"].as_array().unwrap().len();
        // A group message's status names no customer: it stays in `statuses` only.
        let group = out["statuses"][0]["recipient_id"] == "fowefinoewcnw";
        assert!(
            n > 0 || group,
            "{case}: nothing in conversations or account_events"
        );
        for a in out["account_events"].as_array().unwrap() {
            let kind = a["kind"].as_str().unwrap();
            assert!(
                [
                    "template_status",
                    "template_quality",
                    "template_category",
                    "template_components",
                    "account"
                ]
                .contains(&kind),
                "{case}: {kind}"
            );
        }
    }
}

#[test]
fn seen_file_drops_redeliveries() {
    let seen = crate::TempFile::with(b"", ".seen");
    std::fs::remove_file(&seen.0).unwrap();
    let first = waba(
        &["webhook", "--seen", seen.path()],
        TWO_CUSTOMERS.as_bytes(),
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.json()["duplicates"], 0);
    assert!(seen.0.exists(), "the seen file is created");
    let second = waba(
        &["webhook", "--seen", seen.path()],
        TWO_CUSTOMERS.as_bytes(),
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    let out = second.json();
    assert_eq!(out["interactions"], json!([]));
    assert_eq!(out["statuses"], json!([]));
    assert_eq!(out["conversations"], json!([]));
    assert_eq!(out["duplicates"], 3);
    // Account events have no id: they are shown again (applying them twice changes nothing).
    assert_eq!(out["account_events"].as_array().unwrap().len(), 1);
    let garbage = crate::TempFile::with(b"not json", ".seen");
    assert_eq!(
        waba(
            &["webhook", "--seen", garbage.path()],
            TWO_CUSTOMERS.as_bytes()
        )
        .code,
        2
    );
}

#[test]
fn app_secret_file_authenticates_before_parsing() {
    // HMAC-SHA256 of TWO_CUSTOMERS with "second-secret", computed by the library's own signer is
    // not an oracle: the vectors of waba-model's tests are; here the point is the command's flow.
    let secrets = crate::TempFile::with(b"first-secret\n\n  second-secret  \n", ".txt");
    let good = ::waba::model::signature::AppSecrets::new(["second-secret"])
        .unwrap()
        .sign(TWO_CUSTOMERS.as_bytes());
    let run = waba(
        &[
            "webhook",
            "--app-secret-file",
            secrets.path(),
            "--signature",
            &good,
        ],
        TWO_CUSTOMERS.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (sig, code) in [
        (None, "webhook.signature_missing"),
        (Some(""), "webhook.signature_missing"),
        (Some("sha256=xyz"), "webhook.signature_malformed"),
        (good.strip_prefix("sha256="), "webhook.signature_malformed"),
        (
            Some("sha256=0000000000000000000000000000000000000000000000000000000000000000"),
            "webhook.signature_mismatch",
        ),
    ] {
        let mut args = vec!["webhook", "--app-secret-file", secrets.path()];
        if let Some(s) = sig {
            args.extend(["--signature", s]);
        }
        // A forged body that is not even JSON: refused as unauthenticated, never parsed.
        let run = waba(&args, b"not json at all");
        assert_eq!(run.code, 1, "{sig:?}: {}", run.stderr);
        let out = run.json();
        assert_eq!(out["error"]["code"], code, "{sig:?}");
        assert_eq!(out.as_object().unwrap().len(), 1, "the error object alone");
    }
    let missing = waba(
        &[
            "webhook",
            "--app-secret-file",
            "/nonexistent/secret",
            "--signature",
            &good,
        ],
        TWO_CUSTOMERS.as_bytes(),
    );
    assert_eq!(missing.code, 2);
}

#[test]
fn subscribe_handshake() {
    let token = crate::TempFile::with(b"my token\n", ".txt");
    let run = waba(
        &[
            "subscribe",
            "--query",
            "hub.mode=subscribe&hub.verify_token=my+token&hub.challenge=1158201444",
            "--verify-token-file",
            token.path(),
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json(), json!({"challenge": "1158201444"}));
    for (query, code, field) in [
        (
            "hub.verify_token=my%20token&hub.challenge=1",
            "webhook.subscribe_missing",
            Some("hub.mode"),
        ),
        (
            "hub.mode=subscribe&hub.challenge=1",
            "webhook.subscribe_missing",
            Some("hub.verify_token"),
        ),
        (
            "hub.mode=subscribe&hub.verify_token=my+token",
            "webhook.subscribe_missing",
            Some("hub.challenge"),
        ),
        (
            "hub.mode=unsubscribe&hub.verify_token=my+token&hub.challenge=1",
            "webhook.subscribe_mode",
            None,
        ),
        (
            "hub.mode=subscribe&hub.verify_token=my+tokens&hub.challenge=1",
            "webhook.subscribe_token_mismatch",
            None,
        ),
    ] {
        let run = waba(
            &[
                "subscribe",
                "--query",
                query,
                "--verify-token-file",
                token.path(),
            ],
            b"",
        );
        assert_eq!(run.code, 1, "{query}");
        let out = run.json();
        assert_eq!(out["error"]["code"], code, "{query}");
        if let Some(f) = field {
            assert_eq!(out["error"]["field"], f, "{query}");
        }
    }
    let run = waba(
        &[
            "subscribe",
            "--query",
            "x",
            "--verify-token-file",
            "/nonexistent",
        ],
        b"",
    );
    assert_eq!(run.code, 2);
}
