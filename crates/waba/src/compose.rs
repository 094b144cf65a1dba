//! `compose`: an agent's draft to a send decision, composing the crates' rules in order of cheapness.

use waba_error::WabaError;

use chrono::{DateTime, Utc};
use waba_attachment::{PermissionError, Permissions, Privilege};
use waba_model::{Outbound, OutboundBody};
use waba_window::{EligibilityError, OutboundKind};

use crate::Config;
use crate::account::Account;
use crate::conversation::{Conversation, Decision, Draft};

/// Why a draft may not be sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error, WabaError)]
#[non_exhaustive]
pub enum ComposeError {
    /// The draft is empty (or only white space).
    #[error("the message is empty")]
    #[waba(code = "compose.empty", class = Invalid)]
    Empty,
    /// The body breaks a rule of the message model (text or caption length).
    #[error(transparent)]
    Model(#[from] waba_model::ModelError),
    /// The interactive or template content breaks one of Meta's rules.
    #[error(transparent)]
    Template(#[from] waba_template::TemplateError),
    /// The window is closed (Meta would answer 131047) and no notification could replace the draft.
    #[error(transparent)]
    Window(#[from] EligibilityError),
    /// The attachment is refused by the attachment policy.
    #[error(transparent)]
    Attachment(#[from] waba_attachment::AttachmentError),
    /// The agent lacks a privilege.
    #[error(transparent)]
    Permission(#[from] PermissionError),
    /// An outbound session needs the customer's phone number.
    #[error("an outbound WhatsApp session needs the customer's phone number")]
    #[waba(code = "compose.no_customer_phone", class = Invalid)]
    NoCustomerPhone,
    /// No channel is configured for outbound sessions (neither attached data nor the option).
    #[error("no WhatsApp channel is configured for outbound sessions")]
    #[waba(code = "compose.no_channel", class = Refused)]
    NoChannel,
    /// The attached data `_umsOutboundSessionConfig` cannot be read.
    #[error("_umsOutboundSessionConfig: {0}")]
    #[waba(code = "compose.invalid_attached_data", class = Invalid)]
    AttachedData(crate::channels::ChannelError),
    /// The draft would go through a template Meta would refuse (paused, disabled, not approved),
    /// as the template lifecycle event named in the error said.
    #[error(transparent)]
    #[waba(code = waba_error::WabaError::code(&**_0), class = Refused, field = "template", meta_code = _0.meta_code)]
    TemplateUnavailable(#[from] Box<waba_template::health::TemplateUnavailable>),
    /// A marketing template to a customer who stopped marketing messages: the error names the
    /// cause (preference, 131050, stop keyword) and its time. Service, utility and authentication
    /// messages still go.
    #[error(transparent)]
    OptedOut(#[from] waba_delivery::optout::SuppressionError),
    /// The draft is addressed to someone other than the conversation's customer.
    #[error("the draft's recipient is not the conversation's customer")]
    #[waba(code = "compose.recipient_mismatch", class = Invalid)]
    RecipientMismatch,
}

fn window_check(
    conv: &Conversation,
    config: &Config,
    now: DateTime<Utc>,
    kind: OutboundKind,
) -> Result<(), ComposeError> {
    Ok(conv.window.check(&config.window(), now, kind)?)
}

/// A marketing template (by the category the account knows, decision 0024) to a customer who
/// stopped marketing messages is refused; any other category, or an unknown one, goes.
fn marketing_consent(
    conv: &Conversation,
    account: &Account,
    name: &str,
    language: &str,
) -> Result<(), ComposeError> {
    if account.category(name, language) == Some(waba_delivery::TemplateCategory::Marketing) {
        conv.consent.check_marketing()?;
    }
    Ok(())
}

/// The decision, or why not. See [`Conversation::compose`].
pub(crate) fn decide(
    conv: &Conversation,
    config: &Config,
    account: &Account,
    draft: &Draft,
    permissions: Permissions,
    now: DateTime<Utc>,
) -> Result<Decision, ComposeError> {
    let ctx = Ctx {
        conv,
        config,
        account,
        permissions,
        now,
    };
    match draft {
        Draft::Text(text) => {
            // The byte budget first (max-text-message-size counts UTF-8 bytes): a text over it is
            // refused whatever else is wrong with it.
            waba_template::check_text_budget(text, config.max_text_message_size)?;
            // A text of whitespace or invisible characters only is empty to the customer.
            if waba_template::is_blank(text) {
                return Err(ComposeError::Empty);
            }
            let body = Outbound::text(text.clone())?;
            ctx.text(body, text)
        }
        Draft::Interactive {
            message,
            attachment_changed,
        } => ctx.body(
            Outbound::new(OutboundBody::Interactive(message.clone())),
            *attachment_changed,
        ),
        Draft::Template {
            message,
            attachment_changed,
        } => ctx.body(
            Outbound::new(OutboundBody::Template(message.clone())),
            *attachment_changed,
        ),
        Draft::Message {
            body,
            attachment_changed,
        } => match &body.body {
            OutboundBody::Text(t) => {
                waba_template::check_text_budget(t.body.as_str(), config.max_text_message_size)?;
                if waba_template::is_blank(t.body.as_str()) {
                    return Err(ComposeError::Empty);
                }
                ctx.text(body.clone(), t.body.as_str())
            }
            _ => ctx.body(body.clone(), *attachment_changed),
        },
        Draft::Attachment(a) => {
            let caption = match &a.caption {
                Some(c) => Some(waba_model::Caption::new(c.clone())?),
                None => None,
            };
            window_check(conv, config, now, OutboundKind::Media)?;
            // The policy checks canUse and canSendFiles itself (a purpose's privilege needs canUse).
            let verdict = crate::attach::verdict(config, a, permissions)?;
            Ok(Decision::Send(Outbound::new(crate::attach::body(
                &verdict, a, caption,
            ))))
        }
    }
}

/// What every decision reads.
struct Ctx<'a> {
    conv: &'a Conversation,
    config: &'a Config,
    account: &'a Account,
    permissions: Permissions,
    now: DateTime<Utc>,
}

impl Ctx<'_> {
    /// A text: sent in the window; after it, the default notification with the text as `{{1}}`,
    /// where one is configured.
    fn text(&self, body: Outbound, text: &str) -> Result<Decision, ComposeError> {
        match window_check(self.conv, self.config, self.now, OutboundKind::Text) {
            Ok(()) => {
                self.permissions.require(Privilege::CanUse)?;
                Ok(Decision::Send(body))
            }
            Err(closed) => {
                let Some(n) = self
                    .config
                    .default_notification
                    .as_ref()
                    .filter(|_| self.config.free_msg_monitoring)
                else {
                    return Err(closed);
                };
                self.account
                    .check(n.name(), n.language())
                    .map_err(Box::new)?;
                marketing_consent(self.conv, self.account, n.name(), n.language())?;
                let (message, preview) = n.fill(text)?;
                self.permissions.require(Privilege::CanUse)?;
                let mut notification = Outbound::new(OutboundBody::Template(message));
                notification.to = body.to;
                Ok(Decision::Notification {
                    body: notification,
                    preview,
                })
            }
        }
    }

    /// Any other body: every rule of its kind (`waba_template::validate_body`), a template's
    /// health on the account, the window for its kind, then the agent's privileges (files need
    /// `canSendFiles`; a changed header attachment needs its privilege).
    fn body(&self, body: Outbound, attachment_changed: bool) -> Result<Decision, ComposeError> {
        waba_template::validate_body(&body.body)?;
        if let OutboundBody::Template(t) = &body.body {
            self.account
                .check(&t.name, &t.language.code)
                .map_err(Box::new)?;
            marketing_consent(self.conv, self.account, &t.name, &t.language.code)?;
        }
        let kind = crate::conversation::outbound_kind(&body.body);
        window_check(self.conv, self.config, self.now, kind)?;
        self.permissions.require(Privilege::CanUse)?;
        if matches!(
            body.body,
            OutboundBody::Image(_)
                | OutboundBody::Video(_)
                | OutboundBody::Audio(_)
                | OutboundBody::Document(_)
                | OutboundBody::Sticker(_)
        ) {
            self.permissions.require(Privilege::CanSendFiles)?;
        }
        if attachment_changed {
            match body.body {
                OutboundBody::Template(_) => self
                    .permissions
                    .require(Privilege::CanChangeAttachmentsInNotification)?,
                _ => self
                    .permissions
                    .require(Privilege::CanChangeAttachmentsInReplyButton)?,
            }
        }
        Ok(Decision::Send(body))
    }
}
