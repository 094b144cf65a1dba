//! [`ConfigBuilder`]: a [`Config`] from typed values, for services that do not speak Genesys
//! option strings, or from option strings one at a time. Both ways run the same checks.

use chrono::TimeDelta;
use waba_template::{AutomaticNotification, MapQuery};

use super::error::{ConfigError, ConfigWarning};
use super::options::{
    OPT_NOTIFICATION_ID, OPT_NOTIFICATION_LANGUAGE, OPT_NOTIFICATION_TEXT, OPTIONS, OptionSpec,
};
use super::{Config, LocationMap, value};
use crate::channels::{InboundRoute, OutboundChannel, Route};

/// Builds a [`Config`]: start from the documented defaults ([`ConfigBuilder::new`]), set typed
/// values or option strings, then [`build`](ConfigBuilder::build), which checks every rule the
/// option strings are checked by (ranges, durations, the notification template).
///
/// ```
/// use chrono::TimeDelta;
/// use waba::config::ConfigBuilder;
/// use waba::template::AutomaticNotification;
///
/// let config = ConfigBuilder::new()
///     .free_msg_timespan(TimeDelta::hours(24))
///     .max_text_message_size(4000)
///     .default_notification(AutomaticNotification::new(
///         "Thank you for your patience! {{1}}",
///         "patience_notice",
///         "en_US",
///     )?)
///     .build()?;
/// assert_eq!(config.max_text_message_size, 4000);
///
/// // The same ranges as the option strings: 0 bytes is refused.
/// let e = ConfigBuilder::new().max_text_message_size(0).build().unwrap_err();
/// assert_eq!(waba::error::WabaError::code(&e), "config.out_of_range");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ConfigBuilder {
    pub(super) config: Config,
    pub(super) notification_text: Option<String>,
    pub(super) notification_id: Option<String>,
    pub(super) notification_language: Option<String>,
    seen: std::collections::BTreeSet<String>,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// Setters of the options whose typed value is stored as it is, in the field of the same name.
macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: $ty) -> Self {
                self.config.$name = value;
                self
            }
        )*
    };
}

impl ConfigBuilder {
    /// A builder holding every option's documented default.
    pub fn new() -> ConfigBuilder {
        let mut b = ConfigBuilder {
            config: Config::empty(),
            notification_text: None,
            notification_id: None,
            notification_language: None,
            seen: std::collections::BTreeSet::new(),
        };
        for spec in OPTIONS {
            value::apply_default(spec, &mut b);
        }
        b
    }

    /// Sets one option from its Genesys name and string value. An unknown name is kept in
    /// [`Config::unknown`] and returned as a warning; the same name twice is an error.
    pub fn option(
        &mut self,
        name: &str,
        value: &str,
    ) -> Result<Option<ConfigWarning>, ConfigError> {
        if !self.seen.insert(name.to_owned()) {
            return Err(ConfigError::Duplicate {
                option: name.to_owned(),
            });
        }
        match OptionSpec::find(name) {
            Some(spec) => {
                value::apply(spec, self, value)?;
                Ok(None)
            }
            None => {
                self.config
                    .unknown
                    .insert(name.to_owned(), value.to_owned());
                Ok(Some(ConfigWarning {
                    option: name.to_owned(),
                }))
            }
        }
    }

    /// Checks every rule and gives the configuration.
    pub fn build(mut self) -> Result<Config, ConfigError> {
        for spec in OPTIONS {
            value::check(spec, &mut self)?;
        }
        if let Some(n) = self.notification()? {
            self.config.default_notification = Some(n);
        }
        Ok(self.config)
    }

    /// The notification of the three `default-notification-*` option strings, when any is given.
    fn notification(&mut self) -> Result<Option<AutomaticNotification>, ConfigError> {
        let names = [
            OPT_NOTIFICATION_TEXT,
            OPT_NOTIFICATION_ID,
            OPT_NOTIFICATION_LANGUAGE,
        ];
        let parts = [
            self.notification_text.take(),
            self.notification_id.take(),
            self.notification_language.take(),
        ];
        let Some(because) = names
            .iter()
            .zip(&parts)
            .find(|(_, p)| p.is_some())
            .map(|(n, _)| *n)
        else {
            return Ok(None);
        };
        match parts {
            [Some(text), Some(id), Some(language)] => {
                AutomaticNotification::new(text, id, language)
                    .map(Some)
                    .map_err(|error| ConfigError::InvalidNotification {
                        option: OPT_NOTIFICATION_TEXT.to_owned(),
                        error,
                    })
            }
            parts => {
                let missing = names
                    .iter()
                    .zip(&parts)
                    .find(|(_, p)| p.is_none())
                    .map_or(OPT_NOTIFICATION_TEXT, |(n, _)| *n);
                Err(ConfigError::Incomplete {
                    option: missing.to_owned(),
                    because: because.to_owned(),
                })
            }
        }
    }

    /// The default notification (`whatsappsession.default-notification-*`), already checked.
    pub fn default_notification(mut self, n: AutomaticNotification) -> Self {
        self.config.default_notification = Some(n);
        self
    }

    /// `whatsappsession.location-map.preview.*`: the preview template and its size in pixels.
    pub fn map_preview(mut self, q: MapQuery, height: u32, width: u32) -> Self {
        self.config.location_map = LocationMap {
            preview_query: Some(q),
            preview_height: height,
            preview_width: width,
            ..self.config.location_map
        };
        self
    }

    /// `whatsappsession.location-map.browse.query`.
    pub fn map_browse_query(mut self, q: MapQuery) -> Self {
        self.config.location_map.browse_query = Some(q);
        self
    }

    /// `whatsappsession.pending-response-to-customer`.
    pub fn pending_response(mut self, p: waba_window::PendingResponse) -> Self {
        self.config.pending_response_warning = p.warning();
        self.config.pending_response_maximum = p.maximum();
        self
    }

    /// `inbound-route-by-call` of the DMS channel.
    pub fn inbound_route_by_call(mut self, route: Route) -> Self {
        self.config.inbound_route_by_call = Some(route);
        self
    }

    setters! {
        /// `whatsappsession.enable-free-msg-timespan-monitoring`.
        free_msg_monitoring: bool;
        /// `whatsappsession.free-msg-timespan` (whole seconds, 1 s to `waba_window::MAX_SECONDS`).
        free_msg_timespan: TimeDelta;
        /// `whatsappsession.outbound-session-config`: the channels of outbound sessions.
        outbound_session_channels: Vec<OutboundChannel>;
        /// `whatsappsession.two-step-attachment-upload`.
        two_step_attachment_upload: bool;
        /// `whatsappsession.transcript-interactions-count`.
        transcript_interactions_count: u32;
        /// `whatsappsession.max-text-message-size`, bytes of UTF-8.
        max_text_message_size: u32;
        /// `whatsappsession.show-cross-channel-messages`.
        show_cross_channel_messages: bool;
        /// `whatsappsession.message-delay-timespan`.
        message_delay_timespan: TimeDelta;
        /// `inbound-route` of the DMS channel.
        inbound_route: InboundRoute;
        /// `session-shutdown-timeout` of the DMS, seconds.
        session_shutdown_timeout: u32;
    }
}
