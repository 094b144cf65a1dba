//! Option names and values, checked by [`Config`] itself: each option is given to
//! [`Config::from_options`] alone (the three `default-notification-*` options together, as `Config`
//! needs them), so every value `Config` refuses is its own finding. Unknown names come from
//! `Config`'s warnings; the closest known name is suggested.

use waba_error::WabaError as _;

use crate::Config;
use crate::config::{self, ConfigError, OPT_INBOUND_ROUTE, OPTIONS, OptionSpec, Section};

use super::bundle::{OptionValue, Pairs};
use super::{Component, Out, closest, rules};

/// Whether `Config` reads `name` from a DMS channel section (else from the Workspace's
/// `[interaction-workspace]`), as its option table says.
pub(crate) fn is_dms(name: &str) -> bool {
    OptionSpec::find(name).is_some_and(|s| s.section == Section::DmsChannel)
}

/// `Config`'s DMS channel option names.
pub(crate) fn dms_names() -> impl Iterator<Item = &'static str> {
    OPTIONS
        .iter()
        .filter(|s| s.section == Section::DmsChannel)
        .map(|s| s.name)
}

/// The Workspace section the plug-in reads.
pub(crate) const WORKSPACE_SECTION: &str = "interaction-workspace";

/// The options that `Config` reads only together.
const NOTIFICATION_OPTIONS: [&str; 3] = [
    config::OPT_NOTIFICATION_TEXT,
    config::OPT_NOTIFICATION_ID,
    config::OPT_NOTIFICATION_LANGUAGE,
];

/// Whether `name` is an option of `Config`.
pub(crate) fn known(name: &str) -> bool {
    OptionSpec::find(name).is_some()
}

/// `Config`'s Workspace option names.
pub(crate) fn workspace_names() -> impl Iterator<Item = &'static str> {
    OPTIONS
        .iter()
        .filter(|s| s.section == Section::Workspace)
        .map(|s| s.name)
}

/// The options of a section, first occurrences in order; a name given again is a finding.
pub(crate) fn distinct<'a>(
    component: Component,
    section: &str,
    options: &'a Pairs<OptionValue>,
    out: &mut Out,
) -> Vec<(&'a str, &'a str)> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (name, value) in options.iter() {
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            out.push(
                &rules::OPTIONS_DUPLICATE,
                Some(component),
                format!("{section}/{name}"),
                format!(
                    "{name} is given twice ({first:?}, then {:?}); which one the application reads is not defined",
                    config::quote(&value.0)
                ),
                format!("keep one {name}"),
            );
            continue;
        }
        seen.push((name, value.0.as_str()));
    }
    seen
}

/// Reports an unknown name: always under a WhatsApp namespace, elsewhere only when it is a slip
/// of a known name (the applications have many options of their own).
pub(crate) fn unknown_name<'a>(
    component: Component,
    section: &str,
    name: &str,
    known_names: impl IntoIterator<Item = &'a str>,
    out: &mut Out,
) {
    let suggestion = closest(name, known_names);
    let ours = name.contains("whatsappsession");
    if suggestion.is_none() && !ours {
        return;
    }
    let (message, fix) = match suggestion {
        Some(s) => (
            format!("{name} is not an option the WhatsApp channel reads; did you mean {s}?"),
            format!("rename it {s}"),
        ),
        None => (
            format!("{name} is not an option the WhatsApp channel reads"),
            "remove it, or check its name in docs/options.md".to_owned(),
        ),
    };
    out.push(
        &rules::OPTIONS_UNKNOWN_NAME,
        Some(component),
        format!("{section}/{name}"),
        message,
        fix,
    );
}

/// The fix for a value `Config` refuses: the option's valid values.
fn fix_for(option: &str) -> String {
    match option {
        OPT_INBOUND_ROUTE => {
            "write <tenant id>:<endpoint>, the session endpoint after a comma: ,1:session-chat"
                .to_owned()
        }
        config::OPT_OUTBOUND_SESSION => "a JSON object {\"channels\": [{\"server-name\": \"DigitalMessagingServer\", \"channel-name\": \"channel-whatsapp-1\", \"business-id\": \"19251112221\"}]}".to_owned(),
        config::OPT_MAP_BROWSE | config::OPT_MAP_PREVIEW => {
            "an https URL template with the placeholders {LATITUDE} and {LONGITUDE} (and {HEIGHT}, {WIDTH} for the preview)".to_owned()
        }
        o if NOTIFICATION_OPTIONS.contains(&o) => {
            "set the three whatsappsession.default-notification-* options, the text with exactly one parameter {{1}}".to_owned()
        }
        o => match OptionSpec::find(o).map(OptionSpec::kind) {
            Some(config::OptionKind::Bool) => "true or false".to_owned(),
            Some(config::OptionKind::Integer { min, max }) => {
                format!("a whole number from {min} to {max}")
            }
            Some(config::OptionKind::Duration) => {
                "a duration such as 24h, 90m, 45s, or a number of seconds".to_owned()
            }
            Some(config::OptionKind::DurationPair) => {
                "two durations, warning,maximum (30,50), warning not after maximum".to_owned()
            }
            _ => "see docs/options.md for its valid values".to_owned(),
        },
    }
}

/// Reports a value `Config` refused, under the rule that owns the option.
pub(crate) fn refused(component: Component, section: &str, e: &ConfigError, out: &mut Out) {
    let option = e.field().unwrap_or_default();
    let rule = match option {
        config::OPT_MAP_BROWSE | config::OPT_MAP_PREVIEW => &rules::LOCATION_MAP_QUERY,
        config::OPT_OUTBOUND_SESSION => &rules::OUTBOUND_SESSION_CONFIG,
        _ => &rules::OPTIONS_INVALID_VALUE,
    };
    out.push(
        rule,
        Some(component),
        format!("{section}/{option}"),
        format!("{e} ({})", e.code()),
        fix_for(option),
    );
}

/// Checks one section's options that `Config` reads (those of `home`), and reports the others of
/// `Config` as misplaced. Returns the `Config` of the values it accepted (defaults for the rest).
pub(crate) fn check_section(
    component: Component,
    section: &str,
    options: &[(&str, &str)],
    home: bool,
    out: &mut Out,
) -> Config {
    let mut accepted: Vec<(&str, &str)> = Vec::new();
    let mut notification: Vec<(&str, &str)> = Vec::new();
    for &(name, value) in options {
        if !known(name) {
            continue;
        }
        let dms_option = is_dms(name);
        let belongs = home
            && match component {
                Component::Dms => dms_option,
                Component::Workspace => !dms_option,
                Component::ChatServer => false,
            };
        if !belongs {
            let (message, fix) = if dms_option {
                (
                    format!("{name} is a DMS channel option; here nothing reads it"),
                    "move it to the [channel-<name>] section of the WhatsApp channel in the DMS application".to_owned(),
                )
            } else {
                (
                    format!("{name} is a Workspace option; here nothing reads it"),
                    format!(
                        "move it to the [{WORKSPACE_SECTION}] section of the Workspace application"
                    ),
                )
            };
            out.push(
                &rules::OPTIONS_MISPLACED,
                Some(component),
                format!("{section}/{name}"),
                message,
                fix,
            );
            continue;
        }
        if NOTIFICATION_OPTIONS.contains(&name) {
            notification.push((name, value));
            continue;
        }
        match Config::from_options([(name, value)]) {
            Ok(_) => accepted.push((name, value)),
            Err(e) => refused(component, section, &e, out),
        }
    }
    if !notification.is_empty() {
        match Config::from_options(notification.iter().copied()) {
            Ok(_) => accepted.extend(notification),
            Err(e) => refused(component, section, &e, out),
        }
    }
    // Each value passed alone; together they pass too unless options depend on each other, which
    // is then a finding as well.
    match Config::from_options(accepted.iter().copied()) {
        Ok((c, _)) => c,
        Err(e) => {
            refused(component, section, &e, out);
            Config::default()
        }
    }
}
