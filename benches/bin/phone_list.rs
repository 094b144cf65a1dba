//! Writes the deterministic mixed list of `waba_benches::mixed_list` (the phone bench's list, longer),
//! one number per line: the input of `waba phone clean`'s end-to-end figure (`docs/performance.md`).
//!
//! `cargo run --release -p waba-benches --bin phone-list -- 1000000 /tmp/phone-1m.txt`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let path = args.next().unwrap_or_else(|| "phone-list.txt".to_owned());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let list = waba_benches::mixed_list(n);
    let mut bytes = 0usize;
    for s in &list {
        out.write_all(s.as_bytes())?;
        out.write_all(b"\n")?;
        bytes += s.len() + 1;
    }
    out.flush()?;
    eprintln!("{path}: {} rows, {bytes} bytes", list.len());
    Ok(())
}
