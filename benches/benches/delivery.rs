//! Bench `delivery`: merging a status into the ledger for a known id, beside a hand-written
//! forward-only merge (`BTreeMap<String, u8>` keeping the highest rank); a pacing decision, beside
//! a hand-written sliding-window log (`VecDeque` of send times); a catalog lookup. Same run.
//! And the delivery entry (issue 12): the whole delivery entry (signature check, parse, split per conversation,
//! deduplication) over every pywa corpus body, beside the glue a service writes by hand (`hmac` +
//! `sha2`, `serde_json::Value`, grouping by business number and customer, a `HashSet` of ids), in
//! the same run. Targets: at least 1.5x the glue's throughput; the signature check within 1.1x of
//! bare `hmac` over the same bytes.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::disallowed_types
)]

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use waba::delivery::Inbox;
use waba_delivery::pacing::{BusinessPacer, RecipientPacer, THROUGHPUT_DEFAULT};
use waba_delivery::{Ledger, SentInfo, StatusUpdate, catalog};
use waba_model::StatusKind;
use waba_model::seen::SeenIds;
use waba_model::signature::AppSecrets;

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

const SECRET: &[u8] = b"app-secret-0123456789abcdef";

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// What a service writes by hand: verify, parse into `Value`, group the elements by (business,
/// customer), drop ids already in a `HashSet`.
fn glue(header: &str, body: &[u8], seen: &mut HashSet<String>) -> usize {
    let expected = hex_decode(header.strip_prefix("sha256=").unwrap()).unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(body);
    mac.verify_slice(&expected).unwrap();
    let v: Value = serde_json::from_slice(body).unwrap();
    let mut conversations: BTreeMap<(String, String), Vec<&Value>> = BTreeMap::new();
    let mut account = Vec::new();
    for entry in v["entry"].as_array().into_iter().flatten() {
        for change in entry["changes"].as_array().into_iter().flatten() {
            let value = &change["value"];
            let business = value["metadata"]["phone_number_id"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            let mut any = false;
            for (array, who, key) in [
                ("messages", "from", "id"),
                ("statuses", "recipient_id", "status"),
                ("calls", "from", "event"),
                ("message_echoes", "to", "id"),
                ("user_preferences", "wa_id", "value"),
            ] {
                for item in value[array].as_array().into_iter().flatten() {
                    any = true;
                    let id = format!(
                        "{array}:{}:{}",
                        item["id"].as_str().unwrap_or(""),
                        item[key].as_str().unwrap_or("")
                    );
                    if !seen.insert(id) {
                        continue;
                    }
                    let customer = item[who].as_str().unwrap_or("").to_owned();
                    conversations
                        .entry((business.clone(), customer))
                        .or_default()
                        .push(item);
                }
            }
            if !any {
                account.push(value);
            }
        }
    }
    conversations.len() + account.len()
}

fn entry(c: &mut Criterion) {
    let payloads = waba_benches::pywa_payloads();
    let bytes: usize = payloads.iter().map(Vec::len).sum();
    let secrets = AppSecrets::new([SECRET]).unwrap();
    let headers: Vec<String> = payloads.iter().map(|p| secrets.sign(p)).collect();
    let inbox = Inbox::with_secrets(secrets.clone());
    let now: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();

    let mut g = c.benchmark_group("delivery/corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("waba_inbox_receive", |b| {
        b.iter(|| {
            let mut seen = SeenIds::default();
            for (p, h) in payloads.iter().zip(&headers) {
                black_box(
                    inbox
                        .receive(Some(h), black_box(p), &mut seen, now)
                        .unwrap(),
                );
            }
        })
    });
    g.bench_function("parts/parse", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(waba_model::Webhook::parse(black_box(p)).unwrap());
            }
        })
    });
    g.bench_function("parts/parse_split", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(waba_model::Webhook::parse(black_box(p)).unwrap().split());
            }
        })
    });
    g.bench_function("parts/value", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(serde_json::from_slice::<Value>(black_box(p)).unwrap());
            }
        })
    });
    g.bench_function("glue_hmac_value_hashset", |b| {
        b.iter(|| {
            let mut seen = HashSet::new();
            for (p, h) in payloads.iter().zip(&headers) {
                black_box(glue(h, black_box(p), &mut seen));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("delivery/signature");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("waba_app_secrets_verify", |b| {
        b.iter(|| {
            for (p, h) in payloads.iter().zip(&headers) {
                black_box(secrets.verify(Some(black_box(h)), black_box(p)).unwrap());
            }
        })
    });
    let expected: Vec<Vec<u8>> = headers
        .iter()
        .map(|h| hex_decode(h.strip_prefix("sha256=").unwrap()).unwrap())
        .collect();
    g.bench_function("bare_hmac_sha256", |b| {
        b.iter(|| {
            for (p, e) in payloads.iter().zip(&expected) {
                let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).unwrap();
                mac.update(black_box(p));
                black_box(mac.verify_slice(black_box(e)).is_ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, merge, entry);
criterion_main!(benches);
