//! The guide's automatic notification (an agent's late draft sent as the default notification
//! template), and the `max-text-message-size` byte budget.

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

/// Builds the automatic notification: the template named by `id` (see
/// [`template_name_from_id`]) in `language`, whose `{{1}}` in `text`
/// (`default-notification-text`) receives the agent's `draft` literally. Returns the send body
/// and the text the customer reads.
///
/// A draft that breaks Meta's parameter rules is refused with the character and its position
/// (`template.param_has_newline`, `template.param_has_tab`, `template.param_too_many_spaces`,
/// field `draft`); [`conform_draft`] is the explicit way to make it conform.
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
    let definition = TemplateDefinition::new(
        template_name_from_id(id),
        language,
        vec![Component::Body(TextComponent::new(text))],
    );
    let template = Template::new(definition, &Rules::default())?;
    let rendered = template.render(&Params::positional([draft]))?;
    Ok((rendered.message, rendered.preview))
}

/// Checks an agent's draft as a notification parameter: not empty, no newline, no tab, no more
/// than four consecutive spaces, at most [`BODY_ONLY_PARAM_MAX`] characters.
pub fn check_draft(draft: &str) -> Result<(), TemplateError> {
    if draft.trim().is_empty() {
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
