//! What a web service embeds: `Inbox::open` then `Opened::take` (the delivery entry in two halves,
//! so that a service checks the signature and parses before it touches its store), `Applied::kind`.

use waba::delivery::Inbox;
use waba::model::events::DedupKey;
use waba::model::seen::{SeenError, SeenIds, SeenStore};

use crate::{t, text_webhook};

/// A store that records every call, to prove `open` never touches it.
#[derive(Default)]
struct Counting {
    inner: SeenIds,
    calls: usize,
}

impl SeenStore for Counting {
    fn insert(
        &mut self,
        key: &DedupKey,
        now: waba::chrono::DateTime<waba::chrono::Utc>,
    ) -> Result<bool, SeenError> {
        self.calls += 1;
        self.inner.insert(key, now)
    }
    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
        self.calls += 1;
        self.inner.remove(key)
    }
}

#[test]
fn open_then_take_is_receive() {
    let inbox = Inbox::signed(["s3cret"]).unwrap();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let sig = inbox.sign(&body);
    let now = t("2025-11-24T16:00:01Z");

    let mut seen = Counting::default();
    let opened = inbox.open(Some(&sig), &body).unwrap();
    assert_eq!(seen.calls, 0);
    assert_eq!(opened.split().conversations.len(), 1);
    let split = opened.split().clone();
    let taken = opened.take(&mut seen, now).unwrap();
    assert_eq!(seen.calls, 1);
    assert_eq!(taken.taken().len(), 1);
    assert_eq!(taken.conversations, split.conversations);

    // The same through `receive` on a fresh store gives the same delivery.
    let mut fresh = SeenIds::default();
    assert_eq!(
        inbox.receive(Some(&sig), &body, &mut fresh, now).unwrap(),
        taken
    );

    // Taken again: a duplicate, nothing new.
    let again = inbox
        .open(Some(&sig), &body)
        .unwrap()
        .take(&mut seen, now)
        .unwrap();
    assert!(again.conversations.is_empty());
    assert_eq!(again.duplicates, vec![DedupKey::new("message:wamid.A")]);
}

#[test]
fn open_refuses_forged_and_unreadable_bodies_without_a_store() {
    let inbox = Inbox::signed(["s3cret"]).unwrap();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let forged = inbox.open(Some(&inbox.sign(b"other")), &body).unwrap_err();
    assert_eq!(forged.meta_status(), 401);
    let missing = inbox.open(None, &body).unwrap_err();
    assert_eq!(missing.meta_status(), 401);
    // Signed but not JSON: Meta's, unreadable: 200 (redelivering cannot help).
    let junk = b"not json";
    let unreadable = inbox.open(Some(&inbox.sign(junk)), junk).unwrap_err();
    assert_eq!(unreadable.meta_status(), 200);
    // Unsigned inbox: the same body may not be Meta's: 400.
    assert_eq!(
        Inbox::unsigned()
            .open(None, junk)
            .unwrap_err()
            .meta_status(),
        400
    );
}

#[test]
fn applied_kinds_name_what_was_applied() {
    let inbox = Inbox::unsigned();
    let body = text_webhook("16315551002", "wamid.A", 1_764_000_000, "Hi");
    let now = t("2025-11-24T16:00:01Z");
    let delivery = inbox
        .receive(None, &body, &mut SeenIds::default(), now)
        .unwrap();
    let batch = &delivery.conversations[0];
    let mut conv = waba::Conversation::for_key(batch.key.clone(), "c", "s");
    let applied = conv.apply(&waba::Config::default(), batch, now).unwrap();
    let kinds: Vec<&str> = applied.iter().map(waba::Applied::kind).collect();
    assert_eq!(kinds, ["interaction"]);
    assert_eq!(
        waba::Applied::Status {
            closed_window: false
        }
        .kind(),
        "status"
    );
    assert_eq!(waba::Applied::Echo.kind(), "echo");
}
