//! Checks on a filled template send body (`TemplateMessage`) when its definition is not at hand:
//! the parameter rules Meta applies at send time.

use std::collections::BTreeSet;

use waba_model::{
    ButtonParameter, ButtonSubType, Parameter, ParameterValue, TemplateComponent, TemplateMessage,
};

use crate::error::{Counted, Field, TemplateError};
use crate::template::{
    BODY_ONLY_PARAM_MAX, BODY_PARAM_MAX, BUTTONS_MAX, HEADER_PLACEHOLDERS_MAX, HEADER_TEXT_MAX,
    URL_MAX,
};
use crate::text::check_param as check_text;

/// Checks a template send body: a name and a language; header at most one parameter; every text
/// value (text, currency and date-time fallbacks, URL suffixes, coupon codes) not empty, without
/// newline, tab or more than four consecutive spaces (132018) and within its length (header 60,
/// body 1024, or 32 768 when the body is the only component, URL 2000); named parameters either
/// on every body and header parameter or on none; body parameters of a text kind; button indexes
/// 0 to 9, each used once, with the parameter their sub-type takes; carousel cards 1 to 10 in
/// order, each checked the same way.
pub fn validate_send(message: &TemplateMessage) -> Result<(), TemplateError> {
    if message.name.trim().is_empty() {
        return Err(TemplateError::Empty {
            field: Field::Name,
            index: None,
        });
    }
    if message.language.code.trim().is_empty() {
        return Err(TemplateError::Empty {
            field: Field::Language,
            index: None,
        });
    }
    check_components(&message.components, &mut None, &mut 0)
}

/// Carousel cards of a template: at most 10.
pub(crate) const TEMPLATE_CARDS_MAX: usize = 10;

fn check_components(
    components: &[TemplateComponent],
    named: &mut Option<bool>,
    index: &mut u64,
) -> Result<(), TemplateError> {
    let body_only = components
        .iter()
        .all(|c| matches!(c, TemplateComponent::Body { .. }));
    let body_max = if body_only {
        BODY_ONLY_PARAM_MAX
    } else {
        BODY_PARAM_MAX
    };
    let mut button_indexes = BTreeSet::new();
    for c in components {
        match c {
            TemplateComponent::Header { parameters } => {
                if parameters.len() > HEADER_PLACEHOLDERS_MAX {
                    return Err(TemplateError::TooManyPlaceholders {
                        field: Field::Header,
                        limit: HEADER_PLACEHOLDERS_MAX as u64,
                        actual: parameters.len() as u64,
                    });
                }
                for p in parameters {
                    check_parameter(p, Field::HeaderParam, *index, HEADER_TEXT_MAX, named)?;
                    *index += 1;
                }
            }
            TemplateComponent::Body { parameters } => {
                for p in parameters {
                    if !matches!(
                        p.value,
                        ParameterValue::Text(_)
                            | ParameterValue::Currency { .. }
                            | ParameterValue::DateTime { .. }
                    ) {
                        return Err(TemplateError::NotAllowed {
                            field: Field::BodyParam,
                            index: Some(*index),
                            reason: "a body parameter is text, currency or date_time",
                        });
                    }
                    check_parameter(p, Field::BodyParam, *index, body_max, named)?;
                    *index += 1;
                }
            }
            TemplateComponent::Button {
                sub_type,
                index: at,
                parameters,
                ..
            } => {
                if usize::from(*at) >= BUTTONS_MAX {
                    return Err(TemplateError::TooMany {
                        what: Counted::Buttons,
                        limit: BUTTONS_MAX as u64,
                        actual: u64::from(*at) + 1,
                    });
                }
                if !button_indexes.insert(*at) {
                    return Err(TemplateError::Duplicate {
                        field: Field::TemplateButton,
                        index: u64::from(*at),
                    });
                }
                check_button_parameters(*sub_type, *at, parameters)?;
                for p in parameters {
                    let v = match p {
                        ButtonParameter::Text(t) | ButtonParameter::CouponCode(t) => t,
                        ButtonParameter::Payload(p) => {
                            crate::interactive::non_empty(p, Field::ButtonParam, Some(*index))?;
                            *index += 1;
                            continue;
                        }
                        ButtonParameter::Action(a) => {
                            if let Some(sections) = &a.sections {
                                crate::interactive_kinds::check_product_sections(sections)?;
                            }
                            continue;
                        }
                        _ => continue,
                    };
                    check_text(v, Field::ButtonParam, *index, URL_MAX)?;
                    *index += 1;
                }
            }
            TemplateComponent::LimitedTimeOffer { expiration_time_ms } => {
                if *expiration_time_ms <= 0 {
                    return Err(TemplateError::OutOfRange {
                        field: Field::OfferExpiration,
                        min: 1,
                        max: i64::MAX,
                        actual: *expiration_time_ms,
                    });
                }
            }
            TemplateComponent::Carousel { cards } => {
                crate::text::check_count(Counted::Cards, 1, TEMPLATE_CARDS_MAX, cards.len())?;
                for (i, card) in cards.iter().enumerate() {
                    if usize::try_from(card.card_index).ok() != Some(i) {
                        return Err(TemplateError::NotAllowed {
                            field: Field::CardIndex,
                            index: Some(i as u64),
                            reason: "card_index must count the cards from 0, in order",
                        });
                    }
                    check_components(&card.components, named, index)?;
                }
            }
            _ => {
                return Err(TemplateError::NotAllowed {
                    field: Field::TemplateButton,
                    index: None,
                    reason: "this component has no rules yet",
                });
            }
        }
    }
    Ok(())
}

/// The parameter each button sub-type takes: a payload (quick reply), a text (URL suffix), a
/// coupon code (copy code), an action with a thumbnail (catalog), with a thumbnail and products
/// (multi-product), or without them (flow).
fn check_button_parameters(
    sub_type: ButtonSubType,
    at: u8,
    parameters: &[ButtonParameter],
) -> Result<(), TemplateError> {
    let fits = |p: &ButtonParameter| match (sub_type, p) {
        (ButtonSubType::QuickReply, ButtonParameter::Payload(_))
        | (ButtonSubType::Url, ButtonParameter::Text(_))
        | (ButtonSubType::CopyCode, ButtonParameter::CouponCode(_)) => true,
        (ButtonSubType::Catalog, ButtonParameter::Action(a)) => {
            a.thumbnail_product_retailer_id.is_some()
                && a.sections.is_none()
                && a.flow_token.is_none()
                && a.flow_action_data.is_none()
        }
        (ButtonSubType::Mpm, ButtonParameter::Action(a)) => {
            a.thumbnail_product_retailer_id.is_some()
                && a.sections.is_some()
                && a.flow_token.is_none()
                && a.flow_action_data.is_none()
        }
        (ButtonSubType::Flow, ButtonParameter::Action(a)) => {
            a.thumbnail_product_retailer_id.is_none() && a.sections.is_none()
        }
        _ => false,
    };
    if parameters.len() == 1 && parameters.iter().all(fits) {
        Ok(())
    } else {
        Err(TemplateError::NotAllowed {
            field: Field::TemplateButton,
            index: Some(u64::from(at)),
            reason: "a button takes one parameter of its sub-type's kind",
        })
    }
}

fn check_parameter(
    p: &Parameter,
    field: Field,
    index: u64,
    max: usize,
    named: &mut Option<bool>,
) -> Result<(), TemplateError> {
    let is_named = p.name.is_some();
    match named {
        None => *named = Some(is_named),
        Some(n) if *n != is_named => {
            return Err(TemplateError::PlaceholderMixed {
                field,
                position: index,
            });
        }
        Some(_) => {}
    }
    if let Some(name) = &p.name
        && !crate::placeholder::is_valid_name(name)
    {
        return Err(TemplateError::PlaceholderName {
            field,
            position: index,
        });
    }
    match &p.value {
        ParameterValue::Text(t) => check_text(t, field, index, max),
        ParameterValue::Currency { fallback_value, .. }
        | ParameterValue::DateTime { fallback_value, .. } => {
            check_text(fallback_value, field, index, max)
        }
        _ => Ok(()),
    }
}
