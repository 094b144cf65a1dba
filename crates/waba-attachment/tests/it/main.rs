//! Integration tests of `waba-attachment`: real files built byte by byte, hostile inputs (groups
//! 46–52 of `hostile-inputs.md`), the verdict rules, properties, and the fuzz corpus replay.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod corpus;
mod files;
mod hostile;
mod properties;
mod sniffing;
mod verdict;

use waba_attachment::{
    Attachment, AttachmentError, AttachmentPolicy, Permissions, Purpose, Verdict,
};

/// Judges `bytes` (the whole file) with every privilege and Meta's types enabled.
pub fn check<'a>(
    bytes: &'a [u8],
    mime: Option<&'a str>,
    name: Option<&'a str>,
) -> Result<Verdict<'a>, AttachmentError> {
    let mut file = Attachment::new(bytes, bytes.len() as u64);
    file.mime = mime;
    file.filename = name;
    AttachmentPolicy::default()
        .with_meta_types()
        .check(Permissions::all(), Purpose::Send, &file)
}

static_assertions::assert_impl_all!(AttachmentPolicy: Send, Sync, Copy);
static_assertions::assert_impl_all!(AttachmentError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(Verdict<'static>: Send, Sync, Copy);
static_assertions::assert_impl_all!(Permissions: Send, Sync, Copy);
static_assertions::assert_impl_all!(waba_attachment::PermissionError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_attachment::FilenameError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_attachment::internal::Sniffed: Send, Sync, Copy);
