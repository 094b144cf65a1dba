//! The service over loopback, real HTTP: the service on one port, a fake Graph API on another,
//! SQLite files under the target directory. Time is injected.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod reply;
mod webhook;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};
use waba::chrono::{DateTime, TimeDelta, Utc};
use waba::model::subscribe::VerifyToken;
use waba::{Config, Inbox};
use webhook_service::store::Sqlite;
use webhook_service::{Graph, Service, router};

pub const SECRET: &str = "app-s3cret";
pub const BUSINESS: &str = "1122334455667";
pub const ANA: &str = "16315551002";
pub const BO: &str = "16315551003";

/// A request the fake Graph API received: its path, its bearer token and its JSON body.
#[derive(Debug, Clone)]
pub struct Sent {
    pub path: String,
    pub auth: String,
    pub body: Value,
}

/// What the fake Graph API answers, in order (then Meta's example answer with a fresh id).
#[derive(Default)]
pub struct FakeGraph {
    pub answers: Mutex<VecDeque<(u16, Value)>>,
    pub received: Mutex<Vec<Sent>>,
    pub count: AtomicUsize,
}

/// Meta's own 200 answer to a send (the corpus's "Send Text Message"), with `id` as message id.
pub fn meta_accepted(id: &str) -> Value {
    let corpus = std::fs::read_to_string(corpus("meta-openapi/send-responses.json")).unwrap();
    let all: Value = serde_json::from_str(&corpus).unwrap();
    let mut answer = all["Send Text Message"].clone();
    answer["messages"][0]["id"] = json!(id);
    answer
}

/// Meta's error body for `code`, as the Graph API answers a refused send.
pub fn meta_error(code: u64, title: &str) -> (u16, Value) {
    (
        400,
        json!({"error": {"message": format!("({code}) {title}"), "type": "OAuthException", "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": title}, "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"}}),
    )
}

async fn graph_messages(
    State(fake): State<Arc<FakeGraph>>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    let n = fake.count.fetch_add(1, Ordering::SeqCst);
    let auth = headers
        .get("authorization")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&body).unwrap();
    fake.received.lock().unwrap().push(Sent {
        path: uri.path().to_owned(),
        auth,
        body,
    });
    let (status, answer) = fake
        .answers
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| (200, meta_accepted(&format!("wamid.OUT{n}"))));
    (StatusCode::from_u16(status).unwrap(), axum::Json(answer))
}

pub fn corpus(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(path)
}

/// The service and its fake Graph API, both listening on loopback.
pub struct Harness {
    pub url: String,
    pub graph: Arc<FakeGraph>,
    pub now: Arc<Mutex<DateTime<Utc>>>,
    pub client: reqwest::Client,
    pub inbox: Inbox,
}

pub fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap()
}

pub fn notification_config() -> Config {
    Config::from_options([
        (
            "whatsappsession.default-notification-text",
            "Thank you for your patience! {{1}}",
        ),
        ("whatsappsession.default-notification-id", "patience_notice"),
        ("whatsappsession.default-notification-language", "en_US"),
    ])
    .unwrap()
    .0
}

async fn listen(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

impl Harness {
    /// A service with a fresh SQLite file named after the test.
    pub async fn start(name: &str, config: Config) -> Harness {
        let db = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.sqlite3"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        Harness::with_store(
            config,
            Box::new(Sqlite::open(db.to_str().unwrap()).unwrap()),
        )
        .await
    }

    /// A service over `store`.
    pub async fn with_store(
        config: Config,
        store: Box<dyn webhook_service::store::Store>,
    ) -> Harness {
        let graph = Arc::new(FakeGraph::default());
        let fake = Router::new()
            .route("/v23.0/{phone}/messages", post(graph_messages))
            .with_state(graph.clone());
        let graph_url = listen(fake).await;
        let now = Arc::new(Mutex::new(t0()));
        let clock = now.clone();
        let service = Service {
            config,
            inbox: Inbox::signed([SECRET]).unwrap(),
            verify_token: VerifyToken::new("verify-me").unwrap(),
            store,
            graph: Graph::new(&format!("{graph_url}/v23.0/"), "graph-token".into()).unwrap(),
            clock: Arc::new(move || *clock.lock().unwrap()),
            channel: ("channel-ghub".into(), "DigitalMessagingServer".into()),
        };
        let url = listen(router(Arc::new(service))).await;
        Harness {
            url,
            graph,
            now,
            client: reqwest::Client::new(),
            inbox: Inbox::signed([SECRET]).unwrap(),
        }
    }

    pub fn advance(&self, by: TimeDelta) {
        *self.now.lock().unwrap() += by;
    }

    /// Posts `body` signed with the app secret: the status and the JSON answer.
    pub async fn deliver(&self, body: &[u8]) -> (u16, Value) {
        let signature = self.inbox.sign(body);
        self.post_webhook(body, Some(&signature)).await
    }

    pub async fn post_webhook(&self, body: &[u8], signature: Option<&str>) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}/webhook", self.url))
            .body(body.to_vec());
        if let Some(s) = signature {
            request = request.header("X-Hub-Signature-256", s);
        }
        answer(request.send().await.unwrap()).await
    }

    pub async fn conversation(&self, id: &str) -> (u16, Value) {
        answer(
            self.client
                .get(format!("{}/conversations/{id}", self.url))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn reply(&self, id: &str, draft: Value) -> (u16, Value) {
        let url = format!("{}/conversations/{id}/reply", self.url);
        let request = self
            .client
            .post(url)
            .header("content-type", "application/json");
        answer(request.body(draft.to_string()).send().await.unwrap()).await
    }
}

pub async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A delivery of `value` (a `messages` change) from the business number `business`.
pub fn delivery(business: &str, value: Value) -> Vec<u8> {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] = json!({"display_phone_number": "15550001111", "phone_number_id": business});
    json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}]})
        .to_string()
        .into_bytes()
}

pub fn text(from: &str, id: &str, at: DateTime<Utc>, body: &str) -> Value {
    json!({"from": from, "id": id, "timestamp": at.timestamp().to_string(), "type": "text", "text": {"body": body}})
}

pub fn contacts(ids: &[&str]) -> Value {
    ids.iter()
        .map(|id| json!({"profile": {"name": format!("n{id}")}, "wa_id": id}))
        .collect()
}

pub fn status(to: &str, id: &str, status: &str, at: DateTime<Utc>) -> Value {
    json!({"id": id, "status": status, "timestamp": at.timestamp().to_string(), "recipient_id": to})
}

/// The id the service gives the conversation of `customer` (a wa_id) on [`BUSINESS`].
pub fn conv_id(customer: &str) -> String {
    format!("{BUSINESS}:+{customer}")
}

/// The kinds applied across an answer of `POST /webhook`.
pub fn applied(answer: &Value) -> Vec<String> {
    answer["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["applied"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_owned())
        })
        .collect()
}
