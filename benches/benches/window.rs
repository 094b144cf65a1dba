//! Bench `window`: the eligibility decision (may this kind be sent now?) beside its peer, a
//! hand-written inline `now < last_inbound + 24h` comparison, in the same run; plus the full
//! status reading and the duration parser.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use waba_window::{OutboundKind, Window, WindowConfig};

fn eligibility(c: &mut Criterion) {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let config = WindowConfig::default();
    let window = Window::new().on_inbound(t0, false);
    let open = t0 + TimeDelta::hours(2);
    let closed = t0 + TimeDelta::hours(30);

    let mut g = c.benchmark_group("window");
    for (id, now) in [("check/open", open), ("check/closed", closed)] {
        g.bench_function(id, |b| {
            b.iter(|| {
                black_box(&window).check(
                    black_box(&config),
                    black_box(now),
                    black_box(OutboundKind::Text),
                )
            })
        });
    }
    // Peer: what a caller would write by hand, with no config, kinds or typed refusal.
    let last_inbound = t0;
    g.bench_function("peer/inline_compare", |b| {
        b.iter(|| black_box(open) < black_box(last_inbound) + TimeDelta::hours(24))
    });
    g.bench_function("status/at", |b| {
        b.iter(|| black_box(&window).at(black_box(&config), black_box(open)))
    });
    g.bench_function("parse_duration/1h30m", |b| {
        b.iter(|| waba_window::parse_duration(black_box("1h30m")))
    });
    g.finish();
}

criterion_group!(benches, eligibility);
criterion_main!(benches);
