//! Replays the committed fuzz seed corpora of targets `webhook` and `webhook_auth` through the
//! same functions.

waba_testkit::corpus_tests! {
    webhook_seed_corpus_replays: "webhook", at least 60, waba_model::internal::webhook;
    webhook_auth_seed_corpus_replays: "webhook_auth", at least 14, waba_model::internal::webhook_auth;
}
