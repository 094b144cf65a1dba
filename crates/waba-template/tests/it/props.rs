//! Invariants: a value is never expanded again; a template that validates renders; the preview's
//! length is the literal parts plus the values.

use proptest::prelude::*;

use crate::{body, render};

fn literal() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.!?$é🥰]{0,20}"
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,10}",
        Just("{{1}}".to_owned()),
        Just("{{2}}".to_owned()),
        Just("$Contact.FirstName$".to_owned()),
        "[a-z{}$ ]{1,12}".prop_filter("no 5 spaces", |s| !s.contains("     ")
            && !s.trim().is_empty()),
    ]
}

proptest! {
    #[test]
    fn render_is_literals_plus_values(lits in proptest::collection::vec(literal(), 1..5), vals in proptest::collection::vec(value(), 4)) {
        let n = lits.len() - 1;
        let mut text = String::new();
        for (i, l) in lits.iter().enumerate() {
            text.push_str(l);
            if i < n {
                text.push_str(&format!("{{{{{}}}}}", i + 1));
            }
        }
        let t = body(&text).unwrap();
        prop_assert_eq!(t.positional_count(), n);
        let values: Vec<&str> = vals.iter().take(n).map(String::as_str).collect();
        let r = render(&t, &values).unwrap();
        let mut expected = String::new();
        for (i, l) in lits.iter().enumerate() {
            expected.push_str(l);
            if i < n {
                expected.push_str(values[i]);
            }
        }
        // Values are inserted literally: never expanded again.
        prop_assert_eq!(&r.preview, &expected);
        let lit_len: usize = lits.iter().map(String::len).sum();
        let val_len: usize = values.iter().map(|v| v.len()).sum();
        prop_assert_eq!(r.preview.len(), lit_len + val_len);
    }

    #[test]
    fn a_template_that_validates_renders(text in "[a-z {}0-9]{0,40}", v in "[a-z]{1,8}") {
        if let Ok(t) = body(&text) {
            // A template is positional or named, never both: fill whichever it has.
            let rendered = if t.names().is_empty() {
                let values = vec![v.as_str(); t.positional_count()];
                render(&t, &values)
            } else {
                t.render(&waba_template::Params::named(
                    t.names().iter().map(|n| (n.as_str(), v.as_str())),
                ))
            };
            prop_assert!(rendered.is_ok(), "{text:?}: {rendered:?}");
        }
    }

    #[test]
    fn conform_always_passes_the_whitespace_rule(s in "[ \t\r\na-z]{0,40}") {
        let c = waba_template::conform_draft(&s);
        prop_assert!(waba_template::check_param_whitespace(&c, waba_template::Field::Draft, 0).is_ok());
    }

    #[test]
    fn truncate_fits_and_is_a_prefix(s in "\\PC{0,40}", max in 0u32..64) {
        let t = waba_template::truncate_to_budget(&s, max);
        prop_assert!(t.len() <= max as usize);
        prop_assert!(s.starts_with(t));
    }
}
