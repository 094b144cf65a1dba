//! The Workspace plug-in's custom emoji map (`CustomEmojis.xml`:
//! `<Emoticon Emoji="🥰" Code="1f970"/>`), both ways, and the code of any emoji.
//!
//! A code is the emoji's Unicode scalar values in lowercase hexadecimal without leading zeros,
//! joined by `-`, every scalar kept (ZWJ `200d` and variation selector `fe0f` included): 🥰 is
//! `1f970`, 👨‍👩‍👧 is `1f468-200d-1f469-200d-1f467`, ❤️ is `2764-fe0f`. The PNG the plug-in shows
//! is `<code>.png`.

use waba_error::WabaError;

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The most entries a map may hold.
pub const EMOJI_MAP_MAX: usize = 10_000;
/// The most scalar values in one emoji (the longest RGI sequences have 10).
pub const EMOJI_SCALARS_MAX: usize = 16;

/// Why an emoji map or code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum EmojiError {
    /// An `Emoticon` element lacks `Emoji` or `Code`.
    #[error("emoticon {index} lacks the {attribute} attribute")]
    #[waba(code = "emoji.missing_attribute", position = index)]
    MissingAttribute {
        /// Index of the element among the `Emoticon` elements.
        index: u64,
        /// `Emoji` or `Code`.
        attribute: &'static str,
    },
    /// A code is not lowercase-or-uppercase hex scalar values joined by `-`, or it does not
    /// match the emoji beside it.
    #[error("emoticon {index} has a bad code")]
    #[waba(code = "emoji.bad_code", position = index)]
    BadCode {
        /// Index of the element.
        index: u64,
    },
    /// An element is not closed, or an attribute value is not quoted.
    #[error("malformed XML at byte {position}")]
    #[waba(code = "emoji.malformed")]
    Malformed {
        /// Byte offset.
        position: u64,
    },
    /// More than [`EMOJI_MAP_MAX`] entries.
    #[error("{actual} emoticons, at most {limit}")]
    #[waba(code = "emoji.too_many")]
    TooMany {
        /// The limit.
        limit: u64,
        /// How many.
        actual: u64,
    },
}

/// The code of an emoji (see the module docs for the form).
pub fn emoji_code(emoji: &str) -> String {
    let mut out = String::with_capacity(emoji.len() * 3);
    for (i, c) in emoji.chars().enumerate() {
        if i > 0 {
            out.push('-');
        }
        let _ = write!(out, "{:x}", u32::from(c));
    }
    out
}

/// The emoji a code stands for, if it is well formed (hex scalar values joined by `-`).
pub fn emoji_from_code(code: &str) -> Option<String> {
    if code.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, part) in code.split('-').enumerate() {
        if i >= EMOJI_SCALARS_MAX
            || part.is_empty()
            || part.len() > 6
            || !part.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return None;
        }
        let c = u32::from_str_radix(part, 16)
            .ok()
            .and_then(char::from_u32)?;
        out.push(c);
    }
    Some(out)
}

/// Emoji ↔ code, read from `CustomEmojis.xml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmojiMap {
    by_emoji: BTreeMap<String, String>,
    by_code: BTreeMap<String, String>,
}

impl EmojiMap {
    /// Reads every `<Emoticon Emoji="…" Code="…"/>` element (attributes in any order, single or
    /// double quotes, XML entities decoded); other elements are ignored. A code that does not
    /// spell the emoji beside it is refused. Codes are kept in lowercase.
    pub fn from_xml(xml: &str) -> Result<EmojiMap, EmojiError> {
        let mut map = EmojiMap::default();
        let mut index = 0u64;
        let mut at = 0usize;
        while let Some(rel) = xml.get(at..).and_then(|r| r.find("<Emoticon")) {
            let start = at + rel;
            let next = xml
                .get(start + "<Emoticon".len()..)
                .and_then(|r| r.chars().next());
            if next.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ':') {
                at = start + 1;
                continue;
            }
            let Some(end_rel) = xml.get(start..).and_then(|r| r.find('>')) else {
                return Err(EmojiError::Malformed {
                    position: start as u64,
                });
            };
            let element = xml
                .get(start + "<Emoticon".len()..start + end_rel)
                .unwrap_or_default();
            let attrs = attributes(element).ok_or(EmojiError::Malformed {
                position: start as u64,
            })?;
            let get = |name: &'static str| {
                attrs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
                    .ok_or(EmojiError::MissingAttribute {
                        index,
                        attribute: name,
                    })
            };
            let emoji = get("Emoji")?;
            let code = get("Code")?.to_ascii_lowercase();
            if emoji_from_code(&code).as_deref() != Some(emoji.as_str()) {
                return Err(EmojiError::BadCode { index });
            }
            map.by_code.insert(code.clone(), emoji.clone());
            map.by_emoji.insert(emoji, code);
            if map.by_code.len() > EMOJI_MAP_MAX {
                return Err(EmojiError::TooMany {
                    limit: EMOJI_MAP_MAX as u64,
                    actual: map.by_code.len() as u64,
                });
            }
            index += 1;
            at = start + end_rel + 1;
        }
        Ok(map)
    }

    /// The code of a mapped emoji.
    pub fn code_for(&self, emoji: &str) -> Option<&str> {
        self.by_emoji.get(emoji).map(String::as_str)
    }

    /// The emoji of a mapped code (any case).
    pub fn emoji_for(&self, code: &str) -> Option<&str> {
        self.by_code
            .get(&code.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

/// `name="value"` pairs of an element's inside; `None` when malformed.
fn attributes(s: &str) -> Option<Vec<(&str, String)>> {
    let mut out = Vec::new();
    let mut rest = s.trim_start().trim_end_matches('/').trim_end();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let name = rest.get(..eq)?.trim();
        let after = rest.get(eq + 1..)?.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = after.get(1..)?;
        let close = body.find(quote)?;
        out.push((name, unescape(body.get(..close)?)?));
        rest = body.get(close + 1..)?.trim_start();
    }
    Some(out)
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp)?);
        let after = rest.get(amp + 1..)?;
        let semi = after.find(';')?;
        let entity = after.get(..semi)?;
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e => {
                let n = if let Some(h) = e.strip_prefix("#x").or_else(|| e.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok()?
                } else {
                    e.strip_prefix('#')?.parse().ok()?
                };
                char::from_u32(n)?
            }
        };
        out.push(c);
        rest = after.get(semi + 1..)?;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_gives_its_limit_and_count() {
        let e = EmojiError::TooMany {
            limit: EMOJI_MAP_MAX as u64,
            actual: EMOJI_MAP_MAX as u64 + 1,
        };
        assert_eq!(
            (e.code(), e.limit(), e.actual()),
            ("emoji.too_many", Some(10_000), Some(10_001))
        );
    }

    #[test]
    fn codes() {
        assert_eq!(emoji_code("🥰"), "1f970");
        assert_eq!(emoji_code("❤️"), "2764-fe0f");
        assert_eq!(emoji_code("👨‍👩‍👧"), "1f468-200d-1f469-200d-1f467");
        assert_eq!(emoji_from_code("1F970").as_deref(), Some("🥰"));
        assert_eq!(emoji_from_code("d800"), None);
        assert_eq!(emoji_from_code("1f970-"), None);
    }

    #[test]
    fn xml() {
        let m = EmojiMap::from_xml(
            r#"<?xml version="1.0"?><Emoticons><Emoticon Emoji="🥰" Code="1f970"/>
               <Emoticon Code='2764-FE0F' Emoji="&#x2764;&#xFE0F;" /></Emoticons>"#,
        )
        .unwrap();
        assert_eq!(m.code_for("🥰"), Some("1f970"));
        assert_eq!(m.emoji_for("2764-fe0f"), Some("❤️"));
        assert_eq!(m.len(), 2);
        let e = EmojiMap::from_xml(r#"<Emoticon Emoji="💎" Code="1f970"/>"#).unwrap_err();
        assert_eq!(e.code(), "emoji.bad_code");
    }
}
