//! `waba phone clean`: a contact list in, every row out in order with its verdict, on all cores.
//!
//! One thread reads batches of rows (`waba_phone::clean::RowReader`), worker threads judge them and
//! write their output rows, and this thread puts the batches back in order, adds `duplicate_of` from
//! the duplicate index and writes. A fixed number of batch slots circulates between them, so memory
//! is bounded whatever the input size (the duplicate index aside: `docs/performance.md`).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

use waba::phone::BusinessNumber;
use waba::phone::clean::{
    Batch, CleanError, DuplicateIndex, Row, RowReader, RowVerdict, Tally, check,
};
use waba_error::WabaError;

use crate::common::{EXIT_OK, usage};

/// Rows per batch.
const BATCH_ROWS: usize = 4096;

/// The columns added after the input's.
const ADDED: [&str; 7] = [
    "normalized",
    "valid",
    "region",
    "type",
    "suggestion",
    "error",
    "duplicate_of",
];

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// CSV: the input's columns, then the added ones (the default with `--column`).
    Csv,
    /// JSON lines, one object per row (the default without `--column`).
    Jsonl,
}

/// Arguments of `waba phone clean`.
#[derive(Debug, clap::Args)]
pub(crate) struct CleanArgs {
    /// The business number (E.164): its country calling code goes in front of a number written
    /// without a plus. Without it, such a number is an error row (`phone.missing_plus`).
    #[arg(long = "business-number", value_name = "E164")]
    pub business_number: Option<String>,
    /// The input is CSV with a header row, and NAME is the column of numbers. Without it, the input
    /// holds one number per line.
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,
    /// Output format: `csv` (default with `--column`) or `jsonl` (default without).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the rows to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the summary (counts) as JSON to FILE, besides stderr.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Do not look for duplicates (`duplicate_of` is then always empty): memory stays bounded
    /// whatever the number of distinct numbers.
    #[arg(long = "no-duplicates")]
    pub no_duplicates: bool,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// The list (default stdin, or `-`).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
}

/// One batch slot: the rows read, and what the worker wrote for them.
#[derive(Default)]
struct Slot {
    seq: u64,
    batch: Batch,
    /// The output rows, each without its `duplicate_of` and line end.
    out: Vec<u8>,
    /// Where each row is in `out`.
    spans: Vec<(usize, usize)>,
    /// Each row's subscriber key, for the duplicate index.
    keys: Vec<Option<waba::phone::SubscriberKey>>,
}

/// Runs the verb.
pub(crate) fn run(args: &CleanArgs) -> ExitCode {
    match clean(args) {
        Ok(code) => code,
        Err(code) => code,
    }
}

fn clean(args: &CleanArgs) -> Result<ExitCode, ExitCode> {
    let business = crate::phone::business_number(args.business_number.as_deref())?;
    let format = args.format.unwrap_or(if args.column.is_some() {
        Format::Csv
    } else {
        Format::Jsonl
    });
    let input: Box<dyn Read + Send> = match args.input.as_deref() {
        None => Box::new(std::io::stdin()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin()),
        Some(p) => {
            Box::new(File::open(p).map_err(|e| usage(format!("cannot read {}: {e}", p.display())))?)
        }
    };
    let reader = match &args.column {
        Some(c) => RowReader::csv(input, c).map_err(|e| usage(reading(&e)))?,
        None => RowReader::lines(input),
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            File::create(p).map_err(|e| usage(format!("cannot write {}: {e}", p.display())))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = std::io::BufWriter::with_capacity(1 << 20, sink);
    let header_width = reader.header().len();
    if format == Format::Csv {
        write_header(&mut sink, reader.header(), reader.is_csv())
            .map_err(|e| usage(format!("cannot write the output: {e}")))?;
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from))
        .clamp(1, 64);
    let progress = progress_bar();
    let job = Job {
        business,
        format,
        header_width,
    };
    let outcome = pipeline(
        reader,
        &job,
        threads,
        &mut sink,
        !args.no_duplicates,
        &progress,
    );
    progress.finish_and_clear();
    let (tally, read_error) = match outcome {
        Ok(done) => done,
        Err(e) => return Err(usage(format!("cannot write the output: {e}"))),
    };
    sink.flush()
        .map_err(|e| usage(format!("cannot write the output: {e}")))?;
    // A reading stopped half-way is a usage error: its one line on stderr, no summary there (the
    // summary file still says what was written).
    if read_error.is_none() {
        print_summary(&tally);
    }
    if let Some(path) = &args.summary {
        let json = serde_json::to_vec_pretty(&tally).unwrap_or_default();
        std::fs::write(path, json)
            .map_err(|e| usage(format!("cannot write {}: {e}", path.display())))?;
    }
    match read_error {
        Some(e) => Err(usage(reading(&e))),
        None => Ok(ExitCode::from(EXIT_OK)),
    }
}

fn reading(e: &CleanError) -> String {
    format!("{e} ({})", e.code())
}

/// What every worker needs.
struct Job {
    business: Option<BusinessNumber>,
    format: Format,
    header_width: usize,
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {human_pos} rows ({per_sec}) {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// Reads, judges and writes every row; returns the counts and the error that stopped the reading,
/// if one did (the rows before it are written). An error writing is returned as `Err`.
fn pipeline(
    mut reader: RowReader<Box<dyn Read + Send>>,
    job: &Job,
    threads: usize,
    sink: &mut dyn Write,
    duplicates: bool,
    progress: &indicatif::ProgressBar,
) -> std::io::Result<(Tally, Option<CleanError>)> {
    let slots = 4 * threads + 2;
    let (pool_tx, pool_rx) = sync_channel::<Slot>(slots);
    for _ in 0..slots {
        let _ = pool_tx.send(Slot::default());
    }
    let (work_tx, work_rx) = sync_channel::<Slot>(slots);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = channel::<Slot>();
    std::thread::scope(|s| {
        let reading = s.spawn(move || read_all(&mut reader, &pool_rx, &work_tx));
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                s.spawn(move || judge_all(job, &work_rx, &done_tx))
            })
            .collect();
        drop(done_tx);
        let json = job.format == Format::Jsonl;
        let written = write_all(&done_rx, pool_tx, sink, json, duplicates, progress);
        drop(done_rx);
        let read_error = reading.join().unwrap_or(None);
        let mut tally = Tally::default();
        for w in workers {
            if let Ok(t) = w.join() {
                tally.merge(&t);
            }
        }
        let dups = written?;
        tally.duplicates = dups;
        Ok((tally, read_error))
    })
}

/// The reader thread: fills slots from the pool and sends them to the workers, numbered.
fn read_all(
    reader: &mut RowReader<Box<dyn Read + Send>>,
    pool: &Receiver<Slot>,
    work: &SyncSender<Slot>,
) -> Option<CleanError> {
    let mut seq = 0;
    while let Ok(mut slot) = pool.recv() {
        match reader.read_batch(&mut slot.batch, BATCH_ROWS) {
            Ok(0) => return None,
            Ok(_) => {
                slot.seq = seq;
                seq += 1;
                if work.send(slot).is_err() {
                    return None;
                }
            }
            Err(e) => return Some(e),
        }
    }
    None
}

/// A worker thread: judges each batch and writes its rows; returns its counts.
fn judge_all(
    job: &Job,
    work: &Mutex<Receiver<Slot>>,
    done: &std::sync::mpsc::Sender<Slot>,
) -> Tally {
    let mut tally = Tally::default();
    loop {
        let next = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => break,
        };
        let Ok(mut slot) = next else { break };
        slot.out.clear();
        slot.spans.clear();
        slot.keys.clear();
        match job.format {
            Format::Jsonl => {
                for row in slot.batch.rows() {
                    let v = check(&row, job.business.as_ref());
                    tally.add(&v, false);
                    let start = slot.out.len();
                    json_row(&mut slot.out, &row, &v);
                    slot.spans.push((start, slot.out.len()));
                    slot.keys.push(v.key());
                }
            }
            Format::Csv => {
                // Flexible: a ragged record keeps its own number of fields.
                let mut w = csv::WriterBuilder::new()
                    .flexible(true)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(std::mem::take(&mut slot.out));
                let mut start = 0;
                for row in slot.batch.rows() {
                    let v = check(&row, job.business.as_ref());
                    tally.add(&v, false);
                    // Writing into memory cannot fail; a record always has fields.
                    let _ = csv_row(&mut w, &row, &v, job.header_width);
                    let _ = w.flush();
                    let end = w.get_ref().len();
                    slot.spans.push((start, end.saturating_sub(1)));
                    start = end;
                    slot.keys.push(v.key());
                }
                slot.out = w.into_inner().unwrap_or_default();
            }
        }
        if done.send(slot).is_err() {
            break;
        }
    }
    tally
}

/// This thread: writes the batches in order, with `duplicate_of`; returns how many duplicates.
fn write_all(
    done: &Receiver<Slot>,
    pool: SyncSender<Slot>,
    sink: &mut dyn Write,
    json: bool,
    duplicates: bool,
    progress: &indicatif::ProgressBar,
) -> std::io::Result<u64> {
    let mut index = DuplicateIndex::default();
    let mut pending: BTreeMap<u64, Slot> = BTreeMap::new();
    let mut next = 0u64;
    let mut dups = 0u64;
    let mut number = itoa_buf();
    while let Ok(slot) = done.recv() {
        pending.insert(slot.seq, slot);
        while let Some(slot) = pending.remove(&next) {
            let first_row = slot.batch.first_row();
            for (i, (&(start, end), key)) in slot.spans.iter().zip(&slot.keys).enumerate() {
                sink.write_all(slot.out.get(start..end).unwrap_or(&[]))?;
                let earlier = match key {
                    Some(k) if duplicates => index.first(*k, first_row + i as u64),
                    _ => None,
                };
                dups += u64::from(earlier.is_some());
                let digits = earlier.map(|n| format_u64(&mut number, n));
                match (json, digits) {
                    (true, Some(d)) => {
                        sink.write_all(b"\"duplicate_of\":")?;
                        sink.write_all(d)?;
                        sink.write_all(b"}\n")?;
                    }
                    (true, None) => sink.write_all(b"\"duplicate_of\":null}\n")?,
                    (false, Some(d)) => {
                        sink.write_all(b",")?;
                        sink.write_all(d)?;
                        sink.write_all(b"\n")?;
                    }
                    (false, None) => sink.write_all(b",\n")?,
                }
            }
            progress.inc(slot.spans.len() as u64);
            next += 1;
            // The pool is full only if the reader stopped; then the slot is simply dropped.
            let _ = pool.try_send(slot);
        }
    }
    Ok(dups)
}

fn itoa_buf() -> [u8; 20] {
    [0; 20]
}

/// Writes `n` in decimal into `buf`; returns the digits.
fn format_u64(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..).unwrap_or(&[])
}

fn write_header(sink: &mut dyn Write, header: &[Vec<u8>], csv_input: bool) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let input_cols: Vec<&[u8]> = if csv_input {
        header.iter().map(Vec::as_slice).collect()
    } else {
        vec![b"input".as_slice()]
    };
    let cols = input_cols
        .into_iter()
        .chain(ADDED.iter().map(|c| c.as_bytes()));
    w.write_record(cols).map_err(std::io::Error::other)?;
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    sink.write_all(&bytes)
}

/// The added values, as text (`None`: empty in CSV, `null` in JSON).
struct Added<'a> {
    normalized: Option<&'a str>,
    valid: bool,
    region: Option<&'static str>,
    kind: Option<&'static str>,
    suggestion: Option<waba::phone::E164>,
    error: Option<&'static str>,
}

fn added(v: &RowVerdict) -> Added<'_> {
    let verdict = v.verdict;
    Added {
        normalized: v.normalized.as_ref().map(|n| n.as_str()),
        valid: v.valid(),
        region: verdict.and_then(|x| x.region).map(|r| r.as_str()),
        kind: verdict.and_then(|x| x.number_type).map(|t| t.as_str()),
        suggestion: verdict.and_then(|x| x.suggestion).map(|s| s.number),
        error: v.error.as_ref().map(WabaError::code),
    }
}

/// One CSV output row without `duplicate_of`: the input's fields (a short record padded to the
/// header's width), then the added columns; the writer adds `,duplicate_of` and the line end.
fn csv_row(
    w: &mut csv::Writer<Vec<u8>>,
    row: &Row<'_>,
    v: &RowVerdict,
    width: usize,
) -> csv::Result<()> {
    let a = added(v);
    let suggestion = a.suggestion;
    let suggestion = suggestion.as_ref().map(|s| s.as_str());
    let fields = row.fields();
    let pad = width.saturating_sub(fields.len());
    let tail: [&[u8]; 6] = [
        a.normalized.unwrap_or("").as_bytes(),
        if a.valid { b"true" } else { b"false" },
        a.region.unwrap_or("").as_bytes(),
        a.kind.unwrap_or("").as_bytes(),
        suggestion.unwrap_or("").as_bytes(),
        a.error.unwrap_or("").as_bytes(),
    ];
    let record = fields.chain(std::iter::repeat_n(&b""[..], pad)).chain(tail);
    w.write_record(record)
}

/// One JSON line without `duplicate_of` and the closing brace.
fn json_row(out: &mut Vec<u8>, row: &Row<'_>, v: &RowVerdict) {
    let a = added(v);
    let mut number = itoa_buf();
    out.extend_from_slice(b"{\"row\":");
    out.extend_from_slice(format_u64(&mut number, row.number()));
    out.extend_from_slice(b",\"input\":");
    json_str(out, &String::from_utf8_lossy(row.input()));
    out.extend_from_slice(b",\"normalized\":");
    json_opt(out, a.normalized);
    out.extend_from_slice(if a.valid {
        b",\"valid\":true,\"region\":"
    } else {
        b",\"valid\":false,\"region\":"
    });
    json_opt(out, a.region);
    out.extend_from_slice(b",\"type\":");
    json_opt(out, a.kind);
    out.extend_from_slice(b",\"suggestion\":");
    json_opt(out, a.suggestion.as_ref().map(|s| s.as_str()));
    out.extend_from_slice(b",\"error\":");
    json_opt(out, a.error);
    out.push(b',');
}

/// A value known to need no escaping (a number, a region, a type, a code), or `null`.
fn json_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string: text without quotes, backslashes or controls is copied as it is (JSON is UTF-8);
/// anything else goes through serde_json's escaping.
fn json_str(out: &mut Vec<u8>, s: &str) {
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// The counts on stderr, one line per kind.
fn print_summary(t: &Tally) {
    // The ten largest counts; the rest are in `--summary FILE`.
    let list = |m: &BTreeMap<&'static str, u64>| {
        let mut v: Vec<(&&str, &u64)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut text = v
            .iter()
            .take(10)
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        if v.len() > 10 {
            text.push_str(&format!(" and {} more", v.len() - 10));
        }
        text
    };
    eprintln!(
        "waba phone clean: {} rows: {} valid, {} invalid ({} with a suggestion), {} errors, {} duplicates",
        t.rows, t.valid, t.invalid, t.suggestions, t.errors, t.duplicates
    );
    for (name, m) in [
        ("by region", &t.by_region()),
        ("by type", &t.by_type()),
        ("by error", &t.by_error()),
    ] {
        if !m.is_empty() {
            eprintln!("  {name}: {}", list(m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_decimal() {
        let mut b = itoa_buf();
        assert_eq!(format_u64(&mut b, 0), b"0");
        assert_eq!(format_u64(&mut b, 1_000_007), b"1000007");
        assert_eq!(
            format_u64(&mut b, u64::MAX),
            u64::MAX.to_string().as_bytes()
        );
    }

    #[test]
    fn json_strings() {
        for s in ["+1 650", "a\"b", "\\", "\u{7}", "é", "\u{7f}"] {
            let mut out = Vec::new();
            json_str(&mut out, s);
            assert_eq!(serde_json::from_slice::<String>(&out).unwrap(), s);
        }
    }
}
