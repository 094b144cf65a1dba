//! Interactive send bodies (reply buttons, lists); plain data, validated by `waba-template`.

use std::convert::Infallible;

use serde_json::Value;

use super::media::MediaSource;
use crate::json::{Obj, object, os, s, serde_via_json, wrap};

/// An interactive message.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Interactive {
    /// Up to three reply buttons (`type: "button"`).
    Button(ButtonMessage),
    /// A list of sections of rows (`type: "list"`).
    List(ListMessage),
    /// Any other interactive kind (flow, product, CTA URL, …), or a button or list with fields
    /// this model does not know, kept as it came.
    Other(Value),
}

/// The header of a button or list message.
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
    fn to_json(&self) -> Value {
        let (kind, payload) = match self {
            InteractiveHeader::Text(t) => return object([("type", s("text")), ("text", s(t))]),
            InteractiveHeader::Image(m) => ("image", m.to_json()),
            InteractiveHeader::Video(m) => ("video", m.to_json()),
            InteractiveHeader::Document(m) => ("document", m.to_json()),
        };
        object([("type", s(kind)), (kind, Some(payload))])
    }

    fn from_json(value: Value) -> Option<InteractiveHeader> {
        let mut o = Obj::new(value)?;
        let kind = o.string("type")?;
        let header = match kind.as_str() {
            "text" => InteractiveHeader::Text(o.string("text")?),
            "image" => InteractiveHeader::Image(MediaSource::from_json(o.take("image")?)?),
            "video" => InteractiveHeader::Video(MediaSource::from_json(o.take("video")?)?),
            "document" => InteractiveHeader::Document(MediaSource::from_json(o.take("document")?)?),
            _ => return None,
        };
        o.finish()?;
        Some(header)
    }
}

fn common_json(
    kind: &str,
    header: Option<&InteractiveHeader>,
    body: &str,
    footer: Option<&str>,
    action: Value,
) -> Value {
    object([
        ("type", s(kind)),
        ("header", header.map(InteractiveHeader::to_json)),
        ("body", Some(wrap("text", body))),
        ("footer", footer.map(|f| wrap("text", f))),
        ("action", Some(action)),
    ])
}

/// Header, body and footer of a button or list message.
type Common = (Option<InteractiveHeader>, String, Option<String>);

fn take_common(o: &mut Obj) -> Option<Common> {
    let header = match o.take("header") {
        None => None,
        Some(h) => Some(InteractiveHeader::from_json(h)?),
    };
    let body = o.wrapped_string("body", "text")?;
    let footer = match o.take("footer") {
        None => None,
        Some(f) => {
            let mut f = Obj::new(f)?;
            let text = f.string("text")?;
            f.finish()?;
            Some(text)
        }
    };
    Some((header, body, footer))
}

fn array(value: Option<Value>) -> Option<Vec<Value>> {
    match value? {
        Value::Array(items) => Some(items),
        _ => None,
    }
}

impl Interactive {
    /// The Cloud API JSON (the object under `"interactive"`).
    pub fn to_json(&self) -> Value {
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
                common_json(
                    "button",
                    b.header.as_ref(),
                    &b.body,
                    b.footer.as_deref(),
                    object([("buttons", Some(Value::Array(buttons)))]),
                )
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
                common_json(
                    "list",
                    l.header.as_ref(),
                    &l.body,
                    l.footer.as_deref(),
                    object([
                        ("button", s(&l.button)),
                        ("sections", Some(Value::Array(sections))),
                    ]),
                )
            }
            Interactive::Other(raw) => raw.clone(),
        }
    }

    /// Reads the object under `"interactive"`; what is not a button or list message of exactly the
    /// known shape becomes [`Interactive::Other`].
    pub fn from_value(value: Value) -> Interactive {
        Interactive::typed(value.clone()).unwrap_or(Interactive::Other(value))
    }

    fn from_json(value: Value) -> Result<Interactive, Infallible> {
        Ok(Interactive::from_value(value))
    }

    fn typed(value: Value) -> Option<Interactive> {
        let mut o = Obj::new(value)?;
        let kind = o.string("type")?;
        let (header, body, footer) = take_common(&mut o)?;
        let mut action = o.object("action")?;
        o.finish()?;
        let typed = match kind.as_str() {
            "button" => {
                let mut buttons = Vec::new();
                for b in array(action.take("buttons"))? {
                    let mut b = Obj::new(b)?;
                    if b.string("type")? != "reply" {
                        return None;
                    }
                    let mut reply = b.object("reply")?;
                    b.finish()?;
                    let id = reply.string("id")?;
                    let title = reply.string("title")?;
                    reply.finish()?;
                    buttons.push(ReplyButton { id, title });
                }
                Interactive::Button(ButtonMessage {
                    header,
                    body,
                    footer,
                    buttons,
                })
            }
            "list" => {
                let button = action.string("button")?;
                let mut sections = Vec::new();
                for sec in array(action.take("sections"))? {
                    let mut sec = Obj::new(sec)?;
                    let title = sec.opt_string("title")?;
                    let mut rows = Vec::new();
                    for r in array(sec.take("rows"))? {
                        let mut r = Obj::new(r)?;
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
                Interactive::List(ListMessage {
                    header,
                    body,
                    footer,
                    button,
                    sections,
                })
            }
            _ => return None,
        };
        action.finish()?;
        Some(typed)
    }
}

serde_via_json!(Interactive, "interactive");
