//! The strict reader of send bodies: every object is taken apart key by key, every key must be
//! known, every value must have its documented JSON type, and every refusal names the JSON path
//! (`interactive.action.buttons[1].reply.title`).

use serde_json::{Map, Value};

use crate::error::{ModelError, quote};

/// The JSON path of `key` inside `path` (`""` is the body itself).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The JSON path of element `i` of the array at `path`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// What kind of JSON value `v` is, for error messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A wrong-type error for the value at `field`.
pub(crate) fn wrong_type(field: String, expected: &'static str, got: &Value) -> ModelError {
    ModelError::WrongType {
        field,
        expected,
        actual: kind_of(got),
    }
}

/// Reads a string value at `field`.
pub(crate) fn string_value(field: String, v: Value) -> Result<String, ModelError> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(field, "a string", &other)),
    }
}

/// An object being read: keys are taken out one by one; [`Reader::finish`] refuses what is left.
pub(crate) struct Reader {
    map: Map<String, Value>,
    path: String,
}

impl Reader {
    /// The object `value` found at `path`.
    pub(crate) fn new(value: Value, path: String) -> Result<Reader, ModelError> {
        match value {
            Value::Object(map) => Ok(Reader { map, path }),
            // The body itself is named `$` (JSONPath's root), never an empty name.
            other if path.is_empty() => Err(wrong_type("$".to_owned(), "an object", &other)),
            other => Err(wrong_type(path, "an object", &other)),
        }
    }

    /// The path of `key` in this object.
    pub(crate) fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Whether `key` is present.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The value of `key`, left in place.
    pub(crate) fn peek(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// Removes and returns a value.
    pub(crate) fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// A required value.
    pub(crate) fn required(&mut self, key: &str) -> Result<Value, ModelError> {
        self.map.remove(key).ok_or_else(|| ModelError::Missing {
            field: join(&self.path, key),
        })
    }

    /// A required string.
    pub(crate) fn string(&mut self, key: &str) -> Result<String, ModelError> {
        let v = self.required(key)?;
        string_value(self.at(key), v)
    }

    /// An optional string (`null` is refused: it is not a string).
    pub(crate) fn opt_string(&mut self, key: &str) -> Result<Option<String>, ModelError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(v) => string_value(self.at(key), v).map(Some),
        }
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&mut self, key: &str) -> Result<Option<bool>, ModelError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(wrong_type(self.at(key), "a boolean", &other)),
        }
    }

    /// An optional integer within `min..=max`.
    pub(crate) fn opt_int(
        &mut self,
        key: &str,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, ModelError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(v) => int_value(self.at(key), &v, min, max).map(Some),
        }
    }

    /// A required integer within `min..=max`.
    pub(crate) fn int(&mut self, key: &str, min: i64, max: i64) -> Result<i64, ModelError> {
        let v = self.required(key)?;
        int_value(self.at(key), &v, min, max)
    }

    /// A required object.
    pub(crate) fn object(&mut self, key: &str) -> Result<Reader, ModelError> {
        let v = self.required(key)?;
        Reader::new(v, self.at(key))
    }

    /// An optional object.
    pub(crate) fn opt_object(&mut self, key: &str) -> Result<Option<Reader>, ModelError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(v) => Reader::new(v, self.at(key)).map(Some),
        }
    }

    /// A required array, each element with its path.
    pub(crate) fn array(&mut self, key: &str) -> Result<Vec<(String, Value)>, ModelError> {
        let v = self.required(key)?;
        array_value(self.at(key), v)
    }

    /// An optional array, each element with its path.
    pub(crate) fn opt_array(
        &mut self,
        key: &str,
    ) -> Result<Option<Vec<(String, Value)>>, ModelError> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(v) => array_value(self.at(key), v).map(Some),
        }
    }

    /// A required string that must be one of `allowed` (a fixed wire value such as an action's
    /// `name`).
    pub(crate) fn fixed(&mut self, key: &str, allowed: &'static str) -> Result<(), ModelError> {
        let value = self.string(key)?;
        if value == allowed {
            Ok(())
        } else {
            Err(ModelError::InvalidValue {
                field: self.at(key),
                reason: format!("{:?} is not {allowed:?}", quote(&value)),
            })
        }
    }

    /// `{key: {"text": "..."}}`, Meta's wrapper of body and footer texts.
    pub(crate) fn opt_wrapped_text(&mut self, key: &str) -> Result<Option<String>, ModelError> {
        match self.opt_object(key)? {
            None => Ok(None),
            Some(mut o) => {
                let text = o.string("text")?;
                o.finish()?;
                Ok(Some(text))
            }
        }
    }

    /// Refuses any key left unread.
    pub(crate) fn finish(self) -> Result<(), ModelError> {
        match self.map.into_iter().next() {
            None => Ok(()),
            Some((key, _)) => Err(ModelError::UnknownKey {
                field: join(&self.path, &quote(&key)),
            }),
        }
    }
}

/// An integer within `min..=max` at `field` (a number with a fraction or an exponent is refused).
pub(crate) fn int_value(field: String, v: &Value, min: i64, max: i64) -> Result<i64, ModelError> {
    let Value::Number(n) = v else {
        return Err(wrong_type(field, "an integer", v));
    };
    match n.as_i64() {
        Some(i) if (min..=max).contains(&i) => Ok(i),
        _ => Err(ModelError::InvalidValue {
            field,
            reason: format!("{n} is not an integer from {min} to {max}"),
        }),
    }
}

/// The elements of the array `v` at `field`, each with its path.
pub(crate) fn array_value(field: String, v: Value) -> Result<Vec<(String, Value)>, ModelError> {
    match v {
        Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, item)| (index(&field, i), item))
            .collect()),
        other => Err(wrong_type(field, "an array", &other)),
    }
}

/// A JSON object whose keys are free (the business's own data: a flow's `data`); refused when it is
/// not an object.
pub(crate) fn free_object(field: String, v: Value) -> Result<Map<String, Value>, ModelError> {
    match v {
        Value::Object(map) => Ok(map),
        other => Err(wrong_type(field, "an object", &other)),
    }
}

// Writing the closed shapes, and serde through the strict reader: objects built by hand (the
// shapes with a `type` tag whose payload sits under a key named after the type).

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
