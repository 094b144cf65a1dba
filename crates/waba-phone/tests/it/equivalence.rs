//! Identity equivalence: the key agrees with the verdict, and every wa_id form has the number's key.

use proptest::prelude::*;
use waba_phone::{E164, Equivalence, SubscriberKey, equivalence, wa_ids};

/// Numbers around the rules: Brazil, Mexico, Argentina, Côte d'Ivoire and a control country, each
/// in every length near the rule's.
fn number() -> impl Strategy<Value = E164> {
    let prefix = prop::sample::select(vec![
        "55", "5511", "5582", "55119", "55829", "5520", "52", "521", "54", "549", "5411", "225",
        "22507", "1",
    ]);
    (prefix, prop::collection::vec(0u8..10, 0..12)).prop_filter_map("E.164", |(p, tail)| {
        let mut s = format!("+{p}");
        s.extend(tail.iter().map(|d| char::from(b'0' + d)));
        s.parse().ok()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn key_equal_exactly_when_same(a in number(), b in number()) {
        let same = SubscriberKey::of(&a) == SubscriberKey::of(&b);
        prop_assert_eq!(equivalence(&a, &b) == Equivalence::Same, same);
        prop_assert_eq!(equivalence(&a, &b), equivalence(&b, &a));
    }

    #[test]
    fn every_wa_id_form_is_the_same_subscriber(a in number()) {
        let forms: Vec<E164> = wa_ids(&a).collect();
        prop_assert!(forms.contains(&a));
        prop_assert_eq!(forms.len(), wa_ids(&a).len());
        for f in &forms {
            prop_assert_eq!(SubscriberKey::of(f), SubscriberKey::of(&a));
            prop_assert_eq!(wa_ids(f).collect::<Vec<_>>(), forms.clone());
        }
        let k = SubscriberKey::of(&a);
        prop_assert_eq!(SubscriberKey::of(&k.to_e164()), k);
    }
}
