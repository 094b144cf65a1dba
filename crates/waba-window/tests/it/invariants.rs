//! proptest invariants: remaining time never grows as `now` grows; closed at `t + timespan` and
//! open just before; outbound events never change the window.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use waba_window::{OutboundKind, Window, WindowConfig, WindowState};

/// Times between 2000 and 2100, to the millisecond.
fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (946_684_800_000i64..4_102_444_800_000)
        .prop_map(|ms| DateTime::from_timestamp_millis(ms).unwrap())
}

fn kind() -> impl Strategy<Value = OutboundKind> {
    prop::sample::select(OutboundKind::ALL.to_vec())
}

fn config() -> impl Strategy<Value = WindowConfig> {
    (1i64..=2_147_483_647, 0i64..200_000, any::<bool>()).prop_map(|(span, soon, monitoring)| {
        WindowConfig::new(monitoring, TimeDelta::seconds(span))
            .with_closing_soon(TimeDelta::seconds(soon))
    })
}

proptest! {
    #[test]
    fn remaining_never_grows(inbound in time(), now in time(), step in 0i64..10_000_000_000, c in config()) {
        let w = Window::new().on_inbound(inbound, false);
        let a = w.at(&c, now);
        let b = w.at(&c, now + TimeDelta::milliseconds(step));
        prop_assert!(b.remaining_seconds <= a.remaining_seconds);
        // Once closed it stays closed.
        if a.state == WindowState::Closed {
            prop_assert_eq!(b.state, WindowState::Closed);
        }
    }

    #[test]
    fn closed_at_timespan_open_just_before(inbound in time(), span in 1i64..=2_147_483_647) {
        let c = WindowConfig::new(true, TimeDelta::seconds(span));
        let w = Window::new().on_inbound(inbound, false);
        // The close is on a whole second (rounded down, as Meta's timestamps are).
        let exact = inbound + TimeDelta::seconds(span);
        let end = DateTime::from_timestamp(exact.timestamp(), 0).unwrap();
        let at_end = w.at(&c, end);
        prop_assert_eq!(at_end.state, WindowState::Closed);
        prop_assert_eq!(at_end.closes_at, Some(end));
        prop_assert!(w.check(&c, end, OutboundKind::Text).is_err());
        let before = end - TimeDelta::nanoseconds(1);
        prop_assert!(w.at(&c, before).free_form_allowed);
        prop_assert!(w.check(&c, before, OutboundKind::Text).is_ok());
        prop_assert!(w.check(&c, end, OutboundKind::Template).is_ok());
    }

    #[test]
    fn status_and_eligibility_agree_at_every_instant(inbound in time(), now in time(), c in config()) {
        let w = Window::new().on_inbound(inbound, false);
        let s = w.at(&c, now);
        prop_assert_eq!(s.free_form_allowed, w.check(&c, now, OutboundKind::Text).is_ok());
        prop_assert!(s.remaining_seconds <= c.timespan.num_seconds().unsigned_abs());
        if let (true, Some(closes)) = (c.monitoring, s.closes_at) {
            // What the document says agrees with itself: open exactly while now is before the close.
            prop_assert_eq!(s.free_form_allowed, now < closes);
            prop_assert_eq!(closes.timestamp_subsec_nanos(), 0);
            // Never after the close the last inbound itself gives; never a whole second more
            // than the window's length after now (a last inbound after now counts from now's
            // second rounded up, decision 0404).
            prop_assert!(Some(closes) <= w.closes_at(&c));
            prop_assert!(closes < now + c.timespan + TimeDelta::seconds(1));
        }
    }

    #[test]
    fn outbound_never_changes_the_window(
        inbound in time(), referral in any::<bool>(),
        sends in prop::collection::vec((time(), kind()), 0..8),
        now in time(), c in config(),
    ) {
        let w = Window::new().on_inbound(inbound, referral);
        let mut after = w;
        for (at, k) in sends {
            after = after.on_outbound(at, k);
        }
        let (a, b) = (w.at(&c, now), after.at(&c, now));
        prop_assert_eq!((a.state, a.closes_at, a.remaining_seconds, a.free_form_allowed),
                        (b.state, b.closes_at, b.remaining_seconds, b.free_form_allowed));
        for k in OutboundKind::ALL {
            prop_assert_eq!(w.check(&c, now, k), after.check(&c, now, k));
        }
    }

    #[test]
    fn check_agrees_with_at(inbound in time(), now in time(), k in kind(), c in config()) {
        let w = Window::new().on_inbound(inbound, false);
        let s = w.at(&c, now);
        prop_assert!(s.templates_allowed);
        prop_assert_eq!(w.check(&c, now, k).is_ok(), s.free_form_allowed || !k.is_free_form());
    }

    #[test]
    fn parse_format_round_trip(secs in 1u64..=2_147_483_647) {
        let d = TimeDelta::seconds(i64::try_from(secs).unwrap());
        let s = waba_window::format_duration(d);
        prop_assert_eq!(waba_window::parse_duration(&s), Ok(d));
        prop_assert_eq!(waba_window::parse_duration(&secs.to_string()), Ok(d));
    }
}

proptest! {
    #[test]
    fn indicator_only_rises_until_the_agent_sends(
        inbound in time(), now in time(), step in 0i64..1_000_000, w in 0i64..100, extra in 0i64..100,
    ) {
        let p = waba_window::PendingResponse::new(TimeDelta::seconds(w), TimeDelta::seconds(w + extra)).unwrap();
        let window = Window::new().on_inbound(inbound, false);
        let a = p.indicator(window.pending_since(), now);
        let b = p.indicator(window.pending_since(), now + TimeDelta::milliseconds(step));
        prop_assert!(a <= b);
        prop_assert!(a >= waba_window::Indicator::Green);
        let answered = window.on_outbound(now, OutboundKind::Reaction);
        prop_assert_eq!(p.indicator(answered.pending_since(), now), waba_window::Indicator::None);
    }

    #[test]
    fn timing_is_never_negative(origin in time(), arrival in time(), previous in prop::option::of(time())) {
        let t = waba_window::timing(origin, arrival, previous, waba_window::DEFAULT_MESSAGE_DELAY);
        prop_assert_eq!(t.clock_skew, origin > arrival);
        if t.clock_skew {
            prop_assert_eq!((t.delay_seconds, t.delayed), (0, false));
        } else {
            prop_assert_eq!(t.delay_seconds, u64::try_from((arrival - origin).num_seconds()).unwrap());
        }
        prop_assert_eq!(t.out_of_order, previous.is_some_and(|p| origin < p));
    }
}

proptest! {
    /// `check` works the usual case out in seconds since the epoch; `at` with calendar arithmetic.
    /// They agree on every instant, spans with milliseconds included, and a refusal names the
    /// close `at` reports.
    #[test]
    fn check_in_seconds_agrees_with_the_calendar(
        inbound in time(),
        now in time(),
        span_ms in 1i64..=200_000_000_000,
    ) {
        let c = WindowConfig::new(true, TimeDelta::milliseconds(span_ms));
        let w = Window::new().on_inbound(inbound, false);
        let s = w.at(&c, now);
        match w.check(&c, now, OutboundKind::Text) {
            Ok(()) => prop_assert!(s.free_form_allowed),
            Err(waba_window::EligibilityError::WindowClosed { closed_at, .. }) => {
                prop_assert!(!s.free_form_allowed);
                prop_assert_eq!(Some(closed_at), s.closes_at);
            }
            Err(e) => prop_assert!(false, "{e:?}"),
        }
    }
}
