//! `waba error CODE...`: Meta's error catalog, one line per code.

use std::process::ExitCode;

use serde_json::{Value, json};
use waba::after_send::catalog;

use crate::common::{print_json, usage};

/// Arguments of `waba error`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Meta's error codes (integers), e.g. 131049 130429.
    #[arg(value_name = "CODE", required = true, allow_hyphen_values = true)]
    pub codes: Vec<String>,
}

/// Runs the verb: every CODE must be an integer (else exit 2, nothing printed).
pub(crate) fn run(args: Args) -> ExitCode {
    let mut codes = Vec::with_capacity(args.codes.len());
    for raw in &args.codes {
        match raw.trim().parse::<u64>() {
            Ok(c) => codes.push(c),
            Err(_) => return usage(format!("CODE {raw:?} is not a non-negative integer")),
        }
    }
    for code in codes {
        print_json(&line(code));
    }
    ExitCode::SUCCESS
}

/// The line of one code.
pub(crate) fn line(code: u64) -> Value {
    let e = catalog::explain(code, None);
    json!({
        "code": e.code,
        "title": e.title,
        "class": e.class.as_str(),
        "retryable": e.retryable,
        "action": e.action.as_str(),
        "source": e.source,
    })
}
