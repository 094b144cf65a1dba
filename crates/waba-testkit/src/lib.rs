//! Test support shared by the test suites of the workspace: a dev-dependency only, never
//! published, never a dependency of a library.
//!
//! It holds what several crates' tests did the same way, so that each suite says only what is
//! its own: replaying the committed seed corpus of a fuzz target (`fuzz/corpus/<target>/`)
//! through the function the target calls, and the small deterministic generator ([`Rng`]) that
//! the phone tests and the benches draw their generated numbers from.
//!
//! ```
//! // Every seed of `fuzz/corpus/duration` goes through the function; at least 10 of them.
//! let seeds = waba_testkit::replay_corpus("duration", 10, |bytes| {
//!     let _ = std::str::from_utf8(bytes);
//! });
//! assert!(seeds >= 10);
//! ```
//!
//! Its functions fail the calling test by panicking with a message that names what failed: that
//! is their whole purpose, hence the crate-level allowance of `clippy::panic`.
#![forbid(unsafe_code)]
#![allow(clippy::panic)]

use std::path::PathBuf;

/// The committed seed corpus of fuzz target `target`: `fuzz/corpus/<target>` at the root of the
/// workspace.
pub fn corpus_dir(target: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus")).join(target)
}

/// Runs `run` on the bytes of every seed (every regular file but `.gitkeep`) of the committed
/// corpus of fuzz target `target`, and returns how many seeds it ran.
///
/// `run` is the function the fuzz target calls: a seed that makes it panic fails the test.
///
/// # Panics
///
/// When the corpus folder or a seed cannot be read, or when it holds fewer than `at_least`
/// seeds (a corpus that went missing would otherwise pass unnoticed).
pub fn replay_corpus(target: &str, at_least: usize, run: impl Fn(&[u8])) -> usize {
    let dir = corpus_dir(target);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => panic!("corpus of {target}: cannot read {}: {e}", dir.display()),
    };
    let mut seeds = 0;
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => panic!("corpus of {target}: cannot list {}: {e}", dir.display()),
        };
        if !path.is_file() || path.file_name().is_some_and(|name| name == ".gitkeep") {
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => run(&bytes),
            Err(e) => panic!("corpus of {target}: cannot read {}: {e}", path.display()),
        }
        seeds += 1;
    }
    assert!(
        seeds >= at_least,
        "corpus of {target}: {seeds} seeds in {}, expected at least {at_least}",
        dir.display()
    );
    seeds
}

/// xorshift64*: a small deterministic generator, so that every run draws the same values from
/// the same seed (generated test inputs and bench lists stay the same from run to run).
///
/// ```
/// let mut a = waba_testkit::Rng(20_261_124);
/// let mut b = waba_testkit::Rng(20_261_124);
/// assert_eq!(a.next(), b.next());
/// assert!(a.below(10) < 10);
/// assert!(a.digit().is_ascii_digit());
/// ```
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next value (the state moves on).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// The next value below `n` (`n` must not be 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// The next ASCII digit, `b'0'` to `b'9'`.
    pub fn digit(&mut self) -> u8 {
        b'0' + (self.next() % 10) as u8
    }
}

/// The guide's `ValidateContact` examples with a +91 business number, each with the answer of an
/// offline check (the normalized number when the metadata calls it valid, empty when not): the
/// library's ESP test and the `waba esp` test check the same table.
///
/// `6315551002` becomes `+916315551002`, a valid Indian number by the metadata; the guide's "No"
/// there is WhatsApp's answer, which only a real directory can give.
pub const GUIDE_CONTACTS_OFFLINE: [(&str, &str); 5] = [
    ("+1-631-555-1002", "+16315551002"),
    ("6315551002", "+916315551002"),
    ("1-631-555-1002", ""),
    ("+1 (516) 283-7151", "+15162837151"),
    ("+54 9 11 5612-1008", "+5491156121008"),
];

/// The guide's interaction attributes of pywa's `message.json` case `text` (a text "Body Text"
/// from +972987654321 to the business +972123456789), those that do not depend on where the
/// message is delivered: the model's attribute test and the `waba webhook` test check the same.
pub const TEXT_MESSAGE_ATTRIBUTES: [(&str, &str); 9] = [
    ("_umsMsgType", "text"),
    ("_umsMsgId", "wamid.xyzxyz"),
    ("_umsMsgOriginTime", "2023-10-11T16:53:43Z"),
    ("_umsFromAddr", "972987654321"),
    ("_umsToAddr", "972123456789"),
    ("_msg_ProfileNickname", "Test Name"),
    ("_umsMsgPlainText", "Body Text"),
    ("PhoneNumber", "+972987654321"),
    ("Subject", "Body Text"),
];

/// One `#[test]` per fuzz target, each replaying its committed seed corpus with
/// [`replay_corpus`]: `name: "target", at least N, function;`.
///
/// ```
/// waba_testkit::corpus_tests! {
///     duration_corpus: "duration", at least 10, |bytes: &[u8]| { let _ = bytes.len(); };
/// }
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! corpus_tests {
    ($($name:ident: $target:literal, at least $at_least:literal, $run:expr;)+) => {
        $(
            #[test]
            fn $name() {
                $crate::replay_corpus($target, $at_least, $run);
            }
        )+
    };
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    #[test]
    fn every_seed_is_run_once() {
        let runs = Cell::new(0);
        let seeds = super::replay_corpus("duration", 1, |_| runs.set(runs.get() + 1));
        assert_eq!(seeds, runs.get());
        assert!(seeds >= 1);
    }

    #[test]
    #[should_panic(expected = "expected at least 100000")]
    fn too_few_seeds_fail() {
        super::replay_corpus("duration", 100_000, |_| {});
    }

    #[test]
    #[should_panic(expected = "corpus of no_such_target: cannot read")]
    fn a_missing_corpus_fails() {
        super::replay_corpus("no_such_target", 0, |_| {});
    }

    #[test]
    #[should_panic(expected = "seed failed")]
    fn a_seed_that_panics_fails() {
        super::replay_corpus("duration", 1, |_| panic!("seed failed"));
    }
}
