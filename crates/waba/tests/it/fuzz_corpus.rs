//! Replays every committed fuzz seed through the same functions the fuzz targets call.

fn replay(target: &str, f: fn(&[u8])) {
    let dir = format!("{}/../../fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        f(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n > 0, "no seeds in {dir}");
}

#[test]
fn config_lint_corpus() {
    replay("config_lint", waba::internal::config_lint);
}

#[test]
fn transcript_corpus() {
    replay("transcript", waba::internal::transcript);
}

#[test]
fn compose_corpus() {
    replay("compose", waba::internal::compose);
}
