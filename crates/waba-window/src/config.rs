//! The window's settings and the kinds of outbound message it judges.

use chrono::TimeDelta;

/// Meta's customer-service window: 24 hours after the customer's last message or call.
pub const SERVICE_WINDOW: TimeDelta = TimeDelta::hours(24);

/// Default `closing_soon` threshold: the last hour of the window (decision 0400).
pub const DEFAULT_CLOSING_SOON: TimeDelta = TimeDelta::hours(1);

/// How the customer-service window is watched.
///
/// The fields come from the Genesys options `whatsappsession.enable-free-msg-timespan-monitoring`
/// and `whatsappsession.free-msg-timespan`; `closing_soon` has no option and defaults to
/// [`DEFAULT_CLOSING_SOON`].
///
/// Odd values are not refused, their meaning is defined: a zero or negative `timespan` means the
/// window is closed at every instant; a `closing_soon` as long as the `timespan` or longer means the
/// window is `closing_soon` from its first instant; a zero or negative `closing_soon` means the
/// state is never `closing_soon`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WindowConfig {
    /// `enable-free-msg-timespan-monitoring` (default true). When false the state is `disabled`
    /// and free form is always allowed.
    pub monitoring: bool,
    /// `free-msg-timespan`: how long after the last inbound message the window closes (default
    /// 24 h).
    pub timespan: TimeDelta,
    /// How long before closing the window is reported as `closing_soon` (default 1 h).
    pub closing_soon: TimeDelta,
}

impl WindowConfig {
    /// Monitoring on, a 24-hour window, closing soon in its last hour.
    pub const DEFAULT: Self = Self {
        monitoring: true,
        timespan: SERVICE_WINDOW,
        closing_soon: DEFAULT_CLOSING_SOON,
    };

    /// A configuration with the given monitoring flag and timespan, and the default closing-soon
    /// threshold.
    pub const fn new(monitoring: bool, timespan: TimeDelta) -> Self {
        Self {
            monitoring,
            timespan,
            closing_soon: DEFAULT_CLOSING_SOON,
        }
    }

    /// The same configuration with another closing-soon threshold.
    pub const fn with_closing_soon(mut self, closing_soon: TimeDelta) -> Self {
        self.closing_soon = closing_soon;
        self
    }
}

impl Default for WindowConfig {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The kinds of message a business sends, as the window judges them: everything but a template
/// is free form.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OutboundKind {
    /// A text message.
    Text,
    /// An image, video, audio, document or sticker.
    Media,
    /// A location.
    Location,
    /// A reaction to a message.
    Reaction,
    /// An interactive message (buttons, list, call to action...).
    Interactive,
    /// An approved template: allowed whether the window is open or not.
    Template,
}

impl OutboundKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 6] = [
        Self::Text,
        Self::Media,
        Self::Location,
        Self::Reaction,
        Self::Interactive,
        Self::Template,
    ];

    /// Whether this kind needs an open customer-service window (everything but a template).
    pub const fn is_free_form(self) -> bool {
        !matches!(self, Self::Template)
    }

    /// The lowercase name (`text`, `media`, ...), as serialized.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Media => "media",
            Self::Location => "location",
            Self::Reaction => "reaction",
            Self::Interactive => "interactive",
            Self::Template => "template",
        }
    }
}

impl core::fmt::Display for OutboundKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
