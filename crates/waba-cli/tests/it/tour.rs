//! `waba tour` tells the whole story on a fresh machine, needing no files or network.

use crate::waba;

#[test]
fn the_tour_tells_the_story() {
    let run = waba(&["tour"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    for needle in [
        // The guide's phone table.
        "1-631-555-1002             -> +9116315551002   not valid, region IN; suggestion +16315551002",
        "+54 9 11 5612-1008         -> +5491156121008   valid, region AR",
        // ValidateContact.
        r#"response: {"Id":"+16315551002"}"#,
        // The interaction attributes.
        "_umsMediaTypeChat          whatsappsession",
        "PhoneNumber                +16315551002",
        // The pending-response indicator.
        "pending response at 2026-11-23T10:00:35Z: yellow",
        "pending response at 2026-11-23T10:00:55Z: red_flashing",
        "pending response after the reply: none",
        // An in-window reply, then the window closing.
        "decision: send",
        "closed (closed at 2026-11-24T10:00:00Z); free form allowed: false",
        // The guide's automatic notification, exactly.
        "preview:  Thank you for your patience! We recommend rebooting your device to resolve the issue",
        // The delivery entry: a forged delivery refused, a redelivery ignored.
        "a forged delivery (someone else's body, a copied signature): refused, webhook.signature_mismatch (unauthenticated); answer Meta 401",
        "1 duplicate(s) ignored; pending response still none",
        // Refusals.
        "decision: refused (template.param_has_newline, Meta code 132018)",
        "decision: refused (attachment.type_mismatch)",
        "decision: refused (permission.missing_privilege)",
        // A quick reply tied to its notification, the option chosen marked.
        "       | [Maybe]",
        "reply to wamid.NOTIF1: option 3 of the notification, \"Maybe\" (highlighted)",
        // After the send: a status out of order, a 131049 and its backoff, a STOP honoured.
        "status sent      of 2026-11-24T12:20:01Z arrives -> ledger says read",
        "another marketing template now: wait until 2026-11-25T12:21:00Z (marketing_limit)",
        "a utility template now: go",
        "marketing template: refused (optout.suppressed, Meta code 131050)",
        "(stop_keyword) at 2026-11-24T12:22:00Z",
    ] {
        assert!(out.contains(needle), "the tour lacks {needle:?}:\n{out}");
    }
}
