#![no_main]
// Target `clean_rows` (crate waba-phone): the contact-list reader (lines and CSV) and row verdicts.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_phone::internal::clean_rows(data);
});
