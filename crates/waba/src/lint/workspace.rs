//! The Workspace side: the plug-in's options (through `Config`), the sample business process's
//! queues, the conference queue, outbound sessions from other media, and the default notification
//! against its template.

use waba_error::WabaError;

use waba_attachment::Privilege;
use waba_template::{Component as TemplateComponent, Rules, Template, template_name_from_id};

use crate::Config;
use crate::config::{
    OPT_INTERCOMMUNICATION, OPT_NOTIFICATION_ID, OPT_NOTIFICATION_LANGUAGE, OPT_NOTIFICATION_TEXT,
    OPT_ON_HOLD_QUEUE, OPT_OUTBOUND_SESSION, OPT_WORKBIN,
};

use super::options::{
    WORKSPACE_SECTION, check_section, distinct, known, unknown_name, workspace_names,
};
use super::rules;
use super::{Bundle, Component, Out};

/// The sample business process's on-hold queue.
pub(super) const SAMPLE_ON_HOLD_QUEUE: &str = "async-chat-return-queue";
/// The sample business process's in-progress workbin.
pub(super) const SAMPLE_WORKBIN: &str = "async-chat-main-workbin";

/// Checks the Workspace options; the `Config` of `[interaction-workspace]` when the bundle has a
/// `workspace` key.
pub(crate) fn options(bundle: &Bundle, out: &mut Out) -> Option<Config> {
    let sections = bundle.workspace.as_ref()?;
    let mut config = None;
    for (section, options) in sections.iter() {
        let options = distinct(Component::Workspace, section, options, out);
        let home = section == WORKSPACE_SECTION;
        let c = check_section(Component::Workspace, section, &options, home, out);
        for (name, _) in &options {
            if !known(name) {
                unknown_name(Component::Workspace, section, name, workspace_names(), out);
            }
        }
        if home && config.is_none() {
            config = Some(c);
        }
    }
    Some(config.unwrap_or_default())
}

/// Whether the Workspace's `[interaction-workspace]` section gives `option`.
fn given(bundle: &Bundle, option: &str) -> bool {
    bundle
        .workspace
        .as_ref()
        .and_then(|w| w.get(WORKSPACE_SECTION))
        .is_some_and(|s| s.get(option).is_some())
}

fn at(option: &str) -> String {
    format!("{WORKSPACE_SECTION}/{option}")
}

/// The cross-option rules of the Workspace.
pub(crate) fn check(bundle: &Bundle, config: Option<&Config>, out: &mut Out) {
    if let Some(c) = config {
        for (option, value, sample) in [
            (OPT_ON_HOLD_QUEUE, &c.on_hold_queue, SAMPLE_ON_HOLD_QUEUE),
            (OPT_WORKBIN, &c.workbin_in_progress, SAMPLE_WORKBIN),
        ] {
            let message = match value.as_deref() {
                Some(v) if v == sample => continue,
                Some(v) => format!(
                    "{option} is {v:?}; the sample business process uses {sample} (fine if your business process has its own)"
                ),
                None => format!(
                    "{option} is not set: with the sample business process, chats placed on hold or in progress have nowhere to go"
                ),
            };
            out.push(
                &rules::SAMPLE_BP_QUEUES,
                Some(Component::Workspace),
                at(option),
                message,
                format!("set {option} = {sample}"),
            );
        }
        if c.intercommunication_queue.is_none() {
            out.push(
                &rules::CONFERENCE_QUEUE,
                Some(Component::Workspace),
                at(OPT_INTERCOMMUNICATION),
                "intercommunication.whatsappsession.queue is not set: agents cannot request a conference with a skill or an agent group".to_owned(),
                "set it to the Interaction Queue of the routing-based conference".to_owned(),
            );
        }
        let from_other_media = bundle.privileges.as_ref().is_some_and(|p| {
            p.iter()
                .any(|n| n.trim() == Privilege::CanCreateNewSessionFromOtherMedia.name())
        });
        if from_other_media && c.outbound_session_channels.is_empty() {
            out.push_as(
                &rules::OUTBOUND_SESSION_CONFIG,
                rules::Severity::Warning,
                Some(Component::Workspace),
                at(OPT_OUTBOUND_SESSION),
                "agents may create WhatsApp sessions from other media, but whatsappsession.outbound-session-config is not set: unless the business process attaches _umsOutboundSessionConfig, they have no channel to choose".to_owned(),
                "set whatsappsession.outbound-session-config to {\"channels\": [...]}, or attach _umsOutboundSessionConfig in the business process".to_owned(),
            );
        }
    }
    notification(bundle, config, out);
}

/// The default notification against its template definition.
fn notification(bundle: &Bundle, config: Option<&Config>, out: &mut Out) {
    let Some(definition) = &bundle.notification_template else {
        return;
    };
    let template = match serde_json::to_string(definition)
        .map_err(|e| e.to_string())
        .and_then(|json| {
            Template::from_json(&json, &Rules::default()).map_err(|e| format!("{e} ({})", e.code()))
        }) {
        Ok(t) => t,
        Err(why) => {
            out.push(
                &rules::NOTIFICATION_TEMPLATE,
                None,
                "notification_template".to_owned(),
                format!("the default notification's template is refused: {why}"),
                "give the template exactly as Meta's message_templates lists it (name, language, components)".to_owned(),
            );
            return;
        }
    };
    let d = template.definition();
    let Some(n) = config.and_then(|c| c.default_notification.as_ref()) else {
        if given(bundle, OPT_NOTIFICATION_TEXT)
            || given(bundle, OPT_NOTIFICATION_ID)
            || given(bundle, OPT_NOTIFICATION_LANGUAGE)
        {
            return; // set but refused by Config: reported as such
        }
        out.push_as(
            &rules::NOTIFICATION_MATCHES,
            rules::Severity::Warning,
            Some(Component::Workspace),
            at(OPT_NOTIFICATION_TEXT),
            format!(
                "the bundle has the default notification's template {:?}, but the whatsappsession.default-notification-* options are not set: late drafts cannot become notifications",
                d.name
            ),
            format!(
                "set {OPT_NOTIFICATION_TEXT}, {OPT_NOTIFICATION_ID} and {OPT_NOTIFICATION_LANGUAGE} from the template"
            ),
        );
        return;
    };
    let body = d.components.iter().find_map(|c| match c {
        TemplateComponent::Body(b) => b.text.as_deref(),
        _ => None,
    });
    let mut mismatch = |option: &str, message: String, fix: String| {
        out.push(
            &rules::NOTIFICATION_MATCHES,
            Some(Component::Workspace),
            at(option),
            message,
            fix,
        );
    };
    if body != Some(n.text()) {
        mismatch(
            OPT_NOTIFICATION_TEXT,
            format!(
                "default-notification-text is {:?}, the template's body is {:?}",
                crate::config::quote(n.text()),
                body.map(crate::config::quote)
            ),
            format!(
                "set {OPT_NOTIFICATION_TEXT} = {}",
                body.unwrap_or("(the template's body)")
            ),
        );
    }
    let name = template_name_from_id(n.id());
    if name != d.name {
        mismatch(
            OPT_NOTIFICATION_ID,
            format!(
                "default-notification-id {:?} names the template {name:?}, the template is {:?}",
                crate::config::quote(n.id()),
                d.name
            ),
            format!(
                "set {OPT_NOTIFICATION_ID} = {} (or namespace@{})",
                d.name, d.name
            ),
        );
    }
    if n.language() != d.language {
        mismatch(
            OPT_NOTIFICATION_LANGUAGE,
            format!(
                "default-notification-language is {:?}, the template's language is {:?}",
                crate::config::quote(n.language()),
                d.language
            ),
            format!("set {OPT_NOTIFICATION_LANGUAGE} = {}", d.language),
        );
    }
    let positional = template.positional_count();
    let named = template.names().len();
    if positional != 1 || named != 0 {
        out.push(
            &rules::NOTIFICATION_MATCHES,
            None,
            "notification_template".to_owned(),
            format!(
                "the default notification's template has {positional} positional and {named} named parameters; the agent's draft fills exactly one, {{{{1}}}}"
            ),
            "use a template whose only parameter is {{1}} in the body".to_owned(),
        );
    }
}
