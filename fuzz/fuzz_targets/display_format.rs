#![no_main]
// Target `display_format` (crate waba-template): calls `waba_template::internal::display_format`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_template::internal::display_format(data);
});
