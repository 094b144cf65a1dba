//! The rules of every interactive kind beyond buttons and lists: each limit at the limit (passes)
//! and one past it (refused, with its code), read from JSON as an agent would write it.

use serde_json::{Value, json};
use waba_error::WabaError;
use waba_model::Interactive;
use waba_template::validate_interactive;

fn read(v: Value) -> Interactive {
    Interactive::from_json(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn ok(v: Value) {
    validate_interactive(&read(v.clone())).unwrap_or_else(|e| panic!("{v}: {e}"));
}

fn code(v: Value) -> &'static str {
    validate_interactive(&read(v.clone()))
        .map(|()| panic!("{v}: passed"))
        .unwrap_err()
        .code()
}

fn cta(text: &str, url: &str) -> Value {
    json!({"type": "cta_url", "body": {"text": "Dates"},
        "action": {"name": "cta_url", "parameters": {"display_text": text, "url": url}}})
}

#[test]
fn cta_url_label_and_url() {
    ok(cta(&"a".repeat(20), "https://example.com?x=1"));
    ok(cta("See", "http://example.com/a"));
    assert_eq!(
        code(cta(&"a".repeat(21), "https://e.com")),
        "interactive.cta_text_too_long"
    );
    assert_eq!(
        code(cta(" ", "https://e.com")),
        "interactive.cta_text_empty"
    );
    for bad in [
        "javascript:alert(1)",
        "https://a@b.com/",
        "https://e.com/a b",
        "ftp://e.com",
    ] {
        assert_eq!(
            code(cta("See", bad)),
            "interactive.url_not_allowed",
            "{bad}"
        );
    }
    let long = format!("https://e.com/{}", "a".repeat(2000));
    assert_eq!(code(cta("See", &long)), "interactive.url_too_long");
}

fn flow(params: Value) -> Value {
    json!({"type": "flow", "body": {"text": "Sign up"},
        "action": {"name": "flow", "parameters": params}})
}

#[test]
fn flow_parameters() {
    ok(flow(
        json!({"flow_message_version": "3", "flow_id": "1", "flow_cta": "a".repeat(30)}),
    ));
    assert_eq!(
        code(flow(
            json!({"flow_message_version": "3", "flow_id": "1", "flow_cta": "a".repeat(31)})
        )),
        "interactive.flow_cta_too_long"
    );
    assert_eq!(
        code(flow(
            json!({"flow_message_version": "2", "flow_id": "1", "flow_cta": "Go"})
        )),
        "interactive.flow_invalid"
    );
    assert_eq!(
        code(flow(
            json!({"flow_message_version": "3", "flow_name": "f", "flow_cta": "Go",
            "flow_action": "data_exchange", "flow_action_payload": {"screen": "S"}})
        )),
        "interactive.flow_invalid"
    );
    assert_eq!(
        code(flow(
            json!({"flow_message_version": "3", "flow_id": "1", "flow_cta": "Go",
            "flow_action_payload": {"screen": "S", "data": {}}})
        )),
        "interactive.flow_invalid"
    );
}

fn products(per_section: &[usize]) -> Value {
    let sections: Vec<Value> = per_section
        .iter()
        .enumerate()
        .map(|(s, n)| {
            json!({"title": format!("S{s}"), "product_items":
                (0..*n).map(|i| json!({"product_retailer_id": format!("p{s}-{i}")})).collect::<Vec<_>>()})
        })
        .collect();
    json!({"type": "product_list", "header": {"type": "text", "text": "Shop"},
        "body": {"text": "Pick"}, "action": {"catalog_id": "c", "sections": sections}})
}

#[test]
fn product_lists_1_to_30_products_in_1_to_10_sections() {
    ok(products(&[10, 10, 10]));
    ok(products(&[3; 10]));
    let e = validate_interactive(&read(products(&[10, 10, 11]))).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_products", Some(30), Some(31))
    );
    assert_eq!(code(products(&[1; 11])), "interactive.too_many_sections");
    assert_eq!(code(products(&[2, 0])), "interactive.too_few_products");
    let mut no_header = products(&[1]);
    no_header.as_object_mut().unwrap().remove("header");
    assert_eq!(code(no_header), "interactive.header_missing");
    let mut image = products(&[1]);
    image["header"] = json!({"type": "image", "image": {"id": "1"}});
    assert_eq!(code(image), "interactive.header_not_allowed");
    let mut dup = products(&[2]);
    dup["action"]["sections"][0]["product_items"][1]["product_retailer_id"] = json!("p0-0");
    assert_eq!(code(dup), "template.duplicate");
}

#[test]
fn catalog_needs_its_thumbnail() {
    ok(json!({"type": "catalog_message", "body": {"text": "See"},
        "action": {"name": "catalog_message", "parameters": {"thumbnail_product_retailer_id": "p"}}}));
    assert_eq!(
        code(
            json!({"type": "catalog_message", "body": {"text": "See"}, "action": {"name": "catalog_message"}})
        ),
        "interactive.catalog_thumbnail_missing"
    );
}

fn call(params: Value) -> Value {
    json!({"type": "voice_call", "body": {"text": "Call us"},
        "action": {"name": "voice_call", "parameters": params}})
}

#[test]
fn voice_call_label_lifetime_and_payload() {
    ok(call(json!({})));
    ok(call(
        json!({"display_text": "a".repeat(20), "ttl_minutes": 43_200, "payload": "p".repeat(512)}),
    ));
    ok(call(json!({"ttl_minutes": 1})));
    assert_eq!(
        code(call(json!({"display_text": "a".repeat(21)}))),
        "interactive.call_text_too_long"
    );
    for ttl in [0, 43_201, -5] {
        let e = validate_interactive(&read(call(json!({"ttl_minutes": ttl})))).unwrap_err();
        assert_eq!(e.code(), "interactive.call_ttl_out_of_range", "{ttl}");
        assert_eq!(e.limit(), Some(43_200));
    }
    assert_eq!(
        code(call(json!({"payload": "p".repeat(513)}))),
        "interactive.call_payload_too_long"
    );
}

#[test]
fn prompts_take_a_body_and_nothing_else() {
    for (kind, name) in [
        ("location_request_message", "send_location"),
        ("call_permission_request", "call_permission_request"),
        ("request_contact_info", "request_contact_info"),
    ] {
        ok(json!({"type": kind, "body": {"text": "Please"}, "action": {"name": name}}));
        assert_eq!(
            code(json!({"type": kind, "body": {"text": " "}, "action": {"name": name}})),
            "interactive.body_empty"
        );
        let e = Interactive::from_json(json!({"type": kind, "body": {"text": "x"},
            "footer": {"text": "f"}, "action": {"name": name}}))
        .unwrap_err();
        assert_eq!(e.code(), "outbound.unknown_key", "{kind}");
        let e = Interactive::from_json(json!({"type": kind, "body": {"text": "x"},
            "action": {"name": "other"}}))
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("outbound.invalid_value", Some("interactive.action.name"))
        );
    }
}

#[test]
fn address_forms_are_for_india_and_singapore() {
    let m = |country: &str| {
        json!({"type": "address_message", "body": {"text": "Where?"},
            "action": {"name": "address_message", "parameters": {"country": country,
                "values": {"name": "Ana", "in_pin_code": "400063"}}}})
    };
    ok(m("IN"));
    assert_eq!(code(m("US")), "interactive.address_country");
    let e = Interactive::from_json(json!({"type": "address_message", "body": {"text": "Where?"},
        "action": {"name": "address_message", "parameters": {"country": "IN", "values": {"zip": "1"}}}}))
    .unwrap_err();
    assert_eq!(e.field(), Some("interactive.action.parameters.values.zip"));
}

fn card(i: usize, action: Value) -> Value {
    json!({"card_index": i, "type": "cta_url",
        "header": {"type": "image", "image": {"link": "https://e.com/a.png"}},
        "body": {"text": "Card"}, "action": action})
}

fn url_action() -> Value {
    json!({"name": "cta_url", "parameters": {"display_text": "Buy", "url": "https://e.com"}})
}

fn carousel(cards: Vec<Value>) -> Value {
    json!({"type": "carousel", "body": {"text": "Offers"}, "action": {"cards": cards}})
}

#[test]
fn carousels_2_to_10_matching_cards() {
    ok(carousel((0..2).map(|i| card(i, url_action())).collect()));
    ok(carousel((0..10).map(|i| card(i, url_action())).collect()));
    assert_eq!(
        code(carousel(vec![card(0, url_action())])),
        "interactive.too_few_cards"
    );
    assert_eq!(
        code(carousel((0..11).map(|i| card(i, url_action())).collect())),
        "interactive.too_many_cards"
    );
    assert_eq!(
        code(carousel(vec![card(0, url_action()), card(2, url_action())])),
        "interactive.cards_invalid"
    );
    let replies = |n: usize| {
        json!({"buttons": (0..n).map(|i| json!({"type": "quick_reply",
            "quick_reply": {"id": format!("q{i}"), "title": format!("Q{i}")}})).collect::<Vec<_>>()})
    };
    ok(carousel(vec![card(0, replies(2)), card(1, replies(2))]));
    assert_eq!(
        code(carousel(vec![card(0, replies(2)), card(1, replies(1))])),
        "interactive.cards_invalid"
    );
    assert_eq!(
        code(carousel(vec![card(0, replies(1)), card(1, url_action())])),
        "interactive.cards_invalid"
    );
    let mut long = card(1, url_action());
    long["body"]["text"] = json!("b".repeat(161));
    assert_eq!(
        code(carousel(vec![card(0, url_action()), long])),
        "interactive.card_body_too_long"
    );
    let mut lines = card(1, url_action());
    lines["body"]["text"] = json!("a\nb\nc\nd");
    assert_eq!(
        code(carousel(vec![card(0, url_action()), lines])),
        "interactive.card_body_line_breaks"
    );
    let mut text_header = card(1, url_action());
    text_header["header"] = json!({"type": "text", "text": "T"});
    assert_eq!(
        code(carousel(vec![card(0, url_action()), text_header])),
        "interactive.header_not_allowed"
    );
}

#[test]
fn a_list_header_is_text() {
    let list = json!({"type": "list", "header": {"type": "image", "image": {"id": "1"}},
        "body": {"text": "Pick"}, "action": {"button": "Open",
        "sections": [{"rows": [{"id": "r", "title": "R"}]}]}});
    assert_eq!(code(list), "interactive.header_not_allowed");
}

#[test]
fn every_refusal_has_metas_code() {
    let e = validate_interactive(&read(cta(&"a".repeat(21), "https://e.com"))).unwrap_err();
    assert_eq!(e.meta_code(), Some(131_009));
    let e = validate_interactive(&read(products(&[10, 10, 11]))).unwrap_err();
    assert_eq!(e.meta_code(), Some(131_009));
}
