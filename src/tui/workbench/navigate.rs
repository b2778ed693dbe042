//! Moving about the workbench: showing a target or previewing a finding in
//! the main pane, next / previous finding, the source toggle, the jump
//! list's places, and what the status line says about where the auditor is.

use crate::sanitize::visible;
use crate::tui::panes::evidence::Perf;
use crate::tui::panes::page::page_of;
use crate::tui::panes::PaneOutcome;
use crate::tui::view_model::{FindingId, Target};
use crate::tui::workbench::app::App;
use crate::tui::workbench::state::{Focus, Place, View};

impl App {
    /// Show a target in the main pane (no jump, focus unchanged).
    pub fn show(&mut self, t: &Target) {
        match t {
            Target::Schedule(id) => {
                self.view = View::Table(*id);
                let cx = cx!(self);
                self.schedules.select(&cx, *id);
            }
            Target::Cell(c) => {
                if let Some(i) = self.table_index(c.schedule) {
                    self.tables[i].go_cell(*c);
                }
                self.view = View::Table(c.schedule);
                let cx = cx!(self);
                self.schedules.select(&cx, c.schedule);
            }
            Target::Row {
                schedule,
                panel,
                row,
            } => {
                if let Some(i) = self.table_index(*schedule) {
                    self.tables[i].go_row(*panel, *row);
                }
                self.view = View::Table(*schedule);
                let cx = cx!(self);
                self.schedules.select(&cx, *schedule);
            }
            Target::Project { index, .. } => {
                self.project.open(*index);
                self.projects.select(*index);
                self.view = View::Project(*index);
            }
            Target::Overall { .. } => {
                if self.view != View::Evidence(Perf::Overall) {
                    self.evidence.open(&self.model.report, Perf::Overall, None);
                }
                self.view = View::Evidence(Perf::Overall);
            }
            Target::Line(l) => {
                self.source.go(&self.model, *l);
                self.source.marked = vec![*l];
                self.view = View::Source;
            }
        }
        self.sync_focus();
    }

    /// Show a performance table as the evidence table, the cursor on the
    /// row of a location (its field and line) when given.
    pub fn show_evidence(&mut self, which: Perf, focus: Option<(Option<&str>, u32)>) {
        self.evidence.open(&self.model.report, which, focus);
        if let Perf::Project(i) = which {
            self.projects.select(i);
        }
        self.view = View::Evidence(which);
        self.sync_focus();
    }

    /// Make finding `id` the current one and show its primary location (no jump).
    pub fn preview(&mut self, id: FindingId) {
        let Some(f) = self.model.position(&id) else {
            return;
        };
        self.current = Some(id);
        self.findings.select(f);
        self.source.marked.clear();
        let primary = self.model.targets.get(f).and_then(|t| t.first()).cloned();
        let line = self.model.findings.get(f).map(|x| x.line()).unwrap_or(0);
        // The source cursor follows, so toggling to the source lands on the evidence.
        if line > 0 {
            self.source.go(&self.model, line);
        }
        let first_line = self
            .model
            .findings
            .get(f)
            .and_then(|x| x.locations.first())
            .map_or(0, |l| l.line);
        match primary {
            Some(Target::Line(0)) | None => {}
            Some(Target::Line(l)) => {
                self.source.go(&self.model, l);
                self.view = View::Source;
                self.sync_focus();
            }
            // A finding that names a field of a performance table shows the
            // table with that field's cells marked.
            Some(Target::Project {
                index,
                field: Some(field),
            }) => self.show_evidence(Perf::Project(index), Some((Some(&field), first_line))),
            Some(Target::Overall { field: Some(field) }) => {
                self.show_evidence(Perf::Overall, Some((Some(&field), first_line)))
            }
            // The table's title or text outside its cells: the source line.
            Some(Target::Overall { field: None }) if first_line > 0 => {
                self.source.go(&self.model, first_line);
                self.view = View::Source;
                self.sync_focus();
            }
            Some(t) => self.show(&t),
        }
    }

    pub(super) fn step_finding(&mut self, forward: bool) -> PaneOutcome {
        let list = self.findings.shown();
        if list.is_empty() {
            return PaneOutcome::Flash("没有问题 (no findings)".into());
        }
        let pos = self
            .current_index()
            .and_then(|c| list.iter().position(|f| *f == c));
        let (next, wrapped) = match (pos, forward) {
            (None, true) => (0, false),
            (None, false) => (list.len() - 1, false),
            (Some(p), true) => ((p + 1) % list.len(), p + 1 == list.len()),
            (Some(p), false) => ((p + list.len() - 1) % list.len(), p == 0),
        };
        self.jumps.push(self.here());
        if let Some(id) = self.model.id(list[next]) {
            self.preview(id);
        }
        if wrapped {
            return PaneOutcome::Flash("已回到列表另一端 (wrapped around)".into());
        }
        PaneOutcome::Changed
    }

    pub(super) fn toggle_source(&mut self) {
        if self.view == View::Source {
            if let Some(p) = self.source_return.take() {
                // Toggling back is a step back in the jump list when the
                // toggle was the last jump, so back/forward stay in step.
                if self.jumps.peek_back() == Some(&p) {
                    let here = self.here();
                    self.jumps.back(here);
                }
                self.restore(p);
            }
            return;
        }
        let here = self.here();
        let line = match self.current_index() {
            Some(f) if self.view_involves(f) => self.model.findings[f].line(),
            _ => self.selection_line(),
        };
        self.jumps.push(here.clone());
        self.source_return = Some(here);
        if line > 0 {
            self.source.go(&self.model, line);
        }
        self.view = View::Source;
        self.set_focus(Focus::Main);
    }

    /// The source line of what the main view has selected.
    fn selection_line(&self) -> u32 {
        match self.view {
            View::Table(id) => self
                .table_index(id)
                .and_then(|i| self.tables[i].cursor_cell())
                .map(|c| self.model.line_of(&Target::Cell(c)))
                .filter(|l| *l > 0)
                .or_else(|| self.model.report.schedule(id).and_then(|s| s.heading_line))
                .unwrap_or(1),
            View::Project(i) => self.model.report.projects.get(i).map_or(1, |p| p.line),
            View::Source => self.source.cursor,
            View::Evidence(_) => self.evidence.cursor_line().filter(|l| *l > 0).unwrap_or(1),
            View::Page(_) => self
                .page
                .marked
                .first()
                .copied()
                .or_else(|| self.page.first_line(&self.model))
                .unwrap_or(1),
        }
    }

    /// Whether the main view shows something finding `f` involves.
    pub fn view_involves(&self, f: usize) -> bool {
        let Some(ts) = self.model.targets.get(f) else {
            return false;
        };
        match self.view {
            View::Table(id) => ts.iter().any(|t| match t {
                Target::Cell(c) => c.schedule == id,
                Target::Row { schedule, .. } | Target::Schedule(schedule) => *schedule == id,
                _ => false,
            }),
            View::Project(i) => ts
                .iter()
                .any(|t| matches!(t, Target::Project { index, .. } if *index == i)),
            View::Source => !self.model.finding_lines(f).is_empty(),
            View::Evidence(Perf::Project(i)) => ts
                .iter()
                .any(|t| matches!(t, Target::Project { index, .. } if *index == i)),
            View::Evidence(Perf::Overall) => ts.iter().any(|t| matches!(t, Target::Overall { .. })),
            View::Page(n) => self.model.finding_lines(f).into_iter().any(|l| {
                self.model
                    .report
                    .source
                    .position(l)
                    .is_some_and(|p| p.page == n)
            }),
        }
    }

    /// Where the auditor is now.
    pub fn here(&self) -> Place {
        let cell = match self.view {
            View::Table(id) => self
                .table_index(id)
                .and_then(|i| self.tables[i].cursor_cell()),
            _ => None,
        };
        Place {
            focus: self.focus,
            view: self.view,
            cell,
            line: self.source.cursor,
            finding: self.current.clone(),
        }
    }

    /// Where the current finding is in the model's findings now.
    pub fn current_index(&self) -> Option<usize> {
        self.current.as_ref().and_then(|id| self.model.position(id))
    }

    pub(super) fn restore(&mut self, p: Place) {
        // A finding withdrawn since is no longer current.
        self.current = p.finding.filter(|id| self.model.position(id).is_some());
        if let Some(f) = self.current_index() {
            self.findings.select(f);
        }
        self.source.go(&self.model, p.line);
        self.source.marked.clear();
        match p.view {
            View::Table(id) => match p.cell {
                Some(c) => self.show(&Target::Cell(c)),
                None => self.show(&Target::Schedule(id)),
            },
            View::Project(i) => self.show(&Target::Project {
                index: i,
                field: None,
            }),
            View::Source => self.view = View::Source,
            View::Evidence(which) => {
                if self.evidence.of != which || self.evidence.sheet.is_none() {
                    self.evidence.open(&self.model.report, which, None);
                }
                self.view = View::Evidence(which);
            }
            View::Page(n) => {
                let marked = self
                    .current_index()
                    .map(|f| self.model.finding_lines(f))
                    .unwrap_or_default();
                self.page.open(n, marked);
                self.view = View::Page(n);
            }
        }
        self.set_focus(p.focus);
    }

    /// The PDF page of the selected finding (or of the line the view is on)
    /// laid out by position; from the page view, back to where it was opened.
    pub(super) fn toggle_page(&mut self) -> PaneOutcome {
        if matches!(self.view, View::Page(_)) {
            if let Some(p) = self.page_return.take() {
                if self.jumps.peek_back() == Some(&p) {
                    let here = self.here();
                    self.jumps.back(here);
                }
                self.restore(p);
            }
            return PaneOutcome::Changed;
        }
        if self.model.pages.is_none() {
            return PaneOutcome::Flash(
                "版面只适用于 PDF 报告 (page view: this report was read from text)".into(),
            );
        }
        let finding = match self.focus {
            Focus::Findings => self.findings.selected(),
            _ => self.current_index().filter(|f| self.view_involves(*f)),
        };
        let (line, marked) = match finding.and_then(|f| self.model.findings.get(f).map(|x| (f, x)))
        {
            Some((f, x)) => {
                let first = x.line();
                let mut marked = vec![first];
                marked.extend(
                    self.model
                        .finding_lines(f)
                        .into_iter()
                        .filter(|l| *l != first),
                );
                (first, marked)
            }
            None => {
                let l = self.selection_line();
                (l, vec![l])
            }
        };
        let Some(page) = page_of(&self.model, line) else {
            return PaneOutcome::Flash("此行没有页面位置 (no page position for this line)".into());
        };
        let here = self.here();
        self.jumps.push(here.clone());
        self.page_return = Some(here);
        self.page.open(page, marked);
        self.view = View::Page(page);
        self.set_focus(Focus::Main);
        PaneOutcome::Changed
    }

    pub(super) fn finding_text(&self, f: usize) -> String {
        let Some(x) = self.model.findings.get(f) else {
            return String::new();
        };
        let mut s = format!(
            "{}:{}: {} {}: {}",
            self.model.file_name,
            x.line(),
            x.severity,
            x.rule,
            x.message
        );
        if let (Some(e), Some(a)) = (x.expected, x.actual) {
            s.push_str(&format!(" (expected {e}, actual {a}"));
            if let Some(d) = x.difference {
                s.push_str(&format!(", difference {d}"));
            }
            s.push(')');
        }
        s
    }

    pub(super) fn copy_selection(&mut self) -> PaneOutcome {
        let text = match self.focus {
            Focus::Schedules => self
                .model
                .report
                .schedules
                .get(self.schedules.list.cursor)
                .map(|s| format!("{} {}", s.id.label(), s.title)),
            Focus::Projects => self
                .model
                .report
                .projects
                .get(self.projects.list.cursor)
                .map(|p| p.name.clone()),
            Focus::Findings => self.findings.selected().map(|f| self.finding_text(f)),
            Focus::Main => None,
        };
        match text {
            Some(t) => PaneOutcome::Copy(t),
            None => PaneOutcome::Flash("没有可复制的内容 (nothing to copy)".into()),
        }
    }

    /// The status line's position: where the main view is, and which finding.
    pub fn position(&self) -> String {
        let mut s = match self.view {
            View::Table(id) => match (self.model.report.schedule(id), self.table_index(id)) {
                (Some(s), Some(i)) => self.tables[i].position(s),
                _ => id.label(),
            },
            View::Project(i) => self
                .model
                .report
                .projects
                .get(i)
                .map(|p| {
                    format!(
                        "项目 {}/{} {}",
                        i + 1,
                        self.model.report.projects.len(),
                        visible(&p.name)
                    )
                })
                .unwrap_or_default(),
            View::Source => self.source.position(&self.model),
            View::Evidence(_) => self.evidence.position(),
            View::Page(_) => self.page.position(&self.model),
        };
        if let Some(f) = self.current_index() {
            let shown = self.findings.shown();
            match shown.iter().position(|x| *x == f) {
                Some(p) => s.push_str(&format!(" · 问题 {}/{}", p + 1, shown.len())),
                None => s.push_str(" · 问题 (filtered out)"),
            }
        }
        s
    }

    /// The current finding's place in the shown list, 1-based.
    pub fn finding_position(&self) -> Option<(usize, usize)> {
        let f = self.current_index()?;
        let shown = self.findings.shown();
        shown
            .iter()
            .position(|x| *x == f)
            .map(|p| (p + 1, shown.len()))
    }
}
