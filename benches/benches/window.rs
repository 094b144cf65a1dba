//! Bench `window`: being written (see the open issue). Until then it measures nothing of waba.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};

fn placeholder(c: &mut Criterion) {
    c.bench_function("window/placeholder", |b| {
        b.iter(|| std::hint::black_box(1u32) + 1)
    });
}

criterion_group!(benches, placeholder);
criterion_main!(benches);
