//! Outbound send bodies: round trips on Meta's JSON, constructors, limits.

use waba_error::WabaError;

use serde_json::{Value, json};
use waba_model::*;

use crate::{fixtures, json_files};

#[test]
fn every_fixture_round_trips_canonically() {
    let files = json_files(&fixtures("outbound"));
    assert!(files.len() >= 15, "fixtures missing");
    for (name, text) in files {
        let original: Value = serde_json::from_str(&text).unwrap();
        let parsed: Outbound =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back = serde_json::to_value(&parsed).unwrap();
        assert_eq!(back, original, "{name}");
        let again: Outbound = serde_json::from_value(back).unwrap();
        assert_eq!(again, parsed, "{name}");
    }
}

#[test]
fn fixtures_read_as_the_typed_variants() {
    let read = |name: &str| -> Outbound {
        let text = std::fs::read_to_string(fixtures("outbound").join(name)).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let OutboundBody::Interactive(Interactive::Button(b)) = read("interactive_button.json").body
    else {
        panic!("not a button message")
    };
    assert_eq!(b.buttons.len(), 2);
    assert_eq!(b.buttons[1].title, "Cancel");
    assert!(matches!(
        b.header,
        Some(InteractiveHeader::Image(MediaSource::Link(_)))
    ));

    let OutboundBody::Interactive(Interactive::List(l)) = read("interactive_list.json").body else {
        panic!("not a list message")
    };
    assert_eq!(l.sections[0].rows[1].description, None);
    assert_eq!(l.button, "Shipping Options");

    let OutboundBody::Interactive(Interactive::CtaUrl(cta)) = read("interactive_cta_url.json").body
    else {
        panic!("not a CTA URL message")
    };
    assert_eq!(cta.display_text, "See Dates");

    let OutboundBody::Template(t) = read("template_full.json").body else {
        panic!("not a template")
    };
    assert_eq!(t.language.policy.as_deref(), Some("deterministic"));
    assert!(matches!(
        &t.components[1],
        TemplateComponent::Body { parameters } if matches!(
            parameters[1].value, ParameterValue::Currency { amount_1000: 100_990, .. })
    ));
    assert!(matches!(
        &t.components[3],
        TemplateComponent::Button { sub_type: ButtonSubType::Url, index: 1, parameters, .. }
            if parameters == &vec![ButtonParameter::Text("order/1234".into())]
    ));

    let OutboundBody::Template(t) = read("template_unknown_parts.json").body else {
        panic!("not a template")
    };
    assert!(matches!(
        t.components[0],
        TemplateComponent::LimitedTimeOffer {
            expiration_time_ms: 1_209_600_000
        }
    ));
    assert!(matches!(
        &t.components[1],
        TemplateComponent::Body { parameters } if matches!(&parameters[0].value,
            ParameterValue::Location(l) if l.coordinates_as_text && l.latitude == 1.5)
    ));
    assert!(matches!(
        &t.components[2],
        TemplateComponent::Button { sub_type: ButtonSubType::Flow, index: 3, parameters, .. }
            if matches!(&parameters[0], ButtonParameter::Action(a) if a.flow_token.as_deref() == Some("abc"))
    ));

    let msg = read("text_reply_bsuid.json");
    assert!(matches!(msg.to, Some(Identity::Bsuid(_))));
    assert!(msg.context.is_some());
    assert_eq!(read("audio.json").to, None);
}

#[test]
fn builders_produce_metas_json() {
    let list = ListMessage::new(
        "Pick one",
        "Options",
        vec![Section::new(
            Some("A".into()),
            vec![Row::new("r1", "Row 1")],
        )],
    );
    let msg = Outbound::new(Interactive::List(list)).to("16315551002".parse::<Identity>().unwrap());
    assert_eq!(
        serde_json::to_value(&msg).unwrap(),
        json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"16315551002",
            "type":"interactive","interactive":{"type":"list","body":{"text":"Pick one"},
            "action":{"button":"Options","sections":[{"title":"A","rows":[{"id":"r1","title":"Row 1"}]}]}}})
    );

    let mut tpl = TemplateMessage::new("hello", TemplateLanguage::new("en_US"));
    tpl.components.push(TemplateComponent::Body {
        parameters: vec![Parameter::named("name", "Ana"), Parameter::text("x")],
    });
    tpl.components.push(TemplateComponent::button(
        ButtonSubType::QuickReply,
        0,
        vec![ButtonParameter::Payload("P".into())],
    ));
    let v = serde_json::to_value(Outbound::new(tpl)).unwrap();
    assert_eq!(v["template"]["components"][1]["index"], "0");
    assert_eq!(
        v["template"]["components"][0]["parameters"][0]["parameter_name"],
        "name"
    );
    assert!(v.get("to").is_none());

    let doc = Media::id("123").with_filename("a.pdf");
    let v = serde_json::to_value(Outbound::new(OutboundBody::Document(doc))).unwrap();
    assert_eq!(v["document"], json!({"id":"123","filename":"a.pdf"}));
}

#[test]
fn text_limit_counts_characters() {
    assert!(Text::new("é".repeat(TEXT_BODY_MAX)).is_ok());
    let err = Text::new("é".repeat(TEXT_BODY_MAX + 1)).unwrap_err();
    assert_eq!(err.code(), "outbound.text_too_long");
    assert_eq!(err.limit(), Some(4096));
    assert_eq!(err.actual(), Some(4097));
    assert_eq!(Text::new("").unwrap_err().code(), "outbound.text_empty");
    // An over-long body is refused when read from JSON too, never cut.
    let body = json!({"type":"text","text":{"body":"x".repeat(5000)}});
    assert!(serde_json::from_value::<Outbound>(body).is_err());
}

#[test]
fn caption_limit_counts_characters() {
    assert!(
        Media::id("1")
            .with_caption("😀".repeat(CAPTION_MAX))
            .is_ok()
    );
    let err = Media::id("1")
        .with_caption("😀".repeat(CAPTION_MAX + 1))
        .unwrap_err();
    assert_eq!(err.code(), "outbound.caption_too_long");
    assert_eq!((err.limit(), err.actual()), (Some(1024), Some(1025)));
    let body = json!({"type":"image","image":{"id":"1","caption":"x".repeat(1025)}});
    assert!(serde_json::from_value::<Outbound>(body).is_err());
}

#[test]
fn malformed_bodies_are_errors() {
    for body in [
        json!({"type":"image","image":{"id":"1","link":"https://x"}}),
        json!({"type":"image","image":{}}),
        json!({"to":"1","recipient":"US.1","type":"text","text":{"body":"a"}}),
        json!({"to":"abc","type":"text","text":{"body":"a"}}),
        json!({"type":"text","text":{"body":"a","extra":1}}),
        json!({"messaging_product":"sms","type":"text","text":{"body":"a"}}),
        json!({"type":"location","location":{"latitude":"1","longitude":2}}),
        json!({"type":"location","location":{"latitude":"1e1","longitude":"2"}}),
        json!({"type":"location","location":{"latitude":" 1","longitude":"2"}}),
        json!({"text":{"body":"a"},"image":{"id":"1"}}),
        json!([1]),
    ] {
        assert!(
            serde_json::from_value::<Outbound>(body.clone()).is_err(),
            "{body}"
        );
    }
}

#[test]
fn phone_recipients_are_sent_as_digits() {
    let body = json!({"to":"+16315551002","type":"text","text":{"body":"a"}});
    let parsed: Outbound = serde_json::from_value(body).unwrap();
    assert_eq!(
        parsed.to.as_ref().map(Identity::as_str),
        Some("+16315551002")
    );
    // Written back as it came; a body built here is written as digits.
    assert_eq!(serde_json::to_value(&parsed).unwrap()["to"], "+16315551002");
    let built = Outbound::text("a").unwrap().to(parsed.to.clone().unwrap());
    assert_eq!(built.to_json()["to"], "16315551002");
    let err = serde_json::from_value::<Outbound>(
        json!({"recipient":"us.1","type":"text","text":{"body":"a"}}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("invalid recipient"), "{err}");
    let err =
        Outbound::from_json(json!({"to":"12ab","type":"text","text":{"body":"a"}})).unwrap_err();
    assert_eq!(err.code(), "outbound.invalid_recipient");
}

#[test]
fn contacts_are_typed_and_closed() {
    let body = json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"1",
        "type":"contacts","contacts":[{"name":{"formatted_name":"A"},"phones":[{"phone":"+1 650","type":"CELL"}]}]});
    let parsed: Outbound = serde_json::from_value(body.clone()).unwrap();
    let OutboundBody::Contacts(cards) = &parsed.body else {
        panic!("not contacts")
    };
    assert_eq!(
        cards[0].name.as_ref().unwrap().formatted_name.as_deref(),
        Some("A")
    );
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    let mut bad = body.clone();
    bad["contacts"][0]["phones"][0]["fax"] = json!(1);
    let e = Outbound::from_json(bad).unwrap_err();
    assert_eq!(e.field(), Some("contacts[0].phones[0].fax"));
}

#[test]
fn nothing_unknown_passes_and_every_refusal_names_its_path() {
    let cases = [
        (
            json!({"type":"pool","pool":{}}),
            "outbound.unknown_type",
            "type",
        ),
        (
            json!({"type":"text","text":{"body":"a"},"x":1}),
            "outbound.unknown_key",
            "x",
        ),
        (
            json!({"type":"interactive","interactive":{"type":"carousel_v2","body":{"text":"a"}}}),
            "outbound.unknown_type",
            "interactive.type",
        ),
        (
            json!({"type":"interactive","interactive":{"type":"button","body":{"text":"a"}}}),
            "outbound.missing_field",
            "interactive.action",
        ),
        (
            json!({"type":"interactive","interactive":{"type":"list","body":{"text":"a"},"action":{"button":"b"}}}),
            "outbound.missing_field",
            "interactive.action.sections",
        ),
        (
            json!({"type":"interactive","interactive":{"type":"button","body":{"text":"a"},
                "action":{"buttons":[{"type":"reply","reply":{"id":"1","title":"t","x":1}}]}}}),
            "outbound.unknown_key",
            "interactive.action.buttons[0].reply.x",
        ),
        (
            json!({"type":"template","template":{"name":"n","language":{"code":"en"},
                "components":[{"type":"body","parameters":[{"type":"text","text":"a\nb","x":1}]}]}}),
            "outbound.unknown_key",
            "template.components[0].parameters[0].x",
        ),
        (
            json!({"type":"template","template":{"name":"n","language":{"code":"en"},
                "components":[{"type":"button","sub_type":"url","index":"10","parameters":[]}]}}),
            "outbound.invalid_value",
            "template.components[0].index",
        ),
        (
            json!({"type":"audio","audio":{"id":"1","caption":"c"}}),
            "outbound.unknown_key",
            "audio.caption",
        ),
        (
            json!({"type":"image","image":{"id":"1","filename":"a"}}),
            "outbound.unknown_key",
            "image.filename",
        ),
        (
            json!({"type":"text","text":{"body":null}}),
            "outbound.wrong_type",
            "text.body",
        ),
        (
            json!({"recipient_type":"group","to":"1","type":"text","text":{"body":"a"}}),
            "outbound.invalid_value",
            "recipient_type",
        ),
    ];
    for (body, code, field) in cases {
        let e = Outbound::from_json(body.clone()).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{body}: {e}");
        assert!(e.meta_code().is_some(), "{body}");
    }
    let missing = Outbound::from_json(
        json!({"type":"interactive","interactive":{"type":"button","body":{"text":"a"}}}),
    )
    .unwrap_err();
    assert_eq!(missing.meta_code(), Some(131_008));
}

#[test]
fn type_may_be_left_out_and_is_written_back_as_it_came() {
    for body in [
        json!({"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"a","preview_url":true}}),
        json!({"messaging_product":"whatsapp","to":"16505551234","image":{"id":"1"}}),
    ] {
        let parsed = Outbound::from_json(body.clone()).unwrap();
        assert_eq!(parsed.to_json(), body);
    }
    let e = Outbound::from_json(json!({"image":{"id":"1"},"video":{"id":"2"}})).unwrap_err();
    assert_eq!(e.code(), "outbound.unknown_key");
}

static_assertions::assert_impl_all!(Outbound: Send, Sync, Clone);
static_assertions::assert_impl_all!(ModelError: Send, Sync, std::error::Error);

#[test]
fn coordinates_are_finite_and_in_range() {
    assert!(Location::new(37.44, -122.16).is_ok());
    assert!(Location::new(90.0, 180.0).is_ok());
    for (lat, lon) in [
        (f64::NAN, 0.0),
        (0.0, f64::INFINITY),
        (90.5, 0.0),
        (0.0, -180.1),
    ] {
        let e = Location::new(lat, lon).unwrap_err();
        assert_eq!(e.code(), "outbound.invalid_coordinate");
    }
    let body = json!({"type":"location","location":{"latitude":91,"longitude":0}});
    assert!(serde_json::from_value::<Outbound>(body).is_err());
}

#[test]
fn a_draft_key_given_twice_is_refused_with_its_path() {
    for (text, path) in [
        (&br#"{"text":"a","text":"b"}"#[..], "text"),
        (
            br#"{"interactive":{"type":"button","type":"list","body":{"text":"a"}}}"#,
            "interactive.type",
        ),
        (
            br#"{"interactive":{"type":"button","body":{"text":"a"},"action":{"buttons":[{"type":"reply","reply":{"id":"1","title":"A","title":"B"}}]}}}"#,
            "interactive.action.buttons[0].reply.title",
        ),
    ] {
        let e = DraftDocument::from_slice(text).unwrap_err();
        assert_eq!((e.code(), e.field()), ("json.duplicate_key", Some(path)));
    }
    let big = format!(r#"{{"text":"{}"}}"#, "a".repeat(DRAFT_MAX_BYTES));
    let e = DraftDocument::from_slice(big.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "json.too_large");
    assert_eq!(e.limit(), Some(DRAFT_MAX_BYTES as u64));
    let e = DraftDocument::from_slice(br#"{"location":{"latitude":1e-999,"longitude":0}}"#)
        .unwrap_err();
    assert_eq!(e.code(), "json.inexact_number");
}
