//! `waba template render`: being written (see the open issue).

use std::process::ExitCode;

/// Subcommands of `waba template`.
#[derive(Debug, clap::Subcommand)]
pub enum TemplateCmd {
    /// Being written.
    Render(RenderArgs),
}

/// Arguments of `waba template render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {}

/// Runs the verb.
pub fn run(_cmd: TemplateCmd) -> ExitCode {
    crate::common::usage("waba template render is not implemented yet")
}
