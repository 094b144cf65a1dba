//! Every pywa template parses, round-trips and renders.

use serde_json::Value;
use waba_template::{Params, Rules, Template, TemplateDefinition};

fn corpus() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pywa");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let all: serde_json::Map<String, Value> =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        out.extend(all);
    }
    assert!(out.len() >= 13, "corpus has {} templates", out.len());
    out
}

#[test]
fn every_template_round_trips_unchanged() {
    for (name, json) in corpus() {
        let def: TemplateDefinition =
            serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(&def).unwrap(), json, "{name}");
    }
}

#[test]
fn every_template_renders() {
    for (name, json) in corpus() {
        let t = Template::from_json(&json.to_string(), &Rules::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let values: Vec<String> = (1..=t.positional_count())
            .map(|i| format!("v{i}"))
            .collect();
        let r = t
            .render(&Params::positional(values.iter().map(String::as_str)))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for v in &values {
            let in_payload = r.message.to_json().to_string().contains(v.as_str());
            assert!(
                r.preview.contains(v.as_str()) || in_payload,
                "{name}: {v} lost"
            );
        }
        assert!(!r.preview.contains("{{"), "{name}: {}", r.preview);
    }
}

#[test]
fn seasonal_promotion_exactly() {
    let all: serde_json::Map<String, Value> =
        serde_json::from_slice(include_bytes!("../fixtures/pywa/buttons.json")).unwrap();
    let t = Template::from_json(&all["seasonal_promotion"].to_string(), &Rules::default()).unwrap();
    assert_eq!(t.positional_count(), 4);
    let r = t
        .render(&Params::positional([
            "Summer Sale",
            "the end of August",
            "25OFF",
            "25%",
        ]))
        .unwrap();
    assert_eq!(
        r.preview,
        "Our Summer Sale is on!\nShop now through the end of August and use code 25OFF to get 25% off of all merchandise.\nUse the buttons below to manage your MARKETING subscriptions\n[Unsubscribe from Promos]\n[Unsubscribe from All]"
    );
    let j = r.message.to_json();
    assert_eq!(j["name"], "seasonal_promotion");
    assert_eq!(j["language"]["code"], "en_US");
    assert_eq!(j["components"][0]["type"], "header");
    assert_eq!(j["components"][0]["parameters"][0]["text"], "Summer Sale");
    assert_eq!(j["components"][1]["parameters"][2]["text"], "25%");
}

#[test]
fn url_suffix_is_filled_after_the_body() {
    let all: serde_json::Map<String, Value> =
        serde_json::from_slice(include_bytes!("../fixtures/pywa/limited_time_offer.json")).unwrap();
    let t = Template::from_json(
        &all["limited_time_offer_caribbean_pkg_2023"].to_string(),
        &Rules::default(),
    )
    .unwrap();
    let r = t
        .render(&Params::positional(["Pablo", "CARIBE25", "n3mtql"]).with_coupon_code("CARIBE25"))
        .unwrap();
    let j = r.message.to_json();
    let buttons: Vec<&Value> = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == "button")
        .collect();
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0]["sub_type"], "copy_code");
    assert_eq!(buttons[0]["parameters"][0]["coupon_code"], "CARIBE25");
    assert_eq!(buttons[1]["sub_type"], "url");
    assert_eq!(buttons[1]["index"], "1");
    assert_eq!(buttons[1]["parameters"][0]["text"], "n3mtql");
    let needs: Vec<&str> = r.needs.iter().map(waba_template::Need::as_str).collect();
    assert_eq!(needs, ["header_media", "limited_time_offer"]);
    assert_eq!(r.needs[0], waba_template::Need::HeaderMedia);
}
