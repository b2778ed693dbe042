//! What the workbench shows: the report and its findings as the library
//! produced them, with each finding's locations resolved to the cells, rows,
//! projects and lines on screen. Nothing here parses or checks. (The
//! review's data model, verdicts and notes as saved, is
//! [`crate::review::model`]; this is only the screen's view of a report.)

use crate::report::{Cell, ClaimKind, LineNo, Report, ScheduleId};
use crate::rules::{Finding, Location};
use std::collections::HashMap;

/// One cell of a schedule: panel, row and column are indices into the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// The schedule.
    pub schedule: ScheduleId,
    /// Index into `Schedule::panels`.
    pub panel: usize,
    /// Index into `Panel::rows`.
    pub row: usize,
    /// Index into `Panel::columns` (and `Row::cells`).
    pub col: usize,
}

/// Where a finding's location is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A schedule cell.
    Cell(CellRef),
    /// A whole schedule row.
    Row {
        /// The schedule.
        schedule: ScheduleId,
        /// Panel index.
        panel: usize,
        /// Row index.
        row: usize,
    },
    /// A whole schedule (e.g. a missing one).
    Schedule(ScheduleId),
    /// A project's table, or one field of it.
    Project {
        /// Index into `Report::projects`.
        index: usize,
        /// The field (执行率, 绩效自评总得分, an indicator name), when one.
        field: Option<String>,
    },
    /// The 部门（单位）整体绩效自评表, or one field of it (a task's
    /// `NAME 项目执行率`, an indicator's name, 总评价得分).
    Overall {
        /// The field, when one.
        field: Option<String>,
    },
    /// A source line (narrative, or anything else).
    Line(LineNo),
}

/// A finding by its stable fingerprint (`Finding.id`). The workbench holds
/// on to findings by this (the current finding, the jump list, the finder's
/// and the cell popup's entries, the list's selection across a rebuild): a
/// position in [`ViewModel::findings`] goes stale whenever the findings are
/// rebuilt (an own finding raised or withdrawn, the annotations reloaded),
/// a fingerprint does not. Positions are for the moment: drawing, and the
/// model's own indexes, all rebuilt together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FindingId(String);

impl FindingId {
    /// The id of a finding.
    pub fn of(f: &Finding) -> Self {
        FindingId(f.id.clone())
    }

    /// The fingerprint, as the review's session keys annotations.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The report, its findings and the indexes between them.
pub struct ViewModel {
    /// The report.
    pub report: Report,
    /// The findings, as `rules::check` returned them.
    pub findings: Vec<Finding>,
    /// The file name shown in the header line.
    pub file_name: String,
    /// The PDF's page count, `None` for a text report (for the header line,
    /// counted once rather than on every frame).
    pub pages: Option<u32>,
    /// Each finding's locations resolved, in location order (primary first).
    pub targets: Vec<Vec<Target>>,
    /// Finding indices grouped as the findings list shows them: by
    /// severity (errors first), then rule, then report order.
    pub order: Vec<usize>,
    /// Findings from this index on are orphaned annotations (see [`ViewModel::set_findings`]).
    pub orphan_start: usize,
    /// Each finding's position, by id (the first, should two share one).
    positions: HashMap<String, usize>,
    by_cell: HashMap<CellRef, Vec<usize>>,
    by_row: HashMap<(ScheduleId, usize, usize), Vec<usize>>,
    by_schedule: HashMap<ScheduleId, Vec<usize>>,
    by_project: Vec<Vec<usize>>,
    by_overall: Vec<usize>,
    by_line: HashMap<LineNo, Vec<usize>>,
}

fn push(map: &mut Vec<usize>, i: usize) {
    if map.last() != Some(&i) {
        map.push(i);
    }
}

impl ViewModel {
    /// Index a report and its findings.
    pub fn new(report: Report, findings: Vec<Finding>, file_name: String) -> Self {
        let pages = report
            .source
            .positions
            .iter()
            .flatten()
            .map(|p| p.page)
            .max();
        let mut m = ViewModel {
            pages,
            by_project: Vec::new(),
            by_overall: Vec::new(),
            report,
            findings: Vec::new(),
            file_name,
            targets: Vec::new(),
            order: Vec::new(),
            orphan_start: 0,
            positions: HashMap::new(),
            by_cell: HashMap::new(),
            by_row: HashMap::new(),
            by_schedule: HashMap::new(),
            by_line: HashMap::new(),
        };
        m.set_findings(findings, Vec::new());
        m
    }

    /// Replace the findings (after an own finding was raised, or when the
    /// review's annotations are attached) and rebuild the indexes.
    /// `orphans` (annotations whose finding is gone, at their old location)
    /// come last, from [`ViewModel::orphan_start`] on, and are left out of
    /// `order` and the counts: the findings list shows them in a group of their own.
    pub fn set_findings(&mut self, findings: Vec<Finding>, orphans: Vec<Finding>) {
        self.orphan_start = findings.len();
        self.findings = findings;
        self.findings.extend(orphans);
        self.targets = self
            .findings
            .iter()
            .map(|f| {
                f.locations
                    .iter()
                    .map(|l| resolve(&self.report, l))
                    .collect()
            })
            .collect();
        self.positions.clear();
        for (i, f) in self.findings.iter().enumerate() {
            self.positions.entry(f.id.clone()).or_insert(i);
        }
        self.by_project = vec![Vec::new(); self.report.projects.len()];
        self.by_overall.clear();
        self.by_cell.clear();
        self.by_row.clear();
        self.by_schedule.clear();
        self.by_line.clear();
        let m = self;
        for (i, (f, ts)) in m.findings.iter().zip(&m.targets).enumerate() {
            for (loc, t) in f.locations.iter().zip(ts) {
                if loc.line > 0 {
                    push(m.by_line.entry(loc.line).or_default(), i);
                }
                match t {
                    Target::Cell(c) => {
                        push(m.by_cell.entry(*c).or_default(), i);
                        push(m.by_schedule.entry(c.schedule).or_default(), i);
                    }
                    Target::Row {
                        schedule,
                        panel,
                        row,
                    } => {
                        push(m.by_row.entry((*schedule, *panel, *row)).or_default(), i);
                        push(m.by_schedule.entry(*schedule).or_default(), i);
                    }
                    Target::Schedule(s) => push(m.by_schedule.entry(*s).or_default(), i),
                    Target::Project { index, .. } => {
                        if let Some(v) = m.by_project.get_mut(*index) {
                            push(v, i);
                        }
                    }
                    Target::Overall { .. } => push(&mut m.by_overall, i),
                    Target::Line(_) => {}
                }
            }
        }
        let mut order: Vec<usize> = (0..m.orphan_start).collect();
        order.sort_by(|a, b| {
            let (fa, fb) = (&m.findings[*a], &m.findings[*b]);
            fb.severity
                .cmp(&fa.severity)
                .then_with(|| fa.rule.cmp(&fb.rule))
                .then(a.cmp(b))
        });
        m.order = order;
    }

    /// The position of a finding in [`ViewModel::findings`] now.
    pub fn position(&self, id: &FindingId) -> Option<usize> {
        self.positions.get(id.as_str()).copied()
    }

    /// The id of the finding at position `f`.
    pub fn id(&self, f: usize) -> Option<FindingId> {
        self.findings.get(f).map(FindingId::of)
    }

    /// A finding by id.
    pub fn finding(&self, id: &FindingId) -> Option<&Finding> {
        self.position(id).and_then(|f| self.findings.get(f))
    }

    /// Whether finding `f` is an orphaned annotation (its finding is gone).
    pub fn is_orphan(&self, f: usize) -> bool {
        f >= self.orphan_start && f < self.findings.len()
    }

    /// Findings on a cell, including those on its whole row.
    pub fn findings_on_cell(&self, c: CellRef) -> Vec<usize> {
        let mut v = self.by_cell.get(&c).cloned().unwrap_or_default();
        if let Some(r) = self.by_row.get(&(c.schedule, c.panel, c.row)) {
            v.extend(r.iter().copied());
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether any finding involves this cell (or its row).
    pub fn cell_flagged(&self, c: CellRef) -> bool {
        self.by_cell.contains_key(&c) || self.by_row.contains_key(&(c.schedule, c.panel, c.row))
    }

    /// Findings that involve a schedule anywhere.
    pub fn findings_on_schedule(&self, s: ScheduleId) -> &[usize] {
        self.by_schedule.get(&s).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Findings that involve a project.
    pub fn findings_on_project(&self, index: usize) -> &[usize] {
        self.by_project.get(index).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Findings that involve the 整体绩效自评表.
    pub fn findings_on_overall(&self) -> &[usize] {
        &self.by_overall
    }

    /// Findings with a location on this source line.
    pub fn findings_on_line(&self, line: LineNo) -> &[usize] {
        self.by_line.get(&line).map(Vec::as_slice).unwrap_or(&[])
    }

    /// (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let live = &self.findings[..self.orphan_start.min(self.findings.len())];
        let t = crate::check::Tally::of(live);
        (t.errors, t.warnings, t.infos)
    }

    /// The cell a [`CellRef`] points at.
    pub fn cell(&self, c: CellRef) -> Option<&Cell> {
        self.report
            .schedule(c.schedule)
            .and_then(|s| s.panels.get(c.panel))
            .and_then(|p| p.rows.get(c.row))
            .and_then(|r| r.cells.get(c.col))
    }

    /// Narrative claims that state this amount (the same value, non-zero).
    pub fn claims_stating(&self, cell: &Cell) -> Vec<usize> {
        let Cell::Amount(d) = cell else {
            return Vec::new();
        };
        if d.is_zero() {
            return Vec::new();
        }
        self.report
            .narrative
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == ClaimKind::Amount && c.value == *d)
            .map(|(i, _)| i)
            .collect()
    }

    /// The source line a target stands on.
    pub fn line_of(&self, t: &Target) -> LineNo {
        match t {
            Target::Cell(c) => self.row_line(c.schedule, c.panel, c.row),
            Target::Row {
                schedule,
                panel,
                row,
            } => self.row_line(*schedule, *panel, *row),
            Target::Schedule(s) => self
                .report
                .schedule(*s)
                .and_then(|s| s.heading_line.or(s.lines.map(|l| l.0)))
                .unwrap_or(0),
            Target::Project { index, .. } => self
                .report
                .projects
                .get(*index)
                .map(|p| p.line)
                .unwrap_or(0),
            Target::Overall { .. } => self.report.overall.as_ref().map_or(0, |o| o.line),
            Target::Line(l) => *l,
        }
    }

    fn row_line(&self, s: ScheduleId, panel: usize, row: usize) -> LineNo {
        self.report
            .schedule(s)
            .and_then(|s| s.panels.get(panel))
            .and_then(|p| p.rows.get(row))
            .map(|r| r.line)
            .unwrap_or(0)
    }

    /// Every source line a finding involves.
    pub fn finding_lines(&self, i: usize) -> Vec<LineNo> {
        let mut v: Vec<LineNo> = self
            .findings
            .get(i)
            .map(|f| {
                f.locations
                    .iter()
                    .map(|l| l.line)
                    .filter(|l| *l > 0)
                    .collect()
            })
            .unwrap_or_default();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Find what a location names in the model. Rows are matched by their key
/// (code, else label); when several rows share it (two-sided tables), the
/// one on the location's line wins.
fn resolve(report: &Report, loc: &Location) -> Target {
    if let Some(sid) = loc.schedule {
        let Some(s) = report.schedule(sid) else {
            return Target::Schedule(sid);
        };
        let Some(key) = &loc.row else {
            return Target::Schedule(sid);
        };
        let candidates: Vec<(usize, usize)> = s
            .panels
            .iter()
            .enumerate()
            .flat_map(|(pi, p)| {
                p.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| &r.key() == key)
                    .map(move |(ri, _)| (pi, ri))
            })
            .collect();
        let column_of = |pi: usize| -> Option<usize> {
            let name = loc.column.as_deref()?;
            let p = s.panels.get(pi)?;
            p.columns
                .iter()
                .position(|c| c.name == name)
                .or_else(|| p.column_index(name))
        };
        let on_line = |(pi, ri): &(usize, usize)| {
            s.panels
                .get(*pi)
                .and_then(|p| p.rows.get(*ri))
                .is_some_and(|r| r.line == loc.line)
        };
        let best = candidates
            .iter()
            .find(|c| on_line(c) && (loc.column.is_none() || column_of(c.0).is_some()))
            .or_else(|| candidates.iter().find(|c| column_of(c.0).is_some()))
            .or_else(|| candidates.first());
        return match best {
            Some(&(panel, row)) => match column_of(panel) {
                Some(col) => Target::Cell(CellRef {
                    schedule: sid,
                    panel,
                    row,
                    col,
                }),
                None => Target::Row {
                    schedule: sid,
                    panel,
                    row,
                },
            },
            None => Target::Schedule(sid),
        };
    }
    if let Some(name) = &loc.project {
        if name == crate::rules::OVERALL && report.overall.is_some() {
            return Target::Overall {
                field: loc.column.clone(),
            };
        }
        if let Some(index) = report.projects.iter().position(|p| &p.name == name) {
            return Target::Project {
                index,
                field: loc.column.clone(),
            };
        }
    }
    Target::Line(loc.line)
}
