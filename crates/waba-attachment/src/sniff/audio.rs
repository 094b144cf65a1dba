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
    let (b0, b1, b2) = (byte(b, 0)?, byte(b, 1)?, byte(b, 2)?);
    if b0 != 0xFF {
        return None;
    }
    if b1 & 0xF6 == 0xF0 {
        // ADTS: sync 12 bits, layer 00; sampling index < 13.
        return ((b2 >> 2) & 0x0F < 13).then_some(FileType::Aac);
    }
    let version = (b1 >> 3) & 0x03;
    let layer = (b1 >> 1) & 0x03;
    let bitrate = b2 >> 4;
    let rate = (b2 >> 2) & 0x03;
    (b1 & 0xE0 == 0xE0 && version != 1 && layer != 0 && bitrate != 0x0F && rate != 3)
        .then_some(FileType::Mp3)
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
