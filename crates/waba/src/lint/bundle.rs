//! The deployment bundle `waba config lint` reads: DMS, Chat Server and Workspace options by
//! section, business attributes, media types, capacity rules, role privileges and the default
//! notification's template definition. Every key is optional.
//!
//! Sections and options are read in file order with duplicates kept (a JSON map would keep only
//! the last of two equal keys, silently): a duplicate is a finding, never a lost value.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The largest bundle read, in bytes (1 MiB: a deployment's options are a few KiB).
pub const BUNDLE_MAX_BYTES: usize = 1 << 20;

/// The keys of a bundle, as the contract names them.
pub const BUNDLE_KEYS: [&str; 8] = [
    "dms",
    "chat_server",
    "workspace",
    "business_attributes",
    "media_types",
    "capacity_rules",
    "privileges",
    "notification_template",
];

/// Name/value pairs in the order written, duplicates kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pairs<T>(pub Vec<(String, T)>);

impl<T> Default for Pairs<T> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

impl<T> Pairs<T> {
    /// The first value named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Pairs<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Pairs<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = map.next_entry::<String, T>()? {
                    out.push(kv);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// An option value: a JSON string, or a number or boolean read as the text it is written as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionValue(pub String);

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = OptionValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an option value (a string)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OptionValue, E> {
                Ok(OptionValue(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<OptionValue, E> {
                Ok(OptionValue(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OptionValue, E> {
                Ok(OptionValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OptionValue, E> {
                Ok(OptionValue(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OptionValue, E> {
                Ok(OptionValue(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OptionValue, E> {
                Ok(OptionValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The options of one application (DMS, Chat Server, Workspace): sections of name/value options.
pub type Sections = Pairs<Pairs<OptionValue>>;

/// One Business Attribute value: its name and its annex (sections of options).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BusinessAttribute {
    /// The value's name (`_msg_ProfileNickname`).
    pub name: String,
    /// The annex tab: sections of options (`settings` / `is-searchable`).
    #[serde(default)]
    pub annex: Sections,
}

/// A deployment, as `waba config lint` reads it. Every key is optional; a rule whose key is absent
/// is not checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Bundle {
    /// Digital Messaging Server options by section (`channel-ghub` / `inbound-route`).
    pub dms: Option<Sections>,
    /// Chat Server options by section (`settings`, `endpoints:1`).
    pub chat_server: Option<Sections>,
    /// Workspace Desktop Edition options by section (`interaction-workspace`).
    pub workspace: Option<Sections>,
    /// Business Attribute values by attribute type (`Interaction Subtype`, `Contact Attributes`).
    pub business_attributes: Option<Pairs<Vec<BusinessAttribute>>>,
    /// The media types of the Configuration Server database.
    pub media_types: Option<Vec<String>>,
    /// Capacity rules: how many interactions of each media type an agent may handle at once.
    pub capacity_rules: Option<Pairs<u64>>,
    /// The privileges granted to the agents' role.
    pub privileges: Option<Vec<String>>,
    /// The default notification's template, in Meta's definition format.
    pub notification_template: Option<serde_json::Value>,
    /// Keys this bundle format does not have, kept to be reported.
    #[serde(flatten, skip_serializing)]
    pub unknown: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Why a bundle could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, waba_error::WabaError)]
#[waba(class = Invalid)]
#[non_exhaustive]
pub enum BundleError {
    /// The bundle is larger than [`BUNDLE_MAX_BYTES`]; nothing was read.
    #[error("the bundle is {actual} bytes, more than {limit}")]
    #[waba(code = "lint.bundle_too_large")]
    TooLarge {
        /// The cap.
        limit: u64,
        /// The bundle's size.
        actual: u64,
    },
    /// The bundle is not JSON.
    #[error("the bundle is not JSON: {message}")]
    #[waba(code = "lint.bundle_not_json", position = line)]
    NotJson {
        /// The parser's message (line and column).
        message: String,
        /// The line (from 1).
        line: u64,
    },
}

/// What reading a bundle gave: the bundle, or JSON of the wrong shape (a finding, not a refusal to
/// read: the rest of the deployment cannot be checked, and the lint says why).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Read {
    /// The bundle.
    Bundle(Box<Bundle>),
    /// JSON, but not a bundle: the parser's message.
    Shape(String),
}

/// Reads a bundle: size cap, then JSON; JSON of the wrong shape is [`Read::Shape`].
pub(crate) fn read(bytes: &[u8]) -> Result<Read, BundleError> {
    if bytes.len() > BUNDLE_MAX_BYTES {
        return Err(BundleError::TooLarge {
            limit: BUNDLE_MAX_BYTES as u64,
            actual: bytes.len() as u64,
        });
    }
    match serde_json::from_slice::<Bundle>(bytes) {
        Ok(b) => Ok(Read::Bundle(Box::new(b))),
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            Ok(Read::Shape(e.to_string()))
        }
        Err(e) => Err(BundleError::NotJson {
            message: crate::config::quote(&e.to_string()),
            line: e.line() as u64,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_order_are_kept() {
        let Read::Bundle(b) = read(
            br#"{"dms": {"channel-ghub": {"inbound-route": ",1:session-chat", "inbound-route": "1:x", "a": 5, "b": true}}}"#,
        )
        .unwrap() else {
            panic!("not a bundle")
        };
        let dms = b.dms.unwrap();
        let (name, section) = &dms.0[0];
        assert_eq!(name, "channel-ghub");
        let names: Vec<_> = section.iter().map(|(k, v)| (k, v.0.as_str())).collect();
        assert_eq!(
            names,
            [
                ("inbound-route", ",1:session-chat"),
                ("inbound-route", "1:x"),
                ("a", "5"),
                ("b", "true")
            ]
        );
    }

    #[test]
    fn shape_and_syntax_are_told_apart() {
        assert!(matches!(read(br#"{"dms": []}"#), Ok(Read::Shape(_))));
        assert!(matches!(
            read(br#"{"dms": {"s": {"o": null}}}"#),
            Ok(Read::Shape(_))
        ));
        assert!(matches!(
            read(br#"{"dms": "#),
            Err(BundleError::NotJson { .. })
        ));
        let big = vec![b' '; BUNDLE_MAX_BYTES + 1];
        assert!(matches!(read(&big), Err(BundleError::TooLarge { .. })));
        let Ok(Read::Bundle(b)) = read(br#"{"chatserver": {}}"#) else {
            panic!()
        };
        assert!(b.unknown.contains_key("chatserver"));
    }
}
