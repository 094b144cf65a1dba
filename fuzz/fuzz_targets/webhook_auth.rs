#![no_main]
// Target `webhook_auth` (crate waba-model): an X-Hub-Signature-256 value and a handshake query on
// the first line, a body after it; see `waba_model::internal::webhook_auth`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_model::internal::webhook_auth(data);
});
