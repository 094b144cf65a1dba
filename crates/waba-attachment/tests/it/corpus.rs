//! Replays the committed fuzz seed corpus through the fuzz target's function.

#[test]
fn replay_attachment_sniff_corpus() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/corpus/attachment_sniff"
    );
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|f| f == ".gitkeep") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        waba_attachment::internal::attachment_sniff(&data);
        n += 1;
    }
    assert!(n >= 20, "expected a seed corpus, found {n} files");
}
