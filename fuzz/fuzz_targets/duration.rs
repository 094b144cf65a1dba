#![no_main]
// Target `duration` (crate waba-window): being written; it will call `waba_window::fuzzing::duration`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
