//! `waba phone` against the contract.

use crate::{normalize, waba};

const INDIA: &str = "+919876543210";

#[test]
fn the_guides_table() {
    let rows = [
        ("+1-631-555-1002", "+16315551002"),
        ("6315551002", "+916315551002"),
        ("1-631-555-1002", "+9116315551002"),
        ("+1 (516) 283-7151", "+15162837151"),
        ("+54 9 11 5612-1008", "+5491156121008"),
    ];
    let numbers: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let run = normalize(INDIA, &numbers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), rows.len());
    for (line, (input, normalized)) in lines.iter().zip(rows) {
        assert_eq!(line["input"], input);
        assert_eq!(line["normalized"], normalized);
    }
    // The metadata's verdict.
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["region"], "US");
    assert_eq!(lines[2]["valid"], false);
    assert_eq!(lines[2]["suggestion"], "+16315551002");
    assert_eq!(lines[3]["valid"], true);
    assert_eq!(lines[4]["valid"], true);
    assert_eq!(lines[4]["region"], "AR");
    assert!(lines[0].get("suggestion").is_none());
}

#[test]
fn a_refused_input_has_its_error_and_the_others_still_print() {
    let run = normalize(
        INDIA,
        &["+1 650 253 0000 ext. 12", "+16502530000", "1-800-FLOWERS"],
    );
    assert_eq!(run.code, 1);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["input"], "+1 650 253 0000 ext. 12");
    assert_eq!(lines[0]["error"]["code"], "phone.extension");
    assert_eq!(lines[0]["error"]["position"], 16);
    assert_eq!(lines[1]["normalized"], "+16502530000");
    assert_eq!(lines[2]["error"]["code"], "phone.letter");
    assert_eq!(lines[2]["error"]["position"], 6);
    assert!(lines[2]["error"]["message"].as_str().unwrap().contains('F'));
}

#[test]
fn other_scripts_and_trunk_zero() {
    let run = normalize(
        INDIA,
        &["＋１ ６５０ ２５３ ００００", "+44 (0)20 7946 0958"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines[0]["normalized"], "+16502530000");
    assert_eq!(lines[1]["normalized"], "+4402079460958");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["suggestion"], "+442079460958");
}

#[test]
fn too_many_digits_names_limit_and_actual() {
    let run = waba(&["phone", "normalize", "+1234567890123456"], b"");
    assert_eq!(run.code, 1);
    let line = &run.json_lines()[0];
    assert_eq!(line["error"]["code"], "phone.too_many_digits");
    assert_eq!(line["error"]["limit"], 15);
    assert_eq!(line["error"]["actual"], 16);
}

#[test]
fn without_business_number_a_plus_is_needed() {
    let run = waba(&["phone", "normalize", "6315551002", "+16315551002"], b"");
    assert_eq!(run.code, 1);
    let lines = run.json_lines();
    assert_eq!(lines[0]["error"]["code"], "phone.missing_plus");
    assert_eq!(lines[1]["valid"], true);
}

#[test]
fn usage_errors_exit_2() {
    let bad = normalize("abc", &["+1"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stdout.is_empty());
    assert!(bad.stderr.contains("business-number"));
    assert_eq!(waba(&["phone", "normalize"], b"").code, 2);
}
