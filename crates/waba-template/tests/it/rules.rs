//! Every template rule broken by one, with its error code.

use waba_error::WabaError;

use serde_json::json;
use waba_template::{Params, Rules};

use crate::{body, code, render, with, with_rules};

/// `n` characters as Meta counts them (Unicode scalar values) that are `2n` UTF-16 units: each
/// limit is tested where UTF-16 counting would refuse and scalar counting accepts.
fn astral(n: usize) -> String {
    "😀".repeat(n)
}

/// `n` family emoji: `n` graphemes, `7n` characters as Meta counts them.
fn fam(n: usize) -> String {
    "👨‍👩‍👧‍👦".repeat(n)
}

#[test]
fn header_text_60() {
    let header = |t: String| {
        with(
            json!([{"type": "HEADER", "format": "TEXT", "text": t}, {"type": "BODY", "text": "b"}]),
        )
    };
    assert!(
        header(astral(60)).is_ok(),
        "60 characters, 120 UTF-16 units: Meta takes it"
    );
    let e = header(astral(61)).unwrap_err();
    assert_eq!(e.code(), "template.header_too_long");
    assert_eq!((e.limit(), e.actual()), (Some(60), Some(61)));
    // 9 graphemes but 63 characters: refused (a grapheme count would have let it through).
    let e = header(fam(9)).unwrap_err();
    assert_eq!(
        (e.code(), e.actual()),
        ("template.header_too_long", Some(63))
    );
    assert!(header(format!("{}abcd", fam(8))).is_ok(), "56 + 4 = 60");
}

#[test]
fn body_text_1024() {
    assert!(body(&"a".repeat(1024)).is_ok());
    let e = body(&"a".repeat(1025)).unwrap_err();
    assert_eq!(e.code(), "template.body_too_long");
    assert_eq!(e.actual(), Some(1025));
}

#[test]
fn footer_60_without_placeholders() {
    let f = |t: &str| with(json!([{"type": "BODY", "text": "b"}, {"type": "FOOTER", "text": t}]));
    assert!(f(&"é".repeat(60)).is_ok());
    assert_eq!(code(f(&"é".repeat(61))), "template.footer_too_long");
    assert_eq!(code(f("see {{1}}")), "template.footer_has_placeholder");
}

fn buttons(b: serde_json::Value) -> Result<waba_template::Template, waba_template::TemplateError> {
    with_rules(
        json!([{"type": "BODY", "text": "b"}, {"type": "BUTTONS", "buttons": b}]),
        &Rules::meta(),
    )
}

fn qr(n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| json!({"type": "QUICK_REPLY", "text": format!("q{i}")}))
        .collect()
}

#[test]
fn button_label_25() {
    assert!(buttons(json!([{"type": "QUICK_REPLY", "text": "x".repeat(25)}])).is_ok());
    let e = buttons(json!([{"type": "QUICK_REPLY", "text": "x".repeat(26)}])).unwrap_err();
    assert_eq!(e.code(), "template.button_label_too_long");
    assert_eq!(e.position(), Some(0));
    assert_eq!(
        code(buttons(json!([{"type": "QUICK_REPLY", "text": " "}]))),
        "template.button_label_missing"
    );
}

#[test]
fn ten_buttons_and_per_kind_caps() {
    assert!(buttons(json!(qr(10))).is_ok());
    let e = buttons(json!(qr(11))).unwrap_err();
    assert_eq!(e.code(), "template.too_many_buttons");
    assert_eq!((e.limit(), e.actual()), (Some(10), Some(11)));
    let url =
        |i: usize| json!({"type": "URL", "text": format!("u{i}"), "url": "https://example.com/"});
    assert!(buttons(json!([url(0), url(1)])).is_ok());
    assert_eq!(
        code(buttons(json!([url(0), url(1), url(2)]))),
        "template.too_many_url_buttons"
    );
    let phone = json!({"type": "PHONE_NUMBER", "text": "Call", "phone_number": "15550051310"});
    assert!(buttons(json!([phone])).is_ok());
    assert_eq!(
        code(buttons(json!([phone, phone]))),
        "template.too_many_phone_buttons"
    );
    let cc = json!({"type": "COPY_CODE", "example": "X"});
    assert!(buttons(json!([cc])).is_ok());
    assert_eq!(
        code(buttons(json!([cc, cc]))),
        "template.too_many_copy_code_buttons"
    );
}

#[test]
fn quick_replies_three_by_default_ten_with_meta() {
    let t = |n, rules: &Rules| {
        with_rules(
            json!([{"type": "BODY", "text": "b"}, {"type": "BUTTONS", "buttons": qr(n)}]),
            rules,
        )
    };
    assert!(t(3, &Rules::default()).is_ok());
    let e = t(4, &Rules::default()).unwrap_err();
    assert_eq!(e.code(), "template.too_many_quick_replies");
    assert_eq!(e.limit(), Some(3));
    assert!(matches!(
        e,
        waba_template::TemplateError::TooMany {
            what: waba_template::Counted::QuickReplies,
            ..
        }
    ));
    assert_eq!(e.to_string(), "4 quick_reply, at most 3 allowed");
    assert!(t(10, &Rules::meta()).is_ok());
}

#[test]
fn two_contiguous_groups() {
    let url = json!({"type": "URL", "text": "Go", "url": "https://example.com/"});
    let q = |t: &str| json!({"type": "QUICK_REPLY", "text": t});
    assert!(buttons(json!([q("a"), q("b"), url])).is_ok());
    assert!(buttons(json!([url, q("a"), q("b")])).is_ok());
    let e = buttons(json!([q("a"), url, q("b")])).unwrap_err();
    assert_eq!(e.code(), "template.buttons_not_grouped");
    assert_eq!(e.position(), Some(2));
}

#[test]
fn url_rules() {
    let u = |url: &str| buttons(json!([{"type": "URL", "text": "Go", "url": url}]));
    let base = "https://example.com/";
    assert!(u(&format!("{base}{}", "a".repeat(2000 - base.len()))).is_ok());
    let e = u(&format!("{base}{}", "a".repeat(2001 - base.len()))).unwrap_err();
    assert_eq!(e.code(), "template.url_too_long");
    assert_eq!(e.actual(), Some(2001));
    assert_eq!(code(u("http://example.com/")), "template.url_not_allowed");
    assert_eq!(
        code(u("https://user@example.com/")),
        "template.url_not_allowed"
    );
    assert_eq!(code(u("javascript:alert(1)")), "template.url_not_allowed");
    assert!(u("https://example.com/o/{{1}}").is_ok());
    assert_eq!(
        code(u("https://example.com/{{1}}/{{2}}")),
        "template.url_too_many_variables"
    );
    assert_eq!(
        code(u("https://example.com/{{1}}/x")),
        "template.url_variable_not_at_end"
    );
    assert_eq!(code(u("https://{{1}}")), "template.url_not_allowed");
}

#[test]
fn url_suffix_filled_url_2000() {
    let base = "https://example.com/";
    let t =
        buttons(json!([{"type": "URL", "text": "Go", "url": format!("{base}{{{{1}}}}")}])).unwrap();
    assert!(render(&t, &["a".repeat(2000 - base.len()).as_str()]).is_ok());
    let e = render(&t, &["a".repeat(2001 - base.len()).as_str()]).unwrap_err();
    assert_eq!(e.code(), "template.text_too_long");
    assert_eq!(e.meta_code(), Some(132_005));
}

#[test]
fn header_one_placeholder() {
    let h = |t: &str| {
        with(
            json!([{"type": "HEADER", "format": "TEXT", "text": t}, {"type": "BODY", "text": "b {{1}}"}]),
        )
    };
    assert!(h("Hi {{1}}").is_ok());
    let e = h("Hi {{1}} {{2}}").unwrap_err();
    assert_eq!(e.code(), "template.header_too_many_placeholders");
    assert_eq!((e.limit(), e.actual()), (Some(1), Some(2)));
}

#[test]
fn placeholders_from_one_without_gaps_never_mixed() {
    assert!(body("{{1}} {{2}} {{1}}").is_ok());
    let e = body("{{1}} {{3}}").unwrap_err();
    assert_eq!(e.code(), "template.placeholder_gap");
    assert_eq!(e.position(), Some(2));
    assert_eq!(code(body("{{2}}")), "template.placeholder_gap");
    let e = body("{{1}} and {{name}}").unwrap_err();
    assert_eq!(e.code(), "template.placeholder_mixed");
    assert_eq!(e.position(), Some(10));
    let def = json!({"name": "t", "language": "en", "parameter_format": "NAMED",
        "components": [{"type": "BODY", "text": "{{1}}"}]});
    assert_eq!(
        code(waba_template::Template::from_json(
            &def.to_string(),
            &Rules::default()
        )),
        "template.placeholder_mixed"
    );
}

#[test]
fn param_whitespace_132018() {
    let t = body("x {{1}} y").unwrap();
    assert!(render(&t, &["a    b"]).is_ok());
    let e = render(&t, &["a     b"]).unwrap_err();
    assert_eq!(e.code(), "template.param_too_many_spaces");
    assert_eq!(
        (e.meta_code(), e.position(), e.limit()),
        (Some(132_018), Some(1), Some(4))
    );
    assert_eq!(code(render(&t, &["a\nb"])), "template.param_has_newline");
    assert_eq!(code(render(&t, &["a\r"])), "template.param_has_newline");
    assert_eq!(code(render(&t, &["a\tb"])), "template.param_has_tab");
    let e = render(&t, &[""]).unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code()),
        ("template.param_empty", Some(131_008))
    );
}

#[test]
fn param_lengths() {
    let h = with(json!([{"type": "HEADER", "format": "TEXT", "text": "{{1}}"}, {"type": "BODY", "text": "b"}])).unwrap();
    assert!(render(&h, &[astral(60).as_str()]).is_ok());
    let e = render(&h, &[astral(61).as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.limit()),
        ("template.param_too_long", Some("header_param"), Some(60))
    );
    let e = render(&h, &[fam(9).as_str()]).unwrap_err();
    assert_eq!(e.actual(), Some(63));

    let b =
        with(json!([{"type": "BODY", "text": "{{1}}"}, {"type": "FOOTER", "text": "f"}])).unwrap();
    assert!(render(&b, &["a".repeat(1024).as_str()]).is_ok());
    let e = render(&b, &["a".repeat(1025).as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.limit()),
        ("template.param_too_long", Some(1024))
    );

    let only = body("{{1}}").unwrap();
    assert!(render(&only, &["a".repeat(32_768).as_str()]).is_ok());
    let e = render(&only, &["a".repeat(32_769).as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.limit()),
        ("template.param_too_long", Some(32_768))
    );
}

#[test]
fn rendered_body_1024_is_132005() {
    let t = with(json!([{"type": "BODY", "text": format!("{}{{{{1}}}}", "a".repeat(1000))}, {"type": "FOOTER", "text": "f"}])).unwrap();
    assert!(render(&t, &["b".repeat(24).as_str()]).is_ok());
    let e = render(&t, &["b".repeat(25).as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code(), e.actual()),
        ("template.text_too_long", Some(132_005), Some(1025))
    );
}

#[test]
fn count_and_names_132000() {
    let t = body("{{1}} {{2}}").unwrap();
    let e = render(&t, &["a"]).unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code()),
        ("template.param_count_mismatch", Some(132_000))
    );
    assert_eq!((e.limit(), e.actual()), (Some(2), Some(1)));
    assert_eq!(
        code(render(&t, &["a", "b", "c"])),
        "template.param_count_mismatch"
    );

    let n = body("Hi {{first_name}}, {{order_id}} {{first_name}}").unwrap();
    assert_eq!(n.names(), ["first_name", "order_id"]);
    let r = n
        .render(&Params::named([("first_name", "Ana"), ("order_id", "7")]))
        .unwrap();
    assert_eq!(r.preview, "Hi Ana, 7 Ana");
    let j = r.message.to_json();
    assert_eq!(
        j["components"][0]["parameters"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        j["components"][0]["parameters"][0]["parameter_name"],
        "first_name"
    );
    let e = n
        .render(&Params::named([("first_name", "Ana")]))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.meta_code()),
        ("template.param_missing", Some("order_id"), Some(132_000))
    );
    let e = n
        .render(&Params::named([
            ("first_name", "Ana"),
            ("order_id", "7"),
            ("x", "y"),
        ]))
        .unwrap_err();
    assert_eq!(e.code(), "template.param_unknown");
}

#[test]
fn structure() {
    assert_eq!(
        code(with(json!([{"type": "FOOTER", "text": "f"}]))),
        "template.body_missing"
    );
    assert_eq!(
        code(waba_template::Template::from_json("{", &Rules::default())),
        "template.definition_invalid"
    );
    assert_eq!(
        code(waba_template::Template::from_json("[]", &Rules::default())),
        "template.definition_invalid"
    );
}

#[test]
fn header_values_come_first_whatever_the_component_order() {
    let t = with(json!([{"type": "BODY", "text": "body {{1}}"},
        {"type": "HEADER", "format": "TEXT", "text": "head {{1}}"}]))
    .unwrap();
    let r = render(&t, &["H", "B"]).unwrap();
    assert_eq!(r.preview, "head H\nbody B");
}

#[test]
fn phone_number_20_and_name_512() {
    let p = |n: &str| buttons(json!([{"type": "PHONE_NUMBER", "text": "Call", "phone_number": n}]));
    assert!(p(&"1".repeat(20)).is_ok());
    let e = p(&"1".repeat(21)).unwrap_err();
    assert_eq!((e.code(), e.limit()), ("template.phone_too_long", Some(20)));
    let def = |name: String| json!({"name": name, "language": "en", "components": [{"type": "BODY", "text": "b"}]});
    assert!(
        waba_template::Template::from_json(&def("n".repeat(512)).to_string(), &Rules::default())
            .is_ok()
    );
    assert_eq!(
        code(waba_template::Template::from_json(
            &def("n".repeat(513)).to_string(),
            &Rules::default()
        )),
        "template.name_too_long"
    );
}

#[test]
fn button_kinds_are_typed_and_unknown_ones_kept() {
    use waba_template::{Button, ButtonKind};
    let kinds = [
        ButtonKind::QuickReply,
        ButtonKind::Url,
        ButtonKind::PhoneNumber,
        ButtonKind::CopyCode,
        ButtonKind::Otp,
        ButtonKind::Catalog,
        ButtonKind::Mpm,
        ButtonKind::Spm,
        ButtonKind::Flow,
        ButtonKind::VoiceCall,
    ];
    for k in kinds {
        assert_eq!(ButtonKind::from_wire(k.as_str()), k);
    }
    let read = |v: serde_json::Value| serde_json::from_value::<Button>(v).unwrap();
    let otp = read(json!({"type": "OTP", "otp_type": "COPY_CODE"}));
    assert_eq!(otp.kind(), ButtonKind::Otp);
    let app = json!({"type": "APP_DEEPLINK", "text": "Open"});
    let b = read(app.clone());
    assert_eq!(b.kind(), ButtonKind::Other("APP_DEEPLINK".into()));
    assert_eq!(serde_json::to_value(&b).unwrap(), app);
    assert_eq!(Button::quick_reply("Yes").kind(), ButtonKind::QuickReply);
    assert_eq!(
        serde_json::to_value(Button::quick_reply("Yes")).unwrap(),
        json!({"type": "QUICK_REPLY", "text": "Yes"})
    );
}
