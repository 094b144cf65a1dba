//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

/// Target `duration`: parses the bytes as a duration and as a pair; never panics. An accepted
/// duration is written back with [`crate::format_duration`] and must parse to the same value.
pub fn duration(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = crate::parse_duration(s) {
        let written = crate::format_duration(d);
        assert_eq!(
            crate::parse_duration(&written),
            Ok(d),
            "round trip of {written}"
        );
        assert!(d.num_seconds() >= 1 && d.num_seconds().unsigned_abs() <= crate::MAX_SECONDS);
    }
    if let Ok((w, m)) = crate::parse_duration_pair(s) {
        assert!(w <= m);
    }
    let _ = crate::PendingResponse::parse(s);
}
