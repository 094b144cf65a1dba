#![no_main]
// Target `webhook` (crate waba-model): parse a webhook body; when it parses, compute attributes,
// serialize, parse again and require the same model.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_model::internal::webhook(data);
});
