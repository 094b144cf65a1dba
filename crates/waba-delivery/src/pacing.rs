//! Pacing, as pure functions of what was sent and when: may the next message go now, or not
//! before which time, and by which rule.
//!
//! - [`BusinessPacer`] (one per business number): Meta's throughput, 80 messages per second by
//!   default (configurable to the account's tier), exact over any one-second window; the backoff
//!   after 130429.
//! - [`RecipientPacer`] (one per business number and customer): the pair rate limit (one message
//!   every 6 seconds, 131056) and its backoff; the backoff after 131049 (per-user marketing limit,
//!   marketing templates only).
//!
//! Every decision is O(1) and allocation-free; the state is bounded (the business pacer keeps the
//! last `rate` send times in a ring allocated once).

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use waba_error::WabaError;

/// Meta's default throughput of a business number: 80 messages per second.
pub const THROUGHPUT_DEFAULT: u32 = 80;
/// The highest throughput this crate paces (Meta's upgraded tier is 1 000 per second).
pub const THROUGHPUT_MAX: u32 = 10_000;
/// The pair rate limit: one message every 6 seconds to the same customer (Meta, "Throughput":
/// pair rate limits; exceeding it gives 131056).
pub const PAIR_INTERVAL_SECONDS: i64 = 6;

/// The rule that holds the next message back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// The business number's throughput (messages per second).
    Throughput,
    /// The backoff after Meta's 130429 (throughput reached).
    ThroughputBackoff,
    /// The pair rate limit (one message every 6 seconds to the same customer).
    PairRate,
    /// The backoff after Meta's 131056 (pair rate limit hit).
    PairRateBackoff,
    /// The backoff after Meta's 131049 (per-user marketing limit): marketing templates only.
    MarketingLimit,
}

impl Rule {
    /// Meta's code behind the rule.
    pub const fn meta_code(self) -> u32 {
        match self {
            Rule::Throughput | Rule::ThroughputBackoff => 130_429,
            Rule::PairRate | Rule::PairRateBackoff => 131_056,
            Rule::MarketingLimit => 131_049,
        }
    }

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::Throughput => "throughput",
            Rule::ThroughputBackoff => "throughput_backoff",
            Rule::PairRate => "pair_rate",
            Rule::PairRateBackoff => "pair_rate_backoff",
            Rule::MarketingLimit => "marketing_limit",
        }
    }
}

/// A pacing decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "pace", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pace {
    /// The message may go now.
    Go,
    /// Not before `until`, by `rule`.
    Wait {
        /// The earliest time the message may go.
        until: DateTime<Utc>,
        /// The rule holding it back.
        rule: Rule,
    },
}

impl Pace {
    /// Whether the message may go now.
    pub fn is_go(self) -> bool {
        matches!(self, Pace::Go)
    }

    /// `Ok` when the message may go now, else the hold as an error of the contract (a service
    /// answers it with one call: `problem()`, and `Retry-After` from [`Held::retry_after`]).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use waba_delivery::pacing::RecipientPacer;
    /// use waba_delivery::WabaError;
    ///
    /// let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    /// let mut pacer = RecipientPacer::default();
    /// pacer.on_error(131_049, t0);
    /// let held = pacer.decide(t0, true).check().unwrap_err();
    /// assert_eq!(held.code(), "pacing.held");
    /// assert_eq!(held.meta_code(), Some(131_049));
    /// assert_eq!(held.retry_after(t0), 86_400);
    /// assert!(pacer.decide(t0, false).check().is_ok());
    /// ```
    pub fn check(self) -> Result<(), Held> {
        match self {
            Pace::Go => Ok(()),
            Pace::Wait { until, rule } => Err(Held::Until { until, rule }),
        }
    }

    /// The later of two decisions (the one that holds the message longest).
    #[must_use]
    pub fn and(self, other: Pace) -> Pace {
        match (self, other) {
            (Pace::Go, p) | (p, Pace::Go) => p,
            (a @ Pace::Wait { until: ua, .. }, b @ Pace::Wait { until: ub, .. }) => {
                if ub > ua {
                    b
                } else {
                    a
                }
            }
        }
    }
}

/// An exponential backoff: the n-th failure in a row (from 0) waits `base × factorⁿ`, at most
/// `max` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Backoff {
    /// The first wait, in seconds.
    pub base_seconds: i64,
    /// The growth factor.
    pub factor: u32,
    /// The longest wait, in seconds.
    pub max_seconds: i64,
}

impl Backoff {
    /// After 130429: 1, 2, 4 ... 60 seconds (ours: Meta says "try again later").
    pub const THROUGHPUT: Backoff = Backoff {
        base_seconds: 1,
        factor: 2,
        max_seconds: 60,
    };
    /// After 131056: 4ˣ seconds, X from 0 (Meta, "Throughput", pair rate limits): 1, 4, 16, 64,
    /// 256 seconds, then 256.
    pub const PAIR_RATE: Backoff = Backoff {
        base_seconds: 1,
        factor: 4,
        max_seconds: 256,
    };
    /// After 131049: 24 hours, then 48, 96 ... at most 7 days. Meta: "wait at least 24 hours before
    /// resending"; the growth and the cap are ours.
    pub const MARKETING_LIMIT: Backoff = Backoff {
        base_seconds: 24 * 3600,
        factor: 2,
        max_seconds: 7 * 24 * 3600,
    };

    /// A backoff; the factor is at least 1 and the base at most the max (both at least 0).
    pub fn new(base_seconds: i64, factor: u32, max_seconds: i64) -> Result<Backoff, PacingError> {
        if base_seconds < 0 || max_seconds < base_seconds || factor == 0 {
            return Err(PacingError::BadBackoff {
                base_seconds,
                factor,
                max_seconds,
            });
        }
        Ok(Backoff {
            base_seconds,
            factor,
            max_seconds,
        })
    }

    /// The wait after the `failures`-th failure in a row (0 for the first).
    pub fn delay(self, failures: u32) -> TimeDelta {
        let mut wait = self.base_seconds.max(0);
        for _ in 0..failures.min(64) {
            wait = wait.saturating_mul(i64::from(self.factor));
            if wait >= self.max_seconds {
                break;
            }
        }
        TimeDelta::seconds(wait.min(self.max_seconds.max(0)))
    }
}

/// A backoff in progress: how many failures in a row, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BackoffState {
    /// Failures in a row.
    pub failures: u32,
    /// Not before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
}

impl BackoffState {
    fn fail(&mut self, schedule: Backoff, at: DateTime<Utc>) {
        let until = at + schedule.delay(self.failures);
        self.until = Some(self.until.map_or(until, |u| u.max(until)));
        self.failures = self.failures.saturating_add(1);
    }

    fn clear(&mut self) {
        *self = BackoffState::default();
    }

    fn pace(&self, now: DateTime<Utc>, rule: Rule) -> Pace {
        match self.until {
            Some(until) if now < until => Pace::Wait { until, rule },
            _ => Pace::Go,
        }
    }
}

/// Pacing of one business number: the throughput over any one-second window, and the backoff
/// after 130429.
///
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use waba_delivery::pacing::{BusinessPacer, Pace, Rule};
///
/// let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
/// let mut pacer = BusinessPacer::new(2)?; // 2 messages per second
/// for _ in 0..2 {
///     assert_eq!(pacer.decide(t0), Pace::Go);
///     pacer.on_sent(t0);
/// }
/// let third = pacer.decide(t0 + TimeDelta::milliseconds(500));
/// assert_eq!(third, Pace::Wait { until: t0 + TimeDelta::seconds(1), rule: Rule::Throughput });
/// // Meta answered 130429: back off 1 s, then 2 s, 4 s ...
/// pacer.on_error(130_429, t0 + TimeDelta::seconds(2));
/// assert!(matches!(pacer.decide(t0 + TimeDelta::seconds(2)), Pace::Wait { rule: Rule::ThroughputBackoff, .. }));
/// # Ok::<(), waba_delivery::pacing::PacingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessPacer {
    rate: u32,
    /// For each of the last `rate` sends, the time it leaves the one-second window; a ring whose
    /// `head` is the oldest when full.
    ring: Vec<DateTime<Utc>>,
    head: usize,
    backoff: BackoffState,
    schedule: Backoff,
}

/// The throughput window: one second.
const WINDOW: TimeDelta = TimeDelta::seconds(1);

impl BusinessPacer {
    /// A pacer of `rate` messages per second (1 to [`THROUGHPUT_MAX`]) with the 130429 backoff
    /// [`Backoff::THROUGHPUT`].
    pub fn new(rate: u32) -> Result<BusinessPacer, PacingError> {
        if rate == 0 || rate > THROUGHPUT_MAX {
            return Err(PacingError::BadRate {
                limit: u64::from(THROUGHPUT_MAX),
                actual: u64::from(rate),
            });
        }
        Ok(BusinessPacer {
            rate,
            ring: Vec::with_capacity(rate as usize),
            head: 0,
            backoff: BackoffState::default(),
            schedule: Backoff::THROUGHPUT,
        })
    }

    /// The same with another 130429 backoff.
    #[must_use]
    pub fn with_backoff(mut self, schedule: Backoff) -> BusinessPacer {
        self.schedule = schedule;
        self
    }

    /// Messages per second.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// May a message go at `now`? O(1), no allocation. Times are expected not to go backwards.
    pub fn decide(&self, now: DateTime<Utc>) -> Pace {
        let backoff = self.backoff.pace(now, Rule::ThroughputBackoff);
        if self.ring.len() < self.rate as usize {
            return backoff;
        }
        match self.ring.get(self.head) {
            Some(&free_at) if now < free_at => backoff.and(Pace::Wait {
                until: free_at,
                rule: Rule::Throughput,
            }),
            _ => backoff,
        }
    }

    /// Records a message sent at `at`. O(1), no allocation after the ring is full.
    pub fn on_sent(&mut self, at: DateTime<Utc>) {
        let free_at = at.checked_add_signed(WINDOW).unwrap_or(at);
        if self.ring.len() < self.rate as usize {
            self.ring.push(free_at);
        } else if let Some(slot) = self.ring.get_mut(self.head) {
            *slot = free_at;
            self.head = (self.head + 1) % self.ring.len();
        }
    }

    /// Records Meta's error `code` at `at`: 130429 starts (or lengthens) the backoff; other codes
    /// change nothing here.
    pub fn on_error(&mut self, code: u64, at: DateTime<Utc>) {
        if code == 130_429 {
            self.backoff.fail(self.schedule, at);
        }
    }

    /// Records that Meta accepted a message: the 130429 backoff starts over.
    pub fn on_accepted(&mut self) {
        self.backoff.clear();
    }
}

/// Pacing toward one customer from one business number: the pair rate limit and the backoffs after
/// 131056 and 131049. Plain data (serde): a service keeps one per conversation.
///
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use waba_delivery::pacing::{Pace, RecipientPacer, Rule};
///
/// let t0 = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
/// let mut pacer = RecipientPacer::default();
/// pacer.on_error(131_049, t0);
/// // A marketing template waits a day; a utility message does not.
/// let day = t0 + TimeDelta::hours(24);
/// assert_eq!(pacer.decide(t0, true), Pace::Wait { until: day, rule: Rule::MarketingLimit });
/// assert_eq!(pacer.decide(t0, false), Pace::Go);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecipientPacer {
    /// The pair rate limit: seconds between two messages to this customer.
    pub pair_interval_seconds: i64,
    /// When the last message to this customer went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sent: Option<DateTime<Utc>>,
    /// When the pair rate limit lets the next message go (the last send plus the interval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair_free_at: Option<DateTime<Utc>>,
    /// The backoff after 131056.
    #[serde(default)]
    pub pair_backoff: BackoffState,
    /// The backoff after 131049 (marketing templates only).
    #[serde(default)]
    pub marketing_backoff: BackoffState,
    /// The 131056 schedule.
    pub pair_schedule: Backoff,
    /// The 131049 schedule.
    pub marketing_schedule: Backoff,
}

impl Default for RecipientPacer {
    fn default() -> Self {
        RecipientPacer {
            pair_interval_seconds: PAIR_INTERVAL_SECONDS,
            last_sent: None,
            pair_free_at: None,
            pair_backoff: BackoffState::default(),
            marketing_backoff: BackoffState::default(),
            pair_schedule: Backoff::PAIR_RATE,
            marketing_schedule: Backoff::MARKETING_LIMIT,
        }
    }
}

impl RecipientPacer {
    /// May a message (a marketing template when `marketing`) go to this customer at `now`?
    /// O(1), no allocation.
    pub fn decide(&self, now: DateTime<Utc>, marketing: bool) -> Pace {
        let pair = match self.pair_free_at {
            Some(until) if now < until => Pace::Wait {
                until,
                rule: Rule::PairRate,
            },
            _ => Pace::Go,
        };
        let mut pace = pair.and(self.pair_backoff.pace(now, Rule::PairRateBackoff));
        if marketing {
            pace = pace.and(self.marketing_backoff.pace(now, Rule::MarketingLimit));
        }
        pace
    }

    /// Records a message sent to this customer at `at`.
    pub fn on_sent(&mut self, at: DateTime<Utc>) {
        let last = self.last_sent.map_or(at, |l| l.max(at));
        self.last_sent = Some(last);
        let interval = TimeDelta::seconds(self.pair_interval_seconds.clamp(0, 86_400));
        self.pair_free_at = Some(last.checked_add_signed(interval).unwrap_or(last));
    }

    /// Records Meta's error `code` for a message to this customer at `at`: 131056 and 131049 start
    /// (or lengthen) their backoff; other codes change nothing here.
    pub fn on_error(&mut self, code: u64, at: DateTime<Utc>) {
        match code {
            131_056 => self.pair_backoff.fail(self.pair_schedule, at),
            131_049 => self.marketing_backoff.fail(self.marketing_schedule, at),
            _ => {}
        }
    }

    /// Records that a message reached the customer (`marketing`: a marketing template): the
    /// 131056 backoff starts over, and the 131049 one too for a marketing template.
    pub fn on_delivered(&mut self, marketing: bool) {
        self.pair_backoff.clear();
        if marketing {
            self.marketing_backoff.clear();
        }
    }
}

/// Why a pacing setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum PacingError {
    /// A throughput outside 1 to [`THROUGHPUT_MAX`] messages per second.
    #[error("throughput of {actual} messages per second is outside 1 to {limit}")]
    #[waba(code = "pacing.bad_rate")]
    BadRate {
        /// The most allowed.
        limit: u64,
        /// The value given.
        actual: u64,
    },
    /// A backoff whose base is negative or above its max, or whose factor is 0.
    #[error(
        "backoff base {base_seconds} s, factor {factor}, max {max_seconds} s is not a schedule"
    )]
    #[waba(code = "pacing.bad_backoff")]
    BadBackoff {
        /// The first wait.
        base_seconds: i64,
        /// The factor.
        factor: u32,
        /// The longest wait.
        max_seconds: i64,
    },
}

/// A message held back by a pacing rule. Class transient (trying again later succeeds); Meta's
/// code is the one the rule avoids (130429, 131056, 131049).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Transient, http_status = 429)]
#[non_exhaustive]
pub enum Held {
    /// `rule` holds the message until `until`.
    #[error("held by the {} rule (Meta's {}) until {until}", rule.as_str(), rule.meta_code())]
    #[waba(code = "pacing.held", field = rule.as_str(), meta_code = rule.meta_code())]
    Until {
        /// The earliest time the message may go.
        until: DateTime<Utc>,
        /// The rule holding it back.
        rule: Rule,
    },
}

impl Held {
    /// The earliest time the message may go.
    pub fn until(&self) -> DateTime<Utc> {
        match self {
            Held::Until { until, .. } => *until,
        }
    }

    /// The rule holding it back.
    pub fn rule(&self) -> Rule {
        match self {
            Held::Until { rule, .. } => *rule,
        }
    }

    /// The whole seconds from `now` until the message may go (at least 1): an HTTP
    /// `Retry-After` value.
    pub fn retry_after(&self, now: DateTime<Utc>) -> u64 {
        let ms = (self.until() - now).num_milliseconds().max(1);
        u64::try_from((ms + 999) / 1000).unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;
    use waba_error::ErrorClass;

    fn t(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_700_000_000_000 + ms).unwrap()
    }

    #[test]
    fn held_says_until_when_and_by_which_rule() {
        let mut pacer = RecipientPacer::default();
        pacer.on_sent(t(0));
        let held = pacer.decide(t(1500), false).check().unwrap_err();
        assert_eq!(held.rule(), Rule::PairRate);
        assert_eq!(held.until(), t(6000));
        assert_eq!(held.retry_after(t(1500)), 5); // 4.5 s, rounded up
        assert_eq!(held.retry_after(t(5999)), 1);
        assert_eq!(held.retry_after(t(9000)), 1); // already free: at least 1
        assert_eq!(held.class(), ErrorClass::Transient);
        assert_eq!(held.meta_code(), Some(131_056));
        assert_eq!(held.field(), Some("pair_rate"));
        assert_eq!((held.http_status(), held.problem().status), (429, 429));
        assert!(held.to_string().contains("pair_rate"), "{held}");
        assert!(pacer.decide(t(6000), false).check().is_ok());
    }

    #[test]
    fn schedules() {
        let secs = |b: Backoff, n| b.delay(n).num_seconds();
        assert_eq!(
            (0..6)
                .map(|n| secs(Backoff::PAIR_RATE, n))
                .collect::<Vec<_>>(),
            [1, 4, 16, 64, 256, 256]
        );
        assert_eq!(secs(Backoff::THROUGHPUT, 10), 60);
        assert_eq!(secs(Backoff::MARKETING_LIMIT, 0), 86_400);
        assert_eq!(secs(Backoff::MARKETING_LIMIT, 1), 172_800);
        assert_eq!(secs(Backoff::MARKETING_LIMIT, 40), 604_800);
        assert_eq!(secs(Backoff::MARKETING_LIMIT, u32::MAX), 604_800);
        assert!(Backoff::new(5, 2, 1).is_err());
        assert!(Backoff::new(1, 0, 1).is_err());
        assert_eq!(BusinessPacer::new(0).unwrap_err().code(), "pacing.bad_rate");
        assert!(BusinessPacer::new(THROUGHPUT_MAX + 1).is_err());
    }

    #[test]
    fn pair_rate_then_backoffs_grow_and_clear() {
        let mut p = RecipientPacer::default();
        assert_eq!(p.decide(t(0), false), Pace::Go);
        p.on_sent(t(0));
        assert_eq!(
            p.decide(t(5_999), false),
            Pace::Wait {
                until: t(6_000),
                rule: Rule::PairRate
            }
        );
        assert_eq!(p.decide(t(6_000), false), Pace::Go);
        p.on_error(131_056, t(6_000));
        p.on_error(131_056, t(7_000));
        // Second failure: 4 s after 7 s.
        assert_eq!(
            p.decide(t(7_000), false),
            Pace::Wait {
                until: t(11_000),
                rule: Rule::PairRateBackoff
            }
        );
        p.on_delivered(false);
        assert_eq!(p.pair_backoff, BackoffState::default());
        p.on_error(131_049, t(20_000));
        p.on_error(131_049, t(30_000));
        assert_eq!(
            p.decide(t(30_000), true),
            Pace::Wait {
                until: t(30_000) + TimeDelta::hours(48),
                rule: Rule::MarketingLimit
            }
        );
        assert_eq!(p.decide(t(30_000), false), Pace::Go);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<RecipientPacer>(&json).unwrap(), p);
    }

    #[test]
    fn throughput_backoff_and_the_window() {
        let mut b = BusinessPacer::new(3).unwrap();
        for ms in [0, 100, 200] {
            assert!(b.decide(t(ms)).is_go());
            b.on_sent(t(ms));
        }
        assert_eq!(
            b.decide(t(300)),
            Pace::Wait {
                until: t(1_000),
                rule: Rule::Throughput
            }
        );
        assert!(b.decide(t(1_000)).is_go());
        b.on_sent(t(1_000));
        assert_eq!(
            b.decide(t(1_050)),
            Pace::Wait {
                until: t(1_100),
                rule: Rule::Throughput
            }
        );
        b.on_error(130_429, t(1_100));
        b.on_error(130_429, t(1_100));
        assert_eq!(
            b.decide(t(1_100)),
            Pace::Wait {
                until: t(3_100),
                rule: Rule::ThroughputBackoff
            }
        );
        b.on_accepted();
        assert!(b.decide(t(1_100)).is_go());
    }
}
