//! Meta's error catalog as data: for each code of the Cloud API's error reference, its title, class,
//! whether a retry can succeed, what to do, and the page it comes from.
//!
//! Meta advises building logic on `code` and `error_data.details`, not on titles ("titles will
//! eventually be deprecated"); the title here is for people.

use std::borrow::Cow;

use serde::Serialize;

/// Meta's "WhatsApp error codes" page, the source of every row unless the row says otherwise.
pub const ERROR_CODES_PAGE: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes";

/// What kind of failure a Meta code is (the catalog's own classes, finer than
/// [`waba_error::ErrorClass`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MetaClass {
    /// The access token or the app's permissions.
    Authorization,
    /// A rate or throughput limit.
    Throttling,
    /// The account is restricted for a policy violation.
    Integrity,
    /// The recipient cannot get the message.
    Recipient,
    /// A template send or the template itself.
    Template,
    /// A flow.
    Flow,
    /// Media upload or download.
    Media,
    /// The customer-service window is closed.
    Window,
    /// Meta's per-user marketing limit (or a marketing experiment).
    MarketingLimit,
    /// The customer stopped marketing messages.
    OptOut,
    /// The account's payment method.
    Payment,
    /// The request itself is wrong.
    Request,
    /// The phone number's registration.
    Registration,
    /// A fault on Meta's side.
    Server,
    /// A code the catalog does not know.
    Unknown,
}

impl MetaClass {
    /// The snake_case name (`throttling`, `marketing_limit`...).
    pub const fn as_str(self) -> &'static str {
        match self {
            MetaClass::Authorization => "authorization",
            MetaClass::Throttling => "throttling",
            MetaClass::Integrity => "integrity",
            MetaClass::Recipient => "recipient",
            MetaClass::Template => "template",
            MetaClass::Flow => "flow",
            MetaClass::Media => "media",
            MetaClass::Window => "window",
            MetaClass::MarketingLimit => "marketing_limit",
            MetaClass::OptOut => "opt_out",
            MetaClass::Payment => "payment",
            MetaClass::Request => "request",
            MetaClass::Registration => "registration",
            MetaClass::Server => "server",
            MetaClass::Unknown => "unknown",
        }
    }
}

/// What to do after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Send again after a backoff (see [`crate::pacing`]).
    RetryAfterBackoff,
    /// Do not send this again.
    DoNotRetry,
    /// The window is closed: send a template to re-engage the customer.
    ReengageWithTemplate,
    /// The request is wrong: fix it before sending again.
    FixRequest,
    /// Only the business owner can fix it (account, payment, number, template state).
    AskBusinessOwner,
}

impl Action {
    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::RetryAfterBackoff => "retry_after_backoff",
            Action::DoNotRetry => "do_not_retry",
            Action::ReengageWithTemplate => "reengage_with_template",
            Action::FixRequest => "fix_request",
            Action::AskBusinessOwner => "ask_business_owner",
        }
    }
}

/// One row of the catalog: a code (or a range of codes) of Meta's error reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The first code of the row.
    pub code: u64,
    /// The last code of the row (the same as `code` but for a range such as 200–299).
    pub last: u64,
    /// Meta's title.
    pub title: &'static str,
    /// The class.
    pub class: MetaClass,
    /// Whether sending the same message again can succeed (later).
    pub retryable: bool,
    /// What to do.
    pub action: Action,
    /// The page the row comes from.
    pub source: &'static str,
}

const fn row(
    code: u64,
    title: &'static str,
    class: MetaClass,
    retryable: bool,
    action: Action,
) -> CatalogEntry {
    CatalogEntry {
        code,
        last: code,
        title,
        class,
        retryable,
        action,
        source: ERROR_CODES_PAGE,
    }
}

use Action::{AskBusinessOwner, DoNotRetry, FixRequest, ReengageWithTemplate, RetryAfterBackoff};
use MetaClass::{
    Authorization, Flow, Integrity, MarketingLimit, Media, OptOut, Payment, Recipient,
    Registration, Request, Server, Template, Throttling, Window,
};

/// Meta's per-user marketing template limits page (131049).
pub const MARKETING_LIMITS_PAGE: &str = "https://developers.facebook.com/docs/whatsapp/api/messages/template/limits#per-user-marketing-template-message-limits";

/// The catalog, sorted by code.
pub const CATALOG: &[CatalogEntry] = &[
    row(0, "AuthException", Authorization, false, AskBusinessOwner),
    row(1, "API Unknown", Server, true, RetryAfterBackoff),
    row(2, "API Service", Server, true, RetryAfterBackoff),
    row(3, "API Method", Authorization, false, AskBusinessOwner),
    row(4, "API Too Many Calls", Throttling, true, RetryAfterBackoff),
    row(
        10,
        "Permission Denied",
        Authorization,
        false,
        AskBusinessOwner,
    ),
    row(
        33,
        "Parameter value is not valid",
        Request,
        false,
        FixRequest,
    ),
    row(100, "Invalid parameter", Request, false, FixRequest),
    row(
        190,
        "Access token has expired",
        Authorization,
        false,
        AskBusinessOwner,
    ),
    CatalogEntry {
        last: 299,
        ..row(
            200,
            "API Permission",
            Authorization,
            false,
            AskBusinessOwner,
        )
    },
    row(
        368,
        "Temporarily blocked for policies violations",
        Integrity,
        false,
        AskBusinessOwner,
    ),
    row(
        80007,
        "Rate limit issues",
        Throttling,
        true,
        RetryAfterBackoff,
    ),
    row(
        130429,
        "Rate limit hit",
        Throttling,
        true,
        RetryAfterBackoff,
    ),
    row(
        130472,
        "User's number is part of an experiment",
        MarketingLimit,
        false,
        DoNotRetry,
    ),
    row(
        130497,
        "Business account is restricted from messaging users in this country",
        Integrity,
        false,
        AskBusinessOwner,
    ),
    row(
        131000,
        "Something went wrong",
        Server,
        true,
        RetryAfterBackoff,
    ),
    row(
        131005,
        "Access denied",
        Authorization,
        false,
        AskBusinessOwner,
    ),
    row(
        131008,
        "Required parameter is missing",
        Request,
        false,
        FixRequest,
    ),
    row(
        131009,
        "Parameter value is not valid",
        Request,
        false,
        FixRequest,
    ),
    row(
        131016,
        "Service unavailable",
        Server,
        true,
        RetryAfterBackoff,
    ),
    row(
        131021,
        "Recipient cannot be sender",
        Recipient,
        false,
        FixRequest,
    ),
    row(
        131026,
        "Message undeliverable",
        Recipient,
        false,
        DoNotRetry,
    ),
    row(
        131030,
        "Recipient phone number not in allowed list",
        Recipient,
        false,
        FixRequest,
    ),
    row(
        131031,
        "Account has been locked",
        Integrity,
        false,
        AskBusinessOwner,
    ),
    row(
        131037,
        "WhatsApp provided number needs display name approval before message can be sent",
        Registration,
        false,
        AskBusinessOwner,
    ),
    row(
        131042,
        "Business eligibility payment issue",
        Payment,
        false,
        AskBusinessOwner,
    ),
    row(
        131045,
        "Incorrect certificate",
        Registration,
        false,
        AskBusinessOwner,
    ),
    row(
        131047,
        "Re-engagement message",
        Window,
        false,
        ReengageWithTemplate,
    ),
    row(
        131048,
        "Spam rate limit hit",
        Throttling,
        false,
        AskBusinessOwner,
    ),
    CatalogEntry {
        source: MARKETING_LIMITS_PAGE,
        ..row(
            131049,
            "This message was not delivered to maintain healthy ecosystem engagement",
            MarketingLimit,
            true,
            RetryAfterBackoff,
        )
    },
    row(
        131050,
        "User stopped marketing messages",
        OptOut,
        false,
        DoNotRetry,
    ),
    row(
        131051,
        "Unsupported message type",
        Request,
        false,
        FixRequest,
    ),
    row(131052, "Media download error", Media, false, DoNotRetry),
    row(131053, "Media upload error", Media, false, FixRequest),
    row(
        131056,
        "(Business Account, Consumer Account) pair rate limit hit",
        Throttling,
        true,
        RetryAfterBackoff,
    ),
    row(
        131057,
        "Account in maintenance mode",
        Server,
        true,
        RetryAfterBackoff,
    ),
    row(
        132000,
        "Number of parameters does not match the expected number of params",
        Template,
        false,
        FixRequest,
    ),
    row(
        132001,
        "Template does not exist",
        Template,
        false,
        FixRequest,
    ),
    row(
        132005,
        "Translated text too long",
        Template,
        false,
        FixRequest,
    ),
    row(
        132007,
        "Template format character policy violated",
        Template,
        false,
        FixRequest,
    ),
    row(
        132012,
        "Parameter format does not match format in the created template",
        Template,
        false,
        FixRequest,
    ),
    row(
        132015,
        "Template is paused",
        Template,
        false,
        AskBusinessOwner,
    ),
    row(
        132016,
        "Template is disabled",
        Template,
        false,
        AskBusinessOwner,
    ),
    row(
        132018,
        "There was an issue with the parameters in your template",
        Template,
        false,
        FixRequest,
    ),
    row(
        132068,
        "Flow is in blocked state",
        Flow,
        false,
        AskBusinessOwner,
    ),
    row(
        132069,
        "Flow is in throttled state",
        Flow,
        true,
        RetryAfterBackoff,
    ),
    row(
        133000,
        "Incomplete deregistration",
        Registration,
        false,
        AskBusinessOwner,
    ),
    row(
        133004,
        "Server temporarily unavailable",
        Server,
        true,
        RetryAfterBackoff,
    ),
    row(
        133005,
        "Two step verification PIN mismatch",
        Registration,
        false,
        FixRequest,
    ),
    row(
        133006,
        "Phone number re-verification needed",
        Registration,
        false,
        AskBusinessOwner,
    ),
    row(
        133008,
        "Too many two step verification PIN guesses for this phone number",
        Registration,
        true,
        RetryAfterBackoff,
    ),
    row(
        133009,
        "Two step verification PIN was entered too quickly",
        Registration,
        true,
        RetryAfterBackoff,
    ),
    row(
        133010,
        "Phone number not registered",
        Registration,
        false,
        AskBusinessOwner,
    ),
    row(
        133015,
        "Please wait a few minutes before attempting to register this phone number",
        Registration,
        true,
        RetryAfterBackoff,
    ),
    row(
        133016,
        "Account register deregister rate limit exceeded",
        Throttling,
        true,
        RetryAfterBackoff,
    ),
    row(135000, "Generic user error", Request, false, FixRequest),
];

/// The catalog row of `code`, if the catalog knows it. A binary search: O(log n), no allocation.
pub fn lookup(code: u64) -> Option<&'static CatalogEntry> {
    let i = CATALOG.partition_point(|e| e.last < code);
    CATALOG.get(i).filter(|e| e.code <= code)
}

/// A Meta code explained: the catalog's row, or for an unknown code its raw title and class
/// [`MetaClass::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explained<'a> {
    /// The code.
    pub code: u64,
    /// The catalog's title, else the raw title given (`None` when there is neither).
    pub title: Option<Cow<'a, str>>,
    /// The class.
    pub class: MetaClass,
    /// Whether sending the same message again can succeed.
    pub retryable: bool,
    /// What to do.
    pub action: Action,
    /// The page the row comes from (`None` for an unknown code).
    pub source: Option<&'static str>,
}

/// Explains `code`; `raw_title` (the title Meta sent with it) is kept for an unknown code. An
/// unknown code is not retryable and its action is [`Action::AskBusinessOwner`]: nothing is known
/// that would make a retry safe.
pub fn explain(code: u64, raw_title: Option<&str>) -> Explained<'_> {
    match lookup(code) {
        Some(e) => Explained {
            code,
            title: Some(Cow::Borrowed(e.title)),
            class: e.class,
            retryable: e.retryable,
            action: e.action,
            source: Some(e.source),
        },
        None => Explained {
            code,
            title: raw_title.map(Cow::Borrowed),
            class: MetaClass::Unknown,
            retryable: false,
            action: Action::AskBusinessOwner,
            source: None,
        },
    }
}

/// The catalog as a Markdown table (the one in `docs/meta-error-catalog.md`).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| code | title | class | retryable | action | source |\n|---|---|---|---|---|---|\n",
    );
    for e in CATALOG {
        let code = if e.last == e.code {
            e.code.to_string()
        } else {
            format!("{}–{}", e.code, e.last)
        };
        let source = if e.source == ERROR_CODES_PAGE {
            "error codes page"
        } else {
            "per-user marketing limits"
        };
        out.push_str(&format!(
            "| {code} | {} | `{}` | {} | `{}` | [{source}]({}) |\n",
            e.title,
            e.class.as_str(),
            if e.retryable { "yes" } else { "no" },
            e.action.as_str(),
            e.source
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn sorted_without_overlap() {
        for pair in CATALOG.windows(2) {
            assert!(pair[0].last < pair[1].code, "{:?}", pair[1].code);
        }
        for e in CATALOG {
            assert!(e.code <= e.last);
            assert!(!e.title.is_empty());
            assert!(e.source.starts_with("https://developers.facebook.com/"));
        }
    }

    #[test]
    fn ranges_and_unknown_codes() {
        assert_eq!(lookup(250).unwrap().title, "API Permission");
        assert!(lookup(300).is_none());
        assert!(lookup(131_001).is_none());
        assert!(lookup(u64::MAX).is_none());
        let e = explain(999_999, Some("New thing"));
        assert_eq!(e.class, MetaClass::Unknown);
        assert_eq!(e.title.as_deref(), Some("New thing"));
        assert!(!e.retryable);
        assert_eq!(
            explain(131_047, Some("x")).title.as_deref(),
            Some("Re-engagement message")
        );
    }
}
