//! The lint rules: a stable id, a severity, and the guide's sentence each one comes from.
//!
//! `docs/lint.md` has one entry per rule, quoting the same sentence (a test keeps them equal).

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the guide requires, or a value the library refuses: the deployment fails.
    Error,
    /// Something the guide recommends, or a likely mistake: the deployment may work.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One rule of the deployment check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// Stable id (`chat_server.xml_request_max_size`).
    pub id: &'static str,
    /// The severity of its findings (a rule may report a lesser case as a warning).
    pub severity: Severity,
    /// The guide's sentence the rule comes from, as written (or, for the bundle's own rules, what
    /// they check).
    pub guide: &'static str,
}

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $id:literal, $sev:ident, $guide:literal;)*) => {
        $( $(#[$doc])* pub(super) const $name: Rule = Rule { id: $id, severity: Severity::$sev, guide: $guide }; )*
        /// Every rule, in the order the lint runs them.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    /// The bundle is JSON but not of the bundle's shape.
    BUNDLE_SHAPE = "bundle.shape", Error,
        "(waba) A bundle is a JSON object with the keys dms, chat_server, workspace, business_attributes, media_types, capacity_rules, privileges and notification_template, each optional.";
    /// A top-level key the bundle does not have.
    BUNDLE_UNKNOWN_KEY = "bundle.unknown_key", Warning,
        "(waba) A bundle is a JSON object with the keys dms, chat_server, workspace, business_attributes, media_types, capacity_rules, privileges and notification_template, each optional.";
    /// The same option twice in one section.
    OPTIONS_DUPLICATE = "options.duplicate", Error,
        "All options are documented in the Options Reference.";
    /// A value `Config` refuses.
    OPTIONS_INVALID_VALUE = "options.invalid_value", Error,
        "All options are documented in the Options Reference.";
    /// An option name nobody reads, with the closest known name.
    OPTIONS_UNKNOWN_NAME = "options.unknown_name", Warning,
        "All options for the plugin are located in the [interaction-workspace] section. Options are documented in the Options Reference.";
    /// A known option in the wrong application or section.
    OPTIONS_MISPLACED = "options.misplaced", Warning,
        "All options for the plugin are located in the [interaction-workspace] section.";
    /// No DMS channel section for WhatsApp.
    DMS_WHATSAPP_CHANNEL = "dms.whatsapp_channel", Error,
        "Digital Messaging Server: in the [channel-any name] section for your WhatsApp channel, add an endpoint called session-chat.";
    /// The channel's `inbound-route` lacks the session endpoint after the comma.
    DMS_SESSION_CHAT = "dms.session_chat_endpoint", Error,
        "(You must use a comma before the tenant ID. For example: ,1:session-chat.)";
    /// DMS `session-shutdown-timeout` below the recommended 1800.
    DMS_SESSION_SHUTDOWN = "dms.session_shutdown_timeout", Warning,
        "Genesys recommends that you increase the default value of the session-shutdown-timeout option in DMS to 1800 (30 minutes).";
    /// The Chat Server endpoint the DMS session route names, with its greet queue.
    CHAT_GREET_QUEUE = "chat_server.greet_queue", Error,
        "Chat Server: in the [endpoints] section, add a queue called async-chat-greet-queue.";
    /// `transcript-auto-save = 1`.
    CHAT_TRANSCRIPT_AUTO_SAVE = "chat_server.transcript_auto_save", Error,
        "transcript-auto-save = 1 This setting automatically saves the chat transcript in UCS in case of a solution failure.";
    /// `xml-request-max-size` of 100000 or more.
    CHAT_XML_REQUEST_MAX_SIZE = "chat_server.xml_request_max_size", Error,
        "xml-request-max-size = 100000 Setting this value to 100 KB or more is required when using rich messaging functionality.";
    /// The `whatsappsession` media type.
    MEDIA_TYPE = "environment.media_type", Error,
        "Create the following media type in the Configuration Server database: whatsappsession.";
    /// `whatsappsession` in the capacity rules.
    CAPACITY_RULE = "environment.capacity_rule", Error,
        "Next, add the whatsappsession media type to your environment's capacity rules and specify how many instances of whatsappsession interactions are allowed simultaneously.";
    /// The `InternalConferenceInvite` interaction subtype.
    INTERNAL_CONFERENCE_INVITE = "business_attributes.internal_conference_invite", Error,
        "Create a Business Attribute of type Interaction Subtype with the name InternalConferenceInvite.";
    /// The `_msg_ProfileNickname` contact attribute, neither searchable nor sortable.
    PROFILE_NICKNAME = "business_attributes.profile_nickname", Error,
        "In the Annex tab, add the following options in the [settings] section: is-searchable = false, is-sortable = false";
    /// The sample business process's queues.
    SAMPLE_BP_QUEUES = "workspace.sample_business_process_queues", Warning,
        "When using the sample business process, set the following configuration options in the [interaction-workspace] section: whatsappsession.on-hold-queue to async-chat-return-queue, workbin.whatsappsession.in-progress to async-chat-main-workbin";
    /// The conference queue.
    CONFERENCE_QUEUE = "workspace.conference_queue", Warning,
        "Set the option intercommunication.whatsappsession.queue before agents can request a conference via the Skill or Group option.";
    /// The location map queries and their placeholders.
    LOCATION_MAP_QUERY = "workspace.location_map_query", Error,
        "For latitude and longitude, you must have the placeholders {LATITUDE} and {LONGITUDE}.";
    /// `whatsappsession.outbound-session-config`.
    OUTBOUND_SESSION_CONFIG = "workspace.outbound_session_config", Error,
        "Administrators must add or configure the following option if the key-value pairs _umsOutboundSessionConfig is missing from the attached data of the Business Process";
    /// `InteractionWorkspace.WhatsApp.canUse` granted.
    PRIVILEGE_CAN_USE = "privileges.can_use", Error,
        "Assign InteractionWorkspace.WhatsApp.canUse privileges. This allows agents to load the WhatsApp plugin. If this permission is not set, the plugin will not load.";
    /// A WhatsApp privilege name the plug-in does not have.
    PRIVILEGE_UNKNOWN = "privileges.unknown", Warning,
        "Administrators can control whether an agent is allowed to send attachments in WhatsApp interactions using the following permissions:";
    /// The default notification's template definition is refused.
    NOTIFICATION_TEMPLATE = "notification.template_definition", Error,
        "Values of options, whatsappsession.default-notification-text, whatsappsession.default-notification-id, and whatsappsession.default-notification-language must match with the values in the WhatsApp template for the default notification.";
    /// The default-notification options match the template.
    NOTIFICATION_MATCHES = "notification.matches_template", Error,
        "Values of options, whatsappsession.default-notification-text, whatsappsession.default-notification-id, and whatsappsession.default-notification-language must match with the values in the WhatsApp template for the default notification.";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_dotted_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(
                r.id.split('.').count() == 2
                    && r.id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.'),
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn the_guide_sentences_are_the_guides() {
        // Every quoted sentence is in the guide (spaces and markup aside); the bundle's own rules
        // say so with "(waba)".
        let guide = include_str!("../../../../docs/lint.md");
        for r in RULES {
            assert!(
                guide.contains(&format!("`{}`", r.id)),
                "docs/lint.md lacks {}",
                r.id
            );
            assert!(
                guide.contains(r.guide),
                "docs/lint.md does not quote the sentence of {}",
                r.id
            );
        }
    }
}
