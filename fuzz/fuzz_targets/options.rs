#![no_main]
// Target `options` (crate waba): see `waba::fuzzing::options`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba::fuzzing::options(data);
});
