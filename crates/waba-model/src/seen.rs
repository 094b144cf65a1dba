//! What was already taken: a delivery's events are remembered by their [`DedupKey`] (message id;
//! id and status for statuses), so that Meta's redeliveries are dropped.
//!
//! [`SeenStore`] is the trait a service backs with its own store (a table with a unique key);
//! [`SeenIds`] is the bounded in-memory default.
//!
//! ```
//! use chrono::{DateTime, TimeDelta, Utc};
//! use waba_model::events::DedupKey;
//! use waba_model::seen::{SeenIds, SeenStore};
//!
//! let now: DateTime<Utc> = "2026-11-24T10:00:00Z".parse()?;
//! let mut seen = SeenIds::new(10_000, TimeDelta::days(7));
//! let key = DedupKey::new("message:wamid.A");
//! assert!(seen.insert(&key, now)?); // new
//! assert!(!seen.insert(&key, now + TimeDelta::hours(30))?); // Meta redelivered it
//! assert!(seen.insert(&key, now + TimeDelta::days(8))?); // beyond the horizon: taken again
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// A hash map is never iterated here (the queue keeps the order that is written out), so its
// order cannot reach any output; the lint that bans it guards serialized and printed data.
#[allow(clippy::disallowed_types)]
use std::collections::HashMap;
use std::collections::VecDeque;

use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use waba_error::WabaError;

use crate::events::DedupKey;

/// The default number of keys [`SeenIds`] remembers.
pub const SEEN_CAPACITY_DEFAULT: usize = 100_000;

/// The default time [`SeenIds`] remembers a key: 7 days (Meta redelivers a delivery it got no 200
/// for over several days).
pub const SEEN_HORIZON_DEFAULT: TimeDelta = TimeDelta::days(7);

/// The bytes one remembered key costs at most in [`SeenIds`] (the 32-byte digest in the order
/// queue with its time, and in the hash set with its control byte), before the containers' growth
/// slack: see [`SeenIds::memory_bound`].
pub const SEEN_ENTRY_BYTES: usize = 32 + 12 + 32 + 12 + 1;

/// Where a service remembers what it took. `insert` must be atomic (an `INSERT … ON CONFLICT DO
/// NOTHING` that says whether a row was added), so that two deliveries of the same message
/// racing each other give it once.
pub trait SeenStore {
    /// Remembers `key` as taken at `now`, unless it already is. `Ok(true)` when it was new.
    fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError>;

    /// Forgets `key`: its processing failed and a redelivery must be taken again.
    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError>;
}

/// The store did not answer. Class [`ErrorClass::Transient`]: answer Meta 503 so it redelivers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Transient)]
#[non_exhaustive]
pub enum SeenError {
    /// The service's store failed.
    #[error("the store of seen ids failed: {message}")]
    #[waba(code = "webhook.seen_store")]
    Store {
        /// What the store said.
        message: String,
    },
}

impl SeenError {
    /// A store failure with its message.
    pub fn store(message: impl Into<String>) -> SeenError {
        SeenError::Store {
            message: message.into(),
        }
    }
}

/// The bounded in-memory [`SeenStore`]: at most `capacity` keys, each for at most `horizon`. The
/// oldest key is forgotten first. Keys are kept as their SHA-256 digest, so every entry costs the
/// same whatever the id's length ([`SeenIds::memory_bound`]).
///
/// A key forgotten (by age or by capacity) is taken again if Meta redelivers it later: size the
/// capacity for the deliveries of the horizon.
#[derive(Debug, Clone)]
pub struct SeenIds {
    capacity: usize,
    horizon: TimeDelta,
    order: VecDeque<([u8; 32], DateTime<Utc>)>,
    #[allow(clippy::disallowed_types)]
    set: HashMap<[u8; 32], DateTime<Utc>>,
}

impl Default for SeenIds {
    fn default() -> SeenIds {
        SeenIds::new(SEEN_CAPACITY_DEFAULT, SEEN_HORIZON_DEFAULT)
    }
}

impl SeenIds {
    /// At most `capacity` keys (at least 1), each remembered for `horizon`.
    pub fn new(capacity: usize, horizon: TimeDelta) -> SeenIds {
        SeenIds {
            capacity: capacity.max(1),
            horizon,
            order: VecDeque::new(),
            #[allow(clippy::disallowed_types)]
            set: HashMap::new(),
        }
    }

    /// The most keys remembered.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How long a key is remembered.
    pub fn horizon(&self) -> TimeDelta {
        self.horizon
    }

    /// How many keys are remembered now.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The most heap bytes a store of `capacity` keys holds at any moment, whatever was inserted:
    /// the order queue (grown by doubling to at most twice the capacity, 44 bytes an entry; while it
    /// grows the old half and the new buffer coexist: three times the capacity) and the hash map
    /// (under churn, with its tombstones, at most twice the power of two above 8/7 of the capacity,
    /// 45 bytes a bucket plus a control byte; while it grows its old table coexists with the new:
    /// three times that power of two).
    pub fn memory_bound(capacity: usize) -> usize {
        let capacity = capacity.max(1);
        let queue = 3 * capacity.max(4) * (32 + 12);
        let buckets = (capacity.saturating_mul(8) / 7 + 1)
            .next_power_of_two()
            .max(4);
        let set = 3 * buckets * (32 + 12 + 1) + 2 * 16;
        queue + set
    }

    /// Whether `key` is remembered (not counting those past the horizon at `now`).
    pub fn contains(&self, key: &DedupKey, now: DateTime<Utc>) -> bool {
        self.set
            .get(&digest(key))
            .is_some_and(|at| !self.expired(*at, now))
    }

    fn expired(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        at.checked_add_signed(self.horizon)
            .is_some_and(|until| until <= now)
    }

    fn forget_expired(&mut self, now: DateTime<Utc>) {
        while let Some((k, at)) = self.order.front().copied() {
            if !self.expired(at, now) {
                break;
            }
            self.order.pop_front();
            self.set.remove(&k);
        }
    }

    /// The remembered keys' digests (hex) and times, oldest first (what a file keeps).
    pub fn entries(&self) -> impl Iterator<Item = (String, DateTime<Utc>)> + '_ {
        self.order.iter().map(|(k, at)| (hex(k), *at))
    }

    /// Remembers a digest (hex, as [`SeenIds::entries`] gives it) taken at `at`; `false` when the
    /// text is not 64 hex digits.
    pub fn restore(&mut self, digest_hex: &str, at: DateTime<Utc>) -> bool {
        let Some(d) = unhex(digest_hex) else {
            return false;
        };
        self.remember(d, at);
        true
    }

    fn remember(&mut self, d: [u8; 32], at: DateTime<Utc>) {
        if self.set.insert(d, at).is_some() {
            return;
        }
        if self.order.len() == self.capacity {
            if let Some((old, _)) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        self.order.push_back((d, at));
    }
}

impl SeenStore for SeenIds {
    fn insert(&mut self, key: &DedupKey, now: DateTime<Utc>) -> Result<bool, SeenError> {
        self.forget_expired(now);
        let d = digest(key);
        if self.set.contains_key(&d) {
            return Ok(false);
        }
        self.remember(d, now);
        Ok(true)
    }

    fn remove(&mut self, key: &DedupKey) -> Result<(), SeenError> {
        let d = digest(key);
        if self.set.remove(&d).is_some() {
            self.order.retain(|(k, _)| *k != d);
        }
        Ok(())
    }
}

fn digest(key: &DedupKey) -> [u8; 32] {
    Sha256::digest(key.as_str().as_bytes()).into()
}

fn hex(d: &[u8; 32]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(s.as_bytes().chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *o = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000 + s, 0).unwrap()
    }

    #[test]
    fn capacity_forgets_the_oldest() {
        let mut s = SeenIds::new(2, TimeDelta::days(1));
        let [a, b, c] = ["a", "b", "c"].map(DedupKey::new);
        assert!(s.insert(&a, t(0)).unwrap());
        assert!(s.insert(&b, t(1)).unwrap());
        assert!(s.insert(&c, t(2)).unwrap());
        assert_eq!(s.len(), 2);
        assert!(!s.contains(&a, t(3)));
        assert!(s.contains(&b, t(3)) && s.contains(&c, t(3)));
        assert!(s.insert(&a, t(3)).unwrap());
    }

    #[test]
    fn horizon_forgets_old_keys() {
        let mut s = SeenIds::new(10, TimeDelta::seconds(60));
        let a = DedupKey::new("a");
        assert!(s.insert(&a, t(0)).unwrap());
        assert!(!s.insert(&a, t(59)).unwrap());
        assert!(!s.contains(&a, t(60)));
        assert!(s.insert(&a, t(60)).unwrap());
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn remove_and_restore() {
        let mut s = SeenIds::new(10, TimeDelta::days(1));
        let a = DedupKey::new("message:wamid.A");
        s.insert(&a, t(0)).unwrap();
        let entries: Vec<_> = s.entries().collect();
        s.remove(&a).unwrap();
        assert!(s.is_empty());
        let mut back = SeenIds::new(10, TimeDelta::days(1));
        assert!(back.restore(&entries[0].0, entries[0].1));
        assert!(!back.insert(&a, t(1)).unwrap());
        assert!(!back.restore("zz", t(0)));
    }
}
