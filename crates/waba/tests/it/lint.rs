//! The deployment check from the guide's own words: the guide's recommended settings lint clean, and
//! each deliberate mistake is found by its rule, alone.

use serde_json::{Value, json};
use waba::lint::{Finding, Report, Severity, lint_json};

fn guide() -> Value {
    serde_json::from_str(include_str!("../fixtures/guide-deployment.json")).unwrap()
}

/// The guide's bundle with the workspace option `option` set to `value`.
fn guide_with(option: &str, value: &str) -> Value {
    let mut v = guide();
    ws(&mut v).insert(option.into(), json!(value));
    v
}

fn lint(v: &Value) -> Report {
    lint_json(v.to_string().as_bytes()).unwrap()
}

/// The findings, which must all be of `rule`; at least one.
fn only<'a>(r: &'a Report, rule: &str) -> Vec<&'a Finding> {
    assert!(
        r.findings.iter().all(|f| f.rule == rule),
        "expected only {rule}: {:#?}",
        r.findings
    );
    assert!(!r.findings.is_empty(), "{rule} not found");
    r.findings.iter().collect()
}

/// The findings of the guide's bundle with the workspace option `option` set to `value`, which
/// must all be of `rule`; at least one.
fn only_with(option: &str, value: &str, rule: &str) -> Vec<Finding> {
    only(&lint(&guide_with(option, value)), rule)
        .into_iter()
        .cloned()
        .collect()
}

fn ws(v: &mut Value) -> &mut serde_json::Map<String, Value> {
    v["workspace"]["interaction-workspace"]
        .as_object_mut()
        .unwrap()
}

fn channel(v: &mut Value) -> &mut serde_json::Map<String, Value> {
    v["dms"]["channel-ghub"].as_object_mut().unwrap()
}

#[test]
fn the_guides_recommended_settings_lint_clean() {
    let r = lint(&guide());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert!(r.passes());
    // The empty bundle checks nothing and passes (every key is optional).
    assert_eq!(lint_json(b"{}").unwrap(), Report::default());
}

#[test]
fn every_finding_quotes_its_rule() {
    let mut v = guide();
    v["privileges"] = json!([]);
    let r = lint(&v);
    let f = &only(&r, "privileges.can_use")[0];
    assert_eq!(f.guide, waba::lint::rule(&f.rule).unwrap().guide);
    assert!(
        f.guide
            .contains("If this permission is not set, the plugin will not load.")
    );
    assert_eq!((r.errors, r.warnings), (1, 0));
}

#[test]
fn bundle_shape() {
    for bad in [
        json!({"dms": []}),
        json!({"dms": {"channel-ghub": {"inbound-route": null}}}),
        json!({"capacity_rules": {"whatsappsession": -1}}),
        json!({"media_types": "whatsappsession"}),
        json!([]),
    ] {
        let r = lint(&bad);
        let f = only(&r, "bundle.shape");
        assert_eq!((f.len(), r.errors), (1, 1), "{bad}");
    }
    assert_eq!(
        waba_error::WabaError::code(&lint_json(b"{\"dms\": ").unwrap_err()),
        "lint.bundle_not_json"
    );
}

#[test]
fn bundle_unknown_key() {
    let mut v = guide();
    v["chatserver"] = json!({});
    let r = lint(&v);
    let f = only(&r, "bundle.unknown_key");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].fix, "rename it chat_server");
    assert!(r.passes());
}

#[test]
fn options_duplicate() {
    let text = include_str!("../fixtures/guide-deployment.json").replacen(
        "\"whatsappsession.free-msg-timespan\": \"24h\",",
        "\"whatsappsession.free-msg-timespan\": \"24h\", \"whatsappsession.free-msg-timespan\": \"12h\",",
        1,
    );
    let r = lint_json(text.as_bytes()).unwrap();
    let f = only(&r, "options.duplicate");
    assert_eq!(
        f[0].location,
        "interaction-workspace/whatsappsession.free-msg-timespan"
    );
    assert!(
        f[0].message.contains("\"24h\", then \"12h\""),
        "{}",
        f[0].message
    );
}

#[test]
fn options_invalid_value_is_every_value_config_refuses() {
    for (option, bad, code) in [
        (
            "whatsappsession.max-text-message-size",
            "0",
            "config.out_of_range",
        ),
        (
            "whatsappsession.transcript-interactions-count",
            "1001",
            "config.out_of_range",
        ),
        (
            "whatsappsession.show-cross-channel-messages",
            "yes",
            "config.invalid_bool",
        ),
        (
            "whatsappsession.free-msg-timespan",
            "soon",
            "config.invalid_duration",
        ),
        (
            "whatsappsession.pending-response-to-customer",
            "50,30",
            "config.invalid_duration",
        ),
        (
            "whatsappsession.default-notification-text",
            "No parameter",
            "config.invalid_notification",
        ),
    ] {
        let f = only_with(option, bad, "options.invalid_value");
        assert_eq!(f.len(), 1, "{option}");
        assert_eq!(f[0].location, format!("interaction-workspace/{option}"));
        assert_eq!(f[0].component.as_deref(), Some("workspace"));
        assert!(f[0].message.contains(code), "{option}: {}", f[0].message);
    }
    // One of the three notification options alone: Config needs all three.
    let mut v = guide();
    ws(&mut v).remove("whatsappsession.default-notification-id");
    v.as_object_mut().unwrap().remove("notification_template");
    let r = lint(&v);
    let f = only(&r, "options.invalid_value");
    assert!(f[0].message.contains("config.incomplete"));
    // Two bad values: two findings.
    let mut v = guide_with("whatsappsession.max-text-message-size", "x");
    ws(&mut v).insert(
        "whatsappsession.focus-on-new-messages".into(),
        json!("maybe"),
    );
    assert_eq!(only(&lint(&v), "options.invalid_value").len(), 2);
}

#[test]
fn options_unknown_name_suggests_the_closest() {
    let mut v = guide_with("whatsappsession.max-text-msg-size", "4096");
    ws(&mut v).insert("whatsappsession.colour".into(), json!("blue"));
    ws(&mut v).insert("contact.directory-default-mode".into(), json!("Local"));
    channel(&mut v).insert("inbound-rout".into(), json!("1:x"));
    let r = lint(&v);
    let f = only(&r, "options.unknown_name");
    let by = |w: &str| f.iter().find(|x| x.location == w).copied();
    let slip = by("interaction-workspace/whatsappsession.max-text-msg-size").unwrap();
    assert_eq!(slip.fix, "rename it whatsappsession.max-text-message-size");
    assert!(by("interaction-workspace/whatsappsession.colour").is_some());
    assert_eq!(
        by("channel-ghub/inbound-rout").unwrap().fix,
        "rename it inbound-route"
    );
    // Workspace's own options are not ours to judge.
    assert!(by("interaction-workspace/contact.directory-default-mode").is_none());
    assert_eq!(f.len(), 3);
    assert!(r.passes());
}

#[test]
fn options_misplaced() {
    let mut v = guide();
    channel(&mut v).insert("whatsappsession.free-msg-timespan".into(), json!("24h"));
    ws(&mut v).insert("inbound-route".into(), json!(",1:session-chat"));
    v["workspace"]["interaction-workspace-2"] =
        json!({"whatsappsession.two-step-attachment-upload": "true"});
    let r = lint(&v);
    let f = only(&r, "options.misplaced");
    let mut at: Vec<_> = f.iter().map(|x| x.location.as_str()).collect();
    at.sort();
    assert_eq!(
        at,
        [
            "channel-ghub/whatsappsession.free-msg-timespan",
            "interaction-workspace-2/whatsappsession.two-step-attachment-upload",
            "interaction-workspace/inbound-route",
        ]
    );
}

#[test]
fn dms_whatsapp_channel() {
    let mut v = guide();
    v["dms"] = json!({"channel-abc-hub": {"media-type-chat-by-call": "applebcsession", "session-shutdown-timeout": "1800"}});
    let r = lint(&v);
    let f = only(&r, "dms.whatsapp_channel");
    assert_eq!(f[0].severity, Severity::Error);
    // Another channel's routes are its own business: not checked.
    v["dms"]["channel-abc-hub"]["inbound-route"] = json!("1:abc");
    assert_eq!(only(&lint(&v), "dms.whatsapp_channel").len(), 1);
}

#[test]
fn dms_session_chat_needs_the_comma_before_the_tenant_id() {
    // "You must use a comma before the tenant ID. For example: ,1:session-chat."
    let mut v = guide();
    channel(&mut v).insert("inbound-route".into(), json!("1:session-chat"));
    let r = lint(&v);
    let f = only(&r, "dms.session_chat_endpoint");
    assert_eq!(f[0].location, "channel-ghub/inbound-route");
    assert_eq!(
        f[0].fix,
        "put a comma before the tenant id: inbound-route = ,1:session-chat"
    );
    // A standard route and the session route: fine.
    channel(&mut v).insert("inbound-route".into(), json!("1:default, 1:session-chat"));
    assert!(lint(&v).findings.is_empty());
    // No route at all.
    channel(&mut v).remove("inbound-route");
    assert_eq!(
        only(&lint(&v), "dms.session_chat_endpoint")[0].severity,
        Severity::Error
    );
    // The screenshot's "1.session-chat" is no route Config can read: a refused value, same fix.
    channel(&mut v).insert("inbound-route".into(), json!("1.session-chat"));
    let r = lint(&v);
    let f = only(&r, "options.invalid_value");
    assert!(f[0].message.contains("config.invalid_route"));
    assert!(f[0].fix.contains(",1:session-chat"));
    // Another endpoint name: a warning here, and Chat Server must have that endpoint.
    channel(&mut v).insert("inbound-route".into(), json!(",1:wa-chat"));
    let r = lint(&v);
    let s = r.of("dms.session_chat_endpoint").next().unwrap();
    assert_eq!(s.severity, Severity::Warning);
    let g = r.of("chat_server.greet_queue").next().unwrap();
    assert_eq!(
        (g.severity, g.location.as_str()),
        (Severity::Error, "endpoints:1/wa-chat")
    );
    assert_eq!(r.findings.len(), 2);
}

#[test]
fn dms_session_shutdown_timeout_1800_recommended() {
    let mut v = guide();
    channel(&mut v).insert("session-shutdown-timeout".into(), json!("180"));
    let r = lint(&v);
    let f = only(&r, "dms.session_shutdown_timeout");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].fix, "set session-shutdown-timeout = 1800");
    assert!(r.passes());
    channel(&mut v).remove("session-shutdown-timeout");
    assert_eq!(only(&lint(&v), "dms.session_shutdown_timeout").len(), 1);
    // In another DMS section it counts too.
    v["dms"]["settings"] = json!({"session-shutdown-timeout": "3600"});
    assert!(lint(&v).findings.is_empty());
    // Below Config's range: refused by Config.
    v["dms"]["settings"] = json!({"session-shutdown-timeout": "10"});
    assert!(
        only(&lint(&v), "options.invalid_value")[0]
            .message
            .contains("config.out_of_range")
    );
}

#[test]
fn chat_server_greet_queue() {
    // "Chat Server: in the [endpoints] section, add a queue called async-chat-greet-queue."
    let mut v = guide();
    v["chat_server"]["endpoints:1"] = json!({"default": "Chat inbound queue"});
    let r = lint(&v);
    let f = only(&r, "chat_server.greet_queue");
    assert_eq!(f[0].location, "endpoints:1/session-chat");
    assert_eq!(
        f[0].fix,
        "in Chat Server's [endpoints:1] section add session-chat = async-chat-greet-queue"
    );
    v["chat_server"]["endpoints:1"]["session-chat"] = json!("my-queue");
    assert_eq!(
        only(&lint(&v), "chat_server.greet_queue")[0].severity,
        Severity::Warning
    );
    // The tenant of the DMS route picks the section.
    let mut v = guide();
    channel(&mut v).insert("inbound-route".into(), json!(",2:session-chat"));
    assert_eq!(
        only(&lint(&v), "chat_server.greet_queue")[0].location,
        "endpoints:2/session-chat"
    );
}

#[test]
fn chat_server_transcript_auto_save_1() {
    for (value, severity) in [
        (Some("0"), Severity::Error),
        (None, Severity::Error),
        (Some("yes"), Severity::Error),
        (Some("2"), Severity::Warning),
    ] {
        let mut v = guide();
        let s = v["chat_server"]["settings"].as_object_mut().unwrap();
        match value {
            Some(x) => s.insert("transcript-auto-save".into(), json!(x)),
            None => s.remove("transcript-auto-save"),
        };
        let r = lint(&v);
        let f = only(&r, "chat_server.transcript_auto_save");
        assert_eq!(
            (f[0].severity, f[0].location.as_str()),
            (severity, "settings/transcript-auto-save"),
            "{value:?}"
        );
    }
}

#[test]
fn chat_server_xml_request_max_size_100_kb_or_more() {
    for bad in [
        Some("32768"),
        Some("99999"),
        Some("1e5"),
        Some("3000000000"),
        None,
    ] {
        let mut v = guide();
        let s = v["chat_server"]["settings"].as_object_mut().unwrap();
        match bad {
            Some(x) => s.insert("xml-request-max-size".into(), json!(x)),
            None => s.remove("xml-request-max-size"),
        };
        let r = lint(&v);
        assert_eq!(
            only(&r, "chat_server.xml_request_max_size").len(),
            1,
            "{bad:?}"
        );
    }
    let mut v = guide();
    v["chat_server"]["settings"]["xml-request-max-size"] = json!(250000);
    assert!(lint(&v).findings.is_empty());
}

#[test]
fn environment_media_type_and_capacity_rule() {
    let mut v = guide();
    v["media_types"] = json!(["chat", "WhatsAppSession"]);
    let r = lint(&v);
    let f = only(&r, "environment.media_type");
    assert!(
        f[0].message.contains("\"WhatsAppSession\" is not it"),
        "{}",
        f[0].message
    );
    let mut v = guide();
    v["capacity_rules"] = json!({"chat": 3});
    assert_eq!(
        only(&lint(&v), "environment.capacity_rule")[0].location,
        "capacity_rules/whatsappsession"
    );
    v["capacity_rules"] = json!({"whatsappsession": 0});
    assert_eq!(only(&lint(&v), "environment.capacity_rule").len(), 1);
}

#[test]
fn business_attribute_internal_conference_invite() {
    let mut v = guide();
    v["business_attributes"]["Interaction Subtype"] = json!([{"name": "Transfer"}]);
    let r = lint(&v);
    let f = only(&r, "business_attributes.internal_conference_invite");
    assert_eq!(
        f[0].location,
        "business_attributes/Interaction Subtype/InternalConferenceInvite"
    );
    v["business_attributes"]["Contact Attributes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "InternalConferenceInvite"}));
    let r = lint(&v);
    let f = only(&r, "business_attributes.internal_conference_invite");
    assert!(
        f[0].message
            .contains("is a value of \"Contact Attributes\"")
    );
}

#[test]
fn business_attribute_profile_nickname_not_searchable_not_sortable() {
    let mut v = guide();
    v["business_attributes"]["Contact Attributes"][0]["annex"]["settings"]["is-searchable"] =
        json!("true");
    let r = lint(&v);
    let f = only(&r, "business_attributes.profile_nickname");
    assert_eq!(
        f[0].location,
        "business_attributes/Contact Attributes/_msg_ProfileNickname/annex/settings/is-searchable"
    );
    assert_eq!(f.len(), 1);
    v["business_attributes"]["Contact Attributes"][0]
        .as_object_mut()
        .unwrap()
        .remove("annex");
    assert_eq!(
        only(&lint(&v), "business_attributes.profile_nickname").len(),
        2
    );
    v["business_attributes"]["Contact Attributes"] = json!([]);
    assert_eq!(
        only(&lint(&v), "business_attributes.profile_nickname").len(),
        1
    );
}

#[test]
fn workspace_sample_business_process_queues() {
    let mut v = guide();
    ws(&mut v).remove("whatsappsession.on-hold-queue");
    ws(&mut v).insert(
        "workbin.whatsappsession.in-progress".into(),
        json!("my-workbin"),
    );
    let r = lint(&v);
    let f = only(&r, "workspace.sample_business_process_queues");
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].fix,
        "set whatsappsession.on-hold-queue = async-chat-return-queue"
    );
    assert!(r.passes());
}

#[test]
fn workspace_conference_queue() {
    let mut v = guide();
    ws(&mut v).remove("intercommunication.whatsappsession.queue");
    let r = lint(&v);
    assert_eq!(
        only(&r, "workspace.conference_queue")[0].severity,
        Severity::Warning
    );
}

#[test]
fn workspace_location_map_query_needs_latitude_and_longitude() {
    let f = only_with(
        "whatsappsession.location-map.preview.query",
        "https://maps.example.com/static?c={LATITUDE}&s={WIDTH}x{HEIGHT}",
        "workspace.location_map_query",
    );
    assert!(f[0].message.contains("config.invalid_map_query"));
}

#[test]
fn workspace_outbound_session_config() {
    let mut v = guide_with(
        "whatsappsession.outbound-session-config",
        "{\"channels\": [{\"server-name\": \"DMS\"}]}",
    );
    let r = lint(&v);
    assert_eq!(
        only(&r, "workspace.outbound_session_config")[0].severity,
        Severity::Error
    );
    // Unset while agents may start sessions from other media: a warning.
    ws(&mut v).remove("whatsappsession.outbound-session-config");
    let r = lint(&v);
    assert_eq!(
        only(&r, "workspace.outbound_session_config")[0].severity,
        Severity::Warning
    );
    // Without that privilege nobody needs it.
    v["privileges"] = json!(["InteractionWorkspace.WhatsApp.canUse"]);
    assert!(lint(&v).findings.is_empty());
}

#[test]
fn privileges_can_use() {
    let mut v = guide();
    v["privileges"] = json!(["InteractionWorkspace.WhatsApp.canSendFiles"]);
    let r = lint(&v);
    let f = only(&r, "privileges.can_use");
    assert_eq!(
        f[0].fix,
        "grant InteractionWorkspace.WhatsApp.canUse to the agents' role"
    );
}

#[test]
fn privileges_unknown() {
    let mut v = guide();
    v["privileges"].as_array_mut().unwrap().extend([
        json!("InteractionWorkspace.WhatsApp.canSendFile"),
        json!("InteractionWorkspace.Workitem.canUse"),
    ]);
    let r = lint(&v);
    let f = only(&r, "privileges.unknown");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].fix, "grant InteractionWorkspace.WhatsApp.canSendFiles");
}

#[test]
fn notification_template_definition_refused() {
    let mut v = guide();
    v["notification_template"]["components"][0]["text"] = json!("Thanks {{1}} {{3}}");
    ws(&mut v).insert(
        "whatsappsession.default-notification-text".into(),
        json!("Thanks {{1}} {{3}}"),
    );
    let r = lint(&v);
    // Config refuses the text (two parameters), and the template crate refuses the template.
    assert_eq!(r.of("notification.template_definition").count(), 1);
}

#[test]
fn notification_matches_template() {
    // "must match with the values in the WhatsApp template for the default notification"
    for (option, value, at) in [
        (
            "whatsappsession.default-notification-id",
            "patience",
            "whatsappsession.default-notification-id",
        ),
        (
            "whatsappsession.default-notification-language",
            "en",
            "whatsappsession.default-notification-language",
        ),
        (
            "whatsappsession.default-notification-text",
            "Thanks for waiting! {{1}}",
            "whatsappsession.default-notification-text",
        ),
    ] {
        let f = only_with(option, value, "notification.matches_template");
        assert_eq!(
            (f.len(), f[0].location.clone()),
            (1, format!("interaction-workspace/{at}"))
        );
    }
    // The id without its namespace names the template too.
    let v = guide_with("whatsappsession.default-notification-id", "patience_notice");
    assert!(lint(&v).findings.is_empty());
    // A template with two parameters cannot take the draft alone.
    let mut v = guide();
    v["notification_template"]["components"][0]["text"] =
        json!("Thank you for your patience! {{1}} {{2}}");
    v["notification_template"]["components"][0]["example"] = json!({"body_text": [["a", "b"]]});
    let r = lint(&v);
    let f = only(&r, "notification.matches_template");
    assert!(
        f.iter().any(|x| x.location == "notification_template"),
        "{f:#?}"
    );
    // The template without the options: a warning.
    let mut v = guide();
    for o in ["text", "id", "language"] {
        ws(&mut v).remove(&format!("whatsappsession.default-notification-{o}"));
    }
    assert_eq!(
        only(&lint(&v), "notification.matches_template")[0].severity,
        Severity::Warning
    );
}
