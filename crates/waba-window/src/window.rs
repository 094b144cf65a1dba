//! The per-conversation state: the 24-hour customer-service window, the 72-hour free entry point
//! and the oldest unanswered message, updated by pure functions and read at a given instant.

use waba_error::WabaError;

use chrono::{DateTime, TimeDelta, Timelike, Utc};

use crate::config::{OutboundKind, SERVICE_WINDOW, WindowConfig};
use crate::duration::whole_seconds;

/// How long a free entry point lasts once the business has replied: 72 hours (Meta's
/// click-to-WhatsApp and Page call-to-action entry points).
pub const ENTRY_POINT_DURATION: TimeDelta = TimeDelta::hours(72);

/// How soon after the customer's referral message the business must reply for a free entry point
/// to open: 24 hours.
pub const ENTRY_POINT_REPLY_WITHIN: TimeDelta = TimeDelta::hours(24);

/// Meta's error code for a free-form message sent outside the customer-service window
/// ("Re-engagement message").
pub const META_CODE_REENGAGEMENT: u32 = 131_047;

/// The conversation clock of one conversation. Serializable; changed only by [`Window::on_inbound`]
/// and [`Window::on_outbound`]; read by [`Window::at`], [`Window::check`] and
/// [`Window::pending_since`]. Nothing here reads the system clock.
///
/// ```
/// use waba_window::WabaError;
/// use chrono::{DateTime, TimeDelta, Timelike, Utc};
/// use waba_window::{OutboundKind, Window, WindowConfig, WindowState};
///
/// let t: DateTime<Utc> = "2026-11-24T10:00:00Z".parse()?;
/// let config = WindowConfig::default();
/// let window = Window::new().on_inbound(t, false);
/// let later = t + TimeDelta::hours(23) + TimeDelta::minutes(30);
/// assert_eq!(window.at(&config, later).state, WindowState::ClosingSoon);
/// assert!(window.check(&config, later, OutboundKind::Text).is_ok());
/// let closed = window.check(&config, t + TimeDelta::hours(24), OutboundKind::Text);
/// assert_eq!(closed.unwrap_err().meta_code(), Some(131047));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Window {
    /// When the customer last wrote or called (the latest inbound time seen).
    pub last_inbound: Option<DateTime<Utc>>,
    /// The customer's oldest message the business has not answered yet.
    pub oldest_unanswered: Option<DateTime<Utc>>,
    /// When an inbound message carrying a click-to-WhatsApp or Page referral opened the window,
    /// while the business has not replied to it yet.
    pub referral_at: Option<DateTime<Utc>>,
    /// When the business reply that opened the free entry point was sent.
    pub entry_point_reply: Option<DateTime<Utc>>,
    /// When Meta last answered 131047 (re-engagement; 470 on the legacy API) to a send of ours. Until
    /// the customer writes again after it, the window is closed whatever the clock says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reengagement_failed_at: Option<DateTime<Utc>>,
}

/// What the window says at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WindowState {
    /// Free-form messages may be sent.
    Open,
    /// Open, with at most the configured `closing_soon` left.
    ClosingSoon,
    /// Only templates may be sent (or the customer has never written).
    Closed,
    /// Monitoring is off: free form is allowed and nothing is reported.
    Disabled,
}

impl WindowState {
    /// The lowercase name (`open`, `closing_soon`, `closed`, `disabled`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::ClosingSoon => "closing_soon",
            Self::Closed => "closed",
            Self::Disabled => "disabled",
        }
    }
}

/// A reading of the window at one instant (the `waba window` document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct WindowStatus {
    /// The state.
    pub state: WindowState,
    /// When the window closes (or closed): `timespan` after the last inbound message, on a whole
    /// second (rounded down, as Meta's timestamps are), and never later than `timespan` after this
    /// instant (a last inbound message after it counts as at it); `None` when monitoring is off or
    /// the customer has never written.
    pub closes_at: Option<DateTime<Utc>>,
    /// Whole seconds until `closes_at`; 0 when closed or disabled, never negative, never more than
    /// the timespan.
    pub remaining_seconds: u64,
    /// Whether free-form messages may be sent.
    pub free_form_allowed: bool,
    /// Whether templates may be sent: always true.
    pub templates_allowed: bool,
    /// When the free entry point ends, while one is running at this instant.
    pub free_entry_point_until: Option<DateTime<Utc>>,
}

/// Why an outbound message may not be sent now. Both variants carry Meta's code 131047.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Refused)]
#[non_exhaustive]
pub enum EligibilityError {
    /// The customer-service window closed at `closed_at`.
    #[error("a {kind} message needs an open customer-service window; it closed at {closed_at}")]
    #[waba(code = "window.closed", field = "kind", meta_code = META_CODE_REENGAGEMENT)]
    WindowClosed {
        /// The kind refused.
        kind: OutboundKind,
        /// When the window closed.
        closed_at: DateTime<Utc>,
    },
    /// The customer has never written, so no window was ever open.
    #[error("a {kind} message needs an open customer-service window; the customer has not written")]
    #[waba(code = "window.never_opened", field = "kind", meta_code = META_CODE_REENGAGEMENT)]
    NeverOpened {
        /// The kind refused.
        kind: OutboundKind,
    },
    /// Meta answered 131047 at `at` to a send of ours and the customer has not written since.
    #[error("a {kind} message needs an open customer-service window; Meta answered 131047 at {at}")]
    #[waba(code = "window.closed_by_meta", field = "kind", meta_code = META_CODE_REENGAGEMENT)]
    ClosedByMeta {
        /// The kind refused.
        kind: OutboundKind,
        /// When Meta's answer came.
        at: DateTime<Utc>,
    },
}

impl EligibilityError {
    /// When the window closed, if it was ever open.
    pub const fn closed_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::WindowClosed { closed_at, .. } => Some(*closed_at),
            Self::ClosedByMeta { at, .. } => Some(*at),
            Self::NeverOpened { .. } => None,
        }
    }

    /// The kind of message refused.
    pub const fn kind(&self) -> OutboundKind {
        match self {
            Self::WindowClosed { kind, .. }
            | Self::NeverOpened { kind }
            | Self::ClosedByMeta { kind, .. } => *kind,
        }
    }
}

/// `t` rounded down to its whole second. Only the time of day's nanoseconds change (a leap second's
/// too), on the naive UTC value: no day arithmetic and no offset mapping. The window bench measured
/// `from_timestamp(t.timestamp(), 0)` and `DateTime::with_nanosecond` at twice the cost of the
/// whole eligibility check (37 ns against 17.5 ns).
fn whole_second(t: DateTime<Utc>) -> DateTime<Utc> {
    t.naive_utc()
        .with_nanosecond(0)
        .map_or(t, |second| second.and_utc())
}

/// The close of a window last written to at `seen` (`seen + span` rounded down to its second), in
/// seconds since the epoch, and whether `now` is before it: no calendar arithmetic. `None` for
/// what [`Window::check`] works out the long way, as [`Window::at`] does: a leap second, a negative
/// span, a close past chrono's range. The window bench measured the long way at 17.5 ns a call.
fn close_in_seconds(
    seen: DateTime<Utc>,
    span: TimeDelta,
    now: DateTime<Utc>,
) -> Option<(i64, bool)> {
    let nanos = i64::from(seen.timestamp_subsec_nanos());
    if nanos >= 1_000_000_000 || span < TimeDelta::zero() {
        return None;
    }
    let carry = i64::from(nanos + i64::from(span.subsec_nanos()) >= 1_000_000_000);
    let closes = seen
        .timestamp()
        .checked_add(span.num_seconds())?
        .checked_add(carry)?;
    (closes <= DateTime::<Utc>::MAX_UTC.timestamp()).then(|| (closes, now.timestamp() < closes))
}

/// When the window counts the last inbound as written: at `last`, or, for a last inbound after
/// `now` (a clock ahead of ours), at `now` rounded up to its second, so that the window is open
/// with exactly its timespan left however far into its second `now` is (decision 0404).
fn seen_at(last: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    if last <= now {
        return last;
    }
    let up = if now.timestamp_subsec_nanos() == 0 {
        Some(now)
    } else {
        now.timestamp()
            .checked_add(1)
            .and_then(|s| DateTime::from_timestamp(s, 0))
    };
    up.map_or(now, |up| last.min(up))
}

fn add(t: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(if d < TimeDelta::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

impl Window {
    /// A conversation in which nothing has happened yet.
    pub const fn new() -> Self {
        Self {
            last_inbound: None,
            oldest_unanswered: None,
            referral_at: None,
            entry_point_reply: None,
            reengagement_failed_at: None,
        }
    }

    /// The state after the customer's message (or call) at `at`, its origin time. `referral` says
    /// whether it carried a click-to-WhatsApp or Page referral.
    ///
    /// The window runs from the latest inbound time seen (a late-arriving older message does not
    /// move it back). A referral counts for the free entry point only when its message opened the
    /// window: no earlier inbound message, or the previous one [`SERVICE_WINDOW`] or more before it
    /// (decision 0401).
    #[must_use]
    pub fn on_inbound(mut self, at: DateTime<Utc>, referral: bool) -> Self {
        let opens = self
            .last_inbound
            .is_none_or(|last| at >= add(last, SERVICE_WINDOW));
        if referral && opens {
            self.referral_at = Some(at);
        }
        self.last_inbound = Some(self.last_inbound.map_or(at, |last| last.max(at)));
        self.oldest_unanswered = Some(self.oldest_unanswered.map_or(at, |old| old.min(at)));
        self
    }

    /// The state after the business sent a message of `kind` at `at`. It never changes the
    /// customer-service window; it clears the pending response, and the first reply within
    /// [`ENTRY_POINT_REPLY_WITHIN`] of a referral message opens a 72-hour free entry point.
    #[must_use]
    pub fn on_outbound(mut self, at: DateTime<Utc>, kind: OutboundKind) -> Self {
        let _ = kind; // every kind of reply counts, templates included
        self.oldest_unanswered = None;
        if let Some(referral) = self.referral_at {
            if referral <= at && at < add(referral, ENTRY_POINT_REPLY_WITHIN) {
                self.entry_point_reply = Some(at);
                self.referral_at = None;
            } else if at >= add(referral, ENTRY_POINT_REPLY_WITHIN) {
                self.referral_at = None;
            }
        }
        self
    }

    /// The state after Meta answered 131047 (or the legacy 470) at `at` to a send of ours: the window
    /// is closed until the customer writes again, whatever the clock says (Meta's word wins over our
    /// arithmetic: clock skew, a missed inbound message).
    #[must_use]
    pub fn on_reengagement_failure(mut self, at: DateTime<Utc>) -> Self {
        self.reengagement_failed_at = Some(self.reengagement_failed_at.map_or(at, |t| t.max(at)));
        self
    }

    /// When Meta said the window is closed, if the customer has not written since.
    pub fn closed_by_meta(&self) -> Option<DateTime<Utc>> {
        let failed = self.reengagement_failed_at?;
        self.last_inbound
            .is_none_or(|last| failed >= last)
            .then_some(failed)
    }

    /// When the customer-service window closes (or closed), if the customer has written: on a
    /// whole second, rounded down (Meta's message timestamps are whole seconds; a sub-second last
    /// inbound closes the window at the start of its second, never after Meta would).
    pub fn closes_at(&self, config: &WindowConfig) -> Option<DateTime<Utc>> {
        self.last_inbound
            .map(|last| whole_second(add(last, config.timespan)))
    }

    /// The close as seen at `now`: a last inbound message after `now` (a clock ahead of ours, a
    /// replay) counts as at `now` rounded up to its second ([`seen_at`]), so the window has exactly
    /// its timespan left, never more (decision 0404). `at` and `check` both use it, so they agree at every instant.
    fn close_seen_at(&self, config: &WindowConfig, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.last_inbound
            .map(|last| whole_second(add(seen_at(last, now), config.timespan)))
    }

    /// When the free entry point ends, if one is running at `now`.
    pub fn free_entry_point_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let reply = self.entry_point_reply?;
        let until = add(reply, ENTRY_POINT_DURATION);
        (reply <= now && now < until).then_some(until)
    }

    /// The window at `now`. Exactly at `last_inbound + timespan` it is closed.
    pub fn at(&self, config: &WindowConfig, now: DateTime<Utc>) -> WindowStatus {
        let free_entry_point_until = self.free_entry_point_until(now);
        let mut status = WindowStatus {
            state: WindowState::Disabled,
            closes_at: None,
            remaining_seconds: 0,
            free_form_allowed: true,
            templates_allowed: true,
            free_entry_point_until,
        };
        if !config.monitoring {
            return status;
        }
        status.closes_at = self.close_seen_at(config, now);
        match status.closes_at {
            Some(closes) if now < closes && self.closed_by_meta().is_none() => {
                let remaining = closes.signed_duration_since(now);
                status.remaining_seconds = whole_seconds(remaining);
                status.state = if remaining <= config.closing_soon {
                    WindowState::ClosingSoon
                } else {
                    WindowState::Open
                };
            }
            _ => {
                status.state = WindowState::Closed;
                status.free_form_allowed = false;
            }
        }
        status
    }

    /// Whether a message of `kind` may be sent at `now`: templates always, free form while the
    /// window is open (or monitoring is off). Does not allocate.
    pub fn check(
        &self,
        config: &WindowConfig,
        now: DateTime<Utc>,
        kind: OutboundKind,
    ) -> Result<(), EligibilityError> {
        if !kind.is_free_form() || !config.monitoring {
            return Ok(());
        }
        if let Some(at) = self.closed_by_meta() {
            if self.last_inbound.is_some() {
                return Err(EligibilityError::ClosedByMeta { kind, at });
            }
        }
        let Some(last) = self.last_inbound else {
            return Err(EligibilityError::NeverOpened { kind });
        };
        let fast = close_in_seconds(seen_at(last, now), config.timespan, now);
        let closes = match fast {
            Some((_, true)) => return Ok(()),
            Some((closes, false)) => DateTime::from_timestamp(closes, 0),
            None => None,
        };
        match closes.or_else(|| self.close_seen_at(config, now)) {
            Some(closes) if now < closes => Ok(()),
            Some(closes) => Err(EligibilityError::WindowClosed {
                kind,
                closed_at: closes,
            }),
            None => Err(EligibilityError::NeverOpened { kind }),
        }
    }

    /// When the customer's oldest unanswered message was sent, if any (the pending-response
    /// indicator counts from it).
    pub const fn pending_since(&self) -> Option<DateTime<Utc>> {
        self.oldest_unanswered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn boundaries() {
        let c = WindowConfig::default();
        let w = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), false);
        let s = w.at(&c, t("2026-11-25T09:59:59Z"));
        assert_eq!(
            (s.state, s.remaining_seconds),
            (WindowState::ClosingSoon, 1)
        );
        let s = w.at(&c, t("2026-11-25T10:00:00Z"));
        assert_eq!(
            (s.state, s.remaining_seconds, s.free_form_allowed),
            (WindowState::Closed, 0, false)
        );
        assert_eq!(s.closes_at, Some(t("2026-11-25T10:00:00Z")));
        let s = w.at(&c, t("2026-11-25T09:00:00Z"));
        assert_eq!(s.state, WindowState::ClosingSoon);
        let s = w.at(&c, t("2026-11-25T08:59:59Z"));
        assert_eq!((s.state, s.remaining_seconds), (WindowState::Open, 3601));
    }

    #[test]
    fn subsecond_remaining_rounds_down() {
        let c = WindowConfig::default();
        let w = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), false);
        let s = w.at(&c, t("2026-11-25T09:59:59.5Z"));
        assert_eq!(
            (s.state, s.remaining_seconds),
            (WindowState::ClosingSoon, 0)
        );
    }

    #[test]
    fn never_opened_and_disabled() {
        let c = WindowConfig::default();
        let w = Window::new();
        let now = t("2026-11-24T10:00:00Z");
        assert_eq!(w.at(&c, now).state, WindowState::Closed);
        assert_eq!(w.at(&c, now).closes_at, None);
        assert_eq!(
            w.check(&c, now, OutboundKind::Media).unwrap_err().code(),
            "window.never_opened"
        );
        assert!(w.check(&c, now, OutboundKind::Template).is_ok());
        let off = WindowConfig::new(false, SERVICE_WINDOW);
        let s = w.at(&off, now);
        assert_eq!(
            (s.state, s.free_form_allowed, s.closes_at),
            (WindowState::Disabled, true, None)
        );
        assert!(w.check(&off, now, OutboundKind::Text).is_ok());
    }

    #[test]
    fn late_older_inbound_does_not_move_window_back() {
        let w = Window::new()
            .on_inbound(t("2026-11-24T10:00:00Z"), false)
            .on_inbound(t("2026-11-24T09:00:00Z"), false);
        assert_eq!(w.last_inbound, Some(t("2026-11-24T10:00:00Z")));
        assert_eq!(w.oldest_unanswered, Some(t("2026-11-24T09:00:00Z")));
    }

    #[test]
    fn extreme_times_do_not_panic() {
        let c = WindowConfig::default();
        let w = Window::new().on_inbound(DateTime::<Utc>::MAX_UTC, true);
        let w = w.on_outbound(DateTime::<Utc>::MAX_UTC, OutboundKind::Text);
        let s = w.at(&c, DateTime::<Utc>::MAX_UTC);
        assert_eq!(s.state, WindowState::Closed);
        let neg = WindowConfig::new(true, TimeDelta::hours(-5));
        let w = Window::new().on_inbound(DateTime::<Utc>::MIN_UTC, false);
        assert_eq!(
            w.at(&neg, DateTime::<Utc>::MIN_UTC).state,
            WindowState::Closed
        );
    }

    #[test]
    fn entry_point() {
        let c = WindowConfig::default();
        let w = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), true);
        // Reply 23 h 59 m 59 s later: opens the entry point.
        let w = w.on_outbound(t("2026-11-25T09:59:59Z"), OutboundKind::Text);
        let until = t("2026-11-28T09:59:59Z");
        assert_eq!(
            w.free_entry_point_until(t("2026-11-28T09:59:58Z")),
            Some(until)
        );
        assert_eq!(w.free_entry_point_until(until), None);
        // It never allows free form on its own.
        let s = w.at(&c, t("2026-11-26T10:00:00Z"));
        assert_eq!(
            (s.free_form_allowed, s.free_entry_point_until),
            (false, Some(until))
        );
    }

    #[test]
    fn entry_point_needs_reply_within_24h_and_a_referral_that_opened_the_window() {
        let w = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), true);
        let late = w.on_outbound(t("2026-11-25T10:00:00Z"), OutboundKind::Text);
        assert_eq!(late.entry_point_reply, None);
        assert_eq!(late.referral_at, None);
        let plain = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), false);
        let inside = plain.on_inbound(t("2026-11-24T11:00:00Z"), true);
        assert_eq!(inside.referral_at, None);
        let reopened = plain.on_inbound(t("2026-11-25T10:00:00Z"), true);
        assert_eq!(reopened.referral_at, Some(t("2026-11-25T10:00:00Z")));
        let before = w.on_outbound(t("2026-11-24T09:00:00Z"), OutboundKind::Text);
        assert_eq!(
            (before.entry_point_reply, before.referral_at),
            (None, w.referral_at)
        );
    }
}
