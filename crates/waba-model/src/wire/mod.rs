//! The one lossless JSON mechanism of what waba receives: Meta's webhooks, Meta's answers to
//! sends, template definitions (decision 0207).
//!
//! A [`Reader`] goes once over the text: typed values are read in place ([`ReadWire`]), what is
//! not typed is kept as its exact bytes ([`RawJson`]: unknown fields in order with their
//! duplicates ([`Extra`]), `null`s, numbers of any size ([`JsonNumber`])), arrays are capped
//! ([`List`], [`ELEMENTS_MAX`]), typed nesting is capped ([`DEPTH_MAX`]), and an element that
//! cannot be read is skimmed again and kept as it came beside its neighbours ([`Slot`],
//! [`Reader::isolated`]). Errors are typed by the reader's own code paths ([`ReadError`]); there is
//! no mode to switch and no parser message to match. A strict reader ([`Reader::strict`]) refuses
//! a key given twice anywhere, with its JSON path (template definitions, decision 0008).
//!
//! Writing goes through serde (`Serialize`): known fields in their order, then the unknown ones
//! as they came. The serde `Deserialize` of these types hands the value's text to the reader, so
//! it needs serde_json.
//!
//! ```
//! use waba_model::wire::{Extra, RawJson, ReadWire, Reader};
//!
//! // Any object, its members kept as they came, in order, duplicates included.
//! let extra = Extra::from_json(r#"{"n": 1e999, "id": 12345678901234567890123, "n": null}"#)?;
//! assert_eq!(extra.get("n").map(RawJson::get), Some("1e999"));
//! assert_eq!(extra.0.len(), 3);
//!
//! // Read strictly, a key given twice is refused with its path.
//! let e = Reader::strict(r#"{"a": [{"b": 1, "b": 2}]}"#).raw_str().unwrap_err();
//! assert_eq!(e.to_string(), "the key a[0].b is given twice");
//! # Ok::<(), waba_model::wire::ReadError>(())
//! ```

mod read;

use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

pub use read::{DEPTH_MAX, Kind, ReadError, Reader, Unreadable};

/// The most elements any array of a webhook may have (`entry`, `changes`, `messages`, `statuses`,
/// `contacts`, `errors`, and every array inside a message). Meta batches at most 1000 updates
/// per delivery.
pub const ELEMENTS_MAX: usize = 1000;

/// A value the reader builds from JSON text.
pub trait ReadWire: Sized {
    /// Reads one value at the reader's position.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError>;

    /// Reads `text`, which must be exactly one value (whitespace around it allowed).
    fn from_json(text: &str) -> Result<Self, ReadError> {
        read_document(&mut Reader::new(text))
    }
}

/// Reads one value with `r`, then requires the end of the text.
pub fn read_document<T: ReadWire>(r: &mut Reader<'_>) -> Result<T, ReadError> {
    let value = T::read(r)?;
    r.finish()?;
    Ok(value)
}

/// A JSON value kept exactly as it came (its bytes, whitespace inside it included).
#[derive(Clone, PartialEq, Eq)]
pub struct RawJson(Box<str>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// Checks that `json` is one JSON value (whitespace around it is dropped) and keeps it.
    pub fn from_string(json: String) -> Result<RawJson, ReadError> {
        let mut r = Reader::new(&json);
        let raw = r.raw_str()?;
        r.finish()?;
        if raw.len() == json.len() {
            return Ok(RawJson(json.into_boxed_str()));
        }
        Ok(RawJson::from_checked(raw))
    }

    /// Text the reader checked (or serde_json wrote).
    pub(crate) fn from_checked(text: &str) -> RawJson {
        RawJson(text.into())
    }

    /// Text serde_json wrote.
    pub(crate) fn from_written(text: String) -> RawJson {
        RawJson(text.into_boxed_str())
    }

    /// The `null` value.
    pub fn null() -> RawJson {
        RawJson("null".into())
    }

    /// Whether the value is a JSON string.
    pub fn is_string(&self) -> bool {
        self.get().starts_with('"')
    }

    /// The value as a `serde_json::Value` (numbers beyond `f64` lose precision there).
    pub fn to_value(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.get()).ok()
    }

    /// Reads the value as a type of the model (the same reader as the webhook's).
    pub fn read<T: ReadWire>(&self) -> Result<T, ReadError> {
        T::from_json(self.get())
    }

    /// The string found by following `path` through objects (`["user_id", "previous"]`), read by
    /// the lossless reader; `None` when a step is missing or the end is not a string.
    pub(crate) fn text_at(&self, path: &[&str]) -> Option<String> {
        let Some((last, steps)) = path.split_last() else {
            return self.read().ok();
        };
        let mut members = Extra::from_json(self.get()).ok()?;
        for step in steps {
            members = Extra::from_json(members.get(step)?.get()).ok()?;
        }
        members.get(last)?.read().ok()
    }

    /// The elements of a kept array, each as it came (`None` when it is not an array).
    pub(crate) fn elements(&self) -> Option<Vec<RawJson>> {
        let mut items = Vec::new();
        let mut r = Reader::new(self.get());
        r.array("an array", |r, _| {
            items.push(r.raw()?);
            Ok(())
        })
        .ok()?;
        Some(items)
    }

    /// Reads the value as any serde type (through serde_json).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(self.get(), serializer)
    }
}

/// Writes checked JSON text as it is. The common values (a string without escapes, an integer,
/// a literal) go through the serializer's own methods, which write the same bytes; anything else
/// through serde_json's raw value.
fn serialize_text<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match text.as_bytes().first() {
        Some(b'"') if !text.contains('\\') => {
            if let Some(inner) = text.get(1..text.len() - 1) {
                return serializer.serialize_str(inner);
            }
        }
        // The reader refuses leading zeros, so an integer that fits is written back the same.
        Some(b'0'..=b'9') => {
            if let Ok(v) = text.parse::<u64>() {
                return serializer.serialize_u64(v);
            }
        }
        Some(b'-') if text != "-0" => {
            if let Ok(v) = text.parse::<i64>() {
                return serializer.serialize_i64(v);
            }
        }
        _ => match text {
            "true" => return serializer.serialize_bool(true),
            "false" => return serializer.serialize_bool(false),
            "null" => return serializer.serialize_unit(),
            _ => {}
        },
    }
    let raw: &RawValue = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawJson, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(|raw| RawJson::from_checked(raw.get()))
    }
}

impl ReadWire for RawJson {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.raw()
    }
}

/// A JSON number kept as its literal text, so that `18446744073709551616` or a 100-digit number
/// is never rounded; typed views are methods.
#[derive(Clone, PartialEq, Eq)]
pub struct JsonNumber(Box<str>);

impl JsonNumber {
    /// Checks that `literal` is a JSON number and keeps it as written.
    pub fn new(literal: &str) -> Result<JsonNumber, ReadError> {
        let mut r = Reader::new(literal);
        let n = JsonNumber::read(&mut r)?;
        r.finish()?;
        Ok(n)
    }

    /// The literal as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as an unsigned integer, when it is one that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_str().parse().ok()
    }

    /// The value as a signed integer, when it is one that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_str().parse().ok()
    }

    /// The value as a finite `f64`; `None` when it overflows or when a non-zero literal would
    /// underflow to zero (`1e-999`).
    pub fn as_f64(&self) -> Option<f64> {
        let text = self.as_str();
        let v: f64 = text.parse().ok()?;
        if !v.is_finite() {
            return None;
        }
        let mantissa = text.split(['e', 'E']).next().unwrap_or("");
        if v == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            return None;
        }
        Some(v)
    }
}

impl fmt::Debug for JsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for JsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for JsonNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(self.as_str(), serializer)
    }
}

impl<'de> Deserialize<'de> for JsonNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonNumber, D::Error> {
        deserialize_via_reader(deserializer)
    }
}

impl ReadWire for JsonNumber {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        if r.peek()? == Kind::Number {
            return r.number().map(|n| JsonNumber(n.into()));
        }
        r.raw_str()?;
        Err(r.invalid("expected a number"))
    }
}

impl ReadWire for String {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.string().map(std::borrow::Cow::into_owned)
    }
}

impl ReadWire for bool {
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.bool()
    }
}

impl<T: ReadWire> ReadWire for Box<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        T::read(r).map(Box::new)
    }
}

/// The serde `Deserialize` of the model: the value's text, handed to the reader (serde_json
/// deserializers only, as for any raw value).
pub(crate) fn deserialize_via_reader<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: ReadWire,
{
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    T::from_json(raw.get()).map_err(|e| de::Error::custom(e.describe(raw.get())))
}

/// Fields a wire struct did not know, in the order they came, duplicates included.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(pub Vec<(String, RawJson)>);

impl Extra {
    /// Reads the members of a JSON object, each kept as it came, in order, duplicates included.
    pub fn from_json(text: &str) -> Result<Extra, ReadError> {
        read_document(&mut Reader::new(text))
    }

    /// The first value kept under `key`.
    pub fn get(&self, key: &str) -> Option<&RawJson> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Removes and returns the first value kept under `key`.
    pub fn remove(&mut self, key: &str) -> Option<RawJson> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps `value` under `key`, after the others.
    pub fn push(&mut self, key: String, value: RawJson) {
        self.0.push((key, value));
    }

    /// Writes the members (after a struct's own fields).
    pub fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        Ok(())
    }
}

impl ReadWire for Extra {
    /// Reads every member of an object as it came.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let mut extra = Extra::default();
        r.object("an object", |r, key| {
            let raw = r.raw()?;
            extra.push(key.into_owned(), raw);
            Ok(())
        })?;
        Ok(extra)
    }
}

/// The known fields of a wire struct (generated by `wire_struct!`).
pub(crate) trait WireFields: Default {
    fn wire_ser<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
    fn extra(&self) -> &Extra;
}

/// What a wire struct does beyond its fields: while and after reading, and when writing.
pub(crate) trait WireHooks {
    /// Reads a field that is not a plain field (returns whether it did).
    fn read_unknown(&mut self, _key: &str, _r: &mut Reader<'_>) -> Result<bool, ReadError> {
        Ok(false)
    }
    /// Called once every field was read (e.g. to place the payload named by `type`).
    fn after_read(&mut self, _r: &Reader<'_>) -> Result<(), ReadError> {
        Ok(())
    }
    /// Writes entries that are not plain fields.
    fn write_more<M: SerializeMap>(&self, _map: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

pub(crate) fn serialize_wire<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: WireFields + WireHooks,
    S: Serializer,
{
    let mut map = serializer.serialize_map(None)?;
    value.wire_ser(&mut map)?;
    value.write_more(&mut map)?;
    value.extra().write(&mut map)?;
    map.end()
}

/// Declares a wire struct: every known field optional, unknown ones kept in `extra`; an explicit
/// `null` on a known field is kept in `extra` too (so it is written back).
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $wire:literal, )*
        }
        $( also { $( $(#[$pmeta:meta])* $pfield:ident : $pty:ty, )* } )?
        $( hidden { $( $(#[$hmeta:meta])* $hfield:ident : $hty:ty, )* } )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: Option<$ty>, )*
            $( $( $(#[$pmeta])* pub $pfield: $pty, )* )?
            $( $( $(#[$hmeta])* $hfield: $hty, )* )?
            /// Fields this model does not know, kept as they came, in order.
            pub extra: $crate::wire::Extra,
        }

        impl $crate::wire::WireFields for $name {
            fn wire_ser<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                $( if let Some(v) = &self.$field { map.serialize_entry($wire, v)?; } )*
                Ok(())
            }

            fn extra(&self) -> &$crate::wire::Extra {
                &self.extra
            }
        }

        impl $crate::wire::ReadWire for $name {
            fn read(r: &mut $crate::wire::Reader<'_>) -> Result<Self, $crate::wire::ReadError> {
                let mut value = <$name as Default>::default();
                r.object(concat!("a ", stringify!($name), " object"), |r, key| {
                    match &*key {
                        $( $wire => {
                            // A null is kept in `extra` wherever it stands: it never conflicts
                            // with the field's value, before or after it (written back, it
                            // comes after the field).
                            if r.null()? {
                                value.extra.push(key.into_owned(), $crate::wire::RawJson::null());
                            } else if value.$field.is_some() {
                                return Err(r.duplicate_field($wire));
                            } else {
                                value.$field =
                                    Some(<$ty as $crate::wire::ReadWire>::read(r)?);
                            }
                        } )*
                        _ => {
                            if !$crate::wire::WireHooks::read_unknown(&mut value, &key, r)? {
                                let raw = r.raw()?;
                                value.extra.push(key.into_owned(), raw);
                            }
                        }
                    }
                    Ok(())
                })?;
                $crate::wire::WireHooks::after_read(&mut value, r)?;
                Ok(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::wire::serialize_wire(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::deserialize_via_reader(deserializer)
            }
        }
    };
}
pub(crate) use wire_struct;

/// An array of at most [`ELEMENTS_MAX`] elements.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List(Vec::new())
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<T: ReadWire> ReadWire for List<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let mut items = Vec::new();
        r.array("an array", |r, _| {
            let item = T::read(r)?;
            if items.len() == ELEMENTS_MAX {
                return Err(r.too_many(ELEMENTS_MAX));
            }
            if items.is_empty() {
                // Most arrays of a webhook hold one element.
                items.reserve_exact(1);
            }
            items.push(item);
            Ok(())
        })?;
        Ok(List(items))
    }
}

/// One element of an array whose elements are read independently: a bad one is kept as it came
/// with the reason, and does not take its neighbours down.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot<T> {
    /// Read.
    Ok(T),
    /// Not readable as a `T`; kept byte for byte.
    Invalid {
        /// The element as it came.
        raw: RawJson,
        /// Why it could not be read.
        error: String,
    },
}

impl<T> Slot<T> {
    /// The element, when it was read.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Slot::Ok(v) => Some(v),
            Slot::Invalid { .. } => None,
        }
    }
}

impl<T: Serialize> Serialize for Slot<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Slot::Ok(v) => v.serialize(serializer),
            Slot::Invalid { raw, .. } => raw.serialize(serializer),
        }
    }
}

impl<T: ReadWire> ReadWire for Slot<T> {
    /// Reads the element in place; when it cannot be read, it is skimmed again and kept.
    fn read(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        Ok(match r.isolated(T::read)? {
            Ok(v) => Slot::Ok(v),
            Err(bad) => Slot::Invalid {
                raw: bad.raw,
                error: bad.error,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kept_values_are_written_back_byte_for_byte() {
        for text in [
            r#""1697043223""#,
            r#""a/b é \u2028""#,
            r#""\u00e9\"\\""#,
            "0",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "-0",
            "1e999",
            "1.50",
            "true",
            "false",
            "null",
            "[1, {\"a\" : 2}]",
            "{}",
        ] {
            let raw = RawJson::from_string(text.to_owned()).unwrap();
            assert_eq!(serde_json::to_string(&raw).unwrap(), text);
            if !text.starts_with(['"', 't', 'f', 'n', '[', '{']) {
                let n = JsonNumber::new(text).unwrap();
                assert_eq!(serde_json::to_string(&n).unwrap(), text);
            }
        }
        // Into a Value, the same value.
        let raw = RawJson::from_string(r#""x""#.to_owned()).unwrap();
        assert_eq!(serde_json::to_value(&raw).unwrap(), serde_json::json!("x"));
    }
}
