//! Small helpers for reading and writing JSON objects by hand (the wire shapes with a `type` tag
//! whose payload sits under a key named after the type).

use serde_json::{Map, Value};

/// Builds an object from pairs, leaving out the `None` values.
pub(crate) fn object<const N: usize>(pairs: [(&str, Option<Value>); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        if let Some(value) = value {
            map.insert(key.to_owned(), value);
        }
    }
    Value::Object(map)
}

/// A string value.
pub(crate) fn s(text: &str) -> Option<Value> {
    Some(Value::String(text.to_owned()))
}

/// An optional string value.
pub(crate) fn os(text: Option<&str>) -> Option<Value> {
    text.map(|t| Value::String(t.to_owned()))
}

/// `{key: text}`, as Meta wraps body and footer texts.
pub(crate) fn wrap(key: &str, text: &str) -> Value {
    object([(key, s(text))])
}

/// Implements `Serialize`/`Deserialize` through `to_json`/`from_json` methods.
macro_rules! serde_via_json {
    ($ty:ty, $what:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_json().serialize(serializer)
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$ty>::from_json(value).map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use serde_via_json;
