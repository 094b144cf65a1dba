//! `Config`: the Genesys options (`whatsappsession.*` of the Workspace plug-in and the DMS channel
//! options) parsed into one validated value.
//!
//! Every option the guide names has a row in [`OPTIONS`] (name, default, valid values, source) and in
//! `docs/options.md`. A bad value is a [`ConfigError`] naming the option and the value; an unknown name is
//! kept in [`Config::unknown`] and reported as a [`ConfigWarning`], never dropped.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::channels::{InboundRoute, OutboundChannel, Route};

/// Longest option value quoted back in an error (characters); longer values are cut with `…`.
pub const QUOTED_VALUE_MAX: usize = 64;

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
    /// Free text (kept as written).
    Text,
    /// A JSON object.
    Json,
    /// Tenant and endpoint routes (`1:session-chat`, `,1:session-chat`).
    Route,
}

/// One option: its name, kind, default and where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    /// The option name as Genesys stores it.
    pub name: &'static str,
    /// The kind of value.
    pub kind: OptionKind,
    /// The default, as an option value (empty: no value).
    pub default: &'static str,
    /// Where the default comes from: `guide`, `genesys-docs`, or `decision NNNN` when the guide gives none.
    pub default_source: &'static str,
}

macro_rules! spec {
    ($name:expr, $kind:expr, $default:expr, $src:expr) => {
        OptionSpec {
            name: $name,
            kind: $kind,
            default: $default,
            default_source: $src,
        }
    };
}

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

/// Largest value of the guide's integer options (`2147483647`).
pub const INT_OPTION_MAX: u32 = 2_147_483_647;

/// Every option the guide names, with its default and where that default comes from.
pub const OPTIONS: &[OptionSpec] = &[
    spec!(OPT_MONITORING, OptionKind::Bool, "true", "decision 0002"),
    spec!(
        OPT_FREE_MSG_TIMESPAN,
        OptionKind::Duration,
        "24h",
        "Meta's 24-hour window"
    ),
    spec!(
        OPT_NOTIFICATION_TEXT,
        OptionKind::Text,
        "",
        "guide (no value)"
    ),
    spec!(
        OPT_NOTIFICATION_ID,
        OptionKind::Text,
        "",
        "guide (no value)"
    ),
    spec!(
        OPT_NOTIFICATION_LANGUAGE,
        OptionKind::Text,
        "",
        "guide (no value)"
    ),
    spec!(OPT_MAP_BROWSE, OptionKind::Text, "", "guide (no value)"),
    spec!(
        OPT_MAP_PREVIEW,
        OptionKind::Text,
        "",
        "guide (no value: no preview)"
    ),
    spec!(
        OPT_MAP_HEIGHT,
        OptionKind::Integer { min: 1, max: 4096 },
        "200",
        "decision 0002"
    ),
    spec!(
        OPT_MAP_WIDTH,
        OptionKind::Integer { min: 1, max: 4096 },
        "300",
        "decision 0002"
    ),
    spec!(
        OPT_OUTBOUND_SESSION,
        OptionKind::Json,
        "",
        "guide (no default value)"
    ),
    spec!(OPT_EMOJIS, OptionKind::Text, "", "genesys-docs (empty)"),
    spec!(OPT_TWO_STEP, OptionKind::Bool, "true", "decision 0002"),
    spec!(
        OPT_TRANSCRIPT_COUNT,
        OptionKind::Integer { min: 1, max: 1000 },
        "1",
        "genesys-docs"
    ),
    spec!(
        OPT_MAX_TEXT,
        OptionKind::Integer {
            min: 1,
            max: INT_OPTION_MAX
        },
        "4096",
        "genesys-docs"
    ),
    spec!(OPT_CROSS_CHANNEL, OptionKind::Bool, "false", "genesys-docs"),
    spec!(
        OPT_MESSAGE_DELAY,
        OptionKind::Duration,
        "60s",
        "decision 0002"
    ),
    spec!(
        OPT_PENDING,
        OptionKind::DurationPair,
        "30,50",
        "genesys-docs"
    ),
    spec!(OPT_BLINKING, OptionKind::Bool, "true", "genesys-docs"),
    spec!(
        OPT_BLINKING_DURATION,
        OptionKind::Integer {
            min: 0,
            max: INT_OPTION_MAX
        },
        "0",
        "genesys-docs (0: infinite)"
    ),
    spec!(OPT_FOCUS, OptionKind::Bool, "true", "decision 0002"),
    spec!(
        OPT_ON_HOLD_QUEUE,
        OptionKind::Text,
        "",
        "genesys-docs (empty)"
    ),
    spec!(OPT_WORKBIN, OptionKind::Text, "", "guide (no value)"),
    spec!(
        OPT_INTERCOMMUNICATION,
        OptionKind::Text,
        "",
        "genesys-docs (empty)"
    ),
    spec!(
        OPT_INBOUND_ROUTE,
        OptionKind::Route,
        "",
        "genesys-docs (no default)"
    ),
    spec!(
        OPT_INBOUND_ROUTE_BY_CALL,
        OptionKind::Route,
        "",
        "genesys-docs (no default)"
    ),
    spec!(
        OPT_MEDIA_TYPE_CHAT_BY_CALL,
        OptionKind::Text,
        "whatsappsession",
        "guide (sample value)"
    ),
    spec!(
        OPT_SESSION_SHUTDOWN,
        OptionKind::Integer {
            min: 30,
            max: 1_728_000
        },
        "1800",
        "guide (recommended value)"
    ),
];

/// The default notification that replaces a late draft (`whatsappsession.default-notification-*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DefaultNotification {
    /// The template text, e.g. `Thank you for your patience! {{1}}` (`default-notification-text`).
    pub text: String,
    /// The template id (`default-notification-id`).
    pub id: String,
    /// The template language code (`default-notification-language`).
    pub language: String,
}

/// The map-provider settings for incoming locations (`whatsappsession.location-map.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocationMap {
    /// URL template for browsing the location at the map provider.
    pub browse_query: Option<String>,
    /// URL template for a static preview image; no preview when absent.
    pub preview_query: Option<String>,
    /// Preview height in pixels.
    pub preview_height: u32,
    /// Preview width in pixels.
    pub preview_width: u32,
}

/// The links of an incoming location, from the map-provider options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MapLinks {
    /// Where an agent browses the location (`location-map.browse.query` filled in).
    pub browse: Option<String>,
    /// The static preview image (`location-map.preview.query` filled in).
    pub preview: Option<String>,
}

/// All the options, parsed and validated. Build it with [`Config::from_options`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Config {
    /// `whatsappsession.enable-free-msg-timespan-monitoring` (default true).
    pub free_msg_monitoring: bool,
    /// `whatsappsession.free-msg-timespan` (default 24 h).
    pub free_msg_timespan: TimeDelta,
    /// The three `whatsappsession.default-notification-*` options, when all are set.
    pub default_notification: Option<DefaultNotification>,
    /// `whatsappsession.location-map.*`.
    pub location_map: LocationMap,
    /// `whatsappsession.outbound-session-config` channels (empty when unset).
    pub outbound_session_channels: Vec<OutboundChannel>,
    /// `whatsappsession.emojis-business-attribute`.
    pub emojis_business_attribute: Option<String>,
    /// `whatsappsession.two-step-attachment-upload` (default true).
    pub two_step_attachment_upload: bool,
    /// `whatsappsession.transcript-interactions-count` (1 to 1000, default 1).
    pub transcript_interactions_count: u32,
    /// `whatsappsession.max-text-message-size`, UTF-8 bytes (1 to 2147483647, default 4096).
    pub max_text_message_size: u32,
    /// `whatsappsession.show-cross-channel-messages` (default false).
    pub show_cross_channel_messages: bool,
    /// `whatsappsession.message-delay-timespan` (default 60 s).
    pub message_delay_timespan: TimeDelta,
    /// `whatsappsession.pending-response-to-customer`: warning time (default 30 s).
    pub pending_response_warning: TimeDelta,
    /// `whatsappsession.pending-response-to-customer`: maximum time (default 50 s).
    pub pending_response_maximum: TimeDelta,
    /// `whatsappsession.new-message-blinking` (default true).
    pub new_message_blinking: bool,
    /// `whatsappsession.new-message-blinking-duration` (default 0: infinite).
    pub new_message_blinking_duration: u32,
    /// `whatsappsession.focus-on-new-messages` (default true).
    pub focus_on_new_messages: bool,
    /// `whatsappsession.on-hold-queue`.
    pub on_hold_queue: Option<String>,
    /// `workbin.whatsappsession.in-progress`.
    pub workbin_in_progress: Option<String>,
    /// `intercommunication.whatsappsession.queue`.
    pub intercommunication_queue: Option<String>,
    /// DMS `inbound-route`.
    pub inbound_route: InboundRoute,
    /// DMS `inbound-route-by-call`.
    pub inbound_route_by_call: Option<Route>,
    /// DMS `media-type-chat-by-call` (default `whatsappsession`).
    pub media_type_chat_by_call: String,
    /// DMS `session-shutdown-timeout`, seconds (30 to 1728000, default 1800 as the guide recommends).
    pub session_shutdown_timeout: u32,
    /// Options whose names this library does not know, kept as they came.
    pub unknown: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            free_msg_monitoring: true,
            free_msg_timespan: waba_window::SERVICE_WINDOW,
            default_notification: None,
            location_map: LocationMap {
                browse_query: None,
                preview_query: None,
                preview_height: 200,
                preview_width: 300,
            },
            outbound_session_channels: Vec::new(),
            emojis_business_attribute: None,
            two_step_attachment_upload: true,
            transcript_interactions_count: 1,
            max_text_message_size: 4096,
            show_cross_channel_messages: false,
            message_delay_timespan: waba_window::DEFAULT_MESSAGE_DELAY,
            pending_response_warning: waba_window::DEFAULT_PENDING_WARNING,
            pending_response_maximum: waba_window::DEFAULT_PENDING_MAXIMUM,
            new_message_blinking: true,
            new_message_blinking_duration: 0,
            focus_on_new_messages: true,
            on_hold_queue: None,
            workbin_in_progress: None,
            intercommunication_queue: None,
            inbound_route: InboundRoute::default(),
            inbound_route_by_call: None,
            media_type_chat_by_call: "whatsappsession".to_owned(),
            session_shutdown_timeout: 1800,
            unknown: BTreeMap::new(),
        }
    }
}

/// An option this library does not know: kept in [`Config::unknown`] and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigWarning {
    /// The unknown option name.
    pub option: String,
}

impl std::fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown option {:?} kept but not used",
            quote(&self.option)
        )
    }
}

/// A bad option value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The value is not `true` or `false`.
    #[error("option {option}: {value:?} is not true or false")]
    InvalidBool {
        /// The option.
        option: String,
        /// The value (cut to [`QUOTED_VALUE_MAX`] characters).
        value: String,
    },
    /// The value is not a whole number written with ASCII digits.
    #[error("option {option}: {value:?} is not a whole number")]
    InvalidInteger {
        /// The option.
        option: String,
        /// The value (cut).
        value: String,
    },
    /// The number is outside the option's range.
    #[error("option {option}: {actual} is outside {min} to {max}")]
    OutOfRange {
        /// The option.
        option: String,
        /// The value given.
        actual: u64,
        /// Smallest valid value.
        min: u32,
        /// Largest valid value.
        max: u32,
    },
    /// The value is not a duration the window crate accepts.
    #[error("option {option}: {value:?} is not a valid duration ({reason})")]
    InvalidDuration {
        /// The option.
        option: String,
        /// The value (cut).
        value: String,
        /// The duration parser's error code.
        reason: &'static str,
    },
    /// The JSON value could not be used.
    #[error("option {option}: {reason}")]
    InvalidJson {
        /// The option.
        option: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A route is not `<tenant id>:<endpoint>`.
    #[error("option {option}: {value:?} is not a route of the form <tenant id>:<endpoint>")]
    InvalidRoute {
        /// The option.
        option: String,
        /// The value (cut).
        value: String,
    },
    /// Some of the `default-notification-*` options are set, but not all three.
    #[error("option {option} is required when {because} is set")]
    Incomplete {
        /// The missing option.
        option: String,
        /// The option that needs it.
        because: String,
    },
    /// The notification text is not a template the library can fill.
    #[error("option {option}: {reason}")]
    InvalidNotification {
        /// The option.
        option: String,
        /// What is wrong.
        reason: String,
    },
    /// A map-provider URL template is not usable.
    #[error("option {option}: not a usable map URL template ({reason})")]
    InvalidMapQuery {
        /// The option.
        option: String,
        /// The map-query error code.
        reason: &'static str,
    },
    /// The same option was given twice.
    #[error("option {option} is given more than once")]
    Duplicate {
        /// The option.
        option: String,
    },
}

impl ConfigError {
    /// Stable error code (`config.…`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidBool { .. } => "config.invalid_bool",
            Self::InvalidInteger { .. } => "config.invalid_integer",
            Self::OutOfRange { .. } => "config.out_of_range",
            Self::InvalidDuration { .. } => "config.invalid_duration",
            Self::InvalidJson { .. } => "config.invalid_json",
            Self::InvalidRoute { .. } => "config.invalid_route",
            Self::Incomplete { .. } => "config.incomplete",
            Self::InvalidNotification { .. } => "config.invalid_notification",
            Self::InvalidMapQuery { .. } => "config.invalid_map_query",
            Self::Duplicate { .. } => "config.duplicate_option",
        }
    }

    /// The option concerned.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidBool { option, .. }
            | Self::InvalidInteger { option, .. }
            | Self::OutOfRange { option, .. }
            | Self::InvalidDuration { option, .. }
            | Self::InvalidJson { option, .. }
            | Self::InvalidRoute { option, .. }
            | Self::Incomplete { option, .. }
            | Self::InvalidNotification { option, .. }
            | Self::InvalidMapQuery { option, .. }
            | Self::Duplicate { option } => Some(option),
        }
    }

    /// The limit broken (the range's bound) for [`ConfigError::OutOfRange`].
    pub fn limit(&self) -> Option<u64> {
        match self {
            Self::OutOfRange {
                actual, min, max, ..
            } => Some(if *actual < u64::from(*min) {
                u64::from(*min)
            } else {
                u64::from(*max)
            }),
            _ => None,
        }
    }

    /// The value given, for [`ConfigError::OutOfRange`].
    pub fn actual(&self) -> Option<u64> {
        match self {
            Self::OutOfRange { actual, .. } => Some(*actual),
            _ => None,
        }
    }
}

/// Cuts a value for quoting in a message.
pub(crate) fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTED_VALUE_MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(QUOTED_VALUE_MAX).collect();
        out.push('…');
        out
    }
}

/// Trims what a value may carry around it without meaning: ASCII spaces, tabs, CR and LF (a value
/// copied from a Windows file ends in `\r`). Nothing inside the value is touched.
fn trimmed(v: &str) -> &str {
    v.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

fn parse_bool(option: &str, value: &str) -> Result<bool, ConfigError> {
    let v = trimmed(value);
    if v.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if v.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(ConfigError::InvalidBool {
            option: option.to_owned(),
            value: quote(value),
        })
    }
}

fn parse_int(option: &str, value: &str, min: u32, max: u32) -> Result<u32, ConfigError> {
    let v = trimmed(value);
    let bad = || ConfigError::InvalidInteger {
        option: option.to_owned(),
        value: quote(value),
    };
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // Digits only: the only failure left is overflow, which is out of range.
    let n: u64 = v.parse().unwrap_or(u64::MAX);
    if n < u64::from(min) || n > u64::from(max) {
        return Err(ConfigError::OutOfRange {
            option: option.to_owned(),
            actual: n,
            min,
            max,
        });
    }
    u32::try_from(n).map_err(|_| bad())
}

fn parse_duration(option: &str, value: &str) -> Result<TimeDelta, ConfigError> {
    waba_window::parse_duration(trimmed(value)).map_err(|e| ConfigError::InvalidDuration {
        option: option.to_owned(),
        value: quote(value),
        reason: e.code(),
    })
}

fn parse_duration_pair(option: &str, value: &str) -> Result<(TimeDelta, TimeDelta), ConfigError> {
    waba_window::parse_duration_pair(trimmed(value)).map_err(|e| ConfigError::InvalidDuration {
        option: option.to_owned(),
        value: quote(value),
        reason: e.code(),
    })
}

fn map_query(option: &str, value: &str) -> Result<Option<String>, ConfigError> {
    let Some(v) = text(value) else {
        return Ok(None);
    };
    waba_template::MapQuery::new(&v).map_err(|e| ConfigError::InvalidMapQuery {
        option: option.to_owned(),
        reason: e.code(),
    })?;
    Ok(Some(v))
}

fn text(value: &str) -> Option<String> {
    let v = trimmed(value);
    (!v.is_empty()).then(|| v.to_owned())
}

impl Config {
    /// The window settings (`enable-free-msg-timespan-monitoring`, `free-msg-timespan`).
    pub fn window(&self) -> waba_window::WindowConfig {
        waba_window::WindowConfig::new(self.free_msg_monitoring, self.free_msg_timespan)
    }

    /// The map links of a location at `latitude`, `longitude`: the browse URL and the preview image URL
    /// (`whatsappsession.location-map.*`), each `None` when not configured or when the coordinates
    /// are not usable (not finite, out of range).
    pub fn map_links(&self, latitude: f64, longitude: f64) -> MapLinks {
        let m = &self.location_map;
        let fill = |q: &Option<String>| {
            q.as_deref()
                .and_then(|q| waba_template::MapQuery::new(q).ok())
                .and_then(|q| {
                    q.fill(latitude, longitude, m.preview_height, m.preview_width)
                        .ok()
                })
        };
        MapLinks {
            browse: fill(&m.browse_query),
            preview: fill(&m.preview_query),
        }
    }

    /// The pending-response indicator's thresholds (`whatsappsession.pending-response-to-customer`).
    pub fn pending_response(&self) -> waba_window::PendingResponse {
        // The pair was checked when parsed (warning not after maximum); the default is the guide's.
        waba_window::PendingResponse::new(
            self.pending_response_warning,
            self.pending_response_maximum,
        )
        .unwrap_or_default()
    }

    /// Builds the configuration from option name/value pairs as Genesys stores them.
    ///
    /// Options not given keep their documented defaults. Returns the warnings for unknown names (the
    /// options themselves are kept in [`Config::unknown`]). The same name twice is an error.
    pub fn from_options<'a, I>(options: I) -> Result<(Self, Vec<ConfigWarning>), ConfigError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut cfg = Self::default();
        let mut warnings = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let (mut n_text, mut n_id, mut n_lang) = (None, None, None);
        for (name, value) in options {
            if !seen.insert(name) {
                return Err(ConfigError::Duplicate {
                    option: name.to_owned(),
                });
            }
            match name {
                OPT_MONITORING => cfg.free_msg_monitoring = parse_bool(name, value)?,
                OPT_FREE_MSG_TIMESPAN => cfg.free_msg_timespan = parse_duration(name, value)?,
                OPT_NOTIFICATION_TEXT => n_text = text(value),
                OPT_NOTIFICATION_ID => n_id = text(value),
                OPT_NOTIFICATION_LANGUAGE => n_lang = text(value),
                OPT_MAP_BROWSE => cfg.location_map.browse_query = map_query(name, value)?,
                OPT_MAP_PREVIEW => cfg.location_map.preview_query = map_query(name, value)?,
                OPT_MAP_HEIGHT => {
                    cfg.location_map.preview_height = parse_int(name, value, 1, 4096)?
                }
                OPT_MAP_WIDTH => cfg.location_map.preview_width = parse_int(name, value, 1, 4096)?,
                OPT_OUTBOUND_SESSION => {
                    cfg.outbound_session_channels = match text(value) {
                        None => Vec::new(),
                        Some(v) => crate::channels::parse_outbound_session_config(&v).map_err(
                            |reason| ConfigError::InvalidJson {
                                option: name.to_owned(),
                                reason,
                            },
                        )?,
                    }
                }
                OPT_EMOJIS => cfg.emojis_business_attribute = text(value),
                OPT_TWO_STEP => cfg.two_step_attachment_upload = parse_bool(name, value)?,
                OPT_TRANSCRIPT_COUNT => {
                    cfg.transcript_interactions_count = parse_int(name, value, 1, 1000)?
                }
                OPT_MAX_TEXT => {
                    cfg.max_text_message_size = parse_int(name, value, 1, INT_OPTION_MAX)?
                }
                OPT_CROSS_CHANNEL => cfg.show_cross_channel_messages = parse_bool(name, value)?,
                OPT_MESSAGE_DELAY => cfg.message_delay_timespan = parse_duration(name, value)?,
                OPT_PENDING => {
                    let (w, m) = parse_duration_pair(name, value)?;
                    cfg.pending_response_warning = w;
                    cfg.pending_response_maximum = m;
                }
                OPT_BLINKING => cfg.new_message_blinking = parse_bool(name, value)?,
                OPT_BLINKING_DURATION => {
                    cfg.new_message_blinking_duration = parse_int(name, value, 0, INT_OPTION_MAX)?
                }
                OPT_FOCUS => cfg.focus_on_new_messages = parse_bool(name, value)?,
                OPT_ON_HOLD_QUEUE => cfg.on_hold_queue = text(value),
                OPT_WORKBIN => cfg.workbin_in_progress = text(value),
                OPT_INTERCOMMUNICATION => cfg.intercommunication_queue = text(value),
                OPT_INBOUND_ROUTE => {
                    cfg.inbound_route =
                        InboundRoute::parse(value).ok_or_else(|| ConfigError::InvalidRoute {
                            option: name.to_owned(),
                            value: quote(value),
                        })?
                }
                OPT_INBOUND_ROUTE_BY_CALL => {
                    cfg.inbound_route_by_call = match text(value) {
                        None => None,
                        Some(v) => {
                            Some(Route::parse(&v).ok_or_else(|| ConfigError::InvalidRoute {
                                option: name.to_owned(),
                                value: quote(value),
                            })?)
                        }
                    }
                }
                OPT_MEDIA_TYPE_CHAT_BY_CALL => {
                    cfg.media_type_chat_by_call =
                        text(value).unwrap_or_else(|| "whatsappsession".to_owned())
                }
                OPT_SESSION_SHUTDOWN => {
                    cfg.session_shutdown_timeout = parse_int(name, value, 30, 1_728_000)?
                }
                other => {
                    cfg.unknown.insert(other.to_owned(), value.to_owned());
                    warnings.push(ConfigWarning {
                        option: other.to_owned(),
                    });
                }
            }
        }
        cfg.default_notification = notification(n_text, n_id, n_lang)?;
        Ok((cfg, warnings))
    }
}

fn notification(
    text: Option<String>,
    id: Option<String>,
    language: Option<String>,
) -> Result<Option<DefaultNotification>, ConfigError> {
    let names = [
        OPT_NOTIFICATION_TEXT,
        OPT_NOTIFICATION_ID,
        OPT_NOTIFICATION_LANGUAGE,
    ];
    let given = [text.is_some(), id.is_some(), language.is_some()];
    let Some(because) = names.iter().zip(given).find(|(_, g)| *g).map(|(n, _)| *n) else {
        return Ok(None);
    };
    if let Some((missing, _)) = names.iter().zip(given).find(|(_, g)| !*g) {
        return Err(ConfigError::Incomplete {
            option: (*missing).to_owned(),
            because: because.to_owned(),
        });
    }
    match (text, id, language) {
        (Some(text), Some(id), Some(language)) => {
            crate::notify::check_notification_text(&text).map_err(|reason| {
                ConfigError::InvalidNotification {
                    option: OPT_NOTIFICATION_TEXT.to_owned(),
                    reason,
                }
            })?;
            Ok(Some(DefaultNotification { text, id, language }))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> Result<(Config, Vec<ConfigWarning>), ConfigError> {
        Config::from_options(pairs.iter().copied())
    }

    #[test]
    fn defaults_match_the_table() {
        let (c, w) = cfg(&[]).unwrap();
        assert!(w.is_empty());
        assert_eq!(c, Config::default());
        // Every spec's default parses to the same value as Config::default().
        let pairs: Vec<(&str, &str)> = OPTIONS
            .iter()
            .filter(|s| !s.default.is_empty())
            .map(|s| (s.name, s.default))
            .collect();
        let (from_specs, w) = Config::from_options(pairs).unwrap();
        assert!(w.is_empty());
        assert_eq!(from_specs, Config::default());
    }

    #[test]
    fn booleans_accept_case_and_trailing_cr_only() {
        for v in ["true", "TRUE", "True", " true", "true\r"] {
            assert!(
                cfg(&[(OPT_CROSS_CHANNEL, v)])
                    .unwrap()
                    .0
                    .show_cross_channel_messages,
                "{v:?}"
            );
        }
        for v in ["1", "yes", "on", "", "tru", "t rue"] {
            let e = cfg(&[(OPT_CROSS_CHANNEL, v)]).unwrap_err();
            assert_eq!(e.code(), "config.invalid_bool", "{v:?}");
            assert_eq!(e.field(), Some(OPT_CROSS_CHANNEL));
        }
    }

    #[test]
    fn integers_are_digits_in_range() {
        assert_eq!(
            cfg(&[(OPT_TRANSCRIPT_COUNT, "1000")])
                .unwrap()
                .0
                .transcript_interactions_count,
            1000
        );
        let e = cfg(&[(OPT_TRANSCRIPT_COUNT, "1001")]).unwrap_err();
        assert_eq!(
            (e.code(), e.limit(), e.actual()),
            ("config.out_of_range", Some(1000), Some(1001))
        );
        let e = cfg(&[(OPT_TRANSCRIPT_COUNT, "0")]).unwrap_err();
        assert_eq!((e.limit(), e.actual()), (Some(1), Some(0)));
        assert_eq!(
            cfg(&[(OPT_MAX_TEXT, "2147483647")])
                .unwrap()
                .0
                .max_text_message_size,
            INT_OPTION_MAX
        );
        let e = cfg(&[(OPT_MAX_TEXT, "2147483648")]).unwrap_err();
        assert_eq!(e.code(), "config.out_of_range");
        let e = cfg(&[(OPT_MAX_TEXT, "99999999999999999999999")]).unwrap_err();
        assert_eq!(e.code(), "config.out_of_range");
        for v in ["0x10", "1_000", "+5", "-0", "1e3", "NaN", "", "１０"] {
            assert_eq!(
                cfg(&[(OPT_MAX_TEXT, v)]).unwrap_err().code(),
                "config.invalid_integer",
                "{v:?}"
            );
        }
    }

    #[test]
    fn durations_use_the_window_parser() {
        let (c, _) = cfg(&[(OPT_FREE_MSG_TIMESPAN, "90m"), (OPT_PENDING, "10,20")]).unwrap();
        assert_eq!(c.free_msg_timespan, TimeDelta::minutes(90));
        assert_eq!(
            (c.pending_response_warning, c.pending_response_maximum),
            (TimeDelta::seconds(10), TimeDelta::seconds(20))
        );
        let e = cfg(&[(OPT_FREE_MSG_TIMESPAN, "soon")]).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("config.invalid_duration", Some(OPT_FREE_MSG_TIMESPAN))
        );
    }

    #[test]
    fn map_queries_are_checked_and_filled() {
        let (c, _) = cfg(&[
            (
                OPT_MAP_BROWSE,
                "https://maps.example.com/?q={LATITUDE},{LONGITUDE}",
            ),
            (
                OPT_MAP_PREVIEW,
                "https://maps.example.com/static?c={LATITUDE},{LONGITUDE}&s={WIDTH}x{HEIGHT}",
            ),
        ])
        .unwrap();
        let links = c.map_links(51.5, -0.125);
        assert_eq!(
            links.browse.as_deref(),
            Some("https://maps.example.com/?q=51.5,-0.125")
        );
        assert_eq!(
            links.preview.as_deref(),
            Some("https://maps.example.com/static?c=51.5,-0.125&s=300x200")
        );
        assert_eq!(c.map_links(91.0, 0.0), MapLinks::default());
        for bad in [
            "javascript:alert({LATITUDE},{LONGITUDE})",
            "https://x.example/{LAT}",
            "https://x.example/?q={LATITUDE}",
        ] {
            let e = cfg(&[(OPT_MAP_PREVIEW, bad)]).unwrap_err();
            assert_eq!(
                (e.code(), e.field()),
                ("config.invalid_map_query", Some(OPT_MAP_PREVIEW)),
                "{bad}"
            );
        }
    }

    #[test]
    fn unknown_names_are_kept_and_reported() {
        let (c, w) = cfg(&[("whatsappsession.colour", "blue")]).unwrap();
        assert_eq!(
            c.unknown.get("whatsappsession.colour").map(String::as_str),
            Some("blue")
        );
        assert_eq!(
            w,
            vec![ConfigWarning {
                option: "whatsappsession.colour".into()
            }]
        );
    }

    #[test]
    fn duplicates_are_refused() {
        let e = cfg(&[(OPT_FOCUS, "true"), (OPT_FOCUS, "false")]).unwrap_err();
        assert_eq!(e.code(), "config.duplicate_option");
    }

    #[test]
    fn notification_needs_all_three() {
        let e = cfg(&[(OPT_NOTIFICATION_TEXT, "Thanks! {{1}}")]).unwrap_err();
        assert_eq!(e.code(), "config.incomplete");
        assert_eq!(e.field(), Some(OPT_NOTIFICATION_ID));
        let (c, _) = cfg(&[
            (OPT_NOTIFICATION_TEXT, "Thank you for your patience! {{1}}"),
            (OPT_NOTIFICATION_ID, "patience"),
            (OPT_NOTIFICATION_LANGUAGE, "en_US"),
        ])
        .unwrap();
        assert_eq!(c.default_notification.unwrap().id, "patience");
    }

    #[test]
    fn long_values_are_cut_in_errors() {
        let long = "x".repeat(10_000);
        let e = cfg(&[(OPT_FOCUS, &long)]).unwrap_err();
        assert!(
            e.to_string().chars().count() < 200,
            "{}",
            e.to_string().len()
        );
    }
}

#[cfg(test)]
mod doc_tests {
    #[test]
    fn every_option_has_a_row_in_docs_options_md() {
        let doc = include_str!("../../../docs/options.md");
        for spec in super::OPTIONS {
            assert!(
                doc.contains(&format!("| `{}` |", spec.name)),
                "docs/options.md lacks {}",
                spec.name
            );
        }
    }
}
