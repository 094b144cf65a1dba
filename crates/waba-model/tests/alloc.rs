//! The in-memory store of seen ids stays within its stated memory bound (its own binary: it
//! installs a counting allocator).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, TimeDelta, Utc};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use waba_model::events::DedupKey;
use waba_model::seen::{SeenIds, SeenStore};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

#[test]
fn seen_ids_stay_within_their_memory_bound() {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    for capacity in [1, 7, 100, 1000, 20_000] {
        let region = Region::new(GLOBAL);
        let mut seen = SeenIds::new(capacity, TimeDelta::days(7));
        let mut peak = 0isize;
        // Five times the capacity, ids of every length up to 300 bytes: the store keeps
        // `capacity` digests whatever the ids.
        for i in 0..capacity * 5 {
            let id = format!("message:wamid.{}{i}", "x".repeat(i % 300));
            let key = DedupKey::new(id);
            assert!(
                seen.insert(&key, t0 + TimeDelta::seconds(i as i64))
                    .unwrap()
            );
            drop(key);
            let s = region.change();
            // stats_alloc counts a reallocation's growth in `bytes_allocated` already.
            let net = s.bytes_allocated as isize - s.bytes_deallocated as isize;
            peak = peak.max(net);
        }
        assert_eq!(seen.len(), capacity);
        let bound = SeenIds::memory_bound(capacity) as isize;
        assert!(
            peak <= bound,
            "capacity {capacity}: peak {peak} > bound {bound}"
        );
        // And the bound is not absurdly loose: within 4x of what is really used.
        assert!(
            bound <= 4 * peak.max(1) + 1024,
            "capacity {capacity}: bound {bound}, peak {peak}"
        );
    }
}
