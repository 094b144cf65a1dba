//! Stored state: every state a service keeps ([`Conversation`](crate::Conversation),
//! [`Account`](crate::Account)) serializes with a schema `version`; a version this library does
//! not know is refused before anything else of the document is used.

use waba_error::{ErrorClass, WabaError};

/// Why a stored state cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The document's `version` is not one this library reads.
    #[error(
        "stored {what} has schema version {version}; this library reads versions {min} to {max}"
    )]
    UnknownVersion {
        /// `conversation` or `account`.
        what: &'static str,
        /// The version found.
        version: u64,
        /// The oldest version read.
        min: u64,
        /// The newest version read (the one written).
        max: u64,
    },
    /// Not a stored state of that kind.
    #[error("stored state cannot be read: {message}")]
    Malformed {
        /// The parser's message.
        message: String,
    },
}

/// The marker that starts the serde message of [`StateError::UnknownVersion`].
const VERSION_MARKER: &str = "stored ";

impl StateError {
    pub(crate) fn from_json(e: serde_json::Error) -> StateError {
        let message = e.to_string();
        if message.starts_with(VERSION_MARKER) && message.contains("schema version") {
            // Re-read the numbers from our own message (serde only carries text).
            let nums: Vec<u64> = message
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse().ok())
                .collect();
            let what = if message.contains("account") {
                "account"
            } else {
                "conversation"
            };
            if let [version, min, max, ..] = nums.as_slice() {
                return StateError::UnknownVersion {
                    what,
                    version: *version,
                    min: *min,
                    max: *max,
                };
            }
        }
        StateError::Malformed { message }
    }
}

impl WabaError for StateError {
    fn code(&self) -> &'static str {
        match self {
            StateError::UnknownVersion { .. } => "state.unknown_version",
            StateError::Malformed { .. } => "state.malformed",
        }
    }

    fn class(&self) -> ErrorClass {
        ErrorClass::Invalid
    }

    fn field(&self) -> Option<&str> {
        match self {
            StateError::UnknownVersion { .. } => Some("version"),
            StateError::Malformed { .. } => None,
        }
    }

    fn limit(&self) -> Option<u64> {
        match self {
            StateError::UnknownVersion { max, .. } => Some(*max),
            StateError::Malformed { .. } => None,
        }
    }

    fn actual(&self) -> Option<u64> {
        match self {
            StateError::UnknownVersion { version, .. } => Some(*version),
            StateError::Malformed { .. } => None,
        }
    }
}

/// Refuses a version outside `min..=max`.
pub(crate) fn check_version(
    what: &'static str,
    version: u32,
    min: u32,
    max: u32,
) -> Result<(), StateError> {
    if (min..=max).contains(&version) {
        return Ok(());
    }
    Err(StateError::UnknownVersion {
        what,
        version: u64::from(version),
        min: u64::from(min),
        max: u64::from(max),
    })
}
