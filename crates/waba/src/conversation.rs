//! The conversation engine: one conversation's state, inbound webhooks in, agent drafts to send
//! decisions out.
//!
//! [`Conversation`] is plain data (serde, `Send + Sync`): a service keeps one per customer and channel,
//! stores it where it likes, and passes the time in. [`Conversation::compose`] is pure: it decides,
//! and [`Conversation::on_sent`] records what was really sent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_attachment::{Permissions, Privilege};
use waba_model::{Interactive, Outbound, OutboundBody, TemplateMessage};
use waba_phone::Identity;
use waba_window::{OutboundKind, Window};

use crate::Config;
pub use crate::compose::ComposeError;

/// One conversation (one customer on one channel): the window clock and who the customer is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Conversation {
    /// The DMS channel name (`_umsChannel`).
    pub channel: String,
    /// The DMS application name (`_umsInboundIxnSubmittedBy`).
    pub server: String,
    /// The customer-service window, free entry point and pending-response clock.
    pub window: Window,
    /// The customer, as the last inbound message named them (where replies go).
    pub customer: Option<Identity>,
}

/// What an agent wants to send.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Draft {
    /// A free-form text message.
    Text(String),
    /// An interactive message (reply buttons, list).
    Interactive {
        /// The message.
        message: Interactive,
        /// Whether the agent changed the attachment of the reply-button header.
        attachment_changed: bool,
    },
    /// A template message (a notification), as its send body.
    Template {
        /// The send body.
        message: TemplateMessage,
        /// Whether the agent changed the notification's attachment (media header).
        attachment_changed: bool,
    },
    /// A file to send as a media message.
    Attachment(AttachmentDraft),
}

/// A file an agent attached: its first bytes, its size and what the sender claims about it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AttachmentDraft {
    /// The first bytes of the file (`waba_attachment::SNIFF_PREFIX_LEN` of them when the file has that many).
    pub prefix: Vec<u8>,
    /// The file's size in bytes.
    pub size: u64,
    /// The declared MIME type.
    pub mime: Option<String>,
    /// The file name.
    pub filename: Option<String>,
    /// A caption.
    pub caption: Option<String>,
    /// Where Meta finds the media once uploaded (a media id or a link).
    pub source: waba_model::MediaSource,
}

impl AttachmentDraft {
    /// A draft from what the agent attached.
    pub fn new(
        prefix: Vec<u8>,
        size: u64,
        mime: Option<String>,
        filename: Option<String>,
        caption: Option<String>,
        source: waba_model::MediaSource,
    ) -> Self {
        Self {
            prefix,
            size,
            mime,
            filename,
            caption,
            source,
        }
    }
}

/// What to do with a draft.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Decision {
    /// Send this body as it is.
    Send(Outbound),
    /// The window is closed: send this notification (the default notification with the draft as its
    /// `{{1}}`) instead.
    Notification {
        /// The template send body.
        body: Outbound,
        /// What the customer will read.
        preview: String,
    },
    /// Do not send; why.
    Refused(ComposeError),
}

impl Decision {
    /// The body to send, if any.
    pub fn body(&self) -> Option<&Outbound> {
        match self {
            Decision::Send(b) | Decision::Notification { body: b, .. } => Some(b),
            Decision::Refused(_) => None,
        }
    }
}

/// The window kind of an outbound body.
pub fn outbound_kind(body: &OutboundBody) -> OutboundKind {
    match body {
        OutboundBody::Text(_) => OutboundKind::Text,
        OutboundBody::Location(_) => OutboundKind::Location,
        OutboundBody::Reaction(_) => OutboundKind::Reaction,
        OutboundBody::Interactive(_) => OutboundKind::Interactive,
        OutboundBody::Template(_) => OutboundKind::Template,
        // Media and anything unknown: free form (an unknown type is never assumed to be a template).
        _ => OutboundKind::Media,
    }
}

impl Conversation {
    /// A conversation on `channel` of the DMS application `server`, before any message.
    pub fn new(channel: impl Into<String>, server: impl Into<String>) -> Self {
        Self {
            channel: channel.into(),
            server: server.into(),
            ..Self::default()
        }
    }

    /// Whether Meta has said (131047) that the window is closed, with no inbound message since.
    pub fn closed_by_meta(&self) -> bool {
        self.window.closed_by_meta().is_some()
    }

    /// Records an inbound message (or call) from the customer at `at`, its origin time.
    pub fn on_inbound(&mut self, at: DateTime<Utc>, referral: bool) {
        self.window = self.window.on_inbound(at, referral);
    }

    /// Records that `body` was sent at `at` (Meta accepted it): clears the pending response and may
    /// open the free entry point. The customer-service window does not move.
    pub fn on_sent(&mut self, body: &Outbound, at: DateTime<Utc>) {
        self.window = self.window.on_outbound(at, outbound_kind(&body.body));
    }

    /// Records Meta's 131047 answer (re-engagement) for a send of ours at `at`.
    pub fn on_reengagement_failure(&mut self, at: DateTime<Utc>) {
        self.window = self.window.on_reengagement_failure(at);
    }

    /// Decides what to do with an agent's draft at `now`: send it, send the default notification in
    /// its place, or refuse it. Runs, cheapest first: the text byte budget, interactive and template
    /// rules, window eligibility, the attachment policy and the agent's permissions. Never returns a
    /// body that breaks a rule this workspace knows.
    pub fn compose(
        &self,
        config: &Config,
        draft: &Draft,
        permissions: Permissions,
        now: DateTime<Utc>,
    ) -> Decision {
        match crate::compose::decide(self, config, draft, permissions, now) {
            Ok(mut d) => {
                if let (Decision::Send(b) | Decision::Notification { body: b, .. }, Some(to)) =
                    (&mut d, &self.customer)
                {
                    if b.to.is_none() {
                        b.to = Some(to.clone());
                    }
                }
                d
            }
            Err(e) => Decision::Refused(e),
        }
    }

    /// Whether an agent may open an outbound WhatsApp session from another media interaction: needs
    /// `canCreateNewSessionFromOtherMedia` and a customer phone number.
    pub fn can_start_outbound_session(
        permissions: Permissions,
        customer_phone: Option<&waba_phone::E164>,
    ) -> Result<(), ComposeError> {
        permissions
            .require(Privilege::CanCreateNewSessionFromOtherMedia)
            .map_err(ComposeError::Permission)?;
        if customer_phone.is_none() {
            return Err(ComposeError::NoCustomerPhone);
        }
        Ok(())
    }

    /// Opens an outbound WhatsApp session from another media interaction (the guide's "Sending
    /// outbound messages from other channels"): checks the agent's privilege and the customer's
    /// phone number, and gives the channels the agent may pick from — those of the interaction's
    /// attached data `_umsOutboundSessionConfig` when present, else the option
    /// `whatsappsession.outbound-session-config`. The new conversation starts with no inbound
    /// message, so only templates may be sent until the customer writes.
    pub fn start_outbound_session(
        config: &Config,
        attached_session_config: Option<&serde_json::Value>,
        permissions: Permissions,
        customer_phone: Option<&waba_phone::E164>,
    ) -> Result<OutboundSession, ComposeError> {
        Self::can_start_outbound_session(permissions, customer_phone)?;
        let customer = customer_phone
            .copied()
            .ok_or(ComposeError::NoCustomerPhone)?;
        let channels = match attached_session_config {
            Some(v) => crate::channels::parse_attached_session_config(v)
                .map_err(ComposeError::AttachedData)?,
            None => config.outbound_session_channels.clone(),
        };
        if channels.is_empty() {
            return Err(ComposeError::NoChannel);
        }
        Ok(OutboundSession { customer, channels })
    }
}

/// An outbound session an agent may open: the customer and the channels to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutboundSession {
    /// The customer's phone number.
    pub customer: waba_phone::E164,
    /// The channels in force (attached data, else the option), in order.
    pub channels: Vec<crate::channels::OutboundChannel>,
}

impl OutboundSession {
    /// The conversation on `channel` (one of [`OutboundSession::channels`]), addressed to the customer.
    pub fn conversation(&self, channel: &crate::channels::OutboundChannel) -> Conversation {
        let mut c = Conversation::new(channel.channel.clone(), channel.server.clone());
        c.customer = Some(Identity::Phone(self.customer));
        c
    }
}

/// One inbound message turned into an interaction: the attributes a routing strategy reads and the
/// message itself.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Interaction {
    /// The Hub driver's interaction attributes (`_umsChannel`, `_umsMsgId`, … `Subject`).
    pub attributes: waba_model::InteractionAttributes,
    /// The message, lossless (an unknown type as it came).
    pub message: waba_model::Message,
    /// The sender, when the message names one.
    pub sender: Option<Identity>,
    /// When the customer sent it, or why that is not known (the message is kept either way).
    pub origin: Result<DateTime<Utc>, waba_model::TimestampError>,
    /// Delay, order and clock-skew flags against `now` and the previous message.
    pub timing: Option<waba_window::Timing>,
    /// For a location: its browse and preview links (`whatsappsession.location-map.*`).
    pub map: Option<crate::config::MapLinks>,
}

/// What one webhook body brought.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookOutcome {
    /// The inbound messages, in order.
    pub interactions: Vec<Interaction>,
    /// The statuses of our outbound messages, in order.
    pub statuses: Vec<waba_model::Status>,
    /// Errors not tied to a message.
    pub errors: Vec<waba_model::ApiError>,
    /// Elements that could not be read, as `(kind, why)`; the raw JSON stays in the webhook.
    pub invalid: Vec<(&'static str, String)>,
}

impl Conversation {
    /// Takes one webhook body that arrived at `now`: the interactions (attributes and messages), the
    /// statuses and errors. Inbound messages open and refresh the window from their origin time (never
    /// later than `now`; `now` itself when the origin time is unusable); a failed status with 131047
    /// (or the legacy 470) marks the window closed until the customer writes again.
    pub fn on_webhook(
        &mut self,
        config: &Config,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<WebhookOutcome, waba_model::WebhookError> {
        let hook = waba_model::Webhook::parse(body)?;
        let mut out = WebhookOutcome {
            interactions: Vec::new(),
            statuses: Vec::new(),
            errors: Vec::new(),
            invalid: Vec::new(),
        };
        let mut previous = self.window.last_inbound;
        for item in hook.messages() {
            let msg = match item {
                Ok(m) => m,
                Err(bad) => {
                    out.invalid.push((bad.kind, bad.error.to_owned()));
                    continue;
                }
            };
            let attributes =
                waba_model::InteractionAttributes::from_message(&msg, &self.channel, &self.server);
            let origin = msg.origin_time();
            let timing = origin
                .as_ref()
                .ok()
                .map(|o| waba_window::timing(*o, now, previous, config.message_delay_timespan));
            let at = origin.as_ref().map_or(now, |o| (*o).min(now));
            self.window = self.window.on_inbound(at, msg.has_referral());
            previous = Some(previous.map_or(at, |p| p.max(at)));
            let sender = msg.sender();
            if sender.is_some() {
                self.customer.clone_from(&sender);
            }
            let map = match &msg.message.content {
                Some(waba_model::Content::Location(l)) => {
                    let lat = l.latitude.as_ref().and_then(|n| n.as_f64());
                    let lon = l.longitude.as_ref().and_then(|n| n.as_f64());
                    lat.zip(lon).map(|(lat, lon)| config.map_links(lat, lon))
                }
                _ => None,
            };
            out.interactions.push(Interaction {
                attributes,
                message: msg.message.clone(),
                sender,
                origin,
                timing,
                map,
            });
        }
        for item in hook.statuses() {
            match item {
                Ok(status) => {
                    if status.closes_window() {
                        let at = status
                            .timestamp
                            .as_ref()
                            .and_then(|t| t.time().ok())
                            .map_or(now, |t| t.min(now));
                        self.on_reengagement_failure(at);
                    }
                    out.statuses.push(status.clone());
                }
                Err(bad) => out.invalid.push((bad.kind, bad.error.to_owned())),
            }
        }
        for item in hook.errors() {
            match item {
                Ok(e) => out.errors.push(e.clone()),
                Err(bad) => out.invalid.push((bad.kind, bad.error.to_owned())),
            }
        }
        Ok(out)
    }
}
