//! Integration tests of waba-delivery.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod catalog;
mod ledger;
mod pacing;

use chrono::{DateTime, TimeZone, Utc};

/// 2023-11-14T22:13:20Z plus `s` seconds.
pub fn t(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap()
}
