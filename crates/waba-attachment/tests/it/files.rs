//! Tiny real files of every type, built byte by byte (no binary fixtures to trust blindly).

pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &d in data {
        crc ^= u32::from(d);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Ogg's CRC (polynomial 0x04C11DB7, not reflected, initial 0).
fn ogg_crc(data: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &d in data {
        crc ^= u32::from(d) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04C1_1DB7
            } else {
                crc << 1
            };
        }
    }
    crc
}

pub(crate) fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// A zip (stored entries) with a central directory, like any archiver writes.
pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with_flags(entries, 0)
}

pub(crate) fn zip_with_flags(entries: &[(&str, &[u8])], flags: u16) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let mut header = Vec::new();
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed
        header.extend_from_slice(&flags.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // stored
        header.extend_from_slice(&0u32.to_le_bytes()); // time, date
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&header);
        central.extend_from_slice(&[0u8; 8]); // comment len, disk, int attrs
        central.extend_from_slice(&0u32.to_le_bytes()); // ext attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="MAIN"/></Relationships>"#;

fn content_types(main: &str, ct: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{main}" ContentType="{ct}"/></Types>"#
    )
    .into_bytes()
}

fn ooxml(main: &str, ct: &str, body: &[u8]) -> Vec<u8> {
    let types = content_types(main, ct);
    let rels = String::from_utf8(RELS.to_vec())
        .unwrap()
        .replace("MAIN", main);
    zip(&[
        ("[Content_Types].xml", &types),
        ("_rels/.rels", rels.as_bytes()),
        (main, body),
    ])
}

pub(crate) fn docx() -> Vec<u8> {
    ooxml(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"#,
    )
}

pub(crate) fn xlsx() -> Vec<u8> {
    ooxml(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#,
    )
}

pub(crate) fn pptx() -> Vec<u8> {
    ooxml(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#,
    )
}

/// An OLE compound file (v3, 512-byte sectors): header, one FAT sector, one directory sector with
/// the root entry and the given streams as the root's children (a right-leaning chain).
pub(crate) fn ole(streams: &[&str]) -> Vec<u8> {
    ole_with_directory_at(streams, 1)
}

/// [`ole`] with the directory in sector `dir_sector` (free sectors before it).
pub(crate) fn ole_with_directory_at(streams: &[&str], dir_sector: u32) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    h[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    h[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // FAT sectors
    h[0x30..0x34].copy_from_slice(&dir_sector.to_le_bytes()); // first directory sector
    h[0x38..0x3C].copy_from_slice(&0x1000u32.to_le_bytes());
    h[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes()); // DIFAT[0] = sector 0
    for i in 1..109 {
        let o = 0x4C + i * 4;
        h[o..o + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    let mut fat = vec![0xFFu8; 512];
    fat[0..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    let d = dir_sector as usize * 4;
    fat[d..d + 4].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    let mut dir = vec![0u8; 512];
    let entry = |dir: &mut Vec<u8>, i: usize, name: &str, kind: u8, right: u32, child: u32| {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let utf16: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        e[..utf16.len()].copy_from_slice(&utf16);
        e[0x40..0x42].copy_from_slice(&((utf16.len() + 2) as u16).to_le_bytes());
        e[0x42] = kind;
        e[0x43] = 1;
        e[0x44..0x48].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
    };
    assert!(streams.len() <= 3);
    let child = if streams.is_empty() { u32::MAX } else { 1 };
    entry(&mut dir, 0, "Root Entry", 5, u32::MAX, child);
    for (i, s) in streams.iter().enumerate() {
        let right = if i + 1 < streams.len() {
            (i + 2) as u32
        } else {
            u32::MAX
        };
        entry(&mut dir, i + 1, s, 2, right, u32::MAX);
    }
    let mut out = h;
    out.extend_from_slice(&fat);
    for _ in 1..dir_sector {
        out.extend_from_slice(&[0u8; 512]);
    }
    out.extend_from_slice(&dir);
    out
}

pub(crate) fn doc() -> Vec<u8> {
    ole(&["WordDocument", "1Table"])
}

pub(crate) fn xls() -> Vec<u8> {
    ole(&["Workbook"])
}

pub(crate) fn ppt() -> Vec<u8> {
    ole(&["Current User", "PowerPoint Document"])
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut c = kind.to_vec();
    c.extend_from_slice(data);
    out.extend_from_slice(&c);
    out.extend_from_slice(&crc32(&c).to_be_bytes());
}

pub(crate) fn png_with(depth: u8, colour: u8) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&[depth, colour, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    // zlib stream of one filtered scanline (filter byte + 4 bytes), stored block.
    let raw = [0u8, 0xFF, 0, 0, 0xFF];
    let mut z = vec![0x78, 0x01, 0x01, 5, 0, !5u8, 0xFF];
    z.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    png_chunk(&mut out, b"IDAT", &z);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

pub(crate) fn png() -> Vec<u8> {
    png_with(8, 6)
}

pub(crate) fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    v.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    v.extend_from_slice(&[1u8; 64]);
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

fn riff_webp(chunk: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(chunk);
    body.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    body.extend_from_slice(payload);
    if payload.len() % 2 == 1 {
        body.push(0);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

pub(crate) fn webp_lossy() -> Vec<u8> {
    webp_lossy_sized(512, 512)
}

/// A lossy WebP of `width` x `height`: VP8 key frame header (frame tag, start code, 14-bit sizes).
pub(crate) fn webp_lossy_sized(width: u16, height: u16) -> Vec<u8> {
    let [w0, w1] = width.to_le_bytes();
    let [h0, h1] = height.to_le_bytes();
    riff_webp(
        b"VP8 ",
        &[0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, w0, w1, h0, h1, 0, 0],
    )
}

pub(crate) fn webp_lossless() -> Vec<u8> {
    webp_lossless_sized(512, 512)
}

/// A lossless WebP of `width` x `height`: VP8L signature, then width-1 and height-1 in 14 bits each.
pub(crate) fn webp_lossless_sized(width: u32, height: u32) -> Vec<u8> {
    let bits = (width - 1) | (height - 1) << 14;
    let b = bits.to_le_bytes();
    riff_webp(b"VP8L", &[0x2F, b[0], b[1], b[2], b[3], 0x00])
}

/// An extended (VP8X) WebP of `width` x `height`, animated or not.
pub(crate) fn webp_extended_sized(animated: bool, width: u32, height: u32) -> Vec<u8> {
    let flags = if animated { 0x02 } else { 0x00 };
    let w = (width - 1).to_le_bytes();
    let h = (height - 1).to_le_bytes();
    riff_webp(
        b"VP8X",
        &[flags, 0, 0, 0, w[0], w[1], w[2], h[0], h[1], h[2]],
    )
}

pub(crate) fn webp_extended(animated: bool) -> Vec<u8> {
    let flags = if animated { 0x02 } else { 0x00 };
    // VP8X: flags, 3 reserved, canvas width-1 and height-1 (24 bits each): 512x512.
    riff_webp(
        b"VP8X",
        &[flags, 0, 0, 0, 0xFF, 0x01, 0x00, 0xFF, 0x01, 0x00],
    )
}

fn ogg_page(packet: &[u8]) -> Vec<u8> {
    let mut p = b"OggS\0\x02".to_vec(); // version 0, beginning of stream
    p.extend_from_slice(&0u64.to_le_bytes()); // granule
    p.extend_from_slice(&0x1234_5678u32.to_le_bytes()); // serial
    p.extend_from_slice(&0u32.to_le_bytes()); // sequence
    let crc_at = p.len();
    p.extend_from_slice(&0u32.to_le_bytes());
    p.push(1);
    p.push(packet.len() as u8);
    p.extend_from_slice(packet);
    let crc = ogg_crc(&p);
    p[crc_at..crc_at + 4].copy_from_slice(&crc.to_le_bytes());
    p
}

pub(crate) fn ogg_opus() -> Vec<u8> {
    ogg_opus_channels(1)
}

/// An Ogg Opus stream whose `OpusHead` announces `channels` channels.
pub(crate) fn ogg_opus_channels(channels: u8) -> Vec<u8> {
    let mut head = vec![b'O', b'p', b'u', b's', b'H', b'e', b'a', b'd', 1, channels]; // version 1
    head.extend_from_slice(&312u16.to_le_bytes());
    head.extend_from_slice(&48_000u32.to_le_bytes());
    head.extend_from_slice(&[0, 0, 0]);
    let mut out = ogg_page(&head);
    let mut tags = b"OpusTags".to_vec();
    tags.extend_from_slice(&4u32.to_le_bytes());
    tags.extend_from_slice(b"waba");
    tags.extend_from_slice(&0u32.to_le_bytes());
    let mut second = ogg_page(&tags);
    second[5] = 0; // not beginning of stream
    out.extend_from_slice(&second);
    out
}

pub(crate) fn ogg_vorbis() -> Vec<u8> {
    let mut id = b"\x01vorbis".to_vec();
    id.extend_from_slice(&0u32.to_le_bytes());
    id.push(1);
    id.extend_from_slice(&44_100u32.to_le_bytes());
    id.extend_from_slice(&[0u8; 12]);
    id.extend_from_slice(&[0xB8, 0x01]);
    ogg_page(&id)
}

pub(crate) fn amr_nb() -> Vec<u8> {
    let mut v = b"#!AMR\n".to_vec();
    for _ in 0..3 {
        v.push(0x3C); // mode 7 (12.2 kbit/s), quality bit
        v.extend_from_slice(&[0x55; 31]);
    }
    v
}

pub(crate) fn amr_wb() -> Vec<u8> {
    let mut v = b"#!AMR-WB\n".to_vec();
    for _ in 0..3 {
        v.push(0x44); // mode 8 (23.85 kbit/s)
        v.extend_from_slice(&[0x55; 60]);
    }
    v
}

pub(crate) fn adts() -> Vec<u8> {
    // MPEG-4 AAC LC, 44.1 kHz, stereo, no CRC; two frames of 16 bytes.
    let len = 16u16;
    let header = [
        0xFF,
        0xF1,
        0x50,
        0x80 | ((len >> 11) as u8 & 0x03),
        ((len >> 3) & 0xFF) as u8,
        (((len & 0x07) << 5) as u8) | 0x1F,
        0xFC,
    ];
    let mut v = Vec::new();
    for _ in 0..2 {
        v.extend_from_slice(&header);
        v.extend_from_slice(&[0x21; 9]);
    }
    v
}

pub(crate) fn mp3() -> Vec<u8> {
    // MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames.
    let mut v = Vec::new();
    for _ in 0..2 {
        v.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        v.extend_from_slice(&[0u8; 413]);
    }
    v
}

pub(crate) fn mp3_with_id3(tag_body: usize) -> Vec<u8> {
    let mut v = b"ID3\x04\x00\x00".to_vec();
    let s = tag_body as u32;
    v.extend_from_slice(&[
        (s >> 21) as u8 & 0x7F,
        (s >> 14) as u8 & 0x7F,
        (s >> 7) as u8 & 0x7F,
        s as u8 & 0x7F,
    ]);
    v.extend_from_slice(&vec![0u8; tag_body]);
    v.extend_from_slice(&mp3());
    v
}

pub(crate) fn iso(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
    let size = 16 + 4 * compatible.len() as u32;
    let mut v = size.to_be_bytes().to_vec();
    v.extend_from_slice(b"ftyp");
    v.extend_from_slice(major);
    v.extend_from_slice(&0u32.to_be_bytes());
    for c in compatible {
        v.extend_from_slice(*c);
    }
    v.extend_from_slice(&8u32.to_be_bytes());
    v.extend_from_slice(b"free");
    v.extend_from_slice(&16u32.to_be_bytes());
    v.extend_from_slice(b"mdat");
    v.extend_from_slice(&[0u8; 8]);
    v
}

pub(crate) fn mp4() -> Vec<u8> {
    iso(b"isom", &[b"isom", b"iso2", b"avc1", b"mp41"])
}

pub(crate) fn m4a() -> Vec<u8> {
    iso(b"M4A ", &[b"M4A ", b"mp42", b"isom"])
}

pub(crate) fn three_gp() -> Vec<u8> {
    iso(b"3gp4", &[b"isom", b"3gp4"])
}

pub(crate) fn txt() -> Vec<u8> {
    "Olá! Your order #1234 ships today.\r\nThanks,\tthe team 😀\n"
        .as_bytes()
        .to_vec()
}
