//! Interactive media carousels (`carousel`): 2 to 10 scrollable cards, each with an image or video
//! header, optional body text, and one URL button or quick-reply buttons.

use serde_json::Value;

use super::interactive::{Frame, InteractiveHeader, ReplyButton, read_body, read_reply};
use super::read::Reader;
use super::read::{object, s, wrap};
use crate::error::{ModelError, quote};

/// The `type` values a card may have.
pub const CARD_TYPES: [&str; 3] = ["cta_url", "button", "quick_reply"];

/// What a card's button does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardAction {
    /// One button opening a URL (`{"name": "cta_url", "parameters": {display_text, url}}`).
    CtaUrl {
        /// The button's label.
        display_text: String,
        /// The URL.
        url: String,
    },
    /// Quick-reply buttons (`{"buttons": [{"type": "quick_reply", "quick_reply": {id, title}}]}`).
    QuickReplies(Vec<ReplyButton>),
}

/// One card of a carousel.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CarouselCard {
    /// The card's position, from 0.
    pub card_index: i64,
    /// The card's `type` (one of [`CARD_TYPES`]).
    pub kind: String,
    /// The header: an image or a video.
    pub header: InteractiveHeader,
    /// The card's text.
    pub body: Option<String>,
    /// The card's button(s).
    pub action: CardAction,
}

/// A carousel message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CarouselMessage {
    /// The main body text.
    pub body: String,
    /// The cards.
    pub cards: Vec<CarouselCard>,
}

impl CarouselMessage {
    pub(crate) fn to_json(&self) -> Value {
        let cards = self
            .cards
            .iter()
            .map(|c| {
                let action = match &c.action {
                    CardAction::CtaUrl { display_text, url } => object([
                        ("name", s("cta_url")),
                        (
                            "parameters",
                            Some(object([("display_text", s(display_text)), ("url", s(url))])),
                        ),
                    ]),
                    CardAction::QuickReplies(buttons) => object([(
                        "buttons",
                        Some(Value::Array(
                            buttons
                                .iter()
                                .map(|b| {
                                    object([
                                        ("type", s("quick_reply")),
                                        (
                                            "quick_reply",
                                            Some(object([
                                                ("id", s(&b.id)),
                                                ("title", s(&b.title)),
                                            ])),
                                        ),
                                    ])
                                })
                                .collect(),
                        )),
                    )]),
                };
                object([
                    ("card_index", Some(Value::from(c.card_index))),
                    ("type", s(&c.kind)),
                    ("header", Some(c.header.to_json())),
                    ("body", c.body.as_deref().map(|b| wrap("text", b))),
                    ("action", Some(action)),
                ])
            })
            .collect();
        Frame {
            kind: "carousel",
            header: None,
            body: Some(&self.body),
            footer: None,
        }
        .with_action(object([("cards", Some(Value::Array(cards)))]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<CarouselMessage, ModelError> {
        let body = read_body(o)?;
        let mut action = o.object("action")?;
        let cards = action
            .array("cards")?
            .into_iter()
            .map(|(path, v)| read_card(Reader::new(v, path)?))
            .collect::<Result<Vec<_>, _>>()?;
        action.finish()?;
        Ok(CarouselMessage { body, cards })
    }
}

fn read_card(mut c: Reader) -> Result<CarouselCard, ModelError> {
    let card_index = c.int("card_index", 0, i64::MAX)?;
    let kind = c.string("type")?;
    if !CARD_TYPES.contains(&kind.as_str()) {
        return Err(ModelError::UnknownType {
            field: c.at("type"),
            value: quote(&kind),
        });
    }
    let header = InteractiveHeader::read(c.object("header")?)?;
    let body = c.opt_wrapped_text("body")?;
    let mut a = c.object("action")?;
    let action = if a.has("buttons") {
        let buttons = a
            .array("buttons")?
            .into_iter()
            .map(|(path, b)| read_reply(Reader::new(b, path)?, "quick_reply"))
            .collect::<Result<Vec<_>, _>>()?;
        CardAction::QuickReplies(buttons)
    } else {
        a.fixed("name", "cta_url")?;
        let mut p = a.object("parameters")?;
        let display_text = p.string("display_text")?;
        let url = p.string("url")?;
        p.finish()?;
        CardAction::CtaUrl { display_text, url }
    };
    a.finish()?;
    c.finish()?;
    Ok(CarouselCard {
        card_index,
        kind,
        header,
        body,
        action,
    })
}
