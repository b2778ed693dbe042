//! Decoding + parsing a report from arbitrary bytes: never a panic, and an
//! error always names the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match juesuan::input::read_bytes("fuzz.txt", data) {
        Ok(report) => {
            // `juesuan dump` serialises the whole model.
            let _ = serde_json::to_string(&report);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.txt")),
    }
});
