//! Every boundary of the window: exactly at the timespan, one second before, clock skew,
//! monitoring off, custom timespans, the entry point expiring.

use waba_error::WabaError;

use crate::t;
use chrono::TimeDelta;
use waba_window::{
    ENTRY_POINT_DURATION, EligibilityError, OutboundKind, Window, WindowConfig, WindowState,
};

fn opened() -> Window {
    Window::new().on_inbound(t("2026-11-24T10:00:00Z"), false)
}

#[test]
fn exactly_at_the_timespan_it_is_closed() {
    let c = WindowConfig::default();
    let now = t("2026-11-25T10:00:00Z");
    let s = opened().at(&c, now);
    assert_eq!(s.state, WindowState::Closed);
    assert_eq!(s.remaining_seconds, 0);
    assert!(!s.free_form_allowed);
    assert!(s.templates_allowed);
    for kind in OutboundKind::ALL {
        let r = opened().check(&c, now, kind);
        if kind == OutboundKind::Template {
            assert!(r.is_ok());
        } else {
            let e = r.unwrap_err();
            assert_eq!(
                e,
                EligibilityError::WindowClosed {
                    kind,
                    closed_at: now
                }
            );
            assert_eq!(
                (e.code(), e.meta_code(), e.closed_at()),
                ("window.closed", Some(131_047), Some(now))
            );
            assert!(e.to_string().contains("2026-11-25 10:00:00"), "{e}");
        }
    }
}

#[test]
fn one_second_before_it_is_open() {
    let c = WindowConfig::default();
    let now = t("2026-11-25T09:59:59Z");
    let s = opened().at(&c, now);
    assert_eq!(
        (s.state, s.remaining_seconds, s.free_form_allowed),
        (WindowState::ClosingSoon, 1, true)
    );
    for kind in OutboundKind::ALL {
        assert!(opened().check(&c, now, kind).is_ok(), "{kind}");
    }
}

#[test]
fn closing_soon_threshold_is_inclusive_and_configurable() {
    let c = WindowConfig::default();
    let ten_minutes = c.with_closing_soon(TimeDelta::minutes(10));
    let never = ten_minutes.with_closing_soon(TimeDelta::zero());
    // The window closes at 2026-11-25T10:00:00Z; each case is a time of that morning.
    for (threshold, config, time, state) in [
        ("default", c, "09:00:00", WindowState::ClosingSoon),
        ("default", c, "08:59:59", WindowState::Open),
        ("10 min", ten_minutes, "09:00:00", WindowState::Open),
        ("10 min", ten_minutes, "09:50:00", WindowState::ClosingSoon),
        ("zero", never, "09:59:59", WindowState::Open),
    ] {
        let at = opened().at(&config, t(&format!("2026-11-25T{time}Z")));
        assert_eq!(at.state, state, "{threshold} at {time}");
    }
}

#[test]
fn clock_skew_inbound_after_now_keeps_the_window_open_never_longer_than_its_length() {
    // The last inbound (10:00) is an hour after now (09:00): it counts as at now (decision 0404),
    // so the window is open with its full length left, never 25 h.
    let c = WindowConfig::default();
    let now = t("2026-11-24T09:00:00Z");
    let s = opened().at(&c, now);
    assert_eq!(
        (s.state, s.remaining_seconds, s.closes_at),
        (
            WindowState::Open,
            24 * 3600,
            Some(t("2026-11-25T09:00:00Z"))
        )
    );
    assert!(opened().check(&c, now, OutboundKind::Text).is_ok());
}

#[test]
fn clock_skew_with_a_sub_second_now_leaves_the_whole_length_and_never_grows() {
    // A 1 s window; the last inbound is in the future. Whatever the fraction of now's second, the
    // window has its whole second left, and the time left does not grow as now goes on (a
    // proptest found 0 s at .512 s, then 1 s at the inbound's own whole second).
    let c = WindowConfig::new(true, TimeDelta::seconds(1));
    let w = Window::new().on_inbound(t("2017-06-11T18:38:15Z"), false);
    let mut last = u64::MAX;
    for now in [
        "2017-03-13T14:56:40.512Z",
        "2017-03-13T14:56:41Z",
        "2017-06-11T18:38:14.999Z",
        "2017-06-11T18:38:15Z",
        "2017-06-11T18:38:15.5Z",
    ] {
        let s = w.at(&c, t(now));
        assert!(
            s.remaining_seconds <= last,
            "{now}: {} after {last}",
            s.remaining_seconds
        );
        last = s.remaining_seconds;
        let before_inbound = t(now) < t("2017-06-11T18:38:15Z");
        if before_inbound {
            assert_eq!(
                (s.state, s.remaining_seconds),
                (WindowState::ClosingSoon, 1),
                "{now}"
            );
        }
        assert_eq!(
            s.free_form_allowed,
            w.check(&c, t(now), OutboundKind::Text).is_ok(),
            "{now}"
        );
    }
}

#[test]
fn a_sub_second_close_agrees_with_what_is_allowed() {
    // Last inbound at .5 s: the window closes at the whole second (rounded down), and at .2 s
    // past it nothing says "open".
    let c = WindowConfig::default();
    let w = Window::new().on_inbound(t("2026-11-23T10:00:00.5Z"), false);
    let s = w.at(&c, t("2026-11-24T10:00:00.2Z"));
    assert_eq!(s.closes_at, Some(t("2026-11-24T10:00:00Z")));
    assert_eq!(
        (s.state, s.free_form_allowed, s.remaining_seconds),
        (WindowState::Closed, false, 0)
    );
    assert!(
        w.check(&c, t("2026-11-24T10:00:00.2Z"), OutboundKind::Text)
            .is_err()
    );
    let s = w.at(&c, t("2026-11-24T09:59:59.9Z"));
    assert!(s.free_form_allowed);
    assert!(
        w.check(&c, t("2026-11-24T09:59:59.9Z"), OutboundKind::Text)
            .is_ok()
    );
}

#[test]
fn monitoring_off_is_disabled_and_allows_free_form() {
    let c = WindowConfig::new(false, TimeDelta::hours(24));
    let now = t("2026-12-24T10:00:00Z");
    let s = opened().at(&c, now);
    assert_eq!(s.state, WindowState::Disabled);
    assert_eq!(
        (s.closes_at, s.remaining_seconds, s.free_form_allowed),
        (None, 0, true)
    );
    assert!(opened().check(&c, now, OutboundKind::Text).is_ok());
    assert!(Window::new().check(&c, now, OutboundKind::Text).is_ok());
}

#[test]
fn custom_timespan() {
    let c = WindowConfig::new(true, waba_window::parse_duration("90m").unwrap());
    assert_eq!(
        opened().at(&c, t("2026-11-24T11:29:59Z")).state,
        WindowState::ClosingSoon
    );
    let s = opened().at(&c, t("2026-11-24T11:30:00Z"));
    assert_eq!(
        (s.state, s.closes_at),
        (WindowState::Closed, Some(t("2026-11-24T11:30:00Z")))
    );
    let s = opened().at(&c, t("2026-11-24T10:00:00Z"));
    assert_eq!((s.state, s.remaining_seconds), (WindowState::Open, 5400));
}

#[test]
fn a_new_inbound_refreshes_the_window_and_outbound_does_not() {
    let c = WindowConfig::default();
    let w = opened().on_inbound(t("2026-11-25T09:00:00Z"), false);
    assert_eq!(
        w.at(&c, t("2026-11-26T08:59:59Z")).state,
        WindowState::ClosingSoon
    );
    let w2 = opened().on_outbound(t("2026-11-25T09:00:00Z"), OutboundKind::Template);
    assert_eq!(
        w2.at(&c, t("2026-11-25T10:00:00Z")).state,
        WindowState::Closed
    );
}

#[test]
fn never_written_is_closed_with_no_close_time() {
    let c = WindowConfig::default();
    let s = Window::new().at(&c, t("2026-11-24T10:00:00Z"));
    assert_eq!(
        (s.state, s.closes_at, s.free_form_allowed),
        (WindowState::Closed, None, false)
    );
    let e = Window::new()
        .check(&c, t("2026-11-24T10:00:00Z"), OutboundKind::Reaction)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code(), e.closed_at()),
        ("window.never_opened", Some(131_047), None)
    );
}

#[test]
fn entry_point_expiring() {
    let c = WindowConfig::default();
    let reply = t("2026-11-24T12:00:00Z");
    let w = Window::new()
        .on_inbound(t("2026-11-24T10:00:00Z"), true)
        .on_outbound(reply, OutboundKind::Text);
    let until = reply + ENTRY_POINT_DURATION;
    assert_eq!(
        w.at(&c, until - TimeDelta::seconds(1))
            .free_entry_point_until,
        Some(until)
    );
    assert_eq!(w.at(&c, until).free_entry_point_until, None);
    // Inside the entry point but outside the 24-hour window: templates only.
    let s = w.at(&c, t("2026-11-26T10:00:00Z"));
    assert_eq!(
        (s.state, s.free_form_allowed, s.free_entry_point_until),
        (WindowState::Closed, false, Some(until))
    );
    assert!(
        w.check(&c, t("2026-11-26T10:00:00Z"), OutboundKind::Text)
            .is_err()
    );
}

#[test]
fn entry_point_reply_boundary_is_24_hours() {
    let w = Window::new().on_inbound(t("2026-11-24T10:00:00Z"), true);
    let just = w.on_outbound(t("2026-11-25T09:59:59Z"), OutboundKind::Template);
    assert!(just.entry_point_reply.is_some());
    let late = w.on_outbound(t("2026-11-25T10:00:00Z"), OutboundKind::Template);
    assert!(late.entry_point_reply.is_none());
    // A second reply does not restart it.
    let second = just.on_outbound(t("2026-11-25T11:00:00Z"), OutboundKind::Text);
    assert_eq!(second.entry_point_reply, just.entry_point_reply);
}

#[test]
fn state_round_trips_through_json() {
    let w = Window::new()
        .on_inbound(t("2026-11-24T10:00:00Z"), true)
        .on_outbound(t("2026-11-24T10:05:00Z"), OutboundKind::Text)
        .on_inbound(t("2026-11-24T11:00:00Z"), false);
    let json = serde_json::to_string(&w).unwrap();
    assert_eq!(serde_json::from_str::<Window>(&json).unwrap(), w);
    let fixture = include_str!("fixtures/window_state.json");
    let parsed: Window = serde_json::from_str(fixture).unwrap();
    assert_eq!(parsed, w);
    assert_eq!(
        serde_json::to_value(parsed).unwrap(),
        serde_json::from_str::<serde_json::Value>(fixture).unwrap()
    );
}

#[test]
fn meta_131047_closes_the_window_until_the_customer_writes() {
    use chrono::{DateTime, TimeDelta, Utc};
    use waba_window::{OutboundKind, Window, WindowConfig, WindowState};
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let c = WindowConfig::default();
    let w = Window::new()
        .on_inbound(t0, false)
        .on_reengagement_failure(t0 + TimeDelta::minutes(1));
    let later = t0 + TimeDelta::minutes(2);
    assert_eq!(w.closed_by_meta(), Some(t0 + TimeDelta::minutes(1)));
    assert_eq!(w.at(&c, later).state, WindowState::Closed);
    assert!(!w.at(&c, later).free_form_allowed);
    let e = w.check(&c, later, OutboundKind::Text).unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code()),
        ("window.closed_by_meta", Some(131_047))
    );
    // Templates still go; with monitoring off everything goes.
    assert!(w.check(&c, later, OutboundKind::Template).is_ok());
    assert!(
        w.check(
            &WindowConfig::new(false, c.timespan),
            later,
            OutboundKind::Text
        )
        .is_ok()
    );
    // The customer writes again: open.
    let w = w.on_inbound(t0 + TimeDelta::minutes(5), false);
    assert_eq!(w.closed_by_meta(), None);
    assert!(
        w.check(&c, t0 + TimeDelta::minutes(6), OutboundKind::Text)
            .is_ok()
    );
    // The state round-trips through serde, and a state without the field still reads.
    let back: Window = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
    assert_eq!(back, w);
}
