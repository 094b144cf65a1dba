//! The preview of a typical notification is rendered with exactly one heap allocation.

use waba_template::{Params, Rules, Template};

#[test]
fn preview_is_one_allocation() {
    let t = Template::from_json(
        r#"{"name": "order_update", "language": "en_US", "components": [
            {"type": "BODY", "text": "Hello {{1}}, your order {{2}} has shipped and should arrive by {{3}}. Track it any time in the app, or reply to this message if anything looks wrong. Thank you for shopping with us!"}]}"#,
        &Rules::default(),
    )
    .unwrap();
    let params = Params::positional(["Ana Silva", "#A-20931", "Friday, 27 November"]);
    let mut preview = String::new();
    let change = allocation_counter::measure(|| {
        preview = t.preview(&params).unwrap();
    });
    assert_eq!(change.count_total, 1, "{change:?}");
    assert!(preview.starts_with("Hello Ana Silva, your order #A-20931 has shipped"));
    assert!((180..=240).contains(&preview.len()), "{}", preview.len());
}
