//! An agent's draft as a document (what `waba compose` reads): a send body, its short form, or a
//! file to attach; read strictly, like every send body.

use serde_json::Value;

use super::Outbound;
use super::read::Reader;
use crate::error::ModelError;

/// A file an agent wants to send, named by a path the caller resolves (`{"attachment": {"path",
/// "mime", "caption"}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttachmentRequest {
    /// Where the file is.
    pub path: String,
    /// The MIME type the agent declared.
    pub mime: Option<String>,
    /// A caption.
    pub caption: Option<String>,
}

/// An agent's draft.
///
/// Read by [`DraftDocument::from_json`] from one JSON object:
/// - `{"text": "..."}`: a plain text (the budget and window rules apply to it);
/// - `{"attachment": {"path": "...", "mime"?: "...", "caption"?: "..."}}`: a file;
/// - otherwise a Cloud API send body ([`Outbound::from_json`]): the full body, or its short form
///   `{"<type>": {...payload...}}` (`{"interactive": {...}}`, `{"template": {...}}`,
///   `{"image": {"link": ...}}`, `{"contacts": [...]}`...), with optional `context`, `to` or
///   `recipient`.
///
/// Each may carry `"attachment_changed": true` (the agent changed a header's attachment). Any
/// other key is refused with its path.
///
/// ```
/// use waba_model::{DraftDocument, Interactive, OutboundBody, WabaError};
///
/// let d = DraftDocument::from_json(serde_json::json!({"interactive": {"type": "button",
///     "body": {"text": "Pick"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "1", "title": "A"}}]}}}))?;
/// assert!(matches!(d, DraftDocument::Message { body, .. }
///     if matches!(body.body, OutboundBody::Interactive(Interactive::Button(_)))));
///
/// let e = DraftDocument::from_json(serde_json::json!({"interactive": {"type": "button",
///     "body": {"text": "Pick"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "1", "title": "A", "x": 1}}]}}}))
///     .unwrap_err();
/// assert_eq!(e.field(), Some("interactive.action.buttons[0].reply.x"));
/// # Ok::<(), waba_model::ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DraftDocument {
    /// A plain text.
    Text(String),
    /// A send body, every part read and typed.
    Message {
        /// The body (boxed: it is much larger than the other kinds).
        body: Box<Outbound>,
        /// Whether the agent changed the attachment of a header.
        attachment_changed: bool,
    },
    /// A file to attach.
    Attachment(AttachmentRequest),
}

/// The largest draft read, in bytes: a body-only template parameter of 32 768 characters (at most
/// 131 072 bytes of UTF-8) with its envelope fits with room to spare.
pub const DRAFT_MAX_BYTES: usize = 256 * 1024;

impl DraftDocument {
    /// Reads a draft from JSON text with the strict reader: at most [`DRAFT_MAX_BYTES`], no key
    /// given twice anywhere (`{"text": "a", "text": "b"}` is refused, never "last wins"), numbers
    /// kept exactly; then as [`DraftDocument::from_json`].
    pub fn from_slice(bytes: &[u8]) -> Result<DraftDocument, ModelError> {
        DraftDocument::from_json(waba_json::from_slice(bytes, DRAFT_MAX_BYTES)?)
    }

    /// Reads a draft (see the type's docs).
    pub fn from_json(value: Value) -> Result<DraftDocument, ModelError> {
        let mut o = Reader::new(value, String::new())?;
        let attachment_changed = o.opt_bool("attachment_changed")?.unwrap_or(false);
        if let Some(mut a) = o.opt_object("attachment")? {
            let request = AttachmentRequest {
                path: a.string("path")?,
                mime: a.opt_string("mime")?,
                caption: a.opt_string("caption")?,
            };
            a.finish()?;
            o.finish()?;
            return Ok(DraftDocument::Attachment(request));
        }
        if o.has("status") {
            return Err(ModelError::InvalidValue {
                field: "status".into(),
                reason: "a read receipt is not a message to compose (read it as a SendRequest)"
                    .into(),
            });
        }
        if let Some(Value::String(_)) = o.peek("text") {
            let text = o.string("text")?;
            o.finish()?;
            return Ok(DraftDocument::Text(text));
        }
        Ok(DraftDocument::Message {
            body: Box::new(Outbound::read(o)?),
            attachment_changed,
        })
    }
}
