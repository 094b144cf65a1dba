//! `waba config lint` against the contract.

use serde_json::{Value, json};

use crate::{TempFile, waba};

fn guide() -> Value {
    serde_json::from_str(include_str!(
        "../../../waba/tests/fixtures/guide-deployment.json"
    ))
    .unwrap()
}

/// The guide's bundle with the setting at `path` set to `value`.
fn guide_with(path: [&str; 3], value: &str) -> Value {
    let mut v = guide();
    v[path[0]][path[1]][path[2]] = json!(value);
    v
}

fn lint(bundle: &Value) -> crate::Run {
    let f = TempFile::with(bundle.to_string().as_bytes(), ".json");
    waba(&["config", "lint", f.path()], b"")
}

#[test]
fn the_guides_settings_pass_with_exit_0() {
    let run = lint(&guide());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.json(),
        json!({"findings": [], "errors": 0, "warnings": 0})
    );
}

#[test]
fn an_error_exits_1_with_the_contract_keys() {
    let mut v = guide_with(["chat_server", "settings", "xml-request-max-size"], "32768");
    v["workspace"]["interaction-workspace"]
        .as_object_mut()
        .unwrap()
        .remove("intercommunication.whatsappsession.queue");
    let run = lint(&v);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(
        (doc["errors"].clone(), doc["warnings"].clone()),
        (json!(1), json!(1))
    );
    let f = &doc["findings"][0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["rule"], "chat_server.xml_request_max_size");
    assert_eq!(f["where"], "settings/xml-request-max-size");
    for key in ["message", "fix"] {
        assert!(f[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert_eq!(doc["findings"][1]["severity"], "warning");
    assert_eq!(doc["findings"][1]["rule"], "workspace.conference_queue");
}

#[test]
fn warnings_alone_exit_0() {
    let run = lint(&guide_with(
        ["dms", "channel-ghub", "session-shutdown-timeout"],
        "180",
    ));
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["warnings"], 1);
}

#[test]
fn the_comma_before_the_tenant_id() {
    let run = lint(&guide_with(
        ["dms", "channel-ghub", "inbound-route"],
        "1:session-chat",
    ));
    assert_eq!(run.code, 1);
    let doc = run.json();
    assert_eq!(doc["findings"][0]["rule"], "dms.session_chat_endpoint");
    assert_eq!(doc["findings"][0]["where"], "channel-ghub/inbound-route");
}

#[test]
fn unreadable_or_not_json_is_exit_2() {
    let run = waba(&["config", "lint", "/nonexistent/bundle.json"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let f = TempFile::with(b"{\"dms\": ", ".json");
    let run = waba(&["config", "lint", f.path()], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not JSON"), "{}", run.stderr);
    let run = waba(&["config", "lint"], b"");
    assert_eq!(run.code, 2);
}

#[test]
fn json_of_another_shape_is_a_finding() {
    let run = lint(&json!({"dms": ["channel-ghub"]}));
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["findings"][0]["rule"], "bundle.shape");
}
