//! Interactive-message rules broken by one, with their codes.

use waba_error::WabaError;

use waba_model::{
    ButtonMessage, Interactive, InteractiveHeader, ListMessage, ReplyButton, Row, Section,
};
use waba_template::{TemplateError, validate_interactive};

fn buttons(n: usize) -> ButtonMessage {
    ButtonMessage::new(
        "Pick one",
        (0..n)
            .map(|i| ReplyButton::new(format!("id{i}"), format!("t{i}")))
            .collect(),
    )
}

/// A button or list message, as `validate_interactive` takes it.
trait Message {
    fn interactive(self) -> Interactive;
}

impl Message for ButtonMessage {
    fn interactive(self) -> Interactive {
        Interactive::Button(self)
    }
}

impl Message for ListMessage {
    fn interactive(self) -> Interactive {
        Interactive::List(self)
    }
}

/// The error for the rule `m` breaks; fails the test if it passes.
fn refusal(m: impl Message) -> TemplateError {
    validate_interactive(&m.interactive()).unwrap_err()
}

/// The code of the rule `m` breaks; fails the test if it passes.
fn code(m: impl Message) -> &'static str {
    refusal(m).code()
}

/// The code of the rule `m` breaks and the position it names; fails the test if it passes.
fn code_at(m: impl Message) -> (&'static str, Option<u64>) {
    let e = refusal(m);
    (e.code(), e.position())
}

/// Fails the test if `m` breaks a rule.
fn ok(m: impl Message) {
    validate_interactive(&m.interactive()).unwrap();
}

/// For each value, two buttons (`id0`/`t0`, `id1`/`t1`) with the value `set` on the first: the
/// message passes (`broken` is `None`) or breaks the rule `broken`.
fn first_of_two<const N: usize>(
    set: impl Fn(&mut ReplyButton, String),
    cases: [(String, Option<&str>); N],
) {
    for (value, broken) in cases {
        let mut m = buttons(2);
        set(&mut m.buttons[0], value.clone());
        let got = validate_interactive(&m.interactive())
            .err()
            .map(|e| e.code());
        assert_eq!(got, broken, "{value:?}");
    }
}

#[test]
fn reply_buttons_1_to_3() {
    ok(buttons(1));
    ok(buttons(3));
    assert_eq!(code(buttons(0)), "interactive.too_few_buttons");
    let e = refusal(buttons(4));
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_buttons", Some(3), Some(4))
    );
}

#[test]
fn reply_title_1_to_20_unique() {
    let mut m = buttons(2);
    // Characters as Meta counts them (decision 0200), each boundary both ways: 20 astral emoji
    // (40 UTF-16 units) pass, 21 do not; 11 flags are 11 graphemes but 22 characters.
    first_of_two(
        |b, title| b.title = title,
        [
            ("😀".repeat(20), None),
            ("😀".repeat(21), Some("interactive.title_too_long")),
            ("🇮🇱".repeat(10), None),
            (" ".into(), Some("interactive.title_empty")),
        ],
    );
    m.buttons[0].title = "🇮🇱".repeat(11);
    let e = refusal(m.clone());
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.title_too_long", Some(20), Some(22))
    );
    m.buttons[0].title = "t1".into();
    assert_eq!(code_at(m), ("interactive.duplicate_title", Some(1)));
}

#[test]
fn reply_id_256_unique_trimmed() {
    first_of_two(
        |b, id| b.id = id,
        [
            ("x".repeat(256), None),
            ("x".repeat(257), Some("interactive.id_too_long")),
            (" a".into(), Some("interactive.id_edge_whitespace")),
            ("a\t".into(), Some("interactive.id_edge_whitespace")),
            ("id1".into(), Some("interactive.duplicate_id")),
        ],
    );
}

#[test]
fn header_body_footer() {
    let mut m = buttons(1);
    m.header = Some(InteractiveHeader::Text("h".repeat(60)));
    m.body = "b".repeat(1024);
    m.footer = Some("f".repeat(60));
    ok(m.clone());
    m.header = Some(InteractiveHeader::Text("h".repeat(61)));
    assert_eq!(code(m.clone()), "interactive.header_too_long");
    m.header = None;
    m.body = "b".repeat(1025);
    assert_eq!(code(m.clone()), "interactive.body_too_long");
    m.body = String::new();
    assert_eq!(code(m.clone()), "interactive.body_empty");
    m.body = "b".into();
    m.footer = Some("f".repeat(61));
    assert_eq!(code(m), "interactive.footer_too_long");
}

fn list(sections: Vec<Section>) -> ListMessage {
    ListMessage::new("Choose", "Options", sections)
}

fn rows(from: usize, n: usize) -> Vec<Row> {
    (from..from + n)
        .map(|i| Row::new(format!("r{i}"), format!("Row {i}")))
        .collect()
}

#[test]
fn list_button_20() {
    let mut l = list(vec![Section::new(None, rows(0, 1))]);
    l.button = "x".repeat(20);
    ok(l.clone());
    l.button = "x".repeat(21);
    assert_eq!(code(l.clone()), "interactive.list_button_too_long");
    l.button = String::new();
    assert_eq!(code(l), "interactive.list_button_empty");
}

#[test]
fn sections_1_to_10_rows_10_in_all() {
    assert_eq!(code(list(vec![])), "interactive.too_few_sections");
    let s = |i: usize| Section::new(Some(format!("S{i}")), rows(i, 1));
    ok(list((0..10).map(s).collect()));
    let e = refusal(list((0..11).map(s).collect()));
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_sections", Some(10), Some(11))
    );
    ok(list(vec![
        Section::new(Some("A".into()), rows(0, 5)),
        Section::new(Some("B".into()), rows(5, 5)),
    ]));
    let e = refusal(list(vec![
        Section::new(Some("A".into()), rows(0, 5)),
        Section::new(Some("B".into()), rows(5, 6)),
    ]));
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_rows", Some(10), Some(11))
    );
    assert_eq!(
        code(list(vec![Section::new(None, vec![])])),
        "interactive.too_few_rows"
    );
}

#[test]
fn section_title_24_required_when_several() {
    ok(list(vec![Section::new(None, rows(0, 1))]));
    assert_eq!(
        code(list(vec![
            Section::new(None, rows(0, 1)),
            Section::new(Some("B".into()), rows(1, 1))
        ])),
        "interactive.section_title_missing"
    );
    ok(list(vec![Section::new(Some("s".repeat(24)), rows(0, 1))]));
    assert_eq!(
        code(list(vec![Section::new(Some("s".repeat(25)), rows(0, 1))])),
        "interactive.section_title_too_long"
    );
}

#[test]
fn rows_id_200_title_24_description_72_unique() {
    let one = |r: Row| list(vec![Section::new(None, vec![r])]);
    ok(one(Row::new("i".repeat(200), "t".repeat(24))));
    assert_eq!(
        code(one(Row::new("i".repeat(201), "t"))),
        "interactive.row_id_too_long"
    );
    assert_eq!(
        code(one(Row::new("i", "t".repeat(25)))),
        "interactive.row_title_too_long"
    );
    assert_eq!(code(one(Row::new("i", ""))), "interactive.row_title_empty");
    assert_eq!(
        code(one(Row::new(" i", "t"))),
        "interactive.id_edge_whitespace"
    );
    let mut r = Row::new("i", "t");
    r.description = Some("d".repeat(72));
    ok(one(r.clone()));
    r.description = Some("d".repeat(73));
    assert_eq!(code(one(r)), "interactive.row_description_too_long");
    assert_eq!(
        code_at(list(vec![
            Section::new(Some("A".into()), rows(0, 2)),
            Section::new(Some("B".into()), rows(1, 1)),
        ])),
        ("interactive.duplicate_row_id", Some(2))
    );
}

#[test]
fn what_a_person_sees_decides_equal_and_empty() {
    // Canonically equal titles (NFC é against e + U+0301) are the same title.
    let mut m = buttons(2);
    m.buttons[0].title = "Caf\u{e9}".into();
    m.buttons[1].title = "Cafe\u{301}".into();
    assert_eq!(code_at(m.clone()), ("interactive.duplicate_title", Some(1)));
    // So are titles that differ only by an invisible character.
    m.buttons[1].title = "Caf\u{200b}\u{e9}".into();
    assert_eq!(code(m.clone()), "interactive.duplicate_title");
    m.buttons[1].title = "Caf\u{e8}".into();
    ok(m.clone());
    // A title of invisible characters only is empty.
    for blank in [
        "\u{200b}",
        "\u{200b}\u{2060}\u{feff}",
        "\u{3164}",
        "\u{2800}",
        " \u{ad} ",
    ] {
        m.buttons[0].title = blank.into();
        assert_eq!(code(m.clone()), "interactive.title_empty", "{blank:?}");
    }
    // Lists: rows a person cannot tell apart, and blank row titles.
    let list = |a: &str, b: &str| {
        Interactive::List(ListMessage::new(
            "Pick",
            "Open",
            vec![Section::new(
                None,
                vec![Row::new("r1", a), Row::new("r2", b)],
            )],
        ))
    };
    let e = validate_interactive(&list("Caf\u{e9}", "Cafe\u{301}")).unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("interactive.duplicate_row_title", Some(1))
    );
    assert!(validate_interactive(&list("Tea", "Coffee")).is_ok());
    let e = validate_interactive(&list("Tea", "\u{200b}\u{200b}")).unwrap_err();
    assert_eq!(e.code(), "interactive.row_title_empty");
    // A body of invisible characters is empty too.
    let mut m = buttons(1);
    m.body = "\u{200b}\u{feff}".into();
    assert_eq!(code(m), "interactive.body_empty");
}
