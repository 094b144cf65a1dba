//! `waba attachment check`: being written (see the open issue).

use std::process::ExitCode;

/// Subcommands of `waba attachment`.
#[derive(Debug, clap::Subcommand)]
pub enum AttachmentCmd {
    /// Being written.
    Check(CheckArgs),
}

/// Arguments of `waba attachment check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// Runs the verb.
pub fn run(_cmd: AttachmentCmd) -> ExitCode {
    crate::common::usage("waba attachment check is not implemented yet")
}
