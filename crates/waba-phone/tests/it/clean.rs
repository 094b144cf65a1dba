//! The contact-list reader: CSV edge cases and a property test that every record comes out.

use proptest::prelude::*;
use waba_error::WabaError;
use waba_phone::BusinessNumber;
use waba_phone::clean::{Batch, CleanError, RowError, RowReader, check};

/// One row read back: its fields, the number's text, the row error code.
type Read = (Vec<String>, String, Option<&'static str>);

/// Every row of a CSV input.
fn csv_rows(input: &[u8], column: &str) -> Result<Vec<Read>, CleanError> {
    let business: BusinessNumber = "+919876543210".parse().unwrap();
    let mut r = RowReader::csv(input, column)?;
    let mut b = Batch::default();
    let mut out = Vec::new();
    while r.read_batch(&mut b, 2)? > 0 {
        for row in b.rows() {
            assert_eq!(row.number(), out.len() as u64 + 1);
            let fields = row
                .fields()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            let v = check(&row, Some(&business));
            out.push((
                fields,
                String::from_utf8_lossy(row.input()).into_owned(),
                v.error.as_ref().map(WabaError::code),
            ));
        }
    }
    Ok(out)
}

#[test]
fn bom_crlf_and_quoted_newlines() {
    let input = b"\xEF\xBB\xBFname,phone\r\n\"Smith, Ann\",\"+1 650\r\n253 0000\"\r\nBo,\"+44 20 7946 0958\"\r\n";
    let rows = csv_rows(input, "phone").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, ["Smith, Ann", "+1 650\r\n253 0000"]);
    // A line end inside the number is not part of a phone number.
    assert_eq!(rows[0].2, Some("phone.unexpected_character"));
    assert_eq!(rows[1].1, "+44 20 7946 0958");
    assert_eq!(rows[1].2, None);
    // The BOM is not part of the first column's name.
    assert_eq!(csv_rows(input, "name").unwrap()[1].1, "Bo");
}

#[test]
fn missing_column_and_empty_inputs() {
    let e = csv_rows(b"name,tel\nA,+1\n", "phone").unwrap_err();
    assert_eq!(e.code(), "clean.missing_column");
    assert_eq!(e.field(), Some("phone"));
    assert!(e.to_string().contains("name, tel"), "{e}");
    // Empty file: no rows. Header only: no rows.
    assert!(csv_rows(b"", "phone").unwrap().is_empty());
    assert!(csv_rows(b"\xEF\xBB\xBF", "phone").unwrap().is_empty());
    assert!(csv_rows(b"phone\r\n", "phone").unwrap().is_empty());
    assert!(csv_rows(b"phone", "phone").unwrap().is_empty());
}

#[test]
fn ragged_rows_are_rows_with_an_error() {
    let rows = csv_rows(
        b"name,phone,note\nA,+16502530000\nB,+16502530000,x,y\nC,+16502530000,z\n",
        "phone",
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].2, Some("clean.ragged_row"));
    assert_eq!(rows[1].2, Some("clean.ragged_row"));
    assert_eq!(rows[1].0.len(), 4);
    assert_eq!(rows[2].2, None);
    // A record too short to hold the column at all.
    let rows = csv_rows(b"name,phone\nA\n", "phone").unwrap();
    assert_eq!(rows[0].1, "");
    assert_eq!(rows[0].2, Some("clean.ragged_row"));
}

#[test]
fn not_utf8_is_a_row_error_and_other_fields_pass_through() {
    let rows = csv_rows(
        b"name,phone\n\xff\xfe,+16502530000\nB,+1 650\xc0 253\n",
        "phone",
    )
    .unwrap();
    assert_eq!(rows[0].2, None);
    assert_eq!(rows[0].0[0], "\u{fffd}\u{fffd}");
    assert_eq!(rows[1].2, Some("clean.not_utf8"));
    let business: BusinessNumber = "+919876543210".parse().unwrap();
    let v = waba_phone::clean::check_input(b"+1 650\xc0", Some(&business));
    assert_eq!(v.error, Some(RowError::NotUtf8 { position: 6 }));
}

#[test]
fn a_record_past_the_cap_stops_the_reading() {
    let mut input = b"phone\n+16502530000\n\"".to_vec();
    input.extend(std::iter::repeat_n(
        b'1',
        waba_phone::clean::MAX_ROW_BYTES + 100,
    ));
    input.extend_from_slice(b"\"\n+16502530000\n");
    let mut r = RowReader::csv(&input[..], "phone").unwrap();
    let mut b = Batch::default();
    // The row before the long record comes out first, whatever the batch size.
    assert_eq!(r.read_batch(&mut b, 100).unwrap(), 1);
    assert_eq!(b.rows().next().unwrap().input(), b"+16502530000");
    let e = r.read_batch(&mut b, 100).unwrap_err();
    assert_eq!(e.code(), "clean.record_too_long");
    assert_eq!(e.position(), Some(2));
    assert_eq!(e.limit(), Some(1 << 20));
}

/// A CSV field: any of a few awkward characters.
fn field() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "1", "+", " ", ",", "\"", "\n", "\r\n", "é", "9", "",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Records written by the csv crate (quoted as needed) all come back, in order, field for field,
    /// whatever the batch size.
    #[test]
    fn every_csv_record_comes_out(
        records in prop::collection::vec(prop::collection::vec(field(), 1..4), 0..40),
        bom in any::<bool>(),
        batch in 1usize..5,
    ) {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(["phone", "b", "c"]).unwrap();
        for r in &records {
            w.write_record(r).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());
        let mut reader = RowReader::csv(&bytes[..], "phone").unwrap();
        let mut b = Batch::default();
        let mut got: Vec<Vec<String>> = Vec::new();
        while reader.read_batch(&mut b, batch).unwrap() > 0 {
            for row in b.rows() {
                prop_assert_eq!(row.number(), got.len() as u64 + 1);
                let _ = check(&row, None);
                got.push(row.fields().map(|f| String::from_utf8(f.to_vec()).unwrap()).collect());
            }
        }
        prop_assert_eq!(got, records);
    }

    /// Lines: one row per line end, plus a last unterminated line.
    #[test]
    fn every_line_comes_out(lines in prop::collection::vec("[ -~é]{0,12}", 0..40), crlf in any::<bool>(), last_end in any::<bool>()) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(end);
        if last_end && !lines.is_empty() {
            text.push_str(end);
        }
        let mut reader = RowReader::lines(text.as_bytes());
        let mut b = Batch::default();
        let mut got = Vec::new();
        while reader.read_batch(&mut b, 3).unwrap() > 0 {
            got.extend(b.rows().map(|r| String::from_utf8(r.input().to_vec()).unwrap()));
        }
        // An empty last line without its end is no line at all.
        let mut want = lines.clone();
        if !last_end && want.last().is_some_and(String::is_empty) {
            want.pop();
        }
        prop_assert_eq!(got, want);
    }
}
