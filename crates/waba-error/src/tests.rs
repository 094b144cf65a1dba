//! Unit tests of the error contract.

use crate::*;

#[derive(Debug, thiserror::Error)]
enum Sample {
    #[error("signature does not match")]
    Mismatch,
    #[error("{actual} bytes, more than {limit}")]
    TooBig { limit: u64, actual: u64 },
}

impl WabaError for Sample {
    fn code(&self) -> &'static str {
        match self {
            Sample::Mismatch => "sample.mismatch",
            Sample::TooBig { .. } => "sample.too_big",
        }
    }
    fn class(&self) -> ErrorClass {
        match self {
            Sample::Mismatch => ErrorClass::Unauthenticated,
            Sample::TooBig { .. } => ErrorClass::Invalid,
        }
    }
    fn limit(&self) -> Option<u64> {
        match self {
            Sample::TooBig { limit, .. } => Some(*limit),
            Sample::Mismatch => None,
        }
    }
    fn actual(&self) -> Option<u64> {
        match self {
            Sample::TooBig { actual, .. } => Some(*actual),
            Sample::Mismatch => None,
        }
    }
}

static_assertions::assert_impl_all!(ErrorReport: Send, Sync);
static_assertions::assert_impl_all!(Problem: Send, Sync);
static_assertions::assert_obj_safe!(WabaError);

#[test]
fn problem_has_rfc9457_members_and_ours() {
    let p = serde_json::to_value(
        Sample::TooBig {
            limit: 10,
            actual: 11,
        }
        .problem(),
    )
    .unwrap();
    assert_eq!(
        p,
        serde_json::json!({
            "type": "urn:waba:error:sample.too_big",
            "title": "invalid input",
            "status": 400,
            "detail": "11 bytes, more than 10",
            "code": "sample.too_big",
            "class": "invalid",
            "limit": 10,
            "actual": 11
        })
    );
}

#[test]
fn status_follows_class() {
    let statuses: Vec<u16> = ErrorClass::ALL.iter().map(|c| c.http_status()).collect();
    assert_eq!(statuses, [400, 401, 422, 503]);
    assert_eq!(Sample::Mismatch.problem().status, 401);
    assert!(ErrorClass::Transient.retryable());
    assert!(!ErrorClass::Invalid.retryable());
}

#[test]
fn report_round_trips_and_leaves_unknown_numbers_out() {
    let r = Sample::Mismatch.report();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"code": "sample.mismatch", "message": "signature does not match", "class": "unauthenticated"})
    );
    assert_eq!(serde_json::from_value::<ErrorReport>(v).unwrap(), r);
}

#[test]
fn dyn_and_references_reach_every_method() {
    let e = Sample::TooBig {
        limit: 1,
        actual: 2,
    };
    let d: &dyn WabaError = &e;
    assert_eq!(d.report().details.limit, Some(1));
    let boxed: Box<dyn WabaError> = Box::new(Sample::Mismatch);
    assert_eq!(boxed.code(), "sample.mismatch");
    let by_ref: &Sample = &e;
    assert_eq!(WabaError::actual(&by_ref), Some(2));
}

#[test]
fn class_names_are_the_serialized_names() {
    for c in ErrorClass::ALL {
        assert_eq!(
            serde_json::to_value(c).unwrap(),
            serde_json::Value::String(c.as_str().to_owned())
        );
        assert_eq!(c.to_string(), c.as_str());
    }
}

/// An error whose documentation gives another status than its class's.
#[derive(Debug, thiserror::Error)]
#[error("held")]
struct Held;

impl WabaError for Held {
    fn code(&self) -> &'static str {
        "sample.held"
    }
    fn class(&self) -> ErrorClass {
        ErrorClass::Transient
    }
    fn http_status(&self) -> u16 {
        429
    }
}

#[test]
fn an_error_may_say_its_own_status_and_the_problem_carries_it() {
    assert_eq!(Held.problem().status, 429);
    assert_eq!(Held.problem().title, "transient failure");
    let d: &dyn WabaError = &Held;
    assert_eq!(d.http_status(), 429);
    assert_eq!(WabaError::http_status(&d), 429);
    assert_eq!(WabaError::problem(&&Held).status, 429);
    // The report carries no status, and the problem of a report is the class's.
    assert_eq!(Problem::from_report(Held.report()).status, 503);
    assert_eq!(Sample::Mismatch.http_status(), 401);
}
