//! Audio: Ogg (Opus, and what else Ogg carries), AMR and AMR-WB, MPEG frames (MP3, ADTS AAC) and
//! ID3-tagged MPEG.

use super::{Sniff, Sniffed, at, byte, truncated, unrecognized};
use crate::error::AttachmentError;
use crate::types::FileType;

/// The shortest `OpusHead` packet (RFC 7845 §5.1: magic 8, version, channels, pre-skip 2, rate 4,
/// gain 2, mapping family).
const OPUS_HEAD_LEN: usize = 19;

/// The channel count of an Ogg Opus stream that [`sniff`] accepted (RFC 7845 §5.1).
pub(crate) fn opus_channels(b: &[u8]) -> Option<u8> {
    let packet = 27 + usize::from(byte(b, 26)?);
    at(b, packet, b"OpusHead").then(|| byte(b, packet + 9))?
}

pub(super) fn ogg(b: &[u8]) -> Sniff {
    let Some(nseg) = byte(b, 26) else {
        return Err(truncated("ogg page", 27, b.len()));
    };
    if byte(b, 4) != Some(0) || byte(b, 5).is_some_and(|f| f & 0x02 == 0) {
        return Err(AttachmentError::Corrupt {
            what: "ogg first page",
        });
    }
    let packet = 27 + usize::from(nseg);
    if at(b, packet, b"OpusHead") {
        return if b.len() < packet + OPUS_HEAD_LEN {
            Err(truncated("opus head", packet + OPUS_HEAD_LEN, b.len()))
        } else {
            Ok(Sniffed::one(FileType::Opus))
        };
    }
    if b.len() < packet + 8 {
        return Err(truncated("ogg first packet", packet + 8, b.len()));
    }
    let detected = if at(b, packet, b"\x01vorbis") {
        "audio/vorbis"
    } else if at(b, packet, b"\x80theora") {
        "video/ogg"
    } else if at(b, packet, b"Speex   ") {
        "audio/speex"
    } else if at(b, packet, b"\x7fFLAC") || at(b, packet, b"fLaC") {
        "audio/flac"
    } else {
        "application/ogg"
    };
    Err(unrecognized(detected))
}

pub(super) fn amr(b: &[u8]) -> Sniff {
    if at(b, 0, b"#!AMR\n") {
        Ok(Sniffed::one(FileType::Amr))
    } else if at(b, 0, b"#!AMR-WB\n") {
        Ok(Sniffed::one(FileType::AmrWb))
    } else if at(b, 0, b"#!AMR_MC1.0\n") || at(b, 0, b"#!AMR-WB_MC1.0\n") {
        Err(unrecognized("audio/amr (multichannel)"))
    } else if b"#!AMR-WB\n".starts_with(b) || b"#!AMR\n".starts_with(b) {
        Err(truncated("amr", 6, b.len()))
    } else {
        Err(AttachmentError::Corrupt { what: "amr header" })
    }
}

/// An MPEG audio frame header at the start of `b`: ADTS AAC or MP3 (MPEG-1/2/2.5 layer I–III).
pub(super) fn mpeg_frame(b: &[u8]) -> Option<FileType> {
    mpeg_header(b).map(|h| h.kind)
}

/// MPEG audio starting at `b` with no tag before it: a frame header, and where the prefix holds it
/// the next frame's header right where the first frame's length says (of the same kind). Two bytes
/// `FF Fx` alone are common in other data — a UTF-16 little-endian text starts `FF FE`, which reads
/// as an MPEG-1 layer I header — so one header is not enough when the bytes can show a second.
pub(super) fn mpeg_stream(b: &[u8]) -> Option<FileType> {
    let first = mpeg_header(b)?;
    let len = first.frame_len?;
    match b.get(len..) {
        // The whole file is shorter than its first frame (a prefix of 8 KiB always holds a whole
        // frame, at most 1441 bytes): not audio.
        None => None,
        // The file ends with the frame (or a few bytes after it): one whole frame.
        Some(rest) if rest.len() < 4 => Some(first.kind),
        Some(rest) => match mpeg_header(rest) {
            Some(next) if next.kind == first.kind && next.version_layer == first.version_layer => {
                Some(first.kind)
            }
            _ => None,
        },
    }
}

/// A parsed MPEG audio frame header.
struct MpegHeader {
    kind: FileType,
    /// Version and layer bits (MP3) or the profile and rate (ADTS), to compare two frames.
    version_layer: u8,
    /// The frame's length in bytes, when the header gives one (not for free-format MP3).
    frame_len: Option<usize>,
}

fn mpeg_header(b: &[u8]) -> Option<MpegHeader> {
    let (b0, b1, b2) = (byte(b, 0)?, byte(b, 1)?, byte(b, 2)?);
    if b0 != 0xFF {
        return None;
    }
    if b1 & 0xF6 == 0xF0 {
        // ADTS: sync 12 bits, layer 00; sampling index < 13; a 13-bit frame length.
        if (b2 >> 2) & 0x0F >= 13 {
            return None;
        }
        let frame_len = match (byte(b, 3), byte(b, 4), byte(b, 5)) {
            (Some(b3), Some(b4), Some(b5)) => {
                let len =
                    (usize::from(b3 & 0x03) << 11) | (usize::from(b4) << 3) | usize::from(b5 >> 5);
                (len >= 7).then_some(len)
            }
            _ => None,
        };
        return Some(MpegHeader {
            kind: FileType::Aac,
            version_layer: b2 & 0xFC,
            frame_len,
        });
    }
    let version = (b1 >> 3) & 0x03;
    let layer = (b1 >> 1) & 0x03;
    let bitrate = usize::from(b2 >> 4);
    let rate = usize::from((b2 >> 2) & 0x03);
    if !(b1 & 0xE0 == 0xE0 && version != 1 && layer != 0 && bitrate != 0x0F && rate != 3) {
        return None;
    }
    Some(MpegHeader {
        kind: FileType::Mp3,
        version_layer: b1 & 0x1E,
        frame_len: mp3_frame_len(version, layer, bitrate, rate, usize::from((b2 >> 1) & 1)),
    })
}

/// An MP3 frame's length in bytes (ISO/IEC 11172-3 and 13818-3): layer I
/// `(12 × bitrate / rate + padding) × 4`, layer II and MPEG-1 layer III `144 × bitrate / rate +
/// padding`, MPEG-2/2.5 layer III `72 × bitrate / rate + padding`. `None` for free format.
fn mp3_frame_len(
    version: u8,
    layer: u8,
    bitrate: usize,
    rate: usize,
    padding: usize,
) -> Option<usize> {
    const V1_L1: [usize; 15] = [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
    ];
    const V1_L2: [usize; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
    ];
    const V1_L3: [usize; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2_L1: [usize; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
    ];
    const V2_L23: [usize; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let mpeg1 = version == 3;
    let table = match (mpeg1, layer) {
        (true, 3) => &V1_L1,
        (true, 2) => &V1_L2,
        (true, _) => &V1_L3,
        (false, 3) => &V2_L1,
        (false, _) => &V2_L23,
    };
    let kbps = *table.get(bitrate)?;
    if kbps == 0 {
        return None;
    }
    // Sampling rates by version (MPEG-1, MPEG-2, MPEG-2.5) and index.
    let rates: [usize; 3] = match version {
        3 => [44_100, 48_000, 32_000],
        2 => [22_050, 24_000, 16_000],
        _ => [11_025, 12_000, 8_000],
    };
    let hz = *rates.get(rate)?;
    let bits = kbps * 1000;
    Some(match layer {
        3 => (12 * bits / hz + padding) * 4,
        1 if !mpeg1 => 72 * bits / hz + padding,
        _ => 144 * bits / hz + padding,
    })
}

pub(super) fn id3(b: &[u8]) -> Sniff {
    let Some(hdr) = b.get(..10) else {
        return Err(truncated("id3", 10, b.len()));
    };
    let mut size: usize = 0;
    for i in 6..10 {
        let v = byte(hdr, i).unwrap_or(0x80);
        if v >= 0x80 {
            return Err(AttachmentError::Corrupt { what: "id3 size" });
        }
        size = (size << 7) | usize::from(v);
    }
    let footer = if byte(hdr, 5).is_some_and(|f| f & 0x10 != 0) {
        10
    } else {
        0
    };
    let frame = 10 + size + footer;
    if b.len() < frame + 3 {
        // The frame lies beyond the prefix: an ID3v2 tag is MPEG audio's (decision 0501).
        return Ok(Sniffed::one(FileType::Mp3));
    }
    match b.get(frame..).and_then(mpeg_frame) {
        Some(t) => Ok(Sniffed::one(t)),
        None => Err(unrecognized("audio/mpeg (no frame after the id3 tag)")),
    }
}
