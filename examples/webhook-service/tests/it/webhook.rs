//! `GET /webhook` and `POST /webhook`: the handshake, signatures, redeliveries, several customers,
//! concurrent deliveries of one conversation.

use serde_json::{Value, json};
use waba::chrono::TimeDelta;

use crate::*;

#[tokio::test]
async fn handshake_echoes_the_challenge_and_refuses_a_wrong_token() {
    let h = Harness::start("handshake", Config::default()).await;
    let get = |q: &str| h.client.get(format!("{}/webhook?{q}", h.url)).send();
    let ok = get("hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let (status, problem) = answer(
        get("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        problem["code"], "webhook.subscribe_token_mismatch",
        "{problem}"
    );
    let (status, _) = answer(get("").await.unwrap()).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_forged_body_is_refused_and_nothing_is_kept() {
    let h = Harness::start("forged", Config::default()).await;
    let body = delivery(
        BUSINESS,
        json!({"contacts": contacts(&[ANA]), "messages": [text(ANA, "wamid.F", t0(), "Hi")]}),
    );
    // Signed with another secret.
    let forged = Inbox::signed(["not-the-secret"]).unwrap().sign(&body);
    let (status, problem) = h.post_webhook(&body, Some(&forged)).await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "webhook.signature_mismatch");
    assert_eq!(problem["type"], "urn:waba:error:webhook.signature_mismatch");
    // No signature at all, and a malformed one.
    assert_eq!(
        h.post_webhook(&body, None).await.1["code"],
        "webhook.signature_missing"
    );
    assert_eq!(h.post_webhook(&body, Some("sha1=00")).await.0, 401);
    assert_eq!(h.conversation(&conv_id(ANA)).await.0, 404);
    // The genuine delivery is then taken: the forgeries did not mark its message as seen.
    let (status, taken) = h.deliver(&body).await;
    assert_eq!(status, 200);
    assert_eq!(applied(&taken), ["interaction"]);
}

#[tokio::test]
async fn a_signed_body_that_cannot_be_read_is_answered_200_with_its_problem() {
    let h = Harness::start("unreadable", Config::default()).await;
    let (status, problem) = h.deliver(b"{\"object\": ").await;
    assert_eq!(status, 200, "redelivering it cannot help");
    assert_eq!(problem["class"], "invalid");
}

/// Every pywa update body, signed and posted; then all of them again: the second time no
/// interaction, and the stored state does not move. pywa reuses a few message ids across bodies,
/// so each body's message ids get the body's number (else the first pass is already mostly
/// redeliveries): every customer message is then one interaction.
#[tokio::test]
async fn the_pywa_corpus_posted_twice_gives_each_interaction_once() {
    let h = Harness::start("corpus", Config::default()).await;
    let mut bodies = Vec::new();
    let mut messages = 0;
    let mut files: Vec<_> = std::fs::read_dir(corpus("pywa/updates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let all: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        for (name, body) in all.as_object().unwrap() {
            let mut body = body.clone();
            for change in body["entry"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .flat_map(|e| e["changes"].as_array_mut().unwrap())
            {
                for m in change["value"]["messages"]
                    .as_array_mut()
                    .into_iter()
                    .flatten()
                {
                    m["id"] = json!(format!("{}.{}", m["id"].as_str().unwrap(), bodies.len()));
                    let system = m["system"]["type"].as_str().unwrap_or_default();
                    messages += usize::from(!system.starts_with("user_changed"));
                }
            }
            bodies.push((
                format!("{}:{name}", file.display()),
                body.to_string().into_bytes(),
            ));
        }
    }
    assert!(bodies.len() > 60, "{} bodies", bodies.len());
    let mut first = Vec::new();
    let mut first_duplicates = 0;
    let mut ids = std::collections::BTreeSet::new();
    for (name, body) in &bodies {
        let (status, taken) = h.deliver(body).await;
        assert_eq!(status, 200, "{name}: {taken}");
        for c in taken["conversations"].as_array().unwrap() {
            ids.insert(c["id"].as_str().unwrap().to_owned());
        }
        first.extend(applied(&taken));
        first_duplicates += taken["duplicates"].as_u64().unwrap() as usize;
    }
    let interactions = first.iter().filter(|k| *k == "interaction").count();
    assert_eq!(interactions, messages, "{first:?}");
    let mut before = Vec::new();
    for id in &ids {
        before.push(h.conversation(id).await.1);
    }

    h.advance(TimeDelta::hours(1)); // Meta redelivers an hour later
    let mut duplicates = 0;
    for (name, body) in &bodies {
        let (status, taken) = h.deliver(body).await;
        assert_eq!(status, 200, "{name}");
        // Only errors (which have no id) are applied again, and they change nothing.
        assert!(
            applied(&taken).iter().all(|k| k == "error"),
            "{name}: {taken}"
        );
        duplicates += taken["duplicates"].as_u64().unwrap() as usize;
    }
    let errors = first.iter().filter(|k| *k == "error").count();
    // Everything but the errors is dropped: what was taken, and what the first pass dropped.
    assert_eq!(duplicates, first.len() - errors + first_duplicates);
    for (id, before) in ids.iter().zip(before) {
        assert_eq!(
            h.conversation(id).await.1,
            before,
            "{id} moved on a redelivery"
        );
    }
}

#[tokio::test]
async fn a_two_customer_delivery_goes_to_two_conversations() {
    let h = Harness::start("two_customers", Config::default()).await;
    let body = delivery(
        BUSINESS,
        json!({
            "contacts": contacts(&[ANA, BO]),
            "messages": [text(ANA, "wamid.A1", t0(), "I am Ana"), text(BO, "wamid.B1", t0(), "I am Bo")],
            "statuses": [{"id": "wamid.OLD", "status": "failed", "timestamp": t0().timestamp().to_string(),
                "recipient_id": BO, "errors": [{"code": 131047, "title": "Re-engagement message"}]}],
        }),
    );
    let (status, taken) = h.deliver(&body).await;
    assert_eq!(status, 200, "{taken}");
    let convs = taken["conversations"].as_array().unwrap();
    assert_eq!(convs.len(), 2, "{taken}");
    assert_eq!(convs[0]["id"], conv_id(ANA));
    assert_eq!(convs[0]["applied"], json!(["interaction"]));
    assert_eq!(convs[1]["id"], conv_id(BO));
    assert_eq!(convs[1]["applied"], json!(["interaction", "status"]));

    let (_, ana) = h.conversation(&conv_id(ANA)).await;
    let (_, bo) = h.conversation(&conv_id(BO)).await;
    assert_eq!(ana["customer"], "+16315551002");
    assert_eq!(bo["customer"], "+16315551003");
    // Bo's 131047 closed Bo's window, not Ana's.
    assert_ne!(ana["window"], bo["window"]);
    assert!(bo["window"]["reengagement_failed_at"].is_string(), "{bo}");
    assert!(ana["window"]["reengagement_failed_at"].is_null(), "{ana}");
}

/// Many deliveries touching one conversation, posted at once: every one of them is in the
/// stored state (no update lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_deliveries_of_one_conversation_lose_no_update() {
    let h = std::sync::Arc::new(Harness::start("concurrent", Config::default()).await);
    let n = 64;
    let mut tasks = Vec::new();
    for i in 0..n {
        let h = h.clone();
        tasks.push(tokio::spawn(async move {
            // Each delivery a status of another message of ours: each lands in the ledger.
            let body = delivery(
                BUSINESS,
                json!({"statuses": [status(ANA, &format!("wamid.S{i}"), "delivered", t0())]}),
            );
            h.deliver(&body).await
        }));
    }
    for task in tasks {
        let (status, taken) = task.await.unwrap();
        assert_eq!(status, 200, "{taken}");
        assert_eq!(applied(&taken), ["status"]);
    }
    let (_, conv) = h.conversation(&conv_id(ANA)).await;
    let ledger = conv["ledger"].to_string();
    for i in 0..n {
        assert!(
            ledger.contains(&format!("\"wamid.S{i}\"")),
            "wamid.S{i} lost: {ledger}"
        );
    }
}

/// A store whose writes fail while `failing` is set: the delivery is answered 503 and nothing of
/// it is kept, the seen ids included, so Meta's redelivery is taken once the store is back.
mod store_failure {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use waba::chrono::{DateTime, Utc};
    use waba::delivery::State;
    use waba::model::events::DedupKey;
    use waba::model::seen::{SeenError, SeenStore};
    use webhook_service::store::{Sqlite, Store, StoreError, Tx};

    use super::*;

    struct Flaky {
        inner: Sqlite,
        failing: Arc<AtomicBool>,
    }

    struct FlakyTx<'a> {
        inner: Box<dyn Tx + 'a>,
        failing: Arc<AtomicBool>,
    }

    impl Store for Flaky {
        fn begin(&self) -> Result<Box<dyn Tx + '_>, StoreError> {
            Ok(Box::new(FlakyTx {
                inner: self.inner.begin()?,
                failing: self.failing.clone(),
            }))
        }
        fn forget_seen_before(&self, before: DateTime<Utc>) -> Result<usize, StoreError> {
            self.inner.forget_seen_before(before)
        }
    }

    impl SeenStore for FlakyTx<'_> {
        fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError> {
            self.inner.seen().insert(key, now)
        }
        fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
            self.inner.seen().remove(key)
        }
    }

    impl State for FlakyTx<'_> {
        type Error = StoreError;
        fn conversation(&mut self, id: &str) -> Result<Option<waba::Conversation>, StoreError> {
            self.inner.conversation(id)
        }
        fn put_conversation(&mut self, id: &str, c: &waba::Conversation) -> Result<(), StoreError> {
            if self.failing.load(Ordering::SeqCst) {
                return Err(StoreError::backend(rusqlite::Error::InvalidQuery));
            }
            self.inner.put_conversation(id, c)
        }
        fn account(&mut self) -> Result<waba::Account, StoreError> {
            self.inner.account()
        }
        fn put_account(&mut self, a: &waba::Account) -> Result<(), StoreError> {
            self.inner.put_account(a)
        }
    }

    impl Tx for FlakyTx<'_> {
        fn seen(&mut self) -> &mut dyn SeenStore {
            self
        }
        fn commit(self: Box<Self>) -> Result<(), StoreError> {
            self.inner.commit()
        }
    }

    #[tokio::test]
    async fn a_store_failure_is_answered_503_and_the_redelivery_is_taken() {
        let failing = Arc::new(AtomicBool::new(true));
        let db = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("store_failure.sqlite3");
        let _ = std::fs::remove_file(&db);
        let store = Flaky {
            inner: Sqlite::open(db.to_str().unwrap()).unwrap(),
            failing: failing.clone(),
        };
        let h = Harness::with_store(Config::default(), Box::new(store)).await;
        let body = delivery(
            BUSINESS,
            json!({"contacts": contacts(&[ANA]), "messages": [text(ANA, "wamid.SF", t0(), "Hi")]}),
        );
        let (status, problem) = h.deliver(&body).await;
        assert_eq!(status, 503, "{problem}");
        assert_eq!(problem["code"], "service.store");
        assert_eq!(problem["class"], "transient");
        assert_eq!(h.conversation(&conv_id(ANA)).await.0, 404);
        // Meta redelivers once the store is back: the message is taken, once.
        failing.store(false, Ordering::SeqCst);
        let (status, taken) = h.deliver(&body).await;
        assert_eq!(
            (status, applied(&taken)),
            (200, vec!["interaction".to_owned()]),
            "{taken}"
        );
        assert_eq!(applied(&h.deliver(&body).await.1), Vec::<String>::new());
    }
}
