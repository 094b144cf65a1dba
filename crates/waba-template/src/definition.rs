//! Template definitions in Meta's format (`POST /{WABA}/message_templates`, and what
//! `GET message_templates` returns). Lenient and lossless: unknown components, header formats,
//! button kinds and fields are kept as they came and written back unchanged. The rules are
//! checked when a definition becomes a [`Template`](crate::Template).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A template definition: one entry of Meta's template list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TemplateDefinition {
    /// The template's name (`order_confirmation`).
    pub name: String,
    /// Its language code (`en_US`).
    pub language: String,
    /// `MARKETING`, `UTILITY`, `AUTHENTICATION`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// `POSITIONAL` or `NAMED`; absent means positional unless the texts use names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<String>,
    /// The components, in order.
    pub components: Vec<Component>,
    /// Every other field (`id`, `status`, `message_send_ttl_seconds`...), kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
            extra: Map::new(),
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
    Other(Value),
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
    pub extra: Map<String, Value>,
}

impl Header {
    /// A text header.
    pub fn text(text: impl Into<String>) -> Header {
        Header {
            format: Some(HeaderFormat::Text),
            text: Some(text.into()),
            extra: Map::new(),
        }
    }

    /// A media or location header.
    pub fn media(format: HeaderFormat) -> Header {
        Header {
            format: Some(format),
            text: None,
            extra: Map::new(),
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
    pub extra: Map<String, Value>,
}

impl TextComponent {
    /// A component with a text.
    pub fn new(text: impl Into<String>) -> TextComponent {
        TextComponent {
            text: Some(text.into()),
            extra: Map::new(),
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
    pub extra: Map<String, Value>,
}

impl Buttons {
    /// A buttons component.
    pub fn new(buttons: Vec<Button>) -> Buttons {
        Buttons {
            buttons,
            extra: Map::new(),
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
        extra: Map<String, Value>,
    },
    /// `URL`: static, or with one `{{1}}` suffix variable.
    Url {
        /// The label.
        text: String,
        /// The URL.
        url: String,
        /// Other fields (`example`).
        extra: Map<String, Value>,
    },
    /// `PHONE_NUMBER`.
    PhoneNumber {
        /// The label.
        text: String,
        /// The number.
        phone_number: String,
        /// Other fields.
        extra: Map<String, Value>,
    },
    /// `COPY_CODE`: the coupon code is given at send time.
    CopyCode {
        /// Other fields (`example`).
        extra: Map<String, Value>,
    },
    /// Any other kind (`OTP`, `CATALOG`, `MPM`, `SPM`, `FLOW`...), exactly as it came.
    Other(Value),
}

impl Button {
    /// A quick-reply button.
    pub fn quick_reply(text: impl Into<String>) -> Button {
        Button::QuickReply {
            text: text.into(),
            extra: Map::new(),
        }
    }

    /// A URL button.
    pub fn url(text: impl Into<String>, url: impl Into<String>) -> Button {
        Button::Url {
            text: text.into(),
            url: url.into(),
            extra: Map::new(),
        }
    }

    /// A phone-number button.
    pub fn phone(text: impl Into<String>, phone_number: impl Into<String>) -> Button {
        Button::PhoneNumber {
            text: text.into(),
            phone_number: phone_number.into(),
            extra: Map::new(),
        }
    }

    /// A copy-code button.
    pub fn copy_code() -> Button {
        Button::CopyCode { extra: Map::new() }
    }

    /// Meta's `type`.
    pub fn kind(&self) -> &str {
        match self {
            Button::QuickReply { .. } => "QUICK_REPLY",
            Button::Url { .. } => "URL",
            Button::PhoneNumber { .. } => "PHONE_NUMBER",
            Button::CopyCode { .. } => "COPY_CODE",
            Button::Other(v) => v.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The label a customer reads (copy-code buttons show Meta's fixed "Copy offer code").
    pub fn label(&self) -> Option<&str> {
        match self {
            Button::QuickReply { text, .. }
            | Button::Url { text, .. }
            | Button::PhoneNumber { text, .. } => Some(text),
            Button::CopyCode { .. } => Some(COPY_CODE_LABEL),
            Button::Other(v) => v.get("text").and_then(Value::as_str),
        }
    }
}

/// The label WhatsApp shows on a copy-code button.
pub const COPY_CODE_LABEL: &str = "Copy offer code";

fn take_string(o: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match o.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => {
            o.insert(key.to_owned(), other);
            Err(format!("`{key}` is not a string"))
        }
    }
}

impl Component {
    /// Reads a component from its JSON; a component of an unknown type is kept as it came.
    pub fn from_value(value: Value) -> Result<Component, String> {
        let Value::Object(mut o) = value else {
            return Err("a component is not an object".into());
        };
        let kind = o.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "HEADER" => {
                o.remove("type");
                let format = take_string(&mut o, "format")?.map(HeaderFormat::from_wire);
                let text = take_string(&mut o, "text")?;
                Ok(Component::Header(Header {
                    format,
                    text,
                    extra: o,
                }))
            }
            "BODY" | "FOOTER" => {
                let is_body = kind == "BODY";
                o.remove("type");
                let text = take_string(&mut o, "text")?;
                let c = TextComponent { text, extra: o };
                Ok(if is_body {
                    Component::Body(c)
                } else {
                    Component::Footer(c)
                })
            }
            "BUTTONS" => {
                o.remove("type");
                let buttons = match o.remove("buttons") {
                    Some(Value::Array(a)) => a
                        .into_iter()
                        .map(Button::from_value)
                        .collect::<Result<Vec<_>, _>>()?,
                    None | Some(Value::Null) => Vec::new(),
                    Some(_) => return Err("`buttons` is not an array".into()),
                };
                Ok(Component::Buttons(Buttons { buttons, extra: o }))
            }
            _ => Ok(Component::Other(Value::Object(o))),
        }
    }

    /// The component's JSON, as Meta writes it.
    pub fn to_value(&self) -> Value {
        let mut o = Map::new();
        match self {
            Component::Header(h) => {
                o.insert("type".into(), "HEADER".into());
                if let Some(f) = &h.format {
                    o.insert("format".into(), f.as_str().into());
                }
                if let Some(t) = &h.text {
                    o.insert("text".into(), t.as_str().into());
                }
                extend(&mut o, &h.extra);
            }
            Component::Body(c) | Component::Footer(c) => {
                let kind = if matches!(self, Component::Body(_)) {
                    "BODY"
                } else {
                    "FOOTER"
                };
                o.insert("type".into(), kind.into());
                if let Some(t) = &c.text {
                    o.insert("text".into(), t.as_str().into());
                }
                extend(&mut o, &c.extra);
            }
            Component::Buttons(b) => {
                o.insert("type".into(), "BUTTONS".into());
                o.insert(
                    "buttons".into(),
                    Value::Array(b.buttons.iter().map(Button::to_value).collect()),
                );
                extend(&mut o, &b.extra);
            }
            Component::Other(v) => return v.clone(),
        }
        Value::Object(o)
    }
}

fn extend(o: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (k, v) in extra {
        o.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

impl Button {
    /// Reads a button from its JSON; a button of an unknown kind is kept as it came.
    pub fn from_value(value: Value) -> Result<Button, String> {
        let Value::Object(mut o) = value else {
            return Err("a button is not an object".into());
        };
        let kind = o
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let need = |o: &mut Map<String, Value>, key: &str| -> Result<String, String> {
            take_string(o, key)?.ok_or_else(|| format!("a {kind} button has no `{key}`"))
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
            _ => Ok(Button::Other(Value::Object(o))),
        }
    }

    /// The button's JSON, as Meta writes it.
    pub fn to_value(&self) -> Value {
        let mut o = Map::new();
        let extra = match self {
            Button::QuickReply { text, extra } => {
                o.insert("text".into(), text.as_str().into());
                extra
            }
            Button::Url { text, url, extra } => {
                o.insert("text".into(), text.as_str().into());
                o.insert("url".into(), url.as_str().into());
                extra
            }
            Button::PhoneNumber {
                text,
                phone_number,
                extra,
            } => {
                o.insert("text".into(), text.as_str().into());
                o.insert("phone_number".into(), phone_number.as_str().into());
                extra
            }
            Button::CopyCode { extra } => extra,
            Button::Other(v) => return v.clone(),
        };
        o.insert("type".into(), self.kind().into());
        extend(&mut o, extra);
        Value::Object(o)
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Component {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Component::from_value(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Button {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Button {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Button::from_value(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(matches!(d.components[0], Component::Other(_)));
        assert_eq!(serde_json::to_value(&d).unwrap(), j);
    }
}

/// Checks that every number in a template definition's JSON text can be kept exactly: template
/// definitions keep unknown parts as JSON values, and a number no `f64` holds (a 100-digit id,
/// `1e-999`) would otherwise come back changed. Such a definition is refused
/// (`template.definition_invalid`) with the number's character position, never silently altered.
pub fn check_json_numbers(json: &str) -> Result<(), crate::TemplateError> {
    waba_json::check_numbers(json).map_err(|position| crate::TemplateError::Definition {
        message: format!(
            "the number at character {position} cannot be kept exactly (it has more precision or range than a JSON value keeps)"
        ),
    })
}

#[cfg(test)]
mod number_tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn exact_numbers_pass_and_lossy_ones_are_refused() {
        for ok in [
            r#"{"a": 1}"#,
            r#"{"a": -0}"#,
            r#"{"a": 0.1}"#,
            r#"{"a": 1e3}"#,
            r#"{"a": 18446744073709551615}"#,
            r#"{"a": "1e999 in a string"}"#,
            r#"{"a": [1.5, -2.25E-3]}"#,
            r#"{"a": 1.0}"#,
        ] {
            assert!(check_json_numbers(ok).is_ok(), "{ok}");
        }
        for bad in [
            r#"{"a": 18446744073709551616}"#,
            r#"{"a": 1e-999}"#,
            r#"{"a": 1.00000000000000000001}"#,
            r#"{"a": 10444444444444444444444444}"#,
        ] {
            let e = check_json_numbers(bad).unwrap_err();
            assert_eq!(e.code(), "template.definition_invalid", "{bad}");
        }
    }
}
