//! ESP requests a routing strategy sends to the WhatsApp channel: `Messaging`/`ValidateContact`
//! (answered by `waba-phone`) and `ChatService`/`InviteToChat` (an outbound session with a
//! notification template), with the guide's error codes.

use waba_error::WabaError;

use std::collections::BTreeMap;

use serde::Serialize;
use waba_model::{Outbound, OutboundBody};
use waba_phone::esp::{ContactDirectory, EspError, EspRequest, ValidateContactResponse};
use waba_phone::{BusinessNumber, E164};
use waba_template::{Component, Params, Rules, Template, TemplateDefinition, TextComponent};

use crate::Config;
use crate::channels::{OutboundChannel, Route};

/// The ESP service of `InviteToChat`.
pub const SERVICE_CHAT: &str = "ChatService";
/// The method that starts an outbound chat session with a notification.
pub const METHOD_INVITE_TO_CHAT: &str = "InviteToChat";
/// Parameter: the DMS channel (required when more than one channel is configured).
pub const PARAM_CHANNEL: &str = "_umsChannel";
/// Parameter: the customer's phone number.
pub const PARAM_CLIENT_ID: &str = "_umsClientId";
/// Parameter: the business phone number of the channel.
pub const PARAM_BUSINESS_ID: &str = "_umsBusinessId";
/// Parameter: the Chat Server endpoint for the new session (`<tenant>:<endpoint>`).
pub const PARAM_CHAT_QUEUE_KEY: &str = "ChatQueueKey";
/// Parameter: the template name (else `whatsappsession.default-notification-id`).
pub const PARAM_TEMPLATE_NAME: &str = "TemplateName";
/// Parameter: the template language (else `whatsappsession.default-notification-language`).
pub const PARAM_TEMPLATE_LANGUAGE: &str = "TemplateLanguage";
/// Parameter: the template's body text with `{{1}}`… (else `whatsappsession.default-notification-text`).
pub const PARAM_TEMPLATE_TEXT: &str = "TemplateText";
/// Parameter prefix of the template's positional values: `TemplateParam1`, `TemplateParam2`, …
pub const PARAM_TEMPLATE_PARAM_PREFIX: &str = "TemplateParam";

/// The answer to an `InviteToChat` request: where the session goes and the template to send.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct InviteToChatResponse {
    /// The customer's number, normalized (E.164).
    #[serde(rename = "Id")]
    pub id: E164,
    /// The DMS channel.
    #[serde(rename = "Channel", skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The business number.
    #[serde(rename = "BusinessId")]
    pub business_id: E164,
    /// The Chat Server endpoint of the new session, when known.
    #[serde(rename = "ChatQueueKey", skip_serializing_if = "Option::is_none")]
    pub chat_queue_key: Option<String>,
    /// What the customer will read.
    #[serde(rename = "Preview")]
    pub preview: String,
    /// The Cloud API send body of the notification.
    #[serde(rename = "Payload", serialize_with = "serialize_outbound")]
    pub payload: Outbound,
}

fn serialize_outbound<S: serde::Serializer>(o: &Outbound, s: S) -> Result<S::Ok, S::Error> {
    o.to_json().serialize(s)
}

/// The answer to an ESP request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum EspResponse {
    /// `ValidateContact`'s answer.
    ValidateContact(ValidateContactResponse),
    /// `InviteToChat`'s answer.
    InviteToChat(Box<InviteToChatResponse>),
}

fn incorrect(method: &str, parameter: &str, reason: impl Into<String>) -> EspError {
    EspError::IncorrectParameter {
        method: method.to_owned(),
        parameter: parameter.to_owned(),
        reason: reason.into(),
    }
}

/// Answers one ESP request.
///
/// `Messaging`/`ValidateContact` goes to `directory`; the business number that gives a number without
/// plus its country code is `business`, else the configured channel named by `_umsChannel`.
/// `ChatService`/`InviteToChat` builds the outbound notification. Anything else is 902.
pub fn handle(
    config: &Config,
    request: &EspRequest,
    directory: &dyn ContactDirectory,
    business: Option<&BusinessNumber>,
) -> Result<EspResponse, EspError> {
    if request.service == SERVICE_CHAT {
        if request.method != METHOD_INVITE_TO_CHAT {
            return Err(EspError::unknown_method(&request.service, &request.method));
        }
        return invite_to_chat(config, request).map(|r| EspResponse::InviteToChat(Box::new(r)));
    }
    // Every other request is `waba-phone`'s: `Messaging`, or 902.
    let from_channel = request
        .parameter(PARAM_CHANNEL)
        .and_then(|name| {
            config
                .outbound_session_channels
                .iter()
                .find(|c| c.channel == name.trim())
        })
        .and_then(|c| BusinessNumber::new(c.business_id).ok());
    let business = business.cloned().or(from_channel);
    waba_phone::esp::handle(request, directory, business.as_ref()).map(EspResponse::ValidateContact)
}

fn channel_for<'a>(
    config: &'a Config,
    request: &EspRequest,
) -> Result<Option<&'a OutboundChannel>, EspError> {
    let m = METHOD_INVITE_TO_CHAT;
    let channels = &config.outbound_session_channels;
    match request
        .parameter(PARAM_CHANNEL)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(name) => {
            if channels.is_empty() {
                return Ok(None);
            }
            channels
                .iter()
                .find(|c| c.channel == name)
                .map(Some)
                .ok_or_else(|| incorrect(m, PARAM_CHANNEL, "not a configured channel"))
        }
        None if channels.len() > 1 => Err(incorrect(
            m,
            PARAM_CHANNEL,
            "required: more than one channel is configured",
        )),
        None => Ok(channels.first()),
    }
}

fn invite_to_chat(config: &Config, request: &EspRequest) -> Result<InviteToChatResponse, EspError> {
    let m = METHOD_INVITE_TO_CHAT;
    let required = |p: &str| {
        request
            .parameter(p)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| incorrect(m, p, "missing"))
    };
    let channel = channel_for(config, request)?;
    let business_raw = required(PARAM_BUSINESS_ID)?;
    let business_number = E164::from_e164_or_wa_id(business_raw).map_err(|e| {
        incorrect(
            m,
            PARAM_BUSINESS_ID,
            format!("not a phone number ({})", e.code()),
        )
    })?;
    if let Some(c) = channel {
        if c.business_id != business_number {
            return Err(incorrect(
                m,
                PARAM_BUSINESS_ID,
                format!("channel {} has business id {}", c.channel, c.business_id),
            ));
        }
    }
    let business = BusinessNumber::new(business_number).map_err(|e| {
        incorrect(
            m,
            PARAM_BUSINESS_ID,
            format!("no known country calling code ({})", e.code()),
        )
    })?;
    let client = waba_phone::normalize(required(PARAM_CLIENT_ID)?, &business)
        .map_err(|e| incorrect(m, PARAM_CLIENT_ID, format!("{e} ({})", e.code())))?;

    let chat_queue_key = match request
        .parameter(PARAM_CHAT_QUEUE_KEY)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(k) => Some(
            Route::parse(k)
                .ok_or_else(|| incorrect(m, PARAM_CHAT_QUEUE_KEY, "not <tenant id>:<endpoint>"))?
                .to_string(),
        ),
        None => config.inbound_route_by_call.as_ref().map(Route::to_string),
    };

    let notification = config.default_notification.as_ref();
    let pick = |param: &str, fallback: Option<&str>| {
        request
            .parameter(param)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .or(fallback)
            .map(str::to_owned)
            .ok_or_else(|| {
                incorrect(
                    m,
                    param,
                    "missing, and no default notification is configured",
                )
            })
    };
    let name = pick(PARAM_TEMPLATE_NAME, notification.map(|n| n.id()))?;
    let language = pick(PARAM_TEMPLATE_LANGUAGE, notification.map(|n| n.language()))?;
    let text = pick(PARAM_TEMPLATE_TEXT, notification.map(|n| n.text()))?;

    let mut values = BTreeMap::new();
    for (k, v) in &request.parameters {
        if let Some(n) = k.strip_prefix(PARAM_TEMPLATE_PARAM_PREFIX) {
            let i: usize = n
                .parse()
                .ok()
                .filter(|i| *i >= 1 && n.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    incorrect(
                        m,
                        k,
                        "template parameters are TemplateParam1, TemplateParam2, …",
                    )
                })?;
            values.insert(i, v.as_str());
        }
    }
    if let Some((gap, _)) = values.keys().enumerate().find(|(pos, i)| pos + 1 != **i) {
        return Err(incorrect(
            m,
            &format!("{PARAM_TEMPLATE_PARAM_PREFIX}{}", gap + 1),
            "missing",
        ));
    }
    let definition = TemplateDefinition::new(
        waba_template::template_name_from_id(&name),
        language,
        vec![Component::Body(TextComponent::new(text))],
    );
    let template = Template::new(definition, &Rules::default())
        .map_err(|e| incorrect(m, PARAM_TEMPLATE_TEXT, e.to_string()))?;
    let expected = template.positional_count();
    if values.len() != expected {
        let i = values.len().min(expected) + 1;
        let why = if values.len() < expected {
            "missing"
        } else {
            "not in the template"
        };
        return Err(incorrect(
            m,
            &format!("{PARAM_TEMPLATE_PARAM_PREFIX}{i}"),
            why,
        ));
    }
    for (i, v) in &values {
        waba_template::check_draft(v).map_err(|e| {
            incorrect(
                m,
                &format!("{PARAM_TEMPLATE_PARAM_PREFIX}{i}"),
                format!("{e} ({})", e.code()),
            )
        })?;
    }
    let rendered = template
        .render(&Params::positional(values.values().copied()))
        .map_err(|e| {
            incorrect(
                m,
                PARAM_TEMPLATE_PARAM_PREFIX,
                format!("{e} ({})", e.code()),
            )
        })?;
    let payload = Outbound::new(OutboundBody::Template(rendered.message)).to(client);
    Ok(InviteToChatResponse {
        id: client,
        channel: channel.map(|c| c.channel.clone()),
        business_id: business_number,
        chat_queue_key,
        preview: rendered.preview,
        payload,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use waba_phone::esp::OfflineDirectory;

    fn req(json: &str) -> EspRequest {
        EspRequest::from_slice(json.as_bytes()).unwrap()
    }

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_options(pairs.iter().copied()).unwrap().0
    }

    const CHANNELS: &str = r#"{"channels": [{"server-name": " DigitalMessagingServer ", "channel-name": "channel-whatsapp-1", "business-id": "19251112221"}, {"server-name": " DigitalMessagingServer ", "channel-name": "channel-whatsapp-2", "business-id": "19251112222"}]}"#;

    fn with_channels() -> Config {
        config(&[
            ("whatsappsession.outbound-session-config", CHANNELS),
            (
                "whatsappsession.default-notification-text",
                "Hello {{1}}, your order shipped.",
            ),
            (
                "whatsappsession.default-notification-id",
                "ns@order_shipped",
            ),
            ("whatsappsession.default-notification-language", "en_US"),
            ("inbound-route-by-call", "1:session-WA-sendSR"),
        ])
    }

    #[test]
    fn invite_to_chat_builds_the_notification() {
        let r = handle(
            &with_channels(),
            &req(r#"{"AppName":"DMS","Service":"ChatService","Method":"InviteToChat","Parameters":{"_umsChannel":"channel-whatsapp-2","_umsClientId":"(925) 555-0100","_umsBusinessId":"19251112222","TemplateParam1":"Ana"}}"#),
            &OfflineDirectory,
            None,
        )
        .unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["Id"], "+19255550100");
        assert_eq!(v["Channel"], "channel-whatsapp-2");
        assert_eq!(v["ChatQueueKey"], "1:session-WA-sendSR");
        assert_eq!(v["Preview"], "Hello Ana, your order shipped.");
        assert_eq!(v["Payload"]["template"]["name"], "order_shipped");
        assert_eq!(v["Payload"]["to"], "19255550100");
    }

    #[test]
    fn invite_to_chat_errors_are_904() {
        let cfg = with_channels();
        let cases = [
            (
                r#""_umsClientId":"+19255550100","_umsBusinessId":"19251112222","TemplateParam1":"A""#,
                PARAM_CHANNEL,
            ),
            (
                r#""_umsChannel":"nope","_umsClientId":"+19255550100","_umsBusinessId":"19251112222""#,
                PARAM_CHANNEL,
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsBusinessId":"19251112221","TemplateParam1":"A""#,
                PARAM_CLIENT_ID,
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsClientId":"+19255550100","TemplateParam1":"A""#,
                PARAM_BUSINESS_ID,
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsClientId":"+19255550100","_umsBusinessId":"19251112222","TemplateParam1":"A""#,
                PARAM_BUSINESS_ID,
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsClientId":"+19255550100","_umsBusinessId":"19251112221""#,
                "TemplateParam1",
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsClientId":"+19255550100","_umsBusinessId":"19251112221","TemplateParam1":"a\nb""#,
                "TemplateParam1",
            ),
            (
                r#""_umsChannel":"channel-whatsapp-1","_umsClientId":"call me","_umsBusinessId":"19251112221","TemplateParam1":"A""#,
                PARAM_CLIENT_ID,
            ),
        ];
        for (params, field) in cases {
            let r = req(&format!(
                r#"{{"AppType":171,"Service":"ChatService","Method":"InviteToChat","Parameters":{{{params}}}}}"#
            ));
            let e = handle(&cfg, &r, &OfflineDirectory, None).unwrap_err();
            assert_eq!(
                (e.esp_code(), e.field()),
                (904, Some(field)),
                "{params}: {e}"
            );
        }
    }

    #[test]
    fn validate_contact_uses_the_channel_business_number() {
        let r = req(
            r#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":{"_umsChannel":"channel-whatsapp-1","Id":"631-555-1002"}}"#,
        );
        let v =
            serde_json::to_value(handle(&with_channels(), &r, &OfflineDirectory, None).unwrap())
                .unwrap();
        assert_eq!(v, serde_json::json!({"Id": "+16315551002"}));
    }

    #[test]
    fn other_methods_are_902() {
        for (s, m) in [("ChatService", "Teleport"), ("Nope", "InviteToChat")] {
            let r = req(&format!(
                r#"{{"AppName":"DMS","Service":"{s}","Method":"{m}"}}"#
            ));
            assert_eq!(
                handle(&Config::default(), &r, &OfflineDirectory, None)
                    .unwrap_err()
                    .esp_code(),
                902
            );
        }
    }
}
