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

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use waba::attachment::Permissions;
use waba::chrono::{DateTime, Utc};
use waba::model::subscribe::VerifyToken;
use waba::model::{
    DraftDocument, ModelError, Outbound, RESPONSE_MAX_BYTES, SendResponse, SendResponseError,
};
use waba::{Applied, Config, Draft, ErrorClass, Inbox, NotNow, WabaError};

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
    base: String,
    token: String,
    client: reqwest::Client,
}

impl Graph {
    /// The Graph API at `base` (with its version; a trailing slash is ignored), with `token`.
    pub fn new(base: &str, token: String) -> Result<Graph, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Graph {
            base: base.trim_end_matches('/').to_owned(),
            token,
            client,
        })
    }

    /// Sends `body` from the business number `phone_number_id`: Meta's answer, read up to the
    /// library's cap, parsed (a message id, or Meta's error body); no answer is a transient error.
    pub async fn send(
        &self,
        phone_number_id: &str,
        body: &Outbound,
    ) -> Result<SendResponse, SendResponseError> {
        let url = format!("{}/{phone_number_id}/messages", self.base);
        let request = self.client.post(url).bearer_auth(&self.token);
        let request = request.header(header::CONTENT_TYPE, "application/json");
        let mut answer = request
            .body(body.to_json().to_string())
            .send()
            .await
            .map_err(SendResponseError::transport)?;
        let mut bytes = Vec::new();
        while let (Some(chunk), true) = (
            answer.chunk().await.map_err(SendResponseError::transport)?,
            bytes.len() <= RESPONSE_MAX_BYTES,
        ) {
            bytes.extend_from_slice(&chunk); // past the cap the parse refuses it, saying so
        }
        SendResponse::parse(&bytes)
    }
}

/// An error of the service's own.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceError {
    /// No conversation has this id (answered 404).
    #[error("no conversation {id}")]
    UnknownConversation {
        /// The id asked for.
        id: String,
    },
}

impl WabaError for ServiceError {
    fn code(&self) -> &'static str {
        match self {
            ServiceError::UnknownConversation { .. } => "service.unknown_conversation",
        }
    }
    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }
}

/// The routes.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(webhook))
        .route("/conversations/{id}", get(conversation))
        .route("/conversations/{id}/reply", post(reply))
        .with_state(service)
}

/// An error as a problem document (RFC 9457), answered with the HTTP status `status`.
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

/// A step that failed, with what to answer: any error of the contract converts to its problem
/// document with its class's status, so steps use `?`.
pub struct Failure(Box<Response>);

impl<E: WabaError> From<E> for Failure {
    fn from(e: E) -> Failure {
        fail(problem(&e, e.class().http_status()))
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// A failure answered with `response`.
fn fail(response: impl IntoResponse) -> Failure {
    Failure(Box::new(response.into_response()))
}

fn not_found(id: &str) -> Failure {
    fail(problem(
        &ServiceError::UnknownConversation { id: id.to_owned() },
        404,
    ))
}

/// Runs store work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let joined = tokio::task::spawn_blocking(work).await;
    joined.unwrap_or_else(|_| Err(fail(StatusCode::INTERNAL_SERVER_ERROR)))
}

async fn handshake(State(s): State<Arc<Service>>, RawQuery(query): RawQuery) -> Response {
    match s.verify_token.verify(query.as_deref().unwrap_or_default()) {
        Ok(challenge) => challenge.into_response(),
        Err(e) => problem(&e, 403),
    }
}

async fn webhook(
    State(s): State<Arc<Service>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    let opened = s
        .inbox
        .open(signature, &body)
        .map_err(|e| fail(problem(&e, e.meta_status())))?;
    let now = (s.clock)();
    blocking(move || {
        let mut tx = s.store.begin()?;
        let delivery = opened.take(tx.seen(), now)?;
        let channel = (s.channel.0.as_str(), s.channel.1.as_str());
        let outcomes = delivery.apply_to(&mut *tx, &s.config, channel, now)?;
        tx.commit()?;
        // A conversation that refused its events is the service's fault: logged, Meta gets 200.
        let conversations: Vec<Value> = outcomes.iter().map(|(id, applied)| match applied {
            Ok(applied) => json!({"id": id, "applied": applied.iter().map(Applied::kind).collect::<Vec<_>>()}),
            Err(e) => json!({"id": id, "refused": e.problem()}),
        }).collect();
        let (duplicates, invalid) = (delivery.duplicates.len(), delivery.invalid.len());
        Ok(Json(json!({"conversations": conversations, "duplicates": duplicates,
            "account_events": delivery.account_events.len(), "invalid": invalid}))
        .into_response())
    })
    .await
}

async fn conversation(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    blocking(move || {
        let conv = s
            .store
            .begin()?
            .conversation(&id)?
            .ok_or_else(|| not_found(&id))?;
        Ok(Json(conv).into_response())
    })
    .await
}

/// A draft's way: prepared on the stored state (composed, paced, the pair-rate slot taken, so a
/// second reply racing this one is held), sent, then Meta's answer recorded in the conversation as
/// it is then (a delivery may have changed it meanwhile).
async fn reply(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
    draft: Bytes,
) -> Result<Response, Failure> {
    // A path on this server is not the agent's to name: attachments go as media ids or links.
    let attachment = |_| {
        Err(ModelError::InvalidValue {
            field: "attachment".into(),
            reason: "not taken here".into(),
        })
    };
    let draft = Draft::from_document(DraftDocument::from_slice(&draft)?, attachment)?;
    let (now, service, cid) = ((s.clock)(), s.clone(), id.clone());
    let out = blocking(move || {
        let mut tx = service.store.begin()?;
        let mut conv = tx.conversation(&cid)?.ok_or_else(|| not_found(&cid))?;
        let account = tx.account()?;
        let out = conv.prepare_send(&service.config, &account, &draft, Permissions::all(), now);
        let out = out.map_err(|e| match e {
            NotNow::Held(held) => {
                let retry = [(header::RETRY_AFTER, held.retry_after(now).to_string())];
                fail((retry, problem(&held, 429)))
            }
            refused => refused.into(),
        })?;
        tx.put_conversation(&cid, &conv)?;
        tx.commit()?;
        Ok(out)
    })
    .await?;
    let from = out.phone_number_id.as_deref().unwrap_or_default();
    let answer = s.graph.send(from, &out.body).await.map_err(|e| {
        fail(problem(
            &e,
            if e.class() == ErrorClass::Transient {
                503
            } else {
                502
            },
        ))
    })?;
    blocking(move || {
        let mut tx = s.store.begin()?;
        let mut conv = tx.conversation(&id)?.ok_or_else(|| not_found(&id))?;
        let recorded = conv.on_send_response(&out.body, &answer, now, out.category.clone());
        tx.put_conversation(&id, &conv)?;
        tx.commit()?;
        recorded?; // Meta refused the send: the pacer learnt its code (committed above)
        Ok(Json(out.to_json(answer.message_id())).into_response())
    })
    .await
}
