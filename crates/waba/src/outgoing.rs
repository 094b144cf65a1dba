//! An agent's reply made ready to go: composed, paced, the pair-rate slot taken
//! ([`Conversation::prepare_send`]); what a service sends, and answers its caller with.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use waba_attachment::Permissions;
use waba_delivery::TemplateCategory;
use waba_delivery::pacing::Held;
use waba_error::WabaError;
use waba_model::Outbound;

use crate::{Account, ComposeError, Config, Conversation, Decision, Draft};

/// A body ready to go, as [`Conversation::prepare_send`] decided it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Outgoing {
    /// The send body.
    pub body: Outbound,
    /// What the customer will read, when the window was closed and the draft became the default
    /// notification.
    pub preview: Option<String>,
    /// The template's category as the account knows it (for
    /// [`Conversation::on_send_response`]).
    pub category: Option<TemplateCategory>,
    /// The business number to send from (`phone_number_id`, the Graph API path's id): always
    /// there when [`Conversation::prepare_send`] made it (it refuses a conversation without one).
    pub phone_number_id: Option<String>,
}

impl Outgoing {
    /// The answer for the agent's side: `{"decision": "send" | "notification", "payload": ...,
    /// "preview": ..., "message_id": ...}` (the decision and payload as `waba compose` prints them).
    pub fn to_json(&self, message_id: Option<&str>) -> Value {
        let decision = if self.preview.is_some() {
            "notification"
        } else {
            "send"
        };
        json!({"decision": decision, "payload": self.body.to_json(), "preview": self.preview,
            "message_id": message_id})
    }
}

/// Why nothing goes now.
#[derive(Debug, Clone, PartialEq, thiserror::Error, WabaError)]
#[non_exhaustive]
pub enum NotNow {
    /// Compose refused the draft.
    #[error(transparent)]
    Refused(#[from] ComposeError),
    /// A pacing rule holds it until a time ([`Held::retry_after`] for HTTP).
    #[error(transparent)]
    Held(#[from] Held),
    /// The conversation names no business number to send from (its key has no
    /// `phone_number_id`: it was started without a delivery, or from one whose `metadata` had
    /// none), so there is no Graph API path to send to. Code `send.no_business_number`, class
    /// [`ErrorClass::Refused`], HTTP 409: the conversation's state, not the draft, is at fault.
    #[error("the conversation names no business number (phone_number_id) to send from")]
    #[waba(code = "send.no_business_number", class = Refused, field = "phone_number_id", http_status = 409)]
    NoBusinessNumber,
}

impl Conversation {
    /// Makes an agent's draft ready to go at `now`: [`Conversation::compose_with`], then
    /// [`Conversation::pace`]; when it may go, the pair-rate slot is taken (the pacer records a
    /// send at `now`), so that a second reply racing this one is held. The service then stores
    /// the conversation, sends [`Outgoing::body`] and records Meta's answer with
    /// [`Conversation::on_send_response`] (which reaches the pacer again: a refusal's code starts
    /// its backoff). A conversation whose key names no business number to send from is refused
    /// first ([`NotNow::NoBusinessNumber`]), with nothing taken.
    pub fn prepare_send(
        &mut self,
        config: &Config,
        account: &Account,
        draft: &Draft,
        permissions: Permissions,
        now: DateTime<Utc>,
    ) -> Result<Outgoing, NotNow> {
        // Refused before anything is taken: without it no send can leave.
        let phone_number_id = self
            .key
            .as_ref()
            .and_then(|k| k.business.phone_number_id.clone())
            .filter(|id| !id.is_empty())
            .ok_or(NotNow::NoBusinessNumber)?;
        let (body, preview) = match self.compose_with(config, account, draft, permissions, now) {
            Decision::Send(body) => (body, None),
            Decision::Notification { body, preview } => (body, Some(preview)),
            Decision::Refused(e) => return Err(e.into()),
        };
        self.pace(account, &body, now).check()?;
        self.pacer.on_sent(now);
        let category = account.category_of(&body);
        Ok(Outgoing {
            body,
            preview,
            category,
            phone_number_id: Some(phone_number_id),
        })
    }
}
