//! Standard responses (the guide's "Standard Response Library"): a prepared reply of text plus
//! attachments becomes an ordered send plan, and a notification inserted from a standard response
//! keeps its editable parameters.
//!
//! "Text is sent first in a separate message, followed by attachments (if any). You can click the X
//! above an attachment file to remove it from the response." Every part of the plan is checked
//! through [`Conversation::compose`] (window, privileges, attachment policy, byte budget) before the
//! first is sent: a plan is all of its parts or a refusal naming the part and why.
//!
//! ```
//! use waba::attachment::Permissions;
//! use waba::model::MediaSource;
//! use waba::response::{Part, StandardResponse};
//! use waba::{AttachmentDraft, Config, Conversation};
//!
//! let now = "2026-11-24T10:00:00Z".parse()?;
//! let mut conv = Conversation::new("channel-ghub", "DigitalMessagingServer");
//! conv.on_inbound(now, false);
//! let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec();
//! let manual = AttachmentDraft::new(pdf, 48_213, Some("application/pdf".into()),
//!     Some("manual.pdf".into()), None, MediaSource::Id("1166582278109245".into()));
//! let response = StandardResponse::new("Here is the manual.", vec![manual]);
//! let plan = response.plan(&conv, &Config::default(), Permissions::all(), now)?;
//! assert_eq!(plan.parts.len(), 2);
//! assert_eq!(plan.parts[0].part, Part::Text);
//! assert_eq!(plan.parts[1].part, Part::Attachment(0));
//! // The agent removes the attachment (its X): the plan is the text alone.
//! let plan = response.without_attachment(0)?.plan(&conv, &Config::default(), Permissions::all(), now)?;
//! assert_eq!(plan.parts.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_attachment::Permissions;
use waba_error::{ErrorClass, WabaError};
use waba_model::{Outbound, ParameterValue};
use waba_template::{Params, Template, TemplateError};

use crate::Config;
use crate::conversation::{AttachmentDraft, ComposeError, Conversation, Decision, Draft};

/// The most attachments one standard response may carry (each is its own message; ours, so that a
/// plan stays a handful of sends).
pub const RESPONSE_ATTACHMENTS_MAX: usize = 10;

/// One part of a standard response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The text, sent first.
    Text,
    /// The attachment at this index of the response (from 0).
    Attachment(usize),
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Text => f.write_str("text"),
            Part::Attachment(i) => write!(f, "attachments[{i}]"),
        }
    }
}

/// A prepared reply: a text and attachments.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StandardResponse {
    /// The text (none, or only white space: the response is its attachments).
    pub text: Option<String>,
    /// The attachments, in order.
    pub attachments: Vec<AttachmentDraft>,
}

/// One message of a plan: which part it is and what will be sent.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PlannedPart {
    /// The part of the response.
    pub part: Part,
    /// The decision for it: a send, or (the text, with the window closed) the default notification.
    pub decision: Decision,
}

impl PlannedPart {
    /// The body to send.
    pub fn body(&self) -> Option<&Outbound> {
        self.decision.body()
    }
}

/// The messages of a standard response, in the order to send them, every one checked.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SendPlan {
    /// Text first, then each attachment as its own message.
    pub parts: Vec<PlannedPart>,
}

impl SendPlan {
    /// The bodies, in order.
    pub fn bodies(&self) -> impl Iterator<Item = &Outbound> {
        self.parts.iter().filter_map(PlannedPart::body)
    }
}

/// Why a standard response cannot be planned.
#[derive(Debug, Clone, PartialEq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum ResponseError {
    /// A part was refused: nothing of the response may be sent.
    #[error("{part}: {error}")]
    #[waba(code = error.code(), class = compose_class(error), field = error.field(), limit = error.limit(), actual = error.actual(), position = error.position(), meta_code = error.meta_code())]
    Refused {
        /// The part refused (the first, in sending order).
        part: Part,
        /// Why.
        error: ComposeError,
    },
    /// The response has neither text nor attachment.
    #[error("the standard response has neither text nor attachment")]
    #[waba(code = "response.empty")]
    Empty,
    /// More attachments than [`RESPONSE_ATTACHMENTS_MAX`].
    #[error("the standard response has {actual} attachments, more than {limit}")]
    #[waba(code = "response.too_many_attachments")]
    TooManyAttachments {
        /// The cap.
        limit: u64,
        /// How many it has.
        actual: u64,
    },
    /// No attachment at that index (removing one that is not there).
    #[error("the standard response has no attachment {index} (it has {count})")]
    #[waba(code = "response.no_such_attachment", limit = count, actual = index)]
    NoSuchAttachment {
        /// The index asked for.
        index: u64,
        /// How many there are.
        count: u64,
    },
    /// A notification parameter that the template does not have.
    #[error("the notification has no parameter {name}")]
    #[waba(code = "response.no_such_parameter", field = name)]
    NoSuchParameter {
        /// The parameter (`1`, or a name).
        name: String,
    },
    /// The notification's template or values break a template rule.
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// The class of a compose refusal: the window and privileges (also those the attachment policy
/// checks) refuse what is well formed; the rest is a fault of the content.
fn compose_class(e: &ComposeError) -> ErrorClass {
    let code = e.code();
    if code.starts_with("window.")
        || code.starts_with("permission.")
        || matches!(e, ComposeError::NoChannel | ComposeError::NoCustomerPhone)
    {
        ErrorClass::Refused
    } else {
        ErrorClass::Invalid
    }
}

impl ResponseError {
    /// The part refused, for [`ResponseError::Refused`].
    pub fn part(&self) -> Option<Part> {
        match self {
            ResponseError::Refused { part, .. } => Some(*part),
            _ => None,
        }
    }
}

impl StandardResponse {
    /// A response of `text` and `attachments`.
    pub fn new(text: impl Into<String>, attachments: Vec<AttachmentDraft>) -> Self {
        Self {
            text: Some(text.into()),
            attachments,
        }
    }

    /// A response of attachments only.
    pub fn attachments(attachments: Vec<AttachmentDraft>) -> Self {
        Self {
            text: None,
            attachments,
        }
    }

    /// The same response without the attachment at `index` (the agent's X).
    pub fn without_attachment(&self, index: usize) -> Result<Self, ResponseError> {
        if index >= self.attachments.len() {
            return Err(ResponseError::NoSuchAttachment {
                index: index as u64,
                count: self.attachments.len() as u64,
            });
        }
        let mut out = self.clone();
        out.attachments.remove(index);
        Ok(out)
    }

    /// The send plan at `now`: the text first (when there is one), then each attachment as its own
    /// message, every part decided by [`Conversation::compose`]. The first part refused (in sending
    /// order) refuses the whole plan, so nothing is sent half.
    pub fn plan(
        &self,
        conversation: &Conversation,
        config: &Config,
        permissions: Permissions,
        now: DateTime<Utc>,
    ) -> Result<SendPlan, ResponseError> {
        if self.attachments.len() > RESPONSE_ATTACHMENTS_MAX {
            return Err(ResponseError::TooManyAttachments {
                limit: RESPONSE_ATTACHMENTS_MAX as u64,
                actual: self.attachments.len() as u64,
            });
        }
        let text = self.text.as_deref().filter(|t| !t.trim().is_empty());
        if text.is_none() && self.attachments.is_empty() {
            return Err(ResponseError::Empty);
        }
        let drafts = text
            .map(|t| (Part::Text, Draft::Text(t.to_owned())))
            .into_iter()
            .chain(
                self.attachments
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (Part::Attachment(i), Draft::Attachment(a.clone()))),
            );
        let mut parts = Vec::with_capacity(self.attachments.len() + 1);
        for (part, draft) in drafts {
            match conversation.compose(config, &draft, permissions, now) {
                Decision::Refused(error) => return Err(ResponseError::Refused { part, error }),
                decision => parts.push(PlannedPart { part, decision }),
            }
        }
        Ok(SendPlan { parts })
    }
}

/// A notification inserted from a standard response: its template, and the parameter values the
/// agent may edit before sending ("After you insert the Notification, you can click either the
/// Notification icon or Edit to access the Notification tab and edit the parameter values").
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct NotificationResponse {
    /// The template (checked when built).
    pub template: Template,
    /// The positional values, `{{1}}` first.
    pub positional: Vec<String>,
    /// The named values.
    pub named: BTreeMap<String, String>,
    /// The media of a media header, as the standard response gave it.
    pub header_media: Option<ParameterValue>,
    /// Whether the agent replaced the header's attachment (needs
    /// `InteractionWorkspace.WhatsApp.canChangeAttachmentsInNotification`).
    pub attachment_changed: bool,
}

impl NotificationResponse {
    /// The notification of `template` with the standard response's initial values (missing ones
    /// are empty until edited; a template without parameters takes none).
    pub fn new(template: Template) -> Self {
        let positional = vec![String::new(); template.positional_count()];
        let named = template
            .names()
            .iter()
            .map(|n| (n.clone(), String::new()))
            .collect();
        Self {
            template,
            positional,
            named,
            header_media: None,
            attachment_changed: false,
        }
    }

    /// The same notification with the media header the standard response carries.
    pub fn with_header_media(mut self, media: ParameterValue) -> Self {
        self.header_media = Some(media);
        self
    }

    /// The editable parameters and their current values: `1`, `2`... then the names.
    pub fn parameters(&self) -> Vec<(String, &str)> {
        self.positional
            .iter()
            .enumerate()
            .map(|(i, v)| ((i + 1).to_string(), v.as_str()))
            .chain(self.named.iter().map(|(k, v)| (k.clone(), v.as_str())))
            .collect()
    }

    /// Edits a parameter: `1`-based position (`"1"`) or name.
    pub fn set(&mut self, parameter: &str, value: impl Into<String>) -> Result<(), ResponseError> {
        let slot = match parameter.parse::<usize>() {
            Ok(n) if n >= 1 => self.positional.get_mut(n - 1),
            _ => self.named.get_mut(parameter),
        };
        match slot {
            Some(v) => {
                *v = value.into();
                Ok(())
            }
            None => Err(ResponseError::NoSuchParameter {
                name: crate::config::quote(parameter),
            }),
        }
    }

    /// The agent replaces the header's attachment.
    pub fn change_header_media(&mut self, media: ParameterValue) {
        self.header_media = Some(media);
        self.attachment_changed = true;
    }

    fn params(&self) -> Params<'_> {
        let mut p = if self.named.is_empty() {
            Params::positional(self.positional.iter().map(String::as_str))
        } else {
            Params::named(self.named.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        };
        if let Some(m) = &self.header_media {
            p = p.with_header_media(m.clone());
        }
        p
    }

    /// What the customer will read with the current values (the template's rules checked).
    pub fn preview(&self) -> Result<String, ResponseError> {
        Ok(self.template.preview(&self.params())?)
    }

    /// Decides the notification at `now` like any notification: rendered with the current values
    /// (Meta's parameter rules: no newline, tab or more than four spaces in a header or button
    /// parameter), then [`Conversation::compose`] as a template draft (the send body's rules, the
    /// privileges, the attachment privilege when the header media was changed). A notification may
    /// be sent with the window closed. [`NotificationResponse::preview`] gives what the customer
    /// reads.
    pub fn compose(
        &self,
        conversation: &Conversation,
        config: &Config,
        permissions: Permissions,
        now: DateTime<Utc>,
    ) -> Decision {
        let rendered = match self.template.render(&self.params()) {
            Ok(r) => r,
            Err(e) => return Decision::Refused(ComposeError::Template(e)),
        };
        let draft = Draft::Template {
            message: rendered.message,
            attachment_changed: self.attachment_changed,
        };
        conversation.compose(config, &draft, permissions, now)
    }
}
