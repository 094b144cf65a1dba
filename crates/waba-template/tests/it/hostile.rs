//! hostile-inputs.md groups 25–31: template placeholders and parameter values.

use waba_error::WabaError;
use waba_template::{Params, Rules, Template};

use crate::{body, code, render};

/// Each body text is refused with its code.
fn refused(cases: &[(&str, &str)]) {
    for (text, expected) in cases {
        assert_eq!(code(body(text)), *expected, "{text:?}");
    }
}

#[test]
fn group_25_numbers() {
    refused(&[
        ("{{0}}", "template.placeholder_zero"),
        ("{{01}}", "template.placeholder_leading_zero"),
        ("{{1.5}}", "template.placeholder_invalid"),
        ("{{-1}}", "template.placeholder_invalid"),
    ]);
    let e = body("ab {{99999999999999999999}}").unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("template.placeholder_too_large", Some(3))
    );
}

#[test]
fn group_26_spacing_and_digits() {
    refused(&[
        ("{{ 1 }}", "template.placeholder_whitespace"),
        ("{{1 }}", "template.placeholder_whitespace"),
        ("{{\t1}}", "template.placeholder_whitespace"),
        ("{{１}}", "template.placeholder_invalid"),
        ("{{١}}", "template.placeholder_invalid"),
    ]);
}

#[test]
fn group_27_braces() {
    refused(&[
        ("{{1", "template.placeholder_unclosed"),
        ("a }} b", "template.placeholder_stray_brace"),
        ("{{{1}}}", "template.placeholder_stray_brace"),
        ("{{{{1}}}}", "template.placeholder_stray_brace"),
        ("{{}}", "template.placeholder_empty"),
        ("{{1}}}", "template.placeholder_stray_brace"),
        ("{{1} }", "template.placeholder_unclosed"),
    ]);
    // Single braces are text.
    let t = body("{1} and {x}").unwrap();
    assert_eq!(render(&t, &[]).unwrap().preview, "{1} and {x}");
}

#[test]
fn group_28_gaps_order_repeats() {
    assert_eq!(code(body("{{2}}")), "template.placeholder_gap");
    let t = body("{{3}}{{1}}{{2}}").unwrap();
    assert_eq!(render(&t, &["a", "b", "c"]).unwrap().preview, "cab");
    let t = body("{{1}}-{{1}}").unwrap();
    assert_eq!(t.positional_count(), 1);
    assert_eq!(render(&t, &["x"]).unwrap().preview, "x-x");
    let many: String = (1..=1000).map(|i| format!("{{{{{i}}}}}")).collect();
    assert_eq!(code(body(&many)), "template.body_too_long");
    let t = body("{{1}}").unwrap();
    assert_eq!(render(&t, &["whole"]).unwrap().preview, "whole");
}

#[test]
fn group_29_no_double_expansion() {
    let t = body("A {{1}} B {{2}}").unwrap();
    let r = render(&t, &["{{2}}", "$Contact.FirstName$"]).unwrap();
    assert_eq!(r.preview, "A {{2}} B $Contact.FirstName$");
    assert_eq!(
        r.message.to_json()["components"][0]["parameters"][0]["text"],
        "{{2}}"
    );
}

#[test]
fn group_30_values() {
    let t = crate::with(serde_json::json!([
        {"type": "HEADER", "format": "TEXT", "text": "{{1}}"}, {"type": "BODY", "text": "b"}]))
    .unwrap();
    assert_eq!(code(render(&t, &["a\nb"])), "template.param_has_newline");
    assert_eq!(
        code(render(&t, &["a     b"])),
        "template.param_too_many_spaces"
    );
    assert_eq!(code(render(&t, &["a\tb"])), "template.param_has_tab");
    // Leading and trailing spaces (up to four), RTL override and combining marks are kept as given.
    let r = render(&t, &[" a\u{202E}e\u{301} "]).unwrap();
    assert!(r.preview.starts_with(" a\u{202E}e\u{301} \n"));
    // Meta counts Unicode scalar values (decision 0200): the family emoji (25 bytes, 11 UTF-16
    // units, 1 grapheme) is 7 characters; 8 fit a header parameter with 4 more, 9 do not.
    let fam = "👨‍👩‍👧‍👦";
    assert!(render(&t, &[format!("{}abcd", fam.repeat(8)).as_str()]).is_ok());
    let e = render(&t, &[fam.repeat(9).as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.actual()),
        ("template.param_too_long", Some(63))
    );
    // 60 astral emoji are 60 characters but 120 UTF-16 units: accepted.
    assert!(render(&t, &["😀".repeat(60).as_str()]).is_ok());
    assert!(render(&t, &["😀".repeat(61).as_str()]).is_err());
}

#[test]
fn group_31_counts_and_sizes() {
    let t = body("{{1}} {{2}}").unwrap();
    assert_eq!(code(render(&t, &["a"])), "template.param_count_mismatch");
    assert_eq!(
        code(render(&t, &["a", "b", "c"])),
        "template.param_count_mismatch"
    );
    assert_eq!(code(render(&t, &["a", ""])), "template.param_empty");
    let mb = "x".repeat(1 << 20);
    let e = render(&t, &["a", mb.as_str()]).unwrap_err();
    assert_eq!(
        (e.code(), e.limit()),
        ("template.param_too_long", Some(32_768))
    );
    assert!(e.to_string().len() < 200);
}

#[test]
fn group_36_a_key_or_name_given_twice_is_refused() {
    let twice = r#"{"name": "a", "language": "en", "name": "b",
        "components": [{"type": "BODY", "text": "Hi"}]}"#;
    let e = Template::from_json(twice, &Rules::default()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("json.duplicate_key", Some("name")));
    let nested = r#"{"name": "a", "language": "en",
        "components": [{"type": "BODY", "text": "Hi {{1}}", "text": "Bye"}]}"#;
    let e = Template::from_json(nested, &Rules::default()).unwrap_err();
    assert_eq!(e.field(), Some("components[0].text"));
    let e = Params::try_named([("first", "Ana"), ("first", "Bea")]).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("template.param_duplicate", Some("first"))
    );
    assert_eq!(
        Params::try_named([("first", "Ana"), ("last", "B")])
            .unwrap()
            .named
            .len(),
        2
    );
}
