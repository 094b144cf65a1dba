#![no_main]
// Target `send_response` (crate waba-model): parse Meta's answer to a send; when it parses,
// serialize, parse again and require the same model.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_model::internal::send_response(data);
});
