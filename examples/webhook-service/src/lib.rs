//! A reference webhook service: `waba` embedded in axum + SQLite as its users embed it.
//!
//! - `GET /webhook`: Meta's subscription handshake (`hub.mode`, `hub.verify_token`,
//!   `hub.challenge`): the challenge echoed, or 403.
//! - `POST /webhook`: a delivery. The signature is checked and the body split before the store is
//!   touched ([`waba::Inbox::open`]); then, in one transaction, what was already taken is dropped
//!   ([`waba::Opened::take`] over the store's seen ids), each conversation applies its own events
//!   (statuses merge into its ledger) and the account its template events. Meta is answered as
//!   [`waba::delivery`] says: 200, 401 for a forged body, 503 when the store failed (Meta
//!   redelivers; nothing was kept), errors as problem documents.
//! - `GET /conversations/{id}`: a conversation's stored state (window, ledger, consent).
//! - `POST /conversations/{id}/reply`: an agent's draft; the decision is answered, and a body to
//!   send goes to the Graph API, whose answer (the message id) is recorded in the conversation.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use waba::chrono::{DateTime, Utc};
use waba::delivery::meta_status;
use waba::model::events::ConversationKey;
use waba::model::subscribe::VerifyToken;
use waba::model::{Outbound, RESPONSE_MAX_BYTES, SendResponse, SendResponseError};
use waba::{Applied, Config, Conversation, ErrorClass, Inbox, WabaError};

pub mod store;

use store::Store;

/// The time source (injectable: tests move it).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The system clock.
pub fn system_clock() -> DateTime<Utc> {
    DateTime::from(std::time::SystemTime::now())
}

/// Everything a request needs.
pub struct Service {
    /// The library's configuration (Genesys options).
    pub config: Config,
    /// The app secrets deliveries are signed with.
    pub inbox: Inbox,
    /// The token of the subscription handshake.
    pub verify_token: VerifyToken,
    /// Where state lives.
    pub store: Box<dyn Store>,
    /// The Graph API sends go to.
    pub graph: Graph,
    /// The time.
    pub clock: Clock,
    /// The DMS channel and application names given to new conversations.
    pub channel: (String, String),
}

/// The Graph API: its base URL with the version (`https://graph.facebook.com/v23.0`) and token.
pub struct Graph {
    /// The base URL.
    pub base: String,
    /// The access token.
    pub token: String,
    /// The HTTP client.
    pub client: reqwest::Client,
}

impl Graph {
    /// The Graph API at `base` (with its version, no trailing slash needed), with `token`.
    pub fn new(base: String, token: String) -> Result<Graph, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()?;
        let base = base.trim_end_matches('/').to_owned();
        Ok(Graph {
            base,
            token,
            client,
        })
    }

    /// Sends `body` from the business number `phone_number_id`: Meta's answer, read up to the
    /// library's cap, parsed (a message id, or Meta's error body).
    pub async fn send(
        &self,
        phone_number_id: &str,
        body: &Outbound,
    ) -> Result<SendResponse, SendError> {
        let url = format!("{}/{phone_number_id}/messages", self.base);
        let request = self.client.post(url).bearer_auth(&self.token);
        let request = request.header(header::CONTENT_TYPE, "application/json");
        let mut answer = request.body(body.to_json().to_string()).send().await?;
        let mut bytes = Vec::new();
        while let Some(chunk) = answer.chunk().await? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > RESPONSE_MAX_BYTES {
                break; // the parse below refuses it, with the cap and the size
            }
        }
        Ok(SendResponse::parse(&bytes)?)
    }
}

/// Why a send got no answer Meta's catalog can speak of.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The Graph API could not be reached, or the connection failed (class transient).
    #[error("the Graph API could not be reached: {0}")]
    Unreachable(#[from] reqwest::Error),
    /// The answer is not one of Meta's.
    #[error(transparent)]
    Answer(#[from] SendResponseError),
}

impl WabaError for SendError {
    fn code(&self) -> &'static str {
        match self {
            SendError::Unreachable(_) => "service.graph_unreachable",
            SendError::Answer(e) => e.code(),
        }
    }
    fn class(&self) -> ErrorClass {
        match self {
            SendError::Unreachable(_) => ErrorClass::Transient,
            SendError::Answer(e) => e.class(),
        }
    }
}

/// The routes.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(webhook))
        .route("/conversations/{id}", get(conversation))
        .with_state(service)
}

/// The id of a conversation in URLs and in the store: `<phone_number_id>:<customer>`.
pub fn conversation_id(key: &ConversationKey) -> String {
    let business = key.business.phone_number_id.as_deref().unwrap_or_default();
    format!("{business}:{}", key.customer)
}

/// An error as a problem document (RFC 9457), with the HTTP status `status`.
pub fn problem(error: &dyn WabaError, status: u16) -> Response {
    let mut problem = error.problem();
    problem.status = status;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&problem).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, waba::Problem::CONTENT_TYPE)],
        body,
    )
        .into_response()
}

fn json(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// Runs blocking store work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let joined = tokio::task::spawn_blocking(work).await;
    joined.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn handshake(State(s): State<Arc<Service>>, RawQuery(query): RawQuery) -> Response {
    match s.verify_token.verify(query.as_deref().unwrap_or_default()) {
        Ok(challenge) => challenge.into_response(),
        Err(e) => problem(&e, 403),
    }
}

async fn webhook(State(s): State<Arc<Service>>, headers: HeaderMap, body: Bytes) -> Response {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    let opened = match s.inbox.open(signature, &body) {
        Ok(opened) => opened,
        Err(e) => return problem(&e, e.meta_status()),
    };
    let now = (s.clock)();
    let service = s.clone();
    let taken = blocking(move || -> Result<Value, Box<dyn WabaError + Send>> {
        let mut tx = service.store.begin().map_err(boxed)?;
        let delivery = opened.take(tx.seen(), now).map_err(boxed)?;
        if !delivery.account_events.is_empty() {
            let mut account = tx.account().map_err(boxed)?;
            for event in &delivery.account_events {
                account.apply(event);
            }
            tx.put_account(&account).map_err(boxed)?;
        }
        let mut conversations = Vec::new();
        for batch in &delivery.conversations {
            let id = conversation_id(&batch.key);
            let (channel, server) = &service.channel;
            let mut conversation = tx.conversation(&id).map_err(boxed)?;
            let conversation = conversation
                .get_or_insert_with(|| Conversation::for_key(batch.key.clone(), channel, server));
            let applied = conversation
                .apply(&service.config, batch, now)
                .map_err(boxed)?;
            tx.put_conversation(&id, conversation).map_err(boxed)?;
            let kinds: Vec<&str> = applied.iter().map(Applied::kind).collect();
            conversations.push(json!({"id": id, "applied": kinds}));
        }
        tx.commit().map_err(boxed)?;
        Ok(
            json!({"conversations": conversations, "duplicates": delivery.duplicates.len(),
            "account_events": delivery.account_events.len(), "invalid": delivery.invalid.len()}),
        )
    });
    match taken.await {
        Ok(Ok(summary)) => json(StatusCode::OK, &summary),
        Ok(Err(e)) => problem(&*e, meta_status(&*e)),
        Err(response) => response,
    }
}

fn boxed<E: WabaError + Send + 'static>(e: E) -> Box<dyn WabaError + Send> {
    Box::new(e)
}

async fn conversation(State(s): State<Arc<Service>>, Path(id): Path<String>) -> Response {
    let service = s.clone();
    let found = blocking(move || service.store.begin()?.conversation(&id));
    match found.await {
        Ok(Ok(Some(c))) => json(
            StatusCode::OK,
            &serde_json::to_value(&c).unwrap_or_default(),
        ),
        Ok(Ok(None)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(e)) => problem(&e, e.class().http_status()),
        Err(response) => response,
    }
}
