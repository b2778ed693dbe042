//! Checking one report (检查): read and parse a file, run the rule catalogue
//! over it, and weigh the findings against the verdicts recorded in its
//! annotations file (审核记录), like a linter baseline. `check`, the batch,
//! the portfolio, the workbench and `review`/`export` all start here, so a
//! report is read and counted the same way everywhere.

use crate::input::{self, ReadError};
use crate::report::Report;
use crate::review::{Document, Verdict};
use crate::rules::{self, Finding, Severity};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// The result of checking one file.
pub struct Checked {
    /// The path as given.
    pub path: String,
    /// The report and its findings, or why it could not be read.
    pub outcome: Result<(Report, Vec<Finding>), ReadError>,
}

/// Parse and check one file: the one way a report is read and checked.
pub fn load_and_check(path: &Path) -> Checked {
    let outcome = input::read_file(path).map(|r| {
        let f = rules::check(&r);
        (r, f)
    });
    Checked {
        path: path.display().to_string(),
        outcome,
    }
}

/// Findings counted by severity (按严重程度计数).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Findings of severity error (错误).
    pub errors: usize,
    /// Findings of severity warning (警告).
    pub warnings: usize,
    /// Findings of severity info (提示).
    pub infos: usize,
}

impl Tally {
    /// Count these findings by severity.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }

    /// Count the findings that count: all but those dismissed in `doc`.
    pub fn counted(findings: &[Finding], doc: Option<&Document>) -> Self {
        Self::of(counted(findings, doc))
    }
}

/// The lowest severity that makes `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Never fail on findings.
    Never,
}

/// How `check` applies the verdicts recorded in annotations files, like a
/// linter baseline.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// List dismissed findings too.
    pub all: bool,
    /// Fail while an error or warning has no verdict.
    pub fail_on_unreviewed: bool,
    /// The annotations file, when not beside the report.
    pub annotations: Option<PathBuf>,
}

/// Whether a counted finding reaches `fail_on`.
pub fn fails(findings: &[&Finding], fail_on: FailOn) -> bool {
    let min = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Never => return false,
    };
    findings.iter().any(|f| f.severity >= min)
}

/// The verdict recorded on a finding, when its report has annotations.
pub fn verdict_in(doc: Option<&Document>, id: &str) -> Option<Verdict> {
    doc.and_then(|d| d.annotations.get(id)).map(|a| a.verdict)
}

/// Findings that count: all but the dismissed ones.
pub fn counted<'a>(findings: &'a [Finding], doc: Option<&Document>) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| verdict_in(doc, &f.id) != Some(Verdict::Dismissed))
        .collect()
}

/// Whether an error or warning has no verdict yet.
pub fn unreviewed(findings: &[Finding], doc: Option<&Document>) -> bool {
    findings.iter().any(|f| {
        f.severity >= Severity::Warning && !verdict_in(doc, &f.id).is_some_and(Verdict::is_reviewed)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn tally_counts_the_sample_and_leaves_out_dismissed_findings() {
        let c = load_and_check(Path::new("sample-data/chaoyang-hrss-2024.txt"));
        let (_, findings) = c.outcome.unwrap();
        let all = Tally::of(&findings);
        assert_eq!(all.errors + all.warnings + all.infos, findings.len());
        assert!(all.errors > 0, "the sample has errors");
        let first_error = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .unwrap();
        let mut doc = Document::default();
        let seen = crate::review::Seen::of(first_error, "");
        let mut a = crate::review::Annotation::new(seen, "test", time::OffsetDateTime::UNIX_EPOCH);
        a.verdict = Verdict::Dismissed;
        doc.annotations.insert(first_error.id.clone(), a);
        let shown = Tally::counted(&findings, Some(&doc));
        assert_eq!(shown.errors, all.errors - 1);
        assert_eq!(shown.warnings, all.warnings);
    }
}
