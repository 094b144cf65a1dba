//! Integration tests of `waba-template`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waba_error::WabaError;

mod bodies;
mod corpus;
mod display_format;
mod emoji_links;
mod fuzz_corpus;
mod hostile;
mod interactive;
mod interactive_kinds;
mod map_query;
mod notification;
mod props;
mod rules;

use serde_json::Value;
use waba_template::{Params, Rules, Template, TemplateError};

/// A body-only template.
pub fn body(text: &str) -> Result<Template, TemplateError> {
    with(serde_json::json!([{"type": "BODY", "text": text}]))
}

/// A template with these components.
pub fn with(components: Value) -> Result<Template, TemplateError> {
    with_rules(components, &Rules::default())
}

/// A template with these components, checked with `rules`.
pub fn with_rules(components: Value, rules: &Rules) -> Result<Template, TemplateError> {
    let def = serde_json::json!({"name": "t", "language": "en_US", "components": components});
    Template::from_json(&def.to_string(), rules)
}

/// The code of an error.
pub fn code<T: std::fmt::Debug>(r: Result<T, TemplateError>) -> &'static str {
    r.unwrap_err().code()
}

/// Renders with positional values.
pub fn render(t: &Template, values: &[&str]) -> Result<waba_template::Rendered, TemplateError> {
    t.render(&Params::positional(values.iter().copied()))
}

static_assertions::assert_impl_all!(Template: Send, Sync);
static_assertions::assert_impl_all!(TemplateError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_template::TemplateDefinition: Send, Sync);
static_assertions::assert_impl_all!(waba_template::Rendered: Send, Sync);
static_assertions::assert_impl_all!(waba_template::DisplayFormat: Send, Sync);
static_assertions::assert_impl_all!(waba_template::MapQuery: Send, Sync);
static_assertions::assert_impl_all!(waba_template::EmojiMap: Send, Sync);
static_assertions::assert_impl_all!(waba_template::Params<'static>: Send, Sync);
