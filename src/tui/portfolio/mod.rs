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
use crate::review::{self, Verdict};
use crate::rules::Severity;
use crate::sanitize::visible;
use crate::tui::draw;
use crate::tui::draw::put_line;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::Action;
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
    const ALL: [SortKey; 6] = [
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

    /// Its name in the title.
    pub fn name(self) -> &'static str {
        match self {
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
    /// The sort column and direction.
    pub sort: SortKey,
    /// Descending instead of ascending.
    pub reverse: bool,
    scroll: Scroll,
    rx: Option<Receiver<(usize, Status)>>,
    /// Entries checked again by [`Portfolio::recheck`]: later background
    /// results for them are older and dropped.
    rechecked: HashSet<usize>,
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
    let (doc, annotations_error) = match review::baseline(path, None) {
        Ok(d) => (d, false),
        Err(_) => (None, true),
    };
    let counted = check::counted(findings, doc.as_ref());
    let tally = Tally::of(counted.iter().copied());
    let serious: Vec<_> = counted
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let reviewed = serious
        .iter()
        .filter(|f| check::verdict_in(doc.as_ref(), &f.id).is_some_and(Verdict::is_reviewed))
        .count();
    Status::Checked(Summary {
        department: visible(&report.department).into_owned(),
        year: report.year,
        errors: tally.errors,
        warnings: tally.warnings,
        infos: tally.infos,
        reviewed,
        to_review: serious.len(),
        annotations_error,
    })
}

impl Portfolio {
    /// The folder's reports, all pending, nothing started.
    pub fn new(dir: &Path) -> Self {
        let entries = batch::collect(&[dir.to_path_buf()])
            .into_iter()
            .map(|input| entry(dir, input))
            .collect::<Vec<_>>();
        let order = (0..entries.len()).collect();
        Portfolio {
            dir: visible(&dir.file_name().map_or_else(
                || dir.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ))
            .into_owned(),
            entries,
            order,
            cursor: 0,
            sort: SortKey::File,
            reverse: false,
            scroll: Scroll::default(),
            rx: None,
            rechecked: HashSet::new(),
        }
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
                // The receiver is gone when juesuan quits: nothing to do.
                let _ = tx.send((i, summarize(&path)));
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
                Ok((i, status)) => {
                    self.set(i, status);
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
            for (i, status) in rx {
                self.set(i, status);
            }
            self.resort();
        }
    }

    fn set(&mut self, i: usize, status: Status) {
        // A report checked again after reviewing keeps that newer summary:
        // the background's may have read the sidecar before the review.
        if self.rechecked.contains(&i) {
            return;
        }
        if let Some(e) = self.entries.get_mut(i) {
            e.status = status;
        }
    }

    /// Check one report again now (after the auditor reviewed it in the
    /// workbench, its progress and dismissed counts have changed).
    pub fn recheck(&mut self, path: &Path) {
        let Some(i) = self.entries.iter().position(|e| e.path == path) else {
            return;
        };
        let status = summarize(path);
        if let Some(e) = self.entries.get_mut(i) {
            e.status = status;
        }
        self.rechecked.insert(i);
        self.resort();
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

    /// Sort again, keeping the cursor on the same report. Pending and
    /// unreadable reports go last whatever the direction.
    fn resort(&mut self) {
        let current = self.order.get(self.cursor).copied();
        let (key, reverse) = (self.sort, self.reverse);
        let entries = &self.entries;
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
        if let Some(c) = current {
            self.cursor = self.order.iter().position(|&i| i == c).unwrap_or(0);
        }
    }

    /// Handle a named action (the `[portfolio]` keymap section).
    pub fn handle(&mut self, action: Action) -> PortfolioOutcome {
        if let Some(to) = moved(action, self.cursor, self.order.len(), self.scroll.page()) {
            self.cursor = to;
            return PortfolioOutcome::Changed;
        }
        match action {
            Action::Open => match self.selected() {
                Some(e) if matches!(e.status, Status::Unreadable(_)) => PortfolioOutcome::Changed,
                Some(e) => PortfolioOutcome::Open(e.path.clone()),
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
            Action::Quit => PortfolioOutcome::Quit,
            _ => PortfolioOutcome::Ignored,
        }
    }

    /// Draw the list into `area`.
    pub fn draw(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        // Words, not arrows: arrows are ambiguous-width in CJK locales.
        let arrow = if self.reverse { "desc" } else { "asc" };
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

/// Column widths for a width: the report name and department share what the
/// fixed numeric columns leave.
struct Columns {
    file: usize,
    department: usize,
}

const YEAR: usize = 4;
const COUNT: usize = 5;
const REVIEW: usize = 9;
/// Gaps between the seven columns.
const GAPS: usize = 6;

impl Columns {
    fn fit(total: usize) -> Columns {
        let fixed = YEAR + 3 * COUNT + REVIEW + GAPS;
        let flex = total.saturating_sub(fixed);
        let file = (flex * 2 / 5).max(4);
        Columns {
            file,
            department: flex.saturating_sub(file),
        }
    }

    fn header<'a>(&self, t: &Theme) -> Line<'a> {
        let h = t.heading();
        Line::from(vec![
            draw::cell_left(t, "文件 file", self.file, h),
            Span::raw(" "),
            draw::cell_left(t, "部门 department", self.department, h),
            Span::raw(" "),
            draw::cell_right(t, "年度", YEAR, h),
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
        let mut spans = vec![
            draw::cell_left(t, &e.name, self.file, plain),
            Span::raw(" "),
        ];
        match &e.status {
            Status::Pending => {
                spans.push(draw::cell_left(t, "checking", self.department, t.dim()));
                for w in [YEAR, COUNT, COUNT, COUNT, REVIEW] {
                    spans.push(Span::raw(" "));
                    spans.push(draw::cell_right(t, "-", w, t.dim()));
                }
            }
            Status::Unreadable(why) => {
                let rest = self.department + YEAR + 3 * COUNT + REVIEW + 5;
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
                let count = |n: usize, sev| {
                    let style = if n > 0 { t.severity(sev) } else { t.dim() };
                    draw::cell_right(t, &n.to_string(), COUNT, style)
                };
                spans.extend([
                    draw::cell_left(t, &s.department, self.department, plain),
                    Span::raw(" "),
                    draw::cell_right(t, &year, YEAR, plain),
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
