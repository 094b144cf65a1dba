//! Bench `phone`: on ONE mixed list of 12,000 numbers (many countries and ways of writing, made
//! deterministically from the metadata's example numbers like the workload of
//! `phone-measurements.md`): a naive digit strip (the peer for `normalize`), `phonenumber` 0.3.10
//! parse + `is_valid` as shipped (on a 300-number slice of the same list: it takes ~1 ms a number)
//! and with its regex cache enlarged, and ours: `normalize`, `normalize` + `verdict`, `verdict` alone.
//! First use in a fresh process: `cargo run --release -p waba-phone --example first_use`.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use waba_phone::{BusinessNumber, E164, examples, normalize, verdict};

/// xorshift64*: the same list on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Groups digits with a separator: "6315551002" -> "631 555 1002".
fn grouped(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 4 == 0 && n - i >= 4 && i >= 2 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

fn to_script(s: &str, zero: u32) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero + d).unwrap(),
            None => c,
        })
        .collect()
}

/// The mixed list: 30 % international with a plus (plain, spaced, dashed, dotted, parentheses),
/// 25 % Indian domestic (business number +91: 10 digits, trunk 0, 91 without plus), 8 % `00`
/// prefix, 10 % foreign numbers without a plus, 5 % foreign national format, 4 % extensions,
/// 3 % other scripts or fullwidth plus, 3 % `tel:` URIs, 12 % junk.
pub fn workload() -> Vec<String> {
    let mut rng = Rng(20_261_124);
    let all: Vec<(String, String)> = examples()
        .map(|e| {
            let cc = e.number.country_code().unwrap().to_string();
            let nsn = e.number.national_number().unwrap().to_owned();
            (cc, nsn)
        })
        .collect();
    let india: Vec<&(String, String)> = all.iter().filter(|(cc, _)| cc == "91").collect();
    let mut out = Vec::with_capacity(12_000);
    while out.len() < 12_000 {
        let (cc, nsn) = &all[rng.below(all.len() as u64) as usize];
        // Randomize the last 3 digits so that numbers repeat rarely.
        let mut nsn: Vec<u8> = nsn.clone().into_bytes();
        let len = nsn.len();
        for d in nsn.iter_mut().skip(len.saturating_sub(3)) {
            *d = b'0' + rng.below(10) as u8;
        }
        let nsn = String::from_utf8(nsn).unwrap();
        let roll = rng.below(100);
        let s = match roll {
            0..=5 => format!("+{cc}{nsn}"),
            6..=13 => format!("+{cc} {}", grouped(&nsn, " ")),
            14..=19 => format!("+{cc}-{}", grouped(&nsn, "-")),
            20..=23 => format!("+{cc}.{}", grouped(&nsn, ".")),
            24..=29 => format!("+{cc} ({}", grouped(&nsn, ") ")),
            30..=54 => {
                let (_, inn) = india[rng.below(india.len() as u64) as usize];
                match roll % 4 {
                    0 => inn.clone(),
                    1 => format!("0{inn}"),
                    2 => format!("91{inn}"),
                    _ => grouped(inn, "-"),
                }
            }
            55..=62 => format!("00 {cc} {}", grouped(&nsn, " ")),
            63..=72 => format!("{cc}-{}", grouped(&nsn, "-")),
            73..=77 => format!("0{}", grouped(&nsn, " ")),
            78..=81 => format!("+{cc} {} ext. {}", grouped(&nsn, " "), rng.below(999)),
            82..=84 => match roll % 3 {
                0 => to_script(&format!("＋{cc} {nsn}"), 0xFF10),
                1 => to_script(&format!("+{cc} {nsn}"), 0x0660),
                _ => format!("＋{cc} {nsn}"),
            },
            85..=87 => format!("tel:+{cc}-{}", grouped(&nsn, "-")),
            _ => match roll % 4 {
                0 => format!("call me at {nsn}"),
                1 => "+".repeat(1 + rng.below(3) as usize),
                2 => format!("+{cc}{nsn}{nsn}"),
                _ => format!("{nsn}#*"),
            },
        };
        out.push(s);
    }
    out
}

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
    let list = workload();
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
    g.throughput(Throughput::Elements(normalized.len() as u64));
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
