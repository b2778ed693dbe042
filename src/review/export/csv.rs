//! The working paper as CSV: one row per finding, then one per orphaned
//! annotation, for spreadsheets. Text that a spreadsheet would run as a
//! formula (leading `=`, `+`, `-`, `@`) is prefixed with `'`; numbers are
//! left alone.

use super::{describe, describe_event, ExportError, WorkingPaper};
use crate::review::model::Annotation;
use rust_decimal::Decimal;

/// The header row.
pub const HEADER: [&str; 19] = [
    "id",
    "rule",
    "severity",
    "own",
    "state",
    "verdict",
    "reason",
    "note",
    "line",
    "location",
    "message",
    "expected",
    "actual",
    "difference",
    "evidence",
    "prepared_by",
    "changed_at",
    "signed_off_by",
    "history",
];

/// One row's values before they become cells.
struct Row<'a> {
    id: &'a str,
    rule: &'a str,
    severity: String,
    own: bool,
    state: &'static str,
    line: u32,
    location: String,
    message: &'a str,
    expected: Option<Decimal>,
    actual: Option<Decimal>,
    difference: Option<Decimal>,
    evidence: String,
    annotation: Option<&'a Annotation>,
}

impl Row<'_> {
    /// The cells, in [`HEADER`] order.
    fn cells(&self) -> Vec<String> {
        let a = self.annotation;
        let text = |f: fn(&Annotation) -> String| a.map(f).unwrap_or_default();
        vec![
            self.id.to_string(),
            self.rule.to_string(),
            self.severity.clone(),
            self.own.to_string(),
            self.state.to_string(),
            a.map(|a| a.verdict).unwrap_or_default().to_string(),
            text(|a| a.reason.clone().unwrap_or_default()),
            text(|a| a.note.clone()),
            self.line.to_string(),
            self.location.clone(),
            self.message.to_string(),
            num(self.expected),
            num(self.actual),
            num(self.difference),
            self.evidence.clone(),
            text(|a| a.preparer().to_string()),
            text(|a| {
                a.at.format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            }),
            text(|a| {
                a.sign_off
                    .as_ref()
                    .map(|s| s.by.clone())
                    .unwrap_or_default()
            }),
            text(|a| {
                a.history
                    .iter()
                    .map(describe_event)
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ]
    }
}

pub(super) fn render(paper: &WorkingPaper) -> Result<String, ExportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let err = |e: ::csv::Error| ExportError::Csv(e.to_string());
    w.write_record(HEADER).map_err(err)?;
    let mut rows: Vec<Row<'_>> = Vec::new();
    for i in &paper.findings {
        let f = &i.finding;
        rows.push(Row {
            id: &f.id,
            rule: &f.rule,
            severity: f.severity.to_string(),
            own: i.own,
            state: if i.annotation.is_none() {
                "unreviewed"
            } else if i.changed_since_review.is_empty() {
                "current"
            } else {
                "changed"
            },
            line: f.line(),
            location: f.locations.first().map(describe).unwrap_or_default(),
            message: &f.message,
            expected: f.expected,
            actual: f.actual,
            difference: f.difference,
            evidence: i
                .evidence
                .iter()
                .map(|e| format!("{}: {}", e.line, e.text))
                .collect::<Vec<_>>()
                .join("\n"),
            annotation: i.annotation.as_ref(),
        });
    }
    for o in &paper.orphans {
        let s = &o.annotation.seen;
        rows.push(Row {
            id: &o.id,
            rule: &s.rule,
            severity: s.severity.to_string(),
            own: false,
            state: "orphaned",
            line: s.line(),
            location: s.locations.first().map(describe).unwrap_or_default(),
            message: &s.message,
            expected: s.expected,
            actual: s.actual,
            difference: s.difference,
            evidence: String::new(),
            annotation: Some(&o.annotation),
        });
    }
    for r in &rows {
        let cells = r.cells();
        w.write_record(cells.iter().enumerate().map(|(k, c)| guard(k, c)))
            .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))
}

fn num(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Columns holding numbers (line, expected, actual, difference) stay as they are.
const NUMERIC: [usize; 4] = [8, 11, 12, 13];

fn guard(column: usize, cell: &str) -> String {
    if !NUMERIC.contains(&column) && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}
