//! `waba phone normalize`: each INPUT normalized as the Genesys guide says, with the metadata
//! verdict, one JSON line per input.

use waba::error::WabaError;

use std::process::ExitCode;

use serde_json::{Map, Value, json};
use waba::phone::{BusinessNumber, PhoneError, analyze, normalize_international, verdict};

use crate::common::{EXIT_OK, EXIT_REFUSED, ErrorObject, print_json, usage};

/// Subcommands of `waba phone`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum PhoneCmd {
    /// Normalize phone numbers as the guide says and judge them by the metadata (JSON lines).
    Normalize(NormalizeArgs),
    /// Clean a contact list: every row out, in order, with its verdict and duplicates (CSV or JSON
    /// lines).
    Clean(crate::clean::CleanArgs),
}

/// Arguments of `waba phone normalize`.
#[derive(Debug, clap::Args)]
pub(crate) struct NormalizeArgs {
    /// The business number (E.164, `+91...`): its country calling code goes in front of a number
    /// written without a plus. Without it, every INPUT must carry its plus.
    #[arg(long = "business-number", value_name = "E164")]
    pub business_number: Option<String>,
    /// The numbers, as written.
    #[arg(value_name = "INPUT", required = true, allow_hyphen_values = true)]
    pub inputs: Vec<String>,
}

/// Runs the verb.
pub(crate) fn run(cmd: PhoneCmd) -> ExitCode {
    match cmd {
        PhoneCmd::Normalize(args) => normalize(&args),
        PhoneCmd::Clean(args) => crate::clean::run(&args),
    }
}

/// Reads `--business-number`: absent is `None`; not a usable E.164 number is a usage error (exit 2).
pub(crate) fn business_number(arg: Option<&str>) -> Result<Option<BusinessNumber>, ExitCode> {
    arg.map(str::parse::<BusinessNumber>)
        .transpose()
        .map_err(|e| {
            usage(format!(
                "--business-number is not a usable E.164 number: {e} ({})",
                e.code()
            ))
        })
}

fn normalize(args: &NormalizeArgs) -> ExitCode {
    let business = match business_number(args.business_number.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let mut status = EXIT_OK;
    for input in &args.inputs {
        let line = match line_for(input, business.as_ref()) {
            Ok(v) => v,
            Err(e) => {
                status = EXIT_REFUSED;
                json!({"input": shown(input), "error": error_object(&e).to_json()})
            }
        };
        print_json(&line);
    }
    ExitCode::from(status)
}

/// The line for one input.
fn line_for(input: &str, business: Option<&BusinessNumber>) -> Result<Value, PhoneError> {
    let (normalized, v) = match business {
        Some(b) => {
            let a = analyze(input, b)?;
            (a.normalized, a.verdict)
        }
        None => {
            let n = normalize_international(input)?;
            (n, verdict(&n))
        }
    };
    let mut m = Map::new();
    m.insert("input".into(), Value::from(input));
    m.insert("normalized".into(), Value::from(normalized.as_str()));
    m.insert("valid".into(), Value::from(v.valid));
    m.insert(
        "region".into(),
        v.region.map_or(Value::Null, |r| Value::from(r.as_str())),
    );
    m.insert(
        "number_type".into(),
        v.number_type
            .map_or(Value::Null, |t| Value::from(t.as_str())),
    );
    m.insert(
        "calling_code".into(),
        v.calling_code.map_or(Value::Null, Value::from),
    );
    if let Some(s) = v.suggestion {
        m.insert("suggestion".into(), Value::from(s.number.as_str()));
        m.insert(
            "suggestion_reason".into(),
            serde_json::to_value(s.reason).unwrap_or(Value::Null),
        );
    }
    Ok(Value::Object(m))
}

/// The input as echoed: in full, unless it is longer than the library reads at all.
fn shown(input: &str) -> String {
    if input.len() <= waba::phone::MAX_INPUT_BYTES {
        return input.to_owned();
    }
    let mut end = waba::phone::MAX_INPUT_BYTES;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", input.get(..end).unwrap_or(""))
}

/// The contract's error object for a phone error.
pub(crate) fn error_object(e: &PhoneError) -> ErrorObject {
    let mut o = ErrorObject::new(e.code(), e.to_string());
    o.limit = e.limit();
    o.actual = e.actual();
    o.position = e.position();
    if let Some(c) = e.character() {
        o.extra
            .insert("character".into(), Value::from(c.to_string()));
    }
    o
}
