//! Replays every seed of the fuzz corpora through the fuzz entry points.

fn replay(target: &str, run: fn(&[u8])) {
    let dir = format!("{}/../../fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            run(&std::fs::read(&path).unwrap());
            n += 1;
        }
    }
    assert!(n >= 5, "{dir}: {n} seeds");
}

#[test]
fn phone_normalize_corpus() {
    replay("phone_normalize", waba_phone::internal::phone_normalize);
}

#[test]
fn esp_request_corpus() {
    replay("esp_request", waba_phone::internal::esp_request);
}

#[test]
fn clean_rows_corpus() {
    replay("clean_rows", waba_phone::internal::clean_rows);
}
