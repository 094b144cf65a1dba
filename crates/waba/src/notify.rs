//! The automatic notification: checks on the configured text.

/// Checks that the default notification text is a template with exactly one positional parameter,
/// `{{1}}`, which receives the agent's draft.
pub(crate) fn check_notification_text(text: &str) -> Result<(), String> {
    let n = text.matches("{{1}}").count();
    if n != 1 {
        return Err(format!(
            "the text must hold {{{{1}}}} exactly once, it holds it {n} times"
        ));
    }
    Ok(())
}
