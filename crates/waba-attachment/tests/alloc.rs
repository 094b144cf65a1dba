//! The verdict path makes no heap allocation (its own binary: it installs a counting allocator).

use waba_error::WabaError;

use std::hint::black_box;

use waba_attachment::{Attachment, AttachmentPolicy, Permissions, Purpose};

#[test]
fn verdicts_and_refusals_do_not_allocate() {
    // Inputs are built before the measured region.
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    png.resize(4096, 0);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(4096, b'x');
    let mut text = "Hello, world. Olá! ".repeat(300).into_bytes();
    text.truncate(4096);
    let mut jpeg_pdf = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg_pdf.extend_from_slice(b"%PDF-1.7");
    let zip =
        b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\x11\0\0\0word/document.xmlx"
            .to_vec();
    // Sizes after the data (flag 8): the next local header is searched for.
    let mut zip_dd =
        b"PK\x03\x04\x14\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml<Types/>"
            .to_vec();
    zip_dd.extend_from_slice(
        b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\0\0\0\x01\0\0\0\x11\0\0\0word/document.xmlx",
    );
    let cjk = "您的订单今天发货。\n".repeat(200);
    let long_name = "n".repeat(1000);
    let huge_mime = format!("image/{}", "x".repeat(1000));
    let policy = AttachmentPolicy::default().with_meta_types();
    let perms = Permissions::all();
    let none = Permissions::none();
    let files = [
        Attachment::new(&png, 50_000)
            .with_mime("image/png")
            .with_filename("a/b/photo.png"),
        Attachment::new(&pdf, 5_000_000)
            .with_mime("application/pdf; x=y")
            .with_filename("r.pdf"),
        Attachment::new(&text, 5_000).with_mime("text/plain"),
        Attachment::new(&png, 50_000)
            .with_mime("image/jpeg")
            .with_filename("x.pdf.exe"),
        Attachment::new(&png, 50_000).with_mime(&huge_mime),
        Attachment::new(&png, 50_000).with_filename(&long_name),
        Attachment::new(&png, 50_000).with_filename("abc\u{202E}fdp.exe"),
        Attachment::new(&jpeg_pdf, 5_000),
        Attachment::new(&zip, 5_000),
        Attachment::new(&zip_dd, 5_000).with_filename("a.docx"),
        Attachment::new(&cjk.as_bytes()[..3000], 5_000).with_filename("a.txt"),
        Attachment::new(&png, 200_000_000),
        Attachment::new(b"", 0),
    ];
    let mut ok = 0;
    let change = allocation_counter::measure(|| {
        for f in &files {
            for p in [perms, none] {
                let r = black_box(policy.check(black_box(p), Purpose::Send, black_box(f)));
                if let Err(e) = &r {
                    black_box((e.code(), e.limit(), e.actual(), e.position(), e.field()));
                } else {
                    ok += 1;
                }
            }
        }
    });
    assert_eq!(ok, 5);
    assert_eq!(change.count_total, 0, "{change:?}");
}
