//! The workbench's review actions (审核操作): verdicts, notes, own findings,
//! sign-off, coverage ticks, export, starting fresh and deciding conflicts.
//! Each change goes to the [`review::Session`](crate::review::Session) and
//! is saved at once; the views are then rebuilt from the session.

use crate::review::{export, TickTarget, Verdict};
use crate::rules::{Finding, Location, Severity};
use crate::sanitize::visible;
use crate::tui::input::action::Action;
use crate::tui::panes::evidence::Perf;
use crate::tui::panes::PaneOutcome;
use crate::tui::popups::editor::{EditPurpose, Editor, OwnTarget};
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::workbench::annotations::Annotations;
use crate::tui::workbench::app::{App, Popup};
use crate::tui::workbench::pending::PendingEdit;
use crate::tui::workbench::state::{Focus, View};

impl App {
    /// Open the auditor's annotations beside the report: verdict markers,
    /// own findings and orphans join the findings list. `message` (a
    /// read-only or unavailable file) is shown in the hint line.
    pub fn attach_annotations(
        &mut self,
        annotations: Option<Annotations>,
        message: Option<String>,
    ) {
        if let Some(mut a) = annotations {
            let rule_findings = self.model.findings[..self.model.orphan_start].to_vec();
            a.attach(&self.model.report, &rule_findings);
            self.annotations = Some(a);
            self.sync_annotations();
        }
        if message.is_some() {
            self.flash = message;
        }
        self.mark_dirty();
    }

    /// Rebuild what the views show from the session: findings (own and
    /// orphans included), markers, the verdict filter's data.
    pub fn sync_annotations(&mut self) {
        let Some(a) = &self.annotations else {
            return;
        };
        let (findings, orphans) = a.findings();
        self.decorations = Box::new(a.marks(&self.theme));
        self.replace_findings(findings, orphans);
    }

    /// Show these findings (and orphans) instead, and rebuild the findings
    /// list. Positions change (an own finding raised before the selected
    /// one, one withdrawn); the current finding, the list's selection and
    /// the jump list stay on the same findings, by id, or let go of one
    /// that is gone.
    pub fn replace_findings(&mut self, findings: Vec<Finding>, orphans: Vec<Finding>) {
        let keep = self.findings.selected().and_then(|f| self.model.id(f));
        self.model.set_findings(findings, orphans);
        self.findings.verdicts = match &self.annotations {
            Some(a) => self
                .model
                .findings
                .iter()
                .map(|f| a.session.verdict_of(&f.id))
                .collect(),
            None => Vec::new(),
        };
        if self.current_index().is_none() {
            self.current = None;
        }
        let cx = cx!(self);
        self.findings.rebuild(&cx, keep.as_ref());
    }

    /// The finding review keys act on: the selected one in the findings
    /// list, else the one being looked at.
    pub(super) fn subject(&self) -> Option<usize> {
        match self.focus {
            Focus::Findings => self.findings.selected().or(self.current_index()),
            _ => self.current_index().or(self.findings.selected()),
        }
    }

    fn subject_id(&self) -> Result<String, PaneOutcome> {
        self.subject()
            .and_then(|f| self.model.findings.get(f))
            .map(|f| f.id.clone())
            .ok_or_else(|| PaneOutcome::Flash("没有选中的问题 (no finding selected)".into()))
    }

    /// Save after a change and rebuild the views; the save's message (a
    /// failure, a merge) wins over `done`.
    pub(super) fn changed(&mut self, done: String) -> PaneOutcome {
        let saved = self.annotations.as_mut().and_then(Annotations::save);
        self.sync_annotations();
        if let Some(o) = self.ask_conflict() {
            return o;
        }
        PaneOutcome::Flash(saved.unwrap_or(done))
    }

    /// A timer tick: retry a failed save, take in another writer's changes.
    pub fn tick(&mut self) {
        let Some(a) = self.annotations.as_mut() else {
            return;
        };
        let (msg, changed) = a.tick();
        if changed {
            self.sync_annotations();
            if self.popup.is_none() {
                if let Some(o) = self.ask_conflict() {
                    self.apply(o);
                }
            }
            self.mark_dirty();
        }
        if let Some(m) = msg {
            self.flash = Some(m);
            self.mark_dirty();
        }
    }

    pub(super) fn ask(&mut self, kind: PromptKind, text: &str) -> PaneOutcome {
        self.prompt = Prompt::new(kind, text);
        self.popup = Some(Popup::Prompt);
        PaneOutcome::Changed
    }

    fn ask_conflict(&mut self) -> Option<PaneOutcome> {
        let pending = self
            .annotations
            .as_ref()
            .is_some_and(|a| !a.conflicts.is_empty());
        pending.then(|| self.ask(PromptKind::Conflict, ""))
    }

    /// What the open prompt is about, for its label: the group a group
    /// dismissal covers, else the key in the conflict being asked about.
    pub fn prompt_detail(&self) -> String {
        if self.prompt.kind == PromptKind::GroupReason {
            if let PendingEdit::Dismiss(ids) = &self.pending_edit {
                let rule = ids
                    .first()
                    .and_then(|id| self.model.findings.iter().find(|f| &f.id == id))
                    .map(|f| visible(&f.rule).into_owned())
                    .unwrap_or_default();
                return format!("{} × {rule}", ids.len());
            }
        }
        self.annotations
            .as_ref()
            .and_then(|a| a.conflicts.first())
            .map(|c| visible(&c.key.to_string()).into_owned())
            .unwrap_or_default()
    }

    /// Run a review action.
    pub(super) fn review_action(&mut self, action: Action) -> PaneOutcome {
        if self.annotations.is_none() {
            return PaneOutcome::Flash("审核记录不可用 (annotations unavailable)".into());
        }
        if let Some(o) = self.group_verdict(action) {
            return o;
        }
        let r = match action {
            Action::VerdictConfirmed => self.verdict(Verdict::Confirmed, None),
            Action::VerdictFollowUp => self.verdict(Verdict::FollowUp, None),
            Action::VerdictResolved => self.verdict(Verdict::Resolved, None),
            Action::VerdictOpen => self.verdict(Verdict::Open, None),
            Action::UndoVerdict => Ok(self.undo_verdict()),
            Action::NextUnreviewed => Ok(self.next_unreviewed()),
            Action::VerdictDismissed => self.subject_id().map(|id| {
                let reason = self
                    .annotations
                    .as_ref()
                    .and_then(|a| a.session.annotation(&id))
                    .and_then(|a| a.reason.clone())
                    .unwrap_or_default();
                self.pending_edit = PendingEdit::Dismiss(vec![id]);
                self.ask(PromptKind::Reason, &reason)
            }),
            Action::EditNote => self.subject_id().map(|id| {
                let note = self
                    .annotations
                    .as_ref()
                    .and_then(|a| a.session.annotation(&id))
                    .map(|a| a.note.clone())
                    .unwrap_or_default();
                let title = self
                    .subject()
                    .and_then(|f| self.model.findings.get(f))
                    .map(|f| format!("备注 note · {} · C-s saves, Esc cancels", f.rule))
                    .unwrap_or_default();
                self.editor = Some(Editor::new(EditPurpose::Note(id), title, &note));
                self.popup = Some(Popup::Editor);
                PaneOutcome::Changed
            }),
            Action::AddFinding => match self.cursor_location() {
                Some(loc) => {
                    self.pending_edit = PendingEdit::OwnTitle(OwnTarget::New(loc));
                    Ok(self.ask(PromptKind::OwnTitle, ""))
                }
                None => Err(PaneOutcome::Flash(
                    "这里不能添加问题 (no place here)".into(),
                )),
            },
            Action::EditFinding => self.own_selected().map(|(id, title)| {
                self.pending_edit = PendingEdit::OwnTitle(OwnTarget::Existing(id));
                self.ask(PromptKind::OwnTitle, &title)
            }),
            Action::WithdrawFinding => self.own_selected().map(|(id, _)| {
                self.pending_edit = PendingEdit::Withdraw(id);
                self.ask(PromptKind::ConfirmWithdraw, "")
            }),
            Action::SignOff => self.sign_off(),
            Action::Tick => self.tick_here(),
            Action::Export => Ok(self.export()),
            Action::StartFresh => {
                let ro = self
                    .annotations
                    .as_ref()
                    .and_then(|a| a.session.read_only().map(str::to_string));
                match ro {
                    Some(_) => Ok(self.ask(PromptKind::ConfirmFresh, "")),
                    None => Err(PaneOutcome::Flash(
                        "审核记录可写，无需新建 (the annotations file is fine)".into(),
                    )),
                }
            }
            _ => Err(PaneOutcome::Ignored),
        };
        r.unwrap_or_else(|o| o)
    }

    fn verdict(&mut self, v: Verdict, reason: Option<&str>) -> Result<PaneOutcome, PaneOutcome> {
        let id = self.subject_id()?;
        Ok(self.record_verdict(&[id], v, reason))
    }

    /// The selected finding's id and title when it is the auditor's own
    /// (rule findings are not theirs to edit).
    fn own_selected(&self) -> Result<(String, String), PaneOutcome> {
        let id = self.subject_id()?;
        let a = self.annotations.as_ref().ok_or(PaneOutcome::Ignored)?;
        a.session
            .document()
            .own_findings
            .get(&id)
            .filter(|o| !o.withdrawn)
            .map(|o| (id.clone(), o.title.clone()))
            .ok_or_else(|| {
                PaneOutcome::Flash(
                    "只能修改自行发现的问题 (only your own findings can be edited)".into(),
                )
            })
    }

    /// The own finding being edited: its severity and note, to prefill.
    pub(super) fn editing_own(&self) -> Option<(Severity, String)> {
        let id = self.pending_edit.editing()?;
        let o = self
            .annotations
            .as_ref()?
            .session
            .document()
            .own_findings
            .get(id)?;
        Some((o.severity, o.note.clone()))
    }

    fn sign_off(&mut self) -> Result<PaneOutcome, PaneOutcome> {
        let id = self.subject_id()?;
        let Some(a) = self.annotations.as_mut() else {
            return Err(PaneOutcome::Ignored);
        };
        let out = a
            .session
            .sign_off(&id)
            .map_err(|e| PaneOutcome::Flash(visible(&e.to_string()).into_owned()))?;
        let msg = if out.same_person {
            format!(
                "警告 WARNING: 复核人即编制人 the reviewer ({}) is the preparer; signed off anyway",
                visible(a.session.auditor())
            )
        } else {
            "已复核 signed off".to_string()
        };
        Ok(self.changed(msg))
    }

    /// Where the cursor is, as a finding location: the table cell, the
    /// project, the schedule, or the source line.
    pub fn cursor_location(&self) -> Option<Location> {
        let r = &self.model.report;
        let project = |i: usize| {
            r.projects.get(i).map(|p| Location {
                line: p.line,
                schedule: None,
                row: None,
                column: None,
                project: Some(p.name.clone()),
                section: None,
            })
        };
        match self.focus {
            Focus::Projects => return project(self.projects.list.cursor),
            Focus::Schedules => {
                let s = r.schedules.get(self.schedules.list.cursor)?;
                return Some(Location {
                    line: s.heading_line.unwrap_or(0),
                    schedule: Some(s.id),
                    row: None,
                    column: None,
                    project: None,
                    section: None,
                });
            }
            _ => {}
        }
        match self.view {
            View::Table(id) => {
                let t = self.tables.iter().find(|t| t.id == id)?;
                let c = t.cursor_cell()?;
                let panel = r.schedule(id)?.panels.get(c.panel)?;
                let row = panel.rows.get(c.row)?;
                let col = panel.columns.get(c.col)?;
                Some(Location::cell(row.line, id, &row.key(), &col.name))
            }
            View::Project(i) | View::Evidence(Perf::Project(i)) => project(i),
            View::Evidence(Perf::Overall) => Some(Location::project(
                self.evidence.cursor_line().unwrap_or(0),
                crate::rules::OVERALL,
                None,
            )),
            View::Source | View::Page(_) => Some(Location {
                line: self.source.cursor,
                schedule: None,
                row: None,
                column: None,
                project: None,
                section: None,
            }),
        }
    }

    fn tick_target(&self) -> Option<(TickTarget, String)> {
        let r = &self.model.report;
        let project = |i: usize| {
            r.projects.get(i).map(|p| {
                (
                    TickTarget::Project {
                        name: p.name.clone(),
                    },
                    format!("项目 {}", visible(&p.name)),
                )
            })
        };
        match (self.focus, self.view) {
            (Focus::Schedules, _) => r
                .schedules
                .get(self.schedules.list.cursor)
                .map(|s| (TickTarget::Schedule { schedule: s.id }, s.id.label())),
            (Focus::Projects, _) => project(self.projects.list.cursor),
            (_, View::Project(i)) | (_, View::Evidence(Perf::Project(i))) => project(i),
            (_, View::Table(id)) => {
                let t = self.tables.iter().find(|t| t.id == id)?;
                let c = t.cursor_cell()?;
                let panel = r.schedule(id)?.panels.get(c.panel)?;
                let row = panel.rows.get(c.row)?;
                Some((
                    TickTarget::Row {
                        schedule: id,
                        panel: panel.name.clone(),
                        row: row.key(),
                    },
                    format!("{} {}", id.label(), visible(&row.label)),
                ))
            }
            (_, View::Source) | (_, View::Evidence(Perf::Overall)) | (_, View::Page(_)) => None,
        }
    }

    fn tick_here(&mut self) -> Result<PaneOutcome, PaneOutcome> {
        let (target, what) = self
            .tick_target()
            .ok_or_else(|| PaneOutcome::Flash("这里没有可勾选的 (nothing to tick here)".into()))?;
        let Some(a) = self.annotations.as_mut() else {
            return Err(PaneOutcome::Ignored);
        };
        let examined = !a.session.is_ticked(&target);
        a.session.tick(target, examined);
        let msg = if examined {
            format!("已查阅 ticked examined: {what}")
        } else {
            format!("取消查阅 unticked: {what}")
        };
        Ok(self.changed(msg))
    }

    /// Whether this exact target is ticked examined.
    pub fn is_ticked(&self, target: &TickTarget) -> bool {
        self.annotations
            .as_ref()
            .is_some_and(|a| a.session.is_ticked(target))
    }

    fn export(&mut self) -> PaneOutcome {
        let Some(a) = self.annotations.as_ref() else {
            return PaneOutcome::Ignored;
        };
        let report_path = a.session.report_path();
        let mut name = report_path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".audit.md");
        let out = report_path.with_file_name(name);
        let text = match export::render(
            &self.model.report,
            &a.session,
            export::PaperFormat::Markdown,
        ) {
            Ok(t) => t,
            Err(e) => return PaneOutcome::Flash(format!("导出失败 export failed: {e}")),
        };
        match std::fs::write(&out, text) {
            Ok(()) => PaneOutcome::Flash(format!("已导出 exported: {}", out.display())),
            Err(e) => PaneOutcome::Flash(format!(
                "导出失败 export failed: {}: cannot write: {e}",
                out.display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::tui::draw::theme::Theme;
    use crate::tui::input::keymap::Keymap;
    use crate::tui::view_model::FindingId;
    use std::path::Path;

    fn sample() -> App {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/chaoyang-hrss-2024.txt");
        let model = crate::tui::load(&path).unwrap();
        App::new(model, Keymap::defaults().unwrap(), Theme::new(false, false))
    }

    fn own(id: &str) -> Finding {
        Finding {
            id: id.to_string(),
            rule: "OWN".to_string(),
            severity: Severity::Error,
            message: "自行发现".to_string(),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            locations: vec![Location {
                line: 1,
                schedule: None,
                row: None,
                column: None,
                project: None,
                section: None,
            }],
        }
    }

    fn id_at(app: &App, f: Option<usize>) -> String {
        app.model.findings[f.unwrap()].id.clone()
    }

    /// An own finding raised before the selected one moves every finding
    /// down by one: the current finding, the list's selection and the jump
    /// list must still name the findings they named (they held positions,
    /// which then pointed at the neighbour).
    #[test]
    fn a_rebuild_that_moves_findings_keeps_the_selection_and_the_jumps() {
        let mut app = sample();
        assert!(app.model.findings.len() > 3);
        let first = app.model.id(1).unwrap();
        let second = app.model.id(2).unwrap();
        app.set_focus(Focus::Findings);
        app.preview(first.clone());
        app.jumps.push(app.here());
        app.preview(second.clone());
        assert_eq!(app.findings.selected(), Some(2));

        let mut findings = vec![own("OWN:before")];
        findings.extend(app.model.findings.iter().cloned());
        app.replace_findings(findings, Vec::new());

        // Position 2 now holds what was at 1: an index would have moved on.
        assert_eq!(app.model.id(2), Some(first.clone()));
        assert_eq!(app.current, Some(second.clone()));
        assert_eq!(id_at(&app, app.current_index()), second.as_str());
        assert_eq!(id_at(&app, app.findings.selected()), second.as_str());
        // The new finding is an error, listed ahead of the rest.
        assert!(app.findings.shown().contains(&0));
        app.dispatch(Action::JumpBack);
        assert_eq!(app.current, Some(first.clone()));
        assert_eq!(id_at(&app, app.findings.selected()), first.as_str());
        app.dispatch(Action::JumpForward);
        assert_eq!(app.current, Some(second));
    }

    /// A finding that is gone after the rebuild (withdrawn) is let go of:
    /// nothing else becomes current in its place.
    #[test]
    fn a_rebuild_without_the_current_finding_lets_it_go() {
        let mut app = sample();
        let mut findings = vec![own("OWN:gone")];
        findings.extend(app.model.findings.iter().cloned());
        app.replace_findings(findings.clone(), Vec::new());
        let gone = FindingId::of(&findings[0]);
        app.set_focus(Focus::Findings);
        app.preview(gone.clone());
        app.jumps.push(app.here());
        app.replace_findings(findings[1..].to_vec(), Vec::new());
        assert_eq!(app.current, None);
        assert!(app.model.position(&gone).is_none());
        assert!(
            app.findings.selected().is_some(),
            "the cursor is on a finding"
        );
        app.dispatch(Action::JumpBack);
        assert_eq!(app.current, None, "the jump back does not bring it back");
    }
}
