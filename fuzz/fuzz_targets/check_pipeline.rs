//! The whole check pipeline on arbitrary bytes: parse, every rule, the JSON
//! `juesuan check` prints, and the text line it prints through
//! `sanitize::visible`, which must never let a control character through.
#![no_main]

use juesuan::cli::{json_object, Checked};
use juesuan::sanitize::{json_safe, visible};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = juesuan::input::read_bytes("fuzz.txt", data).map(|r| {
        let f = juesuan::rules::check(&r);
        (r, f)
    });
    if let Ok((r, findings)) = &outcome {
        for f in findings {
            assert!(!f.locations.is_empty(), "{} has no location", f.rule);
            assert!(f.line() as usize <= r.source.lines.len(), "{} line out of range", f.rule);
            let shown = visible(&f.message);
            assert!(
                !shown.chars().any(|c| c.is_control()
                    || matches!(c as u32, 0x202a..=0x202e | 0x2066..=0x2069)),
                "control character in {shown:?}"
            );
        }
        for l in &r.source.lines {
            let shown = visible(l);
            assert!(!shown.chars().any(char::is_control));
        }
    }
    let checked = Checked {
        path: "fuzz.txt".into(),
        outcome,
    };
    let json = json_object(&checked).to_string();
    let shown = json_safe(&json);
    assert!(
        !shown.chars().any(|c| c.is_control()
            || matches!(c as u32, 0x202a..=0x202e | 0x2066..=0x2069)),
        "raw control character in JSON output"
    );
    let back: serde_json::Value = serde_json::from_str(&shown).expect("json_safe keeps JSON valid");
    assert_eq!(back, json_object(&checked));
});
