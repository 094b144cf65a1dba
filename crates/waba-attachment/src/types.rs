//! File types and categories: what WhatsApp accepts, with MIME types and file-name extensions.

use std::fmt;

use serde::Serialize;

/// The kind of media message a file goes out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Category {
    /// A document (PDF, Office files, plain text).
    Document,
    /// An image (JPEG, PNG).
    Image,
    /// Audio (AAC, AMR, Opus, MP3, M4A).
    Audio,
    /// Video (MP4, 3GP).
    Video,
    /// A sticker (WebP, static or animated).
    Sticker,
}

impl Category {
    /// The lowercase name (`document`, `image`, `audio`, `video`, `sticker`), as Meta's message types.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Document => "document",
            Category::Image => "image",
            Category::Audio => "audio",
            Category::Video => "video",
            Category::Sticker => "sticker",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file type this crate recognizes from the bytes and can judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "&'static str")]
#[non_exhaustive]
pub enum FileType {
    /// PDF (`%PDF-`, also after up to 1024 bytes of junk).
    Pdf,
    /// Word 97–2003 (OLE compound file with a `WordDocument` stream).
    Doc,
    /// Excel 97–2003 (OLE compound file with a `Workbook` or `Book` stream).
    Xls,
    /// PowerPoint 97–2003 (OLE compound file with a `PowerPoint Document` stream).
    Ppt,
    /// Word OOXML (zip with `[Content_Types].xml` and `word/` parts).
    Docx,
    /// Excel OOXML (zip with `[Content_Types].xml` and `xl/` parts).
    Xlsx,
    /// PowerPoint OOXML (zip with `[Content_Types].xml` and `ppt/` parts).
    Pptx,
    /// Plain text (UTF-8 without NUL or binary control characters in its first 1 KiB).
    Txt,
    /// AAC in ADTS frames.
    Aac,
    /// AMR narrow-band (`#!AMR\n`).
    Amr,
    /// AMR wide-band (`#!AMR-WB\n`): recognized, not in WhatsApp's list (`audio/amr` is narrow-band).
    AmrWb,
    /// Opus in Ogg (`OggS` page whose first packet is `OpusHead`).
    Opus,
    /// MPEG audio (MP3 frame sync, or an ID3v2 tag).
    Mp3,
    /// MPEG-4 audio (`ftyp` brand `M4A `).
    M4a,
    /// JPEG (`FF D8 FF` and a marker).
    Jpeg,
    /// PNG (signature and a valid IHDR chunk).
    Png,
    /// MPEG-4 video (`ftyp` with an ISO/MP4 brand).
    Mp4,
    /// 3GPP video (`ftyp` brand `3gp*`).
    ThreeGp,
    /// Static WebP (`VP8 `, `VP8L`, or `VP8X` without the animation flag): a sticker.
    WebP,
    /// Animated WebP (`VP8X` with the animation flag): a sticker.
    AnimatedWebP,
}

impl FileType {
    /// Every file type, in declaration order.
    pub const ALL: [FileType; 20] = [
        FileType::Pdf,
        FileType::Doc,
        FileType::Xls,
        FileType::Ppt,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Pptx,
        FileType::Txt,
        FileType::Aac,
        FileType::Amr,
        FileType::AmrWb,
        FileType::Opus,
        FileType::Mp3,
        FileType::M4a,
        FileType::Jpeg,
        FileType::Png,
        FileType::Mp4,
        FileType::ThreeGp,
        FileType::WebP,
        FileType::AnimatedWebP,
    ];

    /// Short lowercase name (`pdf`, `docx`, `amr-wb`, `webp-animated`...).
    pub const fn name(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Doc => "doc",
            FileType::Xls => "xls",
            FileType::Ppt => "ppt",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Pptx => "pptx",
            FileType::Txt => "txt",
            FileType::Aac => "aac",
            FileType::Amr => "amr",
            FileType::AmrWb => "amr-wb",
            FileType::Opus => "opus",
            FileType::Mp3 => "mp3",
            FileType::M4a => "m4a",
            FileType::Jpeg => "jpeg",
            FileType::Png => "png",
            FileType::Mp4 => "mp4",
            FileType::ThreeGp => "3gp",
            FileType::WebP => "webp",
            FileType::AnimatedWebP => "webp-animated",
        }
    }

    /// The MIME type sent to Meta (Meta's table; `video/3gpp` as IANA registers it).
    pub const fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Doc => "application/msword",
            FileType::Xls => "application/vnd.ms-excel",
            FileType::Ppt => "application/vnd.ms-powerpoint",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileType::Txt => "text/plain",
            FileType::Aac => "audio/aac",
            FileType::Amr => "audio/amr",
            FileType::AmrWb => "audio/amr-wb",
            FileType::Opus => "audio/ogg",
            FileType::Mp3 => "audio/mpeg",
            FileType::M4a => "audio/mp4",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Mp4 => "video/mp4",
            FileType::ThreeGp => "video/3gpp",
            FileType::WebP | FileType::AnimatedWebP => "image/webp",
        }
    }

    /// The category the file goes out as.
    pub const fn category(self) -> Category {
        match self {
            FileType::Pdf
            | FileType::Doc
            | FileType::Xls
            | FileType::Ppt
            | FileType::Docx
            | FileType::Xlsx
            | FileType::Pptx
            | FileType::Txt => Category::Document,
            FileType::Aac
            | FileType::Amr
            | FileType::AmrWb
            | FileType::Opus
            | FileType::Mp3
            | FileType::M4a => Category::Audio,
            FileType::Jpeg | FileType::Png => Category::Image,
            FileType::Mp4 | FileType::ThreeGp => Category::Video,
            FileType::WebP | FileType::AnimatedWebP => Category::Sticker,
        }
    }

    /// File-name extensions (lowercase, without the dot) that name this type.
    pub const fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Doc => &["doc"],
            FileType::Xls => &["xls"],
            FileType::Ppt => &["ppt", "pps"],
            FileType::Docx => &["docx"],
            FileType::Xlsx => &["xlsx"],
            FileType::Pptx => &["pptx"],
            FileType::Txt => &["txt", "text"],
            FileType::Aac => &["aac"],
            FileType::Amr => &["amr"],
            FileType::AmrWb => &["awb", "amr"],
            FileType::Opus => &["opus", "ogg", "oga"],
            FileType::Mp3 => &["mp3"],
            FileType::M4a => &["m4a"],
            FileType::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            FileType::Png => &["png"],
            FileType::Mp4 => &["mp4", "m4v"],
            FileType::ThreeGp => &["3gp", "3gpp"],
            FileType::WebP | FileType::AnimatedWebP => &["webp"],
        }
    }

    /// MIME types (lowercase, without parameters) a sender may declare for this type: the canonical
    /// one first, then common aliases.
    pub const fn mime_aliases(self) -> &'static [&'static str] {
        match self {
            FileType::Jpeg => &["image/jpeg", "image/jpg", "image/pjpeg"],
            FileType::Aac => &["audio/aac", "audio/x-aac", "audio/aacp"],
            FileType::Mp3 => &["audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg"],
            FileType::M4a => &["audio/mp4", "audio/m4a", "audio/x-m4a"],
            FileType::Opus => &["audio/ogg", "audio/opus"],
            FileType::ThreeGp => &["video/3gpp", "video/3gp"],
            FileType::Txt => &["text/plain"],
            FileType::Pdf => &["application/pdf"],
            FileType::Doc => &["application/msword"],
            FileType::Xls => &["application/vnd.ms-excel"],
            FileType::Ppt => &["application/vnd.ms-powerpoint"],
            FileType::Docx => {
                &["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
            }
            FileType::Xlsx => {
                &["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
            }
            FileType::Pptx => {
                &["application/vnd.openxmlformats-officedocument.presentationml.presentation"]
            }
            FileType::Amr => &["audio/amr"],
            FileType::AmrWb => &["audio/amr-wb"],
            FileType::Png => &["image/png"],
            FileType::Mp4 => &["video/mp4"],
            FileType::WebP | FileType::AnimatedWebP => &["image/webp"],
        }
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for FileType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<FileType> for &'static str {
    fn from(t: FileType) -> Self {
        t.name()
    }
}

/// A set of file types (a copyable bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TypeSet(u32);

impl TypeSet {
    /// No type.
    pub const EMPTY: TypeSet = TypeSet(0);

    /// The types the Genesys guide lists: PDF, DOC(X), PPT(X), XLS(X), AAC, AMR, OPUS, JPG/JPEG, PNG,
    /// MP4 (the default).
    pub const GUIDE: TypeSet = TypeSet(
        FileType::Pdf.bit()
            | FileType::Doc.bit()
            | FileType::Docx.bit()
            | FileType::Ppt.bit()
            | FileType::Pptx.bit()
            | FileType::Xls.bit()
            | FileType::Xlsx.bit()
            | FileType::Aac.bit()
            | FileType::Amr.bit()
            | FileType::Opus.bit()
            | FileType::Jpeg.bit()
            | FileType::Png.bit()
            | FileType::Mp4.bit(),
    );

    /// The types Meta accepts beyond the guide's list: TXT, MP3, M4A, 3GP, WebP stickers.
    pub const META_EXTRAS: TypeSet = TypeSet(
        FileType::Txt.bit()
            | FileType::Mp3.bit()
            | FileType::M4a.bit()
            | FileType::ThreeGp.bit()
            | FileType::WebP.bit()
            | FileType::AnimatedWebP.bit(),
    );

    /// Everything Meta accepts: [`TypeSet::GUIDE`] and [`TypeSet::META_EXTRAS`].
    pub const META: TypeSet = TypeSet(TypeSet::GUIDE.0 | TypeSet::META_EXTRAS.0);

    /// Whether `t` is in the set.
    pub const fn contains(self, t: FileType) -> bool {
        self.0 & t.bit() != 0
    }

    /// This set plus `t`.
    #[must_use]
    pub const fn with(self, t: FileType) -> Self {
        TypeSet(self.0 | t.bit())
    }

    /// This set without `t`.
    #[must_use]
    pub const fn without(self, t: FileType) -> Self {
        TypeSet(self.0 & !t.bit())
    }

    /// Both sets together.
    #[must_use]
    pub const fn union(self, other: TypeSet) -> Self {
        TypeSet(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The types in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = FileType> {
        FileType::ALL.into_iter().filter(move |t| self.contains(*t))
    }

    /// The types a declared MIME type names (parameters after `;` ignored, ASCII case-insensitive,
    /// spaces around ignored). An unknown MIME type gives the empty set.
    pub fn for_mime(mime: &str) -> TypeSet {
        TypeSet::for_mime_essence(mime_essence(mime))
    }

    /// [`TypeSet::for_mime`] for a MIME type already without parameters and spaces.
    pub(crate) fn for_mime_essence(essence: &str) -> TypeSet {
        let mut buf = [0u8; 80];
        let Some(lower) = lowercase(essence, &mut buf) else {
            return TypeSet::EMPTY;
        };
        let one = |t: FileType| TypeSet::EMPTY.with(t);
        match lower {
            b"application/pdf" => one(FileType::Pdf),
            b"application/msword" => one(FileType::Doc),
            b"application/vnd.ms-excel" => one(FileType::Xls),
            b"application/vnd.ms-powerpoint" => one(FileType::Ppt),
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
                one(FileType::Docx)
            }
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
                one(FileType::Xlsx)
            }
            b"application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
                one(FileType::Pptx)
            }
            b"text/plain" => one(FileType::Txt),
            b"audio/aac" | b"audio/x-aac" | b"audio/aacp" => one(FileType::Aac),
            b"audio/amr" => one(FileType::Amr),
            b"audio/amr-wb" => one(FileType::AmrWb),
            b"audio/ogg" | b"audio/opus" => one(FileType::Opus),
            b"audio/mpeg" | b"audio/mp3" | b"audio/mpeg3" | b"audio/x-mpeg" => one(FileType::Mp3),
            b"audio/mp4" | b"audio/m4a" | b"audio/x-m4a" => one(FileType::M4a),
            b"image/jpeg" | b"image/jpg" | b"image/pjpeg" => one(FileType::Jpeg),
            b"image/png" => one(FileType::Png),
            b"video/mp4" => one(FileType::Mp4),
            b"video/3gpp" | b"video/3gp" => one(FileType::ThreeGp),
            b"image/webp" => one(FileType::WebP).with(FileType::AnimatedWebP),
            _ => TypeSet::EMPTY,
        }
    }

    /// The types a file-name extension (without the dot, ASCII case-insensitive) names.
    pub fn for_extension(ext: &str) -> TypeSet {
        let mut buf = [0u8; 8];
        let Some(lower) = lowercase(ext, &mut buf) else {
            return TypeSet::EMPTY;
        };
        let one = |t: FileType| TypeSet::EMPTY.with(t);
        match lower {
            b"pdf" => one(FileType::Pdf),
            b"doc" => one(FileType::Doc),
            b"xls" => one(FileType::Xls),
            b"ppt" | b"pps" => one(FileType::Ppt),
            b"docx" => one(FileType::Docx),
            b"xlsx" => one(FileType::Xlsx),
            b"pptx" => one(FileType::Pptx),
            b"txt" | b"text" => one(FileType::Txt),
            b"aac" => one(FileType::Aac),
            b"amr" => one(FileType::Amr).with(FileType::AmrWb),
            b"awb" => one(FileType::AmrWb),
            b"opus" | b"ogg" | b"oga" => one(FileType::Opus),
            b"mp3" => one(FileType::Mp3),
            b"m4a" => one(FileType::M4a),
            b"jpg" | b"jpeg" | b"jpe" | b"jfif" => one(FileType::Jpeg),
            b"png" => one(FileType::Png),
            b"mp4" | b"m4v" => one(FileType::Mp4),
            b"3gp" | b"3gpp" => one(FileType::ThreeGp),
            b"webp" => one(FileType::WebP).with(FileType::AnimatedWebP),
            _ => TypeSet::EMPTY,
        }
    }
}

/// The part of a MIME type before any `;`, without ASCII spaces around it.
pub(crate) fn mime_essence(mime: &str) -> &str {
    let end = mime.bytes().position(|b| b == b';').unwrap_or(mime.len());
    mime.get(..end).unwrap_or(mime).trim_ascii()
}

/// `s` in ASCII lowercase, in `buf`; `None` when it does not fit (then it names no type).
fn lowercase<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..s.len())?;
    for (o, c) in out.iter_mut().zip(s.bytes()) {
        *o = c.to_ascii_lowercase();
    }
    Some(out)
}

impl FromIterator<FileType> for TypeSet {
    fn from_iter<I: IntoIterator<Item = FileType>>(iter: I) -> Self {
        iter.into_iter().fold(TypeSet::EMPTY, TypeSet::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_lookup_ignores_case_and_parameters() {
        assert!(TypeSet::for_mime("audio/ogg; codecs=opus").contains(FileType::Opus));
        assert!(TypeSet::for_mime("  APPLICATION/PDF ").contains(FileType::Pdf));
        assert!(TypeSet::for_mime("video/3gp").contains(FileType::ThreeGp));
        assert!(TypeSet::for_mime("video/3gpp").contains(FileType::ThreeGp));
        assert!(TypeSet::for_mime("image/gif").is_empty());
        assert!(TypeSet::for_mime("").is_empty());
    }

    #[test]
    fn canonical_mime_is_first_alias_and_extensions_resolve() {
        for t in FileType::ALL {
            assert_eq!(t.mime_aliases().first(), Some(&t.mime()), "{t}");
            assert!(TypeSet::for_mime(t.mime()).contains(t));
            for e in t.extensions() {
                assert!(TypeSet::for_extension(&e.to_uppercase()).contains(t));
            }
        }
    }

    #[test]
    fn lookup_tables_agree_with_the_lists() {
        for t in FileType::ALL {
            for m in t.mime_aliases() {
                let set = TypeSet::for_mime(m);
                let expected: TypeSet = FileType::ALL
                    .into_iter()
                    .filter(|o| o.mime_aliases().contains(m))
                    .collect();
                assert_eq!(set, expected, "{m}");
            }
            for e in t.extensions() {
                let expected: TypeSet = FileType::ALL
                    .into_iter()
                    .filter(|o| o.extensions().contains(e))
                    .collect();
                assert_eq!(TypeSet::for_extension(e), expected, "{e}");
            }
        }
        assert!(TypeSet::for_extension("verylongextension").is_empty());
    }

    #[test]
    fn guide_and_meta_sets() {
        assert_eq!(TypeSet::GUIDE.iter().count(), 13);
        assert!(!TypeSet::GUIDE.contains(FileType::Txt));
        assert!(TypeSet::META.contains(FileType::Txt));
        assert!(!TypeSet::META.contains(FileType::AmrWb));
    }
}
