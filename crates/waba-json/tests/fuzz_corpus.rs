//! Replays the committed fuzz seed corpus of target `strict_json`.

waba_testkit::corpus_tests! {
    strict_json_seed_corpus_replays: "strict_json", at least 10, waba_json::internal::strict_json;
}
