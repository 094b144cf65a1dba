//! `waba esp`: one ESP request on stdin, one response on stdout: `Messaging`/`ValidateContact` and
//! `ChatService`/`InviteToChat` (the facade's `waba::esp::handle`); anything else answers 902.

use std::path::PathBuf;
use std::process::ExitCode;

use waba::phone::esp::{EspError, EspRequest, MAX_REQUEST_BYTES, OfflineDirectory};

use crate::common::{EXIT_REFUSED, print_json, read_stdin_capped, usage};

/// Arguments of `waba esp`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The business number (E.164): its country calling code goes in front of an `Id` written
    /// without a plus. Without it, an `Id` must carry its plus.
    #[arg(long = "business-number", value_name = "E164")]
    pub business_number: Option<String>,
    /// Genesys options (JSON object of option names to string values).
    #[arg(long = "options", value_name = "FILE")]
    pub options: Option<PathBuf>,
}

/// Runs the verb.
pub(crate) fn run(args: Args) -> ExitCode {
    let business = match crate::phone::business_number(args.business_number.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let config = match crate::options::load_config(args.options.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // At most the request cap is read (701 past it); the strict reader refuses a key given twice
    // (701, or 904 naming the parameter), never "last wins".
    let answer = match read_stdin_capped(MAX_REQUEST_BYTES) {
        Err(code) => return code,
        Ok(Err(_)) => Err(EspError::request_too_large()),
        Ok(Ok(bytes)) => {
            if serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_err() {
                return usage("stdin is not JSON");
            }
            EspRequest::from_slice(&bytes)
        }
    }
    .and_then(|req| waba::esp::handle(&config, &req, &OfflineDirectory, business.as_ref()));
    match answer {
        Ok(resp) => match serde_json::to_value(resp) {
            Ok(v) => {
                print_json(&v);
                ExitCode::SUCCESS
            }
            Err(e) => usage(format!("cannot write the response: {e}")),
        },
        Err(e) => {
            match serde_json::to_value(e.to_response()) {
                Ok(v) => print_json(&v),
                Err(err) => return usage(format!("cannot write the response: {err}")),
            }
            ExitCode::from(EXIT_REFUSED)
        }
    }
}
