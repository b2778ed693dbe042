//! The workbench: panes, focus, the finding being looked at, the jump list,
//! and the dispatch from keys (through the keymap) to named actions.

use crate::report::ScheduleId;
use crate::sanitize::visible;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::Key;
use crate::tui::input::keymap::{Keymap, Resolved};
use crate::tui::panes::decorations::{FindingDecorations, NoDecorations};
use crate::tui::panes::findings::FindingsPane;
use crate::tui::panes::project::ProjectView;
use crate::tui::panes::projects::ProjectsPane;
use crate::tui::panes::schedules::SchedulesPane;
use crate::tui::panes::source::SourceView;
use crate::tui::panes::table::TableView;
use crate::tui::panes::{Cx, Pane, PaneOutcome};
use crate::tui::popups::cell_info::CellInfo;
use crate::tui::popups::editor::Editor;
use crate::tui::popups::finder::{self, Finder};
use crate::tui::popups::help::Help;
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::screen::{Effect, Outbox, Screen};
use crate::tui::view_model::{FindingId, Target, ViewModel};
use crate::tui::workbench::annotations::Annotations;
use crate::tui::workbench::pending::PendingEdit;
use crate::tui::workbench::state::{Focus, JumpList, Place, View};
use crate::tui::workbench::ui;
use std::time::Duration;

/// A popup that owns the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// Keys.
    Help,
    /// The fuzzy finder.
    Finder,
    /// Findings and claims of a cell.
    CellInfo,
    /// The one-line input.
    Prompt,
    /// The note editor.
    Editor,
}

/// The workbench state.
pub struct App {
    /// The report, findings and indexes.
    pub model: ViewModel,
    /// The active key bindings.
    pub keymap: Keymap,
    /// Symbols and styles.
    pub theme: Theme,
    /// Per-finding markers from other parts (none yet).
    pub decorations: Box<dyn FindingDecorations>,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// What the main pane shows.
    pub view: View,
    /// The finding being looked at (by id, so a rebuild of the findings
    /// does not move it to another; [`App::current_index`] is where it is now).
    pub current: Option<FindingId>,
    /// The schedules list.
    pub schedules: SchedulesPane,
    /// The projects list.
    pub projects: ProjectsPane,
    /// The findings list.
    pub findings: FindingsPane,
    /// One view per schedule slot, in `Report::schedules` order.
    pub tables: Vec<TableView>,
    /// The project view.
    pub project: ProjectView,
    /// The source view.
    pub source: SourceView,
    /// The finder.
    pub finder: Finder,
    /// Help.
    pub help: Help,
    /// The cell popup, when open.
    pub cell_info: Option<CellInfo>,
    /// The one-line input.
    pub prompt: Prompt,
    /// The popup that has the keyboard.
    pub popup: Option<Popup>,
    /// Back / forward.
    pub jumps: JumpList,
    /// Keys of a chord pressed so far.
    pub pending: Vec<Key>,
    /// A message for the hint line until the next key.
    pub flash: Option<String>,
    /// The auditor's annotations, when open.
    pub annotations: Option<Annotations>,
    /// The note editor, when open.
    pub editor: Option<Editor>,
    /// What the open review question has gathered so far.
    pub(super) pending_edit: PendingEdit,
    /// Opened from a portfolio (`juesuan DIR`), so `portfolio` can go back.
    pub has_portfolio: bool,
    /// Asked to go back to the portfolio.
    back: bool,
    last_search: Option<String>,
    source_return: Option<Place>,
    /// Effects, redraws and quitting, for the terminal loop.
    out: Outbox,
}

/// A [`Cx`] from the app's fields, so panes can be borrowed mutably beside it.
macro_rules! cx {
    ($s:ident) => {
        Cx {
            model: &$s.model,
            theme: &$s.theme,
            current: $s.current.as_ref().and_then(|id| $s.model.position(id)),
            decorations: $s.decorations.as_ref(),
            session: $s.annotations.as_ref().map(|a| &a.session),
        }
    };
}

impl App {
    /// A workbench on a model: focus on the findings list, the first finding
    /// shown (or 公开01表 when there are none).
    pub fn new(model: ViewModel, keymap: Keymap, theme: Theme) -> Self {
        let tables = model.report.schedules.iter().map(TableView::new).collect();
        let finder = Finder::new(finder::items(&model));
        let help = Help::new(&keymap);
        let decorations: Box<dyn FindingDecorations> = Box::new(NoDecorations);
        let findings = {
            let cx = Cx {
                model: &model,
                theme: &theme,
                current: None,
                decorations: decorations.as_ref(),
                session: None,
            };
            FindingsPane::new(&cx)
        };
        let first_view = model
            .report
            .schedules
            .first()
            .map_or(View::Source, |s| View::Table(s.id));
        let mut app = App {
            model,
            keymap,
            theme,
            decorations,
            focus: Focus::Findings,
            view: first_view,
            current: None,
            schedules: SchedulesPane::default(),
            projects: ProjectsPane::default(),
            findings,
            tables,
            project: ProjectView::default(),
            source: SourceView::default(),
            finder,
            help,
            cell_info: None,
            prompt: Prompt::new(PromptKind::Search, ""),
            popup: None,
            jumps: JumpList::default(),
            pending: Vec::new(),
            flash: None,
            annotations: None,
            editor: None,
            pending_edit: PendingEdit::None,
            has_portfolio: false,
            back: false,
            last_search: None,
            source_return: None,
            out: Outbox::default(),
        };
        let first = app.findings.selected().and_then(|f| app.model.id(f));
        match first {
            Some(f) => app.preview(f),
            None => app.focus = Focus::Schedules,
        }
        app.sync_focus();
        app
    }

    /// Whether the app wants to exit.
    pub fn should_quit(&self) -> bool {
        self.out.should_quit()
    }

    /// Whether the auditor asked to go back to the portfolio (and forget it).
    pub fn take_back(&mut self) -> bool {
        std::mem::take(&mut self.back)
    }

    /// Whether something changed since the last draw (and forget it).
    pub fn take_dirty(&mut self) -> bool {
        self.out.take_dirty()
    }

    /// Ask for a redraw (a resize).
    pub fn mark_dirty(&mut self) {
        self.out.mark_dirty();
    }

    /// Effects for the terminal (and forget them).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.out.take_effects()
    }

    /// The sections consulted for the next key, first first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.popup {
            Some(Popup::Help) => vec![Scope::Help],
            Some(Popup::Finder) => vec![Scope::Finder],
            Some(Popup::CellInfo) => vec![Scope::CellInfo],
            Some(Popup::Prompt) => vec![Scope::Input],
            Some(Popup::Editor) => vec![Scope::Editor],
            None => {
                let pane = match (self.focus, self.view) {
                    (Focus::Schedules, _) => Scope::Schedules,
                    (Focus::Projects, _) => Scope::Projects,
                    (Focus::Findings, _) => Scope::Findings,
                    (Focus::Main, View::Table(_)) => Scope::Table,
                    (Focus::Main, View::Project(_)) => Scope::Project,
                    (Focus::Main, View::Source) => Scope::Source,
                };
                vec![pane, Scope::Global]
            }
        }
    }

    /// Handle one key press. Only a key that does something (or shows
    /// something: a pending chord, a message) asks for a redraw.
    pub fn handle_key(&mut self, key: Key) {
        let had_flash = self.flash.take().is_some();
        let scopes = self.scopes();
        self.pending.push(key);
        match self.keymap.resolve(&scopes, &self.pending) {
            Resolved::Action(a) => {
                self.pending.clear();
                self.dispatch(a);
                self.out.mark_dirty();
            }
            Resolved::Pending => self.out.mark_dirty(),
            Resolved::Unbound => {
                let chord = self.pending.len() > 1;
                self.pending.clear();
                let typed = key.printable().filter(|_| !chord && scopes[0].takes_text());
                match typed {
                    Some(c) => {
                        self.type_char(c);
                        self.out.mark_dirty();
                    }
                    None if chord => {
                        self.flash = Some("这组按键没有绑定 (no such chord)".into());
                        self.out.mark_dirty();
                    }
                    None if had_flash => self.out.mark_dirty(),
                    None => {}
                }
            }
        }
    }

    /// Run a named action.
    pub fn dispatch(&mut self, action: Action) {
        if action == Action::Noop {
            return;
        }
        let outcome = match self.popup {
            Some(p) => self.popup_handle(p, action),
            None => self.pane_handle(action),
        };
        let outcome = if outcome == PaneOutcome::Ignored && self.popup.is_none() {
            self.global(action)
        } else {
            outcome
        };
        self.apply(outcome);
    }

    fn table_index(&self, id: ScheduleId) -> Option<usize> {
        self.tables.iter().position(|t| t.id == id)
    }

    fn pane_handle(&mut self, action: Action) -> PaneOutcome {
        let cx = cx!(self);
        match (self.focus, self.view) {
            (Focus::Schedules, _) => self.schedules.handle(action, &cx),
            (Focus::Projects, _) => self.projects.handle(action, &cx),
            (Focus::Findings, _) => self.findings.handle(action, &cx),
            (Focus::Main, View::Table(id)) => match self.tables.iter_mut().find(|t| t.id == id) {
                Some(t) => t.handle(action, &cx),
                None => PaneOutcome::Ignored,
            },
            (Focus::Main, View::Project(_)) => self.project.handle(action, &cx),
            (Focus::Main, View::Source) => self.source.handle(action, &cx),
        }
    }

    fn popup_handle(&mut self, popup: Popup, action: Action) -> PaneOutcome {
        let cx = cx!(self);
        match popup {
            Popup::Help => self.help.handle(action, &cx),
            Popup::Finder => self.finder.handle(action, &cx),
            Popup::CellInfo => match self.cell_info.as_mut() {
                Some(c) => c.handle(action, &cx),
                None => PaneOutcome::Close,
            },
            Popup::Prompt => self.prompt_handle(action),
            Popup::Editor => self.editor_handle(action),
        }
    }

    fn prompt_handle(&mut self, action: Action) -> PaneOutcome {
        if self.prompt.edit(action) {
            return PaneOutcome::Changed;
        }
        match action {
            Action::Close => {
                self.pending_edit.cancel();
                PaneOutcome::Close
            }
            Action::Submit => {
                self.popup = None;
                let text = self.prompt.text.clone();
                match self.prompt.kind {
                    PromptKind::Search => {
                        if text.trim().is_empty() {
                            return PaneOutcome::Changed;
                        }
                        self.last_search = Some(text);
                        self.search(true)
                    }
                    PromptKind::Rule => {
                        let cx = cx!(self);
                        self.findings.set_rule(&cx, &text);
                        match self.findings.selected_id(&cx) {
                            Some(f) => PaneOutcome::Preview(f),
                            None => PaneOutcome::Changed,
                        }
                    }
                    kind => self.review_prompt(kind, &text),
                }
            }
            _ => PaneOutcome::Ignored,
        }
    }

    fn type_char(&mut self, c: char) {
        match self.popup {
            Some(Popup::Finder) => self.finder.insert(c),
            Some(Popup::Prompt) => self.prompt.text.push(c),
            Some(Popup::Editor) => {
                if let Some(e) = self.editor.as_mut() {
                    e.insert(c);
                }
            }
            _ => {}
        }
    }

    fn search(&mut self, forward: bool) -> PaneOutcome {
        let Some(q) = self.last_search.clone() else {
            return PaneOutcome::Flash("还没有搜索 (no search yet: /)".into());
        };
        let cx = cx!(self);
        let found = match (self.focus, self.view) {
            (Focus::Schedules, _) => self.schedules.find(&cx, &q, forward),
            (Focus::Projects, _) => self.projects.find(&cx, &q, forward),
            (Focus::Findings, _) => self.findings.find(&cx, &q, forward),
            (Focus::Main, View::Table(id)) => self
                .tables
                .iter_mut()
                .find(|t| t.id == id)
                .is_some_and(|t| t.find(&cx, &q, forward)),
            (Focus::Main, View::Project(_)) => self.project.find(&cx, &q, forward),
            (Focus::Main, View::Source) => self.source.find(&cx, &q, forward),
        };
        if !found {
            return PaneOutcome::Flash(format!("没有找到 not found: {}", visible(&q)));
        }
        // A list's cursor moved: show the new selection.
        match self.focus {
            Focus::Schedules => match self.schedules.selected(&cx) {
                Some(id) => PaneOutcome::Show(Target::Schedule(id)),
                None => PaneOutcome::Changed,
            },
            Focus::Projects => PaneOutcome::Show(Target::Project {
                index: self.projects.list.cursor,
                field: None,
            }),
            Focus::Findings => self
                .findings
                .selected_id(&cx)
                .map_or(PaneOutcome::Changed, PaneOutcome::Preview),
            Focus::Main => PaneOutcome::Changed,
        }
    }

    fn global(&mut self, action: Action) -> PaneOutcome {
        match action {
            Action::Quit => self.out.quit(),
            Action::Help => {
                self.help.scroll = 0;
                self.popup = Some(Popup::Help);
            }
            Action::Redraw => self.out.push(Effect::Clear),
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::FocusSchedules => self.set_focus(Focus::Schedules),
            Action::FocusProjects => self.set_focus(Focus::Projects),
            Action::FocusFindings => self.set_focus(Focus::Findings),
            Action::FocusMain => self.set_focus(Focus::Main),
            Action::NextFinding => return self.step_finding(true),
            Action::PrevFinding => return self.step_finding(false),
            Action::JumpBack => {
                let here = self.here();
                match self.jumps.back(here) {
                    Some(p) => self.restore(p),
                    None => return PaneOutcome::Flash("已是最早的位置 (jump list start)".into()),
                }
            }
            Action::JumpForward => {
                let here = self.here();
                match self.jumps.forward(here) {
                    Some(p) => self.restore(p),
                    None => return PaneOutcome::Flash("已是最新的位置 (jump list end)".into()),
                }
            }
            Action::Search => {
                self.prompt = Prompt::new(PromptKind::Search, "");
                self.popup = Some(Popup::Prompt);
            }
            Action::SearchNext => return self.search(true),
            Action::SearchPrev => return self.search(false),
            Action::Finder => {
                self.finder.query.clear();
                self.finder.refresh();
                self.popup = Some(Popup::Finder);
            }
            Action::ToggleSource => self.toggle_source(),
            Action::Portfolio if self.has_portfolio => self.back = true,
            Action::Portfolio => {
                return PaneOutcome::Flash(
                    "没有汇总 (no portfolio: open a folder, juesuan DIR)".into(),
                )
            }
            Action::Copy => return self.copy_selection(),
            Action::CopyFinding => {
                return match self.current_index().or(self.findings.selected()) {
                    Some(f) => PaneOutcome::Copy(self.finding_text(f)),
                    None => PaneOutcome::Flash("没有问题可复制 (no finding)".into()),
                }
            }
            Action::VerdictConfirmed
            | Action::VerdictDismissed
            | Action::VerdictFollowUp
            | Action::VerdictResolved
            | Action::VerdictOpen
            | Action::EditNote
            | Action::AddFinding
            | Action::EditFinding
            | Action::WithdrawFinding
            | Action::SignOff
            | Action::Tick
            | Action::Export
            | Action::StartFresh => return self.review_action(action),
            _ => return PaneOutcome::Ignored,
        }
        PaneOutcome::Changed
    }

    pub(super) fn apply(&mut self, outcome: PaneOutcome) {
        match outcome {
            PaneOutcome::Ignored | PaneOutcome::Changed => {}
            PaneOutcome::Show(t) => self.show(&t),
            PaneOutcome::Preview(f) => self.preview(f),
            PaneOutcome::Go(t) => {
                self.jumps.push(self.here());
                self.popup = None;
                self.show(&t);
                self.set_focus(Focus::Main);
            }
            PaneOutcome::Drill(f) => {
                self.jumps.push(self.here());
                self.popup = None;
                self.preview(f);
                self.set_focus(Focus::Main);
            }
            PaneOutcome::CellInfo(c) => {
                let cx = cx!(self);
                self.cell_info = Some(CellInfo::new(&cx, c));
                self.popup = Some(Popup::CellInfo);
            }
            PaneOutcome::AskRule(start) => {
                self.prompt = Prompt::new(PromptKind::Rule, start);
                self.popup = Some(Popup::Prompt);
            }
            PaneOutcome::Copy(text) => {
                let shown =
                    crate::tui::draw::width::truncate(&visible(&text), 40, self.theme.sym.ellipsis);
                self.flash = Some(format!("已复制 copied: {}", shown.trim_end()));
                self.out.push(Effect::Copy(text));
            }
            PaneOutcome::Close => {
                self.popup = None;
                self.cell_info = None;
            }
            PaneOutcome::Flash(m) => self.flash = Some(m),
        }
    }

    pub(super) fn set_focus(&mut self, f: Focus) {
        self.focus = f;
        self.sync_focus();
    }

    fn sync_focus(&mut self) {
        let main = self.focus == Focus::Main;
        self.schedules.focused = self.focus == Focus::Schedules;
        self.projects.focused = self.focus == Focus::Projects;
        self.findings.focused = self.focus == Focus::Findings;
        for t in &mut self.tables {
            t.focused = main && self.view == View::Table(t.id);
        }
        self.project.focused = main && matches!(self.view, View::Project(_));
        self.source.focused = main && self.view == View::Source;
    }

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
            Target::Line(l) => {
                self.source.go(&self.model, *l);
                self.source.marked = vec![*l];
                self.view = View::Source;
            }
        }
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
        match primary {
            Some(Target::Line(0)) | None => {}
            Some(Target::Line(l)) => {
                self.source.go(&self.model, l);
                self.view = View::Source;
                self.sync_focus();
            }
            Some(t) => self.show(&t),
        }
    }

    fn step_finding(&mut self, forward: bool) -> PaneOutcome {
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

    fn toggle_source(&mut self) {
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

    fn restore(&mut self, p: Place) {
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
        }
        self.set_focus(p.focus);
    }

    fn finding_text(&self, f: usize) -> String {
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

    fn copy_selection(&mut self) -> PaneOutcome {
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

    /// A context for drawing.
    pub fn cx(&self) -> Cx<'_> {
        cx!(self)
    }
}

impl Screen for App {
    fn handle_key(&mut self, key: Key) {
        App::handle_key(self, key);
    }
    fn mark_dirty(&mut self) {
        App::mark_dirty(self);
    }
    fn take_dirty(&mut self) -> bool {
        App::take_dirty(self)
    }
    fn take_effects(&mut self) -> Vec<Effect> {
        App::take_effects(self)
    }
    fn should_quit(&self) -> bool {
        App::should_quit(self)
    }
    fn draw(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        ui::draw(self, area, buf);
    }
    // With annotations open, wake up now and then without a key: retry a
    // failed save, notice another writer's changes to the annotations file.
    fn busy(&self) -> bool {
        self.annotations.is_some()
    }
    fn tick(&mut self) {
        App::tick(self);
    }
    // Annotations are looked after every 2 s: a retry or a stat, no more.
    fn tick_every(&self) -> Duration {
        Duration::from_secs(2)
    }
    fn paste(&mut self, text: &str) {
        App::paste(self, text);
    }
}
