//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

use crate::{InteractionAttributes, SendResponse, Webhook};

/// Target `webhook`: parse; when it parses, compute every interaction's attributes, serialize,
/// parse again and require the same model. Panics only on a broken invariant.
pub fn webhook(data: &[u8]) {
    let Ok(hook) = Webhook::parse(data) else {
        return;
    };
    for m in hook.messages().flatten() {
        let attrs = InteractionAttributes::from_message(&m, "channel", "server");
        assert!(
            attrs
                .get("Subject")
                .is_some_and(|s| !s.contains(['\n', '\r']))
        );
        let _ = m.origin_time();
        let _ = m.sender();
    }
    for s in hook.statuses().flatten() {
        let _ = s.closes_window();
    }
    // The split never loses an element of the messages it reads, and every key has text.
    let messages = hook.messages().count();
    let split = hook.clone().split();
    for (_, e) in split.events() {
        assert!(e.dedup_key().is_none_or(|k| !k.as_str().is_empty()));
    }
    assert!(split.event_count() + split.invalid.len() + split.account_events.len() >= messages);
    let text = hook.to_json_string();
    assert!(text.is_ok(), "a parsed webhook must serialize: {text:?}");
    let Ok(text) = text else { return };
    assert!(text.len() <= data.len(), "serializing never grows the body");
    let again = Webhook::parse(text.as_bytes());
    assert!(
        again.as_ref() == Ok(&hook),
        "round trip changed the model: {:?}",
        again.err()
    );
}

/// Target `webhook_auth`: the first line of `data` is an `X-Hub-Signature-256` value and a query
/// string, the rest a body. Checks: no panic; a header is accepted only when it is the body's
/// signature; the body's own signature is always accepted; a handshake answers only with a
/// challenge that is safe to echo, and only to the right token.
pub fn webhook_auth(data: &[u8]) {
    use crate::signature::{AppSecrets, parse_signature};
    use crate::subscribe::VerifyToken;
    use waba_error::WabaError;

    let (line, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (
            data.get(..i).unwrap_or(&[]),
            data.get(i + 1..).unwrap_or(&[]),
        ),
        None => (data, &[][..]),
    };
    let line = String::from_utf8_lossy(line);
    let Ok(secrets) = AppSecrets::new(["fuzz-secret", "rotated"]) else {
        return;
    };
    let own = secrets.sign(body);
    assert_eq!(secrets.verify(Some(&own), body), Ok(0));
    match secrets.verify(Some(&line), body) {
        Ok(_) => {
            let parsed = parse_signature(&line);
            let own_bytes = parse_signature(&own);
            let rotated = AppSecrets::new(["rotated"]).map(|s| s.sign(body));
            let rotated_bytes = rotated.as_deref().map(parse_signature);
            assert!(
                parsed == own_bytes || Ok(parsed) == rotated_bytes,
                "accepted a header that is not the body's signature"
            );
        }
        Err(e) => assert!(e.code().starts_with("webhook.signature_")),
    }
    let Ok(token) = VerifyToken::new("fuzz-token") else {
        return;
    };
    match token.verify(&line) {
        Ok(challenge) => {
            assert!(!challenge.is_empty());
            assert!(
                challenge
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            );
        }
        Err(e) => assert!(e.code().starts_with("webhook.")),
    }
}

/// Target `send_response`: parse Meta's answer to a send; when it parses, read its outcome,
/// serialize, parse again and require the same model. Panics only on a broken invariant.
pub fn send_response(data: &[u8]) {
    let Ok(answer) = SendResponse::parse(data) else {
        return;
    };
    let _ = answer.outcome();
    let _ = (answer.message_id(), answer.message_status(), answer.wa_id());
    let text = answer.to_json_string();
    assert!(text.is_ok(), "a parsed answer must serialize: {text:?}");
    let Ok(text) = text else { return };
    assert!(
        text.len() <= data.len(),
        "serializing never grows the answer"
    );
    let again = SendResponse::parse(text.as_bytes());
    assert!(
        again.as_ref() == Ok(&answer),
        "round trip changed the model: {:?}",
        again.err()
    );
}
