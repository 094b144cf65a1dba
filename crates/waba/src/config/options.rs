//! The option descriptors: every option the guide names, once, with its kind, range, default and
//! where the default comes from. The option table, the defaults, parsing, the typed builder's
//! checks and `docs/options.md` all come from [`OPTIONS`].

use chrono::TimeDelta;

use super::builder::ConfigBuilder;
use crate::channels::{InboundRoute, OutboundChannel, Route};

/// `whatsappsession.enable-free-msg-timespan-monitoring`
pub const OPT_MONITORING: &str = "whatsappsession.enable-free-msg-timespan-monitoring";
/// `whatsappsession.free-msg-timespan`
pub const OPT_FREE_MSG_TIMESPAN: &str = "whatsappsession.free-msg-timespan";
/// `whatsappsession.default-notification-text`
pub const OPT_NOTIFICATION_TEXT: &str = "whatsappsession.default-notification-text";
/// `whatsappsession.default-notification-id`
pub const OPT_NOTIFICATION_ID: &str = "whatsappsession.default-notification-id";
/// `whatsappsession.default-notification-language`
pub const OPT_NOTIFICATION_LANGUAGE: &str = "whatsappsession.default-notification-language";
/// `whatsappsession.location-map.browse.query`
pub const OPT_MAP_BROWSE: &str = "whatsappsession.location-map.browse.query";
/// `whatsappsession.location-map.preview.query`
pub const OPT_MAP_PREVIEW: &str = "whatsappsession.location-map.preview.query";
/// `whatsappsession.location-map.preview.height`
pub const OPT_MAP_HEIGHT: &str = "whatsappsession.location-map.preview.height";
/// `whatsappsession.location-map.preview.width`
pub const OPT_MAP_WIDTH: &str = "whatsappsession.location-map.preview.width";
/// `whatsappsession.outbound-session-config`
pub const OPT_OUTBOUND_SESSION: &str = "whatsappsession.outbound-session-config";
/// `whatsappsession.emojis-business-attribute`
pub const OPT_EMOJIS: &str = "whatsappsession.emojis-business-attribute";
/// `whatsappsession.two-step-attachment-upload`
pub const OPT_TWO_STEP: &str = "whatsappsession.two-step-attachment-upload";
/// `whatsappsession.transcript-interactions-count`
pub const OPT_TRANSCRIPT_COUNT: &str = "whatsappsession.transcript-interactions-count";
/// `whatsappsession.max-text-message-size`
pub const OPT_MAX_TEXT: &str = "whatsappsession.max-text-message-size";
/// `whatsappsession.show-cross-channel-messages`
pub const OPT_CROSS_CHANNEL: &str = "whatsappsession.show-cross-channel-messages";
/// `whatsappsession.message-delay-timespan`
pub const OPT_MESSAGE_DELAY: &str = "whatsappsession.message-delay-timespan";
/// `whatsappsession.pending-response-to-customer`
pub const OPT_PENDING: &str = "whatsappsession.pending-response-to-customer";
/// `whatsappsession.new-message-blinking`
pub const OPT_BLINKING: &str = "whatsappsession.new-message-blinking";
/// `whatsappsession.new-message-blinking-duration`
pub const OPT_BLINKING_DURATION: &str = "whatsappsession.new-message-blinking-duration";
/// `whatsappsession.focus-on-new-messages`
pub const OPT_FOCUS: &str = "whatsappsession.focus-on-new-messages";
/// `whatsappsession.on-hold-queue`
pub const OPT_ON_HOLD_QUEUE: &str = "whatsappsession.on-hold-queue";
/// `workbin.whatsappsession.in-progress`
pub const OPT_WORKBIN: &str = "workbin.whatsappsession.in-progress";
/// `intercommunication.whatsappsession.queue`
pub const OPT_INTERCOMMUNICATION: &str = "intercommunication.whatsappsession.queue";
/// DMS channel option `inbound-route`
pub const OPT_INBOUND_ROUTE: &str = "inbound-route";
/// DMS channel option `inbound-route-by-call`
pub const OPT_INBOUND_ROUTE_BY_CALL: &str = "inbound-route-by-call";
/// DMS channel option `media-type-chat-by-call`
pub const OPT_MEDIA_TYPE_CHAT_BY_CALL: &str = "media-type-chat-by-call";
/// DMS option `session-shutdown-timeout` (seconds)
pub const OPT_SESSION_SHUTDOWN: &str = "session-shutdown-timeout";

/// Largest value of the guide's integer options (`2147483647`: "Any integer from 0 to 2147483647").
pub const INT_OPTION_MAX: u32 = 2_147_483_647;
/// Largest `transcript-interactions-count` (Genesys option reference: 1 to 1000).
pub const TRANSCRIPT_COUNT_MAX: u32 = 1000;
/// Smallest DMS `session-shutdown-timeout`, seconds (Genesys option reference).
pub const SESSION_SHUTDOWN_MIN: u32 = 30;
/// Largest DMS `session-shutdown-timeout`, seconds (Genesys option reference: 20 days).
pub const SESSION_SHUTDOWN_MAX: u32 = 1_728_000;
/// The `session-shutdown-timeout` the guide recommends, seconds.
pub const SESSION_SHUTDOWN_RECOMMENDED: u32 = 1800;
/// Default height of a location preview image, pixels (decision 0002).
pub const MAP_PREVIEW_HEIGHT_DEFAULT: u32 = 200;
/// Default width of a location preview image, pixels (decision 0002).
pub const MAP_PREVIEW_WIDTH_DEFAULT: u32 = 300;
/// The DMS `media-type-chat-by-call` default: the guide's sample media type.
pub const MEDIA_TYPE_CHAT_DEFAULT: &str = "whatsappsession";

/// Where an option is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Section {
    /// The Workspace plug-in (`[interaction-workspace]`).
    Workspace,
    /// A DMS channel section (`[channel-<name>]` of the Digital Messaging Server).
    DmsChannel,
}

impl Section {
    /// Every section, in the order `docs/options.md` lists them.
    pub const ALL: [Section; 2] = [Section::Workspace, Section::DmsChannel];

    /// The heading of the section in `docs/options.md`.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Workspace => "Workspace plug-in (`[interaction-workspace]`)",
            Section::DmsChannel => {
                "DMS channel (`[channel-<name>]` of the Digital Messaging Server)"
            }
        }
    }
}

/// What kind of value an option holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionKind {
    /// `true` or `false` (any letter case).
    Bool,
    /// A whole number within a range.
    Integer {
        /// Smallest valid value.
        min: u32,
        /// Largest valid value.
        max: u32,
    },
    /// A duration (`24h`, `90m`, `45s`, a bare number of seconds).
    Duration,
    /// Two durations, `warning,maximum` (`30,50`: seconds).
    DurationPair,
    /// Free text (kept as written, trimmed).
    Text,
    /// A JSON object.
    Json,
    /// A route `<tenant id>:<endpoint>`.
    Route,
    /// The standard and session routes (`1:standard,1:session-chat`, `,1:session-chat`).
    Routes,
    /// A map-provider URL template (`{LATITUDE}`, `{LONGITUDE}`, `{HEIGHT}`, `{WIDTH}`).
    MapQuery,
}

impl OptionKind {
    /// How `docs/options.md` names the kind.
    pub fn describe(self) -> String {
        match self {
            OptionKind::Bool => "bool".to_owned(),
            OptionKind::Integer { min, max } => format!("integer {min}–{max}"),
            OptionKind::Duration => "duration".to_owned(),
            OptionKind::DurationPair => "duration pair".to_owned(),
            OptionKind::Text => "text".to_owned(),
            OptionKind::Json => "JSON".to_owned(),
            OptionKind::Route => "route".to_owned(),
            OptionKind::Routes => "routes".to_owned(),
            OptionKind::MapQuery => "URL template".to_owned(),
        }
    }
}

/// An option's default, typed (taken from the constants of the crate that owns the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionDefault {
    /// No value.
    None,
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Integer(u32),
    /// A duration.
    Duration(TimeDelta),
    /// A `warning,maximum` pair.
    DurationPair(TimeDelta, TimeDelta),
    /// A text.
    Text(&'static str),
}

impl OptionDefault {
    /// The default written as an option value (`None` for no value), in the form the parser reads.
    pub fn as_option_value(&self) -> Option<String> {
        match self {
            OptionDefault::None => None,
            OptionDefault::Bool(b) => Some(b.to_string()),
            OptionDefault::Integer(n) => Some(n.to_string()),
            OptionDefault::Duration(d) => Some(waba_window::format_duration(*d)),
            OptionDefault::DurationPair(w, m) => {
                Some(format!("{},{}", w.num_seconds(), m.num_seconds()))
            }
            OptionDefault::Text(t) => Some((*t).to_owned()),
        }
    }
}

/// Where an option's value goes in the builder: one accessor per kind, so that a kind and its
/// parser can never disagree.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    Bool(fn(&mut ConfigBuilder) -> &mut bool),
    Integer {
        min: u32,
        max: u32,
        slot: fn(&mut ConfigBuilder) -> &mut u32,
    },
    Duration(fn(&mut ConfigBuilder) -> &mut TimeDelta),
    DurationPair(fn(&mut ConfigBuilder) -> (&mut TimeDelta, &mut TimeDelta)),
    /// Free text; empty means no value.
    Text(fn(&mut ConfigBuilder) -> &mut Option<String>),
    /// Free text; empty means the default.
    TextOrDefault(fn(&mut ConfigBuilder) -> &mut String),
    Channels(fn(&mut ConfigBuilder) -> &mut Vec<OutboundChannel>),
    Route(fn(&mut ConfigBuilder) -> &mut Option<Route>),
    Routes(fn(&mut ConfigBuilder) -> &mut InboundRoute),
    MapQuery(fn(&mut ConfigBuilder) -> &mut Option<waba_template::MapQuery>),
}

/// One option: its name, section, kind, default and what it does.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct OptionSpec {
    /// The option name as Genesys stores it.
    pub name: &'static str,
    /// Where it is set.
    pub section: Section,
    /// The default (typed).
    pub default: OptionDefault,
    /// Where the default comes from, or what it means (`decision 0002`, `infinite`...); empty when
    /// the guide gives it plainly.
    pub default_source: &'static str,
    /// What the option does in this library (one line, as `docs/options.md` says it).
    pub summary: &'static str,
    pub(super) slot: Slot,
}

impl std::fmt::Debug for OptionSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OptionSpec")
            .field("name", &self.name)
            .field("section", &self.section)
            .field("kind", &self.kind())
            .field("default", &self.default)
            .finish()
    }
}

impl OptionSpec {
    /// The kind of value.
    pub fn kind(&self) -> OptionKind {
        match self.slot {
            Slot::Bool(_) => OptionKind::Bool,
            Slot::Integer { min, max, .. } => OptionKind::Integer { min, max },
            Slot::Duration(_) => OptionKind::Duration,
            Slot::DurationPair(_) => OptionKind::DurationPair,
            Slot::Text(_) | Slot::TextOrDefault(_) => OptionKind::Text,
            Slot::Channels(_) => OptionKind::Json,
            Slot::Route(_) => OptionKind::Route,
            Slot::Routes(_) => OptionKind::Routes,
            Slot::MapQuery(_) => OptionKind::MapQuery,
        }
    }

    /// The option of this name, if the library knows it.
    pub fn find(name: &str) -> Option<&'static OptionSpec> {
        OPTIONS.iter().find(|s| s.name == name)
    }
}

use Section::{DmsChannel, Workspace};

/// Every option the guide names, with its default and where that default comes from.
pub const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: OPT_MONITORING,
        section: Workspace,
        default: OptionDefault::Bool(true),
        default_source: "decision 0002",
        summary: "on: free-form drafts after the window closes become the default notification or are refused; off: window state `disabled`, free form always allowed",
        slot: Slot::Bool(|b| &mut b.config.free_msg_monitoring),
    },
    OptionSpec {
        name: OPT_FREE_MSG_TIMESPAN,
        section: Workspace,
        default: OptionDefault::Duration(waba_window::SERVICE_WINDOW),
        default_source: "Meta's 24-hour window",
        summary: "how long after the customer's last inbound message free-form messages may be sent",
        slot: Slot::Duration(|b| &mut b.config.free_msg_timespan),
    },
    OptionSpec {
        name: OPT_NOTIFICATION_TEXT,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "template text of the automatic notification, e.g. `Thank you for your patience! {{1}}`; `{{1}}` receives the agent's draft",
        slot: Slot::Text(|b| &mut b.notification_text),
    },
    OptionSpec {
        name: OPT_NOTIFICATION_ID,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "the approved template's name (id)",
        slot: Slot::Text(|b| &mut b.notification_id),
    },
    OptionSpec {
        name: OPT_NOTIFICATION_LANGUAGE,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "the template's language code, e.g. `en_US`",
        slot: Slot::Text(|b| &mut b.notification_language),
    },
    OptionSpec {
        name: OPT_MAP_BROWSE,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "link to the map provider for an incoming location (`{LATITUDE}`, `{LONGITUDE}`)",
        slot: Slot::MapQuery(|b| &mut b.config.location_map.browse_query),
    },
    OptionSpec {
        name: OPT_MAP_PREVIEW,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "no preview",
        summary: "static map image URL (`{LATITUDE}`, `{LONGITUDE}`, `{HEIGHT}`, `{WIDTH}`)",
        slot: Slot::MapQuery(|b| &mut b.config.location_map.preview_query),
    },
    OptionSpec {
        name: OPT_MAP_HEIGHT,
        section: Workspace,
        default: OptionDefault::Integer(MAP_PREVIEW_HEIGHT_DEFAULT),
        default_source: "decision 0002",
        summary: "preview height in pixels",
        slot: Slot::Integer {
            min: waba_template::map_query::MAP_SIZE_MIN,
            max: waba_template::map_query::MAP_SIZE_MAX,
            slot: |b| &mut b.config.location_map.preview_height,
        },
    },
    OptionSpec {
        name: OPT_MAP_WIDTH,
        section: Workspace,
        default: OptionDefault::Integer(MAP_PREVIEW_WIDTH_DEFAULT),
        default_source: "decision 0002",
        summary: "preview width in pixels",
        slot: Slot::Integer {
            min: waba_template::map_query::MAP_SIZE_MIN,
            max: waba_template::map_query::MAP_SIZE_MAX,
            slot: |b| &mut b.config.location_map.preview_width,
        },
    },
    OptionSpec {
        name: OPT_OUTBOUND_SESSION,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "`{\"channels\": [{\"server-name\", \"channel-name\", \"business-id\"}]}`: channels for outbound sessions from other media; names trimmed; the attached data `_umsOutboundSessionConfig` wins over it",
        slot: Slot::Channels(|b| &mut b.config.outbound_session_channels),
    },
    OptionSpec {
        name: OPT_EMOJIS,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "Business Attribute holding the emoji offering",
        slot: Slot::Text(|b| &mut b.config.emojis_business_attribute),
    },
    OptionSpec {
        name: OPT_TWO_STEP,
        section: Workspace,
        default: OptionDefault::Bool(true),
        default_source: "decision 0002",
        summary: "the attachment verdict asks for a preview step before sending",
        slot: Slot::Bool(|b| &mut b.config.two_step_attachment_upload),
    },
    OptionSpec {
        name: OPT_TRANSCRIPT_COUNT,
        section: Workspace,
        default: OptionDefault::Integer(1),
        default_source: "",
        summary: "previous sessions shown in the transcript",
        slot: Slot::Integer {
            min: 1,
            max: TRANSCRIPT_COUNT_MAX,
            slot: |b| &mut b.config.transcript_interactions_count,
        },
    },
    OptionSpec {
        name: OPT_MAX_TEXT,
        section: Workspace,
        default: OptionDefault::Integer(waba_template::MAX_TEXT_MESSAGE_SIZE_DEFAULT),
        default_source: "",
        summary: "byte budget (UTF-8) of an outbound text message",
        slot: Slot::Integer {
            min: 1,
            max: INT_OPTION_MAX,
            slot: |b| &mut b.config.max_text_message_size,
        },
    },
    OptionSpec {
        name: OPT_CROSS_CHANNEL,
        section: Workspace,
        default: OptionDefault::Bool(false),
        default_source: "",
        summary: "show messages of other WhatsApp channels in the transcript",
        slot: Slot::Bool(|b| &mut b.config.show_cross_channel_messages),
    },
    OptionSpec {
        name: OPT_MESSAGE_DELAY,
        section: Workspace,
        default: OptionDefault::Duration(waba_window::DEFAULT_MESSAGE_DELAY),
        default_source: "decision 0002",
        summary: "a message arriving later than its origin time by more than this is delayed",
        slot: Slot::Duration(|b| &mut b.config.message_delay_timespan),
    },
    OptionSpec {
        name: OPT_PENDING,
        section: Workspace,
        default: OptionDefault::DurationPair(
            waba_window::DEFAULT_PENDING_WARNING,
            waba_window::DEFAULT_PENDING_MAXIMUM,
        ),
        default_source: "seconds",
        summary: "pending-response indicator: yellow after the first, red and flashing after the second",
        slot: Slot::DurationPair(|b| {
            (
                &mut b.config.pending_response_warning,
                &mut b.config.pending_response_maximum,
            )
        }),
    },
    OptionSpec {
        name: OPT_BLINKING,
        section: Workspace,
        default: OptionDefault::Bool(true),
        default_source: "",
        summary: "blink the interaction bar on a new message",
        slot: Slot::Bool(|b| &mut b.config.new_message_blinking),
    },
    OptionSpec {
        name: OPT_BLINKING_DURATION,
        section: Workspace,
        default: OptionDefault::Integer(0),
        default_source: "infinite",
        summary: "blinking duration",
        slot: Slot::Integer {
            min: 0,
            max: INT_OPTION_MAX,
            slot: |b| &mut b.config.new_message_blinking_duration,
        },
    },
    OptionSpec {
        name: OPT_FOCUS,
        section: Workspace,
        default: OptionDefault::Bool(true),
        default_source: "decision 0002",
        summary: "the transcript scrolls to new messages",
        slot: Slot::Bool(|b| &mut b.config.focus_on_new_messages),
    },
    OptionSpec {
        name: OPT_ON_HOLD_QUEUE,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "Interaction Queue for chats put on hold (the sample business process uses `async-chat-return-queue`)",
        slot: Slot::Text(|b| &mut b.config.on_hold_queue),
    },
    OptionSpec {
        name: OPT_WORKBIN,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "workbin for interactions in progress (`async-chat-main-workbin` in the sample)",
        slot: Slot::Text(|b| &mut b.config.workbin_in_progress),
    },
    OptionSpec {
        name: OPT_INTERCOMMUNICATION,
        section: Workspace,
        default: OptionDefault::None,
        default_source: "",
        summary: "Interaction Queue for routing-based transfers and conferences",
        slot: Slot::Text(|b| &mut b.config.intercommunication_queue),
    },
    OptionSpec {
        name: OPT_INBOUND_ROUTE,
        section: DmsChannel,
        default: OptionDefault::None,
        default_source: "",
        summary: "`<tenant>:<endpoint>` for standard mode, then after a comma the session (chat) route; the guide's `,1:session-chat` means session route only",
        slot: Slot::Routes(|b| &mut b.config.inbound_route),
    },
    OptionSpec {
        name: OPT_INBOUND_ROUTE_BY_CALL,
        section: DmsChannel,
        default: OptionDefault::None,
        default_source: "",
        summary: "`<tenant>:<endpoint>` for outbound sessions started by InviteToChat without a `ChatQueueKey`",
        slot: Slot::Route(|b| &mut b.config.inbound_route_by_call),
    },
    OptionSpec {
        name: OPT_MEDIA_TYPE_CHAT_BY_CALL,
        section: DmsChannel,
        default: OptionDefault::Text(MEDIA_TYPE_CHAT_DEFAULT),
        default_source: "the guide's sample",
        summary: "media type of sessions started by call",
        slot: Slot::TextOrDefault(|b| &mut b.config.media_type_chat_by_call),
    },
    OptionSpec {
        name: OPT_SESSION_SHUTDOWN,
        section: DmsChannel,
        default: OptionDefault::Integer(SESSION_SHUTDOWN_RECOMMENDED),
        default_source: "the guide's recommendation",
        summary: "inactivity (seconds) before a session is closed",
        slot: Slot::Integer {
            min: SESSION_SHUTDOWN_MIN,
            max: SESSION_SHUTDOWN_MAX,
            slot: |b| &mut b.config.session_shutdown_timeout,
        },
    },
];

/// The option tables of `docs/options.md`, generated from [`OPTIONS`]: one table per section,
/// `| option | value | default | what it does here |`.
pub fn options_markdown() -> String {
    let mut out = String::new();
    for section in Section::ALL {
        out.push_str("## ");
        out.push_str(section.heading());
        out.push_str("\n\n| option | value | default | what it does here |\n|---|---|---|---|\n");
        for spec in OPTIONS.iter().filter(|s| s.section == section) {
            let default = match spec.default.as_option_value() {
                Some(v) if !v.is_empty() => format!("`{v}`"),
                _ => "none".to_owned(),
            };
            let default = if spec.default_source.is_empty() {
                default
            } else {
                format!("{default} ({})", spec.default_source)
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                spec.name,
                spec.kind().describe(),
                default,
                spec.summary
            ));
        }
        out.push('\n');
    }
    out
}
