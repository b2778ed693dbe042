//! Helpers shared by the hostile-input test files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod lines;
pub mod mutate;
pub mod sidecars;

use juesuan::input::{self, ReadError};
use juesuan::report::Report;
use juesuan::rules::{self, Finding};
use std::sync::mpsc;
use std::time::Duration;

/// The real sample report.
pub const SAMPLE: &str = include_str!("../../sample-data/chaoyang-hrss-2024.txt");

/// Run `f` on another thread and fail the test when it takes longer than
/// `limit`: a hang must be a test failure, not a stuck CI job. (The worker
/// thread is left behind on timeout; the test process ends with the failure.)
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => {
            let _ = worker.join();
            v
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The worker panicked: re-raise its panic here.
            match worker.join() {
                Err(p) => std::panic::resume_unwind(p),
                Ok(()) => panic!("{what}: worker ended without a result"),
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: did not finish within {limit:?} (hang or quadratic blow-up)")
        }
    }
}

/// Parse and check bytes; the findings when it is a report.
pub fn pipeline(name: &str, bytes: &[u8]) -> Result<(Report, Vec<Finding>), ReadError> {
    let report = input::read_bytes(name, bytes)?;
    let findings = rules::check(&report);
    Ok((report, findings))
}

/// The model as JSON without its `source` (path, encoding and hash differ
/// between encodings of the same text by design).
pub fn model_json(r: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    if let Some(o) = v.as_object_mut() {
        o.remove("source");
    }
    v
}

/// The same text as UTF-8, UTF-8 with BOM, GB18030, CRLF and UTF-16LE.
pub fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "GB18030 encodes all of Unicode");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let crlf_text = text.replace('\n', "\r\n");
    let (gb_crlf, _, _) = encoding_rs::GB18030.encode(&crlf_text);
    let crlf = crlf_text.clone().into_bytes();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    vec![
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-8 BOM", bom),
        ("GB18030", gb.into_owned()),
        ("CRLF", crlf),
        ("GB18030 CRLF", gb_crlf.into_owned()),
        ("UTF-16LE", utf16),
    ]
}

/// Cases for a property: `JUESUAN_PROPTEST_CASES` when set (a longer local
/// run), else `default` (sized for CI: the whole suite in a minute or two in
/// a debug build on two cores).
pub fn cases(default: u32) -> u32 {
    std::env::var("JUESUAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Write `text` to a temp file named `name` and return its directory and path.
pub fn temp_report(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}
