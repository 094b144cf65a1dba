//! Where an outbound entry's delivery status comes from.
//!
//! The transcript asks a [`StatusSource`]; it does not merge statuses itself. The delivery ledger
//! (`waba_delivery::Ledger`, statuses merged forward only) is the source: [`Transcript::entries`]
//! builds one from what it took, and a service that keeps its own ledger passes it to
//! [`Transcript::entries_with`].
//!
//! [`Transcript::entries`]: super::Transcript::entries
//! [`Transcript::entries_with`]: super::Transcript::entries_with

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A message's delivery status as the transcript shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeliveryView {
    /// `sent`, `delivered`, `read`, `played`, `failed`, `deleted`, or another value as Meta wrote it.
    pub status: String,
    /// When it took that status.
    pub at: Option<DateTime<Utc>>,
}

/// Gives the delivery status of one of our messages.
pub trait StatusSource {
    /// The status of the message `id`, `None` when no status is known (the transcript shows
    /// `accepted`: Meta took the send).
    fn status(&self, id: &str) -> Option<DeliveryView>;
}

/// The delivery ledger is the source the transcript uses: statuses merged forward only, so a
/// `sent` that arrives after `read` never shows the message as merely sent.
impl StatusSource for waba_delivery::Ledger {
    fn status(&self, id: &str) -> Option<DeliveryView> {
        let d = self.get(id)?;
        let status = d.status?;
        Some(DeliveryView {
            status: status.as_str().to_owned(),
            at: d.updated_at,
        })
    }
}
