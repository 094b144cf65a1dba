//! `normalize` allocates nothing: the E.164 result lives inline, errors carry no text.

use waba_phone::{BusinessNumber, E164, normalize};

#[test]
fn normalize_and_parse_do_not_allocate() {
    let business: BusinessNumber = "+919876543210".parse().unwrap();
    let inputs = [
        "+1-631-555-1002",
        "6315551002",
        "＋１ ６５０ ２５３ ００００",
        "+٩٧١ ٥٠ ١٢٣ ٤٥٦٧",
        "\u{feff}+1 650\u{200b}253 0000",
        "1-800-FLOWERS",
        "+1 650 253 0000 ext. 12",
        "++1",
    ];
    let mut ok = 0;
    let change = allocation_counter::measure(|| {
        for _ in 0..100 {
            for s in inputs {
                ok += usize::from(std::hint::black_box(normalize(s, &business)).is_ok());
            }
            ok += usize::from("+16315551002".parse::<E164>().is_ok());
        }
    });
    assert_eq!(ok, 600);
    assert_eq!(change.count_total, 0, "{change:?}");
}
