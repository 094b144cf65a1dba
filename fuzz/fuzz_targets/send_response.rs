#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| waba_model::fuzzing::send_response(data));
