//! Delivery statuses and the forward-only merge rule.

use serde::{Deserialize, Serialize};
use waba_model::StatusKind;

/// What became of a message we sent, as the ledger keeps it.
///
/// The merged status is a function of the *set* of statuses seen, never of their order (decision
/// 0601), by this precedence, highest first: `deleted`, `played`, `read`, `delivered`, `failed`,
/// `sent`, `accepted`. Meta defines `failed` as a failure "to send or deliver the message to the
/// WhatsApp user's device": positive evidence that the message reached a device (`delivered`,
/// `read`, `played`) outranks it (a companion device can fail after the phone got it); the errors
/// are kept either way. `deleted` (the message was deleted) ends the message's life and outranks
/// everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// Meta answered the send with a message id (`message_status` `accepted` or another).
    Accepted,
    /// `sent`: one check mark.
    Sent,
    /// `failed`: not sent or not delivered (see the errors).
    Failed,
    /// `delivered`: two check marks.
    Delivered,
    /// `read`: two blue check marks.
    Read,
    /// `played`: a voice message was played.
    Played,
    /// `deleted`: the message was deleted.
    Deleted,
}

impl DeliveryStatus {
    /// Every status, lowest precedence first.
    pub const ALL: [DeliveryStatus; 7] = [
        DeliveryStatus::Accepted,
        DeliveryStatus::Sent,
        DeliveryStatus::Failed,
        DeliveryStatus::Delivered,
        DeliveryStatus::Read,
        DeliveryStatus::Played,
        DeliveryStatus::Deleted,
    ];

    /// The lowercase name (`accepted`, `sent`, ... `deleted`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Accepted => "accepted",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Played => "played",
            DeliveryStatus::Deleted => "deleted",
        }
    }

    /// The status of a webhook status value; `None` for a value this crate does not know.
    pub fn from_kind(kind: &StatusKind) -> Option<DeliveryStatus> {
        Some(match kind {
            StatusKind::Sent => DeliveryStatus::Sent,
            StatusKind::Delivered => DeliveryStatus::Delivered,
            StatusKind::Read => DeliveryStatus::Read,
            StatusKind::Failed => DeliveryStatus::Failed,
            StatusKind::Played => DeliveryStatus::Played,
            StatusKind::Deleted => DeliveryStatus::Deleted,
            _ => return None,
        })
    }

    /// Whether the message reached the customer's device.
    pub const fn reached_device(self) -> bool {
        matches!(
            self,
            DeliveryStatus::Delivered | DeliveryStatus::Read | DeliveryStatus::Played
        )
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The set of statuses seen for one message (a copyable bit set); its [`Seen::merged`] status
/// does not depend on the order they came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Seen(u8);

impl Seen {
    /// Nothing seen.
    pub const EMPTY: Seen = Seen(0);

    /// This set plus `s`.
    #[must_use]
    pub const fn with(self, s: DeliveryStatus) -> Seen {
        Seen(self.0 | s.bit())
    }

    /// Whether `s` was seen.
    pub const fn contains(self, s: DeliveryStatus) -> bool {
        self.0 & s.bit() != 0
    }

    /// The merged status: the seen status of highest precedence (`None` when nothing was seen).
    pub fn merged(self) -> Option<DeliveryStatus> {
        // Precedence is declaration order and each status's bit is `1 << order`: the highest set
        // bit is the merged status.
        let highest = 7usize.checked_sub(self.0.leading_zeros() as usize)?;
        DeliveryStatus::ALL.get(highest).copied()
    }

    /// The statuses seen, lowest precedence first.
    pub fn iter(self) -> impl Iterator<Item = DeliveryStatus> {
        DeliveryStatus::ALL
            .into_iter()
            .filter(move |s| self.contains(*s))
    }
}

impl Serialize for Seen {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Seen {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Seen, D::Error> {
        let list = Vec::<DeliveryStatus>::deserialize(d)?;
        Ok(list.into_iter().fold(Seen::EMPTY, Seen::with))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let s = Seen::EMPTY
            .with(DeliveryStatus::Sent)
            .with(DeliveryStatus::Failed);
        assert_eq!(s.merged(), Some(DeliveryStatus::Failed));
        assert_eq!(
            s.with(DeliveryStatus::Delivered).merged(),
            Some(DeliveryStatus::Delivered)
        );
        assert_eq!(Seen::EMPTY.merged(), None);
        assert_eq!(
            Seen::EMPTY
                .with(DeliveryStatus::Read)
                .with(DeliveryStatus::Deleted)
                .merged(),
            Some(DeliveryStatus::Deleted)
        );
    }
}
