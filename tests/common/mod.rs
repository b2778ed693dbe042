//! Helpers shared by the review tests: a private copy of the sample report,
//! parsing and checking it, and the path of the real binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::Report;
use juesuan::rules::Finding;
use std::path::{Path, PathBuf};

/// The sample report in the repository.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/chaoyang-hrss-2024.txt"
);

/// The juesuan binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_juesuan");

/// Copy the sample into `dir` (tests never write beside the real sample).
pub fn sample_in(dir: &Path) -> PathBuf {
    let p = dir.join("chaoyang-hrss-2024.txt");
    std::fs::copy(SAMPLE, &p).unwrap();
    p
}

/// Parse and check a report.
pub fn checked(path: &Path) -> (Report, Vec<Finding>) {
    let r = juesuan::input::read_file(path).unwrap();
    let f = juesuan::rules::check(&r);
    (r, f)
}

/// The finding at (schedule, row, column) of the given rule.
pub fn finding_at<'a>(
    findings: &'a [Finding],
    rule: &str,
    schedule: u8,
    row: &str,
    column: &str,
) -> Option<&'a Finding> {
    findings.iter().find(|f| {
        f.rule == rule
            && f.locations.first().is_some_and(|l| {
                l.schedule.map(|s| s.0) == Some(schedule)
                    && l.row.as_deref() == Some(row)
                    && l.column.as_deref() == Some(column)
            })
    })
}
