//! `waba-window`: the conversation clock of a WhatsApp contact-center channel. It reads the
//! duration values Genesys options hold (`24h`, `90m`, `45s`, `30,50`).
//!
//! ```
//! use chrono::TimeDelta;
//!
//! let timespan = waba_window::parse_duration("24h")?;
//! assert_eq!(timespan, TimeDelta::hours(24));
//! let (warning, maximum) = waba_window::parse_duration_pair("30,50")?;
//! assert!(warning <= maximum);
//! # Ok::<(), waba_window::DurationError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod duration;

pub use duration::{
    DurationError, MAX_SECONDS, MIN_SECONDS, format_duration, parse_duration, parse_duration_pair,
};
