//! Reading one option value by its kind: the only place option strings are parsed.

use chrono::TimeDelta;

use super::builder::ConfigBuilder;
use super::error::{ConfigError, quote};
use super::options::{OptionDefault, OptionSpec, Slot};
use crate::channels::{InboundRoute, Route};

/// Trims what a value may carry around it without meaning: ASCII spaces, tabs, CR and LF (a value
/// copied from a Windows file ends in `\r`). Nothing inside the value is touched.
pub(super) fn trimmed(v: &str) -> &str {
    v.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

fn text(value: &str) -> Option<String> {
    let v = trimmed(value);
    (!v.is_empty()).then(|| v.to_owned())
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

/// Checks `n` against an option's range.
pub(super) fn check_range(option: &str, n: u64, min: u32, max: u32) -> Result<(), ConfigError> {
    if n < u64::from(min) || n > u64::from(max) {
        return Err(ConfigError::OutOfRange {
            option: option.to_owned(),
            value: n.to_string(),
            actual: Some(n),
            min,
            max,
        });
    }
    Ok(())
}

fn parse_int(option: &str, value: &str, min: u32, max: u32) -> Result<u32, ConfigError> {
    let v = trimmed(value);
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ConfigError::InvalidInteger {
            option: option.to_owned(),
            value: quote(value),
        });
    }
    // Digits only: the only failure left is a number past u64, which is out of range and is
    // reported as written.
    let Ok(n) = v.parse::<u64>() else {
        return Err(ConfigError::OutOfRange {
            option: option.to_owned(),
            value: quote(v),
            actual: None,
            min,
            max,
        });
    };
    check_range(option, n, min, max)?;
    // In range of a u32 range: the conversion cannot fail.
    u32::try_from(n).map_err(|_| ConfigError::OutOfRange {
        option: option.to_owned(),
        value: quote(v),
        actual: Some(n),
        min,
        max,
    })
}

fn duration_error(option: &str, value: &str, reason: waba_window::DurationError) -> ConfigError {
    ConfigError::InvalidDuration {
        option: option.to_owned(),
        value: quote(value),
        reason,
    }
}

/// Checks a typed duration with the window crate's rules.
pub(super) fn check_duration(option: &str, d: TimeDelta) -> Result<TimeDelta, ConfigError> {
    waba_window::check_duration(d)
        .map_err(|e| duration_error(option, &waba_window::format_duration(d), e))
}

/// Parses `value` by the kind of `spec` and stores it in the builder.
pub(super) fn apply(
    spec: &OptionSpec,
    builder: &mut ConfigBuilder,
    value: &str,
) -> Result<(), ConfigError> {
    let name = spec.name;
    match spec.slot {
        Slot::Bool(slot) => *slot(builder) = parse_bool(name, value)?,
        Slot::Integer { min, max, slot } => *slot(builder) = parse_int(name, value, min, max)?,
        Slot::Duration(slot) => {
            *slot(builder) = waba_window::parse_duration(trimmed(value))
                .map_err(|e| duration_error(name, value, e))?
        }
        Slot::DurationPair(slot) => {
            let (w, m) = waba_window::parse_duration_pair(trimmed(value))
                .map_err(|e| duration_error(name, value, e))?;
            let (sw, sm) = slot(builder);
            (*sw, *sm) = (w, m);
        }
        Slot::Text(slot) => *slot(builder) = text(value),
        Slot::TextOrDefault(slot) => {
            *slot(builder) = match (text(value), spec.default) {
                (Some(v), _) => v,
                (None, OptionDefault::Text(d)) => d.to_owned(),
                (None, _) => String::new(),
            }
        }
        Slot::Channels(slot) => {
            *slot(builder) = match text(value) {
                None => Vec::new(),
                Some(v) => crate::channels::parse_outbound_session_config(&v).map_err(|error| {
                    ConfigError::InvalidJson {
                        option: name.to_owned(),
                        error,
                    }
                })?,
            }
        }
        Slot::Route(slot) => {
            *slot(builder) = match text(value) {
                None => None,
                Some(v) => Some(Route::parse(&v).ok_or_else(|| ConfigError::InvalidRoute {
                    option: name.to_owned(),
                    value: quote(value),
                })?),
            }
        }
        Slot::Routes(slot) => {
            *slot(builder) =
                InboundRoute::parse(value).ok_or_else(|| ConfigError::InvalidRoute {
                    option: name.to_owned(),
                    value: quote(value),
                })?
        }
        Slot::MapQuery(slot) => {
            *slot(builder) = match text(value) {
                None => None,
                Some(v) => Some(waba_template::MapQuery::new(&v).map_err(|error| {
                    ConfigError::InvalidMapQuery {
                        option: name.to_owned(),
                        error,
                    }
                })?),
            }
        }
    }
    Ok(())
}

/// Stores the typed default of `spec` in the builder.
pub(super) fn apply_default(spec: &OptionSpec, builder: &mut ConfigBuilder) {
    match (spec.slot, spec.default) {
        (Slot::Bool(slot), OptionDefault::Bool(v)) => *slot(builder) = v,
        (Slot::Integer { slot, .. }, OptionDefault::Integer(v)) => *slot(builder) = v,
        (Slot::Duration(slot), OptionDefault::Duration(v)) => *slot(builder) = v,
        (Slot::DurationPair(slot), OptionDefault::DurationPair(w, m)) => {
            let (sw, sm) = slot(builder);
            (*sw, *sm) = (w, m);
        }
        (Slot::Text(slot), OptionDefault::Text(v)) => *slot(builder) = text(v),
        (Slot::TextOrDefault(slot), OptionDefault::Text(v)) => *slot(builder) = v.to_owned(),
        (Slot::Text(slot), _) => *slot(builder) = None,
        (Slot::TextOrDefault(slot), _) => *slot(builder) = String::new(),
        (Slot::Channels(slot), _) => *slot(builder) = Vec::new(),
        (Slot::Route(slot), _) => *slot(builder) = None,
        (Slot::Routes(slot), _) => *slot(builder) = InboundRoute::default(),
        (Slot::MapQuery(slot), _) => *slot(builder) = None,
        // A default of another kind than its slot: a table error, caught by the test that every
        // default applies (`every_default_has_its_slots_kind`).
        _ => {}
    }
}

/// Checks a typed value held by the builder against the option's rules (ranges, durations).
pub(super) fn check(spec: &OptionSpec, builder: &mut ConfigBuilder) -> Result<(), ConfigError> {
    match spec.slot {
        Slot::Integer { min, max, slot } => {
            check_range(spec.name, u64::from(*slot(builder)), min, max)
        }
        Slot::Duration(slot) => check_duration(spec.name, *slot(builder)).map(|_| ()),
        Slot::DurationPair(slot) => {
            let (w, m) = slot(builder);
            let (w, m) = (*w, *m);
            check_duration(spec.name, w)?;
            check_duration(spec.name, m)?;
            waba_window::PendingResponse::new(w, m)
                .map(|_| ())
                .map_err(|e| {
                    duration_error(
                        spec.name,
                        &format!("{},{}", w.num_seconds(), m.num_seconds()),
                        e,
                    )
                })
        }
        _ => Ok(()),
    }
}
