#![no_main]
// Target `config_lint` (crate waba): any bytes as a deployment bundle, checked by `waba config lint`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba::internal::config_lint(data);
});
