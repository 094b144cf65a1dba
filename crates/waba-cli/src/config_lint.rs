//! `waba config lint BUNDLE`: the deployment check, per `cli-contract.md`. Every finding is the
//! library's (`waba::lint`).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::common::{EXIT_OK, EXIT_REFUSED, print_json, read_file, usage};

/// `waba config ...`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ConfigCmd {
    /// Check a deployment bundle (DMS, Chat Server and Workspace options, business attributes,
    /// media types, capacity rules, privileges, the default notification's template) against the
    /// Genesys guide.
    Lint(LintArgs),
}

/// Arguments of `waba config lint`.
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// The deployment bundle (JSON).
    bundle: PathBuf,
}

/// Runs the verb.
pub(crate) fn run(cmd: ConfigCmd) -> ExitCode {
    let ConfigCmd::Lint(args) = cmd;
    let bytes = match read_file(&args.bundle) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let report = match waba::lint::lint_json(&bytes) {
        Ok(r) => r,
        Err(e) => return usage(format!("{}: {e}", args.bundle.display())),
    };
    match serde_json::to_value(&report) {
        Ok(v) => print_json(&v),
        Err(e) => return usage(format!("cannot write the report: {e}")),
    }
    ExitCode::from(if report.passes() {
        EXIT_OK
    } else {
        EXIT_REFUSED
    })
}
