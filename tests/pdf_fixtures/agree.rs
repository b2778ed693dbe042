//! The agreement a PDF fixture of the sample is held to: checked as a PDF
//! it gives the findings its text gives, message for message.

use super::report::Layout;
use std::path::Path;
use std::process::Command;

/// The sample up to its annex (the performance tables, whose long cells a
/// whitespace layout cannot hold).
pub fn sample_without_annex() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/chaoyang-hrss-2024.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let end = text.rfind("\n第五部分").unwrap();
    text[..end].to_string()
}

pub fn check_json(path: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn rule_ids(v: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        // The one expected difference: each rebuilt table is flagged, so that
        // an auditor compares it with the page.
        .filter(|f| {
            !f["message"]
                .as_str()
                .unwrap_or("")
                .contains("printed without ruling lines")
        })
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    ids.sort();
    ids
}

/// Check a report's text and its unruled PDF; assert they agree and that
/// every schedule the text has (公开01–07表; the sample lacks 08 and 09) is
/// found in the PDF.
pub fn assert_pdf_agrees_with_text(text: &str) {
    assert_layout_agrees_with_text(text, Layout::default());
}

/// [`assert_pdf_agrees_with_text`] for a report printed in `layout`.
pub fn assert_layout_agrees_with_text(text: &str, layout: Layout) {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("report.txt");
    std::fs::write(&txt, text).unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, super::report::report(text, layout)).unwrap();
    if let Ok(keep) = std::env::var("JUESUAN_KEEP_FIXTURE") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    let (from_text, from_pdf) = (check_json(&txt), check_json(&pdf));
    let pdf_findings = rule_ids(&from_pdf);
    assert_eq!(pdf_findings, rule_ids(&from_text));
    for n in 1..=7 {
        let missing = format!("SCHEDULE-MISSING error 公开{n:02}表");
        assert!(
            !pdf_findings.iter().any(|f| f.starts_with(&missing)),
            "{missing}"
        );
    }
    // The table rules ran on the rebuilt tables: the sample's 尾差 in
    // 公开03表 is found from the PDF too.
    assert!(
        pdf_findings
            .iter()
            .any(|f| f.starts_with("ROUNDING info 公开03表")),
        "{pdf_findings:#?}"
    );
}
