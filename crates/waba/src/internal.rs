//! Outside the stable API (hidden from the docs; it may change or go in any release): the entry
//! points of this crate's fuzz targets in `fuzz/fuzz_targets/`, one function per target and named
//! after it, which `cargo test` also replays over the committed seed corpus.

use chrono::{DateTime, Duration, Utc};
use waba_attachment::{Permissions, Privilege};
use waba_model::{Outbound, OutboundBody};
use waba_window::OutboundKind;

use crate::Config;
use crate::conversation::{Conversation, Decision, Draft, outbound_kind};
use waba_error::WabaError;

/// Target `config_lint`: read and check any bytes as a deployment bundle. Panics only on a broken
/// invariant: the counts add up, errors come first, every finding names a known rule.
pub fn config_lint(data: &[u8]) {
    let Ok(report) = crate::lint::lint_json(data) else {
        return;
    };
    assert_eq!(report.errors + report.warnings, report.findings.len());
    let errors = report
        .findings
        .iter()
        .take_while(|f| f.severity == crate::lint::Severity::Error)
        .count();
    assert_eq!(errors, report.errors, "errors come first");
    for f in &report.findings {
        assert!(
            crate::lint::rule(&f.rule).is_some(),
            "unknown rule {}",
            f.rule
        );
    }
}

/// Target `transcript`: any bytes as a webhook taken into a transcript (after a send it may answer),
/// then every page. Panics only on a broken invariant: every event shows, pages hold what the
/// transcript holds, and a page never says "older" past the last one.
pub fn transcript(data: &[u8]) {
    let Ok(hook) = waba_model::Webhook::parse(data) else {
        return;
    };
    let config = crate::Config::default();
    let mut t = crate::transcript::Transcript::new(&config);
    let Ok(body) = waba_model::Outbound::text("Which one?") else {
        return;
    };
    let _ = t.push_sent(
        "wamid.fuzz",
        chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        body,
        None,
        None,
    );
    if t.push_webhook(&hook, None, None).is_err() {
        return;
    }
    let all = t.entries();
    let mut seen = 0;
    let mut n = 0;
    loop {
        let page = t.page(n);
        seen += page.entries.iter().filter(|e| e.is_message()).count();
        if !page.older {
            break;
        }
        n += 1;
        assert!(n <= all.len(), "pages never end");
    }
    assert_eq!(seen, all.iter().filter(|e| e.is_message()).count());
}

/// The option sets the `compose` target picks from (its first byte, modulo their number).
const OPTION_SETS: [&[(&str, &str)]; 5] = [
    &[],
    &[("whatsappsession.max-text-message-size", "16")],
    &[
        ("whatsappsession.default-notification-id", "ns:notify"),
        (
            "whatsappsession.default-notification-text",
            "Reply please: {{1}}",
        ),
        ("whatsappsession.default-notification-language", "en_US"),
    ],
    &[(
        "whatsappsession.enable-free-msg-timespan-monitoring",
        "false",
    )],
    &[("whatsappsession.free-msg-timespan", "1h")],
];

/// Target `compose`: `data` is one byte choosing the options, one the agent's privileges
/// (a bit mask), two giving how long ago (in minutes) the customer last wrote, then a draft's
/// JSON, read as a service reads it ([`Draft::from_remote_slice`]). Composes it; a decision to
/// send must pass every check the crates know when checked again, independently, on the body as
/// it will be written: the strict reader reads it back to the same body, its kind's rules
/// (`waba_template::validate_body`), the text budget, the window at `now`, and the agent's
/// `canUse`. Panics only on a broken invariant.
pub fn compose(data: &[u8]) {
    let [options, privileges, m1, m2, json @ ..] = data else {
        return;
    };
    let Some(options) = OPTION_SETS.get(usize::from(*options) % OPTION_SETS.len()) else {
        return;
    };
    let Ok((config, _)) = Config::from_options(options.iter().copied()) else {
        return;
    };
    let permissions: Permissions = Privilege::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| privileges & (1 << i) != 0)
        .map(|(_, p)| *p)
        .collect();
    let Some(now) = DateTime::<Utc>::from_timestamp(1_800_000_000, 0) else {
        return;
    };
    let last = now - Duration::minutes(i64::from(u16::from_le_bytes([*m1, *m2])));
    // Read as a service reads an agent's draft: strictly, with the size cap, no file path (files
    // are not read here: an attachment draft is refused, as `Draft::from_remote_slice` says).
    let draft = match Draft::from_remote_slice(json) {
        Ok(draft) => draft,
        Err(e) => {
            assert!(!e.code().is_empty());
            return;
        }
    };
    let mut conv = Conversation::new("channel", "server");
    conv.on_inbound(last, false);
    match conv.compose(&config, &draft, permissions, now) {
        Decision::Send(body) => recheck(&conv, &config, &body, permissions, now, false),
        Decision::Notification { body, .. } => {
            recheck(&conv, &config, &body, permissions, now, true)
        }
        _ => {}
    }
}

fn recheck(
    conv: &Conversation,
    config: &Config,
    body: &Outbound,
    permissions: Permissions,
    now: DateTime<Utc>,
    notification: bool,
) {
    let written = body.to_json();
    let read = Outbound::from_json(written.clone());
    assert!(
        read.as_ref() == Ok(body),
        "a decided body does not read back: {read:?} from {written}"
    );
    let rules = waba_template::validate_body(&body.body);
    assert!(rules.is_ok(), "a decided body breaks a rule: {rules:?}");
    assert!(
        permissions.require(Privilege::CanUse).is_ok(),
        "sent without canUse"
    );
    let kind = outbound_kind(&body.body);
    if notification {
        assert!(matches!(body.body, OutboundBody::Template(_)));
        assert!(
            conv.window
                .check(&config.window(), now, OutboundKind::Text)
                .is_err(),
            "a notification replaced a text the window allowed"
        );
    } else {
        let window = conv.window.check(&config.window(), now, kind);
        assert!(window.is_ok(), "sent outside the window: {window:?}");
    }
    if let OutboundBody::Text(t) = &body.body {
        let budget =
            waba_template::check_text_budget(t.body.as_str(), config.max_text_message_size);
        assert!(budget.is_ok(), "a text over the budget: {budget:?}");
        assert!(!waba_template::is_blank(t.body.as_str()), "a blank text");
    }
}

/// Target `options`: an options file, read by [`Config::from_json_slice`] (the strict reader):
/// never a panic; a refusal names an option of the input, or is a JSON-level refusal; when the
/// input repeats a key, it is refused whatever else it holds.
pub fn options(data: &[u8]) {
    match Config::from_json_slice(data) {
        Ok(_) => {}
        Err(crate::ConfigError::File(_) | crate::ConfigError::FileShape { option: None, .. }) => {}
        Err(e) => {
            let keys: Vec<String> = match serde_json::from_slice::<serde_json::Value>(data) {
                Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
                _ => Vec::new(),
            };
            // A missing companion option is named as missing; the one given is `because`.
            let named_field = match &e {
                crate::ConfigError::Incomplete { because, .. } => Some(because.as_str()),
                _ => e.field(),
            };
            // Errors quote a name cut, its unseen characters written out (`waba_json::quote`).
            let named = named_field.is_some_and(|f| {
                let f = f.trim_end_matches('…');
                keys.iter()
                    .any(|k| waba_json::quote(k, usize::MAX).starts_with(f))
            });
            assert!(named, "the error names no option of the input: {e}");
        }
    }
}
