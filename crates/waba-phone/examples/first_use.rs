//! Measurement tool: the latency of the first verdict in a fresh process (no warm metadata, no
//! compiled pattern). Prints microseconds. `cargo run --release -p waba-phone --example first_use`;
//! add `phonenumber` as an argument to time the `phonenumber` crate's first parse + `is_valid`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

fn main() {
    let peer = std::env::args().nth(1).as_deref() == Some("phonenumber");
    let t = Instant::now();
    let valid = if peer {
        let n = phonenumber::parse(None, "+16315551002").expect("parses");
        phonenumber::is_valid(&n)
    } else {
        let n: waba_phone::E164 = "+16315551002".parse().expect("E.164");
        waba_phone::verdict(&n).valid
    };
    let first = t.elapsed();
    let t = Instant::now();
    let second = if peer {
        let n = phonenumber::parse(None, "+447911123456").expect("parses");
        phonenumber::is_valid(&n)
    } else {
        waba_phone::verdict(&"+447911123456".parse().expect("E.164")).valid
    };
    let then = t.elapsed();
    println!(
        "{} first_use_us={} valid={valid} second_region_us={} valid={second}",
        if peer { "phonenumber" } else { "waba-phone" },
        first.as_micros(),
        then.as_micros()
    );
}
