//! Display-format expressions: every example of the guide, fallbacks, hostile inputs 32–35.

use waba_error::WabaError;

use std::collections::BTreeMap;

use waba_template::DisplayFormat;

/// The guide's recommended values and Workspace's default window title, with the guide's
/// markdown escapes (`\$`) removed.
const GUIDE: [&str; 5] = [
    "$Contact._msg_ProfileNickname|$Contact.FirstName$ $Contact.LastName|$Interaction.MainParty$",
    "$Contact._msg_ProfileNickname|$Contact.FirstName$ $Contact.LastName|$Party.DisplayName$",
    "($Contact.FirstName$ $Contact.LastName$ $Interaction._msg_ProfileNickname|$Interaction.MainParty$) - $Interaction.Type$ - $Window.Title$",
    "($Contact._msg_ProfileNickname|$Contact.FirstName$ $Contact.LastName|$Interaction.MainParty$) - $Window.Title$",
    "($Contact.FirstName$ $Contact.LastName$|$Interaction.MainParty$) - $Interaction.Type$ - $Window.Title$",
];

fn render(f: &str, values: &[(&str, &str)]) -> String {
    let m: BTreeMap<&str, &str> = values.iter().copied().collect();
    let f: DisplayFormat = f.parse().unwrap();
    f.render(|o, p| m.get(format!("{o}.{p}").as_str()).copied())
}

#[test]
fn every_guide_example_parses() {
    for g in GUIDE {
        let f: DisplayFormat = g.parse().unwrap_or_else(|e| panic!("{g}: {e}"));
        assert!(f.fields().len() >= 3, "{g}");
    }
}

#[test]
fn first_alternative_with_all_fields_non_empty_wins() {
    let f = GUIDE[0];
    assert_eq!(
        render(
            f,
            &[
                ("Contact._msg_ProfileNickname", "Bee"),
                ("Contact.FirstName", "Ana")
            ]
        ),
        "Bee"
    );
    assert_eq!(
        render(
            f,
            &[
                ("Contact.FirstName", "Ana"),
                ("Contact.LastName", "Silva"),
                ("Interaction.MainParty", "+1555")
            ]
        ),
        "Ana Silva"
    );
    // One empty field spoils its alternative.
    assert_eq!(
        render(
            f,
            &[
                ("Contact.FirstName", "Ana"),
                ("Contact.LastName", " "),
                ("Interaction.MainParty", "+1555")
            ]
        ),
        "+1555"
    );
    assert_eq!(render(f, &[]), "");
    let t = GUIDE[3];
    assert_eq!(
        render(
            t,
            &[
                ("Interaction.MainParty", "+1555"),
                ("Window.Title", "WhatsApp")
            ]
        ),
        "+1555 - WhatsApp"
    );
    // A group that renders nothing spoils the alternative holding it.
    assert_eq!(render("($Contact.FirstName$) x|y", &[]), "y");
}

#[test]
fn values_are_never_expanded_again() {
    let f = GUIDE[4];
    let r = render(
        f,
        &[
            ("Contact.FirstName", "$Contact.LastName$"),
            ("Contact.LastName", "a|b (c)"),
            ("Interaction.Type", "$Window.Title$"),
            ("Window.Title", "T"),
        ],
    );
    assert_eq!(r, "$Contact.LastName$ a|b (c) - $Window.Title$ - T");
}

#[test]
fn escapes_make_literals() {
    assert_eq!(render(r"Price \$5 \| \(x\) \\", &[]), r"Price $5 | (x) \");
}

fn code(f: &str) -> &'static str {
    f.parse::<DisplayFormat>().unwrap_err().code()
}

#[test]
fn hostile_32_field_codes() {
    assert_eq!(code("$Contact.FirstName"), "display_format.unclosed_field");
    assert_eq!(
        code("$Contact.FirstName x"),
        "display_format.unclosed_field"
    );
    for bad in [
        "$",
        "$$",
        "$ $",
        "$.$",
        "$Contact.$",
        "$Contact..FirstName$",
        "a $5",
    ] {
        assert_eq!(code(bad), "display_format.bad_field", "{bad}");
    }
    let e = "ab $Contact.$".parse::<DisplayFormat>().unwrap_err();
    assert_eq!(e.position(), Some(3));
}

#[test]
fn hostile_33_pipes() {
    for bad in [
        "|",
        "$Contact.A$|",
        "|$Contact.A$",
        "$Contact.A$||$Contact.B$",
        "()",
        "(|x)",
    ] {
        assert_eq!(code(bad), "display_format.empty_alternative", "{bad}");
    }
    assert_eq!(code("$Contact.Fir|stName$"), "display_format.bad_field");
    assert_eq!(code("(x"), "display_format.unbalanced_parenthesis");
    assert_eq!(code("x)"), "display_format.unbalanced_parenthesis");
}

#[test]
fn hostile_34_unknown_objects_and_lookalikes() {
    assert_eq!(code("$Foo.Bar$"), "display_format.unknown_object");
    assert_eq!(code("$contact.firstname$"), "display_format.unknown_object");
    assert_eq!(
        code("$C\u{43e}ntact.FirstName$"),
        "display_format.bad_field"
    );
    // An unknown property of a known object parses; it simply never resolves.
    assert_eq!(render("$Contact.Password$|none", &[]), "none");
}

#[test]
fn hostile_35_long_chains_and_nesting() {
    let chain = vec!["$Contact.A$"; 300].join("|");
    assert_eq!(render(&chain, &[("Contact.A", "x")]), "x");
    let long = vec!["$Contact.A$"; 1000].join("|");
    let e = long.parse::<DisplayFormat>().unwrap_err();
    assert_eq!(
        (e.code(), e.limit()),
        ("display_format.too_long", Some(4096))
    );
    let deep = format!("{}x{}", "(".repeat(9), ")".repeat(9));
    assert_eq!(code(&deep), "display_format.too_deep");
    let ok = format!("{}x{}", "(".repeat(8), ")".repeat(8));
    assert_eq!(render(&ok, &[]), "x");
}
