//! The server side of the deployment: the DMS channel of WhatsApp (its session route and the session
//! timeout) and Chat Server (the greet queue, transcript auto-save, the XML request size).

use crate::channels::Route;
use crate::config::{
    OPT_INBOUND_ROUTE, OPT_MEDIA_TYPE_CHAT_BY_CALL, OPT_SESSION_SHUTDOWN,
    SESSION_SHUTDOWN_RECOMMENDED,
};

use super::options::{check_section, distinct, dms_names, is_dms, known, unknown_name};
use super::rules::{self, Severity};
use super::{Bundle, Component, Out};

/// The endpoint the guide names for the session route.
pub(super) const SESSION_CHAT_ENDPOINT: &str = "session-chat";
/// The Chat Server queue the guide names for it.
pub(super) const GREET_QUEUE: &str = "async-chat-greet-queue";
/// The least `xml-request-max-size` for rich messaging (bytes).
pub(super) const XML_REQUEST_MAX_SIZE_MIN: u64 = 100_000;
/// Chat Server's range for `xml-request-max-size` (Genesys docs: 200 to 2147482624).
pub(super) const XML_REQUEST_MAX_SIZE_RANGE: (u64, u64) = (200, 2_147_482_624);
/// Chat Server's `xml-request-max-size` when not set.
pub(super) const XML_REQUEST_MAX_SIZE_DEFAULT: u64 = 32_768;

/// `transcript-auto-save`.
const TRANSCRIPT_AUTO_SAVE: &str = "transcript-auto-save";
/// `xml-request-max-size`.
const XML_REQUEST_MAX_SIZE: &str = "xml-request-max-size";
/// Chat Server `[settings]` options the guide and the Genesys docs name.
const CHAT_SETTINGS: [&str; 4] = [
    TRANSCRIPT_AUTO_SAVE,
    XML_REQUEST_MAX_SIZE,
    "stop-abandoned-interaction",
    OPT_SESSION_SHUTDOWN,
];
/// DMS channel options the Genesys docs name besides those `Config` reads.
const DMS_OTHER_OPTIONS: [&str; 3] = ["driver-classname", "reconnection-timeout", "ucs-in-use"];

/// What the DMS check learnt for the Chat Server check.
pub(crate) struct Dms {
    /// The session route of the first WhatsApp channel, when it has one.
    pub session_route: Option<Route>,
}

/// Whether a DMS section is a WhatsApp channel: a `channel-…` section whose chat media type is
/// `whatsappsession`, whose driver is the Genesys Hub driver, or whose name says WhatsApp.
fn is_whatsapp_channel(name: &str, options: &[(&str, &str)]) -> bool {
    if !name.starts_with("channel-") {
        return false;
    }
    let get = |k: &str| options.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    get(OPT_MEDIA_TYPE_CHAT_BY_CALL)
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("whatsappsession"))
        || get("driver-classname").is_some_and(|v| v.to_ascii_lowercase().contains("ghub"))
        || name.to_ascii_lowercase().contains("whatsapp")
}

/// The DMS rules.
pub(crate) fn dms(bundle: &Bundle, out: &mut Out) -> Dms {
    let mut result = Dms {
        session_route: None,
    };
    let Some(sections) = &bundle.dms else {
        return result;
    };
    let mut channels: Vec<&str> = Vec::new();
    let mut timeout_seen = false;
    for (section, options) in sections.iter() {
        let options = distinct(Component::Dms, section, options, out);
        let whatsapp = is_whatsapp_channel(section, &options);
        // A WhatsApp channel's options are ours; elsewhere only the session timeout and misplaced
        // Workspace options are (another channel's routes are its own business).
        let ours: Vec<(&str, &str)> = options
            .iter()
            .copied()
            .filter(|(n, _)| whatsapp || *n == OPT_SESSION_SHUTDOWN || (known(n) && !is_dms(n)))
            .collect();
        let config = check_section(Component::Dms, section, &ours, true, out);
        if let Some((_, v)) = ours.iter().find(|(n, _)| *n == OPT_SESSION_SHUTDOWN) {
            timeout_seen = true;
            if crate::Config::from_options([(OPT_SESSION_SHUTDOWN, *v)]).is_ok()
                && config.session_shutdown_timeout < SESSION_SHUTDOWN_RECOMMENDED
            {
                out.push(
                    &rules::DMS_SESSION_SHUTDOWN,
                    Some(Component::Dms),
                    format!("{section}/{OPT_SESSION_SHUTDOWN}"),
                    format!(
                        "session-shutdown-timeout is {} seconds; a session closes after that much silence",
                        config.session_shutdown_timeout
                    ),
                    format!("set session-shutdown-timeout = {SESSION_SHUTDOWN_RECOMMENDED}"),
                );
            }
        }
        if !whatsapp {
            continue;
        }
        channels.push(section);
        for (name, _) in &options {
            if !known(name) && !DMS_OTHER_OPTIONS.contains(name) {
                let names = dms_names().chain(DMS_OTHER_OPTIONS);
                unknown_name(Component::Dms, section, name, names, out);
            }
        }
        let route = options.iter().find(|(n, _)| *n == OPT_INBOUND_ROUTE);
        let Some((_, value)) = route else {
            out.push(
                &rules::DMS_SESSION_CHAT,
                Some(Component::Dms),
                format!("{section}/{OPT_INBOUND_ROUTE}"),
                format!("the WhatsApp channel {section} has no inbound-route: its chat sessions reach no Chat Server endpoint"),
                format!("set inbound-route = ,1:{SESSION_CHAT_ENDPOINT}"),
            );
            continue;
        };
        if crate::Config::from_options([(OPT_INBOUND_ROUTE, *value)]).is_err() {
            continue; // reported as a refused value, with the same fix
        }
        match &config.inbound_route.session {
            None => {
                let standard = config
                    .inbound_route
                    .standard
                    .as_ref()
                    .map_or_else(|| format!("1:{SESSION_CHAT_ENDPOINT}"), Route::to_string);
                out.push(
                    &rules::DMS_SESSION_CHAT,
                    Some(Component::Dms),
                    format!("{section}/{OPT_INBOUND_ROUTE}"),
                    format!(
                        "inbound-route is {value:?}: {standard} stands before any comma, so it is the standard route, and the channel has no session (chat) route"
                    ),
                    format!("put a comma before the tenant id: inbound-route = ,{standard}"),
                );
            }
            Some(r) => {
                if r.endpoint != SESSION_CHAT_ENDPOINT {
                    out.push_as(
                        &rules::DMS_SESSION_CHAT,
                        Severity::Warning,
                        Some(Component::Dms),
                        format!("{section}/{OPT_INBOUND_ROUTE}"),
                        format!(
                            "the session route goes to endpoint {:?}; the guide names it {SESSION_CHAT_ENDPOINT}",
                            r.endpoint
                        ),
                        format!(
                            "use ,{}:{SESSION_CHAT_ENDPOINT}, or make sure Chat Server's [endpoints:{}] has {}",
                            r.tenant, r.tenant, r.endpoint
                        ),
                    );
                }
                if result.session_route.is_none() {
                    result.session_route = Some(r.clone());
                }
            }
        }
    }
    if channels.is_empty() {
        out.push(
            &rules::DMS_WHATSAPP_CHANNEL,
            Some(Component::Dms),
            "channel-*".to_owned(),
            "no DMS section is a WhatsApp channel (a channel-<name> section with media-type-chat-by-call = whatsappsession or the Genesys Hub driver)".to_owned(),
            "import GenesysHubDriver.cfg into the DMS application and name the section channel-<name>".to_owned(),
        );
    }
    if !timeout_seen {
        let section = channels.first().copied().unwrap_or("settings");
        out.push(
            &rules::DMS_SESSION_SHUTDOWN,
            Some(Component::Dms),
            format!("{section}/{OPT_SESSION_SHUTDOWN}"),
            format!("session-shutdown-timeout is not set: its default is lower than the recommended {SESSION_SHUTDOWN_RECOMMENDED} seconds"),
            format!("set session-shutdown-timeout = {SESSION_SHUTDOWN_RECOMMENDED}"),
        );
    }
    result
}

/// Reads a Chat Server whole number: digits only, spaces around allowed.
fn whole(value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(v.parse().unwrap_or(u64::MAX))
}

/// The Chat Server rules.
pub(crate) fn chat_server(bundle: &Bundle, session_route: Option<&Route>, out: &mut Out) {
    let Some(sections) = &bundle.chat_server else {
        return;
    };
    let mut settings: Vec<(&str, &str)> = Vec::new();
    let mut endpoints: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    for (section, options) in sections.iter() {
        let options = distinct(Component::ChatServer, section, options, out);
        let others: Vec<(&str, &str)> = options
            .iter()
            .copied()
            .filter(|(n, _)| *n != OPT_SESSION_SHUTDOWN)
            .collect();
        check_section(Component::ChatServer, section, &others, false, out);
        if section == "settings" {
            for (name, _) in &options {
                if !CHAT_SETTINGS.contains(name) && !known(name) {
                    unknown_name(Component::ChatServer, section, name, CHAT_SETTINGS, out);
                }
            }
            settings = options;
        } else if section.starts_with("endpoints") {
            endpoints.push((section, options));
        }
    }
    let get = |k: &str| settings.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);

    let save = get(TRANSCRIPT_AUTO_SAVE);
    let at = format!("settings/{TRANSCRIPT_AUTO_SAVE}");
    let fix = format!("set {TRANSCRIPT_AUTO_SAVE} = 1 in Chat Server's [settings]");
    match save.map(|v| v.trim()) {
        Some("1") => {}
        Some("2") => out.push_as(
            &rules::CHAT_TRANSCRIPT_AUTO_SAVE,
            Severity::Warning,
            Some(Component::ChatServer),
            at,
            "transcript-auto-save is 2: the transcript is saved, and basic clients are also notified after each message; the guide sets 1".to_owned(),
            fix,
        ),
        Some("0") | None => out.push(
            &rules::CHAT_TRANSCRIPT_AUTO_SAVE,
            Some(Component::ChatServer),
            at,
            format!(
                "transcript-auto-save is {}: the transcript is not saved to UCS after each message, and is lost if the solution fails",
                save.map_or("not set (default 0)".to_owned(), |v| format!("{v:?}"))
            ),
            fix,
        ),
        Some(other) => out.push(
            &rules::CHAT_TRANSCRIPT_AUTO_SAVE,
            Some(Component::ChatServer),
            at,
            format!("transcript-auto-save is {:?}; its valid values are 0, 1 and 2", crate::config::quote(other)),
            fix,
        ),
    }

    let size = get(XML_REQUEST_MAX_SIZE);
    let at = format!("settings/{XML_REQUEST_MAX_SIZE}");
    let fix = format!(
        "set {XML_REQUEST_MAX_SIZE} = {XML_REQUEST_MAX_SIZE_MIN} (or more) in Chat Server's [settings]"
    );
    let (lo, hi) = XML_REQUEST_MAX_SIZE_RANGE;
    let problem = match size.map(|v| (v, whole(v))) {
        None => Some(format!(
            "xml-request-max-size is not set: its default, {XML_REQUEST_MAX_SIZE_DEFAULT} bytes, refuses rich messages"
        )),
        Some((v, None)) => Some(format!(
            "xml-request-max-size is {:?}, not a whole number",
            crate::config::quote(v)
        )),
        Some((_, Some(n))) if !(lo..=hi).contains(&n) => Some(format!(
            "xml-request-max-size is {n}, outside Chat Server's range {lo} to {hi}"
        )),
        Some((_, Some(n))) if n < XML_REQUEST_MAX_SIZE_MIN => Some(format!(
            "xml-request-max-size is {n} bytes, less than the {XML_REQUEST_MAX_SIZE_MIN} rich messaging needs"
        )),
        Some(_) => None,
    };
    if let Some(message) = problem {
        out.push(
            &rules::CHAT_XML_REQUEST_MAX_SIZE,
            Some(Component::ChatServer),
            at,
            message,
            fix,
        );
    }

    let default_route = Route {
        tenant: 1,
        endpoint: SESSION_CHAT_ENDPOINT.to_owned(),
    };
    let route = session_route.unwrap_or(&default_route);
    let wanted = format!("endpoints:{}", route.tenant);
    let at = format!("{wanted}/{}", route.endpoint);
    let fix = format!(
        "in Chat Server's [{wanted}] section add {} = {GREET_QUEUE}",
        route.endpoint
    );
    let queue = endpoints
        .iter()
        .find(|(s, _)| *s == wanted)
        .and_then(|(_, o)| o.iter().find(|(n, _)| *n == route.endpoint))
        .map(|(_, v)| v.trim());
    match queue {
        Some(GREET_QUEUE) => {}
        Some(other) => out.push_as(
            &rules::CHAT_GREET_QUEUE,
            Severity::Warning,
            Some(Component::ChatServer),
            at,
            format!(
                "endpoint {} sends chats to queue {:?}; the guide's business process reads {GREET_QUEUE}",
                route.endpoint,
                crate::config::quote(other)
            ),
            fix,
        ),
        None => out.push(
            &rules::CHAT_GREET_QUEUE,
            Some(Component::ChatServer),
            at,
            format!(
                "Chat Server has no endpoint {} in [{wanted}]: the DMS session route {}:{} leads nowhere",
                route.endpoint, route.tenant, route.endpoint
            ),
            fix,
        ),
    }
}
