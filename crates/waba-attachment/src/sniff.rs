//! Sniffing: the file type from the first bytes, with checks of our own where `infer` is wrong
//! (AMR-WB, zips with a `word/` entry, polyglots, PDF after junk, truncated headers).

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::error::AttachmentError;
use crate::quoted::Quoted;
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

type Sniff = Result<Sniffed, AttachmentError>;

fn unrecognized(detected: &'static str) -> AttachmentError {
    AttachmentError::Unrecognized {
        detected: Some(detected),
    }
}

fn truncated(what: &'static str, needed: usize, actual: usize) -> AttachmentError {
    AttachmentError::Truncated {
        what,
        needed: needed as u64,
        actual: actual as u64,
    }
}

fn byte(b: &[u8], i: usize) -> Option<u8> {
    b.get(i).copied()
}

fn u16_le(b: &[u8], i: usize) -> Option<u16> {
    let s = b.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes(s.try_into().ok()?))
}

fn u32_le(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_le_bytes(s.try_into().ok()?))
}

fn u32_be(b: &[u8], i: usize) -> Option<u32> {
    let s = b.get(i..i.checked_add(4)?)?;
    Some(u32::from_be_bytes(s.try_into().ok()?))
}

fn at(b: &[u8], i: usize, pat: &[u8]) -> bool {
    i.checked_add(pat.len())
        .and_then(|end| b.get(i..end))
        .is_some_and(|s| s == pat)
}

/// The PDF header and a zip local file header, searched with `memchr`'s vectorized substring search
/// (SSE2, or AVX2 when the processor has it); the searchers are built once.
static PDF_HEADER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"%PDF-"));
static ZIP_LOCAL_HEADER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"PK\x03\x04"));

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
        [0xFF, ..] => match mpeg_frame(b) {
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

fn jpeg(b: &[u8]) -> Sniff {
    match byte(b, 3) {
        None => Err(truncated("jpeg", 4, b.len())),
        Some(m) if m >= 0xC0 && m != 0xFF => Ok(Sniffed::one(FileType::Jpeg)),
        Some(_) => Err(AttachmentError::Corrupt {
            what: "jpeg marker after the start of image",
        }),
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Bytes from the start of a PNG to the end of its IHDR chunk (signature 8, length 4, type 4, data 13,
/// CRC 4).
pub const PNG_HEADER_LEN: usize = 33;

/// The IHDR bit depth and colour type of a PNG whose header [`sniff`] accepted.
pub(crate) fn png_depth_colour(b: &[u8]) -> Option<(u8, u8)> {
    Some((byte(b, 24)?, byte(b, 25)?))
}

// Evaluated at compile time: an out-of-bounds index would be a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0u32;
    while n < 256 {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n as usize] = c;
        n += 1;
    }
    table
};

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &d in data {
        let i = ((crc ^ u32::from(d)) & 0xFF) as usize;
        crc = CRC_TABLE.get(i).copied().unwrap_or(0) ^ (crc >> 8);
    }
    !crc
}

fn png(b: &[u8]) -> Sniff {
    if !at(b, 0, PNG_SIGNATURE) && b.len() >= PNG_SIGNATURE.len() {
        return Err(AttachmentError::Corrupt {
            what: "png signature",
        });
    }
    let Some(h) = b.get(..PNG_HEADER_LEN) else {
        return Err(truncated("png ihdr", PNG_HEADER_LEN, b.len()));
    };
    let corrupt = Err(AttachmentError::Corrupt { what: "png ihdr" });
    if u32_be(h, 8) != Some(13) || !at(h, 12, b"IHDR") {
        return corrupt;
    }
    let (Some(w), Some(hh)) = (u32_be(h, 16), u32_be(h, 20)) else {
        return corrupt;
    };
    let valid_dim = |v: u32| v > 0 && v <= 0x7FFF_FFFF;
    let depth_ok = match (byte(h, 25), byte(h, 24)) {
        (Some(0), Some(d)) => matches!(d, 1 | 2 | 4 | 8 | 16),
        (Some(3), Some(d)) => matches!(d, 1 | 2 | 4 | 8),
        (Some(2 | 4 | 6), Some(d)) => matches!(d, 8 | 16),
        _ => false,
    };
    let rest_ok =
        byte(h, 26) == Some(0) && byte(h, 27) == Some(0) && byte(h, 28).is_some_and(|i| i <= 1);
    let crc_ok = h.get(12..29).map(crc32) == u32_be(h, 29);
    if valid_dim(w) && valid_dim(hh) && depth_ok && rest_ok && crc_ok {
        Ok(Sniffed::one(FileType::Png))
    } else {
        corrupt
    }
}

fn webp(b: &[u8]) -> Sniff {
    match b.get(12..16) {
        None => Err(truncated("webp", 16, b.len())),
        Some(b"VP8 " | b"VP8L") => Ok(Sniffed::one(FileType::WebP)),
        Some(b"VP8X") => match byte(b, 20) {
            None => Err(truncated("webp vp8x", 21, b.len())),
            Some(flags) if flags & 0x02 != 0 => Ok(Sniffed::one(FileType::AnimatedWebP)),
            Some(_) => Ok(Sniffed::one(FileType::WebP)),
        },
        Some(_) => Err(AttachmentError::Corrupt {
            what: "webp first chunk",
        }),
    }
}

/// The canvas of a WebP that [`sniff`] accepted, `(width, height)` in pixels: from the `VP8X`
/// canvas (24-bit fields, minus one), the `VP8L` header (14-bit fields, minus one) or the `VP8`
/// key frame header (14-bit fields). `None` when the prefix does not hold them whole.
pub(crate) fn webp_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let u24 = |i: usize| -> Option<u32> {
        Some(
            u32::from(byte(b, i)?)
                | u32::from(byte(b, i + 1)?) << 8
                | u32::from(byte(b, i + 2)?) << 16,
        )
    };
    let u16le = |i: usize| -> Option<u32> {
        Some(u32::from(byte(b, i)?) | u32::from(byte(b, i + 1)?) << 8)
    };
    match b.get(12..16)? {
        b"VP8X" => Some((u24(24)? + 1, u24(27)? + 1)),
        b"VP8L" => {
            if byte(b, 20)? != 0x2F {
                return None;
            }
            let bits = u16le(21)? | u16le(23)? << 16;
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8 " => {
            if !at(b, 23, b"\x9D\x01\x2A") {
                return None;
            }
            Some((u16le(26)? & 0x3FFF, u16le(28)? & 0x3FFF))
        }
        _ => None,
    }
}

/// The shortest `OpusHead` packet (RFC 7845 §5.1: magic 8, version, channels, pre-skip 2, rate 4,
/// gain 2, mapping family).
const OPUS_HEAD_LEN: usize = 19;

/// The channel count of an Ogg Opus stream that [`sniff`] accepted (RFC 7845 §5.1).
pub(crate) fn opus_channels(b: &[u8]) -> Option<u8> {
    let packet = 27 + usize::from(byte(b, 26)?);
    at(b, packet, b"OpusHead").then(|| byte(b, packet + 9))?
}

fn ogg(b: &[u8]) -> Sniff {
    let Some(nseg) = byte(b, 26) else {
        return Err(truncated("ogg page", 27, b.len()));
    };
    if byte(b, 4) != Some(0) || byte(b, 5).is_some_and(|f| f & 0x02 == 0) {
        return Err(AttachmentError::Corrupt {
            what: "ogg first page",
        });
    }
    let packet = 27 + usize::from(nseg);
    if at(b, packet, b"OpusHead") {
        return if b.len() < packet + OPUS_HEAD_LEN {
            Err(truncated("opus head", packet + OPUS_HEAD_LEN, b.len()))
        } else {
            Ok(Sniffed::one(FileType::Opus))
        };
    }
    if b.len() < packet + 8 {
        return Err(truncated("ogg first packet", packet + 8, b.len()));
    }
    let detected = if at(b, packet, b"\x01vorbis") {
        "audio/vorbis"
    } else if at(b, packet, b"\x80theora") {
        "video/ogg"
    } else if at(b, packet, b"Speex   ") {
        "audio/speex"
    } else if at(b, packet, b"\x7fFLAC") || at(b, packet, b"fLaC") {
        "audio/flac"
    } else {
        "application/ogg"
    };
    Err(unrecognized(detected))
}

fn amr(b: &[u8]) -> Sniff {
    if at(b, 0, b"#!AMR\n") {
        Ok(Sniffed::one(FileType::Amr))
    } else if at(b, 0, b"#!AMR-WB\n") {
        Ok(Sniffed::one(FileType::AmrWb))
    } else if at(b, 0, b"#!AMR_MC1.0\n") || at(b, 0, b"#!AMR-WB_MC1.0\n") {
        Err(unrecognized("audio/amr (multichannel)"))
    } else if b"#!AMR-WB\n".starts_with(b) || b"#!AMR\n".starts_with(b) {
        Err(truncated("amr", 6, b.len()))
    } else {
        Err(AttachmentError::Corrupt { what: "amr header" })
    }
}

/// An MPEG audio frame header at the start of `b`: ADTS AAC or MP3 (MPEG-1/2/2.5 layer I–III).
fn mpeg_frame(b: &[u8]) -> Option<FileType> {
    let (b0, b1, b2) = (byte(b, 0)?, byte(b, 1)?, byte(b, 2)?);
    if b0 != 0xFF {
        return None;
    }
    if b1 & 0xF6 == 0xF0 {
        // ADTS: sync 12 bits, layer 00; sampling index < 13.
        return ((b2 >> 2) & 0x0F < 13).then_some(FileType::Aac);
    }
    let version = (b1 >> 3) & 0x03;
    let layer = (b1 >> 1) & 0x03;
    let bitrate = b2 >> 4;
    let rate = (b2 >> 2) & 0x03;
    (b1 & 0xE0 == 0xE0 && version != 1 && layer != 0 && bitrate != 0x0F && rate != 3)
        .then_some(FileType::Mp3)
}

fn id3(b: &[u8]) -> Sniff {
    let Some(hdr) = b.get(..10) else {
        return Err(truncated("id3", 10, b.len()));
    };
    let mut size: usize = 0;
    for i in 6..10 {
        let v = byte(hdr, i).unwrap_or(0x80);
        if v >= 0x80 {
            return Err(AttachmentError::Corrupt { what: "id3 size" });
        }
        size = (size << 7) | usize::from(v);
    }
    let footer = if byte(hdr, 5).is_some_and(|f| f & 0x10 != 0) {
        10
    } else {
        0
    };
    let frame = 10 + size + footer;
    if b.len() < frame + 3 {
        // The frame lies beyond the prefix: an ID3v2 tag is MPEG audio's (decision 0501).
        return Ok(Sniffed::one(FileType::Mp3));
    }
    match b.get(frame..).and_then(mpeg_frame) {
        Some(t) => Ok(Sniffed::one(t)),
        None => Err(unrecognized("audio/mpeg (no frame after the id3 tag)")),
    }
}

/// ISO base media file: brands of the `ftyp` box.
fn ftyp(b: &[u8]) -> Sniff {
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

/// Zip: an OOXML package told apart by `[Content_Types].xml` and its part names.
fn zip(b: &[u8]) -> Sniff {
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
const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const OLE_ENTRY: usize = 128;

/// Byte offset of the first directory sector of an OLE header, when the header is readable.
fn ole_directory_start(b: &[u8]) -> Option<u64> {
    let shift = u16_le(b, 0x1E)?;
    let sector = u32_le(b, 0x30)?;
    (shift == 9 || shift == 12).then(|| (u64::from(sector) + 1) << shift)
}

fn ole(b: &[u8], directory: Option<&[u8]>) -> Sniff {
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

/// Plain text, judged on the first [`TEXT_WINDOW`] bytes: UTF-8 without NUL, other C0 controls
/// (except tab, line feed, form feed, carriage return) or DEL; markup (HTML, SVG, XML) is not plain
/// text.
fn sniff_text(b: &[u8], complete: bool) -> Sniff {
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

    #[test]
    fn pdf_search_finds_every_offset() {
        for off in 0..100 {
            let mut v = vec![b'%'; off];
            v.extend_from_slice(b"%PDF-1.7");
            assert_eq!(find_pdf_header(&v), Some(off), "{off}");
        }
        assert_eq!(find_pdf_header(b"%PDF"), None);
    }

    #[test]
    fn crc32_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

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
