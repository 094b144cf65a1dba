//! Open string enums: known values typed, any other value kept as it came and written back.

/// Declares an open enum of wire strings: its known values typed, any other kept in `Other` as it
/// came; with `from_wire`, `as_str`, `Display`, and serde as that string.
///
/// ```
/// waba_json::open_enum! {
///     /// A status.
///     pub enum Status {
///         /// `sent`.
///         Sent = "sent",
///         /// `read`.
///         Read = "read",
///     }
/// }
/// assert_eq!(Status::from_wire("read"), Status::Read);
/// assert_eq!(Status::from_wire("warning").as_str(), "warning");
/// let s: Status = serde_json::from_str(r#""sent""#)?;
/// assert_eq!(serde_json::to_string(&s)?, r#""sent""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// Any other value, as it came.
            Other(String),
        }

        impl $name {
            /// Reads a wire value (exact match; any other value is kept in `Other`).
            pub fn from_wire(value: &str) -> $name {
                match value {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(s) => s,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                <std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(d)
                    .map(|s| $name::from_wire(&s))
            }
        }
    };
}
