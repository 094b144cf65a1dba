//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

use crate::Ledger;

/// Target `ledger_stored`: read a stored ledger; when it reads, write it and read it again and
/// require the same ledger. Panics only on a broken invariant.
pub fn ledger_stored(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ledger) = Ledger::from_json(text) else {
        return;
    };
    assert!(ledger.len() <= ledger.limits().deliveries);
    assert!(ledger.orphans().len() <= ledger.limits().orphans);
    let again = ledger.to_json().map(|t| Ledger::from_json(&t));
    assert!(
        matches!(&again, Ok(Ok(l)) if *l == ledger),
        "round trip changed the ledger: {again:?}"
    );
}

/// Target `stop_keywords`: classify arbitrary text against the default keywords; the comparison
/// key is idempotent and has at most 18 characters per character of the text (the longest
/// compatibility decomposition, U+FDFA, has 18).
pub fn stop_keywords(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let keywords = crate::optout::StopKeywords::default();
    let _ = keywords.classify(&text);
    let key = crate::optout::normalize(&text);
    assert_eq!(
        crate::optout::normalize(&key),
        key,
        "normalize is idempotent"
    );
    assert!(key.chars().count() <= text.chars().count().saturating_mul(18));
}
