//! Why options were refused ([`ConfigError`]) or reported ([`ConfigWarning`]).

use waba_error::{ErrorClass, WabaError};

/// Longest option value quoted back in an error (characters); longer values are cut with `…`.
pub const QUOTED_VALUE_MAX: usize = 64;

/// An option this library does not know: kept in [`crate::Config::unknown`] and reported.
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

/// A bad option value (or a bad typed setting given to [`crate::config::ConfigBuilder`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
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
    #[error("option {option}: {value} is outside {min} to {max}")]
    OutOfRange {
        /// The option.
        option: String,
        /// The number as given (digits, cut to [`QUOTED_VALUE_MAX`] characters): a number past
        /// `u64` is reported as it was written, never as `u64::MAX`.
        value: String,
        /// The number, when it fits a `u64`.
        actual: Option<u64>,
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
        /// Why (the duration parser's error).
        reason: waba_window::DurationError,
    },
    /// The JSON value could not be used.
    #[error("option {option}: {error}")]
    InvalidJson {
        /// The option.
        option: String,
        /// What is wrong with it.
        error: crate::channels::ChannelError,
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
    /// The notification is not a template the library can fill.
    #[error("option {option}: {error}")]
    InvalidNotification {
        /// The option.
        option: String,
        /// What the template crate found.
        error: waba_template::TemplateError,
    },
    /// A map-provider URL template is not usable.
    #[error("option {option}: not a usable map URL template ({error})")]
    InvalidMapQuery {
        /// The option.
        option: String,
        /// What the map-query parser found.
        error: waba_template::MapQueryError,
    },
    /// The same option was given twice.
    #[error("option {option} is given more than once")]
    Duplicate {
        /// The option.
        option: String,
    },
    /// An options file is not JSON the strict reader accepts: over its cap, not JSON, an option
    /// given twice (`json.duplicate_key`, naming it), a number a JSON value cannot keep.
    #[error("options file: {0}")]
    File(#[from] waba_json::JsonError),
    /// An options file is JSON but not an object of option names to strings.
    #[error("options file: {reason}")]
    FileShape {
        /// The option whose value is not a string, when that is the fault.
        option: Option<String>,
        /// What is wrong.
        reason: String,
    },
}

impl WabaError for ConfigError {
    fn code(&self) -> &'static str {
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
            Self::File(e) => e.code(),
            Self::FileShape { .. } => "config.file_shape",
        }
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }

    fn field(&self) -> Option<&str> {
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
            Self::File(e) => e.field(),
            Self::FileShape { option, .. } => option.as_deref(),
        }
    }

    /// The range's bound that was passed, or the duration or template limit.
    fn limit(&self) -> Option<u64> {
        match self {
            Self::OutOfRange {
                actual, min, max, ..
            } => Some(match actual {
                Some(n) if *n < u64::from(*min) => u64::from(*min),
                _ => u64::from(*max),
            }),
            Self::InvalidDuration { reason, .. } => reason.limit(),
            Self::InvalidNotification { error, .. } => error.limit(),
            Self::InvalidMapQuery { error, .. } => error.limit(),
            Self::File(e) => e.limit(),
            _ => None,
        }
    }

    fn actual(&self) -> Option<u64> {
        match self {
            Self::OutOfRange { actual, .. } => *actual,
            Self::InvalidDuration { reason, .. } => reason.actual(),
            Self::InvalidNotification { error, .. } => error.actual(),
            Self::InvalidMapQuery { error, .. } => error.actual(),
            Self::File(e) => e.actual(),
            _ => None,
        }
    }

    fn position(&self) -> Option<u64> {
        match self {
            Self::InvalidDuration { reason, .. } => reason.position(),
            Self::InvalidNotification { error, .. } => error.position(),
            _ => None,
        }
    }

    fn meta_code(&self) -> Option<u32> {
        match self {
            Self::InvalidNotification { error, .. } => error.meta_code(),
            _ => None,
        }
    }
}

/// Cuts a value for quoting in a message.
pub(crate) fn quote(s: &str) -> String {
    waba_json::quote(s, QUOTED_VALUE_MAX)
}
