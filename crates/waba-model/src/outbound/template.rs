//! Template send bodies; plain data, validated by `waba-template`.

use std::convert::Infallible;

use serde_json::Value;

use super::media::MediaSource;
use crate::error::ModelError;
use crate::json::{Obj, object, os, s, serde_via_json};

/// A template message (`type: "template"`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TemplateMessage {
    /// The template's name.
    pub name: String,
    /// The language of the translation to use.
    pub language: TemplateLanguage,
    /// The filled components (left out of the JSON when empty).
    pub components: Vec<TemplateComponent>,
}

impl TemplateMessage {
    /// A template without parameters.
    pub fn new(name: impl Into<String>, language: TemplateLanguage) -> TemplateMessage {
        TemplateMessage {
            name: name.into(),
            language,
            components: Vec::new(),
        }
    }

    /// The Cloud API JSON (the object under `"template"`).
    pub fn to_json(&self) -> Value {
        let components = (!self.components.is_empty()).then(|| {
            Value::Array(
                self.components
                    .iter()
                    .map(TemplateComponent::to_json)
                    .collect(),
            )
        });
        object([
            ("name", s(&self.name)),
            (
                "language",
                Some(object([
                    ("policy", os(self.language.policy.as_deref())),
                    ("code", s(&self.language.code)),
                ])),
            ),
            ("components", components),
        ])
    }

    /// Reads the object under `"template"`.
    pub fn from_json(value: Value) -> Result<TemplateMessage, ModelError> {
        let malformed = || ModelError::Malformed { what: "template" };
        let mut o = Obj::new(value).ok_or_else(malformed)?;
        let name = o.string("name").ok_or_else(malformed)?;
        let mut lang = o.object("language").ok_or_else(malformed)?;
        let code = lang.string("code").ok_or_else(malformed)?;
        let policy = lang.opt_string("policy").ok_or_else(malformed)?;
        lang.finish().ok_or_else(malformed)?;
        let components = match o.take("components") {
            None => Vec::new(),
            Some(Value::Array(items)) if !items.is_empty() => items
                .into_iter()
                .map(TemplateComponent::from_value)
                .collect(),
            Some(_) => return Err(malformed()),
        };
        o.finish().ok_or_else(malformed)?;
        Ok(TemplateMessage {
            name,
            language: TemplateLanguage { code, policy },
            components,
        })
    }
}

serde_via_json!(TemplateMessage, "template");

/// The language of a template (`{"code": "en_US", "policy": "deterministic"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemplateLanguage {
    /// The language code, as in the template's definition (`en_US`, `pt_BR`, `fr`).
    pub code: String,
    /// The language policy (`deterministic`), rarely sent today.
    pub policy: Option<String>,
}

impl TemplateLanguage {
    /// A language without policy.
    pub fn new(code: impl Into<String>) -> TemplateLanguage {
        TemplateLanguage {
            code: code.into(),
            policy: None,
        }
    }
}

/// A filled component of a template message.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TemplateComponent {
    /// `{"type":"header","parameters":[…]}`.
    Header {
        /// The header's parameters.
        parameters: Vec<Parameter>,
    },
    /// `{"type":"body","parameters":[…]}`.
    Body {
        /// The body's parameters.
        parameters: Vec<Parameter>,
    },
    /// `{"type":"button","sub_type":…,"index":"0","parameters":[…]}`.
    Button {
        /// The kind of button.
        sub_type: ButtonSubType,
        /// The button's position, 0 to 9 (sent as a string).
        index: u8,
        /// The button's parameters.
        parameters: Vec<ButtonParameter>,
    },
    /// Any other component (carousel, limited-time offer, …) kept as it came.
    Other(Value),
}

impl TemplateComponent {
    /// The Cloud API JSON of this component.
    pub fn to_json(&self) -> Value {
        match self {
            TemplateComponent::Header { parameters } => object([
                ("type", s("header")),
                ("parameters", Some(params_json(parameters))),
            ]),
            TemplateComponent::Body { parameters } => object([
                ("type", s("body")),
                ("parameters", Some(params_json(parameters))),
            ]),
            TemplateComponent::Button {
                sub_type,
                index,
                parameters,
            } => object([
                ("type", s("button")),
                ("sub_type", s(sub_type.as_str())),
                ("index", Some(Value::String(index.to_string()))),
                (
                    "parameters",
                    Some(Value::Array(
                        parameters.iter().map(ButtonParameter::to_json).collect(),
                    )),
                ),
            ]),
            TemplateComponent::Other(raw) => raw.clone(),
        }
    }

    /// Reads a component; one of unknown kind or shape is kept as [`TemplateComponent::Other`].
    pub fn from_value(value: Value) -> TemplateComponent {
        TemplateComponent::typed(value.clone()).unwrap_or(TemplateComponent::Other(value))
    }

    fn from_json(value: Value) -> Result<TemplateComponent, Infallible> {
        Ok(TemplateComponent::from_value(value))
    }

    fn typed(value: Value) -> Option<TemplateComponent> {
        let mut o = Obj::new(value)?;
        let kind = o.string("type")?;
        let items = match o.take("parameters")? {
            Value::Array(items) => items,
            _ => return None,
        };
        let component = match kind.as_str() {
            "header" | "body" => {
                let parameters = items
                    .into_iter()
                    .map(Parameter::typed)
                    .collect::<Option<Vec<_>>>()?;
                if kind == "header" {
                    TemplateComponent::Header { parameters }
                } else {
                    TemplateComponent::Body { parameters }
                }
            }
            "button" => {
                let sub_type = ButtonSubType::from_wire(o.string("sub_type")?);
                let index = o.string("index")?;
                // Only the canonical "0".."9" is read as typed; anything else stays raw.
                let index: u8 = match index.as_bytes() {
                    [d @ b'0'..=b'9'] => d - b'0',
                    _ => return None,
                };
                let parameters = items
                    .into_iter()
                    .map(ButtonParameter::typed)
                    .collect::<Option<Vec<_>>>()?;
                TemplateComponent::Button {
                    sub_type,
                    index,
                    parameters,
                }
            }
            _ => return None,
        };
        o.finish()?;
        Some(component)
    }
}

serde_via_json!(TemplateComponent, "template component");

fn params_json(parameters: &[Parameter]) -> Value {
    Value::Array(parameters.iter().map(Parameter::to_json).collect())
}

/// A parameter of a header or body component.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Parameter {
    /// The placeholder's name for named templates (`parameter_name`).
    pub name: Option<String>,
    /// The value.
    pub value: ParameterValue,
}

impl Parameter {
    /// A positional parameter.
    pub fn new(value: ParameterValue) -> Parameter {
        Parameter { name: None, value }
    }

    /// A positional text parameter.
    pub fn text(text: impl Into<String>) -> Parameter {
        Parameter::new(ParameterValue::Text(text.into()))
    }

    /// A named text parameter.
    pub fn named(name: impl Into<String>, text: impl Into<String>) -> Parameter {
        Parameter {
            name: Some(name.into()),
            value: ParameterValue::Text(text.into()),
        }
    }

    /// The Cloud API JSON of this parameter.
    pub fn to_json(&self) -> Value {
        let name = os(self.name.as_deref());
        match &self.value {
            ParameterValue::Text(t) => object([
                ("type", s("text")),
                ("parameter_name", name),
                ("text", s(t)),
            ]),
            ParameterValue::Currency {
                fallback_value,
                code,
                amount_1000,
            } => object([
                ("type", s("currency")),
                ("parameter_name", name),
                (
                    "currency",
                    Some(object([
                        ("fallback_value", s(fallback_value)),
                        ("code", s(code)),
                        ("amount_1000", Some(Value::from(*amount_1000))),
                    ])),
                ),
            ]),
            ParameterValue::DateTime { fallback_value } => object([
                ("type", s("date_time")),
                ("parameter_name", name),
                (
                    "date_time",
                    Some(object([("fallback_value", s(fallback_value))])),
                ),
            ]),
            ParameterValue::Image(src) => object([
                ("type", s("image")),
                ("parameter_name", name),
                ("image", Some(src.to_json())),
            ]),
            ParameterValue::Video(src) => object([
                ("type", s("video")),
                ("parameter_name", name),
                ("video", Some(src.to_json())),
            ]),
            ParameterValue::Document { source, filename } => {
                let (k, v) = source.key_value();
                object([
                    ("type", s("document")),
                    ("parameter_name", name),
                    (
                        "document",
                        Some(object([(k, s(v)), ("filename", os(filename.as_deref()))])),
                    ),
                ])
            }
            ParameterValue::Other(raw) => {
                let mut raw = raw.clone();
                if let (Value::Object(map), Some(n)) = (&mut raw, name) {
                    map.insert("parameter_name".into(), n);
                }
                raw
            }
        }
    }

    /// Reads a parameter; one of unknown kind or shape is kept as [`ParameterValue::Other`].
    pub fn from_value(value: Value) -> Parameter {
        Parameter::typed(value.clone()).unwrap_or(Parameter {
            name: None,
            value: ParameterValue::Other(value),
        })
    }

    fn from_json(value: Value) -> Result<Parameter, Infallible> {
        Ok(Parameter::from_value(value))
    }

    fn typed(value: Value) -> Option<Parameter> {
        let mut o = Obj::new(value.clone())?;
        let kind = o.string("type")?;
        let name = o.opt_string("parameter_name")?;
        let typed = match kind.as_str() {
            "text" => ParameterValue::Text(o.string("text")?),
            "currency" => {
                let mut c = o.object("currency")?;
                let fallback_value = c.string("fallback_value")?;
                let code = c.string("code")?;
                let amount_1000 = match c.take("amount_1000")? {
                    Value::Number(n) => n.as_i64()?,
                    _ => return None,
                };
                c.finish()?;
                ParameterValue::Currency {
                    fallback_value,
                    code,
                    amount_1000,
                }
            }
            "date_time" => ParameterValue::DateTime {
                fallback_value: o.wrapped_string("date_time", "fallback_value")?,
            },
            "image" => ParameterValue::Image(MediaSource::from_json(o.take("image")?)?),
            "video" => ParameterValue::Video(MediaSource::from_json(o.take("video")?)?),
            "document" => {
                let mut d = o.object("document")?;
                let source = MediaSource::take(&mut d)?;
                let filename = d.opt_string("filename")?;
                d.finish()?;
                ParameterValue::Document { source, filename }
            }
            _ => {
                // Unknown kinds keep the whole object, parameter_name included.
                return Some(Parameter {
                    name: None,
                    value: ParameterValue::Other(value),
                });
            }
        };
        o.finish()?;
        Some(Parameter { name, value: typed })
    }
}

serde_via_json!(Parameter, "parameter");

/// The value of a header or body parameter.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ParameterValue {
    /// `{"type":"text","text":…}`.
    Text(String),
    /// `{"type":"currency","currency":{…}}`.
    Currency {
        /// The text shown where the currency cannot be localized.
        fallback_value: String,
        /// ISO 4217 code.
        code: String,
        /// The amount times 1000.
        amount_1000: i64,
    },
    /// `{"type":"date_time","date_time":{"fallback_value":…}}`.
    DateTime {
        /// The text shown.
        fallback_value: String,
    },
    /// `{"type":"image","image":{…}}`.
    Image(MediaSource),
    /// `{"type":"document","document":{…}}`.
    Document {
        /// The document.
        source: MediaSource,
        /// The file name shown.
        filename: Option<String>,
    },
    /// `{"type":"video","video":{…}}`.
    Video(MediaSource),
    /// Any other parameter, kept as it came (the whole parameter object).
    Other(Value),
}

/// The kind of a template button being filled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ButtonSubType {
    /// `quick_reply`.
    QuickReply,
    /// `url` (dynamic URL suffix).
    Url,
    /// `copy_code`.
    CopyCode,
    /// Any other sub-type, as it came.
    Other(String),
}

impl ButtonSubType {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            ButtonSubType::QuickReply => "quick_reply",
            ButtonSubType::Url => "url",
            ButtonSubType::CopyCode => "copy_code",
            ButtonSubType::Other(s) => s,
        }
    }

    /// Reads a wire value.
    pub fn from_wire(value: String) -> ButtonSubType {
        match value.as_str() {
            "quick_reply" => ButtonSubType::QuickReply,
            "url" => ButtonSubType::Url,
            "copy_code" => ButtonSubType::CopyCode,
            _ => ButtonSubType::Other(value),
        }
    }
}

/// A parameter of a button component.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ButtonParameter {
    /// `{"type":"payload","payload":…}` (quick reply).
    Payload(String),
    /// `{"type":"text","text":…}` (URL suffix).
    Text(String),
    /// `{"type":"coupon_code","coupon_code":…}`.
    CouponCode(String),
    /// Any other parameter, kept as it came.
    Other(Value),
}

impl ButtonParameter {
    /// The Cloud API JSON of this parameter.
    pub fn to_json(&self) -> Value {
        let (kind, v) = match self {
            ButtonParameter::Payload(p) => ("payload", p),
            ButtonParameter::Text(t) => ("text", t),
            ButtonParameter::CouponCode(c) => ("coupon_code", c),
            ButtonParameter::Other(raw) => return raw.clone(),
        };
        object([("type", s(kind)), (kind, s(v))])
    }

    /// Reads a parameter; one of unknown kind or shape is kept as [`ButtonParameter::Other`].
    pub fn from_value(value: Value) -> ButtonParameter {
        ButtonParameter::typed(value.clone()).unwrap_or(ButtonParameter::Other(value))
    }

    fn from_json(value: Value) -> Result<ButtonParameter, Infallible> {
        Ok(ButtonParameter::from_value(value))
    }

    fn typed(value: Value) -> Option<ButtonParameter> {
        let mut o = Obj::new(value.clone())?;
        let kind = o.string("type")?;
        let typed = match kind.as_str() {
            "payload" => ButtonParameter::Payload(o.string("payload")?),
            "text" => ButtonParameter::Text(o.string("text")?),
            "coupon_code" => ButtonParameter::CouponCode(o.string("coupon_code")?),
            _ => return Some(ButtonParameter::Other(value)),
        };
        o.finish()?;
        Some(typed)
    }
}

serde_via_json!(ButtonParameter, "button parameter");
