//! Replays every seed of the fuzz corpora through the fuzz entry points.

waba_testkit::corpus_tests! {
    phone_normalize_corpus: "phone_normalize", at least 5, waba_phone::internal::phone_normalize;
    esp_request_corpus: "esp_request", at least 5, waba_phone::internal::esp_request;
    clean_rows_corpus: "clean_rows", at least 5, waba_phone::internal::clean_rows;
}
