//! The catalog: every code the issue names has a row and a source; the docs table agrees.

use waba_delivery::catalog::{self, Action, MetaClass};

/// The codes issue 14 names: each must have a row.
const REQUIRED: [u64; 41] = [
    0, 3, 10, 100, 130429, 130472, 130497, 131000, 131005, 131008, 131009, 131016, 131021, 131026,
    131030, 131031, 131042, 131045, 131047, 131048, 131049, 131050, 131051, 131052, 131053, 131056,
    131057, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018, 132068, 132069, 133000,
    133004, 133010, 135000,
];

#[test]
fn every_required_code_has_a_row_and_a_source() {
    for code in REQUIRED {
        let row = catalog::lookup(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(row.code, code, "{code} only matched a range");
        assert!(!row.title.is_empty(), "{code}");
        assert!(
            row.source.starts_with("https://developers.facebook.com/"),
            "{code}"
        );
        assert_ne!(row.class, MetaClass::Unknown, "{code}");
    }
}

#[test]
fn classes_the_cli_contract_names() {
    let class = |c| catalog::lookup(c).unwrap().class;
    assert_eq!(class(131_047), MetaClass::Window);
    assert_eq!(class(130_429), MetaClass::Throttling);
    assert_eq!(class(131_056), MetaClass::Throttling);
    assert_eq!(class(131_049), MetaClass::MarketingLimit);
    assert_eq!(class(131_050), MetaClass::OptOut);
    assert_eq!(class(131_053), MetaClass::Media);
    for code in [
        132_000, 132_001, 132_005, 132_007, 132_012, 132_015, 132_016, 132_018,
    ] {
        assert_eq!(class(code), MetaClass::Template, "{code}");
    }
    // Retrying: rate limits and server faults may succeed later; opt-outs and the window never.
    let row = |c| catalog::lookup(c).unwrap();
    assert!(row(130_429).retryable && row(131_056).retryable && row(131_000).retryable);
    assert!(!row(131_050).retryable && !row(131_026).retryable && !row(131_047).retryable);
    assert_eq!(row(131_047).action, Action::ReengageWithTemplate);
    assert_eq!(row(131_050).action, Action::DoNotRetry);
    assert_eq!(row(100).action, Action::FixRequest);
    assert_eq!(row(131_042).action, Action::AskBusinessOwner);
}

#[test]
fn the_docs_table_is_the_data() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/meta-error-catalog.md"
    );
    let doc = std::fs::read_to_string(path).unwrap();
    let table = catalog::markdown_table();
    if std::env::var_os("WABA_BLESS").is_some() {
        let (head, rest) = doc.split_once("<!-- generated: begin -->\n").unwrap();
        let (_, tail) = rest.split_once("<!-- generated: end -->").unwrap();
        let fresh =
            format!("{head}<!-- generated: begin -->\n{table}<!-- generated: end -->{tail}");
        std::fs::write(path, fresh).unwrap();
        return;
    }
    assert!(
        doc.contains(&table),
        "docs/meta-error-catalog.md is out of date; its table must be:\n{table}"
    );
}

#[test]
fn explanations_serialize_as_the_cli_prints_them() {
    let e = serde_json::to_value(catalog::explain(131_049, None)).unwrap();
    assert_eq!(e["class"], "marketing_limit");
    assert_eq!(e["action"], "retry_after_backoff");
    assert_eq!(e["retryable"], true);
    let u = serde_json::to_value(catalog::explain(4_242_424, Some("Brand new"))).unwrap();
    assert_eq!(u["class"], "unknown");
    assert_eq!(u["title"], "Brand new");
    assert_eq!(u["source"], serde_json::Value::Null);
}
