//! Properties: random bytes never panic; the verdict depends only on the prefix and the size.

use proptest::prelude::*;
use waba_attachment::internal::sniff;
use waba_attachment::{Attachment, AttachmentPolicy, Permissions, Purpose, SNIFF_PREFIX_LEN};

use crate::files;

fn seeds() -> Vec<Vec<u8>> {
    vec![
        files::pdf(),
        files::docx(),
        files::doc(),
        files::png(),
        files::jpeg(),
        files::ogg_opus(),
        files::mp4(),
        files::webp_extended(true),
        files::amr_nb(),
        files::txt(),
    ]
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), complete: bool) {
        let _ = sniff(&bytes, complete);
        waba_attachment::internal::attachment_sniff(&bytes);
    }

    #[test]
    fn mutated_real_files_never_panic(seed in 0usize..10, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        let mut b = seeds()[seed].clone();
        for (i, v) in edits {
            let n = b.len();
            b[i % n] = v;
        }
        let keep = cut % (b.len() + 1);
        b.truncate(keep);
        waba_attachment::internal::attachment_sniff(&b);
    }

    #[test]
    fn verdict_depends_only_on_prefix_and_size(
        seed in 0usize..10,
        tail_a in proptest::collection::vec(any::<u8>(), 0..64),
        tail_b in proptest::collection::vec(any::<u8>(), 0..64),
        extra in 0u64..50_000_000,
    ) {
        let mut base = seeds()[seed].clone();
        base.resize(SNIFF_PREFIX_LEN, b' ');
        let mut a = base.clone();
        a.extend_from_slice(&tail_a);
        let mut b = base;
        b.extend_from_slice(&tail_b);
        let size = SNIFF_PREFIX_LEN as u64 + 64 + extra;
        let policy = AttachmentPolicy::default().with_meta_types();
        let va = policy.check(Permissions::all(), Purpose::Send, &Attachment::new(&a, size));
        let vb = policy.check(Permissions::all(), Purpose::Send, &Attachment::new(&b, size));
        prop_assert_eq!(va, vb);
    }
}

proptest! {
    #[test]
    fn permission_lists_never_panic_and_round_trip(list in ".{0,200}", picks in proptest::collection::vec(0usize..5, 0..8)) {
        let _ = Permissions::parse_list(&list);
        let set: Permissions = picks.iter().map(|&i| waba_attachment::Privilege::ALL[i]).collect();
        prop_assert_eq!(Permissions::parse_list(&set.to_string()).unwrap(), set);
        for p in waba_attachment::Privilege::ALL {
            prop_assert_eq!(set.require(p).is_ok(), set.has(p) && set.has(waba_attachment::Privilege::CanUse));
        }
    }

    #[test]
    fn file_names_never_panic(name in "\\PC{0,300}") {
        if let Ok(n) = waba_attachment::filename(&name) {
            prop_assert!(!n.contains('/') && !n.contains('\\'));
            prop_assert!(n.len() <= waba_attachment::FILENAME_MAX_BYTES);
            prop_assert!(name.ends_with(n));
        }
    }
}
