//! The evidence table (绩效表): a project's 绩效自评表, or the 整体绩效自评表,
//! laid out as the aligned table it was printed as — the budget row(s), the
//! indicator rows with 一级/二级/三级指标, 年度指标值, 全年完成值, 分值, 得分,
//! and the scores — with the cells a finding names marked the way the
//! schedule view marks them (`▶` the current finding's primary cell, `◆` its
//! other cells, `•` cells of other findings), so it works without colour.
//!
//! A [`Sheet`] is built once from the model when the view opens; which cells
//! a location names ([`Sheet::hits`]) is resolved from the location's field
//! (and line) alone: the field names the rules give (`执行率`, `分值`, an
//! indicator's name, `TASK 项目执行率`). Nothing here parses or checks.

use crate::report::{Cell as Amount, Indicator, LineNo, Report};
use crate::sanitize::visible;
use crate::text::squash;
use crate::tui::draw::format;
use crate::tui::draw::width::{self, split_header};
use crate::tui::draw::{block, cell_left, cell_right};
use crate::tui::input::action::Action;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome, Scroll};
use crate::tui::view_model::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::cell::Cell;

/// Which performance table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perf {
    /// A project's table (index into `Report::projects`).
    Project(usize),
    /// The 部门（单位）整体绩效自评表.
    Overall,
}

/// One column of a block.
#[derive(Debug, Clone)]
pub struct Col {
    /// The header as printed.
    pub name: &'static str,
    /// Amounts and scores are right-aligned.
    pub right: bool,
    /// The column that takes the room left (names).
    pub flex: bool,
    /// Dropped first when the table does not fit (一级/二级指标: the footer
    /// still names them).
    pub optional: bool,
}

const fn col(name: &'static str, right: bool, flex: bool, optional: bool) -> Col {
    Col {
        name,
        right,
        flex,
        optional,
    }
}

/// One row of a block.
#[derive(Debug, Clone, Default)]
pub struct SheetRow {
    /// The source line it was read from.
    pub line: LineNo,
    /// The name a location gives the whole row (an indicator's or a task's
    /// squashed name), if any.
    pub key: Option<String>,
    /// The cells as shown.
    pub cells: Vec<String>,
    /// The field name a location gives each cell ("" when none).
    pub fields: Vec<String>,
    /// The row in full, for the footer.
    pub detail: String,
}

/// A part of the table with its own columns.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its heading.
    pub title: String,
    /// The columns.
    pub cols: Vec<Col>,
    /// The rows.
    pub rows: Vec<SheetRow>,
    /// Field names that stand for a whole column of this section (`分值`,
    /// `全年完成值`), with the column.
    pub column_fields: Vec<(&'static str, usize)>,
}

/// A performance table as the evidence view shows it.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The table's name.
    pub title: String,
    /// First and last source line.
    pub lines: (LineNo, LineNo),
    /// The sections, top to bottom.
    pub sections: Vec<Section>,
}

/// A cell of a sheet: (section, row, column).
pub type At = (usize, usize, usize);

fn opt_text(s: &str) -> String {
    visible(s).into_owned()
}

/// 年度指标值 as printed: operator, value and unit together (≥95%).
fn target_text(i: &Indicator) -> String {
    visible(&format!("{}{}{}", i.operator, i.target, i.unit)).into_owned()
}

/// 全年完成值 with its unit when it has a value.
fn actual_text(i: &Indicator) -> String {
    if i.actual.is_empty() {
        return String::new();
    }
    let unit = if i.actual.chars().any(|c| c.is_ascii_digit()) {
        i.unit.as_str()
    } else {
        ""
    };
    visible(&format!("{}{unit}", i.actual)).into_owned()
}

fn indicator_section(indicators: &[Indicator]) -> Section {
    let cols = vec![
        col("一级指标", false, false, true),
        col("二级指标", false, false, true),
        col("三级指标", false, true, false),
        col("年度指标值", true, false, false),
        col("全年完成值", true, false, false),
        col("分值", true, false, false),
        col("得分", true, false, false),
    ];
    let mut rows = Vec::new();
    let mut last = (String::new(), String::new());
    for i in indicators {
        // Merged cells print once: a level is shown where it changes.
        let l1 = if i.level1 != last.0 {
            i.level1.clone()
        } else {
            String::new()
        };
        let l2 = if l1.is_empty() && i.level2 == last.1 {
            String::new()
        } else {
            i.level2.clone()
        };
        last = (i.level1.clone(), i.level2.clone());
        let key = squash(&i.name).into_owned();
        rows.push(SheetRow {
            line: i.line,
            key: Some(key),
            cells: vec![
                opt_text(&l1),
                opt_text(&l2),
                opt_text(&i.name),
                target_text(i),
                actual_text(i),
                format::opt(i.weight),
                format::opt(i.score),
            ],
            fields: ["一级指标", "二级指标", "三级指标", "", "", "", ""]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            detail: visible(&format!(
                "{} / {} / {} · 指标值 {} · 完成值 {} · 完成程度 {} · 分值 {} · 得分 {}",
                i.level1,
                i.level2,
                i.name,
                target_text(i),
                actual_text(i),
                i.completion,
                format::opt(i.weight),
                format::opt(i.score)
            ))
            .into_owned(),
        });
    }
    Section {
        title: format!("绩效指标 Indicators ({})", indicators.len()),
        cols,
        rows,
        column_fields: vec![
            ("年度目标值", 3),
            ("指标值", 3),
            ("全年完成值", 4),
            ("分值", 5),
            ("得分", 6),
        ],
    }
}

/// A block of (label, value) rows, each value answering to its label.
fn pairs(title: &str, head: &'static str, rows: Vec<(&str, String, LineNo)>) -> Section {
    Section {
        title: title.to_string(),
        cols: vec![
            col("栏目", false, false, false),
            col(head, true, true, false),
        ],
        rows: rows
            .into_iter()
            .map(|(label, value, line)| SheetRow {
                line,
                key: None,
                detail: format!("{label} {value}"),
                cells: vec![label.to_string(), value],
                fields: vec![String::new(), label.to_string()],
            })
            .collect(),
        column_fields: Vec::new(),
    }
}

fn amount(c: &Amount) -> String {
    format::cell(c)
}

impl Sheet {
    /// The sheet of a performance table, when the report has it.
    pub fn of(report: &Report, which: Perf) -> Option<Sheet> {
        match which {
            Perf::Project(i) => report.projects.get(i).map(|p| {
                let amounts = p.amounts_line.unwrap_or(p.name_line);
                let scores = p.scores_line.unwrap_or(p.end_line);
                let info = Section {
                    title: "项目 Project".to_string(),
                    cols: vec![
                        col("栏目", false, false, false),
                        col("内容", false, true, false),
                    ],
                    rows: [
                        ("项目(政策)名称", &p.name, p.name_line),
                        ("主管部门", &p.department, p.name_line),
                        ("实施单位", &p.implementer, p.name_line),
                    ]
                    .into_iter()
                    .map(|(label, value, line)| SheetRow {
                        line,
                        key: None,
                        cells: vec![label.to_string(), opt_text(value)],
                        fields: vec![String::new(), label.to_string()],
                        detail: opt_text(&format!("{label} {value}")),
                    })
                    .collect(),
                    column_fields: Vec::new(),
                };
                let budget_cells = vec![
                    "项目资金".to_string(),
                    amount(&p.budget),
                    amount(&p.executed),
                    format::percent(p.rate),
                    format::opt(p.rate_score),
                ];
                let budget = Section {
                    title: format!("项目资金 Budget ({})", report.unit),
                    cols: vec![
                        col("", false, true, false),
                        col("项目预算金额", true, false, false),
                        col("全年执行数", true, false, false),
                        col("执行率", true, false, false),
                        col("预算执行率得分", true, false, false),
                    ],
                    rows: vec![SheetRow {
                        line: amounts,
                        key: None,
                        detail: format!(
                            "项目预算金额 {} · 全年执行数 {} · 执行率 {} · 预算执行率得分 {}",
                            budget_cells[1], budget_cells[2], budget_cells[3], budget_cells[4]
                        ),
                        cells: budget_cells,
                        fields: ["", "项目预算金额", "全年执行数", "执行率", "预算执行率得分"]
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    }],
                    column_fields: Vec::new(),
                };
                let totals = pairs(
                    "得分 Scores",
                    "得分",
                    vec![
                        (
                            "指标自评得分小计",
                            format::opt(p.indicator_subtotal),
                            scores,
                        ),
                        ("预算执行率得分", format::opt(p.rate_score), scores),
                        ("减分项", format::opt(p.deduction), scores),
                        ("绩效自评总得分", format::opt(p.total), scores),
                    ],
                );
                Sheet {
                    title: visible(&p.name).into_owned(),
                    lines: (p.line, p.end_line),
                    sections: vec![info, budget, indicator_section(&p.indicators), totals],
                }
            }),
            Perf::Overall => report.overall.as_ref().map(|o| {
                let info = pairs(
                    "部门 Department",
                    "内容",
                    vec![
                        ("部门（单位）名称", opt_text(&o.name), o.line),
                        ("部门年初预算收入金额", amount(&o.budget_income), o.line),
                        ("部门年初预算支出金额", amount(&o.budget_expense), o.line),
                    ],
                );
                let task_cols = ["项目下达金额", "项目执行金额", "项目执行率", "分值", "得分"];
                let tasks = Section {
                    title: format!("年度主要任务 Tasks ({})", o.tasks.len()),
                    cols: vec![
                        col("对应项目", false, true, false),
                        col("项目下达金额", true, false, false),
                        col("项目执行金额", true, false, false),
                        col("项目执行率", true, false, false),
                        col("分值", true, false, false),
                        col("得分", true, false, false),
                    ],
                    rows: o
                        .tasks
                        .iter()
                        .map(|t| {
                            let name = squash(&t.name).into_owned();
                            let cells = vec![
                                opt_text(&t.name),
                                amount(&t.allocated),
                                amount(&t.executed),
                                format::percent(t.rate),
                                format::opt(t.weight),
                                format::opt(t.score),
                            ];
                            let mut fields = vec![String::new()];
                            fields.extend(task_cols.iter().map(|c| format!("{name} {c}")));
                            SheetRow {
                                line: t.line,
                                detail: format!(
                                    "{} · 下达 {} · 执行 {} · 执行率 {} · 分值 {} · 得分 {}",
                                    cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
                                ),
                                key: Some(name),
                                cells,
                                fields,
                            }
                        })
                        .collect(),
                    column_fields: vec![("分值", 4), ("得分", 5)],
                };
                let total = pairs(
                    "总分 Total",
                    "得分",
                    vec![(
                        "总评价得分",
                        format::opt(o.total),
                        o.total_line.unwrap_or(o.end_line),
                    )],
                );
                Sheet {
                    title: crate::rules::OVERALL.to_string(),
                    lines: (o.line, o.end_line),
                    sections: vec![info, tasks, indicator_section(&o.indicators), total],
                }
            }),
        }
    }

    /// The rows in order, as (section, row).
    pub fn rows(&self) -> Vec<(usize, usize)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| (0..sec.rows.len()).map(move |r| (s, r)))
            .collect()
    }

    fn row(&self, (s, r): (usize, usize)) -> Option<&SheetRow> {
        self.sections.get(s).and_then(|x| x.rows.get(r))
    }

    /// The cells a location names: a cell whose field it is (the one on the
    /// location's line when several are), else the row it names (an
    /// indicator or a task: every cell), else a whole column (`分值` of every
    /// indicator); without a field, the rows on the location's line.
    pub fn hits(&self, field: Option<&str>, line: LineNo) -> Vec<At> {
        let Some(field) = field else {
            return self.rows_on(line);
        };
        let mut cells: Vec<(At, LineNo)> = Vec::new();
        for (si, sec) in self.sections.iter().enumerate() {
            for (ri, row) in sec.rows.iter().enumerate() {
                for (ci, f) in row.fields.iter().enumerate() {
                    if !f.is_empty() && f == field {
                        cells.push(((si, ri, ci), row.line));
                    }
                }
            }
        }
        if !cells.is_empty() {
            let on_line: Vec<At> = cells
                .iter()
                .filter(|(_, l)| *l == line)
                .map(|(a, _)| *a)
                .collect();
            return if on_line.is_empty() {
                cells.into_iter().map(|(a, _)| a).collect()
            } else {
                on_line
            };
        }
        let named: Vec<(usize, usize)> = self
            .rows()
            .into_iter()
            .filter(|at| {
                self.row(*at)
                    .is_some_and(|r| r.key.as_deref() == Some(field))
            })
            .collect();
        if !named.is_empty() {
            let best: Vec<(usize, usize)> = named
                .iter()
                .copied()
                .filter(|at| self.row(*at).is_some_and(|r| r.line == line))
                .collect();
            let pick = if best.is_empty() { named } else { best };
            return pick
                .into_iter()
                .flat_map(|(s, r)| self.whole_row(s, r))
                .collect();
        }
        for (si, sec) in self.sections.iter().enumerate() {
            if let Some((_, c)) = sec.column_fields.iter().find(|(f, _)| *f == field) {
                return (0..sec.rows.len()).map(|r| (si, r, *c)).collect();
            }
        }
        self.rows_on(line)
    }

    fn whole_row(&self, s: usize, r: usize) -> Vec<At> {
        let n = self.row((s, r)).map_or(0, |x| x.cells.len());
        (0..n).map(|c| (s, r, c)).collect()
    }

    fn rows_on(&self, line: LineNo) -> Vec<At> {
        self.rows()
            .into_iter()
            .filter(|at| self.row(*at).is_some_and(|r| r.line == line))
            .flat_map(|(s, r)| self.whole_row(s, r))
            .collect()
    }
}

/// How each cell is marked: 0 the current finding's primary cell, 1 its
/// other cells, 2 another finding's.
fn marks(cx: &Cx, which: Perf, sheet: &Sheet) -> std::collections::HashMap<At, u8> {
    let mut out = std::collections::HashMap::new();
    let list = match which {
        Perf::Project(i) => cx.model.findings_on_project(i),
        Perf::Overall => cx.model.findings_on_overall(),
    };
    let mut findings: Vec<usize> = list.to_vec();
    if let Some(c) = cx.current {
        findings.retain(|f| *f != c);
        findings.push(c);
    }
    for f in findings {
        let (Some(ts), Some(finding)) = (cx.model.targets.get(f), cx.model.findings.get(f)) else {
            continue;
        };
        let current = Some(f) == cx.current;
        let mut first = true;
        for (t, loc) in ts.iter().zip(&finding.locations) {
            let field = match (t, which) {
                (Target::Project { index, field }, Perf::Project(i)) if *index == i => field,
                (Target::Overall { field }, Perf::Overall) => field,
                _ => continue,
            };
            let mark = match (current, first) {
                (true, true) => 0,
                (true, false) => 1,
                _ => 2,
            };
            first = false;
            for at in sheet.hits(field.as_deref(), loc.line) {
                let e = out.entry(at).or_insert(mark);
                *e = (*e).min(mark);
            }
        }
    }
    out
}

/// The evidence view's state.
#[derive(Debug)]
pub struct EvidenceView {
    /// Which table.
    pub of: Perf,
    /// The table, built when it was opened.
    pub sheet: Option<Sheet>,
    /// The cursor row (index into [`Sheet::rows`]).
    pub cursor: usize,
    /// Whether it has the keyboard.
    pub focused: bool,
    scroll: Scroll,
    width: Cell<u16>,
}

impl Default for EvidenceView {
    fn default() -> Self {
        EvidenceView {
            of: Perf::Overall,
            sheet: None,
            cursor: 0,
            focused: false,
            scroll: Scroll::default(),
            width: Cell::new(0),
        }
    }
}

/// The narrowest width at which a header fits on two lines.
fn header_width(name: &str, at_least: usize) -> usize {
    let head = width::width(name);
    let mut w = at_least.max(2);
    while w < head && width::wrap(name, w).len() > 2 {
        w += 1;
    }
    w
}

/// Widths of a section's columns in `width` cells (each cell has a mark
/// before it and a gap after): natural widths (headers on two lines), the
/// flexible column taking what is left; optional columns dropped (width 0)
/// when it does not fit.
pub fn widths(sec: &Section, width: usize) -> Vec<usize> {
    let content = |c: usize| {
        sec.rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .map(|s| width::width(s))
            .max()
            .unwrap_or(0)
    };
    let natural: Vec<usize> = sec
        .cols
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let cap = if col.optional { 10 } else { 20 };
            header_width(col.name, content(c).min(cap)).min(cap.max(width::width(col.name) / 2 + 1))
        })
        .collect();
    // Headers on one line when the table has the room for them.
    let one_line: Vec<usize> = sec
        .cols
        .iter()
        .enumerate()
        .map(|(c, col)| content(c).min(20).max(width::width(col.name)))
        .collect();
    let fixed_one: usize = one_line
        .iter()
        .zip(&sec.cols)
        .filter(|(_, c)| !c.flex)
        .map(|(w, _)| w + 2)
        .sum();
    let natural = if fixed_one + 30 <= width {
        one_line
    } else {
        natural
    };
    let need = |ws: &[usize], drop: bool| -> usize {
        ws.iter()
            .zip(&sec.cols)
            .filter(|(_, c)| !(c.flex || drop && c.optional))
            .map(|(w, _)| w + 2)
            .sum::<usize>()
    };
    let drop = need(&natural, false) + 16 > width;
    let mut ws: Vec<usize> = natural
        .iter()
        .zip(&sec.cols)
        .map(|(w, c)| if drop && c.optional { 0 } else { *w })
        .collect();
    // Still too wide: narrow the widest columns, down to where their header
    // still fits on two lines (their cells are cut with an ellipsis; the
    // footer shows the row in full).
    let numeric = |c: usize| {
        sec.rows.iter().filter_map(|r| r.cells.get(c)).all(|s| {
            s.chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%' | '-'))
        })
    };
    // The names keep at least a quarter of the width.
    let flex_min = (width / 4).max(6);
    while need(&ws, drop) + flex_min + 2 > width {
        let widest = ws
            .iter()
            .enumerate()
            .filter(|(c, w)| {
                sec.cols.get(*c).is_some_and(|col| {
                    // Amounts, rates and scores are never cut.
                    let floor = if numeric(*c) {
                        content(*c)
                    } else {
                        header_width(col.name, 4)
                    };
                    !col.flex && **w > floor.max(header_width(col.name, 2))
                })
            })
            .max_by_key(|(_, w)| **w)
            .map(|(c, _)| c);
        match widest {
            Some(c) => ws[c] -= 1,
            None => break,
        }
    }
    let flex_room = width.saturating_sub(need(&ws, drop) + 2);
    ws.iter()
        .zip(&sec.cols)
        .enumerate()
        .map(|(c, (w, col))| {
            if col.flex {
                content(c).max(width::width(col.name)).min(flex_room).max(4)
            } else {
                *w
            }
        })
        .collect()
}

impl EvidenceView {
    /// Show a table; the cursor on the row of `focus` (a location's field and
    /// line) when given, else on the first row.
    pub fn open(&mut self, report: &Report, of: Perf, focus: Option<(Option<&str>, LineNo)>) {
        if self.of != of || self.sheet.is_none() {
            self.scroll.reset();
            self.cursor = 0;
        }
        self.of = of;
        self.sheet = Sheet::of(report, of);
        if let (Some(sheet), Some((field, line))) = (&self.sheet, focus) {
            let rows = sheet.rows();
            if let Some((s, r, _)) = sheet.hits(field, line).first() {
                if let Some(p) = rows.iter().position(|x| *x == (*s, *r)) {
                    self.cursor = p;
                }
            }
        }
    }

    /// The source line of the cursor row.
    pub fn cursor_line(&self) -> Option<LineNo> {
        let sheet = self.sheet.as_ref()?;
        let at = *sheet.rows().get(self.cursor)?;
        sheet.row(at).map(|r| r.line)
    }

    /// Where the cursor is, for the status line.
    pub fn position(&self) -> String {
        match &self.sheet {
            Some(s) => {
                let n = s.rows().len();
                format!(
                    "绩效表 {} · 行{}/{n}",
                    width::truncate(&s.title, 30, "…").trim_end(),
                    self.cursor + 1
                )
            }
            None => "绩效表".to_string(),
        }
    }

    fn lines(&self, cx: &Cx, sheet: &Sheet, w: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let t = cx.theme;
        let marks = marks(cx, self.of, sheet);
        let mut out: Vec<Line<'static>> = Vec::new();
        // The screen line of each row, in Sheet::rows order.
        let mut at_line = Vec::new();
        let mut k = 0;
        for (si, sec) in sheet.sections.iter().enumerate() {
            if si > 0 {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(sec.title.clone(), t.heading()));
            let ws = widths(sec, w);
            // Headers on two lines, bottom-aligned, as the schedule view's.
            let mut head = [Vec::new(), Vec::new()];
            for (c, col) in sec.cols.iter().enumerate() {
                let cw = ws.get(c).copied().unwrap_or(0);
                if cw == 0 {
                    continue;
                }
                let mut parts = split_header(col.name, cw, 2, t.sym.ellipsis);
                if parts.len() < 2 {
                    parts.insert(0, String::new());
                }
                for (k, part) in parts.iter().take(2).enumerate() {
                    head[k].push(Span::raw(" "));
                    head[k].push(if col.right {
                        cell_right(t, part, cw, t.dim())
                    } else {
                        cell_left(t, part, cw, t.dim())
                    });
                    head[k].push(Span::raw(" "));
                }
            }
            let [top, bottom] = head;
            if top.iter().any(|s| !s.content.trim().is_empty()) {
                out.push(Line::from(top));
            }
            out.push(Line::from(bottom));
            if sec.rows.is_empty() {
                out.push(Line::styled(" 无 (none printed)", t.dim()));
            }
            for (ri, row) in sec.rows.iter().enumerate() {
                let selected = k == self.cursor;
                let mut spans = Vec::new();
                for (c, col) in sec.cols.iter().enumerate() {
                    let cw = ws.get(c).copied().unwrap_or(0);
                    if cw == 0 {
                        continue;
                    }
                    let (mark, style) = match marks.get(&(si, ri, c)) {
                        Some(0) => (t.sym.primary, t.involved()),
                        Some(1) => (t.sym.involved, t.involved()),
                        Some(_) => (t.sym.flagged, t.flagged()),
                        None => (" ", Style::new()),
                    };
                    let style = if selected && (c == 0 || col.flex) {
                        style.patch(t.cursor())
                    } else {
                        style
                    };
                    let text = row.cells.get(c).map(String::as_str).unwrap_or("");
                    if col.right {
                        // The mark stands right before the amount it marks.
                        let padded = width::pad_left(text, cw, t.sym.ellipsis);
                        let body = padded.trim_start_matches(' ');
                        let lead = padded.len() - body.len();
                        spans.push(Span::raw(" ".repeat(lead)));
                        spans.push(Span::styled(mark, style));
                        spans.push(Span::styled(body.to_string(), style));
                    } else {
                        spans.push(Span::styled(mark, style));
                        spans.push(cell_left(t, text, cw, style));
                    }
                    spans.push(Span::raw(" "));
                }
                at_line.push(out.len());
                out.push(Line::from(spans));
                k += 1;
            }
        }
        (out, at_line)
    }
}

impl Pane for EvidenceView {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let Some(sheet) = &self.sheet else {
            return;
        };
        let title = vec![
            Span::styled("绩效表 ", t.dim()),
            Span::styled(sheet.title.clone(), t.heading()),
            Span::styled(format!(" 行{}–{}", sheet.lines.0, sheet.lines.1), t.dim()),
        ];
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        self.width.set(inner.width);
        if inner.height == 0 {
            return;
        }
        let w = inner.width as usize;
        let (lines, at_line) = self.lines(cx, sheet, w);
        // The footer: the cursor row in full, and the findings on it.
        let footer_h = if inner.height >= 8 { 2 } else { 0 };
        let body_h = (inner.height - footer_h) as usize;
        let cursor_line = at_line.get(self.cursor).copied().unwrap_or(0);
        // Keep the section heading above the cursor row in view when it can be.
        let top = self.scroll.follow(cursor_line, lines.len(), body_h);
        for (y, l) in lines.iter().skip(top).take(body_h).enumerate() {
            buf.set_line(inner.x, inner.y + y as u16, l, inner.width);
        }
        if footer_h > 0 {
            let row = sheet
                .rows()
                .get(self.cursor)
                .and_then(|at| sheet.row(*at))
                .cloned()
                .unwrap_or_default();
            let on_line: Vec<String> = cx
                .model
                .findings_on_line(row.line)
                .iter()
                .filter_map(|f| cx.model.findings.get(*f))
                .map(|f| f.rule.clone())
                .collect();
            let y = inner.y + inner.height - footer_h;
            for x in inner.x..inner.x + inner.width {
                buf.set_string(x, y, t.sym.border.horizontal_top, t.dim());
            }
            let mut text = format!("行{} {} {}", row.line, t.sym.bar, row.detail);
            if !on_line.is_empty() {
                text.push_str(&format!(" {} 问题 {}", t.sym.bar, on_line.join(" ")));
            }
            buf.set_string(
                inner.x,
                y + 1,
                width::truncate(&text, w, t.sym.ellipsis),
                Style::new(),
            );
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n = self.sheet.as_ref().map_or(0, |s| s.rows().len());
        if let Some(to) = moved(action, self.cursor, n, self.scroll.page()) {
            self.cursor = to;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Open => match self.cursor_line() {
                Some(l) if l > 0 => PaneOutcome::Go(Target::Line(l)),
                _ => PaneOutcome::Changed,
            },
            Action::Copy => {
                let row = self
                    .sheet
                    .as_ref()
                    .and_then(|s| s.rows().get(self.cursor).and_then(|at| s.row(*at)).cloned());
                let _ = cx;
                match row {
                    Some(r) => PaneOutcome::Copy(r.cells.join("\t")),
                    None => PaneOutcome::Flash("nothing to copy".into()),
                }
            }
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, _cx: &Cx, query: &str, forward: bool) -> bool {
        let Some(sheet) = &self.sheet else {
            return false;
        };
        let texts: Vec<String> = sheet
            .rows()
            .into_iter()
            .filter_map(|at| sheet.row(at).map(|r| r.detail.clone()))
            .collect();
        match crate::tui::panes::list::next_match(&texts, self.cursor, query, forward) {
            Some(i) => {
                self.cursor = i;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn sample() -> Report {
        let (r, _) = crate::check::load_and_check(std::path::Path::new(
            "sample-data/chaoyang-hrss-2024.txt",
        ))
        .outcome
        .unwrap();
        r
    }

    #[test]
    fn a_task_field_names_one_cell_of_its_row() {
        let r = sample();
        let s = Sheet::of(&r, Perf::Overall).unwrap();
        let hits = s.hits(Some("部门预算基本支出人员经费（刚性） 项目执行率"), 630);
        assert_eq!(hits.len(), 1);
        let (si, ri, ci) = hits[0];
        let sec = &s.sections[si];
        assert_eq!(sec.cols[ci].name, "项目执行率");
        assert_eq!(sec.rows[ri].cells[ci], "97.00%");
    }

    #[test]
    fn an_indicator_name_names_its_row_and_a_column_name_the_column() {
        let r = sample();
        let s = Sheet::of(&r, Perf::Overall).unwrap();
        let row = s.hits(Some("预算执行率"), 644);
        assert!(row.len() > 3, "{row:?}");
        assert!(row.iter().all(|(a, b, _)| (*a, *b) == (row[0].0, row[0].1)));
        let col = s.hits(Some("全年完成值"), 637);
        let n = r.overall.as_ref().unwrap().indicators.len();
        assert_eq!(col.len(), n);
    }

    #[test]
    fn a_project_summary_field_names_its_cell() {
        let r = sample();
        let i = r
            .projects
            .iter()
            .position(|p| p.name == "社保维稳专项")
            .unwrap();
        let s = Sheet::of(&r, Perf::Project(i)).unwrap();
        let total = s.hits(Some("绩效自评总得分"), 789);
        assert_eq!(total.len(), 1);
        let (si, ri, ci) = total[0];
        assert_eq!(s.sections[si].rows[ri].cells[ci], "0");
        // The rate score stands in the budget row and among the scores:
        // the one on the location's line is meant.
        let rate = s.hits(Some("预算执行率得分"), 789);
        assert_eq!(rate.len(), 1);
        assert_eq!(s.sections[rate[0].0].title, "得分 Scores");
    }

    #[test]
    fn optional_columns_go_first_when_narrow() {
        let r = sample();
        let s = Sheet::of(&r, Perf::Project(0)).unwrap();
        let sec = &s.sections[2];
        let wide = widths(sec, 150);
        assert!(wide[0] > 0 && wide[1] > 0);
        let narrow = widths(sec, 50);
        assert_eq!((narrow[0], narrow[1]), (0, 0));
        assert!(narrow[2] >= 4);
    }
}
