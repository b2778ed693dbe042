//! The typed model of one 部门决算 report: what the parser produces and every
//! rule, view and export reads. Nothing here parses or checks.
//!
//! Every element keeps the source line(s) it came from ([`LineNo`]), so a
//! finding can always point at the evidence.

mod claim;
mod code;
mod narrative;
mod performance;
mod schedule;

pub use claim::{Basis, CostKind, Flow, Fund, Reading, Subject};
pub use code::{CodeLevel, EconomicCode, FunctionCode, RowCode};
pub use narrative::{
    Claim, ClaimKind, Measure, Memo, Narrative, Paragraph, ProjectSummary, Section,
};
pub use performance::{Indicator, OverallPerformance, OverallTask, Project, ProjectLink};
pub use schedule::{
    Cell, Column, Panel, Row, RowKind, Schedule, ScheduleId, ScheduleStatus, SCHEDULE_IDS,
};

use serde::Serialize;

/// A 1-based line number in the decoded source text.
pub type LineNo = u32;

/// Where a PDF element stood on its page (PDF input only; text input has none).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PagePos {
    /// 1-based page number.
    pub page: u32,
    /// Left edge, in PDF points from the page's left.
    pub x: f32,
    /// Top edge, in PDF points from the page's top.
    pub y: f32,
}

/// The source a report was read from: its decoded lines (the evidence shown in
/// the source view) and, for PDF input, where each line stood on its page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Source {
    /// The path as given on the command line.
    pub path: String,
    /// The encoding it was decoded from (`UTF-8`, `UTF-8 (BOM)`, `GB18030`, `PDF`).
    pub encoding: String,
    /// The decoded lines, without line terminators; `lines[0]` is line 1.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// For PDF input: the page position of each line (same index as `lines`).
    #[serde(skip)]
    pub positions: Vec<Option<PagePos>>,
    /// For PDF input: for a line that is a table row, the left edge (points
    /// from the page's left) of the column of each of its tab-separated
    /// cells, from the table's rebuilt grid; empty for other lines, and
    /// shorter than `lines` (or empty) for text input.
    #[serde(skip)]
    pub cell_x: Vec<Vec<f32>>,
    /// sha256 of the raw bytes, lower-case hex (the sidecar binds to it).
    pub sha256: String,
    /// For PDF input: the pages whose text was not read, in whole (the page
    /// could not be decoded) or in part (glyphs without a known character).
    /// What is absent from the report may stand on them, so absence there is
    /// not evidence (不能据此认定缺失).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread_pages: Vec<u32>,
}

impl Source {
    /// The text of line `n` (1-based), or "" when out of range.
    pub fn line(&self, n: LineNo) -> &str {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i as usize))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The page position of line `n`, for PDF input.
    pub fn position(&self, n: LineNo) -> Option<PagePos> {
        n.checked_sub(1)
            .and_then(|i| self.positions.get(i as usize).copied().flatten())
    }

    /// The column left edges of line `n`'s cells (see [`Source::cell_x`]):
    /// empty when unknown.
    pub fn cell_x(&self, n: LineNo) -> &[f32] {
        n.checked_sub(1)
            .and_then(|i| self.cell_x.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }
}

/// A problem the parser recovered from: the checks could not see this part.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ParseIssue {
    /// What kind of problem it is; each kind is a rule of its own.
    pub code: IssueCode,
    /// The line it concerns.
    pub line: LineNo,
    /// What was expected and what was found.
    pub message: String,
    /// The schedule it concerns, when inside one.
    pub schedule: Option<ScheduleId>,
    /// The project it concerns, when inside a performance table.
    pub project: Option<String>,
}

/// What kind of thing the reader had to skip or guess (解析问题类别). Each
/// kind is surfaced by the rule with the same id (`rules/parse_issues.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum IssueCode {
    /// A table it could not place (a duplicate, rows without a table).
    #[serde(rename = "PARSE-TABLE")]
    Table,
    /// A row or cell it could not read.
    #[serde(rename = "PARSE-ROW")]
    Row,
    /// A project table missing rows or with unreadable indicators.
    #[serde(rename = "PARSE-PROJECT")]
    Project,
    /// The 整体绩效自评表 missing rows or with unreadable indicators.
    #[serde(rename = "PARSE-OVERALL")]
    Overall,
    /// Bytes that do not decode in the file's encoding.
    #[serde(rename = "PARSE-ENCODING")]
    Encoding,
    /// More than the reader reads (lines, rows, issues).
    #[serde(rename = "PARSE-LIMIT")]
    Limit,
    /// A line read only in part.
    #[serde(rename = "PARSE-LINE-TOO-LONG")]
    LineTooLong,
    /// A PDF page not read, in whole or in part, or displayed rotated.
    #[serde(rename = "PARSE-PAGE")]
    Page,
    /// Table columns the reader rebuilt (text tables aligned with spaces
    /// whose tabs it restored): read whole, but worth a look.
    #[serde(rename = "PARSE-REBUILT")]
    Rebuilt,
    /// A table of the tables part that is none of the nine 公开 schedules
    /// (Beijing's 政府采购情况表, a region's 一般公共预算财政拨款收入支出决算表):
    /// not read, and kept from running into the schedule before it.
    #[serde(rename = "PARSE-EXTRA-TABLE")]
    ExtraTable,
}

impl IssueCode {
    /// Every kind.
    pub const ALL: [IssueCode; 10] = [
        IssueCode::Table,
        IssueCode::Row,
        IssueCode::Project,
        IssueCode::Overall,
        IssueCode::Encoding,
        IssueCode::Limit,
        IssueCode::LineTooLong,
        IssueCode::Page,
        IssueCode::Rebuilt,
        IssueCode::ExtraTable,
    ];

    /// The id, as the rule that reports it has it: `PARSE-ROW`.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Table => "PARSE-TABLE",
            IssueCode::Row => "PARSE-ROW",
            IssueCode::Project => "PARSE-PROJECT",
            IssueCode::Overall => "PARSE-OVERALL",
            IssueCode::Encoding => "PARSE-ENCODING",
            IssueCode::Limit => "PARSE-LIMIT",
            IssueCode::LineTooLong => "PARSE-LINE-TOO-LONG",
            IssueCode::Rebuilt => "PARSE-REBUILT",
            IssueCode::Page => "PARSE-PAGE",
            IssueCode::ExtraTable => "PARSE-EXTRA-TABLE",
        }
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One 部门决算 report (部门决算报告): identity, narrative, the nine schedules,
/// the performance annexes, and the source it was read from.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The cover title, e.g. "辽宁省朝阳市人力资源和社会保障局(本级)2024 年度部门决算".
    pub title: String,
    /// The department (单位名称) as printed on the cover.
    pub department: String,
    /// The report year (决算年度).
    pub year: Option<i32>,
    /// The money unit every amount is in; always 万元 in the reports seen so far.
    pub unit: String,
    /// The cover lines (title, department, year).
    pub cover_lines: Vec<LineNo>,
    /// 概况, 情况说明, 名词解释: the text parts, split into sections.
    pub narrative: Narrative,
    /// The nine schedule slots, 公开01表 … 公开09表, always nine, in order.
    pub schedules: Vec<Schedule>,
    /// 预算项目(政策)绩效自评表, one per project, in report order.
    pub projects: Vec<Project>,
    /// 部门(单位)整体绩效自评表.
    pub overall: Option<OverallPerformance>,
    /// What the parser had to skip or guess.
    pub parse_issues: Vec<ParseIssue>,
    /// The decoded source.
    pub source: Source,
}

impl Report {
    /// The schedule slot with this id (always present as a slot, maybe `Missing`).
    pub fn schedule(&self, id: ScheduleId) -> Option<&Schedule> {
        self.schedules.iter().find(|s| s.id == id)
    }

    /// The project whose table has exactly this name.
    pub fn project(&self, name: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.name == name)
    }
}
