//! Bench `phone`: on ONE mixed list of 12,000 numbers (many countries and ways of writing, made
//! deterministically from the metadata's example numbers like the workload of
//! `phone-measurements.md`): a naive digit strip (the peer for `normalize`), `phonenumber` 0.3.10
//! parse + `is_valid` as shipped (on a 300-number slice of the same list: it takes ~1 ms a number)
//! and with its regex cache enlarged, and ours: `normalize`, `normalize` + `verdict`, `verdict` alone,
//! and `clean_row` (the per-row work of `waba phone clean`: UTF-8, `analyze` with its suggestions).
//! The list is `waba_benches::mixed_list`, the generator `waba phone clean`'s end-to-end list uses.
//! First use in a fresh process: `cargo run --release -p waba-phone --example first_use`.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use waba_benches::mixed_list;
use waba_phone::clean::check_input;
use waba_phone::{BusinessNumber, E164, SubscriberKey, normalize, verdict};

/// The peer: keep ASCII digits, put `+` and the business code in front when there was no plus.
fn naive_strip(input: &str, business_code: &str) -> Option<String> {
    let mut out = String::with_capacity(16);
    out.push('+');
    if !input.trim_start().starts_with('+') {
        out.push_str(business_code);
    }
    out.extend(input.chars().filter(char::is_ascii_digit));
    (out.len() > 1 && out.len() <= 16).then_some(out)
}

fn bench(c: &mut Criterion) {
    let list = mixed_list(12_000);
    let business: BusinessNumber = "+919876543210".parse().unwrap();
    let normalized: Vec<E164> = list
        .iter()
        .filter_map(|s| normalize(s, &business).ok())
        .collect();
    let n = list.len() as u64;
    eprintln!(
        "phone workload: {} strings, {} bytes, {} normalize, {} valid",
        list.len(),
        list.iter().map(String::len).sum::<usize>(),
        normalized.len(),
        normalized.iter().filter(|e| verdict(e).valid).count()
    );

    let mut g = c.benchmark_group("phone");
    g.throughput(Throughput::Elements(n));
    g.bench_function("naive_strip", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for s in &list {
                ok += usize::from(naive_strip(black_box(s), "91").is_some());
            }
            ok
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for s in &list {
                ok += usize::from(normalize(black_box(s), &business).is_ok());
            }
            ok
        })
    });
    g.bench_function("normalize+verdict", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for s in &list {
                if let Ok(e) = normalize(black_box(s), &business) {
                    valid += usize::from(verdict(&e).valid);
                }
            }
            valid
        })
    });
    g.bench_function("clean_row", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for s in &list {
                valid += usize::from(check_input(black_box(s.as_bytes()), Some(&business)).valid());
            }
            valid
        })
    });
    g.throughput(Throughput::Elements(normalized.len() as u64));
    g.bench_function("subscriber_key", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for e in &normalized {
                acc ^= SubscriberKey::of(black_box(e)).as_u64();
            }
            acc
        })
    });
    g.bench_function("verdict", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for e in &normalized {
                valid += usize::from(verdict(black_box(e)).valid);
            }
            valid
        })
    });
    g.finish();

    // The peer, as shipped (regex cache of 100): slow, so a 300-number slice and few samples.
    let slice = &list[..300];
    let mut p = c.benchmark_group("phone_phonenumber");
    p.sample_size(10);
    p.warm_up_time(Duration::from_millis(500));
    p.measurement_time(Duration::from_secs(3));
    p.throughput(Throughput::Elements(slice.len() as u64));
    let parse_valid = |s: &str| {
        phonenumber::parse(Some(phonenumber::country::Id::IN), s)
            .map(|pn| phonenumber::is_valid(&pn))
            .unwrap_or(false)
    };
    p.bench_function("parse+is_valid/as_shipped/300", |b| {
        b.iter_batched(
            || (),
            |()| slice.iter().filter(|s| parse_valid(black_box(s))).count(),
            BatchSize::PerIteration,
        )
    });
    phonenumber::metadata::DATABASE
        .cache()
        .lock()
        .unwrap()
        .set_capacity(20_000);
    p.throughput(Throughput::Elements(n));
    p.bench_function("parse+is_valid/cache_20k/all", |b| {
        b.iter(|| list.iter().filter(|s| parse_valid(black_box(s))).count())
    });
    p.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
