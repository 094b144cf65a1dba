#![no_main]
// Target `webhook` (crate waba-model): being written; it will call `waba_model::fuzzing::webhook`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
