//! `--options FILE`: a JSON object of Genesys option names to string values.

use std::path::Path;
use std::process::ExitCode;

use waba::config::OPTIONS_FILE_MAX_BYTES;

use waba::error::WabaError;

use crate::common::{read_file_capped, usage};

/// Loads the options file into a validated [`waba::Config`] (no file: the documented defaults).
///
/// The file is read by the library's strict reader ([`waba::Config::from_json_slice`]): a regular
/// file of at most [`OPTIONS_FILE_MAX_BYTES`], an object of strings, no option given twice (never
/// "last wins"). An unknown option name is a warning on stderr; a bad value (or the same name
/// twice) is a usage error (exit 2) naming the option.
pub(crate) fn load_config(path: Option<&Path>) -> Result<waba::Config, ExitCode> {
    let (config, warnings) = match path {
        Some(p) => {
            let bytes = read_file_capped(p, OPTIONS_FILE_MAX_BYTES)?;
            waba::Config::from_json_slice(&bytes)
                .map_err(|e| usage(format!("{}: {} ({})", p.display(), e, e.code())))?
        }
        None => waba::Config::from_options(std::iter::empty::<(&str, &str)>())
            .map_err(|e| usage(format!("{} ({})", e, e.code())))?,
    };
    for w in warnings {
        eprintln!("waba: warning: {w}");
    }
    Ok(config)
}
