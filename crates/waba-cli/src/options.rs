//! `--options FILE`: a JSON object of Genesys option names to string values.

use std::path::Path;
use std::process::ExitCode;

use serde::de::{Deserializer, MapAccess, Visitor};

use waba::error::WabaError;

use crate::common::{read_file, usage};

/// The pairs of the options object in file order, duplicates kept (a JSON `Value` would keep only the
/// last of two equal keys, silently).
struct Pairs(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object of option names to string values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = map.next_entry::<String, serde_json::Value>()? {
                    out.push(kv);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn load_pairs(path: &Path) -> Result<Vec<(String, String)>, ExitCode> {
    let bytes = read_file(path)?;
    let Pairs(pairs) = serde_json::from_slice(&bytes).map_err(|e| {
        usage(format!(
            "options file {} is not a JSON object of strings: {e}",
            path.display()
        ))
    })?;
    pairs
        .into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k, s)),
            other => Err(usage(format!(
                "option {k}: value must be a string, got {other}"
            ))),
        })
        .collect()
}

/// Loads the options file into a validated [`waba::Config`] (no file: the documented defaults).
///
/// An unknown option name is a warning on stderr; a bad value (or the same name twice) is a usage
/// error (exit 2) naming the option.
pub fn load_config(path: Option<&Path>) -> Result<waba::Config, ExitCode> {
    let pairs = match path {
        Some(p) => load_pairs(p)?,
        None => Vec::new(),
    };
    let (config, warnings) =
        waba::Config::from_options(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|e| usage(format!("{} ({})", e, e.code())))?;
    for w in warnings {
        eprintln!("waba: warning: {w}");
    }
    Ok(config)
}
