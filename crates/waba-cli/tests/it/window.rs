//! `waba window` against the contract.

use crate::{waba, waba_at};
use serde_json::json;

const T0: &str = "2026-11-24T10:00:00Z";

fn window(now: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["window", "--last-inbound", T0, "--now", now];
    args.extend_from_slice(extra);
    let run = waba(&args, b"");
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    run.json()
}

const TIMESPAN: &str = "whatsappsession.free-msg-timespan";

/// An options file `name` holding the one option `key: value`; its path.
fn option(name: &str, key: &str, value: &str) -> String {
    let dir = std::env::temp_dir().join(format!("waba-window-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, json!({ key: value }).to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn exactly_at_the_timespan_it_is_closed() {
    let v = window("2026-11-25T10:00:00Z", &[]);
    assert_eq!(
        v,
        json!({"state": "closed", "closes_at": "2026-11-25T10:00:00Z", "remaining_seconds": 0,
               "free_form_allowed": false, "templates_allowed": true, "free_entry_point_until": null})
    );
}

#[test]
fn one_second_before_it_is_closing_soon() {
    let v = window("2026-11-25T09:59:59Z", &[]);
    assert_eq!(v["state"], "closing_soon");
    assert_eq!(v["remaining_seconds"], 1);
    assert_eq!(v["free_form_allowed"], true);
}

#[test]
fn open_with_remaining_seconds() {
    let v = window("2026-11-24T12:00:00Z", &[]);
    assert_eq!(v["state"], "open");
    assert_eq!(v["remaining_seconds"], 22 * 3600);
    assert_eq!(v["closes_at"], "2026-11-25T10:00:00Z");
}

#[test]
fn monitoring_off_is_disabled() {
    let monitoring = "whatsappsession.enable-free-msg-timespan-monitoring";
    let file = option("off.json", monitoring, "false");
    let v = window("2026-11-30T10:00:00Z", &["--options", &file]);
    assert_eq!(v["state"], "disabled");
    assert_eq!(v["free_form_allowed"], true);
    assert_eq!(v["templates_allowed"], true);
}

#[test]
fn custom_timespan() {
    let file = option("span.json", TIMESPAN, "90m");
    let v = window("2026-11-24T11:29:59Z", &["--options", &file]);
    assert_eq!(
        (v["state"].clone(), v["remaining_seconds"].clone()),
        (json!("closing_soon"), json!(1))
    );
    assert_eq!(v["closes_at"], "2026-11-24T11:30:00Z");
    let v = window("2026-11-24T11:30:00Z", &["--options", &file]);
    assert_eq!(v["state"], "closed");
}

#[test]
fn bad_timespan_option_is_exit_2_naming_it() {
    let file = option("bad.json", TIMESPAN, "-1s");
    let run = waba_at("window", T0, T0, &["--options", &file], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(TIMESPAN), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn entry_point_runs_72_hours_from_the_reply() {
    let reply = ["--entry-point-reply", "2026-11-24T12:00:00Z"];
    let v = window("2026-11-26T10:00:00Z", &reply);
    assert_eq!(v["free_entry_point_until"], "2026-11-27T12:00:00Z");
    assert_eq!(v["state"], "closed");
    assert_eq!(v["free_form_allowed"], false);
    let v = window("2026-11-27T11:59:59Z", &reply);
    assert_eq!(v["free_entry_point_until"], "2026-11-27T12:00:00Z");
    let v = window("2026-11-27T12:00:00Z", &reply);
    assert_eq!(v["free_entry_point_until"], serde_json::Value::Null);
}

#[test]
fn a_reply_after_24_hours_opens_no_entry_point() {
    let v = window(
        "2026-11-25T11:00:00Z",
        &["--entry-point-reply", "2026-11-25T10:00:00Z"],
    );
    assert_eq!(v["free_entry_point_until"], serde_json::Value::Null);
}

#[test]
fn bad_times_are_exit_2() {
    for args in [
        vec!["window", "--last-inbound", "yesterday", "--now", T0],
        vec!["window", "--last-inbound", T0, "--now", "2026-11-24 10:00"],
        vec!["window", "--last-inbound", T0],
        vec![
            "window",
            "--last-inbound",
            T0,
            "--now",
            T0,
            "--entry-point-reply",
            "soon",
        ],
    ] {
        let run = waba(&args, b"");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}
