//! Hostile inputs, groups 1 to 16 of `shared/reference/hostile-inputs.md`: each ends in a typed
//! error or a lossless result.

use waba_error::WabaError;

use serde_json::Value;
use waba_model::*;

fn cloud(messages: &str) -> String {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550001111","phone_number_id":"9"}},"messages":[{messages}]}}}}]}}]}}"#
    )
}

fn text_msg(id: &str, body: &str) -> String {
    format!(
        r#"{{"from":"16315551002","id":"{id}","timestamp":"1697043223","type":"text","text":{{"body":"{body}"}}}}"#
    )
}

/// Parses, checks the canonical round trip, and returns the webhook.
fn lossless(body: &str) -> Webhook {
    let hook = Webhook::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{e}: {body:.200}"));
    let back = hook.to_json_string().unwrap();
    assert_eq!(Webhook::parse(back.as_bytes()).unwrap(), hook);
    // Canonical equality where serde_json::Value can judge it.
    if let (Ok(a), Ok(b)) = (
        serde_json::from_str::<Value>(body),
        serde_json::from_str::<Value>(&back),
    ) {
        assert_eq!(a, b);
    }
    hook
}

fn err(body: &[u8]) -> WebhookError {
    Webhook::parse(body).unwrap_err()
}

#[test]
fn g01_body_size_is_checked_first() {
    let base = cloud(&text_msg("wamid.1", "x"));
    let exact = format!("{base}{}", " ".repeat(BODY_MAX_BYTES - base.len()));
    assert_eq!(exact.len(), BODY_MAX_BYTES);
    assert!(Webhook::parse(exact.as_bytes()).is_ok());
    let over = format!("{exact} ");
    let e = err(over.as_bytes());
    assert_eq!(e.code(), "webhook.too_large");
    assert_eq!((e.limit(), e.actual()), (Some(1_048_576), Some(1_048_577)));
    let huge = cloud(&text_msg("wamid.1", &"a".repeat(10 << 20)));
    assert_eq!(err(huge.as_bytes()).code(), "webhook.too_large");
    assert!(e.to_string().len() < 200);
}

#[test]
fn g02_nesting_is_capped_without_recursion() {
    let e = err("[".repeat(100_000).as_bytes());
    assert_eq!(e.code(), "webhook.too_deep");
    assert_eq!(e.limit(), Some(DEPTH_MAX as u64));
    let e = err(format!("{}1{}", "[".repeat(200), "]".repeat(200)).as_bytes());
    assert_eq!(e.code(), "webhook.too_deep");
    // Unclosed: refused as truncated, without recursion.
    assert_eq!(
        err(r#"{"a":"#.repeat(100_000).as_bytes()).code(),
        "webhook.syntax"
    );
    // Deep typed parts (edits of edits…) hit the limit.
    let mut msg = r#"{"type":"text","text":{"body":"a"}}"#.to_owned();
    for _ in 0..80 {
        msg = format!(r#"{{"type":"edit","edit":{{"original_message_id":"x","message":{msg}}}}}"#);
    }
    let e = err(cloud(&msg).as_bytes());
    assert_eq!(e.code(), "webhook.too_deep", "{e}");
    // Brackets inside strings do not count.
    lossless(&cloud(&text_msg("wamid.1", &"[{".repeat(1000))));
    // Unknown fields are skimmed without recursion and kept as they came, however deep.
    let nest = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let deep = cloud(&format!(
        r#"{{"id":"wamid.1","type":"text","text":{{"body":"a"}},"deep":{}}}"#,
        nest(10_000)
    ));
    let hook = Webhook::parse(deep.as_bytes()).unwrap();
    assert!(hook.to_json_string().unwrap().contains(&nest(10_000)));
    assert_eq!(
        Webhook::parse(hook.to_json_string().unwrap().as_bytes()).unwrap(),
        hook
    );
}

#[test]
fn g03_element_counts_are_capped() {
    let ok: Vec<String> = (0..ELEMENTS_MAX)
        .map(|i| text_msg(&format!("w{i}"), "x"))
        .collect();
    let hook = Webhook::parse(cloud(&ok.join(",")).as_bytes()).unwrap();
    assert_eq!(hook.messages().count(), ELEMENTS_MAX);
    let over: Vec<&str> = (0..=ELEMENTS_MAX).map(|_| "0").collect();
    let e = err(cloud(&over.join(",")).as_bytes());
    assert_eq!(e.code(), "webhook.too_many_elements");
    assert_eq!(e.limit(), Some(ELEMENTS_MAX as u64));
    let entries = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{}]}}"#,
        vec!["{}"; ELEMENTS_MAX + 1].join(",")
    );
    assert_eq!(err(entries.as_bytes()).code(), "webhook.too_many_elements");
}

#[test]
fn g04_duplicate_keys_never_silently_pick_one() {
    let dup = r#"{"from":"16315551002","id":"wamid.D","timestamp":"1697043223","type":"text","type":"image","text":{"body":"a"}}"#;
    let body = cloud(&format!("{dup},{}", text_msg("wamid.2", "fine")));
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let items: Vec<_> = hook.messages().collect();
    let bad = items[0].as_ref().unwrap_err();
    assert!(
        bad.error.contains("duplicate field `type`"),
        "{}",
        bad.error
    );
    assert_eq!(bad.raw.get(), dup, "kept byte for byte");
    assert!(items[1].is_ok());
    assert!(hook.to_json_string().unwrap().contains(dup));
    // Unknown keys repeated: both kept, in order.
    let body = cloud(r#"{"id":"wamid.3","type":"text","text":{"body":"a"},"x":1,"x":2}"#);
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    assert!(hook.to_json_string().unwrap().contains(r#""x":1,"x":2"#));
}

#[test]
fn g05_unknown_fields_round_trip_at_every_level() {
    let body = r#"{"object":"whatsapp_business_account","top":{"a":[1,2]},"entry":[{"id":"1","e":true,"changes":[{"field":"messages","c":null,"value":{"v":"x","metadata":{"display_phone_number":"1","phone_number_id":"2","m":0},"contacts":[{"profile":{"name":"A","p":1},"wa_id":"16315551002","user_id":"US.1","parent_user_id":"US.ENT.2","identity_key_hash":"h"}],"messages":[{"from":"16315551002","id":"wamid.1","timestamp":"1697043223","type":"text","text":{"body":"a","t":[]},"context":{"id":"x","q":1},"group_id":"g"}]}}]}]}"#;
    let hook = lossless(body);
    let m = hook.messages().next().unwrap().unwrap();
    assert!(m.message.extra.get("group_id").is_some());
    assert!(m.contact.unwrap().extra.get("identity_key_hash").is_some());
}

#[test]
fn g06_unknown_types_are_kept() {
    let body = cloud(
        r#"{"from":"16315551002","id":"wamid.P","timestamp":"1697043223","type":"pool","pool":{"q":"?","options":[1,2]}},
           {"from":"16315551002","id":"wamid.U","timestamp":"1697043223","type":"unsupported","errors":[{"code":131051,"title":"Message type unknown"}],"unsupported":{"type":"pool"}},
           {"from":"16315551002","id":"wamid.I","timestamp":"1697043223","type":"interactive","interactive":{"type":"carousel_reply","carousel_reply":{"x":1}}}"#,
    );
    let hook = lossless(&body);
    let ms: Vec<_> = hook.messages().map(Result::unwrap).collect();
    assert!(matches!(ms[0].message.content, Some(Content::Unknown(_))));
    assert_eq!(ms[0].message.kind(), "pool");
    assert!(matches!(
        ms[1].message.content,
        Some(Content::Unsupported(_))
    ));
    assert!(matches!(
        &ms[2].message.content,
        Some(Content::Interactive(i)) if matches!(i.reply, Some(InteractiveReply::Other(_)))
    ));
    // A known type with an unexpected payload is kept too.
    let body = cloud(r#"{"id":"wamid.T","type":"text","text":{"body":42}}"#);
    let hook = lossless(&body);
    let m = hook.messages().next().unwrap().unwrap();
    assert!(matches!(m.message.content, Some(Content::Unparsed { .. })));
}

fn time_of(ts: &str) -> Result<chrono::DateTime<chrono::Utc>, TimestampError> {
    let body = cloud(&format!(
        r#"{{"id":"wamid.1","timestamp":{ts},"type":"text","text":{{"body":"a"}}}},{}"#,
        text_msg("wamid.2", "b")
    ));
    let hook = lossless(&body);
    let ms: Vec<_> = hook.messages().map(Result::unwrap).collect();
    assert_eq!(ms.len(), 2, "the other message still comes through");
    assert!(ms[1].origin_time().is_ok());
    match &ms[0].message.timestamp {
        Some(t) => assert_eq!(t.raw(), ts, "raw value kept"),
        None => assert_eq!(ms[0].message.extra.get("timestamp").unwrap().get(), ts),
    }
    ms[0].origin_time()
}

#[test]
fn g07_timestamp_shapes() {
    assert_eq!(time_of("1697043223").unwrap().timestamp(), 1_697_043_223);
    for bad in [
        r#""1697043223.5""#,
        r#""+1697043223""#,
        r#"" 1697043223""#,
        r#""""#,
        "1697043223.5",
        "null",
        "true",
        r#""１６９７""#,
    ] {
        let e = time_of(bad).unwrap_err();
        assert!(
            matches!(
                e,
                TimestampError::Malformed { .. } | TimestampError::Missing
            ),
            "{bad}: {e:?}"
        );
    }
}

#[test]
fn g08_implausible_timestamps() {
    assert_eq!(
        time_of(r#""1697043223000""#).unwrap_err().code(),
        "webhook.timestamp_milliseconds"
    );
    assert_eq!(
        time_of(r#""1697043223000000""#).unwrap_err().code(),
        "webhook.timestamp_too_late"
    );
    assert_eq!(
        time_of(r#""-1""#).unwrap_err().code(),
        "webhook.timestamp_too_early"
    );
    assert_eq!(
        time_of(r#""9223372036854775807""#).unwrap_err().code(),
        "webhook.timestamp_too_late"
    );
    assert_eq!(
        time_of(r#""1697043223000000000000""#).unwrap_err().code(),
        "webhook.timestamp_too_late"
    );
    // Year 55747, the value chrono alone would accept.
    assert!(time_of(r#""1697043223000""#).is_err());
    assert_eq!(
        time_of(r#""0""#).unwrap_err().code(),
        "webhook.timestamp_too_early"
    );
}

#[test]
fn g09_lone_surrogates_cost_only_their_element() {
    for s in [
        r"\ud800",
        r"\udc00",
        r"\udc00\ud800",
        r"\ud800\n",
        r"Hi \ud83d",
    ] {
        let body = cloud(&format!(
            "{},{}",
            text_msg("wamid.1", s),
            text_msg("wamid.2", "ok")
        ));
        // The delivery is never refused for it: the other message comes through.
        let hook = Webhook::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{s}: {e}"));
        let items: Vec<_> = hook.messages().collect();
        let first = items[0].as_ref().unwrap();
        // The message still comes through, its unreadable payload kept byte for byte and flagged.
        let bad = first
            .content_error()
            .unwrap_or_else(|| panic!("{s}: not flagged"));
        assert_eq!(bad.code(), "webhook.invalid_content");
        assert!(bad.raw.get().contains(s), "{s}: {}", bad.raw.get());
        assert!(items[1].as_ref().unwrap().content_error().is_none());
        assert!(hook.to_json_string().unwrap().contains(s));
        // Split per conversation, both messages are events and the payload is flagged too.
        let split = hook.clone().split();
        assert_eq!(split.conversations.len(), 1);
        assert_eq!(split.conversations[0].events.len(), 2);
        let flagged: Vec<_> = split.invalid.iter().map(|i| (i.kind, i.code)).collect();
        assert_eq!(flagged, [("content", "webhook.invalid_content")]);
        assert!(split.invalid[0].raw.get().contains(s));
        // What a person reads: the broken unit as U+FFFD, the rest as written.
        let attrs = InteractionAttributes::from_message(first, "c", "s");
        let plain = attrs.get("_umsMsgPlainText").unwrap_or("");
        assert!(plain.contains('\u{FFFD}'), "{s}: {plain:?}");
        assert!(
            attrs
                .get("Subject")
                .unwrap()
                .starts_with("Unreadable message")
        );
    }
    // In a profile name: the contact is invalid (documented code, raw kept), the message is not.
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"contacts":[{{"profile":{{"name":"An\udc00a"}},"wa_id":"16315551002"}}],"messages":[{}]}}}}]}}]}}"#,
        text_msg("wamid.1", "hello")
    );
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let bad = hook.contacts().next().unwrap().unwrap_err();
    assert_eq!(bad.code(), "webhook.invalid_contact");
    assert!(bad.raw.get().contains(r"An\udc00a"));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(m.content_error().is_none());
    assert_eq!(m.profile_name(), None);
    // Not JSON at all is still refused as a whole.
    assert_eq!(err(br#"{"entry": [}"#).code(), "webhook.syntax");
}

#[test]
fn g04b_a_contact_with_a_known_key_twice_is_flagged_never_last_wins() {
    // Decision 0201: a known key twice makes its element invalid, flagged, kept byte for byte.
    let contact = r#"{"profile":{"name":"Ana","name":"Nickname"},"wa_id":"16315551002"}"#;
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"contacts":[{contact}],"messages":[{}]}}}}]}}]}}"#,
        text_msg("wamid.1", "hello")
    );
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let bad = hook.contacts().next().unwrap().unwrap_err();
    assert_eq!(bad.code(), "webhook.invalid_contact");
    assert!(
        bad.error.contains("duplicate field `name`"),
        "{}",
        bad.error
    );
    assert_eq!(bad.raw.get(), contact);
    assert!(hook.messages().next().unwrap().is_ok());
    assert!(hook.to_json_string().unwrap().contains(contact));
}

#[test]
fn a_sender_that_is_not_a_phone_number_is_kept_and_flagged() {
    for from in ["1-631-555 abc", "+16315551002", r"16315551002\u200e", "0"] {
        let msg = format!(
            r#"{{"from":"{from}","id":"wamid.1","timestamp":"1697043223","type":"text","text":{{"body":"hi"}}}}"#
        );
        let hook = lossless(&cloud(&msg));
        let m = hook.messages().next().unwrap().unwrap();
        assert!(m.sender_unverified(), "{from}");
        let attrs = InteractionAttributes::from_message(&m, "c", "s");
        assert!(attrs.sender_unverified());
        assert_eq!(
            attrs.get("_umsFromAddr"),
            m.message.from.as_deref(),
            "kept as it came"
        );
        assert_eq!(attrs.get("PhoneNumber"), None, "never taken for a number");
    }
    let hook = lossless(&cloud(&text_msg("wamid.1", "hi")));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(!m.sender_unverified());
}

#[test]
fn g10_nul_inside_strings_is_kept() {
    let hook = lossless(&cloud(&text_msg("wamid.1", r"a\u0000b")));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(
        matches!(&m.message.content, Some(Content::Text(t)) if t.body.as_deref() == Some("a\0b"))
    );
    let attrs = InteractionAttributes::from_message(&m, "c", "s");
    assert_eq!(attrs.get("_umsMsgPlainText"), Some("a\0b"));
    assert_eq!(attrs.get("Subject"), Some("a b"));
}

#[test]
fn g11_numbers_are_never_rounded() {
    let big = "1".repeat(100);
    let body = cloud(&format!(
        r#"{{"id":"wamid.L","timestamp":"1697043223","type":"location","location":{{"latitude":{big},"longitude":-0,"name":"x"}},"errors":[{{"code":18446744073709551616,"title":"t"}}],"n1":1e999,"n2":1e-999,"n3":-0}}"#
    ));
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let back = hook.to_json_string().unwrap();
    for lit in [
        big.as_str(),
        "-0",
        "18446744073709551616",
        "1e999",
        "1e-999",
    ] {
        assert!(back.contains(lit), "{lit}");
    }
    let m = hook.messages().next().unwrap().unwrap();
    let Some(Content::Location(l)) = &m.message.content else {
        panic!()
    };
    assert_eq!(l.latitude.as_ref().unwrap().as_str(), big);
    assert_eq!(
        l.latitude.as_ref().unwrap().as_f64(),
        big.parse::<f64>().ok()
    );
    assert_eq!(
        m.message.errors.as_ref().unwrap()[0].error_code(),
        None,
        "no u64 holds it"
    );
    let body = cloud(
        r#"{"id":"wamid.L","type":"location","location":{"latitude":1e-999,"longitude":1e999}}"#,
    );
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let m = hook.messages().next().unwrap().unwrap();
    let Some(Content::Location(l)) = &m.message.content else {
        panic!()
    };
    assert_eq!(
        l.latitude.as_ref().unwrap().as_f64(),
        None,
        "underflow is not zero"
    );
    assert_eq!(
        l.longitude.as_ref().unwrap().as_f64(),
        None,
        "overflow is not infinity"
    );
}

#[test]
fn g12_encodings() {
    let good = cloud(&text_msg("wamid.1", "x"));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(good.as_bytes());
    assert_eq!(err(&bom).code(), "webhook.syntax");
    let utf16: Vec<u8> = good.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(Webhook::parse(&utf16).is_err());
    for bad in [&b"\xC0\x80"[..], b"\xED\xA0\x80", b"\xE2\x82"] {
        let body = cloud(&text_msg("wamid.1", "@@")).into_bytes();
        let at = body.windows(2).position(|w| w == b"@@").unwrap();
        let mut v = body[..at].to_vec();
        v.extend_from_slice(bad);
        v.extend_from_slice(&body[at + 2..]);
        assert_eq!(err(&v).code(), "webhook.syntax");
    }
    let truncated = &good.as_bytes()[..good.len() - 3];
    assert_eq!(err(truncated).code(), "webhook.syntax");
}

#[test]
fn g13_degenerate_bodies() {
    assert_eq!(err(b"").code(), "webhook.empty");
    assert_eq!(err(b"  \n").code(), "webhook.empty");
    assert_eq!(err(b"null").code(), "webhook.not_an_object");
    assert_eq!(err(b"[]").code(), "webhook.not_an_object");
    assert_eq!(err(b"{}").code(), "webhook.unrecognized_shape");
    assert_eq!(
        err(br#"{"object":"page","entry":[]}"#).code(),
        "webhook.not_whatsapp"
    );
    let hook = lossless(r#"{"object":"whatsapp_business_account","entry":[]}"#);
    assert_eq!(hook.messages().count(), 0);
    let hook =
        lossless(r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":null}]}"#);
    assert_eq!(hook.messages().count(), 0);
    assert_eq!(
        err(br#"{"object":"whatsapp_business_account","entry":[{"changes":{}}]}"#).code(),
        "webhook.malformed"
    );
}

#[test]
fn g14_repeats_and_order_are_kept_for_the_caller() {
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"statuses":[{{"id":"wamid.S","status":"read","timestamp":"1697043223","recipient_id":"1"}}],"messages":[{},{}]}}}}]}}]}}"#,
        text_msg("wamid.same", "a"),
        text_msg("wamid.same", "a")
    );
    let hook = lossless(&body);
    assert_eq!(
        hook.messages().count(),
        2,
        "deduplication is the caller's, by id"
    );
    assert_eq!(hook.statuses().count(), 1);
}

#[test]
fn g15_odd_keys_are_unknown_fields() {
    let long_key = "k".repeat(100_000);
    let body = cloud(&format!(
        r#"{{"id":"wamid.1","Type":"image","type":"text","text":{{"body":"a"}},"a\u0000b":1,"\u202Eevil":2,"{long_key}":3}}"#
    ));
    let hook = lossless(&body);
    let m = hook.messages().next().unwrap().unwrap();
    assert_eq!(m.message.kind(), "text");
    assert!(m.message.extra.get("Type").is_some());
    assert!(m.message.extra.get("a\0b").is_some());
    assert!(m.message.extra.get(&long_key).is_some());
}

#[test]
fn g16_numeric_ids_keep_the_message_raw() {
    let raw = r#"{"from":"16315551002","id":1234567890987654321,"timestamp":"1697043223","type":"text","text":{"body":"a"}}"#;
    let body = cloud(&format!("{raw},{}", text_msg("wamid.2", "b")));
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let items: Vec<_> = hook.messages().collect();
    let bad = items[0].as_ref().unwrap_err();
    assert_eq!(bad.code(), "webhook.invalid_message");
    assert_eq!(bad.raw.get(), raw);
    assert!(items[1].is_ok());
    assert!(
        hook.to_json_string()
            .unwrap()
            .contains("1234567890987654321")
    );
}

// ---- The same groups for what we send: a draft read by the closed outbound reader. ----

fn draft(bytes: &[u8]) -> Result<DraftDocument, ModelError> {
    DraftDocument::from_slice(bytes)
}

/// The draft's refusal, checked for what every error must be (group 55): a code, a message that
/// quotes at most a bounded cut of the input and shows no invisible or reordering character.
fn refused(bytes: &[u8]) -> ModelError {
    let e = draft(bytes).unwrap_err();
    let message = e.to_string();
    assert!(message.len() < 400, "{}: {message:.400}", e.code());
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
        "{message:?}"
    );
    if let Some(field) = e.field() {
        assert!(!field.is_empty(), "{}: a field is never unnamed", e.code());
    }
    e
}

fn text_draft(body: &str) -> String {
    format!(r#"{{"type":"text","text":{{"body":"{body}"}}}}"#)
}

#[test]
fn draft_g01_g03_size_is_checked_first_and_bounds_every_count() {
    // At the cap: read (and refused by a rule, not by its size); one byte more: its size.
    let pad = |n: usize| {
        let spaces = n - r#"{"type":"text","text":{"body":"a"}}"#.len();
        format!(
            r#"{{"type":"text","text":{{"body":"a"}}{}}}"#,
            " ".repeat(spaces)
        )
    };
    let at = pad(DRAFT_MAX_BYTES);
    assert_eq!(at.len(), DRAFT_MAX_BYTES);
    assert!(draft(at.as_bytes()).is_ok());
    let over = pad(DRAFT_MAX_BYTES + 1);
    let e = refused(over.as_bytes());
    assert_eq!(e.code(), "json.too_large");
    assert_eq!(e.limit(), Some(DRAFT_MAX_BYTES as u64));
    assert_eq!(e.actual(), Some(DRAFT_MAX_BYTES as u64 + 1));
    // A million buttons cannot arrive: the size cap bounds every array before any rule runs.
    let many = format!(
        r#"{{"type":"interactive","interactive":{{"type":"button","body":{{"text":"x"}},"action":{{"buttons":[{}]}}}}}}"#,
        vec![r#"{"type":"reply","reply":{"id":"1","title":"t"}}"#; 10_000].join(",")
    );
    assert_eq!(refused(many.as_bytes()).code(), "json.too_large");
}

#[test]
fn draft_g02_nesting_is_capped() {
    for deep in [
        "[".repeat(100_000),
        format!("{}1{}", r#"{"a":"#.repeat(200), "}".repeat(200)),
        // Inside the one place a draft's keys are free (a flow's data).
        format!(
            r#"{{"type":"interactive","interactive":{{"type":"flow","body":{{"text":"x"}},"action":{{"name":"flow","parameters":{{"flow_message_version":"3","flow_cta":"Go","flow_id":"1","flow_action_payload":{{"screen":"S","data":{}1{}}}}}}}}}}}"#,
            r#"{"a":"#.repeat(150),
            "}".repeat(150)
        ),
    ] {
        let e = refused(deep.as_bytes());
        assert_eq!(e.code(), "json.too_deep", "{deep:.80}");
        assert_eq!(e.limit(), Some(128));
    }
}

#[test]
fn draft_g04_a_key_twice_is_refused_at_its_path() {
    let e = refused(br#"{"type":"text","text":{"body":"a","body":"b"}}"#);
    assert_eq!(e.code(), "json.duplicate_key");
    assert_eq!(e.field(), Some("text.body"));
    let e = refused(br#"{"type":"text","type":"image","text":{"body":"a"}}"#);
    assert_eq!(e.field(), Some("type"));
}

#[test]
fn draft_g09_g12_surrogates_and_encodings_are_typed_refusals() {
    for body in [
        r"\ud800",
        r"\udc00",
        r"\udc00\ud800",
        r"\ud800\n",
        r"Hi \ud83d",
    ] {
        assert_eq!(
            refused(text_draft(body).as_bytes()).code(),
            "json.syntax",
            "{body}"
        );
    }
    // A proper pair is one character.
    assert!(draft(text_draft(r"\ud83d\ude00").as_bytes()).is_ok());
    let ok = text_draft("é");
    let utf16: Vec<u8> = ok.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let truncated = &ok.as_bytes()[..ok.len() - 3];
    for bad in [
        [b"\xEF\xBB\xBF".as_slice(), ok.as_bytes()].concat(),
        utf16,
        [ok.as_bytes(), b"\xC0\x80"].concat(),
        [b"{\"type\":\"text\",\"text\":{\"body\":\"\xED\xA0\x80\"}}".as_slice()].concat(),
        truncated.to_vec(),
    ] {
        assert_eq!(refused(&bad).code(), "json.syntax", "{bad:?}");
    }
}

#[test]
fn draft_g10_nul_is_kept_as_written() {
    let d = draft(text_draft(r"a\u0000b").as_bytes()).unwrap();
    let DraftDocument::Message { body: m, .. } = d else {
        panic!("not a message")
    };
    assert_eq!(m.to_json()["text"]["body"], "a\u{0}b");
}

#[test]
fn draft_g11_numbers_are_exact_or_refused() {
    let loc = |lat: &str| {
        format!(r#"{{"type":"location","location":{{"latitude":{lat},"longitude":1}}}}"#)
    };
    for (lat, code) in [
        ("1e999", "json.syntax"),
        ("1e-999", "json.inexact_number"),
        (&"1".repeat(100), "json.inexact_number"),
        ("18446744073709551616", "json.inexact_number"),
        ("91", "outbound.invalid_coordinate"),
        (r#""12,5""#, "outbound.invalid_value"),
    ] {
        assert_eq!(refused(loc(lat).as_bytes()).code(), code, "{lat}");
    }
    assert!(draft(loc("-0").as_bytes()).is_ok());
}

#[test]
fn draft_g13_degenerate_bodies() {
    for (bytes, code, field) in [
        (&b""[..], "json.syntax", None),
        (b"null", "outbound.wrong_type", Some("$")),
        (b"[]", "outbound.wrong_type", Some("$")),
        (b"\"text\"", "outbound.wrong_type", Some("$")),
        (b"{}", "outbound.missing_field", Some("text")),
        (
            br#"{"type":"interactive","interactive":{"type":"button","body":{"text":"x"}}}"#,
            "outbound.missing_field",
            Some("interactive.action"),
        ),
        (
            br#"{"type":"interactive","interactive":{"type":"list","body":{"text":"x"},"action":{"button":"b"}}}"#,
            "outbound.missing_field",
            Some("interactive.action.sections"),
        ),
    ] {
        let e = refused(bytes);
        assert_eq!((e.code(), e.field()), (code, field), "{bytes:?}");
    }
}

#[test]
fn draft_g15_odd_keys_are_refused_and_quoted_as_they_are() {
    let with_key = |key: &str| format!(r#"{{"type":"text","text":{{"body":"a"}},"{key}":1}}"#);
    let e = refused(with_key("Type").as_bytes());
    assert_eq!(
        (e.code(), e.field()),
        ("outbound.unknown_key", Some("Type"))
    );
    // A key with NUL or an override: named, each unseen character written out.
    let e = refused(with_key(r"a\u0000b").as_bytes());
    assert_eq!(e.field(), Some(r"a\u{0}b"));
    let e = refused(with_key("\u{202E}epyt").as_bytes());
    assert_eq!(e.field(), Some(r"\u{202e}epyt"));
    // A very long key is cut.
    let e = refused(with_key(&"k".repeat(200_000)).as_bytes());
    assert!(e.field().unwrap().chars().count() <= 65);
    let e = refused(format!(r#"{{"type":"{}"}}"#, "x".repeat(100_000)).as_bytes());
    assert_eq!(e.code(), "outbound.unknown_type");
}

#[test]
fn draft_g16_ids_and_numbers_are_strings_where_meta_says() {
    let e = refused(br#"{"to":16315551002,"type":"text","text":{"body":"a"}}"#);
    assert_eq!((e.code(), e.field()), ("outbound.wrong_type", Some("to")));
    let e = refused(
        br#"{"type":"reaction","reaction":{"message_id":1234567890987654321,"emoji":"x"}}"#,
    );
    assert_eq!(e.field(), Some("reaction.message_id"));
}

#[test]
fn draft_g53_g54_strings_and_limits() {
    assert_eq!(
        refused(text_draft("").as_bytes()).code(),
        "outbound.text_empty"
    );
    // Blank but not empty is the template rules' to judge (compose refuses it: waba's tests).
    for blank in [" ", "\u{200B}", r"\r"] {
        assert!(draft(text_draft(blank).as_bytes()).is_ok(), "{blank:?}");
    }
    // 4096 characters as Meta counts them (scalar values), each side of the limit, with a
    // seven-scalar family emoji.
    let fam = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
    assert!(draft(text_draft(&"a".repeat(4096)).as_bytes()).is_ok());
    assert!(draft(text_draft(&(fam.repeat(585) + "a")).as_bytes()).is_ok());
    for over in ["a".repeat(4097), fam.repeat(586)] {
        let e = refused(text_draft(&over).as_bytes());
        assert_eq!(e.code(), "outbound.text_too_long");
        assert_eq!(e.limit(), Some(4096));
    }
}

#[test]
fn draft_g39_a_media_link_is_one_meta_can_fetch() {
    let image =
        |link: &str| json_draft(serde_json::json!({"type": "image", "image": {"link": link}}));
    let header = |link: &str| {
        json_draft(
            serde_json::json!({"type": "interactive", "interactive": {"type": "button",
            "header": {"type": "image", "image": {"link": link}}, "body": {"text": "x"},
            "action": {"buttons": [{"type": "reply", "reply": {"id": "1", "title": "t"}}]}}}),
        )
    };
    let template = |link: &str| {
        json_draft(
            serde_json::json!({"type": "template", "template": {"name": "t",
            "language": {"code": "en"}, "components": [{"type": "header",
            "parameters": [{"type": "image", "image": {"link": link}}]}]}}),
        )
    };
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:image/png;base64,AAAA",
        "vbscript:x",
        "file:///etc/passwd",
        " https://example.com/a.jpg",
        "https://exa\nmple.com/a.jpg",
        "https:///a.jpg",
        "https://",
        "example.com/a.jpg",
    ] {
        for (what, read) in [
            ("image", &image as &dyn Fn(&str) -> _),
            ("header", &header),
            ("template", &template),
        ] {
            let e = read(bad).unwrap_err();
            assert_eq!(e.code(), "outbound.invalid_value", "{what} {bad:?}");
            assert!(
                e.field().unwrap().ends_with("link"),
                "{what}: {:?}",
                e.field()
            );
            assert!(!e.to_string().contains('\n'));
        }
    }
    for good in [
        "https://example.com/a.jpg",
        "HTTPS://example.com/a.jpg",
        "http://example.com/é.jpg",
    ] {
        assert!(image(good).is_ok(), "{good}");
        assert!(header(good).is_ok(), "{good}");
        assert!(template(good).is_ok(), "{good}");
    }
}

fn json_draft(v: Value) -> Result<DraftDocument, ModelError> {
    DraftDocument::from_slice(v.to_string().as_bytes())
}

#[test]
fn payloads_other_than_the_type_are_kept_as_they_came() {
    // Meta writes `type` after the payload; a second payload key is not the message's.
    let raw =
        r#"{"id":"wamid.1","image":{ "id" : "77" ,"n":1e999},"text":{"body":"hi"},"type":"text"}"#;
    let hook = lossless(&cloud(raw));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(
        matches!(&m.message.content, Some(Content::Text(t)) if t.body.as_deref() == Some("hi"))
    );
    assert_eq!(
        m.message.extra.get("image").unwrap().get(),
        r#"{ "id" : "77" ,"n":1e999}"#,
        "byte for byte"
    );
    // The type before its payload, and a payload of another kind after it.
    let raw = r#"{"id":"wamid.2","type":"text","text":{"body":"a"},"image":{"id":"1"}}"#;
    let hook = lossless(&cloud(raw));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(matches!(&m.message.content, Some(Content::Text(_))));
    assert_eq!(m.message.extra.get("image").unwrap().get(), r#"{"id":"1"}"#);
    // A payload given twice: the first is the content, the second kept.
    let raw = r#"{"id":"wamid.3","text":{"body":"a"},"text":{"body":"b"},"type":"text"}"#;
    let hook = lossless(&cloud(raw));
    let m = hook.messages().next().unwrap().unwrap();
    assert!(matches!(&m.message.content, Some(Content::Text(t)) if t.body.as_deref() == Some("a")));
    assert_eq!(
        m.message.extra.get("text").unwrap().get(),
        r#"{"body":"b"}"#
    );
}

#[test]
fn what_ends_a_reading_and_what_costs_only_an_element() {
    // Too many elements inside one message: that message only.
    let errors = vec![r#"{"code":1}"#; ELEMENTS_MAX + 1].join(",");
    let body = cloud(&format!(
        r#"{{"id":"wamid.1","type":"text","text":{{"body":"a"}},"errors":[{errors}]}},{}"#,
        text_msg("wamid.2", "b")
    ));
    let hook = Webhook::parse(body.as_bytes()).unwrap();
    let items: Vec<_> = hook.messages().collect();
    let bad = items[0].as_ref().unwrap_err();
    assert!(
        bad.error.contains("more than 1000 elements"),
        "{}",
        bad.error
    );
    assert!(items[1].is_ok());
    // Not JSON inside an element: the whole body, with its place in the body.
    let body = cloud(r#"{"id":"wamid.1","type":"text","text":{"body":"a"} "x":1}"#);
    let e = err(body.as_bytes());
    assert_eq!(e.code(), "webhook.syntax");
    assert_eq!(e.position(), Some(body.find(r#""x""#).unwrap() as u64 + 1));
    // A wrong type where no element isolates it: the whole body, typed.
    let e = err(br#"{"object":"whatsapp_business_account","entry":{"id":"1"}}"#);
    assert_eq!(e.code(), "webhook.malformed");
    assert!(
        e.to_string()
            .contains("invalid type: map, expected an array"),
        "{e}"
    );
    // Trailing data.
    let e = err(br#"{"object":"whatsapp_business_account","entry":[]} {}"#);
    assert_eq!(e.code(), "webhook.syntax");
    assert!(e.to_string().contains("trailing characters"), "{e}");
}

#[test]
fn the_model_reads_through_serde_too() {
    let text =
        r#"{"id":"wamid.1","timestamp":"1697043223","type":"text","text":{"body":"a"},"n":1e999}"#;
    let m: Message = serde_json::from_str(text).unwrap();
    assert_eq!(m.extra.get("n").unwrap().get(), "1e999");
    assert_eq!(
        m,
        <Message as waba_model::wire::ReadWire>::from_json(text).unwrap()
    );
    let e = serde_json::from_str::<Message>(r#"{"id":1}"#).unwrap_err();
    assert!(
        e.to_string()
            .contains("invalid type: integer `1`, expected a string"),
        "{e}"
    );
}
