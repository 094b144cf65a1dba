//! `waba template` against the contract.

use serde_json::Value;

use crate::{render, waba};

/// Writes one template definition of the pywa corpus (or any JSON) to a temp file.
fn file(tag: &str, json: &Value) -> String {
    let dir = std::env::temp_dir().join(format!("waba-cli-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tag}.json"));
    std::fs::write(&path, json.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

fn corpus(file_name: &str, name: &str) -> Value {
    let path = format!(
        "{}/../waba-template/tests/fixtures/pywa/{file_name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    all[name].clone()
}

#[test]
fn renders_preview_and_payload() {
    let f = file("seasonal", &corpus("buttons.json", "seasonal_promotion"));
    let r = render(
        &f,
        &[
            "--param",
            "Summer Sale",
            "--param",
            "August",
            "--param",
            "25OFF",
            "--param",
            "25%",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert!(
        j["preview"]
            .as_str()
            .unwrap()
            .starts_with("Our Summer Sale is on!\nShop now through August")
    );
    assert_eq!(j["payload"]["type"], "template");
    assert_eq!(j["payload"]["messaging_product"], "whatsapp");
    assert_eq!(j["payload"]["template"]["name"], "seasonal_promotion");
    assert_eq!(
        j["payload"]["template"]["components"][0]["parameters"][0]["text"],
        "Summer Sale"
    );
    assert_eq!(
        j["payload"]["template"]["components"][1]["parameters"][2]["text"],
        "25%"
    );
}

#[test]
fn url_suffix_comes_after_body_params() {
    let f = file(
        "lto",
        &corpus(
            "limited_time_offer.json",
            "limited_time_offer_caribbean_pkg_2023",
        ),
    );
    let r = render(
        &f,
        &[
            "--param",
            "Pablo",
            "--param",
            "CARIBE25",
            "--param",
            "n3mtql",
            "--coupon-code",
            "CARIBE25",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let comps = r.json()["payload"]["template"]["components"].clone();
    let url = comps
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sub_type"] == "url")
        .unwrap()
        .clone();
    assert_eq!(url["parameters"][0]["text"], "n3mtql");
    assert_eq!(url["index"], "1");
}

#[test]
fn named_values() {
    let def = serde_json::json!({"name": "n", "language": "en", "parameter_format": "NAMED",
        "components": [{"type": "BODY", "text": "Hi {{first_name}}!"}]});
    let f = file("named", &def);
    let r = render(&f, &["--named", "first_name=Ana = B"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["preview"], "Hi Ana = B!");
    assert_eq!(
        j["payload"]["template"]["components"][0]["parameters"][0]["parameter_name"],
        "first_name"
    );
}

#[test]
fn refusals_exit_1_with_error_object() {
    let f = file("count", &corpus("buttons.json", "order_delivery_update"));
    let r = render(&f, &["--param", "Mark"]);
    assert_eq!(r.code, 1);
    let e = r.json()["error"].clone();
    assert_eq!(e["code"], "template.param_count_mismatch");
    assert_eq!(
        (e["limit"].as_u64(), e["actual"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(e["meta_code"], 132000);

    let r = render(&f, &["--param", "Mark", "--param", "a\tb"]);
    assert_eq!(r.code, 1);
    let e = r.json()["error"].clone();
    assert_eq!(e["code"], "template.param_has_tab");
    assert_eq!(e["position"], 1);

    let bad = file(
        "bad",
        &serde_json::json!({"name": "b", "language": "en",
        "components": [{"type": "BODY", "text": "x {{ 1 }}"}]}),
    );
    let r = render(&bad, &["--param", "v"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "template.placeholder_whitespace");
    assert_eq!(r.json()["error"]["position"], 2);

    let shape = file("shape", &serde_json::json!({"language": "en"}));
    let r = render(&shape, &[]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "template.definition_invalid");
}

#[test]
fn never_expands_a_value_again() {
    let f = file("expand", &corpus("buttons.json", "order_delivery_update"));
    let r = render(&f, &["--param", "{{2}}", "--param", "$Contact.FirstName$"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p = r.json()["preview"].as_str().unwrap().to_owned();
    assert!(
        p.starts_with("[location]\nGood news {{2}}! Your order #$Contact.FirstName$ is"),
        "{p}"
    );
    assert_eq!(r.json()["needs"][0], "header_media");
}

#[test]
fn usage_errors_exit_2() {
    let r = render("/nonexistent/t.json", &[]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    let f = file("notjson", &Value::String("x".into()));
    std::fs::write(&f, "{not json").unwrap();
    assert_eq!(render(&f, &[]).code, 2);
    let ok = file("ok", &corpus("buttons.json", "order_delivery_update"));
    assert_eq!(render(&ok, &["--named", "novalue"]).code, 2);
    assert_eq!(waba(&["template", "render"], b"").code, 2);
}

#[test]
fn a_corpus_file_with_several_templates_needs_a_name() {
    let path = format!(
        "{}/../waba-template/tests/fixtures/pywa/buttons.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = render(&path, &["--param", "x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--name"), "{}", r.stderr);
    let r = render(
        &path,
        &[
            "--name",
            "abandoned_cart",
            "--param",
            "Pablo",
            "--param",
            "10OFF",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.json()["preview"]
            .as_str()
            .unwrap()
            .starts_with("Forget something, Pablo?")
    );
    let one = file(
        "one",
        &serde_json::json!({"abandoned_cart": corpus("buttons.json", "abandoned_cart")}),
    );
    let r = render(&one, &["--param", "Pablo", "--param", "10OFF"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
