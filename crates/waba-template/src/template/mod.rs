//! A checked, compiled template: Meta's definition rules (compiled once, `compile.rs`), then one
//! walk that checks the values and writes the preview a customer reads, and the Cloud API send
//! body (`render.rs`).

mod compile;
mod render;

use std::collections::BTreeMap;

use waba_model::{ParameterValue, RawJson, TemplateMessage};

use crate::definition::TemplateDefinition;
use crate::error::{TemplateError, cap};
use compile::{CompiledButton, CompiledHeader, Text};

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
    /// What the send body still lacks because no value was given or this crate does not fill it.
    pub needs: Vec<Need>,
}

/// Something the send body of a [`Rendered`] still lacks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Need {
    /// The media (or location) of a non-text header: [`Params::with_header_media`].
    HeaderMedia,
    /// The code of a copy-code button: [`Params::with_coupon_code`].
    CouponCode,
    /// A component this crate does not fill (`carousel`, `limited_time_offer`...): Meta's `type`
    /// of the definition's component, in lower case.
    Component(String),
}

impl Need {
    /// Its name: `header_media`, `coupon_code`, or the component's type.
    pub fn as_str(&self) -> &str {
        match self {
            Need::HeaderMedia => "header_media",
            Need::CouponCode => "coupon_code",
            Need::Component(kind) => kind,
        }
    }
}

impl std::fmt::Display for Need {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Need {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
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
        compile::compile(definition, rules)
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
}
