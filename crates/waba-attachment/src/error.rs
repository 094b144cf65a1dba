//! [`AttachmentError`]: why a file may not be sent.

use waba_error::WabaError;

use crate::filename::FilenameError;
use crate::permissions::PermissionError;
use crate::quoted::Quoted;
use crate::types::{Category, FileType};
use crate::verdict::Purpose;

/// Why a file may not be sent. Building one never allocates; caller strings are quoted at most
/// [`Quoted::MAX_BYTES`] bytes long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum AttachmentError {
    /// The agent lacks a privilege.
    #[error(transparent)]
    #[waba(code = _0.code(), class = Refused, field = _0.field())]
    Permission(#[from] PermissionError),
    /// The file name is not acceptable for the document `filename` field.
    #[error(transparent)]
    #[waba(code = _0.code(), field = "filename", limit = _0.limit(), actual = _0.actual(), position = _0.position())]
    Filename(#[from] FilenameError),
    /// The file has no bytes.
    #[error("the file is empty")]
    #[waba(code = "attachment.empty", field = "size", actual = 0)]
    Empty,
    /// More bytes were given than the declared size.
    #[error("the declared size is {declared} bytes but {given} bytes were given")]
    #[waba(code = "attachment.size_mismatch", field = "size", limit = declared, actual = given)]
    SizeMismatch {
        /// The declared size.
        declared: u64,
        /// The number of bytes given.
        given: u64,
    },
    /// Over the global cap (the guide: "smaller than 100 MB").
    #[error(
        "attachments must be smaller than 100 MB ({limit} bytes at most); this file has {actual}"
    )]
    #[waba(
        code = "attachment.over_global_cap",
        field = "size",
        meta_code = 131_053
    )]
    OverGlobalCap {
        /// The largest size allowed, in bytes.
        limit: u64,
        /// The file's size, in bytes.
        actual: u64,
    },
    /// Over the cap of its type.
    #[error("{file_type} files may have at most {limit} bytes; this file has {actual}")]
    #[waba(code = "attachment.too_large", field = "size", meta_code = 131_053)]
    TooLarge {
        /// The file's type.
        file_type: FileType,
        /// The largest size allowed, in bytes.
        limit: u64,
        /// The file's size, in bytes.
        actual: u64,
    },
    /// The bytes are not a type this crate accepts.
    #[error("the bytes are not a supported file type (detected: {})", detected.unwrap_or("unknown"))]
    #[waba(code = "attachment.unrecognized", meta_code = 131_053)]
    Unrecognized {
        /// What the bytes look like, as a MIME type, when known.
        detected: Option<&'static str>,
    },
    /// The bytes start like a supported type but stop before its header is complete.
    #[error("the {what} header is cut short: {actual} bytes of at least {needed}")]
    #[waba(code = "attachment.truncated", limit = needed)]
    Truncated {
        /// Which header.
        what: &'static str,
        /// Bytes the header needs.
        needed: u64,
        /// Bytes there are.
        actual: u64,
    },
    /// A header is present but its values are invalid.
    #[error("the {what} is invalid")]
    #[waba(code = "attachment.corrupt")]
    Corrupt {
        /// What is invalid.
        what: &'static str,
    },
    /// The bytes are two formats at once (a PDF header inside another file).
    #[error("the bytes are both {first} and {second} (polyglot file)")]
    #[waba(code = "attachment.polyglot", position = offset)]
    Polyglot {
        /// The type the bytes start as.
        first: FileType,
        /// The other type found.
        second: FileType,
        /// Byte offset of the second type's header.
        offset: u64,
    },
    /// An OLE compound file whose kind (DOC, XLS, PPT) cannot be told from the prefix.
    #[error(
        "an ole compound file whose kind (doc, xls or ppt) is not in the first bytes (directory at byte {directory_offset})"
    )]
    #[waba(code = "attachment.ole_kind_unknown", position = directory_offset)]
    OleKindUnknown {
        /// Byte offset of its directory.
        directory_offset: u64,
    },
    /// An OOXML package whose kind (DOCX, XLSX, PPTX) cannot be told from the prefix.
    #[error("an office open xml package whose kind (docx, xlsx or pptx) is not in the first bytes")]
    #[waba(code = "attachment.ooxml_kind_unknown")]
    OoxmlKindUnknown,
    /// An Office file with macros (`vbaProject.bin`).
    #[error("office files with macros are not accepted")]
    #[waba(code = "attachment.macro_enabled")]
    MacroEnabled,
    /// An encrypted zip entry or an encrypted Office package.
    #[error("encrypted files are not accepted")]
    #[waba(code = "attachment.encrypted")]
    Encrypted,
    /// A zip entry name that climbs out of its folder or is absolute.
    #[error("the zip entry name {name} is unsafe")]
    #[waba(code = "attachment.unsafe_zip_entry")]
    UnsafeZipEntry {
        /// The entry name (quoted, capped).
        name: Quoted,
    },
    /// A PNG that is not 8-bit RGB or RGBA, which Meta requires.
    #[error(
        "png images must be 8-bit rgb or rgba; this one has bit depth {bit_depth} and colour type {colour_type}"
    )]
    #[waba(code = "attachment.png_format", meta_code = 131_053)]
    PngFormat {
        /// The IHDR bit depth.
        bit_depth: u8,
        /// The IHDR colour type (2 = RGB, 6 = RGBA).
        colour_type: u8,
    },
    /// Opus audio that is not mono, which Meta requires (decision 0505).
    #[error("opus audio must be mono (1 channel); this one has {channels} channels")]
    #[waba(code = "attachment.opus_channels", limit = 1, actual = u64::from(*channels), meta_code = 131_053)]
    OpusChannels {
        /// The channel count of the `OpusHead` packet.
        channels: u8,
    },
    /// A sticker that is not 512 × 512 pixels, which Meta requires (decision 0506).
    #[error("stickers must be 512x512 pixels; this one is {width}x{height}")]
    #[waba(code = "attachment.sticker_dimensions", limit = u64::from(crate::STICKER_SIDE_PX), actual = u64::from(if *width == crate::STICKER_SIDE_PX { *height } else { *width }), meta_code = 131_053)]
    StickerDimensions {
        /// Its width, in pixels.
        width: u32,
        /// Its height, in pixels.
        height: u32,
    },
    /// A recognized type that this policy does not enable.
    #[error("{file_type} files are not enabled")]
    #[waba(code = "attachment.type_not_enabled", meta_code = 131_053)]
    TypeNotEnabled {
        /// The file's type.
        file_type: FileType,
    },
    /// The bytes, the declared MIME type and the extension do not agree.
    #[error("the bytes are {} but the declared mime type is {} and the extension is {}", sniffed.mime(), Opt(.mime), Opt(.extension))]
    #[waba(code = "attachment.type_mismatch")]
    Mismatch {
        /// What the bytes are.
        sniffed: FileType,
        /// The declared MIME type, if any.
        mime: Option<Quoted>,
        /// The file-name extension, if any (at most 16 bytes quoted).
        extension: Option<Quoted<16>>,
    },
    /// The declared MIME type is not `type/subtype`.
    #[error("the declared mime type {mime} is malformed")]
    #[waba(code = "attachment.mime_malformed", field = "mime")]
    MimeMalformed {
        /// The declared MIME type (quoted, capped).
        mime: Quoted,
    },
    /// The category cannot be used where the file goes (audio or a sticker in a header).
    #[error("{category} files cannot be used as {}", purpose.description())]
    #[waba(code = "attachment.category_not_allowed")]
    CategoryNotAllowed {
        /// The file's category.
        category: Category,
        /// Where the file goes.
        purpose: Purpose,
    },
}

struct Opt<'a, const N: usize>(&'a Option<Quoted<N>>);

impl<const N: usize> std::fmt::Display for Opt<'_, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(q) => q.fmt(f),
            None => f.write_str("absent"),
        }
    }
}
