//! Webhook timestamps: unix seconds as a string, read into UTC times with a plausibility window.

use waba_error::WabaError;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::quote;
use crate::wire::{RawJson, ReadError, ReadWire, Reader};

/// The earliest plausible timestamp: 2009-01-01T00:00:00Z (WhatsApp's founding year).
pub const TIMESTAMP_MIN: i64 = 1_230_768_000;
/// The first implausible timestamp: 2100-01-01T00:00:00Z. Later values (milliseconds, microseconds,
/// year 55747) are refused; time is never read from the clock here.
pub const TIMESTAMP_MAX: i64 = 4_102_444_800;

/// A `timestamp` field kept exactly as it came; [`Timestamp::time`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Timestamp(RawJson);

impl Timestamp {
    /// The JSON text as it came (`"1697043223"`, with its quotes).
    pub fn raw(&self) -> &str {
        self.0.get()
    }

    /// A timestamp of `seconds`, written as Meta writes it (a string).
    pub fn from_seconds(seconds: i64) -> Timestamp {
        Timestamp(RawJson::from_written(format!("\"{seconds}\"")))
    }

    /// The time: unix seconds, as a string of ASCII digits (Meta's form) or a JSON integer,
    /// between [`TIMESTAMP_MIN`] and [`TIMESTAMP_MAX`].
    pub fn time(&self) -> Result<DateTime<Utc>, TimestampError> {
        let raw = self.raw();
        let text = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(inner) => inner,
            None => raw,
        };
        let malformed = || TimestampError::Malformed { raw: quote(raw) };
        let (negative, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let seconds: i64 = match digits.parse::<i64>() {
            Ok(v) if negative => -v,
            Ok(v) => v,
            // Past 64 bits: reported as written, never as i64::MIN/MAX.
            Err(_) => {
                return Err(TimestampError::Beyond64Bits {
                    raw: quote(text),
                    negative,
                });
            }
        };
        if seconds < TIMESTAMP_MIN {
            return Err(TimestampError::TooEarly { value: seconds });
        }
        if seconds >= TIMESTAMP_MAX {
            if (TIMESTAMP_MIN.saturating_mul(1000)..TIMESTAMP_MAX.saturating_mul(1000))
                .contains(&seconds)
            {
                return Err(TimestampError::Milliseconds { value: seconds });
            }
            return Err(TimestampError::TooLate { value: seconds });
        }
        DateTime::from_timestamp(seconds, 0).ok_or(TimestampError::TooLate { value: seconds })
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        RawJson::deserialize(deserializer).map(Timestamp)
    }
}

impl ReadWire for Timestamp {
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.raw().map(Timestamp)
    }
}

impl From<RawJson> for Timestamp {
    /// The value as it came (any JSON value: [`Timestamp::time`] says whether it is a time).
    fn from(raw: RawJson) -> Timestamp {
        Timestamp(raw)
    }
}

/// Why a timestamp is not a plausible time. The message carrying it is kept. Its field is
/// `timestamp`; its limit is the bound crossed (unix seconds), its actual value the one read where it
/// fits a `u64`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum TimestampError {
    /// The message has no `timestamp`.
    #[error("no timestamp")]
    #[waba(code = "webhook.timestamp_missing", field = "timestamp")]
    Missing,
    /// Not unix seconds: not a string of ASCII digits or an integer (`"1697043223.5"`, `" 1"`,
    /// `"+1"`, `""`, `true`).
    #[error("timestamp {raw} is not unix seconds")]
    #[waba(code = "webhook.timestamp_malformed", field = "timestamp")]
    Malformed {
        /// The value as it came, cut to [`crate::QUOTE_MAX`] characters.
        raw: String,
    },
    /// Looks like milliseconds, not seconds.
    #[error("timestamp {value} looks like milliseconds, not seconds")]
    #[waba(code = "webhook.timestamp_milliseconds", field = "timestamp", limit = TIMESTAMP_MAX, actual = value)]
    Milliseconds {
        /// The value.
        value: i64,
    },
    /// Before [`TIMESTAMP_MIN`] (negative values included).
    #[error("timestamp {value} is before 2009")]
    #[waba(code = "webhook.timestamp_too_early", field = "timestamp", limit = TIMESTAMP_MIN, actual = value)]
    TooEarly {
        /// The value.
        value: i64,
    },
    /// At or after [`TIMESTAMP_MAX`].
    #[error("timestamp {value} is after 2099")]
    #[waba(code = "webhook.timestamp_too_late", field = "timestamp", limit = TIMESTAMP_MAX, actual = value)]
    TooLate {
        /// The value.
        value: i64,
    },
    /// A number of seconds no 64-bit integer holds: before 2009 when negative, after 2099
    /// otherwise (the code says which); the number is quoted as written.
    #[error("timestamp {raw} is {}", if *negative { "before 2009" } else { "after 2099" })]
    #[waba(
        code = if *negative { "webhook.timestamp_too_early" } else { "webhook.timestamp_too_late" },
        field = "timestamp",
        limit = if *negative { TIMESTAMP_MIN } else { TIMESTAMP_MAX }
    )]
    Beyond64Bits {
        /// The digits as written (cut to 64 characters).
        raw: String,
        /// Whether it is negative.
        negative: bool,
    },
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ts(raw: &str) -> Timestamp {
        Timestamp(RawJson::from_string(raw.to_owned()).unwrap())
    }

    #[test]
    fn reads_and_refuses() {
        assert_eq!(
            ts("\"1697043223\"").time().unwrap().to_rfc3339(),
            "2023-10-11T16:53:43+00:00"
        );
        assert_eq!(ts("1697043223").time().unwrap().timestamp(), 1_697_043_223);
        for bad in [
            "\"1697043223.5\"",
            "\"+1697043223\"",
            "\" 1697043223\"",
            "\"\"",
            "true",
            "1.5e9",
        ] {
            assert!(
                matches!(ts(bad).time(), Err(TimestampError::Malformed { .. })),
                "{bad}"
            );
        }
        assert!(matches!(
            ts("\"1697043223000\"").time(),
            Err(TimestampError::Milliseconds { .. })
        ));
        assert!(matches!(
            ts("\"1697043223000000\"").time(),
            Err(TimestampError::TooLate { .. })
        ));
        assert!(matches!(
            ts("\"-1\"").time(),
            Err(TimestampError::TooEarly { value: -1 })
        ));
        assert!(matches!(
            ts("\"9223372036854775807\"").time(),
            Err(TimestampError::TooLate { .. })
        ));
        // Past 64 bits: the code by the sign, the number as written, no made-up value.
        let e = ts("\"99999999999999999999\"").time().unwrap_err();
        assert_eq!(e.code(), "webhook.timestamp_too_late");
        assert_eq!(e.actual(), None);
        assert!(e.to_string().contains("99999999999999999999"), "{e}");
        assert!(!e.to_string().contains("9223372036854775807"), "{e}");
        let e = ts("\"-99999999999999999999\"").time().unwrap_err();
        assert_eq!(e.code(), "webhook.timestamp_too_early");
        assert!(e.to_string().contains("-99999999999999999999"), "{e}");
        assert!(ts("\"4102444799\"").time().is_ok());
        assert!(ts("\"4102444800\"").time().is_err());
        assert!(ts("\"1230768000\"").time().is_ok());
        assert!(ts("\"1230767999\"").time().is_err());
    }
}
