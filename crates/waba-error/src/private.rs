//! What the code of `#[derive(WabaError)]` calls. Not part of the stable API.

/// A value the derive reports as a number (`limit`, `actual`, `position`).
pub trait Number {
    /// The number, where it fits a `u64`.
    fn number(&self) -> Option<u64>;
}

impl Number for u64 {
    fn number(&self) -> Option<u64> {
        Some(*self)
    }
}

impl Number for u32 {
    fn number(&self) -> Option<u64> {
        Some(u64::from(*self))
    }
}

impl Number for usize {
    fn number(&self) -> Option<u64> {
        u64::try_from(*self).ok()
    }
}

impl Number for i64 {
    fn number(&self) -> Option<u64> {
        u64::try_from(*self).ok()
    }
}

impl<T: Number> Number for Option<T> {
    fn number(&self) -> Option<u64> {
        self.as_ref().and_then(Number::number)
    }
}

impl<T: Number + ?Sized> Number for &T {
    fn number(&self) -> Option<u64> {
        (**self).number()
    }
}

/// The number of `limit = ...`, `actual = ...` or `position = ...`.
pub fn number<T: Number>(value: T) -> Option<u64> {
    value.number()
}

/// A value the derive reports as Meta's code.
pub trait MetaCode {
    /// Meta's code, where there is one.
    fn meta_code(&self) -> Option<u32>;
}

impl MetaCode for u32 {
    fn meta_code(&self) -> Option<u32> {
        Some(*self)
    }
}

impl MetaCode for Option<u32> {
    fn meta_code(&self) -> Option<u32> {
        *self
    }
}

impl<T: MetaCode + ?Sized> MetaCode for &T {
    fn meta_code(&self) -> Option<u32> {
        (**self).meta_code()
    }
}

/// The code of `meta_code = ...`.
pub fn meta<T: MetaCode>(value: T) -> Option<u32> {
    value.meta_code()
}

/// A value the derive reports as the field concerned.
pub trait Field<'a> {
    /// The field's name, where there is one.
    fn field(self) -> Option<&'a str>;
}

impl<'a> Field<'a> for &'a str {
    fn field(self) -> Option<&'a str> {
        Some(self)
    }
}

impl<'a> Field<'a> for &'a &str {
    fn field(self) -> Option<&'a str> {
        Some(*self)
    }
}

impl<'a> Field<'a> for &'a String {
    fn field(self) -> Option<&'a str> {
        Some(self.as_str())
    }
}

impl<'a> Field<'a> for Option<&'a str> {
    fn field(self) -> Option<&'a str> {
        self
    }
}

impl<'a> Field<'a> for &'a Option<String> {
    fn field(self) -> Option<&'a str> {
        self.as_deref()
    }
}

/// The field of `field = ...`.
pub fn field<'a, T: Field<'a>>(value: T) -> Option<&'a str> {
    value.field()
}
