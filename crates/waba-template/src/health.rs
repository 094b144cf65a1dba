//! Template health: what Meta's template lifecycle webhooks say about one template (status,
//! quality, category), and whether a send through it would be accepted.
//!
//! ```
//! use waba_model::events::{AccountEventKind, TemplateUpdate};
//! use waba_template::health::{TemplateHealth, TemplateStatus};
//!
//! let mut health = TemplateHealth::new("patience_notice", "en_US");
//! assert!(health.check().is_ok()); // nothing heard yet: assumed sendable
//! let paused: TemplateUpdate = serde_json::from_str(
//!     r#"{"event":"PAUSED","message_template_id":1,"message_template_name":"patience_notice",
//!         "message_template_language":"en_US","reason":"LOW_QUALITY"}"#,
//! )?;
//! assert!(health.apply(AccountEventKind::TemplateStatus, &paused, None));
//! assert_eq!(health.status, TemplateStatus::Paused);
//! let refused = health.check().unwrap_err();
//! assert_eq!(refused.meta_code, 132015);
//! # Ok::<(), serde_json::Error>(())
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use waba_error::WabaError;
use waba_model::events::{AccountEventKind, TemplateUpdate};

/// Meta's code for a send through a paused template.
pub const META_CODE_TEMPLATE_PAUSED: u32 = 132_015;
/// Meta's code for a send through a disabled template.
pub const META_CODE_TEMPLATE_DISABLED: u32 = 132_016;
/// Meta's code for a template that does not exist (in that language) or is not approved.
pub const META_CODE_TEMPLATE_MISSING: u32 = 132_001;

/// A template's review status, as its last status event said.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum TemplateStatus {
    /// No status event heard yet: assumed approved (the template was configured by someone who
    /// saw it approved).
    Unknown,
    /// `APPROVED` (also after `REINSTATED` or `UNPAUSED`): sendable.
    Approved,
    /// `FLAGGED`: still sendable, but at risk of being disabled.
    Flagged,
    /// `PENDING` or `IN_APPEAL`: not sendable yet.
    Pending,
    /// `REJECTED`.
    Rejected,
    /// `PAUSED` (low quality): Meta refuses sends with 132015.
    Paused,
    /// `DISABLED`: Meta refuses sends with 132016.
    Disabled,
    /// `PENDING_DELETION`, `DELETED` or `ARCHIVED`: gone.
    Deleted,
    /// Another event, as Meta wrote it; assumed sendable.
    Other(String),
}

impl TemplateStatus {
    /// The status a `message_template_status_update` event leaves.
    pub fn from_event(event: &str) -> TemplateStatus {
        match event.to_ascii_uppercase().as_str() {
            "APPROVED" | "REINSTATED" | "UNPAUSED" | "UNARCHIVED" => TemplateStatus::Approved,
            "FLAGGED" => TemplateStatus::Flagged,
            "PENDING" | "IN_APPEAL" => TemplateStatus::Pending,
            "REJECTED" => TemplateStatus::Rejected,
            "PAUSED" => TemplateStatus::Paused,
            "DISABLED" => TemplateStatus::Disabled,
            "PENDING_DELETION" | "DELETED" | "ARCHIVED" => TemplateStatus::Deleted,
            _ => TemplateStatus::Other(event.to_owned()),
        }
    }

    /// Meta's code for a send through a template in this status, when Meta refuses it.
    pub fn refusal_code(&self) -> Option<u32> {
        match self {
            TemplateStatus::Paused => Some(META_CODE_TEMPLATE_PAUSED),
            TemplateStatus::Disabled => Some(META_CODE_TEMPLATE_DISABLED),
            TemplateStatus::Pending | TemplateStatus::Rejected | TemplateStatus::Deleted => {
                Some(META_CODE_TEMPLATE_MISSING)
            }
            _ => None,
        }
    }
}

/// The last lifecycle event that changed a template's health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HealthEvent {
    /// The change's field (`message_template_status_update`, …).
    pub field: String,
    /// The event (`PAUSED`), the new quality (`RED`) or the new category (`MARKETING`).
    pub event: String,
    /// Meta's reason, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When Meta sent it (`entry[].time`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// One template's health, fed by template lifecycle events. Serializable: keep it with the
/// account's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TemplateHealth {
    /// The template name (without a Genesys namespace).
    pub name: String,
    /// The language and locale code (`en_US`).
    pub language: String,
    /// The review status.
    pub status: TemplateStatus,
    /// The quality score (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`), when an event gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// The category, when an event gave one (a category change is priced differently).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The last event that changed the status, quality or category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event: Option<HealthEvent>,
}

impl TemplateHealth {
    /// A template nothing has been heard about: status [`TemplateStatus::Unknown`].
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> TemplateHealth {
        TemplateHealth {
            name: name.into(),
            language: language.into(),
            status: TemplateStatus::Unknown,
            quality: None,
            category: None,
            last_event: None,
        }
    }

    /// Whether `update` is about this template (same name, same language, ignoring case).
    pub fn concerns(&self, update: &TemplateUpdate) -> bool {
        let same = |a: Option<&str>, b: &str| a.is_some_and(|a| a.eq_ignore_ascii_case(b));
        same(update.message_template_name.as_deref(), &self.name)
            && same(update.message_template_language.as_deref(), &self.language)
    }

    /// Takes a lifecycle event of `kind` sent at `at` (`entry[].time`). Returns whether it changed
    /// anything. An event older than the last one taken is ignored (Meta may deliver out of
    /// order); taking the same event twice changes nothing.
    pub fn apply(
        &mut self,
        kind: AccountEventKind,
        update: &TemplateUpdate,
        at: Option<DateTime<Utc>>,
    ) -> bool {
        if !self.concerns(update) {
            return false;
        }
        let last_at = self.last_event.as_ref().and_then(|e| e.at);
        if let (Some(last), Some(at)) = (last_at, at) {
            if at < last {
                return false;
            }
        }
        let (field, event) = match kind {
            AccountEventKind::TemplateStatus => {
                let Some(event) = update.event.as_deref() else {
                    return false;
                };
                self.status = TemplateStatus::from_event(event);
                if let Some(c) = &update.message_template_category {
                    self.category = Some(c.clone());
                }
                ("message_template_status_update", event.to_owned())
            }
            AccountEventKind::TemplateQuality => {
                let Some(q) = update.new_quality_score.as_deref() else {
                    return false;
                };
                self.quality = Some(q.to_owned());
                ("message_template_quality_update", q.to_owned())
            }
            AccountEventKind::TemplateCategory => {
                let Some(c) = update.new_category.as_deref() else {
                    return false;
                };
                self.category = Some(c.to_owned());
                ("template_category_update", c.to_owned())
            }
            _ => return false,
        };
        let new = HealthEvent {
            field: field.to_owned(),
            event,
            reason: update.reason.clone(),
            at,
        };
        let changed = self.last_event.as_ref() != Some(&new);
        self.last_event = Some(new);
        changed
    }

    /// Whether a send through this template would be accepted, or Meta's refusal.
    pub fn check(&self) -> Result<(), TemplateUnavailable> {
        match self.status.refusal_code() {
            None => Ok(()),
            Some(meta_code) => Err(TemplateUnavailable {
                name: self.name.clone(),
                language: self.language.clone(),
                status: self.status.clone(),
                event: self.last_event.clone().map(Box::new),
                meta_code,
            }),
        }
    }
}

/// A send through a template that Meta would refuse, named with the event that said so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(code = unavailable_code(status), class = Refused, field = "template", meta_code = meta_code)]
#[error(
    "template {name} ({language}) cannot be sent: it is {status:?}{}; Meta would answer {meta_code}",
    event.as_ref().map(|e| format!(" since the {} event {}", e.field, e.event)).unwrap_or_default()
)]
#[non_exhaustive]
pub struct TemplateUnavailable {
    /// The template name.
    pub name: String,
    /// Its language.
    pub language: String,
    /// Its status.
    pub status: TemplateStatus,
    /// The event that gave the status.
    pub event: Option<Box<HealthEvent>>,
    /// Meta's code: 132015 paused, 132016 disabled, 132001 not approved or gone.
    pub meta_code: u32,
}

/// The code of a template that cannot be sent, by its status.
fn unavailable_code(status: &TemplateStatus) -> &'static str {
    match status {
        TemplateStatus::Paused => "template.paused",
        TemplateStatus::Disabled => "template.disabled",
        _ => "template.not_approved",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn update(json: &str) -> TemplateUpdate {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn lifecycle() {
        let mut h = TemplateHealth::new("n", "en_US");
        let at = |s: i64| DateTime::from_timestamp(1_764_000_000 + s, 0);
        let ev = |e: &str| {
            update(&format!(
                r#"{{"event":"{e}","message_template_name":"n","message_template_language":"en_US"}}"#
            ))
        };
        assert!(h.apply(AccountEventKind::TemplateStatus, &ev("DISABLED"), at(10)));
        let e = h.check().unwrap_err();
        assert_eq!((e.code(), e.meta_code), ("template.disabled", 132_016));
        assert!(e.to_string().contains("DISABLED"), "{e}");
        // An older event delivered late does not undo a newer one.
        assert!(!h.apply(AccountEventKind::TemplateStatus, &ev("APPROVED"), at(5)));
        assert_eq!(h.status, TemplateStatus::Disabled);
        // The same event twice changes nothing.
        assert!(!h.apply(AccountEventKind::TemplateStatus, &ev("DISABLED"), at(10)));
        assert!(h.apply(AccountEventKind::TemplateStatus, &ev("REINSTATED"), at(20)));
        assert!(h.check().is_ok());
        // Another template, or another language, is not this one.
        let other = update(
            r#"{"event":"PAUSED","message_template_name":"n","message_template_language":"pt_BR"}"#,
        );
        assert!(!h.apply(AccountEventKind::TemplateStatus, &other, at(30)));
        let q = update(
            r#"{"previous_quality_score":"GREEN","new_quality_score":"RED","message_template_name":"n","message_template_language":"en_US"}"#,
        );
        assert!(h.apply(AccountEventKind::TemplateQuality, &q, at(40)));
        assert_eq!(h.quality.as_deref(), Some("RED"));
        assert!(h.check().is_ok());
        for (event, code) in [
            ("PAUSED", 132_015),
            ("REJECTED", 132_001),
            ("PENDING_DELETION", 132_001),
        ] {
            let mut h = TemplateHealth::new("n", "en_US");
            h.apply(AccountEventKind::TemplateStatus, &ev(event), None);
            assert_eq!(h.check().unwrap_err().meta_code, code, "{event}");
        }
    }
}
