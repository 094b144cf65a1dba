#![no_main]
// Target `strict_json` (crate waba-json): see `waba_json::internal::strict_json`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_json::internal::strict_json(data);
});
