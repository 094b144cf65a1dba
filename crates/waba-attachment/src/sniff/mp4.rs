//! ISO base media files (MP4, M4A, 3GP) by the brands of their `ftyp` box.

use super::{Sniff, Sniffed, truncated, u32_be, unrecognized};
use crate::error::AttachmentError;
use crate::types::FileType;

/// ISO base media file: brands of the `ftyp` box.
pub(super) fn ftyp(b: &[u8]) -> Sniff {
    let Some(size) = u32_be(b, 0) else {
        return Err(truncated("ftyp", 8, b.len()));
    };
    let size = size as usize;
    if size < 16 {
        return Err(AttachmentError::Corrupt { what: "ftyp box" });
    }
    let Some(major) = b.get(8..12) else {
        return Err(truncated("ftyp", 12, b.len()));
    };
    if let Some(kind) = brand(major) {
        return kind;
    }
    let end = size.min(b.len());
    let compatible = b.get(16..end).unwrap_or_default();
    for c in compatible.chunks_exact(4) {
        if let Some(Ok(s)) = brand(c) {
            if s.file_type == FileType::Mp4 {
                return Ok(s);
            }
        }
    }
    Err(unrecognized("video/mp4 (unknown brand)"))
}

fn brand(b: &[u8]) -> Option<Sniff> {
    let mp4 = Sniffed {
        file_type: FileType::Mp4,
        alternative: Some(FileType::M4a),
    };
    Some(match b {
        b"M4A " | b"M4B " | b"M4P " | b"F4A " | b"F4B " => Ok(Sniffed::one(FileType::M4a)),
        b"M4V " | b"M4VH" | b"M4VP" | b"f4v " => Ok(Sniffed::one(FileType::Mp4)),
        b"isom" | b"iso2" | b"iso3" | b"iso4" | b"iso5" | b"iso6" | b"iso7" | b"iso8" | b"iso9"
        | b"mp41" | b"mp42" | b"mp71" | b"avc1" | b"dash" | b"mmp4" | b"MSNV" | b"NDAS" => Ok(mp4),
        [b'3', b'g', b'2', _] => Err(unrecognized("video/3gpp2")),
        [b'3', b'g', _, _] => Ok(Sniffed::one(FileType::ThreeGp)),
        b"qt  " => Err(unrecognized("video/quicktime")),
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
            Err(unrecognized("image/heif"))
        }
        b"avif" | b"avis" => Err(unrecognized("image/avif")),
        b"crx " => Err(unrecognized("image/x-canon-cr3")),
        _ => return None,
    })
}
