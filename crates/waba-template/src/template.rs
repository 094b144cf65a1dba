//! A checked, compiled template: Meta's definition rules, then one-pass rendering of the preview a
//! customer reads and of the Cloud API send body.

use std::collections::BTreeMap;

use waba_model::{
    ButtonParameter, ButtonSubType, Parameter, ParameterValue, RawJson, TemplateComponent,
    TemplateLanguage, TemplateMessage,
};

use crate::definition::{Button, Component, HeaderFormat, TemplateDefinition};
use crate::error::{Field, TemplateError, cap};
use crate::placeholder::{self, Piece, Placeholder};
use crate::text::{char_len, check_count, check_len, check_param, param_clearly_ok};

/// Header text: at most 60 characters (Meta, "templates/components"; the guide's rich media
/// notifications). Also the most a header parameter may hold.
pub const HEADER_TEXT_MAX: usize = 60;
/// Body text: at most 1024 characters (Meta; the guide's rich media notifications).
pub const BODY_TEXT_MAX: usize = 1024;
/// A body parameter of a template whose only component is the body: at most 32 768 characters
/// (Meta's OpenAPI `TextParameter.text maxLength 32768`).
pub const BODY_ONLY_PARAM_MAX: usize = 32_768;
/// Body parameters of a template with other components: at most 1024 characters.
pub const BODY_PARAM_MAX: usize = 1024;
/// Footer text: at most 60 characters, no placeholders.
pub const FOOTER_TEXT_MAX: usize = 60;
/// A template button's label: at most 25 characters (pywa; Braze).
pub const BUTTON_LABEL_MAX: usize = 25;
/// Buttons in a template, all kinds together (Meta via pywa and Gupshup).
pub const BUTTONS_MAX: usize = 10;
/// Quick-reply buttons Meta allows in a template.
pub const QUICK_REPLY_MAX_META: usize = 10;
/// Quick-reply buttons the guide's rich media notifications allow ("up to three options").
pub const QUICK_REPLY_MAX_GUIDE: usize = 3;
/// URL buttons in a template.
pub const URL_BUTTONS_MAX: usize = 2;
/// Phone-number buttons in a template.
pub const PHONE_BUTTONS_MAX: usize = 1;
/// Copy-code buttons in a template.
pub const COPY_CODE_BUTTONS_MAX: usize = 1;
/// A URL button's URL, variable filled: at most 2000 characters (pywa `URLButton`).
pub const URL_MAX: usize = 2000;
/// Variables in a URL button's URL (one suffix variable).
pub const URL_VARIABLES_MAX: usize = 1;
/// Placeholders in a header text.
pub const HEADER_PLACEHOLDERS_MAX: usize = 1;
/// A phone-number button's number: at most 20 characters (Braze).
pub const PHONE_NUMBER_MAX: usize = 20;
/// A template's name: at most 512 characters.
pub const NAME_MAX: usize = 512;

/// The settings a deployment may change; [`Rules::default`] is the guide's (stricter) choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rules {
    /// The most quick-reply buttons: the guide's 3 by default, Meta's 10 with [`Rules::meta`].
    pub quick_replies_max: usize,
}

impl Rules {
    /// The guide's rules: at most three quick replies.
    pub const GUIDE: Rules = Rules {
        quick_replies_max: QUICK_REPLY_MAX_GUIDE,
    };

    /// Meta's own limits: up to ten quick replies.
    pub const fn meta() -> Rules {
        Rules {
            quick_replies_max: QUICK_REPLY_MAX_META,
        }
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::GUIDE
    }
}

/// Values filling a template's placeholders.
///
/// `positional` fills the positional placeholders in order: the header's, then the body's, then
/// the URL buttons' suffixes. `named` fills the named ones. Media headers and copy-code buttons
/// take their own values.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Params<'a> {
    /// Positional values in fill order.
    pub positional: Vec<&'a str>,
    /// Named values.
    pub named: BTreeMap<&'a str, &'a str>,
    /// The media (or location) of a non-text header.
    pub header_media: Option<ParameterValue>,
    /// The code of a copy-code button.
    pub coupon_code: Option<&'a str>,
}

impl<'a> Params<'a> {
    /// Positional values.
    pub fn positional(values: impl IntoIterator<Item = &'a str>) -> Params<'a> {
        Params {
            positional: values.into_iter().collect(),
            ..Params::default()
        }
    }

    /// Named values (a name given twice keeps its last value; [`Params::try_named`] refuses it).
    pub fn named(values: impl IntoIterator<Item = (&'a str, &'a str)>) -> Params<'a> {
        Params {
            named: values.into_iter().collect(),
            ..Params::default()
        }
    }

    /// Named values, each name once: a name given twice is refused
    /// ([`TemplateError::ParamDuplicate`]), never "last wins".
    pub fn try_named(
        values: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Params<'a>, TemplateError> {
        let mut named = BTreeMap::new();
        for (name, value) in values {
            if named.insert(name, value).is_some() {
                return Err(TemplateError::ParamDuplicate { name: cap(name) });
            }
        }
        Ok(Params {
            named,
            ..Params::default()
        })
    }

    /// Adds the media of a non-text header.
    pub fn with_header_media(mut self, media: ParameterValue) -> Params<'a> {
        self.header_media = Some(media);
        self
    }

    /// Adds the code of a copy-code button.
    pub fn with_coupon_code(mut self, code: &'a str) -> Params<'a> {
        self.coupon_code = Some(code);
        self
    }
}

/// A placeholder resolved at compile time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// Index in `Params::positional`.
    Pos(usize),
    /// A name of `Params::named`.
    Named(String),
}

/// A compiled text: `first`, then each slot followed by the literal after it, so rendering
/// alternates pushes without looking at what each piece is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Text {
    first: String,
    rest: Vec<(Slot, String)>,
    literal_len: usize,
}

impl Text {
    fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.rest.iter().map(|(s, _)| s)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum CompiledHeader {
    Text(Text),
    Media(HeaderFormat),
}

#[derive(Debug, Clone, PartialEq)]
struct CompiledButton {
    kind: ButtonKind,
    label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum ButtonKind {
    QuickReply,
    /// A URL: static (`None`) or with the positional slot of its suffix.
    Url {
        base: String,
        suffix: Option<usize>,
    },
    Phone,
    CopyCode,
    Otp,
    Other,
}

/// A template definition that follows every rule, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    definition: TemplateDefinition,
    header: Option<CompiledHeader>,
    body: Text,
    footer: Option<String>,
    buttons: Vec<CompiledButton>,
    positional: usize,
    names: Vec<String>,
    body_only: bool,
    authentication: bool,
    /// Bytes of the preview besides the rendered header text and body: the header's newline or
    /// media tag, the footer and the button labels. Known at compile time.
    preview_extra: usize,
}

/// The largest template-definition text read, in bytes (a definition is a few kilobytes; a file
/// of many, keyed by name, stays well below).
pub const DEFINITION_MAX_BYTES: usize = 1024 * 1024;

/// Reads a definition's JSON text, or a file of several, as it came: at most
/// [`DEFINITION_MAX_BYTES`], strictly (a key given twice anywhere is refused with its path), every
/// number kept as written ([`TemplateDefinition::from_json`] reads one definition from it).
pub fn read_definition_json(json: &str) -> Result<RawJson, TemplateError> {
    crate::definition::read_strictly(json)
}

/// What rendering gave: the text a customer reads and the send body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Rendered {
    /// Header, body, footer and button labels (`[label]`), one per line.
    pub preview: String,
    /// The Cloud API `template` object.
    pub message: TemplateMessage,
    /// What the send body still lacks because no value was given (`header_media`,
    /// `coupon_code`) or this crate does not fill it (`carousel`, `limited_time_offer`...).
    pub needs: Vec<String>,
}

/// The body Meta writes for authentication templates (which carry no body text).
pub const AUTHENTICATION_BODY: &str = "{{1}} is your verification code.";
/// The sentence `add_security_recommendation` adds.
pub const SECURITY_RECOMMENDATION: &str = " For your security, do not share this code.";

impl Template {
    /// Parses a definition from JSON and checks it with `rules`. The text is read by the
    /// lossless reader, strictly ([`TemplateDefinition::from_json`]): at most
    /// [`DEFINITION_MAX_BYTES`], no key given twice (refused with its path, never "last wins"),
    /// numbers and unknown parts kept exactly as they came.
    pub fn from_json(json: &str, rules: &Rules) -> Result<Template, TemplateError> {
        Template::new(TemplateDefinition::from_json(json)?, rules)
    }

    /// Checks a definition with `rules` and compiles it.
    pub fn new(definition: TemplateDefinition, rules: &Rules) -> Result<Template, TemplateError> {
        compile(definition, rules)
    }

    /// The definition, as it came.
    pub fn definition(&self) -> &TemplateDefinition {
        &self.definition
    }

    /// How many positional values [`Params::positional`] must hold.
    pub fn positional_count(&self) -> usize {
        self.positional
    }

    /// The names [`Params::named`] must hold, in order of first appearance.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Checks `params` against the template and Meta's parameter rules.
    pub fn check(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        self.check_names(params)?;
        let body_param_max = self.body_param_max();
        if let Some(CompiledHeader::Text(t)) = &self.header {
            self.check_text(t, params, Field::HeaderParam, HEADER_TEXT_MAX)?;
            check_rendered(
                t,
                params,
                Field::Header,
                HEADER_TEXT_MAX,
                text_bytes(t, params),
            )?;
        }
        self.check_text(&self.body, params, Field::BodyParam, body_param_max)?;
        let body_bytes = text_bytes(&self.body, params);
        check_rendered(&self.body, params, Field::Body, self.body_max(), body_bytes)?;
        self.check_buttons(params)
    }

    /// The most characters of a body parameter.
    fn body_param_max(&self) -> usize {
        if self.body_only {
            BODY_ONLY_PARAM_MAX
        } else {
            BODY_PARAM_MAX
        }
    }

    /// The most characters of the rendered body.
    fn body_max(&self) -> usize {
        if self.body_only {
            BODY_ONLY_PARAM_MAX
        } else {
            BODY_TEXT_MAX
        }
    }

    /// Checks the count of positional values and the names of the named ones.
    #[inline]
    fn check_names(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        if params.positional.len() != self.positional {
            return Err(TemplateError::ParamCount {
                expected: self.positional as u64,
                actual: params.positional.len() as u64,
            });
        }
        if self.names.is_empty() && params.named.is_empty() {
            return Ok(());
        }
        self.check_named(params)
    }

    /// Checks that the named values are exactly the template's names.
    fn check_named(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        for name in &self.names {
            if !params.named.contains_key(name.as_str()) {
                return Err(TemplateError::ParamMissing { name: name.clone() });
            }
        }
        for name in params.named.keys() {
            if !self.names.iter().any(|n| n == name) {
                return Err(TemplateError::ParamUnknown { name: cap(name) });
            }
        }
        Ok(())
    }

    /// Checks the URL buttons' suffix values and the coupon code.
    #[inline]
    fn check_buttons(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        if self.buttons.is_empty() && params.coupon_code.is_none() {
            return Ok(());
        }
        self.check_button_values(params)
    }

    /// The work of [`Template::check_buttons`] when there are buttons or a code.
    fn check_button_values(&self, params: &Params<'_>) -> Result<(), TemplateError> {
        for b in &self.buttons {
            if let ButtonKind::Url {
                base,
                suffix: Some(i),
            } = &b.kind
            {
                let v = params.positional.get(*i).copied().unwrap_or_default();
                check_param(v, Field::ButtonParam, *i as u64, URL_MAX)?;
                let total = base.len() + v.len();
                if total > URL_MAX {
                    let actual = char_len(base) + char_len(v);
                    if actual > URL_MAX {
                        return Err(TemplateError::RenderedTooLong {
                            field: Field::ButtonUrl,
                            limit: URL_MAX as u64,
                            actual: actual as u64,
                        });
                    }
                }
            }
        }
        if let Some(code) = params.coupon_code {
            check_param(code, Field::ButtonParam, self.positional as u64, URL_MAX)?;
        }
        Ok(())
    }

    /// Checks every value of `text`.
    fn check_text(
        &self,
        text: &Text,
        params: &Params<'_>,
        field: Field,
        max: usize,
    ) -> Result<(), TemplateError> {
        for slot in text.slots() {
            self.check_value(value(slot, params), slot, field, max)?;
        }
        Ok(())
    }

    /// Checks one value: the word-at-a-time pass, and the full rules only when it is unsure.
    #[inline(always)]
    fn check_value(
        &self,
        v: &str,
        slot: &Slot,
        field: Field,
        max: usize,
    ) -> Result<(), TemplateError> {
        if param_clearly_ok(v, max) {
            return Ok(());
        }
        check_param(v, field, slot_index(slot, &self.names), max)
    }

    /// Writes `text` with its values, checking each value just before it is copied. The output
    /// is thrown away on an error.
    fn write_checked(
        &self,
        out: &mut String,
        text: &Text,
        params: &Params<'_>,
        field: Field,
        max: usize,
    ) -> Result<(), TemplateError> {
        out.push_str(&text.first);
        for (slot, lit) in &text.rest {
            let v = value(slot, params);
            self.check_value(v, slot, field, max)?;
            out.push_str(v);
            out.push_str(lit);
        }
        Ok(())
    }

    /// The text a customer reads, in one allocation: header (text, or `[image]`-like for media),
    /// body, footer, then each button label as `[label]`, joined by `\n`. Values are inserted
    /// literally and never scanned again.
    ///
    /// Every rule of [`Template::check`] is checked, in the same order; each value is checked as
    /// it is copied into the exactly sized output.
    pub fn preview(&self, params: &Params<'_>) -> Result<String, TemplateError> {
        self.check_names(params)?;
        let header_bytes = match &self.header {
            Some(CompiledHeader::Text(t)) => text_bytes(t, params),
            _ => 0,
        };
        let body_bytes = text_bytes(&self.body, params);
        let mut out = String::with_capacity(header_bytes + body_bytes + self.preview_extra);
        match &self.header {
            Some(CompiledHeader::Text(t)) => {
                self.write_checked(&mut out, t, params, Field::HeaderParam, HEADER_TEXT_MAX)?;
                check_rendered(t, params, Field::Header, HEADER_TEXT_MAX, header_bytes)?;
                out.push('\n');
            }
            Some(CompiledHeader::Media(f)) => {
                out.push('[');
                for c in f.as_str().chars() {
                    out.push(c.to_ascii_lowercase());
                }
                out.push_str("]\n");
            }
            None => {}
        }
        let body_param_max = self.body_param_max();
        self.write_checked(
            &mut out,
            &self.body,
            params,
            Field::BodyParam,
            body_param_max,
        )?;
        check_rendered(&self.body, params, Field::Body, self.body_max(), body_bytes)?;
        self.check_buttons(params)?;
        if let Some(f) = &self.footer {
            out.push('\n');
            out.push_str(f);
        }
        for b in &self.buttons {
            if let Some(l) = &b.label {
                out.push_str("\n[");
                out.push_str(l);
                out.push(']');
            }
        }
        Ok(out)
    }

    /// Checks `params`, then renders the preview and the send body.
    pub fn render(&self, params: &Params<'_>) -> Result<Rendered, TemplateError> {
        let preview = self.preview(params)?;
        let mut needs = Vec::new();
        let mut message = TemplateMessage::new(
            self.definition.name.clone(),
            TemplateLanguage::new(self.definition.language.clone()),
        );
        let param = |slot: &Slot| -> Parameter {
            let v = value(slot, params);
            match slot {
                Slot::Named(n) => Parameter::named(n.clone(), v),
                Slot::Pos(_) => Parameter::text(v),
            }
        };
        match &self.header {
            Some(CompiledHeader::Text(t)) => {
                let parameters: Vec<Parameter> = t.slots().map(param).collect();
                if !parameters.is_empty() {
                    message
                        .components
                        .push(TemplateComponent::Header { parameters });
                }
            }
            Some(CompiledHeader::Media(_)) => match &params.header_media {
                Some(media) => message.components.push(TemplateComponent::Header {
                    parameters: vec![Parameter::new(media.clone())],
                }),
                None => needs.push("header_media".to_owned()),
            },
            None => {}
        }
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for slot in self.body.slots() {
            if let Slot::Named(n) = slot {
                if seen.contains(&n.as_str()) {
                    continue;
                }
                seen.push(n);
            }
            parameters.push(param(slot));
        }
        if self.authentication {
            parameters.truncate(1);
        }
        if !parameters.is_empty() {
            message
                .components
                .push(TemplateComponent::Body { parameters });
        }
        for (i, b) in self.buttons.iter().enumerate() {
            let index = u8::try_from(i).unwrap_or(u8::MAX);
            match &b.kind {
                ButtonKind::Url {
                    suffix: Some(slot), ..
                } => {
                    let v = params.positional.get(*slot).copied().unwrap_or_default();
                    message.components.push(TemplateComponent::button(
                        ButtonSubType::Url,
                        index,
                        vec![ButtonParameter::Text(v.to_owned())],
                    ));
                }
                ButtonKind::CopyCode => match params.coupon_code {
                    Some(code) => message.components.push(TemplateComponent::button(
                        ButtonSubType::CopyCode,
                        index,
                        vec![ButtonParameter::CouponCode(code.to_owned())],
                    )),
                    None => needs.push("coupon_code".to_owned()),
                },
                ButtonKind::Otp => {
                    if let Some(code) = params.positional.first() {
                        message.components.push(TemplateComponent::button(
                            ButtonSubType::Url,
                            index,
                            vec![ButtonParameter::Text((*code).to_owned())],
                        ));
                    }
                }
                _ => {}
            }
        }
        for c in &self.definition.components {
            if let Component::Other(u) = c {
                let kind = if u.kind.is_empty() {
                    "component"
                } else {
                    &u.kind
                };
                needs.push(kind.to_ascii_lowercase());
            }
        }
        Ok(Rendered {
            preview,
            message,
            needs,
        })
    }
}

/// The byte length of `text` rendered with `params`.
#[inline]
fn text_bytes(text: &Text, params: &Params<'_>) -> usize {
    text.literal_len + text.slots().map(|s| value(s, params).len()).sum::<usize>()
}

/// Checks the rendered `text` is at most `max` characters; renders it only when its `bytes`
/// exceed `max`.
#[inline]
fn check_rendered(
    text: &Text,
    params: &Params<'_>,
    field: Field,
    max: usize,
    bytes: usize,
) -> Result<(), TemplateError> {
    if bytes <= max {
        return Ok(());
    }
    check_rendered_chars(text, params, field, max, bytes)
}

/// The slow part of [`check_rendered`]: renders `text` and counts its characters.
#[cold]
#[inline(never)]
fn check_rendered_chars(
    text: &Text,
    params: &Params<'_>,
    field: Field,
    max: usize,
    bytes: usize,
) -> Result<(), TemplateError> {
    let mut s = String::with_capacity(bytes);
    write_text(&mut s, text, params);
    let actual = char_len(&s);
    if actual > max {
        return Err(TemplateError::RenderedTooLong {
            field,
            limit: max as u64,
            actual: actual as u64,
        });
    }
    Ok(())
}

/// The value filling `slot` (checked to exist before rendering).
#[inline]
fn value<'p>(slot: &Slot, params: &Params<'p>) -> &'p str {
    match slot {
        Slot::Pos(i) => params.positional.get(*i).copied().unwrap_or_default(),
        Slot::Named(n) => params.named.get(n.as_str()).copied().unwrap_or_default(),
    }
}

/// The index errors give for `slot`: its position, or its name's rank among `names`. Only
/// errors need it.
#[cold]
fn slot_index(slot: &Slot, names: &[String]) -> u64 {
    match slot {
        Slot::Pos(i) => *i as u64,
        Slot::Named(n) => names.iter().position(|x| x == n).unwrap_or_default() as u64,
    }
}

fn write_text(out: &mut String, text: &Text, params: &Params<'_>) {
    out.push_str(&text.first);
    for (slot, lit) in &text.rest {
        out.push_str(value(slot, params));
        out.push_str(lit);
    }
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

fn compile(definition: TemplateDefinition, rules: &Rules) -> Result<Template, TemplateError> {
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
    too_many("buttons", BUTTONS_MAX, defs.len())?;
    let count = |k: &str| defs.iter().filter(|b| b.kind() == k).count();
    too_many("quick_reply", rules.quick_replies_max, count("QUICK_REPLY"))?;
    too_many("url", URL_BUTTONS_MAX, count("URL"))?;
    too_many("phone_number", PHONE_BUTTONS_MAX, count("PHONE_NUMBER"))?;
    too_many("copy_code", COPY_CODE_BUTTONS_MAX, count("COPY_CODE"))?;
    // Quick replies and the others must form two contiguous groups: at most one switch.
    let mut switches = 0;
    for (i, pair) in defs.windows(2).enumerate() {
        if let [a, b] = pair
            && (a.kind() == "QUICK_REPLY") != (b.kind() == "QUICK_REPLY")
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
        let kind = match b {
            Button::QuickReply { .. } => ButtonKind::QuickReply,
            Button::Url { url, .. } => compile_url(url, i, positional)?,
            Button::PhoneNumber { phone_number, .. } => {
                if phone_number.trim().is_empty() {
                    return Err(TemplateError::Missing {
                        field: Field::ButtonPhone,
                        index,
                    });
                }
                check_len(phone_number, PHONE_NUMBER_MAX, Field::ButtonPhone, index)?;
                ButtonKind::Phone
            }
            Button::CopyCode { .. } => ButtonKind::CopyCode,
            Button::Other(_) if b.kind() == "OTP" => ButtonKind::Otp,
            Button::Other(_) => ButtonKind::Other,
        };
        out.push(CompiledButton {
            kind,
            label: b.label().map(str::to_owned),
        });
    }
    Ok(out)
}

fn compile_url(url: &str, i: usize, positional: &mut usize) -> Result<ButtonKind, TemplateError> {
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
    Ok(ButtonKind::Url { base, suffix })
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_error::WabaError;

    /// `preview` checks while it writes: it must refuse exactly what `check` refuses, with the
    /// same first error (header before body before buttons).
    #[test]
    fn preview_refuses_what_check_refuses_with_the_same_error() {
        let t = Template::from_json(
            r#"{"name": "n", "language": "en", "components": [
                {"type": "BODY", "text": "Body {{1}} and {{2}}."},
                {"type": "HEADER", "format": "TEXT", "text": "Head {{1}}"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "URL", "text": "Go", "url": "https://example.com/{{1}}"}]}]}"#,
            &Rules::default(),
        )
        .unwrap();
        let values = [
            "ok", "", " ", "a\tb", "a\nb", "a     b", "a    b", "é", "x  y",
        ];
        let mut refused = 0;
        for a in values {
            for b in values {
                for c in ["fine", "  "] {
                    let params = Params::positional([a, b, "z", c]);
                    let checked = t.check(&params);
                    let previewed = t.preview(&params);
                    assert_eq!(
                        checked.clone().err(),
                        previewed.clone().err(),
                        "{a:?} {b:?} {c:?}"
                    );
                    if checked.is_ok() {
                        assert_eq!(
                            previewed.unwrap(),
                            format!("Head {a}\nBody {b} and z.\n[Go]")
                        );
                    } else {
                        refused += 1;
                    }
                }
            }
        }
        assert!(refused > 100, "{refused}");
        let e = t
            .preview(&Params::positional(["a\tb", "", "z", "ok"]))
            .unwrap_err();
        assert_eq!(e.field(), Some("header_param"));
    }
}
