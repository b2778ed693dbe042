//! Batch checking with annotations: each report's sidecar applies to its own
//! findings, and exit codes follow 4 > 2 > 3 > 1 > 0 over the batch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const SAMPLE: &str = include_str!("../sample-data/chaoyang-hrss-2024.txt");

fn juesuan(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Two copies of the sample; every error in `a.txt` dismissed in its sidecar.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, SAMPLE).unwrap();
    std::fs::write(dir.path().join("b.txt"), SAMPLE).unwrap();
    let (out, _, _) = juesuan(&["check", "--format", "json", s(&a)]);
    let v = &lines(&out)[0];
    let errors: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!errors.is_empty(), "the sample has errors to dismiss");
    for id in errors {
        let (_, err, code) = juesuan(&[
            "review",
            s(&a),
            "--finding",
            id,
            "--verdict",
            "dismissed",
            "--reason",
            "test",
        ]);
        assert_eq!(code, 0, "{err}");
    }
    dir
}

#[test]
fn each_report_gets_its_own_verdicts() {
    let dir = folder();
    let (out, err, code) = juesuan(&["check", "--format", "json", s(dir.path())]);
    let v = lines(&out);
    assert_eq!(v.len(), 2, "{out}");
    let errors = |v: &Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count()
    };
    assert_eq!(errors(&v[0]), 0, "a.txt's errors are dismissed and hidden");
    assert!(errors(&v[1]) > 0, "b.txt has no sidecar");
    assert_eq!(code, 1, "b.txt still fails: {err}");
    // With b.txt alone gone, the batch passes: a.txt's dismissed errors never count.
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let (out, _, code) = juesuan(&["check", s(dir.path())]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("dismissed (hidden; --all lists them)"),
        "{out}"
    );
    let (out, _, _) = juesuan(&["check", "--all", "--format", "json", s(dir.path())]);
    let f = &lines(&out)[0]["findings"];
    assert!(
        f.as_array()
            .unwrap()
            .iter()
            .any(|f| f["verdict"] == "dismissed"),
        "{out}"
    );
}

#[test]
fn exit_codes_by_precedence() {
    let dir = folder();
    // b.txt's sidecar is corrupt: 3 outranks a failing report's 1.
    std::fs::write(dir.path().join("b.txt.audit.json"), "{ not json").unwrap();
    let (out, err, code) = juesuan(&["check", s(dir.path())]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("b.txt.audit.json"), "{err}");
    assert!(
        out.contains("b.txt:"),
        "b.txt's findings still print: {out}"
    );
    // An unreadable report outranks the annotations error.
    std::fs::write(dir.path().join("c.txt"), "shopping list\n").unwrap();
    let (_, err, code) = juesuan(&["check", s(dir.path())]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn annotations_flag_with_more_than_one_report_is_a_usage_error() {
    let dir = folder();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let side = dir.path().join("x.json");
    let (_, _, code) = juesuan(&["check", "--annotations", s(&side), s(&a), s(&b)]);
    assert_eq!(code, 64);
    let (_, _, code) = juesuan(&["check", "--annotations", s(&side), s(dir.path())]);
    assert_eq!(code, 64);
    let (_, err, code) = juesuan(&["check", "--annotations", s(&side), s(&a)]);
    assert_ne!(code, 64, "{err}");
}
