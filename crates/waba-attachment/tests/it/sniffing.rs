//! Every supported type, built as a tiny real file, sniffs as itself and passes with its own claims.

use waba_error::WabaError;

use waba_attachment::internal::{sniff, sniff_with_ole_directory};
use waba_attachment::{
    Attachment, AttachmentPolicy, Category, FileType, Permissions, Purpose, SNIFF_PREFIX_LEN,
    ole_directory_offset,
};

use crate::check;
use crate::files;

fn cases() -> Vec<(Vec<u8>, FileType, &'static str)> {
    vec![
        (files::pdf(), FileType::Pdf, "a.pdf"),
        (files::doc(), FileType::Doc, "a.doc"),
        (files::xls(), FileType::Xls, "a.xls"),
        (files::ppt(), FileType::Ppt, "a.ppt"),
        (files::docx(), FileType::Docx, "a.docx"),
        (files::xlsx(), FileType::Xlsx, "a.xlsx"),
        (files::pptx(), FileType::Pptx, "a.pptx"),
        (files::txt(), FileType::Txt, "a.txt"),
        (files::adts(), FileType::Aac, "a.aac"),
        (files::amr_nb(), FileType::Amr, "a.amr"),
        (files::amr_wb(), FileType::AmrWb, "a.awb"),
        (files::ogg_opus(), FileType::Opus, "a.opus"),
        (files::mp3(), FileType::Mp3, "a.mp3"),
        (files::mp3_with_id3(20), FileType::Mp3, "a.mp3"),
        (files::m4a(), FileType::M4a, "a.m4a"),
        (files::jpeg(), FileType::Jpeg, "a.jpg"),
        (files::png(), FileType::Png, "a.png"),
        (files::mp4(), FileType::Mp4, "a.mp4"),
        (files::three_gp(), FileType::ThreeGp, "a.3gp"),
        (files::webp_lossy(), FileType::WebP, "a.webp"),
        (files::webp_lossless(), FileType::WebP, "a.webp"),
        (files::webp_extended(false), FileType::WebP, "a.webp"),
        (files::webp_extended(true), FileType::AnimatedWebP, "a.webp"),
    ]
}

#[test]
fn every_type_sniffs_as_itself() {
    for (bytes, t, _) in cases() {
        assert_eq!(sniff(&bytes, true).unwrap().file_type, t, "{t}");
    }
}

#[test]
fn every_enabled_type_passes_with_its_own_mime_and_name() {
    for (bytes, t, name) in cases() {
        if t == FileType::AmrWb {
            continue;
        }
        for mime in t.mime_aliases() {
            let v =
                check(&bytes, Some(mime), Some(name)).unwrap_or_else(|e| panic!("{t} {mime}: {e}"));
            assert_eq!(v.file_type, t);
            assert_eq!(v.mime, t.mime());
            assert_eq!(v.category, t.category());
            assert_eq!(v.filename, Some(name));
            assert_eq!(v.size, bytes.len() as u64);
        }
        // Uppercase extension and MIME type with parameters.
        let upper = name.to_uppercase();
        let mime = format!("{}; charset=binary", t.mime().to_uppercase());
        assert!(check(&bytes, Some(&mime), Some(&upper)).is_ok(), "{t}");
        // No claims: the bytes decide.
        assert_eq!(check(&bytes, None, None).unwrap().file_type, t);
    }
}

#[test]
fn every_type_refuses_every_other_types_claims() {
    let all = cases();
    for (bytes, t, _) in &all {
        for (_, other, other_name) in &all {
            if other.mime() == t.mime() || (*t == FileType::Mp4 && *other == FileType::M4a) {
                continue;
            }
            let e = check(bytes, Some(other.mime()), None).unwrap_err();
            assert_eq!(e.code(), "attachment.type_mismatch", "{t} as {other}");
            let shares_ext = t
                .extensions()
                .iter()
                .any(|x| other.extensions().contains(x));
            if !shares_ext {
                let e = check(bytes, None, Some(other_name)).unwrap_err();
                assert_eq!(
                    e.code(),
                    "attachment.type_mismatch",
                    "{t} named {other_name}"
                );
            }
        }
    }
}

#[test]
fn categories() {
    for (name, bytes, category) in [
        ("png", files::png(), Category::Image),
        ("ogg_opus", files::ogg_opus(), Category::Audio),
        ("mp4", files::mp4(), Category::Video),
        ("docx", files::docx(), Category::Document),
        ("webp_lossy", files::webp_lossy(), Category::Sticker),
    ] {
        assert_eq!(
            check(&bytes, None, None).unwrap().category,
            category,
            "{name}"
        );
    }
}

#[test]
fn generic_mp4_brand_may_be_m4a_audio_when_declared() {
    let mp4 = files::mp4();
    let v = check(&mp4, Some("audio/mp4"), Some("voice.m4a")).unwrap();
    assert_eq!(v.file_type, FileType::M4a);
    assert_eq!(v.category, Category::Audio);
    let v = check(&mp4, None, None).unwrap();
    assert_eq!(v.file_type, FileType::Mp4);
    // A brand that says audio is not video.
    let e = check(&files::m4a(), Some("video/mp4"), None).unwrap_err();
    assert_eq!(e.code(), "attachment.type_mismatch");
}

#[test]
fn ooxml_with_content_types_first_is_recognized() {
    // infer calls this plain zip; the part names tell.
    let b = files::docx();
    assert_eq!(infer::get(&b).map(|t| t.extension()), Some("zip"));
    assert_eq!(sniff(&b, true).unwrap().file_type, FileType::Docx);
}

#[test]
fn id3_followed_by_adts_is_aac() {
    let mut v = b"ID3\x04\0\0\0\0\0\x0a".to_vec();
    v.extend_from_slice(&[0u8; 10]);
    v.extend_from_slice(&files::adts());
    assert_eq!(sniff(&v, true).unwrap().file_type, FileType::Aac);
}

#[test]
fn id3_tag_longer_than_the_prefix_is_mp3() {
    let v = files::mp3_with_id3(20_000);
    assert_eq!(sniff(&v, true).unwrap().file_type, FileType::Mp3);
}

#[test]
fn ole_directory_past_the_prefix_is_read_where_it_is() {
    let file = files::ole_with_directory_at(&["1Table", "WordDocument"], 30);
    let dir = 31 * 512;
    assert_eq!(file.len(), dir + 512);
    let prefix = &file[..SNIFF_PREFIX_LEN];
    let e = sniff(prefix, false).unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("attachment.ole_kind_unknown", Some(dir as u64))
    );
    assert_eq!(ole_directory_offset(prefix), Some(dir as u64));
    assert_eq!(ole_directory_offset(&files::doc()), None);
    assert_eq!(ole_directory_offset(&files::pdf()), None);
    let s = sniff_with_ole_directory(prefix, false, Some(&file[dir..])).unwrap();
    assert_eq!(s.file_type, FileType::Doc);
    let att = Attachment::new(prefix, file.len() as u64)
        .with_filename("letter.doc")
        .with_ole_directory(&file[dir..]);
    let v = AttachmentPolicy::default()
        .check(Permissions::all(), Purpose::Send, &att)
        .unwrap();
    assert_eq!(v.file_type, FileType::Doc);
    // A directory given for a file whose directory is in the prefix is ignored.
    let xls = files::xls();
    let s = sniff_with_ole_directory(&xls, true, Some(&file[dir..])).unwrap();
    assert_eq!(s.file_type, FileType::Xls);
}
