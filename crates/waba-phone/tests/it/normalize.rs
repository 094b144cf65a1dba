//! `normalize` invariants (proptest) and the hostile inputs of groups 17 to 24.

use waba_error::WabaError;

use proptest::prelude::*;
use waba_phone::{
    Analysis, Bsuid, BusinessNumber, E164, Identity, IdentityError, MAX_INPUT_BYTES, PhoneError,
    Verdict, analyze, normalize, normalize_international, verdict,
};

static_assertions::assert_impl_all!(E164: Send, Sync, Copy);
static_assertions::assert_impl_all!(BusinessNumber: Send, Sync, Copy);
static_assertions::assert_impl_all!(Identity: Send, Sync);
static_assertions::assert_impl_all!(Bsuid: Send, Sync);
static_assertions::assert_impl_all!(Verdict: Send, Sync);
static_assertions::assert_impl_all!(Analysis: Send, Sync);
static_assertions::assert_impl_all!(PhoneError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(IdentityError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_phone::esp::EspError: Send, Sync, std::error::Error);
static_assertions::assert_impl_all!(waba_phone::esp::EspRequest: Send, Sync);
static_assertions::assert_impl_all!(waba_phone::esp::OfflineDirectory: Send, Sync);

fn india() -> BusinessNumber {
    "+919876543210".parse().unwrap()
}

fn is_e164_text(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2
        && b.len() <= 16
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// Characters people and hostile inputs use: digits of several scripts, separators, invisibles,
/// pluses, letters, symbols.
fn phoneish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('0', '9'),
            1 => proptest::sample::select(vec![
                '+', '＋', ' ', '-', '.', '(', ')', '/', '\u{a0}', '\u{2011}', '\u{200b}', '\u{202e}',
                '\u{feff}', '٣', '७', '９', '𝟗', 'x', 'e', 't', '#', '*', ';', '=', '\n', '😀',
            ]),
            1 => any::<char>(),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = normalize(&s, &india());
        let _ = normalize_international(&s);
        let _ = analyze(&s, &india());
        let _ = s.parse::<Identity>();
    }

    #[test]
    fn output_is_always_e164(s in phoneish()) {
        if let Ok(n) = normalize(&s, &india()) {
            prop_assert!(is_e164_text(n.as_str()), "{:?} -> {}", s, n);
        }
        if let Ok(n) = normalize_international(&s) {
            prop_assert!(is_e164_text(n.as_str()), "{:?} -> {}", s, n);
        }
    }

    #[test]
    fn normalizing_a_normalized_number_changes_nothing(s in phoneish()) {
        if let Ok(n) = normalize(&s, &india()) {
            prop_assert_eq!(normalize(n.as_str(), &india()).unwrap(), n);
            prop_assert_eq!(n.as_str().parse::<E164>().unwrap(), n);
            // The verdict is a function of the number.
            prop_assert_eq!(verdict(&n), verdict(&n.as_str().parse().unwrap()));
        }
    }

    #[test]
    fn separators_and_invisibles_never_change_the_number(digits in "[1-9][0-9]{4,13}", seps in proptest::collection::vec(proptest::sample::select(vec![" ", "-", ".", "\u{200b}", "\u{a0}", "\u{2060}", "/"]), 14)) {
        let mut written = String::from("+");
        for (d, s) in digits.chars().zip(seps.iter().cycle()) {
            written.push(d);
            written.push_str(s);
        }
        let got = normalize(&written, &india()).unwrap();
        prop_assert_eq!(got.digits(), digits.as_str());
    }
}

/// Each input normalizes (with the +91 business number) to its E.164 text.
fn normalizes(cases: &[(&str, &str)]) {
    for (input, e164) in cases {
        assert_eq!(n(input).unwrap(), *e164, "{input:?}");
    }
}

fn n(s: &str) -> Result<String, PhoneError> {
    normalize(s, &india()).map(|n| n.to_string())
}

/// Group 17: `wa_id` without `+`, `00` international prefix, national format with no region hint.
#[test]
fn hostile_17_wa_id_idd_and_national() {
    assert_eq!(
        "972987654321".parse::<Identity>().unwrap().to_string(),
        "+972987654321"
    );
    // The guide's rule, as is: no plus means the business code goes in front...
    assert_eq!(n("00 1 631 555 1002").unwrap(), "+910016315551002");
    // ...and the analysis offers the IDD reading.
    let a = analyze("00 1 631 555 1002", &india()).unwrap();
    assert_eq!(
        a.verdict.suggestion.unwrap().number.as_str(),
        "+16315551002"
    );
    // National format without a business number: a typed error, not a guess.
    assert_eq!(
        normalize_international("(631) 555-1002"),
        Err(PhoneError::MissingPlus)
    );
}

/// Group 18: fullwidth, Arabic-Indic, Persian, Devanagari digits.
#[test]
fn hostile_18_other_scripts() {
    normalizes(&[
        ("＋１６５０２５３００００", "+16502530000"),
        ("+١٦٥٠٢٥٣٠٠٠٠", "+16502530000"),
        ("+۱۶۵۰۲۵۳۰۰۰۰", "+16502530000"),
        ("+१६५०२५३००००", "+16502530000"),
        ("+𝟏𝟔𝟓𝟎𝟐𝟓𝟑𝟎𝟎𝟎𝟎", "+16502530000"),
    ]);
    // Look-alikes that are not decimal digits are refused, not guessed.
    assert!(matches!(
        n("+1650253000①"),
        Err(PhoneError::UnexpectedCharacter {
            ch: '①',
            position: 11
        })
    ));
    assert!(matches!(
        n("+1650253000²"),
        Err(PhoneError::UnexpectedCharacter { ch: '²', .. })
    ));
}

/// Group 19: RTL override, ZWSP, isolates, NBSP, non-breaking hyphen, soft hyphen.
#[test]
fn hostile_19_invisible_and_bidi() {
    assert_eq!(
        n("+1650\u{202e}2530000"),
        Err(PhoneError::BidiOverride {
            ch: '\u{202e}',
            position: 5
        })
    );
    assert_eq!(n("+1650\u{200b}2530000").unwrap(), "+16502530000");
    // Every bidi formatting character, not only the overrides: what a person sees is what is
    // stored (decision 0101).
    for c in [
        '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{2066}',
        '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        let e = n(&format!("+1 650{c}253 0000")).unwrap_err();
        assert_eq!(e, PhoneError::BidiControl { ch: c, position: 6 });
        assert_eq!(e.code(), "phone.bidi_control");
        assert_eq!(e.character(), Some(c));
    }
    assert!(matches!(
        n("\u{2067}+1 650 253 0000\u{2069}"),
        Err(PhoneError::BidiControl { position: 0, .. })
    ));
    assert_eq!(n("+1\u{a0}650\u{a0}253\u{a0}0000").unwrap(), "+16502530000");
    assert_eq!(
        n("+1\u{2011}650\u{2011}253\u{2011}0000").unwrap(),
        "+16502530000"
    );
    assert_eq!(n("+1650\u{ad}2530000").unwrap(), "+16502530000");
}

/// Group 20: extensions are refused (E.164 would drop them silently).
#[test]
fn hostile_20_extensions() {
    for (s, at) in [
        ("+1 650 253 0000 ext. 1234", 16),
        ("+1 650 253 0000 x1234", 16),
        ("+1 650 253 0000;ext=1234", 15),
        ("+1 650 253 0000 extension 1234", 16),
        ("+1 650 253 0000 #1234", 16),
    ] {
        assert_eq!(n(s), Err(PhoneError::Extension { position: at }), "{s}");
    }
}

/// Group 21: vanity letters are refused, not converted.
#[test]
fn hostile_21_vanity_letters() {
    for (input, ch, position) in [("1-800-FLOWERS", 'F', 6), ("+3367a829916", 'a', 5)] {
        assert_eq!(
            n(input),
            Err(PhoneError::Letter { ch, position }),
            "{input}"
        );
    }
}

/// Group 22: 100 and 10,000 digits, a 1 MB string: capped before any work.
#[test]
fn hostile_22_huge_inputs() {
    let hundred = format!("+{}", "9".repeat(100));
    assert_eq!(
        n(&hundred),
        Err(PhoneError::TooManyDigits {
            limit: 15,
            actual: 100
        })
    );
    for len in [10_001, 1 << 20] {
        let s = "1".repeat(len);
        assert_eq!(
            n(&s),
            Err(PhoneError::InputTooLong {
                limit: MAX_INPUT_BYTES,
                actual: len
            })
        );
    }
    // At the limit exactly: read (and refused for its digit count, not its length).
    let at_limit = format!("+1{}", " ".repeat(MAX_INPUT_BYTES - 2));
    assert_eq!(at_limit.len(), MAX_INPUT_BYTES);
    assert_eq!(n(&at_limit).unwrap(), "+1");
}

/// Group 23: the `phonenumber` crate's panic proofs of concept.
#[test]
fn hostile_23_known_panic_inputs() {
    for s in [
        ".;phone-context=",
        "+dwPAA;phone-context=AA",
        "tel:0;phone-context=+\u{10000}",
        "+\u{1F4A9};phone-context=\u{1F4A9}",
    ] {
        assert!(n(s).is_err(), "{s}");
        assert!(s.parse::<Identity>().is_err(), "{s}");
    }
    normalizes(&[
        ("+1 650-253-0000", "+16502530000"),
        ("+1201-555-6229", "+12015556229"),
        ("+9198765-43210", "+919876543210"),
    ]);
}

/// Group 24: `+0…`, `+999…`, `+1` alone, `+`, `++1650…`, `+(1)650…`, `tel:`, `sip:`, newline.
#[test]
fn hostile_24_odd_shapes() {
    for (input, error) in [
        ("+0 650", PhoneError::LeadingZero { position: 1 }),
        ("+", PhoneError::NoDigits),
        ("++1650", PhoneError::SecondPlus { position: 1 }),
        ("tel:", PhoneError::UriScheme { position: 0 }),
        (
            "sip:+16502530000@example.com",
            PhoneError::UriScheme { position: 0 },
        ),
        (
            "+1650\n2530000",
            PhoneError::UnexpectedCharacter {
                ch: '\n',
                position: 5,
            },
        ),
    ] {
        assert_eq!(n(input), Err(error), "{input:?}");
    }
    let unknown = normalize("+999 1234 5678", &india()).unwrap();
    assert!(!verdict(&unknown).valid);
    assert_eq!(unknown.country_code(), None);
    let one = normalize("+1", &india()).unwrap();
    assert_eq!(one.as_str(), "+1");
    assert!(!verdict(&one).valid);
    assert_eq!(n("+(1)650 253 0000").unwrap(), "+16502530000");
}

#[test]
fn error_codes_are_stable_dotted_snake_case() {
    let errors = [
        n("").unwrap_err(),
        n("+0").unwrap_err(),
        n("++1").unwrap_err(),
        n("1+").unwrap_err(),
        n("1*").unwrap_err(),
        n("1a").unwrap_err(),
        n("1 x2").unwrap_err(),
        n("tel:1").unwrap_err(),
        n("1\u{202e}").unwrap_err(),
        n(&"1".repeat(200)).unwrap_err(),
        n("+1234567890123456").unwrap_err(),
        normalize_international("1").unwrap_err(),
    ];
    let mut codes: Vec<_> = errors.iter().map(PhoneError::code).collect();
    for c in &codes {
        assert!(c.starts_with("phone."), "{c}");
        assert!(
            c.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '.' || ch == '_')
        );
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "{codes:?}");
}
