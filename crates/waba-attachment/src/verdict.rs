//! The verdict: may this file be sent, as what, and does the agent preview it first.

use crate::error::AttachmentError;
use crate::filename::{extension, filename};
use crate::permissions::{Permissions, Privilege};
use crate::quoted::Quoted;
use crate::sniff::{
    SNIFF_PREFIX_LEN, opus_channels, png_depth_colour, sniff_with_ole_directory, webp_dimensions,
};
use crate::types::{Category, FileType, TypeSet};

/// One megabyte as Meta and the guide write "MB": 1 000 000 bytes (decision 0502).
pub(crate) const MB: u64 = 1_000_000;
/// One kilobyte as Meta writes "KB" for stickers: 1 000 bytes (decision 0502).
pub(crate) const KB: u64 = 1_000;
/// Largest attachment the guide allows ("smaller than 100 MB"): 100 000 000 − 1 bytes.
pub const GLOBAL_MAX_BYTES: u64 = 100 * MB - 1;
/// Meta's image cap (5 MB).
pub const IMAGE_MAX_BYTES: u64 = 5 * MB;
/// Meta's audio cap (16 MB).
pub const AUDIO_MAX_BYTES: u64 = 16 * MB;
/// Meta's video cap (16 MB).
pub const VIDEO_MAX_BYTES: u64 = 16 * MB;
/// Meta's document cap (100 MB; the guide's global cap is one byte lower).
pub const DOCUMENT_MAX_BYTES: u64 = 100 * MB;
/// Meta's static sticker cap (100 KB).
pub const STICKER_STATIC_MAX_BYTES: u64 = 100 * KB;
/// Meta's animated sticker cap (500 KB).
pub const STICKER_ANIMATED_MAX_BYTES: u64 = 500 * KB;
/// The side of a sticker, static or animated, in pixels: stickers are 512 × 512 (decision 0506).
pub const STICKER_SIDE_PX: u32 = 512;

/// Largest sizes, in bytes (inclusive), globally and per type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SizeCaps {
    /// Every file ([`GLOBAL_MAX_BYTES`]).
    pub global: u64,
    /// Images ([`IMAGE_MAX_BYTES`]).
    pub image: u64,
    /// Audio ([`AUDIO_MAX_BYTES`]).
    pub audio: u64,
    /// Video ([`VIDEO_MAX_BYTES`]).
    pub video: u64,
    /// Documents ([`DOCUMENT_MAX_BYTES`]).
    pub document: u64,
    /// Static stickers ([`STICKER_STATIC_MAX_BYTES`]).
    pub sticker_static: u64,
    /// Animated stickers ([`STICKER_ANIMATED_MAX_BYTES`]).
    pub sticker_animated: u64,
}

impl SizeCaps {
    /// The guide's global cap and Meta's per-type caps.
    pub const DEFAULT: SizeCaps = SizeCaps {
        global: GLOBAL_MAX_BYTES,
        image: IMAGE_MAX_BYTES,
        audio: AUDIO_MAX_BYTES,
        video: VIDEO_MAX_BYTES,
        document: DOCUMENT_MAX_BYTES,
        sticker_static: STICKER_STATIC_MAX_BYTES,
        sticker_animated: STICKER_ANIMATED_MAX_BYTES,
    };

    /// The cap of a file type (its category's; stickers by animation).
    pub const fn for_type(&self, t: FileType) -> u64 {
        match t {
            FileType::AnimatedWebP => self.sticker_animated,
            FileType::WebP => self.sticker_static,
            _ => match t.category() {
                Category::Document => self.document,
                Category::Image => self.image,
                Category::Audio => self.audio,
                Category::Video => self.video,
                Category::Sticker => self.sticker_static,
            },
        }
    }
}

impl Default for SizeCaps {
    fn default() -> Self {
        SizeCaps::DEFAULT
    }
}

/// Where the file goes, which decides the privilege needed and the categories allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Purpose {
    /// A media message in the conversation: needs `canSendFiles`.
    Send,
    /// The header of a notification (template): needs `canChangeAttachmentsInNotification`; image,
    /// video or document only.
    NotificationHeader,
    /// The header of reply buttons: needs `canChangeAttachmentsInReplyButton`; image, video or
    /// document only.
    ReplyButtonHeader,
}

impl Purpose {
    /// The privilege this purpose needs (besides `canUse`).
    pub const fn privilege(self) -> Privilege {
        match self {
            Purpose::Send => Privilege::CanSendFiles,
            Purpose::NotificationHeader => Privilege::CanChangeAttachmentsInNotification,
            Purpose::ReplyButtonHeader => Privilege::CanChangeAttachmentsInReplyButton,
        }
    }

    /// Whether a file of `category` can go there (Meta's header formats are image, video, document).
    pub const fn allows(self, category: Category) -> bool {
        match self {
            Purpose::Send => true,
            Purpose::NotificationHeader | Purpose::ReplyButtonHeader => matches!(
                category,
                Category::Image | Category::Video | Category::Document
            ),
        }
    }

    /// A few words for messages.
    pub const fn description(self) -> &'static str {
        match self {
            Purpose::Send => "an attachment",
            Purpose::NotificationHeader => "a notification header",
            Purpose::ReplyButtonHeader => "a reply-button header",
        }
    }
}

/// What is known of a file before sending: its first bytes, its size, and what the sender claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attachment<'a> {
    /// The first bytes (at most [`SNIFF_PREFIX_LEN`] are read; give that many when the file has them).
    pub prefix: &'a [u8],
    /// The file's size in bytes.
    pub size: u64,
    /// The declared MIME type, if any (`application/octet-stream` and an empty string claim nothing).
    pub mime: Option<&'a str>,
    /// The file name (or a path: path parts are removed), if any.
    pub filename: Option<&'a str>,
    /// For an OLE compound file whose directory lies past the prefix: the bytes at
    /// [`crate::ole_directory_offset`] (at most [`crate::OLE_DIRECTORY_READ_LEN`] are read).
    pub ole_directory: Option<&'a [u8]>,
}

impl<'a> Attachment<'a> {
    /// A file with its first bytes and its size, no claims.
    pub const fn new(prefix: &'a [u8], size: u64) -> Self {
        Attachment {
            prefix,
            size,
            mime: None,
            filename: None,
            ole_directory: None,
        }
    }

    /// With a declared MIME type.
    #[must_use]
    pub const fn with_mime(mut self, mime: &'a str) -> Self {
        self.mime = Some(mime);
        self
    }

    /// With a file name or path.
    #[must_use]
    pub const fn with_filename(mut self, name: &'a str) -> Self {
        self.filename = Some(name);
        self
    }

    /// With the bytes read at [`crate::ole_directory_offset`].
    #[must_use]
    pub const fn with_ole_directory(mut self, directory: &'a [u8]) -> Self {
        self.ole_directory = Some(directory);
        self
    }
}

/// An allowed file: what it goes out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verdict<'a> {
    /// The file type (from the bytes, agreeing with the claims).
    pub file_type: FileType,
    /// Its category (Meta's message type).
    pub category: Category,
    /// The MIME type to send to Meta.
    pub mime: &'static str,
    /// The size in bytes.
    pub size: u64,
    /// The document `filename` to send (path parts removed), when a name was given.
    pub filename: Option<&'a str>,
    /// Whether the agent previews the file before it goes (`whatsappsession.two-step-attachment-upload`).
    pub preview_required: bool,
}

/// The rules a file is judged by. `Default`: the guide's types, the guide's and Meta's caps, the
/// two-step upload on (decision 0002), PNG limited to 8-bit RGB/RGBA as Meta requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttachmentPolicy {
    /// The types that may be sent ([`TypeSet::GUIDE`] by default; [`TypeSet::META`] adds Meta's).
    pub types: TypeSet,
    /// Size caps.
    pub caps: SizeCaps,
    /// `whatsappsession.two-step-attachment-upload` (default true).
    pub two_step_upload: bool,
    /// Refuse PNG images that are not 8-bit RGB or RGBA (Meta's rule; default true).
    pub png_rgb8_only: bool,
    /// Refuse Opus audio that is not mono (Meta: "audio/ogg, OPUS codecs only, mono input only").
    /// Default on (decision 0505).
    pub opus_mono_only: bool,
    /// Refuse stickers (WebP) that are not [`STICKER_SIDE_PX`] × [`STICKER_SIDE_PX`] pixels, static
    /// or animated. Default on (decision 0506).
    pub sticker_512_only: bool,
}

impl Default for AttachmentPolicy {
    fn default() -> Self {
        AttachmentPolicy::GUIDE
    }
}

/// MIME types that claim nothing about the content.
const NO_CLAIM_MIME: &[&str] = &["application/octet-stream", "binary/octet-stream"];

/// RFC 9110 `tchar`: the bytes a MIME type and subtype may hold.
// Evaluated at compile time: an out-of-bounds index would be a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const TCHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0usize;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric()
            || matches!(b, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'^'..=b'`' | b'|' | b'~');
        c += 1;
    }
    t
};

fn is_tchar(c: u8) -> bool {
    TCHAR.get(usize::from(c)).copied().unwrap_or(false)
}

/// The types a declared MIME type names (none for a well-formed type we do not know); `None` when
/// it claims nothing (empty, or `application/octet-stream`).
fn mime_types(mime: &str) -> Result<Option<TypeSet>, AttachmentError> {
    let essence = crate::types::mime_essence(mime);
    if essence.is_empty() {
        return Ok(None);
    }
    // A type we know is well formed: the form is tested only for the others.
    let known = TypeSet::for_mime_essence(essence);
    if !known.is_empty() {
        return Ok(Some(known));
    }
    if NO_CLAIM_MIME
        .iter()
        .any(|m| m.eq_ignore_ascii_case(essence))
    {
        return Ok(None);
    }
    let well_formed = essence.split_once('/').is_some_and(|(t, s)| {
        !t.is_empty() && !s.is_empty() && t.bytes().all(is_tchar) && s.bytes().all(is_tchar)
    });
    if well_formed {
        Ok(Some(TypeSet::EMPTY))
    } else {
        Err(AttachmentError::MimeMalformed {
            mime: Quoted::new(mime),
        })
    }
}

impl AttachmentPolicy {
    /// The defaults: the guide's types ([`TypeSet::GUIDE`]), [`SizeCaps::DEFAULT`], two-step upload on.
    pub const GUIDE: AttachmentPolicy = AttachmentPolicy {
        types: TypeSet::GUIDE,
        caps: SizeCaps::DEFAULT,
        two_step_upload: true,
        png_rgb8_only: true,
        opus_mono_only: true,
        sticker_512_only: true,
    };

    /// The defaults plus Meta's additional types (TXT, MP3, M4A, 3GP, WebP stickers).
    #[must_use]
    pub const fn with_meta_types(mut self) -> Self {
        self.types = self.types.union(TypeSet::META_EXTRAS);
        self
    }

    /// With `whatsappsession.two-step-attachment-upload` set.
    #[must_use]
    pub const fn with_two_step_upload(mut self, on: bool) -> Self {
        self.two_step_upload = on;
        self
    }

    /// Judges a file: the agent's privileges for `purpose`, the size, the name, the bytes against the
    /// declared MIME type and extension, the enabled types and the caps. Reads at most
    /// [`SNIFF_PREFIX_LEN`] bytes of `file.prefix` (and, for an OLE file whose directory is past
    /// them, the bytes of `file.ole_directory`); never allocates.
    ///
    /// ```
    /// use waba_attachment::WabaError;
    /// use waba_attachment::{Attachment, AttachmentPolicy, Category, Permissions, Purpose};
    ///
    /// let bytes = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
    /// let file = Attachment::new(bytes, 120_000).with_mime("application/pdf").with_filename("q3/report.pdf");
    /// let v = AttachmentPolicy::default().check(Permissions::all(), Purpose::Send, &file)?;
    /// assert_eq!((v.category, v.mime, v.filename), (Category::Document, "application/pdf", Some("report.pdf")));
    ///
    /// let liar = Attachment::new(bytes, 120_000).with_mime("image/jpeg").with_filename("cat.jpg");
    /// let err = AttachmentPolicy::default().check(Permissions::all(), Purpose::Send, &liar).unwrap_err();
    /// assert_eq!(err.code(), "attachment.type_mismatch");
    /// # Ok::<(), waba_attachment::AttachmentError>(())
    /// ```
    pub fn check<'a>(
        &self,
        permissions: Permissions,
        purpose: Purpose,
        file: &Attachment<'a>,
    ) -> Result<Verdict<'a>, AttachmentError> {
        permissions.require(purpose.privilege())?;
        let prefix = file.prefix.get(..SNIFF_PREFIX_LEN).unwrap_or(file.prefix);
        let given = prefix.len() as u64;
        if file.size == 0 {
            return Err(AttachmentError::Empty);
        }
        if given > file.size {
            return Err(AttachmentError::SizeMismatch {
                declared: file.size,
                given,
            });
        }
        if file.size > self.caps.global {
            return Err(AttachmentError::OverGlobalCap {
                limit: self.caps.global,
                actual: file.size,
            });
        }
        let name = file.filename.map(filename).transpose()?;
        let ext = name.and_then(extension);
        let by_mime = file.mime.map(mime_types).transpose()?.flatten();
        let sniffed = sniff_with_ole_directory(prefix, given == file.size, file.ole_directory)?;
        let by_ext = ext.map(TypeSet::for_extension);
        let claims = |t: FileType| {
            by_mime.is_none_or(|s| s.contains(t)) && by_ext.is_none_or(|s| s.contains(t))
        };
        let file_type = [Some(sniffed.file_type), sniffed.alternative]
            .into_iter()
            .flatten()
            .find(|t| claims(*t))
            .ok_or_else(|| AttachmentError::Mismatch {
                sniffed: sniffed.file_type,
                mime: file.mime.map(Quoted::new),
                extension: ext.map(Quoted::new),
            })?;
        if !self.types.contains(file_type) {
            return Err(AttachmentError::TypeNotEnabled { file_type });
        }
        let category = file_type.category();
        if !purpose.allows(category) {
            return Err(AttachmentError::CategoryNotAllowed { category, purpose });
        }
        if file_type == FileType::Png && self.png_rgb8_only {
            if let Some((bit_depth, colour_type)) = png_depth_colour(prefix) {
                if bit_depth != 8 || !matches!(colour_type, 2 | 6) {
                    return Err(AttachmentError::PngFormat {
                        bit_depth,
                        colour_type,
                    });
                }
            }
        }
        if file_type == FileType::Opus && self.opus_mono_only {
            if let Some(channels) = opus_channels(prefix) {
                if channels != 1 {
                    return Err(AttachmentError::OpusChannels { channels });
                }
            }
        }
        if category == Category::Sticker && self.sticker_512_only {
            if let Some((width, height)) = webp_dimensions(prefix) {
                if (width, height) != (STICKER_SIDE_PX, STICKER_SIDE_PX) {
                    return Err(AttachmentError::StickerDimensions { width, height });
                }
            }
        }
        let limit = self.caps.for_type(file_type);
        if file.size > limit {
            return Err(AttachmentError::TooLarge {
                file_type,
                limit,
                actual: file.size,
            });
        }
        Ok(Verdict {
            file_type,
            category,
            mime: file_type.mime(),
            size: file.size,
            filename: name,
            preview_required: self.two_step_upload,
        })
    }
}
