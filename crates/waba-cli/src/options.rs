//! `--options FILE`: a JSON object of Genesys option names to string values.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use crate::common::{read_file, usage};

/// Loads the options file into a name → value map (no file: empty map, defaults apply).
///
/// A file that is not a JSON object of strings is a usage error (exit 2).
pub fn load_raw(path: Option<&Path>) -> Result<BTreeMap<String, String>, ExitCode> {
    let Some(path) = path else {
        return Ok(BTreeMap::new());
    };
    let bytes = read_file(path)?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| usage(format!("options file {} is not JSON: {e}", path.display())))?;
    let serde_json::Value::Object(obj) = v else {
        return Err(usage(format!(
            "options file {} is not a JSON object",
            path.display()
        )));
    };
    let mut out = BTreeMap::new();
    for (k, v) in obj {
        match v {
            serde_json::Value::String(s) => {
                out.insert(k, s);
            }
            other => {
                return Err(usage(format!(
                    "option {k}: value must be a string, got {other}"
                )));
            }
        }
    }
    Ok(out)
}
