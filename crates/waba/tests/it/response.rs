//! Standard responses from the guide's words: "Text is sent first in a separate message, followed by
//! attachments (if any). You can click the X above an attachment file to remove it from the
//! response." and notifications inserted from standard responses with editable parameters.

use waba::attachment::{Permissions, Privilege};
use waba::model::{MediaSource, OutboundBody, ParameterValue};
use waba::response::{NotificationResponse, Part, ResponseError, SendPlan, StandardResponse};
use waba::template::{Rules, Template};
use waba::{AttachmentDraft, Config, Conversation, Decision};
use waba_error::WabaError;

use crate::t;

const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

fn png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0".to_vec();
    png.extend_from_slice(&[0x90, 0x91, 0x68, 0x36]);
    png
}

fn file(bytes: &[u8], mime: &str, name: &str) -> AttachmentDraft {
    AttachmentDraft::new(
        bytes.to_vec(),
        48_213,
        Some(mime.into()),
        Some(name.into()),
        None,
        MediaSource::Id("1166582278109245".into()),
    )
}

fn open_conversation() -> Conversation {
    let mut c = Conversation::new("channel-ghub", "DigitalMessagingServer");
    c.on_inbound(t("2026-11-24T10:00:00Z"), false);
    c
}

fn now() -> chrono::DateTime<chrono::Utc> {
    t("2026-11-24T10:05:00Z")
}

fn response() -> StandardResponse {
    StandardResponse::new(
        "Here are the manual and a photo of the reset button.",
        vec![
            file(PDF, "application/pdf", "manual.pdf"),
            file(&png(), "image/png", "button.png"),
        ],
    )
}

/// `r` planned for the open conversation with `config` and `permissions` at `at`.
fn planned_with(
    r: &StandardResponse,
    config: &Config,
    permissions: Permissions,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<SendPlan, ResponseError> {
    r.plan(&open_conversation(), config, permissions, at)
}

/// `r` planned for the open conversation with the defaults and every privilege, at `now()`.
fn planned(r: &StandardResponse) -> Result<SendPlan, ResponseError> {
    planned_with(r, &Config::default(), Permissions::all(), now())
}

/// `n` composed for the open conversation with the defaults, with `permissions` at `at`.
fn composed(
    n: &NotificationResponse,
    permissions: Permissions,
    at: chrono::DateTime<chrono::Utc>,
) -> Decision {
    n.compose(&open_conversation(), &Config::default(), permissions, at)
}

#[test]
fn text_first_then_each_attachment_as_its_own_message() {
    let plan = planned(&response()).unwrap();
    let parts: Vec<Part> = plan.parts.iter().map(|p| p.part).collect();
    assert_eq!(
        parts,
        [Part::Text, Part::Attachment(0), Part::Attachment(1)]
    );
    let kinds: Vec<&str> = plan.bodies().map(|b| b.body.kind()).collect();
    assert_eq!(kinds, ["text", "document", "image"]);
    assert!(matches!(&plan.parts[1].decision, Decision::Send(b)
        if matches!(&b.body, OutboundBody::Document(m) if m.filename.as_deref() == Some("manual.pdf"))));
}

#[test]
fn a_refusal_names_the_part_and_nothing_is_planned() {
    let mut r = response();
    r.attachments[1] = file(&png(), "application/pdf", "invoice.pdf");
    let e = planned(&r).unwrap_err();
    assert_eq!(e.part(), Some(Part::Attachment(1)));
    assert_eq!(e.code(), "attachment.type_mismatch");
    assert!(e.to_string().starts_with("attachments[1]: "), "{e}");
}

#[test]
fn every_part_is_checked_for_privileges() {
    let no_files = Permissions::all().without(Privilege::CanSendFiles);
    let e = planned_with(&response(), &Config::default(), no_files, now()).unwrap_err();
    assert_eq!(e.part(), Some(Part::Attachment(0)));
    assert_eq!(e.code(), "permission.missing_privilege");
    assert_eq!(
        e.field(),
        Some("InteractionWorkspace.WhatsApp.canSendFiles")
    );
    assert_eq!(e.class(), waba_error::ErrorClass::Refused);
    // Removing the attachments (their X) leaves a text the agent may send.
    let text_only = response()
        .without_attachment(1)
        .unwrap()
        .without_attachment(0)
        .unwrap();
    assert_eq!(
        planned_with(&text_only, &Config::default(), no_files, now())
            .unwrap()
            .parts
            .len(),
        1
    );
}

#[test]
fn every_part_is_checked_against_the_window() {
    let late = t("2026-11-25T11:00:00Z");
    // Without a default notification the text itself is refused (131047).
    let e = planned_with(&response(), &Config::default(), Permissions::all(), late).unwrap_err();
    assert_eq!((e.part(), e.meta_code()), (Some(Part::Text), Some(131_047)));
    // With one, the text would become the notification, but an attachment cannot follow it.
    let e = planned_with(
        &response(),
        &crate::notification_config(),
        Permissions::all(),
        late,
    )
    .unwrap_err();
    assert_eq!(
        (e.part(), e.meta_code()),
        (Some(Part::Attachment(0)), Some(131_047))
    );
    // The text alone goes as the notification.
    let plan = planned_with(
        &StandardResponse::new("We are looking into it.", vec![]),
        &crate::notification_config(),
        Permissions::all(),
        late,
    )
    .unwrap();
    assert!(matches!(
        plan.parts[0].decision,
        Decision::Notification { .. }
    ));
}

#[test]
fn the_text_is_checked_against_the_byte_budget() {
    let config = crate::config(&[("whatsappsession.max-text-message-size", "16")]);
    let e = planned_with(
        &StandardResponse::new("Ünïcödé counts in bytes", vec![]),
        &config,
        Permissions::all(),
        now(),
    )
    .unwrap_err();
    assert_eq!(e.part(), Some(Part::Text));
    assert_eq!(e.limit(), Some(16));
}

#[test]
fn removing_an_attachment_gives_the_plan_without_it() {
    let r = response().without_attachment(0).unwrap();
    let plan = planned(&r).unwrap();
    let kinds: Vec<&str> = plan.bodies().map(|b| b.body.kind()).collect();
    assert_eq!(kinds, ["text", "image"]);
    assert_eq!(plan.parts[1].part, Part::Attachment(0));
    let e = response().without_attachment(2).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("response.no_such_attachment", Some(2), Some(2))
    );
}

#[test]
fn attachments_only_and_empty_responses() {
    let r = StandardResponse::attachments(vec![file(PDF, "application/pdf", "manual.pdf")]);
    let plan = planned(&r).unwrap();
    assert_eq!(plan.parts[0].part, Part::Attachment(0));
    let blank = StandardResponse::new("  ", vec![]);
    let e = planned(&blank).unwrap_err();
    assert!(matches!(e, ResponseError::Empty));
    let many = StandardResponse::attachments(vec![file(PDF, "application/pdf", "a.pdf"); 11]);
    assert_eq!(
        planned(&many).unwrap_err().code(),
        "response.too_many_attachments"
    );
}

fn rich_template() -> Template {
    Template::from_json(
        r#"{"name": "balance_alert", "language": "en_US", "components": [
            {"type": "HEADER", "format": "TEXT", "text": "Account {{1}}"},
            {"type": "BODY", "text": "Hi {{1}}, your balance is {{2}}."},
            {"type": "FOOTER", "text": "Reply STOP to opt out"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"},
                                            {"type": "QUICK_REPLY", "text": "No"}]}]}"#,
        &Rules::default(),
    )
    .unwrap()
}

#[test]
fn an_inserted_notification_keeps_its_editable_parameters() {
    let mut n = NotificationResponse::new(rich_template());
    let names: Vec<String> = n.parameters().into_iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["1", "2", "3"]);
    n.set("1", "****1234").unwrap();
    n.set("2", "Ana").unwrap();
    n.set("3", "$12.50").unwrap();
    assert_eq!(n.parameters()[1], ("2".to_owned(), "Ana"));
    assert_eq!(
        n.preview().unwrap(),
        "Account ****1234\nHi Ana, your balance is $12.50.\nReply STOP to opt out\n[Yes]\n[No]"
    );
    assert_eq!(
        n.set("4", "x").unwrap_err().code(),
        "response.no_such_parameter"
    );
    // Checked like any notification: sent with the window closed, too.
    let late = t("2026-11-30T10:00:00Z");
    let d = composed(&n, Permissions::all(), late);
    let Decision::Send(body) = d else {
        panic!("{d:?}")
    };
    assert_eq!(body.body.kind(), "template");
    // "An editable parameter inside the header or button cannot have new line characters".
    n.set("1", "12\n34").unwrap();
    let d = composed(&n, Permissions::all(), late);
    let Decision::Refused(e) = d else {
        panic!("{d:?}")
    };
    assert_eq!(e.code(), "template.param_has_newline");
    // Without canUse nothing is sent.
    n.set("1", "1234").unwrap();
    let d = composed(&n, Permissions::none(), late);
    assert!(matches!(d, Decision::Refused(e) if e.code() == "permission.missing_privilege"));
}

#[test]
fn changing_a_notifications_attachment_needs_its_privilege() {
    let t_ = Template::from_json(
        r#"{"name": "manual_ready", "language": "en_US", "components": [
            {"type": "HEADER", "format": "DOCUMENT"},
            {"type": "BODY", "text": "Your manual is attached."}]}"#,
        &Rules::default(),
    )
    .unwrap();
    let doc = ParameterValue::Document {
        source: MediaSource::Id("111".into()),
        filename: Some("manual.pdf".into()),
    };
    let n = NotificationResponse::new(t_).with_header_media(doc.clone());
    let no_change = Permissions::all().without(Privilege::CanChangeAttachmentsInNotification);
    assert!(matches!(composed(&n, no_change, now()), Decision::Send(_)));
    let mut changed = n.clone();
    changed.change_header_media(ParameterValue::Document {
        source: MediaSource::Id("222".into()),
        filename: Some("other.pdf".into()),
    });
    let d = composed(&changed, no_change, now());
    assert!(
        matches!(&d, Decision::Refused(e) if e.field() == Some("InteractionWorkspace.WhatsApp.canChangeAttachmentsInNotification")),
        "{d:?}"
    );
}
