//! Template definitions in Meta's format (`POST /{WABA}/message_templates`, and what
//! `GET message_templates` returns). Read with the model's lossless reader ([`waba_model::wire`]),
//! strictly: a key given twice anywhere is refused with its JSON path (decision 0008); unknown
//! components, header formats, button kinds and fields are kept as they came, numbers of any size
//! included, and written back unchanged (decision 0004). The rules are checked when a definition
//! becomes a [`Template`](crate::Template).

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use waba_model::wire::{Extra, RawJson, ReadError, ReadWire, Reader, read_document};

use crate::error::cap;
use crate::{DEFINITION_MAX_BYTES, TemplateError};

/// A template definition: one entry of Meta's template list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TemplateDefinition {
    /// The template's name (`order_confirmation`).
    pub name: String,
    /// Its language code (`en_US`).
    pub language: String,
    /// `MARKETING`, `UTILITY`, `AUTHENTICATION`...
    pub category: Option<String>,
    /// `POSITIONAL` or `NAMED`; absent means positional unless the texts use names.
    pub parameter_format: Option<String>,
    /// The components, in order.
    pub components: Vec<Component>,
    /// Every other field (`id`, `status`, `message_send_ttl_seconds`...), kept as it came, in
    /// order (an explicit `null` on a known optional field too).
    pub extra: Extra,
}

impl TemplateDefinition {
    /// A definition with a name, a language and components.
    pub fn new(
        name: impl Into<String>,
        language: impl Into<String>,
        components: Vec<Component>,
    ) -> TemplateDefinition {
        TemplateDefinition {
            name: name.into(),
            language: language.into(),
            category: None,
            parameter_format: None,
            components,
            extra: Extra::default(),
        }
    }

    /// Reads a definition from its JSON text: at most [`DEFINITION_MAX_BYTES`], strictly (a key
    /// given twice anywhere is refused with its path: `json.duplicate_key`), losslessly (what
    /// this crate does not model is kept byte for byte, numbers of any size included).
    ///
    /// ```
    /// use waba_template::TemplateDefinition;
    ///
    /// let d = TemplateDefinition::from_json(r#"{"name": "x", "language": "en", "id": 12345678901234567890123,
    ///     "components": [{"type": "BODY", "text": "Hi"}, {"type": "CAROUSEL", "cards": [1e-999]}]}"#)?;
    /// let back = serde_json::to_string(&d)?;
    /// assert!(back.contains("12345678901234567890123") && back.contains("1e-999"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<TemplateDefinition, TemplateError> {
        read_strictly(text)
    }
}

/// Reads `text` (at most [`DEFINITION_MAX_BYTES`]) strictly as one `T`, errors mapped to the
/// template contract.
pub(crate) fn read_strictly<T: ReadWire>(text: &str) -> Result<T, TemplateError> {
    if text.len() > DEFINITION_MAX_BYTES {
        return Err(TemplateError::Json(waba_json::JsonError::TooLarge {
            limit: DEFINITION_MAX_BYTES as u64,
            actual: text.len() as u64,
        }));
    }
    read_document(&mut Reader::strict(text)).map_err(|e| definition_error(&e, text))
}

/// The template contract's error for what the reader refused in `text`: a key given twice or a
/// nesting too deep keep the JSON codes (`json.duplicate_key` with its path, `json.too_deep`);
/// anything else is `template.definition_invalid`.
fn definition_error(e: &ReadError, text: &str) -> TemplateError {
    let (line, column) = e.line_column(text);
    match e {
        ReadError::DuplicateKey { path, .. } => {
            TemplateError::Json(waba_json::JsonError::DuplicateKey { path: path.clone() })
        }
        ReadError::TooDeep { limit, .. } => TemplateError::Json(waba_json::JsonError::TooDeep {
            limit: *limit,
            line,
            column,
        }),
        // Worded as before the lossless reader: the JSON reader's place for what is not JSON,
        // the shape error alone otherwise.
        ReadError::Syntax { .. } => TemplateError::Definition {
            message: cap(&format!(
                "not JSON at line {line} column {column}: {}",
                e.describe(text)
            )),
        },
        _ => TemplateError::Definition {
            message: e
                .to_string()
                .chars()
                .take(waba_model::MESSAGE_QUOTE_MAX)
                .collect(),
        },
    }
}

impl ReadWire for TemplateDefinition {
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let (mut name, mut language, mut components) = (None, None, None);
        let mut d = TemplateDefinition::new("", "", Vec::new());
        let start = r.position();
        r.object("struct TemplateDefinition", |r, key| {
            match &*key {
                "name" => name = Some(known(r, name.is_some(), "name")?),
                "language" => language = Some(known(r, language.is_some(), "language")?),
                "category" | "parameter_format" if r.null()? => {
                    d.extra.push(key.into_owned(), RawJson::null());
                }
                "category" => d.category = Some(known(r, d.category.is_some(), "category")?),
                "parameter_format" => {
                    let seen = d.parameter_format.is_some();
                    d.parameter_format = Some(known(r, seen, "parameter_format")?);
                }
                "components" => {
                    if components.is_some() {
                        return Err(r.duplicate_field("components"));
                    }
                    let mut list = Vec::new();
                    r.array("a sequence", |r, _| {
                        list.push(Component::read(r)?);
                        Ok(())
                    })?;
                    components = Some(list);
                }
                _ => {
                    let raw = r.raw()?;
                    d.extra.push(key.into_owned(), raw);
                }
            }
            Ok(())
        })?;
        let missing = |field: &str| ReadError::Invalid {
            message: format!("missing field `{field}`"),
            offset: start as u64,
        };
        d.name = name.ok_or_else(|| missing("name"))?;
        d.language = language.ok_or_else(|| missing("language"))?;
        d.components = components.ok_or_else(|| missing("components"))?;
        Ok(d)
    }
}

/// A known string field (refused when given twice).
fn known(r: &mut Reader<'_>, seen: bool, field: &'static str) -> Result<String, ReadError> {
    if seen {
        return Err(r.duplicate_field(field));
    }
    String::read(r)
}

impl Serialize for TemplateDefinition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("language", &self.language)?;
        if let Some(c) = &self.category {
            map.serialize_entry("category", c)?;
        }
        if let Some(p) = &self.parameter_format {
            map.serialize_entry("parameter_format", p)?;
        }
        map.serialize_entry("components", &self.components)?;
        let written = [
            Some("name"),
            Some("language"),
            Some("components"),
            self.category.as_ref().map(|_| "category"),
            self.parameter_format.as_ref().map(|_| "parameter_format"),
        ];
        write_extra(&mut map, &self.extra, &written)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for TemplateDefinition {
    /// Through the strict, lossless reader (serde_json only: the value's text is handed over).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        TemplateDefinition::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

/// Writes the members of `extra` whose keys were not written already (`written`; `None` for a
/// field left out, so that any key, the empty one included, is told apart from it).
fn write_extra<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    written: &[Option<&str>],
) -> Result<(), M::Error> {
    for (k, v) in &extra.0 {
        if !written.contains(&Some(k.as_str())) {
            map.serialize_entry(k, v)?;
        }
    }
    Ok(())
}

/// A component or a button this crate does not model, exactly as it came.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Unmodelled {
    /// Its `type` (empty when absent or not a string).
    pub kind: String,
    /// Its `text`, when it is a string (a button's label).
    pub text: Option<String>,
    /// The JSON as it came.
    pub raw: RawJson,
}

impl Unmodelled {
    /// Kept as it came: `raw` must be a JSON object.
    pub fn new(raw: RawJson) -> Unmodelled {
        let members = Extra::from_json(raw.get()).unwrap_or_default();
        let text_of = |key: &str| members.get(key).and_then(|v| v.read::<String>().ok());
        Unmodelled {
            kind: text_of("type").unwrap_or_default(),
            text: text_of("text"),
            raw,
        }
    }
}

/// A component of a definition.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Component {
    /// `HEADER`.
    Header(Header),
    /// `BODY`.
    Body(TextComponent),
    /// `FOOTER`.
    Footer(TextComponent),
    /// `BUTTONS`.
    Buttons(Buttons),
    /// Any other component (`CAROUSEL`, `LIMITED_TIME_OFFER`...), exactly as it came.
    Other(Unmodelled),
}

/// A header's format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderFormat {
    /// `TEXT`.
    Text,
    /// `IMAGE`.
    Image,
    /// `VIDEO`.
    Video,
    /// `DOCUMENT`.
    Document,
    /// `LOCATION`.
    Location,
    /// Anything else (`GIF`, `PRODUCT`...), as written.
    Other(String),
}

impl HeaderFormat {
    /// Meta's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            HeaderFormat::Text => "TEXT",
            HeaderFormat::Image => "IMAGE",
            HeaderFormat::Video => "VIDEO",
            HeaderFormat::Document => "DOCUMENT",
            HeaderFormat::Location => "LOCATION",
            HeaderFormat::Other(s) => s,
        }
    }

    fn from_wire(s: String) -> HeaderFormat {
        match s.as_str() {
            "TEXT" => HeaderFormat::Text,
            "IMAGE" => HeaderFormat::Image,
            "VIDEO" => HeaderFormat::Video,
            "DOCUMENT" => HeaderFormat::Document,
            "LOCATION" => HeaderFormat::Location,
            _ => HeaderFormat::Other(s),
        }
    }
}

/// A `HEADER` component.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Header {
    /// Its format (`None` when the definition leaves it out: read as `TEXT`, written back absent).
    pub format: Option<HeaderFormat>,
    /// The text, for `TEXT` headers.
    pub text: Option<String>,
    /// Every other field (`example`...), kept as it came.
    pub extra: Extra,
}

impl Header {
    /// A text header.
    pub fn text(text: impl Into<String>) -> Header {
        Header {
            format: Some(HeaderFormat::Text),
            text: Some(text.into()),
            extra: Extra::default(),
        }
    }

    /// A media or location header.
    pub fn media(format: HeaderFormat) -> Header {
        Header {
            format: Some(format),
            text: None,
            extra: Extra::default(),
        }
    }
}

/// A `BODY` or `FOOTER` component.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TextComponent {
    /// The text (absent in authentication templates, which Meta writes).
    pub text: Option<String>,
    /// Every other field (`example`, `add_security_recommendation`...), kept as it came.
    pub extra: Extra,
}

impl TextComponent {
    /// A component with a text.
    pub fn new(text: impl Into<String>) -> TextComponent {
        TextComponent {
            text: Some(text.into()),
            extra: Extra::default(),
        }
    }
}

/// A `BUTTONS` component.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Buttons {
    /// The buttons, in order.
    pub buttons: Vec<Button>,
    /// Every other field, kept as it came.
    pub extra: Extra,
}

impl Buttons {
    /// A buttons component.
    pub fn new(buttons: Vec<Button>) -> Buttons {
        Buttons {
            buttons,
            extra: Extra::default(),
        }
    }
}

/// A button of a definition.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Button {
    /// `QUICK_REPLY`.
    QuickReply {
        /// The label.
        text: String,
        /// Other fields.
        extra: Extra,
    },
    /// `URL`: static, or with one `{{1}}` suffix variable.
    Url {
        /// The label.
        text: String,
        /// The URL.
        url: String,
        /// Other fields (`example`).
        extra: Extra,
    },
    /// `PHONE_NUMBER`.
    PhoneNumber {
        /// The label.
        text: String,
        /// The number.
        phone_number: String,
        /// Other fields.
        extra: Extra,
    },
    /// `COPY_CODE`: the coupon code is given at send time.
    CopyCode {
        /// Other fields (`example`).
        extra: Extra,
    },
    /// Any other kind (`OTP`, `CATALOG`, `MPM`, `SPM`, `FLOW`...), exactly as it came.
    Other(Unmodelled),
}

impl Button {
    /// A quick-reply button.
    pub fn quick_reply(text: impl Into<String>) -> Button {
        Button::QuickReply {
            text: text.into(),
            extra: Extra::default(),
        }
    }

    /// A URL button.
    pub fn url(text: impl Into<String>, url: impl Into<String>) -> Button {
        Button::Url {
            text: text.into(),
            url: url.into(),
            extra: Extra::default(),
        }
    }

    /// A phone-number button.
    pub fn phone(text: impl Into<String>, phone_number: impl Into<String>) -> Button {
        Button::PhoneNumber {
            text: text.into(),
            phone_number: phone_number.into(),
            extra: Extra::default(),
        }
    }

    /// A copy-code button.
    pub fn copy_code() -> Button {
        Button::CopyCode {
            extra: Extra::default(),
        }
    }

    /// Meta's `type`, typed.
    pub fn kind(&self) -> ButtonKind {
        match self {
            Button::QuickReply { .. } => ButtonKind::QuickReply,
            Button::Url { .. } => ButtonKind::Url,
            Button::PhoneNumber { .. } => ButtonKind::PhoneNumber,
            Button::CopyCode { .. } => ButtonKind::CopyCode,
            Button::Other(u) => ButtonKind::from_wire(&u.kind),
        }
    }

    /// The label a customer reads (copy-code buttons show Meta's fixed "Copy offer code").
    pub fn label(&self) -> Option<&str> {
        match self {
            Button::QuickReply { text, .. }
            | Button::Url { text, .. }
            | Button::PhoneNumber { text, .. } => Some(text),
            Button::CopyCode { .. } => Some(COPY_CODE_LABEL),
            Button::Other(u) => u.text.as_deref(),
        }
    }
}

/// A template button's kind: Meta's `type`. Open, as Meta adds kinds: a kind not listed here is
/// [`ButtonKind::Other`], with its button kept whole in [`Button::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ButtonKind {
    /// `QUICK_REPLY`.
    QuickReply,
    /// `URL`.
    Url,
    /// `PHONE_NUMBER`.
    PhoneNumber,
    /// `COPY_CODE`.
    CopyCode,
    /// `OTP`: an authentication template's one-time password.
    Otp,
    /// `CATALOG`.
    Catalog,
    /// `MPM`: multi-product.
    Mpm,
    /// `SPM`: single product.
    Spm,
    /// `FLOW`.
    Flow,
    /// `VOICE_CALL`.
    VoiceCall,
    /// Any other `type`, as written (empty when the button has none).
    Other(String),
}

impl ButtonKind {
    /// Meta's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            ButtonKind::QuickReply => "QUICK_REPLY",
            ButtonKind::Url => "URL",
            ButtonKind::PhoneNumber => "PHONE_NUMBER",
            ButtonKind::CopyCode => "COPY_CODE",
            ButtonKind::Otp => "OTP",
            ButtonKind::Catalog => "CATALOG",
            ButtonKind::Mpm => "MPM",
            ButtonKind::Spm => "SPM",
            ButtonKind::Flow => "FLOW",
            ButtonKind::VoiceCall => "VOICE_CALL",
            ButtonKind::Other(s) => s,
        }
    }

    /// Reads Meta's spelling (exactly, as Meta writes it).
    pub fn from_wire(s: &str) -> ButtonKind {
        match s {
            "QUICK_REPLY" => ButtonKind::QuickReply,
            "URL" => ButtonKind::Url,
            "PHONE_NUMBER" => ButtonKind::PhoneNumber,
            "COPY_CODE" => ButtonKind::CopyCode,
            "OTP" => ButtonKind::Otp,
            "CATALOG" => ButtonKind::Catalog,
            "MPM" => ButtonKind::Mpm,
            "SPM" => ButtonKind::Spm,
            "FLOW" => ButtonKind::Flow,
            "VOICE_CALL" => ButtonKind::VoiceCall,
            other => ButtonKind::Other(other.to_owned()),
        }
    }
}

/// The label WhatsApp shows on a copy-code button.
pub const COPY_CODE_LABEL: &str = "Copy offer code";

/// Takes `key` out of `members`: absent or `null` is `None` (a `null` stays among the members), a
/// string is its text, anything else is refused.
fn take_string(members: &mut Extra, key: &str) -> Result<Option<String>, String> {
    if members.get(key).is_some_and(|v| v.get() == "null") {
        // Kept where it was, and written back.
        return Ok(None);
    }
    match members.remove(key) {
        None => Ok(None),
        Some(v) => v
            .read::<String>()
            .map(Some)
            .map_err(|_| format!("`{key}` is not a string")),
    }
}

/// An object read in place as its members, with its text and where it starts.
fn members(r: &mut Reader<'_>) -> Result<(Extra, RawJson, u64), ReadError> {
    r.peek()?;
    let at = r.position() as u64;
    let (members, raw) = r.with_raw(Extra::read)?;
    Ok((members, raw, at))
}

/// The `type` of an object's members, when it is a string.
fn kind_of(members: &Extra) -> Option<String> {
    members.get("type").and_then(|t| t.read::<String>().ok())
}

fn refusal(at: u64) -> impl Fn(String) -> ReadError {
    move |message| ReadError::Invalid {
        message,
        offset: at,
    }
}

impl ReadWire for Component {
    /// Reads a component in place; one of an unknown type is kept as it came.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let (mut o, raw, at) = members(r)?;
        let refuse = refusal(at);
        match kind_of(&o).as_deref() {
            Some("HEADER") => {
                o.remove("type");
                let format = take_string(&mut o, "format")
                    .map_err(&refuse)?
                    .map(HeaderFormat::from_wire);
                let text = take_string(&mut o, "text").map_err(&refuse)?;
                Ok(Component::Header(Header {
                    format,
                    text,
                    extra: o,
                }))
            }
            Some(kind @ ("BODY" | "FOOTER")) => {
                let body = kind == "BODY";
                o.remove("type");
                let text = take_string(&mut o, "text").map_err(&refuse)?;
                let c = TextComponent { text, extra: o };
                Ok(if body {
                    Component::Body(c)
                } else {
                    Component::Footer(c)
                })
            }
            Some("BUTTONS") => {
                o.remove("type");
                let buttons = match o.remove("buttons") {
                    None => Vec::new(),
                    Some(v) if v.get() == "null" => Vec::new(),
                    Some(v) if v.get().starts_with('[') => {
                        // Already read strictly in place: what is left is the buttons' shape.
                        let mut list = Vec::new();
                        Reader::new(v.get())
                            .array("an array of buttons", |r, _| {
                                list.push(Button::read(r)?);
                                Ok(())
                            })
                            .map_err(|e| refuse(e.to_string()))?;
                        list
                    }
                    Some(_) => return Err(refuse("`buttons` is not an array".into())),
                };
                Ok(Component::Buttons(Buttons { buttons, extra: o }))
            }
            _ => Ok(Component::Other(Unmodelled::new(raw))),
        }
    }
}

impl ReadWire for Button {
    /// Reads a button in place; one of an unknown kind is kept as it came.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let (mut o, raw, at) = members(r)?;
        let refuse = refusal(at);
        let kind = kind_of(&o).unwrap_or_default();
        let need = |o: &mut Extra, key: &str| -> Result<String, ReadError> {
            take_string(o, key)
                .map_err(&refuse)?
                .ok_or_else(|| refuse(format!("a {kind} button has no `{key}`")))
        };
        match kind.as_str() {
            "QUICK_REPLY" => {
                o.remove("type");
                let text = need(&mut o, "text")?;
                Ok(Button::QuickReply { text, extra: o })
            }
            "URL" => {
                o.remove("type");
                let text = need(&mut o, "text")?;
                let url = need(&mut o, "url")?;
                Ok(Button::Url {
                    text,
                    url,
                    extra: o,
                })
            }
            "PHONE_NUMBER" => {
                o.remove("type");
                let text = need(&mut o, "text")?;
                let phone_number = need(&mut o, "phone_number")?;
                Ok(Button::PhoneNumber {
                    text,
                    phone_number,
                    extra: o,
                })
            }
            "COPY_CODE" => {
                o.remove("type");
                Ok(Button::CopyCode { extra: o })
            }
            _ => Ok(Button::Other(Unmodelled::new(raw))),
        }
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (kind, text, extra): (&str, Option<&String>, &Extra) = match self {
            Component::Other(u) => return u.raw.serialize(s),
            Component::Header(h) => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("type", "HEADER")?;
                if let Some(f) = &h.format {
                    map.serialize_entry("format", f.as_str())?;
                }
                if let Some(t) = &h.text {
                    map.serialize_entry("text", t)?;
                }
                let format = h.format.as_ref().map(|_| "format");
                let text = h.text.as_ref().map(|_| "text");
                write_extra(&mut map, &h.extra, &[Some("type"), format, text])?;
                return map.end();
            }
            Component::Buttons(b) => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("type", "BUTTONS")?;
                map.serialize_entry("buttons", &b.buttons)?;
                write_extra(&mut map, &b.extra, &[Some("type"), Some("buttons")])?;
                return map.end();
            }
            Component::Body(c) => ("BODY", c.text.as_ref(), &c.extra),
            Component::Footer(c) => ("FOOTER", c.text.as_ref(), &c.extra),
        };
        let known = [Some("type"), text.map(|_| "text")];
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("type", kind)?;
        if let Some(t) = text {
            map.serialize_entry("text", t)?;
        }
        write_extra(&mut map, extra, &known)?;
        map.end()
    }
}

impl Serialize for Button {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = match self {
            Button::Other(u) => return u.raw.serialize(s),
            _ => s.serialize_map(None)?,
        };
        map.serialize_entry("type", self.kind().as_str())?;
        let (extra, written): (&Extra, &[Option<&str>]) = match self {
            Button::QuickReply { text, extra } => {
                map.serialize_entry("text", text)?;
                (extra, &[Some("type"), Some("text")])
            }
            Button::Url { text, url, extra } => {
                map.serialize_entry("text", text)?;
                map.serialize_entry("url", url)?;
                (extra, &[Some("type"), Some("text"), Some("url")])
            }
            Button::PhoneNumber {
                text,
                phone_number,
                extra,
            } => {
                map.serialize_entry("text", text)?;
                map.serialize_entry("phone_number", phone_number)?;
                (extra, &[Some("type"), Some("text"), Some("phone_number")])
            }
            Button::CopyCode { extra } => (extra, &[Some("type")]),
            Button::Other(_) => return map.end(),
        };
        write_extra(&mut map, extra, written)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Component {
    /// Through the strict, lossless reader (serde_json only).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        read_strictly(raw.get()).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Button {
    /// Through the strict, lossless reader (serde_json only).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        read_strictly(raw.get()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn unknown_kinds_round_trip() {
        let j = serde_json::json!({
            "name": "x", "language": "en_US", "id": "123",
            "components": [
                {"type": "CAROUSEL", "cards": [1, 2]},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ONE_TAP", "text": "Copy"},
                                                 {"type": "URL", "text": "Go", "url": "https://a.b/{{1}}", "example": ["x"]}]},
                {"type": "HEADER", "format": "GIF", "example": {"header_handle": ["h"]}},
                {"type": "HEADER", "text": "no format"}
            ]
        });
        let d: TemplateDefinition = serde_json::from_value(j.clone()).unwrap();
        assert!(matches!(&d.components[0], Component::Other(u) if u.kind == "CAROUSEL"));
        let Component::Buttons(b) = &d.components[1] else {
            panic!()
        };
        assert_eq!(
            (b.buttons[0].kind(), b.buttons[0].label()),
            (ButtonKind::Otp, Some("Copy"))
        );
        assert_eq!(serde_json::to_value(&d).unwrap(), j);
    }

    #[test]
    fn numbers_and_unknown_parts_are_kept_byte_for_byte() {
        // Decision 0004: what a JSON value would round is kept as written, not refused.
        let big = "1".repeat(117);
        let text = format!(
            r#"{{"name":"x","language":"en","components":[{{"type":"BODY","text":"Hi","n":{big}}},{{"type":"LIMITED_TIME_OFFER","limited_time_offer":{{"text":"x","has_expiration":true,"n":1e-999}}}}],"ttl":18446744073709551616,"z":-0}}"#
        );
        let d = TemplateDefinition::from_json(&text).unwrap();
        let back = serde_json::to_string(&d).unwrap();
        assert_eq!(back, text, "written back byte for byte");
        assert_eq!(TemplateDefinition::from_json(&back).unwrap(), d);
    }

    #[test]
    fn an_empty_key_is_a_key_like_any_other() {
        // Found by the `template_parse` fuzzer: a header without format or text, with a member
        // whose key is empty, lost that member when written back.
        let text = r#"{"name":"a","language":"en","components":[{"type":"HEADER","":"x"},{"type":"BODY","":1},{"type":"BUTTONS","buttons":[{"type":"COPY_CODE","":[]}]}],"":null}"#;
        let d = TemplateDefinition::from_json(text).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), text);
    }

    #[test]
    fn keys_twice_are_refused_with_their_path_anywhere() {
        for (text, path) in [
            (
                r#"{"name":"a","name":"b","language":"en","components":[]}"#,
                "name",
            ),
            (
                r#"{"name":"a","language":"en","components":[{"type":"CAROUSEL","cards":[{"a":1,"a":2}]}]}"#,
                "components[0].cards[0].a",
            ),
            (
                r#"{"name":"a","language":"en","components":[{"type":"BUTTONS","buttons":[{"type":"URL","url":"u","url":"v","text":"t"}]}]}"#,
                "components[0].buttons[0].url",
            ),
            (
                r#"{"name":"a","language":"en","components":[],"x":{"y":1,"y":1}}"#,
                "x.y",
            ),
        ] {
            let e = TemplateDefinition::from_json(text).unwrap_err();
            assert_eq!(
                (e.code(), e.field()),
                ("json.duplicate_key", Some(path)),
                "{text}"
            );
        }
    }

    #[test]
    fn shapes_it_cannot_read_are_definition_errors() {
        for bad in [
            r#"{"language":"en","components":[]}"#,
            r#"{"name":"a","language":"en","components":{}}"#,
            r#"{"name":"a","language":"en","components":[{"type":"HEADER","format":1}]}"#,
            r#"{"name":"a","language":"en","components":[{"type":"BUTTONS","buttons":[{"type":"URL","text":"t"}]}]}"#,
            r#"{"name":"a","language":"en","components":[{"type":"BODY","text":"\ud800"}]}"#,
            "[]",
            "{",
        ] {
            let e = TemplateDefinition::from_json(bad).unwrap_err();
            assert_eq!(e.code(), "template.definition_invalid", "{bad}");
        }
        let deep = format!(
            r#"{{"name":"a","language":"en","components":[],"x":{}1{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        let e = TemplateDefinition::from_json(&deep).unwrap_err();
        assert_eq!(e.code(), "json.too_deep");
    }
}
