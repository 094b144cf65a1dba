//! `waba window`: the customer-service window at one instant, per `cli-contract.md`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use waba::window::{OutboundKind, Window};

use crate::common::{format_time, parse_time, print_json};

/// Arguments of `waba window`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// When the customer last wrote (RFC 3339).
    #[arg(long, value_parser = parse_time)]
    last_inbound: DateTime<Utc>,
    /// The instant to judge the window at (RFC 3339).
    #[arg(long, value_parser = parse_time)]
    now: DateTime<Utc>,
    /// A JSON object of Genesys option names to string values.
    #[arg(long)]
    options: Option<PathBuf>,
    /// When the business replied to the last inbound message, that message having come through a
    /// click-to-WhatsApp ad or Page button (the flag states the referral; decision 0403).
    #[arg(long, value_parser = parse_time)]
    entry_point_reply: Option<DateTime<Utc>>,
}

/// Runs the verb.
pub(crate) fn run(args: Args) -> ExitCode {
    let config = match crate::options::load_config(args.options.as_deref()) {
        Ok(c) => c.window(),
        Err(code) => return code,
    };
    let referral = args.entry_point_reply.is_some();
    let mut window = Window::new().on_inbound(args.last_inbound, referral);
    if let Some(reply) = args.entry_point_reply {
        window = window.on_outbound(reply, OutboundKind::Text);
    }
    let status = window.at(&config, args.now);
    let time = |t: Option<DateTime<Utc>>| t.map_or(Value::Null, |t| Value::String(format_time(t)));
    print_json(&json!({
        "state": status.state.as_str(),
        "closes_at": time(status.closes_at),
        "remaining_seconds": status.remaining_seconds,
        "free_form_allowed": status.free_form_allowed,
        "templates_allowed": status.templates_allowed,
        "free_entry_point_until": time(status.free_entry_point_until),
    }));
    ExitCode::SUCCESS
}
