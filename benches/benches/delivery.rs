//! Bench `delivery`: merging a status into the ledger for a known id, beside a hand-written
//! forward-only merge (`BTreeMap<String, u8>` keeping the highest rank); a pacing decision, beside
//! a hand-written sliding-window log (`VecDeque` of send times); a catalog lookup. Same run.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, VecDeque};
use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use waba_delivery::pacing::{BusinessPacer, RecipientPacer, THROUGHPUT_DEFAULT};
use waba_delivery::{Ledger, SentInfo, StatusUpdate, catalog};
use waba_model::StatusKind;

fn merge(c: &mut Criterion) {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let ids: Vec<String> = (0..1_000)
        .map(|i| format!("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3{i:05}"))
        .collect();
    let mut ledger = Ledger::new();
    for id in &ids {
        ledger
            .record_sent(id.clone(), SentInfo::new("text", t0))
            .unwrap();
    }
    let id = ids[500].clone();
    let delivered = StatusUpdate::new(id.clone(), StatusKind::Delivered, Some(t0));
    let late_sent = StatusUpdate::new(id.clone(), StatusKind::Sent, Some(t0));
    ledger.apply(&delivered);

    // Peer: what a caller writes by hand: a map from id to the highest rank seen.
    let mut naive: BTreeMap<String, u8> = ids.iter().map(|i| (i.clone(), 0)).collect();
    let rank = |s: &str| match s {
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        _ => 0,
    };

    let mut g = c.benchmark_group("delivery");
    g.bench_function("ledger/merge_known_id", |b| {
        b.iter(|| black_box(&mut ledger).apply(black_box(&delivered)))
    });
    g.bench_function("ledger/merge_late_status", |b| {
        b.iter(|| black_box(&mut ledger).apply(black_box(&late_sent)))
    });
    g.bench_function("peer/btreemap_max_rank", |b| {
        b.iter(|| {
            if let Some(r) = black_box(&mut naive).get_mut(black_box(id.as_str())) {
                *r = (*r).max(rank(black_box("delivered")));
            }
        })
    });

    // Pacing: a full one-second window at 80 per second.
    let mut pacer = BusinessPacer::new(THROUGHPUT_DEFAULT).unwrap();
    let mut log: VecDeque<DateTime<Utc>> = VecDeque::new();
    for i in 0..80 {
        let at = t0 + TimeDelta::milliseconds(i * 10);
        pacer.on_sent(at);
        log.push_back(at);
    }
    let now = t0 + TimeDelta::milliseconds(900);
    let recipient = {
        let mut r = RecipientPacer::default();
        r.on_sent(t0);
        r.on_error(131_049, t0);
        r
    };
    g.bench_function("pacing/business_decide", |b| {
        b.iter(|| black_box(&pacer).decide(black_box(now)))
    });
    g.bench_function("pacing/recipient_decide", |b| {
        b.iter(|| black_box(&recipient).decide(black_box(now), black_box(true)))
    });
    // Peer: the usual sliding-window log: drop what is older than a second, compare the length.
    g.bench_function("peer/vecdeque_window", |b| {
        b.iter(|| {
            let log = black_box(&mut log);
            let now = black_box(now);
            while log
                .front()
                .is_some_and(|t| *t + TimeDelta::seconds(1) <= now)
            {
                log.pop_front();
            }
            log.len() < 80
        })
    });
    g.bench_function("catalog/explain", |b| {
        b.iter(|| catalog::explain(black_box(131_049), None))
    });
    g.finish();
}

criterion_group!(benches, merge);
criterion_main!(benches);
