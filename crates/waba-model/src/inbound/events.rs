//! A delivery taken apart: every element of a webhook body becomes exactly one event, keyed by the
//! conversation it belongs to (business number and customer), or one account event (changes not
//! tied to a customer), or one invalid element kept as it came. Nothing is dropped in silence.
//!
//! ```
//! use waba_model::events::{Event, EventKind};
//! use waba_model::Webhook;
//!
//! // Meta batches two customers in one delivery.
//! let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
//!   "value":{"metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
//!   "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"},{"profile":{"name":"Bo"},"wa_id":"16315551003"}],
//!   "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1764000000","type":"text","text":{"body":"Hi"}},
//!               {"from":"16315551003","id":"wamid.B","timestamp":"1764000001","type":"text","text":{"body":"Yo"}}]}}]}]}"#;
//! let split = Webhook::parse(body)?.split();
//! assert_eq!(split.conversations.len(), 2);
//! let ana = &split.conversations[0];
//! assert_eq!(ana.key.customer.as_str(), "+16315551002");
//! assert_eq!(ana.key.business.phone_number_id.as_deref(), Some("9"));
//! assert_eq!(ana.events[0].kind(), EventKind::Message);
//! assert_eq!(ana.events[0].dedup_key().unwrap().as_str(), "message:wamid.A");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_phone::{Bsuid, E164, Identity, IdentityKey};

use super::envelope::{ChangeValue, Contact, Metadata};
use super::message::{Content, Message};
use super::status::{ApiError, Status};
use super::time::Timestamp;
use super::{InboundMessage, Shape, Webhook, contact_index};
use crate::wire::{
    ELEMENTS_MAX, Extra, JsonNumber, List, RawJson, ReadError, Reader, Slot, WireHooks, wire_struct,
};

/// The business side of a conversation: the phone number that received or sent.
///
/// Two values are the same business when their `phone_number_id`s are equal; the display number
/// is carried for people and ignored by comparisons.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Business {
    /// `metadata.phone_number_id`, the id used to send (absent in the On-Premises shape).
    pub phone_number_id: Option<String>,
    /// `metadata.display_phone_number`, as Meta writes it (digits, often without `+`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_phone_number: Option<String>,
}

impl Business {
    /// The business of `phone_number_id`.
    pub fn new(phone_number_id: impl Into<String>) -> Business {
        Business {
            phone_number_id: Some(phone_number_id.into()),
            display_phone_number: None,
        }
    }

    /// The same, with its display number.
    pub fn with_display(mut self, display: impl Into<String>) -> Business {
        self.display_phone_number = Some(display.into());
        self
    }

    fn of(metadata: Option<&Metadata>) -> Business {
        Business {
            phone_number_id: metadata.and_then(|m| m.phone_number_id.clone()),
            display_phone_number: metadata.and_then(|m| m.display_phone_number.clone()),
        }
    }
}

impl PartialEq for Business {
    fn eq(&self, other: &Business) -> bool {
        self.phone_number_id == other.phone_number_id
    }
}
impl Eq for Business {}
impl PartialOrd for Business {
    fn partial_cmp(&self, other: &Business) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Business {
    fn cmp(&self, other: &Business) -> Ordering {
        self.phone_number_id.cmp(&other.phone_number_id)
    }
}
impl Hash for Business {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.phone_number_id.hash(state);
    }
}

/// Which conversation an event belongs to: one business number and one customer.
///
/// Two keys are the same conversation when their businesses are and their customers are the same
/// subscriber by `waba-phone`'s certain equivalence ([`Identity::key`]: Brazil's ninth digit,
/// Mexico's `521`, Argentina's `549`), so `5215512345678` and `525512345678` share a conversation;
/// `customer` keeps the identity as Meta first wrote it (where replies go).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationKey {
    /// The business number.
    pub business: Business,
    /// The customer: their phone number when Meta gives it, else their BSUID.
    pub customer: Identity,
}

impl ConversationKey {
    /// The customer's canonical subscriber key (what comparisons use).
    pub fn subscriber(&self) -> IdentityKey {
        self.customer.key()
    }

    /// The key as one text, for a store's primary key or a URL: `<phone_number_id>:<subscriber
    /// key>` (the business id is empty in the On-Premises shape). Equal keys give the same id
    /// (equivalent wa_ids included, as [`ConversationKey::subscriber`] compares them), different
    /// keys different ids: the `:` cannot occur in a subscriber key, which is digits with a `+` or
    /// a BSUID (letters, digits, `.`).
    ///
    /// ```
    /// use waba_model::events::{Business, ConversationKey};
    /// use waba_phone::Identity;
    ///
    /// let mx = |wa_id: &str| ConversationKey::new(Business::new("1122"), Identity::from_wa_id(wa_id).unwrap());
    /// assert_eq!(mx("5215512345678").id(), mx("525512345678").id());
    /// assert_eq!(mx("16315551002").id(), "1122:+16315551002");
    /// ```
    pub fn id(&self) -> String {
        let business = self.business.phone_number_id.as_deref().unwrap_or_default();
        format!("{business}:{}", self.subscriber())
    }
}

impl PartialEq for ConversationKey {
    fn eq(&self, other: &ConversationKey) -> bool {
        self.business == other.business && self.subscriber() == other.subscriber()
    }
}
impl Eq for ConversationKey {}
impl PartialOrd for ConversationKey {
    fn partial_cmp(&self, other: &ConversationKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ConversationKey {
    fn cmp(&self, other: &ConversationKey) -> Ordering {
        self.business
            .cmp(&other.business)
            .then_with(|| self.subscriber().cmp(&other.subscriber()))
    }
}
impl Hash for ConversationKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.business.hash(state);
        self.subscriber().hash(state);
    }
}

impl ConversationKey {
    /// The key of `customer` on `business`.
    pub fn new(business: Business, customer: Identity) -> ConversationKey {
        ConversationKey { business, customer }
    }
}

/// What an event is about (the CLI's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A message from the customer.
    Message,
    /// The status of a message we sent.
    Status,
    /// A call, or the status of a call.
    Call,
    /// The customer's phone number or BSUID changed.
    IdentityChange,
    /// The customer stopped, resumed or signed up for marketing messages.
    MarketingPreference,
    /// An error Meta reported about this conversation.
    Error,
    /// A message the business sent from the WhatsApp Business app (coexistence echo).
    Echo,
}

impl EventKind {
    /// The name as serialized (`message`, `status`, `call`, `identity_change`,
    /// `marketing_preference`, `error`, `echo`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Message => "message",
            EventKind::Status => "status",
            EventKind::Call => "call",
            EventKind::IdentityChange => "identity_change",
            EventKind::MarketingPreference => "marketing_preference",
            EventKind::Error => "error",
            EventKind::Echo => "echo",
        }
    }
}

/// A message with what surrounds it in the delivery, owned.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MessageEvent {
    /// The message, lossless.
    pub message: Message,
    /// The contact entry of its sender, when the delivery has one.
    pub contact: Option<Contact>,
    /// The business number's metadata.
    pub metadata: Option<Metadata>,
    /// The WhatsApp Business Account id (`entry[].id`).
    pub account_id: Option<String>,
    /// The delivery's shape.
    pub shape: Shape,
}

impl MessageEvent {
    /// The borrowed view the rest of the model works with (interaction attributes, sender, origin).
    pub fn inbound(&self) -> InboundMessage<'_> {
        InboundMessage {
            message: &self.message,
            contact: self.contact.as_ref(),
            metadata: self.metadata.as_ref(),
            account_id: self.account_id.as_deref(),
            shape: self.shape,
        }
    }

    /// When the customer sent it, if known.
    pub fn origin_time(&self) -> Option<DateTime<Utc>> {
        self.message.timestamp.as_ref().and_then(|t| t.time().ok())
    }
}

/// Which change of identity Meta reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdentityChangeKind {
    /// A `system` message of type `user_changed_number`: a new phone number.
    UserChangedNumber,
    /// A `system` message of type `user_changed_user_id`: a new BSUID.
    UserChangedUserId,
    /// A change of the `user_id_update` field.
    UserIdUpdate,
}

/// The customer's phone number or BSUID changed. The event belongs to the conversation of the
/// identity it names first (the old one); replies to the new identity are a new conversation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct IdentityChange {
    /// What changed.
    pub change: IdentityChangeKind,
    /// The new identity, when Meta gives one that reads.
    pub new: Option<Identity>,
    /// When it happened, if known.
    pub at: Option<DateTime<Utc>>,
    /// The `system` message that said so (for `user_changed_number` and `user_changed_user_id`).
    pub message: Option<MessageEvent>,
    /// The element as it came (for `user_id_update`).
    pub raw: Option<RawJson>,
}

wire_struct! {
    /// A call (`value.calls[]` of the `calls` field): connect, terminate, and what they carry.
    pub struct Call {
        /// The call id (`wacid.…`).
        id: String = "id",
        /// Who called (a wa_id, or the business number).
        from: String = "from",
        /// Who was called.
        to: String = "to",
        /// `connect`, `terminate`, ….
        event: String = "event",
        /// `USER_INITIATED` or `BUSINESS_INITIATED`.
        direction: String = "direction",
        /// When.
        timestamp: Timestamp = "timestamp",
        /// The outcome of a terminated call (`COMPLETED`, `FAILED`).
        status: String = "status",
        /// The caller's BSUID.
        from_user_id: String = "from_user_id",
        /// The callee's BSUID.
        to_user_id: String = "to_user_id",
        /// Duration in seconds (terminate).
        duration: JsonNumber = "duration",
        /// Tracking data sent with a business-initiated call.
        biz_opaque_callback_data: String = "biz_opaque_callback_data",
    }
}
impl WireHooks for Call {}

impl Call {
    /// Whether the customer placed the call (`direction` is `USER_INITIATED`).
    pub fn user_initiated(&self) -> bool {
        self.direction
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case("USER_INITIATED"))
    }
}

/// A call, or a status of a call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CallEvent {
    /// `value.calls[]`.
    Call(Call),
    /// `value.statuses[]` of the `calls` field (`RINGING`, `ACCEPTED`, `REJECTED`).
    Status(Status),
}

impl CallEvent {
    /// The call id.
    pub fn id(&self) -> Option<&str> {
        match self {
            CallEvent::Call(c) => c.id.as_deref(),
            CallEvent::Status(s) => s.id.as_deref(),
        }
    }

    /// When, if known.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        let t = match self {
            CallEvent::Call(c) => c.timestamp.as_ref(),
            CallEvent::Status(s) => s.timestamp.as_ref(),
        };
        t.and_then(|t| t.time().ok())
    }

    /// Whether this is a call the customer placed: it opens and refreshes the customer-service
    /// window as a message does (Meta, "Service messages": "When a WhatsApp user messages you or
    /// calls you, a 24-hour timer called a customer service window starts").
    pub fn user_initiated(&self) -> bool {
        matches!(self, CallEvent::Call(c) if c.user_initiated())
    }

    /// What happened: the call's `event` (`connect`, `terminate`) or the status (`RINGING`, …).
    pub fn what(&self) -> &str {
        match self {
            CallEvent::Call(c) => c.event.as_deref().unwrap_or(""),
            CallEvent::Status(s) => s.status.as_deref().unwrap_or(""),
        }
    }
}

wire_struct! {
    /// A marketing preference (`value.user_preferences[]` of the `user_preferences` field).
    pub struct MarketingPreference {
        /// The customer's wa_id.
        wa_id: String = "wa_id",
        /// The customer's BSUID.
        user_id: String = "user_id",
        /// Meta's words.
        detail: String = "detail",
        /// `marketing_messages`.
        category: String = "category",
        /// `stop`, `resume` or `signup`.
        value: String = "value",
        /// When.
        timestamp: Timestamp = "timestamp",
    }
}
impl WireHooks for MarketingPreference {}

impl MarketingPreference {
    /// When, if known.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        self.timestamp.as_ref().and_then(|t| t.time().ok())
    }

    /// Whether the customer asked to receive no more marketing messages.
    pub fn is_stop(&self) -> bool {
        self.value.as_deref() == Some("stop")
    }
}

/// One event of one conversation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A message from the customer.
    Message(Box<MessageEvent>),
    /// The status of a message we sent.
    Status(Box<Status>),
    /// A call or a call's status.
    Call(Box<CallEvent>),
    /// The customer's identity changed.
    IdentityChange(Box<IdentityChange>),
    /// A marketing preference.
    MarketingPreference(Box<MarketingPreference>),
    /// An error Meta reported about this conversation (`value.errors[]`).
    Error(Box<ApiError>),
    /// A message the business sent from the WhatsApp Business app.
    Echo(Box<MessageEvent>),
}

/// The key under which an event is remembered as taken: message id for messages, id and status
/// for statuses, id and event for calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DedupKey(String);

impl DedupKey {
    /// A key from its text (as a store gives it back).
    pub fn new(text: impl Into<String>) -> DedupKey {
        DedupKey(text.into())
    }

    /// The text: `message:<id>`, `status:<id>:<status>`, `call:<id>:<event>`, `echo:<id>`,
    /// `identity:<id>`, `preference:<customer>:<value>:<timestamp>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Event {
    /// What the event is about.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Message(_) => EventKind::Message,
            Event::Status(_) => EventKind::Status,
            Event::Call(_) => EventKind::Call,
            Event::IdentityChange(_) => EventKind::IdentityChange,
            Event::MarketingPreference(_) => EventKind::MarketingPreference,
            Event::Error(_) => EventKind::Error,
            Event::Echo(_) => EventKind::Echo,
        }
    }

    /// The id Meta gave the element (message, status or call id), if any.
    pub fn id(&self) -> Option<&str> {
        match self {
            Event::Message(m) | Event::Echo(m) => m.message.id.as_deref(),
            Event::Status(s) => s.id.as_deref(),
            Event::Call(c) => c.id(),
            Event::IdentityChange(c) => c.message.as_ref().and_then(|m| m.message.id.as_deref()),
            Event::MarketingPreference(_) | Event::Error(_) => None,
        }
    }

    /// The key under which the event is remembered as taken, so that a redelivery is dropped.
    /// `None` for events that carry no id (an error); applying those twice changes nothing.
    pub fn dedup_key(&self) -> Option<DedupKey> {
        let key = match self {
            Event::Message(m) => ["message", m.message.id.as_deref()?].join(":"),
            Event::Echo(m) => ["echo", m.message.id.as_deref()?].join(":"),
            Event::Status(s) => [
                "status",
                s.id.as_deref()?,
                s.status.as_deref().unwrap_or(""),
            ]
            .join(":"),
            Event::Call(c) => ["call", c.id()?, c.what()].join(":"),
            Event::IdentityChange(c) => match (&c.message, &c.raw) {
                (Some(m), _) => ["identity", m.message.id.as_deref()?].join(":"),
                (None, Some(raw)) => ["identity", raw.get()].join(":"),
                (None, None) => return None,
            },
            Event::MarketingPreference(p) => [
                "preference",
                p.wa_id.as_deref().or(p.user_id.as_deref()).unwrap_or(""),
                p.value.as_deref().unwrap_or(""),
                p.timestamp.as_ref().map_or("", Timestamp::raw),
            ]
            .join(":"),
            Event::Error(_) => return None,
        };
        Some(DedupKey(key))
    }

    /// When the event happened by Meta's clock, if it says.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            Event::Message(m) | Event::Echo(m) => m.origin_time(),
            Event::Status(s) => s.timestamp.as_ref().and_then(|t| t.time().ok()),
            Event::Call(c) => c.at(),
            Event::IdentityChange(c) => c.at,
            Event::MarketingPreference(p) => p.at(),
            Event::Error(_) => None,
        }
    }
}

/// The events of one conversation in one delivery, in the order they came.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ConversationEvents {
    /// Whose they are.
    pub key: ConversationKey,
    /// The events.
    pub events: Vec<Event>,
}

impl ConversationEvents {
    /// The events of `key`.
    pub fn new(key: ConversationKey, events: Vec<Event>) -> ConversationEvents {
        ConversationEvents { key, events }
    }
}

/// What an account event is about (the CLI's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountEventKind {
    /// `message_template_status_update`.
    TemplateStatus,
    /// `message_template_quality_update`.
    TemplateQuality,
    /// `template_category_update`.
    TemplateCategory,
    /// `message_template_components_update`.
    TemplateComponents,
    /// Another field about the account, its numbers or its settings (`account_update`,
    /// `phone_number_quality_update`, `business_capability_update`, `security`, `flows`, …).
    Account,
    /// An error not tied to a customer (`value.errors[]` of a value that names none).
    Error,
    /// A field this library does not know, or a change that carried nothing else.
    Unknown,
}

impl AccountEventKind {
    /// The kind of a change's `field`.
    pub fn of_field(field: &str) -> AccountEventKind {
        match field {
            "message_template_status_update" => AccountEventKind::TemplateStatus,
            "message_template_quality_update" => AccountEventKind::TemplateQuality,
            "template_category_update" => AccountEventKind::TemplateCategory,
            "message_template_components_update" => AccountEventKind::TemplateComponents,
            f if ACCOUNT_FIELDS.contains(&f) => AccountEventKind::Account,
            _ => AccountEventKind::Unknown,
        }
    }

    /// The name as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountEventKind::TemplateStatus => "template_status",
            AccountEventKind::TemplateQuality => "template_quality",
            AccountEventKind::TemplateCategory => "template_category",
            AccountEventKind::TemplateComponents => "template_components",
            AccountEventKind::Account => "account",
            AccountEventKind::Error => "error",
            AccountEventKind::Unknown => "unknown",
        }
    }

    /// Whether this is one of the four template lifecycle kinds.
    pub fn is_template(self) -> bool {
        matches!(
            self,
            AccountEventKind::TemplateStatus
                | AccountEventKind::TemplateQuality
                | AccountEventKind::TemplateCategory
                | AccountEventKind::TemplateComponents
        )
    }
}

/// The `field`s of Meta's WhatsApp Business Account webhooks that concern the account rather than
/// one customer (Meta's webhooks reference, "Webhook fields"). Any other field that is not one of
/// the customer fields is [`AccountEventKind::Unknown`].
pub const ACCOUNT_FIELDS: &[&str] = &[
    "account_alerts",
    "account_review_update",
    "account_settings_update",
    "account_update",
    "automatic_events",
    "business_capability_update",
    "business_status_update",
    "flows",
    "history",
    "message_template_status_update",
    "message_template_quality_update",
    "message_template_components_update",
    "partner_solutions",
    "payment_configuration_update",
    "phone_number_name_update",
    "phone_number_quality_update",
    "security",
    "smb_app_state_sync",
    "template_category_update",
    "template_correct_category_detection",
    "tracking_events",
];

/// The `field`s whose values hold customers' elements (messages, statuses, calls, echoes,
/// preferences, identity updates).
pub const CUSTOMER_FIELDS: &[&str] = &[
    "messages",
    "calls",
    "smb_message_echoes",
    "user_preferences",
    "user_id_update",
];

wire_struct! {
    /// The value of a template lifecycle change (status, quality, category, components).
    pub struct TemplateUpdate {
        /// What happened (`APPROVED`, `REJECTED`, `PAUSED`, `DISABLED`, `PENDING_DELETION`,
        /// `FLAGGED`, `REINSTATED`, `ARCHIVED`, …), for status updates.
        event: String = "event",
        /// The template id, kept as written.
        message_template_id: JsonNumber = "message_template_id",
        /// The template name.
        message_template_name: String = "message_template_name",
        /// The language and locale code.
        message_template_language: String = "message_template_language",
        /// Why (`NONE`, `INCORRECT_CATEGORY`, …).
        reason: String = "reason",
        /// The category.
        message_template_category: String = "message_template_category",
        /// The quality before (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`).
        previous_quality_score: String = "previous_quality_score",
        /// The quality now.
        new_quality_score: String = "new_quality_score",
        /// The category before a category change.
        previous_category: String = "previous_category",
        /// The category after a category change.
        new_category: String = "new_category",
    }
}
impl WireHooks for TemplateUpdate {}

/// A change not tied to a customer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AccountEvent {
    /// What it is about.
    pub kind: AccountEventKind,
    /// The change's `field` (absent in bodies that have none).
    pub field: Option<String>,
    /// The WhatsApp Business Account id (`entry[].id`).
    pub account_id: Option<String>,
    /// When Meta sent it (`entry[].time`), when the entry says.
    pub at: Option<DateTime<Utc>>,
    /// The change's value as it came (for [`AccountEventKind::Error`], the error element).
    pub value: RawJson,
    /// The template lifecycle view of the value, for the template kinds when it reads.
    pub template: Option<TemplateUpdate>,
}

/// An element of a delivery that could not be read or belongs to no customer, kept as it came.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InvalidElement {
    /// `message`, `status`, `error`, `contact`, `call`, `preference`, `echo` or `identity`; or
    /// `content` for a message whose payload could not be read (the message itself still comes
    /// through as an event).
    pub kind: &'static str,
    /// The stable code: `webhook.invalid_<kind>`, or `webhook.no_customer` for a readable element
    /// that names no customer this library can key a conversation by (a group's status, a message
    /// without `from`).
    pub code: &'static str,
    /// Why.
    pub error: String,
    /// The element as it came.
    pub raw: RawJson,
}

/// A delivery taken apart. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Split {
    /// The shape the body came in.
    pub shape: Shape,
    /// The conversations, in order of first appearance, each with its events in order.
    pub conversations: Vec<ConversationEvents>,
    /// Changes not tied to a customer, in order.
    pub account_events: Vec<AccountEvent>,
    /// Elements that could not be read or belong to no customer, in order.
    pub invalid: Vec<InvalidElement>,
}

impl Split {
    /// How many events all conversations hold.
    pub fn event_count(&self) -> usize {
        self.conversations.iter().map(|c| c.events.len()).sum()
    }

    /// Every event with its key, in conversation order.
    pub fn events(&self) -> impl Iterator<Item = (&ConversationKey, &Event)> {
        self.conversations
            .iter()
            .flat_map(|c| c.events.iter().map(move |e| (&c.key, e)))
    }
}

/// Builds the split, keeping conversations in order of first appearance.
struct Builder {
    shape: Shape,
    conversations: Vec<ConversationEvents>,
    account_events: Vec<AccountEvent>,
    invalid: Vec<InvalidElement>,
}

impl Builder {
    /// Files `event` under (`business`, `customer`); the key is built only for a new conversation
    /// (a delivery holds few, so a linear search beats a map and saves a copy per event).
    fn push(&mut self, business: &Business, customer: Identity, event: Event) {
        let subscriber = customer.key();
        if let Some(c) = self
            .conversations
            .iter_mut()
            .find(|c| c.key.business == *business && c.key.subscriber() == subscriber)
        {
            c.events.push(event);
            return;
        }
        self.conversations.push(ConversationEvents {
            key: ConversationKey::new(business.clone(), customer),
            events: vec![event],
        });
    }

    fn invalid(&mut self, kind: &'static str, code: &'static str, error: String, raw: RawJson) {
        self.invalid.push(InvalidElement {
            kind,
            code,
            error,
            raw,
        });
    }

    fn no_customer<T: serde::Serialize>(&mut self, kind: &'static str, element: &T, why: &str) {
        let raw = to_raw(element);
        self.invalid(kind, "webhook.no_customer", why.to_owned(), raw);
    }

    fn account(
        &mut self,
        kind: AccountEventKind,
        field: Option<String>,
        account_id: Option<&str>,
        at: Option<DateTime<Utc>>,
        value: RawJson,
    ) {
        let template = if kind.is_template() {
            value.read::<TemplateUpdate>().ok()
        } else {
            None
        };
        self.account_events.push(AccountEvent {
            kind,
            field,
            account_id: account_id.map(str::to_owned),
            at,
            value,
            template,
        });
    }
}

/// An account change's value as JSON text. Such a value names none of the fields this model reads
/// (they are all kept raw, as they came), so its members are written back as they are, in order:
/// the same text serde writes, without serde checking each nested object's text again (decision
/// 0213). A value with a known field, or a key that needs escaping, goes through serde.
fn account_value_raw(value: &ChangeValue) -> RawJson {
    let known = value.messaging_product.is_some()
        || value.metadata.is_some()
        || value.contacts.is_some()
        || value.messages.is_some()
        || value.message_echoes.is_some()
        || value.statuses.is_some()
        || value.errors.is_some();
    let plain_key = |k: &str| k.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
    if known || !value.extra.0.iter().all(|(k, _)| plain_key(k)) {
        return to_raw(value);
    }
    let len = value
        .extra
        .0
        .iter()
        .map(|(k, v)| k.len() + v.get().len() + 4);
    let mut out = String::with_capacity(len.sum::<usize>() + 2);
    out.push('{');
    for (i, (key, raw)) in value.extra.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        out.push_str(raw.get());
    }
    out.push('}');
    RawJson::from_written(out)
}

fn to_raw<T: serde::Serialize>(value: &T) -> RawJson {
    serde_json::to_string(value)
        .map(RawJson::from_written)
        .unwrap_or_else(|_| RawJson::null())
}

fn identity_of(wa_id: Option<&str>, user_id: Option<&str>) -> Option<Identity> {
    if let Some(p) = wa_id.and_then(|w| E164::from_wa_id(w).ok()) {
        return Some(Identity::Phone(p));
    }
    user_id
        .and_then(|u| u.parse::<Bsuid>().ok())
        .map(Identity::Bsuid)
}

fn digits(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter(u8::is_ascii_digit)
}

/// Whether `number` is the business's display number (same digits).
fn is_business_number(number: Option<&str>, metadata: Option<&Metadata>) -> bool {
    match (
        number,
        metadata.and_then(|m| m.display_phone_number.as_deref()),
    ) {
        (Some(n), Some(d)) => digits(n).eq(digits(d)),
        _ => false,
    }
}

/// The elements of an array kept among a value's unknown fields (`calls`, `user_preferences`).
fn extra_array(value: &ChangeValue, key: &str) -> Option<Result<Vec<RawJson>, String>> {
    let raw = value.extra.get(key)?;
    let mut r = Reader::new(raw.get());
    let mut items = Vec::new();
    let read = r.array("an array", |r, _| {
        if items.len() == ELEMENTS_MAX {
            return Err(r.too_many(ELEMENTS_MAX));
        }
        items.push(r.raw()?);
        Ok(())
    });
    Some(match read {
        Ok(()) => Ok(items),
        Err(ReadError::TooManyElements { .. }) => {
            Err(format!("more than {ELEMENTS_MAX} elements in {key}"))
        }
        Err(e) => Err(format!("{key} is not an array: {}", e.describe(raw.get()))),
    })
}

impl Webhook {
    /// Takes the delivery apart: every element becomes one event of one conversation, one
    /// account event, or one invalid element. See the [module documentation](self).
    pub fn split(self) -> Split {
        let mut b = Builder {
            shape: self.shape(),
            conversations: Vec::new(),
            account_events: Vec::new(),
            invalid: Vec::new(),
        };
        match self {
            Webhook::Legacy(value) => split_value(&mut b, None, None, None, value),
            Webhook::Cloud(env) => {
                for entry in env.entry.map(|l| l.0).unwrap_or_default() {
                    let account_id = entry.id;
                    let at = entry
                        .extra
                        .get("time")
                        .map(|r| Timestamp::from(r.clone()))
                        .and_then(|t| t.time().ok());
                    for change in entry.changes.map(|l| l.0).unwrap_or_default() {
                        let field = change.field.clone();
                        let Some(value) = change.value else {
                            let raw = to_raw(&change);
                            let kind = field
                                .as_deref()
                                .map_or(AccountEventKind::Unknown, AccountEventKind::of_field);
                            b.account(kind, field, account_id.as_deref(), at, raw);
                            continue;
                        };
                        let customer_field = field
                            .as_deref()
                            .is_none_or(|f| CUSTOMER_FIELDS.contains(&f));
                        if customer_field {
                            split_value(&mut b, field.as_deref(), account_id.as_deref(), at, value);
                        } else {
                            let kind = field
                                .as_deref()
                                .map_or(AccountEventKind::Unknown, AccountEventKind::of_field);
                            let raw = account_value_raw(&value);
                            b.account(kind, field, account_id.as_deref(), at, raw);
                        }
                    }
                }
            }
        }
        Split {
            shape: b.shape,
            conversations: b.conversations,
            account_events: b.account_events,
            invalid: b.invalid,
        }
    }
}

/// The elements of one change value of a customer field.
fn split_value(
    b: &mut Builder,
    field: Option<&str>,
    account_id: Option<&str>,
    at: Option<DateTime<Utc>>,
    mut value: ChangeValue,
) {
    let before = (b.event_count(), b.invalid.len(), b.account_events.len());
    let business = Business::of(value.metadata.as_ref());
    let calls_field = field == Some("calls");
    // Customers this value names, for the errors that name none.
    let mut seen_customers: Vec<Identity> = Vec::new();
    // Elements are moved out of the parsed body, not copied (an empty array is put back below
    // when the change gave nothing, so that its value is shown as it came).
    let had = [
        value.messages.is_some(),
        value.message_echoes.is_some(),
        value.statuses.is_some(),
    ];
    // The only customer the contacts name, read before any contact entry is moved out below.
    let sole = sole_contact(&value);
    let messages = value.messages.take().map(|l| l.0).unwrap_or_default();
    // Each message's contact entry; the last message that names an entry takes it, the others
    // get a copy (decision 0213). Worked out ahead only when there are several messages.
    let picks: Vec<Option<usize>> = if messages.len() > 1 {
        messages.iter().map(|m| contact_of(&value, m)).collect()
    } else {
        Vec::new()
    };
    for (k, slot) in messages.into_iter().enumerate() {
        let pick = match picks.get(k) {
            Some(pick) => *pick,
            None => contact_of(&value, &slot),
        };
        let last = picks
            .get(k + 1..)
            .is_none_or(|later| !later.contains(&pick));
        match slot {
            Slot::Invalid { raw, error } => {
                b.invalid("message", "webhook.invalid_message", error, raw);
            }
            Slot::Ok(message) => {
                // A message whose payload could not be read still comes through (below), and
                // says so here.
                if let Some(Content::Unparsed { raw, error }) = &message.content {
                    b.invalid(
                        "content",
                        "webhook.invalid_content",
                        error.clone(),
                        raw.clone(),
                    );
                }
                let contact = pick.and_then(|i| value.contacts.as_ref()?.0.get(i)?.ok());
                let view = InboundMessage {
                    message: &message,
                    contact,
                    metadata: value.metadata.as_ref(),
                    account_id,
                    shape: b.shape,
                };
                let Some(customer) = view.sender() else {
                    b.no_customer(
                        "message",
                        &message,
                        "the message names no sender (from, from_user_id)",
                    );
                    continue;
                };
                let contact = pick.and_then(|i| take_contact(&mut value, i, last));
                let event = MessageEvent {
                    message,
                    contact,
                    metadata: value.metadata.clone(),
                    account_id: account_id.map(str::to_owned),
                    shape: b.shape,
                };
                put(
                    b,
                    &business,
                    &mut seen_customers,
                    customer,
                    message_or_identity(event),
                );
            }
        }
    }
    let echoes = value.message_echoes.take().map(|l| l.0).unwrap_or_default();
    for slot in echoes {
        match slot {
            Slot::Invalid { raw, error } => {
                b.invalid("echo", "webhook.invalid_echo", error, raw);
            }
            Slot::Ok(message) => {
                let to_business =
                    is_business_number(message.to.as_deref(), value.metadata.as_ref());
                let customer = if to_business {
                    identity_of(message.from.as_deref(), message.from_user_id.as_deref())
                } else {
                    identity_of(message.to.as_deref(), message.to_user_id.as_deref())
                }
                .or_else(|| sole.clone());
                let Some(customer) = customer else {
                    b.no_customer(
                        "echo",
                        &message,
                        "the echo names no customer (to, to_user_id)",
                    );
                    continue;
                };
                let event = MessageEvent {
                    message,
                    contact: None,
                    metadata: value.metadata.clone(),
                    account_id: account_id.map(str::to_owned),
                    shape: b.shape,
                };
                put(
                    b,
                    &business,
                    &mut seen_customers,
                    customer,
                    Event::Echo(Box::new(event)),
                );
            }
        }
    }
    let statuses = value.statuses.take().map(|l| l.0).unwrap_or_default();
    for slot in statuses {
        match slot {
            Slot::Invalid { raw, error } => {
                b.invalid("status", "webhook.invalid_status", error, raw);
            }
            Slot::Ok(status) => {
                let group = status.recipient_type.as_deref() == Some("group");
                let customer = if group {
                    None
                } else {
                    identity_of(
                        status.recipient_id.as_deref(),
                        status.recipient_user_id.as_deref(),
                    )
                };
                let Some(customer) = customer else {
                    let why = if group {
                        "the status is of a group message: a group is not a customer conversation"
                    } else {
                        "the status names no recipient (recipient_id, recipient_user_id)"
                    };
                    b.no_customer("status", &status, why);
                    continue;
                };
                let is_call = calls_field
                    || status
                        .extra
                        .get("type")
                        .is_some_and(|t| t.get() == "\"call\"");
                let event = if is_call {
                    Event::Call(Box::new(CallEvent::Status(status)))
                } else {
                    Event::Status(Box::new(status))
                };
                put(b, &business, &mut seen_customers, customer, event);
            }
        }
    }
    let calls = ExtraArray {
        key: "calls",
        kind: "call",
        code: "webhook.invalid_call",
        no_customer: "the call names no customer (from, to)",
    };
    calls.split(b, &value, &business, &mut seen_customers, |call: Call| {
        let customer = call_customer(&call, &value, sole.as_ref());
        (customer, Event::Call(Box::new(CallEvent::Call(call))))
    });
    let preferences = ExtraArray {
        key: "user_preferences",
        kind: "preference",
        code: "webhook.invalid_preference",
        no_customer: "the preference names no customer (wa_id, user_id)",
    };
    preferences.split(
        b,
        &value,
        &business,
        &mut seen_customers,
        |p: MarketingPreference| {
            let customer =
                identity_of(p.wa_id.as_deref(), p.user_id.as_deref()).or_else(|| sole.clone());
            (customer, Event::MarketingPreference(Box::new(p)))
        },
    );
    if field == Some("user_id_update") {
        split_user_id_update(b, &value, &business, &mut seen_customers, sole.as_ref());
    }
    for slot in value.errors.iter().flat_map(|l| l.iter()) {
        match slot {
            Slot::Invalid { raw, error } => {
                b.invalid("error", "webhook.invalid_error", error.clone(), raw.clone());
            }
            Slot::Ok(error) => {
                let sole = match seen_customers.as_slice() {
                    [only] => Some(only.clone()),
                    [] => sole.clone(),
                    _ => None,
                };
                match sole {
                    Some(customer) => put(
                        b,
                        &business,
                        &mut seen_customers,
                        customer,
                        Event::Error(Box::new(error.clone())),
                    ),
                    None => {
                        let raw = to_raw(error);
                        b.account(
                            AccountEventKind::Error,
                            field.map(str::to_owned),
                            account_id,
                            at,
                            raw,
                        );
                    }
                }
            }
        }
    }
    for slot in value.contacts.iter().flat_map(|l| l.iter()) {
        if let Slot::Invalid { raw, error } = slot {
            b.invalid(
                "contact",
                "webhook.invalid_contact",
                error.clone(),
                raw.clone(),
            );
        }
    }
    // A change that gave nothing at all (only metadata, or fields this library does not know)
    // is still shown, as an account event of kind `unknown`.
    if before == (b.event_count(), b.invalid.len(), b.account_events.len()) {
        let [m, e, s] = had;
        value.messages = m.then(List::default);
        value.message_echoes = e.then(List::default);
        value.statuses = s.then(List::default);
        let raw = to_raw(&value);
        b.account(
            AccountEventKind::Unknown,
            field.map(str::to_owned),
            account_id,
            at,
            raw,
        );
    }
}

/// An array kept among a value's unknown fields whose elements are events (`calls`,
/// `user_preferences`): what it is called and how its elements are refused.
struct ExtraArray {
    /// The key of the array in the change value.
    key: &'static str,
    /// The kind of an invalid element.
    kind: &'static str,
    /// The code of an element that cannot be read (or of an array that is none).
    code: &'static str,
    /// Why an element that names no customer is refused.
    no_customer: &'static str,
}

impl ExtraArray {
    /// Reads each element as a `T`; `event` gives its customer and its event. An element that
    /// cannot be read, or that names no customer, is kept as an invalid element.
    fn split<T: crate::wire::ReadWire>(
        &self,
        b: &mut Builder,
        value: &ChangeValue,
        business: &Business,
        seen: &mut Vec<Identity>,
        event: impl Fn(T) -> (Option<Identity>, Event),
    ) {
        let items = match extra_array(value, self.key) {
            None => return,
            Some(Err(e)) => {
                let raw = value
                    .extra
                    .get(self.key)
                    .cloned()
                    .unwrap_or_else(RawJson::null);
                b.invalid(self.kind, self.code, e, raw);
                return;
            }
            Some(Ok(items)) => items,
        };
        for raw in items {
            match raw.read::<T>() {
                Err(e) => {
                    let why = e.describe(raw.get());
                    b.invalid(self.kind, self.code, why, raw);
                }
                Ok(element) => match event(element) {
                    (Some(customer), event) => put(b, business, seen, customer, event),
                    (None, _) => b.invalid(
                        self.kind,
                        "webhook.no_customer",
                        self.no_customer.to_owned(),
                        raw,
                    ),
                },
            }
        }
    }
}

/// Files `event` under `customer` on `business`, remembering the customers this value names.
fn put(
    b: &mut Builder,
    business: &Business,
    seen: &mut Vec<Identity>,
    customer: Identity,
    event: Event,
) {
    if !seen.contains(&customer) {
        seen.push(customer.clone());
    }
    b.push(business, customer, event);
}

impl Builder {
    fn event_count(&self) -> usize {
        self.conversations.iter().map(|c| c.events.len()).sum()
    }
}

/// The contact entry at slot `i` for one of the messages that name it: moved out for the last of
/// them, copied for the others.
fn take_contact(value: &mut ChangeValue, i: usize, last: bool) -> Option<Contact> {
    match value.contacts.as_mut()?.0.get_mut(i)? {
        Slot::Ok(contact) if last => Some(std::mem::take(contact)),
        Slot::Ok(contact) => Some(contact.clone()),
        Slot::Invalid { .. } => None,
    }
}

/// Where the contact entry of a message's sender sits in the value's contacts, if anywhere.
fn contact_of(value: &ChangeValue, slot: &Slot<Message>) -> Option<usize> {
    slot.ok().and_then(|m| contact_index(value, m))
}

/// The only customer the value's contacts name.
fn sole_contact(value: &ChangeValue) -> Option<Identity> {
    let mut ids = value
        .contacts
        .iter()
        .flat_map(|l| l.iter())
        .filter_map(Slot::ok)
        .filter_map(|c| identity_of(c.wa_id.as_deref(), c.user_id.as_deref()));
    let first = ids.next()?;
    ids.all(|i| i == first).then_some(first)
}

/// The customer of a call; `sole` is the only customer the value's contacts name.
fn call_customer(call: &Call, value: &ChangeValue, sole: Option<&Identity>) -> Option<Identity> {
    let metadata = value.metadata.as_ref();
    let (theirs, their_user) = if call.user_initiated()
        || (call.direction.is_none() && !is_business_number(call.from.as_deref(), metadata))
    {
        (call.from.as_deref(), call.from_user_id.as_deref())
    } else {
        (call.to.as_deref(), call.to_user_id.as_deref())
    };
    if is_business_number(theirs, metadata) {
        return sole.cloned();
    }
    identity_of(theirs, their_user).or_else(|| sole.cloned())
}

/// A `system` message that changes the customer's identity becomes an identity change; any other
/// message stays a message.
fn message_or_identity(event: MessageEvent) -> Event {
    let change = match &event.message.content {
        Some(Content::System(s)) => match s.kind.as_deref() {
            Some("user_changed_number") => Some((
                IdentityChangeKind::UserChangedNumber,
                identity_of(s.wa_id.as_deref().or(s.new_wa_id.as_deref()), None),
            )),
            Some("user_changed_user_id") => {
                let user = s
                    .extra
                    .get("user_id")
                    .or_else(|| s.extra.get("new_user_id"))
                    .and_then(|r| r.read::<String>().ok());
                Some((
                    IdentityChangeKind::UserChangedUserId,
                    identity_of(None, user.as_deref()),
                ))
            }
            _ => None,
        },
        _ => None,
    };
    match change {
        Some((change, new)) => Event::IdentityChange(Box::new(IdentityChange {
            change,
            new,
            at: event.origin_time(),
            message: Some(event),
            raw: None,
        })),
        None => Event::Message(Box::new(event)),
    }
}

/// The `user_id_update` field: each element of `value.user_id_update` (or the value itself when
/// it has no such array) names a customer and their new BSUID.
fn split_user_id_update(
    b: &mut Builder,
    value: &ChangeValue,
    business: &Business,
    seen_customers: &mut Vec<Identity>,
    sole: Option<&Identity>,
) {
    let items: Vec<RawJson> = match extra_array(value, "user_id_update") {
        Some(Ok(items)) => items,
        Some(Err(e)) => {
            let raw = value
                .extra
                .get("user_id_update")
                .cloned()
                .unwrap_or_else(RawJson::null);
            b.invalid("identity", "webhook.invalid_identity", e, raw);
            return;
        }
        None => return,
    };
    for raw in items {
        let text = |k: &str| raw.text_at(&[k]);
        let nested = |k: &str, inner: &str| raw.text_at(&[k, inner]);
        let old_user = nested("user_id", "previous").or_else(|| text("previous_user_id"));
        let new_user = nested("user_id", "current")
            .or_else(|| text("new_user_id"))
            .or_else(|| text("user_id"));
        let customer =
            identity_of(text("wa_id").as_deref(), old_user.as_deref()).or_else(|| sole.cloned());
        let Some(customer) = customer else {
            b.invalid(
                "identity",
                "webhook.no_customer",
                "the user id update names no customer (wa_id, previous user id)".into(),
                raw,
            );
            continue;
        };
        let at = Extra::from_json(raw.get())
            .ok()
            .and_then(|m| m.get("timestamp").cloned())
            .map(Timestamp::from)
            .and_then(|t| t.time().ok());
        let change = IdentityChange {
            change: IdentityChangeKind::UserIdUpdate,
            new: identity_of(None, new_user.as_deref()),
            at,
            message: None,
            raw: Some(raw),
        };
        put(
            b,
            business,
            seen_customers,
            customer,
            Event::IdentityChange(Box::new(change)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every change value of the pywa corpus, and a few made-up ones, written by the account fast
    /// path and by serde: the same text.
    #[test]
    fn account_values_are_written_as_serde_writes_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/pywa");
        let mut values = Vec::new();
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let all: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            for body in all.values() {
                let Ok(Webhook::Cloud(env)) = Webhook::parse(body.to_string().as_bytes()) else {
                    continue;
                };
                for entry in env.entry.iter().flat_map(|l| l.iter()) {
                    for change in entry.changes.iter().flat_map(|l| l.iter()) {
                        values.extend(change.value.clone());
                    }
                }
            }
        }
        for text in [
            r#"{"event":"x","nested":{"a":[1,2.50,"\u00e9"]},"event":"again"}"#,
            r#"{"k\"ey":1,"tab\tkey":2}"#,
            r#"{"messaging_product":"whatsapp","event":"x"}"#,
            r#"{}"#,
        ] {
            values.push(RawJson::from_checked(text).read::<ChangeValue>().unwrap());
        }
        assert!(values.len() > 60, "{} values", values.len());
        let mut fast = 0;
        for value in &values {
            assert_eq!(account_value_raw(value).get(), to_raw(value).get());
            fast += usize::from(value.messages.is_none() && value.metadata.is_none());
        }
        assert!(fast > 10, "the fast path was taken {fast} times");
    }

    /// A contact entry moved to the last message that names it: every message still gets its own
    /// sender's entry, whether the entry is shared, one per sender, or the only one.
    #[test]
    fn every_message_keeps_its_senders_contact_entry() {
        let msg = |from: &str, id: &str| {
            format!(
                r#"{{"from":"{from}","id":"{id}","timestamp":"1764000000","type":"text","text":{{"body":"hi"}}}}"#
            )
        };
        let contact =
            |wa: &str, name: &str| format!(r#"{{"wa_id":"{wa}","profile":{{"name":"{name}"}}}}"#);
        let body = |contacts: &[String], messages: &[String]| {
            format!(
                r#"{{"object":"whatsapp_business_account","entry":[{{"id":"W","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550001111","phone_number_id":"9"}},"contacts":[{}],"messages":[{}]}}}}]}}]}}"#,
                contacts.join(","),
                messages.join(",")
            )
        };
        let names = |text: String| -> Vec<(String, Option<String>)> {
            let split = Webhook::parse(text.as_bytes()).unwrap().split();
            let mut out = Vec::new();
            for c in &split.conversations {
                for e in &c.events {
                    let Event::Message(m) = e else {
                        panic!("{e:?}")
                    };
                    let name = m
                        .contact
                        .as_ref()
                        .and_then(|c| c.profile.as_ref()?.name.clone());
                    out.push((m.message.id.clone().unwrap(), name));
                }
            }
            out
        };
        let ana = contact("16315551001", "Ana");
        let bo = contact("16315551002", "Bo");
        let cases = [
            (
                "one entry shared by three messages of one sender",
                vec![ana.clone()],
                vec![
                    msg("16315551001", "m1"),
                    msg("16315551001", "m2"),
                    msg("16315551001", "m3"),
                ],
                vec![("m1", "Ana"), ("m2", "Ana"), ("m3", "Ana")],
            ),
            (
                "two senders interleaved, an entry each",
                vec![ana.clone(), bo],
                vec![
                    msg("16315551001", "a1"),
                    msg("16315551002", "b1"),
                    msg("16315551001", "a2"),
                ],
                vec![("a1", "Ana"), ("a2", "Ana"), ("b1", "Bo")],
            ),
            (
                "one message, one entry (the path with nothing worked out ahead)",
                vec![ana],
                vec![msg("16315551001", "x")],
                vec![("x", "Ana")],
            ),
        ];
        for (case, contacts, messages, expected) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|(i, n)| ((*i).to_owned(), Some((*n).to_owned())))
                .collect();
            assert_eq!(names(body(&contacts, &messages)), expected, "{case}");
        }
    }
}
