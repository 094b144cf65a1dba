//! The duration parser against the hostile option values of `hostile-inputs.md` (item 37).

use waba_error::WabaError;

use chrono::TimeDelta;
use waba_window::{MAX_SECONDS, format_duration, parse_duration, parse_duration_pair};

#[test]
fn hostile_values_are_typed_errors() {
    let cases = [
        ("10 s", "duration.whitespace", Some(2)),
        ("-1s", "duration.negative", Some(0)),
        ("+5", "duration.sign", Some(0)),
        ("1e3", "duration.unknown_unit", Some(1)),
        ("0x10", "duration.unknown_unit", Some(1)),
        ("1_000", "duration.invalid_char", Some(1)),
        ("２４h", "duration.invalid_char", Some(0)),
        ("NaN", "duration.unknown_unit", Some(0)),
        ("-0", "duration.negative", Some(0)),
        ("18446744073709551616", "duration.too_large", None),
        ("\u{feff}24h", "duration.invalid_char", Some(0)),
        ("24h\0", "duration.invalid_char", Some(3)),
        ("", "duration.empty", None),
    ];
    for (input, code, position) in cases {
        let e = parse_duration(input).unwrap_err();
        assert_eq!((e.code(), e.position()), (code, position), "{input:?}");
        assert!(e.to_string().len() < 200, "message too long for {input:?}");
    }
}

#[test]
fn a_megabyte_of_digits_is_too_large_not_a_panic() {
    let big = "9".repeat(1 << 20);
    let e = parse_duration(&big).unwrap_err();
    assert_eq!(
        (e.code(), e.actual(), e.limit()),
        ("duration.too_large", None, Some(MAX_SECONDS))
    );
    assert!(e.to_string().len() < 100);
    let zeros = format!("{}1s", "0".repeat(1 << 20));
    assert_eq!(parse_duration(&zeros), Ok(TimeDelta::seconds(1)));
}

#[test]
fn the_maximum_and_one_more() {
    assert_eq!(
        parse_duration("2147483647s").unwrap().num_seconds(),
        2_147_483_647
    );
    assert_eq!(
        parse_duration("596523h14m7s").unwrap().num_seconds(),
        2_147_483_647
    );
    assert_eq!(
        parse_duration("596523h14m8s").unwrap_err().actual(),
        Some(2_147_483_648)
    );
}

#[test]
fn pair_positions_point_into_the_whole_value() {
    let e = parse_duration_pair("30,5x").unwrap_err();
    assert_eq!((e.code(), e.position()), ("duration.unknown_unit", Some(4)));
    assert_eq!(
        parse_duration_pair("30,").unwrap_err().code(),
        "duration.empty"
    );
    assert_eq!(
        parse_duration_pair("").unwrap_err().code(),
        "duration.pair_shape"
    );
    assert_eq!(
        parse_duration_pair("30,30").unwrap().0,
        TimeDelta::seconds(30)
    );
}

#[test]
fn canonical_form() {
    assert_eq!(format_duration(parse_duration("86400").unwrap()), "24h");
    assert_eq!(format_duration(parse_duration("90m").unwrap()), "1h30m");
}
