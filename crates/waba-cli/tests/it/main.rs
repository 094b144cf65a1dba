//! Black-box tests of the `waba` command against `../shared/cli-contract.md`: one module per verb.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Child, Command, Stdio};

mod attachment;
mod catalog;
mod clean;
mod compose;
mod config_lint;
mod deliveries;
mod esp;
mod hostile;
mod phone;
mod template;
mod tour;
mod transcript;
mod webhook;
mod window;

/// What one run of `waba` gave.
#[allow(dead_code)]
pub struct Run {
    /// Exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

#[allow(dead_code)]
impl Run {
    /// Stdout parsed as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {}", self.stdout))
    }

    /// Stdout parsed as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
            .collect()
    }
}

/// Starts `waba ARGS` with `stdin`, its stdout and stderr piped.
pub fn spawn(args: &[&str], stdin: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waba"))
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn waba {args:?}: {e}"))
}

/// Runs `waba ARGS` with `stdin` and returns what it gave.
#[allow(dead_code)]
pub fn waba(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = spawn(args, Stdio::piped());
    // A run refused before it reads stdin (a usage error) closes the pipe early: that is not a
    // failure of the test, the exit status and stderr say what happened.
    match child.stdin.take().expect("stdin").write_all(stdin) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => panic!("write stdin: {e}"),
    }
    let out = child.wait_with_output().expect("wait waba");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `waba VERB --last-inbound LAST --now NOW EXTRA...` with `stdin`: the clock every
/// `compose` and `window` run is given, then that run's own arguments.
#[allow(dead_code)]
pub fn waba_at(verb: &str, last: &str, now: &str, extra: &[&str], stdin: &[u8]) -> Run {
    let mut args = vec![verb, "--last-inbound", last, "--now", now];
    args.extend_from_slice(extra);
    waba(&args, stdin)
}

/// Runs `waba template render --template TEMPLATE EXTRA...` with nothing on stdin.
#[allow(dead_code)]
pub fn render(template: &str, extra: &[&str]) -> Run {
    let mut args = vec!["template", "render", "--template", template];
    args.extend_from_slice(extra);
    waba(&args, b"")
}

/// Runs `waba phone normalize --business-number BUSINESS NUMBERS...` with nothing on stdin.
#[allow(dead_code)]
pub fn normalize(business: &str, numbers: &[&str]) -> Run {
    let mut args = vec!["phone", "normalize", "--business-number", business];
    args.extend_from_slice(numbers);
    waba(&args, b"")
}

/// The text at `key` in every element of the JSON array `list`, in order; fails the test if
/// `list` is not an array or an element has no text there.
#[allow(dead_code)]
pub fn text_of_each<'a>(list: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|e| {
            e[key]
                .as_str()
                .unwrap_or_else(|| panic!("no text at {key}: {e}"))
        })
        .collect()
}

/// A file in the temp directory, removed when dropped; each one has its own name.
pub struct TempFile(pub std::path::PathBuf);

#[allow(dead_code)]
impl TempFile {
    /// A new file holding `bytes`, named with `suffix` (e.g. `.json`, `.pdf`).
    pub fn with(bytes: &[u8], suffix: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let p = std::env::temp_dir().join(format!(
            "waba-it-{}-{}{suffix}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::write(&p, bytes).unwrap();
        TempFile(p)
    }

    /// Its path as text.
    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
