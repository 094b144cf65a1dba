#![no_main]
// Target `phone_normalize` (crate waba-phone): normalize, verdict, analysis, identities on any text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_phone::internal::phone_normalize(data);
});
