//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus; and the sniffer
//! itself, which the integration tests call directly (the stable way in is
//! [`AttachmentPolicy::check`](crate::AttachmentPolicy::check)).

pub use crate::sniff::{Sniffed, sniff, sniff_with_ole_directory};

use crate::{Attachment, AttachmentPolicy, Permissions, Purpose, SNIFF_PREFIX_LEN};

/// Sniffs `data` and judges it under several claims; must never panic. Checks that the verdict
/// depends only on the first [`SNIFF_PREFIX_LEN`] bytes.
pub fn attachment_sniff(data: &[u8]) {
    let size = data.len() as u64;
    let _ = sniff(data, true);
    let policy = AttachmentPolicy::default().with_meta_types();
    let text = String::from_utf8_lossy(data.get(..64).unwrap_or(data));
    for (mime, name) in [
        (None, None),
        (Some(text.as_ref()), Some(text.as_ref())),
        (Some("application/pdf"), Some("a.pdf")),
    ] {
        let mut file = Attachment::new(data, size);
        file.mime = mime;
        file.filename = name;
        let full = policy.check(Permissions::all(), Purpose::Send, &file);
        file.prefix = data.get(..SNIFF_PREFIX_LEN).unwrap_or(data);
        let cut = policy.check(Permissions::all(), Purpose::Send, &file);
        assert_eq!(full, cut, "the verdict read past the prefix");
    }
    // The fast text test agrees with `std`'s UTF-8 validation and a byte-by-byte control scan.
    let window = data.get(..crate::TEXT_WINDOW).unwrap_or(data);
    for complete in [true, false] {
        let utf8 = match std::str::from_utf8(window) {
            Ok(_) => true,
            Err(e) => e.error_len().is_none() && !complete,
        };
        let reference = utf8 && !window.iter().any(|&c| crate::sniff::is_binary_control(c));
        assert_eq!(
            crate::sniff::is_text(window, complete),
            reference,
            "text test"
        );
    }
    // The same bytes as an OLE directory read at `ole_directory_offset`.
    let _ = sniff_with_ole_directory(data, true, Some(data));
    if crate::ole_directory_offset(data).is_some() {
        let file = Attachment::new(data, size).with_ole_directory(data);
        let _ = policy.check(Permissions::all(), Purpose::Send, &file);
    }
}
