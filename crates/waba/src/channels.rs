//! Channels: DMS routes (`inbound-route`, `inbound-route-by-call`) and the channels an agent may open
//! an outbound WhatsApp session on (`whatsappsession.outbound-session-config` and the attached data
//! `_umsOutboundSessionConfig`; attached data wins over the option).

use waba_error::WabaError;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Longest channel list accepted from an option or attached data.
pub const CHANNELS_MAX: usize = 100;

/// A DMS route: `<tenant id>:<endpoint name>` (e.g. `1:session-chat`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Route {
    /// Tenant id.
    pub tenant: u32,
    /// Endpoint (queue) name.
    pub endpoint: String,
}

impl Route {
    /// Parses `<tenant id>:<endpoint>`; spaces around the parts are removed. `None` when malformed.
    pub fn parse(s: &str) -> Option<Self> {
        let (tenant, endpoint) = s.trim().split_once(':')?;
        let tenant = tenant.trim();
        let endpoint = endpoint.trim();
        if tenant.is_empty() || !tenant.bytes().all(|b| b.is_ascii_digit()) || endpoint.is_empty() {
            return None;
        }
        if endpoint
            .chars()
            .any(|c| c.is_control() || c == ',' || c == ':')
        {
            return None;
        }
        Some(Self {
            tenant: tenant.parse().ok()?,
            endpoint: endpoint.to_owned(),
        })
    }
}

impl std::fmt::Display for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.tenant, self.endpoint)
    }
}

/// DMS `inbound-route`: the standard route, then (after a comma) the session (chat) route. The guide
/// writes `,1:session-chat`: no standard route, session route `1:session-chat`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InboundRoute {
    /// The route before the comma.
    pub standard: Option<Route>,
    /// The route after the comma: where session-mode (chat) interactions go.
    pub session: Option<Route>,
}

impl InboundRoute {
    /// Parses `[route][, route]`. `None` when a part is malformed or there are more than two.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'));
        if s.is_empty() {
            return Some(Self::default());
        }
        let mut parts = s.split(',');
        let first = parts.next().unwrap_or("").trim();
        let second = parts.next().map(str::trim);
        if parts.next().is_some() {
            return None;
        }
        let standard = if first.is_empty() {
            None
        } else {
            Some(Route::parse(first)?)
        };
        let session = match second {
            None => None,
            Some(p) => Some(Route::parse(p)?),
        };
        if standard.is_none() && session.is_none() {
            return None;
        }
        Some(Self { standard, session })
    }
}

/// One channel an agent may open an outbound WhatsApp session on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutboundChannel {
    /// The DMS application name (`server-name`, `_umsServer`).
    pub server: String,
    /// The DMS channel name (`channel-name`, `_umsChannel`).
    pub channel: String,
    /// The business phone number (`business-id`, `_umsBusinessId`; configured without `+`).
    pub business_id: waba_phone::E164,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionJson {
    channels: Vec<OptionChannel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionChannel {
    #[serde(rename = "server-name")]
    server: String,
    #[serde(rename = "channel-name")]
    channel: String,
    #[serde(rename = "business-id")]
    business: String,
}

/// Why a channel list (the option `whatsappsession.outbound-session-config` or the attached data
/// `_umsOutboundSessionConfig`) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum ChannelError {
    /// The option is not the expected JSON object (`{"channels": [...]}` with the three names).
    #[error("not the expected JSON: {reason}")]
    #[waba(code = "channels.shape")]
    Shape {
        /// What the JSON reader found.
        reason: String,
    },
    /// The attached data is not a JSON object.
    #[error("_umsOutboundSessionConfig is not an object")]
    #[waba(code = "channels.not_an_object")]
    NotAnObject,
    /// More channels than [`CHANNELS_MAX`].
    #[error("{actual} channels, at most {limit}")]
    #[waba(code = "channels.too_many")]
    TooMany {
        /// [`CHANNELS_MAX`].
        limit: u64,
        /// How many were given.
        actual: u64,
    },
    /// A key of the attached data is not a number.
    #[error("key {key:?} is not a number")]
    #[waba(code = "channels.key_not_a_number", field = key)]
    KeyNotNumber {
        /// The key (cut).
        key: String,
    },
    /// A WhatsApp entry of the attached data lacks `_umsServer`, `_umsChannel` or `_umsBusinessId`.
    #[error("entry {key:?} lacks _umsServer, _umsChannel or _umsBusinessId")]
    #[waba(code = "channels.incomplete", field = key)]
    Incomplete {
        /// The entry's key (cut).
        key: String,
    },
    /// A server or channel name is empty.
    #[error("{at}: server and channel names must not be empty")]
    #[waba(code = "channels.empty_name", field = at)]
    EmptyName {
        /// Where (`channels[0]`, `entry "1"`).
        at: String,
    },
    /// The business id is not a phone number.
    #[error("{at}: business id {value:?} is not a phone number ({error})")]
    #[waba(code = "channels.business_id", field = at)]
    BusinessId {
        /// Where.
        at: String,
        /// The value (cut).
        value: String,
        /// Why.
        error: waba_phone::PhoneError,
    },
}

fn channel(
    server: &str,
    channel: &str,
    business: &str,
    at: impl FnOnce() -> String,
) -> Result<OutboundChannel, ChannelError> {
    let server = server.trim();
    let channel_name = channel.trim();
    if server.is_empty() || channel_name.is_empty() {
        return Err(ChannelError::EmptyName { at: at() });
    }
    let business_id = waba_phone::E164::from_e164_or_wa_id(business.trim()).map_err(|error| {
        ChannelError::BusinessId {
            at: at(),
            value: crate::config::quote(business),
            error,
        }
    })?;
    Ok(OutboundChannel {
        server: server.to_owned(),
        channel: channel_name.to_owned(),
        business_id,
    })
}

fn too_many(actual: usize) -> Result<(), ChannelError> {
    if actual > CHANNELS_MAX {
        return Err(ChannelError::TooMany {
            limit: CHANNELS_MAX as u64,
            actual: actual as u64,
        });
    }
    Ok(())
}

/// Parses the `whatsappsession.outbound-session-config` JSON. Names are trimmed: the guide's own sample
/// pads `" DigitalMessagingServer "` with spaces, and DMS matches names without them.
pub fn parse_outbound_session_config(json: &str) -> Result<Vec<OutboundChannel>, ChannelError> {
    let parsed: OptionJson = serde_json::from_str(json).map_err(|e| ChannelError::Shape {
        reason: crate::config::quote(&e.to_string()),
    })?;
    too_many(parsed.channels.len())?;
    parsed
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| {
            channel(&c.server, &c.channel, &c.business, || {
                format!("channels[{i}]")
            })
        })
        .collect()
}

/// The media type of WhatsApp session channels in `_umsOutboundSessionConfig`.
pub const WHATSAPP_SESSION_MEDIA_TYPE: &str = "whatsappsession";

/// Reads the attached data `_umsOutboundSessionConfig` (a numbered map of `MediaType`, `_umsServer`,
/// `_umsChannel`, `_umsBusinessId`), in the numeric order of its keys. Entries of another media type are
/// skipped (they are other channels' business); a WhatsApp entry that is malformed is an error.
pub fn parse_attached_session_config(
    value: &serde_json::Value,
) -> Result<Vec<OutboundChannel>, ChannelError> {
    let obj = value.as_object().ok_or(ChannelError::NotAnObject)?;
    too_many(obj.len())?;
    let mut numbered = BTreeMap::new();
    for (k, v) in obj {
        let n: u32 = k.trim().parse().map_err(|_| ChannelError::KeyNotNumber {
            key: crate::config::quote(k),
        })?;
        numbered.insert(n, (k, v));
    }
    let mut out = Vec::new();
    for (_, (k, v)) in numbered {
        let get = |field: &str| v.get(field).and_then(serde_json::Value::as_str);
        if get("MediaType").map(str::trim) != Some(WHATSAPP_SESSION_MEDIA_TYPE) {
            continue;
        }
        let (Some(server), Some(ch), Some(business)) =
            (get("_umsServer"), get("_umsChannel"), get("_umsBusinessId"))
        else {
            return Err(ChannelError::Incomplete {
                key: crate::config::quote(k),
            });
        };
        out.push(channel(server, ch, business, || format!("entry {k:?}"))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(
            InboundRoute::parse(",1:session-chat").unwrap(),
            InboundRoute {
                standard: None,
                session: Some(Route {
                    tenant: 1,
                    endpoint: "session-chat".into()
                })
            }
        );
        let r = InboundRoute::parse("101:sms_endpoint, 101:chat_endpoint").unwrap();
        assert_eq!(r.standard.unwrap().to_string(), "101:sms_endpoint");
        assert_eq!(r.session.unwrap().to_string(), "101:chat_endpoint");
        for bad in [",", "1", ":x", "a:b", "1:", "1:a,2:b,3:c", "1:a\u{0}"] {
            assert!(InboundRoute::parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(
            Route::parse("1:session-WA-sendSR").unwrap().endpoint,
            "session-WA-sendSR"
        );
    }

    #[test]
    fn guide_sample_option_parses_with_padded_names() {
        let sample = r#"{"channels" : [{"server-name": " DigitalMessagingServer ", "channel-name": "channel-whatsapp-1", "business-id": "19251112221"}, {"server-name": " DigitalMessagingServer ", "channel-name": "channel-whatsapp-2", "business-id": "19251112222"}]}"#;
        let ch = parse_outbound_session_config(sample).unwrap();
        assert_eq!(ch.len(), 2);
        assert_eq!(ch[0].server, "DigitalMessagingServer");
        assert_eq!(ch[1].channel, "channel-whatsapp-2");
        assert_eq!(ch[1].business_id.as_str(), "+19251112222");
    }

    #[test]
    fn bad_option_json() {
        for bad in [
            "{}",
            "[]",
            r#"{"channels":[{"server-name":"a"}]}"#,
            r#"{"channels":[{"server-name":"a","channel-name":"b","business-id":"abc"}]}"#,
        ] {
            assert!(parse_outbound_session_config(bad).is_err(), "{bad}");
        }
        let e = parse_outbound_session_config(
            r#"{"channels":[{"server-name":"a","channel-name":"b","business-id":"abc"}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("channels.business_id", Some("channels[0]"))
        );
        let many = format!(
            r#"{{"channels":[{}]}}"#,
            vec![
                r#"{"server-name":"a","channel-name":"b","business-id":"15550001111"}"#;
                CHANNELS_MAX + 1
            ]
            .join(",")
        );
        let e = parse_outbound_session_config(&many).unwrap_err();
        assert_eq!(
            (e.code(), e.limit(), e.actual()),
            (
                "channels.too_many",
                Some(CHANNELS_MAX as u64),
                Some(CHANNELS_MAX as u64 + 1)
            )
        );
    }

    #[test]
    fn guide_sample_attached_data_in_key_order() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"2": {"MediaType":"whatsappsession","_umsServer":"DigitalMessagingServer","_umsChannel":"channel-abc-hub-sim","_umsBusinessId":"19251112222"},
                "1": {"MediaType":"whatsappsession","_umsServer":"DigitalMessagingServer","_umsChannel":"channel-ghub-simulator","_umsBusinessId":"19251112222"},
                "10": {"MediaType":"applebcsession","_umsServer":"X","_umsChannel":"abc","_umsBusinessId":"1"}}"#,
        )
        .unwrap();
        let ch = parse_attached_session_config(&v).unwrap();
        assert_eq!(
            ch.iter().map(|c| c.channel.as_str()).collect::<Vec<_>>(),
            ["channel-ghub-simulator", "channel-abc-hub-sim"]
        );
    }
}
