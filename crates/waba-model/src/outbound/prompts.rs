//! Interactive messages whose action is a named button: CTA URL, flow, location request, call
//! permission, contact-info request, address form and voice call.

use serde_json::{Map, Value};

use super::interactive::{Frame, InteractiveHeader, read_body, read_footer, read_header};
use super::read::{Reader, free_object, string_value};
use super::read::{object, os, s};
use crate::error::{ModelError, quote};

/// A message with a button that opens a URL (`cta_url`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CtaUrlMessage {
    /// The header.
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The button's label.
    pub display_text: String,
    /// The URL the button opens.
    pub url: String,
}

impl CtaUrlMessage {
    /// A CTA URL message without header or footer.
    pub fn new(
        body: impl Into<String>,
        display_text: impl Into<String>,
        url: impl Into<String>,
    ) -> CtaUrlMessage {
        CtaUrlMessage {
            header: None,
            body: body.into(),
            footer: None,
            display_text: display_text.into(),
            url: url.into(),
        }
    }

    pub(crate) fn to_json(&self) -> Value {
        Frame {
            kind: "cta_url",
            header: self.header.as_ref(),
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("cta_url")),
            (
                "parameters",
                Some(object([
                    ("display_text", s(&self.display_text)),
                    ("url", s(&self.url)),
                ])),
            ),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<CtaUrlMessage, ModelError> {
        let header = read_header(o)?;
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "cta_url")?;
        let mut p = action.object("parameters")?;
        action.finish()?;
        let display_text = p.string("display_text")?;
        let url = p.string("url")?;
        p.finish()?;
        Ok(CtaUrlMessage {
            header,
            body,
            footer,
            display_text,
            url,
        })
    }
}

/// Which flow a flow message opens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowRef {
    /// By id (`flow_id`).
    Id(String),
    /// By name (`flow_name`).
    Name(String),
}

/// A flow's mode (`mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowMode {
    /// `draft`: for testing.
    Draft,
    /// `published` (Meta's default).
    Published,
}

/// What opening the flow does (`flow_action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowActionKind {
    /// `navigate` (Meta's default): opens the screen of `flow_action_payload`.
    Navigate,
    /// `data_exchange`: asks the business's endpoint.
    DataExchange,
}

/// The parameters of a flow message's action.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FlowAction {
    /// `flow_message_version`: `"3"`.
    pub flow_message_version: String,
    /// The business's token for this flow session.
    pub flow_token: Option<String>,
    /// The flow.
    pub flow: FlowRef,
    /// The button's label.
    pub flow_cta: String,
    /// Draft or published.
    pub mode: Option<FlowMode>,
    /// Navigate or data exchange.
    pub flow_action: Option<FlowActionKind>,
    /// The first screen (`flow_action_payload.screen`), for `navigate`.
    pub screen: Option<String>,
    /// Data for the first screen (`flow_action_payload.data`): the business's own object.
    pub data: Option<Map<String, Value>>,
    /// `flow_action_payload` was given (possibly empty).
    pub has_payload: bool,
}

/// A message with a button that opens a WhatsApp Flow (`flow`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FlowMessage {
    /// The header.
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The flow and how to open it.
    pub action: FlowAction,
}

impl FlowMessage {
    pub(crate) fn to_json(&self) -> Value {
        let a = &self.action;
        let (flow_key, flow_value) = match &a.flow {
            FlowRef::Id(id) => ("flow_id", id),
            FlowRef::Name(name) => ("flow_name", name),
        };
        let payload = a.has_payload.then(|| {
            object([
                ("screen", os(a.screen.as_deref())),
                ("data", a.data.clone().map(Value::Object)),
            ])
        });
        let mut parameters = object([
            ("flow_message_version", s(&a.flow_message_version)),
            ("flow_token", os(a.flow_token.as_deref())),
            ("flow_cta", s(&a.flow_cta)),
            (
                "mode",
                a.mode.map(|m| {
                    Value::from(match m {
                        FlowMode::Draft => "draft",
                        FlowMode::Published => "published",
                    })
                }),
            ),
            (
                "flow_action",
                a.flow_action.map(|k| {
                    Value::from(match k {
                        FlowActionKind::Navigate => "navigate",
                        FlowActionKind::DataExchange => "data_exchange",
                    })
                }),
            ),
            ("flow_action_payload", payload),
        ]);
        if let Value::Object(map) = &mut parameters {
            map.insert(flow_key.into(), Value::from(flow_value.as_str()));
        }
        Frame {
            kind: "flow",
            header: self.header.as_ref(),
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("flow")),
            ("parameters", Some(parameters)),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<FlowMessage, ModelError> {
        let header = read_header(o)?;
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "flow")?;
        let mut p = action.object("parameters")?;
        action.finish()?;
        let flow_message_version = p.string("flow_message_version")?;
        let flow = match (p.opt_string("flow_id")?, p.opt_string("flow_name")?) {
            (Some(id), None) => FlowRef::Id(id),
            (None, Some(name)) => FlowRef::Name(name),
            (None, None) => {
                return Err(ModelError::Missing {
                    field: p.at("flow_id"),
                });
            }
            (Some(_), Some(_)) => {
                return Err(ModelError::InvalidValue {
                    field: p.at("flow_name"),
                    reason: "give `flow_id` or `flow_name`, not both".into(),
                });
            }
        };
        let flow_token = p.opt_string("flow_token")?;
        let flow_cta = p.string("flow_cta")?;
        let mode = match p.opt_string("mode")?.as_deref() {
            None => None,
            Some("draft") => Some(FlowMode::Draft),
            Some("published") => Some(FlowMode::Published),
            Some(other) => {
                return Err(ModelError::UnknownType {
                    field: p.at("mode"),
                    value: quote(other),
                });
            }
        };
        let flow_action = match p.opt_string("flow_action")?.as_deref() {
            None => None,
            Some("navigate") => Some(FlowActionKind::Navigate),
            Some("data_exchange") => Some(FlowActionKind::DataExchange),
            Some(other) => {
                return Err(ModelError::UnknownType {
                    field: p.at("flow_action"),
                    value: quote(other),
                });
            }
        };
        let (has_payload, screen, data) = match p.opt_object("flow_action_payload")? {
            None => (false, None, None),
            Some(mut payload) => {
                let screen = payload.opt_string("screen")?;
                let data = match payload.take("data") {
                    None => None,
                    Some(v) => Some(free_object(payload.at("data"), v)?),
                };
                payload.finish()?;
                (true, screen, data)
            }
        };
        p.finish()?;
        Ok(FlowMessage {
            header,
            body,
            footer,
            action: FlowAction {
                flow_message_version,
                flow_token,
                flow,
                flow_cta,
                mode,
                flow_action,
                screen,
                data,
                has_payload,
            },
        })
    }
}

/// A message whose action is a fixed button Meta draws (location request, call permission
/// request, contact-info request): a body and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PromptMessage {
    /// The body text.
    pub body: String,
}

impl PromptMessage {
    /// A prompt with `body`.
    pub fn new(body: impl Into<String>) -> PromptMessage {
        PromptMessage { body: body.into() }
    }

    pub(crate) fn to_json(&self, kind: &'static str, action: &'static str) -> Value {
        Frame {
            kind,
            header: None,
            body: Some(&self.body),
            footer: None,
        }
        .with_action(object([("name", s(action))]))
    }

    pub(crate) fn read(
        o: &mut Reader,
        action_name: &'static str,
    ) -> Result<PromptMessage, ModelError> {
        let body = read_body(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", action_name)?;
        action.finish()?;
        Ok(PromptMessage { body })
    }
}

/// The fields of an address form (Meta's address-message table: India).
pub const ADDRESS_FIELDS: [&str; 12] = [
    "name",
    "phone_number",
    "in_pin_code",
    "sg_post_code",
    "house_number",
    "floor_number",
    "tower_number",
    "building_name",
    "address",
    "landmark_area",
    "city",
    "state",
];

/// An address the customer saved before, offered in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SavedAddress {
    /// Its id.
    pub id: String,
    /// Its fields (names of [`ADDRESS_FIELDS`]).
    pub value: Vec<(String, String)>,
}

/// A delivery-address form (`address_message`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AddressMessage {
    /// The header.
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The form's country (`IN`).
    pub country: String,
    /// Pre-filled fields.
    pub values: Option<Vec<(String, String)>>,
    /// Addresses to offer.
    pub saved_addresses: Option<Vec<SavedAddress>>,
    /// Errors to show per field when asking again.
    pub validation_errors: Option<Vec<(String, String)>>,
}

/// An object of address fields to strings.
fn address_fields(mut o: Reader) -> Result<Vec<(String, String)>, ModelError> {
    let mut out = Vec::new();
    for key in ADDRESS_FIELDS {
        if let Some(v) = o.take(key) {
            out.push((key.to_owned(), string_value(o.at(key), v)?));
        }
    }
    o.finish()?;
    Ok(out)
}

fn fields_json(fields: &[(String, String)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect(),
    )
}

impl AddressMessage {
    pub(crate) fn to_json(&self) -> Value {
        let saved = self.saved_addresses.as_ref().map(|list| {
            Value::Array(
                list.iter()
                    .map(|a| object([("id", s(&a.id)), ("value", Some(fields_json(&a.value)))]))
                    .collect(),
            )
        });
        Frame {
            kind: "address_message",
            header: self.header.as_ref(),
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("address_message")),
            (
                "parameters",
                Some(object([
                    ("country", s(&self.country)),
                    ("values", self.values.as_deref().map(fields_json)),
                    ("saved_addresses", saved),
                    (
                        "validation_errors",
                        self.validation_errors.as_deref().map(fields_json),
                    ),
                ])),
            ),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<AddressMessage, ModelError> {
        let header = read_header(o)?;
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "address_message")?;
        let mut p = action.object("parameters")?;
        action.finish()?;
        let country = p.string("country")?;
        let values = p.opt_object("values")?.map(address_fields).transpose()?;
        let validation_errors = p
            .opt_object("validation_errors")?
            .map(address_fields)
            .transpose()?;
        let saved_addresses = match p.opt_array("saved_addresses")? {
            None => None,
            Some(items) => Some(
                items
                    .into_iter()
                    .map(|(path, v)| {
                        let mut a = Reader::new(v, path)?;
                        let id = a.string("id")?;
                        let value = address_fields(a.object("value")?)?;
                        a.finish()?;
                        Ok(SavedAddress { id, value })
                    })
                    .collect::<Result<Vec<_>, ModelError>>()?,
            ),
        };
        p.finish()?;
        Ok(AddressMessage {
            header,
            body,
            footer,
            country,
            values,
            saved_addresses,
            validation_errors,
        })
    }
}

/// The parameters of a voice-call button; each is optional (Meta's defaults: "Call Now", 7 days).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct VoiceCallParameters {
    /// The button's label.
    pub display_text: Option<String>,
    /// How long the button works, in minutes.
    pub ttl_minutes: Option<i64>,
    /// A string returned in the call webhooks (`cta_payload`).
    pub payload: Option<String>,
}

/// A message with a WhatsApp call button (`voice_call`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VoiceCallMessage {
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// `action.parameters`, when given.
    pub parameters: Option<VoiceCallParameters>,
}

impl VoiceCallMessage {
    pub(crate) fn to_json(&self) -> Value {
        let parameters = self.parameters.as_ref().map(|p| {
            object([
                ("display_text", os(p.display_text.as_deref())),
                ("ttl_minutes", p.ttl_minutes.map(Value::from)),
                ("payload", os(p.payload.as_deref())),
            ])
        });
        Frame {
            kind: "voice_call",
            header: None,
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("voice_call")),
            ("parameters", parameters),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<VoiceCallMessage, ModelError> {
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "voice_call")?;
        let parameters = match action.opt_object("parameters")? {
            None => None,
            Some(mut p) => {
                let params = VoiceCallParameters {
                    display_text: p.opt_string("display_text")?,
                    ttl_minutes: p.opt_int("ttl_minutes", i64::MIN, i64::MAX)?,
                    payload: p.opt_string("payload")?,
                };
                p.finish()?;
                Some(params)
            }
        };
        action.finish()?;
        Ok(VoiceCallMessage {
            body,
            footer,
            parameters,
        })
    }
}
