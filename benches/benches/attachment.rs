//! Bench `attachment`: the verdict (permissions, name, declared MIME type, sniffing, caps) on a 4 KiB
//! prefix, beside its peer `infer::get` (sniffing only) on the same bytes in the same run.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use waba_attachment::{Attachment, AttachmentPolicy, Permissions, Purpose};

const PREFIX: usize = 4096;

fn inputs() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\0\0\0\x02\0\x08\x06\0\0\0\xf4\x78\xd4\xfa".to_vec();
    png.extend((0..PREFIX).map(|i| (i * 7 % 251) as u8));
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    jpeg.extend((0..PREFIX).map(|i| (i * 13 % 253) as u8 | 0x01));
    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    pdf.extend((0..PREFIX).map(|i| b"1 0 obj << /Type /Page >> endobj\n"[i % 33]));
    let mut docx =
        b"PK\x03\x04\x14\0\x08\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml"
            .to_vec();
    docx.extend((0..300).map(|i| (i * 31 % 256) as u8));
    docx.extend_from_slice(b"PK\x03\x04\x14\0\x06\0\0\0\0\0!\0\0\0\0\0\x05\0\0\0\x05\0\0\0\x11\0\0\0word/document.xmlhello");
    docx.extend((0..PREFIX).map(|i| (i * 29 % 256) as u8));
    let text = "Olá! Your order #1234 ships today; thanks for your patience.\n".repeat(80);
    // Three-byte characters throughout: every chunk takes the decoding path.
    let cjk = "您的订单今天发货。感谢您的耐心等待！\n".repeat(80);
    let mut all = vec![
        ("png", png, "image/png", "photo.png"),
        ("jpeg", jpeg, "image/jpeg", "photo.jpg"),
        ("pdf", pdf, "application/pdf", "invoice.pdf"),
        (
            "docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "letter.docx",
        ),
        (
            "txt",
            text.into_bytes(),
            "text/plain; charset=utf-8",
            "notes.txt",
        ),
        (
            "txt_cjk",
            cjk.into_bytes(),
            "text/plain; charset=utf-8",
            "notes.txt",
        ),
    ];
    for (_, b, _, _) in &mut all {
        b.truncate(PREFIX);
        assert_eq!(b.len(), PREFIX);
    }
    all
}

fn verdict(c: &mut Criterion) {
    let policy = AttachmentPolicy::default().with_meta_types();
    let perms = Permissions::all();
    let mut g = c.benchmark_group("attachment");
    for (name, bytes, mime, file) in inputs() {
        let att = Attachment::new(&bytes, 3_000_000)
            .with_mime(mime)
            .with_filename(file);
        assert!(policy.check(perms, Purpose::Send, &att).is_ok(), "{name}");
        g.bench_function(format!("verdict/{name}"), |b| {
            b.iter(|| policy.check(black_box(perms), Purpose::Send, black_box(&att)))
        });
        g.bench_function(format!("peer_infer_get/{name}"), |b| {
            b.iter(|| infer::get(black_box(&bytes)))
        });
    }
    g.finish();
}

criterion_group!(benches, verdict);
criterion_main!(benches);
