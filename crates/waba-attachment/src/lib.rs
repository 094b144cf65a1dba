//! `waba-attachment`: whether an agent may send a file over WhatsApp, judged from the file's first
//! bytes and its size (never the whole file), its declared MIME type and name, and the agent's role
//! privileges, as the Genesys guide and Meta's media rules say.
//!
//! ```
//! use waba_attachment::WabaError;
//! use waba_attachment::{Attachment, AttachmentPolicy, Category, Permissions, Privilege, Purpose};
//!
//! // A PNG: signature and IHDR (1×1, 8-bit RGBA), as the first bytes of a 2 000-byte file.
//! let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
//! let file = Attachment::new(png, 2_000).with_mime("image/png").with_filename("photo.png");
//! let policy = AttachmentPolicy::default();
//!
//! let verdict = policy.check(Permissions::all(), Purpose::Send, &file)?;
//! assert_eq!((verdict.category, verdict.mime), (Category::Image, "image/png"));
//! assert!(verdict.preview_required); // whatsappsession.two-step-attachment-upload defaults to true
//!
//! // An agent with canUse but not canSendFiles is refused, and the error names the privilege.
//! let agent = Permissions::parse_list("InteractionWorkspace.WhatsApp.canUse")?;
//! let err = policy.check(agent, Purpose::Send, &file).unwrap_err();
//! assert_eq!(err.code(), "permission.missing_privilege");
//! assert_eq!(err.field(), Some(Privilege::CanSendFiles.name()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod filename;
mod permissions;
mod quoted;
mod sniff;
mod types;
mod verdict;

pub use error::AttachmentError;
pub use filename::{FILENAME_MAX_BYTES, FilenameError, extension, filename, is_bidi_control};
pub use permissions::{PermissionError, Permissions, Privilege};
pub use quoted::Quoted;
pub use sniff::{
    OLE_DIRECTORY_READ_LEN, PDF_HEADER_WINDOW, PNG_HEADER_LEN, SNIFF_PREFIX_LEN, Sniffed,
    TEXT_WINDOW, ole_directory_offset, sniff, sniff_with_ole_directory,
};
pub use types::{Category, FileType, TypeSet};
pub use verdict::{
    AUDIO_MAX_BYTES, Attachment, AttachmentPolicy, DOCUMENT_MAX_BYTES, GLOBAL_MAX_BYTES,
    IMAGE_MAX_BYTES, KB, MB, Purpose, STICKER_ANIMATED_MAX_BYTES, STICKER_SIDE_PX,
    STICKER_STATIC_MAX_BYTES, SizeCaps, VIDEO_MAX_BYTES, Verdict,
};
/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod fuzzing {
    //! Entry points for the fuzz target `attachment_sniff` and the corpus replay test.

    use crate::{Attachment, AttachmentPolicy, Permissions, Purpose, SNIFF_PREFIX_LEN, sniff};

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
        let _ = crate::sniff_with_ole_directory(data, true, Some(data));
        if crate::ole_directory_offset(data).is_some() {
            let file = Attachment::new(data, size).with_ole_directory(data);
            let _ = policy.check(Permissions::all(), Purpose::Send, &file);
        }
    }
}
