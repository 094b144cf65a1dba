//! The state of one WhatsApp Business Account as its account events tell it: the health of each
//! template heard about. [`Conversation::compose_with`](crate::Conversation::compose_with) reads it
//! to refuse a notification through a template Meta would refuse.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use waba_model::events::AccountEvent;
use waba_template::health::{TemplateHealth, TemplateUnavailable};

use crate::state::{StateError, check_version};

/// The current schema version of a stored [`Account`].
pub const ACCOUNT_VERSION: u32 = 1;

/// What the account events said so far. Plain data: store it with the service's state (its
/// serialized form carries `version`).
///
/// ```
/// use waba::Account;
/// use waba::model::Webhook;
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"W","time":1764000000,"changes":[{
///   "field":"message_template_status_update","value":{"event":"PAUSED","message_template_id":7,
///   "message_template_name":"patience_notice","message_template_language":"en_US","reason":"LOW_QUALITY"}}]}]}"#;
/// let split = Webhook::parse(body)?.split();
/// let mut account = Account::default();
/// assert!(account.apply(&split.account_events[0]));
/// let refused = account.check("patience_notice", "en_US").unwrap_err();
/// assert_eq!(refused.meta_code, 132015);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Account {
    /// Each template heard about, by `name:language`.
    pub templates: BTreeMap<String, TemplateHealth>,
}

fn template_key(name: &str, language: &str) -> String {
    format!("{name}:{language}")
}

impl Account {
    /// Takes one account event; returns whether it changed a template's health. Events that are
    /// not about templates change nothing here (the service keeps them as it likes).
    pub fn apply(&mut self, event: &AccountEvent) -> bool {
        let Some(update) = event.template.as_ref().filter(|_| event.kind.is_template()) else {
            return false;
        };
        let (Some(name), Some(language)) = (
            update.message_template_name.as_deref(),
            update.message_template_language.as_deref(),
        ) else {
            return false;
        };
        self.templates
            .entry(template_key(name, language))
            .or_insert_with(|| TemplateHealth::new(name, language))
            .apply(event.kind, update, event.at)
    }

    /// The health of a template, if any event was heard about it.
    pub fn template(&self, name: &str, language: &str) -> Option<&TemplateHealth> {
        self.templates.get(&template_key(name, language))
    }

    /// Whether a send through the template would be accepted: `Ok` when nothing says otherwise.
    pub fn check(&self, name: &str, language: &str) -> Result<(), TemplateUnavailable> {
        self.template(name, language)
            .map_or(Ok(()), TemplateHealth::check)
    }

    /// The template's category as the account events said it, or as the service declared it
    /// ([`Account::set_category`]); `None` when nothing said. (A send body does not carry its
    /// template's category; compose refuses a marketing template to a customer who opted out.)
    pub fn category(&self, name: &str, language: &str) -> Option<waba_delivery::TemplateCategory> {
        let c = self.template(name, language)?.category.as_deref()?;
        Some(waba_delivery::TemplateCategory::parse(c))
    }

    /// The category of the template `body` sends ([`Account::category`]); `None` for a body that
    /// is not a template, or a template nothing said about. What a service passes to
    /// [`Conversation::on_send_response`](crate::Conversation::on_send_response).
    pub fn category_of(
        &self,
        body: &waba_model::Outbound,
    ) -> Option<waba_delivery::TemplateCategory> {
        match &body.body {
            waba_model::OutboundBody::Template(t) => self.category(&t.name, &t.language.code),
            _ => None,
        }
    }

    /// Declares a template's category as the service knows it from the template's definition
    /// (`"category": "MARKETING"`: [`TemplateCategory::parse`](waba_delivery::TemplateCategory::parse)
    /// reads it); a later account event (a recategorization) replaces it.
    pub fn set_category(
        &mut self,
        name: &str,
        language: &str,
        category: waba_delivery::TemplateCategory,
    ) {
        self.templates
            .entry(template_key(name, language))
            .or_insert_with(|| TemplateHealth::new(name, language))
            .category = Some(category.as_str().to_owned());
    }

    /// Reads a stored account, refusing a version this library does not know.
    pub fn from_json(text: &str) -> Result<Account, StateError> {
        serde_json::from_str(text).map_err(StateError::from_json)
    }
}

#[derive(Serialize, Deserialize)]
struct StoredAccount {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    templates: BTreeMap<String, TemplateHealth>,
}

impl Serialize for Account {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StoredAccount {
            version: ACCOUNT_VERSION,
            templates: self.templates.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Account {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Account, D::Error> {
        let stored = StoredAccount::deserialize(d)?;
        check_version("account", stored.version, 1, ACCOUNT_VERSION)
            .map_err(serde::de::Error::custom)?;
        Ok(Account {
            templates: stored.templates,
        })
    }
}
