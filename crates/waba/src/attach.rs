//! Attachments in `compose`: the policy from the configuration, and the media body of an allowed file.

use waba_attachment::{Attachment, AttachmentPolicy, Category, Permissions, Purpose, Verdict};
use waba_model::{Caption, Media, OutboundBody};

use crate::Config;
use crate::compose::ComposeError;
use crate::conversation::AttachmentDraft;

/// The attachment policy the configuration asks for (`whatsappsession.two-step-attachment-upload`;
/// the guide's types and the guide's and Meta's caps).
pub(crate) fn policy(config: &Config) -> AttachmentPolicy {
    AttachmentPolicy::default().with_two_step_upload(config.two_step_attachment_upload)
}

/// Judges the draft's file for sending in the conversation (needs `canSendFiles`).
pub(crate) fn verdict<'a>(
    config: &Config,
    draft: &'a AttachmentDraft,
    permissions: Permissions,
) -> Result<Verdict<'a>, ComposeError> {
    let mut file = Attachment::new(&draft.prefix, draft.size);
    if let Some(m) = &draft.mime {
        file = file.with_mime(m);
    }
    if let Some(n) = &draft.filename {
        file = file.with_filename(n);
    }
    Ok(policy(config).check(permissions, Purpose::Send, &file)?)
}

/// The media message for an allowed file.
pub(crate) fn body(
    verdict: &Verdict<'_>,
    draft: &AttachmentDraft,
    caption: Option<Caption>,
) -> OutboundBody {
    let mut media = Media::new(draft.source.clone());
    media.caption = caption;
    match verdict.category {
        Category::Document => {
            if let Some(name) = verdict.filename {
                media = media.with_filename(name);
            }
            OutboundBody::Document(media)
        }
        Category::Image => OutboundBody::Image(media),
        Category::Audio => OutboundBody::Audio(media),
        Category::Video => OutboundBody::Video(media),
        // Stickers carry no caption.
        Category::Sticker => {
            media.caption = None;
            OutboundBody::Sticker(media)
        }
        // A category added later goes out as a document, which carries any file type.
        _ => OutboundBody::Document(media),
    }
}
