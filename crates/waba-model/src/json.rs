//! Small helpers for reading and writing JSON objects by hand (the wire shapes with a `type` tag
//! whose payload sits under a key named after the type).

use serde_json::{Map, Value};

/// An object being taken apart field by field; `finish` says whether nothing unexpected was left.
pub(crate) struct Obj(Map<String, Value>);

impl Obj {
    /// The object inside `value`, or `None` when it is not an object.
    pub(crate) fn new(value: Value) -> Option<Obj> {
        match value {
            Value::Object(map) => Some(Obj(map)),
            _ => None,
        }
    }

    /// Removes and returns a field.
    pub(crate) fn take(&mut self, key: &str) -> Option<Value> {
        self.0.remove(key)
    }

    /// Removes a required string field; `None` when missing or not a string.
    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        match self.0.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// Removes an optional string field: `Some(None)` when absent, `None` when present but not a
    /// string (including `null`, which would not serialize back the same).
    pub(crate) fn opt_string(&mut self, key: &str) -> Option<Option<String>> {
        match self.0.remove(key) {
            None => Some(None),
            Some(Value::String(s)) => Some(Some(s)),
            Some(_) => None,
        }
    }

    /// Removes a required object field.
    pub(crate) fn object(&mut self, key: &str) -> Option<Obj> {
        self.0.remove(key).and_then(Obj::new)
    }

    /// Removes an object field that must hold exactly `{inner: "<string>"}` (Meta's `{"text": ...}`
    /// wrappers).
    pub(crate) fn wrapped_string(&mut self, key: &str, inner: &str) -> Option<String> {
        let mut o = self.object(key)?;
        let s = o.string(inner)?;
        o.finish()?;
        Some(s)
    }

    /// Whether every field was consumed.
    pub(crate) fn finish(self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

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
