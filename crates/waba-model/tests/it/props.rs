//! Properties: generated messages and send bodies serialize and parse back equal.

use proptest::prelude::*;
use waba_model::*;

fn content_strategy() -> impl Strategy<Value = (String, Content)> {
    prop_oneof![
        any::<String>().prop_map(|body| {
            let mut t = TextContent::default();
            t.body = Some(body);
            ("text".to_owned(), Content::Text(t))
        }),
        (
            any::<String>(),
            proptest::option::of(any::<String>()),
            any::<bool>()
        )
            .prop_map(|(id, caption, voice)| {
                let mut m = MediaContent::default();
                m.id = Some(id);
                m.caption = caption;
                m.voice = Some(voice);
                ("audio".to_owned(), Content::Audio(m))
            }),
        (
            "-?(0|[1-9][0-9]{0,39})(\\.[0-9]{1,20})?",
            proptest::option::of(any::<String>())
        )
            .prop_map(|(lat, name)| {
                let mut l = LocationContent::default();
                l.latitude = Some(serde_json::from_str(&lat).unwrap());
                l.name = name;
                ("location".to_owned(), Content::Location(l))
            }),
        ("[a-z_]{1,12}", "\\{\"[a-z]{1,5}\":(0|[1-9][0-9]{0,29})\\}").prop_filter_map(
            "known kinds",
            |(kind, raw)| {
                let known = [
                    "text",
                    "image",
                    "video",
                    "audio",
                    "voice",
                    "document",
                    "sticker",
                    "location",
                    "contacts",
                    "interactive",
                    "button",
                    "reaction",
                    "order",
                    "system",
                    "revoke",
                    "edit",
                    "unsupported",
                ];
                (!known.contains(&kind.as_str()) && !is_message_field(&kind))
                    .then(|| (kind, Content::Unknown(RawJson::from_string(raw).unwrap())))
            }
        ),
    ]
}

fn is_message_field(k: &str) -> bool {
    [
        "from",
        "from_user_id",
        "from_parent_user_id",
        "to",
        "to_user_id",
        "to_parent_user_id",
        "id",
        "timestamp",
        "type",
        "context",
        "referral",
        "errors",
    ]
    .contains(&k)
}

prop_compose! {
    fn message()(
        from in proptest::option::of("[0-9]{1,15}"),
        id in any::<String>(),
        seconds in any::<i64>(),
        (kind, content) in content_strategy(),
        extras in proptest::collection::vec(("[A-Za-z_]{1,10}", "-?(0|[1-9][0-9]{0,59})"), 0..4),
        forwarded in proptest::option::of(any::<bool>()),
    ) -> Message {
        let mut m = Message::default();
        m.from = from;
        m.id = Some(id);
        m.timestamp = Some(Timestamp::from_seconds(seconds));
        m.kind = Some(kind.clone());
        m.content = Some(content);
        if let Some(f) = forwarded {
            let mut c = Context::default();
            c.forwarded = Some(f);
            m.context = Some(c);
        }
        for (k, v) in extras {
            if !is_message_field(&k) && k != kind {
                m.extra.0.push((k, RawJson::from_string(v).unwrap()));
            }
        }
        m
    }
}

proptest! {
    #[test]
    fn generated_messages_round_trip(messages in proptest::collection::vec(message(), 1..5)) {
        let mut value = ChangeValue::default();
        value.messages = Some(List(messages.into_iter().map(Slot::Ok).collect()));
        let hook = Webhook::Legacy(value);
        let text = hook.to_json_string().unwrap();
        let again = Webhook::parse(text.as_bytes()).unwrap();
        prop_assert_eq!(again, hook);
    }

    #[test]
    fn text_bodies_round_trip(body in "\\PC{1,300}", preview in any::<bool>()) {
        let msg = Outbound::new(Text::new(body).unwrap().with_preview_url(preview));
        let json = serde_json::to_string(&msg).unwrap();
        prop_assert_eq!(serde_json::from_str::<Outbound>(&json).unwrap(), msg);
    }

    #[test]
    fn captions_are_checked_by_characters(n in 1000usize..1050) {
        let caption = "é".repeat(n);
        prop_assert_eq!(Media::id("1").with_caption(caption).is_ok(), n <= CAPTION_MAX);
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        waba_model::internal::webhook(&data);
    }
}
