//! `waba attachment check` against the contract.

use std::path::PathBuf;

use serde_json::json;

use crate::waba;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0IEND\xaeB`\x82";
const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const CAN_USE: &str = "InteractionWorkspace.WhatsApp.canUse";
const CAN_SEND: &str = "InteractionWorkspace.WhatsApp.canSendFiles";

/// Writes `bytes` to a fresh file named `name` in a directory of its own; returns its path.
fn file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("waba-cli-attachment-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str]) -> crate::Run {
    let mut all = vec!["attachment", "check"];
    all.extend_from_slice(args);
    waba(&all, b"")
}

#[test]
fn allowed_png() {
    let p = file("png", "photo.png", PNG);
    let r = run(&[p.to_str().unwrap(), "--mime", "image/png"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["category"], "image");
    assert_eq!(v["mime"], "image/png");
    assert_eq!(v["size"], PNG.len());
    assert_eq!(v["allowed"], true);
    assert_eq!(v["preview_required"], true);
}

#[test]
fn allowed_pdf_without_mime_with_uppercase_extension() {
    let p = file("pdf", "REPORT.PDF", PDF);
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["category"], "document");
    assert_eq!(r.json()["mime"], "application/pdf");
}

#[test]
fn mismatch_names_all_three() {
    let p = file("mismatch", "photo.pdf", PNG);
    let r = run(&[p.to_str().unwrap(), "--mime", "image/jpeg"]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["allowed"], false);
    assert_eq!(v["error"]["code"], "attachment.type_mismatch");
    // Built as every command's error object is: with its class.
    assert_eq!(v["error"]["class"], "invalid");
    assert_eq!(v["error"]["sniffed"], "image/png");
    assert_eq!(v["error"]["declared_mime"], "image/jpeg");
    assert_eq!(v["error"]["extension"], "pdf");
    // The extension alone disagreeing is refused too.
    let p = file("mismatch-ext", "photo.jpg", PNG);
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "attachment.type_mismatch");
}

#[test]
fn mime_parameters_and_case_are_ignored() {
    let p = file("params", "photo.png", PNG);
    let r = run(&[p.to_str().unwrap(), "--mime", "IMAGE/PNG; q=1"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn empty_file_is_refused() {
    let p = file("empty", "empty.pdf", b"");
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "attachment.empty");
}

#[test]
fn unreadable_file_is_a_usage_error() {
    let r = run(&["/nonexistent/waba/file.pdf"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(!r.stderr.is_empty());
    let dir = std::env::temp_dir();
    let r = run(&[dir.to_str().unwrap()]);
    assert_eq!(r.code, 2);
}

#[test]
fn permissions() {
    let p = file("perms", "photo.png", PNG);
    let path = p.to_str().unwrap();
    let r = run(&[path, "--permissions", CAN_USE]);
    assert_eq!(r.code, 1);
    let e = &r.json()["error"];
    assert_eq!(e["code"], "permission.missing_privilege");
    assert_eq!(e["field"], CAN_SEND);
    let r = run(&[path, "--permissions", CAN_SEND]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["field"], CAN_USE);
    let both = format!("{CAN_USE},{CAN_SEND}");
    assert_eq!(run(&[path, "--permissions", &both]).code, 0);
    let r = run(&[path, "--permissions", ""]);
    assert_eq!(r.code, 1);
    // Reply-button header: its own privilege.
    let r = run(&[
        path,
        "--permissions",
        &both,
        "--purpose",
        "reply-button-header",
    ]);
    assert_eq!(
        r.json()["error"]["field"],
        "InteractionWorkspace.WhatsApp.canChangeAttachmentsInReplyButton"
    );
    // An unknown privilege name is a usage error.
    let r = run(&[
        path,
        "--permissions",
        "InteractionWorkspace.WhatsApp.canFly",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("canFly"));
}

#[test]
fn two_step_option() {
    let p = file("twostep", "photo.png", PNG);
    // An options file setting the two-step upload to `value`.
    let two_step = |name: &str, value: &str| {
        let option = json!({"whatsappsession.two-step-attachment-upload": value});
        file("twostep", name, option.to_string().as_bytes())
    };
    let opts = two_step("options.json", "false");
    let r = run(&[p.to_str().unwrap(), "--options", opts.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["preview_required"], false);
    let bad = two_step("bad.json", "maybe");
    let r = run(&[p.to_str().unwrap(), "--options", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2);
}

#[test]
fn meta_types_behind_a_flag() {
    let p = file("meta", "notes.txt", b"hello\n");
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "attachment.type_not_enabled");
    let r = run(&[p.to_str().unwrap(), "--meta-types"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json()["mime"], "text/plain");
}

#[test]
fn big_file_is_judged_from_its_prefix_and_size() {
    // A sparse 6 MB "PNG": over Meta's 5 MB image cap; only the first bytes are read.
    let p = file("big", "big.png", PNG);
    let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
    f.set_len(6_000_000).unwrap();
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    let e = &r.json()["error"];
    assert_eq!(e["code"], "attachment.too_large");
    assert_eq!(e["limit"], 5_000_000);
    assert_eq!(e["actual"], 6_000_000);
    // The guide's global cap: smaller than 100 MB.
    let p = file("huge", "huge.pdf", PDF);
    let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
    f.set_len(99_999_999).unwrap();
    assert_eq!(run(&[p.to_str().unwrap()]).code, 0);
    f.set_len(100_000_000).unwrap();
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.json()["error"]["code"], "attachment.over_global_cap");
}

/// An OLE compound file (512-byte sectors) whose directory, in sector `dir_sector`, holds the root
/// entry and one stream named `stream`.
fn ole_file(stream: &str, dir_sector: u32) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    h[0x1A] = 3;
    h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[0x1E] = 9;
    h[0x20] = 6;
    h[0x2C] = 1;
    h[0x30..0x34].copy_from_slice(&dir_sector.to_le_bytes());
    let mut out = h;
    out.resize(512 * (dir_sector as usize + 1), 0);
    let mut dir = vec![0u8; 512];
    for (i, (name, kind, child)) in [("Root Entry", 5u8, 1u32), (stream, 2, u32::MAX)]
        .iter()
        .enumerate()
    {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e[..utf16.len()].copy_from_slice(&utf16);
        e[0x40..0x42].copy_from_slice(&((utf16.len() + 2) as u16).to_le_bytes());
        e[0x42] = *kind;
        e[0x44..0x4C].copy_from_slice(&[0xFF; 8]);
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
    }
    out.extend_from_slice(&dir);
    out
}

#[test]
fn doc_with_its_directory_past_the_first_bytes() {
    // Directory at byte 20 480, past the 8 KiB prefix: read where it is.
    let p = file("ole", "letter.doc", &ole_file("WordDocument", 39));
    let r = run(&[p.to_str().unwrap(), "--mime", "application/msword"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json()["mime"], "application/msword");
    // An Excel workbook named .doc is refused.
    let p = file("ole", "book.doc", &ole_file("Workbook", 39));
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.json()["error"]["code"], "attachment.type_mismatch");
    assert_eq!(r.json()["error"]["sniffed"], "application/vnd.ms-excel");
    // Directory past the end of the file: the kind cannot be told.
    let mut cut = ole_file("WordDocument", 39);
    cut.truncate(9000);
    let p = file("ole", "cut.doc", &cut);
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.json()["error"]["code"], "attachment.ole_kind_unknown");
    assert_eq!(r.json()["error"]["position"], 20_480);
}
