//! Delay and order of transcript messages (`whatsappsession.message-delay-timespan`): a message
//! that arrives later than its origin time by more than the delay timespan is delayed (the guide
//! shows its origin time in bold); a message whose origin is earlier than the one before it is out
//! of order (the guide highlights its timestamp in red); an origin after the arrival is clock skew.

use chrono::{DateTime, TimeDelta, Utc};

use crate::duration::whole_seconds;

/// Default `message-delay-timespan`: 60 seconds (decisions 0002 and 0402).
pub const DEFAULT_MESSAGE_DELAY: TimeDelta = TimeDelta::seconds(60);

/// How one transcript message's times read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Timing {
    /// Whole seconds from origin to arrival, rounded down; 0 under clock skew, never negative.
    pub delay_seconds: u64,
    /// Arrival later than origin by more than the delay timespan.
    pub delayed: bool,
    /// Origin earlier than the previous transcript message's origin.
    pub out_of_order: bool,
    /// Origin after arrival: the sender's or our clock is wrong. Such a message is never delayed.
    pub clock_skew: bool,
}

/// Judges a message's origin and arrival times against the delay timespan and the previous
/// transcript message's origin.
///
/// ```
/// use chrono::{DateTime, TimeDelta, Utc};
/// use waba_window::{DEFAULT_MESSAGE_DELAY, timing};
///
/// let origin: DateTime<Utc> = "2026-11-24T10:00:00Z".parse()?;
/// let t = timing(origin, origin + TimeDelta::minutes(5), None, DEFAULT_MESSAGE_DELAY);
/// assert!(t.delayed && !t.out_of_order && !t.clock_skew);
/// assert_eq!(t.delay_seconds, 300);
/// # Ok::<(), chrono::ParseError>(())
/// ```
pub fn timing(
    origin: DateTime<Utc>,
    arrival: DateTime<Utc>,
    previous_origin: Option<DateTime<Utc>>,
    delay_timespan: TimeDelta,
) -> Timing {
    let clock_skew = origin > arrival;
    let delay = if clock_skew {
        TimeDelta::zero()
    } else {
        arrival.signed_duration_since(origin)
    };
    Timing {
        delay_seconds: whole_seconds(delay),
        delayed: !clock_skew && delay > delay_timespan,
        out_of_order: previous_origin.is_some_and(|prev| origin < prev),
        clock_skew,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let o: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
        let d = DEFAULT_MESSAGE_DELAY;
        let at = |s: i64| timing(o, o + TimeDelta::seconds(s), None, d);
        assert!(!at(60).delayed);
        assert!(at(61).delayed);
        let skew = at(-10);
        assert_eq!(
            (skew.clock_skew, skew.delayed, skew.delay_seconds),
            (true, false, 0)
        );
        assert!(timing(o, o, Some(o + TimeDelta::seconds(1)), d).out_of_order);
        assert!(!timing(o, o, Some(o), d).out_of_order);
    }
}
