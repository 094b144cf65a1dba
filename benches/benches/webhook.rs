//! Bench `webhook`: the typed, lossless parse of every pywa corpus payload against
//! `serde_json::Value` parsing the same bytes, in the same run (target, issue 13: at least 2.0×
//! `Value`'s throughput), plus the attributes of every message.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use waba_model::{InteractionAttributes, Webhook};

fn bench(c: &mut Criterion) {
    let payloads = waba_benches::pywa_payloads();
    let bytes: usize = payloads.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("webhook/corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("typed_parse", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(Webhook::parse(black_box(p)).unwrap());
            }
        })
    });
    g.bench_function("serde_json_value", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(serde_json::from_slice::<serde_json::Value>(black_box(p)).unwrap());
            }
        })
    });
    g.bench_function("typed_parse_and_attributes", |b| {
        b.iter(|| {
            for p in &payloads {
                let hook = Webhook::parse(black_box(p)).unwrap();
                for m in hook.messages().flatten() {
                    black_box(InteractionAttributes::from_message(&m, "channel", "server"));
                }
            }
        })
    });
    g.bench_function("typed_round_trip", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(
                    Webhook::parse(black_box(p))
                        .unwrap()
                        .to_json_string()
                        .unwrap(),
                );
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
