//! Unit tests of `#[derive(WabaError)]`: every key, each form of value, and the defaults.

use crate::{ErrorClass, WabaError};

/// A name the derive reads through a method, as the crates' `Field` enums are.
#[derive(Debug, Clone, Copy)]
enum Part {
    Body,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Body => "body",
        }
    }
}

fn part_code(part: Part) -> &'static str {
    match part {
        Part::Body => "sample.body_bad",
    }
}

#[derive(Debug, thiserror::Error, crate::WabaError)]
#[waba(class = Invalid)]
enum Every {
    #[error("unit")]
    #[waba(code = "sample.unit")]
    Unit,
    #[error("named numbers")]
    #[waba(code = "sample.named", field = "text", meta_code = 131_009)]
    Named {
        limit: u64,
        actual: u64,
        position: u64,
    },
    #[error("renamed numbers")]
    #[waba(code = "sample.renamed", limit = max, actual = *len, position = at)]
    Renamed {
        max: usize,
        len: u32,
        at: Option<u64>,
    },
    #[error("a number given as a literal, and one taken away")]
    #[waba(code = "sample.literal", limit = 1, actual = None)]
    Literal { actual: u64 },
    #[error("computed")]
    #[waba(
        code = part_code(*part),
        field = part.as_str(),
        actual = positional.saturating_add(*named),
        meta_code = if *named > 0 { Some(132_000) } else { None },
        class = Refused,
        http_status = 409
    )]
    Computed {
        part: Part,
        positional: u64,
        named: u64,
    },
    #[error("owned name")]
    #[waba(code = "sample.owned", field = name, class = ErrorClass::Transient)]
    Owned { name: String },
    #[error("maybe a name")]
    #[waba(code = "sample.maybe", field = name)]
    Maybe { name: Option<String> },
    #[error("tuple")]
    #[waba(code = "sample.tuple", position = _1, field = *_0)]
    Tuple(&'static str, i64),
    // thiserror's transparent is ours too.
    #[error(transparent)]
    Inner(Leaf),
    #[error("wrapped: {0}")]
    #[waba(transparent)]
    Wrapped(Leaf),
    // A code of its own wins over thiserror's transparent.
    #[error(transparent)]
    #[waba(code = "sample.own_code", field = "own")]
    OwnCode(Leaf),
}

#[derive(Debug, thiserror::Error, crate::WabaError)]
#[error("leaf")]
#[waba(code = "sample.leaf", class = Unauthenticated, http_status = 429, limit = 7, field = "leaf", meta_code = 190)]
struct Leaf {
    actual: u64,
}

#[derive(Debug, thiserror::Error, crate::WabaError)]
#[error("unit struct")]
#[waba(code = "sample.unit_struct", class = Transient)]
struct UnitStruct;

#[derive(Debug, thiserror::Error, crate::WabaError)]
#[waba(class = Refused, http_status = 503)]
enum WithStatus {
    #[error("default status")]
    #[waba(code = "sample.default_status")]
    Default,
    #[error("own status")]
    #[waba(code = "sample.own_status", http_status = 200)]
    Own,
}

/// Every method's answer: code, class, field, [limit, actual, position], Meta's code, status.
type Answers<'a> = (
    &'static str,
    ErrorClass,
    Option<&'a str>,
    [Option<u64>; 3],
    Option<u32>,
    u16,
);

/// Every method's answer at once.
fn all(e: &dyn WabaError) -> Answers<'_> {
    (
        e.code(),
        e.class(),
        e.field(),
        [e.limit(), e.actual(), e.position()],
        e.meta_code(),
        e.http_status(),
    )
}

#[test]
fn unit_variant_takes_the_enum_class_and_its_status() {
    assert_eq!(
        all(&Every::Unit),
        (
            "sample.unit",
            ErrorClass::Invalid,
            None,
            [None; 3],
            None,
            400
        )
    );
}

#[test]
fn fields_named_limit_actual_position_are_reported() {
    let e = Every::Named {
        limit: 3,
        actual: 4,
        position: 5,
    };
    assert_eq!(
        all(&e),
        (
            "sample.named",
            ErrorClass::Invalid,
            Some("text"),
            [Some(3), Some(4), Some(5)],
            Some(131_009),
            400
        )
    );
}

#[test]
fn numbers_of_other_names_and_types() {
    let e = Every::Renamed {
        max: 10,
        len: 11,
        at: Some(2),
    };
    assert_eq!(all(&e).3, [Some(10), Some(11), Some(2)]);
    let e = Every::Renamed {
        max: 10,
        len: 11,
        at: None,
    };
    assert_eq!(all(&e).3, [Some(10), Some(11), None]);
    // A negative number is no count: it is left out rather than wrapped.
    assert_eq!(Every::Tuple("x", -1).position(), None);
    assert_eq!(Every::Tuple("x", 6).position(), Some(6));
    assert_eq!(Every::Tuple("x", 6).field(), Some("x"));
}

#[test]
fn a_literal_number_and_none_override_the_field() {
    assert_eq!(all(&Every::Literal { actual: 9 }).3, [Some(1), None, None]);
}

#[test]
fn expressions_see_the_fields() {
    let e = Every::Computed {
        part: Part::Body,
        positional: 2,
        named: 1,
    };
    assert_eq!(
        all(&e),
        (
            "sample.body_bad",
            ErrorClass::Refused,
            Some("body"),
            [None, Some(3), None],
            Some(132_000),
            409
        )
    );
    let e = Every::Computed {
        part: Part::Body,
        positional: 2,
        named: 0,
    };
    assert_eq!(e.meta_code(), None);
}

#[test]
fn owned_and_optional_names() {
    let e = Every::Owned {
        name: "token".to_owned(),
    };
    assert_eq!(
        (e.field(), e.class(), e.http_status()),
        (Some("token"), ErrorClass::Transient, 503)
    );
    assert_eq!(
        Every::Maybe {
            name: Some("a".to_owned())
        }
        .field(),
        Some("a")
    );
    assert_eq!(Every::Maybe { name: None }.field(), None);
}

#[test]
fn transparent_asks_the_inner_error_for_everything() {
    let e = Every::Inner(Leaf { actual: 8 });
    let leaf = (
        "sample.leaf",
        ErrorClass::Unauthenticated,
        Some("leaf"),
        [Some(7), Some(8), None],
        Some(190),
        429,
    );
    assert_eq!(all(&e), leaf);
    assert_eq!(all(&Every::Wrapped(Leaf { actual: 8 })), leaf);
    assert_eq!(all(&Leaf { actual: 8 }), leaf);
    assert_eq!(
        all(&Every::OwnCode(Leaf { actual: 8 })),
        (
            "sample.own_code",
            ErrorClass::Invalid,
            Some("own"),
            [None; 3],
            None,
            400
        )
    );
    assert_eq!(e.problem().status, 429);
}

#[test]
fn structs_take_their_keys_from_the_struct() {
    assert_eq!(
        all(&UnitStruct),
        (
            "sample.unit_struct",
            ErrorClass::Transient,
            None,
            [None; 3],
            None,
            503
        )
    );
}

#[test]
fn the_enum_may_set_a_status_and_a_variant_its_own() {
    assert_eq!(WithStatus::Default.http_status(), 503);
    assert_eq!(WithStatus::Own.http_status(), 200);
    assert_eq!(WithStatus::Own.class(), ErrorClass::Refused);
}
