#![no_main]
// Target `attachment_sniff` (crate waba-attachment): sniffing and the verdict never panic, and the
// verdict never reads past the prefix.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_attachment::internal::attachment_sniff(data);
});
