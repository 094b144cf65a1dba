//! Meta's limits for the interactive kinds beyond reply buttons and lists: CTA URL, flow, product,
//! product list, catalog, address form, voice call and carousel.

use std::collections::BTreeSet;

use waba_model::{
    AddressMessage, CardAction, CarouselMessage, CatalogMessage, CtaUrlMessage, FlowActionKind,
    FlowMessage, FlowRef, InteractiveHeader, ProductListMessage, ProductMessage, ProductSection,
    VoiceCallMessage,
};

use crate::error::{Counted, Field, TemplateError};
use crate::interactive::{
    Headers, REPLY_BUTTONS_MAX, SECTIONS_MAX, SECTIONS_MIN, check_frame, check_framed,
    check_reply_buttons, check_section_title, non_empty,
};
use crate::text::{check_count, check_len};

/// A CTA URL button's label: 1 to 20 characters (Meta, "Interactive CTA URL button messages").
pub const CTA_TEXT_MAX: usize = 20;
/// A CTA URL: at most 2000 characters, http or https, written as parsed (ours; the template
/// URL-button limit).
pub const CTA_URL_MAX: usize = 2000;
/// A flow button's label: 1 to 30 characters (OpenAPI `flow_cta maxLength: 30`).
pub const FLOW_CTA_MAX: usize = 30;
/// The only `flow_message_version` Meta accepts.
pub const FLOW_MESSAGE_VERSION: &str = "3";
/// Products of a product list (or multi-product button), all sections together: 1 to 30.
pub const PRODUCTS_MAX: usize = 30;
/// A voice-call button's label: at most 20 characters.
pub const CALL_TEXT_MAX: usize = 20;
/// A voice-call button's lifetime: 1 to 43 200 minutes (30 days).
pub const CALL_TTL_MINUTES_MAX: i64 = 43_200;
/// A voice-call button's payload: at most 512 characters.
pub const CALL_PAYLOAD_MAX: usize = 512;
/// Cards of a carousel: 2 to 10.
pub const CARDS_MIN: usize = 2;
/// Cards of a carousel: at most 10.
pub const CARDS_MAX: usize = 10;
/// A carousel card's body: at most 160 characters and 2 line breaks.
pub const CARD_BODY_MAX: usize = 160;
/// Line breaks in a carousel card's body.
pub const CARD_BODY_LINE_BREAKS_MAX: usize = 2;
/// The countries an address message is offered in.
pub const ADDRESS_COUNTRIES: [&str; 2] = ["IN", "SG"];

pub(crate) fn check_cta(
    display_text: &str,
    url: &str,
    index: Option<u64>,
) -> Result<(), TemplateError> {
    non_empty(display_text, Field::CtaText, index)?;
    check_len(display_text, CTA_TEXT_MAX, Field::CtaText, index)?;
    check_len(url, CTA_URL_MAX, Field::CtaUrl, index)?;
    if !crate::url_rules::is_web_url(url, true) {
        return Err(TemplateError::NotAllowed {
            field: Field::CtaUrl,
            index,
            reason: "not an http(s) URL without user info, written as it parses",
        });
    }
    Ok(())
}

pub(crate) fn check_cta_url(m: &CtaUrlMessage) -> Result<(), TemplateError> {
    check_framed!(m, Headers::Any)?;
    check_cta(&m.display_text, &m.url, None)
}

pub(crate) fn check_flow(m: &FlowMessage) -> Result<(), TemplateError> {
    check_framed!(m, Headers::Any)?;
    let a = &m.action;
    let not_allowed = |reason| TemplateError::NotAllowed {
        field: Field::FlowParameters,
        index: None,
        reason,
    };
    if a.flow_message_version != FLOW_MESSAGE_VERSION {
        return Err(not_allowed("flow_message_version must be \"3\""));
    }
    match &a.flow {
        FlowRef::Id(v) | FlowRef::Name(v) if v.trim().is_empty() => {
            return Err(not_allowed("the flow's id or name is empty"));
        }
        _ => {}
    }
    non_empty(&a.flow_cta, Field::FlowCta, None)?;
    check_len(&a.flow_cta, FLOW_CTA_MAX, Field::FlowCta, None)?;
    if a.has_payload && a.flow_action == Some(FlowActionKind::DataExchange) {
        return Err(not_allowed(
            "flow_action_payload is for navigate flows only",
        ));
    }
    if a.data.as_ref().is_some_and(serde_json::Map::is_empty) {
        return Err(not_allowed("flow_action_payload.data must not be empty"));
    }
    Ok(())
}

pub(crate) fn check_product(m: &ProductMessage) -> Result<(), TemplateError> {
    if let Some(body) = &m.body {
        check_frame(None, Headers::None, body, m.footer.as_deref())?;
    } else if let Some(f) = &m.footer {
        check_len(
            f,
            crate::interactive::INTERACTIVE_FOOTER_MAX,
            Field::InteractiveFooter,
            None,
        )?;
    }
    non_empty(&m.catalog_id, Field::ProductId, None)?;
    non_empty(&m.product_retailer_id, Field::ProductId, None)
}

/// Product sections: 1 to 10, titled when several, 1 to 30 products in all, unique ids.
pub(crate) fn check_product_sections(sections: &[ProductSection]) -> Result<(), TemplateError> {
    check_count(
        Counted::Sections,
        SECTIONS_MIN,
        SECTIONS_MAX,
        sections.len(),
    )?;
    let total: usize = sections.iter().map(|s| s.product_retailer_ids.len()).sum();
    check_count(Counted::Products, 1, PRODUCTS_MAX, total)?;
    let several = sections.len() > 1;
    let mut seen = BTreeSet::new();
    let mut at = 0u64;
    for (i, sec) in sections.iter().enumerate() {
        let index = Some(i as u64);
        check_section_title(sec.title.as_deref(), several, index)?;
        if sec.product_retailer_ids.is_empty() {
            return Err(TemplateError::TooFew {
                what: Counted::Products,
                limit: 1,
                actual: 0,
            });
        }
        for id in &sec.product_retailer_ids {
            non_empty(id, Field::ProductId, Some(at))?;
            if !seen.insert(id.as_str()) {
                return Err(TemplateError::Duplicate {
                    field: Field::ProductId,
                    index: at,
                });
            }
            at += 1;
        }
    }
    Ok(())
}

pub(crate) fn check_product_list(m: &ProductListMessage) -> Result<(), TemplateError> {
    match &m.header {
        Some(InteractiveHeader::Text(_)) => {}
        Some(_) => {
            return Err(TemplateError::NotAllowed {
                field: Field::InteractiveHeaderKind,
                index: None,
                reason: "a product list takes a text header",
            });
        }
        None => {
            return Err(TemplateError::Missing {
                field: Field::InteractiveHeader,
                index: None,
            });
        }
    }
    check_framed!(m, Headers::Text)?;
    non_empty(&m.catalog_id, Field::ProductId, None)?;
    check_product_sections(&m.sections)
}

pub(crate) fn check_catalog(m: &CatalogMessage) -> Result<(), TemplateError> {
    check_frame(None, Headers::None, &m.body, m.footer.as_deref())?;
    match &m.thumbnail_product_retailer_id {
        Some(id) => non_empty(id, Field::CatalogThumbnail, None),
        None => Err(TemplateError::Missing {
            field: Field::CatalogThumbnail,
            index: None,
        }),
    }
}

pub(crate) fn check_address(m: &AddressMessage) -> Result<(), TemplateError> {
    check_framed!(m, Headers::Text)?;
    if !ADDRESS_COUNTRIES.contains(&m.country.as_str()) {
        return Err(TemplateError::NotAllowed {
            field: Field::AddressCountry,
            index: None,
            reason: "address messages are offered in India (IN) and Singapore (SG) only",
        });
    }
    Ok(())
}

pub(crate) fn check_voice_call(m: &VoiceCallMessage) -> Result<(), TemplateError> {
    check_frame(None, Headers::None, &m.body, m.footer.as_deref())?;
    let Some(p) = &m.parameters else {
        return Ok(());
    };
    if let Some(t) = &p.display_text {
        non_empty(t, Field::CallText, None)?;
        check_len(t, CALL_TEXT_MAX, Field::CallText, None)?;
    }
    if let Some(ttl) = p.ttl_minutes {
        if !(1..=CALL_TTL_MINUTES_MAX).contains(&ttl) {
            return Err(TemplateError::OutOfRange {
                field: Field::CallTtl,
                min: 1,
                max: CALL_TTL_MINUTES_MAX,
                actual: ttl,
            });
        }
    }
    if let Some(payload) = &p.payload {
        check_len(payload, CALL_PAYLOAD_MAX, Field::CallPayload, None)?;
    }
    Ok(())
}

pub(crate) fn check_carousel(m: &CarouselMessage) -> Result<(), TemplateError> {
    check_frame(None, Headers::None, &m.body, None)?;
    check_count(Counted::Cards, CARDS_MIN, CARDS_MAX, m.cards.len())?;
    let mut shape: Option<(bool, usize)> = None;
    for (i, card) in m.cards.iter().enumerate() {
        let index = Some(i as u64);
        if usize::try_from(card.card_index).ok() != Some(i) {
            return Err(TemplateError::NotAllowed {
                field: Field::CardIndex,
                index,
                reason: "card_index must count the cards from 0, in order",
            });
        }
        if !matches!(
            card.header,
            InteractiveHeader::Image(_) | InteractiveHeader::Video(_)
        ) {
            return Err(TemplateError::NotAllowed {
                field: Field::InteractiveHeaderKind,
                index,
                reason: "a card's header is an image or a video",
            });
        }
        if let Some(body) = &card.body {
            check_len(body, CARD_BODY_MAX, Field::CardBody, index)?;
            let breaks = body.matches('\n').count();
            if breaks > CARD_BODY_LINE_BREAKS_MAX {
                return Err(TemplateError::TooMany {
                    what: Counted::CardBodyLineBreaks,
                    limit: CARD_BODY_LINE_BREAKS_MAX as u64,
                    actual: breaks as u64,
                });
            }
        }
        let this = match &card.action {
            CardAction::CtaUrl { display_text, url } => {
                check_cta(display_text, url, index)?;
                (true, 1)
            }
            CardAction::QuickReplies(buttons) => {
                check_count(Counted::CardButtons, 1, REPLY_BUTTONS_MAX, buttons.len())?;
                check_reply_buttons(buttons)?;
                (false, buttons.len())
            }
            _ => {
                return Err(TemplateError::NotAllowed {
                    field: Field::Cards,
                    index,
                    reason: "this card action has no rules yet",
                });
            }
        };
        match shape {
            None => shape = Some(this),
            Some(first) if first != this => {
                return Err(TemplateError::NotAllowed {
                    field: Field::Cards,
                    index,
                    reason: "every card must have the same kind and number of buttons",
                });
            }
            Some(_) => {}
        }
    }
    Ok(())
}
