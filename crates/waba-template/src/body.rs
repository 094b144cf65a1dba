//! Every rule this crate knows for a send body of any kind, in one call.

use unicode_segmentation::UnicodeSegmentation;
use waba_model::{ContactCard, OutboundBody, Reaction};

use crate::error::{Counted, Field, TemplateError};
use crate::interactive::non_empty;
use crate::text::check_count;

/// Contact cards of one message: 1 to 5 (OpenAPI `ContactsMessage.contacts`).
pub const CONTACT_CARDS_MAX: usize = waba_model::CONTACTS_MAX;

/// Checks a send body of any kind against every rule of this crate: interactive messages
/// ([`validate_interactive`](crate::validate_interactive)), templates
/// ([`validate_send`](crate::validate_send)), contact cards (1 to 5, each with a formatted name)
/// and reactions (one emoji, or none to remove one). Text and caption lengths are checked by the
/// model when the body is built; the window, the byte budget and permissions by the facade.
pub fn validate_body(body: &OutboundBody) -> Result<(), TemplateError> {
    match body {
        OutboundBody::Interactive(i) => crate::validate_interactive(i),
        OutboundBody::Template(t) => crate::validate_send(t),
        OutboundBody::Contacts(cards) => check_contacts(cards),
        OutboundBody::Reaction(r) => check_reaction(r),
        _ => Ok(()),
    }
}

fn check_contacts(cards: &[ContactCard]) -> Result<(), TemplateError> {
    check_count(Counted::Contacts, 1, CONTACT_CARDS_MAX, cards.len())?;
    for (i, card) in cards.iter().enumerate() {
        let index = Some(i as u64);
        match card.name.as_ref().and_then(|n| n.formatted_name.as_deref()) {
            Some(name) => non_empty(name, Field::ContactName, index)?,
            None => {
                return Err(TemplateError::Missing {
                    field: Field::ContactName,
                    index,
                });
            }
        }
    }
    Ok(())
}

fn check_reaction(r: &Reaction) -> Result<(), TemplateError> {
    non_empty(&r.message_id, Field::ReactionMessageId, None)?;
    let mut clusters = r.emoji.graphemes(true);
    let one = match (clusters.next(), clusters.next()) {
        (None, _) => true,
        (Some(g), None) => !g.chars().any(|c| c.is_alphanumeric() || c.is_whitespace()),
        _ => false,
    };
    if one {
        Ok(())
    } else {
        Err(TemplateError::NotAllowed {
            field: Field::ReactionEmoji,
            index: None,
            reason: "a reaction is one emoji (or empty, to remove one)",
        })
    }
}
