//! Replays the committed fuzz seed corpus through the fuzz target's function.

#[test]
fn duration_corpus_replays() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/duration");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            waba_window::internal::duration(&std::fs::read(&path).unwrap());
            n += 1;
        }
    }
    assert!(n >= 10, "expected a seed corpus, found {n} files");
}
