//! Pacing: whatever the attempts, the messages let through never exceed the configured rate in any
//! one-second window, and a `Wait` names a time at which that rule lets the message go.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use waba_delivery::pacing::{BusinessPacer, Pace, RecipientPacer, Rule};

fn at(micros: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000, 0).unwrap() + TimeDelta::microseconds(micros)
}

proptest! {
    #[test]
    fn never_more_than_the_rate_in_any_window(
        rate in 1u32..30,
        gaps in proptest::collection::vec(0i64..200_000, 1..400),
        errors in proptest::collection::vec(any::<bool>(), 400),
    ) {
        let mut pacer = BusinessPacer::new(rate).unwrap();
        let mut now = 0i64;
        let mut sent: Vec<i64> = Vec::new();
        for (i, gap) in gaps.iter().enumerate() {
            now += gap;
            match pacer.decide(at(now)) {
                Pace::Go => {
                    pacer.on_sent(at(now));
                    sent.push(now);
                    if errors[i] && i % 7 == 0 {
                        pacer.on_error(130_429, at(now));
                    } else {
                        pacer.on_accepted();
                    }
                }
                Pace::Wait { until, rule } => {
                    prop_assert!(until > at(now));
                    if rule == Rule::Throughput {
                        // At `until` the throughput rule lets it go.
                        let mut probe = pacer.clone();
                        probe.on_accepted();
                        prop_assert!(probe.decide(until).is_go());
                    }
                }
                other => prop_assert!(false, "unexpected {other:?}"),
            }
        }
        // Any window [s, s + 1 s) starting at a send holds at most `rate` sends.
        for (i, start) in sent.iter().enumerate() {
            let in_window = sent[i..].iter().take_while(|t| **t < start + 1_000_000).count();
            prop_assert!(in_window <= rate as usize, "{in_window} > {rate} from {start}");
        }
    }

    #[test]
    fn pair_interval_always_holds(gaps in proptest::collection::vec(0i64..9_000_000, 1..100)) {
        let mut pacer = RecipientPacer::default();
        let mut now = 0i64;
        let mut last: Option<i64> = None;
        for gap in gaps {
            now += gap;
            if pacer.decide(at(now), false).is_go() {
                if let Some(l) = last {
                    prop_assert!(now - l >= 6_000_000);
                }
                pacer.on_sent(at(now));
                last = Some(now);
            }
        }
    }
}

#[test]
fn the_default_rate_is_80_per_second() {
    let mut pacer = BusinessPacer::new(waba_delivery::pacing::THROUGHPUT_DEFAULT).unwrap();
    let mut let_through = 0;
    for i in 0..200 {
        let now = at(i * 1_000); // one attempt per millisecond
        if pacer.decide(now).is_go() {
            pacer.on_sent(now);
            let_through += 1;
        }
    }
    assert_eq!(let_through, 80);
}

waba_testkit::corpus_tests! {
    stop_keywords_seed_corpus_replays: "stop_keywords", at least 10, waba_delivery::internal::stop_keywords;
}
