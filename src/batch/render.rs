//! What `check` prints for one report: a line per finding for people, or a
//! JSON object per report for scripts, with the verdicts of its annotations
//! file (审核记录) applied.

use crate::check::{counted, verdict_in, Checked, Tally};
use crate::review::{Document, Verdict};
use crate::sanitize::visible;
use clap::ValueEnum;
use std::io::Write;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, for people.
    Text,
    /// One JSON object per report, one per line.
    Json,
}

/// `check --format json` with verdicts: annotated findings get a "verdict",
/// dismissed ones are left out unless `all`.
pub fn json_with_verdicts(c: &Checked, doc: Option<&Document>, all: bool) -> serde_json::Value {
    let mut v = json_object(c);
    let Some(doc) = doc else {
        return v;
    };
    if let Some(list) = v.get_mut("findings").and_then(|f| f.as_array_mut()) {
        list.retain(|f| {
            all || f["id"]
                .as_str()
                .is_none_or(|id| doc.verdict_of(id) != Verdict::Dismissed)
        });
        for f in list.iter_mut() {
            let verdict = f["id"]
                .as_str()
                .and_then(|id| doc.annotations.get(id))
                .map(|a| a.verdict);
            if let (Some(obj), Some(verdict)) = (f.as_object_mut(), verdict) {
                obj.insert("verdict".into(), serde_json::json!(verdict));
            }
        }
    }
    v
}

/// The JSON object `check --format json` prints for one report.
pub fn json_object(c: &Checked) -> serde_json::Value {
    match &c.outcome {
        Ok((r, f)) => serde_json::json!({
            "file": c.path,
            "report": { "title": r.title, "department": r.department, "year": r.year },
            "findings": f,
        }),
        Err(e) => serde_json::json!({
            "file": c.path,
            "report": null,
            "error": e.to_string(),
            "findings": [],
        }),
    }
}

/// The text `check` prints for one report: one line per finding (with its
/// verdict; dismissed ones only with `all`), then the counts.
pub fn write_text(
    out: &mut impl Write,
    c: &Checked,
    doc: Option<&Document>,
    all: bool,
) -> std::io::Result<()> {
    let Ok((r, findings)) = &c.outcome else {
        return Ok(());
    };
    for f in findings {
        let verdict = verdict_in(doc, &f.id);
        if verdict == Some(Verdict::Dismissed) && !all {
            continue;
        }
        let mark = verdict.map(|v| format!(" [{v}]")).unwrap_or_default();
        writeln!(
            out,
            "{}:{}: {} {}: {}{mark}",
            visible(&c.path),
            f.line(),
            f.severity,
            f.rule,
            visible(&f.message)
        )?;
    }
    let shown = counted(findings, doc);
    let tally = Tally::of(shown.iter().copied());
    let dismissed = findings.len() - shown.len();
    let dismissed = match (dismissed, all) {
        (0, _) => String::new(),
        (d, true) => format!("; {d} dismissed"),
        (d, false) => format!("; {d} dismissed (hidden; --all lists them)"),
    };
    writeln!(
        out,
        "{}: {} {} — {} errors, {} warnings, {} infos{dismissed}",
        visible(&c.path),
        visible(&r.department),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        tally.errors,
        tally.warnings,
        tally.infos
    )
}
