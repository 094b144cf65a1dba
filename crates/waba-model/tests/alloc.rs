//! The in-memory store of seen ids stays within its stated memory bound (its own binary: it
//! installs a counting allocator).

use chrono::{DateTime, TimeDelta, Utc};
use waba_model::events::DedupKey;
use waba_model::seen::{SeenIds, SeenStore};

#[test]
fn seen_ids_stay_within_their_memory_bound() {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    for capacity in [1, 7, 100, 1000, 20_000] {
        // Five times the capacity, ids of every length up to 300 bytes (built before the measure):
        // the store keeps `capacity` digests whatever the ids.
        let keys: Vec<DedupKey> = (0..capacity * 5)
            .map(|i| DedupKey::new(format!("message:wamid.{}{i}", "x".repeat(i % 300))))
            .collect();
        let mut len = 0;
        // Counted on this thread only: the peak of the bytes the store holds at once.
        let info = allocation_counter::measure(|| {
            let mut seen = SeenIds::new(capacity, TimeDelta::days(7));
            for (i, key) in keys.iter().enumerate() {
                assert!(seen.insert(key, t0 + TimeDelta::seconds(i as i64)).unwrap());
            }
            len = seen.len();
        });
        let peak = isize::try_from(info.bytes_max).unwrap();
        assert_eq!(len, capacity);
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
