//! `POST /conversations/{id}/reply`: the decision answered, the send to the (fake) Graph API, its
//! answer recorded; statuses merged forward only; Meta's 131049 answered with a backoff.

use serde_json::{Value, json};
use waba::chrono::TimeDelta;

use crate::*;

/// A service named `name` with `config`, to which Ana wrote at t0.
async fn ana_wrote(name: &str, config: Config) -> Harness {
    let h = Harness::start(name, config).await;
    let body = delivery(
        BUSINESS,
        json!({"contacts": contacts(&[ANA]), "messages": [text(ANA, "wamid.IN1", t0(), "Where is my order?")]}),
    );
    let (status, taken) = h.deliver(&body).await;
    assert_eq!(
        (status, applied(&taken)),
        (200, vec!["interaction".to_owned()]),
        "{taken}"
    );
    h
}

/// Posts `draft` as the reply in Ana's conversation: the status and the answer.
async fn reply_to_ana(h: &Harness, draft: Value) -> (u16, Value) {
    h.reply(&conv_id(ANA), draft).await
}

/// The ledger entry of message `id` in the stored conversation.
fn delivery_of<'a>(conv: &'a Value, id: &str) -> &'a Value {
    let deliveries = conv["ledger"]["deliveries"]
        .as_array()
        .unwrap_or_else(|| panic!("{conv}"));
    deliveries
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {conv}"))
}

#[tokio::test]
async fn a_reply_inside_the_window_is_sent_and_its_message_id_recorded() {
    let h = ana_wrote("reply_inside", Config::default()).await;
    h.advance(TimeDelta::hours(1));
    let (status, answer) = reply_to_ana(&h, json!({"text": "It ships today"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["decision"], "send");
    assert_eq!(answer["message_id"], "wamid.OUT0");
    assert_eq!(answer["payload"]["text"]["body"], "It ships today");

    let sent = h.graph.received.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, format!("/v23.0/{BUSINESS}/messages"));
    assert_eq!(sent[0].auth, "Bearer graph-token");
    assert_eq!(sent[0].body["to"], ANA);
    assert_eq!(sent[0].body["type"], "text");
    assert_eq!(sent[0].body["messaging_product"], "whatsapp");

    let (_, conv) = h.conversation(&conv_id(ANA)).await;
    let d = delivery_of(&conv, "wamid.OUT0");
    assert_eq!(d["status"], "accepted", "{d}");
    // The pending response was cleared by the send.
    assert!(conv["window"]["oldest_unanswered"].is_null(), "{conv}");
}

#[tokio::test]
async fn a_reply_outside_the_window_becomes_the_notification_or_is_refused() {
    let h = ana_wrote("reply_outside", notification_config()).await;
    h.advance(TimeDelta::hours(25));
    let (status, answer) = reply_to_ana(&h, json!({"text": "It ships today"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["decision"], "notification");
    assert_eq!(
        answer["preview"],
        "Thank you for your patience! It ships today"
    );
    let sent = h.graph.received.lock().unwrap()[0].body.clone();
    assert_eq!(sent["type"], "template");
    assert_eq!(sent["template"]["name"], "patience_notice");

    // Without a default notification the draft is refused (Meta would answer 131047): no send.
    let h = ana_wrote("reply_outside_refused", Config::default()).await;
    h.advance(TimeDelta::hours(25));
    let (status, problem) = reply_to_ana(&h, json!({"text": "It ships today"})).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["meta_code"], 131047);
    assert_eq!(problem["class"], "refused");
    assert!(h.graph.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn bad_drafts_and_unknown_conversations_are_problem_documents() {
    let h = ana_wrote("reply_bad", Config::default()).await;
    let (status, problem) = reply_to_ana(&h, json!({"txt": "hi"})).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("outbound.unknown_key")),
        "{problem}"
    );
    assert_eq!(problem["field"], "txt");
    // An attachment by path is not taken (a path on the server is not the agent's to name).
    let (status, problem) = h
        .reply(
            &conv_id(ANA),
            json!({"attachment": {"path": "/etc/passwd"}}),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (400, Some("attachment")),
        "{problem}"
    );
    let (status, problem) = h.reply(&conv_id(BO), json!({"text": "hi"})).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("service.unknown_conversation"))
    );
    assert!(h.graph.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_conversation_without_a_business_number_is_refused_409_and_nothing_is_sent() {
    let h = Harness::start("reply_no_business", Config::default()).await;
    // A delivery whose metadata names no phone_number_id (an empty one): the conversation is
    // kept, but there is no Graph API path to send a reply from.
    let body = delivery(
        "",
        json!({"contacts": contacts(&[ANA]), "messages": [text(ANA, "wamid.IN1", t0(), "Hi")]}),
    );
    let (status, _) = h.deliver(&body).await;
    assert_eq!(status, 200);
    let (status, problem) = h.reply(&format!(":+{ANA}"), json!({"text": "hi"})).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("send.no_business_number")),
        "{problem}"
    );
    assert!(h.graph.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn statuses_out_of_order_never_move_a_message_back() {
    let h = ana_wrote("statuses", Config::default()).await;
    let (code, answer) = reply_to_ana(&h, json!({"text": "It ships today"})).await;
    assert_eq!(code, 200, "{answer}");
    let at = |s| t0() + TimeDelta::seconds(s);
    // read, then sent, then delivered (then read again): each its own delivery.
    for (kind, s) in [("read", 30), ("sent", 10), ("delivered", 20), ("read", 30)] {
        let body = delivery(
            BUSINESS,
            json!({"statuses": [status(ANA, "wamid.OUT0", kind, at(s))]}),
        );
        let (code, taken) = h.deliver(&body).await;
        assert_eq!(code, 200, "{taken}");
    }
    let (_, conv) = h.conversation(&conv_id(ANA)).await;
    let d = delivery_of(&conv, "wamid.OUT0");
    assert_eq!(d["status"], "read", "{d}");
    // A status of a message nobody recorded is kept as an orphan, not dropped.
    let body = delivery(
        BUSINESS,
        json!({"statuses": [status(ANA, "wamid.ELSEWHERE", "delivered", at(5))]}),
    );
    h.deliver(&body).await;
    let (_, conv) = h.conversation(&conv_id(ANA)).await;
    assert!(
        conv["ledger"]["orphans"]
            .to_string()
            .contains("wamid.ELSEWHERE"),
        "{conv}"
    );
}

#[tokio::test]
async fn meta_131049_is_answered_with_a_backoff() {
    let h = ana_wrote("marketing_limit", Config::default()).await;
    // Meta's account event says spring_sale is a marketing template.
    let category = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA", "time": t0().timestamp(), "changes": [{"field": "template_category_update",
        "value": {"message_template_id": 1, "message_template_name": "spring_sale", "message_template_language": "en_US", "new_category": "MARKETING"}}]}]});
    let (status, taken) = h.deliver(category.to_string().as_bytes()).await;
    assert_eq!(
        (status, taken["account_events"].as_u64()),
        (200, Some(1)),
        "{taken}"
    );

    let promo = json!({"template": {"name": "spring_sale", "language": {"code": "en_US"}}});
    h.graph.answers.lock().unwrap().push_back(meta_error(
        131_049,
        "This message was not delivered to maintain healthy ecosystem engagement.",
    ));
    let (status, problem) = reply_to_ana(&h, promo.clone()).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "ledger.send_refused");
    assert_eq!(problem["meta_code"], 131049);

    // The next marketing template is held for a day, without reaching Meta.
    h.advance(TimeDelta::minutes(1));
    let response = h
        .client
        .post(format!("{}/conversations/{}/reply", h.url, conv_id(ANA)))
        .header("content-type", "application/json")
        .body(promo.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(retry, 24 * 3600 - 60);
    let problem: Value = answer(response).await.1;
    assert_eq!(problem["code"], "pacing.held");
    assert_eq!(problem["field"], "marketing_limit");
    assert_eq!(problem["meta_code"], 131049);
    assert_eq!(h.graph.received.lock().unwrap().len(), 1);

    // A service message still goes.
    let (status, answer) = reply_to_ana(&h, json!({"text": "Your order ships today"})).await;
    assert_eq!(status, 200, "{answer}");
    // A day later the template goes again (a template needs no open window).
    h.advance(TimeDelta::hours(24));
    let (status, answer) = reply_to_ana(&h, promo).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["payload"]["template"]["name"], "spring_sale");
    assert_eq!(h.graph.received.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_failed_status_with_131049_holds_marketing_templates() {
    let h = ana_wrote("marketing_status", Config::default()).await;
    let category = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA", "time": t0().timestamp(), "changes": [{"field": "template_category_update",
        "value": {"message_template_id": 1, "message_template_name": "spring_sale", "message_template_language": "en_US", "new_category": "MARKETING"}}]}]});
    h.deliver(category.to_string().as_bytes()).await;
    let failed = delivery(
        BUSINESS,
        json!({"statuses": [{"id": "wamid.EARLIER", "status": "failed", "timestamp": t0().timestamp().to_string(),
        "recipient_id": ANA, "errors": [{"code": 131049, "title": "This message was not delivered to maintain healthy ecosystem engagement."}]}]}),
    );
    assert_eq!(h.deliver(&failed).await.0, 200);
    let promo = json!({"template": {"name": "spring_sale", "language": {"code": "en_US"}}});
    let (status, problem) = reply_to_ana(&h, promo).await;
    assert_eq!(status, 429, "{problem}");
    assert_eq!(problem["meta_code"], 131049);
    assert!(h.graph.received.lock().unwrap().is_empty());
}

/// The Graph API answered, but not as Meta does: 502 (bad gateway), a problem document; the
/// conversation records no message.
#[tokio::test]
async fn an_answer_that_is_not_metas_is_502() {
    let h = ana_wrote("reply_bad_gateway", Config::default()).await;
    h.graph
        .answers
        .lock()
        .unwrap()
        .push_back((500, json!("<html>Internal Server Error</html>")));
    let response = h
        .client
        .post(format!("{}/conversations/{}/reply", h.url, conv_id(ANA)))
        .header("content-type", "application/json")
        .body(json!({"text": "It ships today"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(response.headers().get_all("content-type").iter().count(), 1);
    let problem: Value = answer(response).await.1;
    assert_eq!(problem["code"], "send_response.not_an_object");
    assert_eq!(problem["status"], 502);
    let (_, conv) = h.conversation(&conv_id(ANA)).await;
    assert!(
        conv["ledger"]["deliveries"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{conv}"
    );
}

/// The Graph API does not answer at all (nothing listens there): 503, try again later.
#[tokio::test]
async fn no_answer_from_the_graph_api_is_503() {
    use std::sync::Arc;

    use webhook_service::store::Sqlite;
    use webhook_service::{Graph, Service, router};

    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let nowhere = format!("http://{}/v23.0", closed.local_addr().unwrap());
    drop(closed);
    let (client, inbox) = (reqwest::Client::new(), Inbox::signed([SECRET]).unwrap());
    // The service over a fresh store, its Graph API nowhere.
    let db = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reply_no_answer.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let service = Service {
        config: Config::default(),
        inbox: Inbox::signed([SECRET]).unwrap(),
        verify_token: VerifyToken::new("verify-me").unwrap(),
        store: Box::new(Sqlite::open(db.to_str().unwrap()).unwrap()),
        graph: Graph::new(&nowhere, "graph-token".into()).unwrap(),
        clock: Arc::new(t0),
        channel: ("channel-ghub".into(), "DigitalMessagingServer".into()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router(Arc::new(service))).await });
    let body = delivery(
        BUSINESS,
        json!({"contacts": contacts(&[ANA]), "messages": [text(ANA, "wamid.IN1", t0(), "Hi")]}),
    );
    let signed = client.post(format!("{url}/webhook")).body(body.clone());
    let taken = signed
        .header("X-Hub-Signature-256", inbox.sign(&body))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), 200);
    let reply = client
        .post(format!("{url}/conversations/{}/reply", conv_id(ANA)))
        .body(json!({"text": "It ships today"}).to_string());
    let (status, problem) = answer(reply.send().await.unwrap()).await;
    assert_eq!(status, 503, "{problem}");
    assert_eq!(problem["code"], "send_response.transport");
    assert_eq!(problem["class"], "transient");
}
