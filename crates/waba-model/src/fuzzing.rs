//! Entry points for the fuzz targets (also replayed over the seed corpus by `cargo test`).

use crate::{InteractionAttributes, Webhook};

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
