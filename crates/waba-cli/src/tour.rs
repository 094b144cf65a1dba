//! `waba tour`: being written (see the open issue).

use std::process::ExitCode;

/// Arguments of `waba tour`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the verb.
pub fn run(_args: Args) -> ExitCode {
    crate::common::usage("waba tour is not implemented yet")
}
