//! After the send, through the facade (issue 14): the conversation records what it sent with the
//! id from Meta's answer, merges its statuses from its own events (any order), exposes its
//! deliveries; opt-outs refuse marketing templates with the cause and its time, while service,
//! utility and authentication messages still go; a failed 131047 still closes the window.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Value, json};
use waba::after_send::optout::OptOutCause;
use waba::after_send::{DeliveryStatus, TemplateCategory};
use waba::attachment::Permissions;
use waba::model::events::{ConversationEvents, ConversationKey};
use waba::model::{Outbound, SendResponse, TemplateLanguage, TemplateMessage};
use waba::{Account, Conversation, Decision, Draft, WabaError};

use crate::t;

const ANA: &str = "16315551002";

/// The events of one delivery for Ana, as the delivery entry splits them.
fn events(field: &str, value: Value) -> ConversationEvents {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] = json!({"display_phone_number": "15550001111", "phone_number_id": "9"});
    value["contacts"] = json!([{"profile": {"name": "Ana"}, "wa_id": ANA}]);
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W",
        "changes": [{"field": field, "value": value}]}]});
    let split = waba::model::Webhook::parse(body.to_string().as_bytes())
        .unwrap()
        .split();
    split.conversations.into_iter().next().unwrap()
}

fn text(at: DateTime<Utc>, body: &str) -> ConversationEvents {
    events(
        "messages",
        json!({"messages": [{"from": ANA, "id": format!("wamid.in.{}", at.timestamp()),
            "timestamp": at.timestamp().to_string(), "type": "text", "text": {"body": body}}]}),
    )
}

fn status(id: &str, status: &str, at: DateTime<Utc>, errors: Option<Value>) -> ConversationEvents {
    let mut s = json!({"id": id, "status": status, "timestamp": at.timestamp().to_string(),
        "recipient_id": ANA,
        "pricing": {"billable": false, "pricing_model": "PMP", "category": "utility", "type": "free_customer_service"}});
    if let Some(e) = errors {
        s["errors"] = e;
    }
    events("messages", json!({"statuses": [s]}))
}

fn template(name: &str) -> Draft {
    Draft::Template {
        message: TemplateMessage::new(name, TemplateLanguage::new("en_US")),
        attachment_changed: false,
    }
}

fn account() -> Account {
    let mut a = Account::default();
    a.set_category("spring_sale", "en_US", TemplateCategory::Marketing);
    a.set_category("order_update", "en_US", TemplateCategory::Utility);
    a.set_category("login_code", "en_US", TemplateCategory::Authentication);
    a
}

fn conversation(config: &waba::Config, t0: DateTime<Utc>) -> (Conversation, ConversationKey) {
    let first = text(t0, "Hi, where is my order?");
    let mut conv = Conversation::for_key(first.key.clone(), "channel-ghub", "DMS");
    conv.apply(config, &first, t0).unwrap();
    (conv, first.key)
}

/// What `conv` decides for `draft`, with `account`'s templates and every privilege, at `now`.
fn compose(
    conv: &Conversation,
    config: &waba::Config,
    account: &Account,
    draft: &Draft,
    now: DateTime<Utc>,
) -> Decision {
    conv.compose_with(config, account, draft, Permissions::all(), now)
}

#[test]
fn a_stop_keyword_refuses_marketing_only_naming_cause_and_time() {
    let config = waba::Config::default();
    let t0 = t("2026-11-24T10:00:00Z");
    let (mut conv, _) = conversation(&config, t0);
    let account = account();
    let now = t0 + TimeDelta::minutes(5);
    assert!(matches!(
        compose(&conv, &config, &account, &template("spring_sale"), now),
        Decision::Send(_)
    ));
    conv.apply(&config, &text(t0 + TimeDelta::minutes(1), "  STOP! "), now)
        .unwrap();
    let Decision::Refused(e) = compose(&conv, &config, &account, &template("spring_sale"), now)
    else {
        panic!("a marketing template went to a customer who wrote STOP")
    };
    assert_eq!(e.code(), "optout.suppressed");
    assert_eq!(e.class(), waba::ErrorClass::Refused);
    assert_eq!(e.meta_code(), Some(131_050));
    assert_eq!(e.field(), Some("stop_keyword"));
    assert!(e.to_string().contains("2026-11-24T10:01:00Z"), "{e}");
    let why = conv.marketing_suppression().unwrap();
    assert_eq!(
        why.cause,
        OptOutCause::StopKeyword {
            keyword: "stop".into()
        }
    );
    // Service, utility and authentication still go; so does a template whose category is unknown.
    for draft in [
        template("order_update"),
        template("login_code"),
        template("never_heard_of"),
        Draft::Text("Your parcel left the depot".into()),
    ] {
        assert!(
            matches!(
                compose(&conv, &config, &account, &draft, now),
                Decision::Send(_)
            ),
            "{draft:?}"
        );
    }
    // A later START lifts it.
    conv.apply(&config, &text(t0 + TimeDelta::minutes(2), "start"), now)
        .unwrap();
    assert!(conv.marketing_suppression().is_none());
}

#[test]
fn marketing_preferences_and_131050_suppress() {
    let config = waba::Config::default();
    let t0 = t("2026-11-24T10:00:00Z");
    let (mut conv, _) = conversation(&config, t0);
    let account = account();
    let now = t0 + TimeDelta::minutes(10);
    let pref = |value: &str, at: DateTime<Utc>| {
        events(
            "user_preferences",
            json!({"user_preferences": [{"wa_id": ANA, "category": "marketing_messages",
                "value": value, "timestamp": at.timestamp()}]}),
        )
    };
    conv.apply(&config, &pref("stop", t0 + TimeDelta::minutes(3)), now)
        .unwrap();
    let Decision::Refused(e) = compose(&conv, &config, &account, &template("spring_sale"), now)
    else {
        panic!("not refused")
    };
    assert_eq!(e.field(), Some("marketing_preference"));
    // An older resume (arriving late) does not lift a newer stop; a newer one does.
    conv.apply(&config, &pref("resume", t0 + TimeDelta::minutes(1)), now)
        .unwrap();
    assert!(conv.marketing_suppression().is_some());
    conv.apply(&config, &pref("resume", t0 + TimeDelta::minutes(4)), now)
        .unwrap();
    assert!(conv.marketing_suppression().is_none());
    // Meta's 131050 on a failed status suppresses again.
    conv.apply(
        &config,
        &status(
            "wamid.M",
            "failed",
            t0 + TimeDelta::minutes(6),
            Some(json!([{"code": 131050, "title": "User stopped marketing messages"}])),
        ),
        now,
    )
    .unwrap();
    let why = conv.marketing_suppression().unwrap();
    assert_eq!(
        (&why.cause, why.at),
        (&OptOutCause::Failed131050, t0 + TimeDelta::minutes(6))
    );
}

#[test]
fn the_conversation_records_its_sends_and_merges_its_statuses() {
    let config = waba::Config::default();
    let t0 = t("2026-11-24T10:00:00Z");
    let (mut conv, _) = conversation(&config, t0);
    let sent_at = t0 + TimeDelta::minutes(1);
    let body = Outbound::text("It ships today").unwrap();
    let answer = SendResponse::parse(
        br#"{"messaging_product":"whatsapp","contacts":[{"input":"16315551002","wa_id":"16315551002"}],"messages":[{"id":"wamid.OUT1","message_status":"accepted"}]}"#,
    )
    .unwrap();
    conv.on_send_response(&body, &answer, sent_at, None)
        .unwrap();
    assert_eq!(
        conv.window.pending_since(),
        None,
        "the send answered the customer"
    );
    assert_eq!(
        conv.delivery("wamid.OUT1").unwrap().status,
        Some(DeliveryStatus::Accepted)
    );
    // Statuses arrive out of order and twice.
    let now = t0 + TimeDelta::minutes(3);
    for (s, secs) in [("read", 70), ("sent", 62), ("delivered", 65), ("read", 70)] {
        conv.apply(
            &config,
            &status("wamid.OUT1", s, t0 + TimeDelta::seconds(secs), None),
            now,
        )
        .unwrap();
    }
    let d = conv.delivery("wamid.OUT1").unwrap();
    assert_eq!(d.status, Some(DeliveryStatus::Read));
    assert_eq!(d.sent.as_ref().unwrap().to.as_deref(), Some(ANA));
    assert!(d.pricing.as_ref().unwrap().is_free());
    assert_eq!(conv.deliveries().count(), 1);

    // A marketing template recorded with its category; Meta refuses a second send: nothing kept.
    let promo = Outbound::new(TemplateMessage::new(
        "spring_sale",
        TemplateLanguage::new("en_US"),
    ));
    conv.record_sent("wamid.OUT2", &promo, now, Some(TemplateCategory::Marketing))
        .unwrap();
    assert!(
        conv.delivery("wamid.OUT2")
            .unwrap()
            .sent
            .as_ref()
            .unwrap()
            .is_marketing()
    );
    let refused =
        SendResponse::parse(br#"{"error":{"code":131056,"message":"pair rate limit"}}"#).unwrap();
    let e = conv
        .on_send_response(&body, &refused, now, None)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.meta_code()),
        ("ledger.send_refused", Some(131_056))
    );
    assert_eq!(conv.deliveries().count(), 2);

    // A failed 131047 reaches the window as before, and the ledger shows the failure.
    conv.apply(
        &config,
        &status(
            "wamid.OUT2",
            "failed",
            now,
            Some(json!([{"code": 131047, "title": "Re-engagement message"}])),
        ),
        now,
    )
    .unwrap();
    assert!(conv.closed_by_meta());
    let d = conv.delivery("wamid.OUT2").unwrap();
    assert_eq!(d.status, Some(DeliveryStatus::Failed));
    assert_eq!(d.error_codes().collect::<Vec<_>>(), [131_047]);

    // A status of a message this conversation never recorded is kept as an orphan.
    conv.apply(
        &config,
        &status("wamid.ELSEWHERE", "delivered", now, None),
        now,
    )
    .unwrap();
    assert!(conv.ledger.orphan("wamid.ELSEWHERE").is_some());

    // Stored and read back with its ledger and consent.
    let stored = serde_json::to_string(&conv).unwrap();
    assert_eq!(Conversation::from_json(&stored).unwrap(), conv);
}
