//! Interactive send bodies: one typed shape per `interactive.type` Meta documents, read strictly.
//! Reply buttons and lists live here; the other kinds in `prompts`, `commerce` and `carousel`.
//! The limits are checked by `waba-template`.

use serde_json::Value;

use super::carousel::CarouselMessage;
use super::commerce::{
    CatalogMessage, OrderDetailsMessage, OrderStatusMessage, ProductListMessage, ProductMessage,
};
use super::media::MediaSource;
use super::prompts::{AddressMessage, CtaUrlMessage, FlowMessage, PromptMessage, VoiceCallMessage};
use super::read::Reader;
use super::read::{object, os, s, serde_via_json, wrap};
use crate::error::{ModelError, quote};

/// An interactive message: one variant per `interactive.type` of the Cloud API. The set is
/// closed: a message of any other type is refused when read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Interactive {
    /// Up to three reply buttons (`button`).
    Button(ButtonMessage),
    /// A list of sections of rows (`list`).
    List(ListMessage),
    /// A button that opens a URL (`cta_url`).
    CtaUrl(CtaUrlMessage),
    /// A button that opens a WhatsApp Flow (`flow`).
    Flow(FlowMessage),
    /// One product of a catalog (`product`).
    Product(ProductMessage),
    /// Up to 30 products in sections (`product_list`).
    ProductList(ProductListMessage),
    /// The business's catalog (`catalog_message`).
    Catalog(CatalogMessage),
    /// A "send location" button (`location_request_message`).
    LocationRequest(PromptMessage),
    /// A delivery-address form (`address_message`, India).
    Address(AddressMessage),
    /// A WhatsApp call button (`voice_call`).
    VoiceCall(VoiceCallMessage),
    /// A request for permission to call the customer (`call_permission_request`).
    CallPermissionRequest(PromptMessage),
    /// A request for the customer's phone number (`request_contact_info`).
    ContactInfoRequest(PromptMessage),
    /// An order to review and pay (`order_details`).
    OrderDetails(OrderDetailsMessage),
    /// An update of an order's status (`order_status`).
    OrderStatus(OrderStatusMessage),
    /// Scrollable media cards (`carousel`).
    Carousel(CarouselMessage),
}

/// Every `interactive.type`, as read.
pub const INTERACTIVE_TYPES: [&str; 15] = [
    "button",
    "list",
    "cta_url",
    "flow",
    "product",
    "product_list",
    "catalog_message",
    "location_request_message",
    "address_message",
    "voice_call",
    "call_permission_request",
    "request_contact_info",
    "order_details",
    "order_status",
    "carousel",
];

/// The header of an interactive message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InteractiveHeader {
    /// `{"type":"text","text":…}`.
    Text(String),
    /// `{"type":"image","image":{…}}`.
    Image(MediaSource),
    /// `{"type":"video","video":{…}}`.
    Video(MediaSource),
    /// `{"type":"document","document":{…}}`.
    Document(MediaSource),
}

/// A reply-button message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ButtonMessage {
    /// The header.
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The buttons.
    pub buttons: Vec<ReplyButton>,
}

impl ButtonMessage {
    /// A button message with `body` and `buttons`, no header or footer.
    pub fn new(body: impl Into<String>, buttons: Vec<ReplyButton>) -> ButtonMessage {
        ButtonMessage {
            header: None,
            body: body.into(),
            footer: None,
            buttons,
        }
    }
}

/// One reply button.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyButton {
    /// The id echoed back when tapped.
    pub id: String,
    /// The label.
    pub title: String,
}

impl ReplyButton {
    /// A button.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> ReplyButton {
        ReplyButton {
            id: id.into(),
            title: title.into(),
        }
    }
}

/// A list message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListMessage {
    /// The header (Meta allows only text for lists).
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The label of the button that opens the list.
    pub button: String,
    /// The sections.
    pub sections: Vec<Section>,
}

impl ListMessage {
    /// A list with `body`, opening `button`, and `sections`.
    pub fn new(
        body: impl Into<String>,
        button: impl Into<String>,
        sections: Vec<Section>,
    ) -> ListMessage {
        ListMessage {
            header: None,
            body: body.into(),
            footer: None,
            button: button.into(),
            sections,
        }
    }
}

/// A section of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Section {
    /// The title (required by Meta when there are several sections).
    pub title: Option<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

impl Section {
    /// A section.
    pub fn new(title: Option<String>, rows: Vec<Row>) -> Section {
        Section { title, rows }
    }
}

/// A row of a list section.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Row {
    /// The id echoed back when chosen.
    pub id: String,
    /// The title.
    pub title: String,
    /// The description.
    pub description: Option<String>,
}

impl Row {
    /// A row without description.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Row {
        Row {
            id: id.into(),
            title: title.into(),
            description: None,
        }
    }
}

impl InteractiveHeader {
    pub(crate) fn to_json(&self) -> Value {
        let (kind, payload) = match self {
            InteractiveHeader::Text(t) => return object([("type", s("text")), ("text", s(t))]),
            InteractiveHeader::Image(m) => ("image", m.to_json()),
            InteractiveHeader::Video(m) => ("video", m.to_json()),
            InteractiveHeader::Document(m) => ("document", m.to_json()),
        };
        object([("type", s(kind)), (kind, Some(payload))])
    }

    pub(crate) fn read(mut o: Reader) -> Result<InteractiveHeader, ModelError> {
        let kind = o.string("type")?;
        let header = match kind.as_str() {
            "text" => InteractiveHeader::Text(o.string("text")?),
            "image" => InteractiveHeader::Image(MediaSource::read(o.object("image")?)?),
            "video" => InteractiveHeader::Video(MediaSource::read(o.object("video")?)?),
            "document" => InteractiveHeader::Document(MediaSource::read(o.object("document")?)?),
            other => {
                return Err(ModelError::UnknownType {
                    field: o.at("type"),
                    value: quote(other),
                });
            }
        };
        o.finish()?;
        Ok(header)
    }
}

/// The parts around an action: header, body, footer, written in Meta's wrappers.
pub(crate) struct Frame<'a> {
    pub(crate) kind: &'static str,
    pub(crate) header: Option<&'a InteractiveHeader>,
    pub(crate) body: Option<&'a str>,
    pub(crate) footer: Option<&'a str>,
}

impl Frame<'_> {
    /// The whole interactive object with `action`.
    pub(crate) fn with_action(&self, action: Value) -> Value {
        object([
            ("type", s(self.kind)),
            ("header", self.header.map(InteractiveHeader::to_json)),
            ("body", self.body.map(|b| wrap("text", b))),
            ("footer", self.footer.map(|f| wrap("text", f))),
            ("action", Some(action)),
        ])
    }
}

/// Reads an optional header.
pub(crate) fn read_header(o: &mut Reader) -> Result<Option<InteractiveHeader>, ModelError> {
    o.opt_object("header")?
        .map(InteractiveHeader::read)
        .transpose()
}

/// Reads a required `body: {"text": …}`.
pub(crate) fn read_body(o: &mut Reader) -> Result<String, ModelError> {
    o.opt_wrapped_text("body")?
        .ok_or_else(|| ModelError::Missing {
            field: o.at("body"),
        })
}

/// Reads an optional `footer: {"text": …}`.
pub(crate) fn read_footer(o: &mut Reader) -> Result<Option<String>, ModelError> {
    o.opt_wrapped_text("footer")
}

impl Interactive {
    /// The `interactive.type` of this message.
    pub fn kind(&self) -> &'static str {
        match self {
            Interactive::Button(_) => "button",
            Interactive::List(_) => "list",
            Interactive::CtaUrl(_) => "cta_url",
            Interactive::Flow(_) => "flow",
            Interactive::Product(_) => "product",
            Interactive::ProductList(_) => "product_list",
            Interactive::Catalog(_) => "catalog_message",
            Interactive::LocationRequest(_) => "location_request_message",
            Interactive::Address(_) => "address_message",
            Interactive::VoiceCall(_) => "voice_call",
            Interactive::CallPermissionRequest(_) => "call_permission_request",
            Interactive::ContactInfoRequest(_) => "request_contact_info",
            Interactive::OrderDetails(_) => "order_details",
            Interactive::OrderStatus(_) => "order_status",
            Interactive::Carousel(_) => "carousel",
        }
    }

    /// The Cloud API JSON (the object under `"interactive"`).
    pub fn to_json(&self) -> Value {
        let kind = self.kind();
        match self {
            Interactive::Button(b) => {
                let buttons = b
                    .buttons
                    .iter()
                    .map(|r| {
                        object([
                            ("type", s("reply")),
                            (
                                "reply",
                                Some(object([("id", s(&r.id)), ("title", s(&r.title))])),
                            ),
                        ])
                    })
                    .collect();
                Frame {
                    kind,
                    header: b.header.as_ref(),
                    body: Some(&b.body),
                    footer: b.footer.as_deref(),
                }
                .with_action(object([("buttons", Some(Value::Array(buttons)))]))
            }
            Interactive::List(l) => {
                let sections = l
                    .sections
                    .iter()
                    .map(|sec| {
                        let rows = sec
                            .rows
                            .iter()
                            .map(|r| {
                                object([
                                    ("id", s(&r.id)),
                                    ("title", s(&r.title)),
                                    ("description", os(r.description.as_deref())),
                                ])
                            })
                            .collect();
                        object([
                            ("title", os(sec.title.as_deref())),
                            ("rows", Some(Value::Array(rows))),
                        ])
                    })
                    .collect();
                Frame {
                    kind,
                    header: l.header.as_ref(),
                    body: Some(&l.body),
                    footer: l.footer.as_deref(),
                }
                .with_action(object([
                    ("button", s(&l.button)),
                    ("sections", Some(Value::Array(sections))),
                ]))
            }
            Interactive::CtaUrl(m) => m.to_json(),
            Interactive::Flow(m) => m.to_json(),
            Interactive::Product(m) => m.to_json(),
            Interactive::ProductList(m) => m.to_json(),
            Interactive::Catalog(m) => m.to_json(),
            Interactive::LocationRequest(m) => m.to_json(kind, "send_location"),
            Interactive::CallPermissionRequest(m) => m.to_json(kind, "call_permission_request"),
            Interactive::ContactInfoRequest(m) => m.to_json(kind, "request_contact_info"),
            Interactive::Address(m) => m.to_json(),
            Interactive::VoiceCall(m) => m.to_json(),
            Interactive::OrderDetails(m) => m.to_json(),
            Interactive::OrderStatus(m) => m.to_json(),
            Interactive::Carousel(m) => m.to_json(),
        }
    }

    /// Reads the object under `"interactive"` strictly: a `type` of [`INTERACTIVE_TYPES`], the
    /// parts that type takes and nothing else.
    pub fn from_json(value: Value) -> Result<Interactive, ModelError> {
        Interactive::read(value, "interactive".to_owned())
    }

    pub(crate) fn read(value: Value, path: String) -> Result<Interactive, ModelError> {
        let mut o = Reader::new(value, path)?;
        let kind = o.string("type")?;
        let message = match kind.as_str() {
            "button" => Interactive::Button(read_buttons(&mut o)?),
            "list" => Interactive::List(read_list(&mut o)?),
            "cta_url" => Interactive::CtaUrl(CtaUrlMessage::read(&mut o)?),
            "flow" => Interactive::Flow(FlowMessage::read(&mut o)?),
            "product" => Interactive::Product(ProductMessage::read(&mut o)?),
            "product_list" => Interactive::ProductList(ProductListMessage::read(&mut o)?),
            "catalog_message" => Interactive::Catalog(CatalogMessage::read(&mut o)?),
            "location_request_message" => {
                Interactive::LocationRequest(PromptMessage::read(&mut o, "send_location")?)
            }
            "address_message" => Interactive::Address(AddressMessage::read(&mut o)?),
            "voice_call" => Interactive::VoiceCall(VoiceCallMessage::read(&mut o)?),
            "call_permission_request" => Interactive::CallPermissionRequest(PromptMessage::read(
                &mut o,
                "call_permission_request",
            )?),
            "request_contact_info" => Interactive::ContactInfoRequest(PromptMessage::read(
                &mut o,
                "request_contact_info",
            )?),
            "order_details" => Interactive::OrderDetails(OrderDetailsMessage::read(&mut o)?),
            "order_status" => Interactive::OrderStatus(OrderStatusMessage::read(&mut o)?),
            "carousel" => Interactive::Carousel(CarouselMessage::read(&mut o)?),
            other => {
                return Err(ModelError::UnknownType {
                    field: o.at("type"),
                    value: quote(other),
                });
            }
        };
        o.finish()?;
        Ok(message)
    }
}

/// Reads one reply button `{"type": "reply", "reply": {"id", "title"}}` (`reply_key` is `reply`,
/// or `quick_reply` in carousel cards).
pub(crate) fn read_reply(
    mut b: Reader,
    reply_key: &'static str,
) -> Result<ReplyButton, ModelError> {
    b.fixed("type", reply_key)?;
    let mut reply = b.object(reply_key)?;
    b.finish()?;
    let id = reply.string("id")?;
    let title = reply.string("title")?;
    reply.finish()?;
    Ok(ReplyButton { id, title })
}

fn read_buttons(o: &mut Reader) -> Result<ButtonMessage, ModelError> {
    let header = read_header(o)?;
    let body = read_body(o)?;
    let footer = read_footer(o)?;
    let mut action = o.object("action")?;
    let buttons = action
        .array("buttons")?
        .into_iter()
        .map(|(path, b)| read_reply(Reader::new(b, path)?, "reply"))
        .collect::<Result<Vec<_>, _>>()?;
    action.finish()?;
    Ok(ButtonMessage {
        header,
        body,
        footer,
        buttons,
    })
}

fn read_list(o: &mut Reader) -> Result<ListMessage, ModelError> {
    let header = read_header(o)?;
    let body = read_body(o)?;
    let footer = read_footer(o)?;
    let mut action = o.object("action")?;
    let button = action.string("button")?;
    let mut sections = Vec::new();
    for (path, sec) in action.array("sections")? {
        let mut sec = Reader::new(sec, path)?;
        let title = sec.opt_string("title")?;
        let mut rows = Vec::new();
        for (path, r) in sec.array("rows")? {
            let mut r = Reader::new(r, path)?;
            let id = r.string("id")?;
            let title = r.string("title")?;
            let description = r.opt_string("description")?;
            r.finish()?;
            rows.push(Row {
                id,
                title,
                description,
            });
        }
        sec.finish()?;
        sections.push(Section { title, rows });
    }
    action.finish()?;
    Ok(ListMessage {
        header,
        body,
        footer,
        button,
        sections,
    })
}

serde_via_json!(Interactive, "interactive");
