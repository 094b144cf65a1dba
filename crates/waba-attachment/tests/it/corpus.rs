//! Replays the committed fuzz seed corpus through the fuzz target's function.

waba_testkit::corpus_tests! {
    replay_attachment_sniff_corpus: "attachment_sniff", at least 20, waba_attachment::internal::attachment_sniff;
}
