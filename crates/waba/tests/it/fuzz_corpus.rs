//! Replays every committed fuzz seed through the same functions the fuzz targets call.

waba_testkit::corpus_tests! {
    config_lint_corpus: "config_lint", at least 1, waba::internal::config_lint;
    transcript_corpus: "transcript", at least 1, waba::internal::transcript;
    compose_corpus: "compose", at least 1, waba::internal::compose;
}
