//! `waba-window`: the conversation clock of a WhatsApp contact-center channel. It says whether
//! the 24-hour customer-service window is open, what may be sent now (free form only inside the
//! window, templates always), tracks the 72-hour free entry point, the pending-response indicator,
//! delayed and out-of-order messages, and reads the duration values Genesys options hold (`24h`,
//! `90m`, `45s`, `30,50`). Time is always a parameter: nothing here reads the clock.
//!
//! ```
//! use waba_window::WabaError;
//! use chrono::{DateTime, TimeDelta, Utc};
//! use waba_window::{OutboundKind, Window, WindowConfig, WindowState, parse_duration};
//!
//! let config = WindowConfig::new(true, parse_duration("24h")?);
//! let inbound: DateTime<Utc> = "2026-11-24T10:00:00Z".parse()?;
//! let window = Window::new().on_inbound(inbound, false);
//!
//! let status = window.at(&config, inbound + TimeDelta::hours(2));
//! assert_eq!(status.state, WindowState::Open);
//! assert_eq!(status.remaining_seconds, 22 * 3600);
//!
//! // Exactly 24 hours later the window is closed: templates only.
//! let late = inbound + TimeDelta::hours(24);
//! let refused = window.check(&config, late, OutboundKind::Text).unwrap_err();
//! assert_eq!(refused.meta_code(), Some(131047));
//! assert!(window.check(&config, late, OutboundKind::Template).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod duration;
mod pending;
mod timing;
mod window;

pub use config::{DEFAULT_CLOSING_SOON, OutboundKind, SERVICE_WINDOW, WindowConfig};
pub use duration::{
    DurationError, MAX_SECONDS, MIN_SECONDS, check_duration, format_duration, parse_duration,
    parse_duration_pair,
};
pub use pending::{DEFAULT_PENDING_MAXIMUM, DEFAULT_PENDING_WARNING, Indicator, PendingResponse};
pub use timing::{DEFAULT_MESSAGE_DELAY, Timing, timing};
pub use window::{
    ENTRY_POINT_DURATION, ENTRY_POINT_REPLY_WITHIN, EligibilityError, META_CODE_REENGAGEMENT,
    Window, WindowState, WindowStatus,
};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod internal;
