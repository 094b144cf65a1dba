//! Inbound messages: the common fields, and the payload named by `type`.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::wire::{JsonNumber, List, RawJson, ReadError, ReadWire, Reader, WireHooks, wire_struct};

use super::status::ApiError;
use super::time::Timestamp;

wire_struct! {
    /// One inbound message (`value.messages[]`; also an echo in `message_echoes[]`, and the new
    /// version inside an `edit`).
    pub struct Message {
        /// The sender's wa_id (phone digits without `+`); absent for users known only by BSUID.
        from: String = "from",
        /// The sender's business-scoped user id.
        from_user_id: String = "from_user_id",
        /// The sender's parent business-scoped user id.
        from_parent_user_id: String = "from_parent_user_id",
        /// The addressee (echoes of messages the business sent).
        to: String = "to",
        /// The addressee's BSUID (echoes).
        to_user_id: String = "to_user_id",
        /// The addressee's parent BSUID (echoes).
        to_parent_user_id: String = "to_parent_user_id",
        /// The message id (`wamid.…`; On-Premises ids have no prefix).
        id: String = "id",
        /// When the customer sent it.
        timestamp: Timestamp = "timestamp",
        /// The message type: `text`, `image`, …; the payload sits under the key of that name.
        kind: String = "type",
        /// Reply, forward and product context.
        context: Context = "context",
        /// Click-to-WhatsApp ad or post the customer came from. Boxed: it is rare and 264 bytes
        /// inline, which made every message (and every move of one) larger than glibc's small
        /// allocations (decision 0213).
        referral: Box<Referral> = "referral",
        /// Errors (`unsupported` messages).
        errors: List<ApiError> = "errors",
    }
    also {
        /// The payload under the key named by `kind`; `None` when there is none.
        content: Option<Content>,
    }
    hidden {
        /// While reading: the key and place in the text of the payload held in `content` when
        /// it was read before `type` was known (it may turn out not to be the message's).
        tentative: Option<(&'static str, usize, usize)>,
        /// While reading: later payloads met before or against `type`, with their place (and
        /// their content, when they may be the message's). Empty once read.
        later: Vec<(&'static str, Option<Content>, usize, usize)>,
    }
}

impl WireHooks for Message {
    fn read_unknown(&mut self, key: &str, r: &mut Reader<'_>) -> Result<bool, ReadError> {
        let Some(key) = CONTENT_KINDS.iter().copied().find(|k| *k == key) else {
            return Ok(false);
        };
        let known = self.kind.as_deref();
        let is_type = known == Some(key);
        let first = self.content.is_none() && self.tentative.is_none() && self.later.is_empty();
        if first && (is_type || known.is_none()) {
            // Meta writes `type` after the payload: read it as content, tentatively.
            r.peek()?;
            let start = r.position();
            self.content = Some(Content::read_kind(key, r)?);
            if !is_type {
                self.tentative = Some((key, start, r.position()));
            }
            return Ok(true);
        }
        r.peek()?;
        let start = r.position();
        // Read as content only while it may be the message's.
        let content = if known.is_none() || is_type {
            Some(Content::read_kind(key, r)?)
        } else {
            r.raw_str()?;
            None
        };
        self.later.push((key, content, start, r.position()));
        Ok(true)
    }

    fn after_read(&mut self, r: &Reader<'_>) -> Result<(), ReadError> {
        let kind = self.kind.as_deref();
        let keep = |extra: &mut crate::wire::Extra, key: &str, start, end| {
            let raw = r
                .span(start, end)
                .ok_or_else(|| r.invalid("a payload outside the text"))?;
            extra.push(key.to_owned(), raw);
            Ok::<(), ReadError>(())
        };
        if let Some((key, start, end)) = self.tentative.take() {
            if Some(key) != kind {
                // Not the message's type: kept as it came, among the unknowns.
                self.content = None;
                keep(&mut self.extra, key, start, end)?;
            }
        }
        for (key, content, start, end) in std::mem::take(&mut self.later) {
            match content {
                Some(content) if Some(key) == kind && self.content.is_none() => {
                    self.content = Some(content);
                }
                _ => keep(&mut self.extra, key, start, end)?,
            }
        }
        if let Some(kind) = kind {
            if self.content.is_none() {
                if let Some(raw) = self.extra.remove(kind) {
                    self.content = Some(Content::from_raw(kind, raw));
                }
            }
        }
        Ok(())
    }

    fn write_more<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if let (Some(kind), Some(content)) = (&self.kind, &self.content) {
            map.serialize_entry(kind, content)?;
        }
        Ok(())
    }
}

impl Message {
    /// The message type (`""` when absent).
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("")
    }

    /// Whether the customer came from a click-to-WhatsApp ad or a Page post.
    pub fn has_referral(&self) -> bool {
        self.referral.is_some()
    }
}

wire_struct! {
    /// The `context` of a message.
    pub struct Context {
        /// Who sent the message replied to.
        from: String = "from",
        /// The id of the message replied to.
        id: String = "id",
        /// Forwarded.
        forwarded: bool = "forwarded",
        /// Forwarded more than five times.
        frequently_forwarded: bool = "frequently_forwarded",
        /// The product the customer asked about (kept as it came).
        referred_product: RawJson = "referred_product",
    }
}
impl WireHooks for Context {}

wire_struct! {
    /// The click-to-WhatsApp ad or post a message came from.
    pub struct Referral {
        /// The ad's or post's URL.
        source_url: String = "source_url",
        /// `ad` or `post`.
        source_type: String = "source_type",
        /// The ad's or post's id.
        source_id: String = "source_id",
        /// The headline.
        headline: String = "headline",
        /// The body.
        body: String = "body",
        /// `image` or `video`.
        media_type: String = "media_type",
        /// The image URL.
        image_url: String = "image_url",
        /// The video URL.
        video_url: String = "video_url",
        /// The thumbnail URL.
        thumbnail_url: String = "thumbnail_url",
        /// The click id.
        ctwa_clid: String = "ctwa_clid",
    }
}
impl WireHooks for Referral {}

/// The payload of a message, by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// `text`.
    Text(TextContent),
    /// `image`.
    Image(MediaContent),
    /// `video`.
    Video(MediaContent),
    /// `audio` (a voice note has `voice: true`).
    Audio(MediaContent),
    /// `voice` (On-Premises voice notes).
    Voice(MediaContent),
    /// `document`.
    Document(MediaContent),
    /// `sticker`.
    Sticker(MediaContent),
    /// `location`.
    Location(LocationContent),
    /// `contacts`: contact cards, kept as they came ([`Content::contact_names`] reads names).
    Contacts(RawJson),
    /// `interactive`: a reply to buttons, a list or a flow.
    Interactive(InteractiveContent),
    /// `button`: a tap on a template's quick-reply button.
    Button(ButtonContent),
    /// `reaction` (an absent or empty emoji removes a reaction).
    Reaction(ReactionContent),
    /// `order`.
    Order(OrderContent),
    /// `system`.
    System(SystemContent),
    /// `revoke`: the customer deleted a message.
    Revoke(RevokeContent),
    /// `edit`: the customer edited a message.
    Edit(EditContent),
    /// `unsupported`, kept as it came.
    Unsupported(RawJson),
    /// Any other type, kept as it came.
    Unknown(RawJson),
    /// A known type whose payload did not have the expected shape, kept as it came.
    Unparsed {
        /// The payload.
        raw: RawJson,
        /// Why it could not be read.
        error: String,
    },
}

/// The message types whose payload is read as typed content.
const CONTENT_KINDS: [&str; 17] = [
    "text",
    "image",
    "video",
    "audio",
    "voice",
    "document",
    "sticker",
    "location",
    "interactive",
    "button",
    "reaction",
    "order",
    "system",
    "revoke",
    "edit",
    "contacts",
    "unsupported",
];

impl Content {
    /// Reads the payload of a message of type `kind` (one of [`CONTENT_KINDS`]) in place; one of
    /// unexpected shape is kept as it came ([`Content::Unparsed`]).
    fn read_kind(kind: &str, r: &mut Reader<'_>) -> Result<Content, ReadError> {
        fn typed<T: ReadWire>(
            r: &mut Reader<'_>,
            f: fn(T) -> Content,
        ) -> Result<Content, ReadError> {
            Ok(match r.isolated(T::read)? {
                Ok(v) => f(v),
                Err(bad) => Content::Unparsed {
                    raw: bad.raw,
                    error: bad.error,
                },
            })
        }
        match kind {
            "text" => typed(r, Content::Text),
            "image" => typed(r, Content::Image),
            "video" => typed(r, Content::Video),
            "audio" => typed(r, Content::Audio),
            "voice" => typed(r, Content::Voice),
            "document" => typed(r, Content::Document),
            "sticker" => typed(r, Content::Sticker),
            "location" => typed(r, Content::Location),
            "interactive" => typed(r, Content::Interactive),
            "button" => typed(r, Content::Button),
            "reaction" => typed(r, Content::Reaction),
            "order" => typed(r, Content::Order),
            "system" => typed(r, Content::System),
            "revoke" => typed(r, Content::Revoke),
            "edit" => typed(r, Content::Edit),
            _ => r.raw().map(|raw| Content::from_raw(kind, raw)),
        }
    }

    /// The payload of a type that is not read as typed content, kept as it came.
    fn from_raw(kind: &str, raw: RawJson) -> Content {
        match kind {
            "contacts" if raw.get().starts_with('[') => Content::Contacts(raw),
            "unsupported" => Content::Unsupported(raw),
            _ => Content::Unknown(raw),
        }
    }

    /// The media of an image, video, audio, voice, document or sticker message.
    pub fn media(&self) -> Option<&MediaContent> {
        match self {
            Content::Image(m)
            | Content::Video(m)
            | Content::Audio(m)
            | Content::Voice(m)
            | Content::Document(m)
            | Content::Sticker(m) => Some(m),
            _ => None,
        }
    }

    /// The formatted names of the cards of a `contacts` message.
    pub fn contact_names(&self) -> Vec<String> {
        let Content::Contacts(raw) = self else {
            return Vec::new();
        };
        raw.elements()
            .unwrap_or_default()
            .iter()
            .filter_map(|card| card.text_at(&["name", "formatted_name"]))
            .collect()
    }
}

impl Serialize for Content {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Content::Text(v) => v.serialize(serializer),
            Content::Image(v)
            | Content::Video(v)
            | Content::Audio(v)
            | Content::Voice(v)
            | Content::Document(v)
            | Content::Sticker(v) => v.serialize(serializer),
            Content::Location(v) => v.serialize(serializer),
            Content::Interactive(v) => v.serialize(serializer),
            Content::Button(v) => v.serialize(serializer),
            Content::Reaction(v) => v.serialize(serializer),
            Content::Order(v) => v.serialize(serializer),
            Content::System(v) => v.serialize(serializer),
            Content::Revoke(v) => v.serialize(serializer),
            Content::Edit(v) => v.serialize(serializer),
            Content::Contacts(raw)
            | Content::Unsupported(raw)
            | Content::Unknown(raw)
            | Content::Unparsed { raw, .. } => raw.serialize(serializer),
        }
    }
}

wire_struct! {
    /// `text`.
    pub struct TextContent {
        /// The text.
        body: String = "body",
    }
}
impl WireHooks for TextContent {}

wire_struct! {
    /// The media of an image, video, audio, voice, document or sticker message.
    pub struct MediaContent {
        /// The media id (download it with the Graph API).
        id: String = "id",
        /// The MIME type.
        mime_type: String = "mime_type",
        /// The SHA-256 of the file, base64.
        sha256: String = "sha256",
        /// The caption.
        caption: String = "caption",
        /// The document's file name.
        filename: String = "filename",
        /// An animated sticker.
        animated: bool = "animated",
        /// A voice note (audio recorded in WhatsApp).
        voice: bool = "voice",
        /// A download URL (newer webhooks).
        url: String = "url",
    }
}
impl WireHooks for MediaContent {}

wire_struct! {
    /// `location`.
    pub struct LocationContent {
        /// Latitude, kept as written.
        latitude: JsonNumber = "latitude",
        /// Longitude, kept as written.
        longitude: JsonNumber = "longitude",
        /// The place's name.
        name: String = "name",
        /// The place's address.
        address: String = "address",
        /// A map URL.
        url: String = "url",
    }
}
impl WireHooks for LocationContent {}

wire_struct! {
    /// `interactive`: the customer's answer to an interactive message.
    pub struct InteractiveContent {
        /// `button_reply`, `list_reply`, `nfm_reply`, …; the reply sits under the key of that name.
        kind: String = "type",
    }
    also {
        /// The reply under the key named by `kind`.
        reply: Option<InteractiveReply>,
    }
}

impl WireHooks for InteractiveContent {
    fn after_read(&mut self, _r: &Reader<'_>) -> Result<(), ReadError> {
        if let Some(kind) = &self.kind {
            if let Some(raw) = self.extra.remove(kind) {
                self.reply = Some(InteractiveReply::parse(kind, raw));
            }
        }
        Ok(())
    }

    fn write_more<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if let (Some(kind), Some(reply)) = (&self.kind, &self.reply) {
            map.serialize_entry(kind, reply)?;
        }
        Ok(())
    }
}

/// The reply inside an `interactive` message.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InteractiveReply {
    /// `button_reply`: the button tapped.
    ButtonReply(ChoiceReply),
    /// `list_reply`: the row chosen.
    ListReply(ChoiceReply),
    /// `nfm_reply`: a flow's response.
    NfmReply(NfmReply),
    /// Any other reply (call permission, …) or one of unexpected shape, kept as it came.
    Other(RawJson),
}

impl InteractiveReply {
    fn parse(kind: &str, raw: RawJson) -> InteractiveReply {
        match kind {
            "button_reply" => raw
                .read()
                .map(InteractiveReply::ButtonReply)
                .unwrap_or(InteractiveReply::Other(raw)),
            "list_reply" => raw
                .read()
                .map(InteractiveReply::ListReply)
                .unwrap_or(InteractiveReply::Other(raw)),
            "nfm_reply" => raw
                .read()
                .map(InteractiveReply::NfmReply)
                .unwrap_or(InteractiveReply::Other(raw)),
            _ => InteractiveReply::Other(raw),
        }
    }
}

impl Serialize for InteractiveReply {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            InteractiveReply::ButtonReply(c) | InteractiveReply::ListReply(c) => {
                c.serialize(serializer)
            }
            InteractiveReply::NfmReply(n) => n.serialize(serializer),
            InteractiveReply::Other(raw) => raw.serialize(serializer),
        }
    }
}

wire_struct! {
    /// A tapped button or a chosen list row.
    pub struct ChoiceReply {
        /// The id given when sending.
        id: String = "id",
        /// The title shown.
        title: String = "title",
        /// The row's description (lists).
        description: String = "description",
    }
}
impl WireHooks for ChoiceReply {}

wire_struct! {
    /// A flow's response.
    pub struct NfmReply {
        /// The flow's name.
        name: String = "name",
        /// The text shown in the chat.
        body: String = "body",
        /// The response, a JSON document in a string.
        response_json: String = "response_json",
    }
}
impl WireHooks for NfmReply {}

wire_struct! {
    /// `button`: a template quick-reply tap.
    pub struct ButtonContent {
        /// The payload given when sending.
        payload: String = "payload",
        /// The button's label.
        text: String = "text",
    }
}
impl WireHooks for ButtonContent {}

wire_struct! {
    /// `reaction`.
    pub struct ReactionContent {
        /// The message reacted to.
        message_id: String = "message_id",
        /// The emoji; absent or empty when a reaction is removed.
        emoji: String = "emoji",
    }
}
impl WireHooks for ReactionContent {}

impl ReactionContent {
    /// Whether this removes an earlier reaction.
    pub fn is_removal(&self) -> bool {
        self.emoji.as_deref().is_none_or(str::is_empty)
    }
}

wire_struct! {
    /// `order`.
    pub struct OrderContent {
        /// The catalog.
        catalog_id: String = "catalog_id",
        /// The customer's note.
        text: String = "text",
        /// The items.
        product_items: List<ProductItem> = "product_items",
    }
}
impl WireHooks for OrderContent {}

wire_struct! {
    /// One item of an order.
    pub struct ProductItem {
        /// The product's id in the catalog.
        product_retailer_id: String = "product_retailer_id",
        /// How many.
        quantity: JsonNumber = "quantity",
        /// Unit price, kept as written.
        item_price: JsonNumber = "item_price",
        /// ISO 4217 currency.
        currency: String = "currency",
    }
}
impl WireHooks for ProductItem {}

wire_struct! {
    /// `system`: a number change or an identity change.
    pub struct SystemContent {
        /// The text.
        body: String = "body",
        /// `user_changed_number`, `customer_identity_changed`, ….
        kind: String = "type",
        /// The new wa_id.
        wa_id: String = "wa_id",
        /// The customer (older webhooks).
        customer: String = "customer",
        /// The new wa_id (older webhooks).
        new_wa_id: String = "new_wa_id",
    }
}
impl WireHooks for SystemContent {}

wire_struct! {
    /// `revoke`: a deleted message.
    pub struct RevokeContent {
        /// The id of the deleted message.
        original_message_id: String = "original_message_id",
    }
}
impl WireHooks for RevokeContent {}

wire_struct! {
    /// `edit`: an edited message.
    pub struct EditContent {
        /// The id of the edited message.
        original_message_id: String = "original_message_id",
        /// The new version.
        message: Box<Message> = "message",
    }
}
impl WireHooks for EditContent {}
