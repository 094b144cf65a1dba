#![no_main]
// Target `stop_keywords` (crate waba-delivery): match arbitrary inbound text against the stop and
// resume keywords; the comparison key is idempotent.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_delivery::internal::stop_keywords(data);
});
