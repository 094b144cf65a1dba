//! The delivery entry: one `POST` from Meta, authenticated, taken apart per conversation, with what
//! was already taken dropped. The pieces live in `waba-model` (signature, handshake, split, dedup
//! keys, the seen-id store); this module only puts them in order.
//!
//! ```
//! use waba::delivery::Inbox;
//! use waba::model::seen::SeenIds;
//! use waba::{Conversation, chrono};
//!
//! let inbox = Inbox::signed(["app-secret"])?;
//! let mut seen = SeenIds::default();
//! let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
//!   "metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
//!   "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"}],
//!   "messages":[{"from":"16315551002","id":"wamid.A","timestamp":"1764000000","type":"text","text":{"body":"Hi"}}]}}]}]}"#;
//! let signature = inbox.sign(body); // what Meta puts in X-Hub-Signature-256
//! let now = chrono::DateTime::from_timestamp(1_764_000_001, 0).unwrap();
//!
//! let delivery = inbox.receive(Some(&signature), body, &mut seen, now)?;
//! let config = waba::Config::default();
//! for batch in &delivery.conversations {
//!     // Load the conversation of `batch.key` from the service's store, or start it.
//!     let mut conv = Conversation::for_key(batch.key.clone(), "channel-ghub", "DigitalMessagingServer");
//!     let applied = conv.apply(&config, batch, now)?;
//!     assert_eq!(applied.len(), 1);
//! }
//! // Meta redelivers the same body: nothing new.
//! let again = inbox.receive(Some(&signature), body, &mut seen, now)?;
//! assert!(again.conversations.is_empty());
//! assert_eq!(again.duplicates.len(), 1);
//! // A forged body is refused before it is parsed.
//! let forged = inbox.receive(Some(&signature), b"{\"object\":1}", &mut seen, now).unwrap_err();
//! assert_eq!(forged.meta_status(), 401);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What to answer Meta
//!
//! Meta redelivers a delivery it did not get a `200` for, for days. So the answer depends on
//! whether trying again can help; [`DeliveryError::meta_status`] gives it, [`meta_status`] gives it
//! for any error of the contract:
//!
//! | class | example | answer | why |
//! |---|---|---|---|
//! | (none) | taken, or only duplicates | `200` | done; a redelivery would be dropped anyway |
//! | `unauthenticated` | `webhook.signature_*` | `401` | a forged body is not Meta's, so nobody retries it; if the app secret is misconfigured, Meta's retries are what delivers the messages once it is fixed |
//! | `invalid` | `webhook.syntax`, `webhook.too_large` on a signed body | `200` | Meta sent something this library cannot read: retrying forever helps no one; keep the raw body for inspection ([`DeliveryError::Body`] says why) |
//! | `invalid`, unsigned inbox | the same without a signature check | `400` | the body may not be Meta's |
//! | `transient` | `webhook.seen_store`, the service's own store | `503` | Meta redelivers and the dedup makes the retry safe; the keys this delivery took are released |
//! | `refused` | `conversation.other_key` | `200` after logging | a fault in the service's routing, not in the delivery |

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_error::{ErrorClass, Problem, WabaError};
use waba_model::events::{AccountEvent, ConversationEvents, DedupKey, InvalidElement, Split};
use waba_model::seen::{SeenError, SeenStore};
use waba_model::signature::{AppSecrets, SecretError, SignatureError};
use waba_model::{Shape, Webhook, WebhookError};

use crate::{Account, Applied, ApplyError, Config, Conversation, StateError};

/// Where deliveries come in: the app secrets they must be signed with (or, explicitly, none).
#[derive(Debug, Clone)]
pub struct Inbox {
    secrets: Option<AppSecrets>,
}

impl Inbox {
    /// An inbox that requires `X-Hub-Signature-256` with one of `secrets` (several while one is
    /// rotated out).
    pub fn signed<I, S>(secrets: I) -> Result<Inbox, SecretError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        Ok(Inbox {
            secrets: Some(AppSecrets::new(secrets)?),
        })
    }

    /// An inbox over already-built secrets.
    pub fn with_secrets(secrets: AppSecrets) -> Inbox {
        Inbox {
            secrets: Some(secrets),
        }
    }

    /// An inbox that checks no signature: for tests, replays of stored bodies, and services whose
    /// proxy already checked it. Anyone who knows the URL can inject messages into it.
    pub fn unsigned() -> Inbox {
        Inbox { secrets: None }
    }

    /// Whether a signature is required.
    pub fn is_signed(&self) -> bool {
        self.secrets.is_some()
    }

    /// The `X-Hub-Signature-256` value the first secret gives `body` (empty for an unsigned inbox):
    /// for tests and tools.
    pub fn sign(&self, body: &[u8]) -> String {
        self.secrets
            .as_ref()
            .map(|s| s.sign(body))
            .unwrap_or_default()
    }

    /// Takes one delivery that arrived at `now`: checks the signature (when the inbox is signed)
    /// before reading anything of the body, parses it, splits it per conversation, and drops the
    /// events `seen` already took (recording the new ones). On a store failure the keys this call
    /// took are released again and the error is transient.
    ///
    /// This is [`Inbox::open`] then [`Opened::take`].
    pub fn receive(
        &self,
        signature: Option<&str>,
        body: &[u8],
        seen: &mut dyn SeenStore,
        now: DateTime<Utc>,
    ) -> Result<Delivery, DeliveryError> {
        self.open(signature, body)?.take(seen, now)
    }

    /// The first half of [`Inbox::receive`], which needs no store: checks the signature (when the
    /// inbox is signed) before reading anything of the body, parses it and splits it per
    /// conversation. Nothing is recorded yet: a service does this before it opens a transaction
    /// (or takes its store's lock), so a forged or unreadable body never reaches the store and the
    /// store is held only for the deduplication and the writes.
    ///
    /// ```
    /// use waba::delivery::Inbox;
    /// use waba::model::seen::SeenIds;
    ///
    /// let inbox = Inbox::signed(["app-secret"])?;
    /// let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    /// let opened = inbox.open(Some(&inbox.sign(body)), body)?; // no store yet
    /// let now = waba::chrono::DateTime::from_timestamp(1_764_000_001, 0).unwrap();
    /// let delivery = opened.take(&mut SeenIds::default(), now)?; // inside the service's transaction
    /// assert!(delivery.conversations.is_empty());
    /// assert_eq!(inbox.open(Some(&inbox.sign(b"{}")), body).unwrap_err().meta_status(), 401);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(&self, signature: Option<&str>, body: &[u8]) -> Result<Opened, DeliveryError> {
        if let Some(secrets) = &self.secrets {
            secrets.verify(signature, body)?;
        }
        let hook = Webhook::parse(body).map_err(|e| DeliveryError::Body {
            error: e,
            signed: self.is_signed(),
        })?;
        Ok(Opened {
            split: hook.split(),
        })
    }
}

/// A delivery whose signature was checked and whose body was read and split per conversation,
/// before deduplication ([`Inbox::open`]); [`Opened::take`] drops what was already taken.
#[derive(Debug, Clone)]
pub struct Opened {
    split: Split,
}

impl Opened {
    /// The delivery as split, every event included (nothing was deduplicated yet).
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// The second half of [`Inbox::receive`]: drops the events `seen` already took (recording the
    /// new ones), for a delivery that arrived at `now`. On a store failure the keys this call took
    /// are released again and the error is transient.
    pub fn take(
        self,
        seen: &mut dyn SeenStore,
        now: DateTime<Utc>,
    ) -> Result<Delivery, DeliveryError> {
        let split = self.split;
        let mut delivery = Delivery {
            shape: split.shape,
            conversations: Vec::with_capacity(split.conversations.len()),
            account_events: split.account_events,
            invalid: split.invalid,
            duplicates: Vec::new(),
            taken: Vec::new(),
        };
        for mut batch in split.conversations {
            // Filtered in place: the events already taken are dropped, the others keep their
            // order and their allocation.
            let mut failed = None;
            batch.events.retain(|event| {
                if failed.is_some() {
                    return true;
                }
                let Some(key) = event.dedup_key() else {
                    return true;
                };
                match seen.insert(&key, now) {
                    Ok(true) => {
                        delivery.taken.push(key);
                        true
                    }
                    Ok(false) => {
                        delivery.duplicates.push(key);
                        false
                    }
                    Err(e) => {
                        failed = Some(e);
                        true
                    }
                }
            });
            if let Some(e) = failed {
                // Best effort: what this call took is forgotten, so the redelivery is taken.
                let _ = delivery.release(seen);
                return Err(DeliveryError::Seen(e));
            }
            if !batch.events.is_empty() {
                delivery
                    .conversations
                    .push(ConversationEvents::new(batch.key, batch.events));
            }
        }
        Ok(delivery)
    }
}

/// A delivery taken apart: what is new, per conversation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The shape the body came in.
    pub shape: Shape,
    /// The conversations with new events, in order of first appearance.
    pub conversations: Vec<ConversationEvents>,
    /// Changes not tied to a customer (template lifecycle: feed them to
    /// [`Account::apply`](crate::Account::apply)).
    pub account_events: Vec<AccountEvent>,
    /// Elements that could not be read or belong to no customer, kept raw.
    pub invalid: Vec<InvalidElement>,
    /// The keys of the events dropped because they were already taken.
    pub duplicates: Vec<DedupKey>,
    taken: Vec<DedupKey>,
}

impl Delivery {
    /// The keys this delivery recorded in the store.
    pub fn taken(&self) -> &[DedupKey] {
        &self.taken
    }

    /// Forgets in `seen` every key this delivery recorded: call it when the service could not
    /// process the delivery (and answers Meta 503), so that the redelivery is taken again.
    pub fn release(&self, seen: &mut dyn SeenStore) -> Result<(), SeenError> {
        for key in &self.taken {
            seen.remove(key)?;
        }
        Ok(())
    }
}

/// A service's conversations and account as one transaction of its store sees them: what
/// [`Delivery::apply_to`] reads and writes. Conversations are stored under
/// [`ConversationKey::id`](waba_model::events::ConversationKey::id).
pub trait State {
    /// The store's error.
    type Error;
    /// The conversation stored under `id`, if any.
    fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, Self::Error>;
    /// Stores `conversation` under `id`.
    fn put_conversation(
        &mut self,
        id: &str,
        conversation: &Conversation,
    ) -> Result<(), Self::Error>;
    /// The account's state (template health), empty at first.
    fn account(&mut self) -> Result<Account, Self::Error>;
    /// Stores the account's state.
    fn put_account(&mut self, account: &Account) -> Result<(), Self::Error>;
}

/// A transaction's JSON documents by id: the simplest way to hand the library a service's state.
/// Every `Documents` is a [`State`]: each conversation under its key's id
/// ([`ConversationKey::id`](waba_model::events::ConversationKey::id)), the account under
/// [`ACCOUNT_DOCUMENT`] (a conversation's id always holds a `:`), each document in its stored form
/// with its schema version, checked when read (decision 0011).
pub trait Documents {
    /// The store's error; a stored document that cannot be read becomes one.
    type Error: From<StateError>;
    /// The document stored under `id`, if any.
    fn document(&mut self, id: &str) -> Result<Option<String>, Self::Error>;
    /// Stores `document` under `id`.
    fn put_document(&mut self, id: &str, document: &str) -> Result<(), Self::Error>;
}

/// The id the account's document is stored under by a [`Documents`] store.
pub const ACCOUNT_DOCUMENT: &str = "account";

impl<D: Documents + ?Sized> State for D {
    type Error = D::Error;

    fn conversation(&mut self, id: &str) -> Result<Option<Conversation>, D::Error> {
        let document = self.document(id)?;
        Ok(document.map(|d| Conversation::from_json(&d)).transpose()?)
    }

    fn put_conversation(&mut self, id: &str, conversation: &Conversation) -> Result<(), D::Error> {
        let document = serde_json::to_string(conversation).map_err(StateError::from_json)?;
        self.put_document(id, &document)
    }

    fn account(&mut self) -> Result<Account, D::Error> {
        let document = self.document(ACCOUNT_DOCUMENT)?;
        Ok(document
            .map(|d| Account::from_json(&d))
            .transpose()?
            .unwrap_or_default())
    }

    fn put_account(&mut self, account: &Account) -> Result<(), D::Error> {
        let document = serde_json::to_string(account).map_err(StateError::from_json)?;
        self.put_document(ACCOUNT_DOCUMENT, &document)
    }
}

/// What [`Delivery::apply_to`] did to one conversation: its id and what each event did, or why
/// the conversation refused them (its stored key is another: the store's fault, nothing of it was
/// applied).
pub type Outcome = (String, Result<Vec<Applied>, ApplyError>);

impl Delivery {
    /// Applies the delivery to a service's state, inside the transaction that [`Opened::take`]
    /// deduplicated in: the account events to the account (written only when there are some),
    /// and each conversation's events to its conversation, loaded by its key's id or started
    /// with [`Conversation::for_key`] on `channel` of `server`, then written back. A conversation
    /// that refuses its events ([`ApplyError`]) is reported in its outcome and the others go on.
    /// Only the store's errors stop it (then the service rolls back and answers 503).
    pub fn apply_to<S: State + ?Sized>(
        &self,
        state: &mut S,
        config: &Config,
        (channel, server): (&str, &str),
        now: DateTime<Utc>,
    ) -> Result<Vec<Outcome>, S::Error> {
        if !self.account_events.is_empty() {
            let mut account = state.account()?;
            for event in &self.account_events {
                account.apply(event);
            }
            state.put_account(&account)?;
        }
        let mut outcomes = Vec::with_capacity(self.conversations.len());
        for batch in &self.conversations {
            let id = batch.key.id();
            let stored = state.conversation(&id)?;
            let mut conv =
                stored.unwrap_or_else(|| Conversation::for_key(batch.key.clone(), channel, server));
            let applied = conv.apply(config, batch, now);
            if applied.is_ok() {
                state.put_conversation(&id, &conv)?;
            }
            outcomes.push((id, applied));
        }
        Ok(outcomes)
    }
}

/// What a delivery did, as a service answers Meta's `POST` with and logs it
/// ([`Delivery::summary`]): each conversation's id with what its events did or why it refused
/// them, and how many events were duplicates, account events and invalid elements.
///
/// Serialized as `{"conversations": [{"id": "...", "applied": ["interaction", "status"]}, {"id":
/// "...", "refused": {problem document}}], "duplicates": 0, "account_events": 0, "invalid": 0}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Each conversation with new events, in order of first appearance.
    pub conversations: Vec<ConversationSummary>,
    /// How many events were dropped as already taken.
    pub duplicates: usize,
    /// How many account events (template lifecycle) were applied to the account.
    pub account_events: usize,
    /// How many elements could not be read or belong to no customer.
    pub invalid: usize,
}

/// One conversation in a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationSummary {
    /// Its id ([`ConversationKey::id`](waba_model::events::ConversationKey::id)).
    pub id: String,
    /// What each event did, in order ([`Applied::kind`]), when the conversation took them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Vec<String>>,
    /// Why it refused them (nothing of it was written), as a problem document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<Problem>,
}

impl Delivery {
    /// What this delivery did, given what [`Delivery::apply_to`] answered for it.
    pub fn summary(&self, outcomes: &[Outcome]) -> Summary {
        let conversations = outcomes
            .iter()
            .map(|(id, outcome)| ConversationSummary {
                id: id.clone(),
                applied: outcome
                    .as_ref()
                    .ok()
                    .map(|applied| applied.iter().map(|a| a.kind().to_owned()).collect()),
                refused: outcome.as_ref().err().map(WabaError::problem),
            })
            .collect();
        Summary {
            conversations,
            duplicates: self.duplicates.len(),
            account_events: self.account_events.len(),
            invalid: self.invalid.len(),
        }
    }
}

/// Why a delivery was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(http_status = self.meta_status())]
#[non_exhaustive]
pub enum DeliveryError {
    /// The signature does not show that Meta sent it (nothing of the body was read).
    #[error(transparent)]
    #[waba(code = _0.code(), class = _0.class(), field = _0.field(), limit = _0.limit(), actual = _0.actual(), position = _0.position())]
    Signature(#[from] SignatureError),
    /// The body could not be read.
    #[error("{error}")]
    #[waba(code = WabaError::code(error), class = WabaError::class(error), field = WabaError::field(error), limit = WabaError::limit(error), actual = WabaError::actual(error), position = WabaError::position(error))]
    Body {
        /// Why.
        error: WebhookError,
        /// Whether its signature was checked (then it is Meta's: answer 200 and keep it).
        signed: bool,
    },
    /// The store of seen ids failed.
    #[error(transparent)]
    #[waba(code = _0.code(), class = _0.class(), field = _0.field(), limit = _0.limit(), actual = _0.actual(), position = _0.position())]
    Seen(#[from] SeenError),
}

impl DeliveryError {
    /// The HTTP status to answer Meta with (see the [module documentation](self)).
    pub fn meta_status(&self) -> u16 {
        match self {
            DeliveryError::Body { signed: false, .. } => 400,
            other => meta_status(other),
        }
    }
}

/// The HTTP status to answer Meta's delivery with, for an error of class `class` met while taking
/// a signed delivery: `401` unauthenticated, `503` transient (Meta redelivers), `200` otherwise
/// (invalid or refused: redelivering the same body cannot help; log it and keep it).
pub fn meta_status(error: &dyn WabaError) -> u16 {
    match error.class() {
        ErrorClass::Unauthenticated => 401,
        ErrorClass::Transient => 503,
        ErrorClass::Invalid | ErrorClass::Refused => 200,
    }
}
