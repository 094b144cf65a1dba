//! The machinery of the lossless inbound model: raw JSON kept byte for byte, unknown fields kept
//! in order, `null`s kept, element counts capped, one bad array item isolated from its neighbours.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// The most elements any array of a webhook may have (`entry`, `changes`, `messages`, `statuses`,
/// `contacts`, `errors`, and every array inside a message). Meta batches at most 1000 updates
/// per delivery.
pub const ELEMENTS_MAX: usize = 1000;

/// The marker that starts the text of a "too many elements" error inside serde.
pub(crate) const TOO_MANY_MARKER: &str = "waba:too_many_elements:";

/// A JSON value kept exactly as it came (its bytes, whitespace included).
///
/// Requires serde_json's text deserializer (`from_str`, or `from_slice` of UTF-8), as any
/// `RawValue` does; arrays of [`Slot`]s need the input to be borrowed (not `from_reader`).
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses `json` (which must be one valid JSON value) into a kept value.
    pub fn from_string(json: String) -> Result<RawJson, serde_json::Error> {
        RawValue::from_string(json).map(RawJson)
    }

    pub(crate) fn from_boxed(raw: Box<RawValue>) -> RawJson {
        RawJson(raw)
    }

    /// The `null` value.
    pub fn null() -> RawJson {
        RawJson(RawValue::NULL.to_owned())
    }

    /// Whether the value is a JSON string.
    pub fn is_string(&self) -> bool {
        self.get().starts_with('"')
    }

    /// The value as a `serde_json::Value` (numbers beyond `f64` lose precision there).
    pub fn to_value(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.get()).ok()
    }

    /// Reads the value as a `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &RawJson) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawJson, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawJson)
    }
}

/// A JSON number kept as its literal text, so that `18446744073709551616` or a 100-digit number
/// is never rounded; typed views are methods.
#[derive(Clone, PartialEq)]
pub struct JsonNumber(RawJson);

impl JsonNumber {
    /// The literal as written.
    pub fn as_str(&self) -> &str {
        self.0.get()
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
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonNumber, D::Error> {
        let raw = RawJson::deserialize(deserializer)?;
        match raw.get().as_bytes().first() {
            Some(b'-' | b'0'..=b'9') => Ok(JsonNumber(raw)),
            _ => Err(de::Error::custom("expected a number")),
        }
    }
}

/// Fields a wire struct did not know, in the order they came, duplicates included.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(pub Vec<(String, RawJson)>);

impl Extra {
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

    pub(crate) fn push(&mut self, key: String, value: RawJson) {
        self.0.push((key, value));
    }
}

/// `null` or a value (to keep an explicit `null` apart from an absent field).
pub(crate) enum Nullable<T> {
    Null,
    Some(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Nullable<T>, D::Error> {
        Option::<T>::deserialize(deserializer).map(|o| match o {
            None => Nullable::Null,
            Some(v) => Nullable::Some(v),
        })
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The known fields of a wire struct (generated by `wire_struct!`).
pub(crate) trait WireFields: Default {
    fn wire_ser<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
    fn wire_de<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A)
    -> Result<bool, A::Error>;
    fn extra(&self) -> &Extra;
    fn extra_mut(&mut self) -> &mut Extra;
}

/// What a wire struct does beyond its fields: after reading, and when writing.
pub(crate) trait WireHooks {
    /// Called once every field was read (e.g. to read the payload named by `type`).
    fn after_read(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// Reads a field that is not a plain field (returns whether it did).
    fn read_unknown<'de, A: MapAccess<'de>>(
        &mut self,
        _key: &str,
        _map: &mut A,
    ) -> Result<bool, A::Error> {
        Ok(false)
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
    for (k, v) in &value.extra().0 {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

pub(crate) struct WireVisitor<T>(pub(crate) PhantomData<T>, pub(crate) &'static str);

impl<'de, T: WireFields + WireHooks> Visitor<'de> for WireVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", self.1)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !value.wire_de(&key.0, &mut map)? && !value.read_unknown(&key.0, &mut map)? {
                let raw: RawJson = map.next_value()?;
                value.extra_mut().push(key.0.into_owned(), raw);
            }
        }
        value.after_read().map_err(de::Error::custom)?;
        Ok(value)
    }
}

/// Declares a wire struct: every known field optional, unknown ones kept in `extra`.
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

            #[allow(unused_variables)]
            fn wire_de<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    $( $wire => {
                        if self.$field.is_some() {
                            return Err(<A::Error as serde::de::Error>::custom(
                                concat!("duplicate field `", $wire, "`"),
                            ));
                        }
                        match map.next_value::<$crate::wire::Nullable<$ty>>()? {
                            $crate::wire::Nullable::Null => {
                                self.extra.push(key.to_owned(), $crate::wire::RawJson::null())
                            }
                            $crate::wire::Nullable::Some(v) => self.$field = Some(v),
                        }
                        Ok(true)
                    } )*
                    _ => Ok(false),
                }
            }

            fn extra(&self) -> &$crate::wire::Extra {
                &self.extra
            }

            fn extra_mut(&mut self) -> &mut $crate::wire::Extra {
                &mut self.extra
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::wire::serialize_wire(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map($crate::wire::WireVisitor::<$name>(
                    std::marker::PhantomData,
                    stringify!($name),
                ))
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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<List<T>, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
                while let Some(item) = seq.next_element()? {
                    if items.len() == ELEMENTS_MAX {
                        return Err(de::Error::custom(format_args!(
                            "{TOO_MANY_MARKER}{ELEMENTS_MAX}"
                        )));
                    }
                    items.push(item);
                }
                Ok(List(items))
            }
        }
        deserializer.deserialize_seq(ListVisitor(PhantomData))
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

impl<'de, T: DeserializeOwned> Deserialize<'de> for Slot<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Slot<T>, D::Error> {
        if !careful() {
            // Fast path: read in place; any failure fails the whole parse, which is then redone
            // carefully (see `Webhook::parse`).
            return T::deserialize(deserializer).map(Slot::Ok);
        }
        // Careful path: borrowed, nothing is copied unless the element turns out unreadable.
        let raw = <&'de RawValue>::deserialize(deserializer)?;
        Ok(match serde_json::from_str::<T>(raw.get()) {
            Ok(v) => Slot::Ok(v),
            Err(e) => Slot::Invalid {
                error: crate::error::quote_long(&e.to_string()),
                raw: RawJson(raw.to_owned()),
            },
        })
    }
}

thread_local! {
    static CAREFUL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether elements are read one by one, each isolated from its neighbours (slower).
pub(crate) fn careful() -> bool {
    CAREFUL.with(std::cell::Cell::get)
}

/// Runs `f` with careful reading on or off, restoring the previous mode afterwards.
pub(crate) fn with_careful<R>(on: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            CAREFUL.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CAREFUL.with(|c| c.replace(on)));
    f()
}
