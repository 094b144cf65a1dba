//! Interactive-message rules broken by one, with their codes.

use waba_error::WabaError;

use waba_model::{
    ButtonMessage, Interactive, InteractiveHeader, ListMessage, ReplyButton, Row, Section,
};
use waba_template::validate_interactive;

fn buttons(n: usize) -> ButtonMessage {
    ButtonMessage::new(
        "Pick one",
        (0..n)
            .map(|i| ReplyButton::new(format!("id{i}"), format!("t{i}")))
            .collect(),
    )
}

fn code(m: ButtonMessage) -> &'static str {
    validate_interactive(&Interactive::Button(m))
        .unwrap_err()
        .code()
}

fn ok(m: ButtonMessage) {
    validate_interactive(&Interactive::Button(m)).unwrap();
}

#[test]
fn reply_buttons_1_to_3() {
    ok(buttons(1));
    ok(buttons(3));
    assert_eq!(code(buttons(0)), "interactive.too_few_buttons");
    let e = validate_interactive(&Interactive::Button(buttons(4))).unwrap_err();
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
    m.buttons[0].title = "😀".repeat(20);
    ok(m.clone());
    m.buttons[0].title = "😀".repeat(21);
    assert_eq!(code(m.clone()), "interactive.title_too_long");
    m.buttons[0].title = "🇮🇱".repeat(10);
    ok(m.clone());
    m.buttons[0].title = "🇮🇱".repeat(11);
    let e = validate_interactive(&Interactive::Button(m.clone())).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.title_too_long", Some(20), Some(22))
    );
    m.buttons[0].title = " ".into();
    assert_eq!(code(m.clone()), "interactive.title_empty");
    m.buttons[0].title = "t1".into();
    let e = validate_interactive(&Interactive::Button(m)).unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("interactive.duplicate_title", Some(1))
    );
}

#[test]
fn reply_id_256_unique_trimmed() {
    let mut m = buttons(2);
    m.buttons[0].id = "x".repeat(256);
    ok(m.clone());
    m.buttons[0].id = "x".repeat(257);
    assert_eq!(code(m.clone()), "interactive.id_too_long");
    m.buttons[0].id = " a".into();
    assert_eq!(code(m.clone()), "interactive.id_edge_whitespace");
    m.buttons[0].id = "a\t".into();
    assert_eq!(code(m.clone()), "interactive.id_edge_whitespace");
    m.buttons[0].id = "id1".into();
    assert_eq!(code(m), "interactive.duplicate_id");
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

fn lcode(l: ListMessage) -> &'static str {
    validate_interactive(&Interactive::List(l))
        .unwrap_err()
        .code()
}

fn lok(l: ListMessage) {
    validate_interactive(&Interactive::List(l)).unwrap();
}

#[test]
fn list_button_20() {
    let mut l = list(vec![Section::new(None, rows(0, 1))]);
    l.button = "x".repeat(20);
    lok(l.clone());
    l.button = "x".repeat(21);
    assert_eq!(lcode(l.clone()), "interactive.list_button_too_long");
    l.button = String::new();
    assert_eq!(lcode(l), "interactive.list_button_empty");
}

#[test]
fn sections_1_to_10_rows_10_in_all() {
    assert_eq!(lcode(list(vec![])), "interactive.too_few_sections");
    let s = |i: usize| Section::new(Some(format!("S{i}")), rows(i, 1));
    lok(list((0..10).map(s).collect()));
    let e = validate_interactive(&Interactive::List(list((0..11).map(s).collect()))).unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_sections", Some(10), Some(11))
    );
    lok(list(vec![
        Section::new(Some("A".into()), rows(0, 5)),
        Section::new(Some("B".into()), rows(5, 5)),
    ]));
    let e = validate_interactive(&Interactive::List(list(vec![
        Section::new(Some("A".into()), rows(0, 5)),
        Section::new(Some("B".into()), rows(5, 6)),
    ])))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.limit(), e.actual()),
        ("interactive.too_many_rows", Some(10), Some(11))
    );
    assert_eq!(
        lcode(list(vec![Section::new(None, vec![])])),
        "interactive.too_few_rows"
    );
}

#[test]
fn section_title_24_required_when_several() {
    lok(list(vec![Section::new(None, rows(0, 1))]));
    assert_eq!(
        lcode(list(vec![
            Section::new(None, rows(0, 1)),
            Section::new(Some("B".into()), rows(1, 1))
        ])),
        "interactive.section_title_missing"
    );
    lok(list(vec![Section::new(Some("s".repeat(24)), rows(0, 1))]));
    assert_eq!(
        lcode(list(vec![Section::new(Some("s".repeat(25)), rows(0, 1))])),
        "interactive.section_title_too_long"
    );
}

#[test]
fn rows_id_200_title_24_description_72_unique() {
    let one = |r: Row| list(vec![Section::new(None, vec![r])]);
    lok(one(Row::new("i".repeat(200), "t".repeat(24))));
    assert_eq!(
        lcode(one(Row::new("i".repeat(201), "t"))),
        "interactive.row_id_too_long"
    );
    assert_eq!(
        lcode(one(Row::new("i", "t".repeat(25)))),
        "interactive.row_title_too_long"
    );
    assert_eq!(lcode(one(Row::new("i", ""))), "interactive.row_title_empty");
    assert_eq!(
        lcode(one(Row::new(" i", "t"))),
        "interactive.id_edge_whitespace"
    );
    let mut r = Row::new("i", "t");
    r.description = Some("d".repeat(72));
    lok(one(r.clone()));
    r.description = Some("d".repeat(73));
    assert_eq!(lcode(one(r)), "interactive.row_description_too_long");
    let e = validate_interactive(&Interactive::List(list(vec![
        Section::new(Some("A".into()), rows(0, 2)),
        Section::new(Some("B".into()), rows(1, 1)),
    ])))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("interactive.duplicate_row_id", Some(2))
    );
}

#[test]
fn what_a_person_sees_decides_equal_and_empty() {
    // Canonically equal titles (NFC é against e + U+0301) are the same title.
    let mut m = buttons(2);
    m.buttons[0].title = "Caf\u{e9}".into();
    m.buttons[1].title = "Cafe\u{301}".into();
    let e = validate_interactive(&Interactive::Button(m.clone())).unwrap_err();
    assert_eq!(
        (e.code(), e.position()),
        ("interactive.duplicate_title", Some(1))
    );
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
