#![no_main]
// Target `transcript` (crate waba): a webhook taken into a transcript, replies resolved, every page.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba::internal::transcript(data);
});
