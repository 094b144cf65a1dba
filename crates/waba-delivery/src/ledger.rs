//! The delivery ledger: each message we sent, by its id, with what it was, and its statuses merged
//! forward only; statuses of ids never recorded are kept as orphans.

use chrono::{DateTime, Utc};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use waba_model::{
    ApiError, Identity, Outbound, OutboundBody, SendOutcome, SendResponse, SendStatus, Status,
    StatusKind,
};

use crate::error::LedgerError;
use crate::pricing::{ConversationInfo, Pricing};
use crate::status::{DeliveryStatus, Seen};
use waba_json::open_enum;

/// The version of the ledger's stored form; a stored ledger of another version is refused.
pub const LEDGER_VERSION: u32 = 1;
/// Deliveries a ledger keeps by default (the oldest is evicted past it).
pub const DELIVERIES_DEFAULT: usize = 10_000;
/// Orphan statuses a ledger keeps by default (the oldest is evicted past it).
pub const ORPHANS_DEFAULT: usize = 1_000;
/// The most deliveries (or orphans) a ledger may be configured to keep.
pub const LEDGER_CAPACITY_MAX: usize = 1_000_000;
/// The longest message id accepted, in bytes (Meta's `wamid.` ids are under 100).
pub const MESSAGE_ID_MAX_BYTES: usize = 256;
/// Distinct errors kept per message.
pub const ERRORS_PER_MESSAGE_MAX: usize = 8;
/// Distinct unknown status values kept per message.
pub const OTHER_STATUSES_MAX: usize = 8;

open_enum! {
    /// A template's category, as Meta's template definitions write it.
    pub enum TemplateCategory {
        /// `MARKETING`: subject to opt-outs and per-user marketing limits.
        Marketing = "MARKETING",
        /// `UTILITY`.
        Utility = "UTILITY",
        /// `AUTHENTICATION`.
        Authentication = "AUTHENTICATION",
    }
}

impl TemplateCategory {
    /// Reads a category ignoring ASCII case (`marketing`, `MARKETING`).
    pub fn parse(value: &str) -> TemplateCategory {
        match TemplateCategory::from_wire(&value.to_ascii_uppercase()) {
            TemplateCategory::Other(_) => TemplateCategory::Other(value.to_owned()),
            known => known,
        }
    }
}

/// The template a message used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TemplateInfo {
    /// The template's name.
    pub name: String,
    /// The language code.
    pub language: String,
    /// The category, when the sender knew it (a send body does not carry it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TemplateCategory>,
}

impl TemplateInfo {
    /// Template `name` in `language`, category unknown.
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> TemplateInfo {
        TemplateInfo {
            name: name.into(),
            language: language.into(),
            category: None,
        }
    }

    /// The same with its category.
    #[must_use]
    pub fn with_category(mut self, category: TemplateCategory) -> TemplateInfo {
        self.category = Some(category);
        self
    }
}

/// What a message we sent was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SentInfo {
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// The Cloud API `type` (`text`, `template`, `image`...).
    pub kind: String,
    /// The recipient as sent (`to` digits, or a BSUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The template, for a template message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateInfo>,
    /// `biz_opaque_callback_data` sent with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_data: Option<String>,
    /// `message_status` of Meta's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_status: Option<SendStatus>,
}

impl SentInfo {
    /// A message of Cloud API type `kind` sent at `at`.
    pub fn new(kind: impl Into<String>, at: DateTime<Utc>) -> SentInfo {
        SentInfo {
            at,
            kind: kind.into(),
            to: None,
            template: None,
            callback_data: None,
            send_status: None,
        }
    }

    /// What `body` is: its type, recipient, template name and language, callback data.
    pub fn from_outbound(body: &Outbound, at: DateTime<Utc>) -> SentInfo {
        let mut info = SentInfo::new(body.body.kind(), at);
        info.to = body.to.as_ref().map(|to| match to {
            Identity::Phone(p) => p.digits().to_owned(),
            Identity::Bsuid(b) => b.as_str().to_owned(),
        });
        if let OutboundBody::Template(t) = &body.body {
            info.template = Some(TemplateInfo::new(t.name.clone(), t.language.code.clone()));
        }
        info.callback_data = body.callback_data.as_ref().map(|c| c.as_str().to_owned());
        info
    }

    /// The same, with the template's category (which the send body does not carry).
    #[must_use]
    pub fn with_category(mut self, category: TemplateCategory) -> SentInfo {
        if let Some(t) = &mut self.template {
            t.category = Some(category);
        }
        self
    }

    /// Whether this is a marketing template.
    pub fn is_marketing(&self) -> bool {
        matches!(
            self.template.as_ref().and_then(|t| t.category.as_ref()),
            Some(TemplateCategory::Marketing)
        )
    }
}

/// One error of a failed status.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusError {
    /// Meta's code, when it is an integer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u64>,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `error_data.details`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The documentation link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl StatusError {
    /// An error with Meta's `code` only.
    pub fn new(code: u64) -> StatusError {
        StatusError {
            code: Some(code),
            title: None,
            message: None,
            details: None,
            href: None,
        }
    }

    /// The error of a webhook error object.
    pub fn from_api(e: &ApiError) -> StatusError {
        StatusError {
            code: e.code.as_ref().and_then(|c| c.as_u64()),
            title: e.title.clone(),
            message: e.message.clone(),
            details: e.details().map(str::to_owned),
            href: e.href.clone(),
        }
    }
}

/// A status to merge, read from a webhook's `statuses[]` (or built by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The message id.
    pub id: String,
    /// The status value.
    pub status: StatusKind,
    /// When it happened, when its timestamp is usable.
    pub at: Option<DateTime<Utc>>,
    /// `recipient_id` (or `recipient_user_id`).
    pub recipient: Option<String>,
    /// Its errors.
    pub errors: Vec<StatusError>,
    /// Its `pricing` object, typed.
    pub pricing: Option<Pricing>,
    /// Its `conversation` object, typed.
    pub conversation: Option<ConversationInfo>,
    /// `biz_opaque_callback_data` as echoed.
    pub callback_data: Option<String>,
}

impl StatusUpdate {
    /// A status `status` of message `id` at `at`.
    pub fn new(id: impl Into<String>, status: StatusKind, at: Option<DateTime<Utc>>) -> Self {
        StatusUpdate {
            id: id.into(),
            status,
            at,
            recipient: None,
            errors: Vec::new(),
            pricing: None,
            conversation: None,
            callback_data: None,
        }
    }

    /// The same with an error.
    #[must_use]
    pub fn with_error(mut self, error: StatusError) -> Self {
        self.errors.push(error);
        self
    }

    /// The same with a pricing object.
    #[must_use]
    pub fn with_pricing(mut self, pricing: Pricing) -> Self {
        self.pricing = Some(pricing);
        self
    }

    /// Reads a webhook status; `None` when it has no id.
    pub fn from_status(status: &Status) -> Option<StatusUpdate> {
        let id = status.id.clone()?;
        Some(StatusUpdate {
            id,
            status: status.kind(),
            at: status.timestamp.as_ref().and_then(|t| t.time().ok()),
            recipient: status
                .recipient_id
                .clone()
                .or_else(|| status.recipient_user_id.clone()),
            errors: status
                .errors
                .iter()
                .flat_map(|l| l.iter())
                .map(StatusError::from_api)
                .collect(),
            pricing: status
                .pricing
                .as_ref()
                .and_then(|p| Pricing::from_json(p.get())),
            conversation: status
                .conversation
                .as_ref()
                .and_then(|c| ConversationInfo::from_json(c.get())),
            callback_data: status.biz_opaque_callback_data.clone(),
        })
    }

    /// The codes of its errors.
    pub fn error_codes(&self) -> impl Iterator<Item = u64> + '_ {
        self.errors.iter().filter_map(|e| e.code)
    }
}

/// The earliest time each status was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusTimes {
    /// `sent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<DateTime<Utc>>,
    /// `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<DateTime<Utc>>,
    /// `delivered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<DateTime<Utc>>,
    /// `read`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<DateTime<Utc>>,
    /// `played`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub played: Option<DateTime<Utc>>,
    /// `deleted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<DateTime<Utc>>,
}

impl StatusTimes {
    /// When `status` was first seen (`None` for `accepted`: see [`SentInfo::at`]).
    pub fn get(&self, status: DeliveryStatus) -> Option<DateTime<Utc>> {
        match status {
            DeliveryStatus::Accepted => None,
            DeliveryStatus::Sent => self.sent,
            DeliveryStatus::Failed => self.failed,
            DeliveryStatus::Delivered => self.delivered,
            DeliveryStatus::Read => self.read,
            DeliveryStatus::Played => self.played,
            DeliveryStatus::Deleted => self.deleted,
        }
    }

    fn slot(&mut self, status: DeliveryStatus) -> Option<&mut Option<DateTime<Utc>>> {
        Some(match status {
            DeliveryStatus::Accepted => return None,
            DeliveryStatus::Sent => &mut self.sent,
            DeliveryStatus::Failed => &mut self.failed,
            DeliveryStatus::Delivered => &mut self.delivered,
            DeliveryStatus::Read => &mut self.read,
            DeliveryStatus::Played => &mut self.played,
            DeliveryStatus::Deleted => &mut self.deleted,
        })
    }
}

/// A status value this crate does not know, kept with its time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OtherStatus {
    /// The value as it came.
    pub status: String,
    /// Its time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// One message in the ledger: what we sent (absent for an orphan) and every status merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Delivery {
    /// The message id (`wamid.…`).
    pub id: String,
    /// What we sent; `None` for an orphan (a status of an id we never recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<SentInfo>,
    /// The merged status (`None` for an orphan with only unknown status values).
    pub status: Option<DeliveryStatus>,
    /// The statuses seen.
    pub seen: Seen,
    /// The earliest time of each status seen.
    pub times: StatusTimes,
    /// The latest time of any status (or the send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    /// The recipient as the statuses name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Distinct errors of failed statuses, sorted (at most [`ERRORS_PER_MESSAGE_MAX`]).
    #[serde(default)]
    pub errors: Vec<StatusError>,
    /// Pricing, from the status of highest precedence that carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// The status that carried [`Delivery::pricing`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing_from: Option<DeliveryStatus>,
    /// The conversation object, from the status of highest precedence that carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<ConversationInfo>,
    /// The status that carried [`Delivery::conversation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_from: Option<DeliveryStatus>,
    /// `biz_opaque_callback_data`, as sent or as echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_data: Option<String>,
    /// Status values this crate does not know (at most [`OTHER_STATUSES_MAX`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_statuses: Vec<OtherStatus>,
}

impl Delivery {
    fn empty(id: String) -> Delivery {
        Delivery {
            id,
            sent: None,
            status: None,
            seen: Seen::EMPTY,
            times: StatusTimes::default(),
            updated_at: None,
            recipient: None,
            errors: Vec::new(),
            pricing: None,
            pricing_from: None,
            conversation: None,
            conversation_from: None,
            callback_data: None,
            other_statuses: Vec::new(),
        }
    }

    /// Whether any status of this message failed (even when a later one says it got through).
    pub fn has_failed(&self) -> bool {
        self.seen.contains(DeliveryStatus::Failed)
    }

    /// The codes of its errors.
    pub fn error_codes(&self) -> impl Iterator<Item = u64> + '_ {
        self.errors.iter().filter_map(|e| e.code)
    }

    fn attach(&mut self, sent: SentInfo) {
        if self.callback_data.is_none() {
            self.callback_data.clone_from(&sent.callback_data);
        }
        self.updated_at = Some(self.updated_at.map_or(sent.at, |u| u.max(sent.at)));
        self.sent = Some(sent);
        self.status = self.merged();
    }

    fn merged(&self) -> Option<DeliveryStatus> {
        let seen = if self.sent.is_some() {
            self.seen.with(DeliveryStatus::Accepted)
        } else {
            self.seen
        };
        seen.merged()
    }

    /// Merges one status: commutative and idempotent (the result does not depend on the order
    /// or the repetition of statuses). Allocates only to keep something new (an error, pricing, a
    /// recipient, an unknown status value).
    fn merge(&mut self, u: &StatusUpdate) {
        if let Some(at) = u.at {
            self.updated_at = Some(self.updated_at.map_or(at, |t| t.max(at)));
        }
        let known = DeliveryStatus::from_kind(&u.status);
        match known {
            Some(s) => {
                self.seen = self.seen.with(s);
                if let (Some(slot), Some(at)) = (self.times.slot(s), u.at) {
                    *slot = Some(slot.map_or(at, |t| t.min(at)));
                }
            }
            None => {
                let other = OtherStatus {
                    status: u.status.as_str().to_owned(),
                    at: u.at,
                };
                if let Err(i) = self.other_statuses.binary_search(&other) {
                    if self.other_statuses.len() < OTHER_STATUSES_MAX {
                        self.other_statuses.insert(i, other);
                    }
                }
            }
        }
        for e in &u.errors {
            if let Err(i) = self.errors.binary_search(e) {
                if self.errors.len() < ERRORS_PER_MESSAGE_MAX {
                    self.errors.insert(i, e.clone());
                }
            }
        }
        if let Some(p) = &u.pricing {
            if takes_over(known, self.pricing_from, self.pricing.is_some()) {
                self.pricing = Some(p.clone());
                self.pricing_from = known;
            }
        }
        if let Some(c) = &u.conversation {
            if takes_over(known, self.conversation_from, self.conversation.is_some()) {
                self.conversation = Some(c.clone());
                self.conversation_from = known;
            }
        }
        if self.callback_data.is_none() {
            self.callback_data.clone_from(&u.callback_data);
        }
        if self.recipient.is_none() {
            self.recipient.clone_from(&u.recipient);
        }
        self.status = self.merged();
    }
}

/// Whether an object carried by a status of `new` precedence replaces one carried by `old`.
fn takes_over(new: Option<DeliveryStatus>, old: Option<DeliveryStatus>, have: bool) -> bool {
    !have || new > old
}

/// What [`Ledger::apply`] did with a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Applied {
    /// Merged into a message we sent: its status before and after.
    Merged {
        /// The merged status before.
        before: Option<DeliveryStatus>,
        /// The merged status after.
        after: Option<DeliveryStatus>,
    },
    /// A status of an id we never recorded, kept as an orphan (adopted when the send is recorded).
    Orphan {
        /// Whether an older orphan was evicted to make room.
        evicted: bool,
    },
}

/// What [`Ledger::record_sent`] did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Recorded {
    /// Statuses that had arrived before the send was recorded were merged into it.
    pub adopted_orphan: bool,
    /// The id was already recorded (its first record is kept).
    pub duplicate: bool,
    /// The oldest delivery, evicted to make room (keep it elsewhere if needed).
    pub evicted: Option<Delivery>,
}

/// How many deliveries and orphans a ledger keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LedgerLimits {
    /// Deliveries kept (the oldest is evicted past it).
    pub deliveries: usize,
    /// Orphans kept (the oldest is evicted past it).
    pub orphans: usize,
}

impl Default for LedgerLimits {
    fn default() -> Self {
        LedgerLimits {
            deliveries: DELIVERIES_DEFAULT,
            orphans: ORPHANS_DEFAULT,
        }
    }
}

impl LedgerLimits {
    /// Limits of `deliveries` and `orphans` (each 1 to [`LEDGER_CAPACITY_MAX`]).
    pub fn new(deliveries: usize, orphans: usize) -> Result<LedgerLimits, LedgerError> {
        for (field, value) in [("deliveries", deliveries), ("orphans", orphans)] {
            if value == 0 || value > LEDGER_CAPACITY_MAX {
                return Err(LedgerError::BadLimit {
                    field,
                    limit: LEDGER_CAPACITY_MAX as u64,
                    actual: value as u64,
                });
            }
        }
        Ok(LedgerLimits {
            deliveries,
            orphans,
        })
    }
}

/// The delivery ledger: every message we sent, in the order sent, by id, with its statuses merged
/// forward only; statuses of unknown ids kept as orphans. Pure data (serde, `Send + Sync`),
/// bounded by [`LedgerLimits`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use waba_delivery::{DeliveryStatus, Ledger, SentInfo, StatusUpdate};
/// use waba_model::StatusKind;
///
/// let t = |s: i64| Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap();
/// let mut ledger = Ledger::new();
/// ledger.record_sent("wamid.A", SentInfo::new("text", t(0)))?;
/// // `read` arrives before `sent`, and `delivered` twice: the ledger ends at `read`.
/// for (status, at) in [(StatusKind::Read, 9), (StatusKind::Sent, 1), (StatusKind::Delivered, 5),
///                      (StatusKind::Delivered, 5)] {
///     ledger.apply(&StatusUpdate::new("wamid.A", status, Some(t(at))));
/// }
/// let d = ledger.get("wamid.A").unwrap();
/// assert_eq!(d.status, Some(DeliveryStatus::Read));
/// assert_eq!(d.updated_at, Some(t(9)));
/// // A status of an id never sent is kept, not dropped.
/// ledger.apply(&StatusUpdate::new("wamid.Z", StatusKind::Sent, None));
/// assert_eq!(ledger.orphans().count(), 1);
/// # Ok::<(), waba_delivery::LedgerError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    limits: LedgerLimits,
    deliveries: IndexMap<String, Delivery, Hasher>,
    orphans: IndexMap<String, Delivery, Hasher>,
}

/// The index's hasher: foldhash (seeded per process), several times faster than SipHash on
/// message ids; ids come from Meta's authenticated webhooks and answers (decision 0600).
type Hasher = foldhash::quality::RandomState;

impl Ledger {
    /// An empty ledger with the default limits.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// An empty ledger with `limits`.
    pub fn with_limits(limits: LedgerLimits) -> Ledger {
        Ledger {
            limits,
            ..Ledger::default()
        }
    }

    /// Its limits.
    pub fn limits(&self) -> LedgerLimits {
        self.limits
    }

    /// Records that message `id` was sent; statuses that arrived before it (orphans) are merged in.
    /// Past the limit, the oldest delivery is evicted and returned.
    pub fn record_sent(
        &mut self,
        id: impl Into<String>,
        sent: SentInfo,
    ) -> Result<Recorded, LedgerError> {
        let id = id.into();
        check_id(&id)?;
        if self.deliveries.contains_key(&id) {
            return Ok(Recorded {
                adopted_orphan: false,
                duplicate: true,
                evicted: None,
            });
        }
        let (mut delivery, adopted_orphan) = match self.orphans.shift_remove(&id) {
            Some(orphan) => (orphan, true),
            None => (Delivery::empty(id.clone()), false),
        };
        delivery.attach(sent);
        let evicted = if self.deliveries.len() >= self.limits.deliveries {
            self.deliveries.shift_remove_index(0).map(|(_, d)| d)
        } else {
            None
        };
        self.deliveries.insert(id, delivery);
        Ok(Recorded {
            adopted_orphan,
            duplicate: false,
            evicted,
        })
    }

    /// Records a send from Meta's answer (its message id and `message_status`). A refused send is
    /// [`LedgerError::SendRefused`] with Meta's code; an answer without a message id is
    /// [`LedgerError::NoMessageId`].
    pub fn record_response(
        &mut self,
        response: &SendResponse,
        mut sent: SentInfo,
    ) -> Result<Recorded, LedgerError> {
        match response.outcome() {
            SendOutcome::Accepted { id, status } => {
                sent.send_status = status.cloned();
                self.record_sent(id, sent)
            }
            SendOutcome::Failed(e) => Err(LedgerError::SendRefused {
                code: e.code(),
                details: e.details().map(crate::error::quote),
            }),
            _ => Err(LedgerError::NoMessageId),
        }
    }

    /// Merges one status. A status of a message we sent moves it forward only; a status of an id
    /// we never recorded is kept as an orphan. O(1); no allocation for a known id unless the status
    /// brings something new to keep.
    pub fn apply(&mut self, update: &StatusUpdate) -> Applied {
        if let Some(d) = self.deliveries.get_mut(update.id.as_str()) {
            let before = d.status;
            d.merge(update);
            return Applied::Merged {
                before,
                after: d.status,
            };
        }
        if let Some(o) = self.orphans.get_mut(update.id.as_str()) {
            o.merge(update);
            return Applied::Orphan { evicted: false };
        }
        let evicted = self.orphans.len() >= self.limits.orphans;
        if evicted {
            self.orphans.shift_remove_index(0);
        }
        let mut orphan = Delivery::empty(update.id.clone());
        orphan.merge(update);
        self.orphans.insert(update.id.clone(), orphan);
        Applied::Orphan { evicted }
    }

    /// Merges a webhook status (`None` when it has no id).
    pub fn apply_status(&mut self, status: &Status) -> Option<Applied> {
        StatusUpdate::from_status(status).map(|u| self.apply(&u))
    }

    /// The delivery of message `id`.
    pub fn get(&self, id: &str) -> Option<&Delivery> {
        self.deliveries.get(id)
    }

    /// The orphan statuses of id `id`.
    pub fn orphan(&self, id: &str) -> Option<&Delivery> {
        self.orphans.get(id)
    }

    /// Every delivery, in the order sent.
    pub fn deliveries(&self) -> impl ExactSizeIterator<Item = &Delivery> {
        self.deliveries.values()
    }

    /// Every orphan, in the order first seen.
    pub fn orphans(&self) -> impl ExactSizeIterator<Item = &Delivery> {
        self.orphans.values()
    }

    /// How many deliveries it holds.
    pub fn len(&self) -> usize {
        self.deliveries.len()
    }

    /// Whether it holds no delivery and no orphan.
    pub fn is_empty(&self) -> bool {
        self.deliveries.is_empty() && self.orphans.is_empty()
    }

    /// Reads a stored ledger: its version is checked first, then its limits and contents.
    pub fn from_json(text: &str) -> Result<Ledger, LedgerError> {
        if text.len() > STORED_MAX_BYTES {
            return Err(LedgerError::StoredTooLarge {
                limit: STORED_MAX_BYTES as u64,
                actual: text.len() as u64,
            });
        }
        #[derive(Deserialize)]
        struct Version {
            version: Option<u32>,
        }
        let v: Version = serde_json::from_str(text)
            .map_err(|e| LedgerError::Stored(crate::error::quote(&e.to_string())))?;
        if v.version != Some(LEDGER_VERSION) {
            return Err(LedgerError::Version {
                expected: LEDGER_VERSION,
                actual: v.version,
            });
        }
        let repr: Stored = serde_json::from_str(text)
            .map_err(|e| LedgerError::Stored(crate::error::quote(&e.to_string())))?;
        Ledger::try_from(repr)
    }

    /// The stored form (JSON), with its version.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// The largest stored ledger read, in bytes (256 MiB).
pub const STORED_MAX_BYTES: usize = 256 * 1024 * 1024;

fn check_id(id: &str) -> Result<(), LedgerError> {
    if id.is_empty() {
        return Err(LedgerError::EmptyId);
    }
    if id.len() > MESSAGE_ID_MAX_BYTES {
        return Err(LedgerError::IdTooLong {
            limit: MESSAGE_ID_MAX_BYTES as u64,
            actual: id.len() as u64,
        });
    }
    Ok(())
}

/// The stored form of a ledger.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    limits: LedgerLimits,
    deliveries: Vec<Delivery>,
    orphans: Vec<Delivery>,
}

impl TryFrom<Stored> for Ledger {
    type Error = LedgerError;

    fn try_from(s: Stored) -> Result<Ledger, LedgerError> {
        if s.version != LEDGER_VERSION {
            return Err(LedgerError::Version {
                expected: LEDGER_VERSION,
                actual: Some(s.version),
            });
        }
        let limits = LedgerLimits::new(s.limits.deliveries, s.limits.orphans)?;
        let mut ledger = Ledger::with_limits(limits);
        for (list, map, limit, sent) in [
            (
                s.deliveries,
                &mut ledger.deliveries,
                limits.deliveries,
                true,
            ),
            (s.orphans, &mut ledger.orphans, limits.orphans, false),
        ] {
            if list.len() > limit {
                return Err(LedgerError::StoredOverLimit {
                    limit: limit as u64,
                    actual: list.len() as u64,
                });
            }
            for mut d in list {
                check_id(&d.id)?;
                if d.sent.is_some() != sent {
                    return Err(LedgerError::Stored(format!(
                        "{} {} {} a send record",
                        if sent { "delivery" } else { "orphan" },
                        crate::error::quote(&d.id),
                        if sent { "lacks" } else { "has" }
                    )));
                }
                d.status = d.merged();
                if map.insert(d.id.clone(), d).is_some() {
                    return Err(LedgerError::Stored("a message id appears twice".to_owned()));
                }
            }
        }
        Ok(ledger)
    }
}

impl Serialize for Ledger {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Ledger", 4)?;
        s.serialize_field("version", &LEDGER_VERSION)?;
        s.serialize_field("limits", &self.limits)?;
        s.serialize_field("deliveries", &SeqOf(self.deliveries.values()))?;
        s.serialize_field("orphans", &SeqOf(self.orphans.values()))?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Ledger {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ledger, D::Error> {
        let stored = Stored::deserialize(deserializer)?;
        Ledger::try_from(stored).map_err(serde::de::Error::custom)
    }
}

struct SeqOf<I>(I);

impl<'a, I: Iterator<Item = &'a Delivery> + Clone> Serialize for SeqOf<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}
