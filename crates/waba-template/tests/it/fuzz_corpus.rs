//! Replays every committed fuzz seed through the same functions the fuzz targets call.

fn replay(target: &str, f: fn(&[u8])) {
    let dir = format!("{}/../../fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().and_then(|s| s.to_str()) == Some(".gitkeep") {
            continue;
        }
        f(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n > 0, "no seeds in {dir}");
}

#[test]
fn template_parse_corpus() {
    replay("template_parse", waba_template::internal::template_parse);
}

#[test]
fn display_format_corpus() {
    replay("display_format", waba_template::internal::display_format);
}

#[test]
fn map_query_corpus() {
    replay("map_query", waba_template::internal::map_query);
}
