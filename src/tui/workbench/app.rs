//! The workbench: panes, focus, the finding being looked at, the jump list,
//! and the dispatch from keys (through the keymap) to named actions.

use crate::report::ScheduleId;
use crate::sanitize::visible;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::Key;
use crate::tui::input::keymap::{Keymap, Resolved};
use crate::tui::panes::decorations::{FindingDecorations, NoDecorations};
use crate::tui::panes::evidence::EvidenceView;
use crate::tui::panes::findings::FindingsPane;
use crate::tui::panes::page::PageView;
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
use crate::tui::workbench::verdicts::Undo;
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
    /// The focused pane fills the screen (one key, for a long message or a
    /// wide table at 80 columns).
    pub zoomed: bool,
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
    /// The evidence table (a project's or the 整体 performance table).
    pub evidence: EvidenceView,
    /// The PDF page view.
    pub page: PageView,
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
    /// The verdict keys of this session, newest last, for `undo_verdict`.
    pub(super) undo: Vec<Undo>,
    /// Opened from a portfolio (`juesuan DIR`), so `portfolio` can go back.
    pub has_portfolio: bool,
    /// Asked to go back to the portfolio.
    back: bool,
    last_search: Option<String>,
    pub(super) source_return: Option<Place>,
    pub(super) page_return: Option<Place>,
    /// Effects, redraws and quitting, for the terminal loop.
    out: Outbox,
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
            evidence: EvidenceView::default(),
            page: PageView::default(),
            finder,
            help,
            cell_info: None,
            prompt: Prompt::new(PromptKind::Search, ""),
            popup: None,
            zoomed: false,
            jumps: JumpList::default(),
            pending: Vec::new(),
            flash: None,
            annotations: None,
            editor: None,
            pending_edit: PendingEdit::None,
            undo: Vec::new(),
            has_portfolio: false,
            back: false,
            last_search: None,
            source_return: None,
            page_return: None,
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
                    (Focus::Main, View::Evidence(_)) => Scope::Evidence,
                    (Focus::Main, View::Page(_)) => Scope::Page,
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

    pub(super) fn table_index(&self, id: ScheduleId) -> Option<usize> {
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
            (Focus::Main, View::Evidence(_)) => self.evidence.handle(action, &cx),
            (Focus::Main, View::Page(_)) => {
                let out = self.page.handle(action, &cx);
                self.view = View::Page(self.page.page);
                out
            }
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

    /// Bracketed paste: into the note editor whole, into a prompt as one line.
    pub fn paste(&mut self, text: &str) {
        match self.popup {
            Some(Popup::Editor) => {
                if let Some(e) = self.editor.as_mut() {
                    e.paste(text);
                }
            }
            Some(Popup::Prompt) => self.prompt.paste(text),
            Some(Popup::Finder) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    self.finder.insert(c);
                }
            }
            _ => return,
        }
        self.mark_dirty();
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
            (Focus::Main, View::Evidence(_)) => self.evidence.find(&cx, &q, forward),
            (Focus::Main, View::Page(_)) => false,
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
            Action::Page => return self.toggle_page(),
            Action::Zoom => self.zoomed = !self.zoomed,
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
            | Action::UndoVerdict
            | Action::NextUnreviewed
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

    pub(super) fn sync_focus(&mut self) {
        let main = self.focus == Focus::Main;
        self.schedules.focused = self.focus == Focus::Schedules;
        self.projects.focused = self.focus == Focus::Projects;
        self.findings.focused = self.focus == Focus::Findings;
        for t in &mut self.tables {
            t.focused = main && self.view == View::Table(t.id);
        }
        self.project.focused = main && matches!(self.view, View::Project(_));
        self.source.focused = main && self.view == View::Source;
        self.evidence.focused = main && matches!(self.view, View::Evidence(_));
        self.page.focused = main && matches!(self.view, View::Page(_));
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
