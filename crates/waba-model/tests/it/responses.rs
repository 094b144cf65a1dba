//! Meta's answers to sends: every answer of Meta's own examples parses and round-trips; error
//! bodies keep code, subcode, details and trace id; `biz_opaque_callback_data` on send bodies.

use serde_json::{Value, json};
use waba_error::WabaError;
use waba_model::*;

fn corpus() -> serde_json::Map<String, Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/meta-openapi/send-responses.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let Value::Object(map) = serde_json::from_str(&text).unwrap() else {
        panic!("not an object")
    };
    map
}

#[test]
fn every_meta_answer_parses_and_round_trips() {
    let answers = corpus();
    assert!(answers.len() >= 40, "corpus missing: {}", answers.len());
    let mut accepted = 0;
    for (name, value) in answers {
        let text = serde_json::to_string_pretty(&value).unwrap();
        let parsed = SendResponse::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back: Value = serde_json::from_str(&parsed.to_json_string().unwrap()).unwrap();
        assert_eq!(back, value, "{name}");
        match parsed.outcome() {
            SendOutcome::Accepted { id, .. } => {
                assert_eq!(Some(id), value["messages"][0]["id"].as_str(), "{name}");
                assert_eq!(
                    parsed.wa_id(),
                    value["contacts"][0]["wa_id"].as_str(),
                    "{name}"
                );
                accepted += 1;
            }
            SendOutcome::Success(true) => assert_eq!(value, json!({"success": true}), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert!(accepted >= 40);
}

#[test]
fn message_status_is_an_open_set() {
    for (wire, typed) in [
        ("accepted", SendStatus::Accepted),
        (
            "held_for_quality_assessment",
            SendStatus::HeldForQualityAssessment,
        ),
        ("paused", SendStatus::Paused),
        (
            "queued_for_later",
            SendStatus::Other("queued_for_later".into()),
        ),
    ] {
        let text = format!(r#"{{"messages":[{{"id":"wamid.X","message_status":"{wire}"}}]}}"#);
        let parsed = SendResponse::parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.message_status(), Some(typed.clone()));
        assert_eq!(parsed.message_id(), Some("wamid.X"));
        assert_eq!(parsed.to_json_string().unwrap(), text);
        assert_eq!(typed.as_str(), wire);
    }
}

#[test]
fn error_bodies_keep_every_field() {
    let text = r#"{"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"error_data":{"messaging_product":"whatsapp","details":"Message failed to send because there were too many messages sent from this phone number in a short period of time"},"error_subcode":2494055,"is_transient":true,"new_key":[1,2],"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}"#;
    let parsed = SendResponse::parse(text.as_bytes()).unwrap();
    let SendOutcome::Failed(e) = parsed.outcome() else {
        panic!("not a failure")
    };
    assert_eq!(e.code(), Some(130_429));
    assert_eq!(e.subcode(), Some(2_494_055));
    assert!(e.details().unwrap().starts_with("Message failed to send"));
    assert_eq!(e.fbtrace_id.as_deref(), Some("Az8or2yhqkZfEZ-_4Qn_Bam"));
    assert_eq!(e.kind.as_deref(), Some("OAuthException"));
    assert_eq!(e.is_transient, Some(true));
    assert_same(&parsed, text);

    // Template API errors carry error_data as a string; numbers beyond u64 are kept as written.
    let text = r#"{"error":{"code":132000,"error_data":"Number of parameters does not match","error_subcode":99999999999999999999999}}"#;
    let parsed = SendResponse::parse(text.as_bytes()).unwrap();
    let SendOutcome::Failed(e) = parsed.outcome() else {
        panic!("not a failure")
    };
    assert_eq!(e.details(), Some("Number of parameters does not match"));
    assert_eq!(e.subcode(), None);
    assert!(
        parsed
            .to_json_string()
            .unwrap()
            .contains("99999999999999999999999")
    );

    let text = r#"{"error":{"code":100,"error_data":[1]}}"#;
    let parsed = SendResponse::parse(text.as_bytes()).unwrap();
    assert_same(&parsed, text);
}

/// The answer serializes back canonically equal to `text`.
fn assert_same(parsed: &SendResponse, text: &str) {
    let back: Value = serde_json::from_str(&parsed.to_json_string().unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn bad_answers_are_typed_errors() {
    let big = vec![b' '; RESPONSE_MAX_BYTES + 1];
    let e = SendResponse::parse(&big).unwrap_err();
    assert_eq!(e.code(), "send_response.too_large");
    assert_eq!((e.limit(), e.actual()), (Some(65_536), Some(65_537)));
    assert_eq!(
        SendResponse::parse(b"  ").unwrap_err().code(),
        "send_response.empty"
    );
    assert_eq!(
        SendResponse::parse(b"[1]").unwrap_err().code(),
        "send_response.not_an_object"
    );
    assert_eq!(
        SendResponse::parse(b"{\"messages\":").unwrap_err().code(),
        "send_response.syntax"
    );
    assert_eq!(
        SendResponse::parse(b"\xff").unwrap_err().code(),
        "send_response.syntax"
    );
    let e = SendResponse::parse(br#"{"messages":{"id":"x"}}"#).unwrap_err();
    assert_eq!(e.code(), "send_response.malformed");
    let e = SendResponse::parse(br#"{"success":true,"success":false}"#).unwrap_err();
    assert_eq!(e.code(), "send_response.malformed");
    assert_eq!(
        SendResponse::parse(b"{}").unwrap().outcome(),
        SendOutcome::Unrecognized
    );
}

#[test]
fn callback_data_goes_out_and_is_checked() {
    let data = CallbackData::new("campaign=42;agent=7").unwrap();
    let msg = Outbound::text("Hello").unwrap().with_callback_data(data);
    let json = serde_json::to_value(&msg).unwrap();
    assert_eq!(json["biz_opaque_callback_data"], "campaign=42;agent=7");
    assert_eq!(serde_json::from_value::<Outbound>(json).unwrap(), msg);

    let at_limit = "é".repeat(CALLBACK_DATA_MAX);
    assert!(CallbackData::new(at_limit.clone()).is_ok());
    let e = CallbackData::new(format!("{at_limit}x")).unwrap_err();
    assert_eq!(e.code(), "outbound.callback_data_too_long");
    assert_eq!((e.limit(), e.actual()), (Some(512), Some(513)));
    assert_eq!(e.field(), Some("biz_opaque_callback_data"));

    let over = json!({"messaging_product": "whatsapp", "type": "text", "text": {"body": "a"},
        "biz_opaque_callback_data": "x".repeat(513)});
    let e = serde_json::from_value::<Outbound>(over).unwrap_err();
    assert!(e.to_string().contains("513"), "{e}");
    let not_text = json!({"type": "text", "text": {"body": "a"}, "biz_opaque_callback_data": 7});
    assert!(serde_json::from_value::<Outbound>(not_text).is_err());
}

#[test]
fn statuses_echo_the_callback_data() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1700000000","recipient_id":"16315551002","biz_opaque_callback_data":"campaign=42"}]}}]}]}"#;
    let hook = Webhook::parse(body).unwrap();
    let status = hook.statuses().next().unwrap().unwrap();
    assert_eq!(
        status.biz_opaque_callback_data.as_deref(),
        Some("campaign=42")
    );
}

waba_testkit::corpus_tests! {
    seed_corpus_of_the_fuzzer_replays: "send_response", at least 10, waba_model::internal::send_response;
}

#[test]
fn no_answer_is_a_transient_error_with_the_client_message_cut() {
    use waba_model::{SendResponseError, WabaError};
    let e = SendResponseError::transport("connection refused");
    assert_eq!(e.code(), "send_response.transport");
    assert_eq!(e.class(), waba_model::ErrorClass::Transient);
    assert!(e.to_string().contains("connection refused"), "{e}");
    let long = SendResponseError::transport("x".repeat(10_000));
    assert!(long.to_string().len() < 300, "{}", long.to_string().len());
    // A parse failure stays invalid.
    assert_eq!(
        waba_model::SendResponse::parse(b"").unwrap_err().class(),
        waba_model::ErrorClass::Invalid
    );
}

/// A service answers its caller 503 when the Graph API did not answer (try later) and 502 when
/// its answer was not Meta's, whatever the class: the caller's request was not at fault.
#[test]
fn a_failed_send_is_answered_503_or_502() {
    use waba_model::{SendResponseError, WabaError};
    let none = SendResponseError::transport("timed out");
    assert_eq!((none.http_status(), none.problem().status), (503, 503));
    for bad in [
        &b""[..],
        b"[1]",
        b"{\"messages\":",
        br#"{"messages":{"id":"x"}}"#,
    ] {
        let e = SendResponse::parse(bad).unwrap_err();
        assert_eq!((e.http_status(), e.problem().status), (502, 502), "{e}");
    }
    let big = vec![b' '; RESPONSE_MAX_BYTES + 1];
    assert_eq!(SendResponse::parse(&big).unwrap_err().http_status(), 502);
}
