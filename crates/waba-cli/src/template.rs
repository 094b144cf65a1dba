//! `waba template render`: a template definition filled with values, as the text a customer reads
//! and the Cloud API send body.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Map, Value};
use waba::model::wire::Extra;
use waba::model::{Outbound, OutboundBody, RawJson};
use waba::template::{Need, Params, Rules, Template, TemplateDefinition, TemplateError};

use crate::common::{EXIT_OK, ErrorObject, print_json, read_file_capped, refused, usage};

/// Subcommands of `waba template`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TemplateCmd {
    /// Fill a template definition: prints `{"preview", "payload"}` or `{"error"}`.
    Render(RenderArgs),
}

/// Arguments of `waba template render`.
#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// A file holding one template definition in Meta's format.
    #[arg(long, value_name = "FILE")]
    pub template: PathBuf,
    /// Positional values, in order: the header's, then the body's, then the URL buttons' suffix.
    #[arg(long = "param", value_name = "VALUE", allow_hyphen_values = true)]
    pub params: Vec<String>,
    /// Named values, `NAME=VALUE`.
    #[arg(long = "named", value_name = "NAME=VALUE", allow_hyphen_values = true)]
    pub named: Vec<String>,
    /// When FILE holds several definitions keyed by name (like the corpus files), the one to use.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The code of a copy-code button, if the template has one.
    #[arg(long = "coupon-code", value_name = "CODE", allow_hyphen_values = true)]
    pub coupon_code: Option<String>,
}

/// Runs the verb.
pub(crate) fn run(cmd: TemplateCmd) -> ExitCode {
    match cmd {
        TemplateCmd::Render(args) => render(&args),
    }
}

fn render(args: &RenderArgs) -> ExitCode {
    let bytes = match read_file_capped(&args.template, waba::template::DEFINITION_MAX_BYTES) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return usage(format!("{} is not UTF-8", args.template.display()));
    };
    // The lossless reader, strictly: a key given twice is refused with its path (never "last
    // wins"); numbers and unknown parts are kept exactly as written.
    let json = match waba::template::read_definition_json(text) {
        Ok(v) => v,
        Err(e @ TemplateError::Definition { .. })
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() =>
        {
            return usage(format!("{} is not JSON: {e}", args.template.display()));
        }
        Err(e) => return refused(Map::new(), &error_object(&e)),
    };
    let json = match pick(json, args.name.as_deref()) {
        Ok(v) => v,
        Err(msg) => return usage(msg),
    };
    let mut pairs = Vec::new();
    for pair in &args.named {
        let Some((name, value)) = pair.split_once('=') else {
            return usage(format!("--named takes NAME=VALUE, got {pair:?}"));
        };
        pairs.push((name, value));
    }
    // A name given twice is refused, never "last wins".
    let named = match Params::try_named(pairs) {
        Ok(p) => p.named,
        Err(e) => return refused(Map::new(), &error_object(&e)),
    };
    let result = TemplateDefinition::from_json(json.get())
        .and_then(|def| Template::new(def, &Rules::default()))
        .and_then(|t| {
            let mut params = Params::positional(args.params.iter().map(String::as_str));
            params.named = named;
            if let Some(c) = &args.coupon_code {
                params = params.with_coupon_code(c);
            }
            t.render(&params)
        });
    match result {
        Ok(r) => {
            let mut doc = Map::new();
            doc.insert("preview".into(), Value::String(r.preview));
            let payload = Outbound::new(OutboundBody::Template(r.message)).to_json();
            doc.insert("payload".into(), payload);
            if !r.needs.is_empty() {
                let needs: Vec<&str> = r.needs.iter().map(Need::as_str).collect();
                doc.insert("needs".into(), Value::from(needs));
            }
            print_json(&Value::Object(doc));
            ExitCode::from(EXIT_OK)
        }
        Err(e) => refused(Map::new(), &error_object(&e)),
    }
}

/// One definition from FILE: the document itself, or one entry of a name → definition map (the
/// only one, or the one `--name` picks), as it came.
fn pick(json: RawJson, name: Option<&str>) -> Result<RawJson, String> {
    let Ok(mut map) = Extra::from_json(json.get()) else {
        return Ok(json);
    };
    let has_components = |v: &RawJson| {
        Extra::from_json(v.get())
            .ok()
            .and_then(|m| m.get("components").map(|c| c.get().starts_with('[')))
            .unwrap_or(false)
    };
    let is_map_of_definitions = map.get("components").is_none()
        && !map.is_empty()
        && map.0.iter().all(|(_, v)| has_components(v));
    if !is_map_of_definitions {
        let named = map.get("name").and_then(|v| v.read::<String>().ok());
        return match name {
            Some(n) if named.as_deref() != Some(n) => {
                Err(format!("the template in the file is not named {n:?}"))
            }
            _ => Ok(json),
        };
    }
    let mut names: Vec<&str> = map.0.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    let key = match (name, names.as_slice()) {
        (Some(n), _) => n.to_owned(),
        (None, [only]) => (*only).to_owned(),
        (None, _) => {
            return Err(format!(
                "the file holds several templates ({}): pick one with --name",
                names.join(", ")
            ));
        }
    };
    map.remove(&key)
        .ok_or_else(|| format!("the file holds no template named {key:?}"))
}

fn error_object(e: &TemplateError) -> ErrorObject {
    ErrorObject::from_error(e)
}
