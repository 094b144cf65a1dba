#![no_main]
// Target `duration` (crate waba-window): option duration values, parsed, written back, parsed again.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_window::internal::duration(data);
});
