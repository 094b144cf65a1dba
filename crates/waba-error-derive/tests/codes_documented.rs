//! Every code the workspace declares with `#[waba(code = "...")]` is listed in `docs/errors.md`.
#![allow(clippy::unwrap_used, clippy::string_slice, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The dotted codes quoted inside the `#[waba(...)]` attributes of a source text.
fn declared_codes(text: &str) -> Vec<String> {
    let mut codes = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("#[waba(") {
        let after = &rest[start..];
        let end = after.find(")]\n").unwrap_or(after.len());
        for (i, quoted) in after[..end].split('"').enumerate() {
            let is_code = i % 2 == 1
                && quoted.contains('.')
                && quoted
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if is_code {
                codes.push(quoted.to_owned());
            }
        }
        rest = &after[end..];
    }
    codes
}

#[test]
fn every_declared_code_is_in_the_error_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/errors.md")).unwrap();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        let krate = krate.unwrap().path();
        // The error crates' own examples declare made-up codes.
        let examples = krate
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("waba-error"));
        let src = krate.join("src");
        if src.is_dir() && !examples {
            rust_files(&src, &mut files);
        }
    }
    let mut declared = 0;
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for code in declared_codes(&text) {
            declared += 1;
            if !doc.contains(&format!("`{code}`")) {
                missing.push(format!("{code} ({})", file.display()));
            }
        }
    }
    // The workspace declares a couple of hundred codes; far fewer means the scan is broken.
    assert!(
        declared > 200,
        "only {declared} codes found: is the scan still right?"
    );
    assert!(missing.is_empty(), "not in docs/errors.md: {missing:#?}");
}

#[test]
fn the_scan_finds_codes_and_nothing_else() {
    let text = "#[waba(code = \"a.b_c\", field = \"text\", class = Refused)]\nX,\n#[error(\"x.y\")]\n#[waba(\n    code = \"c.d\",\n    field = \"e.f g\"\n)]\n";
    assert_eq!(declared_codes(text), ["a.b_c", "c.d"]);
}
