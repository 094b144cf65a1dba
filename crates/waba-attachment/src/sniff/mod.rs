//! Sniffing: the file type from the first bytes, with checks of our own where `infer` is wrong
//! (AMR-WB, zips with a `word/` entry, polyglots, PDF after junk, truncated headers). One module per
//! family, as `infer`'s matchers are: [`image`], [`audio`], [`mp4`], [`office`], [`text`]; this module
//! reads the prefix, finds the signature and looks for a PDF header hidden behind it.

mod audio;
mod image;
mod mp4;
mod office;
mod text;

pub(crate) use audio::opus_channels;
use audio::{amr, id3, mpeg_stream, ogg};
pub use image::PNG_HEADER_LEN;
use image::{jpeg, png, webp};
pub(crate) use image::{png_depth_colour, webp_dimensions};
use mp4::ftyp;
use office::{OLE_ENTRY, OLE_SIGNATURE, ole, ole_directory_start, zip};
use text::sniff_text;
pub(crate) use text::{is_binary_control, is_text};

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::error::AttachmentError;
use crate::types::FileType;

/// How many leading bytes sniffing reads; later bytes are ignored (decision 0501).
pub const SNIFF_PREFIX_LEN: usize = 8192;

/// How far into a file PDF readers look for `%PDF-` (Acrobat accepts a header in the first 1024 bytes).
pub const PDF_HEADER_WINDOW: usize = 1024;

/// How many leading bytes decide whether a file is plain text (decision 0504). The MIME Sniffing
/// Standard tells text from binary on a resource header of at most 1445 bytes, Go's
/// `http.DetectContentType` on at most 512; this is the same window as [`PDF_HEADER_WINDOW`].
pub const TEXT_WINDOW: usize = 1024;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sniffed {
    /// The type the bytes show.
    pub file_type: FileType,
    /// Another type the same bytes may equally be (an MP4 container with a generic brand may be M4A
    /// audio); a declared MIME type or extension picks it.
    pub alternative: Option<FileType>,
}

impl Sniffed {
    const fn one(file_type: FileType) -> Self {
        Sniffed {
            file_type,
            alternative: None,
        }
    }

    /// Whether `t` is what the bytes are or may equally be.
    pub fn is(&self, t: FileType) -> bool {
        self.file_type == t || self.alternative == Some(t)
    }
}

pub(super) type Sniff = Result<Sniffed, AttachmentError>;

pub(super) fn unrecognized(detected: &'static str) -> AttachmentError {
    AttachmentError::Unrecognized {
        detected: Some(detected),
    }
}

pub(super) fn truncated(what: &'static str, needed: usize, actual: usize) -> AttachmentError {
    AttachmentError::Truncated {
        what,
        needed: needed as u64,
        actual: actual as u64,
    }
}

pub(super) fn byte(b: &[u8], i: usize) -> Option<u8> {
    b.get(i).copied()
}

pub(super) fn u16_le(b: &[u8], i: usize) -> Option<u16> {
    let s = b.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

pub(super) fn u32_le(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

pub(super) fn u32_be(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_be_bytes(s.try_into().ok()?))
}

pub(super) fn at(b: &[u8], i: usize, pat: &[u8]) -> bool {
    i.checked_add(pat.len())
        .and_then(|end| b.get(i..end))
        .is_some_and(|s| s == pat)
}

/// The PDF header and a zip local file header, searched with `memchr`'s vectorized substring search
/// (SSE2, or AVX2 when the processor has it); the searchers are built once.
static PDF_HEADER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"%PDF-"));
pub(super) static ZIP_LOCAL_HEADER: LazyLock<Finder<'static>> =
    LazyLock::new(|| Finder::new(b"PK\x03\x04"));

/// Offset of the first `%PDF-` in `b`. Text seldom holds a `%`: one `memchr` for it settles most
/// windows faster than the substring searcher, which takes over from the first `%` found.
fn find_pdf_header(b: &[u8]) -> Option<usize> {
    let first = memchr::memchr(b'%', b)?;
    let rest = b.get(first..)?;
    PDF_HEADER.find(rest).map(|i| first + i)
}

/// Sniffs the type of a file from its first bytes (at most [`SNIFF_PREFIX_LEN`] are read).
///
/// `complete` says whether `prefix` is the whole file (it matters only for text: a UTF-8 sequence cut
/// at the end of a prefix is fine, at the end of a file it is not).
pub fn sniff(prefix: &[u8], complete: bool) -> Sniff {
    sniff_with_ole_directory(prefix, complete, None)
}

/// Most bytes of an OLE directory read by [`sniff_with_ole_directory`] (32 entries of 128 bytes).
pub const OLE_DIRECTORY_READ_LEN: usize = 4096;

/// Where the directory of an OLE compound file (DOC, XLS, PPT) starts, when its first entry is past
/// `prefix`: a caller that can seek reads [`OLE_DIRECTORY_READ_LEN`] bytes there and passes them to
/// [`sniff_with_ole_directory`] (or [`crate::Attachment::with_ole_directory`]). `None` for anything
/// else.
pub fn ole_directory_offset(prefix: &[u8]) -> Option<u64> {
    let b = prefix.get(..SNIFF_PREFIX_LEN).unwrap_or(prefix);
    if !at(b, 0, OLE_SIGNATURE) {
        return None;
    }
    let dir = ole_directory_start(b)?;
    (dir.saturating_add(OLE_ENTRY as u64) > b.len() as u64).then_some(dir)
}

/// [`sniff`], with the bytes found at [`ole_directory_offset`] when the file is an OLE compound file
/// whose directory lies past the prefix (at most [`OLE_DIRECTORY_READ_LEN`] of them are read; they are
/// ignored for any other file).
pub fn sniff_with_ole_directory(
    prefix: &[u8],
    complete: bool,
    ole_directory: Option<&[u8]>,
) -> Sniff {
    let (b, complete) = match prefix.get(..SNIFF_PREFIX_LEN) {
        Some(p) if prefix.len() > SNIFF_PREFIX_LEN => (p, false),
        _ => (prefix, complete),
    };
    if b.is_empty() {
        return Err(AttachmentError::Empty);
    }
    if at(b, 0, b"%PDF-") {
        return Ok(Sniffed::one(FileType::Pdf));
    }
    let window = b.get(..PDF_HEADER_WINDOW).unwrap_or(b);
    let pdf_at = find_pdf_header(window);
    let first = sniff_magic(b, ole_directory)?;
    match (first, pdf_at) {
        (Some(s), Some(offset)) => Err(AttachmentError::Polyglot {
            first: s.file_type,
            second: FileType::Pdf,
            offset: offset as u64,
        }),
        (Some(s), None) => Ok(s),
        (None, Some(_)) => Ok(Sniffed::one(FileType::Pdf)),
        (None, None) => sniff_text(b, complete),
    }
}

/// Formats recognized by a signature at offset 0. `Ok(None)`: no signature of ours matched.
fn sniff_magic(b: &[u8], ole_directory: Option<&[u8]>) -> Result<Option<Sniffed>, AttachmentError> {
    let s = match b {
        [0xFF, 0xD8, 0xFF, ..] => jpeg(b)?,
        [0x89, b'P', b'N', b'G', ..] => png(b)?,
        [b'P', b'K', 3, 4, ..] => zip(b)?,
        [0xD0, 0xCF, 0x11, 0xE0, ..] => ole(b, ole_directory)?,
        [b'R', b'I', b'F', b'F', ..] if at(b, 8, b"WEBP") => webp(b)?,
        [b'O', b'g', b'g', b'S', ..] => ogg(b)?,
        [b'#', b'!', b'A', b'M', b'R', ..] => amr(b)?,
        [b'I', b'D', b'3', ..] => id3(b)?,
        [0xFF, ..] => match mpeg_stream(b) {
            Some(t) => Sniffed::one(t),
            None => return Ok(None),
        },
        _ if at(b, 4, b"ftyp") => ftyp(b)?,
        _ if [b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"]
            .iter()
            .any(|t| at(b, 4, *t)) =>
        {
            return Err(unrecognized("video/quicktime"));
        }
        _ => return Ok(None),
    };
    Ok(Some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_search_finds_every_offset() {
        for off in 0..100 {
            let mut v = vec![b'%'; off];
            v.extend_from_slice(b"%PDF-1.7");
            assert_eq!(find_pdf_header(&v), Some(off), "{off}");
        }
        assert_eq!(find_pdf_header(b"%PDF"), None);
    }
}
