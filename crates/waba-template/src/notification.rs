//! The guide's automatic notification (an agent's late draft sent as the default notification
//! template), and the `max-text-message-size` byte budget.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use waba_model::TemplateMessage;

use crate::definition::{Component, TemplateDefinition, TextComponent};
use crate::error::{Field, TemplateError};
use crate::template::{BODY_ONLY_PARAM_MAX, Params, Rules, Template};
use crate::text::{check_len, check_param_whitespace, conform_param};

/// `whatsappsession.max-text-message-size` when not configured: 4096 bytes of UTF-8 (the guide).
pub const MAX_TEXT_MESSAGE_SIZE_DEFAULT: u32 = 4096;

/// The template name a Genesys notification id stands for: Genesys ids are
/// `namespace@element_name` (eServices Manager); the Cloud API sends only the element name
/// (the namespace was an On-Premises field), so the part after the last `@` is the name. An id
/// without `@` is the name itself.
pub fn template_name_from_id(id: &str) -> &str {
    id.rsplit_once('@').map_or(id, |(_, name)| name)
}

/// The namespace part of a Genesys notification id, if it has one.
pub fn template_namespace_from_id(id: &str) -> Option<&str> {
    id.rsplit_once('@')
        .map(|(ns, _)| ns)
        .filter(|ns| !ns.is_empty())
}

/// The default notification (`whatsappsession.default-notification-text`, `-id`, `-language`),
/// checked and compiled once: a body-only template whose text has exactly one parameter, the
/// positional `{{1}}`, which receives an agent's late draft literally.
///
/// Serializes as its three option values (`{"text", "id", "language"}`) and is compiled again,
/// with every check, when read back.
///
/// ```
/// use waba_template::WabaError;
/// use waba_template::AutomaticNotification;
///
/// let n = AutomaticNotification::new(
///     "Thank you for your patience! {{1}}",
///     "a1b2c3@patience_notice",
///     "en_US",
/// )?;
/// let (message, preview) = n.fill("We recommend rebooting your device to resolve the issue")?;
/// assert_eq!(preview, "Thank you for your patience! We recommend rebooting your device to resolve the issue");
/// assert_eq!(message.name, "patience_notice");
/// // A text without `{{1}}` cannot carry the draft.
/// let e = AutomaticNotification::new("Thanks!", "patience_notice", "en_US").unwrap_err();
/// assert_eq!(e.code(), "template.notification_parameters");
/// # Ok::<(), waba_template::TemplateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "NotificationParts", into = "NotificationParts")]
pub struct AutomaticNotification {
    parts: NotificationParts,
    template: Template,
}

/// The three option values of a default notification, as they are stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct NotificationParts {
    text: String,
    id: String,
    language: String,
}

impl AutomaticNotification {
    /// Checks and compiles the notification: `text` must be a valid template body (placeholder
    /// and length rules) with exactly one positional parameter and no named one; `id` is a
    /// Genesys notification id (see [`template_name_from_id`]); `language` Meta's language code.
    pub fn new(
        text: impl Into<String>,
        id: impl Into<String>,
        language: impl Into<String>,
    ) -> Result<AutomaticNotification, TemplateError> {
        let parts = NotificationParts {
            text: text.into(),
            id: id.into(),
            language: language.into(),
        };
        let definition = TemplateDefinition::new(
            template_name_from_id(&parts.id),
            parts.language.as_str(),
            vec![Component::Body(TextComponent::new(parts.text.as_str()))],
        );
        let template = Template::new(definition, &Rules::default())?;
        if template.positional_count() != 1 || !template.names().is_empty() {
            return Err(TemplateError::NotificationParameters {
                positional: template.positional_count() as u64,
                named: template.names().len() as u64,
            });
        }
        Ok(AutomaticNotification { parts, template })
    }

    /// The template text (`default-notification-text`).
    pub fn text(&self) -> &str {
        &self.parts.text
    }

    /// The Genesys notification id (`default-notification-id`).
    pub fn id(&self) -> &str {
        &self.parts.id
    }

    /// The template's language code (`default-notification-language`).
    pub fn language(&self) -> &str {
        &self.parts.language
    }

    /// The template name sent to Meta (the id without its namespace).
    pub fn name(&self) -> &str {
        template_name_from_id(&self.parts.id)
    }

    /// The send body and the text the customer reads, with `draft` as `{{1}}`.
    ///
    /// A draft that breaks Meta's parameter rules is refused with the character and its position
    /// (`template.param_has_newline`, `template.param_has_tab`, `template.param_too_many_spaces`,
    /// field `draft`); [`conform_draft`] is the explicit way to make it conform.
    pub fn fill(&self, draft: &str) -> Result<(TemplateMessage, String), TemplateError> {
        check_draft(draft)?;
        let rendered = self.template.render(&Params::positional([draft]))?;
        Ok((rendered.message, rendered.preview))
    }
}

impl TryFrom<NotificationParts> for AutomaticNotification {
    type Error = TemplateError;

    fn try_from(p: NotificationParts) -> Result<AutomaticNotification, TemplateError> {
        AutomaticNotification::new(p.text, p.id, p.language)
    }
}

impl From<AutomaticNotification> for NotificationParts {
    fn from(n: AutomaticNotification) -> NotificationParts {
        n.parts
    }
}

/// Builds the automatic notification once, for callers holding the three option values: the same
/// as [`AutomaticNotification::new`] then [`AutomaticNotification::fill`]. A service that sends
/// many notifications keeps the [`AutomaticNotification`] instead (the facade's `Config` does).
///
/// ```
/// let (message, preview) = waba_template::automatic_notification(
///     "Thank you for your patience! {{1}}",
///     "a1b2c3@patience_notice",
///     "en_US",
///     "We recommend rebooting your device to resolve the issue",
/// )?;
/// assert_eq!(preview, "Thank you for your patience! We recommend rebooting your device to resolve the issue");
/// assert_eq!(message.name, "patience_notice");
/// # Ok::<(), waba_template::TemplateError>(())
/// ```
pub fn automatic_notification(
    text: &str,
    id: &str,
    language: &str,
    draft: &str,
) -> Result<(TemplateMessage, String), TemplateError> {
    check_draft(draft)?;
    AutomaticNotification::new(text, id, language)?.fill(draft)
}

/// Checks an agent's draft as a notification parameter: not empty, no newline, no tab, no more
/// than four consecutive spaces, at most [`BODY_ONLY_PARAM_MAX`] characters.
pub fn check_draft(draft: &str) -> Result<(), TemplateError> {
    if crate::text::is_blank(draft) {
        return Err(TemplateError::Empty {
            field: Field::Draft,
            index: None,
        });
    }
    check_param_whitespace(draft, Field::Draft, 0)?;
    check_len(draft, BODY_ONLY_PARAM_MAX, Field::Draft, None)
}

/// Makes a draft obey Meta's parameter rules, for callers who choose to: newlines and tabs become
/// spaces, runs of spaces are cut to four. Nothing else changes.
pub fn conform_draft(draft: &str) -> String {
    conform_param(draft)
}

/// Checks `text` against `max-text-message-size`: at most `max_bytes` bytes of UTF-8. The error
/// gives the byte count.
pub fn check_text_budget(text: &str, max_bytes: u32) -> Result<(), TemplateError> {
    let actual = text.len() as u64;
    if actual > u64::from(max_bytes) {
        return Err(TemplateError::MessageTooLarge {
            limit: u64::from(max_bytes),
            actual,
        });
    }
    Ok(())
}

/// The longest prefix of `text` that fits `max_bytes` bytes of UTF-8 and ends on a grapheme
/// cluster boundary (a family emoji is kept whole or dropped whole).
pub fn truncate_to_budget(text: &str, max_bytes: u32) -> &str {
    let max = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    if text.len() <= max {
        return text;
    }
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        if i + g.len() > max {
            break;
        }
        end = i + g.len();
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    #[test]
    fn ids() {
        assert_eq!(template_name_from_id("ns_1@patience"), "patience");
        assert_eq!(template_name_from_id("patience"), "patience");
        assert_eq!(template_namespace_from_id("ns_1@patience"), Some("ns_1"));
        assert_eq!(template_namespace_from_id("patience"), None);
    }

    #[test]
    fn budget() {
        let fam = "👨‍👩‍👧‍👦";
        assert!(check_text_budget(&"a".repeat(4096), 4096).is_ok());
        let e = check_text_budget(&format!("{}é", "a".repeat(4095)), 4096).unwrap_err();
        assert_eq!(
            (e.code(), e.actual(), e.limit()),
            ("template.message_too_large", Some(4097), Some(4096))
        );
        assert_eq!(truncate_to_budget(&format!("ab{fam}"), 26), "ab");
        assert_eq!(
            truncate_to_budget(&format!("ab{fam}"), 27),
            format!("ab{fam}")
        );
        assert_eq!(truncate_to_budget("é", 1), "");
    }
}
