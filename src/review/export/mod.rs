//! The working paper (审计工作底稿): a report's identity, summary counts by
//! severity and verdict, coverage, and every finding with its locations,
//! evidence lines, verdict, note and history, assembled once
//! ([`WorkingPaper::build`]) and rendered as Markdown, CSV, JSON or SARIF.

mod csv;
mod markdown;
mod sarif;

use super::attach::Attach;
use super::coverage::Coverage;
use super::model::{written_by, Annotation, Verdict};
use super::session::Session;
use crate::report::{LineNo, Report};
use crate::rules::{Finding, Location, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An output format of `juesuan export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperFormat {
    /// Markdown, to read or print.
    Markdown,
    /// CSV, one row per finding, for spreadsheets.
    Csv,
    /// JSON, the whole working paper.
    Json,
    /// SARIF 2.1.0, for SARIF viewers and code-scanning tools.
    Sarif,
}

/// The report a working paper is about.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    /// The report path as given.
    pub file: String,
    /// Cover title.
    pub title: String,
    /// Department.
    pub department: String,
    /// Report year.
    pub year: Option<i32>,
    /// sha256 of the report's bytes.
    pub sha256: String,
    /// The sidecar the annotations came from.
    pub annotations_file: String,
}

/// Counts for the summary table.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Findings listed (rule and own).
    pub findings: usize,
    /// By severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// By verdict (open included).
    pub by_verdict: BTreeMap<Verdict, usize>,
    /// Annotated findings whose values changed since review.
    pub changed_since_review: usize,
    /// Annotations whose finding is gone.
    pub orphans: usize,
    /// The sidecar was last written for another version of the report.
    pub report_changed: bool,
}

/// One source line quoted as evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// 1-based line number.
    pub line: LineNo,
    /// The line's text as decoded.
    pub text: String,
}

/// One finding with everything recorded about it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The finding as the check (or the auditor) raised it.
    #[serde(flatten)]
    pub finding: Finding,
    /// Raised by an auditor, not a rule.
    pub own: bool,
    /// The verdict (open when not annotated).
    pub verdict: Verdict,
    /// Fields that changed since the verdict was set (empty: none).
    pub changed_since_review: Vec<&'static str>,
    /// The annotation, with note, reason, sign-off and history.
    pub annotation: Option<Annotation>,
    /// The source lines of every location, in line order.
    pub evidence: Vec<Evidence>,
}

/// An annotation whose finding no longer appears: kept with what it said.
#[derive(Debug, Clone, Serialize)]
pub struct Orphan {
    /// The finding's fingerprint.
    pub id: String,
    /// The annotation, whose `seen` holds the old location and message.
    pub annotation: Annotation,
}

/// The whole working paper.
#[derive(Debug, Clone, Serialize)]
pub struct WorkingPaper {
    /// "juesuan X.Y.Z".
    pub generated_by: String,
    /// When, RFC 3339 UTC.
    pub generated_at: String,
    /// The report.
    pub report: Identity,
    /// Counts.
    pub summary: Summary,
    /// How much was ticked examined.
    pub coverage: Coverage,
    /// Every finding (rule findings in check order, then own findings).
    pub findings: Vec<Item>,
    /// Orphaned annotations, by id.
    pub orphans: Vec<Orphan>,
}

impl WorkingPaper {
    /// Assemble the working paper of `report` from a session attached to it.
    pub fn build(report: &Report, session: &Session) -> Self {
        let attachment = session.attachment().cloned().unwrap_or_default();
        let own: BTreeSet<String> = session.document().own_findings.keys().cloned().collect();
        let findings: Vec<Item> = session
            .findings()
            .into_iter()
            .map(|f| {
                let changed = match attachment.status(&f.id).map(|s| &s.attach) {
                    Some(Attach::Changed(fields)) => fields.clone(),
                    _ => Vec::new(),
                };
                Item {
                    own: own.contains(&f.id),
                    verdict: session.verdict_of(&f.id),
                    changed_since_review: changed,
                    annotation: session.annotation(&f.id).cloned(),
                    evidence: evidence(report, &f.locations),
                    finding: f,
                }
            })
            .collect();
        let orphans: Vec<Orphan> = attachment
            .orphans()
            .into_iter()
            .filter_map(|id| {
                session.annotation(id).map(|a| Orphan {
                    id: id.to_string(),
                    annotation: a.clone(),
                })
            })
            .collect();
        let mut by_severity: BTreeMap<Severity, usize> =
            [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| (s, 0))
                .collect();
        let mut by_verdict: BTreeMap<Verdict, usize> =
            Verdict::ALL.into_iter().map(|v| (v, 0)).collect();
        for i in &findings {
            *by_severity.entry(i.finding.severity).or_default() += 1;
            *by_verdict.entry(i.verdict).or_default() += 1;
        }
        WorkingPaper {
            generated_by: written_by(),
            generated_at: super::model::now()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            report: Identity {
                file: report.source.path.clone(),
                title: report.title.clone(),
                department: report.department.clone(),
                year: report.year,
                sha256: report.source.sha256.clone(),
                annotations_file: session.path().display().to_string(),
            },
            summary: Summary {
                findings: findings.len(),
                by_severity,
                by_verdict,
                changed_since_review: findings
                    .iter()
                    .filter(|i| !i.changed_since_review.is_empty())
                    .count(),
                orphans: orphans.len(),
                report_changed: attachment.report_changed,
            },
            coverage: session.progress().coverage,
            findings,
            orphans,
        }
    }

    /// Render in a format; the text ends with a newline.
    pub fn render(&self, format: PaperFormat) -> Result<String, ExportError> {
        match format {
            PaperFormat::Markdown => Ok(markdown::render(self)),
            PaperFormat::Csv => csv::render(self),
            PaperFormat::Json => json(&serde_json::to_value(self)?),
            PaperFormat::Sarif => json(&sarif::render(self)),
        }
    }
}

/// Render `report`'s working paper from `session` in `format`.
pub fn render(
    report: &Report,
    session: &Session,
    format: PaperFormat,
) -> Result<String, ExportError> {
    WorkingPaper::build(report, session).render(format)
}

/// An export that could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// JSON serialisation failed.
    #[error("cannot serialise the working paper: {0}")]
    Json(#[from] serde_json::Error),
    /// CSV writing failed.
    #[error("cannot write the CSV: {0}")]
    Csv(String),
}

fn json(v: &serde_json::Value) -> Result<String, ExportError> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

/// The distinct source lines of the locations, in line order.
fn evidence(report: &Report, locations: &[Location]) -> Vec<Evidence> {
    let lines: BTreeSet<LineNo> = locations
        .iter()
        .map(|l| l.line)
        .filter(|&n| n > 0)
        .collect();
    lines
        .into_iter()
        .map(|n| Evidence {
            line: n,
            text: report.source.line(n).to_string(),
        })
        .collect()
}

/// A location for people: "公开02表 合计 / 财政拨款收入", "项目《…》 执行率", "§ 标题".
pub fn describe(l: &Location) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = l.schedule {
        parts.push(s.label());
    }
    if let Some(p) = &l.project {
        parts.push(format!("项目《{p}》"));
    }
    if let Some(t) = &l.section {
        parts.push(format!("§ {t}"));
    }
    match (&l.row, &l.column) {
        (Some(r), Some(c)) => parts.push(format!("{r} / {c}")),
        (Some(r), None) => parts.push(r.clone()),
        (None, Some(c)) => parts.push(c.clone()),
        (None, None) => {}
    }
    if parts.is_empty() {
        parts.push("报告".to_string());
    }
    parts.join(" ")
}

/// One history entry for people: "2025-01-02T03:04:05Z 张三 verdict → dismissed（理由：…）".
pub fn describe_event(e: &super::model::Event) -> String {
    use super::model::Change;
    let at =
        e.at.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
    let what = match &e.change {
        Change::Verdict { verdict, reason } => match reason {
            Some(r) => format!("verdict → {verdict} ({})；理由：{r}", verdict.zh()),
            None => format!("verdict → {verdict} ({})", verdict.zh()),
        },
        Change::Note { note } => format!("note → {note:?}"),
        Change::SignOff {
            verdict,
            same_person,
        } => {
            let warn = if *same_person {
                "；⚠ 复核人即编制人"
            } else {
                ""
            };
            format!("signed off {verdict}{warn}")
        }
        Change::Raised {
            title, severity, ..
        } => format!("raised/edited: [{severity}] {title}"),
        Change::Withdrawn => "withdrawn".to_string(),
        Change::Ticked { examined } => format!("examined → {examined}"),
    };
    format!("{at} {} {what}", e.by)
}
