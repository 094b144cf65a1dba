//! `waba esp` against the contract.

use crate::waba;

const INDIA: &str = "+919876543210";

fn request(id: &str) -> Vec<u8> {
    serde_json::json!({
        "AppName": "DigitalMessagingServer",
        "Service": "Messaging",
        "Method": "ValidateContact",
        "Parameters": {"_umsChannel": "channel-ghub", "Id": id}
    })
    .to_string()
    .into_bytes()
}

#[test]
fn the_guides_table_offline() {
    // Offline, a contact is confirmed when its normalized number is valid by the metadata
    // (+916315551002 is a valid Indian number: only a real directory can say it is not on WhatsApp).
    for (id, expected) in waba_testkit::GUIDE_CONTACTS_OFFLINE {
        let run = waba(&["esp", "--business-number", INDIA], &request(id));
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        assert_eq!(run.json(), serde_json::json!({"Id": expected}), "{id}");
    }
}

#[test]
fn app_type_stands_for_app_name() {
    let body = br#"{"AppType": 171, "Service": "Messaging", "Method": "ValidateContact", "Parameters": {"Id": "+16315551002"}}"#;
    let run = waba(&["esp"], body);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["Id"], "+16315551002");
}

#[test]
fn errors_701_902_904() {
    let no_method =
        br#"{"AppName": "DMS", "Service": "Messaging", "Parameters": {"Id": "+16315551002"}}"#;
    let run = waba(&["esp"], no_method);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.json(),
        serde_json::json!({"Error": {"Code": 701, "Message": "Request is invalid: Service or Method name was not specified"}})
    );
    let other =
        br#"{"AppName": "DMS", "Service": "Messaging", "Method": "Teleport", "Parameters": {}}"#;
    let run = waba(&["esp"], other);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["Error"]["Code"], 902);
    let no_id = br#"{"AppName": "DMS", "Service": "Messaging", "Method": "ValidateContact", "Parameters": {"_umsChannel": "c"}}"#;
    let run = waba(&["esp", "--business-number", INDIA], no_id);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["Error"]["Code"], 904);
    let bad_id = request("1-800-FLOWERS");
    let run = waba(&["esp", "--business-number", INDIA], &bad_id);
    assert_eq!(run.json()["Error"]["Code"], 904);
    // No business number: an Id without a plus cannot be normalized.
    let run = waba(&["esp"], &request("6315551002"));
    assert_eq!(run.json()["Error"]["Code"], 904);
}

#[test]
fn stdin_not_json_is_a_usage_error() {
    let run = waba(&["esp"], b"not json");
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(!run.stderr.is_empty());
}

fn options(json: &str) -> crate::TempFile {
    crate::TempFile::with(json.as_bytes(), ".json")
}

const INVITE_OPTIONS: &str = r#"{
  "whatsappsession.outbound-session-config": "{\"channels\": [{\"server-name\": \" DigitalMessagingServer \", \"channel-name\": \"channel-whatsapp-1\", \"business-id\": \"19251112221\"}, {\"server-name\": \" DigitalMessagingServer \", \"channel-name\": \"channel-whatsapp-2\", \"business-id\": \"19251112222\"}]}",
  "whatsappsession.default-notification-text": "Thank you for your patience! {{1}}",
  "whatsappsession.default-notification-id": "ns@patience_notice",
  "whatsappsession.default-notification-language": "en_US",
  "inbound-route-by-call": "1:session-WA-sendSR"
}"#;

#[test]
fn invite_to_chat_gives_the_notification_body() {
    let opts = options(INVITE_OPTIONS);
    let req = br#"{"AppName": "DigitalMessagingServer", "Service": "ChatService", "Method": "InviteToChat",
        "Parameters": {"_umsChannel": "channel-whatsapp-2", "_umsClientId": "(631) 555-1002", "_umsBusinessId": "19251112222",
                       "TemplateParam1": "We recommend rebooting your device to resolve the issue"}}"#;
    let run = waba(&["esp", "--options", opts.path()], req);
    assert_eq!(run.code, 0, "{} {}", run.stdout, run.stderr);
    let v = run.json();
    assert_eq!(v["Id"], "+16315551002");
    assert_eq!(v["Channel"], "channel-whatsapp-2");
    assert_eq!(v["ChatQueueKey"], "1:session-WA-sendSR");
    assert_eq!(
        v["Preview"],
        "Thank you for your patience! We recommend rebooting your device to resolve the issue"
    );
    assert_eq!(v["Payload"]["type"], "template");
    assert_eq!(v["Payload"]["template"]["name"], "patience_notice");
    assert_eq!(v["Payload"]["to"], "16315551002");
}

/// The `Error.Message` of an ESP answer.
fn message(run: &crate::Run) -> String {
    run.json()["Error"]["Message"].as_str().unwrap().to_owned()
}

#[test]
fn invite_to_chat_refusals_are_904_naming_the_parameter() {
    let opts = options(INVITE_OPTIONS);
    // Two channels configured and none named.
    let req = br#"{"AppType": 171, "Service": "ChatService", "Method": "InviteToChat",
        "Parameters": {"_umsClientId": "+16315551002", "_umsBusinessId": "19251112222", "TemplateParam1": "x"}}"#;
    let run = waba(&["esp", "--options", opts.path()], req);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["Error"]["Code"], 904);
    assert!(message(&run).contains("_umsChannel"), "{}", run.stdout);
    // A parameter with a newline breaks Meta's rule for template parameters.
    let req = br#"{"AppType": 171, "Service": "ChatService", "Method": "InviteToChat",
        "Parameters": {"_umsChannel": "channel-whatsapp-1", "_umsClientId": "+16315551002", "_umsBusinessId": "19251112221", "TemplateParam1": "a\nb"}}"#;
    let run = waba(&["esp", "--options", opts.path()], req);
    assert_eq!(run.json()["Error"]["Code"], 904);
    assert!(message(&run).contains("TemplateParam1"), "{}", run.stdout);
    // Another ChatService method is unknown.
    let req =
        br#"{"AppType": 171, "Service": "ChatService", "Method": "Teleport", "Parameters": {}}"#;
    assert_eq!(waba(&["esp"], req).json()["Error"]["Code"], 902);
}
