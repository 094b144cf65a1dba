//! Durations in option values: `24h`, `90m`, `45s`, `1h30m`, a bare number of seconds, and the
//! `warning,maximum` pair (`30,50`).
//!
//! The grammar is strict, so that a typo never becomes a setting:
//!
//! - ASCII digits followed by a lowercase unit `h`, `m` or `s`; components may be combined in
//!   descending order, each unit at most once (`1h30m`, `2m5s`); a bare number (digits only, nothing
//!   else) means seconds.
//! - Leading zeros are allowed (`007s` is seven seconds).
//! - Whitespace anywhere is an error (`duration.whitespace`): the options reader removes whitespace
//!   around a value before calling the parser, and nothing inside a value is touched (`10 s`,
//!   `30, 50` are refused).
//! - Upper-case units (`24H`; `M` could be read as months), other units (`d`, `ms`, `e` as in `1e3`)
//!   are `duration.unknown_unit`; a sign is `duration.sign` (`+5`) or `duration.negative` (`-1s`);
//!   fractions (`1.5h`) are `duration.fraction`; any other character, non-ASCII digits included
//!   (`２４h`), is `duration.invalid_char`.
//! - Zero (`0`, `0s`, `0h0m`) is `duration.zero`: no option that holds a duration means anything
//!   with zero.
//! - The largest duration is [`MAX_SECONDS`] (2 147 483 647 s, the upper bound Genesys gives its
//!   integer options); more is `duration.too_large`, never a wrapped or saturated value.

use waba_error::WabaError;

use chrono::TimeDelta;

/// The largest duration accepted, in seconds: `i32::MAX`, the upper bound the Genesys option
/// reference gives its integer-valued options ("Any integer from 0 to 2147483647").
pub const MAX_SECONDS: u64 = 2_147_483_647;

/// The smallest duration accepted, in seconds (zero is refused).
pub const MIN_SECONDS: u64 = 1;

/// Why a duration option value was refused.
///
/// Positions are 0-based offsets into the string given to the parser (for a pair, into the whole
/// pair). Everything before the first refused character is ASCII, so the offset counts bytes and
/// characters alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum DurationError {
    /// The value is empty.
    #[error("duration is empty")]
    #[waba(code = "duration.empty")]
    Empty,
    /// A whitespace character appears in the value.
    #[error("whitespace at position {position} in duration")]
    #[waba(code = "duration.whitespace")]
    Whitespace {
        /// Offset of the whitespace.
        position: u64,
    },
    /// A `+` sign: durations are written without a sign.
    #[error("sign '+' at position {position}: durations are written without a sign")]
    #[waba(code = "duration.sign")]
    Sign {
        /// Offset of the sign.
        position: u64,
    },
    /// A `-` sign: a duration cannot be negative.
    #[error("negative duration (a '-' at position {position})")]
    #[waba(code = "duration.negative")]
    Negative {
        /// Offset of the sign.
        position: u64,
    },
    /// A decimal point: only whole numbers are accepted (`90m`, not `1.5h`).
    #[error("fraction at position {position}: use whole numbers with a smaller unit")]
    #[waba(code = "duration.fraction")]
    Fraction {
        /// Offset of the decimal point.
        position: u64,
    },
    /// A unit other than `h`, `m`, `s`.
    #[error("unknown unit at position {position} (the units are h, m and s, lowercase)")]
    #[waba(code = "duration.unknown_unit")]
    UnknownUnit {
        /// Offset of the unit's first letter.
        position: u64,
    },
    /// A unit with no number in front of it (`h`, `s`).
    #[error("unit without a number at position {position}")]
    #[waba(code = "duration.missing_number")]
    MissingNumber {
        /// Offset of the unit.
        position: u64,
    },
    /// A number without a unit after another component (`1h30`); only a value made of one bare
    /// number means seconds.
    #[error("number without a unit at position {position} after another component")]
    #[waba(code = "duration.missing_unit")]
    MissingUnit {
        /// Offset of the number.
        position: u64,
    },
    /// A unit repeated or out of order (`30m1h`, `1h1h`): units go h, m, s, each at most once.
    #[error("unit out of order or repeated at position {position} (write h, then m, then s)")]
    #[waba(code = "duration.unit_order")]
    UnitOrder {
        /// Offset of the unit.
        position: u64,
    },
    /// A character that has no place in a duration (fullwidth digits, punctuation, control
    /// characters...).
    #[error("invalid character {character:?} at position {position} in duration")]
    #[waba(code = "duration.invalid_char")]
    InvalidChar {
        /// The character (one character, never the whole input).
        character: char,
        /// Its offset.
        position: u64,
    },
    /// The duration is zero.
    #[error("duration is zero (the smallest is {MIN_SECONDS} second)")]
    #[waba(code = "duration.zero", limit = MIN_SECONDS, actual = 0)]
    Zero,
    /// The duration is longer than [`MAX_SECONDS`].
    #[error("duration is longer than {MAX_SECONDS} seconds")]
    #[waba(code = "duration.too_large", limit = MAX_SECONDS)]
    TooLarge {
        /// The value in seconds, when it fits in 64 bits.
        actual: Option<u64>,
    },
    /// A pair is not exactly two durations separated by one comma.
    #[error("expected two durations separated by a comma (warning,maximum), found {parts} part(s)")]
    #[waba(code = "duration.pair_shape", limit = 2, actual = parts)]
    PairShape {
        /// How many comma-separated parts were found.
        parts: u64,
    },
    /// The warning time is after the maximum time.
    #[error("warning time {warning}s is after maximum time {maximum}s")]
    #[waba(code = "duration.pair_order", field = "warning", limit = maximum, actual = warning)]
    PairOrder {
        /// The warning time, in seconds.
        warning: u64,
        /// The maximum time, in seconds.
        maximum: u64,
    },
}

impl DurationError {
    fn position_mut(&mut self) -> Option<&mut u64> {
        match self {
            Self::Whitespace { position }
            | Self::Sign { position }
            | Self::Negative { position }
            | Self::Fraction { position }
            | Self::UnknownUnit { position }
            | Self::MissingNumber { position }
            | Self::MissingUnit { position }
            | Self::UnitOrder { position }
            | Self::InvalidChar { position, .. } => Some(position),
            _ => None,
        }
    }

    fn shifted(mut self, by: u64) -> Self {
        if let Some(position) = self.position_mut() {
            *position = position.saturating_add(by);
        }
        self
    }
}

fn pos(i: usize) -> u64 {
    u64::try_from(i).unwrap_or(u64::MAX)
}

/// Parses a duration option value into whole seconds, without allocating.
///
/// ```
/// use waba_window::WabaError;
/// use chrono::TimeDelta;
/// use waba_window::parse_duration;
///
/// assert_eq!(parse_duration("24h"), Ok(TimeDelta::hours(24)));
/// assert_eq!(parse_duration("1h30m"), Ok(TimeDelta::minutes(90)));
/// assert_eq!(parse_duration("45"), Ok(TimeDelta::seconds(45)));
/// assert_eq!(parse_duration("-1s").unwrap_err().code(), "duration.negative");
/// assert_eq!(parse_duration("10 s").unwrap_err().code(), "duration.whitespace");
/// ```
pub fn parse_duration(s: &str) -> Result<TimeDelta, DurationError> {
    let secs = parse_seconds(s)?;
    let secs = i64::try_from(secs).map_err(|_| DurationError::TooLarge { actual: Some(secs) })?;
    Ok(TimeDelta::seconds(secs))
}

/// Checks a duration given as a value (a typed setting rather than an option string) against the
/// same rules as [`parse_duration`]: whole seconds, from [`MIN_SECONDS`] to [`MAX_SECONDS`].
///
/// ```
/// use waba_window::WabaError;
/// use chrono::TimeDelta;
/// use waba_window::check_duration;
///
/// assert_eq!(check_duration(TimeDelta::hours(24)), Ok(TimeDelta::hours(24)));
/// assert_eq!(check_duration(TimeDelta::zero()).unwrap_err().code(), "duration.zero");
/// assert_eq!(check_duration(TimeDelta::milliseconds(1500)).unwrap_err().code(), "duration.fraction");
/// ```
pub fn check_duration(d: TimeDelta) -> Result<TimeDelta, DurationError> {
    if d < TimeDelta::zero() {
        return Err(DurationError::Negative { position: 0 });
    }
    if d.subsec_nanos() != 0 {
        return Err(DurationError::Fraction { position: 0 });
    }
    let secs = whole_seconds(d);
    if secs < MIN_SECONDS {
        return Err(DurationError::Zero);
    }
    if secs > MAX_SECONDS {
        return Err(DurationError::TooLarge { actual: Some(secs) });
    }
    Ok(d)
}

/// Parses a `warning,maximum` pair of durations (`30,50`: seconds), the warning no later than the
/// maximum (equal is accepted).
///
/// ```
/// use waba_window::WabaError;
/// use chrono::TimeDelta;
/// use waba_window::parse_duration_pair;
///
/// assert_eq!(
///     parse_duration_pair("30,50"),
///     Ok((TimeDelta::seconds(30), TimeDelta::seconds(50)))
/// );
/// assert_eq!(parse_duration_pair("50,30").unwrap_err().code(), "duration.pair_order");
/// ```
pub fn parse_duration_pair(s: &str) -> Result<(TimeDelta, TimeDelta), DurationError> {
    let parts = s.split(',').count();
    let mut it = s.split(',');
    let (Some(first), Some(second), None) = (it.next(), it.next(), it.next()) else {
        return Err(DurationError::PairShape { parts: pos(parts) });
    };
    let warning = parse_duration(first)?;
    let maximum = parse_duration(second).map_err(|e| e.shifted(pos(first.len() + 1)))?;
    if warning > maximum {
        return Err(DurationError::PairOrder {
            warning: whole_seconds(warning),
            maximum: whole_seconds(maximum),
        });
    }
    Ok((warning, maximum))
}

/// Writes a duration in the canonical form [`parse_duration`] reads back to the same value:
/// descending units, zero components left out (`24h`, `1h30m`, `2m5s`, `45s`). Fractions of a
/// second are dropped; zero or negative durations are written `0s` (which the parser refuses).
///
/// ```
/// use chrono::TimeDelta;
/// use waba_window::format_duration;
///
/// assert_eq!(format_duration(TimeDelta::seconds(5415)), "1h30m15s");
/// ```
pub fn format_duration(d: TimeDelta) -> String {
    let secs = whole_seconds(d);
    if secs == 0 {
        return "0s".to_owned();
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    for (n, unit) in [(h, 'h'), (m, 'm'), (s, 's')] {
        if n != 0 {
            out.push_str(&n.to_string());
            out.push(unit);
        }
    }
    out
}

/// Whole seconds of a duration, zero for a negative one.
pub(crate) fn whole_seconds(d: TimeDelta) -> u64 {
    u64::try_from(d.num_seconds()).unwrap_or(0)
}

fn parse_seconds(s: &str) -> Result<u64, DurationError> {
    if s.is_empty() {
        return Err(DurationError::Empty);
    }
    // Saturating sum: anything over MAX_SECONDS is refused, and `actual` is reported only while
    // it fits.
    let mut total: Option<u64> = Some(0);
    // Number of the last unit used: h = 3, m = 2, s = 1; 4 means none yet.
    let mut last_rank = 4u8;
    let mut any_unit = false;
    let bytes = s.as_bytes();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        // A number.
        let start = i;
        let mut n: Option<u64> = Some(0);
        while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
            n = n
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(u64::from(d - b'0')));
            i += 1;
        }
        if i == start {
            return Err(refuse_char(s, i, b));
        }
        // Its unit: a run of ASCII letters.
        let unit_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        let unit = bytes.get(unit_start..i).unwrap_or_default();
        let (rank, factor) = match unit {
            b"" => {
                if any_unit {
                    return Err(DurationError::MissingUnit {
                        position: pos(start),
                    });
                }
                if let Some(&next) = bytes.get(i) {
                    return Err(refuse_char(s, i, next));
                }
                (0, 1)
            }
            b"h" => (3, 3600),
            b"m" => (2, 60),
            b"s" => (1, 1),
            _ => {
                return Err(DurationError::UnknownUnit {
                    position: pos(unit_start),
                });
            }
        };
        if rank != 0 {
            if rank >= last_rank {
                return Err(DurationError::UnitOrder {
                    position: pos(unit_start),
                });
            }
            last_rank = rank;
            any_unit = true;
        }
        total = match (total, n.and_then(|v| v.checked_mul(factor))) {
            (Some(t), Some(v)) => t.checked_add(v),
            _ => None,
        };
    }
    match total {
        Some(0) => Err(DurationError::Zero),
        Some(t) if t <= MAX_SECONDS => Ok(t),
        actual => Err(DurationError::TooLarge { actual }),
    }
}

/// The error for a character where a number was expected.
fn refuse_char(s: &str, i: usize, b: u8) -> DurationError {
    let position = pos(i);
    match b {
        b'+' => DurationError::Sign { position },
        b'-' => DurationError::Negative { position },
        b'.' => DurationError::Fraction { position },
        b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => DurationError::Whitespace { position },
        b'h' | b'm' | b's' => DurationError::MissingNumber { position },
        b if b.is_ascii_alphabetic() => DurationError::UnknownUnit { position },
        _ => {
            let character = s
                .get(i..)
                .and_then(|r| r.chars().next())
                .unwrap_or('\u{fffd}');
            if character.is_whitespace() {
                DurationError::Whitespace { position }
            } else {
                DurationError::InvalidChar {
                    character,
                    position,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> &'static str {
        parse_duration(s).unwrap_err().code()
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(parse_duration("24h"), Ok(TimeDelta::hours(24)));
        assert_eq!(parse_duration("90m"), Ok(TimeDelta::minutes(90)));
        assert_eq!(parse_duration("45s"), Ok(TimeDelta::seconds(45)));
        assert_eq!(parse_duration("45"), Ok(TimeDelta::seconds(45)));
        assert_eq!(parse_duration("1h30m"), Ok(TimeDelta::seconds(5400)));
        assert_eq!(parse_duration("1h30m15s"), Ok(TimeDelta::seconds(5415)));
        assert_eq!(parse_duration("1h15s"), Ok(TimeDelta::seconds(3615)));
        assert_eq!(parse_duration("007s"), Ok(TimeDelta::seconds(7)));
        assert_eq!(parse_duration("0h1s"), Ok(TimeDelta::seconds(1)));
        assert_eq!(
            parse_duration("2147483647"),
            Ok(TimeDelta::seconds(2_147_483_647))
        );
    }

    #[test]
    fn refused_forms() {
        assert_eq!(code(""), "duration.empty");
        assert_eq!(code("10 s"), "duration.whitespace");
        assert_eq!(code(" 10s"), "duration.whitespace");
        assert_eq!(code("10s\r"), "duration.whitespace");
        assert_eq!(code("10\u{a0}"), "duration.whitespace");
        assert_eq!(code("+5"), "duration.sign");
        assert_eq!(code("-1s"), "duration.negative");
        assert_eq!(code("-0"), "duration.negative");
        assert_eq!(code("1.5h"), "duration.fraction");
        assert_eq!(code("1e3"), "duration.unknown_unit");
        assert_eq!(code("24H"), "duration.unknown_unit");
        assert_eq!(code("1d"), "duration.unknown_unit");
        assert_eq!(code("10ms"), "duration.unknown_unit");
        assert_eq!(code("0x10"), "duration.unknown_unit");
        assert_eq!(code("h"), "duration.missing_number");
        assert_eq!(code("1hm"), "duration.unknown_unit");
        assert_eq!(code("s"), "duration.missing_number");
        assert_eq!(code("1h30"), "duration.missing_unit");
        assert_eq!(code("30m1h"), "duration.unit_order");
        assert_eq!(code("1h1h"), "duration.unit_order");
        assert_eq!(code("１０"), "duration.invalid_char");
        assert_eq!(code("1_000"), "duration.invalid_char");
        assert_eq!(code("30,50"), "duration.invalid_char");
        assert_eq!(code("0"), "duration.zero");
        assert_eq!(code("0h0m0s"), "duration.zero");
        assert_eq!(code("2147483648"), "duration.too_large");
        assert_eq!(code("99999999999999999999999s"), "duration.too_large");
        assert_eq!(code("NaN"), "duration.unknown_unit");
    }

    #[test]
    fn error_details() {
        let e = parse_duration("2147483648").unwrap_err();
        assert_eq!(
            (e.limit(), e.actual()),
            (Some(MAX_SECONDS), Some(2_147_483_648))
        );
        let e = parse_duration("99999999999999999999h").unwrap_err();
        assert_eq!((e.limit(), e.actual()), (Some(MAX_SECONDS), None));
        assert_eq!(parse_duration("1h 30m").unwrap_err().position(), Some(2));
        let e = parse_duration("１").unwrap_err();
        assert_eq!(
            e,
            DurationError::InvalidChar {
                character: '１',
                position: 0
            }
        );
    }

    #[test]
    fn pairs() {
        let p = parse_duration_pair("30,50").unwrap();
        assert_eq!(p, (TimeDelta::seconds(30), TimeDelta::seconds(50)));
        assert_eq!(
            parse_duration_pair("1m,1m").unwrap().1,
            TimeDelta::seconds(60)
        );
        let e = parse_duration_pair("50,30").unwrap_err();
        assert_eq!(
            (e.code(), e.actual(), e.limit()),
            ("duration.pair_order", Some(50), Some(30))
        );
        assert_eq!(parse_duration_pair("30").unwrap_err().actual(), Some(1));
        assert_eq!(
            parse_duration_pair("1,2,3").unwrap_err().code(),
            "duration.pair_shape"
        );
        let e = parse_duration_pair("30, 50").unwrap_err();
        assert_eq!((e.code(), e.position()), ("duration.whitespace", Some(3)));
        assert_eq!(
            parse_duration_pair(",50").unwrap_err().code(),
            "duration.empty"
        );
    }

    #[test]
    fn format_round_trips() {
        for s in ["24h", "1h30m", "2m5s", "45s", "1h1s"] {
            assert_eq!(format_duration(parse_duration(s).unwrap()), s);
        }
        assert_eq!(format_duration(TimeDelta::seconds(-5)), "0s");
    }
}
