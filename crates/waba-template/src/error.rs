//! The crate's error type for templates, interactive messages, notifications and text budgets.

use waba_error::WabaError;

use std::fmt;

/// The most characters of an input an error message quotes.
pub const QUOTE_MAX: usize = 40;

/// Which piece of a template or interactive message an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The template's name.
    Name,
    /// The template's language code.
    Language,
    /// A template's header text.
    Header,
    /// A template's body text.
    Body,
    /// A template's footer text.
    Footer,
    /// A template button's label.
    ButtonLabel,
    /// A URL button's URL.
    ButtonUrl,
    /// A phone-number button's number.
    ButtonPhone,
    /// A template's buttons, taken together.
    Buttons,
    /// A value filling a header placeholder.
    HeaderParam,
    /// A value filling a body placeholder.
    BodyParam,
    /// A value filling a URL button's suffix placeholder.
    ButtonParam,
    /// A named placeholder's name.
    ParamName,
    /// An interactive message's text header.
    InteractiveHeader,
    /// An interactive message's body.
    InteractiveBody,
    /// An interactive message's footer.
    InteractiveFooter,
    /// A reply button's title.
    ReplyTitle,
    /// A reply button's id.
    ReplyId,
    /// A reply-button message's buttons, taken together.
    ReplyButtons,
    /// A list message's button label.
    ListButton,
    /// A list message's sections, taken together.
    Sections,
    /// A list section's title.
    SectionTitle,
    /// A list message's rows, taken together.
    Rows,
    /// A list row's id.
    RowId,
    /// A list row's title.
    RowTitle,
    /// A list row's description.
    RowDescription,
    /// An agent's draft turned into a notification parameter.
    Draft,
    /// A text message measured against `max-text-message-size`.
    Message,
    /// An interactive message's header, as a whole (its kind).
    InteractiveHeaderKind,
    /// A CTA URL button's label (`display_text`).
    CtaText,
    /// A CTA URL button's URL.
    CtaUrl,
    /// A flow button's label (`flow_cta`).
    FlowCta,
    /// A flow message's parameters, taken together.
    FlowParameters,
    /// A product's retailer id.
    ProductId,
    /// A product list's or multi-product button's products, taken together.
    Products,
    /// A catalog message's thumbnail product.
    CatalogThumbnail,
    /// A voice-call button's label.
    CallText,
    /// A voice-call button's lifetime in minutes.
    CallTtl,
    /// A voice-call button's payload.
    CallPayload,
    /// An address message's country.
    AddressCountry,
    /// A carousel's cards, taken together.
    Cards,
    /// A carousel card's body text.
    CardBody,
    /// A carousel card's index.
    CardIndex,
    /// A contacts message's cards, taken together.
    Contacts,
    /// A contact card's formatted name.
    ContactName,
    /// A reaction's emoji.
    ReactionEmoji,
    /// A reaction's message id.
    ReactionMessageId,
    /// A template button component (its sub-type, index and parameters).
    TemplateButton,
    /// A limited-time offer's expiration.
    OfferExpiration,
}

impl Field {
    /// The field's name as it appears in error objects.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Language => "language",
            Field::Header => "header",
            Field::Body => "body",
            Field::Footer => "footer",
            Field::ButtonLabel => "button_label",
            Field::ButtonUrl => "button_url",
            Field::ButtonPhone => "button_phone",
            Field::Buttons => "buttons",
            Field::HeaderParam => "header_param",
            Field::BodyParam => "body_param",
            Field::ButtonParam => "button_param",
            Field::ParamName => "param_name",
            Field::InteractiveHeader => "interactive_header",
            Field::InteractiveBody => "interactive_body",
            Field::InteractiveFooter => "interactive_footer",
            Field::ReplyTitle => "reply_title",
            Field::ReplyId => "reply_id",
            Field::ReplyButtons => "reply_buttons",
            Field::ListButton => "list_button",
            Field::Sections => "sections",
            Field::SectionTitle => "section_title",
            Field::Rows => "rows",
            Field::RowId => "row_id",
            Field::RowTitle => "row_title",
            Field::RowDescription => "row_description",
            Field::Draft => "draft",
            Field::Message => "message",
            Field::InteractiveHeaderKind => "interactive_header_kind",
            Field::CtaText => "cta_text",
            Field::CtaUrl => "cta_url",
            Field::FlowCta => "flow_cta",
            Field::FlowParameters => "flow_parameters",
            Field::ProductId => "product_id",
            Field::Products => "products",
            Field::CatalogThumbnail => "catalog_thumbnail",
            Field::CallText => "call_text",
            Field::CallTtl => "call_ttl",
            Field::CallPayload => "call_payload",
            Field::AddressCountry => "address_country",
            Field::Cards => "cards",
            Field::CardBody => "card_body",
            Field::CardIndex => "card_index",
            Field::Contacts => "contacts",
            Field::ContactName => "contact_name",
            Field::ReactionEmoji => "reaction_emoji",
            Field::ReactionMessageId => "reaction_message_id",
            Field::TemplateButton => "template_button",
            Field::OfferExpiration => "offer_expiration",
        }
    }

    fn is_interactive(self) -> bool {
        matches!(
            self,
            Field::InteractiveHeader
                | Field::InteractiveBody
                | Field::InteractiveFooter
                | Field::ReplyTitle
                | Field::ReplyId
                | Field::ReplyButtons
                | Field::ListButton
                | Field::Sections
                | Field::SectionTitle
                | Field::Rows
                | Field::RowId
                | Field::RowTitle
                | Field::RowDescription
                | Field::InteractiveHeaderKind
                | Field::CtaText
                | Field::CtaUrl
                | Field::FlowCta
                | Field::FlowParameters
                | Field::ProductId
                | Field::Products
                | Field::CatalogThumbnail
                | Field::CallText
                | Field::CallTtl
                | Field::CallPayload
                | Field::AddressCountry
                | Field::Cards
                | Field::CardBody
                | Field::CardIndex
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a [`TemplateError::TooMany`] or [`TemplateError::TooFew`] counts. Shown (and written in
/// error messages) as its [`as_str`](Counted::as_str) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Counted {
    /// A template's buttons, all kinds together (or a button component's index in a send body).
    Buttons,
    /// A template's quick-reply buttons.
    QuickReplies,
    /// A template's URL buttons.
    UrlButtons,
    /// A template's phone-number buttons.
    PhoneButtons,
    /// A template's copy-code buttons.
    CopyCodeButtons,
    /// A reply-button message's buttons.
    ReplyButtons,
    /// A list's or a product list's sections.
    Sections,
    /// A list's rows.
    Rows,
    /// A product list's or a section's products.
    Products,
    /// A carousel's cards.
    Cards,
    /// A carousel card's buttons.
    CardButtons,
    /// The line breaks of a carousel card's body.
    CardBodyLineBreaks,
    /// A contacts message's cards.
    Contacts,
}

impl Counted {
    /// The name error messages use (`buttons`, `quick_reply`, `url`, `phone_number`, `copy_code`,
    /// `reply_buttons`, `sections`, `rows`, `products`, `cards`, `card_buttons`,
    /// `card_body_line_breaks`, `contacts`).
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Buttons => "buttons",
            Counted::QuickReplies => "quick_reply",
            Counted::UrlButtons => "url",
            Counted::PhoneButtons => "phone_number",
            Counted::CopyCodeButtons => "copy_code",
            Counted::ReplyButtons => "reply_buttons",
            Counted::Sections => "sections",
            Counted::Rows => "rows",
            Counted::Products => "products",
            Counted::Cards => "cards",
            Counted::CardButtons => "card_buttons",
            Counted::CardBodyLineBreaks => "card_body_line_breaks",
            Counted::Contacts => "contacts",
        }
    }
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong with a `{{…}}` placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlaceholderProblem {
    /// `{{` without a closing `}}`.
    Unclosed,
    /// A `{` or `}` next to a placeholder (`{{{1}}}`), or a lone `}}`.
    StrayBrace,
    /// `{{}}`.
    Empty,
    /// Spaces or other whitespace inside the braces (`{{ 1 }}`).
    Whitespace,
    /// `{{0}}`: positions start at 1.
    Zero,
    /// `{{01}}`: a position written with a leading zero.
    LeadingZero,
    /// A position too large to be real (`{{99999999999999999999}}`).
    TooLarge,
    /// Neither a position nor a valid name (`{{1.5}}`, `{{-1}}`, `{{１}}`, `{{First}}`).
    Invalid,
}

/// Why a template, an interactive message, a notification or a text was refused.
///
/// Every variant has a stable [`code`](TemplateError::code) and the numbers that matter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum TemplateError {
    /// The template definition is not valid JSON of the expected shape.
    #[error("template definition is not valid: {message}")]
    #[waba(code = "template.definition_invalid")]
    Definition {
        /// What the parser said (capped).
        message: String,
    },
    /// A required piece is missing (a body, a button label, a URL...).
    #[error("{field} is missing")]
    #[waba(code = missing_code(*field), field = field.as_str(), position = index, meta_code = field.is_interactive().then_some(131_008))]
    Missing {
        /// What is missing.
        field: Field,
        /// The element's index among its kind, where there are several.
        index: Option<u64>,
    },
    /// A placeholder is malformed.
    #[error("bad placeholder in {field} at character {position}: {problem:?}")]
    #[waba(code = placeholder_code(*problem), field = field.as_str())]
    Placeholder {
        /// The text holding it.
        field: Field,
        /// Character offset (Unicode scalar values, from 0) of the problem in that text.
        position: u64,
        /// What is wrong.
        problem: PlaceholderProblem,
    },
    /// Positional placeholders skip a number (`{{2}}` without `{{1}}`).
    #[error("placeholders of {field} skip {{{{{missing}}}}}")]
    #[waba(code = "template.placeholder_gap", field = field.as_str(), position = missing)]
    PlaceholderGap {
        /// The text holding them.
        field: Field,
        /// The first missing position.
        missing: u64,
    },
    /// Positional and named placeholders are mixed in one template.
    #[error("positional and named placeholders are mixed in {field} at character {position}")]
    #[waba(code = "template.placeholder_mixed", field = field.as_str())]
    PlaceholderMixed {
        /// The text where the mix was seen.
        field: Field,
        /// Character offset of the placeholder that breaks the pattern.
        position: u64,
    },
    /// A named placeholder's name is not allowed (see `NAME_MAX` and the documented alphabet).
    #[error("placeholder name in {field} at character {position} is not allowed")]
    #[waba(code = "template.placeholder_name_invalid", field = field.as_str())]
    PlaceholderName {
        /// The text holding it.
        field: Field,
        /// Character offset of the placeholder.
        position: u64,
    },
    /// A text has more placeholders than its kind allows (header 1, URL 1).
    #[error("{field} has {actual} placeholders, at most {limit} allowed")]
    #[waba(code = too_many_placeholders_code(*field), field = field.as_str())]
    TooManyPlaceholders {
        /// The text.
        field: Field,
        /// The most allowed.
        limit: u64,
        /// How many it has.
        actual: u64,
    },
    /// A URL button's variable is not at the end of the URL.
    #[error("the variable of a button URL must end the URL (character {position})")]
    #[waba(code = "template.url_variable_not_at_end", field = Field::ButtonUrl.as_str())]
    UrlVariableNotAtEnd {
        /// Character offset of the variable.
        position: u64,
    },
    /// A URL is not an absolute `https` URL without user info.
    #[error("{field} is not an https URL without user info")]
    #[waba(code = "template.url_not_allowed", field = field.as_str(), position = index)]
    UrlNotAllowed {
        /// The URL's field.
        field: Field,
        /// The button's index.
        index: Option<u64>,
    },
    /// A text is longer than its limit (in grapheme clusters, or bytes for `Message`).
    #[error("{field} is {actual} characters long, the limit is {limit}")]
    #[waba(code = too_long_code(*field), field = field.as_str(), position = index, meta_code = param_or_interactive(*field, 132_005))]
    TooLong {
        /// The text.
        field: Field,
        /// The limit.
        limit: u64,
        /// Its length.
        actual: u64,
        /// The element's index among its kind, where there are several.
        index: Option<u64>,
    },
    /// The text a customer would read is longer than Meta accepts (Meta's 132005).
    #[error("rendered {field} is {actual} characters long, the limit is {limit}")]
    #[waba(code = "template.text_too_long", field = field.as_str(), meta_code = 132_005)]
    RenderedTooLong {
        /// The rendered text.
        field: Field,
        /// The limit.
        limit: u64,
        /// Its length.
        actual: u64,
    },
    /// A text that must not be empty is empty (or only whitespace, for parameters: Meta's 131008).
    #[error("{field} is empty")]
    #[waba(code = empty_code(*field), field = field.as_str(), position = index, meta_code = param_or_interactive(*field, 131_008))]
    Empty {
        /// The text.
        field: Field,
        /// The element's index among its kind, where there are several.
        index: Option<u64>,
    },
    /// More elements than allowed (buttons of a kind, sections, rows).
    #[error("{actual} {what}, at most {limit} allowed")]
    #[waba(code = too_many_code(*what), meta_code = counted_meta_code(*what))]
    TooMany {
        /// What is counted.
        what: Counted,
        /// The most allowed.
        limit: u64,
        /// How many there are.
        actual: u64,
    },
    /// Fewer elements than required.
    #[error("{actual} {what}, at least {limit} required")]
    #[waba(code = too_few_code(*what), meta_code = counted_meta_code(*what))]
    TooFew {
        /// What is counted.
        what: Counted,
        /// The least required.
        limit: u64,
        /// How many there are.
        actual: u64,
    },
    /// Quick-reply buttons and other buttons are not in two contiguous groups.
    #[error("quick-reply and other buttons must form two groups; button {position} breaks them")]
    #[waba(code = "template.buttons_not_grouped", field = Field::Buttons.as_str())]
    ButtonsNotGrouped {
        /// Index of the first button out of its group.
        position: u64,
    },
    /// Two elements that must differ are equal (reply ids or titles, row ids).
    #[error("{field} {index} repeats an earlier one")]
    #[waba(code = duplicate_code(*field), field = field.as_str(), position = index, meta_code = field.is_interactive().then_some(131_009))]
    Duplicate {
        /// Which kind of value.
        field: Field,
        /// Index of the repeated element.
        index: u64,
    },
    /// An id starts or ends with whitespace.
    #[error("{field} {index} starts or ends with whitespace")]
    #[waba(code = "interactive.id_edge_whitespace", field = field.as_str(), position = index)]
    EdgeWhitespace {
        /// Which kind of value.
        field: Field,
        /// Index of the element.
        index: u64,
    },
    /// A parameter holds a newline (Meta's 132018).
    #[error("{field} {index} has a newline at character {position}")]
    #[waba(code = "template.param_has_newline", field = field.as_str(), meta_code = 132_018)]
    ParamNewline {
        /// Which parameter kind.
        field: Field,
        /// Index of the parameter (positional from 0 in fill order).
        index: u64,
        /// Character offset of the newline in the value.
        position: u64,
    },
    /// A parameter holds a tab (Meta's 132018).
    #[error("{field} {index} has a tab at character {position}")]
    #[waba(code = "template.param_has_tab", field = field.as_str(), meta_code = 132_018)]
    ParamTab {
        /// Which parameter kind.
        field: Field,
        /// Index of the parameter.
        index: u64,
        /// Character offset of the tab in the value.
        position: u64,
    },
    /// A parameter holds more than four consecutive spaces (Meta's 132018).
    #[error("{field} {index} has more than {limit} consecutive spaces at character {position}")]
    #[waba(code = "template.param_too_many_spaces", field = field.as_str(), meta_code = 132_018)]
    ParamSpaces {
        /// Which parameter kind.
        field: Field,
        /// Index of the parameter.
        index: u64,
        /// Character offset of the first space of the run.
        position: u64,
        /// The most consecutive spaces allowed.
        limit: u64,
    },
    /// Fewer or more positional values than the template has placeholders (Meta's 132000).
    #[error("the template has {expected} positional placeholders, {actual} values were given")]
    #[waba(code = "template.param_count_mismatch", limit = expected, meta_code = 132_000)]
    ParamCount {
        /// Placeholders in the template.
        expected: u64,
        /// Values given.
        actual: u64,
    },
    /// A named placeholder has no value (Meta's 132000).
    #[error("no value for the named placeholder {name:?}")]
    #[waba(code = "template.param_missing", field = name, meta_code = 132_000)]
    ParamMissing {
        /// The placeholder's name.
        name: String,
    },
    /// A named value matches no placeholder of the template (Meta's 132000).
    #[error("the template has no named placeholder {name:?}")]
    #[waba(code = "template.param_unknown", field = name, meta_code = 132_000)]
    ParamUnknown {
        /// The value's name (capped).
        name: String,
    },
    /// A default notification text does not have exactly one parameter, the positional `{{1}}`
    /// that receives the agent's draft.
    #[error(
        "the notification text must have one parameter, {{{{1}}}}, for the draft; it has {positional} positional and {named} named"
    )]
    #[waba(code = "template.notification_parameters", field = Field::Body.as_str(), limit = 1, actual = positional.saturating_add(*named))]
    NotificationParameters {
        /// Distinct positional placeholders.
        positional: u64,
        /// Distinct named placeholders.
        named: u64,
    },
    /// A text is larger than `max-text-message-size` (UTF-8 bytes).
    #[error("the message is {actual} bytes of UTF-8, the limit is {limit}")]
    #[waba(code = "template.message_too_large", field = Field::Message.as_str())]
    MessageTooLarge {
        /// The limit in bytes.
        limit: u64,
        /// The message's size in bytes.
        actual: u64,
    },
    /// A part Meta does not accept in this place (a media header on a list, a payload on a
    /// `data_exchange` flow, a URL parameter on a quick-reply button...).
    #[error("{field}: {reason}")]
    #[waba(code = not_allowed_code(*field), field = field.as_str(), position = index, meta_code = field.is_interactive().then_some(131_009))]
    NotAllowed {
        /// The part.
        field: Field,
        /// The element's index among its kind, where there are several.
        index: Option<u64>,
        /// Why.
        reason: &'static str,
    },
    /// A number outside its range (a voice-call button's lifetime).
    #[error("{field} is {actual}, outside {min} to {max}")]
    #[waba(code = out_of_range_code(*field), field = field.as_str(), limit = max, meta_code = field.is_interactive().then_some(131_009))]
    OutOfRange {
        /// The value's field.
        field: Field,
        /// The least allowed.
        min: i64,
        /// The most allowed (the `limit`).
        max: i64,
        /// The value.
        actual: i64,
    },
    /// The definition's text is not JSON the strict reader accepts (a key given twice, over the
    /// size cap, too deep).
    #[error(transparent)]
    Json(#[from] waba_json::JsonError),
    /// The same named value given twice (`--named a=1 --named a=2`): refused, never last-wins.
    #[error("the named value {name:?} is given twice")]
    #[waba(code = "template.param_duplicate", field = name)]
    ParamDuplicate {
        /// The name (capped).
        name: String,
    },
}

impl TemplateError {
    /// The index of the parameter concerned (in fill order, from 0), for parameter errors.
    pub fn param_index(&self) -> Option<u64> {
        match self {
            TemplateError::ParamNewline { index, .. }
            | TemplateError::ParamTab { index, .. }
            | TemplateError::ParamSpaces { index, .. } => Some(*index),
            _ => None,
        }
    }
}

/// The code of a placeholder's problem.
fn placeholder_code(problem: PlaceholderProblem) -> &'static str {
    use PlaceholderProblem as P;
    match problem {
        P::Unclosed => "template.placeholder_unclosed",
        P::StrayBrace => "template.placeholder_stray_brace",
        P::Empty => "template.placeholder_empty",
        P::Whitespace => "template.placeholder_whitespace",
        P::Zero => "template.placeholder_zero",
        P::LeadingZero => "template.placeholder_leading_zero",
        P::TooLarge => "template.placeholder_too_large",
        P::Invalid => "template.placeholder_invalid",
    }
}

fn too_many_placeholders_code(field: Field) -> &'static str {
    match field {
        Field::ButtonUrl => "template.url_too_many_variables",
        Field::Footer => "template.footer_has_placeholder",
        _ => "template.header_too_many_placeholders",
    }
}

fn duplicate_code(field: Field) -> &'static str {
    match field {
        Field::ReplyTitle => "interactive.duplicate_title",
        Field::ReplyId => "interactive.duplicate_id",
        Field::RowId => "interactive.duplicate_row_id",
        Field::RowTitle => "interactive.duplicate_row_title",
        Field::TemplateButton => "template.duplicate_button_index",
        _ => "template.duplicate",
    }
}

fn out_of_range_code(field: Field) -> &'static str {
    match field {
        Field::OfferExpiration => "template.offer_expiration_out_of_range",
        _ => "interactive.call_ttl_out_of_range",
    }
}

/// Meta's code for a parameter's value (`param`), or 131009 for an interactive field.
fn param_or_interactive(field: Field, param: u32) -> Option<u32> {
    if matches!(
        field,
        Field::HeaderParam | Field::BodyParam | Field::ButtonParam
    ) {
        Some(param)
    } else {
        field.is_interactive().then_some(131_009)
    }
}

/// 131009 for the counts Meta checks in an interactive message.
fn counted_meta_code(what: Counted) -> Option<u32> {
    matches!(
        what,
        Counted::ReplyButtons
            | Counted::Sections
            | Counted::Rows
            | Counted::Products
            | Counted::Cards
    )
    .then_some(131_009)
}

fn not_allowed_code(field: Field) -> &'static str {
    match field {
        Field::InteractiveHeaderKind => "interactive.header_not_allowed",
        Field::FlowParameters => "interactive.flow_invalid",
        Field::CtaUrl => "interactive.url_not_allowed",
        Field::Cards | Field::CardIndex => "interactive.cards_invalid",
        Field::ReactionEmoji => "reaction.not_one_emoji",
        Field::TemplateButton => "template.button_invalid",
        Field::Products => "interactive.products_invalid",
        Field::AddressCountry => "interactive.address_country",
        _ => "template.not_allowed",
    }
}

fn missing_code(field: Field) -> &'static str {
    match field {
        Field::Body => "template.body_missing",
        Field::ButtonLabel => "template.button_label_missing",
        Field::ButtonUrl => "template.button_url_missing",
        Field::ButtonPhone => "template.button_phone_missing",
        Field::Header => "template.header_text_missing",
        Field::SectionTitle => "interactive.section_title_missing",
        Field::CatalogThumbnail => "interactive.catalog_thumbnail_missing",
        Field::InteractiveHeader => "interactive.header_missing",
        Field::ContactName => "contacts.name_missing",
        f if f.is_interactive() => "interactive.missing",
        _ => "template.missing",
    }
}

fn empty_code(field: Field) -> &'static str {
    match field {
        Field::HeaderParam | Field::BodyParam | Field::ButtonParam => "template.param_empty",
        Field::Name => "template.name_invalid",
        Field::ReplyTitle => "interactive.title_empty",
        Field::ReplyId => "interactive.id_empty",
        Field::ListButton => "interactive.list_button_empty",
        Field::InteractiveBody => "interactive.body_empty",
        Field::RowId => "interactive.row_id_empty",
        Field::RowTitle => "interactive.row_title_empty",
        Field::SectionTitle => "interactive.section_title_empty",
        Field::Draft => "template.draft_empty",
        Field::CtaText => "interactive.cta_text_empty",
        Field::FlowCta => "interactive.flow_cta_empty",
        Field::ProductId => "interactive.product_id_empty",
        Field::CallText => "interactive.call_text_empty",
        Field::ContactName => "contacts.name_missing",
        Field::ReactionMessageId => "reaction.message_id_empty",
        f if f.is_interactive() => "interactive.empty",
        _ => "template.empty",
    }
}

fn too_long_code(field: Field) -> &'static str {
    match field {
        Field::Name => "template.name_too_long",
        Field::Header => "template.header_too_long",
        Field::Body => "template.body_too_long",
        Field::Footer => "template.footer_too_long",
        Field::ButtonLabel => "template.button_label_too_long",
        Field::ButtonUrl => "template.url_too_long",
        Field::ButtonPhone => "template.phone_too_long",
        Field::HeaderParam | Field::BodyParam | Field::ButtonParam | Field::Draft => {
            "template.param_too_long"
        }
        Field::ParamName => "template.placeholder_name_too_long",
        Field::InteractiveHeader => "interactive.header_too_long",
        Field::InteractiveBody => "interactive.body_too_long",
        Field::InteractiveFooter => "interactive.footer_too_long",
        Field::ReplyTitle => "interactive.title_too_long",
        Field::ReplyId => "interactive.id_too_long",
        Field::ListButton => "interactive.list_button_too_long",
        Field::SectionTitle => "interactive.section_title_too_long",
        Field::RowId => "interactive.row_id_too_long",
        Field::RowTitle => "interactive.row_title_too_long",
        Field::RowDescription => "interactive.row_description_too_long",
        Field::CtaText => "interactive.cta_text_too_long",
        Field::CtaUrl => "interactive.url_too_long",
        Field::FlowCta => "interactive.flow_cta_too_long",
        Field::CallText => "interactive.call_text_too_long",
        Field::CallPayload => "interactive.call_payload_too_long",
        Field::CardBody => "interactive.card_body_too_long",
        _ => "template.too_long",
    }
}

fn too_many_code(what: Counted) -> &'static str {
    match what {
        Counted::Buttons => "template.too_many_buttons",
        Counted::QuickReplies => "template.too_many_quick_replies",
        Counted::UrlButtons => "template.too_many_url_buttons",
        Counted::PhoneButtons => "template.too_many_phone_buttons",
        Counted::CopyCodeButtons => "template.too_many_copy_code_buttons",
        Counted::ReplyButtons => "interactive.too_many_buttons",
        Counted::Sections => "interactive.too_many_sections",
        Counted::Rows => "interactive.too_many_rows",
        Counted::Products => "interactive.too_many_products",
        Counted::Cards => "interactive.too_many_cards",
        Counted::Contacts => "contacts.too_many",
        Counted::CardButtons => "interactive.too_many_card_buttons",
        Counted::CardBodyLineBreaks => "interactive.card_body_line_breaks",
    }
}

fn too_few_code(what: Counted) -> &'static str {
    match what {
        Counted::Sections => "interactive.too_few_sections",
        Counted::Rows => "interactive.too_few_rows",
        Counted::Products => "interactive.too_few_products",
        Counted::Cards => "interactive.too_few_cards",
        Counted::Contacts => "contacts.too_few",
        Counted::CardButtons => "interactive.too_few_card_buttons",
        Counted::Buttons
        | Counted::QuickReplies
        | Counted::UrlButtons
        | Counted::PhoneButtons
        | Counted::CopyCodeButtons
        | Counted::ReplyButtons
        | Counted::CardBodyLineBreaks => "interactive.too_few_buttons",
    }
}

/// Caps a quoted input so an error never echoes a huge value back.
pub(crate) fn cap(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX) {
        Some((i, _)) => {
            let mut out = s.get(..i).unwrap_or_default().to_owned();
            out.push('…');
            out
        }
        None => s.to_owned(),
    }
}
