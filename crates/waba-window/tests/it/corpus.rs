//! Replays the committed fuzz seed corpus through the fuzz target's function.

waba_testkit::corpus_tests! {
    duration_corpus_replays: "duration", at least 10, waba_window::internal::duration;
}
