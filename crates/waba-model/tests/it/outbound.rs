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

    assert!(matches!(
        read("interactive_cta_url.json").body,
        OutboundBody::Interactive(Interactive::Other(_))
    ));

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
        TemplateComponent::Button { sub_type: ButtonSubType::Url, index: 1, parameters }
            if parameters == &vec![ButtonParameter::Text("order/1234".into())]
    ));

    let OutboundBody::Template(t) = read("template_unknown_parts.json").body else {
        panic!("not a template")
    };
    assert!(matches!(t.components[0], TemplateComponent::Other(_)));
    assert!(matches!(
        &t.components[1],
        TemplateComponent::Body { parameters } if matches!(parameters[0].value, ParameterValue::Other(_))
    ));
    assert!(matches!(
        &t.components[2],
        TemplateComponent::Button { sub_type: ButtonSubType::Other(s), index: 3, .. } if s == "flow"
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
    tpl.components.push(TemplateComponent::Button {
        sub_type: ButtonSubType::QuickReply,
        index: 0,
        parameters: vec![ButtonParameter::Payload("P".into())],
    });
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
        json!({"text":{"body":"a"}}),
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
    assert_eq!(serde_json::to_value(&parsed).unwrap()["to"], "16315551002");
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
fn unknown_types_are_kept() {
    let body = json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"1",
        "type":"contacts","contacts":[{"name":{"formatted_name":"A"}}]});
    let parsed: Outbound = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(parsed.body.kind(), "contacts");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
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
