//! Bench `conversation`: one conversation end to end — a webhook body in, its interaction
//! attributes, a compose decision on the agent's reply, and the send body out as JSON bytes.
//!
//! Peer in the same run: the glue a service writes without the library (`serde_json::Value` parse,
//! pick the fields by hand, build the reply `Value`, serialize), which checks no rule at all.
//! Target: at least 200,000 conversations per second per core (5 µs each) for ours.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use waba::attachment::Permissions;
use waba::{Config, Conversation, Draft};

fn body(ts: i64) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1234567890987654321", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "919876543210", "phone_number_id": "1122334455667"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": "16315551002"}],
            "messages": [{"from": "16315551002", "id": "wamid.HBgLMTYzMTU1NTEwMDIVAgASGBQzQTdC", "timestamp": ts.to_string(),
                "type": "text", "text": {"body": "Hi! My phone keeps freezing since the update."}}]}}]}]})
    .to_string()
    .into_bytes()
}

/// Ours: the whole path through the facade.
fn ours(config: &Config, body: &[u8], now: DateTime<Utc>, draft: &Draft) -> Vec<u8> {
    let mut conv = Conversation::new("channel-ghub", "DigitalMessagingServer");
    let outcome = conv.on_webhook(config, body, now).unwrap();
    black_box(
        outcome
            .interactions
            .first()
            .unwrap()
            .attributes
            .get("Subject"),
    );
    let decision = conv.compose(config, draft, Permissions::all(), now);
    serde_json::to_vec(decision.body().unwrap()).unwrap()
}

/// The hand-written glue: no model, no rules, no window.
fn glue(body: &[u8], reply: &str) -> Vec<u8> {
    let v: Value = serde_json::from_slice(body).unwrap();
    let value = &v["entry"][0]["changes"][0]["value"];
    let msg = &value["messages"][0];
    let from = msg["from"].as_str().unwrap();
    let attrs = json!({
        "_umsChannel": "channel-ghub", "_umsMsgId": msg["id"], "_umsFromAddr": from,
        "_umsMsgPlainText": msg["text"]["body"], "_msg_ProfileNickname": value["contacts"][0]["profile"]["name"],
    });
    black_box(attrs);
    let send = json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": from, "type": "text",
        "text": {"preview_url": false, "body": reply}});
    serde_json::to_vec(&send).unwrap()
}

fn bench(c: &mut Criterion) {
    let t0: DateTime<Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    let now = t0 + TimeDelta::minutes(1);
    let config = Config::default();
    let b = body(t0.timestamp());
    let reply = "Sorry to hear that! Which model is it?";
    let draft = Draft::Text(reply.into());
    assert_eq!(
        serde_json::from_slice::<Value>(&ours(&config, &b, now, &draft)).unwrap()["to"],
        "16315551002"
    );

    let mut g = c.benchmark_group("conversation");
    g.throughput(Throughput::Elements(1));
    g.bench_function("waba_end_to_end", |bch| {
        bch.iter(|| ours(&config, black_box(&b), now, &draft))
    });
    g.bench_function("hand_written_value_glue", |bch| {
        bch.iter(|| glue(black_box(&b), reply))
    });
    g.finish();

    // Where the time goes, step by step.
    let mut g = c.benchmark_group("conversation_steps");
    g.bench_function("webhook_parse", |bch| {
        bch.iter(|| waba::model::Webhook::parse(black_box(&b)).unwrap())
    });
    g.bench_function("on_webhook", |bch| {
        bch.iter(|| {
            Conversation::new("channel-ghub", "DigitalMessagingServer")
                .on_webhook(&config, black_box(&b), now)
                .unwrap()
        })
    });
    let mut conv = Conversation::new("channel-ghub", "DigitalMessagingServer");
    conv.on_webhook(&config, &b, now).unwrap();
    g.bench_function("compose", |bch| {
        bch.iter(|| conv.compose(&config, black_box(&draft), Permissions::all(), now))
    });
    let decision = conv.compose(&config, &draft, Permissions::all(), now);
    let out = decision.body().unwrap();
    g.bench_function("send_body_to_bytes", |bch| {
        bch.iter(|| serde_json::to_vec(&black_box(out).to_json()).unwrap())
    });
    g.bench_function("send_body_serialize_direct", |bch| {
        bch.iter(|| serde_json::to_vec(black_box(out)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
