#![no_main]
// Target `esp_request` (crate waba-phone): ESP request envelope, ValidateContact offline, round trip.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waba_phone::internal::esp_request(data);
});
