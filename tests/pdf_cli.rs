//! The command line on PDF input: `dump --lines` shows what the reader
//! recovered with its pages; a broken PDF is a clear error (exit 2), never a
//! crash; text reports are unaffected.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn juesuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn dump_lines_shows_the_recovered_rows_with_their_pages() {
    let out = juesuan(&[
        "dump",
        "--lines",
        "sample-data/shanghai-putuo-finance-2024.pdf",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("2010601 │ 行政运行"))
        .expect("the 行政运行 row of 公开02表");
    assert!(row.contains("\tp8 "), "{row}");
    assert!(
        row.ends_with("1,511.90 │ 1,511.89 │  │  │  │  │ 0.01"),
        "{row}"
    );
}

#[test]
fn a_broken_pdf_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.pdf");
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n").unwrap();
    let out = juesuan(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.pdf: cannot read the PDF"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn check_reads_pdf_and_text_alike() {
    let out = juesuan(&[
        "check",
        "sample-data/shanghai-putuo-finance-2024.pdf",
        "sample-data/chaoyang-hrss-2024.txt",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("上海市普陀区财政局 2024 — 0 errors, 0 warnings, 6 infos"),
        "{text}"
    );
    assert!(
        text.contains("chaoyang-hrss-2024.txt: 辽宁省朝阳市"),
        "{text}"
    );
}
