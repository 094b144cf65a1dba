//! The delivery entry (issue 12): authentic, split per customer, exactly once; each conversation
//! takes only its own events; stored state is versioned; template health reaches `compose`.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};
use waba::attachment::Permissions;
use waba::delivery::{Inbox, meta_status};
use waba::model::events::DedupKey;
use waba::model::events::{ConversationKey, Event};
use waba::model::seen::{SeenError, SeenIds, SeenStore};
use waba::{Account, Applied, Conversation, Decision, Draft, ErrorClass, WabaError};

use crate::{notification_config, t};

const ANA: &str = "16315551002";
const BO: &str = "16315551003";
const BUSINESS_ID: &str = "1122334455667";

fn message(from: &str, id: &str, at: DateTime<Utc>, text: &str) -> Value {
    json!({"from": from, "id": id, "timestamp": at.timestamp().to_string(), "type": "text", "text": {"body": text}})
}

fn failed_131047(to: &str, id: &str, at: DateTime<Utc>) -> Value {
    json!({"id": id, "status": "failed", "timestamp": at.timestamp().to_string(), "recipient_id": to,
        "errors": [{"code": 131047, "title": "Re-engagement message"}]})
}

fn body(business_id: &str, value: Value) -> Vec<u8> {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] =
        json!({"display_phone_number": "919876543210", "phone_number_id": business_id});
    json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}]})
        .to_string()
        .into_bytes()
}

/// One body to the business with a text from Ana (`wamid.A`) and one from Bo (`wamid.B`), each
/// written at its time.
fn ana_and_bo(ana: (DateTime<Utc>, &str), bo: (DateTime<Utc>, &str)) -> Vec<u8> {
    body(
        BUSINESS_ID,
        json!({"contacts": contacts(&[ANA, BO]),
            "messages": [message(ANA, "wamid.A", ana.0, ana.1), message(BO, "wamid.B", bo.0, bo.1)]}),
    )
}

fn contacts(ids: &[&str]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| json!({"profile": {"name": format!("n{id}")}, "wa_id": id}))
            .collect(),
    )
}

/// The service a user writes: conversations kept by key.
struct Service {
    config: waba::Config,
    inbox: Inbox,
    seen: SeenIds,
    store: std::collections::BTreeMap<ConversationKey, Conversation>,
}

impl Service {
    fn new() -> Service {
        Service {
            config: notification_config(),
            inbox: Inbox::signed(["s3cret"]).unwrap(),
            seen: SeenIds::default(),
            store: Default::default(),
        }
    }

    fn post(&mut self, body: &[u8], now: DateTime<Utc>) -> (usize, usize) {
        let sig = self.inbox.sign(body);
        let delivery = self
            .inbox
            .receive(Some(&sig), body, &mut self.seen, now)
            .unwrap();
        let mut interactions = 0;
        for batch in &delivery.conversations {
            let conv = self.store.entry(batch.key.clone()).or_insert_with(|| {
                Conversation::for_key(batch.key.clone(), "channel-ghub", "DigitalMessagingServer")
            });
            for a in conv.apply(&self.config, batch, now).unwrap() {
                if matches!(a, Applied::Interaction(_)) {
                    interactions += 1;
                }
            }
        }
        (interactions, delivery.duplicates.len())
    }

    fn conv(&self, customer: &str) -> &Conversation {
        self.store
            .iter()
            .find(|(k, _)| k.customer.phone().unwrap().digits() == customer)
            .map(|(_, c)| c)
            .unwrap()
    }
}

#[test]
fn two_customers_in_one_body_the_reply_goes_to_the_right_person() {
    let mut svc = Service::new();
    let t0 = t("2026-11-24T10:00:00Z");
    let b = ana_and_bo((t0, "from Ana"), (t0 + TimeDelta::seconds(1), "from Bo"));
    assert_eq!(svc.post(&b, t0 + TimeDelta::seconds(2)), (2, 0));
    assert_eq!(svc.store.len(), 2);
    for who in [ANA, BO] {
        let d = crate::compose_text(
            svc.conv(who),
            &svc.config,
            "hello",
            t0 + TimeDelta::minutes(1),
        );
        assert_eq!(d.body().unwrap().to_json()["to"], who);
    }
    // The old one-conversation path refuses such a body instead of mixing the customers.
    let mut one = Conversation::new("c", "s");
    let e = one
        .on_webhook(&svc.config, &b, t0 + TimeDelta::seconds(2))
        .unwrap_err();
    assert_eq!(e.code(), "conversation.several_conversations");
    assert_eq!(one, Conversation::new("c", "s"));
}

#[test]
fn a_131047_for_b_does_not_close_as_window() {
    let mut svc = Service::new();
    let t0 = t("2026-11-24T10:00:00Z");
    let b = ana_and_bo((t0, "hi"), (t0, "hi"));
    svc.post(&b, t0);
    // Bo's window: Meta says 131047 for a send of ours to Bo, in a body that also holds Ana's message.
    let b = body(
        BUSINESS_ID,
        json!({"contacts": contacts(&[ANA]),
            "messages": [message(ANA, "wamid.A2", t0 + TimeDelta::minutes(1), "more")],
            "statuses": [failed_131047(BO, "wamid.OUT.B", t0 + TimeDelta::minutes(1))]}),
    );
    svc.post(&b, t0 + TimeDelta::minutes(2));
    assert!(svc.conv(BO).closed_by_meta());
    assert!(!svc.conv(ANA).closed_by_meta());
    let now = t0 + TimeDelta::minutes(3);
    let ana = crate::compose_text(svc.conv(ANA), &svc.config, "ok", now);
    assert!(matches!(ana, Decision::Send(_)), "{ana:?}");
    let bo = crate::compose_text(svc.conv(BO), &svc.config, "ok", now);
    assert!(matches!(bo, Decision::Notification { .. }), "{bo:?}");
}

#[test]
fn mixed_business_numbers_are_separate_conversations() {
    let mut svc = Service::new();
    let t0 = t("2026-11-24T10:00:00Z");
    let mut doc: Value = serde_json::from_slice(&body(
        "111",
        json!({"contacts": contacts(&[ANA]), "messages": [message(ANA, "wamid.1", t0, "to 111")]}),
    ))
    .unwrap();
    let other: Value = serde_json::from_slice(&body(
        "222",
        json!({"contacts": contacts(&[ANA]), "messages": [message(ANA, "wamid.2", t0, "to 222")]}),
    ))
    .unwrap();
    doc["entry"][0]["changes"]
        .as_array_mut()
        .unwrap()
        .push(other["entry"][0]["changes"][0].clone());
    svc.post(doc.to_string().as_bytes(), t0);
    let businesses: Vec<_> = svc
        .store
        .keys()
        .map(|k| k.business.phone_number_id.clone().unwrap())
        .collect();
    assert_eq!(businesses, ["111", "222"]);
}

#[test]
fn a_redelivery_changes_nothing() {
    let mut svc = Service::new();
    let t0 = t("2026-11-24T10:00:00Z");
    let b = body(
        BUSINESS_ID,
        json!({"contacts": contacts(&[ANA]), "messages": [message(ANA, "wamid.A", t0, "hi")]}),
    );
    assert_eq!(svc.post(&b, t0), (1, 0));
    // The agent replies.
    let reply_at = t0 + TimeDelta::seconds(40);
    let key = svc.store.keys().next().unwrap().clone();
    let conv = svc.store.get_mut(&key).unwrap();
    let d = conv.compose(
        &svc.config,
        &Draft::Text("hello".into()),
        Permissions::all(),
        reply_at,
    );
    conv.on_sent(d.body().unwrap(), reply_at);
    let before = conv.clone();
    assert_eq!(before.window.pending_since(), None);
    // Meta redelivers the body a day later.
    let (interactions, duplicates) = svc.post(&b, t0 + TimeDelta::hours(26));
    assert_eq!((interactions, duplicates), (0, 1));
    let after = &svc.store[&key];
    assert_eq!(after, &before, "window and indicator unmoved");
    assert_eq!(after.window.pending_since(), None);
}

#[test]
fn another_conversations_event_is_refused() {
    let t0 = t("2026-11-24T10:00:00Z");
    let b = ana_and_bo((t0, "hi"), (t0, "hi"));
    let delivery = Inbox::unsigned()
        .receive(None, &b, &mut SeenIds::default(), t0)
        .unwrap();
    let config = notification_config();
    let mut ana = Conversation::for_key(delivery.conversations[0].key.clone(), "c", "s");
    let before = ana.clone();
    let e = ana
        .apply(&config, &delivery.conversations[1], t0)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.class()),
        ("conversation.other_key", ErrorClass::Refused)
    );
    assert_eq!(ana, before);
    // A conversation without a key binds to the first, then refuses the second.
    let mut fresh = Conversation::new("c", "s");
    fresh
        .apply(&config, &delivery.conversations[0], t0)
        .unwrap();
    assert!(
        fresh
            .apply(&config, &delivery.conversations[1], t0)
            .is_err()
    );
}

#[test]
fn answers_to_meta() {
    let inbox = Inbox::signed(["new", "old"]).unwrap();
    let t0 = t("2026-11-24T10:00:00Z");
    let mut seen = SeenIds::default();
    let b = body(
        BUSINESS_ID,
        json!({"messages": [message(ANA, "wamid.A", t0, "hi")]}),
    );
    let forged = inbox
        .receive(Some("sha256=00"), &b, &mut seen, t0)
        .unwrap_err();
    assert_eq!(
        (forged.code(), forged.meta_status()),
        ("webhook.signature_malformed", 401)
    );
    let missing = inbox.receive(None, &b, &mut seen, t0).unwrap_err();
    assert_eq!(missing.problem().status, 401);
    let old = Inbox::signed(["old"]).unwrap().sign(b"not json");
    let unreadable = inbox
        .receive(Some(&old), b"not json", &mut seen, t0)
        .unwrap_err();
    assert_eq!(
        (unreadable.class(), unreadable.meta_status()),
        (ErrorClass::Invalid, 200)
    );
    let unsigned = Inbox::unsigned()
        .receive(None, b"not json", &mut seen, t0)
        .unwrap_err();
    assert_eq!(unsigned.meta_status(), 400);
    assert!(seen.is_empty(), "nothing taken from refused deliveries");

    // A store that fails on the second key: transient, 503, and the first key is released.
    struct Flaky(SeenIds, usize);
    impl SeenStore for Flaky {
        fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError> {
            self.1 += 1;
            if self.1 == 2 {
                return Err(SeenError::store("database is locked"));
            }
            self.0.insert(key, now)
        }
        fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
            self.0.remove(key)
        }
    }
    let two = body(
        BUSINESS_ID,
        json!({"messages": [message(ANA, "wamid.A", t0, "a"), message(BO, "wamid.B", t0, "b")]}),
    );
    let mut flaky = Flaky(SeenIds::default(), 0);
    let sig = inbox.sign(&two);
    let e = inbox.receive(Some(&sig), &two, &mut flaky, t0).unwrap_err();
    assert_eq!(
        (e.class(), e.meta_status(), meta_status(&e)),
        (ErrorClass::Transient, 503, 503)
    );
    assert!(
        flaky.0.is_empty(),
        "the key taken before the failure was released"
    );
    // The redelivery is taken whole.
    let d = inbox.receive(Some(&sig), &two, &mut flaky, t0).unwrap();
    assert_eq!(d.conversations.len(), 2);
}

#[test]
fn a_user_initiated_call_opens_the_window() {
    let t0 = t("2026-11-24T10:00:00Z");
    let b = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{"field": "calls", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550001111", "phone_number_id": BUSINESS_ID},
        "contacts": contacts(&[ANA]),
        "calls": [{"id": "wacid.1", "from": ANA, "to": "15550001111", "event": "connect",
            "timestamp": t0.timestamp().to_string(), "direction": "USER_INITIATED"}]}}]}]});
    let d = Inbox::unsigned()
        .receive(None, b.to_string().as_bytes(), &mut SeenIds::default(), t0)
        .unwrap();
    let config = waba::Config::default();
    let mut conv = Conversation::for_key(d.conversations[0].key.clone(), "c", "s");
    let applied = conv.apply(&config, &d.conversations[0], t0).unwrap();
    assert_eq!(
        applied,
        [Applied::Call {
            refreshed_window: true
        }]
    );
    assert_eq!(conv.window.last_inbound, Some(t0));
}

#[test]
fn stored_state_of_today_loads_and_unknown_versions_are_refused() {
    let v0 = include_str!("../fixtures/conversation-v0.json");
    let conv = Conversation::from_json(v0).unwrap();
    assert_eq!(conv.channel, "channel-ghub");
    assert_eq!(conv.customer.as_ref().unwrap().as_str(), "+16315551002");
    assert_eq!(conv.window.last_inbound, Some(t("2026-11-23T10:00:00Z")));
    assert!(conv.closed_by_meta());
    assert_eq!(conv.key, None);
    // Written again, it carries the version (and its key once bound).
    let v1: Value = serde_json::to_value(&conv).unwrap();
    assert_eq!(v1["version"], waba::conversation::CONVERSATION_VERSION);
    assert_eq!(Conversation::from_json(&v1.to_string()).unwrap(), conv);
    let mut keyed = v1.clone();
    keyed["key"] = json!({"business": {"phone_number_id": "9"}, "customer": "+16315551002"});
    let c = Conversation::from_json(&keyed.to_string()).unwrap();
    assert_eq!(
        c.key.unwrap().business.phone_number_id.as_deref(),
        Some("9")
    );
    let mut future = v1;
    future["version"] = json!(7);
    let e = Conversation::from_json(&future.to_string()).unwrap_err();
    assert_eq!(e.code(), "state.unknown_version");
    assert_eq!(
        (e.actual(), e.limit()),
        (
            Some(7),
            Some(u64::from(waba::conversation::CONVERSATION_VERSION))
        )
    );
    assert!(e.to_string().contains("version 7"), "{e}");
    assert!(serde_json::from_str::<Conversation>(&future.to_string()).is_err());
    assert_eq!(
        Conversation::from_json("[]").unwrap_err().code(),
        "state.malformed"
    );
}

#[test]
fn a_paused_default_notification_is_refused_naming_the_event() {
    let config = notification_config();
    let t0 = t("2026-11-20T10:00:00Z");
    let mut conv = Conversation::new("c", "s");
    conv.on_inbound(t0, false);
    conv.customer = Some(waba::phone::Identity::from_wa_id(ANA).unwrap());
    let update = |event: &str, time: i64| {
        json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "time": time, "changes": [{
            "field": "message_template_status_update", "value": {"event": event, "message_template_id": 1,
            "message_template_name": "patience_notice", "message_template_language": "en_US", "reason": "NONE"}}]}]})
        .to_string()
    };
    let mut account = Account::default();
    let late = t0 + TimeDelta::days(4);
    let draft = Draft::Text("Please reboot".into());
    for (event, time, expect) in [
        ("PAUSED", 1_764_000_000, Some(("template.paused", 132_015))),
        ("APPROVED", 1_764_000_100, None),
        (
            "DISABLED",
            1_764_000_200,
            Some(("template.disabled", 132_016)),
        ),
    ] {
        let d = Inbox::unsigned()
            .receive(
                None,
                update(event, time).as_bytes(),
                &mut SeenIds::default(),
                late,
            )
            .unwrap();
        assert!(account.apply(&d.account_events[0]));
        let decision = conv.compose_with(&config, &account, &draft, Permissions::all(), late);
        match (expect, decision) {
            (None, Decision::Notification { .. }) => {}
            (Some((code, meta)), Decision::Refused(e)) => {
                assert_eq!((e.code(), e.meta_code()), (code, Some(meta)));
                assert_eq!(WabaError::class(&e), ErrorClass::Refused);
                assert!(e.to_string().contains(event), "{e}");
            }
            (expect, d) => panic!("{event}: expected {expect:?}, got {d:?}"),
        }
    }
    // The account state is stored with its version.
    let stored = serde_json::to_string(&account).unwrap();
    assert!(stored.contains("\"version\":1"));
    assert_eq!(Account::from_json(&stored).unwrap(), account);
    // Without the account, compose cannot know.
    assert!(matches!(
        conv.compose(&config, &draft, Permissions::all(), late),
        Decision::Notification { .. }
    ));
}

/// Events of every kind, from generated numbers.
fn event_strategy() -> impl Strategy<Value = (Value, &'static str)> {
    let ts = 1_764_000_000i64..1_764_100_000;
    prop_oneof![
        (ts.clone(), any::<bool>()).prop_map(|(ts, referral)| {
            let mut m = json!({"from": ANA, "id": format!("wamid.{ts}"), "timestamp": ts.to_string(), "type": "text", "text": {"body": "x"}});
            if referral {
                m["referral"] = json!({"source_type": "ad", "source_id": "1"});
            }
            (json!({"messages": [m]}), "messages")
        }),
        (ts.clone(), prop_oneof![Just(131_047u32), Just(131_026), Just(470)]).prop_map(|(ts, code)| {
            (json!({"statuses": [{"id": format!("wamid.out.{ts}"), "status": "failed", "timestamp": ts.to_string(),
                "recipient_id": ANA, "errors": [{"code": code}]}]}), "messages")
        }),
        ts.clone().prop_map(|ts| {
            (json!({"calls": [{"id": format!("wacid.{ts}"), "from": ANA, "to": "15550001111", "event": "connect",
                "timestamp": ts.to_string(), "direction": "USER_INITIATED"}]}), "calls")
        }),
        (ts.clone(), prop_oneof![Just("stop"), Just("resume")]).prop_map(|(ts, v)| {
            (json!({"user_preferences": [{"wa_id": ANA, "category": "marketing_messages", "value": v, "timestamp": ts}]}), "user_preferences")
        }),
        ts.clone().prop_map(|ts| {
            (json!({"message_echoes": [{"from": "15550001111", "to": ANA, "id": format!("wamid.echo.{ts}"),
                "timestamp": ts.to_string(), "type": "text", "text": {"body": "from the app"}}]}), "smb_message_echoes")
        }),
        ts.prop_map(|ts| {
            (json!({"messages": [{"from": ANA, "id": format!("wamid.sys.{ts}"), "timestamp": ts.to_string(), "type": "system",
                "system": {"type": "user_changed_number", "wa_id": "16315559999", "body": "changed"}}]}), "messages")
        }),
    ]
}

fn events_of(value: Value, field: &str) -> (ConversationKey, Vec<Event>) {
    let mut value = value;
    value["metadata"] =
        json!({"display_phone_number": "15550001111", "phone_number_id": BUSINESS_ID});
    value["contacts"] = contacts(&[ANA]);
    let b = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{"field": field, "value": value}]}]});
    let split = waba::model::Webhook::parse(b.to_string().as_bytes())
        .unwrap()
        .split();
    let c = split.conversations.into_iter().next().unwrap();
    (c.key, c.events)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Applying the same event twice changes nothing, whatever happened before it.
    #[test]
    fn applying_an_event_twice_changes_nothing(
        history in proptest::collection::vec(event_strategy(), 0..5),
        (value, field) in event_strategy(),
        reply in any::<bool>(),
    ) {
        let config = waba::Config::default();
        let now = t("2026-11-30T00:00:00Z");
        let mut conv = Conversation::new("c", "s");
        for (v, f) in history {
            let (key, events) = events_of(v, f);
            for e in &events {
                conv.apply_one(&config, &key, e, now).unwrap();
            }
        }
        if reply {
            conv.on_sent(&waba::model::Outbound::text("hi").unwrap(), now - TimeDelta::hours(1));
        }
        let (key, events) = events_of(value, field);
        for e in &events {
            conv.apply_one(&config, &key, e, now).unwrap();
        }
        let once = conv.clone();
        for e in &events {
            conv.apply_one(&config, &key, e, now).unwrap();
        }
        prop_assert_eq!(conv, once);
    }
}
