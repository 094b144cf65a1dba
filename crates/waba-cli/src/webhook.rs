//! `waba webhook`: being written (see the open issue).

use std::process::ExitCode;

/// Arguments of `waba webhook`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the verb.
pub fn run(_args: Args) -> ExitCode {
    crate::common::usage("waba webhook is not implemented yet")
}
