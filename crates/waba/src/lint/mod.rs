//! The deployment check (`waba config lint`): the settings the Genesys guide lists across DMS, Chat
//! Server and Workspace, the business attributes, media types, capacity rules, role privileges and
//! the default notification's template, checked before a wrong one shows up as a failure in
//! production.
//!
//! Each rule has a stable id, a severity and the guide's sentence it comes from ([`RULES`],
//! `docs/lint.md`). Option values are checked by [`Config`](crate::Config) itself, one option at a
//! time, so that every refused value is a finding; nothing here re-implements an option's rule.
//!
//! ```
//! let report = waba::lint::lint_json(br#"{"chat_server": {
//!     "settings": {"transcript-auto-save": "1", "xml-request-max-size": "32768"},
//!     "endpoints:1": {"session-chat": "async-chat-greet-queue"}}}"#)?;
//! assert_eq!(report.errors, 1);
//! assert_eq!(report.findings[0].rule, "chat_server.xml_request_max_size");
//! assert_eq!(report.findings[0].location, "settings/xml-request-max-size");
//! # Ok::<(), waba::lint::BundleError>(())
//! ```

mod bundle;
mod environment;
mod options;
mod rules;
mod servers;
mod workspace;

use serde::{Deserialize, Serialize};

pub use bundle::{
    BUNDLE_KEYS, BUNDLE_MAX_BYTES, Bundle, BundleError, BusinessAttribute, OptionValue, Pairs,
    Sections,
};
pub use rules::{RULES, Rule, Severity, rule};

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The rule's stable id.
    pub rule: String,
    /// Where: `<section>/<option>` for an option, the bundle key (and item) otherwise.
    #[serde(rename = "where")]
    pub location: String,
    /// What is wrong, with the value found.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The application the section belongs to (`dms`, `chat_server`, `workspace`), for options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// What the guide requires: the sentence the rule comes from.
    pub guide: String,
}

/// What the check found, errors first in the order the rules ran.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// How many findings are errors.
    pub errors: usize,
    /// How many findings are warnings.
    pub warnings: usize,
}

impl Report {
    /// Whether the deployment passes (no error; warnings allowed).
    pub fn passes(&self) -> bool {
        self.errors == 0
    }

    /// The findings of one rule.
    pub fn of(&self, rule: &str) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

/// Collects findings.
#[derive(Default)]
pub(crate) struct Out {
    findings: Vec<Finding>,
}

/// Which application an option section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Component {
    Dms,
    ChatServer,
    Workspace,
}

impl Component {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Component::Dms => "dms",
            Component::ChatServer => "chat_server",
            Component::Workspace => "workspace",
        }
    }
}

impl Out {
    /// A finding of `rule` at its own severity.
    pub(crate) fn push(
        &mut self,
        rule: &Rule,
        component: Option<Component>,
        location: String,
        message: String,
        fix: String,
    ) {
        self.push_as(rule, rule.severity, component, location, message, fix);
    }

    /// A finding of `rule` at `severity`.
    pub(crate) fn push_as(
        &mut self,
        rule: &Rule,
        severity: Severity,
        component: Option<Component>,
        location: String,
        message: String,
        fix: String,
    ) {
        self.findings.push(Finding {
            severity,
            rule: rule.id.to_owned(),
            location,
            message,
            fix,
            component: component.map(|c| c.as_str().to_owned()),
            guide: rule.guide.to_owned(),
        });
    }

    fn report(self) -> Report {
        let mut findings = self.findings;
        // Errors first, each group in the order the rules ran (a stable sort keeps it).
        findings.sort_by_key(|f| f.severity);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Report {
            warnings: findings.len() - errors,
            errors,
            findings,
        }
    }
}

/// Checks a deployment bundle.
pub fn lint(bundle: &Bundle) -> Report {
    let mut out = Out::default();
    for key in bundle.unknown.keys() {
        let hint = closest(key, BUNDLE_KEYS.iter().copied())
            .map(|k| format!("rename it {k}"))
            .unwrap_or_else(|| format!("remove it; the keys are {}", BUNDLE_KEYS.join(", ")));
        out.push(
            &rules::BUNDLE_UNKNOWN_KEY,
            None,
            key.clone(),
            format!("the bundle has a key {key:?} that no rule reads"),
            hint,
        );
    }
    let dms = servers::dms(bundle, &mut out);
    servers::chat_server(bundle, dms.session_route.as_ref(), &mut out);
    let config = workspace::options(bundle, &mut out);
    environment::check(bundle, &mut out);
    workspace::check(bundle, config.as_ref(), &mut out);
    out.report()
}

/// Reads a bundle (at most [`BUNDLE_MAX_BYTES`]) and checks it. JSON that is not of the bundle's
/// shape is a `bundle.shape` finding; bytes that are not JSON are a [`BundleError`].
pub fn lint_json(bytes: &[u8]) -> Result<Report, BundleError> {
    match bundle::read(bytes)? {
        bundle::Read::Bundle(b) => Ok(lint(&b)),
        bundle::Read::Shape(message) => {
            let mut out = Out::default();
            out.push(
                &rules::BUNDLE_SHAPE,
                None,
                String::new(),
                format!("the bundle is JSON but not a deployment bundle: {message}"),
                "write each option as \"name\": \"value\" inside its section, sections inside their \
                 application; media_types and privileges are lists of names, capacity_rules maps a \
                 media type to a whole number"
                    .to_owned(),
            );
            Ok(out.report())
        }
    }
}

/// Names longer than this are not compared for a suggestion (the distance is quadratic).
const SUGGEST_MAX_LEN: usize = 128;

/// The known name closest to `name`, when it is close enough to be a slip of the keyboard: at most
/// two edits (insertions, deletions, substitutions, swaps; letter case ignored) plus one per ten
/// characters of the longer name, and `name` is not the known name itself.
pub(crate) fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > SUGGEST_MAX_LEN {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| {
            (
                strsim::damerau_levenshtein(&lower, &k.to_ascii_lowercase()),
                k,
            )
        })
        .filter(|(d, k)| *d <= 2 + name.chars().count().max(k.chars().count()) / 10)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_slips_not_strangers() {
        let known = ["whatsappsession.max-text-message-size", "inbound-route"];
        assert_eq!(
            closest("whatsappsession.max-text-msg-size", known),
            Some("whatsappsession.max-text-message-size")
        );
        assert_eq!(closest("inbound-rout", known), Some("inbound-route"));
        assert_eq!(closest("Inbound-Route", known), Some("inbound-route"));
        assert_eq!(closest("inbound-route", known), None);
        assert_eq!(closest("driver-classname", known), None);
        assert_eq!(closest(&"x".repeat(1000), known), None);
        assert_eq!(
            closest(
                "InteractionWorkspace.Workitem.canUse",
                ["InteractionWorkspace.WhatsApp.canUse"]
            ),
            None
        );
    }
}
