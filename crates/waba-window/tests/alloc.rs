//! Proves the eligibility decision allocates nothing (its own binary, one test).

use chrono::{DateTime, TimeDelta, Utc};
use waba_window::{OutboundKind, Window, WindowConfig};

#[test]
fn eligibility_and_status_allocate_nothing() {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let config = WindowConfig::default();
    let off = WindowConfig::new(false, TimeDelta::hours(24));
    let w = Window::new().on_inbound(t0, true);
    let mut refused = 0u32;
    let change = allocation_counter::measure(|| {
        for hours in [0i64, 23, 24, 48] {
            let now = t0 + TimeDelta::hours(hours);
            for kind in OutboundKind::ALL {
                refused += u32::from(std::hint::black_box(w.check(&config, now, kind)).is_err());
                refused += u32::from(Window::new().check(&config, now, kind).is_err());
                let _ = std::hint::black_box(w.check(&off, now, kind));
            }
            let _ = std::hint::black_box(w.at(&config, now));
            let _ = std::hint::black_box(
                w.on_inbound(now, false)
                    .on_outbound(now, OutboundKind::Text),
            );
        }
    });
    assert_eq!(refused, 5 * 2 + 5 * 4, "refusals counted");
    assert_eq!(change.count_total, 0, "{change:?}");
}
