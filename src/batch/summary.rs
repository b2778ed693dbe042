//! The summary table (汇总表) that ends a text batch: one row per report,
//! aligned by display width so Chinese department names line up.

use crate::check::{Checked, Tally};
use crate::review::Document;
use crate::sanitize::visible;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// One report's line in the summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The path as given, made safe for a terminal.
    pub report: String,
    /// The department (部门) from the cover, made safe; empty when unreadable.
    pub department: String,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Whether the file could not be read as a report.
    pub unreadable: bool,
}

impl SummaryRow {
    /// The row for one checked input; findings dismissed in its annotations
    /// do not count.
    pub fn of(c: &Checked, doc: Option<&Document>) -> Self {
        let (department, tally, unreadable) = match &c.outcome {
            Ok((r, f)) => (
                visible(&r.department).into_owned(),
                Tally::counted(f, doc),
                false,
            ),
            Err(_) => (String::new(), Tally::default(), true),
        };
        SummaryRow {
            report: visible(&c.path).into_owned(),
            department,
            errors: tally.errors,
            warnings: tally.warnings,
            infos: tally.infos,
            unreadable,
        }
    }
}

const HEADERS: [&str; 6] = [
    "report",
    "department",
    "errors",
    "warnings",
    "infos",
    "unreadable",
];

/// Write the table: a header, one row per report, and a total line.
pub fn write_table(out: &mut impl Write, rows: &[SummaryRow]) -> std::io::Result<()> {
    let total = SummaryRow {
        report: format!("total ({} reports)", rows.len()),
        department: String::new(),
        errors: rows.iter().map(|r| r.errors).sum(),
        warnings: rows.iter().map(|r| r.warnings).sum(),
        infos: rows.iter().map(|r| r.infos).sum(),
        unreadable: false,
    };
    let unreadable_total = rows.iter().filter(|r| r.unreadable).count();
    let cells = |r: &SummaryRow, unreadable: usize| -> [String; 6] {
        [
            r.report.clone(),
            r.department.clone(),
            r.errors.to_string(),
            r.warnings.to_string(),
            r.infos.to_string(),
            unreadable.to_string(),
        ]
    };
    let header = HEADERS.map(String::from);
    let body: Vec<[String; 6]> = rows
        .iter()
        .map(|r| cells(r, usize::from(r.unreadable)))
        .collect();
    let footer = cells(&total, unreadable_total);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header)
        .chain(&body)
        .chain(std::iter::once(&footer))
    {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    writeln!(out)?;
    write_line(out, &header, &widths)?;
    for row in &body {
        write_line(out, row, &widths)?;
    }
    write_line(out, &footer, &widths)
}

/// Text columns left-aligned, counts right-aligned, two spaces between; the
/// last column carries no trailing spaces.
fn write_line(
    out: &mut impl Write,
    cells: &[String; 6],
    widths: &[usize; 6],
) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
        let pad = " ".repeat(w.saturating_sub(cell.width()));
        if i > 0 {
            line.push_str("  ");
        }
        if i < 2 {
            line.push_str(cell);
            line.push_str(&pad);
        } else {
            line.push_str(&pad);
            line.push_str(cell);
        }
    }
    writeln!(out, "{}", line.trim_end())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn row(report: &str, department: &str, e: usize, unreadable: bool) -> SummaryRow {
        SummaryRow {
            report: report.into(),
            department: department.into(),
            errors: e,
            warnings: 1,
            infos: 10,
            unreadable,
        }
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let mut out = Vec::new();
        let rows = [
            row("a.txt", "朝阳市教育局", 7, false),
            row("bb.txt", "Dept", 13, false),
            row("c.txt", "", 0, true),
        ];
        write_table(&mut out, &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(lines.len(), 5, "{text}");
        // Counts are right-aligned, so every line has the same display width…
        assert!(
            lines.iter().all(|l| l.width() == lines[0].width()),
            "{text}"
        );
        // …and the errors column ends at the same display column throughout.
        let end = |l: &str, cell: &str| l[..l.find(cell).unwrap() + cell.len()].width();
        assert_eq!(end(lines[0], "errors"), end(lines[1], "7"), "{text}");
        assert_eq!(end(lines[0], "errors"), end(lines[2], "13"), "{text}");
        assert!(lines[4].starts_with("total (3 reports)"), "{text}");
        assert!(lines[4].ends_with("  1"), "unreadable total: {text}");
    }
}
