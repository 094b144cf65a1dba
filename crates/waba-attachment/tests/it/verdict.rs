//! Permissions, purposes, enabled types and the two-step upload flag in the verdict.

use waba_error::WabaError;

use waba_attachment::internal::sniff;
use waba_attachment::{
    Attachment, AttachmentError, AttachmentPolicy, Category, FileType, Permissions, Privilege,
    Purpose, SizeCaps, TypeSet,
};

use crate::files;

fn judge(
    policy: AttachmentPolicy,
    perms: Permissions,
    purpose: Purpose,
    bytes: &[u8],
) -> Result<waba_attachment::Verdict<'_>, AttachmentError> {
    policy.check(perms, purpose, &Attachment::new(bytes, bytes.len() as u64))
}

#[test]
fn privileges_per_purpose() {
    let png = files::png();
    let base = Permissions::none().with(Privilege::CanUse);
    for (purpose, privilege) in [
        (Purpose::Send, Privilege::CanSendFiles),
        (
            Purpose::NotificationHeader,
            Privilege::CanChangeAttachmentsInNotification,
        ),
        (
            Purpose::ReplyButtonHeader,
            Privilege::CanChangeAttachmentsInReplyButton,
        ),
    ] {
        let e = judge(AttachmentPolicy::default(), base, purpose, &png).unwrap_err();
        assert_eq!(e.code(), "permission.missing_privilege");
        assert_eq!(e.field(), Some(privilege.name()));
        assert!(
            judge(
                AttachmentPolicy::default(),
                base.with(privilege),
                purpose,
                &png
            )
            .is_ok()
        );
        // Without canUse, nothing: the error names canUse.
        let e = judge(
            AttachmentPolicy::default(),
            Permissions::all().without(Privilege::CanUse),
            purpose,
            &png,
        )
        .unwrap_err();
        assert_eq!(e.field(), Some(Privilege::CanUse.name()));
    }
}

#[test]
fn permission_is_checked_before_the_bytes() {
    let e = judge(
        AttachmentPolicy::default(),
        Permissions::none(),
        Purpose::Send,
        b"",
    )
    .unwrap_err();
    assert_eq!(e.code(), "permission.missing_privilege");
}

#[test]
fn headers_take_images_videos_documents_only() {
    let policy = AttachmentPolicy::default().with_meta_types();
    for (bytes, ok) in [
        (files::png(), true),
        (files::mp4(), true),
        (files::pdf(), true),
        (files::ogg_opus(), false),
        (files::webp_lossy(), false),
    ] {
        for purpose in [Purpose::NotificationHeader, Purpose::ReplyButtonHeader] {
            let r = judge(policy, Permissions::all(), purpose, &bytes);
            assert_eq!(r.is_ok(), ok, "{r:?}");
            if let Err(e) = r {
                assert_eq!(e.code(), "attachment.category_not_allowed");
            }
        }
    }
}

#[test]
fn guide_types_by_default_meta_types_behind_a_setting() {
    for (bytes, t) in [
        (files::txt(), FileType::Txt),
        (files::mp3(), FileType::Mp3),
        (files::m4a(), FileType::M4a),
        (files::three_gp(), FileType::ThreeGp),
        (files::webp_lossy(), FileType::WebP),
    ] {
        let e = judge(
            AttachmentPolicy::default(),
            Permissions::all(),
            Purpose::Send,
            &bytes,
        )
        .unwrap_err();
        assert_eq!(e, AttachmentError::TypeNotEnabled { file_type: t });
        let v = judge(
            AttachmentPolicy::default().with_meta_types(),
            Permissions::all(),
            Purpose::Send,
            &bytes,
        )
        .unwrap();
        assert_eq!(v.file_type, t);
    }
    for bytes in [
        files::pdf(),
        files::doc(),
        files::docx(),
        files::xls(),
        files::xlsx(),
        files::ppt(),
        files::pptx(),
        files::adts(),
        files::amr_nb(),
        files::ogg_opus(),
        files::jpeg(),
        files::png(),
        files::mp4(),
    ] {
        assert!(
            judge(
                AttachmentPolicy::default(),
                Permissions::all(),
                Purpose::Send,
                &bytes
            )
            .is_ok()
        );
    }
}

#[test]
fn types_and_caps_are_configurable() {
    let mut policy = AttachmentPolicy::default();
    policy.types = TypeSet::GUIDE.without(FileType::Png);
    let png = files::png();
    assert_eq!(
        judge(policy, Permissions::all(), Purpose::Send, &png)
            .unwrap_err()
            .code(),
        "attachment.type_not_enabled"
    );
    let mut policy = AttachmentPolicy::default();
    policy.caps = SizeCaps::DEFAULT;
    policy.caps.image = 10;
    let e = judge(policy, Permissions::all(), Purpose::Send, &png).unwrap_err();
    assert_eq!((e.code(), e.limit()), ("attachment.too_large", Some(10)));
    let mut policy = AttachmentPolicy::default();
    policy.png_rgb8_only = false;
    assert!(
        judge(
            policy,
            Permissions::all(),
            Purpose::Send,
            &files::png_with(16, 0)
        )
        .is_ok()
    );
}

#[test]
fn opus_must_be_mono() {
    // Meta: "audio/ogg (OPUS codecs only; ... mono input only)" (decision 0505).
    let mono = files::ogg_opus_channels(1);
    let ok = judge(
        AttachmentPolicy::default(),
        Permissions::all(),
        Purpose::Send,
        &mono,
    );
    assert_eq!(ok.unwrap().file_type, FileType::Opus);
    for channels in [0u8, 2, 6, 255] {
        let file = files::ogg_opus_channels(channels);
        let e = judge(
            AttachmentPolicy::default(),
            Permissions::all(),
            Purpose::Send,
            &file,
        )
        .unwrap_err();
        assert_eq!(e, AttachmentError::OpusChannels { channels });
        assert_eq!(
            (e.code(), e.limit(), e.actual(), e.meta_code()),
            (
                "attachment.opus_channels",
                Some(1),
                Some(u64::from(channels)),
                Some(131_053)
            )
        );
        let mut policy = AttachmentPolicy::default();
        policy.opus_mono_only = false;
        assert!(judge(policy, Permissions::all(), Purpose::Send, &file).is_ok());
    }
    // An OpusHead cut before its channel count and the rest of its 19 bytes is truncated.
    let packet = 27 + usize::from(mono[26]);
    for cut in [packet + 8, packet + 9, packet + 18] {
        let e = sniff(&mono[..cut], true).unwrap_err();
        assert_eq!(
            (e.code(), e.limit(), e.actual()),
            (
                "attachment.truncated",
                Some(packet as u64 + 19),
                Some(cut as u64)
            ),
            "{cut}"
        );
    }
    assert!(sniff(&mono[..packet + 19], false).is_ok());
}

#[test]
fn two_step_upload_flag() {
    let png = files::png();
    let on = judge(
        AttachmentPolicy::default(),
        Permissions::all(),
        Purpose::Send,
        &png,
    )
    .unwrap();
    assert!(on.preview_required);
    let off = judge(
        AttachmentPolicy::default().with_two_step_upload(false),
        Permissions::all(),
        Purpose::Send,
        &png,
    )
    .unwrap();
    assert!(!off.preview_required);
    assert_eq!(off.category, Category::Image);
}

#[test]
fn prefix_and_size_are_enough() {
    // A 9 MB PDF judged from its first bytes.
    let pdf = files::pdf();
    let v = AttachmentPolicy::default()
        .check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(&pdf[..16], 9_000_000),
        )
        .unwrap();
    assert_eq!((v.file_type, v.size), (FileType::Pdf, 9_000_000));
    // A 6 MB JPEG is over Meta's image cap.
    let j = files::jpeg();
    let e = AttachmentPolicy::default()
        .check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(&j, 6_000_000),
        )
        .unwrap_err();
    assert_eq!(
        (e.limit(), e.actual(), e.meta_code()),
        (Some(5_000_000), Some(6_000_000), Some(131_053))
    );
}

#[test]
fn stickers_must_be_512_square_static_or_animated() {
    use crate::files::{webp_extended_sized, webp_lossless_sized, webp_lossy_sized};
    let policy = AttachmentPolicy::default().with_meta_types();
    fn sticker(
        policy: AttachmentPolicy,
        bytes: &[u8],
    ) -> Result<waba_attachment::Verdict<'_>, AttachmentError> {
        policy.check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(bytes, bytes.len() as u64)
                .with_mime("image/webp")
                .with_filename("s.webp"),
        )
    }
    for ok in [
        webp_lossy_sized(512, 512),
        webp_lossless_sized(512, 512),
        webp_extended_sized(false, 512, 512),
        webp_extended_sized(true, 512, 512),
    ] {
        let v = sticker(policy, &ok).unwrap();
        assert_eq!((v.category, v.mime), (Category::Sticker, "image/webp"));
    }
    for (bad, w, h) in [
        (webp_lossy_sized(16, 16), 16, 16),
        (webp_lossless_sized(512, 300), 512, 300),
        (webp_extended_sized(true, 1024, 512), 1024, 512),
        (webp_extended_sized(false, 512, 511), 512, 511),
    ] {
        let e = sticker(policy, &bad).unwrap_err();
        assert_eq!(e.code(), "attachment.sticker_dimensions");
        assert_eq!(e.limit(), Some(512));
        assert_eq!(e.actual(), Some(if w == 512 { h } else { w }));
        assert_eq!(e.meta_code(), Some(131_053));
        assert!(e.to_string().contains(&format!("{w}x{h}")), "{e}");
    }
    // The policy flag turns the check off.
    let mut lenient = policy;
    lenient.sticker_512_only = false;
    let small = webp_lossy_sized(16, 16);
    assert!(
        lenient
            .check(
                Permissions::all(),
                Purpose::Send,
                &Attachment::new(&small, 100)
            )
            .is_ok()
    );
}

#[test]
fn opus_goes_out_as_audio_ogg_whatever_was_declared() {
    let opus = crate::files::ogg_opus();
    for declared in [
        "audio/opus",
        "audio/ogg; codecs=opus",
        "AUDIO/OGG",
        "application/octet-stream",
    ] {
        let v = AttachmentPolicy::default()
            .check(
                Permissions::all(),
                Purpose::Send,
                &Attachment::new(&opus, 10_000)
                    .with_mime(declared)
                    .with_filename("voice.opus"),
            )
            .unwrap();
        assert_eq!(
            (v.mime, v.category),
            ("audio/ogg", Category::Audio),
            "{declared}"
        );
    }
}
