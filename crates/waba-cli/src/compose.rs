//! `waba compose`: being written (see the open issue).

use std::process::ExitCode;

/// Arguments of `waba compose`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the verb.
pub fn run(_args: Args) -> ExitCode {
    crate::common::usage("waba compose is not implemented yet")
}
