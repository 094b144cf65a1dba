//! The guide's automatic notification, drafts, and the text byte budget.

use waba_error::WabaError;

use waba_model::{Parameter, TemplateComponent, TemplateLanguage, TemplateMessage};
use waba_template::{
    automatic_notification, check_text_budget, conform_draft, truncate_to_budget, validate_send,
};

const TEXT: &str = "Thank you for your patience! {{1}}";

#[test]
fn the_guides_example_exactly() {
    let (message, preview) = automatic_notification(
        TEXT,
        "patience",
        "en",
        "We recommend rebooting your device to resolve the issue",
    )
    .unwrap();
    assert_eq!(
        preview,
        "Thank you for your patience! We recommend rebooting your device to resolve the issue"
    );
    let j = message.to_json();
    assert_eq!(j["name"], "patience");
    assert_eq!(j["language"]["code"], "en");
    assert_eq!(j["components"][0]["type"], "body");
    assert_eq!(
        j["components"][0]["parameters"][0]["text"],
        "We recommend rebooting your device to resolve the issue"
    );
    validate_send(&message).unwrap();
}

#[test]
fn genesys_id_maps_to_the_element_name() {
    let (m, _) = automatic_notification(TEXT, "b1c2_d3@late_reply", "en_US", "Hi").unwrap();
    assert_eq!(m.name, "late_reply");
}

#[test]
fn drafts_breaking_the_rules_are_typed_errors() {
    let e = automatic_notification(TEXT, "n", "en", "Line one\nline two").unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.position()),
        ("template.param_has_newline", Some("draft"), Some(8))
    );
    let e = automatic_notification(TEXT, "n", "en", "a\tb").unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("template.param_has_tab", Some(1))
    );
    let e = automatic_notification(TEXT, "n", "en", "a     b").unwrap_err();
    assert_eq!(
        (e.code(), e.position(), e.meta_code()),
        ("template.param_too_many_spaces", Some(1), Some(132_018))
    );
    assert_eq!(
        automatic_notification(TEXT, "n", "en", "  ")
            .unwrap_err()
            .code(),
        "template.draft_empty"
    );
    // A value is never expanded again.
    let (_, p) = automatic_notification(TEXT, "n", "en", "{{1}} $Contact.FirstName$").unwrap();
    assert_eq!(p, "Thank you for your patience! {{1}} $Contact.FirstName$");
}

#[test]
fn conform_is_explicit_and_minimal() {
    let c = conform_draft("Line one\nline two\t\tend      !");
    assert_eq!(c, "Line one line two  end    !");
    let (_, p) = automatic_notification(TEXT, "n", "en", &c).unwrap();
    assert!(p.ends_with(&c));
}

#[test]
fn text_budget_counts_bytes() {
    let e = check_text_budget(&"é".repeat(2049), 4096).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("template.message_too_large", Some(4096), Some(4098))
    );
    assert!(check_text_budget(&"é".repeat(2048), 4096).is_ok());
    let fam = "👨‍👩‍👧‍👦";
    let s = format!("{}{fam}", "a".repeat(4080));
    assert_eq!(truncate_to_budget(&s, 4096), "a".repeat(4080));
    assert_eq!(truncate_to_budget(&s, 4105), s);
}

#[test]
fn send_bodies_are_checked() {
    let mut m = TemplateMessage::new("n", TemplateLanguage::new("en"));
    m.components.push(TemplateComponent::Body {
        parameters: vec![Parameter::text("a\nb")],
    });
    assert_eq!(
        validate_send(&m).unwrap_err().code(),
        "template.param_has_newline"
    );
    m.components = vec![TemplateComponent::Body {
        parameters: vec![Parameter::text("a"), Parameter::named("x", "b")],
    }];
    assert_eq!(
        validate_send(&m).unwrap_err().code(),
        "template.placeholder_mixed"
    );
    m.components = vec![TemplateComponent::Header {
        parameters: vec![Parameter::text("h".repeat(61))],
    }];
    assert_eq!(
        validate_send(&m).unwrap_err().code(),
        "template.param_too_long"
    );
}
