//! `Config`: the Genesys options (`whatsappsession.*` of the Workspace plug-in and the DMS channel
//! options) parsed into one validated value.
//!
//! Every option is described once, in [`OPTIONS`] (name, section, kind and range, a typed default
//! taken from the constants of the crate that owns the rule, where that default comes from, what the
//! option does): parsing, the defaults, the typed [`ConfigBuilder`]'s checks and the tables of
//! `docs/options.md` all come from it. Values are kept parsed (the default notification compiled,
//! the map queries compiled), never parsed again per call.
//!
//! A bad value is a [`ConfigError`] naming the option and the value; an unknown name is kept in
//! [`Config::unknown`] and reported as a [`ConfigWarning`], never dropped.

mod builder;
mod error;
mod options;
mod value;

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use waba_template::{AutomaticNotification, MapQuery};

use crate::channels::{InboundRoute, OutboundChannel, Route};

pub use builder::ConfigBuilder;
pub(crate) use error::quote;
pub use error::{ConfigError, ConfigWarning, QUOTED_VALUE_MAX};

/// The largest options file read, in bytes (a deployment's options are a few kilobytes).
pub const OPTIONS_FILE_MAX_BYTES: usize = 1024 * 1024;
pub use options::{
    INT_OPTION_MAX, MAP_PREVIEW_HEIGHT_DEFAULT, MAP_PREVIEW_WIDTH_DEFAULT, MEDIA_TYPE_CHAT_DEFAULT,
    OPT_BLINKING, OPT_BLINKING_DURATION, OPT_CROSS_CHANNEL, OPT_EMOJIS, OPT_FOCUS,
    OPT_FREE_MSG_TIMESPAN, OPT_INBOUND_ROUTE, OPT_INBOUND_ROUTE_BY_CALL, OPT_INTERCOMMUNICATION,
    OPT_MAP_BROWSE, OPT_MAP_HEIGHT, OPT_MAP_PREVIEW, OPT_MAP_WIDTH, OPT_MAX_TEXT,
    OPT_MEDIA_TYPE_CHAT_BY_CALL, OPT_MESSAGE_DELAY, OPT_MONITORING, OPT_NOTIFICATION_ID,
    OPT_NOTIFICATION_LANGUAGE, OPT_NOTIFICATION_TEXT, OPT_ON_HOLD_QUEUE, OPT_OUTBOUND_SESSION,
    OPT_PENDING, OPT_SESSION_SHUTDOWN, OPT_TRANSCRIPT_COUNT, OPT_TWO_STEP, OPT_WORKBIN, OPTIONS,
    OptionDefault, OptionKind, OptionSpec, SESSION_SHUTDOWN_MAX, SESSION_SHUTDOWN_MIN,
    SESSION_SHUTDOWN_RECOMMENDED, Section, TRANSCRIPT_COUNT_MAX, options_markdown,
};

/// The map-provider settings for incoming locations (`whatsappsession.location-map.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocationMap {
    /// URL template for browsing the location at the map provider.
    pub browse_query: Option<MapQuery>,
    /// URL template for a static preview image; no preview when absent.
    pub preview_query: Option<MapQuery>,
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

/// All the options, parsed and validated. Build it with [`Config::from_options`] (Genesys option
/// strings) or [`ConfigBuilder`] (typed values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Config {
    /// `whatsappsession.enable-free-msg-timespan-monitoring` (default true).
    pub free_msg_monitoring: bool,
    /// `whatsappsession.free-msg-timespan` (default 24 h).
    pub free_msg_timespan: TimeDelta,
    /// The three `whatsappsession.default-notification-*` options, compiled, when all are set.
    pub default_notification: Option<AutomaticNotification>,
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
    /// The stop and resume keywords read in customers' messages (not a Genesys option: the
    /// default lists of `waba-delivery`, decision 0604; a service sets its own).
    #[serde(default)]
    pub stop_keywords: waba_delivery::optout::StopKeywords,
}

impl Default for Config {
    /// Every option's documented default (the [`OPTIONS`] table).
    fn default() -> Self {
        ConfigBuilder::new().config
    }
}

impl Config {
    /// A value with no option applied, for the builder to fill from [`OPTIONS`].
    fn empty() -> Config {
        Config {
            free_msg_monitoring: false,
            free_msg_timespan: TimeDelta::zero(),
            default_notification: None,
            location_map: LocationMap {
                browse_query: None,
                preview_query: None,
                preview_height: 0,
                preview_width: 0,
            },
            outbound_session_channels: Vec::new(),
            emojis_business_attribute: None,
            two_step_attachment_upload: false,
            transcript_interactions_count: 0,
            max_text_message_size: 0,
            show_cross_channel_messages: false,
            message_delay_timespan: TimeDelta::zero(),
            pending_response_warning: TimeDelta::zero(),
            pending_response_maximum: TimeDelta::zero(),
            new_message_blinking: false,
            new_message_blinking_duration: 0,
            focus_on_new_messages: false,
            on_hold_queue: None,
            workbin_in_progress: None,
            intercommunication_queue: None,
            inbound_route: InboundRoute::default(),
            inbound_route_by_call: None,
            media_type_chat_by_call: String::new(),
            session_shutdown_timeout: 0,
            unknown: BTreeMap::new(),
            stop_keywords: waba_delivery::optout::StopKeywords::default(),
        }
    }

    /// A builder starting from the documented defaults.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::new()
    }

    /// Builds the configuration from an options file: one JSON object of option names to string
    /// values, read with the strict reader (at most [`OPTIONS_FILE_MAX_BYTES`], an option given
    /// twice refused with its name, never "last wins"), then as [`Config::from_options`].
    pub fn from_json_slice(bytes: &[u8]) -> Result<(Self, Vec<ConfigWarning>), ConfigError> {
        let serde_json::Value::Object(map) = waba_json::from_slice(bytes, OPTIONS_FILE_MAX_BYTES)?
        else {
            return Err(ConfigError::FileShape {
                option: None,
                reason: "not a JSON object of option names to string values".into(),
            });
        };
        let mut pairs = Vec::with_capacity(map.len());
        for (name, value) in &map {
            match value {
                serde_json::Value::String(v) => pairs.push((name.as_str(), v.as_str())),
                other => {
                    return Err(ConfigError::FileShape {
                        option: Some(error::quote(name)),
                        reason: format!(
                            "option {}: the value must be a string, not {other}",
                            error::quote(name)
                        ),
                    });
                }
            }
        }
        Self::from_options(pairs)
    }

    /// Builds the configuration from option name/value pairs as Genesys stores them.
    ///
    /// Options not given keep their documented defaults. Returns the warnings for unknown names (the
    /// options themselves are kept in [`Config::unknown`]). The same name twice is an error.
    pub fn from_options<'a, I>(options: I) -> Result<(Self, Vec<ConfigWarning>), ConfigError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut builder = ConfigBuilder::new();
        let mut warnings = Vec::new();
        for (name, value) in options {
            if let Some(w) = builder.option(name, value)? {
                warnings.push(w);
            }
        }
        Ok((builder.build()?, warnings))
    }

    /// The window settings (`enable-free-msg-timespan-monitoring`, `free-msg-timespan`).
    pub fn window(&self) -> waba_window::WindowConfig {
        waba_window::WindowConfig::new(self.free_msg_monitoring, self.free_msg_timespan)
    }

    /// The map links of a location at `latitude`, `longitude`: the browse URL and the preview image URL
    /// (`whatsappsession.location-map.*`), each `None` when not configured or when the coordinates
    /// are not usable (not finite, out of range).
    pub fn map_links(&self, latitude: f64, longitude: f64) -> MapLinks {
        let m = &self.location_map;
        let fill = |q: &Option<MapQuery>| {
            q.as_ref().and_then(|q| {
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
        // The pair was checked when built (warning not after maximum).
        waba_window::PendingResponse::new(
            self.pending_response_warning,
            self.pending_response_maximum,
        )
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    fn cfg(pairs: &[(&str, &str)]) -> Result<(Config, Vec<ConfigWarning>), ConfigError> {
        Config::from_options(pairs.iter().copied())
    }

    #[test]
    fn defaults_match_the_table() {
        let (c, w) = cfg(&[]).unwrap();
        assert!(w.is_empty());
        assert_eq!(c, Config::default());
        // Every spec's default parses to the same value as Config::default().
        let pairs: Vec<(&str, String)> = OPTIONS
            .iter()
            .filter_map(|s| Some((s.name, s.default.as_option_value()?)))
            .collect();
        assert!(pairs.len() > 10);
        let (from_specs, w) =
            Config::from_options(pairs.iter().map(|(n, v)| (*n, v.as_str()))).unwrap();
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
        // Past u64: reported as written, not as u64::MAX.
        let e = cfg(&[(OPT_MAX_TEXT, "99999999999999999999999")]).unwrap_err();
        assert_eq!(e.code(), "config.out_of_range");
        assert_eq!(e.actual(), None);
        assert_eq!(e.limit(), Some(u64::from(INT_OPTION_MAX)));
        assert!(e.to_string().contains("99999999999999999999999"), "{e}");
        assert!(!e.to_string().contains(&u64::MAX.to_string()), "{e}");
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
        let n = c.default_notification.unwrap();
        assert_eq!((n.id(), n.language()), ("patience", "en_US"));
        // Compiled once, when the options were read.
        let (_, preview) = n.fill("late").unwrap();
        assert_eq!(preview, "Thank you for your patience! late");
        for bad in [
            "No parameter",
            "{{1}} and {{2}}",
            "{{name}}",
            "{{ 1 }}",
            "{{1}",
            "{{0}}",
        ] {
            let e = cfg(&[
                (OPT_NOTIFICATION_TEXT, bad),
                (OPT_NOTIFICATION_ID, "patience"),
                (OPT_NOTIFICATION_LANGUAGE, "en_US"),
            ])
            .unwrap_err();
            assert_eq!(
                (e.code(), e.field()),
                ("config.invalid_notification", Some(OPT_NOTIFICATION_TEXT)),
                "{bad}"
            );
        }
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
mod table_tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn every_default_has_its_slots_kind() {
        // Applying each default changes the empty value exactly where the table says a value is.
        for spec in OPTIONS {
            let kind_matches = matches!(
                (spec.kind(), spec.default),
                (_, OptionDefault::None)
                    | (OptionKind::Bool, OptionDefault::Bool(_))
                    | (OptionKind::Integer { .. }, OptionDefault::Integer(_))
                    | (OptionKind::Duration, OptionDefault::Duration(_))
                    | (OptionKind::DurationPair, OptionDefault::DurationPair(..))
                    | (OptionKind::Text, OptionDefault::Text(_))
            );
            assert!(kind_matches, "{spec:?}");
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        let mut names: Vec<&str> = OPTIONS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OPTIONS.len());
        for spec in OPTIONS {
            assert_eq!(OptionSpec::find(spec.name).map(|s| s.name), Some(spec.name));
        }
        assert!(OptionSpec::find("whatsappsession.colour").is_none());
    }

    #[test]
    fn defaults_come_from_the_crates_constants() {
        let c = Config::default();
        assert_eq!(c.free_msg_timespan, waba_window::SERVICE_WINDOW);
        assert_eq!(
            c.max_text_message_size,
            waba_template::MAX_TEXT_MESSAGE_SIZE_DEFAULT
        );
        assert_eq!(c.message_delay_timespan, waba_window::DEFAULT_MESSAGE_DELAY);
        assert_eq!(
            c.pending_response(),
            waba_window::PendingResponse::default()
        );
        assert_eq!(c.media_type_chat_by_call, MEDIA_TYPE_CHAT_DEFAULT);
        let height = OptionSpec::find(OPT_MAP_HEIGHT).unwrap();
        assert_eq!(
            height.kind(),
            OptionKind::Integer {
                min: waba_template::map_query::MAP_SIZE_MIN,
                max: waba_template::map_query::MAP_SIZE_MAX
            }
        );
    }

    #[test]
    fn builder_runs_the_option_checks() {
        let ok = Config::builder()
            .free_msg_timespan(TimeDelta::hours(12))
            .session_shutdown_timeout(SESSION_SHUTDOWN_MIN)
            .build()
            .unwrap();
        assert_eq!(ok.free_msg_timespan, TimeDelta::hours(12));
        let e = Config::builder()
            .session_shutdown_timeout(SESSION_SHUTDOWN_MIN - 1)
            .build()
            .unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.limit(), e.actual()),
            (
                "config.out_of_range",
                Some(OPT_SESSION_SHUTDOWN),
                Some(u64::from(SESSION_SHUTDOWN_MIN)),
                Some(u64::from(SESSION_SHUTDOWN_MIN - 1))
            )
        );
        let e = Config::builder()
            .free_msg_timespan(TimeDelta::zero())
            .build()
            .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("config.invalid_duration", Some(OPT_FREE_MSG_TIMESPAN))
        );
        let e = Config::builder()
            .message_delay_timespan(TimeDelta::milliseconds(1500))
            .build()
            .unwrap_err();
        assert_eq!(e.code(), "config.invalid_duration");
        // The builder and the option strings give the same value.
        let mut b = ConfigBuilder::new();
        b.option(OPT_MAX_TEXT, "4000").unwrap();
        assert_eq!(
            b.build().unwrap(),
            Config::builder()
                .max_text_message_size(4000)
                .build()
                .unwrap()
        );
    }

    #[test]
    fn config_round_trips_through_serde_with_compiled_values() {
        let (c, _) = Config::from_options([
            (OPT_NOTIFICATION_TEXT, "Thank you for your patience! {{1}}"),
            (OPT_NOTIFICATION_ID, "ns@patience"),
            (OPT_NOTIFICATION_LANGUAGE, "en_US"),
            (
                OPT_MAP_BROWSE,
                "https://maps.example.com/?q={LATITUDE},{LONGITUDE}",
            ),
        ])
        .unwrap();
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json["location_map"]["browse_query"],
            "https://maps.example.com/?q={LATITUDE},{LONGITUDE}"
        );
        assert_eq!(json["default_notification"]["id"], "ns@patience");
        let back: Config = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, c);
        // A stored notification is checked again when read.
        let mut bad = json;
        bad["default_notification"]["text"] = "no parameter".into();
        assert!(serde_json::from_value::<Config>(bad).is_err());
    }

    /// The tables of `docs/options.md` are generated from [`OPTIONS`]. To write them again after a
    /// change of the table: `WABA_BLESS=1 cargo test -p waba options_md`.
    #[test]
    fn options_md_tables_are_generated_from_the_table() {
        const BEGIN: &str = "<!-- generated from waba::config::OPTIONS: begin -->\n";
        const END: &str = "<!-- generated from waba::config::OPTIONS: end -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/options.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let Some((head, rest)) = doc.split_once(BEGIN) else {
            panic!("docs/options.md lacks the generated-table markers");
        };
        let Some((current, tail)) = rest.split_once(END) else {
            panic!("docs/options.md lacks the generated-table end marker");
        };
        let expected = options_markdown();
        if current != expected {
            if std::env::var_os("WABA_BLESS").is_some() {
                std::fs::write(path, format!("{head}{BEGIN}{expected}{END}{tail}")).unwrap();
            } else {
                panic!(
                    "docs/options.md is out of date: run `WABA_BLESS=1 cargo test -p waba options_md`\n{expected}"
                );
            }
        }
    }
}
