//! Structured mutations of the real sample (the same operations as the
//! property tests: dropped/swapped/duplicated lines, cut cells, odd number
//! separators, full-width digits, negatives, tabs, long lines), through the
//! whole pipeline, checking that findings are deterministic and that the
//! GB18030 and CRLF forms of the same text give the same model and findings.
#![no_main]

#[path = "../../tests/hostile_common/mutate.rs"]
mod mutate;

use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = include_str!("../../sample-data/chaoyang-hrss-2024.txt");

fn run(bytes: &[u8]) -> Option<(serde_json::Value, Vec<juesuan::rules::Finding>)> {
    let r = juesuan::input::read_bytes("m.txt", bytes).ok()?;
    let f = juesuan::rules::check(&r);
    let mut v = serde_json::to_value(&r).ok()?;
    v.as_object_mut()?.remove("source");
    Some((v, f))
}

fuzz_target!(|data: &[u8]| {
    let text = mutate::apply(SAMPLE, &mutate::ops_from_bytes(data));
    let a = run(text.as_bytes());
    let b = run(text.as_bytes());
    assert!(a == b, "same input, different result");
    // Re-encodings: only when the first bytes say so, to keep most runs fast.
    if data.first().is_some_and(|b| b % 4 == 0) {
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        assert!(run(&gb) == a, "GB18030 differs from UTF-8");
        let crlf = text.replace('\n', "\r\n");
        assert!(run(crlf.as_bytes()) == a, "CRLF differs from LF");
    }
});
