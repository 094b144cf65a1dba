//! Template send bodies, closed: every component, parameter and button kind Meta documents is
//! typed; anything else is refused when read. The rules live in `waba-template`.

use serde_json::{Map, Value};

use super::commerce::{ProductSection, product_sections_json, read_product_sections};
use super::media::{Location, MediaSource};
use super::read::{Reader, free_object};
use super::read::{object, os, s, serde_via_json};
use crate::error::{ModelError, quote};

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
        let components = (!self.components.is_empty()).then(|| components_json(&self.components));
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

    /// Reads the object under `"template"` strictly.
    pub fn from_json(value: Value) -> Result<TemplateMessage, ModelError> {
        TemplateMessage::read(Reader::new(value, "template".to_owned())?)
    }

    pub(crate) fn read(mut o: Reader) -> Result<TemplateMessage, ModelError> {
        let name = o.string("name")?;
        let mut lang = o.object("language")?;
        let code = lang.string("code")?;
        let policy = lang.opt_string("policy")?;
        if let Some(p) = policy.as_deref().filter(|p| *p != "deterministic") {
            return Err(ModelError::InvalidValue {
                field: lang.at("policy"),
                reason: format!("{:?} is not \"deterministic\"", quote(p)),
            });
        }
        lang.finish()?;
        let components = match o.opt_array("components")? {
            None => Vec::new(),
            Some(items) if items.is_empty() => {
                return Err(ModelError::InvalidValue {
                    field: o.at("components"),
                    reason: "an empty list: leave `components` out".into(),
                });
            }
            Some(items) => read_components(items)?,
        };
        o.finish()?;
        Ok(TemplateMessage {
            name,
            language: TemplateLanguage { code, policy },
            components,
        })
    }
}

serde_via_json!(TemplateMessage, "template");

fn components_json(components: &[TemplateComponent]) -> Value {
    Value::Array(components.iter().map(TemplateComponent::to_json).collect())
}

fn read_components(items: Vec<(String, Value)>) -> Result<Vec<TemplateComponent>, ModelError> {
    items
        .into_iter()
        .map(|(path, v)| TemplateComponent::read(Reader::new(v, path)?))
        .collect()
}

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

/// How a button component was written, where Meta accepts several forms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ButtonForm {
    /// `index` was a JSON number (`0`) rather than a string (`"0"`).
    pub index_as_number: bool,
    /// The `sub_type` as written, when not in its lower-case form (`"CATALOG"`).
    pub sub_type_spelling: Option<String>,
}

/// One card of a carousel template.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TemplateCard {
    /// The card's position, from 0.
    pub card_index: i64,
    /// The card's header, body and buttons.
    pub components: Vec<TemplateComponent>,
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
        /// How it was written.
        form: ButtonForm,
    },
    /// `{"type":"limited_time_offer","parameters":[{"type":"limited_time_offer",
    /// "limited_time_offer":{"expiration_time_ms":…}}]}`.
    LimitedTimeOffer {
        /// When the offer ends, in milliseconds since the Unix epoch.
        expiration_time_ms: i64,
    },
    /// `{"type":"carousel","cards":[{"card_index":0,"components":[…]}]}`.
    Carousel {
        /// The cards.
        cards: Vec<TemplateCard>,
    },
}

/// Every component `type` of a template send body.
pub const COMPONENT_TYPES: [&str; 5] =
    ["header", "body", "button", "limited_time_offer", "carousel"];

impl TemplateComponent {
    /// A button component written in the canonical form.
    pub fn button(sub_type: ButtonSubType, index: u8, parameters: Vec<ButtonParameter>) -> Self {
        TemplateComponent::Button {
            sub_type,
            index,
            parameters,
            form: ButtonForm::default(),
        }
    }

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
                form,
            } => object([
                ("type", s("button")),
                (
                    "sub_type",
                    Some(Value::from(
                        form.sub_type_spelling
                            .as_deref()
                            .unwrap_or(sub_type.as_str()),
                    )),
                ),
                (
                    "index",
                    Some(if form.index_as_number {
                        Value::from(*index)
                    } else {
                        Value::String(index.to_string())
                    }),
                ),
                (
                    "parameters",
                    Some(Value::Array(
                        parameters.iter().map(ButtonParameter::to_json).collect(),
                    )),
                ),
            ]),
            TemplateComponent::LimitedTimeOffer { expiration_time_ms } => object([
                ("type", s("limited_time_offer")),
                (
                    "parameters",
                    Some(Value::Array(vec![object([
                        ("type", s("limited_time_offer")),
                        (
                            "limited_time_offer",
                            Some(object([(
                                "expiration_time_ms",
                                Some(Value::from(*expiration_time_ms)),
                            )])),
                        ),
                    ])])),
                ),
            ]),
            TemplateComponent::Carousel { cards } => object([
                ("type", s("carousel")),
                (
                    "cards",
                    Some(Value::Array(
                        cards
                            .iter()
                            .map(|c| {
                                object([
                                    ("card_index", Some(Value::from(c.card_index))),
                                    ("components", Some(components_json(&c.components))),
                                ])
                            })
                            .collect(),
                    )),
                ),
            ]),
        }
    }

    /// Reads a component strictly.
    pub fn from_json(value: Value) -> Result<TemplateComponent, ModelError> {
        TemplateComponent::read(Reader::new(value, "component".to_owned())?)
    }

    fn read(mut o: Reader) -> Result<TemplateComponent, ModelError> {
        let kind = o.string("type")?;
        let component = match kind.as_str() {
            "header" | "body" => {
                let parameters = o
                    .array("parameters")?
                    .into_iter()
                    .map(|(path, v)| Parameter::read(Reader::new(v, path)?))
                    .collect::<Result<Vec<_>, _>>()?;
                if kind == "header" {
                    TemplateComponent::Header { parameters }
                } else {
                    TemplateComponent::Body { parameters }
                }
            }
            "button" => {
                let mut form = ButtonForm::default();
                let spelled = o.string("sub_type")?;
                let sub_type =
                    ButtonSubType::from_wire(&spelled).ok_or_else(|| ModelError::UnknownType {
                        field: o.at("sub_type"),
                        value: quote(&spelled),
                    })?;
                if spelled != sub_type.as_str() {
                    form.sub_type_spelling = Some(spelled);
                }
                let index_path = o.at("index");
                let index = match o.required("index")? {
                    Value::String(t) => match t.as_bytes() {
                        [d @ b'0'..=b'9'] => d - b'0',
                        _ => {
                            return Err(ModelError::InvalidValue {
                                field: index_path,
                                reason: format!("{:?} is not a position from 0 to 9", quote(&t)),
                            });
                        }
                    },
                    v @ Value::Number(_) => {
                        form.index_as_number = true;
                        let i = super::read::int_value(index_path, &v, 0, 9)?;
                        u8::try_from(i).unwrap_or_default()
                    }
                    other => {
                        return Err(super::read::wrong_type(index_path, "a string", &other));
                    }
                };
                let parameters = o
                    .array("parameters")?
                    .into_iter()
                    .map(|(path, v)| ButtonParameter::read(Reader::new(v, path)?))
                    .collect::<Result<Vec<_>, _>>()?;
                TemplateComponent::Button {
                    sub_type,
                    index,
                    parameters,
                    form,
                }
            }
            "limited_time_offer" => {
                let items = o.array("parameters")?;
                let [(path, v)]: [(String, Value); 1] =
                    items.try_into().map_err(|_| ModelError::InvalidValue {
                        field: o.at("parameters"),
                        reason: "a limited-time offer has exactly one parameter".into(),
                    })?;
                let mut p = Reader::new(v, path)?;
                p.fixed("type", "limited_time_offer")?;
                let mut offer = p.object("limited_time_offer")?;
                p.finish()?;
                let expiration_time_ms = offer.int("expiration_time_ms", 0, i64::MAX)?;
                offer.finish()?;
                TemplateComponent::LimitedTimeOffer { expiration_time_ms }
            }
            "carousel" => {
                let cards = o
                    .array("cards")?
                    .into_iter()
                    .map(|(path, v)| {
                        let mut c = Reader::new(v, path)?;
                        let card_index = c.int("card_index", 0, i64::MAX)?;
                        let components = read_components(c.array("components")?)?;
                        c.finish()?;
                        Ok(TemplateCard {
                            card_index,
                            components,
                        })
                    })
                    .collect::<Result<Vec<_>, ModelError>>()?;
                TemplateComponent::Carousel { cards }
            }
            other => {
                return Err(ModelError::UnknownType {
                    field: o.at("type"),
                    value: quote(other),
                });
            }
        };
        o.finish()?;
        Ok(component)
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
        let (kind, payload) = match &self.value {
            ParameterValue::Text(t) => ("text", Value::from(t.as_str())),
            ParameterValue::Currency {
                fallback_value,
                code,
                amount_1000,
            } => (
                "currency",
                object([
                    ("fallback_value", s(fallback_value)),
                    ("code", s(code)),
                    ("amount_1000", Some(Value::from(*amount_1000))),
                ]),
            ),
            ParameterValue::DateTime {
                fallback_value,
                parts,
            } => {
                let mut o = object([
                    ("fallback_value", s(fallback_value)),
                    ("calendar", os(parts.calendar.as_deref())),
                ]);
                if let Value::Object(map) = &mut o {
                    for (k, v) in parts.numbers() {
                        if let Some(v) = v {
                            map.insert(k.into(), Value::from(v));
                        }
                    }
                }
                ("date_time", o)
            }
            ParameterValue::Image(src) => ("image", src.to_json()),
            ParameterValue::Video(src) => ("video", src.to_json()),
            ParameterValue::Document { source, filename } => {
                let (k, v) = source.key_value();
                (
                    "document",
                    object([(k, s(v)), ("filename", os(filename.as_deref()))]),
                )
            }
            ParameterValue::Location(l) => ("location", l.to_json()),
            ParameterValue::Product {
                catalog_id,
                product_retailer_id,
            } => (
                "product",
                object([
                    ("catalog_id", s(catalog_id)),
                    ("product_retailer_id", s(product_retailer_id)),
                ]),
            ),
        };
        object([
            ("type", s(kind)),
            ("parameter_name", os(self.name.as_deref())),
            (kind, Some(payload)),
        ])
    }

    /// Reads a parameter strictly.
    pub fn from_json(value: Value) -> Result<Parameter, ModelError> {
        Parameter::read(Reader::new(value, "parameter".to_owned())?)
    }

    fn read(mut o: Reader) -> Result<Parameter, ModelError> {
        let kind = o.string("type")?;
        let name = o.opt_string("parameter_name")?;
        let value = match kind.as_str() {
            "text" => ParameterValue::Text(o.string("text")?),
            "currency" => {
                let mut c = o.object("currency")?;
                let fallback_value = c.string("fallback_value")?;
                let code = c.string("code")?;
                let amount_1000 = c.int("amount_1000", i64::MIN, i64::MAX)?;
                c.finish()?;
                ParameterValue::Currency {
                    fallback_value,
                    code,
                    amount_1000,
                }
            }
            "date_time" => {
                let mut d = o.object("date_time")?;
                let fallback_value = d.string("fallback_value")?;
                let mut parts = DateTimeParts {
                    calendar: d.opt_string("calendar")?,
                    ..DateTimeParts::default()
                };
                parts.year = d.opt_int("year", 0, 9999)?;
                parts.month = d.opt_int("month", 1, 12)?;
                parts.day_of_month = d.opt_int("day_of_month", 1, 31)?;
                parts.day_of_week = d.opt_int("day_of_week", 1, 7)?;
                parts.hour = d.opt_int("hour", 0, 23)?;
                parts.minute = d.opt_int("minute", 0, 59)?;
                parts.timestamp = d.opt_int("timestamp", 0, i64::MAX)?;
                d.finish()?;
                ParameterValue::DateTime {
                    fallback_value,
                    parts,
                }
            }
            "image" => ParameterValue::Image(MediaSource::read(o.object("image")?)?),
            "video" => ParameterValue::Video(MediaSource::read(o.object("video")?)?),
            "document" => {
                let mut d = o.object("document")?;
                let source = MediaSource::take(&mut d)?;
                let filename = d.opt_string("filename")?;
                d.finish()?;
                ParameterValue::Document { source, filename }
            }
            "location" => ParameterValue::Location(Location::read(o.object("location")?)?),
            "product" => {
                let mut p = o.object("product")?;
                let catalog_id = p.string("catalog_id")?;
                let product_retailer_id = p.string("product_retailer_id")?;
                p.finish()?;
                ParameterValue::Product {
                    catalog_id,
                    product_retailer_id,
                }
            }
            other => {
                return Err(ModelError::UnknownType {
                    field: o.at("type"),
                    value: quote(other),
                });
            }
        };
        o.finish()?;
        Ok(Parameter { name, value })
    }
}

serde_via_json!(Parameter, "parameter");

/// The optional parts of a `date_time` parameter (Meta always shows the fallback on Cloud API).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct DateTimeParts {
    /// `GREGORIAN` or `SOLAR_HIJRI`.
    pub calendar: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Month, 1 to 12.
    pub month: Option<i64>,
    /// Day of the month, 1 to 31.
    pub day_of_month: Option<i64>,
    /// Day of the week, 1 (Monday) to 7.
    pub day_of_week: Option<i64>,
    /// Hour, 0 to 23.
    pub hour: Option<i64>,
    /// Minute, 0 to 59.
    pub minute: Option<i64>,
    /// Unix seconds.
    pub timestamp: Option<i64>,
}

impl DateTimeParts {
    fn numbers(&self) -> [(&'static str, Option<i64>); 7] {
        [
            ("year", self.year),
            ("month", self.month),
            ("day_of_month", self.day_of_month),
            ("day_of_week", self.day_of_week),
            ("hour", self.hour),
            ("minute", self.minute),
            ("timestamp", self.timestamp),
        ]
    }
}

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
        /// The optional calendar parts.
        parts: DateTimeParts,
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
    /// `{"type":"location","location":{…}}` (a location header).
    Location(Location),
    /// `{"type":"product","product":{…}}` (a product header).
    Product {
        /// The catalog.
        catalog_id: String,
        /// The product.
        product_retailer_id: String,
    },
}

/// The kind of a template button being filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ButtonSubType {
    /// `quick_reply`.
    QuickReply,
    /// `url` (dynamic URL suffix; also the one-tap code of authentication templates).
    Url,
    /// `copy_code`.
    CopyCode,
    /// `catalog`.
    Catalog,
    /// `mpm` (multi-product).
    Mpm,
    /// `flow`.
    Flow,
}

impl ButtonSubType {
    /// The wire value.
    pub fn as_str(&self) -> &'static str {
        match self {
            ButtonSubType::QuickReply => "quick_reply",
            ButtonSubType::Url => "url",
            ButtonSubType::CopyCode => "copy_code",
            ButtonSubType::Catalog => "catalog",
            ButtonSubType::Mpm => "mpm",
            ButtonSubType::Flow => "flow",
        }
    }

    /// Reads a wire value, in any letter case (Meta's own examples write `CATALOG`).
    pub fn from_wire(value: &str) -> Option<ButtonSubType> {
        [
            ButtonSubType::QuickReply,
            ButtonSubType::Url,
            ButtonSubType::CopyCode,
            ButtonSubType::Catalog,
            ButtonSubType::Mpm,
            ButtonSubType::Flow,
        ]
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(value))
    }
}

/// The `action` parameter of a catalog, multi-product or flow button.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ButtonAction {
    /// The product shown as thumbnail (catalog, multi-product).
    pub thumbnail_product_retailer_id: Option<String>,
    /// The products (multi-product).
    pub sections: Option<Vec<ProductSection>>,
    /// The flow's token (flow).
    pub flow_token: Option<String>,
    /// Data for the flow's first screen (flow): the business's own object.
    pub flow_action_data: Option<Map<String, Value>>,
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
    /// `{"type":"action","action":{…}}` (catalog, multi-product, flow).
    Action(ButtonAction),
}

impl ButtonParameter {
    /// The Cloud API JSON of this parameter.
    pub fn to_json(&self) -> Value {
        let (kind, v) = match self {
            ButtonParameter::Payload(p) => ("payload", p),
            ButtonParameter::Text(t) => ("text", t),
            ButtonParameter::CouponCode(c) => ("coupon_code", c),
            ButtonParameter::Action(a) => {
                let action = object([
                    (
                        "thumbnail_product_retailer_id",
                        os(a.thumbnail_product_retailer_id.as_deref()),
                    ),
                    ("sections", a.sections.as_deref().map(product_sections_json)),
                    ("flow_token", os(a.flow_token.as_deref())),
                    (
                        "flow_action_data",
                        a.flow_action_data.clone().map(Value::Object),
                    ),
                ]);
                return object([("type", s("action")), ("action", Some(action))]);
            }
        };
        object([("type", s(kind)), (kind, s(v))])
    }

    /// Reads a parameter strictly.
    pub fn from_json(value: Value) -> Result<ButtonParameter, ModelError> {
        ButtonParameter::read(Reader::new(value, "parameter".to_owned())?)
    }

    fn read(mut o: Reader) -> Result<ButtonParameter, ModelError> {
        let kind = o.string("type")?;
        let typed = match kind.as_str() {
            "payload" => ButtonParameter::Payload(o.string("payload")?),
            "text" => ButtonParameter::Text(o.string("text")?),
            "coupon_code" => ButtonParameter::CouponCode(o.string("coupon_code")?),
            "action" => {
                let mut a = o.object("action")?;
                let action = ButtonAction {
                    thumbnail_product_retailer_id: a.opt_string("thumbnail_product_retailer_id")?,
                    sections: a
                        .opt_array("sections")?
                        .map(read_product_sections)
                        .transpose()?,
                    flow_token: a.opt_string("flow_token")?,
                    flow_action_data: match a.take("flow_action_data") {
                        None => None,
                        Some(v) => Some(free_object(a.at("flow_action_data"), v)?),
                    },
                };
                a.finish()?;
                ButtonParameter::Action(action)
            }
            other => {
                return Err(ModelError::UnknownType {
                    field: o.at("type"),
                    value: quote(other),
                });
            }
        };
        o.finish()?;
        Ok(typed)
    }
}

serde_via_json!(ButtonParameter, "button parameter");
