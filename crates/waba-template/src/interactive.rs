//! Interactive messages: Meta's limits for every interactive kind, checked before sending. Reply
//! buttons and lists here; the other kinds in `interactive_kinds`.

use std::collections::BTreeSet;

use waba_model::{ButtonMessage, Interactive, InteractiveHeader, ListMessage};

use crate::error::{Counted, Field, TemplateError};
use crate::interactive_kinds as kinds;
use crate::text::{check_count, check_len};

/// Header text of an interactive message: at most 60 characters (OpenAPI `HeaderObject`).
pub const INTERACTIVE_HEADER_MAX: usize = 60;
/// Body of an interactive message: at most 1024 characters (OpenAPI `BodyObject`).
pub const INTERACTIVE_BODY_MAX: usize = 1024;
/// Footer of an interactive message: at most 60 characters (OpenAPI `FooterObject`).
pub const INTERACTIVE_FOOTER_MAX: usize = 60;
/// Reply buttons: at least 1 (OpenAPI `ActionObject.buttons minItems`).
pub const REPLY_BUTTONS_MIN: usize = 1;
/// Reply buttons: at most 3 (OpenAPI `ActionObject.buttons maxItems`; the guide).
pub const REPLY_BUTTONS_MAX: usize = 3;
/// A reply button's title: 1 to 20 characters, unique in the message.
pub const REPLY_TITLE_MAX: usize = 20;
/// A reply button's id: at most 256 characters, unique, no leading or trailing spaces.
pub const REPLY_ID_MAX: usize = 256;
/// A list message's button label: 1 to 20 characters.
pub const LIST_BUTTON_MAX: usize = 20;
/// Sections of a list: at least 1.
pub const SECTIONS_MIN: usize = 1;
/// Sections of a list: at most 10.
pub const SECTIONS_MAX: usize = 10;
/// Rows of a list, all sections together: at most 10 (Meta's list-message page).
pub const ROWS_MAX: usize = 10;
/// A section's title: at most 24 characters, required when there is more than one section.
pub const SECTION_TITLE_MAX: usize = 24;
/// A row's id: at most 200 characters, unique in the message.
pub const ROW_ID_MAX: usize = 200;
/// A row's title: 1 to 24 characters.
pub const ROW_TITLE_MAX: usize = 24;
/// A row's description: at most 72 characters.
pub const ROW_DESCRIPTION_MAX: usize = 72;

/// Checks an interactive message of any kind against Meta's limits (every kind the model has).
pub fn validate_interactive(message: &Interactive) -> Result<(), TemplateError> {
    match message {
        Interactive::Button(b) => check_buttons(b),
        Interactive::List(l) => check_list(l),
        Interactive::CtaUrl(m) => kinds::check_cta_url(m),
        Interactive::Flow(m) => kinds::check_flow(m),
        Interactive::Product(m) => kinds::check_product(m),
        Interactive::ProductList(m) => kinds::check_product_list(m),
        Interactive::Catalog(m) => kinds::check_catalog(m),
        Interactive::LocationRequest(m)
        | Interactive::CallPermissionRequest(m)
        | Interactive::ContactInfoRequest(m) => check_frame(None, Headers::None, &m.body, None),
        Interactive::Address(m) => kinds::check_address(m),
        Interactive::VoiceCall(m) => kinds::check_voice_call(m),
        Interactive::OrderDetails(m) => check_framed!(m, Headers::Any),
        Interactive::OrderStatus(m) => {
            check_frame(None, Headers::None, &m.body, m.footer.as_deref())?;
            non_empty(&m.reference_id, Field::ProductId, None)
        }
        Interactive::Carousel(m) => kinds::check_carousel(m),
        // The model's set is closed; a kind added there fails here until it has rules.
        _ => Err(TemplateError::NotAllowed {
            field: Field::InteractiveHeaderKind,
            index: None,
            reason: "this interactive kind has no rules yet",
        }),
    }
}

/// Which headers a kind of interactive message takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Headers {
    /// None at all.
    None,
    /// Text only (lists, address forms).
    Text,
    /// Text, image, video or document.
    Any,
}

/// [`check_frame`] of a message with `header`, `body` and `footer` fields.
macro_rules! check_framed {
    ($m:expr, $allowed:expr) => {
        check_frame($m.header.as_ref(), $allowed, &$m.body, $m.footer.as_deref())
    };
}
pub(crate) use check_framed;

/// Checks header, body and footer: the header's kind, text header 60, body 1 to 1024, footer 60.
pub(crate) fn check_frame(
    header: Option<&InteractiveHeader>,
    allowed: Headers,
    body: &str,
    footer: Option<&str>,
) -> Result<(), TemplateError> {
    match (header, allowed) {
        (None, _) => {}
        (Some(_), Headers::None) => {
            return Err(TemplateError::NotAllowed {
                field: Field::InteractiveHeaderKind,
                index: None,
                reason: "this kind of interactive message takes no header",
            });
        }
        (Some(InteractiveHeader::Text(_)), _) | (Some(_), Headers::Any) => {}
        (Some(_), Headers::Text) => {
            return Err(TemplateError::NotAllowed {
                field: Field::InteractiveHeaderKind,
                index: None,
                reason: "this kind of interactive message takes a text header only",
            });
        }
    }
    if let Some(InteractiveHeader::Text(t)) = header {
        non_empty(t, Field::InteractiveHeader, None)?;
        check_len(t, INTERACTIVE_HEADER_MAX, Field::InteractiveHeader, None)?;
    }
    non_empty(body, Field::InteractiveBody, None)?;
    check_len(body, INTERACTIVE_BODY_MAX, Field::InteractiveBody, None)?;
    if let Some(f) = footer {
        check_len(f, INTERACTIVE_FOOTER_MAX, Field::InteractiveFooter, None)?;
    }
    Ok(())
}

/// Refuses a text a person would see as empty: nothing, whitespace, or invisible characters only
/// (`is_blank`).
pub(crate) fn non_empty(s: &str, field: Field, index: Option<u64>) -> Result<(), TemplateError> {
    if crate::text::is_blank(s) {
        return Err(TemplateError::Empty { field, index });
    }
    Ok(())
}

pub(crate) fn check_id(
    id: &str,
    field: Field,
    max: usize,
    index: u64,
) -> Result<(), TemplateError> {
    non_empty(id, field, Some(index))?;
    if id.trim() != id {
        return Err(TemplateError::EdgeWhitespace { field, index });
    }
    check_len(id, max, field, Some(index))
}

fn check_buttons(b: &ButtonMessage) -> Result<(), TemplateError> {
    check_framed!(b, Headers::Any)?;
    check_count(
        Counted::ReplyButtons,
        REPLY_BUTTONS_MIN,
        REPLY_BUTTONS_MAX,
        b.buttons.len(),
    )?;
    check_reply_buttons(&b.buttons)
}

/// Reply buttons (of a message or of a carousel card): ids 1–256 unique without edge
/// whitespace, titles 1–20 unique.
pub(crate) fn check_reply_buttons(
    buttons: &[waba_model::ReplyButton],
) -> Result<(), TemplateError> {
    let mut ids = BTreeSet::new();
    // Titles a person cannot tell apart are the same title: compared canonically composed, with
    // invisible characters removed.
    let mut titles = BTreeSet::new();
    for (i, button) in buttons.iter().enumerate() {
        let index = i as u64;
        check_id(&button.id, Field::ReplyId, REPLY_ID_MAX, index)?;
        non_empty(&button.title, Field::ReplyTitle, Some(index))?;
        check_len(
            &button.title,
            REPLY_TITLE_MAX,
            Field::ReplyTitle,
            Some(index),
        )?;
        if !ids.insert(button.id.as_str()) {
            return Err(TemplateError::Duplicate {
                field: Field::ReplyId,
                index,
            });
        }
        if !titles.insert(crate::text::visible_key(&button.title)) {
            return Err(TemplateError::Duplicate {
                field: Field::ReplyTitle,
                index,
            });
        }
    }
    Ok(())
}

fn check_list(l: &ListMessage) -> Result<(), TemplateError> {
    check_framed!(l, Headers::Text)?;
    non_empty(&l.button, Field::ListButton, None)?;
    check_len(&l.button, LIST_BUTTON_MAX, Field::ListButton, None)?;
    check_count(
        Counted::Sections,
        SECTIONS_MIN,
        SECTIONS_MAX,
        l.sections.len(),
    )?;
    let rows: usize = l.sections.iter().map(|s| s.rows.len()).sum();
    check_count(Counted::Rows, 1, ROWS_MAX, rows)?;
    let several = l.sections.len() > 1;
    let mut ids = BTreeSet::new();
    let mut titles = BTreeSet::new();
    let mut row_index = 0u64;
    for (i, section) in l.sections.iter().enumerate() {
        let index = Some(i as u64);
        check_section_title(section.title.as_deref(), several, index)?;
        if section.rows.is_empty() {
            return Err(TemplateError::TooFew {
                what: Counted::Rows,
                limit: 1,
                actual: 0,
            });
        }
        for row in &section.rows {
            check_id(&row.id, Field::RowId, ROW_ID_MAX, row_index)?;
            non_empty(&row.title, Field::RowTitle, Some(row_index))?;
            check_len(&row.title, ROW_TITLE_MAX, Field::RowTitle, Some(row_index))?;
            if let Some(d) = &row.description {
                check_len(
                    d,
                    ROW_DESCRIPTION_MAX,
                    Field::RowDescription,
                    Some(row_index),
                )?;
            }
            if !ids.insert(row.id.as_str()) {
                return Err(TemplateError::Duplicate {
                    field: Field::RowId,
                    index: row_index,
                });
            }
            // Two rows a person cannot tell apart: the customer cannot choose between them.
            if !titles.insert(crate::text::visible_key(&row.title)) {
                return Err(TemplateError::Duplicate {
                    field: Field::RowTitle,
                    index: row_index,
                });
            }
            row_index += 1;
        }
    }
    Ok(())
}
/// A section's title: required and non-empty when the message has several sections (Meta: "Required if
/// the message has more than one section"), at most [`SECTION_TITLE_MAX`] characters whenever given.
pub(crate) fn check_section_title(
    title: Option<&str>,
    several: bool,
    index: Option<u64>,
) -> Result<(), TemplateError> {
    match title {
        Some(t) => {
            if several {
                non_empty(t, Field::SectionTitle, index)?;
            }
            check_len(t, SECTION_TITLE_MAX, Field::SectionTitle, index)
        }
        None if several => Err(TemplateError::Missing {
            field: Field::SectionTitle,
            index,
        }),
        None => Ok(()),
    }
}
