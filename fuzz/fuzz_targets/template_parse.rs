#![no_main]
// Target `template_parse` (crate waba-template): calls `waba_template::internal::template_parse`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_template::internal::template_parse(data);
});
