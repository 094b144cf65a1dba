//! Checks on a filled template send body (`TemplateMessage`) when its definition is not at hand:
//! the parameter rules Meta applies at send time.

use waba_model::{ButtonParameter, Parameter, ParameterValue, TemplateComponent, TemplateMessage};

use crate::error::{Field, TemplateError};
use crate::template::{
    BODY_ONLY_PARAM_MAX, BODY_PARAM_MAX, BUTTONS_MAX, HEADER_PLACEHOLDERS_MAX, HEADER_TEXT_MAX,
    URL_MAX,
};
use crate::text::check_param as check_text;

/// Checks a template send body: a name and a language; header at most one parameter; every text
/// value (text, currency and date-time fallbacks, URL suffixes, coupon codes) not empty, without
/// newline, tab or more than four consecutive spaces (132018) and within its length (header 60,
/// body 1024, or 32 768 when the body is the only component, URL 2000); named parameters either
/// on every body and header parameter or on none; button indexes 0 to 9.
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
    let body_only = message
        .components
        .iter()
        .all(|c| matches!(c, TemplateComponent::Body { .. }));
    let body_max = if body_only {
        BODY_ONLY_PARAM_MAX
    } else {
        BODY_PARAM_MAX
    };
    let mut named: Option<bool> = None;
    let mut index = 0u64;
    for c in &message.components {
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
                    check_parameter(p, Field::HeaderParam, index, HEADER_TEXT_MAX, &mut named)?;
                    index += 1;
                }
            }
            TemplateComponent::Body { parameters } => {
                for p in parameters {
                    check_parameter(p, Field::BodyParam, index, body_max, &mut named)?;
                    index += 1;
                }
            }
            TemplateComponent::Button {
                index: at,
                parameters,
                ..
            } => {
                if usize::from(*at) >= BUTTONS_MAX {
                    return Err(TemplateError::TooMany {
                        what: "buttons",
                        limit: BUTTONS_MAX as u64,
                        actual: u64::from(*at) + 1,
                    });
                }
                for p in parameters {
                    let v = match p {
                        ButtonParameter::Text(t) | ButtonParameter::CouponCode(t) => t,
                        _ => continue,
                    };
                    check_text(v, Field::ButtonParam, index, URL_MAX)?;
                    index += 1;
                }
            }
            _ => {}
        }
    }
    Ok(())
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
        | ParameterValue::DateTime { fallback_value } => {
            check_text(fallback_value, field, index, max)
        }
        _ => Ok(()),
    }
}
