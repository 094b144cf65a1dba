//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

/// Target `strict_json`: any bytes. What the strict reader accepts, serde_json reads to the same
/// value; what serde_json refuses, the strict reader refuses; a refused repeat names a key that
/// the text holds (compared as the error writes keys: unseen characters such as DEL as `\u{7f}`).
pub fn strict_json(data: &[u8]) {
    let strict = crate::from_slice(data, 1 << 20);
    let lenient = serde_json::from_slice::<serde_json::Value>(data);
    match (&strict, &lenient) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the strict reader read another value"),
        (Ok(_), Err(e)) => assert!(lenient.is_ok(), "accepted what serde_json refuses: {e}"),
        (Err(crate::JsonError::DuplicateKey { path }), _) => {
            let key = path.rsplit(['.', ']']).next().unwrap_or(path);
            let key = key.trim_end_matches('…');
            assert!(
                crate::quote(&String::from_utf8_lossy(data), usize::MAX).contains(key)
                    || key.is_empty()
                    || data.contains(&b'\\'),
                "names a key not in the text: {path}"
            );
        }
        (Err(_), _) => {}
    }
}
