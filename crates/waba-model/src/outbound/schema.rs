//! Closed shapes written as data, for the deep structures of payment messages (order details,
//! payment settings) whose fields are many and that no rule of ours reads one by one: every key
//! is known, every value of its type, or the body is refused with the path.

use serde_json::Value;

use super::read::{index, join, wrong_type};
use crate::error::{ModelError, quote};

/// The shape of a JSON value.
pub(crate) enum Shape {
    /// A string.
    Str,
    /// A string among these.
    OneOf(&'static [&'static str]),
    /// An integer.
    Int,
    /// An object of these keys (and no other).
    Obj(&'static [Key]),
    /// An array of values of this shape.
    Arr(&'static Shape),
    /// Any object: the business's own data, passed on as given (notes, custom fields).
    FreeObject,
}

/// One key of an object shape.
pub(crate) struct Key {
    /// The key.
    pub(crate) name: &'static str,
    /// Its value's shape.
    pub(crate) shape: Shape,
    /// Whether it must be present.
    pub(crate) required: bool,
}

/// A required key.
pub(crate) const fn req(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        shape,
        required: true,
    }
}

/// An optional key.
pub(crate) const fn opt(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        shape,
        required: false,
    }
}

/// Checks `v` (found at `path`) against `shape`.
pub(crate) fn check(v: &Value, shape: &Shape, path: &str) -> Result<(), ModelError> {
    match (shape, v) {
        (Shape::Str, Value::String(_)) | (Shape::FreeObject, Value::Object(_)) => Ok(()),
        (Shape::OneOf(allowed), Value::String(s)) => {
            if allowed.contains(&s.as_str()) {
                Ok(())
            } else {
                Err(ModelError::UnknownType {
                    field: path.to_owned(),
                    value: quote(s),
                })
            }
        }
        (Shape::Int, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(()),
        (Shape::Obj(keys), Value::Object(map)) => {
            for key in *keys {
                match map.get(key.name) {
                    Some(v) => check(v, &key.shape, &join(path, key.name))?,
                    None if key.required => {
                        return Err(ModelError::Missing {
                            field: join(path, key.name),
                        });
                    }
                    None => {}
                }
            }
            match map
                .keys()
                .find(|k| !keys.iter().any(|key| key.name == k.as_str()))
            {
                Some(unknown) => Err(ModelError::UnknownKey {
                    field: join(path, &quote(unknown)),
                }),
                None => Ok(()),
            }
        }
        (Shape::Arr(item), Value::Array(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check(v, item, &index(path, i))),
        (shape, v) => Err(wrong_type(path.to_owned(), expected(shape), v)),
    }
}

fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::Str | Shape::OneOf(_) => "a string",
        Shape::Int => "an integer",
        Shape::Obj(_) | Shape::FreeObject => "an object",
        Shape::Arr(_) => "an array",
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::kind_of;
    use super::*;
    use waba_error::WabaError;

    static SHAPE: Shape = Shape::Obj(&[
        req("a", Shape::Str),
        opt("n", Shape::Int),
        opt(
            "list",
            Shape::Arr(&Shape::Obj(&[req("k", Shape::OneOf(&["x", "y"]))])),
        ),
    ]);

    #[test]
    fn every_key_is_known_and_typed() {
        let ok = serde_json::json!({"a": "s", "n": 3, "list": [{"k": "x"}]});
        assert!(check(&ok, &SHAPE, "p").is_ok());
        let cases = [
            (serde_json::json!({"n": 1}), "outbound.missing_field", "p.a"),
            (serde_json::json!({"a": 1}), "outbound.wrong_type", "p.a"),
            (
                serde_json::json!({"a": "s", "z": 1}),
                "outbound.unknown_key",
                "p.z",
            ),
            (
                serde_json::json!({"a": "s", "list": [{"k": "x"}, {"k": "q"}]}),
                "outbound.unknown_type",
                "p.list[1].k",
            ),
            (
                serde_json::json!({"a": "s", "n": 1.5}),
                "outbound.wrong_type",
                "p.n",
            ),
        ];
        for (v, code, field) in cases {
            let e = check(&v, &SHAPE, "p").unwrap_err();
            assert_eq!((e.code(), e.field()), (code, Some(field)), "{v}");
        }
        assert_eq!(kind_of(&Value::Null), "null");
    }
}
