#![no_main]
// Target `map_query` (crate waba-template): calls `waba_template::internal::map_query`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_template::internal::map_query(data);
});
