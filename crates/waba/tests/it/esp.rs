//! ESP through the facade: the guide's ValidateContact table and InviteToChat.

use waba::phone::BusinessNumber;
use waba::phone::esp::{EspRequest, OfflineDirectory};

fn validate(id: &str) -> serde_json::Value {
    let business: BusinessNumber = "+919876543210".parse().unwrap();
    let req = serde_json::json!({"AppName": "DigitalMessagingServer", "Service": "Messaging", "Method": "ValidateContact",
        "Parameters": {"_umsChannel": "channel-ghub", "Id": id}});
    let req = EspRequest::from_value(&req).unwrap();
    serde_json::to_value(
        waba::esp::handle(
            &waba::Config::default(),
            &req,
            &OfflineDirectory,
            Some(&business),
        )
        .unwrap(),
    )
    .unwrap()
}

#[test]
fn the_guides_table() {
    for (input, id) in [
        ("+1-631-555-1002", "+16315551002"),
        // The guide's "No" is WhatsApp's answer; offline, the metadata decides, and +916315551002 is a
        // valid Indian mobile number: only a real directory can say it is not on WhatsApp.
        ("6315551002", "+916315551002"),
        ("1-631-555-1002", ""),
        ("+1 (516) 283-7151", "+15162837151"),
        ("+54 9 11 5612-1008", "+5491156121008"),
    ] {
        assert_eq!(validate(input), serde_json::json!({"Id": id}), "{input}");
    }
}

#[test]
fn invite_to_chat_with_the_default_notification() {
    let config = crate::notification_config();
    let req = EspRequest::from_slice(
        br#"{"AppType": 171, "Service": "ChatService", "Method": "InviteToChat",
            "Parameters": {"_umsClientId": "+16315551002", "_umsBusinessId": "19251112222", "TemplateParam1": "Your order shipped."}}"#,
    )
    .unwrap();
    let v =
        serde_json::to_value(waba::esp::handle(&config, &req, &OfflineDirectory, None).unwrap())
            .unwrap();
    assert_eq!(
        v["Preview"],
        "Thank you for your patience! Your order shipped."
    );
    assert_eq!(v["Payload"]["type"], "template");
    assert_eq!(v["Payload"]["to"], "16315551002");
}

#[test]
fn each_service_answers_its_own_unknown_methods_and_unknown_services_are_902() {
    use waba::error::WabaError;
    let ask = |service: &str, method: &str| {
        let req = serde_json::json!({"AppName": "DigitalMessagingServer", "Service": service,
            "Method": method, "Parameters": {}});
        let req = EspRequest::from_value(&req).unwrap();
        waba::esp::handle(&waba::Config::default(), &req, &OfflineDirectory, None).unwrap_err()
    };
    for (service, method, what) in [
        ("ChatService", "Teleport", "method"),
        ("Messaging", "Teleport", "method"),
        ("Weather", "ValidateContact", "service"),
        ("Weather", "InviteToChat", "service"),
    ] {
        let e = ask(service, method);
        assert_eq!(e.meta_code(), Some(902), "{service}.{method}");
        let text = e.to_string();
        assert!(text.ends_with(&format!("unknown {what}")), "{text}");
    }
}
