//! Hostile inputs, groups 46 to 52 of `hostile-inputs.md`: each ends in a typed error or a documented
//! result, never a panic.

use waba_error::WabaError;

use waba_attachment::internal::sniff;
use waba_attachment::{
    Attachment, AttachmentError, AttachmentPolicy, FileType, FilenameError, Permissions, Purpose,
    SNIFF_PREFIX_LEN, TEXT_WINDOW,
};

use crate::{check, files};

fn code(r: Result<waba_attachment::Verdict<'_>, AttachmentError>) -> &'static str {
    match r {
        Ok(v) => panic!("allowed: {v:?}"),
        Err(e) => e.code(),
    }
}

// 46. Zero-byte file; 1-, 7- and 11-byte truncated headers.
#[test]
fn g46_empty_and_truncated_headers() {
    assert_eq!(code(check(b"", None, None)), "attachment.empty");
    assert_eq!(
        code(check(b"", Some("application/pdf"), Some("a.pdf"))),
        "attachment.empty"
    );
    // 1 byte of a JPEG, a PNG, a zip: not the type they start like.
    for one in [&[0xFFu8][..], &[0x89], b"P", b"#"] {
        assert!(check(one, Some("image/jpeg"), Some("a.jpg")).is_err());
    }
    // 7 bytes of AMR-NB: header and one frame byte (infer says shell script).
    let seven = b"#!AMR\n\x3c";
    assert_eq!(
        infer::get(seven).map(|t| t.mime_type()),
        Some("text/x-shellscript")
    );
    assert_eq!(sniff(seven, true).unwrap().file_type, FileType::Amr);
    // 11 bytes of AMR-WB: recognized as AMR-WB, and refused as not WhatsApp's AMR.
    let eleven = b"#!AMR-WB\n\x44\x55";
    assert_eq!(sniff(eleven, true).unwrap().file_type, FileType::AmrWb);
    assert_eq!(
        code(check(eleven, Some("audio/amr"), Some("a.amr"))),
        "attachment.type_mismatch"
    );
    assert_eq!(
        code(check(eleven, None, Some("a.amr"))),
        "attachment.type_not_enabled"
    );
    // Cut AMR magic.
    assert_eq!(
        code(check(b"#!AMR-W", Some("audio/amr"), None)),
        "attachment.truncated"
    );
    // PNG signature only / IHDR cut.
    assert_eq!(
        code(check(&files::png()[..8], None, None)),
        "attachment.truncated"
    );
    assert_eq!(
        code(check(&files::png()[..20], None, None)),
        "attachment.truncated"
    );
    // JPEG SOI and nothing else.
    assert_eq!(
        code(check(&[0xFF, 0xD8, 0xFF], None, None)),
        "attachment.truncated"
    );
    // OLE header cut before the directory.
    assert_eq!(
        code(check(&files::doc()[..600], None, None)),
        "attachment.ole_kind_unknown"
    );
}

// 47. Zips posing as DOCX.
#[test]
fn g47_zip_claiming_docx() {
    // A zip with a word/ entry but no [Content_Types].xml: infer says DOCX, we say zip.
    let fake = files::zip(&[("word/document.xml", b"<w:document/>")]);
    assert_eq!(
        infer::get(&fake).map(|t| t.extension()),
        Some("docx"),
        "infer's known weakness"
    );
    let e = check(&fake, Some(FileType::Docx.mime()), Some("a.docx")).unwrap_err();
    assert_eq!(
        e,
        AttachmentError::Unrecognized {
            detected: Some("application/zip")
        }
    );
    // A plain zip.
    let plain = files::zip(&[("hello.txt", b"hi")]);
    assert_eq!(
        code(check(&plain, None, Some("a.docx"))),
        "attachment.unrecognized"
    );
    // XLSX / PPTX renamed .docx.
    for b in [files::xlsx(), files::pptx()] {
        let e = check(&b, Some(FileType::Docx.mime()), Some("report.docx")).unwrap_err();
        assert_eq!(e.code(), "attachment.type_mismatch");
    }
    // .docm (macros).
    let docm = files::zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
        ("word/vbaProject.bin", b"\xD0\xCF\x11\xE0"),
    ]);
    assert_eq!(
        code(check(&docm, None, Some("a.docx"))),
        "attachment.macro_enabled"
    );
    // ../ entry names and absolute names.
    for name in [
        "../../evil.sh",
        "word/../../x",
        "/etc/passwd",
        "C:\\x",
        "..\\x",
    ] {
        let z = files::zip(&[("[Content_Types].xml", b"<Types/>"), (name, b"x")]);
        assert_eq!(
            code(check(&z, None, None)),
            "attachment.unsafe_zip_entry",
            "{name}"
        );
    }
    // Encrypted entries.
    let enc = files::zip_with_flags(
        &[("[Content_Types].xml", b"x"), ("word/document.xml", b"x")],
        1,
    );
    assert_eq!(code(check(&enc, None, None)), "attachment.encrypted");
    // Encrypted Office package (OLE with EncryptedPackage).
    let enc = files::ole(&["EncryptionInfo", "EncryptedPackage"]);
    assert_eq!(
        code(check(&enc, None, Some("a.docx"))),
        "attachment.encrypted"
    );
    // Word and Excel parts in one package: which is it?
    let both = files::zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"x"),
        ("xl/workbook.xml", b"x"),
    ]);
    assert_eq!(
        code(check(&both, None, None)),
        "attachment.ooxml_kind_unknown"
    );
    // A zip bomb is never inflated: only names are read; a huge declared entry is just skipped.
    let mut bomb = files::zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"x"),
    ]);
    let second = bomb.windows(4).rposition(|w| w == b"PK\x03\x04").unwrap();
    bomb[second + 22..second + 26].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(sniff(&bomb, true).unwrap().file_type, FileType::Docx);
    // An OLE file that is neither Word, Excel nor PowerPoint (an MSI, an Outlook message).
    let msi = files::ole(&["SummaryInformation"]);
    assert_eq!(
        check(&msi, None, Some("a.doc")).unwrap_err(),
        AttachmentError::Unrecognized {
            detected: Some("application/x-ole-storage")
        }
    );
}

// 48. Polyglots.
#[test]
fn g48_polyglots() {
    let mut jpeg_pdf = files::jpeg();
    jpeg_pdf.extend_from_slice(&files::pdf());
    assert_eq!(infer::get(&jpeg_pdf).map(|t| t.extension()), Some("jpg"));
    let e = check(&jpeg_pdf, Some("image/jpeg"), Some("a.jpg")).unwrap_err();
    assert_eq!(e.code(), "attachment.polyglot");
    assert_eq!(e.position(), Some(files::jpeg().len() as u64));
    // PDF after junk: readers open it, and so do we.
    let mut junk = vec![b' '; 100];
    junk.extend_from_slice(&files::pdf());
    assert_eq!(infer::get(&junk), None);
    assert_eq!(
        check(&junk, Some("application/pdf"), Some("a.pdf"))
            .unwrap()
            .file_type,
        FileType::Pdf
    );
    // ...but not after 1024 bytes of junk.
    let mut far = vec![0u8; 1100];
    far.extend_from_slice(&files::pdf());
    assert!(check(&far, Some("application/pdf"), Some("a.pdf")).is_err());
    // PDF without %%EOF: the end is not in the prefix; accepted as a PDF (documented).
    assert!(check(b"%PDF-1.4\n1 0 obj\n", None, Some("a.pdf")).is_ok());
    // PNG + ZIP (central directory at the end): a valid PNG by its first bytes.
    let mut png_zip = files::png();
    png_zip.extend_from_slice(&files::zip(&[("a.txt", b"hi")]));
    assert_eq!(
        check(&png_zip, None, None).unwrap().file_type,
        FileType::Png
    );
    // A zip holding a PDF header in its first kilobyte.
    let zip_pdf = files::zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/x.pdf", &files::pdf()),
    ]);
    assert_eq!(code(check(&zip_pdf, None, None)), "attachment.polyglot");
}

// 49. Audio confusion.
#[test]
fn g49_audio_confusion() {
    assert_eq!(
        sniff(&files::adts(), true).unwrap().file_type,
        FileType::Aac
    );
    assert_eq!(sniff(&files::mp3(), true).unwrap().file_type, FileType::Mp3);
    assert_eq!(
        code(check(&files::adts(), Some("audio/mpeg"), None)),
        "attachment.type_mismatch"
    );
    assert_eq!(
        code(check(&files::mp3(), Some("audio/aac"), Some("a.aac"))),
        "attachment.type_mismatch"
    );
    // MP3 is Meta's, not the guide's.
    let guide = AttachmentPolicy::default();
    let mp3 = files::mp3();
    let e = guide
        .check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(&mp3, mp3.len() as u64),
        )
        .unwrap_err();
    assert_eq!(
        e,
        AttachmentError::TypeNotEnabled {
            file_type: FileType::Mp3
        }
    );
    // Ogg Vorbis named .opus, declared audio/ogg.
    let v = files::ogg_vorbis();
    assert_eq!(
        check(&v, Some("audio/ogg"), Some("voice.opus")).unwrap_err(),
        AttachmentError::Unrecognized {
            detected: Some("audio/vorbis")
        }
    );
    // ftyp brands.
    assert_eq!(
        sniff(&files::iso(b"M4A ", &[]), true).unwrap().file_type,
        FileType::M4a
    );
    assert_eq!(
        sniff(&files::iso(b"isom", &[]), true).unwrap().file_type,
        FileType::Mp4
    );
    assert_eq!(
        sniff(&files::iso(b"3gp4", &[]), true).unwrap().file_type,
        FileType::ThreeGp
    );
    assert_eq!(
        sniff(&files::iso(b"qt  ", &[]), true).unwrap_err(),
        AttachmentError::Unrecognized {
            detected: Some("video/quicktime")
        }
    );
    assert_eq!(
        sniff(&files::iso(b"XXXX", &[b"mp42"]), true)
            .unwrap()
            .file_type,
        FileType::Mp4
    );
    // MP4 with moov before ftyp.
    let mut moov_first = 8u32.to_be_bytes().to_vec();
    moov_first.extend_from_slice(b"moov");
    moov_first.extend_from_slice(&files::mp4());
    assert_eq!(
        code(check(&moov_first, Some("video/mp4"), Some("a.mp4"))),
        "attachment.unrecognized"
    );
}

// 50. Size boundaries.
#[test]
fn g50_size_boundaries() {
    let pdf = files::pdf();
    let at = |size: u64| {
        AttachmentPolicy::default().check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(&pdf, size).with_mime("application/pdf"),
        )
    };
    // "smaller than 100 MB", MB = 1 000 000 bytes.
    assert!(at(99_999_999).is_ok());
    let e = at(100_000_000).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        (
            "attachment.over_global_cap",
            Some(99_999_999),
            Some(100_000_000)
        )
    );
    // 100 MiB is over.
    assert!(at(100 * 1024 * 1024).is_err());
    // Declared size smaller than the bytes given.
    let e = at(10).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("attachment.size_mismatch", Some(10), Some(pdf.len() as u64))
    );
    // Per-type caps, exactly at and one byte over.
    let png = files::png();
    for (bytes, cap) in [
        (png.clone(), 5_000_000u64),
        (files::ogg_opus(), 16_000_000),
        (files::mp4(), 16_000_000),
        (files::webp_lossy(), 100_000),
        (files::webp_extended(true), 500_000),
    ] {
        let run = |size| {
            AttachmentPolicy::default().with_meta_types().check(
                Permissions::all(),
                Purpose::Send,
                &Attachment::new(&bytes, size),
            )
        };
        assert!(run(cap).is_ok(), "{cap}");
        let e = run(cap + 1).unwrap_err();
        assert_eq!(
            (e.code(), e.limit(), e.actual()),
            ("attachment.too_large", Some(cap), Some(cap + 1))
        );
    }
}

// 51. MIME, extension and bytes disagree; odd MIME types and file names.
#[test]
fn g51_claims_and_names() {
    let png = files::png();
    let e = check(&png, Some("image/jpeg"), Some("photo.pdf")).unwrap_err();
    assert_eq!(e.code(), "attachment.type_mismatch");
    let msg = e.to_string();
    assert!(
        msg.contains("image/png") && msg.contains("image/jpeg") && msg.contains("pdf"),
        "{msg}"
    );
    // Empty MIME and application/octet-stream claim nothing.
    assert!(check(&png, Some(""), Some("a.png")).is_ok());
    assert!(check(&png, Some("application/octet-stream"), Some("a.png")).is_ok());
    // Parameters and case.
    assert!(
        check(
            &files::ogg_opus(),
            Some("audio/ogg; codecs=opus"),
            Some("v.OPUS")
        )
        .is_ok()
    );
    assert!(check(&files::pdf(), Some("APPLICATION/PDF"), Some("A.PDF")).is_ok());
    // Malformed MIME.
    for m in ["pdf", "image/", "/png", "image/png extra", "imäge/png"] {
        assert_eq!(
            code(check(&png, Some(m), None)),
            "attachment.mime_malformed",
            "{m}"
        );
    }
    // Double extension.
    let e = check(
        &files::pdf(),
        Some("application/pdf"),
        Some("invoice.pdf.exe"),
    )
    .unwrap_err();
    assert_eq!(e.code(), "attachment.type_mismatch");
    assert!(e.to_string().contains("\"exe\""));
    // Right-to-left override, NUL, 10 000 characters, ../ paths.
    let e = check(&files::pdf(), None, Some("abc\u{202E}fdp.exe")).unwrap_err();
    assert_eq!(
        e,
        AttachmentError::Filename(FilenameError::BidiControl {
            code: 0x202E,
            position: 3
        })
    );
    assert_eq!(e.code(), "filename.bidi_control");
    assert_eq!(
        code(check(&files::pdf(), None, Some("a\0.pdf"))),
        "filename.nul"
    );
    let long = format!("{}.pdf", "a".repeat(10_000));
    let e = check(&files::pdf(), None, Some(&long)).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("filename.too_long", Some(255), Some(10_004))
    );
    assert!(e.to_string().len() < 200);
    let pdf = files::pdf();
    let v = check(&pdf, None, Some("../../secret/report.pdf")).unwrap();
    assert_eq!(v.filename, Some("report.pdf"));
    // A huge MIME type is quoted, not echoed.
    let huge = format!("image/{}", "x".repeat(10_000));
    let e = check(&png, Some(&huge), None).unwrap_err();
    assert!(e.to_string().len() < 300, "{e}");
}

// 52. Images that are not what they claim.
#[test]
fn g52_images() {
    // PNG signature with a truncated or corrupt IHDR.
    let png = files::png();
    assert_eq!(code(check(&png[..30], None, None)), "attachment.truncated");
    let mut bad_crc = png.clone();
    bad_crc[29] ^= 0xFF;
    assert_eq!(code(check(&bad_crc, None, None)), "attachment.corrupt");
    let mut zero_width = png.clone();
    zero_width[16..20].copy_from_slice(&[0; 4]);
    assert_eq!(code(check(&zero_width, None, None)), "attachment.corrupt");
    // Not 8-bit RGB(A): Meta refuses it.
    assert_eq!(
        check(&files::png_with(16, 6), None, None).unwrap_err(),
        AttachmentError::PngFormat {
            bit_depth: 16,
            colour_type: 6
        }
    );
    assert_eq!(
        code(check(&files::png_with(8, 3), None, None)),
        "attachment.png_format"
    );
    assert!(check(&files::png_with(8, 2), None, None).is_ok());
    // JPEG SOI without EOI: the end is not in the prefix; the start is a JPEG.
    let j = files::jpeg();
    assert!(check(&j[..j.len() - 2], Some("image/jpeg"), None).is_ok());
    // A "JPEG" that is really HEIC or WebP.
    let heic = files::iso(b"heic", &[b"mif1", b"heic"]);
    assert_eq!(
        code(check(&heic, Some("image/jpeg"), Some("a.jpg"))),
        "attachment.unrecognized"
    );
    assert_eq!(
        code(check(
            &files::webp_lossy(),
            Some("image/jpeg"),
            Some("a.jpg")
        )),
        "attachment.type_mismatch"
    );
    // An animated WebP posing as a static sticker over the static cap.
    let anim = files::webp_extended(true);
    let v = check(&anim, Some("image/webp"), Some("s.webp")).unwrap();
    assert_eq!(v.file_type, FileType::AnimatedWebP);
    let e = AttachmentPolicy::default()
        .with_meta_types()
        .check(
            Permissions::all(),
            Purpose::Send,
            &Attachment::new(&anim, 600_000),
        )
        .unwrap_err();
    assert_eq!(e.limit(), Some(500_000));
    // SVG with scripts, HTML: text, but not plain text.
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    assert_eq!(
        check(svg, Some("image/svg+xml"), Some("a.svg")).unwrap_err(),
        AttachmentError::Unrecognized {
            detected: Some("image/svg+xml")
        }
    );
    assert_eq!(
        check(
            b"<html><script>alert(1)</script></html>",
            Some("text/plain"),
            Some("a.txt")
        )
        .unwrap_err(),
        AttachmentError::Unrecognized {
            detected: Some("text/html")
        }
    );
}

#[test]
fn text_is_judged_on_the_text_window() {
    // Decision 0504: whether bytes are plain text is decided on the first TEXT_WINDOW bytes. A
    // binary byte inside the window refuses the file; the same byte one past it does not.
    let with_at = |pos: usize, bad: &[u8]| {
        let mut t = "Olá, text.\n".repeat(50).into_bytes();
        t.resize(pos, b'a');
        t.extend_from_slice(bad);
        t.resize(3000, b'a');
        t
    };
    for bad in [0u8, 0x07, 0x1B, 0x7F, 0x80, 0xC0, 0xFF].map(|c| [c]) {
        let inside = with_at(TEXT_WINDOW - 1, &bad);
        assert!(
            matches!(
                check(&inside, Some("text/plain"), Some("a.txt")),
                Err(AttachmentError::Unrecognized { .. })
            ),
            "{bad:x?} at {}",
            TEXT_WINDOW - 1
        );
        let past = with_at(TEXT_WINDOW, &bad);
        assert_eq!(
            check(&past, Some("text/plain"), Some("a.txt"))
                .unwrap()
                .file_type,
            FileType::Txt,
            "{bad:x?} at {TEXT_WINDOW}"
        );
    }
    // A character cut by the window's end is fine when the file goes on...
    let mut cut = vec![b'a'; TEXT_WINDOW - 1];
    cut.extend_from_slice("é and more".as_bytes());
    assert_eq!(
        check(&cut, Some("text/plain"), None).unwrap().file_type,
        FileType::Txt
    );
    // ...and not when the file ends there.
    cut.truncate(TEXT_WINDOW);
    assert!(check(&cut, Some("text/plain"), None).is_err());
    // The window is measured from the first byte, not from the end of a leading BOM.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.resize(TEXT_WINDOW - 1, b'a');
    bom.push(0);
    assert!(check(&bom, Some("text/plain"), None).is_err());
}

#[test]
fn only_the_prefix_is_read() {
    // Bytes after SNIFF_PREFIX_LEN do not matter, even invalid UTF-8 in a text file.
    let mut t = vec![b'a'; SNIFF_PREFIX_LEN];
    t.extend_from_slice(&[0xFF, 0, 0]);
    assert_eq!(
        check(&t, Some("text/plain"), None).unwrap().file_type,
        FileType::Txt
    );
    // A UTF-8 sequence cut by the prefix is fine; at the end of the whole file it is not.
    let mut cut = vec![b'a'; 10];
    cut.extend_from_slice(&"é".as_bytes()[..1]);
    assert!(sniff(&cut, false).is_ok());
    assert!(sniff(&cut, true).is_err());
}

#[test]
fn utf16_text_declared_as_mp3_is_not_audio() {
    // A UTF-16 little-endian text starts FF FE, which reads as an MPEG-1 layer I frame header;
    // the second frame is not where the first one's length says, so it is not audio.
    let text: Vec<u8> = "\u{feff}hello, this is a note written in UTF-16 and saved as .mp3\n"
        .repeat(40)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(&text[..2], &[0xFF, 0xFE]);
    assert!(sniff(&text, true).is_err(), "taken for audio");
    // Declared as MP3 (Meta's types enabled): refused, not sent as audio.
    let c = code(check(&text, Some("audio/mpeg"), Some("note.mp3")));
    assert!(
        matches!(c, "attachment.unrecognized" | "attachment.type_mismatch"),
        "{c}"
    );
    // Real MP3 and ADTS streams still are (two frames where the headers say).
    assert_eq!(sniff(&files::mp3(), true).unwrap().file_type, FileType::Mp3);
    assert_eq!(
        sniff(&files::adts(), true).unwrap().file_type,
        FileType::Aac
    );
    // One frame header followed by anything else is not.
    let mut fake = files::mp3();
    fake[417] = 0x00;
    assert!(sniff(&fake, true).is_err());
    // A lone sync pair in a short file is not audio either.
    assert!(sniff(&[0xFF, 0xFB, 0x90, 0x64, 0, 0], true).is_err());
}
