//! Replies tied to what was sent: a template quick-reply `button`, an `interactive.button_reply` or a
//! `list_reply`, resolved through `context.id` to the message we sent and the option chosen. A reply
//! to a message we do not know, or to an option that was not in it, stays unresolved: never dropped,
//! never guessed.

use serde::{Deserialize, Serialize};
use waba_model::{
    ButtonSubType, Content, Interactive, InteractiveReply, Message, OutboundBody, TemplateComponent,
};
use waba_template::{Button, Component, Template};

/// The option a customer chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Choice {
    /// Its position in what we sent, from 0: the button's index, or the row's index counted across
    /// the list's sections in order.
    pub index: usize,
    /// Its id: the button's or row's id, or the quick-reply payload.
    pub id: String,
    /// Its title as we sent it (the template's button label, the button's or row's title; the
    /// customer's label when the template definition is not known).
    pub title: String,
}

/// What a reply refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReplyTo {
    /// Our message's id (`context.id`); `None` when the reply names none.
    pub id: Option<String>,
    /// The option chosen, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<Choice>,
    /// True when the message or the option is not known: shown as it came, never guessed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

/// A sent message a reply may point to: its body, and the template definition when known.
pub(crate) struct SentRef<'a> {
    pub body: &'a OutboundBody,
    pub template: Option<&'a Template>,
}

/// What the customer's message says it chose: `(kind, id or payload, label)`.
enum Picked<'a> {
    QuickReply { payload: &'a str, text: &'a str },
    Button { id: &'a str },
    Row { id: &'a str },
}

fn picked(message: &Message) -> Option<Picked<'_>> {
    match message.content.as_ref()? {
        Content::Button(b) => Some(Picked::QuickReply {
            payload: b.payload.as_deref().unwrap_or(""),
            text: b.text.as_deref().unwrap_or(""),
        }),
        Content::Interactive(i) => match i.reply.as_ref()? {
            InteractiveReply::ButtonReply(c) => Some(Picked::Button {
                id: c.id.as_deref().unwrap_or(""),
            }),
            InteractiveReply::ListReply(c) => Some(Picked::Row {
                id: c.id.as_deref().unwrap_or(""),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the message is a choice reply (a quick reply, a button or list reply).
pub(crate) fn is_choice(message: &Message) -> bool {
    picked(message).is_some()
}

/// Resolves a choice reply against the message it names; `None` when `message` is not a choice
/// reply. `find` looks up one of our sent messages by id.
pub(crate) fn resolve<'a>(
    message: &Message,
    find: impl Fn(&str) -> Option<SentRef<'a>>,
) -> Option<ReplyTo> {
    let picked = picked(message)?;
    let id = message.context.as_ref().and_then(|c| c.id.clone());
    let option = id
        .as_deref()
        .and_then(&find)
        .and_then(|sent| choose(&picked, &sent));
    Some(ReplyTo {
        unresolved: option.is_none(),
        id,
        option,
    })
}

/// The option whose id is `id`, among `(id, title)` pairs in the order they were sent.
fn find_choice<'a>(
    options: impl Iterator<Item = (&'a String, &'a String)>,
    id: &str,
) -> Option<Choice> {
    options
        .enumerate()
        .find(|(_, (x, _))| x.as_str() == id)
        .map(|(index, (id, title))| Choice {
            index,
            id: id.clone(),
            title: title.clone(),
        })
}

fn choose(picked: &Picked<'_>, sent: &SentRef<'_>) -> Option<Choice> {
    match (picked, sent.body) {
        (Picked::Button { id }, OutboundBody::Interactive(Interactive::Button(b))) => {
            find_choice(b.buttons.iter().map(|x| (&x.id, &x.title)), id)
        }
        (Picked::Row { id }, OutboundBody::Interactive(Interactive::List(l))) => find_choice(
            l.sections
                .iter()
                .flat_map(|s| s.rows.iter())
                .map(|r| (&r.id, &r.title)),
            id,
        ),
        (Picked::QuickReply { payload, text }, OutboundBody::Template(t)) => {
            quick_reply(payload, text, &t.components, sent.template)
        }
        _ => None,
    }
}

/// The labels of the template definition's buttons, by index across its `BUTTONS` component.
fn labels(template: &Template) -> Vec<(usize, &str, bool)> {
    template
        .definition()
        .components
        .iter()
        .filter_map(|c| match c {
            Component::Buttons(b) => Some(b.buttons.iter()),
            _ => None,
        })
        .flatten()
        .enumerate()
        .filter_map(|(i, b)| {
            b.label()
                .map(|l| (i, l, matches!(b, Button::QuickReply { .. })))
        })
        .collect()
}

/// A quick reply: by the payload we sent with the button (its index is the component's), else, with
/// the definition, by the label of a quick-reply button (Meta sends the label as the payload when
/// the send gave none).
fn quick_reply(
    payload: &str,
    text: &str,
    components: &[TemplateComponent],
    template: Option<&Template>,
) -> Option<Choice> {
    let label_of = |index: usize| {
        template.and_then(|t| {
            labels(t)
                .into_iter()
                .find(|(i, _, _)| *i == index)
                .map(|(_, l, _)| l.to_owned())
        })
    };
    let by_payload = components.iter().find_map(|c| match c {
        TemplateComponent::Button {
            sub_type: ButtonSubType::QuickReply,
            index,
            parameters,
            ..
        } if parameters
            .iter()
            .any(|p| matches!(p, waba_model::ButtonParameter::Payload(x) if x == payload)) =>
        {
            Some(usize::from(*index))
        }
        _ => None,
    });
    if let Some(index) = by_payload {
        return Some(Choice {
            index,
            id: payload.to_owned(),
            title: label_of(index).unwrap_or_else(|| text.to_owned()),
        });
    }
    let t = template?;
    labels(t)
        .into_iter()
        .find(|(_, l, quick)| *quick && (*l == payload || (payload.is_empty() && *l == text)))
        .map(|(index, l, _)| Choice {
            index,
            id: payload.to_owned(),
            title: l.to_owned(),
        })
}
