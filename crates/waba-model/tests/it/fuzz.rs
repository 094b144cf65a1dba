//! Replays the committed fuzz seed corpus of target `webhook` through the same function.

#[test]
fn webhook_seed_corpus_replays() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/webhook");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        waba_model::internal::webhook(&data);
        n += 1;
    }
    assert!(n >= 60, "seed corpus missing: {n}");
}

#[test]
fn webhook_auth_seed_corpus_replays() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/corpus/webhook_auth"
    );
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        waba_model::internal::webhook_auth(&data);
        n += 1;
    }
    assert!(n >= 14, "seed corpus missing: {n}");
}
