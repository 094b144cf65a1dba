//! Interaction attributes over the corpus and on chosen messages.

use unicode_segmentation::UnicodeSegmentation;
use waba_model::*;

use crate::corpus::corpus_cases;

fn attrs_of(body: &str) -> Vec<InteractionAttributes> {
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    hook.messages()
        .map(|m| InteractionAttributes::from_message(&m.unwrap(), "chan", "DMS"))
        .collect()
}

#[test]
fn every_corpus_message_gets_ordered_one_line_attributes() {
    let order = waba_model::attributes::ATTRIBUTE_NAMES;
    let mut seen = 0;
    for (name, body) in corpus_cases() {
        for a in attrs_of(&body) {
            seen += 1;
            let keys: Vec<&str> = a.iter().map(|(k, _)| k).collect();
            let mut expected: Vec<&str> = order.to_vec();
            expected.retain(|k| keys.contains(k));
            assert_eq!(keys, expected, "{name}: order");
            assert_eq!(a.get("_umsMediaType"), Some("whatsapp"));
            assert_eq!(a.get("_umsMediaTypeChat"), Some("whatsappsession"));
            assert_eq!(a.get("_umsChannel"), Some("chan"));
            assert_eq!(a.get("_umsInboundIxnSubmittedBy"), Some("DMS"));
            let subject = a.get("Subject").unwrap();
            assert!(!subject.contains(['\n', '\r', '\t']), "{name}: {subject:?}");
            assert!(subject.graphemes(true).count() <= SUBJECT_MAX_GRAPHEMES);
            assert!(!subject.is_empty(), "{name}");
            // Serialized in the same order.
            let json = serde_json::to_string(&a).unwrap();
            let first = json.find("_umsInboundIxnSubmittedBy").unwrap();
            assert!(json.find("Subject").unwrap() > first);
        }
    }
    assert!(seen >= 30, "{seen}");
}

fn first(file_case: &str) -> InteractionAttributes {
    let (name, body) = corpus_cases()
        .into_iter()
        .find(|(n, _)| n == file_case)
        .unwrap();
    attrs_of(&body)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn values_per_message_kind() {
    let a = first("message.json/text");
    for (key, value) in waba_testkit::TEXT_MESSAGE_ATTRIBUTES {
        assert_eq!(a.get(key), Some(value), "text: {key}");
    }

    let a = first("message.json/chosen_location");
    assert_eq!(
        a.get("_umsMsgPlainText"),
        Some("Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025")
    );
    assert_eq!(
        a.get("Subject"),
        Some("Location: Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025")
    );
    let a = first("message.json/current_location");
    assert!(a.get("_umsMsgPlainText").is_some());

    for (case, key, value) in [
        (
            "callback_selection.json/description",
            "_umsMsgPlainText",
            Some("title"),
        ),
        (
            "callback_button.json/quick_reply",
            "_umsMsgPlainText",
            Some("title"),
        ),
        (
            "message.json/unreaction_empty",
            "Subject",
            Some("Reaction removed"),
        ),
        ("message.json/unreaction_empty", "_umsMsgPlainText", None),
        ("message.json/image", "Subject", Some("Image")),
        ("message.json/voice", "Subject", Some("Voice message")),
        (
            "message.json/contacts",
            "_umsMsgPlainText",
            Some("Chandler Bing, Monica, Rachel Green"),
        ),
        (
            "message.json/unsupported",
            "Subject",
            Some("Unsupported message"),
        ),
        (
            "edited_message.json/image",
            "_umsMsgPlainText",
            Some("Updated image caption"),
        ),
    ] {
        assert_eq!(first(case).get(key), value, "{case}: {key}");
    }
    assert_eq!(
        first("message.json/reaction")
            .get("Subject")
            .map(|s| s.starts_with("Reaction: ")),
        Some(true)
    );

    // A sender known only by BSUID has no PhoneNumber; its address is the BSUID.
    let a = first("callback_button.json/quick_reply_without_context");
    assert_eq!(a.get("_umsFromAddr"), Some("972987654321"));
}

#[test]
fn bsuid_only_sender() {
    let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
        "contacts":[{"profile":{"username":"ana.b"},"user_id":"US.13491208655302741918"}],
        "messages":[{"from_user_id":"US.13491208655302741918","id":"wamid.B","timestamp":"1697043223000","type":"text","text":{"body":"hi"}}]}}]}]}"#;
    let a = &attrs_of(body)[0];
    assert_eq!(a.get("_umsFromAddr"), Some("US.13491208655302741918"));
    assert_eq!(a.get("PhoneNumber"), None);
    assert_eq!(a.get("_msg_ProfileNickname"), Some("ana.b"));
    // Milliseconds: the time is not invented.
    assert_eq!(a.get("_umsMsgOriginTime"), None);
}
