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

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use waba::attachment::Permissions;
use waba::chrono::{DateTime, Utc};
use waba::model::subscribe::VerifyToken;
use waba::model::{Outbound, RESPONSE_MAX_BYTES, SendResponse, SendResponseError};
use waba::{Config, Draft, HttpAnswer, Inbox, NotStored};

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

/// The routes.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(webhook))
        .route("/conversations/{id}", get(conversation))
        .route("/conversations/{id}/reply", post(reply))
        .with_state(service)
}

/// The library's answer ([`HttpAnswer`]: the status, headers and body for any error of the
/// contract, the handshake, a held reply) as axum's response, so that handlers use `?`.
pub struct Answer(Box<Response>);

impl<E: Into<HttpAnswer>> From<E> for Answer {
    fn from(e: E) -> Answer {
        let HttpAnswer {
            status,
            headers,
            body,
            ..
        } = e.into();
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let response = (status, AppendHeaders(headers), Body::from(body)).into_response();
        Answer(Box::new(response))
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// Runs store work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Answer> + Send + 'static,
) -> Result<T, Answer> {
    let joined = tokio::task::spawn_blocking(work).await;
    let panicked = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    joined.unwrap_or_else(|_| Err(Answer(Box::new(panicked))))
}

async fn handshake(State(s): State<Arc<Service>>, RawQuery(query): RawQuery) -> Answer {
    HttpAnswer::handshake(&s.verify_token, query.as_deref().unwrap_or_default()).into()
}

async fn webhook(
    State(s): State<Arc<Service>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Answer> {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    let opened = s.inbox.open(signature, &body)?; // answered as Meta's docs say: 401, 200...
    let now = (s.clock)();
    blocking(move || {
        let mut tx = s.store.begin()?;
        let delivery = opened.take(tx.seen(), now)?;
        let channel = (s.channel.0.as_str(), s.channel.1.as_str());
        let outcomes = delivery.apply_to(&mut *tx, &s.config, channel, now)?;
        tx.commit()?;
        // A conversation that refused its events is the service's fault: in the summary, and
        // Meta gets 200.
        Ok(Json(delivery.summary(&outcomes)).into_response())
    })
    .await
}

async fn conversation(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
) -> Result<Response, Answer> {
    blocking(move || {
        let conv = s
            .store
            .begin()?
            .conversation(&id)?
            .ok_or_else(|| NotStored::conversation(&id))?;
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
) -> Result<Response, Answer> {
    // A path on this server is not the agent's to name: attachments go as media ids or links.
    let draft = Draft::from_remote_slice(&draft)?;
    let (now, service, cid) = ((s.clock)(), s.clone(), id.clone());
    let out = blocking(move || {
        let mut tx = service.store.begin()?;
        let mut conv = tx
            .conversation(&cid)?
            .ok_or_else(|| NotStored::conversation(&cid))?;
        let account = tx.account()?;
        let out = conv.prepare_send(&service.config, &account, &draft, Permissions::all(), now);
        let out = out.map_err(|e| e.http_answer(now))?; // held: 429 with Retry-After
        tx.put_conversation(&cid, &conv)?;
        tx.commit()?;
        Ok(out)
    })
    .await?;
    let from = out.phone_number_id.as_deref().unwrap_or_default();
    let answer = s.graph.send(from, &out.body).await?; // 503 no answer, 502 not Meta's
    blocking(move || {
        let mut tx = s.store.begin()?;
        let mut conv = tx
            .conversation(&id)?
            .ok_or_else(|| NotStored::conversation(&id))?;
        let recorded = conv.on_send_response(&out.body, &answer, now, out.category.clone());
        tx.put_conversation(&id, &conv)?;
        tx.commit()?;
        recorded?; // Meta refused the send: the pacer learnt its code (committed above)
        Ok(Json(out.to_json(answer.message_id())).into_response())
    })
    .await
}
