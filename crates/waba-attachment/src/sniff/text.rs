//! Plain text (UTF-8 without binary controls, judged on a window) and the markup that is not plain
//! text (HTML, SVG, XML).

use super::TEXT_WINDOW;
use super::{Sniff, Sniffed, unrecognized};
use crate::error::AttachmentError;
use crate::types::FileType;

/// Plain text, judged on the first [`TEXT_WINDOW`] bytes: UTF-8 without NUL, other C0 controls
/// (except tab, line feed, form feed, carriage return) or DEL; markup (HTML, SVG, XML) is not plain
/// text.
pub(super) fn sniff_text(b: &[u8], complete: bool) -> Sniff {
    let (window, complete) = match b.get(..TEXT_WINDOW) {
        Some(w) if b.len() > TEXT_WINDOW => (w, false),
        _ => (b, complete),
    };
    if is_text(window, complete) {
        if let Some(markup) = markup(b) {
            return Err(unrecognized(markup));
        }
        return Ok(Sniffed::one(FileType::Txt));
    }
    Err(AttachmentError::Unrecognized {
        detected: infer::get(b).map(|t| t.mime_type()),
    })
}

/// Whether a byte is a control that plain text does not hold (C0 except tab, line feed, form feed
/// and carriage return; DEL).
pub(crate) const fn is_binary_control(c: u8) -> bool {
    (c < 0x20 && !matches!(c, b'\t' | b'\n' | 0x0C | b'\r')) || c == 0x7F
}

/// [`is_binary_control`] without branches, so that a fold over a block becomes vector compares.
fn is_binary_control_mask(c: u8) -> bool {
    (c < 9) | (c == 11) | (c.wrapping_sub(14) < 18) | (c == 0x7F)
}

/// Whether a byte is printable ASCII, a line feed or a non-ASCII byte: most bytes of most text,
/// tested first (branch free, so that a fold over a chunk becomes a few vector compares).
fn is_common(c: u8) -> bool {
    ((c >= 0x20) & (c != 0x7F)) | (c == b'\n')
}

/// Whether all of `b` is UTF-8 (a sequence cut by the end is fine when `b` is only a prefix, as
/// `std::str::from_utf8` reports it) without a binary control. Controls first, over chunks of 16
/// bytes: a chunk of printable ASCII, line feeds and non-ASCII bytes costs a few vector compares,
/// any other chunk gets the exact test. Then UTF-8 by `simdutf8` (AVX2 or SSE4.2 when the processor
/// has them, chosen at run time; decision 0504).
pub(crate) fn is_text(b: &[u8], complete: bool) -> bool {
    const CHUNK: usize = 16;
    let mut chunks = b.chunks_exact(CHUNK);
    let control = chunks.by_ref().any(|chunk| {
        !chunk.iter().fold(true, |acc, &c| acc & is_common(c))
            && chunk
                .iter()
                .fold(false, |acc, &c| acc | is_binary_control_mask(c))
    }) || chunks.remainder().iter().any(|&c| is_binary_control(c));
    if control {
        return false;
    }
    // `compat` reports errors as `std` does: a character cut by the end has no `error_len`.
    match simdutf8::compat::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && !complete,
    }
}

fn markup(b: &[u8]) -> Option<&'static str> {
    let start = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let i = start.iter().position(|c| !c.is_ascii_whitespace())?;
    let rest = start.get(i..)?;
    let head = |p: &[u8]| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if head(b"<!doctype html")
        || head(b"<html")
        || head(b"<script")
        || head(b"<head")
        || head(b"<body")
    {
        Some("text/html")
    } else if head(b"<svg") {
        Some("image/svg+xml")
    } else if head(b"<?xml") {
        let window = rest.get(..512).unwrap_or(rest);
        if window.windows(4).any(|w| w.eq_ignore_ascii_case(b"<svg")) {
            Some("image/svg+xml")
        } else {
            Some("text/xml")
        }
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_reference(b: &[u8], complete: bool) -> bool {
        let utf8 = match std::str::from_utf8(b) {
            Ok(_) => true,
            Err(e) => e.error_len().is_none() && !complete,
        };
        utf8 && !b.iter().any(|&c| is_binary_control(c))
    }

    #[test]
    fn text_scan_agrees_with_std_utf8() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for pad in [0usize, 13, 14, 15, 16, 30] {
            for x in 0..=0xFFFFu32 {
                let mut v = vec![b'a'; pad];
                v.extend_from_slice(&x.to_be_bytes()[2..]);
                v.push(0x80 | (x as u8 & 0x3F));
                for complete in [true, false] {
                    for cut in [v.len() - 1, v.len()] {
                        let b = &v[..cut];
                        assert_eq!(is_text(b, complete), text_reference(b, complete), "{b:x?}");
                    }
                }
            }
        }
        let alphabet = [
            b'a', b'\n', 0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5,
        ];
        for _ in 0..200_000 {
            let len = (next() % 90) as usize;
            let v: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    } else {
                        b'a' + (r >> 8) as u8 % 26
                    }
                })
                .collect();
            for complete in [true, false] {
                assert_eq!(
                    is_text(&v, complete),
                    text_reference(&v, complete),
                    "{v:x?}"
                );
            }
        }
        let s = "Olá! Ünïcödé 漢字 🎉 text\r\n\tend".repeat(50);
        assert!(is_text(s.as_bytes(), true));
    }

    #[test]
    fn binary_control_detection() {
        for c in 0u8..=0x7F {
            let mut v = vec![b'a'; 17];
            v[9] = c;
            let bad = (c < 0x20 && !matches!(c, b'\t' | b'\n' | 0x0C | b'\r')) || c == 0x7F;
            assert_eq!(is_binary_control(c), bad, "{c:#x}");
            assert_eq!(is_binary_control_mask(c), bad, "{c:#x}");
            assert_eq!(is_text(&v, true), !bad, "{c:#x}");
        }
    }
}
