//! ESP: the request envelope, ValidateContact through a directory, the guide's error codes.

use waba_error::WabaError;

use std::cell::Cell;

use waba_phone::esp::{
    ContactDirectory, ContactStatus, DirectoryError, EspError, EspRequest, OfflineDirectory, handle,
};
use waba_phone::{BusinessNumber, E164};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/esp/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn india() -> BusinessNumber {
    "+919876543210".parse().unwrap()
}

fn validate(id: &str, dir: &dyn ContactDirectory) -> Result<String, EspError> {
    let req = EspRequest::new("Messaging", "ValidateContact").with_parameter("Id", id);
    let resp = handle(&req, dir, Some(&india()))?;
    Ok(serde_json::to_value(resp).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_owned())
}

#[test]
fn the_guides_five_rows_offline() {
    // Offline, a contact is confirmed when its normalized number is valid by the metadata.
    // "6315551002" with a +91 business number is +916315551002, a valid Indian mobile number by
    // the metadata; the guide's "No" is WhatsApp's answer, which only a real directory can give.
    for (id, expected) in waba_testkit::GUIDE_CONTACTS_OFFLINE {
        assert_eq!(validate(id, &OfflineDirectory).unwrap(), expected, "{id}");
    }
}

/// A directory that answers what it is told and remembers what it was asked.
struct Scripted {
    answer: Result<ContactStatus, DirectoryError>,
    asked: Cell<Option<E164>>,
}

impl ContactDirectory for Scripted {
    fn check(&self, number: &E164, _: Option<&str>) -> Result<ContactStatus, DirectoryError> {
        self.asked.set(Some(*number));
        self.answer.clone()
    }
}

fn scripted(answer: Result<ContactStatus, DirectoryError>) -> Scripted {
    Scripted {
        answer,
        asked: Cell::new(None),
    }
}

#[test]
fn the_directory_decides_and_gets_the_normalized_number() {
    let no = scripted(Ok(ContactStatus::Invalid));
    assert_eq!(validate("6315551002", &no).unwrap(), "");
    assert_eq!(no.asked.get().unwrap().as_str(), "+916315551002");
    let yes = scripted(Ok(ContactStatus::Valid { wa_id: None }));
    assert_eq!(validate("+1 631 555 1002", &yes).unwrap(), "+16315551002");
    let br = scripted(Ok(ContactStatus::Valid {
        wa_id: Some("+551187654321".parse().unwrap()),
    }));
    assert_eq!(validate("+55 11 987654321", &br).unwrap(), "+551187654321");
    let pending = scripted(Ok(ContactStatus::Processing));
    assert_eq!(validate("+16315551002", &pending).unwrap(), "");
}

#[test]
fn directory_failures_are_901_and_920() {
    let down = scripted(Err(DirectoryError::Unreachable {
        target: "contacts endpoint".into(),
    }));
    let e = validate("+16315551002", &down).unwrap_err();
    assert_eq!(e.meta_code(), Some(901));
    assert_eq!(
        e.to_string(),
        "ValidateContact connection with contacts endpoint failed"
    );
    let broken = scripted(Err(DirectoryError::Failed {
        reason: "timeout".into(),
    }));
    assert_eq!(
        validate("+16315551002", &broken).unwrap_err().meta_code(),
        Some(920)
    );
    let failed = scripted(Ok(ContactStatus::Failed));
    assert_eq!(
        validate("+16315551002", &failed).unwrap_err().meta_code(),
        Some(920)
    );
}

#[test]
fn fixtures() {
    let dir = OfflineDirectory;
    let b = india();
    let run = |name: &str| {
        EspRequest::from_slice(&fixture(name)).and_then(|r| handle(&r, &dir, Some(&b)))
    };
    assert_eq!(
        serde_json::to_string(&run("validate_contact.json").unwrap()).unwrap(),
        r#"{"Id":"+16315551002"}"#
    );
    assert_eq!(
        serde_json::to_string(&run("validate_contact_apptype.json").unwrap()).unwrap(),
        r#"{"Id":""}"#
    );
    let e = run("no_method.json").unwrap_err();
    assert_eq!(
        serde_json::to_string(&e.to_response()).unwrap(),
        r#"{"Error":{"Code":701,"Message":"Request is invalid: Service or Method name was not specified"}}"#
    );
    let e = run("unknown_method.json").unwrap_err();
    assert_eq!(
        (e.meta_code(), e.code()),
        (Some(902), "esp.unknown_service_or_method")
    );
    assert_eq!(e.to_string(), "Messaging.InviteToChat unknown method");
    let e = run("no_id.json").unwrap_err();
    assert_eq!((e.meta_code(), e.field()), (Some(904), Some("Id")));
    let e = run("id_not_a_string.json").unwrap_err();
    assert_eq!((e.meta_code(), e.field()), (Some(904), Some("Id")));
}

#[test]
fn envelope_refusals() {
    let code = |body: &str| {
        EspRequest::from_slice(body.as_bytes())
            .and_then(|r| handle(&r, &OfflineDirectory, Some(&india())))
            .unwrap_err()
            .meta_code()
            .unwrap()
    };
    assert_eq!(code("not json"), 701);
    assert_eq!(code("[1]"), 701);
    assert_eq!(code(r#"{"AppName":"DMS","Method":"ValidateContact"}"#), 701);
    assert_eq!(
        code(r#"{"AppName":"DMS","Service":"","Method":"ValidateContact"}"#),
        701
    );
    assert_eq!(
        code(r#"{"Service":"Messaging","Method":"ValidateContact"}"#),
        701
    );
    assert_eq!(
        code(r#"{"AppType":5,"Service":"Messaging","Method":"ValidateContact"}"#),
        701
    );
    assert_eq!(
        code(r#"{"AppType":"171","Service":"Chat","Method":"ValidateContact"}"#),
        902
    );
    assert_eq!(
        code(
            r#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":[]}"#
        ),
        904
    );
    assert_eq!(
        code(
            r#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":{"Id":"1-800-FLOWERS"}}"#
        ),
        904
    );
    let big = format!(
        r#"{{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":{{"x":"{}"}}}}"#,
        "a".repeat(70_000)
    );
    assert_eq!(code(&big), 701);
}

#[test]
fn without_a_business_number_an_id_needs_its_plus() {
    let req = EspRequest::new("Messaging", "ValidateContact").with_parameter("Id", "6315551002");
    let e = handle(&req, &OfflineDirectory, None).unwrap_err();
    assert_eq!(e.meta_code(), Some(904));
    let req = EspRequest::new("Messaging", "ValidateContact").with_parameter("Id", "+16315551002");
    assert!(handle(&req, &OfflineDirectory, None).is_ok());
}

#[test]
fn a_key_given_twice_is_refused_never_last_wins() {
    // Inside Parameters: 904 naming the parameter (the guide's "incorrect parameter").
    let twice = br#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact",
        "Parameters":{"Id":"+16315551002","Id":"+919876543210"}}"#;
    let e = EspRequest::from_slice(twice).unwrap_err();
    assert_eq!(
        (e.code(), e.esp_code(), e.field()),
        ("esp.incorrect_parameter", 904, Some("Id"))
    );
    assert!(e.to_string().contains("ValidateContact"), "{e}");
    // In the envelope: 701 naming the key.
    for (text, key) in [
        (&br#"{"AppName":"DMS","Service":"Messaging","Service":"Chat","Method":"ValidateContact"}"#[..], "Service"),
        (br#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Method":"InviteToChat"}"#, "Method"),
    ] {
        let e = EspRequest::from_slice(text).unwrap_err();
        assert_eq!(e.esp_code(), 701);
        assert!(e.to_string().contains(key), "{e}");
    }
    // The cap is the cap: at the limit read, one byte over refused.
    let base = br#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":{"Id":"+16315551002"}}"#;
    let mut at = base.to_vec();
    at.resize(waba_phone::esp::MAX_REQUEST_BYTES, b' ');
    assert!(EspRequest::from_slice(&at).is_ok());
    at.push(b' ');
    assert_eq!(EspRequest::from_slice(&at).unwrap_err().esp_code(), 701);
}
