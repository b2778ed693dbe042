//! The portfolio (汇总): `juesuan DIR` lists a folder's reports, one row each
//! with department, year, counts by severity and review progress (复核进度,
//! from each report's sidecar). The list shows as soon as the folder is
//! walked; a background thread checks the reports (rayon) and sends each
//! one's summary over a channel, which the UI polls between keys, so the
//! keyboard never waits for the checking.
//!
//! It draws and handles named actions like a [`crate::tui::panes::Pane`], but is not
//! one: a pane's context is one report's model, and the portfolio has none.

pub mod browser;

use crate::batch::{self, Input};
use crate::check::{self, Tally};
use crate::report::Report;
use crate::review::{self, Document, Verdict};
use crate::rules::{self, Finding, Severity};
use crate::sanitize::visible;
use crate::tui::draw;
use crate::tui::draw::put_line;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::Action;
use crate::tui::matcher::{Haystack, Matcher};
use crate::tui::panes::{moved, Scroll};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::SystemTime;

/// One checked report's line: what the workbench's status line would say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// 部门 from the cover, made safe for the terminal.
    pub department: String,
    /// 年度.
    pub year: Option<i32>,
    /// Errors not dismissed.
    pub errors: usize,
    /// Warnings not dismissed.
    pub warnings: usize,
    /// Infos not dismissed.
    pub infos: usize,
    /// Errors and warnings with a verdict (复核).
    pub reviewed: usize,
    /// Errors and warnings in all.
    pub to_review: usize,
    /// Errors without a verdict yet (待复核错误): what triage sorts by.
    pub unreviewed_errors: usize,
    /// Warnings without a verdict yet (待复核警告).
    pub unreviewed_warnings: usize,
    /// The sidecar could not be read (counts are without verdicts).
    pub annotations_error: bool,
}

/// Where a report stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not checked yet.
    Pending,
    /// Checked.
    Checked(Summary),
    /// Could not be read as a report; why.
    Unreadable(String),
}

/// One report of the folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Its path under the folder, made safe, for display.
    pub name: String,
    /// Checked or not.
    pub status: Status,
}

/// The column the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Unreviewed errors, then unreviewed warnings, most first (待复核): the
    /// triage order, and the default.
    Unreviewed,
    /// File path (the walk's order).
    File,
    /// Department.
    Department,
    /// Year.
    Year,
    /// Errors.
    Errors,
    /// Warnings.
    Warnings,
    /// Review progress (share reviewed).
    Review,
}

impl SortKey {
    const ALL: [SortKey; 7] = [
        SortKey::Unreviewed,
        SortKey::File,
        SortKey::Department,
        SortKey::Year,
        SortKey::Errors,
        SortKey::Warnings,
        SortKey::Review,
    ];

    fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }

    /// Whether its unreversed order is largest first: an auditor triages
    /// the reports with the most unreviewed errors first.
    pub fn descending(self) -> bool {
        self == SortKey::Unreviewed
    }

    /// Its name in the title.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Unreviewed => "unreviewed 待复核",
            SortKey::File => "file 文件",
            SortKey::Department => "department 部门",
            SortKey::Year => "year 年度",
            SortKey::Errors => "errors 错误",
            SortKey::Warnings => "warnings 警告",
            SortKey::Review => "review 复核",
        }
    }
}

/// What the portfolio asks of its owner after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortfolioOutcome {
    /// Not a portfolio action.
    Ignored,
    /// Handled; redraw.
    Changed,
    /// Open this report in the workbench.
    Open(PathBuf),
    /// Open the filter input (the browser owns the typing).
    Search,
    /// Quit juesuan.
    Quit,
}

/// The portfolio state.
pub struct Portfolio {
    /// The folder's name (its last component), made safe.
    pub dir: String,
    /// Reports in walk order.
    pub entries: Vec<Entry>,
    /// Display order: indexes into `entries`.
    order: Vec<usize>,
    /// Cursor, a position in `order`.
    cursor: usize,
    /// The auditor has moved the cursor: it then stays on its report when
    /// the order changes; before, it stays on top, the report most in need.
    chosen: bool,
    /// The sort column and direction.
    pub sort: SortKey,
    /// Descending instead of ascending.
    pub reverse: bool,
    scroll: Scroll,
    rx: Option<Receiver<(usize, Status, SidecarStamp)>>,
    /// Entries checked again by [`Portfolio::recheck`]: later background
    /// results for them are older and dropped.
    rechecked: HashSet<usize>,
    /// The filter typed (筛选): only the reports whose department or file
    /// name match it are listed; empty lists all.
    filter: String,
    /// Each entry's sidecar as it was when its counts were taken (size and
    /// mtime; `None`: no sidecar, or not counted yet): another session's
    /// verdicts show when it changes ([`Portfolio::watch_sidecars`]).
    stamps: Vec<Option<SidecarStamp>>,
}

/// What a sidecar's change is seen by: its size and modification time
/// (`None` when there is no file).
type SidecarStamp = Option<(u64, Option<SystemTime>)>;

/// The stamp of `report`'s sidecar now.
fn sidecar_stamp(report: &Path) -> SidecarStamp {
    std::fs::metadata(review::sidecar::default_path(report))
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// Parse, check and read the sidecar of one report, keeping only the counts.
/// A panic in the parser or a rule becomes this report's error.
pub fn summarize(path: &Path) -> Status {
    std::panic::catch_unwind(|| summarize_unguarded(path)).unwrap_or_else(|_| {
        Status::Unreadable("internal error while checking (a bug in juesuan)".into())
    })
}

fn summarize_unguarded(path: &Path) -> Status {
    let checked = check::load_and_check(path);
    let (report, findings) = match &checked.outcome {
        Ok(x) => x,
        Err(e) => {
            // The row already names the file.
            let msg = e.to_string();
            let prefix = format!("{}: ", path.display());
            let why = msg.strip_prefix(&prefix).unwrap_or(&msg);
            return Status::Unreadable(visible(why).into_owned());
        }
    };
    Status::Checked(summary_with_sidecar(path, report, findings))
}

/// A checked report's summary, its verdicts read from its sidecar now.
fn summary_with_sidecar(path: &Path, report: &Report, findings: &[Finding]) -> Summary {
    match review::baseline(path, None) {
        Ok(doc) => summary_of(report, findings, doc.as_ref(), false),
        Err(_) => summary_of(report, findings, None, true),
    }
}

/// Count a report's findings against the verdicts in `doc` (its sidecar).
pub fn summary_of(
    report: &Report,
    findings: &[Finding],
    doc: Option<&Document>,
    annotations_error: bool,
) -> Summary {
    let counted = check::counted(findings, doc);
    let tally = Tally::of(counted.iter().copied());
    let serious: Vec<_> = counted
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let open: Vec<_> = serious
        .iter()
        .filter(|f| !check::verdict_in(doc, &f.id).is_some_and(Verdict::is_reviewed))
        .collect();
    let open_errors = open
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    Summary {
        department: visible(&report.department).into_owned(),
        year: report.year,
        errors: tally.errors,
        warnings: tally.warnings,
        infos: tally.infos,
        reviewed: serious.len() - open.len(),
        to_review: serious.len(),
        unreviewed_errors: open_errors,
        unreviewed_warnings: open.len() - open_errors,
        annotations_error,
    }
}

impl Portfolio {
    /// The folder's reports, all pending, nothing started.
    pub fn new(dir: &Path) -> Self {
        let entries = batch::collect(&[dir.to_path_buf()])
            .into_iter()
            .map(|input| entry(dir, input))
            .collect::<Vec<_>>();
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Portfolio::of(&name, entries)
    }

    /// A portfolio of these entries (walk order), sorted for triage.
    pub fn of(dir: &str, entries: Vec<Entry>) -> Self {
        let order = (0..entries.len()).collect();
        let mut p = Portfolio {
            dir: visible(dir).into_owned(),
            entries,
            order,
            cursor: 0,
            chosen: false,
            sort: SortKey::Unreviewed,
            reverse: false,
            scroll: Scroll::default(),
            rx: None,
            rechecked: HashSet::new(),
            filter: String::new(),
            stamps: Vec::new(),
        };
        p.stamps = vec![None; p.entries.len()];
        p.resort();
        p
    }

    /// The folder's reports, checked on a background thread from now on.
    pub fn open(dir: &Path) -> Self {
        let mut p = Portfolio::new(dir);
        p.start();
        p
    }

    /// Check the pending reports in the background (rayon), each result sent
    /// as it is ready.
    pub fn start(&mut self) {
        let (tx, rx) = mpsc::channel();
        let work: Vec<(usize, PathBuf)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.status == Status::Pending)
            .map(|(i, e)| (i, e.path.clone()))
            .collect();
        std::thread::spawn(move || {
            work.into_par_iter().for_each_with(tx, |tx, (i, path)| {
                // Stamped before the sidecar is read: a change while
                // checking shows as a change at the next watch.
                let stamp = sidecar_stamp(&path);
                // The receiver is gone when juesuan quits: nothing to do.
                let _ = tx.send((i, summarize(&path), stamp));
            });
        });
        self.rx = Some(rx);
    }

    /// Whether reports are still being checked.
    pub fn busy(&self) -> bool {
        self.rx.is_some()
    }

    /// Take the results that are ready, without waiting; true when any came.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Some(rx) = &self.rx {
            match rx.try_recv() {
                Ok((i, status, stamp)) => {
                    self.set(i, status, stamp);
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.rx = None,
            }
        }
        if changed {
            self.resort();
        }
        changed
    }

    /// Wait until every report is checked (for tests and scripts).
    pub fn wait(&mut self) {
        if let Some(rx) = self.rx.take() {
            for (i, status, stamp) in rx {
                self.set(i, status, stamp);
            }
            self.resort();
        }
    }

    fn set(&mut self, i: usize, status: Status, stamp: SidecarStamp) {
        // A report checked again after reviewing keeps that newer summary:
        // the background's may have read the sidecar before the review.
        if self.rechecked.contains(&i) {
            return;
        }
        if let Some(e) = self.entries.get_mut(i) {
            e.status = status;
        }
        if let Some(s) = self.stamps.get_mut(i) {
            *s = Some(stamp);
        }
    }

    /// Count again every checked report whose sidecar changed since its
    /// counts were taken — verdicts given in another session (another
    /// workbench, `juesuan review`) show without opening the report. A
    /// `stat` per report; only a changed one is read and checked again.
    /// True when any row changed.
    pub fn watch_sidecars(&mut self) -> bool {
        let changed: Vec<(PathBuf, SidecarStamp)> = self
            .entries
            .iter()
            .zip(&self.stamps)
            .filter(|(e, _)| matches!(e.status, Status::Checked(_)))
            .filter_map(|(e, was)| {
                let now = sidecar_stamp(&e.path);
                was.as_ref()
                    .is_some_and(|w| *w != now)
                    .then(|| (e.path.clone(), now))
            })
            .collect();
        for (path, stamp) in &changed {
            self.replace(path, summarize(path));
            let i = self.entries.iter().position(|e| &e.path == path);
            if let Some(s) = i.and_then(|i| self.stamps.get_mut(i)) {
                *s = Some(*stamp);
            }
        }
        !changed.is_empty()
    }

    /// Check one report again now (after the auditor reviewed it in the
    /// workbench, its progress and dismissed counts have changed).
    pub fn recheck(&mut self, path: &Path) {
        if self.entries.iter().any(|e| e.path == path) {
            self.replace(path, summarize(path));
        }
    }

    /// Count one report again from the report the workbench had open and
    /// its sidecar as it is now: the verdicts just given show without
    /// parsing the file again.
    pub fn refresh(&mut self, path: &Path, report: &Report) {
        let findings = rules::check(report);
        let summary = summary_with_sidecar(path, report, &findings);
        self.replace(path, Status::Checked(summary));
    }

    /// Put this status on the report at `path` and sort again; the cursor
    /// stays on the report it was on, wherever the new counts move it. A
    /// later background result for it is older and dropped.
    pub fn replace(&mut self, path: &Path, status: Status) {
        let Some(i) = self.entries.iter().position(|e| e.path == path) else {
            return;
        };
        if let Some(e) = self.entries.get_mut(i) {
            e.status = status;
        }
        if let Some(s) = self.stamps.get_mut(i) {
            *s = Some(sidecar_stamp(path));
        }
        self.rechecked.insert(i);
        self.resort();
    }

    /// The reports in display order.
    pub fn listed(&self) -> impl Iterator<Item = &Entry> {
        self.order.iter().filter_map(|&i| self.entries.get(i))
    }

    /// Reports checked (or found unreadable) so far.
    pub fn done(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status != Status::Pending)
            .count()
    }

    /// The selected report.
    pub fn selected(&self) -> Option<&Entry> {
        self.order
            .get(self.cursor)
            .and_then(|&i| self.entries.get(i))
    }

    /// The filter in force ("" for none).
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// List only the reports whose department (or, before it is checked,
    /// file name) matches `query` fuzzily — the text, or its pinyin
    /// initials (`ptq` for 普陀区), every space-separated term — the best
    /// match first within the sort order's ties; "" lists all again. The
    /// cursor stays on its report when it still matches, else goes to the
    /// top.
    pub fn set_filter(&mut self, query: &str) {
        let query = query.trim();
        if query != self.filter {
            self.filter = query.to_string();
            self.resort();
        }
    }

    /// Whether entry `e` is listed under the filter.
    fn matches(matcher: &Matcher, query: &str, e: &Entry) -> bool {
        if query.is_empty() {
            return true;
        }
        let department = match &e.status {
            Status::Checked(s) => s.department.as_str(),
            _ => "",
        };
        [department, e.name.as_str()]
            .iter()
            .filter(|t| !t.is_empty())
            .any(|t| matcher.score(&Haystack::new(*t), query).is_some())
    }

    /// Sort again, keeping the cursor on the same report once the auditor
    /// has chosen one (else on top). Pending and unreadable reports go last
    /// whatever the direction. Only the reports the filter matches are in
    /// the order.
    fn resort(&mut self) {
        let current = self.order.get(self.cursor).copied();
        let (key, reverse) = (self.sort, self.reverse != self.sort.descending());
        let entries = &self.entries;
        let matcher = Matcher::default();
        let query = self.filter.as_str();
        self.order = (0..entries.len())
            .filter(|&i| Self::matches(&matcher, query, &entries[i]))
            .collect();
        self.order.sort_by(|&a, &b| {
            let (ea, eb) = (&entries[a], &entries[b]);
            let rank = |e: &Entry| match e.status {
                Status::Checked(_) => 0,
                Status::Unreadable(_) => 1,
                Status::Pending => 2,
            };
            rank(ea)
                .cmp(&rank(eb))
                .then_with(|| {
                    let o = compare(key, ea, eb);
                    if reverse {
                        o.reverse()
                    } else {
                        o
                    }
                })
                .then(a.cmp(&b))
        });
        match current {
            Some(c) if self.chosen => {
                self.cursor = self.order.iter().position(|&i| i == c).unwrap_or(0);
            }
            _ => self.cursor = 0,
        }
    }

    /// Reports listed under the filter.
    pub fn shown(&self) -> usize {
        self.order.len()
    }

    /// Handle a named action (the `[portfolio]` keymap section).
    pub fn handle(&mut self, action: Action) -> PortfolioOutcome {
        if let Some(to) = moved(action, self.cursor, self.order.len(), self.scroll.page()) {
            self.cursor = to;
            self.chosen = true;
            return PortfolioOutcome::Changed;
        }
        match action {
            Action::Open => match self.selected() {
                Some(e) if matches!(e.status, Status::Unreadable(_)) => PortfolioOutcome::Changed,
                Some(e) => {
                    let path = e.path.clone();
                    self.chosen = true;
                    PortfolioOutcome::Open(path)
                }
                None => PortfolioOutcome::Changed,
            },
            Action::SortNext => {
                self.sort = self.sort.next();
                self.resort();
                PortfolioOutcome::Changed
            }
            Action::SortReverse => {
                self.reverse = !self.reverse;
                self.resort();
                PortfolioOutcome::Changed
            }
            Action::Search => PortfolioOutcome::Search,
            Action::Quit => PortfolioOutcome::Quit,
            _ => PortfolioOutcome::Ignored,
        }
    }

    /// Draw the list into `area`.
    pub fn draw(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        // Words, not arrows: arrows are ambiguous-width in CJK locales.
        let arrow = if self.reverse != self.sort.descending() {
            "desc"
        } else {
            "asc"
        };
        let title = vec![
            Span::styled("汇总 Portfolio ", theme.heading()),
            Span::raw(format!(
                "{} · {}/{} checked · sort {} {arrow}",
                self.dir,
                self.done(),
                self.entries.len(),
                self.sort.name()
            )),
        ];
        let mut title = title;
        if !self.filter.is_empty() {
            // Before the rest, so it shows at 80 columns.
            title.insert(
                1,
                Span::styled(
                    format!(
                        "筛选 filter “{}” {}/{} · ",
                        visible(&self.filter),
                        self.order.len(),
                        self.entries.len()
                    ),
                    theme.heading(),
                ),
            );
        }
        let block = draw::block(theme, title, true);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let cols = Columns::fit(inner.width as usize);
        put_line(buf, inner, 0, &cols.header(theme));
        let height = inner.height.saturating_sub(1) as usize;
        if self.entries.is_empty() {
            let msg = "没有报告 (no *.txt or *.pdf reports in this folder)";
            put_line(buf, inner, 1, &Line::styled(msg, theme.dim()));
            return;
        }
        if self.order.is_empty() {
            let msg = format!(
                "没有匹配的报告 (no report matches “{}”)",
                visible(&self.filter)
            );
            put_line(buf, inner, 1, &Line::styled(msg, theme.dim()));
            return;
        }
        let top = self.scroll.follow(self.cursor, self.order.len(), height);
        for (y, &i) in self.order.iter().enumerate().skip(top).take(height) {
            let Some(e) = self.entries.get(i) else {
                continue;
            };
            let mut line = cols.row(theme, e);
            if y == self.cursor {
                line = line.patch_style(theme.cursor());
            }
            put_line(buf, inner, (y - top + 1) as u16, &line);
        }
    }
}

fn entry(dir: &Path, input: Input) -> Entry {
    let (path, status) = match input {
        Input::File(p) => (p, Status::Pending),
        Input::Unreadable { path, error } => {
            (PathBuf::from(path), Status::Unreadable(error.to_string()))
        }
    };
    let shown = path
        .strip_prefix(dir)
        .unwrap_or(&path)
        .display()
        .to_string();
    Entry {
        name: visible(&shown).into_owned(),
        path,
        status,
    }
}

fn compare(key: SortKey, a: &Entry, b: &Entry) -> Ordering {
    let (Status::Checked(sa), Status::Checked(sb)) = (&a.status, &b.status) else {
        return a.path.cmp(&b.path);
    };
    match key {
        SortKey::Unreviewed => (sa.unreviewed_errors, sa.unreviewed_warnings)
            .cmp(&(sb.unreviewed_errors, sb.unreviewed_warnings)),
        SortKey::File => a.path.cmp(&b.path),
        SortKey::Department => sa.department.cmp(&sb.department),
        SortKey::Year => sa.year.cmp(&sb.year),
        SortKey::Errors => sa.errors.cmp(&sb.errors),
        SortKey::Warnings => sa.warnings.cmp(&sb.warnings),
        // Cross-multiplied so no float: reviewed_a/total_a vs reviewed_b/total_b;
        // a report with nothing to review counts as done.
        SortKey::Review => {
            let share = |s: &Summary| {
                (
                    s.reviewed.max(usize::from(s.to_review == 0)),
                    s.to_review.max(1),
                )
            };
            let ((ra, ta), (rb, tb)) = (share(sa), share(sb));
            (ra * tb).cmp(&(rb * ta))
        }
    }
}

/// Column widths for a width: the department (first: it names the report
/// for an auditor) and the file name share what the fixed columns leave.
struct Columns {
    department: usize,
    file: usize,
}

const DEPARTMENT_MAX: usize = 40;
const YEAR: usize = 4;
/// Unreviewed errors/warnings, `12/30`; the header 待复核 is six wide.
const OPEN: usize = 7;
const COUNT: usize = 5;
const REVIEW: usize = 9;
/// Gaps between the eight columns.
const GAPS: usize = 7;

impl Columns {
    fn fit(total: usize) -> Columns {
        let fixed = YEAR + OPEN + 3 * COUNT + REVIEW + GAPS;
        let flex = total.saturating_sub(fixed);
        // Department names run to about forty columns; past that the room
        // goes to the file name, which is then seen whole.
        let department = flex.saturating_sub((flex / 3).max(4)).min(DEPARTMENT_MAX);
        Columns {
            department,
            file: flex.saturating_sub(department),
        }
    }

    fn header<'a>(&self, t: &Theme) -> Line<'a> {
        let h = t.heading();
        Line::from(vec![
            draw::cell_left(t, "部门 department", self.department, h),
            Span::raw(" "),
            draw::cell_left(t, "文件 file", self.file, h),
            Span::raw(" "),
            draw::cell_right(t, "年度", YEAR, h),
            Span::raw(" "),
            draw::cell_right(t, "待复核", OPEN, h),
            Span::raw(" "),
            draw::cell_right(t, t.sym.error, COUNT, h),
            Span::raw(" "),
            draw::cell_right(t, t.sym.warning, COUNT, h),
            Span::raw(" "),
            draw::cell_right(t, t.sym.info, COUNT, h),
            Span::raw(" "),
            draw::cell_right(t, "复核", REVIEW, h),
        ])
    }

    fn row<'a>(&self, t: &Theme, e: &Entry) -> Line<'a> {
        let plain = ratatui::style::Style::default();
        // Until the cover is read the file name is all there is to go by.
        let department = match &e.status {
            Status::Checked(s) if !s.department.is_empty() => s.department.as_str(),
            _ => e.name.as_str(),
        };
        let mut spans = vec![
            draw::cell_left(t, department, self.department, plain),
            Span::raw(" "),
        ];
        match &e.status {
            Status::Pending => {
                spans.push(draw::cell_left(t, "checking", self.file, t.dim()));
                for w in [YEAR, OPEN, COUNT, COUNT, COUNT, REVIEW] {
                    spans.push(Span::raw(" "));
                    spans.push(draw::cell_right(t, "-", w, t.dim()));
                }
            }
            Status::Unreadable(why) => {
                let rest = self.file + YEAR + OPEN + 3 * COUNT + REVIEW + 6;
                let text = format!("无法读取 unreadable: {why}");
                spans.push(draw::cell_left(t, &text, rest, t.severity(Severity::Error)));
            }
            Status::Checked(s) => {
                let year = s.year.map(|y| y.to_string()).unwrap_or_default();
                let review = if s.annotations_error {
                    "sidecar?".to_string()
                } else {
                    format!("{}/{}", s.reviewed, s.to_review)
                };
                let open = format!("{}/{}", s.unreviewed_errors, s.unreviewed_warnings);
                let open_style = if s.unreviewed_errors > 0 {
                    t.severity(Severity::Error)
                } else if s.unreviewed_warnings > 0 {
                    t.severity(Severity::Warning)
                } else {
                    t.dim()
                };
                let count = |n: usize, sev| {
                    let style = if n > 0 { t.severity(sev) } else { t.dim() };
                    draw::cell_right(t, &n.to_string(), COUNT, style)
                };
                spans.extend([
                    draw::cell_left(t, &e.name, self.file, t.dim()),
                    Span::raw(" "),
                    draw::cell_right(t, &year, YEAR, plain),
                    Span::raw(" "),
                    draw::cell_right(t, &open, OPEN, open_style),
                    Span::raw(" "),
                    count(s.errors, Severity::Error),
                    Span::raw(" "),
                    count(s.warnings, Severity::Warning),
                    Span::raw(" "),
                    count(s.infos, Severity::Info),
                    Span::raw(" "),
                    draw::cell_right(t, &review, REVIEW, plain),
                ]);
            }
        }
        Line::from(spans)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::review::Session;

    fn checked(name: &str, unreviewed_errors: usize, unreviewed_warnings: usize) -> Entry {
        Entry {
            path: PathBuf::from(name),
            name: name.to_string(),
            status: Status::Checked(Summary {
                department: format!("{name} 部门"),
                year: Some(2024),
                errors: unreviewed_errors + 1,
                warnings: unreviewed_warnings + 1,
                infos: 0,
                reviewed: 2,
                to_review: unreviewed_errors + unreviewed_warnings + 2,
                unreviewed_errors,
                unreviewed_warnings,
                annotations_error: false,
            }),
        }
    }

    fn names(p: &Portfolio) -> Vec<&str> {
        p.listed().map(|e| e.name.as_str()).collect()
    }

    fn triage() -> Portfolio {
        Portfolio::of(
            "reports",
            vec![
                checked("a", 1, 9),
                Entry {
                    path: PathBuf::from("b"),
                    name: "b".into(),
                    status: Status::Pending,
                },
                checked("c", 3, 0),
                checked("d", 1, 12),
                Entry {
                    path: PathBuf::from("e"),
                    name: "e".into(),
                    status: Status::Unreadable("no".into()),
                },
                checked("f", 0, 0),
            ],
        )
    }

    #[test]
    fn the_default_order_is_most_unreviewed_errors_then_warnings_first() {
        let p = triage();
        assert_eq!(p.sort, SortKey::Unreviewed);
        assert_eq!(names(&p), ["c", "d", "a", "f", "e", "b"]);
        assert_eq!(p.selected().unwrap().name, "c", "the cursor starts on top");
    }

    #[test]
    fn reversing_the_triage_order_puts_the_fewest_first_and_o_cycles_through_all_keys() {
        let mut p = triage();
        assert_eq!(p.handle(Action::SortReverse), PortfolioOutcome::Changed);
        // Unchecked reports stay last whatever the direction.
        assert_eq!(names(&p), ["f", "a", "d", "c", "e", "b"]);
        p.reverse = false;
        let mut seen = vec![p.sort];
        for _ in 0..SortKey::ALL.len() {
            p.handle(Action::SortNext);
            seen.push(p.sort);
        }
        assert_eq!(seen.first(), seen.last(), "o comes back round");
        assert!(seen.contains(&SortKey::File) && seen.contains(&SortKey::Review));
        // The old keys keep their ascending default.
        p.sort = SortKey::File;
        p.resort();
        assert_eq!(names(&p), ["a", "c", "d", "f", "e", "b"]);
    }

    #[test]
    fn new_counts_move_the_row_and_the_cursor_follows_it() {
        let mut p = triage();
        p.handle(Action::Down);
        assert_eq!(p.selected().unwrap().name, "d");
        // Reviewing d's errors drops it below a.
        let Status::Checked(mut s) = p.entries[3].status.clone() else {
            panic!("d is checked");
        };
        s.unreviewed_errors = 0;
        s.unreviewed_warnings = 2;
        p.replace(Path::new("d"), Status::Checked(s.clone()));
        assert_eq!(names(&p), ["c", "a", "d", "f", "e", "b"]);
        assert_eq!(p.selected().unwrap().name, "d", "cursor on the same report");
        // A background result that comes later is older: dropped.
        p.set(3, Status::Pending, None);
        assert_eq!(p.entries[3].status, Status::Checked(s));
    }

    #[test]
    fn refresh_counts_the_verdicts_in_the_sidecar() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("reports");
        std::fs::create_dir(&dir).unwrap();
        for name in ["a.txt", "b.txt"] {
            std::fs::copy("sample-data/chaoyang-hrss-2024.txt", dir.join(name)).unwrap();
        }
        let mut p = Portfolio::new(&dir);
        p.start();
        p.wait();
        let a = dir.join("a.txt");
        let before = match &p.entries[0].status {
            Status::Checked(s) => s.clone(),
            other => panic!("a is checked: {other:?}"),
        };
        assert!(before.unreviewed_errors >= 2, "the sample has errors");
        assert_eq!(before.reviewed, 0);
        assert_eq!(
            before.unreviewed_errors + before.unreviewed_warnings,
            before.to_review
        );
        // Equal counts: walk order, a first; the auditor picks it.
        assert_eq!(names(&p), ["a.txt", "b.txt"]);
        p.handle(Action::Down);
        p.handle(Action::Up);
        // Confirm two of a's errors in its sidecar, as the workbench would.
        let checked = check::load_and_check(&a);
        let (report, findings) = checked.outcome.unwrap();
        let mut session = Session::open(&a, None).unwrap();
        session.attach(&report, &findings);
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .take(2)
            .collect();
        for f in &errors {
            session
                .set_verdict(&f.id, Verdict::Confirmed, None)
                .unwrap();
        }
        session.save().unwrap();
        p.refresh(&a, &report);
        let Some(Entry {
            status: Status::Checked(after),
            ..
        }) = p.selected()
        else {
            panic!("the cursor is on a, checked");
        };
        assert_eq!(p.selected().unwrap().path, a, "cursor still on a");
        assert_eq!(after.unreviewed_errors, before.unreviewed_errors - 2);
        assert_eq!(after.unreviewed_warnings, before.unreviewed_warnings);
        assert_eq!(after.reviewed, 2);
        // Fewer unreviewed errors now: a sorts below b, the cursor with it.
        assert_eq!(names(&p), ["b.txt", "a.txt"]);
        assert_eq!(p.cursor, 1);
        // The same as checking the file afresh.
        assert_eq!(summarize(&a), Status::Checked(after.clone()));
    }
}
