//! `waba error CODE...` as the contract says.

use crate::waba;

#[test]
fn one_line_per_code_with_the_contract_classes() {
    let run = waba(
        &[
            "error", "131047", "130429", "131056", "131049", "131050", "132000", "132018", "131053",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    let classes: Vec<&str> = lines.iter().map(|l| l["class"].as_str().unwrap()).collect();
    assert_eq!(
        classes,
        [
            "window",
            "throttling",
            "throttling",
            "marketing_limit",
            "opt_out",
            "template",
            "template",
            "media"
        ]
    );
    for l in &lines {
        for key in ["code", "title", "class", "retryable", "action", "source"] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
        assert!(l["code"].is_u64());
        assert!(l["source"].as_str().unwrap().starts_with("https://"));
    }
    assert_eq!(lines[0]["code"], 131_047);
    assert_eq!(lines[0]["action"], "reengage_with_template");
    assert_eq!(lines[3]["retryable"], true);
    assert_eq!(lines[4]["retryable"], false);
}

#[test]
fn unknown_code_is_class_unknown_and_not_an_integer_is_usage() {
    let run = waba(&["error", "4242424"], b"");
    assert_eq!(run.code, 0);
    let l = &run.json_lines()[0];
    assert_eq!(
        (l["code"].as_u64(), l["class"].as_str()),
        (Some(4_242_424), Some("unknown"))
    );
    for bad in ["13x", "-5", "1.5", ""] {
        let run = waba(&["error", "131047", bad], b"");
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stdout.is_empty(), "{bad}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1);
    }
    assert_eq!(waba(&["error"], b"").code, 2);
}
