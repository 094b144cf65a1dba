#![no_main]
// Target `map_query` (crate waba-template): being written; it will call `waba_template::fuzzing::map_query`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
