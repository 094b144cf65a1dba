//! `waba phone clean` against the contract.

use crate::{TempFile, waba};

const INDIA: &str = "+919876543210";

/// The columns the contract adds after the input's (or after `row` and `input`), in order, as
/// a CSV header.
const ADDED: &str = "normalized,valid,region,type,suggestion,error,duplicate_of";

#[test]
fn one_number_per_line_to_json_lines() {
    let input = "+1 650 253 0000\n1-631-555-1002\n1-800-FLOWERS\n+55 11 98765-4321\n+55 11 8765-4321\n\n+52 1 55 1234 5678\r\n+52 55 1234 5678";
    let run = waba(
        &["phone", "clean", "--business-number", INDIA],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.json_lines();
    assert_eq!(rows.len(), 8);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in ["row", "input"].into_iter().chain(ADDED.split(',')) {
        assert!(keys.contains(&k), "{k} missing: {keys:?}");
    }
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["row"], i as u64 + 1);
    }
    assert_eq!(rows[0]["normalized"], "+16502530000");
    assert_eq!(rows[0]["valid"], true);
    assert_eq!(rows[0]["region"], "US");
    assert_eq!(rows[0]["error"], serde_json::Value::Null);
    // Invalid numbers are data: a suggestion, no error.
    assert_eq!(rows[1]["normalized"], "+9116315551002");
    assert_eq!(rows[1]["valid"], false);
    assert_eq!(rows[1]["suggestion"], "+16315551002");
    assert_eq!(rows[2]["error"], "phone.letter");
    assert_eq!(rows[2]["normalized"], serde_json::Value::Null);
    assert_eq!(rows[3]["type"], "mobile");
    // The same subscriber: Brazil's eight-digit form, Mexico's 521.
    assert_eq!(rows[4]["duplicate_of"], 4);
    assert_eq!(rows[5]["input"], "");
    assert_eq!(rows[5]["error"], "phone.no_digits");
    assert_eq!(rows[6]["input"], "+52 1 55 1234 5678");
    assert_eq!(rows[7]["duplicate_of"], 7);
    assert_eq!(rows[3]["duplicate_of"], serde_json::Value::Null);
    // The summary goes to stderr; no progress bar off a terminal.
    assert!(run.stderr.contains("8 rows"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'));
}

#[test]
fn csv_keeps_every_column_and_row_in_order() {
    let input = "\u{feff}name,phone,note\r\n\"Smith, Ann\",+44 20 7946 0958,\"two\r\nlines\"\r\nBo,+44 (0)20 7946 0958,\r\nCy,020 7946 0958,x\r\n";
    let f = TempFile::with(input.as_bytes(), ".csv");
    let run = waba(
        &[
            "phone",
            "clean",
            "--column",
            "phone",
            "--business-number",
            "+447911123456",
            f.path(),
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut r = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let expected: Vec<&str> = ["name", "phone", "note"]
        .into_iter()
        .chain(ADDED.split(','))
        .collect();
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "Smith, Ann");
    assert_eq!(&rows[0][2], "two\r\nlines");
    assert_eq!(&rows[0][3], "+442079460958");
    assert_eq!(&rows[0][4], "true");
    assert_eq!(&rows[0][5], "GB");
    assert_eq!(&rows[0][9], "");
    assert_eq!(&rows[1][3], "+4402079460958");
    assert_eq!(&rows[1][4], "false");
    assert_eq!(&rows[1][7], "+442079460958");
    assert_eq!(&rows[2][3], "+44020 7946 0958".replace(' ', ""));
    assert_eq!(&rows[2][7], "+442079460958");
}

#[test]
fn csv_duplicates_ragged_rows_and_json_lines_out() {
    let input = "phone,name\n+5491156121008,a\n+54 11 5612-1008,b\nonly\n+16502530000,c,d\n+5491156121008,e\n";
    let run = waba(
        &["phone", "clean", "--column", "phone", "--format", "jsonl"],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.json_lines();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[1]["duplicate_of"], 1);
    assert_eq!(rows[2]["error"], "clean.ragged_row");
    assert_eq!(rows[3]["error"], "clean.ragged_row");
    assert_eq!(rows[4]["duplicate_of"], 1);
    assert_eq!(rows[4]["row"], 5);
    // Without duplicate detection the column stays, empty.
    let run = waba(
        &[
            "phone",
            "clean",
            "--column",
            "phone",
            "--no-duplicates",
            "--format",
            "jsonl",
        ],
        input.as_bytes(),
    );
    assert!(run.json_lines().iter().all(|r| r["duplicate_of"].is_null()));
}

#[test]
fn lines_to_csv_and_files_out() {
    let out = TempFile::with(b"", ".csv");
    let summary = TempFile::with(b"", ".json");
    let run = waba(
        &[
            "phone",
            "clean",
            "--format",
            "csv",
            "--output",
            out.path(),
            "--summary",
            summary.path(),
            "-",
        ],
        b"+16502530000\n6502530000\n\xff+1\n+16502530000\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let text = String::from_utf8_lossy(&std::fs::read(&out.0).unwrap()).into_owned();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("input,normalized,valid,region,type,suggestion,error,duplicate_of")
    );
    assert_eq!(
        lines.next(),
        Some("+16502530000,+16502530000,true,US,fixed_line_or_mobile,,,")
    );
    assert_eq!(
        lines.next(),
        Some("6502530000,,false,,,,phone.missing_plus,")
    );
    assert!(lines.next().unwrap().ends_with(",false,,,,clean.not_utf8,"));
    assert_eq!(
        lines.next(),
        Some("+16502530000,+16502530000,true,US,fixed_line_or_mobile,,,1")
    );
    assert_eq!(lines.next(), None);
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary.0).unwrap()).unwrap();
    assert_eq!(s["rows"], 4);
    assert_eq!(s["valid"], 2);
    assert_eq!(s["errors"], 2);
    assert_eq!(s["duplicates"], 1);
    assert_eq!(s["by_region"]["US"], 2);
    assert_eq!(s["by_type"]["fixed_line_or_mobile"], 2);
    assert_eq!(s["by_error"]["phone.missing_plus"], 1);
    assert_eq!(s["by_error"]["clean.not_utf8"], 1);
}

#[test]
fn a_non_utf8_line_keeps_its_row() {
    let run = waba(&["phone", "clean"], b"+1 650\xc0 253 0000\n+16502530000\n");
    assert_eq!(run.code, 0);
    let rows = run.json_lines();
    assert_eq!(rows[0]["error"], "clean.not_utf8");
    assert_eq!(rows[0]["input"], "+1 650\u{fffd} 253 0000");
    assert_eq!(rows[1]["valid"], true);
}

#[test]
fn empty_inputs() {
    let run = waba(&["phone", "clean"], b"");
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    let run = waba(&["phone", "clean", "--column", "phone"], b"");
    assert_eq!(run.code, 0);
    let run = waba(&["phone", "clean", "--column", "phone"], b"phone\r\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "phone,normalized,valid,region,type,suggestion,error,duplicate_of\n"
    );
}

#[test]
fn unreadable_input_is_a_usage_error() {
    let run = waba(
        &["phone", "clean", "--column", "phone"],
        b"name,tel\nA,+1\n",
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("clean.missing_column"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
    let run = waba(&["phone", "clean", "/nonexistent/list.csv"], b"");
    assert_eq!(run.code, 2);
    let run = waba(&["phone", "clean", "--business-number", "nope"], b"+1\n");
    assert_eq!(run.code, 2);
    let run = waba(&["phone", "clean", "--format", "xml"], b"+1\n");
    assert_eq!(run.code, 2);
}

#[test]
fn a_record_past_the_cap_stops_with_the_rows_before_it_written() {
    let mut input = b"phone\n+16502530000\n\"".to_vec();
    input.extend(std::iter::repeat_n(b'1', (1 << 20) + 10));
    input.extend_from_slice(b"\"\n+16502530000\n");
    let run = waba(&["phone", "clean", "--column", "phone"], &input);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("clean.record_too_long"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert!(lines.next().unwrap().starts_with("phone,normalized"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("+16502530000,+16502530000,true")
    );
    assert_eq!(lines.next(), None);
}

/// A generated 100,000-row list (never committed): every row comes out once, in order, on several
/// threads.
#[test]
fn a_hundred_thousand_rows() {
    let forms = [
        "+1 650 253 {}",
        "0{}",
        "+55 11 9{}-1234",
        "+52 1 55 {} 1234",
        "junk {}",
        "",
    ];
    let mut input = String::new();
    for i in 0..100_000u32 {
        let form = forms[i as usize % forms.len()];
        input.push_str(&form.replace("{}", &format!("{:04}", i % 10_000)));
        input.push('\n');
    }
    let f = TempFile::with(input.as_bytes(), ".txt");
    let run = waba(
        &[
            "phone",
            "clean",
            "--business-number",
            INDIA,
            "--threads",
            "3",
            f.path(),
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut n = 0u64;
    for (i, line) in run.stdout.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["row"], i as u64 + 1);
        n += 1;
    }
    assert_eq!(n, 100_000);
    assert!(run.stderr.contains("100000 rows"), "{}", run.stderr);
}
