//! Contact lists at scale: read a list row by row ([`RowReader`], one number per line or CSV with a
//! chosen column), judge each row ([`check`]: normalize, metadata verdict, suggestion, subscriber
//! key), count what was found ([`Tally`]) and find the first earlier row of the same subscriber
//! ([`DuplicateIndex`]).
//!
//! The reader is streaming and bounded: rows come in [`Batch`]es of at most a given number of rows
//! and about [`BATCH_BYTES`] bytes, and one row is at most [`MAX_ROW_BYTES`]. Nothing here starts a
//! thread or opens a file: the caller gives any [`Read`] and may judge batches on as many threads as
//! it likes (`waba phone clean` does), keeping their order.
//!
//! ```
//! use waba_phone::clean::{Batch, DuplicateIndex, RowReader, Tally, check};
//! use waba_phone::BusinessNumber;
//!
//! let list = "name,phone\r\nAna,+55 11 98765-4321\r\n\"Bo, Jr.\",(11) 8765-4321\r\nCy,1-800-FLOWERS\r\n";
//! let business: BusinessNumber = "+5511912345678".parse()?;
//! let mut reader = RowReader::csv(list.as_bytes(), "phone")?;
//! let mut batch = Batch::default();
//! let (mut tally, mut seen) = (Tally::default(), DuplicateIndex::default());
//! let mut duplicates = Vec::new();
//! while reader.read_batch(&mut batch, 1024)? > 0 {
//!     for row in batch.rows() {
//!         let verdict = check(&row, Some(&business));
//!         let earlier = verdict.key().and_then(|k| seen.first(k, row.number()));
//!         tally.add(&verdict, earlier.is_some());
//!         duplicates.push(earlier);
//!     }
//! }
//! // Row 2 is row 1's subscriber: the eight-digit form of a Brazilian mobile.
//! assert_eq!(duplicates, [None, Some(1), None]);
//! assert_eq!((tally.rows, tally.valid, tally.errors), (3, 1, 1));
//! assert_eq!(tally.by_error().get("phone.letter"), Some(&1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
// The duplicate index is only ever looked up, never iterated, so its order cannot reach any output;
// a hash table keeps the lookup of a million keys fast (decision 0111).
#[allow(clippy::disallowed_types)]
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use waba_error::WabaError;

use crate::{
    Analysis, BusinessNumber, E164, NumberType, PhoneError, SubscriberKey, Verdict, analyze,
    normalize_international, verdict,
};

/// The longest row read whole: a line, or a CSV record with all its fields (1 MiB). A longer line is
/// a row with [`RowError::RowTooLong`] holding its first [`MAX_ROW_BYTES`] bytes; a longer CSV record
/// stops the reading with [`CleanError::RecordTooLong`] (CSV cannot be resynchronised inside a
/// record: an unclosed quote swallows the rest of the input).
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// A batch stops taking rows once it holds this many bytes (256 KiB), whatever its row limit.
pub const BATCH_BYTES: usize = 256 << 10;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a list could not be read (the whole list, not one row).
#[derive(Debug, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum CleanError {
    /// Reading the input failed.
    #[error("cannot read the input: {0}")]
    #[waba(code = "clean.io", class = Transient)]
    Io(#[from] std::io::Error),
    /// The header row has no column of that name (or there is no header row at all).
    #[error("no column {column:?} in the header row ({header})")]
    #[waba(code = "clean.missing_column", field = column)]
    MissingColumn {
        /// The column asked for.
        column: String,
        /// The header's column names, comma-separated, or "the input is empty".
        header: String,
    },
    /// A CSV record is longer than [`MAX_ROW_BYTES`] (an unclosed quote?); rows before it were read.
    #[error(
        "CSV record {row} is longer than {limit} bytes (an unclosed quote?): the rest of the input cannot be read"
    )]
    #[waba(code = "clean.record_too_long", position = row)]
    RecordTooLong {
        /// [`MAX_ROW_BYTES`].
        limit: usize,
        /// The data-row number of the record (from 1).
        row: u64,
    },
}

/// Why one row has no verdict: it is still an output row, with this error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum RowError {
    /// The number could not be read (`phone.*`).
    #[error(transparent)]
    Phone(#[from] PhoneError),
    /// The number's bytes are not UTF-8.
    #[error("the number is not UTF-8 (byte {position})")]
    #[waba(code = "clean.not_utf8")]
    NotUtf8 {
        /// Offset of the first byte that is not UTF-8.
        position: usize,
    },
    /// A CSV record with another number of fields than the header: the column may have moved (an
    /// unquoted comma), so the number is not read.
    #[error("{actual} fields where the header has {limit}: the number's column cannot be trusted")]
    #[waba(code = "clean.ragged_row")]
    RaggedRow {
        /// The header's field count.
        limit: usize,
        /// The record's field count.
        actual: usize,
    },
    /// A line longer than [`MAX_ROW_BYTES`]; its first bytes are kept.
    #[error("a line of {actual} bytes, more than {limit}")]
    #[waba(code = "clean.row_too_long")]
    RowTooLong {
        /// [`MAX_ROW_BYTES`].
        limit: usize,
        /// The line's length in bytes.
        actual: usize,
    },
}

/// What the reader found wrong with a row before judging it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Issue {
    Ragged { limit: usize, actual: usize },
    TooLong { actual: usize },
}

#[derive(Debug, Clone, Copy)]
struct Span {
    /// One past the row's last field in `field_ends`.
    fields_end: usize,
    /// Index of the number's field within the row, if the row has it.
    number: Option<usize>,
    issue: Option<Issue>,
}

/// Many rows, stored flat: every field's bytes one after the other, and where each ends.
#[derive(Debug, Default, Clone)]
pub struct Batch {
    first_row: u64,
    bytes: Vec<u8>,
    field_ends: Vec<usize>,
    spans: Vec<Span>,
}

impl Batch {
    /// How many rows the batch holds.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the batch holds no row.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The data-row number (from 1) of the first row.
    pub fn first_row(&self) -> u64 {
        self.first_row
    }

    /// The rows, in input order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_>> + '_ {
        let mut fields_start = 0;
        self.spans.iter().enumerate().map(move |(i, span)| {
            let ends = self
                .field_ends
                .get(fields_start..span.fields_end)
                .unwrap_or(&[]);
            let bytes_start = fields_start
                .checked_sub(1)
                .and_then(|p| self.field_ends.get(p))
                .copied()
                .unwrap_or(0);
            fields_start = span.fields_end;
            Row {
                number: self.first_row + i as u64,
                bytes: &self.bytes,
                start: bytes_start,
                ends,
                span: *span,
            }
        })
    }

    fn clear(&mut self, first_row: u64) {
        self.first_row = first_row;
        self.bytes.clear();
        self.field_ends.clear();
        self.spans.clear();
    }

    fn push_field(&mut self, field: &[u8]) {
        self.bytes.extend_from_slice(field);
        self.field_ends.push(self.bytes.len());
    }
}

/// One row of a [`Batch`]: its number, its fields (one for a line), and the number's text.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    number: u64,
    bytes: &'a [u8],
    start: usize,
    ends: &'a [usize],
    span: Span,
}

impl<'a> Row<'a> {
    /// The data-row number, from 1 (the header row of a CSV is not counted).
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The row's fields as read (a line is one field, without its line end).
    pub fn fields(&self) -> impl ExactSizeIterator<Item = &'a [u8]> + 'a {
        let bytes = self.bytes;
        let mut start = self.start;
        self.ends.iter().map(move |&end| {
            let f = bytes.get(start..end).unwrap_or(&[]);
            start = end;
            f
        })
    }

    /// The number's text as read (empty when the row lacks the column).
    pub fn input(&self) -> &'a [u8] {
        let Some(i) = self.span.number else {
            return &[];
        };
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(self.start),
            None => self.start,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.bytes.get(start..end).unwrap_or(&[])
    }

    /// What the reader already found wrong with the row, if anything.
    fn issue(&self) -> Option<RowError> {
        self.span.issue.map(|i| match i {
            Issue::Ragged { limit, actual } => RowError::RaggedRow { limit, actual },
            Issue::TooLong { actual } => RowError::RowTooLong {
                limit: MAX_ROW_BYTES,
                actual,
            },
        })
    }
}

/// A [`Read`] that refuses to give more than a window past the current record's start, so that one
/// CSV record cannot hold more than [`MAX_ROW_BYTES`] in memory.
struct Capped<R> {
    inner: R,
    read: u64,
    allowed_until: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.allowed_until.saturating_sub(self.read);
        if room == 0 {
            return Err(std::io::Error::other(RecordTooLongMarker));
        }
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..take).unwrap_or(&mut []))?;
        self.read += n as u64;
        Ok(n)
    }
}

/// The error [`Capped`] gives, told apart from real I/O errors by its type.
#[derive(Debug)]
struct RecordTooLongMarker;

impl std::fmt::Display for RecordTooLongMarker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for RecordTooLongMarker {}

/// The csv crate's own read-ahead buffer (its default).
const CSV_BUFFER: u64 = 8 << 10;

enum Mode<R> {
    Lines {
        input: BufReader<SkipBom<R>>,
        eof: bool,
    },
    Csv {
        reader: Box<csv::Reader<Capped<SkipBom<R>>>>,
        record: csv::ByteRecord,
        column: usize,
        width: usize,
    },
    /// A CSV input with no header row at all: no rows.
    Empty,
}

/// Reads a contact list row by row: one number per line ([`RowReader::lines`]), or CSV with a header
/// row and a chosen column ([`RowReader::csv`]). A UTF-8 byte-order mark is skipped; lines end with
/// `\n` or `\r\n`; CSV follows RFC 4180 (quotes, quoted commas and line ends, `""`), through the
/// `csv` crate.
///
/// Every row comes out: an empty line is a row (its number is empty), a CSV record with the wrong
/// number of fields is a row that [`check`] answers with [`RowError::RaggedRow`]. CSV blank lines are
/// not records (the `csv` crate skips them).
pub struct RowReader<R: Read> {
    mode: Mode<R>,
    next_row: u64,
    header: Vec<Vec<u8>>,
    /// An error met after some rows of a batch were read: given by the next call, so that those
    /// rows come out first.
    stopped: Option<CleanError>,
}

impl<R: Read> RowReader<R> {
    /// A reader of one number per line.
    pub fn lines(input: R) -> Self {
        Self {
            mode: Mode::Lines {
                input: BufReader::with_capacity(64 << 10, SkipBom::new(input)),
                eof: false,
            },
            next_row: 1,
            header: Vec::new(),
            stopped: None,
        }
    }

    /// A CSV reader whose numbers are in the column named `column` of the header row. An input with
    /// no header row (empty) reads as no rows; a header without the column is
    /// [`CleanError::MissingColumn`].
    pub fn csv(input: R, column: &str) -> Result<Self, CleanError> {
        let capped = Capped {
            inner: SkipBom::new(input),
            read: 0,
            allowed_until: MAX_ROW_BYTES as u64 + CSV_BUFFER,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(capped);
        let header: Vec<Vec<u8>> = match reader.byte_headers() {
            Ok(h) => h.iter().map(<[u8]>::to_vec).collect(),
            Err(e) => return Err(csv_error(e, 0)),
        };
        let empty = header.is_empty() || header == [Vec::<u8>::new()];
        let Some(index) = header.iter().position(|h| h == column.as_bytes()) else {
            if empty && reader.is_done() {
                return Ok(Self {
                    mode: Mode::Empty,
                    next_row: 1,
                    header: Vec::new(),
                    stopped: None,
                });
            }
            return Err(CleanError::MissingColumn {
                column: column.to_owned(),
                header: if empty {
                    "the input is empty".to_owned()
                } else {
                    header
                        .iter()
                        .map(|h| String::from_utf8_lossy(h).into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            });
        };
        let width = header.len();
        Ok(Self {
            mode: Mode::Csv {
                reader: Box::new(reader),
                record: csv::ByteRecord::new(),
                column: index,
                width,
            },
            next_row: 1,
            header,
            stopped: None,
        })
    }

    /// The header row's fields (CSV; empty for lines, or a CSV input with no header row).
    pub fn header(&self) -> &[Vec<u8>] {
        &self.header
    }

    /// Whether this reads CSV.
    pub fn is_csv(&self) -> bool {
        matches!(self.mode, Mode::Csv { .. })
    }

    /// Fills `batch` with the next rows (at most `max_rows`, and about [`BATCH_BYTES`]); returns how
    /// many, 0 at the end of the input. An error that stops the reading comes after every row read
    /// before it (the call that meets it returns those rows, the next one the error).
    pub fn read_batch(&mut self, batch: &mut Batch, max_rows: usize) -> Result<usize, CleanError> {
        batch.clear(self.next_row);
        if let Some(e) = self.stopped.take() {
            return Err(e);
        }
        let result = self.fill(batch, max_rows);
        self.next_row += batch.len() as u64;
        match result {
            Err(e) if !batch.is_empty() => {
                self.stopped = Some(e);
                Ok(batch.len())
            }
            Err(e) => Err(e),
            Ok(()) => Ok(batch.len()),
        }
    }

    fn fill(&mut self, batch: &mut Batch, max_rows: usize) -> Result<(), CleanError> {
        let max_rows = max_rows.max(1);
        match &mut self.mode {
            Mode::Empty => {}
            Mode::Lines { input, eof } => {
                while !*eof && batch.len() < max_rows && batch.bytes.len() < BATCH_BYTES {
                    if !read_line(input, batch)? {
                        *eof = true;
                    }
                }
            }
            Mode::Csv {
                reader,
                record,
                column,
                width,
            } => {
                while batch.len() < max_rows && batch.bytes.len() < BATCH_BYTES {
                    let start = reader.position().byte();
                    reader.get_mut().allowed_until = start + MAX_ROW_BYTES as u64 + CSV_BUFFER;
                    let row = self.next_row + batch.len() as u64;
                    match reader.read_byte_record(record) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => return Err(csv_error(e, row)),
                    }
                    let end = reader.position().byte();
                    if end.saturating_sub(start) > MAX_ROW_BYTES as u64 {
                        return Err(CleanError::RecordTooLong {
                            limit: MAX_ROW_BYTES,
                            row,
                        });
                    }
                    for f in record.iter() {
                        batch.push_field(f);
                    }
                    let actual = record.len();
                    batch.spans.push(Span {
                        fields_end: batch.field_ends.len(),
                        number: (*column < actual).then_some(*column),
                        issue: (actual != *width).then_some(Issue::Ragged {
                            limit: *width,
                            actual,
                        }),
                    });
                }
            }
        }
        Ok(())
    }
}

fn csv_error(e: csv::Error, row: u64) -> CleanError {
    match e.into_kind() {
        csv::ErrorKind::Io(io)
            if io
                .get_ref()
                .is_some_and(|e| e.downcast_ref::<RecordTooLongMarker>().is_some()) =>
        {
            CleanError::RecordTooLong {
                limit: MAX_ROW_BYTES,
                row,
            }
        }
        csv::ErrorKind::Io(io) => CleanError::Io(io),
        other => CleanError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

/// Skips a UTF-8 byte-order mark at the start of the input, whatever sizes the reads come in.
struct SkipBom<R> {
    inner: R,
    /// The first bytes, held back until it is known whether they are a BOM.
    head: [u8; 3],
    /// `head[at..held]` is still to be given.
    at: usize,
    held: usize,
    started: bool,
}

impl<R: Read> SkipBom<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            head: [0; 3],
            at: 0,
            held: 0,
            started: false,
        }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.started {
            while self.held < 3 {
                let n = self
                    .inner
                    .read(self.head.get_mut(self.held..).unwrap_or(&mut []))?;
                if n == 0 {
                    break;
                }
                self.held += n;
            }
            self.started = true;
            if self.head.get(..self.held) == Some(BOM) {
                self.held = 0;
            }
        }
        if self.at < self.held {
            let pending = self.head.get(self.at..self.held).unwrap_or(&[]);
            let n = pending.len().min(buf.len());
            if let (Some(dst), Some(src)) = (buf.get_mut(..n), pending.get(..n)) {
                dst.copy_from_slice(src);
            }
            self.at += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

/// Reads one line into `batch`; false at the end of the input (no line read).
fn read_line<R: Read>(
    input: &mut BufReader<SkipBom<R>>,
    batch: &mut Batch,
) -> std::io::Result<bool> {
    let mut len = 0usize;
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            if !any {
                return Ok(false);
            }
            break;
        }
        any = true;
        let (chunk, found) = match memchr::memchr(b'\n', buf) {
            Some(i) => (buf.get(..i).unwrap_or(&[]), true),
            None => (buf, false),
        };
        let keep = MAX_ROW_BYTES.saturating_sub(len).min(chunk.len());
        batch
            .bytes
            .extend_from_slice(chunk.get(..keep).unwrap_or(&[]));
        len += chunk.len();
        let used = chunk.len() + usize::from(found);
        input.consume(used);
        if found {
            break;
        }
    }
    // A line ends with \n or \r\n.
    let mut issue = None;
    if len > MAX_ROW_BYTES {
        issue = Some(Issue::TooLong { actual: len });
    } else if batch.bytes.last() == Some(&b'\r') {
        batch.bytes.pop();
    }
    batch.field_ends.push(batch.bytes.len());
    batch.spans.push(Span {
        fields_end: batch.field_ends.len(),
        number: Some(0),
        issue,
    });
    Ok(true)
}

/// The verdict on one row: the number normalized and judged, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowVerdict {
    /// The number by the guide's rule, when it could be read.
    pub normalized: Option<E164>,
    /// The metadata verdict on `normalized` (valid, region, type, suggestion).
    pub verdict: Option<Verdict>,
    /// Why the row has no verdict.
    pub error: Option<RowError>,
}

impl RowVerdict {
    /// Whether the number is valid by the metadata.
    pub fn valid(&self) -> bool {
        self.verdict.is_some_and(|v| v.valid)
    }

    /// The subscriber key of the normalized number ([`SubscriberKey`]), for finding duplicates.
    pub fn key(&self) -> Option<SubscriberKey> {
        self.normalized.as_ref().map(SubscriberKey::of)
    }

    fn error(e: RowError) -> Self {
        Self {
            normalized: None,
            verdict: None,
            error: Some(e),
        }
    }
}

/// Judges one row: the reader's own findings first (ragged record, line too long), then the number's
/// bytes as UTF-8, then [`analyze`] with the business number (or, without one,
/// [`normalize_international`] and [`verdict`]: every number must then carry its plus).
pub fn check(row: &Row<'_>, business: Option<&BusinessNumber>) -> RowVerdict {
    if let Some(e) = row.issue() {
        return RowVerdict::error(e);
    }
    check_input(row.input(), business)
}

/// Judges one number's bytes, as [`check`] does for a row.
pub fn check_input(input: &[u8], business: Option<&BusinessNumber>) -> RowVerdict {
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            return RowVerdict::error(RowError::NotUtf8 {
                position: e.valid_up_to(),
            });
        }
    };
    let judged = match business {
        Some(b) => analyze(text, b).map(|a: Analysis| (a.normalized, a.verdict)),
        None => normalize_international(text).map(|n| (n, verdict(&n))),
    };
    match judged {
        Ok((n, v)) => RowVerdict {
            normalized: Some(n),
            verdict: Some(v),
            error: None,
        },
        Err(e) => RowVerdict::error(RowError::Phone(e)),
    }
}

/// Counts over a list: rows by verdict, region, number type and error code.
///
/// Counting a row costs a few array increments (regions by their two letters, types by kind, error
/// codes in a short list), so that a worker counts millions of rows for next to nothing; the maps
/// are built when asked for ([`Tally::by_region`]...) or serialized.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tally {
    /// Rows seen.
    pub rows: u64,
    /// Rows whose number is valid.
    pub valid: u64,
    /// Rows whose number was read but is not valid.
    pub invalid: u64,
    /// Rows with an error (no number read).
    pub errors: u64,
    /// Invalid rows with a suggestion of what was meant.
    pub suggestions: u64,
    /// Rows whose subscriber appeared on an earlier row.
    pub duplicates: u64,
    /// By region: index `(first letter) * 26 + (second letter)`, and the region's code.
    regions: Box<[(u64, Option<&'static str>); 26 * 26]>,
    /// By number type, in [`NUMBER_TYPES`] order.
    types: [u64; NUMBER_TYPES.len()],
    /// By error code, in order of first appearance.
    codes: Vec<(&'static str, u64)>,
}

/// Every number type, in a fixed order (the tally's array index).
const NUMBER_TYPES: [NumberType; 11] = [
    NumberType::FixedLine,
    NumberType::Mobile,
    NumberType::FixedLineOrMobile,
    NumberType::TollFree,
    NumberType::PremiumRate,
    NumberType::SharedCost,
    NumberType::Voip,
    NumberType::PersonalNumber,
    NumberType::Pager,
    NumberType::Uan,
    NumberType::Voicemail,
];

fn type_index(t: NumberType) -> usize {
    NUMBER_TYPES.iter().position(|x| *x == t).unwrap_or(0)
}

fn region_index(code: &str) -> Option<usize> {
    match code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

impl Default for Tally {
    fn default() -> Self {
        Self {
            rows: 0,
            valid: 0,
            invalid: 0,
            errors: 0,
            suggestions: 0,
            duplicates: 0,
            regions: Box::new([(0, None); 26 * 26]),
            types: [0; NUMBER_TYPES.len()],
            codes: Vec::new(),
        }
    }
}

impl Tally {
    /// Counts one row; `duplicate` says whether its subscriber appeared earlier.
    pub fn add(&mut self, row: &RowVerdict, duplicate: bool) {
        self.rows += 1;
        self.duplicates += u64::from(duplicate);
        if let Some(e) = &row.error {
            self.errors += 1;
            self.count_error(e.code(), 1);
            return;
        }
        let Some(v) = row.verdict else { return };
        if v.valid {
            self.valid += 1;
        } else {
            self.invalid += 1;
            self.suggestions += u64::from(v.suggestion.is_some());
        }
        if let Some(r) = v.region {
            self.count_region(r.as_str(), 1);
        }
        if let Some(t) = v.number_type {
            if let Some(n) = self.types.get_mut(type_index(t)) {
                *n += 1;
            }
        }
    }

    fn count_region(&mut self, code: &'static str, n: u64) {
        if let Some(slot) = region_index(code).and_then(|i| self.regions.get_mut(i)) {
            slot.0 += n;
            slot.1 = Some(code);
        }
    }

    fn count_error(&mut self, code: &'static str, n: u64) {
        match self.codes.iter_mut().find(|(c, _)| *c == code) {
            Some((_, count)) => *count += n,
            None => self.codes.push((code, n)),
        }
    }

    /// Adds another tally's counts (of other rows) to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.rows += other.rows;
        self.valid += other.valid;
        self.invalid += other.invalid;
        self.errors += other.errors;
        self.suggestions += other.suggestions;
        self.duplicates += other.duplicates;
        for &(n, code) in other.regions.iter() {
            if let Some(code) = code {
                self.count_region(code, n);
            }
        }
        for (mine, theirs) in self.types.iter_mut().zip(other.types) {
            *mine += theirs;
        }
        for &(code, n) in &other.codes {
            self.count_error(code, n);
        }
    }

    /// Rows by region (ISO code) of the number, valid or not, where the metadata tells.
    pub fn by_region(&self) -> BTreeMap<&'static str, u64> {
        self.regions
            .iter()
            .filter_map(|&(n, code)| Some((code?, n)))
            .collect()
    }

    /// Valid rows by number type (`mobile`, `fixed_line`...).
    pub fn by_type(&self) -> BTreeMap<&'static str, u64> {
        NUMBER_TYPES
            .iter()
            .zip(self.types)
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| (t.as_str(), n))
            .collect()
    }

    /// Rows by error code.
    pub fn by_error(&self) -> BTreeMap<&'static str, u64> {
        self.codes.iter().copied().collect()
    }
}

impl serde::Serialize for Tally {
    /// `{"rows", "valid", "invalid", "errors", "suggestions", "duplicates", "by_region": {...},
    /// "by_type": {...}, "by_error": {...}}`, maps in key order.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tally", 9)?;
        st.serialize_field("rows", &self.rows)?;
        st.serialize_field("valid", &self.valid)?;
        st.serialize_field("invalid", &self.invalid)?;
        st.serialize_field("errors", &self.errors)?;
        st.serialize_field("suggestions", &self.suggestions)?;
        st.serialize_field("duplicates", &self.duplicates)?;
        st.serialize_field("by_region", &self.by_region())?;
        st.serialize_field("by_type", &self.by_type())?;
        st.serialize_field("by_error", &self.by_error())?;
        st.end()
    }
}

/// The first row of each subscriber seen so far, to find later rows of the same one.
///
/// Memory: one hash-table entry per distinct subscriber, an 8-byte [`SubscriberKey`] and an 8-byte
/// row number, 16 bytes plus the table's slack (it doubles when 7/8 full): 18 to 37 bytes per distinct
/// number, about 34 MB for a million.
#[derive(Debug, Default, Clone)]
pub struct DuplicateIndex {
    #[allow(clippy::disallowed_types)]
    first: HashMap<SubscriberKey, u64>,
}

impl DuplicateIndex {
    /// The row where `key` was first seen, if before; otherwise records `row` as its first and
    /// returns `None`.
    pub fn first(&mut self, key: SubscriberKey, row: u64) -> Option<u64> {
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(row);
                None
            }
        }
    }

    /// How many distinct subscribers were seen.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether none was seen.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives one byte per read: every buffer boundary is exercised.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn lines(input: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for trickle in [false, true] {
            let mut r: RowReader<Box<dyn Read>> = RowReader::lines(if trickle {
                Box::new(Trickle(input))
            } else {
                Box::new(input)
            });
            let mut b = Batch::default();
            let mut got = Vec::new();
            let mut expect_row = 1;
            while r.read_batch(&mut b, 3).unwrap() > 0 {
                for row in b.rows() {
                    assert_eq!(row.number(), expect_row);
                    expect_row += 1;
                    assert_eq!(row.fields().len(), 1);
                    got.push(row.input().to_vec());
                }
            }
            if trickle {
                assert_eq!(got, out);
            } else {
                out = got;
            }
        }
        out
    }

    #[test]
    fn tally_counts_and_merges() {
        let b: BusinessNumber = "+919876543210".parse().unwrap();
        let mut a = Tally::default();
        let mut c = Tally::default();
        for (i, s) in [
            "+16502530000",
            "+442079460958",
            "x",
            "",
            "1-631-555-1002",
            "+16502530001",
        ]
        .iter()
        .enumerate()
        {
            let v = check_input(s.as_bytes(), Some(&b));
            if i % 2 == 0 {
                a.add(&v, false)
            } else {
                c.add(&v, i == 5)
            }
        }
        a.merge(&c);
        assert_eq!(
            (
                a.rows,
                a.valid,
                a.invalid,
                a.errors,
                a.suggestions,
                a.duplicates
            ),
            (6, 3, 1, 2, 1, 1)
        );
        assert_eq!(
            a.by_region(),
            BTreeMap::from([("GB", 1), ("IN", 1), ("US", 2)])
        );
        assert_eq!(
            a.by_type(),
            BTreeMap::from([("fixed_line", 1), ("fixed_line_or_mobile", 2)])
        );
        assert_eq!(
            a.by_error(),
            BTreeMap::from([("phone.letter", 1), ("phone.no_digits", 1)])
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["by_region"]["US"], 2);
        assert_eq!(json["suggestions"], 1);
    }

    #[test]
    fn line_ends_bom_and_empty_lines() {
        assert_eq!(lines(b""), Vec::<Vec<u8>>::new());
        assert_eq!(lines(b"\n"), [b"".to_vec()]);
        assert_eq!(lines(b"a"), [b"a".to_vec()]);
        assert_eq!(lines(b"a\r\nb\n\nc"), [&b"a"[..], b"b", b"", b"c"]);
        assert_eq!(lines(b"\xEF\xBB\xBF+1\r\n"), [b"+1".to_vec()]);
        assert_eq!(lines(b"\xEF\xBB+1\n"), [b"\xEF\xBB+1".to_vec()]);
        assert_eq!(lines(b"a\r\r\n"), [b"a\r".to_vec()]);
    }

    #[test]
    fn a_long_line_is_a_row_with_its_error() {
        let mut input = vec![b'1'; MAX_ROW_BYTES + 10];
        input.extend_from_slice(b"\n+16315551002\n");
        let mut r = RowReader::lines(&input[..]);
        let mut b = Batch::default();
        // The long line fills a batch by itself.
        assert_eq!(r.read_batch(&mut b, 10).unwrap(), 1);
        let row = b.rows().next().unwrap();
        assert_eq!(row.input().len(), MAX_ROW_BYTES);
        assert_eq!(
            check(&row, None).error,
            Some(RowError::RowTooLong {
                limit: MAX_ROW_BYTES,
                actual: MAX_ROW_BYTES + 10
            })
        );
        assert_eq!(r.read_batch(&mut b, 10).unwrap(), 1);
        let row = b.rows().next().unwrap();
        assert_eq!(row.number(), 2);
        assert!(check(&row, None).valid());
        assert_eq!(r.read_batch(&mut b, 10).unwrap(), 0);
    }
}
