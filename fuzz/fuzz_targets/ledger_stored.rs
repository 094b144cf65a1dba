#![no_main]
// Target `ledger_stored` (crate waba-delivery): read a stored ledger (version checked first);
// when it reads, write it and read it again.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_delivery::internal::ledger_stored(data);
});
