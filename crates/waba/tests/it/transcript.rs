//! The transcript and replies tied to what was sent, from the guide's words.

use serde_json::{Value, json};
use waba::Config;
use waba::model::{
    Interactive, ListMessage, Outbound, OutboundBody, ReplyButton, Row, Section, Webhook,
};
use waba::template::{Rules, Template};
use waba::transcript::{Entry, EntryKind, Transcript};

use crate::t;

const CUSTOMER: &str = "16315551002";

fn hook(messages: Value, statuses: Value) -> Webhook {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
            "messages": messages, "statuses": statuses}}]}]});
    Webhook::parse(body.to_string().as_bytes()).unwrap()
}

fn ts(s: &str) -> String {
    t(s).timestamp().to_string()
}

fn text(id: &str, at: &str, body: &str) -> Value {
    json!({"from": CUSTOMER, "id": id, "timestamp": ts(at), "type": "text", "text": {"body": body}})
}

fn kinds(entries: &[Entry]) -> Vec<EntryKind> {
    entries.iter().map(Entry::kind).collect()
}

fn json_of(e: &Entry) -> Value {
    serde_json::to_value(e).unwrap()
}

/// Pushes a webhook with the one customer text `id` (written at `at`) that came in at `received`
/// (if known) on `channel` (if named).
fn push_text_on(
    tr: &mut Transcript,
    (id, at, body): (&str, &str, &str),
    received: Option<&str>,
    channel: Option<&str>,
) {
    let hook = hook(json!([text(id, at, body)]), json!([]));
    tr.push_webhook(&hook, received.map(t), channel.map(str::to_owned))
        .unwrap();
}

/// Pushes a webhook with the one customer text `id` (written at `at`) that came in at `received`.
fn push_text(tr: &mut Transcript, id: &str, at: &str, body: &str, received: Option<&str>) {
    push_text_on(tr, (id, at, body), received, None);
}

/// Pushes our text `body`, sent as `id` at `at`.
fn push_sent_text(tr: &mut Transcript, id: &str, at: &str, body: &str) {
    tr.push_sent(id, t(at), Outbound::text(body).unwrap(), None, None)
        .unwrap();
}

#[test]
fn session_start_inbound_outbound_with_status_and_errors_in_the_flow() {
    let mut tr = Transcript::new(&Config::default());
    push_text(
        &mut tr,
        "wamid.IN1",
        "2026-11-24T10:00:00Z",
        "Hi",
        Some("2026-11-24T10:00:02Z"),
    );
    push_sent_text(&mut tr, "wamid.OUT1", "2026-11-24T10:01:00Z", "Hello!");
    push_sent_text(
        &mut tr,
        "wamid.OUT2",
        "2026-11-24T10:02:00Z",
        "Still there?",
    );
    tr.push_webhook(
        &hook(json!([]), json!([
            {"id": "wamid.OUT1", "status": "read", "timestamp": ts("2026-11-24T10:01:30Z"), "recipient_id": CUSTOMER},
            {"id": "wamid.OUT1", "status": "delivered", "timestamp": ts("2026-11-24T10:01:10Z"), "recipient_id": CUSTOMER},
            {"id": "wamid.OUT2", "status": "failed", "timestamp": ts("2026-11-24T10:02:05Z"), "recipient_id": CUSTOMER,
             "errors": [{"code": 131047, "title": "Re-engagement message", "error_data": {"details": "More than 24 hours have passed"}}]}
        ])),
        Some(t("2026-11-24T10:03:00Z")),
        None,
    )
    .unwrap();
    let e = tr.entries();
    assert_eq!(
        kinds(&e),
        [
            EntryKind::SessionStart,
            EntryKind::Inbound,
            EntryKind::Outbound,
            EntryKind::Outbound,
            EntryKind::Error
        ]
    );
    assert_eq!(
        json_of(&e[0]),
        json!({"kind": "session_start", "id": "wamid.IN1", "at": "2026-11-24T10:00:02Z"})
    );
    let inbound = json_of(&e[1]);
    assert_eq!(inbound["origin"], "2026-11-24T10:00:00Z");
    assert_eq!(
        (inbound["delayed"].clone(), inbound["out_of_order"].clone()),
        (json!(false), json!(false))
    );
    assert_eq!(inbound["text"], "Hi");
    // A read status stays read when an older delivered status comes after it.
    assert_eq!(json_of(&e[2])["status"], "read");
    assert_eq!(json_of(&e[3])["status"], "failed");
    let err = json_of(&e[4]);
    assert_eq!(
        (err["id"].clone(), err["code"].clone()),
        (json!("wamid.OUT2"), json!(131047))
    );
    assert_eq!(err["message"], "More than 24 hours have passed");
}

#[test]
fn late_messages_are_marked_by_origin_time_and_disorder_is_flagged() {
    // "If there is a delay in receiving a message, the message origination time is shown using bold
    // font" and "If there is an issue in displaying the message in the correct chronological order,
    // the timestamp is highlighted in red."
    let mut tr = Transcript::new(&Config::default());
    push_text(
        &mut tr,
        "wamid.A",
        "2026-11-24T10:05:00Z",
        "second",
        Some("2026-11-24T10:05:01Z"),
    );
    push_text(
        &mut tr,
        "wamid.B",
        "2026-11-24T10:00:00Z",
        "first, late",
        Some("2026-11-24T10:06:00Z"),
    );
    let e = tr.entries();
    let late = json_of(&e[2]);
    assert_eq!(late["delayed"], true, "{late}");
    assert_eq!(late["out_of_order"], true);
    assert_eq!(late["at"], "2026-11-24T10:06:00Z");
    assert_eq!(late["origin"], "2026-11-24T10:00:00Z");
    // Without an arrival time, the message's own time is its arrival: not delayed.
    let mut tr = Transcript::new(&Config::default());
    push_text(&mut tr, "wamid.A", "2026-11-24T10:05:00Z", "x", None);
    assert_eq!(json_of(&tr.entries()[1])["delayed"], false);
}

#[test]
fn a_silence_longer_than_the_session_shutdown_timeout_starts_an_interaction() {
    let config = crate::config(&[
        ("session-shutdown-timeout", "1800"),
        ("whatsappsession.transcript-interactions-count", "1"),
    ]);
    let mut tr = Transcript::new(&config);
    for (id, at) in [
        ("wamid.1", "2026-11-24T10:00:00Z"),
        ("wamid.2", "2026-11-24T10:30:00Z"),
        ("wamid.3", "2026-11-24T11:00:01Z"),
        ("wamid.4", "2026-11-25T09:00:00Z"),
    ] {
        push_text(&mut tr, id, at, id, None);
    }
    let e = tr.entries();
    // 30 minutes exactly stays in the interaction; one second more starts the next.
    let starts: Vec<&str> = e
        .iter()
        .filter(|x| x.kind() == EntryKind::SessionStart)
        .map(|x| x.id().unwrap())
        .collect();
    assert_eq!(starts, ["wamid.1", "wamid.3", "wamid.4"]);
    // "see older messages...": one earlier message per page.
    let ids = |p: &waba::transcript::Page| {
        p.entries
            .iter()
            .filter(|x| x.is_message())
            .map(|x| x.id().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let p0 = tr.page(0);
    assert_eq!(ids(&p0), ["wamid.3", "wamid.4"]);
    assert!(p0.older);
    assert_eq!(ids(&tr.page(1)), ["wamid.2"]);
    let p2 = tr.page(2);
    assert_eq!(ids(&p2), ["wamid.1"]);
    assert!(!p2.older);
}

#[test]
fn other_channels_only_with_show_cross_channel_messages() {
    // "You can see the transcript only for the current WhatsApp channel."
    let build = |config: &Config| {
        let mut tr = Transcript::new(config).for_channel("channel-ghub");
        push_text_on(
            &mut tr,
            ("wamid.1", "2026-11-24T10:00:00Z", "here"),
            None,
            Some("channel-ghub"),
        );
        push_text_on(
            &mut tr,
            ("wamid.2", "2026-11-24T10:01:00Z", "there"),
            None,
            Some("channel-other"),
        );
        tr.entries()
    };
    let e = build(&Config::default());
    assert_eq!(e.iter().filter(|x| x.is_message()).count(), 1);
    let cross = crate::config(&[("whatsappsession.show-cross-channel-messages", "true")]);
    let e = build(&cross);
    let channels: Vec<Value> = e
        .iter()
        .filter(|x| x.is_message())
        .map(|x| json_of(x)["channel"].clone())
        .collect();
    assert_eq!(channels, [json!("channel-ghub"), json!("channel-other")]);
}

#[test]
fn one_customer_across_interactions() {
    let mut tr = Transcript::new(&Config::default()).for_customer("+16315551002".parse().unwrap());
    tr.push_webhook(&hook(json!([text("wamid.1", "2026-11-24T10:00:00Z", "mine"),
        {"from": "447700900123", "id": "wamid.2", "timestamp": ts("2026-11-24T10:00:01Z"), "type": "text", "text": {"body": "not mine"}}]), json!([])), None, None).unwrap();
    let e = tr.entries();
    assert_eq!(
        e.iter()
            .filter(|x| x.is_message())
            .map(|x| x.id().unwrap())
            .collect::<Vec<_>>(),
        ["wamid.1"]
    );
}

fn quick_reply_template() -> Template {
    Template::from_json(
        r#"{"name": "appointment", "language": "en_US", "components": [
            {"type": "BODY", "text": "Can you come on {{1}}?"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "No"}, {"type": "QUICK_REPLY", "text": "Maybe"}]}]}"#,
        &Rules::default(),
    )
    .unwrap()
}

#[test]
fn a_quick_reply_is_tied_to_its_notification_and_the_option_chosen() {
    // "If the customer responds to your QuickReply notification within the same interaction, the
    // option selected by the customer is highlighted in the reply message and the entire
    // notification structure is displayed".
    let tpl = quick_reply_template();
    let rendered = tpl
        .render(&waba::template::Params::positional(["Monday"]))
        .unwrap();
    let mut tr = Transcript::new(&Config::default());
    tr.push_sent(
        "wamid.N1",
        t("2026-11-24T10:00:00Z"),
        Outbound::new(OutboundBody::Template(rendered.message)),
        Some(tpl),
        None,
    )
    .unwrap();
    let reply = |id: &str, context: &str, payload: &str| {
        json!({"from": CUSTOMER, "id": id, "timestamp": ts("2026-11-24T10:01:00Z"),
        "context": {"from": "919876543210", "id": context}, "type": "button", "button": {"payload": payload, "text": payload}})
    };
    tr.push_webhook(
        &hook(
            json!([
                reply("wamid.R1", "wamid.N1", "Maybe"),
                reply("wamid.R2", "wamid.N1", "Perhaps"),
                reply("wamid.R3", "wamid.UNKNOWN", "Yes")
            ]),
            json!([]),
        ),
        None,
        None,
    )
    .unwrap();
    let e = tr.entries();
    let n = json_of(&e[1]);
    assert_eq!(n["kind"], "notification");
    assert_eq!(
        n["preview"],
        "Can you come on Monday?\n[Yes]\n[No]\n[Maybe]"
    );
    assert_eq!(
        json_of(&e[2])["reply_to"],
        json!({"id": "wamid.N1", "option": {"index": 2, "id": "Maybe", "title": "Maybe"}})
    );
    // An option that was not in it, a message we do not know: kept, unresolved, never guessed.
    assert_eq!(
        json_of(&e[3])["reply_to"],
        json!({"id": "wamid.N1", "unresolved": true})
    );
    assert_eq!(
        json_of(&e[4])["reply_to"],
        json!({"id": "wamid.UNKNOWN", "unresolved": true})
    );
}

#[test]
fn a_quick_reply_payload_we_sent_gives_its_button_index() {
    let body: Outbound = serde_json::from_value(json!({"messaging_product": "whatsapp", "to": CUSTOMER, "type": "template",
        "template": {"name": "appointment", "language": {"code": "en_US"}, "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "Monday"}]},
            {"type": "button", "sub_type": "quick_reply", "index": "1", "parameters": [{"type": "payload", "payload": "NO-42"}]}]}})).unwrap();
    let mut tr = Transcript::new(&Config::default());
    tr.push_sent("wamid.N1", t("2026-11-24T10:00:00Z"), body, None, None)
        .unwrap();
    tr.push_webhook(&hook(json!([{"from": CUSTOMER, "id": "wamid.R1", "timestamp": ts("2026-11-24T10:01:00Z"),
        "context": {"id": "wamid.N1"}, "type": "button", "button": {"payload": "NO-42", "text": "No"}}]), json!([])), None, None).unwrap();
    let e = tr.entries();
    assert_eq!(
        json_of(&e[2])["reply_to"]["option"],
        json!({"index": 1, "id": "NO-42", "title": "No"})
    );
    assert_eq!(json_of(&e[1])["preview"], "[appointment] Monday");
}

#[test]
fn button_and_list_replies_are_tied_to_the_interactive_message() {
    let buttons = Interactive::Button(waba::model::ButtonMessage::new(
        "Did that fix it?",
        vec![
            ReplyButton::new("fixed", "Yes, thanks"),
            ReplyButton::new("not-fixed", "No"),
        ],
    ));
    let list = Interactive::List(ListMessage::new(
        "Pick a slot",
        "Slots",
        vec![
            Section::new(
                Some("Monday".into()),
                vec![Row::new("mon-9", "9:00"), Row::new("mon-10", "10:00")],
            ),
            Section::new(Some("Tuesday".into()), vec![Row::new("tue-9", "9:00")]),
        ],
    ));
    let mut tr = Transcript::new(&Config::default());
    tr.push_sent(
        "wamid.B",
        t("2026-11-24T10:00:00Z"),
        Outbound::new(OutboundBody::Interactive(buttons)),
        None,
        None,
    )
    .unwrap();
    tr.push_sent(
        "wamid.L",
        t("2026-11-24T10:00:10Z"),
        Outbound::new(OutboundBody::Interactive(list)),
        None,
        None,
    )
    .unwrap();
    let interactive = |id: &str, ctx: &str, kind: &str, choice: &str, title: &str| {
        json!({"from": CUSTOMER, "id": id,
        "timestamp": ts("2026-11-24T10:01:00Z"), "context": {"id": ctx}, "type": "interactive",
        "interactive": {"type": kind, kind: {"id": choice, "title": title}}})
    };
    tr.push_webhook(
        &hook(
            json!([
                interactive("wamid.R1", "wamid.B", "button_reply", "not-fixed", "No"),
                interactive("wamid.R2", "wamid.L", "list_reply", "tue-9", "9:00"),
                // A list reply naming the button message: not an option of it.
                interactive("wamid.R3", "wamid.B", "list_reply", "tue-9", "9:00"),
            ]),
            json!([]),
        ),
        None,
        None,
    )
    .unwrap();
    let e = tr.entries();
    assert_eq!(
        json_of(&e[3])["reply_to"],
        json!({"id": "wamid.B", "option": {"index": 1, "id": "not-fixed", "title": "No"}})
    );
    assert_eq!(json_of(&e[3])["text"], "No");
    assert_eq!(
        json_of(&e[4])["reply_to"]["option"],
        json!({"index": 2, "id": "tue-9", "title": "9:00"})
    );
    assert_eq!(
        json_of(&e[5])["reply_to"],
        json!({"id": "wamid.B", "unresolved": true})
    );
}

#[test]
fn the_default_notification_shows_its_text() {
    let config = crate::notification_config();
    let (message, _) = config
        .default_notification
        .as_ref()
        .unwrap()
        .fill("We recommend rebooting your device")
        .unwrap();
    let mut tr = Transcript::new(&config);
    tr.push_sent(
        "wamid.N",
        t("2026-11-24T10:00:00Z"),
        Outbound::new(OutboundBody::Template(message)),
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        json_of(&tr.entries()[1])["preview"],
        "Thank you for your patience! We recommend rebooting your device"
    );
    assert_eq!(
        waba_error::WabaError::code(
            &tr.push_sent(
                "wamid.N",
                t("2026-11-24T10:00:00Z"),
                Outbound::text("x").unwrap(),
                None,
                None
            )
            .unwrap_err()
        ),
        "transcript.duplicate_send"
    );
}

#[test]
fn a_late_sent_never_takes_a_read_message_back() {
    // Meta can stamp a redelivered `sent` later than the `read` it follows: the ledger's merge is
    // forward only, whatever the timestamps say.
    let mut tr = Transcript::new(&Config::default());
    push_sent_text(&mut tr, "wamid.OUT1", "2026-11-24T10:01:00Z", "Hello!");
    for (status, at) in [
        ("read", "2026-11-24T10:01:30Z"),
        ("sent", "2026-11-24T10:01:40Z"),
    ] {
        tr.push_webhook(
            &hook(json!([]), json!([
                {"id": "wamid.OUT1", "status": status, "timestamp": ts(at), "recipient_id": CUSTOMER}
            ])),
            Some(t("2026-11-24T10:02:00Z")),
            None,
        )
        .unwrap();
    }
    let e = tr.entries();
    let out = e
        .iter()
        .find(|e| e.kind() == EntryKind::Outbound)
        .map(json_of)
        .unwrap();
    assert_eq!(out["status"], "read");
}
