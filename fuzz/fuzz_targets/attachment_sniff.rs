#![no_main]
// Target `attachment_sniff` (crate waba-attachment): being written; it will call `waba_attachment::fuzzing::attachment_sniff`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = data;
});
