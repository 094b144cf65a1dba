//! Meta's own send examples (`shared/corpus/meta-openapi/send-examples.json`, copied into the
//! fixtures): every one is read by the strict reader and written back equal. Refusing a body Meta
//! accepts is as much a defect as passing one it refuses.

use serde_json::Value;
use waba_model::*;

use crate::fixtures;

/// The examples, by name; the shared copy (when present) must be the same file.
fn examples() -> Vec<(String, Value)> {
    let ours =
        std::fs::read_to_string(fixtures("meta-openapi").join("send-examples.json")).unwrap();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/meta-openapi/send-examples.json");
    if let Ok(theirs) = std::fs::read_to_string(shared) {
        assert_eq!(ours, theirs, "the fixture copy is out of date");
    }
    let Value::Object(map) = serde_json::from_str(&ours).unwrap() else {
        panic!("not an object")
    };
    map.into_iter().collect()
}

/// Known artifacts of the examples' conversion from Meta's YAML, each refused with the error it
/// deserves and accepted once repaired: an unreplaced `{{...}}` recipient, and YAML reading the
/// button texts `Yes`/`No` as booleans.
fn repair(name: &str, body: &mut Value) -> Option<(&'static str, &'static str)> {
    match name {
        "Send Order Details Message" | "Send Order Status Message" => {
            body["to"] = Value::from("+16505551234");
            Some(("outbound.invalid_recipient", "to"))
        }
        "Send Sample Issue Resolution Template" => {
            body["template"]["components"][1]["parameters"][0]["text"] = Value::from("Yes");
            body["template"]["components"][2]["parameters"][0]["text"] = Value::from("No");
            Some((
                "outbound.wrong_type",
                "template.components[1].parameters[0].text",
            ))
        }
        _ => None,
    }
}

#[test]
fn every_meta_example_is_read_and_written_back_equal() {
    let all = examples();
    assert_eq!(all.len(), 50, "examples missing");
    let mut messages = 0;
    for (name, original) in all {
        let mut body = original.clone();
        if let Some((code, field)) = repair(&name, &mut body) {
            let e = SendRequest::from_json(original).unwrap_err();
            assert_eq!((e.code(), e.field()), (code, Some(field)), "{name}: {e}");
        }
        let read = SendRequest::from_json(body.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.to_json(), body, "{name}: not written back equal");
        if let SendRequest::Message(m) = &read {
            messages += 1;
            assert_eq!(Outbound::from_json(m.to_json()).unwrap(), **m, "{name}");
            // The short form (the payload under its type, as a draft) reads to the same body.
            let kind = m.body.kind();
            let short = serde_json::json!({ kind: body[kind].clone() });
            let Ok(DraftDocument::Message { body: d, .. }) = DraftDocument::from_json(short) else {
                panic!("{name}: short form refused")
            };
            assert_eq!(d.body, m.body, "{name}");
        }
    }
    assert_eq!(messages, 49);
}

#[test]
fn every_interactive_and_message_type_is_covered_by_an_example_or_a_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for (_, mut body) in examples() {
        if body.get("status").is_some() {
            continue;
        }
        if body
            .get("to")
            .and_then(Value::as_str)
            .is_some_and(|t| t.starts_with('{'))
        {
            body["to"] = Value::from("16505551234");
        }
        if let Ok(Outbound {
            body: OutboundBody::Interactive(i),
            ..
        }) = Outbound::from_json(body.clone())
        {
            seen.insert(i.kind());
        }
        if let Ok(m) = Outbound::from_json(body) {
            seen.insert(m.body.kind());
        }
    }
    for kind in [
        "text",
        "image",
        "video",
        "audio",
        "document",
        "sticker",
        "location",
        "reaction",
        "contacts",
        "template",
        "interactive",
        "button",
        "list",
        "flow",
        "product",
        "product_list",
        "catalog_message",
        "order_details",
        "order_status",
    ] {
        assert!(seen.contains(kind), "{kind} has no example");
    }
}
