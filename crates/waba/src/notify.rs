//! The automatic notification: checks on the configured text.

use waba_template::{Component, Rules, Template, TemplateDefinition, TextComponent};

/// Checks that the default notification text is a valid template body (the template crate's
/// placeholder and length rules) with exactly one positional parameter, `{{1}}`, which receives the
/// agent's draft, and no named one.
pub(crate) fn check_notification_text(text: &str) -> Result<(), String> {
    let definition = TemplateDefinition::new(
        "default_notification",
        "en",
        vec![Component::Body(TextComponent::new(text))],
    );
    let template =
        Template::new(definition, &Rules::default()).map_err(|e| format!("{e} ({})", e.code()))?;
    if template.positional_count() != 1 || !template.names().is_empty() {
        return Err(format!(
            "the text must have one parameter, {{{{1}}}}, for the draft; it has {} positional and {} named",
            template.positional_count(),
            template.names().len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_notification_text;

    #[test]
    fn one_positional_parameter_only() {
        assert!(check_notification_text("Thank you for your patience! {{1}}").is_ok());
        // The same placeholder twice is still one parameter.
        assert!(check_notification_text("{{1}}, thank you, {{1}}").is_ok());
        for bad in [
            "No parameter",
            "{{1}} and {{2}}",
            "{{name}}",
            "{{ 1 }}",
            "{{1}",
            "{{0}}",
        ] {
            assert!(check_notification_text(bad).is_err(), "{bad}");
        }
    }
}
