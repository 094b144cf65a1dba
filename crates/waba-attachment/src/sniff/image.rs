//! Images: JPEG, PNG (its IHDR checked, CRC included) and WebP (static or animated, its canvas).

use super::{Sniff, Sniffed, at, byte, truncated, u32_be};
use crate::error::AttachmentError;
use crate::types::FileType;

pub(super) fn jpeg(b: &[u8]) -> Sniff {
    match byte(b, 3) {
        None => Err(truncated("jpeg", 4, b.len())),
        Some(m) if m >= 0xC0 && m != 0xFF => Ok(Sniffed::one(FileType::Jpeg)),
        Some(_) => Err(AttachmentError::Corrupt {
            what: "jpeg marker after the start of image",
        }),
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Bytes from the start of a PNG to the end of its IHDR chunk (signature 8, length 4, type 4, data 13,
/// CRC 4).
pub const PNG_HEADER_LEN: usize = 33;

/// The IHDR bit depth and colour type of a PNG whose header [`sniff`] accepted.
pub(crate) fn png_depth_colour(b: &[u8]) -> Option<(u8, u8)> {
    Some((byte(b, 24)?, byte(b, 25)?))
}

// Evaluated at compile time: an out-of-bounds index would be a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0u32;
    while n < 256 {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n as usize] = c;
        n += 1;
    }
    table
};

/// CRC-32/ISO-HDLC, the CRC of PNG chunks, byte by byte over a table built at compile time. Kept by
/// hand rather than from `crc32fast` or `crc`: on the 17 bytes of an IHDR chunk both cost more per
/// PNG verdict (decision 0507).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &d in data {
        let i = ((crc ^ u32::from(d)) & 0xFF) as usize;
        crc = CRC_TABLE.get(i).copied().unwrap_or(0) ^ (crc >> 8);
    }
    !crc
}

pub(super) fn png(b: &[u8]) -> Sniff {
    if !at(b, 0, PNG_SIGNATURE) && b.len() >= PNG_SIGNATURE.len() {
        return Err(AttachmentError::Corrupt {
            what: "png signature",
        });
    }
    let Some(h) = b.get(..PNG_HEADER_LEN) else {
        return Err(truncated("png ihdr", PNG_HEADER_LEN, b.len()));
    };
    let corrupt = Err(AttachmentError::Corrupt { what: "png ihdr" });
    if u32_be(h, 8) != Some(13) || !at(h, 12, b"IHDR") {
        return corrupt;
    }
    let (Some(w), Some(hh)) = (u32_be(h, 16), u32_be(h, 20)) else {
        return corrupt;
    };
    let valid_dim = |v: u32| v > 0 && v <= 0x7FFF_FFFF;
    let depth_ok = match (byte(h, 25), byte(h, 24)) {
        (Some(0), Some(d)) => matches!(d, 1 | 2 | 4 | 8 | 16),
        (Some(3), Some(d)) => matches!(d, 1 | 2 | 4 | 8),
        (Some(2 | 4 | 6), Some(d)) => matches!(d, 8 | 16),
        _ => false,
    };
    let rest_ok =
        byte(h, 26) == Some(0) && byte(h, 27) == Some(0) && byte(h, 28).is_some_and(|i| i <= 1);
    let crc_ok = h.get(12..29).map(crc32) == u32_be(h, 29);
    if valid_dim(w) && valid_dim(hh) && depth_ok && rest_ok && crc_ok {
        Ok(Sniffed::one(FileType::Png))
    } else {
        corrupt
    }
}

pub(super) fn webp(b: &[u8]) -> Sniff {
    match b.get(12..16) {
        None => Err(truncated("webp", 16, b.len())),
        Some(b"VP8 " | b"VP8L") => Ok(Sniffed::one(FileType::WebP)),
        Some(b"VP8X") => match byte(b, 20) {
            None => Err(truncated("webp vp8x", 21, b.len())),
            Some(flags) if flags & 0x02 != 0 => Ok(Sniffed::one(FileType::AnimatedWebP)),
            Some(_) => Ok(Sniffed::one(FileType::WebP)),
        },
        Some(_) => Err(AttachmentError::Corrupt {
            what: "webp first chunk",
        }),
    }
}

/// The canvas of a WebP that [`sniff`] accepted, `(width, height)` in pixels: from the `VP8X`
/// canvas (24-bit fields, minus one), the `VP8L` header (14-bit fields, minus one) or the `VP8`
/// key frame header (14-bit fields). `None` when the prefix does not hold them whole.
pub(crate) fn webp_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let u24 = |i: usize| -> Option<u32> {
        Some(
            u32::from(byte(b, i)?)
                | u32::from(byte(b, i + 1)?) << 8
                | u32::from(byte(b, i + 2)?) << 16,
        )
    };
    let u16le = |i: usize| -> Option<u32> {
        Some(u32::from(byte(b, i)?) | u32::from(byte(b, i + 1)?) << 8)
    };
    match b.get(12..16)? {
        b"VP8X" => Some((u24(24)? + 1, u24(27)? + 1)),
        b"VP8L" => {
            if byte(b, 20)? != 0x2F {
                return None;
            }
            let bits = u16le(21)? | u16le(23)? << 16;
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8 " => {
            if !at(b, 23, b"\x9D\x01\x2A") {
                return None;
            }
            Some((u16le(26)? & 0x3FFF, u16le(28)? & 0x3FFF))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
