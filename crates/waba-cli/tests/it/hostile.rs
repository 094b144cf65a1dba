//! Hostile input at the command's edges: every reader of stdin or of a named file has a size and a
//! kind before it reads; nothing repeated is taken "last wins".

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::{TempFile, normalize, render, waba, waba_at};

const LAST: &str = "2026-11-23T10:00:00Z";
const NOW: &str = "2026-11-23T11:00:00Z";

#[test]
fn a_draft_key_given_twice_is_refused_naming_it() {
    let run = waba_at(
        "compose",
        LAST,
        NOW,
        &[],
        br#"{"text": "hello", "text": "goodbye"}"#,
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let doc = run.json();
    assert_eq!(doc["decision"], "refused");
    assert_eq!(doc["error"]["code"], "json.duplicate_key");
    assert_eq!(doc["error"]["field"], "text");
}

#[test]
fn an_esp_parameter_given_twice_is_904_naming_it() {
    let run = waba(
        &["esp"],
        br#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact",
            "Parameters":{"Id":"+16315551002","Id":"+919876543210"}}"#,
    );
    assert_eq!(run.code, 1);
    let doc = run.json();
    assert_eq!(doc["Error"]["Code"], 904);
    assert!(doc["Error"]["Message"].as_str().unwrap().contains("Id"));
    let run = waba(
        &["esp"],
        br#"{"AppName":"DMS","Service":"Messaging","Service":"Other","Method":"ValidateContact"}"#,
    );
    assert_eq!(run.json()["Error"]["Code"], 701);
}

/// Runs `waba window` with an options file holding `options`: a usage error (exit 2); its stderr.
fn window_usage_error(options: &[u8]) -> String {
    let opts = TempFile::with(options, ".json");
    let run = waba_at("window", LAST, NOW, &["--options", opts.path()], b"");
    assert_eq!(run.code, 2, "{}", run.stdout);
    run.stderr
}

#[test]
fn an_option_given_twice_is_a_usage_error_naming_it() {
    let stderr = window_usage_error(
        br#"{"whatsappsession.max-text-message-size": "4096",
            "whatsappsession.max-text-message-size": "10"}"#,
    );
    assert!(
        stderr.contains("whatsappsession.max-text-message-size"),
        "{stderr}"
    );
    assert!(stderr.contains("json.duplicate_key"), "{stderr}");
}

#[test]
fn a_template_key_or_named_value_given_twice_is_refused() {
    let t = TempFile::with(
        br#"{"name": "greet", "language": "en", "parameter_format": "NAMED",
            "components": [{"type": "BODY", "text": "Hi {{first}}"}]}"#,
        ".json",
    );
    let run = render(t.path(), &["--named", "first=Ana", "--named", "first=Bea"]);
    assert_eq!(run.code, 1, "{} {}", run.stdout, run.stderr);
    assert_eq!(run.json()["error"]["code"], "template.param_duplicate");
    assert_eq!(run.json()["error"]["field"], "first");
    let twice = TempFile::with(
        br#"{"name": "greet", "language": "en", "language": "fr",
            "components": [{"type": "BODY", "text": "Hi"}]}"#,
        ".json",
    );
    let run = render(twice.path(), &[]);
    assert_eq!(run.code, 1, "{} {}", run.stdout, run.stderr);
    assert_eq!(run.json()["error"]["code"], "json.duplicate_key");
    assert_eq!(run.json()["error"]["field"], "language");
}

/// Runs `waba ARGS` with no stdin; fails the test (after killing it) if it runs over 20 s.
fn run_bounded(args: &[&str]) -> (i32, String) {
    let mut child = crate::spawn(args, Stdio::null());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return (
                status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("waba {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_directory_is_refused_before_it_is_opened() {
    let dir = std::env::temp_dir().join(format!("waba-fifo-{}", std::process::id()));
    let _ = std::fs::remove_file(&dir);
    let made = Command::new("mkfifo").arg(&dir).status().unwrap();
    assert!(made.success());
    let fifo = dir.to_str().unwrap();
    let (code, stderr) = run_bounded(&["attachment", "check", fifo]);
    assert_eq!(code, 2);
    assert!(stderr.contains("FIFO"), "{stderr}");
    // Through compose's attachment draft too.
    let draft = json!({"attachment": {"path": fifo}}).to_string();
    let run = waba_at("compose", LAST, NOW, &[], draft.as_bytes());
    assert_eq!(run.code, 2);
    let _ = std::fs::remove_file(&dir);
    let tmp = std::env::temp_dir();
    let (code, stderr) = run_bounded(&["attachment", "check", tmp.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("directory"), "{stderr}");
    let (code, stderr) = run_bounded(&["template", "render", "--template", tmp.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("directory"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_document_file_may_be_a_pipe_read_up_to_its_cap() {
    // `--options <(...)` hands the command a pipe: read (up to the cap), not refused.
    let bin = env!("CARGO_BIN_EXE_waba");
    let script = format!(
        r#"{bin} window --last-inbound {LAST} --now {NOW} --options <(printf '%s' '{{"whatsappsession.free-msg-timespan": "1h"}}')"#
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["state"], "closed", "the 1 h timespan was read: {doc}");
    // A pipe that goes on past the cap stops the read there.
    let script = format!(
        r#"{bin} window --last-inbound {LAST} --now {NOW} --options <(yes ' ' | head -c 3000000)"#
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than the 1048576 bytes"));
}

#[test]
fn stdin_is_read_up_to_each_verbs_cap() {
    // compose: over the draft's cap, refused with the cap (the size past it is not read).
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(300 * 1024));
    let run = waba_at("compose", LAST, NOW, &[], big.as_bytes());
    assert_eq!(run.code, 1);
    let doc = run.json();
    assert_eq!(doc["error"]["code"], "json.too_large");
    assert_eq!(doc["error"]["limit"], 256 * 1024);
    assert!(
        doc["error"].get("actual").is_none(),
        "reading stopped: no made-up size"
    );
    // esp: the 64 KiB of docs/errors.md, 701.
    let mut req = br#"{"AppName":"DMS","Service":"Messaging","Method":"ValidateContact","Parameters":{"Id":"+16315551002"}}"#.to_vec();
    req.resize(64 * 1024, b' ');
    assert_eq!(waba(&["esp"], &req).code, 0);
    req.push(b' ');
    let run = waba(&["esp"], &req);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["Error"]["Code"], 701);
    // webhook: 1 MiB.
    let huge = vec![b' '; 2 << 20];
    let run = waba(&["webhook"], &huge);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["error"]["code"], "webhook.too_large");
    assert_eq!(run.json()["error"]["limit"], 1 << 20);
}

#[test]
fn one_bad_element_never_costs_the_others() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
        "contacts":[{"profile":{"name":"An\ud800a"},"wa_id":"16315551002"}],
        "messages":[
          {"from":"16315551002","id":"wamid.1","timestamp":"1697043223","type":"text","text":{"body":"Hi \ud83d"}},
          {"from":"16315551002","id":"wamid.2","timestamp":"1697043223","type":"text","text":{"body":"second"}},
          {"from":"not-a-number","id":"wamid.3","timestamp":"1697043223","type":"text","text":{"body":"third"}}]}}]}]}"#;
    let run = waba(&["webhook"], body);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The messages are written back as they came, lone surrogates included (valid JSON syntax
    // that serde_json's strict strings refuse): read the output with them replaced.
    assert!(run.stdout.contains(r"Hi \ud83d") && run.stdout.contains(r"An\ud800a"));
    let readable = run
        .stdout
        .replace(r"\ud83d", r"\ufffd")
        .replace(r"\ud800", r"\ufffd");
    let doc: serde_json::Value = serde_json::from_str(&readable).unwrap();
    let ixns = doc["interactions"].as_array().unwrap();
    assert_eq!(ixns.len(), 3, "every message comes through");
    assert_eq!(ixns[0]["content_error"], "webhook.invalid_content");
    assert_eq!(ixns[0]["attributes"]["_umsMsgPlainText"], "Hi \u{FFFD}");
    assert_eq!(ixns[1]["attributes"]["_umsMsgPlainText"], "second");
    assert!(ixns[1].get("content_error").is_none());
    assert_eq!(ixns[2]["sender_unverified"], true);
    assert_eq!(ixns[2]["attributes"]["_umsFromAddr"], "not-a-number");
    assert!(ixns[2]["attributes"].get("PhoneNumber").is_none());
    let codes = crate::text_of_each(&doc["errors"], "code");
    assert_eq!(
        codes,
        ["webhook.invalid_content", "webhook.invalid_contact"]
    );
    assert_eq!(doc["errors"][0]["message_id"], "wamid.1");
    assert_eq!(doc["errors"][1]["item"]["wa_id"], "16315551002");
}

#[test]
fn a_journal_line_costs_only_its_element_and_ours_are_read_strictly() {
    // A webhook line with a lone surrogate in one message: kept by Meta's rules (the webhook is
    // handed over as its bytes), never a refusal of the whole journal.
    let webhook = r#"{"webhook":{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "metadata":{"display_phone_number":"15550001111","phone_number_id":"9"},
        "contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551002"}],
        "messages":[{"from":"16315551002","id":"wamid.1","timestamp":"1697043223","type":"text","text":{"body":"Hi \ud83d"}}]}}]}]},"at":"2026-11-23T10:00:00Z"}"#
        .replace('\n', "");
    let sent = r#"{"sent":{"id":"wamid.S","at":"2026-11-23T10:01:00Z","payload":{"messaging_product":"whatsapp","to":"16315551002","type":"text","text":{"body":"Hello"}}}}"#;
    for verb in ["transcript", "deliveries"] {
        let run = waba(&[verb], format!("{webhook}\n{sent}\n").as_bytes());
        assert_eq!(run.code, 0, "{verb}: {}", run.stderr);
    }
    let run = waba(&["transcript"], format!("{webhook}\n").as_bytes());
    assert!(run.stdout.contains("Hi \u{FFFD}"), "{}", run.stdout);
    // What we sent is ours: a key twice, inside the send or at the top of the line, is refused
    // naming it (exit 2, the line's number), never last-wins.
    for bad in [
        sent.replace(r#""id":"wamid.S","#, r#""id":"wamid.S","id":"wamid.T","#),
        sent.replace(r#""body":"Hello""#, r#""body":"Hello","body":"Bye""#),
        sent.replacen('{', r#"{"sent":{},"#, 1),
    ] {
        for verb in ["transcript", "deliveries"] {
            let run = waba(&[verb], format!("{sent}\n{bad}\n").as_bytes());
            assert_eq!(run.code, 2, "{verb} {bad}: {}", run.stdout);
            assert!(run.stderr.contains("line 2"), "{}", run.stderr);
            assert!(
                run.stderr.contains("id")
                    || run.stderr.contains("body")
                    || run.stderr.contains("sent"),
                "{}",
                run.stderr
            );
            assert!(
                run.stderr.contains("twice") || run.stderr.contains("duplicate"),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn a_seen_file_is_read_capped_and_strictly() {
    let dup = TempFile::with(br#"{"version":1,"version":1,"entries":[]}"#, ".json");
    let run = waba(&["webhook", "--seen", dup.path()], b"{}");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("version"), "{}", run.stderr);
}

#[test]
fn a_bidi_mark_in_a_number_is_refused_naming_it() {
    let run = normalize("+919876543210", &["+1 650\u{200f}253 0000", "+16502530000"]);
    assert_eq!(run.code, 1);
    let lines = run.json_lines();
    assert_eq!(lines[0]["error"]["code"], "phone.bidi_control");
    assert_eq!(lines[0]["error"]["position"], 6);
    assert_eq!(lines[1]["normalized"], "+16502530000");
}

#[test]
fn numbers_in_answers_are_the_true_numbers() {
    // An option past u64: the message says what was given.
    let stderr =
        window_usage_error(br#"{"whatsappsession.max-text-message-size": "18446744073709551616"}"#);
    assert!(stderr.contains("18446744073709551616"), "{stderr}");
    assert!(!stderr.contains("18446744073709551615"), "{stderr}");
    // The last inbound after now: the window never has more than its length left.
    let run = waba_at(
        "window",
        "2026-11-24T10:00:00Z",
        "2026-11-23T10:00:00Z",
        &[],
        b"",
    );
    assert_eq!(run.code, 0);
    let doc = run.json();
    assert_eq!(doc["remaining_seconds"], 86_400);
    assert_eq!(doc["closes_at"], "2026-11-24T10:00:00Z");
    // At a sub-second boundary, closes_at and free_form_allowed agree.
    for (now, open) in [
        ("2026-11-24T10:00:00.2Z", false),
        ("2026-11-24T09:59:59.9Z", true),
    ] {
        let run = waba_at("window", "2026-11-23T10:00:00.5Z", now, &[], b"");
        let doc = run.json();
        assert_eq!(doc["closes_at"], "2026-11-24T10:00:00Z");
        assert_eq!(doc["free_form_allowed"], open, "{now}: {doc}");
        assert_eq!(doc["state"] == "closed", !open, "{now}: {doc}");
    }
}
