//! An error that holds another gives every answer of the one it holds (decision 0035): the
//! hand-written impls these replaced dropped some (Meta's code of an attachment refusal, the field
//! of an event of another conversation, the position in an options file).

use waba::attachment::AttachmentError;
use waba::error::WabaError;
use waba::{ApplyError, ComposeError, ConfigError, OnWebhookError};

/// Every answer at once: code, class, field, limit, actual, position, Meta's code, status.
fn answers(e: &dyn WabaError) -> serde_json::Value {
    serde_json::json!([
        e.code(),
        e.class().as_str(),
        e.field(),
        e.limit(),
        e.actual(),
        e.position(),
        e.meta_code(),
        e.http_status()
    ])
}

#[test]
fn compose_passes_an_attachment_refusal_whole() {
    let inner = AttachmentError::Unrecognized { detected: None };
    assert_eq!(inner.meta_code(), Some(131_053));
    assert_eq!(
        answers(&ComposeError::Attachment(inner.clone())),
        answers(&inner)
    );
}

#[test]
fn on_webhook_passes_the_other_conversation_whole() {
    let inner = ApplyError::OtherConversation {
        expected: "a".into(),
        actual: "b".into(),
    };
    assert_eq!(inner.field(), Some("key"));
    assert_eq!(
        answers(&OnWebhookError::Other(inner.clone())),
        answers(&inner)
    );
}

#[test]
fn an_options_file_error_keeps_its_position() {
    let inner = waba_json::JsonError::Syntax {
        line: 2,
        column: 7,
        message: "expected value".into(),
    };
    let e = ConfigError::File(inner.clone());
    assert_eq!(e.position(), Some(7));
    assert_eq!(answers(&e), answers(&inner));
    // Its message still says it is the options file.
    assert!(e.to_string().starts_with("options file: "), "{e}");
}
