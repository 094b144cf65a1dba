//! `waba phone normalize`: being written (see the open issue).

use std::process::ExitCode;

/// Subcommands of `waba phone`.
#[derive(Debug, clap::Subcommand)]
pub enum PhoneCmd {
    /// Being written.
    Normalize(NormalizeArgs),
}

/// Arguments of `waba phone normalize`.
#[derive(Debug, clap::Args)]
pub struct NormalizeArgs {}

/// Runs the verb.
pub fn run(_cmd: PhoneCmd) -> ExitCode {
    crate::common::usage("waba phone normalize is not implemented yet")
}
