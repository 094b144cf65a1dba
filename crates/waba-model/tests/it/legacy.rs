//! The On-Premises shape, from fixtures written after the rules document (§1.9).

use serde_json::Value;
use waba_model::*;

use crate::{fixtures, json_files};

fn hook(name: &str) -> Webhook {
    let text = std::fs::read_to_string(fixtures("legacy").join(name)).unwrap();
    Webhook::parse(text.as_bytes()).unwrap()
}

#[test]
fn every_legacy_fixture_is_legacy_and_round_trips() {
    let files = json_files(&fixtures("legacy"));
    assert!(files.len() >= 8);
    for (name, text) in files {
        let hook = Webhook::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(hook.shape(), Shape::Legacy, "{name}");
        let back: Value = serde_json::from_str(&hook.to_json_string().unwrap()).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<Value>(&text).unwrap(),
            "{name}"
        );
        for m in hook.messages() {
            let m = m.unwrap();
            assert!(m.origin_time().is_ok(), "{name}");
            assert!(m.metadata.is_none());
            assert!(
                !matches!(m.message.content, Some(Content::Unparsed { .. }) | None),
                "{name}"
            );
        }
    }
}

#[test]
fn legacy_messages_are_typed() {
    let h = hook("voice.json");
    let m = h.messages().next().unwrap().unwrap();
    assert!(matches!(m.message.content, Some(Content::Voice(_))));
    assert_eq!(m.shape, Shape::Legacy);
    assert_eq!(m.profile_name(), Some("Kerry Fisher"));
    let attrs = InteractionAttributes::from_message(&m, "c", "s");
    assert_eq!(attrs.get("Subject"), Some("Voice message"));
    assert_eq!(attrs.get("_umsToAddr"), None);

    let h = hook("document_undownloaded.json");
    let m = h.messages().next().unwrap().unwrap();
    let Some(Content::Document(d)) = &m.message.content else {
        panic!()
    };
    assert_eq!(d.extra.get("status").unwrap().get(), "\"undownloaded\"");
    assert_eq!(m.sender().unwrap().as_str(), "+16315551234");
    assert!(m.contact.is_none());

    let h = hook("image_link.json");
    let m = h.messages().next().unwrap().unwrap();
    assert_eq!(
        m.message.id.as_deref(),
        Some("41"),
        "non-wamid ids are kept"
    );

    let h = hook("statuses.json");
    let s: Vec<_> = h.statuses().map(Result::unwrap).collect();
    assert_eq!(s[0].kind(), StatusKind::Read);
    assert!(
        s[1].closes_window(),
        "470 is the legacy re-engagement error"
    );
    assert_eq!(
        s[1].error_codes().next(),
        Some(ErrorCode::LegacyReEngagement)
    );

    let h = hook("errors.json");
    let e = h.errors().next().unwrap().unwrap();
    assert_eq!(e.error_code(), Some(ErrorCode::Other(1014)));
    assert!(
        e.extra.get("details").is_some(),
        "legacy top-level details kept"
    );
}
