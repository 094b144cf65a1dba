//! Integration tests of `waba-window`: boundaries, invariants (proptest), the fuzz corpus replay.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod boundaries;
mod corpus;
mod duration;
mod invariants;

use chrono::{DateTime, Utc};

/// Parses an RFC 3339 time.
pub fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

static_assertions::assert_impl_all!(waba_window::Window: Send, Sync, Copy);
static_assertions::assert_impl_all!(waba_window::WindowConfig: Send, Sync);
static_assertions::assert_impl_all!(waba_window::WindowStatus: Send, Sync);
static_assertions::assert_impl_all!(waba_window::EligibilityError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_window::DurationError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_window::PendingResponse: Send, Sync);
static_assertions::assert_impl_all!(waba_window::Timing: Send, Sync);
static_assertions::assert_impl_all!(waba_window::OutboundKind: Send, Sync);
