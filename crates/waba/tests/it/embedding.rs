//! What a web service embeds: `Inbox::open` then `Opened::take` (the delivery entry in two halves,
//! so that a service checks the signature and parses before it touches its store), `Applied::kind`,
//! `ConversationKey::id`, and the conversation's pacing (`Conversation::pace`, `Account::category_of`).

use waba::delivery::Inbox;
use waba::model::events::DedupKey;
use waba::model::seen::{SeenError, SeenIds, SeenStore};

use crate::{t, text_webhook};

/// A store that records every call, to prove `open` never touches it.
#[derive(Default)]
struct Counting {
    inner: SeenIds,
    calls: usize,
}

impl SeenStore for Counting {
    fn insert(
        &mut self,
        key: &DedupKey,
        now: waba::chrono::DateTime<waba::chrono::Utc>,
    ) -> Result<bool, SeenError> {
        self.calls += 1;
        self.inner.insert(key, now)
    }
    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
        self.calls += 1;
        self.inner.remove(key)
    }
}

#[test]
fn open_then_take_is_receive() {
    let inbox = Inbox::signed(["s3cret"]).unwrap();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let sig = inbox.sign(&body);
    let now = t("2025-11-24T16:00:01Z");

    let mut seen = Counting::default();
    let opened = inbox.open(Some(&sig), &body).unwrap();
    assert_eq!(seen.calls, 0);
    assert_eq!(opened.split().conversations.len(), 1);
    let split = opened.split().clone();
    let taken = opened.take(&mut seen, now).unwrap();
    assert_eq!(seen.calls, 1);
    assert_eq!(taken.taken().len(), 1);
    assert_eq!(taken.conversations, split.conversations);

    // The same through `receive` on a fresh store gives the same delivery.
    let mut fresh = SeenIds::default();
    assert_eq!(
        inbox.receive(Some(&sig), &body, &mut fresh, now).unwrap(),
        taken
    );

    // Taken again: a duplicate, nothing new.
    let again = inbox
        .open(Some(&sig), &body)
        .unwrap()
        .take(&mut seen, now)
        .unwrap();
    assert!(again.conversations.is_empty());
    assert_eq!(again.duplicates, vec![DedupKey::new("message:wamid.A")]);
}

#[test]
fn open_refuses_forged_and_unreadable_bodies_without_a_store() {
    let inbox = Inbox::signed(["s3cret"]).unwrap();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let forged = inbox.open(Some(&inbox.sign(b"other")), &body).unwrap_err();
    assert_eq!(forged.meta_status(), 401);
    let missing = inbox.open(None, &body).unwrap_err();
    assert_eq!(missing.meta_status(), 401);
    // Signed but not JSON: Meta's, unreadable: 200 (redelivering cannot help).
    let junk = b"not json";
    let unreadable = inbox.open(Some(&inbox.sign(junk)), junk).unwrap_err();
    assert_eq!(unreadable.meta_status(), 200);
    // Unsigned inbox: the same body may not be Meta's: 400.
    assert_eq!(
        Inbox::unsigned()
            .open(None, junk)
            .unwrap_err()
            .meta_status(),
        400
    );
}

#[test]
fn applied_kinds_name_what_was_applied() {
    let inbox = Inbox::unsigned();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let now = t("2025-11-24T16:00:01Z");
    let delivery = inbox
        .receive(None, &body, &mut SeenIds::default(), now)
        .unwrap();
    let batch = &delivery.conversations[0];
    let mut conv = waba::Conversation::for_key(batch.key.clone(), "c", "s");
    let applied = conv.apply(&waba::Config::default(), batch, now).unwrap();
    let kinds: Vec<&str> = applied.iter().map(waba::Applied::kind).collect();
    assert_eq!(kinds, ["interaction"]);
    assert_eq!(
        waba::Applied::Status {
            closed_window: false
        }
        .kind(),
        "status"
    );
    assert_eq!(waba::Applied::Echo.kind(), "echo");
}

mod pacing {
    use serde_json::{Value, json};
    use waba::after_send::pacing::{Pace, Rule};
    use waba::chrono::{DateTime, TimeDelta, Utc};
    use waba::model::events::ConversationEvents;
    use waba::model::{Outbound, SendResponse, TemplateLanguage, TemplateMessage};
    use waba::{Account, Config, Conversation, WabaError};

    use crate::t;

    const ANA: &str = "16315551002";

    fn events(value: Value) -> ConversationEvents {
        let mut value = value;
        value["messaging_product"] = json!("whatsapp");
        value["metadata"] = json!({"display_phone_number": "15550001111", "phone_number_id": "9"});
        let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W",
            "changes": [{"field": "messages", "value": value}]}]});
        let split = waba::model::Webhook::parse(body.to_string().as_bytes())
            .unwrap()
            .split();
        split.conversations.into_iter().next().unwrap()
    }

    fn failed(id: &str, code: u64, at: DateTime<Utc>) -> ConversationEvents {
        events(
            json!({"statuses": [{"id": id, "status": "failed", "timestamp": at.timestamp().to_string(),
            "recipient_id": ANA, "errors": [{"code": code, "title": "x"}]}]}),
        )
    }

    fn promo() -> Outbound {
        Outbound::new(TemplateMessage::new(
            "spring_sale",
            TemplateLanguage::new("en_US"),
        ))
    }

    fn account() -> Account {
        let mut a = Account::default();
        a.set_category(
            "spring_sale",
            "en_US",
            waba::after_send::TemplateCategory::Marketing,
        );
        a
    }

    fn conversation(at: DateTime<Utc>) -> Conversation {
        let first = events(
            json!({"contacts": [{"profile": {"name": "Ana"}, "wa_id": ANA}],
            "messages": [{"from": ANA, "id": "wamid.in", "timestamp": at.timestamp().to_string(), "type": "text", "text": {"body": "Hi"}}]}),
        );
        let mut conv = Conversation::for_key(first.key.clone(), "c", "s");
        conv.apply(&Config::default(), &first, at).unwrap();
        conv
    }

    #[test]
    fn a_refused_send_with_131049_holds_marketing_for_a_day_only() {
        let t0 = t("2026-11-24T10:00:00Z");
        let (mut conv, account) = (conversation(t0), account());
        assert_eq!(
            account.category_of(&promo()),
            Some(waba::after_send::TemplateCategory::Marketing)
        );
        assert_eq!(account.category_of(&Outbound::text("hi").unwrap()), None);
        assert_eq!(conv.pace(&account, &promo(), t0), Pace::Go);
        let refused = SendResponse::parse(br#"{"error":{"message":"(#131049) not delivered","type":"OAuthException","code":131049,"fbtrace_id":"A"}}"#).unwrap();
        let err = conv
            .on_send_response(&promo(), &refused, t0, account.category_of(&promo()))
            .unwrap_err();
        assert_eq!(err.code(), "ledger.send_refused");
        let held = conv.pace(&account, &promo(), t0).check().unwrap_err();
        assert_eq!(
            (held.rule(), held.until()),
            (Rule::MarketingLimit, t0 + TimeDelta::hours(24))
        );
        // A text (or a utility template) still goes.
        assert_eq!(
            conv.pace(&account, &Outbound::text("hi").unwrap(), t0),
            Pace::Go
        );
        assert!(
            conv.pace(&account, &promo(), t0 + TimeDelta::hours(24))
                .is_go()
        );
        // The pacer is stored with the conversation.
        let back = Conversation::from_json(&serde_json::to_string(&conv).unwrap()).unwrap();
        assert_eq!(back.pacer, conv.pacer);
    }

    #[test]
    fn a_failed_status_backs_off_once_however_often_it_comes() {
        let t0 = t("2026-11-24T10:00:00Z");
        let (mut conv, account) = (conversation(t0), account());
        let config = Config::default();
        let status = failed("wamid.P1", 131_049, t0);
        conv.apply(&config, &status, t0).unwrap();
        let once = conv.clone();
        conv.apply(&config, &status, t0 + TimeDelta::minutes(5))
            .unwrap();
        assert_eq!(conv, once, "the same failure twice changes nothing");
        let until = |c: &Conversation| match c.pace(&account, &promo(), t0) {
            Pace::Wait {
                until,
                rule: Rule::MarketingLimit,
            } => until,
            other => panic!("{other:?}"),
        };
        assert_eq!(until(&conv), t0 + TimeDelta::hours(24));
        // Another message failing with 131049: the backoff grows.
        conv.apply(&config, &failed("wamid.P2", 131_049, t0), t0)
            .unwrap();
        assert_eq!(until(&conv), t0 + TimeDelta::hours(48));
    }

    #[test]
    fn prepare_send_refuses_a_conversation_without_a_business_number() {
        use waba::attachment::Permissions;
        use waba::{Draft, NotNow};
        let t0 = t("2026-11-24T10:00:00Z");
        let draft = Draft::Text("It ships today".into());
        let mut conv = Conversation::default();
        let before = conv.clone();
        let refused = conv
            .prepare_send(
                &Config::default(),
                &account(),
                &draft,
                Permissions::all(),
                t0,
            )
            .unwrap_err();
        assert!(matches!(refused, NotNow::NoBusinessNumber), "{refused:?}");
        assert_eq!(
            (refused.code(), refused.http_status(), refused.field()),
            ("send.no_business_number", 409, Some("phone_number_id"))
        );
        assert_eq!(conv, before, "nothing taken");
    }

    #[test]
    fn prepare_send_composes_paces_and_takes_the_slot() {
        use waba::attachment::Permissions;
        use waba::{Draft, NotNow};
        let t0 = t("2026-11-24T10:00:00Z");
        let (mut conv, account) = (conversation(t0), account());
        let draft = Draft::Text("It ships today".into());
        let out = conv
            .prepare_send(&Config::default(), &account, &draft, Permissions::all(), t0)
            .unwrap();
        assert_eq!(out.phone_number_id.as_deref(), Some("9"));
        assert_eq!((out.preview.as_ref(), out.category.as_ref()), (None, None));
        let answer = out.to_json(Some("wamid.X"));
        assert_eq!(
            (answer["decision"].as_str(), answer["message_id"].as_str()),
            (Some("send"), Some("wamid.X"))
        );
        assert_eq!(answer["payload"]["text"]["body"], "It ships today");
        // A second reply racing the first is held by the pair rate (the slot was taken).
        let again = conv
            .prepare_send(&Config::default(), &account, &draft, Permissions::all(), t0)
            .unwrap_err();
        let NotNow::Held(held) = &again else {
            panic!("{again:?}")
        };
        assert_eq!(
            (held.rule(), again.code(), again.meta_code()),
            (Rule::PairRate, "pacing.held", Some(131_056))
        );
        // A day later the window is closed and no notification is configured: refused, 131047.
        let later = t0 + TimeDelta::hours(25);
        let refused = conv
            .prepare_send(
                &Config::default(),
                &account,
                &draft,
                Permissions::all(),
                later,
            )
            .unwrap_err();
        assert!(matches!(refused, NotNow::Refused(_)), "{refused:?}");
        assert_eq!(refused.meta_code(), Some(131_047));
        let notification = crate::notification_config();
        let out = conv
            .prepare_send(&notification, &account, &draft, Permissions::all(), later)
            .unwrap();
        assert_eq!(out.to_json(None)["decision"], "notification");
        assert!(out.preview.unwrap().ends_with("It ships today"));
    }

    #[test]
    fn a_recorded_send_holds_the_next_by_the_pair_rate() {
        let t0 = t("2026-11-24T10:00:00Z");
        let (mut conv, account) = (conversation(t0), account());
        let body = Outbound::text("Hello").unwrap();
        let accepted = SendResponse::parse(br#"{"messaging_product":"whatsapp","contacts":[{"input":"16315551002","wa_id":"16315551002"}],"messages":[{"id":"wamid.OUT"}]}"#).unwrap();
        conv.on_send_response(&body, &accepted, t0, None).unwrap();
        let held = conv
            .pace(&account, &body, t0 + TimeDelta::seconds(2))
            .check()
            .unwrap_err();
        assert_eq!(held.rule(), Rule::PairRate);
        assert_eq!(held.retry_after(t0 + TimeDelta::seconds(2)), 4);
        assert!(
            conv.pace(&account, &body, t0 + TimeDelta::seconds(6))
                .is_go()
        );
    }
}

mod apply_to {
    use std::collections::BTreeMap;

    use serde_json::json;
    use waba::chrono::{DateTime, Utc};
    use waba::delivery::{Delivery, Inbox, State};
    use waba::model::seen::SeenIds;
    use waba::{Account, Config, Conversation, WabaError};

    use crate::t;

    /// A store in memory; `fail` makes every write fail.
    #[derive(Default)]
    struct Memory {
        conversations: BTreeMap<String, Conversation>,
        account: Option<Account>,
        fail: bool,
    }

    impl State for Memory {
        type Error = String;
        fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, String> {
            Ok(self.conversations.get(id).cloned())
        }
        fn put_conversation(&mut self, id: &str, c: &Conversation) -> Result<(), String> {
            if self.fail {
                return Err("disk full".into());
            }
            self.conversations.insert(id.to_owned(), c.clone());
            Ok(())
        }
        fn account(&mut self) -> Result<Account, String> {
            Ok(self.account.clone().unwrap_or_default())
        }
        fn put_account(&mut self, a: &Account) -> Result<(), String> {
            self.account = Some(a.clone());
            Ok(())
        }
    }

    fn body() -> Vec<u8> {
        let m = |from: &str, id: &str| json!({"from": from, "id": id, "timestamp": "1764000000", "type": "text", "text": {"body": "hi"}});
        json!({"object": "whatsapp_business_account", "entry": [
            {"id": "W", "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "1555", "phone_number_id": "9"},
                "contacts": [{"wa_id": "16315551002"}, {"wa_id": "5215512345678"}],
                "messages": [m("16315551002", "wamid.A"), m("5215512345678", "wamid.B")]}}]},
            {"id": "W", "time": 1764000000, "changes": [{"field": "template_category_update", "value": {
                "message_template_id": 1, "message_template_name": "spring_sale", "message_template_language": "en_US", "new_category": "MARKETING"}}]}]})
        .to_string()
        .into_bytes()
    }

    /// `body()` received unsigned at 2025-11-24T16:00:01Z, with nothing seen before; and that time.
    fn received() -> (Delivery, DateTime<Utc>) {
        let now = t("2025-11-24T16:00:01Z");
        let delivery = Inbox::unsigned()
            .receive(None, &body(), &mut SeenIds::default(), now)
            .unwrap();
        (delivery, now)
    }

    #[test]
    fn a_delivery_goes_to_each_conversation_and_the_account() {
        let (delivery, now) = received();
        let mut state = Memory::default();
        // Bo's conversation is already stored, written by his other wa_id (the same subscriber).
        let bo_key = delivery.conversations[1].key.clone();
        let stored = Conversation::for_key(bo_key.clone(), "c", "s");
        state.conversations.insert(bo_key.id(), stored);
        let outcomes = delivery
            .apply_to(&mut state, &Config::default(), ("c", "s"), now)
            .unwrap();
        let ids: Vec<&str> = outcomes.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["9:+16315551002", bo_key.id().as_str()]);
        assert!(outcomes.iter().all(|(_, a)| a.as_ref().unwrap().len() == 1));
        assert_eq!(state.conversations.len(), 2);
        assert!(
            state.conversations["9:+16315551002"]
                .window
                .last_inbound
                .is_some()
        );
        assert_eq!(state.conversations["9:+16315551002"].channel, "c");
        let account = state.account.clone().unwrap();
        assert_eq!(
            account.category("spring_sale", "en_US"),
            Some(waba::after_send::TemplateCategory::Marketing)
        );

        // A stored conversation of another key under an id: refused and reported, the other goes on.
        let mut state = Memory::default();
        let other = Conversation::for_key(delivery.conversations[0].key.clone(), "c", "s");
        state.conversations.insert(bo_key.id(), other.clone());
        let outcomes = delivery
            .apply_to(&mut state, &Config::default(), ("c", "s"), now)
            .unwrap();
        assert!(outcomes[0].1.is_ok());
        assert_eq!(
            outcomes[1].1.as_ref().unwrap_err().code(),
            "conversation.other_key"
        );
        assert_eq!(
            state.conversations[&bo_key.id()],
            other,
            "nothing of it was written"
        );

        // The store's error stops it.
        let mut failing = Memory {
            fail: true,
            ..Memory::default()
        };
        assert_eq!(
            delivery
                .apply_to(&mut failing, &Config::default(), ("c", "s"), now)
                .unwrap_err(),
            "disk full"
        );
    }

    /// JSON documents by id: every `Documents` is a `State`.
    #[derive(Default)]
    struct Docs(BTreeMap<String, String>);

    impl waba::delivery::Documents for Docs {
        type Error = waba::StateError;
        fn document(&mut self, id: &str) -> Result<Option<String>, waba::StateError> {
            Ok(self.0.get(id).cloned())
        }
        fn put_document(&mut self, id: &str, document: &str) -> Result<(), waba::StateError> {
            self.0.insert(id.to_owned(), document.to_owned());
            Ok(())
        }
    }

    #[test]
    fn documents_are_a_state_with_versions_checked() {
        let (delivery, now) = received();
        let mut docs = Docs::default();
        delivery
            .apply_to(&mut docs, &Config::default(), ("c", "s"), now)
            .unwrap();
        let ids: Vec<&str> = docs.0.keys().map(String::as_str).collect();
        assert_eq!(
            ids,
            [
                "9:+16315551002",
                "9:+525512345678",
                waba::delivery::ACCOUNT_DOCUMENT
            ]
        );
        let ana = Conversation::from_json(&docs.0["9:+16315551002"]).unwrap();
        assert!(ana.window.last_inbound.is_some());
        assert!(docs.0["account"].contains("spring_sale"));
        // Read back through the State side.
        assert_eq!(docs.conversation("9:+16315551002").unwrap(), Some(ana));
        // A document of a version this library does not know is refused, not used.
        docs.0.insert(
            "9:+16315551002".into(),
            r#"{"version": 99, "channel": "c", "server": "s", "window": {}, "customer": null}"#
                .into(),
        );
        let e = delivery
            .apply_to(&mut docs, &Config::default(), ("c", "s"), now)
            .unwrap_err();
        assert_eq!(e.code(), "state.unknown_version");
    }
}
