//! Where an outbound entry's delivery status comes from.
//!
//! The transcript asks a [`StatusSource`]; it does not merge statuses itself. The delivery ledger
//! (`waba-delivery`, statuses merged forward only) is the source meant for it; until that crate is in
//! the workspace, [`LatestStatus`] stands in: **provisional**, it takes the status with the latest
//! timestamp (the later one in input order on a tie), which is right for statuses that arrive in
//! order and is not the ledger's forward-only merge.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_model::Status;

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

/// Provisional [`StatusSource`]: the latest status by timestamp (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct LatestStatus {
    by_id: BTreeMap<String, DeliveryView>,
}

impl LatestStatus {
    /// Takes one status.
    pub fn apply(&mut self, status: &Status) {
        let Some(id) = status.id.as_deref() else {
            return;
        };
        let at = status.timestamp.as_ref().and_then(|t| t.time().ok());
        let view = DeliveryView {
            status: status.kind().as_str().to_owned(),
            at,
        };
        match self.by_id.get(id) {
            Some(old) if old.at > view.at => {}
            _ => {
                self.by_id.insert(id.to_owned(), view);
            }
        }
    }
}

impl StatusSource for LatestStatus {
    fn status(&self, id: &str) -> Option<DeliveryView> {
        self.by_id.get(id).cloned()
    }
}
