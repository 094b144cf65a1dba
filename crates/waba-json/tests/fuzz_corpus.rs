//! Replays the committed fuzz seed corpus of target `strict_json`.
#![allow(clippy::unwrap_used)]

#[test]
fn strict_json_seed_corpus_replays() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/strict_json");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        waba_json::internal::strict_json(&std::fs::read(entry.unwrap().path()).unwrap());
        n += 1;
    }
    assert!(n >= 10, "seed corpus missing: {n}");
}
