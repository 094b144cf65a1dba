//! The pending-response indicator (`whatsappsession.pending-response-to-customer`): green, then
//! yellow after the warning time, then red and flashing after the maximum time, counted from the
//! customer's oldest unanswered message; gone when the agent sends.

use chrono::{DateTime, TimeDelta, Utc};

use crate::duration::DurationError;

/// Default warning time: 30 seconds (Genesys default `30,50`).
pub const DEFAULT_PENDING_WARNING: TimeDelta = TimeDelta::seconds(30);

/// Default maximum time: 50 seconds (Genesys default `30,50`).
pub const DEFAULT_PENDING_MAXIMUM: TimeDelta = TimeDelta::seconds(50);

/// The colour of the pending-response indicator.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Indicator {
    /// No response is pending: no indicator.
    None,
    /// A response is pending, for less than the warning time.
    Green,
    /// Pending for at least the warning time.
    Yellow,
    /// Pending for at least the maximum time: red and flashing.
    RedFlashing,
}

/// The two thresholds of the indicator, warning ≤ maximum by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingResponse {
    warning: TimeDelta,
    maximum: TimeDelta,
}

impl Default for PendingResponse {
    fn default() -> Self {
        Self {
            warning: DEFAULT_PENDING_WARNING,
            maximum: DEFAULT_PENDING_MAXIMUM,
        }
    }
}

impl PendingResponse {
    /// Thresholds from two durations; a warning after the maximum is `duration.pair_order`
    /// (equal is accepted: the indicator then goes from green straight to red).
    pub fn new(warning: TimeDelta, maximum: TimeDelta) -> Result<Self, DurationError> {
        if warning > maximum {
            return Err(DurationError::PairOrder {
                warning: crate::duration::whole_seconds(warning),
                maximum: crate::duration::whole_seconds(maximum),
            });
        }
        Ok(Self { warning, maximum })
    }

    /// Thresholds from the option value (`30,50`).
    pub fn parse(s: &str) -> Result<Self, DurationError> {
        let (warning, maximum) = crate::duration::parse_duration_pair(s)?;
        Self::new(warning, maximum)
    }

    /// The warning time.
    pub const fn warning(&self) -> TimeDelta {
        self.warning
    }

    /// The maximum time.
    pub const fn maximum(&self) -> TimeDelta {
        self.maximum
    }

    /// The indicator at `now` for a response pending since `since` (from
    /// [`crate::Window::pending_since`]). A `since` after `now` (clock skew) counts as just
    /// received: green.
    pub fn indicator(&self, since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Indicator {
        let Some(since) = since else {
            return Indicator::None;
        };
        let waited = now.signed_duration_since(since);
        if waited >= self.maximum && waited >= TimeDelta::zero() {
            Indicator::RedFlashing
        } else if waited >= self.warning && waited >= TimeDelta::zero() {
            Indicator::Yellow
        } else {
            Indicator::Green
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OutboundKind, Window};
    use waba_error::WabaError;

    #[test]
    fn colours() {
        let p = PendingResponse::default();
        let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
        let w = Window::new().on_inbound(t0, false);
        let at = |s: i64| p.indicator(w.pending_since(), t0 + TimeDelta::seconds(s));
        assert_eq!(at(-5), Indicator::Green);
        assert_eq!(at(0), Indicator::Green);
        assert_eq!(at(29), Indicator::Green);
        assert_eq!(at(30), Indicator::Yellow);
        assert_eq!(at(49), Indicator::Yellow);
        assert_eq!(at(50), Indicator::RedFlashing);
        let answered = w.on_outbound(t0 + TimeDelta::seconds(60), OutboundKind::Text);
        assert_eq!(
            p.indicator(answered.pending_since(), t0 + TimeDelta::seconds(70)),
            Indicator::None
        );
        // The next customer message starts a new count.
        let again = answered.on_inbound(t0 + TimeDelta::seconds(80), false);
        assert_eq!(
            p.indicator(again.pending_since(), t0 + TimeDelta::seconds(100)),
            Indicator::Green
        );
    }

    #[test]
    fn thresholds() {
        assert!(PendingResponse::parse("50,30").is_err());
        let p = PendingResponse::parse("1m,2m").unwrap();
        assert_eq!(
            (p.warning(), p.maximum()),
            (TimeDelta::seconds(60), TimeDelta::seconds(120))
        );
        let e = PendingResponse::new(TimeDelta::seconds(5), TimeDelta::seconds(4)).unwrap_err();
        assert_eq!(e.code(), "duration.pair_order");
    }
}
