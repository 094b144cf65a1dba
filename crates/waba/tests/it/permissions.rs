//! The permission matrix: every privilege removed in turn; no decision that needs it comes back as
//! something to send.

use waba_error::WabaError;

use waba::attachment::{Permissions, Privilege};
use waba::model::{Interactive, MediaSource, TemplateMessage};
use waba::{AttachmentDraft, Conversation, Decision, Draft};

use crate::{notification_config, t};

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0".to_vec();
    v.extend_from_slice(&[0x90, 0x77, 0x53, 0xde]);
    v
}

/// Each draft with the privileges it needs (besides canUse, which every send needs).
fn drafts() -> Vec<(&'static str, Draft, Vec<Privilege>)> {
    let interactive = Interactive::from_json(
        serde_json::json!({"type": "button", "body": {"text": "Pick one"},
        "action": {"buttons": [{"type": "reply", "reply": {"id": "yes", "title": "Yes"}}]}}),
    )
    .unwrap();
    let template = TemplateMessage::from_json(
        serde_json::json!({"name": "hello_world", "language": {"code": "en_US"}}),
    )
    .unwrap();
    let image = AttachmentDraft::new(
        png(),
        200,
        Some("image/png".into()),
        Some("photo.png".into()),
        None,
        MediaSource::Id("1".into()),
    );
    vec![
        ("text", Draft::Text("hello".into()), vec![Privilege::CanUse]),
        (
            "late text",
            Draft::Text("late".into()),
            vec![Privilege::CanUse],
        ),
        (
            "interactive",
            Draft::Interactive {
                message: interactive.clone(),
                attachment_changed: false,
            },
            vec![Privilege::CanUse],
        ),
        (
            "interactive, header changed",
            Draft::Interactive {
                message: interactive,
                attachment_changed: true,
            },
            vec![
                Privilege::CanUse,
                Privilege::CanChangeAttachmentsInReplyButton,
            ],
        ),
        (
            "template",
            Draft::Template {
                message: template.clone(),
                attachment_changed: false,
            },
            vec![Privilege::CanUse],
        ),
        (
            "template, attachment changed",
            Draft::Template {
                message: template,
                attachment_changed: true,
            },
            vec![
                Privilege::CanUse,
                Privilege::CanChangeAttachmentsInNotification,
            ],
        ),
        (
            "attachment",
            Draft::Attachment(image),
            vec![Privilege::CanUse, Privilege::CanSendFiles],
        ),
    ]
}

#[test]
fn every_privilege_removed_in_turn() {
    let config = notification_config();
    let conv = crate::heard_at("2026-11-24T10:00:00Z");
    let in_window = t("2026-11-24T11:00:00Z");
    let late = t("2026-11-26T11:00:00Z");
    for (name, draft, needs) in drafts() {
        let now = if name.starts_with("late") {
            late
        } else {
            in_window
        };
        // With every privilege, it goes.
        let d = conv.compose(&config, &draft, Permissions::all(), now);
        assert!(d.body().is_some(), "{name} with all privileges: {d:?}");
        for p in Privilege::ALL {
            let d = conv.compose(&config, &draft, Permissions::all().without(p), now);
            if needs.contains(&p) {
                let Decision::Refused(e) = &d else {
                    panic!("{name} without {}: {d:?}", p.name())
                };
                assert_eq!(
                    e.code(),
                    "permission.missing_privilege",
                    "{name} without {}",
                    p.name()
                );
                // canUse gates everything; otherwise the missing privilege is named.
                assert!(
                    e.field() == Some(p.name()) || e.field() == Some(Privilege::CanUse.name()),
                    "{name}: {e}"
                );
            } else {
                assert!(
                    d.body().is_some(),
                    "{name} without {} should still go: {d:?}",
                    p.name()
                );
            }
        }
    }
}

#[test]
fn outbound_session_needs_its_privilege_and_a_phone() {
    let phone: waba::phone::E164 = "+16315551002".parse().unwrap();
    assert!(Conversation::can_start_outbound_session(Permissions::all(), Some(&phone)).is_ok());
    let e = Conversation::can_start_outbound_session(
        Permissions::all().without(Privilege::CanCreateNewSessionFromOtherMedia),
        Some(&phone),
    )
    .unwrap_err();
    assert_eq!(e.code(), "permission.missing_privilege");
    let e = Conversation::can_start_outbound_session(Permissions::all(), None).unwrap_err();
    assert_eq!(e.code(), "compose.no_customer_phone");
}

#[test]
fn outbound_session_channels_attached_data_wins() {
    let config = crate::config(&[(
        "whatsappsession.outbound-session-config",
        r#"{"channels": [{"server-name": " DigitalMessagingServer ", "channel-name": "channel-whatsapp-1", "business-id": "19251112221"}]}"#,
    )]);
    let phone: waba::phone::E164 = "+16315551002".parse().unwrap();
    let s = Conversation::start_outbound_session(&config, None, Permissions::all(), Some(&phone))
        .unwrap();
    assert_eq!(s.channels[0].channel, "channel-whatsapp-1");
    let attached = serde_json::json!({"1": {"MediaType": "whatsappsession", "_umsServer": "DigitalMessagingServer",
        "_umsChannel": "channel-ghub-simulator", "_umsBusinessId": "19251112222"}});
    let s = Conversation::start_outbound_session(
        &config,
        Some(&attached),
        Permissions::all(),
        Some(&phone),
    )
    .unwrap();
    assert_eq!(s.channels.len(), 1);
    assert_eq!(s.channels[0].channel, "channel-ghub-simulator");
    // The new conversation is addressed to the customer; only templates go until they write.
    let conv = s.conversation(&s.channels[0]);
    let e = crate::refused(crate::compose_text(
        &conv,
        &config,
        "hello",
        t("2026-11-24T10:00:00Z"),
    ));
    assert_eq!(e.code(), "window.never_opened");
    let e = Conversation::start_outbound_session(
        &waba::Config::default(),
        None,
        Permissions::all(),
        Some(&phone),
    )
    .unwrap_err();
    assert_eq!(e.code(), "compose.no_channel");
    let bad = serde_json::json!({"x": {}});
    let e =
        Conversation::start_outbound_session(&config, Some(&bad), Permissions::all(), Some(&phone))
            .unwrap_err();
    assert_eq!(e.code(), "compose.invalid_attached_data");
    let e = Conversation::start_outbound_session(
        &config,
        None,
        Permissions::all().without(Privilege::CanCreateNewSessionFromOtherMedia),
        Some(&phone),
    )
    .unwrap_err();
    assert_eq!(
        e.field(),
        Some(Privilege::CanCreateNewSessionFromOtherMedia.name())
    );
}
