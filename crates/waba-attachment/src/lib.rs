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
pub use filename::{FILENAME_MAX_BYTES, FilenameError, extension, filename};
pub use permissions::{PermissionError, Permissions, Privilege};
pub use quoted::Quoted;
pub use sniff::{
    OLE_DIRECTORY_READ_LEN, PDF_HEADER_WINDOW, PNG_HEADER_LEN, SNIFF_PREFIX_LEN, TEXT_WINDOW,
    ole_directory_offset,
};
pub use types::{Category, FileType, TypeSet};
pub use verdict::{
    AUDIO_MAX_BYTES, Attachment, AttachmentPolicy, DOCUMENT_MAX_BYTES, GLOBAL_MAX_BYTES,
    IMAGE_MAX_BYTES, Purpose, STICKER_ANIMATED_MAX_BYTES, STICKER_SIDE_PX,
    STICKER_STATIC_MAX_BYTES, SizeCaps, VIDEO_MAX_BYTES, Verdict,
};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod internal;
