//! The interaction attributes of the Genesys WhatsApp Hub driver ("WhatsApp Hub Driver
//! Attributes"), computed from an inbound message: what a routing strategy reads.

use serde::Serialize;
use serde::ser::SerializeMap;
use unicode_segmentation::UnicodeSegmentation;
use waba_phone::Identity;

use crate::inbound::{Content, InboundMessage, InteractiveReply, Message};

/// The most grapheme clusters a `Subject` has (the ellipsis included when it is cut).
pub const SUBJECT_MAX_GRAPHEMES: usize = 100;

/// `_umsMediaType`: always `whatsapp`.
pub const MEDIA_TYPE: &str = "whatsapp";
/// `_umsMediaTypeChat`: always `whatsappsession`.
pub const MEDIA_TYPE_CHAT: &str = "whatsappsession";

/// The attribute names, in the guide's table order (the order of [`InteractionAttributes`]).
pub const ATTRIBUTE_NAMES: [&str; 13] = [
    "_umsInboundIxnSubmittedBy",
    "_umsChannel",
    "_umsMediaType",
    "_umsMediaTypeChat",
    "_umsMsgType",
    "_umsMsgId",
    "_umsMsgOriginTime",
    "_umsFromAddr",
    "_umsToAddr",
    "_msg_ProfileNickname",
    "_umsMsgPlainText",
    "PhoneNumber",
    "Subject",
];

/// The attributes of one inbound interaction, in the guide's order; an attribute whose source is
/// absent (no profile name, an implausible timestamp, …) is left out rather than invented.
///
/// ```
/// use waba_model::{InteractionAttributes, Webhook};
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
///   "value":{"metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
///   "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"}],
///   "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1697043223","type":"text","text":{"body":"Hi\nthere"}}]}}]}]}"#;
/// let hook = Webhook::parse(body)?;
/// let msg = hook.messages().next().unwrap().unwrap();
/// let attrs = InteractionAttributes::from_message(&msg, "channel-ghub", "DigitalMessagingServer");
/// assert_eq!(attrs.get("_umsMsgOriginTime"), Some("2023-10-11T16:53:43Z"));
/// assert_eq!(attrs.get("_umsFromAddr"), Some("16315551002"));
/// assert_eq!(attrs.get("PhoneNumber"), Some("+16315551002"));
/// assert_eq!(attrs.get("_umsMsgPlainText"), Some("Hi\nthere"));
/// assert_eq!(attrs.get("Subject"), Some("Hi there"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionAttributes {
    attrs: Vec<(&'static str, String)>,
    sender_unverified: bool,
}

impl InteractionAttributes {
    /// The attributes of `msg`, received on DMS channel `channel` by DMS application `server`.
    pub fn from_message(
        msg: &InboundMessage<'_>,
        channel: &str,
        server: &str,
    ) -> InteractionAttributes {
        let m = msg.message;
        let sender = msg.sender();
        let plain = plain_text(m);
        let values: [Option<String>; 13] = [
            Some(server.to_owned()),
            Some(channel.to_owned()),
            Some(MEDIA_TYPE.to_owned()),
            Some(MEDIA_TYPE_CHAT.to_owned()),
            m.kind.clone(),
            m.id.clone(),
            msg.origin_time()
                .ok()
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            // A `from` that is not a phone number is kept as it came (and flagged), never dropped.
            if msg.sender_unverified() {
                m.from.clone()
            } else {
                sender.as_ref().map(|s| match s {
                    Identity::Phone(p) => p.digits().to_owned(),
                    Identity::Bsuid(b) => b.as_str().to_owned(),
                })
            },
            msg.metadata.and_then(|md| md.display_phone_number.clone()),
            msg.profile_name().map(str::to_owned),
            plain.clone(),
            sender
                .as_ref()
                .and_then(Identity::phone)
                .map(|p| p.as_str().to_owned()),
            Some(subject(m, plain.as_deref())),
        ];
        InteractionAttributes {
            attrs: ATTRIBUTE_NAMES
                .iter()
                .zip(values)
                .filter_map(|(k, v)| Some((*k, v?)))
                .collect(),
            sender_unverified: msg.sender_unverified(),
        }
    }

    /// Whether `_umsFromAddr` holds a `from` that is not a phone number, as it came (and
    /// `PhoneNumber` is absent): the routing must not take it for a number.
    pub fn sender_unverified(&self) -> bool {
        self.sender_unverified
    }

    /// The value of attribute `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The attributes, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.attrs.iter().map(|(k, v)| (*k, v.as_str()))
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    /// Whether there are none (never, in practice: the constants are always there).
    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }
}

impl Serialize for InteractionAttributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.attrs.len()))?;
        for (k, v) in &self.attrs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// What a person would read in the message: its text, caption, chosen title, place, emoji…;
/// `None` when it carries no text.
pub fn plain_text(m: &Message) -> Option<String> {
    let text = match m.content.as_ref()? {
        Content::Text(t) => non_empty(t.body.as_deref())?.to_owned(),
        Content::Image(md)
        | Content::Video(md)
        | Content::Audio(md)
        | Content::Voice(md)
        | Content::Sticker(md) => non_empty(md.caption.as_deref())?.to_owned(),
        Content::Document(md) => non_empty(md.caption.as_deref())
            .or(non_empty(md.filename.as_deref()))?
            .to_owned(),
        Content::Location(l) => {
            let parts: Vec<&str> = [l.name.as_deref(), l.address.as_deref()]
                .into_iter()
                .filter_map(non_empty)
                .collect();
            if parts.is_empty() {
                format!(
                    "{}, {}",
                    l.latitude.as_ref()?.as_str(),
                    l.longitude.as_ref()?.as_str()
                )
            } else {
                parts.join(", ")
            }
        }
        Content::Contacts(_) => {
            let names = m.content.as_ref()?.contact_names();
            if names.is_empty() {
                return None;
            }
            names.join(", ")
        }
        Content::Interactive(i) => match i.reply.as_ref()? {
            InteractiveReply::ButtonReply(c) | InteractiveReply::ListReply(c) => {
                non_empty(c.title.as_deref())?.to_owned()
            }
            InteractiveReply::NfmReply(n) => non_empty(n.body.as_deref())?.to_owned(),
            InteractiveReply::Other(_) => return None,
        },
        Content::Button(b) => non_empty(b.text.as_deref())
            .or(non_empty(b.payload.as_deref()))?
            .to_owned(),
        Content::Reaction(r) => non_empty(r.emoji.as_deref())?.to_owned(),
        Content::Order(o) => non_empty(o.text.as_deref())?.to_owned(),
        Content::System(s) => non_empty(s.body.as_deref())?.to_owned(),
        Content::Edit(e) => plain_text(e.message.as_deref()?)?,
        // A text the strict reading refused (a client that cut an emoji in half sends a lone
        // surrogate): what a person would read, the broken unit shown as U+FFFD.
        Content::Unparsed { raw, .. } if m.kind() == "text" => {
            non_empty(lossy_body(raw.get()).as_deref())?.to_owned()
        }
        _ => return None,
    };
    Some(text)
}

/// The `body` of a text payload whose JSON has escapes no string can hold (lone surrogates),
/// decoded with each unpaired surrogate replaced by U+FFFD.
fn lossy_body(payload: &str) -> Option<String> {
    let members = crate::wire::Extra::from_json(payload).ok()?;
    lossy_string(members.get("body")?.get())
}

/// Decodes a JSON string literal, unpaired surrogate escapes becoming U+FFFD.
fn lossy_string(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut pending_high: Option<u16> = None;
    let flush = |out: &mut String, high: &mut Option<u16>| {
        if high.take().is_some() {
            out.push('\u{FFFD}');
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut out, &mut pending_high);
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        if e != 'u' {
            flush(&mut out, &mut pending_high);
            out.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other => other,
            });
            continue;
        }
        let hex: String = chars.by_ref().take(4).collect();
        let unit = u16::from_str_radix(&hex, 16).ok()?;
        match unit {
            0xD800..=0xDBFF => {
                flush(&mut out, &mut pending_high);
                pending_high = Some(unit);
            }
            0xDC00..=0xDFFF => match pending_high.take() {
                Some(high) => {
                    let code =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
                None => out.push('\u{FFFD}'),
            },
            _ => {
                flush(&mut out, &mut pending_high);
                out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
            }
        }
    }
    flush(&mut out, &mut pending_high);
    Some(out)
}

/// The label a queue shows for a message without text, or before a caption.
fn label(m: &Message) -> Option<&'static str> {
    Some(match m.content.as_ref() {
        None => match m.kind() {
            "unsupported" => "Unsupported message",
            "text" => return None,
            _ => "Message",
        },
        Some(c) => match c {
            Content::Text(_) | Content::Interactive(_) | Content::Button(_) => return None,
            Content::Image(_) => "Image",
            Content::Video(_) => "Video",
            Content::Audio(md) if md.voice == Some(true) => "Voice message",
            Content::Audio(_) => "Audio",
            Content::Voice(_) => "Voice message",
            Content::Document(_) => "Document",
            Content::Sticker(_) => "Sticker",
            Content::Location(_) => "Location",
            Content::Contacts(_) => "Contacts",
            Content::Reaction(r) if r.is_removal() => "Reaction removed",
            Content::Reaction(_) => "Reaction",
            Content::Order(_) => "Order",
            Content::System(_) => "System",
            Content::Revoke(_) => "Deleted message",
            Content::Edit(_) => "Edited",
            Content::Unsupported(_) => "Unsupported message",
            Content::Unparsed { .. } => "Unreadable message",
            _ => "Message",
        },
    })
}

/// Whether `c` is a bidirectional mark, embedding, override or isolate, a zero-width space or a
/// byte-order mark: characters that could disguise a subject (joiners are kept: emoji need them).
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The one-line summary of a message: its label and text on one line, whitespace and control
/// characters folded to single spaces, bidi controls removed, cut at a grapheme boundary to at
/// most [`SUBJECT_MAX_GRAPHEMES`] (an ellipsis marks a cut).
pub fn subject(m: &Message, plain: Option<&str>) -> String {
    let raw = match (label(m), plain) {
        (Some(l), Some(p)) => format!("{l}: {p}"),
        (Some(l), None) => l.to_owned(),
        (None, Some(p)) => p.to_owned(),
        (None, None) if m.kind() == "interactive" => "Interactive reply".to_owned(),
        (None, None) => "Message".to_owned(),
    };
    one_line(&raw, SUBJECT_MAX_GRAPHEMES)
}

/// Folds `text` to one line and cuts it to `max` graphemes (ellipsis included).
pub fn one_line(text: &str, max: usize) -> String {
    let mut folded = String::with_capacity(text.len().min(max * 4));
    let mut pending_space = false;
    for c in text.chars() {
        if is_invisible_control(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.push(c);
    }
    // A text of at most `max` characters has at most `max` graphemes: no segmentation needed.
    if folded.len() <= max || folded.chars().count() <= max {
        return folded;
    }
    let mut graphemes = folded.grapheme_indices(true);
    match graphemes.nth(max) {
        None => folded,
        Some(_) => {
            let cut = folded
                .grapheme_indices(true)
                .nth(max.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            let mut out = folded.get(..cut).unwrap_or("").trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_folds_and_cuts_at_graphemes() {
        assert_eq!(one_line("a\n\n b\t\u{202E}c ", 10), "a b c");
        assert_eq!(one_line("abcdef", 4), "abc…");
        assert_eq!(one_line("abcd", 4), "abcd");
        let family = "👨‍👩‍👧‍👦";
        let s = family.repeat(5);
        assert_eq!(one_line(&s, 3), format!("{family}{family}…"));
        assert_eq!(one_line("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(one_line("", 3), "");
    }

    #[test]
    fn lossy_strings_keep_what_a_person_reads() {
        for (literal, text) in [
            (r#""a\ud800b""#, "a\u{FFFD}b"),
            (r#""\udc00\ud800""#, "\u{FFFD}\u{FFFD}"),
            (r#""\ud83d\ude00 ok""#, "😀 ok"),
            (r#""x\ud800\n""#, "x\u{FFFD}\n"),
            (r#""q\"\\\/""#, "q\"\\/"),
        ] {
            assert_eq!(lossy_string(literal).as_deref(), Some(text), "{literal}");
        }
        assert_eq!(
            lossy_body(r#"{"body":"Hi \ud83d"}"#).as_deref(),
            Some("Hi \u{FFFD}")
        );
        assert_eq!(lossy_string("nope"), None);
    }
}
