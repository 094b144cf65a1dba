//! The ledger: statuses in any order end in the same state; orphans kept and adopted; bounds;
//! the stored form with its version.

use proptest::prelude::*;
use waba_delivery::*;
use waba_error::WabaError;
use waba_model::{SendResponse, StatusKind, Webhook};

use crate::t;

fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

fn updates() -> Vec<StatusUpdate> {
    let pmp = Pricing::from_json(
        r#"{"billable":true,"pricing_model":"PMP","category":"marketing","type":"regular"}"#,
    )
    .unwrap();
    vec![
        StatusUpdate::new("wamid.A", StatusKind::Sent, Some(t(1))).with_pricing(pmp.clone()),
        StatusUpdate::new("wamid.A", StatusKind::Delivered, Some(t(2))).with_pricing(pmp),
        StatusUpdate::new("wamid.A", StatusKind::Read, Some(t(3))),
        StatusUpdate::new("wamid.A", StatusKind::Failed, Some(t(4)))
            .with_error(StatusError::new(131_026)),
    ]
}

/// A ledger that recorded the send of `wamid.A` (a text) at `t(0)`.
fn sent_a() -> Ledger {
    let mut ledger = Ledger::new();
    ledger
        .record_sent("wamid.A", SentInfo::new("text", t(0)))
        .unwrap();
    ledger
}

#[test]
fn every_order_of_sent_delivered_read_failed_ends_the_same() {
    let all = updates();
    let mut reference: Option<Delivery> = None;
    let perms = permutations(&all);
    assert_eq!(perms.len(), 24);
    for order in perms {
        let mut ledger = sent_a();
        for u in &order {
            ledger.apply(u);
            // Applying a status twice changes nothing.
            let once = ledger.get("wamid.A").unwrap().clone();
            ledger.apply(u);
            assert_eq!(ledger.get("wamid.A").unwrap(), &once);
        }
        let d = ledger.get("wamid.A").unwrap().clone();
        assert_eq!(d.status, Some(DeliveryStatus::Read), "{order:?}");
        assert!(d.has_failed());
        assert_eq!(d.updated_at, Some(t(4)));
        match &reference {
            None => reference = Some(d),
            Some(r) => assert_eq!(&d, r, "{order:?}"),
        }
    }
}

#[test]
fn every_subset_in_every_order_ends_the_same() {
    let all = updates();
    for mask in 1u8..16 {
        let subset: Vec<StatusUpdate> = (0..4)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| all[i].clone())
            .collect();
        let mut states = Vec::new();
        for order in permutations(&subset) {
            let mut ledger = sent_a();
            for u in &order {
                ledger.apply(u);
            }
            states.push(ledger.get("wamid.A").unwrap().clone());
        }
        assert!(states.windows(2).all(|w| w[0] == w[1]), "subset {mask:04b}");
    }
}

#[test]
fn failed_outranks_sent_but_not_proof_of_delivery() {
    let mut ledger = sent_a();
    assert_eq!(
        ledger.get("wamid.A").unwrap().status,
        Some(DeliveryStatus::Accepted)
    );
    let applied = ledger.apply(&StatusUpdate::new(
        "wamid.A",
        StatusKind::Failed,
        Some(t(2)),
    ));
    assert_eq!(
        applied,
        Applied::Merged {
            before: Some(DeliveryStatus::Accepted),
            after: Some(DeliveryStatus::Failed)
        }
    );
    // A later `sent` leaves the failure; `played` and `deleted` outrank it.
    for (kind, at, after) in [
        (StatusKind::Sent, 1, DeliveryStatus::Failed),
        (StatusKind::Played, 9, DeliveryStatus::Played),
        (StatusKind::Deleted, 10, DeliveryStatus::Deleted),
    ] {
        ledger.apply(&StatusUpdate::new("wamid.A", kind.clone(), Some(t(at))));
        let status = ledger.get("wamid.A").unwrap().status;
        assert_eq!(status, Some(after), "after {kind:?} at {at}");
    }
    // An unknown status value is kept and moves nothing.
    ledger.apply(&StatusUpdate::new(
        "wamid.A",
        StatusKind::Other("warning".into()),
        None,
    ));
    let d = ledger.get("wamid.A").unwrap();
    assert_eq!(d.status, Some(DeliveryStatus::Deleted));
    assert_eq!(d.other_statuses[0].status, "warning");
}

#[test]
fn orphans_are_kept_then_adopted_when_the_send_is_recorded() {
    let mut ledger = Ledger::new();
    let applied = ledger.apply(&StatusUpdate::new(
        "wamid.B",
        StatusKind::Delivered,
        Some(t(5)),
    ));
    assert_eq!(applied, Applied::Orphan { evicted: false });
    assert_eq!(
        ledger.orphan("wamid.B").unwrap().status,
        Some(DeliveryStatus::Delivered)
    );
    assert!(ledger.get("wamid.B").is_none());
    let r = ledger
        .record_sent("wamid.B", SentInfo::new("text", t(1)))
        .unwrap();
    assert!(r.adopted_orphan && !r.duplicate);
    assert!(ledger.orphan("wamid.B").is_none());
    let d = ledger.get("wamid.B").unwrap();
    assert_eq!(d.status, Some(DeliveryStatus::Delivered));
    assert_eq!(d.sent.as_ref().unwrap().at, t(1));
    let again = ledger
        .record_sent("wamid.B", SentInfo::new("image", t(2)))
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(
        ledger.get("wamid.B").unwrap().sent.as_ref().unwrap().kind,
        "text"
    );
}

#[test]
fn bounded_oldest_evicted_in_order() {
    let mut ledger = Ledger::with_limits(LedgerLimits::new(2, 2).unwrap());
    for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
        let r = ledger
            .record_sent(id, SentInfo::new("text", t(i as i64)))
            .unwrap();
        assert_eq!(r.evicted.map(|d| d.id), (i == 2).then(|| "a".to_owned()));
    }
    let ids: Vec<&str> = ledger.deliveries().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["b", "c"]);
    for id in ["x", "y", "z"] {
        ledger.apply(&StatusUpdate::new(id, StatusKind::Sent, None));
    }
    let orphans: Vec<&str> = ledger.orphans().map(|d| d.id.as_str()).collect();
    assert_eq!(orphans, ["y", "z"]);
    let e = LedgerLimits::new(0, 1).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("ledger.bad_limit", Some("deliveries"))
    );
    let e = ledger
        .record_sent("", SentInfo::new("text", t(0)))
        .unwrap_err();
    assert_eq!(e.code(), "ledger.empty_id");
    let e = ledger
        .record_sent("w".repeat(257), SentInfo::new("text", t(0)))
        .unwrap_err();
    assert_eq!((e.limit(), e.actual()), (Some(256), Some(257)));
}

#[test]
fn records_from_meta_answers() {
    let mut ledger = Ledger::new();
    let ok = SendResponse::parse(
        br#"{"messages":[{"id":"wamid.H","message_status":"held_for_quality_assessment"}]}"#,
    )
    .unwrap();
    ledger
        .record_response(&ok, SentInfo::new("template", t(0)))
        .unwrap();
    let sent = ledger.get("wamid.H").unwrap().sent.clone().unwrap();
    assert_eq!(
        sent.send_status,
        Some(waba_model::SendStatus::HeldForQualityAssessment)
    );
    let refused = SendResponse::parse(
        br#"{"error":{"code":131056,"error_data":{"details":"pair rate limit"}}}"#,
    )
    .unwrap();
    let e = ledger
        .record_response(&refused, SentInfo::new("text", t(0)))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code()),
        ("ledger.send_refused", Some(131_056))
    );
    assert_eq!(e.class(), waba_error::ErrorClass::Refused);
    let e = ledger
        .record_response(
            &SendResponse::parse(b"{}").unwrap(),
            SentInfo::new("text", t(0)),
        )
        .unwrap_err();
    assert_eq!(e.code(), "ledger.no_message_id");
}

#[test]
fn webhook_statuses_bring_pricing_conversation_and_callback_data() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"statuses":[
      {"id":"wamid.P","status":"sent","timestamp":"1700000001","recipient_id":"16315551002","biz_opaque_callback_data":"campaign=7",
       "conversation":{"id":"c1","origin":{"type":"utility"}},
       "pricing":{"billable":false,"pricing_model":"PMP","category":"utility","type":"free_customer_service"}},
      {"id":"wamid.P","status":"failed","timestamp":"1700000002","recipient_id":"16315551002",
       "errors":[{"code":131049,"title":"This message was not delivered to maintain healthy ecosystem engagement","error_data":{"details":"limit"}}]}]}}]}]}"#;
    let hook = Webhook::parse(body).unwrap();
    let mut ledger = Ledger::new();
    ledger
        .record_sent("wamid.P", SentInfo::new("template", t(0)))
        .unwrap();
    for s in hook.statuses() {
        ledger.apply_status(s.unwrap()).unwrap();
    }
    let d = ledger.get("wamid.P").unwrap();
    assert_eq!(d.status, Some(DeliveryStatus::Failed));
    assert_eq!(d.callback_data.as_deref(), Some("campaign=7"));
    assert_eq!(d.recipient.as_deref(), Some("16315551002"));
    let p = d.pricing.as_ref().unwrap();
    assert_eq!(p.kind, Some(PricingType::FreeCustomerService));
    assert_eq!(p.pricing_model, Some(PricingModel::Pmp));
    assert_eq!(d.conversation.as_ref().unwrap().id.as_deref(), Some("c1"));
    assert_eq!(d.error_codes().collect::<Vec<_>>(), [131_049]);
    assert_eq!(d.errors[0].details.as_deref(), Some("limit"));
}

#[test]
fn stored_form_round_trips_and_checks_its_version() {
    let mut ledger = sent_a();
    for u in updates() {
        ledger.apply(&u);
    }
    ledger.apply(&StatusUpdate::new("wamid.O", StatusKind::Read, Some(t(7))));
    let text = ledger.to_json().unwrap();
    assert_eq!(Ledger::from_json(&text).unwrap(), ledger);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["deliveries"][0]["status"], "read");

    let e = Ledger::from_json(&text.replacen("\"version\":1", "\"version\":2", 1)).unwrap_err();
    assert_eq!(e.code(), "ledger.version");
    let e = Ledger::from_json(r#"{"deliveries":[]}"#).unwrap_err();
    assert_eq!(e.code(), "ledger.version");
    let e = Ledger::from_json("[").unwrap_err();
    assert_eq!(e.code(), "ledger.stored_malformed");
    let over = r#"{"version":1,"limits":{"deliveries":1,"orphans":1},"deliveries":[],"orphans":[
        {"id":"a","status":null,"seen":[],"times":{}},{"id":"b","status":null,"seen":[],"times":{}}]}"#;
    assert_eq!(
        Ledger::from_json(over).unwrap_err().code(),
        "ledger.stored_over_limit"
    );
    let twice = r#"{"version":1,"limits":{"deliveries":5,"orphans":5},"deliveries":[],"orphans":[
        {"id":"a","status":null,"seen":[],"times":{}},{"id":"a","status":null,"seen":[],"times":{}}]}"#;
    assert_eq!(
        Ledger::from_json(twice).unwrap_err().code(),
        "ledger.stored_malformed"
    );
    // A stored status that disagrees with what was seen is recomputed, not trusted.
    let lying = r#"{"version":1,"limits":{"deliveries":5,"orphans":5},"deliveries":[],"orphans":[
        {"id":"a","status":"read","seen":["sent"],"times":{}}]}"#;
    let l = Ledger::from_json(lying).unwrap();
    assert_eq!(l.orphan("a").unwrap().status, Some(DeliveryStatus::Sent));
}

static_assertions::assert_impl_all!(Ledger: Send, Sync, Clone);

fn kind_strategy() -> impl Strategy<Value = StatusKind> {
    prop_oneof![
        Just(StatusKind::Sent),
        Just(StatusKind::Delivered),
        Just(StatusKind::Read),
        Just(StatusKind::Failed),
        Just(StatusKind::Played),
        Just(StatusKind::Deleted),
        Just(StatusKind::Other("warning".into())),
    ]
}

proptest! {
    /// Any multiset of statuses (with times and errors), in any order, gives the same delivery.
    #[test]
    fn merge_is_order_independent(
        items in proptest::collection::vec((kind_strategy(), 0i64..20, proptest::option::of(0u64..4)), 0..10),
        seed in any::<u64>(),
    ) {
        let updates: Vec<StatusUpdate> = items.iter().map(|(k, at, err)| {
            let u = StatusUpdate::new("wamid.A", k.clone(), Some(t(*at)));
            match err { Some(c) => u.with_error(StatusError::new(131_000 + c)), None => u }
        }).collect();
        let mut shuffled = updates.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let run = |list: &[StatusUpdate]| {
            let mut l = sent_a();
            for u in list { l.apply(u); }
            l.get("wamid.A").unwrap().clone()
        };
        prop_assert_eq!(run(&updates), run(&shuffled));
    }
}

waba_testkit::corpus_tests! {
    seed_corpus_of_the_fuzzer_replays: "ledger_stored", at least 5, waba_delivery::internal::ledger_stored;
}
