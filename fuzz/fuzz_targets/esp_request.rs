#![no_main]
// Target `esp_request` (crate waba-phone): being written; it will call `waba_phone::fuzzing::esp_request`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
