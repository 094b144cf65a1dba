//! Why options were refused ([`ConfigError`]) or reported ([`ConfigWarning`]).

use waba_error::WabaError;

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
#[derive(Debug, Clone, PartialEq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum ConfigError {
    /// The value is not `true` or `false`.
    #[error("option {option}: {value:?} is not true or false")]
    #[waba(code = "config.invalid_bool", field = option)]
    InvalidBool {
        /// The option.
        option: String,
        /// The value (cut to [`QUOTED_VALUE_MAX`] characters).
        value: String,
    },
    /// The value is not a whole number written with ASCII digits.
    #[error("option {option}: {value:?} is not a whole number")]
    #[waba(code = "config.invalid_integer", field = option)]
    InvalidInteger {
        /// The option.
        option: String,
        /// The value (cut).
        value: String,
    },
    /// The number is outside the option's range.
    #[error("option {option}: {value} is outside {min} to {max}")]
    #[waba(code = "config.out_of_range", field = option, limit = bound_crossed(*actual, *min, *max))]
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
    #[waba(code = "config.invalid_duration", field = option, limit = reason.limit(), actual = reason.actual(), position = reason.position())]
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
    #[waba(code = "config.invalid_json", field = option)]
    InvalidJson {
        /// The option.
        option: String,
        /// What is wrong with it.
        error: crate::channels::ChannelError,
    },
    /// A route is not `<tenant id>:<endpoint>`.
    #[error("option {option}: {value:?} is not a route of the form <tenant id>:<endpoint>")]
    #[waba(code = "config.invalid_route", field = option)]
    InvalidRoute {
        /// The option.
        option: String,
        /// The value (cut).
        value: String,
    },
    /// Some of the `default-notification-*` options are set, but not all three.
    #[error("option {option} is required when {because} is set")]
    #[waba(code = "config.incomplete", field = option)]
    Incomplete {
        /// The missing option.
        option: String,
        /// The option that needs it.
        because: String,
    },
    /// The notification is not a template the library can fill.
    #[error("option {option}: {error}")]
    #[waba(code = "config.invalid_notification", field = option, limit = error.limit(), actual = error.actual(), position = error.position(), meta_code = error.meta_code())]
    InvalidNotification {
        /// The option.
        option: String,
        /// What the template crate found.
        error: waba_template::TemplateError,
    },
    /// A map-provider URL template is not usable.
    #[error("option {option}: not a usable map URL template ({error})")]
    #[waba(code = "config.invalid_map_query", field = option, limit = error.limit(), actual = error.actual())]
    InvalidMapQuery {
        /// The option.
        option: String,
        /// What the map-query parser found.
        error: waba_template::MapQueryError,
    },
    /// The same option was given twice.
    #[error("option {option} is given more than once")]
    #[waba(code = "config.duplicate_option", field = option)]
    Duplicate {
        /// The option.
        option: String,
    },
    /// An options file is not JSON the strict reader accepts: over its cap, not JSON, an option
    /// given twice (`json.duplicate_key`, naming it), a number a JSON value cannot keep.
    #[error("options file: {0}")]
    #[waba(transparent)]
    File(#[from] waba_json::JsonError),
    /// An options file is JSON but not an object of option names to strings.
    #[error("options file: {reason}")]
    #[waba(code = "config.file_shape", field = option.as_deref())]
    FileShape {
        /// The option whose value is not a string, when that is the fault.
        option: Option<String>,
        /// What is wrong.
        reason: String,
    },
}

/// Cuts a value for quoting in a message.
pub(crate) fn quote(s: &str) -> String {
    waba_json::quote(s, QUOTED_VALUE_MAX)
}

/// The bound a number outside `min..=max` crossed: `min` when it is below, else `max` (a number
/// past `u64` is above).
fn bound_crossed(actual: Option<u64>, min: u32, max: u32) -> u64 {
    match actual {
        Some(n) if n < u64::from(min) => u64::from(min),
        _ => u64::from(max),
    }
}
