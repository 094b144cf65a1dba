//! Bench `webhook`: the typed, lossless parse of every pywa corpus payload against
//! `serde_json::Value` parsing the same bytes, in the same run (target, issue 13: at least 2.0×
//! `Value`'s throughput), plus the attributes of every message.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use waba_model::{InteractionAttributes, Webhook};

/// Every case of the corpus copy in waba-model's fixtures, as compact JSON bytes.
fn payloads() -> Vec<Vec<u8>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/waba-model/tests/it/fixtures/pywa"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let all: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
        for (_, body) in all {
            out.push(serde_json::to_vec(&body).unwrap());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let payloads = payloads();
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
