//! The transcript an agent desktop shows (the guide's "Handling WhatsApp Interactions"): one
//! customer's messages on one channel across interactions, oldest first, with the session start of
//! each interaction, inbound messages with their origin time and the delay and order flags, our
//! messages with their delivery status, notifications with their preview, errors with Meta's
//! reason, and replies tied to the notification or interactive message they answer.
//!
//! **Where one interaction ends and the next begins** (decision 0022): a silence between two
//! messages longer than the DMS `session-shutdown-timeout` (`Config::session_shutdown_timeout`,
//! 1800 s as the guide recommends) closes the session; the next message starts a new interaction.
//!
//! Paging ("see older messages..."): a page is the current interaction, preceded by at most
//! `whatsappsession.transcript-interactions-count` messages of earlier interactions; page `n` goes `n`
//! such chunks further back. Other channels' messages appear only with
//! `whatsappsession.show-cross-channel-messages`.
//!
//! Pure and bounded: events in, entries out; nothing reads the clock.
//!
//! ```
//! use waba::transcript::{EntryKind, Transcript};
//! use waba::model::{Outbound, Webhook};
//!
//! let mut t = Transcript::new(&waba::Config::default());
//! let body = Outbound::text("Hello Ana, how can I help?")?;
//! t.push_sent("wamid.OUT1", "2026-11-24T10:00:00Z".parse()?, body, None, None)?;
//! let hook = Webhook::parse(br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
//!   "value":{"metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
//!   "messages":[{"from":"16315551002","id":"wamid.IN1","timestamp":"1795514460","type":"text","text":{"body":"My phone freezes"}}]}}]}]}"#)?;
//! t.push_webhook(&hook, Some("2026-11-24T10:01:05Z".parse()?), None)?;
//! let page = t.page(0);
//! let kinds: Vec<EntryKind> = page.entries.iter().map(|e| e.kind()).collect();
//! assert_eq!(kinds, [EntryKind::SessionStart, EntryKind::Outbound, EntryKind::Inbound]);
//! assert!(!page.older);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod reply;
mod status;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use waba_error::WabaError;
use waba_model::{
    ApiError, Identity, InboundMessage, InteractionAttributes, Interactive, Message, Outbound,
    OutboundBody, Status, StatusKind, Webhook,
};
use waba_template::{Params, Template};

use crate::Config;

pub use reply::{Choice, ReplyTo};
pub use status::{DeliveryView, StatusSource};

/// The most events one transcript takes (sends, inbound messages, statuses, errors).
pub const TRANSCRIPT_EVENTS_MAX: usize = 100_000;

/// The kind of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The date the session started (centered in the desktop).
    SessionStart,
    /// A customer's message.
    Inbound,
    /// One of our messages.
    Outbound,
    /// One of our notifications (a template message).
    Notification,
    /// An error: a failed status with Meta's reason, or an error of a delivery.
    Error,
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Entry {
    /// The start of an interaction.
    SessionStart {
        /// The id of the interaction's first message.
        id: Option<String>,
        /// When it started (its first message's time).
        at: DateTime<Utc>,
    },
    /// A customer's message.
    Inbound {
        /// The message id.
        id: Option<String>,
        /// When it arrived (the time shown).
        at: DateTime<Utc>,
        /// When the customer sent it (`None` when the message gives no usable time).
        origin: Option<DateTime<Utc>>,
        /// Origin to arrival longer than `message-delay-timespan`: the origin time is shown in bold.
        delayed: bool,
        /// Sent before an earlier message of the transcript: the timestamp is shown in red.
        out_of_order: bool,
        /// The message type (`text`, `image`, `button`, `interactive`...).
        #[serde(rename = "type")]
        kind: String,
        /// The text a person reads (`_umsMsgPlainText`).
        text: String,
        /// The channel, when the transcript shows several.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
        /// For a choice reply: our message and the option chosen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<ReplyTo>,
    },
    /// One of our messages.
    Outbound {
        /// The message id.
        id: Option<String>,
        /// When it was sent.
        at: DateTime<Utc>,
        /// Its delivery status (`accepted` until Meta says more).
        status: String,
        /// The message type.
        #[serde(rename = "type")]
        kind: String,
        /// The text a person reads (a caption, `[image]`, an interactive body...).
        text: String,
        /// The channel, when the transcript shows several.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
    },
    /// One of our notifications.
    Notification {
        /// The message id.
        id: Option<String>,
        /// When it was sent.
        at: DateTime<Utc>,
        /// Its delivery status (`accepted` until Meta says more).
        status: String,
        /// The template's name.
        template: String,
        /// What the customer reads: rendered from the template definition when known, else the
        /// template's name and parameter values.
        preview: String,
        /// The channel, when the transcript shows several.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
    },
    /// An error, shown in the flow.
    Error {
        /// The message it concerns (a failed send), if any.
        id: Option<String>,
        /// When it happened.
        at: DateTime<Utc>,
        /// Meta's code.
        code: Option<u64>,
        /// Meta's title.
        title: Option<String>,
        /// Meta's details, or what could not be read.
        message: Option<String>,
    },
}

impl Entry {
    /// The kind.
    pub fn kind(&self) -> EntryKind {
        match self {
            Entry::SessionStart { .. } => EntryKind::SessionStart,
            Entry::Inbound { .. } => EntryKind::Inbound,
            Entry::Outbound { .. } => EntryKind::Outbound,
            Entry::Notification { .. } => EntryKind::Notification,
            Entry::Error { .. } => EntryKind::Error,
        }
    }

    /// The id.
    pub fn id(&self) -> Option<&str> {
        match self {
            Entry::SessionStart { id, .. }
            | Entry::Inbound { id, .. }
            | Entry::Outbound { id, .. }
            | Entry::Notification { id, .. }
            | Entry::Error { id, .. } => id.as_deref(),
        }
    }

    /// The time shown.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Entry::SessionStart { at, .. }
            | Entry::Inbound { at, .. }
            | Entry::Outbound { at, .. }
            | Entry::Notification { at, .. }
            | Entry::Error { at, .. } => *at,
        }
    }

    /// Whether the entry is a message (inbound, outbound or notification): what paging counts.
    pub fn is_message(&self) -> bool {
        matches!(
            self.kind(),
            EntryKind::Inbound | EntryKind::Outbound | EntryKind::Notification
        )
    }
}

/// One page of the transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Whether older messages remain ("see older messages...").
    pub older: bool,
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum TranscriptError {
    /// More than [`TRANSCRIPT_EVENTS_MAX`] events.
    #[error("the transcript holds {limit} events; no more can be added")]
    #[waba(code = "transcript.too_many_events")]
    TooManyEvents {
        /// The cap.
        limit: u64,
    },
    /// A send recorded twice under the same id.
    #[error("message {id} is already recorded as sent")]
    #[waba(code = "transcript.duplicate_send", field = id)]
    DuplicateSend {
        /// The id (cut).
        id: String,
    },
}

/// What happened, in order.
#[derive(Debug, Clone)]
enum Event {
    Sent {
        id: String,
        at: DateTime<Utc>,
        body: Box<Outbound>,
        template: Option<Box<Template>>,
        channel: Option<String>,
    },
    Inbound {
        message: Box<Message>,
        sender: Option<Identity>,
        text: String,
        arrived: DateTime<Utc>,
        origin: Option<DateTime<Utc>>,
        channel: Option<String>,
    },
    Status {
        status: Box<Status>,
        at: DateTime<Utc>,
        channel: Option<String>,
    },
    Error {
        id: Option<String>,
        at: DateTime<Utc>,
        code: Option<u64>,
        title: Option<String>,
        message: Option<String>,
        channel: Option<String>,
    },
}

/// The transcript of one customer on one channel: events in, pages out.
#[derive(Debug, Clone)]
pub struct Transcript {
    gap: TimeDelta,
    delay: TimeDelta,
    per_page: usize,
    cross_channel: bool,
    channel: Option<String>,
    customer: Option<Identity>,
    default_notification: Option<waba_template::AutomaticNotification>,
    events: Vec<Event>,
    sent: BTreeMap<String, usize>,
    last_time: Option<DateTime<Utc>>,
}

impl Transcript {
    /// An empty transcript with the options of `config`: `session-shutdown-timeout` (the
    /// interaction boundary), `message-delay-timespan`, `transcript-interactions-count`,
    /// `show-cross-channel-messages`, and the default notification (its preview).
    pub fn new(config: &Config) -> Self {
        Self {
            gap: TimeDelta::seconds(i64::from(config.session_shutdown_timeout)),
            delay: config.message_delay_timespan,
            per_page: usize::try_from(config.transcript_interactions_count).unwrap_or(1),
            cross_channel: config.show_cross_channel_messages,
            channel: None,
            customer: None,
            default_notification: config.default_notification.clone(),
            events: Vec::new(),
            sent: BTreeMap::new(),
            last_time: None,
        }
    }

    /// The transcript of the channel `channel` (events of other channels are left out unless
    /// `show-cross-channel-messages` is on; events without a channel are this channel's).
    pub fn for_channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = Some(channel.into());
        self
    }

    /// The transcript of one customer (others' messages are left out).
    pub fn for_customer(mut self, customer: Identity) -> Self {
        self.customer = Some(customer);
        self
    }

    fn push(&mut self, event: Event, at: DateTime<Utc>) -> Result<(), TranscriptError> {
        if self.events.len() >= TRANSCRIPT_EVENTS_MAX {
            return Err(TranscriptError::TooManyEvents {
                limit: TRANSCRIPT_EVENTS_MAX as u64,
            });
        }
        self.events.push(event);
        self.last_time = Some(self.last_time.map_or(at, |t| t.max(at)));
        Ok(())
    }

    /// Records a message we sent (Meta accepted it under `id`) at `at`, with the template
    /// definition of a notification when known (for its preview and its quick-reply labels).
    pub fn push_sent(
        &mut self,
        id: impl Into<String>,
        at: DateTime<Utc>,
        body: Outbound,
        template: Option<Template>,
        channel: Option<String>,
    ) -> Result<(), TranscriptError> {
        let id = id.into();
        if self.sent.contains_key(&id) {
            return Err(TranscriptError::DuplicateSend {
                id: crate::config::quote(&id),
            });
        }
        self.sent.insert(id.clone(), self.events.len());
        let event = Event::Sent {
            id,
            at,
            body: Box::new(body),
            template: template.map(Box::new),
            channel,
        };
        self.push(event, at)
    }

    /// Takes a webhook that arrived at `arrived` (`None`: each message's own time): its inbound
    /// messages, statuses and errors, in order. Elements that could not be read become error
    /// entries, never dropped.
    pub fn push_webhook(
        &mut self,
        hook: &Webhook,
        arrived: Option<DateTime<Utc>>,
        channel: Option<String>,
    ) -> Result<(), TranscriptError> {
        // A time for what carries none: the arrival, else the last time seen, else the epoch.
        let fallback =
            |last: Option<DateTime<Utc>>| arrived.or(last).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        for item in hook.messages() {
            match item {
                Ok(m) => {
                    let origin = m.origin_time().ok();
                    let at = arrived
                        .or(origin)
                        .unwrap_or_else(|| fallback(self.last_time));
                    let event = inbound(&m, origin, at, channel.clone());
                    self.push(event, at)?;
                }
                Err(bad) => {
                    let at = fallback(self.last_time);
                    let event = unreadable(bad.kind, bad.error, at, channel.clone());
                    self.push(event, at)?;
                }
            }
        }
        for item in hook.statuses() {
            match item {
                Ok(s) => {
                    let at = s
                        .timestamp
                        .as_ref()
                        .and_then(|t| t.time().ok())
                        .unwrap_or_else(|| fallback(self.last_time));
                    let event = Event::Status {
                        status: Box::new(s.clone()),
                        at,
                        channel: channel.clone(),
                    };
                    self.push(event, at)?;
                }
                Err(bad) => {
                    let at = fallback(self.last_time);
                    self.push(unreadable(bad.kind, bad.error, at, channel.clone()), at)?;
                }
            }
        }
        for item in hook.errors() {
            let at = fallback(self.last_time);
            let event = match item {
                Ok(e) => api_error(None, e, at, channel.clone()),
                Err(bad) => unreadable(bad.kind, bad.error, at, channel.clone()),
            };
            self.push(event, at)?;
        }
        Ok(())
    }

    fn visible_channel(&self, channel: Option<&String>) -> bool {
        self.cross_channel || channel.is_none() || channel == self.channel.as_ref()
    }

    fn shows(&self, event: &Event) -> bool {
        match event {
            Event::Sent { body, channel, .. } => {
                self.visible_channel(channel.as_ref())
                    && self
                        .customer
                        .as_ref()
                        .is_none_or(|c| body.to.as_ref().is_none_or(|to| to == c))
            }
            Event::Inbound {
                sender, channel, ..
            } => {
                self.visible_channel(channel.as_ref())
                    && self
                        .customer
                        .as_ref()
                        .is_none_or(|c| sender.as_ref().is_none_or(|s| s == c))
            }
            Event::Status {
                status, channel, ..
            } => {
                self.visible_channel(channel.as_ref())
                    && status.id.as_ref().is_some_and(|id| {
                        self.sent
                            .get(id)
                            .and_then(|&i| self.events.get(i))
                            .is_some_and(|e| self.shows(e))
                    })
            }
            Event::Error { id, channel, .. } => {
                self.visible_channel(channel.as_ref())
                    && id.as_ref().is_none_or(|id| {
                        self.sent
                            .get(id)
                            .and_then(|&i| self.events.get(i))
                            .is_none_or(|e| self.shows(e))
                    })
            }
        }
    }

    /// The channel to show on an entry: only when several channels are shown.
    fn shown_channel(&self, channel: &Option<String>) -> Option<String> {
        channel.clone().filter(|_| self.cross_channel)
    }

    /// Every entry, oldest first, statuses from `source`.
    pub fn entries_with(&self, source: &dyn StatusSource) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut last_message: Option<DateTime<Utc>> = None;
        let mut previous_origin: Option<DateTime<Utc>> = None;
        for event in self.events.iter().filter(|e| self.shows(e)) {
            let message_at = match event {
                Event::Sent { id, at, .. } => Some((Some(id.clone()), *at)),
                Event::Inbound {
                    message, arrived, ..
                } => Some((message.id.clone(), *arrived)),
                _ => None,
            };
            if let Some((id, at)) = &message_at {
                if last_message.is_none_or(|last| *at - last > self.gap) {
                    out.push(Entry::SessionStart {
                        id: id.clone(),
                        at: *at,
                    });
                }
                last_message = Some(last_message.map_or(*at, |l| l.max(*at)));
            }
            match event {
                Event::Sent {
                    id,
                    at,
                    body,
                    template,
                    channel,
                } => {
                    let status = source
                        .status(id)
                        .map_or_else(|| "accepted".to_owned(), |v| v.status);
                    out.push(self.sent_entry(id, *at, body, template.as_deref(), status, channel));
                }
                Event::Inbound {
                    message,
                    text,
                    arrived,
                    origin,
                    channel,
                    ..
                } => {
                    let timing = origin
                        .map(|o| waba_window::timing(o, *arrived, previous_origin, self.delay));
                    if let Some(o) = origin {
                        previous_origin = Some(previous_origin.map_or(*o, |p| p.max(*o)));
                    }
                    let reply_to = reply::resolve(message, |id| self.sent_ref(id));
                    out.push(Entry::Inbound {
                        id: message.id.clone(),
                        at: *arrived,
                        origin: *origin,
                        delayed: timing.is_some_and(|t| t.delayed),
                        out_of_order: timing.is_some_and(|t| t.out_of_order),
                        kind: message.kind().to_owned(),
                        text: text.clone(),
                        channel: self.shown_channel(channel),
                        reply_to,
                    });
                }
                Event::Status { status, at, .. } => {
                    if status.kind() == StatusKind::Failed {
                        let id = status.id.clone();
                        let errors: Vec<&ApiError> =
                            status.errors.iter().flat_map(|l| l.iter()).collect();
                        if errors.is_empty() {
                            out.push(Entry::Error {
                                id: id.clone(),
                                at: *at,
                                code: None,
                                title: None,
                                message: Some("the message failed; Meta gave no reason".to_owned()),
                            });
                        }
                        for e in errors {
                            if let Event::Error {
                                id,
                                at,
                                code,
                                title,
                                message,
                                ..
                            } = api_error(id.clone(), e, *at, None)
                            {
                                out.push(Entry::Error {
                                    id,
                                    at,
                                    code,
                                    title,
                                    message,
                                });
                            }
                        }
                    }
                }
                Event::Error {
                    id,
                    at,
                    code,
                    title,
                    message,
                    ..
                } => out.push(Entry::Error {
                    id: id.clone(),
                    at: *at,
                    code: *code,
                    title: title.clone(),
                    message: message.clone(),
                }),
            }
        }
        out
    }

    /// Every entry, oldest first, each of our messages with its status from a delivery ledger
    /// built from the sends and statuses taken (merged forward only: order and repeats do not
    /// matter).
    pub fn entries(&self) -> Vec<Entry> {
        let mut ledger = waba_delivery::Ledger::new();
        for e in &self.events {
            match e {
                Event::Sent { id, at, body, .. } => {
                    // An id the ledger refuses (too long) simply shows no status.
                    let _ = ledger.record_sent(
                        id.clone(),
                        waba_delivery::SentInfo::from_outbound(body, *at),
                    );
                }
                Event::Status { status, .. } => {
                    ledger.apply_status(status);
                }
                _ => {}
            }
        }
        self.entries_with(&ledger)
    }

    /// Page `n` (0: the current interaction and the last messages before it).
    pub fn page(&self, n: usize) -> Page {
        page(self.entries(), self.per_page, n)
    }

    fn sent_ref(&self, id: &str) -> Option<reply::SentRef<'_>> {
        match self.sent.get(id).and_then(|&i| self.events.get(i))? {
            Event::Sent { body, template, .. } => Some(reply::SentRef {
                body: &body.body,
                template: template.as_deref(),
            }),
            _ => None,
        }
    }

    fn sent_entry(
        &self,
        id: &str,
        at: DateTime<Utc>,
        body: &Outbound,
        template: Option<&Template>,
        status: String,
        channel: &Option<String>,
    ) -> Entry {
        let channel = self.shown_channel(channel);
        let id = Some(id.to_owned());
        match &body.body {
            OutboundBody::Template(t) => Entry::Notification {
                id,
                at,
                status,
                template: t.name.clone(),
                preview: self.preview(t, template),
                channel,
            },
            other => Entry::Outbound {
                id,
                at,
                status,
                kind: other.kind().to_owned(),
                text: outbound_text(other),
                channel,
            },
        }
    }

    /// A notification's preview: the definition rendered with the values sent, the default
    /// notification's text with its draft, or the name and the values.
    fn preview(
        &self,
        message: &waba_model::TemplateMessage,
        template: Option<&Template>,
    ) -> String {
        let values: Vec<String> = message
            .components
            .iter()
            .flat_map(|c| match c {
                waba_model::TemplateComponent::Header { parameters }
                | waba_model::TemplateComponent::Body { parameters } => parameters.clone(),
                _ => Vec::new(),
            })
            .filter_map(|p| match p.value {
                waba_model::ParameterValue::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        if let Some(t) = template {
            if let Ok(p) = t.preview(&Params::positional(values.iter().map(String::as_str))) {
                return p;
            }
        }
        if let Some(n) = &self.default_notification {
            if n.name() == message.name {
                if let (Some(draft), 1) = (values.first(), values.len()) {
                    if let Ok((_, preview)) = n.fill(draft) {
                        return preview;
                    }
                }
            }
        }
        if values.is_empty() {
            format!("[{}]", message.name)
        } else {
            format!("[{}] {}", message.name, values.join(" | "))
        }
    }
}

/// Splits entries into the current interaction and chunks of `per_page` earlier messages.
fn page(entries: Vec<Entry>, per_page: usize, n: usize) -> Page {
    let current_start = entries
        .iter()
        .rposition(|e| e.kind() == EntryKind::SessionStart)
        .unwrap_or(0);
    let (earlier, current) = entries.split_at(current_start);
    // Chunks of earlier entries, from the end: `per_page` messages each, with the entries between
    // them (a session start goes with the message after it).
    let mut chunks: Vec<&[Entry]> = Vec::new();
    let mut end = earlier.len();
    while end > 0 {
        let mut start = end;
        let mut messages = 0;
        while start > 0 {
            let e = earlier.get(start - 1);
            if e.is_some_and(Entry::is_message) {
                if messages == per_page.max(1) {
                    break;
                }
                messages += 1;
            }
            start -= 1;
        }
        chunks.push(earlier.get(start..end).unwrap_or_default());
        end = start;
    }
    let mut entries: Vec<Entry> = chunks.get(n).map(|c| c.to_vec()).unwrap_or_default();
    if n == 0 {
        entries.extend_from_slice(current);
    }
    Page {
        entries,
        older: chunks.len() > n + 1,
    }
}

fn inbound(
    m: &InboundMessage<'_>,
    origin: Option<DateTime<Utc>>,
    arrived: DateTime<Utc>,
    channel: Option<String>,
) -> Event {
    let attributes = InteractionAttributes::from_message(m, channel.as_deref().unwrap_or(""), "");
    Event::Inbound {
        message: Box::new(m.message.clone()),
        sender: m.sender(),
        text: attributes
            .get("_umsMsgPlainText")
            .unwrap_or_default()
            .to_owned(),
        arrived,
        origin,
        channel,
    }
}

fn api_error(
    id: Option<String>,
    e: &ApiError,
    at: DateTime<Utc>,
    channel: Option<String>,
) -> Event {
    Event::Error {
        id,
        at,
        code: e.code.as_ref().and_then(|c| c.as_u64()),
        title: e.title.clone(),
        message: e.details().map(str::to_owned).or_else(|| e.message.clone()),
        channel,
    }
}

fn unreadable(kind: &str, why: &str, at: DateTime<Utc>, channel: Option<String>) -> Event {
    Event::Error {
        id: None,
        at,
        code: None,
        title: Some(format!("unreadable {kind}")),
        message: Some(why.to_owned()),
        channel,
    }
}

/// The text a person reads of one of our messages.
fn outbound_text(body: &OutboundBody) -> String {
    match body {
        OutboundBody::Text(t) => t.body.to_string(),
        OutboundBody::Image(m)
        | OutboundBody::Video(m)
        | OutboundBody::Audio(m)
        | OutboundBody::Document(m)
        | OutboundBody::Sticker(m) => m
            .caption
            .as_ref()
            .map(|c| c.to_string())
            .or_else(|| m.filename.clone())
            .unwrap_or_else(|| format!("[{}]", body.kind())),
        OutboundBody::Interactive(Interactive::Button(b)) => b.body.clone(),
        OutboundBody::Interactive(Interactive::List(l)) => l.body.clone(),
        other => format!("[{}]", other.kind()),
    }
}

/// Whether a customer's message is a choice reply (a quick reply, a button or list reply).
pub fn is_choice_reply(message: &Message) -> bool {
    reply::is_choice(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: &str) -> Entry {
        Entry::Outbound {
            id: Some(id.into()),
            at: DateTime::<Utc>::UNIX_EPOCH,
            status: "sent".into(),
            kind: "text".into(),
            text: String::new(),
            channel: None,
        }
    }

    fn start(id: &str) -> Entry {
        Entry::SessionStart {
            id: Some(id.into()),
            at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }

    fn ids(p: &Page) -> Vec<&str> {
        p.entries.iter().map(|e| e.id().unwrap_or("")).collect()
    }

    #[test]
    fn pages_are_chunks_of_earlier_messages_before_the_current_interaction() {
        let entries = vec![
            start("a1"),
            msg("a1"),
            msg("a2"),
            start("b1"),
            msg("b1"),
            msg("b2"),
            start("c1"),
            msg("c1"),
        ];
        let p0 = page(entries.clone(), 2, 0);
        assert_eq!(ids(&p0), ["b1", "b1", "b2", "c1", "c1"]);
        assert!(p0.older);
        let p1 = page(entries.clone(), 2, 1);
        assert_eq!(ids(&p1), ["a1", "a1", "a2"]);
        assert!(!p1.older);
        let p2 = page(entries.clone(), 2, 2);
        assert!(p2.entries.is_empty() && !p2.older);
        // One message per page: the session start goes with the message after it.
        let p0 = page(entries, 1, 0);
        assert_eq!(ids(&p0), ["b2", "c1", "c1"]);
        assert_eq!(page(Vec::new(), 1, 0), Page::default());
    }
}
