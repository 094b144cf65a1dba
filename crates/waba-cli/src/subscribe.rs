//! `waba subscribe`: Meta's subscription handshake, from the raw query string and the verify token.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Map, json};
use waba::model::subscribe::VerifyToken;

use crate::common::{ErrorObject, print_json, read_file, refused, usage};

/// Arguments of `waba subscribe`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The request's query string as received (percent-encoded), without the `?`.
    #[arg(long, value_name = "QUERY")]
    pub query: String,
    /// The file holding the verify token (one line).
    #[arg(long, value_name = "FILE")]
    pub verify_token_file: PathBuf,
}

/// Runs the verb.
pub(crate) fn run(args: Args) -> ExitCode {
    let text = match read_file(&args.verify_token_file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    let token = match VerifyToken::new(line) {
        Ok(t) => t,
        Err(e) => {
            return usage(format!("{}: {e}", args.verify_token_file.display()));
        }
    };
    match token.verify(&args.query) {
        Ok(challenge) => {
            print_json(&json!({"challenge": challenge}));
            ExitCode::SUCCESS
        }
        Err(e) => refused(Map::new(), &ErrorObject::from_error(&e)),
    }
}
