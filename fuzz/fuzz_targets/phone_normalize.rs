#![no_main]
// Target `phone_normalize` (crate waba-phone): being written; it will call `waba_phone::fuzzing::phone_normalize`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
