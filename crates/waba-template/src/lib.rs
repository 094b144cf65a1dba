//! `waba-template`: checks and renders what a contact center sends on WhatsApp beyond plain text.
//!
//! - Template definitions in Meta's format ([`TemplateDefinition`]), checked against Meta's rules
//!   and the guide's rich-media-notification rules into a [`Template`], rendered in one pass into
//!   the text a customer reads and the Cloud API send body ([`Template::render`]).
//! - Interactive reply buttons and lists checked against Meta's limits ([`validate_interactive`]),
//!   and filled template send bodies ([`validate_send`]).
//! - The guide's automatic notification ([`automatic_notification`], [`conform_draft`]) and the
//!   `max-text-message-size` byte budget ([`check_text_budget`], [`truncate_to_budget`]).
//! - Workspace display-format expressions ([`DisplayFormat`], grammar in `docs/display-format.md`),
//!   location preview URLs ([`MapQuery`]), the custom emoji map ([`EmojiMap`], [`emoji_code`]) and
//!   web links with offsets ([`find_links`]).
//! - Every refusal is a typed error ([`TemplateError`], [`DisplayFormatError`], [`MapQueryError`],
//!   [`EmojiError`]) with a stable code, the numbers that matter and Meta's error code where one
//!   exists (132000, 132005, 132018...). Lengths are counted as Meta counts them, in Unicode scalar
//!   values (decision 0200): 👨‍👩‍👧‍👦 is seven characters, 😀 one.
//!
//! ```
//! use waba_template::WabaError;
//! use waba_template::{Params, Rules, Template};
//!
//! let t = Template::from_json(
//!     r#"{"name": "delivery", "language": "en_US",
//!         "components": [{"type": "BODY", "text": "Hi {{1}}, order {{2}} is on its way."}]}"#,
//!     &Rules::default(),
//! )?;
//! let r = t.render(&Params::positional(["Ana", "#42"]))?;
//! assert_eq!(r.preview, "Hi Ana, order #42 is on its way.");
//!
//! // A value is inserted literally: it is never scanned for placeholders again.
//! let r = t.render(&Params::positional(["{{2}}", "$Contact.FirstName$"]))?;
//! assert_eq!(r.preview, "Hi {{2}}, order $Contact.FirstName$ is on its way.");
//!
//! // Meta refuses a newline in a parameter (132018): so do we, before sending.
//! let e = t.render(&Params::positional(["Ana\nB", "#42"])).unwrap_err();
//! assert_eq!(e.code(), "template.param_has_newline");
//! assert_eq!(e.meta_code(), Some(132018));
//! # Ok::<(), waba_template::TemplateError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod definition;
pub mod display_format;
pub mod emoji;
pub mod health;
pub mod interactive;
pub mod interactive_kinds;
pub mod links;
pub mod map_query;
pub mod placeholder;
pub mod template;

mod body;
mod error;
mod notification;
mod send;
mod text;
mod url_rules;

pub use body::{CONTACT_CARDS_MAX, validate_body};
pub use definition::{
    Button, ButtonKind, Buttons, Component, Header, HeaderFormat, TemplateDefinition,
    TextComponent, Unmodelled,
};
pub use display_format::{DisplayFormat, DisplayFormatError, FieldCode};
pub use emoji::{EmojiError, EmojiMap, emoji_code, emoji_from_code};
pub use error::{Counted, Field, PlaceholderProblem, QUOTE_MAX, TemplateError};
pub use interactive::validate_interactive;
pub use links::{WebLink, find_links};
pub use map_query::{MapQuery, MapQueryError, MapValue, parse_coordinate};
pub use notification::{
    AutomaticNotification, MAX_TEXT_MESSAGE_SIZE_DEFAULT, automatic_notification, check_draft,
    check_text_budget, conform_draft, template_name_from_id, template_namespace_from_id,
    truncate_to_budget,
};
pub use send::validate_send;
pub use template::{
    DEFINITION_MAX_BYTES, Need, Params, Rendered, Rules, Template, read_definition_json,
};
pub use text::{
    PARAM_SPACES_MAX, char_len, check_param_whitespace, conform_param, grapheme_len, is_blank,
    is_invisible, visible_key,
};

/// The error contract every error of this crate implements (the `waba-error` crate).
pub use waba_error::{ErrorClass, WabaError};

#[doc(hidden)]
pub mod internal;
