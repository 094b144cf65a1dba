#![no_main]
// Target `compose` (crate waba): options, privileges, time and a draft's JSON; every decision to
// send passes every check of the crates when checked again on the written body.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba::internal::compose(data);
});
