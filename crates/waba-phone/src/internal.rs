//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

use crate::esp::{EspRequest, OfflineDirectory, handle};
use crate::{BusinessNumber, E164, Identity, analyze, normalize, normalize_international, verdict};

/// `phone_normalize`: normalize, verdict, analysis and identity parsing on any text; checks that
/// a result is E.164, that normalizing it again changes nothing, and that identities round-trip.
pub fn phone_normalize(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(business) = "+919876543210".parse::<BusinessNumber>() else {
        return;
    };
    for n in [normalize(text, &business), normalize_international(text)]
        .into_iter()
        .flatten()
    {
        let again = normalize(n.as_str(), &business);
        assert_eq!(again, Ok(n), "normalize is not idempotent on {n}");
        assert_eq!(n.as_str().parse::<E164>(), Ok(n));
        if let Some(s) = verdict(&n).suggestion {
            assert!(
                verdict(&s.number).valid,
                "suggestion {} not valid",
                s.number
            );
        }
    }
    if let Ok(a) = analyze(text, &business) {
        if let Some(s) = a.verdict.suggestion {
            assert!(
                verdict(&s.number).valid,
                "suggestion {} not valid",
                s.number
            );
        }
    }
    if let Ok(id) = text.parse::<Identity>() {
        let back = id.as_str().parse::<Identity>();
        assert_eq!(back.as_ref(), Ok(&id));
    }
}

/// `esp_request`: reads an ESP request and answers it offline; a request that was read writes
/// back to JSON that reads to the same request.
pub fn esp_request(data: &[u8]) {
    let Ok(business) = "+919876543210".parse::<BusinessNumber>() else {
        return;
    };
    match EspRequest::from_slice(data) {
        Ok(req) => {
            if let Ok(bytes) = serde_json::to_vec(&req) {
                let again = EspRequest::from_slice(&bytes);
                assert_eq!(again.as_ref(), Ok(&req), "request does not round-trip");
            }
            match handle(&req, &OfflineDirectory, Some(&business)) {
                Ok(resp) => {
                    let _ = serde_json::to_vec(&resp);
                }
                Err(e) => {
                    let _ = serde_json::to_vec(&e.to_response());
                }
            }
            let _ = handle(&req, &OfflineDirectory, None);
        }
        Err(e) => {
            let _ = serde_json::to_vec(&e.to_response());
        }
    }
}

/// `clean_rows`: the contact-list reader on any bytes, as lines and as CSV (column `phone`), in
/// batches of 1 to 4 rows. Lines: one row per line end, plus a last unterminated line. CSV: the
/// same records as the `csv` crate reads alone. Every row is judged without a panic.
pub fn clean_rows(data: &[u8]) {
    use crate::clean::{RowReader, check};
    let Ok(business) = "+919876543210".parse::<BusinessNumber>() else {
        return;
    };
    let max_rows = 1 + usize::from(data.first().copied().unwrap_or(0) % 4);
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);

    let rows = each_row(RowReader::lines(data), max_rows, |row| {
        let _ = check(row, Some(&business));
    });
    let ends = memchr::memchr_iter(b'\n', body).count() as u64;
    let tail = u64::from(!body.is_empty() && body.last() != Some(&b'\n'));
    assert_eq!(rows, ends + tail, "line rows");

    let Ok(reader) = RowReader::csv(data, "phone") else {
        return;
    };
    let mut expected = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(body);
    let mut record = csv::ByteRecord::new();
    each_row(reader, max_rows, |row| {
        assert!(matches!(expected.read_byte_record(&mut record), Ok(true)));
        assert!(row.fields().eq(record.iter()), "record {}", row.number());
        let _ = check(row, None);
    });
    assert!(matches!(expected.read_byte_record(&mut record), Ok(false)));
}

/// Reads every row in batches of `max_rows`, checks rows are numbered from 1 without a gap, calls
/// `each` on each; the number of rows read.
fn each_row(
    mut reader: crate::clean::RowReader<impl std::io::Read>,
    max_rows: usize,
    mut each: impl FnMut(&crate::clean::Row<'_>),
) -> u64 {
    let mut batch = crate::clean::Batch::default();
    let mut rows = 0u64;
    while let Ok(n) = reader.read_batch(&mut batch, max_rows) {
        if n == 0 {
            break;
        }
        for row in batch.rows() {
            rows += 1;
            assert_eq!(row.number(), rows);
            each(&row);
        }
    }
    rows
}
