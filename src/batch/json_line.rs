//! The JSON line `check --format json` prints for one report, serialised
//! straight from the findings. Building a `serde_json::Value` first copied
//! every message and location into a tree of maps only to print it; these
//! borrowed views print the same bytes: the keys in the order the tree's
//! sorted maps gave them, the same values (a test compares both ways).

use crate::check::Checked;
use crate::review::{Document, Verdict};
use crate::rules::{Finding, Location};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// The line for `c` with the verdicts of `doc` (dismissed findings left
/// out unless `all`), as [`super::render::json_with_verdicts`] prints it.
pub fn to_string(c: &Checked, doc: Option<&Document>, all: bool) -> serde_json::Result<String> {
    let bytes = match &c.outcome {
        Ok((r, findings)) => serde_json::to_vec(&Line {
            file: &c.path,
            findings: Findings { findings, doc, all },
            report: Head {
                department: &r.department,
                title: &r.title,
                year: r.year,
            },
        })?,
        Err(e) => serde_json::to_vec(&Unread {
            error: e.to_string(),
            file: &c.path,
            findings: [(); 0],
            report: (),
        })?,
    };
    // serde_json writes valid UTF-8 from `&str`s only: no copy is made.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

// Field order below is the alphabetical order of the keys.

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    findings: Findings<'a>,
    report: Head<'a>,
}

#[derive(Serialize)]
struct Unread<'a> {
    error: String,
    file: &'a str,
    findings: [(); 0],
    report: (),
}

#[derive(Serialize)]
struct Head<'a> {
    department: &'a str,
    title: &'a str,
    year: Option<i32>,
}

struct Findings<'a> {
    findings: &'a [Finding],
    doc: Option<&'a Document>,
    all: bool,
}

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let shown = self.findings.iter().filter(|f| {
            self.all
                || self
                    .doc
                    .is_none_or(|d| d.verdict_of(&f.id) != Verdict::Dismissed)
        });
        s.collect_seq(shown.map(|f| FindingView::of(f, self.doc)))
    }
}

#[derive(Serialize)]
struct FindingView<'a> {
    actual: Option<String>,
    difference: Option<String>,
    expected: Option<String>,
    id: &'a str,
    locations: Vec<LocationView<'a>>,
    message: &'a str,
    rule: &'a str,
    severity: crate::rules::Severity,
    tolerance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
}

impl<'a> FindingView<'a> {
    fn of(f: &'a Finding, doc: Option<&Document>) -> Self {
        // `rust_decimal::serde::str_option` prints a decimal as its string.
        let text = |d: Option<Decimal>| d.map(|d| d.to_string());
        FindingView {
            actual: text(f.actual),
            difference: text(f.difference),
            expected: text(f.expected),
            id: &f.id,
            locations: f.locations.iter().map(LocationView::of).collect(),
            message: &f.message,
            rule: &f.rule,
            severity: f.severity,
            tolerance: text(f.tolerance),
            verdict: doc
                .and_then(|d| d.annotations.get(&f.id))
                .map(|a| a.verdict),
        }
    }
}

#[derive(Serialize)]
struct LocationView<'a> {
    column: Option<&'a str>,
    line: crate::report::LineNo,
    project: Option<&'a str>,
    row: Option<&'a str>,
    schedule: Option<String>,
    section: Option<&'a str>,
}

impl<'a> LocationView<'a> {
    fn of(l: &'a Location) -> Self {
        LocationView {
            column: l.column.as_deref(),
            line: l.line,
            project: l.project.as_deref(),
            row: l.row.as_deref(),
            schedule: l.schedule.map(|id| id.two_digit()),
            section: l.section.as_deref(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::batch::render::json_with_verdicts;
    use crate::review::{Annotation, Seen};
    use std::path::Path;

    fn same_both_ways(c: &Checked, doc: Option<&Document>, all: bool) {
        let tree = json_with_verdicts(c, doc, all).to_string();
        assert_eq!(to_string(c, doc, all).unwrap(), tree);
    }

    #[test]
    fn the_stream_prints_what_the_value_tree_printed() {
        let c = crate::check::load_and_check(Path::new("sample-data/chaoyang-hrss-2024.txt"));
        same_both_ways(&c, None, false);
        let (_, findings) = c.outcome.as_ref().unwrap();
        let mut doc = Document::default();
        for (i, f) in findings.iter().take(6).enumerate() {
            let mut a = Annotation::new(Seen::of(f, ""), "t", time::OffsetDateTime::UNIX_EPOCH);
            a.verdict = if i % 2 == 0 {
                Verdict::Dismissed
            } else {
                Verdict::Confirmed
            };
            doc.annotations.insert(f.id.clone(), a);
        }
        same_both_ways(&c, Some(&doc), false);
        same_both_ways(&c, Some(&doc), true);
        let missing = crate::check::load_and_check(Path::new("no/such/report.txt"));
        same_both_ways(&missing, None, false);
    }
}
