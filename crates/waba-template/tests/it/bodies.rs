//! `validate_body`: every rule for every kind of send body, through the model's strict reader.

use serde_json::{Value, json};
use waba_error::WabaError;
use waba_model::Outbound;
use waba_template::validate_body;

fn check(v: Value) -> Result<(), &'static str> {
    let body = Outbound::from_json(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"));
    validate_body(&body.body).map_err(|e| e.code())
}

fn contacts(n: usize) -> Value {
    json!({"type": "contacts", "contacts": (0..n).map(|i| json!({"name": {"formatted_name": format!("C{i}")}})).collect::<Vec<_>>()})
}

#[test]
fn contacts_1_to_5_each_named() {
    assert_eq!(check(contacts(1)), Ok(()));
    assert_eq!(check(contacts(5)), Ok(()));
    assert_eq!(check(contacts(0)), Err("contacts.too_few"));
    assert_eq!(check(contacts(6)), Err("contacts.too_many"));
    assert_eq!(
        check(json!({"type": "contacts", "contacts": [{"phones": [{"phone": "+1 650"}]}]})),
        Err("contacts.name_missing")
    );
    assert_eq!(
        check(json!({"type": "contacts", "contacts": [{"name": {"formatted_name": " "}}]})),
        Err("contacts.name_missing")
    );
}

#[test]
fn a_reaction_is_one_emoji_or_none() {
    let r = |emoji: &str| json!({"type": "reaction", "reaction": {"message_id": "wamid.1", "emoji": emoji}});
    for good in ["😀", "👨‍👩‍👧‍👦", "🇮🇱", ""] {
        assert_eq!(check(r(good)), Ok(()), "{good}");
    }
    for bad in ["😀😀", "a", "ok", " "] {
        assert_eq!(check(r(bad)), Err("reaction.not_one_emoji"), "{bad}");
    }
}

fn template(components: Value) -> Value {
    json!({"type": "template", "template": {"name": "t", "language": {"code": "en"}, "components": components}})
}

#[test]
fn template_buttons_take_their_sub_types_parameter_once() {
    let button = |sub: &str, index: Value, p: Value| json!({"type": "button", "sub_type": sub, "index": index, "parameters": [p]});
    let payload = json!({"type": "payload", "payload": "P"});
    let text = json!({"type": "text", "text": "x"});
    assert_eq!(
        check(template(json!([button(
            "quick_reply",
            json!("0"),
            payload.clone()
        )]))),
        Ok(())
    );
    assert_eq!(
        check(template(json!([button("url", json!(1), text.clone())]))),
        Ok(())
    );
    assert_eq!(
        check(template(json!([button(
            "quick_reply",
            json!("0"),
            text.clone()
        )]))),
        Err("template.button_invalid")
    );
    assert_eq!(
        check(template(json!([
            button("quick_reply", json!("0"), payload.clone()),
            button("quick_reply", json!(0), payload.clone())
        ]))),
        Err("template.duplicate_button_index")
    );
    let catalog = json!({"type": "action", "action": {"thumbnail_product_retailer_id": "p"}});
    assert_eq!(
        check(template(json!([button(
            "CATALOG",
            json!(0),
            catalog.clone()
        )]))),
        Ok(())
    );
    assert_eq!(
        check(template(json!([button("flow", json!(0), catalog)]))),
        Err("template.button_invalid")
    );
}

#[test]
fn template_body_parameters_are_text_kinds_and_offers_end_later() {
    assert_eq!(
        check(template(
            json!([{"type": "body", "parameters": [{"type": "image", "image": {"id": "1"}}]}])
        )),
        Err("template.not_allowed")
    );
    let offer = |ms: i64| json!([{"type": "limited_time_offer", "parameters": [{"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": ms}}]}]);
    assert_eq!(check(template(offer(1_700_000_000_000))), Ok(()));
    assert_eq!(
        check(template(offer(0))),
        Err("template.offer_expiration_out_of_range")
    );
    let card = |i: i64| json!({"card_index": i, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"id": "1"}}]}]});
    assert_eq!(
        check(template(
            json!([{"type": "carousel", "cards": [card(0), card(1)]}])
        )),
        Ok(())
    );
    assert_eq!(
        check(template(json!([{"type": "carousel", "cards": [card(1)]}]))),
        Err("interactive.cards_invalid")
    );
}
