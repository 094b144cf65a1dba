#![no_main]
// Target `options` (crate waba): see `waba::internal::options`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba::internal::options(data);
});
