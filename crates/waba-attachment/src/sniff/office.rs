//! Office documents: OOXML packages (DOCX, XLSX, PPTX) inside a zip, and OLE compound files (DOC,
//! XLS, PPT) by their directory.

use super::{OLE_DIRECTORY_READ_LEN, ZIP_LOCAL_HEADER};
use super::{Sniff, Sniffed, at, byte, truncated, u16_le, u32_le, unrecognized};
use crate::error::AttachmentError;
use crate::quoted::Quoted;
use crate::types::FileType;

/// Zip: an OOXML package told apart by `[Content_Types].xml` and its part names.
pub(super) fn zip(b: &[u8]) -> Sniff {
    let mut content_types = false;
    let (mut word, mut xl, mut ppt) = (false, false, false);
    let mut pos = 0usize;
    // Each step moves forward at least 30 bytes, so this ends within the prefix.
    while at(b, pos, b"PK\x03\x04") {
        let (Some(flags), Some(csize), Some(nlen), Some(xlen)) = (
            u16_le(b, pos + 6),
            u32_le(b, pos + 18),
            u16_le(b, pos + 26),
            u16_le(b, pos + 28),
        ) else {
            break;
        };
        let name_start = pos + 30;
        let name_end = name_start + usize::from(nlen);
        let Some(name) = b.get(name_start..name_end) else {
            break;
        };
        if flags & 0x0001 != 0 {
            return Err(AttachmentError::Encrypted);
        }
        check_entry_name(name)?;
        if name.ends_with(b"vbaProject.bin") {
            return Err(AttachmentError::MacroEnabled);
        }
        content_types |= name == b"[Content_Types].xml";
        word |= name.starts_with(b"word/");
        xl |= name.starts_with(b"xl/");
        ppt |= name.starts_with(b"ppt/");
        let data = name_end + usize::from(xlen);
        pos = if flags & 0x0008 != 0 || csize == u32::MAX {
            // Sizes follow the data (or are in a zip64 field): look for the next local header.
            match b.get(data..).and_then(|rest| ZIP_LOCAL_HEADER.find(rest)) {
                Some(off) => data + off,
                None => break,
            }
        } else {
            data.saturating_add(csize as usize)
        };
    }
    if !content_types {
        return Err(unrecognized("application/zip"));
    }
    match (word, xl, ppt) {
        (true, false, false) => Ok(Sniffed::one(FileType::Docx)),
        (false, true, false) => Ok(Sniffed::one(FileType::Xlsx)),
        (false, false, true) => Ok(Sniffed::one(FileType::Pptx)),
        _ => Err(AttachmentError::OoxmlKindUnknown),
    }
}

fn check_entry_name(name: &[u8]) -> Result<(), AttachmentError> {
    let unsafe_name = name.first().is_some_and(|&c| c == b'/' || c == b'\\')
        || name.get(1) == Some(&b':')
        || name
            .split(|&c| c == b'/' || c == b'\\')
            .any(|part| part == b"..");
    if unsafe_name {
        return Err(AttachmentError::UnsafeZipEntry {
            name: Quoted::from_bytes(name),
        });
    }
    Ok(())
}

/// OLE compound file: DOC, XLS or PPT by the streams under the root storage.
pub(super) const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
pub(super) const OLE_ENTRY: usize = 128;

/// Byte offset of the first directory sector of an OLE header, when the header is readable.
pub(super) fn ole_directory_start(b: &[u8]) -> Option<u64> {
    let shift = u16_le(b, 0x1E)?;
    let sector = u32_le(b, 0x30)?;
    (shift == 9 || shift == 12).then(|| (u64::from(sector) + 1) << shift)
}

pub(super) fn ole(b: &[u8], directory: Option<&[u8]>) -> Sniff {
    const ENTRY: usize = OLE_ENTRY;
    if !at(b, 0, OLE_SIGNATURE) {
        return Err(if b.len() < OLE_SIGNATURE.len() {
            truncated("ole", 512, b.len())
        } else {
            AttachmentError::Corrupt {
                what: "ole signature",
            }
        });
    }
    if u16_le(b, 0x1E).is_none() || u32_le(b, 0x30).is_none() {
        return Err(truncated("ole", 512, b.len()));
    }
    let Some(dir) = ole_directory_start(b) else {
        return Err(AttachmentError::Corrupt {
            what: "ole sector size",
        });
    };
    let unknown = Err(AttachmentError::OleKindUnknown {
        directory_offset: dir,
    });
    let in_prefix = usize::try_from(dir)
        .ok()
        .and_then(|d| b.get(d..))
        .filter(|e| e.len() >= ENTRY);
    let given = directory.map(|d| d.get(..OLE_DIRECTORY_READ_LEN).unwrap_or(d));
    let Some(entries) = in_prefix.or(given) else {
        return unknown;
    };
    let entry = |id: u32| -> Option<&[u8]> {
        let start = usize::try_from(id).ok()?.checked_mul(ENTRY)?;
        entries.get(start..start + ENTRY)
    };
    let Some(root) = entry(0) else { return unknown };
    if byte(root, 0x42) != Some(5) {
        return Err(AttachmentError::Corrupt {
            what: "ole root entry",
        });
    }
    let (mut doc, mut xls, mut ppt, mut encrypted, mut cut) = (false, false, false, false, false);
    // Depth-first walk of the root's children (a red-black tree by sibling links), without
    // allocation: a fixed stack, and at most as many steps as entries fit in the prefix.
    let mut stack = [u32::MAX; 32];
    let mut depth = 0usize;
    let mut next = u32_le(root, 0x4C);
    let mut steps = 0usize;
    let max_steps = entries.len() / ENTRY + 1;
    loop {
        match next {
            Some(id) if id < 0xFFFF_FFFA => {
                steps += 1;
                if steps > max_steps {
                    cut = true;
                    break;
                }
                let Some(e) = entry(id) else {
                    cut = true;
                    next = None;
                    continue;
                };
                let name_len = usize::from(u16_le(e, 0x40).unwrap_or(0)).min(64);
                let name = e.get(..name_len.saturating_sub(2)).unwrap_or_default();
                let is = |s: &str| {
                    name.len() == s.len() * 2
                        && name
                            .chunks_exact(2)
                            .zip(s.bytes())
                            .all(|(c, a)| c == [a, 0])
                };
                doc |= is("WordDocument");
                xls |= is("Workbook") || is("Book");
                ppt |= is("PowerPoint Document");
                encrypted |= is("EncryptedPackage");
                if let Some(slot) = stack.get_mut(depth) {
                    *slot = u32_le(e, 0x48).unwrap_or(u32::MAX);
                    depth += 1;
                } else {
                    cut = true;
                }
                next = u32_le(e, 0x44);
            }
            _ => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                next = stack.get(depth).copied();
            }
        }
    }
    if encrypted {
        return Err(AttachmentError::Encrypted);
    }
    match (doc, xls, ppt) {
        (true, false, false) => Ok(Sniffed::one(FileType::Doc)),
        (false, true, false) => Ok(Sniffed::one(FileType::Xls)),
        (false, false, true) => Ok(Sniffed::one(FileType::Ppt)),
        (false, false, false) if cut => unknown,
        (false, false, false) => Err(unrecognized("application/x-ole-storage")),
        _ => unknown,
    }
}
