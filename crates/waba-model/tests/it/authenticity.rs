//! The signature vectors of issue 12 (expected values computed independently, with Python's
//! `hmac` module) and the subscription handshake.
#![allow(clippy::string_slice)]

use waba_error::{ErrorClass, WabaError};
use waba_model::signature::{AppSecrets, SignatureError};
use waba_model::subscribe::VerifyToken;

const BODY: &[u8] = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}]}"#;
const SIG_2026: &str = "sha256=d3da409e1f66009e34f5020d9f8c670ee791938a2430b46bcd96c5c614201f85";
const SIG_2025: &str = "sha256=e7432de80ae65ddd8247a7507ffdff938f64771af759e5cf2f60abe2a29da8e3";
const SIG_2026_EMPTY: &str =
    "sha256=ad2b7a6bd0006769d5492c7694eb51ea6f415fba56b40aaeab2a47cb78da70a0";

fn current() -> AppSecrets {
    AppSecrets::new(["app-secret-2026"]).unwrap()
}

#[test]
fn good_signature() {
    assert_eq!(current().verify(Some(SIG_2026), BODY), Ok(0));
    assert_eq!(current().sign(BODY), SIG_2026);
}

#[test]
fn wrong_secret() {
    let e = current().verify(Some(SIG_2025), BODY).unwrap_err();
    assert_eq!(e, SignatureError::Mismatch);
    assert_eq!(e.code(), "webhook.signature_mismatch");
    assert_eq!(e.class(), ErrorClass::Unauthenticated);
    assert_eq!(e.problem().status, 401);
}

#[test]
fn rotated_secret() {
    let both = AppSecrets::new(["app-secret-2026", "app-secret-2025"]).unwrap();
    assert_eq!(both.verify(Some(SIG_2026), BODY), Ok(0));
    assert_eq!(both.verify(Some(SIG_2025), BODY), Ok(1));
}

#[test]
fn empty_body() {
    assert_eq!(current().verify(Some(SIG_2026_EMPTY), b""), Ok(0));
    assert_eq!(
        current().verify(Some(SIG_2026), b""),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn upper_case_hex() {
    let upper = format!("sha256={}", SIG_2026["sha256=".len()..].to_uppercase());
    assert_eq!(current().verify(Some(&upper), BODY), Ok(0));
}

#[test]
fn missing_prefix_and_missing_header() {
    let bare = &SIG_2026["sha256=".len()..];
    let e = current().verify(Some(bare), BODY).unwrap_err();
    assert_eq!(e, SignatureError::NoPrefix);
    assert_eq!(e.code(), "webhook.signature_malformed");
    assert_eq!(
        current().verify(None, BODY).unwrap_err().code(),
        "webhook.signature_missing"
    );
    assert_eq!(
        current().verify(Some(""), BODY).unwrap_err().code(),
        "webhook.signature_missing"
    );
}

#[test]
fn one_byte_changed() {
    // In the body...
    for i in 0..BODY.len() {
        let mut body = BODY.to_vec();
        body[i] ^= 0x01;
        assert_eq!(
            current().verify(Some(SIG_2026), &body),
            Err(SignatureError::Mismatch),
            "byte {i}"
        );
    }
    // ...and in the signature.
    let mut sig = SIG_2026.as_bytes().to_vec();
    let last = sig.len() - 1;
    sig[last] = b'4';
    let sig = String::from_utf8(sig).unwrap();
    assert_eq!(
        current().verify(Some(&sig), BODY),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn malformed_values_name_what_is_wrong() {
    let e = current().verify(Some("sha256=12345"), BODY).unwrap_err();
    assert_eq!((e.limit(), e.actual()), (Some(64), Some(5)));
    let e = current()
        .verify(Some(&format!("{}x", &SIG_2026[..70])), BODY)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("webhook.signature_malformed", Some(70))
    );
    let p = serde_json::to_value(e.problem()).unwrap();
    assert_eq!(p["field"], "X-Hub-Signature-256");
}

#[test]
fn handshake() {
    let token = VerifyToken::new("meatyhamhock").unwrap();
    let q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    assert_eq!(token.verify(q).unwrap(), "1158201444");
    let e = token
        .verify("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhocks")
        .unwrap_err();
    assert_eq!(e.code(), "webhook.subscribe_token_mismatch");
    let e = token
        .verify("hub.challenge=1&hub.verify_token=meatyhamhock")
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("webhook.subscribe_missing", Some("hub.mode"))
    );
}

/// Every handshake that is not answered with its challenge is answered 403, whatever its class;
/// an empty configured token is refused at start-up, with its class's status.
#[test]
fn a_refused_handshake_is_answered_403() {
    let token = VerifyToken::new("meatyhamhock").unwrap();
    for query in [
        "hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess",
        "hub.challenge=1&hub.verify_token=meatyhamhock",
        "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock",
        "hub.mode=subscribe&hub.challenge=%3Cb%3E&hub.verify_token=meatyhamhock",
        "hub.mode=subscribe&hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock",
    ] {
        let e = token.verify(query).unwrap_err();
        assert_eq!((e.http_status(), e.problem().status), (403, 403), "{query}");
    }
    let empty = VerifyToken::new("").unwrap_err();
    assert_eq!(empty.http_status(), 400);
}
