//! Integration tests of waba-model.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod attributes;
mod authenticity;
mod corpus;
mod events;
mod fuzz;
mod hostile;
mod legacy;
mod meta_examples;
mod outbound;
mod props;
mod responses;

use std::path::{Path, PathBuf};

/// The fixtures folder of this crate.
pub fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/fixtures")
        .join(sub)
}

/// Every `.json` file in `dir`, sorted by name, with its contents.
pub fn json_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}
