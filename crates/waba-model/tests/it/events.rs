//! The split of a delivery per conversation: every element of the pywa corpus lands in exactly one
//! place, each `changes.field` gives the kind it should, customers and business numbers are kept
//! apart.

use serde_json::{Value, json};
use waba_model::Webhook;
use waba_model::events::{AccountEventKind, EventKind, Split};

use crate::corpus::corpus_cases;

fn split(body: &Value) -> Split {
    Webhook::parse(body.to_string().as_bytes()).unwrap().split()
}

/// The customer-side arrays of a change value, as counted in the raw JSON.
const ELEMENT_ARRAYS: [&str; 6] = [
    "messages",
    "statuses",
    "errors",
    "message_echoes",
    "calls",
    "user_preferences",
];

fn expected_kinds(field: &str) -> &'static [&'static str] {
    match field {
        "messages" => &["message", "status", "identity_change", "error"],
        "calls" => &["call", "error"],
        "smb_message_echoes" => &["echo"],
        "user_preferences" => &["marketing_preference"],
        _ => &[],
    }
}

#[test]
fn every_field_of_the_corpus_lands_in_exactly_one_place() {
    let mut fields_seen = std::collections::BTreeSet::new();
    for (name, body) in corpus_cases() {
        let raw: Value = serde_json::from_str(&body).unwrap();
        let s = split(&raw);
        let (mut customer_elements, mut account_changes) = (0, 0);
        let mut fields = Vec::new();
        for entry in raw["entry"].as_array().unwrap() {
            for change in entry["changes"].as_array().unwrap() {
                let field = change["field"].as_str().unwrap().to_owned();
                fields_seen.insert(field.clone());
                if expected_kinds(&field).is_empty() {
                    account_changes += 1;
                } else {
                    for a in ELEMENT_ARRAYS {
                        customer_elements +=
                            change["value"][a].as_array().map_or(0, std::vec::Vec::len);
                    }
                }
                fields.push(field);
            }
        }
        assert_eq!(
            s.event_count() + s.invalid.len(),
            customer_elements,
            "{name}: {s:#?}"
        );
        assert_eq!(s.account_events.len(), account_changes, "{name}");
        for (key, e) in s.events() {
            assert!(
                fields
                    .iter()
                    .any(|f| expected_kinds(f).contains(&e.kind().as_str())),
                "{name}: {:?} from {fields:?}",
                e.kind()
            );
            assert!(key.business.phone_number_id.is_some(), "{name}");
        }
        for a in &s.account_events {
            assert_ne!(a.kind, AccountEventKind::Unknown, "{name}: {:?}", a.field);
            let field = a.field.as_deref().unwrap();
            assert_eq!(a.kind, AccountEventKind::of_field(field), "{name}");
            if a.kind.is_template() {
                let t = a.template.as_ref().unwrap_or_else(|| panic!("{name}"));
                assert!(t.message_template_name.is_some(), "{name}");
            }
            // The value comes back as it came.
            let change = raw["entry"][0]["changes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["field"] == field)
                .unwrap();
            assert_eq!(a.value.to_value().unwrap(), change["value"], "{name}");
        }
        // Only the group status has no customer.
        for bad in &s.invalid {
            assert_eq!(bad.code, "webhook.no_customer", "{name}");
            assert_eq!(name, "message_status.json/group", "{:?}", bad);
        }
    }
    for f in [
        "account_update",
        "calls",
        "message_template_components_update",
        "message_template_quality_update",
        "message_template_status_update",
        "messages",
        "smb_message_echoes",
        "template_category_update",
        "user_preferences",
    ] {
        assert!(fields_seen.contains(f), "{f} missing from the corpus");
    }
}

/// The cases of one file of the pywa corpus, by name.
fn pywa_file(name: &str) -> serde_json::Map<String, Value> {
    let path = crate::fixtures("pywa").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn user_initiated_call_and_identity_change() {
    let cases = pywa_file("call_connect.json");
    let s = split(&cases["user_initiated"]);
    let (key, e) = s.events().next().unwrap();
    assert_eq!(key.customer.as_str(), "+972987654321");
    let waba_model::events::Event::Call(call) = e else {
        panic!("{e:?}")
    };
    assert!(call.user_initiated());
    let s = split(&cases["business_initiated"]);
    let (key, e) = s.events().next().unwrap();
    // pywa's sample has the business's own number as `to`: the contact names the customer.
    let waba_model::events::Event::Call(call) = e else {
        panic!("{e:?}")
    };
    assert!(!call.user_initiated());
    assert_eq!(key.customer.as_str(), "+972987654321");

    let cases = pywa_file("system.json");
    let s = split(&cases["phone_number_change"]);
    let (key, e) = s.events().next().unwrap();
    assert_eq!(key.customer.as_str(), "+972987654321");
    let waba_model::events::Event::IdentityChange(c) = e else {
        panic!("{e:?}")
    };
    assert_eq!(c.new.as_ref().unwrap().as_str(), "+972912345678");
    assert_eq!(e.dedup_key().unwrap().as_str(), "identity:wamid.xyzxyz==");
    // A security-code change is a system message, not a change of identity.
    let s = split(&cases["identity_change"]);
    assert_eq!(s.events().next().unwrap().1.kind(), EventKind::Message);
}

fn text(from: &str, id: &str) -> Value {
    json!({"from": from, "id": id, "timestamp": "1764000000", "type": "text", "text": {"body": id}})
}

fn status(to: &str, id: &str, status: &str) -> Value {
    json!({"id": id, "status": status, "timestamp": "1764000100", "recipient_id": to})
}

fn change(phone_number_id: &str, value: Value) -> Value {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] = json!({"display_phone_number": format!("1555{phone_number_id}"), "phone_number_id": phone_number_id});
    json!({"field": "messages", "value": value})
}

#[test]
fn two_customers_and_two_business_numbers_in_one_body() {
    let body = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "W1", "changes": [
            change("111", json!({"messages": [text("16315551002", "wamid.A1"), text("16315551003", "wamid.B1")],
                "statuses": [status("16315551003", "wamid.out.B", "failed")]})),
            change("222", json!({"messages": [text("16315551002", "wamid.A2")]})),
        ]},
        {"id": "W2", "changes": [
            change("111", json!({"messages": [text("16315551002", "wamid.A3")]})),
        ]},
    ]});
    let s = split(&body);
    let keys: Vec<(String, String)> = s
        .conversations
        .iter()
        .map(|c| {
            (
                c.key.business.phone_number_id.clone().unwrap(),
                c.key.customer.to_string(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("111".into(), "+16315551002".into()),
            ("111".into(), "+16315551003".into()),
            ("222".into(), "+16315551002".into()),
        ]
    );
    let ids = |i: usize| -> Vec<&str> {
        s.conversations[i]
            .events
            .iter()
            .map(|e| e.id().unwrap())
            .collect()
    };
    assert_eq!(ids(0), ["wamid.A1", "wamid.A3"]);
    assert_eq!(ids(1), ["wamid.B1", "wamid.out.B"]);
    assert_eq!(ids(2), ["wamid.A2"]);
    assert_eq!(
        s.conversations[1].events[1].dedup_key().unwrap().as_str(),
        "status:wamid.out.B:failed"
    );
}

#[test]
fn errors_go_to_their_only_customer_or_to_the_account() {
    let err = json!({"code": 131000, "title": "Something went wrong"});
    let one = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        change("111", json!({"messages": [text("16315551002", "wamid.A")], "errors": [err]}))]}]});
    let s = split(&one);
    assert_eq!(s.conversations.len(), 1);
    assert_eq!(s.conversations[0].events[1].kind(), EventKind::Error);

    let none = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        change("111", json!({"errors": [err]}))]}]});
    let s = split(&none);
    assert!(s.conversations.is_empty());
    assert_eq!(s.account_events[0].kind, AccountEventKind::Error);
    assert_eq!(s.account_events[0].value.to_value().unwrap(), err);

    let two = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        change("111", json!({"messages": [text("16315551002", "wamid.A"), text("16315551003", "wamid.B")],
            "errors": [err]}))]}]});
    let s = split(&two);
    assert_eq!(s.event_count(), 2);
    assert_eq!(s.account_events.len(), 1);
}

#[test]
fn unknown_fields_and_empty_changes_are_shown_not_dropped() {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        {"field": "brand_new_field", "value": {"x": 1}},
        change("111", json!({"something_new": [1, 2], "messages": []})),
        {"field": "messages"}
    ]}]});
    let s = split(&body);
    let kinds: Vec<_> = s.account_events.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [AccountEventKind::Unknown; 3]);
    assert_eq!(
        s.account_events[0].field.as_deref(),
        Some("brand_new_field")
    );
}

#[test]
fn a_message_without_sender_is_kept_as_invalid() {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        change("111", json!({"messages": [{"id": "wamid.X", "type": "text", "text": {"body": "?"}},
            {"from": 5, "id": "wamid.Y"}]}))]}]});
    let s = split(&body);
    let codes: Vec<_> = s.invalid.iter().map(|i| i.code).collect();
    assert_eq!(codes, ["webhook.no_customer", "webhook.invalid_message"]);
    assert!(s.invalid[0].raw.get().contains("wamid.X"));
}

#[test]
fn legacy_shape_has_no_business_id() {
    let body =
        json!({"contacts": [{"wa_id": "16315551002"}], "messages": [text("16315551002", "A")]});
    let s = split(&body);
    assert_eq!(s.conversations[0].key.business.phone_number_id, None);
}

#[test]
fn equivalent_wa_ids_share_a_conversation() {
    // Mexico: the same subscriber written with and without the mobile 1 (waba-phone's certain rule).
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [
        change("111", json!({"messages": [text("5215512345678", "wamid.1"), text("525512345678", "wamid.2")],
            "statuses": [status("525512345678", "wamid.out", "read")]}))]}]});
    let s = split(&body);
    assert_eq!(s.conversations.len(), 1, "{s:#?}");
    assert_eq!(s.conversations[0].events.len(), 3);
    assert_eq!(s.conversations[0].key.customer.as_str(), "+5215512345678");
}

#[test]
fn conversation_ids_follow_key_equality() {
    use waba_model::events::{Business, ConversationKey};
    use waba_phone::Identity;
    let key = |business: &str, customer: &str| {
        ConversationKey::new(
            Business::new(business),
            customer.parse::<Identity>().unwrap(),
        )
    };
    let keys = [
        key("111", "5215512345678"),
        key("111", "525512345678"),
        key("222", "5215512345678"),
        key("111", "16315551002"),
        key("111", "US.13491208655302741918"),
        key("11", "16315551002"),
    ];
    for a in &keys {
        for b in &keys {
            assert_eq!(a == b, a.id() == b.id(), "{} / {}", a.id(), b.id());
        }
    }
    assert_eq!(keys[0].id(), keys[1].id());
    assert_eq!(keys[4].id(), "111:US.13491208655302741918");
    let legacy = ConversationKey::new(Business::default(), keys[3].customer.clone());
    assert_eq!(legacy.id(), ":+16315551002");
}
