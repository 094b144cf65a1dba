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
use crate::account::Account;
pub use crate::compose::ComposeError;
use crate::state::{StateError, check_version};
use waba_delivery::optout::{Consent, PreferenceValue, Suppressed};
use waba_delivery::pacing::{Pace, RecipientPacer};
use waba_delivery::{Delivery, Ledger, LedgerError, Recorded, SentInfo, TemplateCategory};
use waba_model::events::{
    CallEvent, ConversationEvents, ConversationKey, Event, MarketingPreference,
};

/// One conversation (one customer on one business number and channel): the window clock and who
/// the customer is.
///
/// Stored as JSON with a schema `version` ([`CONVERSATION_VERSION`]) and its `key`; the format
/// written before versions existed (version 0) still loads, and an unknown version is refused
/// ([`Conversation::from_json`], [`StateError`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredConversation", into = "StoredConversation")]
#[non_exhaustive]
pub struct Conversation {
    /// Whose conversation this is: the business number and the customer. Set by
    /// [`Conversation::for_key`], or by the first events applied; events of another key are refused.
    pub key: Option<ConversationKey>,
    /// The DMS channel name (`_umsChannel`).
    pub channel: String,
    /// The DMS application name (`_umsInboundIxnSubmittedBy`).
    pub server: String,
    /// The customer-service window, free entry point and pending-response clock.
    pub window: Window,
    /// The customer, as the last inbound message named them (where replies go).
    pub customer: Option<Identity>,
    /// The customer's last marketing preference (`stop`, `resume`, `signup`), if one was heard.
    pub marketing_preference: Option<MarketingChoice>,
    /// What we sent in this conversation, by message id, with its statuses merged forward only
    /// (`waba-delivery`; recorded by [`Conversation::on_send_response`] or
    /// [`Conversation::record_sent`], merged by the status events applied).
    pub ledger: Ledger,
    /// The customer's marketing consent: `user_marketing_preferences`, failed statuses with
    /// 131050 and stop keywords in their messages ([`Config::stop_keywords`]).
    pub consent: Consent,
    /// Pacing toward this customer: the pair rate limit and the backoffs after 131056 and
    /// 131049, fed by the sends recorded and by Meta's refusals and failed statuses
    /// ([`Conversation::pace`]).
    pub pacer: RecipientPacer,
}

/// The schema version a [`Conversation`] is written with (2: the ledger and the consent).
pub const CONVERSATION_VERSION: u32 = 2;

/// A customer's marketing preference and when they gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MarketingChoice {
    /// `stop`, `resume` or `signup`, as Meta wrote it.
    pub value: String,
    /// When, if Meta said.
    pub at: Option<DateTime<Utc>>,
}

impl MarketingChoice {
    /// Whether the customer asked for no more marketing messages.
    pub fn is_stop(&self) -> bool {
        self.value == "stop"
    }
}

/// The stored form of a [`Conversation`]: version 0 (no `version`, no `key`) or 1.
#[derive(Serialize, Deserialize)]
struct StoredConversation {
    #[serde(default)]
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<ConversationKey>,
    channel: String,
    server: String,
    window: Window,
    customer: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    marketing_preference: Option<MarketingChoice>,
    #[serde(default)]
    ledger: Ledger,
    #[serde(default)]
    consent: Consent,
    #[serde(default)]
    pacer: RecipientPacer,
}

impl TryFrom<StoredConversation> for Conversation {
    type Error = StateError;
    fn try_from(s: StoredConversation) -> Result<Conversation, StateError> {
        check_version("conversation", s.version, 0, CONVERSATION_VERSION)?;
        Ok(Conversation {
            key: s.key,
            channel: s.channel,
            server: s.server,
            window: s.window,
            customer: s.customer,
            marketing_preference: s.marketing_preference,
            ledger: s.ledger,
            consent: s.consent,
            pacer: s.pacer,
        })
    }
}

impl From<Conversation> for StoredConversation {
    fn from(c: Conversation) -> StoredConversation {
        StoredConversation {
            version: CONVERSATION_VERSION,
            key: c.key,
            channel: c.channel,
            server: c.server,
            window: c.window,
            customer: c.customer,
            marketing_preference: c.marketing_preference,
            ledger: c.ledger,
            consent: c.consent,
            pacer: c.pacer,
        }
    }
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
    /// A send body of any kind, as read by the model's strict reader
    /// ([`waba_model::DraftDocument`]): every rule of its kind is checked before it is sent.
    Message {
        /// The body (its `to`, when given, must be the conversation's customer).
        body: Outbound,
        /// Whether the agent changed the attachment of a header.
        attachment_changed: bool,
    },
}

impl Draft {
    /// The draft of a document read by [`waba_model::DraftDocument::from_json`]; an attachment
    /// request becomes an [`AttachmentDraft`] through `attach` (which reads the file).
    pub fn from_document<E>(
        document: waba_model::DraftDocument,
        attach: impl FnOnce(waba_model::AttachmentRequest) -> Result<AttachmentDraft, E>,
    ) -> Result<Draft, E> {
        Ok(match document {
            waba_model::DraftDocument::Text(t) => Draft::Text(t),
            waba_model::DraftDocument::Message {
                body,
                attachment_changed,
            } => Draft::Message {
                body: *body,
                attachment_changed,
            },
            waba_model::DraftDocument::Attachment(a) => Draft::Attachment(attach(a)?),
            // The document set is the model's; a new kind is refused as an empty draft until
            // the facade knows it.
            _ => Draft::Text(String::new()),
        })
    }

    /// The draft a remote caller (an agent desktop, over HTTP) sent as JSON text, read with the
    /// strict reader ([`waba_model::DraftDocument::from_slice`]: size cap, no duplicate key).
    /// Every document is taken but a file path: a path on the service's machine is not the
    /// caller's to name (`outbound.invalid_value` on `attachment`); media go as an id or a link
    /// (`{"image": {"id": "..."}}`).
    ///
    /// ```
    /// use waba::{Draft, WabaError};
    ///
    /// assert_eq!(Draft::from_remote_slice(br#"{"text": "Hi"}"#)?, Draft::Text("Hi".into()));
    /// let e = Draft::from_remote_slice(br#"{"attachment": {"path": "/etc/passwd"}}"#).unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("outbound.invalid_value", Some("attachment")));
    /// # Ok::<(), waba::model::ModelError>(())
    /// ```
    pub fn from_remote_slice(draft: &[u8]) -> Result<Draft, waba_model::ModelError> {
        let document = waba_model::DraftDocument::from_slice(draft)?;
        Draft::from_document(document, |_| {
            Err(waba_model::ModelError::InvalidValue {
                field: "attachment".into(),
                reason: "a file path is not taken from a remote caller: send media by id or link"
                    .into(),
            })
        })
    }
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
    /// A conversation on `channel` of the DMS application `server`, before any message. Its key is
    /// set by the first events applied; prefer [`Conversation::for_key`].
    pub fn new(channel: impl Into<String>, server: impl Into<String>) -> Self {
        Self {
            channel: channel.into(),
            server: server.into(),
            ..Self::default()
        }
    }

    /// The conversation of `key` (as a delivery's split names it) on `channel` of `server`.
    pub fn for_key(
        key: ConversationKey,
        channel: impl Into<String>,
        server: impl Into<String>,
    ) -> Self {
        Self {
            customer: Some(key.customer.clone()),
            key: Some(key),
            channel: channel.into(),
            server: server.into(),
            ..Self::default()
        }
    }

    /// Reads a stored conversation (any version this library knows; today's format without a
    /// version is version 0), refusing an unknown version with [`StateError::UnknownVersion`].
    pub fn from_json(text: &str) -> Result<Conversation, StateError> {
        serde_json::from_str(text).map_err(StateError::from_json)
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
        self.compose_with(config, &Account::default(), draft, permissions, now)
    }

    /// [`Conversation::compose`], knowing what the account events said: a draft that would go as
    /// a template (the automatic notification, or a template draft) through a template Meta
    /// would refuse (paused 132015, disabled 132016, not approved 132001) is refused with
    /// [`ComposeError::TemplateUnavailable`], naming the event that said so. A service that takes
    /// account events composes with this; [`Conversation::compose`] assumes every template is
    /// sendable.
    pub fn compose_with(
        &self,
        config: &Config,
        account: &Account,
        draft: &Draft,
        permissions: Permissions,
        now: DateTime<Utc>,
    ) -> Decision {
        match crate::compose::decide(self, config, account, draft, permissions, now) {
            Ok(mut d) => {
                if let (Decision::Send(b) | Decision::Notification { body: b, .. }, Some(to)) =
                    (&mut d, &self.customer)
                {
                    match &b.to {
                        None => b.to = Some(to.clone()),
                        Some(given) if given != to => {
                            return Decision::Refused(ComposeError::RecipientMismatch);
                        }
                        Some(_) => {}
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
    /// Elements that could not be read, as `(kind, why)` (`message`, `status`, `error`,
    /// `contact`, or `content` for a message that came through with an unreadable payload); the
    /// raw JSON stays in the webhook.
    pub invalid: Vec<(&'static str, String)>,
}

/// What applying one event did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Applied {
    /// A customer's message, turned into an interaction to route.
    Interaction(Box<Interaction>),
    /// A status of one of our messages was recorded; `closed_window` when it was Meta's 131047
    /// (or 470).
    Status {
        /// Whether it closed the window.
        closed_window: bool,
    },
    /// A call was recorded; `refreshed_window` when the customer placed it.
    Call {
        /// Whether it opened or refreshed the window.
        refreshed_window: bool,
    },
    /// The customer's identity changed; replies now go to `new` when Meta named it.
    IdentityChange {
        /// The new identity.
        new: Option<Identity>,
    },
    /// The customer's marketing preference was recorded.
    MarketingPreference {
        /// Whether they asked to stop marketing messages.
        stop: bool,
    },
    /// Meta reported an error about this conversation (nothing changes; the service logs it).
    Error,
    /// The business answered from the WhatsApp Business app: the pending response is cleared.
    Echo,
}

impl Applied {
    /// What was applied, in snake_case (`interaction`, `status`, `call`, `identity_change`,
    /// `marketing_preference`, `error`, `echo`): for logs and a service's answers.
    pub fn kind(&self) -> &'static str {
        match self {
            Applied::Interaction(_) => "interaction",
            Applied::Status { .. } => "status",
            Applied::Call { .. } => "call",
            Applied::IdentityChange { .. } => "identity_change",
            Applied::MarketingPreference { .. } => "marketing_preference",
            Applied::Error => "error",
            Applied::Echo => "echo",
        }
    }
}

/// An event that this conversation must not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, waba_error::WabaError)]
#[waba(class = Refused)]
#[non_exhaustive]
pub enum ApplyError {
    /// The event belongs to another conversation (another customer or business number).
    #[error("the event belongs to {actual}, not to this conversation ({expected})")]
    #[waba(code = "conversation.other_key", field = "key", actual = None)]
    OtherConversation {
        /// This conversation's key, as text.
        expected: String,
        /// The event's key, as text.
        actual: String,
    },
}

fn key_text(k: &ConversationKey) -> String {
    format!(
        "{} on {}",
        k.customer,
        k.business
            .phone_number_id
            .as_deref()
            .unwrap_or("(no business id)")
    )
}

impl Conversation {
    /// Takes the events of one conversation of a delivery (see [`crate::delivery`]) that arrived at
    /// `now`, in order. The first events bind a conversation that has no key yet; events of
    /// another key are refused, and then none of them is applied.
    pub fn apply(
        &mut self,
        config: &Config,
        events: &ConversationEvents,
        now: DateTime<Utc>,
    ) -> Result<Vec<Applied>, ApplyError> {
        self.claim(&events.key)?;
        Ok(events
            .events
            .iter()
            .map(|e| self.apply_event(config, e, now))
            .collect())
    }

    /// Takes one event of `key`: [`Conversation::apply`] for a single event.
    pub fn apply_one(
        &mut self,
        config: &Config,
        key: &ConversationKey,
        event: &Event,
        now: DateTime<Utc>,
    ) -> Result<Applied, ApplyError> {
        self.claim(key)?;
        Ok(self.apply_event(config, event, now))
    }

    fn claim(&mut self, key: &ConversationKey) -> Result<(), ApplyError> {
        match &self.key {
            Some(k) if k != key => Err(ApplyError::OtherConversation {
                expected: key_text(k),
                actual: key_text(key),
            }),
            Some(_) => Ok(()),
            None => {
                self.key = Some(key.clone());
                if self.customer.is_none() {
                    self.customer = Some(key.customer.clone());
                }
                Ok(())
            }
        }
    }

    fn apply_event(&mut self, config: &Config, event: &Event, now: DateTime<Utc>) -> Applied {
        match event {
            Event::Message(m) => Applied::Interaction(Box::new(self.on_message(config, m, now))),
            Event::Status(s) => Applied::Status {
                closed_window: self.on_status(s, now),
            },
            Event::Call(c) => Applied::Call {
                refreshed_window: self.on_call(c, now),
            },
            Event::IdentityChange(c) => {
                if let Some(new) = &c.new {
                    self.customer = Some(new.clone());
                }
                Applied::IdentityChange { new: c.new.clone() }
            }
            Event::MarketingPreference(p) => {
                if p.at().is_none() {
                    let value = p.value.as_deref().unwrap_or_default();
                    self.consent
                        .on_preference(&PreferenceValue::from_wire(value), now);
                }
                Applied::MarketingPreference {
                    stop: self.on_marketing_preference(p),
                }
            }
            Event::Echo(m) => {
                let at = m.origin_time().map_or(now, |t| t.min(now));
                self.window = self.window.on_outbound(at, OutboundKind::Text);
                Applied::Echo
            }
            // `Event` is non-exhaustive across crates; errors (and kinds added later) change nothing.
            _ => Applied::Error,
        }
    }

    /// A customer's message arrived at `now`: the window opens or refreshes from its origin time
    /// (never later than `now`; `now` itself when the origin time is unusable).
    fn on_message(
        &mut self,
        config: &Config,
        m: &waba_model::events::MessageEvent,
        now: DateTime<Utc>,
    ) -> Interaction {
        let msg = m.inbound();
        let attributes =
            waba_model::InteractionAttributes::from_message(&msg, &self.channel, &self.server);
        let origin = msg.origin_time();
        let previous = self.window.last_inbound;
        let timing = origin
            .as_ref()
            .ok()
            .map(|o| waba_window::timing(*o, now, previous, config.message_delay_timespan));
        let at = origin.as_ref().map_or(now, |o| (*o).min(now));
        self.window = self.window.on_inbound(at, msg.has_referral());
        if let Some(waba_model::Content::Text(t)) = &msg.message.content {
            if let Some(text) = t.body.as_deref() {
                self.consent
                    .on_inbound_text(text, &config.stop_keywords, at);
            }
        }
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
        Interaction {
            attributes,
            message: msg.message.clone(),
            sender,
            origin,
            timing,
            map,
        }
    }

    /// Records the status of one of our messages, arrived at `now`. A `failed` status with 131047
    /// (or the legacy 470) marks the window closed until the customer writes again. Returns whether
    /// it did.
    ///
    /// This is the one place a status reaches the conversation: it is merged into
    /// [`Conversation::ledger`] (forward only; an id never recorded is kept as an orphan), and a
    /// failed status with 131050 suppresses marketing templates ([`Conversation::consent`]).
    pub fn on_status(&mut self, status: &waba_model::Status, now: DateTime<Utc>) -> bool {
        let at = status
            .timestamp
            .as_ref()
            .and_then(|t| t.time().ok())
            .map_or(now, |t| t.min(now));
        // Errors this message already had: the same failure twice starts no second backoff.
        let id = status.id.as_deref().unwrap_or_default();
        let known = self
            .ledger
            .get(id)
            .or_else(|| self.ledger.orphan(id))
            .map(|d| d.errors.iter().filter_map(|e| e.code).collect::<Vec<_>>())
            .unwrap_or_default();
        // The ledger: merged forward only (an id we never recorded is kept as an orphan).
        self.ledger.apply_status(status);
        if status.kind() == waba_model::StatusKind::Failed {
            // 131050: the customer stopped marketing messages.
            let codes = status.error_codes().map(waba_model::ErrorCode::code);
            self.consent.on_failed(codes, at);
            // 131049, 131056: the pacer backs off.
            for code in status.error_codes().map(waba_model::ErrorCode::code) {
                if !known.contains(&code) {
                    self.pacer.on_error(code, at);
                }
            }
        }
        if !status.closes_window() {
            return false;
        }
        self.on_reengagement_failure(at);
        true
    }

    /// Records a call: one the customer placed opens and refreshes the window as a message does
    /// (Meta, "Service messages": "When a WhatsApp user messages you or calls you, a 24-hour timer
    /// called a customer service window starts"). Returns whether it did.
    pub fn on_call(&mut self, call: &CallEvent, now: DateTime<Utc>) -> bool {
        if !call.user_initiated() {
            return false;
        }
        let at = call.at().map_or(now, |t| t.min(now));
        self.window = self.window.on_inbound(at, false);
        true
    }

    /// Records the customer's marketing preference (the latest by Meta's time wins; the same one
    /// twice changes nothing). Returns whether the customer asked to stop.
    ///
    /// This is the one place a preference reaches the conversation: `stop` suppresses marketing
    /// templates from its time on, `resume` and `signup` lift it ([`Conversation::consent`]; the
    /// latest by time wins). A preference without a time is taken at the delivery's arrival by
    /// [`Conversation::apply`].
    pub fn on_marketing_preference(&mut self, pref: &MarketingPreference) -> bool {
        let choice = MarketingChoice {
            value: pref.value.clone().unwrap_or_default(),
            at: pref.at(),
        };
        let newer = match (&self.marketing_preference, choice.at) {
            (Some(old), Some(at)) => old.at.is_none_or(|t| at >= t),
            (Some(_), None) => false,
            (None, _) => true,
        };
        if let Some(at) = choice.at {
            self.consent
                .on_preference(&PreferenceValue::from_wire(&choice.value), at);
        }
        if newer {
            self.marketing_preference = Some(choice);
        }
        self.marketing_preference
            .as_ref()
            .is_some_and(MarketingChoice::is_stop)
    }

    /// Records that message `id` (Meta's id for it) was sent at `at` as `body`; `category` is the
    /// template's category when the service knows it (a send body does not carry it). Statuses that
    /// arrived before are merged in. Also records the send on the window
    /// ([`Conversation::on_sent`]).
    pub fn record_sent(
        &mut self,
        id: &str,
        body: &Outbound,
        at: DateTime<Utc>,
        category: Option<TemplateCategory>,
    ) -> Result<Recorded, LedgerError> {
        let sent = self.sent_info(body, at, category);
        let recorded = self.ledger.record_sent(id, sent)?;
        self.on_sent(body, at);
        self.pacer.on_sent(at);
        Ok(recorded)
    }

    /// Records Meta's answer to the send of `body` at `at`: the message id it gave (and its
    /// `message_status`) goes into the ledger and the window and the pacer learn of the send. A
    /// refused send ([`LedgerError::SendRefused`], with Meta's code) records nothing in the ledger;
    /// its code reaches the pacer (131056 and 131049 start their backoff).
    pub fn on_send_response(
        &mut self,
        body: &Outbound,
        response: &waba_model::SendResponse,
        at: DateTime<Utc>,
        category: Option<TemplateCategory>,
    ) -> Result<Recorded, LedgerError> {
        let sent = self.sent_info(body, at, category);
        match self.ledger.record_response(response, sent) {
            Ok(recorded) => {
                self.on_sent(body, at);
                self.pacer.on_sent(at);
                Ok(recorded)
            }
            Err(e) => {
                if let LedgerError::SendRefused {
                    code: Some(code), ..
                } = &e
                {
                    self.pacer.on_error(*code, at);
                }
                Err(e)
            }
        }
    }

    /// May `body` go to this customer at `now`, by the pair rate limit (one message every 6
    /// seconds) and the backoffs after 131056 and, for a marketing template (its category as
    /// `account` knows it), 131049? Call it after [`Conversation::compose_with`] and before the
    /// send; [`Pace::check`] turns a wait into an error (`pacing.held`, with the time it may go).
    /// The business number's throughput is the service's [`waba_delivery::pacing::BusinessPacer`].
    pub fn pace(&self, account: &Account, body: &Outbound, now: DateTime<Utc>) -> Pace {
        let marketing = account.category_of(body) == Some(TemplateCategory::Marketing);
        self.pacer.decide(now, marketing)
    }

    /// What `body` is, for the ledger; a body without a recipient went to this conversation's
    /// customer.
    fn sent_info(
        &self,
        body: &Outbound,
        at: DateTime<Utc>,
        category: Option<TemplateCategory>,
    ) -> SentInfo {
        let mut sent = SentInfo::from_outbound(body, at);
        if sent.to.is_none() {
            sent.to = self.customer.as_ref().map(|c| match c {
                Identity::Phone(p) => p.digits().to_owned(),
                Identity::Bsuid(b) => b.as_str().to_owned(),
            });
        }
        match category {
            Some(c) => sent.with_category(c),
            None => sent,
        }
    }

    /// What we sent in this conversation, in the order sent, each with its merged status.
    pub fn deliveries(&self) -> impl ExactSizeIterator<Item = &Delivery> {
        self.ledger.deliveries()
    }

    /// The delivery of message `id`.
    pub fn delivery(&self, id: &str) -> Option<&Delivery> {
        self.ledger.get(id)
    }

    /// Why the customer does not get marketing templates now, if they do not.
    pub fn marketing_suppression(&self) -> Option<&Suppressed> {
        self.consent.suppression()
    }
}

/// Why [`Conversation::on_webhook`] took nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, waba_error::WabaError)]
#[waba(class = Refused)]
#[non_exhaustive]
pub enum OnWebhookError {
    /// The body could not be read.
    #[error(transparent)]
    Body(#[from] waba_model::WebhookError),
    /// The body holds events of more than one conversation: take it apart with
    /// [`crate::delivery::Inbox`] instead.
    #[error(
        "the delivery holds {actual} conversations; one conversation takes only its own events (use waba::delivery::Inbox)"
    )]
    #[waba(code = "conversation.several_conversations", limit = 1)]
    SeveralConversations {
        /// How many.
        actual: u64,
    },
    /// The body's events belong to another conversation.
    #[error(transparent)]
    Other(#[from] ApplyError),
}

impl Conversation {
    /// Takes one webhook body of this conversation alone, unauthenticated and without
    /// deduplication: a body that holds events of more than one conversation is refused
    /// ([`OnWebhookError::SeveralConversations`]). A service takes deliveries through
    /// [`crate::delivery::Inbox`] (signature, split per conversation, redeliveries dropped) and
    /// applies each conversation's events with [`Conversation::apply`].
    pub fn on_webhook(
        &mut self,
        config: &Config,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<WebhookOutcome, OnWebhookError> {
        let split = waba_model::Webhook::parse(body)?.split();
        if split.conversations.len() > 1 {
            return Err(OnWebhookError::SeveralConversations {
                actual: split.conversations.len() as u64,
            });
        }
        let mut out = WebhookOutcome {
            interactions: Vec::new(),
            statuses: Vec::new(),
            errors: Vec::new(),
            invalid: split
                .invalid
                .iter()
                .map(|i| (i.kind, i.error.clone()))
                .collect(),
        };
        for a in &split.account_events {
            if let Some(e) = a
                .value
                .parse::<waba_model::ApiError>()
                .ok()
                .filter(|_| a.kind == waba_model::events::AccountEventKind::Error)
            {
                out.errors.push(e);
            }
        }
        let Some(events) = split.conversations.first() else {
            return Ok(out);
        };
        self.claim(&events.key)?;
        for e in &events.events {
            let applied = self.apply_event(config, e, now);
            match (e, applied) {
                (_, Applied::Interaction(i)) => out.interactions.push(*i),
                (Event::Status(s), _) => out.statuses.push((**s).clone()),
                (Event::Error(err), _) => out.errors.push((**err).clone()),
                _ => {}
            }
        }
        Ok(out)
    }
}
