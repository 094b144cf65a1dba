//! Merging a status for a known id and pacing decisions make no heap allocation (its own binary:
//! it installs a counting allocator).

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use waba_delivery::pacing::{BusinessPacer, RecipientPacer};
use waba_delivery::{DeliveryStatus, Ledger, Pricing, SentInfo, StatusError, StatusUpdate};
use waba_model::StatusKind;

#[test]
fn merging_a_known_id_does_not_allocate() {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let mut ledger = Ledger::new();
    for i in 0..100 {
        ledger
            .record_sent(format!("wamid.{i:03}"), SentInfo::new("text", t0))
            .unwrap();
    }
    let pricing = Pricing::from_json(r#"{"pricing_model":"PMP","type":"regular"}"#).unwrap();
    let statuses = [
        StatusUpdate::new("wamid.050", StatusKind::Sent, Some(t0)).with_pricing(pricing.clone()),
        StatusUpdate::new(
            "wamid.050",
            StatusKind::Read,
            Some(t0 + TimeDelta::seconds(9)),
        ),
        StatusUpdate::new(
            "wamid.050",
            StatusKind::Delivered,
            Some(t0 + TimeDelta::seconds(5)),
        ),
        StatusUpdate::new(
            "wamid.050",
            StatusKind::Failed,
            Some(t0 + TimeDelta::seconds(7)),
        )
        .with_error(StatusError::new(131_026)),
    ];
    // The first time, the pricing and the error are new: they are kept (that allocates).
    for s in &statuses {
        ledger.apply(s);
    }
    // Every later status, in any order, repeated: nothing new to keep, no allocation.
    let change = allocation_counter::measure(|| {
        for _ in 0..10 {
            for s in statuses.iter().rev() {
                black_box(ledger.apply(black_box(s)));
            }
            let later = &statuses[2];
            black_box(ledger.apply(black_box(later)));
        }
    });
    assert_eq!(
        ledger.get("wamid.050").unwrap().status,
        Some(DeliveryStatus::Read)
    );
    assert_eq!(change.count_total, 0, "{change:?}");
}

#[test]
fn pacing_decisions_do_not_allocate() {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let mut business = BusinessPacer::new(80).unwrap();
    for i in 0..80 {
        business.on_sent(t0 + TimeDelta::milliseconds(i));
    }
    let mut recipient = RecipientPacer::default();
    let mut go = 0;
    let change = allocation_counter::measure(|| {
        for i in 0..1_000 {
            let now = t0 + TimeDelta::milliseconds(100 + i * 7);
            if black_box(business.decide(black_box(now))).is_go() {
                business.on_sent(now);
                business.on_accepted();
                go += 1;
            }
            if black_box(recipient.decide(black_box(now), true)).is_go() {
                recipient.on_sent(now);
            }
            if i % 250 == 0 {
                recipient.on_error(131_056, now);
                business.on_error(130_429, now);
            }
        }
    });
    assert!(go > 0);
    assert_eq!(change.count_total, 0, "{change:?}");
}
