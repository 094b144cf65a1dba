//! Compilation: a definition checked against Meta's rules and turned into texts of "literal, then
//! (slot, literal) pairs", so the render walk alternates copies without looking at what each
//! piece is.

use waba_model::RawJson;

use super::{
    AUTHENTICATION_BODY, BODY_TEXT_MAX, BUTTON_LABEL_MAX, BUTTONS_MAX, COPY_CODE_BUTTONS_MAX,
    FOOTER_TEXT_MAX, HEADER_PLACEHOLDERS_MAX, HEADER_TEXT_MAX, NAME_MAX, PHONE_BUTTONS_MAX,
    PHONE_NUMBER_MAX, Rules, SECURITY_RECOMMENDATION, Template, URL_BUTTONS_MAX, URL_MAX,
    URL_VARIABLES_MAX,
};
use crate::definition::{Button, ButtonKind, Component, HeaderFormat, TemplateDefinition};
use crate::error::{Counted, Field, TemplateError};
use crate::placeholder::{self, Piece, Placeholder};
use crate::text::{check_count, check_len};

/// A placeholder resolved at compile time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Slot {
    /// Index in `Params::positional`.
    Pos(usize),
    /// A name of `Params::named`.
    Named(String),
}

/// A compiled text: `first`, then each slot followed by the literal after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Text {
    pub(super) first: String,
    pub(super) rest: Vec<(Slot, String)>,
    /// The bytes of `first` and of every literal of `rest`.
    pub(super) literal_len: usize,
}

impl Text {
    pub(super) fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.rest.iter().map(|(s, _)| s)
    }
}

/// A compiled header: a text with its slots, or a media (or location) format.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum CompiledHeader {
    Text(Text),
    Media(HeaderFormat),
}

/// A compiled button: what the render fills in its send component, and the label the preview
/// shows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CompiledButton {
    pub(super) fill: Fill,
    pub(super) label: Option<String>,
}

/// What a button takes at send time.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Fill {
    /// Nothing: a quick reply, a phone number, a static URL, a kind this crate does not fill.
    Nothing,
    /// A URL whose suffix is the positional value at `slot`.
    UrlSuffix { base: String, slot: usize },
    /// A copy-code button: [`Params::coupon_code`](super::Params::coupon_code).
    CouponCode,
    /// An authentication template's one-time-password button: the first positional value.
    OtpCode,
}

/// Which placeholder style a template uses, decided by its first placeholder (or
/// `parameter_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Positional,
    Named,
}

struct Compiler {
    style: Option<Style>,
    positional: usize,
    names: Vec<String>,
}

impl Compiler {
    /// Parses one text; positional slots are numbered from `self.positional`.
    fn text(&mut self, src: &str, field: Field) -> Result<Text, TemplateError> {
        let pieces = placeholder::parse(src, field)?;
        let mut first = None;
        let mut current = String::new();
        let mut slots = Vec::new();
        let mut rest = Vec::new();
        let mut literal_len = 0;
        let mut max_pos = 0u32;
        let mut seen: Vec<u32> = Vec::new();
        let mut offset = 0usize;
        for piece in pieces {
            match piece {
                Piece::Lit(a, b) => {
                    let lit = src.get(a..b).unwrap_or_default();
                    literal_len += lit.len();
                    offset = b;
                    current.push_str(lit);
                }
                Piece::Slot(ph) => {
                    let lit = std::mem::take(&mut current);
                    if first.is_none() {
                        first = Some(lit);
                    } else {
                        rest.push(lit);
                    }
                    let style = match ph {
                        Placeholder::Positional(_) => Style::Positional,
                        Placeholder::Named(_) => Style::Named,
                    };
                    match self.style {
                        None => self.style = Some(style),
                        Some(s) if s != style => {
                            return Err(TemplateError::PlaceholderMixed {
                                field,
                                position: crate::text::char_pos(src, offset),
                            });
                        }
                        Some(_) => {}
                    }
                    match ph {
                        Placeholder::Positional(n) => {
                            max_pos = max_pos.max(n);
                            if !seen.contains(&n) {
                                seen.push(n);
                            }
                            slots.push(Slot::Pos(self.positional + n as usize - 1));
                        }
                        Placeholder::Named(name) => {
                            if !self.names.contains(&name) {
                                self.names.push(name.clone());
                            }
                            slots.push(Slot::Named(name));
                        }
                    }
                }
            }
        }
        if let Some(missing) = (1..=max_pos).find(|n| !seen.contains(n)) {
            return Err(TemplateError::PlaceholderGap {
                field,
                missing: u64::from(missing),
            });
        }
        self.positional += max_pos as usize;
        let first = match first {
            None => current,
            Some(f) => {
                rest.push(current);
                f
            }
        };
        Ok(Text {
            first,
            rest: slots.into_iter().zip(rest).collect(),
            literal_len,
        })
    }
}

fn count_placeholders(t: &Text) -> usize {
    let mut distinct: Vec<&Slot> = Vec::new();
    for s in t.slots() {
        if !distinct.contains(&s) {
            distinct.push(s);
        }
    }
    distinct.len()
}

pub(super) fn compile(
    definition: TemplateDefinition,
    rules: &Rules,
) -> Result<Template, TemplateError> {
    if definition.name.is_empty() {
        return Err(TemplateError::Empty {
            field: Field::Name,
            index: None,
        });
    }
    check_len(&definition.name, NAME_MAX, Field::Name, None)?;
    if definition.language.is_empty() {
        return Err(TemplateError::Empty {
            field: Field::Language,
            index: None,
        });
    }
    let declared = match definition.parameter_format.as_deref() {
        Some(f) if f.eq_ignore_ascii_case("NAMED") => Some(Style::Named),
        Some(f) if f.eq_ignore_ascii_case("POSITIONAL") => Some(Style::Positional),
        _ => None,
    };
    let authentication = definition
        .category
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case("AUTHENTICATION"));
    let mut c = Compiler {
        style: declared,
        positional: 0,
        names: Vec::new(),
    };
    let mut header = None;
    let mut body = None;
    let mut footer = None;
    let mut buttons_def: Option<&[Button]> = None;
    let mut other_components = 0usize;
    // Headers first: positional values fill the header's placeholders before the body's, whatever
    // the order of the components in the definition.
    let is_header = |c: &&Component| matches!(c, Component::Header(_));
    let ordered = definition
        .components
        .iter()
        .filter(is_header)
        .chain(definition.components.iter().filter(|c| !is_header(c)));
    for comp in ordered {
        match comp {
            Component::Header(h) => {
                if header.is_some() {
                    return Err(TemplateError::Duplicate {
                        field: Field::Header,
                        index: 1,
                    });
                }
                header = Some(match h.format.clone().unwrap_or(HeaderFormat::Text) {
                    HeaderFormat::Text => {
                        let text = h.text.as_deref().ok_or(TemplateError::Missing {
                            field: Field::Header,
                            index: None,
                        })?;
                        check_len(text, HEADER_TEXT_MAX, Field::Header, None)?;
                        let t = c.text(text, Field::Header)?;
                        let n = count_placeholders(&t);
                        if n > HEADER_PLACEHOLDERS_MAX {
                            return Err(TemplateError::TooManyPlaceholders {
                                field: Field::Header,
                                limit: HEADER_PLACEHOLDERS_MAX as u64,
                                actual: n as u64,
                            });
                        }
                        CompiledHeader::Text(t)
                    }
                    f => CompiledHeader::Media(f),
                });
            }
            Component::Body(b) => {
                if body.is_some() {
                    return Err(TemplateError::Duplicate {
                        field: Field::Body,
                        index: 1,
                    });
                }
                let text = match (&b.text, authentication) {
                    (Some(t), _) => t.clone(),
                    (None, true) => {
                        let mut t = AUTHENTICATION_BODY.to_owned();
                        let flag = b.extra.get("add_security_recommendation");
                        if flag.map(RawJson::get) == Some("true") {
                            t.push_str(SECURITY_RECOMMENDATION);
                        }
                        t
                    }
                    (None, false) => {
                        return Err(TemplateError::Missing {
                            field: Field::Body,
                            index: None,
                        });
                    }
                };
                check_len(&text, BODY_TEXT_MAX, Field::Body, None)?;
                body = Some(c.text(&text, Field::Body)?);
            }
            Component::Footer(f) => {
                if footer.is_some() {
                    return Err(TemplateError::Duplicate {
                        field: Field::Footer,
                        index: 1,
                    });
                }
                let text = match (&f.text, f.extra.get("code_expiration_minutes")) {
                    (Some(t), _) => t.clone(),
                    (None, Some(m)) => format!("This code expires in {} minutes.", m.get()),
                    (None, None) => String::new(),
                };
                check_len(&text, FOOTER_TEXT_MAX, Field::Footer, None)?;
                let pieces = placeholder::parse(&text, Field::Footer)?;
                let n = pieces
                    .iter()
                    .filter(|p| matches!(p, Piece::Slot(_)))
                    .count();
                if n > 0 {
                    return Err(TemplateError::TooManyPlaceholders {
                        field: Field::Footer,
                        limit: 0,
                        actual: n as u64,
                    });
                }
                footer = Some(text);
            }
            Component::Buttons(b) => {
                if buttons_def.is_some() {
                    return Err(TemplateError::Duplicate {
                        field: Field::Buttons,
                        index: 1,
                    });
                }
                buttons_def = Some(&b.buttons);
            }
            Component::Other(_) => other_components += 1,
        }
    }
    let body = body.ok_or(TemplateError::Missing {
        field: Field::Body,
        index: None,
    })?;
    let buttons = match buttons_def {
        Some(b) => compile_buttons(b, rules, &mut c.positional)?,
        None => Vec::new(),
    };
    let preview_extra = preview_extra(header.as_ref(), footer.as_deref(), &buttons);
    let body_only = header.is_none()
        && footer.is_none()
        && buttons.is_empty()
        && other_components == 0
        && !authentication;
    Ok(Template {
        header,
        body,
        footer: footer.filter(|f| !f.is_empty()),
        buttons,
        positional: c.positional,
        names: c.names,
        body_only,
        authentication,
        definition,
        preview_extra,
    })
}

/// The bytes [`Template::preview`] writes besides the header text and the body.
fn preview_extra(
    header: Option<&CompiledHeader>,
    footer: Option<&str>,
    buttons: &[CompiledButton],
) -> usize {
    let mut size = match header {
        Some(CompiledHeader::Text(_)) => 1,
        Some(CompiledHeader::Media(f)) => f.as_str().len() + 3,
        None => 0,
    };
    if let Some(f) = footer.filter(|f| !f.is_empty()) {
        size += f.len() + 1;
    }
    for b in buttons {
        if let Some(l) = &b.label {
            size += l.len() + 3;
        }
    }
    size
}

fn compile_buttons(
    defs: &[Button],
    rules: &Rules,
    positional: &mut usize,
) -> Result<Vec<CompiledButton>, TemplateError> {
    let too_many = |what, limit: usize, actual: usize| check_count(what, 0, limit, actual);
    too_many(Counted::Buttons, BUTTONS_MAX, defs.len())?;
    let count = |k: ButtonKind| defs.iter().filter(|b| b.kind() == k).count();
    let quick_replies = count(ButtonKind::QuickReply);
    too_many(
        Counted::QuickReplies,
        rules.quick_replies_max,
        quick_replies,
    )?;
    too_many(Counted::UrlButtons, URL_BUTTONS_MAX, count(ButtonKind::Url))?;
    let phones = count(ButtonKind::PhoneNumber);
    too_many(Counted::PhoneButtons, PHONE_BUTTONS_MAX, phones)?;
    let codes = count(ButtonKind::CopyCode);
    too_many(Counted::CopyCodeButtons, COPY_CODE_BUTTONS_MAX, codes)?;
    // Quick replies and the others must form two contiguous groups: at most one switch.
    let is_quick_reply = |b: &Button| b.kind() == ButtonKind::QuickReply;
    let mut switches = 0;
    for (i, pair) in defs.windows(2).enumerate() {
        if let [a, b] = pair
            && is_quick_reply(a) != is_quick_reply(b)
        {
            switches += 1;
            if switches > 1 {
                return Err(TemplateError::ButtonsNotGrouped {
                    position: (i + 1) as u64,
                });
            }
        }
    }
    let mut out = Vec::with_capacity(defs.len());
    for (i, b) in defs.iter().enumerate() {
        let index = Some(i as u64);
        if let Some(label) = b.label() {
            if crate::text::is_blank(label) && !matches!(b, Button::Other(_)) {
                return Err(TemplateError::Missing {
                    field: Field::ButtonLabel,
                    index,
                });
            }
            check_len(label, BUTTON_LABEL_MAX, Field::ButtonLabel, index)?;
        }
        let fill = match b {
            Button::QuickReply { .. } => Fill::Nothing,
            Button::Url { url, .. } => compile_url(url, i, positional)?,
            Button::PhoneNumber { phone_number, .. } => {
                if phone_number.trim().is_empty() {
                    return Err(TemplateError::Missing {
                        field: Field::ButtonPhone,
                        index,
                    });
                }
                check_len(phone_number, PHONE_NUMBER_MAX, Field::ButtonPhone, index)?;
                Fill::Nothing
            }
            Button::CopyCode { .. } => Fill::CouponCode,
            Button::Other(_) if b.kind() == ButtonKind::Otp => Fill::OtpCode,
            Button::Other(_) => Fill::Nothing,
        };
        out.push(CompiledButton {
            fill,
            label: b.label().map(str::to_owned),
        });
    }
    Ok(out)
}

fn compile_url(url: &str, i: usize, positional: &mut usize) -> Result<Fill, TemplateError> {
    let index = Some(i as u64);
    let pieces = placeholder::parse(url, Field::ButtonUrl)?;
    let slots: Vec<(usize, &Piece)> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Piece::Slot(_)))
        .collect();
    if slots.len() > URL_VARIABLES_MAX {
        return Err(TemplateError::TooManyPlaceholders {
            field: Field::ButtonUrl,
            limit: URL_VARIABLES_MAX as u64,
            actual: slots.len() as u64,
        });
    }
    let (base, suffix) = match slots.first() {
        None => (url.to_owned(), None),
        Some((at, p)) => {
            let base_end = match pieces.first() {
                Some(Piece::Lit(_, end)) if *at == 1 => *end,
                _ => 0,
            };
            if *at + 1 != pieces.len() || *at != 1 {
                return Err(TemplateError::UrlVariableNotAtEnd {
                    position: crate::text::char_pos(url, base_end),
                });
            }
            if **p != Piece::Slot(Placeholder::Positional(1)) {
                return Err(TemplateError::Placeholder {
                    field: Field::ButtonUrl,
                    position: crate::text::char_pos(url, base_end),
                    problem: crate::error::PlaceholderProblem::Invalid,
                });
            }
            let slot = *positional;
            *positional += 1;
            (
                url.get(..base_end).unwrap_or_default().to_owned(),
                Some(slot),
            )
        }
    };
    check_len(&base, URL_MAX, Field::ButtonUrl, index)?;
    // Fill the variable with a sample before parsing: `url` would percent-encode the braces.
    // The base must be a URL on its own, and the suffix must not reach into its host.
    let mut probe = base.clone();
    if suffix.is_some() {
        probe.push('x');
    }
    if !crate::url_rules::is_https_url(&base)
        || !crate::url_rules::is_https_url(&probe)
        || crate::url_rules::host(&base) != crate::url_rules::host(&probe)
    {
        return Err(TemplateError::UrlNotAllowed {
            field: Field::ButtonUrl,
            index,
        });
    }
    Ok(match suffix {
        Some(slot) => Fill::UrlSuffix { base, slot },
        None => Fill::Nothing,
    })
}
