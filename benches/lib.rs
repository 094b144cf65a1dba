//! Shared helpers for the criterion benches and the end-to-end list of `waba phone clean`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use waba_phone::examples;
// xorshift64*: the same list on every run.
use waba_testkit::Rng;

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

/// The mixed list of `n` strings: 30 % international with a plus (plain, spaced, dashed, dotted, parentheses),
/// 25 % Indian domestic (business number +91: 10 digits, trunk 0, 91 without plus), 8 % `00`
/// prefix, 10 % foreign numbers without a plus, 5 % foreign national format, 4 % extensions,
/// 3 % other scripts or fullwidth plus, 3 % `tel:` URIs, 12 % junk.
pub fn mixed_list(n: usize) -> Vec<String> {
    let mut rng = Rng(20_261_124);
    let all: Vec<(String, String)> = examples()
        .map(|e| {
            let cc = e.number.country_code().unwrap().to_string();
            let nsn = e.number.national_number().unwrap().to_owned();
            (cc, nsn)
        })
        .collect();
    let india: Vec<&(String, String)> = all.iter().filter(|(cc, _)| cc == "91").collect();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
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

/// Every case of the pywa corpus copy in waba-model's fixtures, as compact JSON bytes, in file and
/// key order (the webhook and delivery benches read the same bodies).
#[allow(clippy::expect_used)]
pub fn pywa_payloads() -> Vec<Vec<u8>> {
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
