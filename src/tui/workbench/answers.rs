//! The answers to the review's questions: a submitted review prompt (a
//! dismissal's reason, an own finding's title and severity, the
//! confirmations, a conflict's side) and the note editor's save or cancel.
//! Each change goes to the session and is saved at once.

use crate::review::{Side, Verdict};
use crate::rules::Severity;
use crate::sanitize::visible;
use crate::tui::input::action::Action;
use crate::tui::panes::PaneOutcome;
use crate::tui::popups::editor::{EditPurpose, Editor, OwnTarget};
use crate::tui::popups::prompt::PromptKind;
use crate::tui::workbench::app::{App, Popup};
use crate::tui::workbench::pending::PendingEdit;

impl App {
    /// A review prompt was submitted.
    pub(super) fn review_prompt(&mut self, kind: PromptKind, text: &str) -> PaneOutcome {
        let r = match kind {
            PromptKind::Reason | PromptKind::GroupReason => {
                let Some(ids) = self.pending_edit.take_dismissal() else {
                    return PaneOutcome::Changed;
                };
                if text.trim().is_empty() {
                    self.pending_edit = PendingEdit::Dismiss(ids);
                    self.ask(kind, "");
                    return PaneOutcome::Flash("排除需要理由 dismissing needs a reason".into());
                }
                Ok(self.record_verdict(&ids, Verdict::Dismissed, Some(text)))
            }
            PromptKind::OwnTitle => {
                if text.trim().is_empty() {
                    self.pending_edit.cancel();
                    return PaneOutcome::Flash("已取消：问题需要标题 (a title is needed)".into());
                }
                if !self.pending_edit.give_title(text.trim()) {
                    return PaneOutcome::Changed;
                }
                let severity = self.editing_own().map_or(Severity::Warning, |(s, _)| s);
                Ok(self.ask(PromptKind::OwnSeverity, severity.as_str()))
            }
            PromptKind::OwnSeverity => {
                let sev = match text.trim().to_ascii_lowercase().as_str() {
                    "e" | "error" | "错误" => Severity::Error,
                    "w" | "warning" | "" | "警告" => Severity::Warning,
                    "i" | "info" | "提示" => Severity::Info,
                    _ => {
                        self.ask(PromptKind::OwnSeverity, "warning");
                        return PaneOutcome::Flash("error, warning or info".into());
                    }
                };
                let note = self.editing_own().map(|(_, n)| n).unwrap_or_default();
                let Some((of, title)) = self.pending_edit.take_titled() else {
                    return PaneOutcome::Changed;
                };
                self.editor = Some(Editor::new(
                    EditPurpose::OwnFinding {
                        of,
                        title: title.clone(),
                        severity: sev,
                    },
                    format!(
                        "自行发现 own finding · {} · note · C-s saves, Esc cancels",
                        visible(&title)
                    ),
                    &note,
                ));
                self.popup = Some(Popup::Editor);
                Ok(PaneOutcome::Changed)
            }
            PromptKind::ConfirmFresh => {
                if !matches!(text.trim(), "yes" | "y" | "是") {
                    return PaneOutcome::Flash("未新建 (not started fresh)".into());
                }
                let Some(a) = self.annotations.as_mut() else {
                    return PaneOutcome::Ignored;
                };
                match a.start_fresh(&self.model.report) {
                    Ok(m) => {
                        // The verdicts to undo were in the file set aside.
                        self.undo.clear();
                        self.sync_annotations();
                        Ok(PaneOutcome::Flash(m))
                    }
                    Err(e) => Err(PaneOutcome::Flash(visible(&e.to_string()).into_owned())),
                }
            }
            PromptKind::ConfirmWithdraw => {
                let id = self.pending_edit.take_withdrawal();
                if !matches!(text.trim(), "yes" | "y" | "是") {
                    return PaneOutcome::Flash("未撤回 (not withdrawn)".into());
                }
                let (Some(id), Some(a)) = (id, self.annotations.as_mut()) else {
                    return PaneOutcome::Ignored;
                };
                match a.session.withdraw_own_finding(&id) {
                    Ok(()) => Ok(self.changed(format!("已撤回 withdrew {id}"))),
                    Err(e) => Err(PaneOutcome::Flash(visible(&e.to_string()).into_owned())),
                }
            }
            PromptKind::Conflict => self.decide_conflict(text),
            PromptKind::Search | PromptKind::Rule => Err(PaneOutcome::Ignored),
        };
        r.unwrap_or_else(|o| o)
    }

    fn decide_conflict(&mut self, text: &str) -> Result<PaneOutcome, PaneOutcome> {
        let side = match text.trim().to_ascii_lowercase().as_str() {
            "o" | "ours" => Side::Ours,
            "t" | "theirs" => Side::Theirs,
            _ => {
                self.ask(PromptKind::Conflict, "");
                return Err(PaneOutcome::Flash(
                    "o (keep mine) or t (take theirs)".into(),
                ));
            }
        };
        let Some(a) = self.annotations.as_mut() else {
            return Err(PaneOutcome::Ignored);
        };
        if a.conflicts.is_empty() {
            return Ok(PaneOutcome::Changed);
        }
        let c = a.conflicts.remove(0);
        a.session
            .resolve(&c.key, side)
            .map_err(|e| PaneOutcome::Flash(visible(&e.to_string()).into_owned()))?;
        if !a.conflicts.is_empty() {
            return Ok(self.ask(PromptKind::Conflict, ""));
        }
        Ok(self.changed("冲突已解决 conflicts decided; saved".into()))
    }

    /// An editor action.
    pub(super) fn editor_handle(&mut self, action: Action) -> PaneOutcome {
        let Some(e) = self.editor.as_mut() else {
            return PaneOutcome::Close;
        };
        if e.handle(action) {
            return PaneOutcome::Changed;
        }
        match action {
            Action::Close => {
                self.editor = None;
                self.popup = None;
                PaneOutcome::Flash("已取消 cancelled (nothing saved)".into())
            }
            Action::Submit => {
                let text = e.text();
                let purpose = e.purpose.clone();
                self.editor = None;
                self.popup = None;
                let Some(a) = self.annotations.as_mut() else {
                    return PaneOutcome::Ignored;
                };
                match purpose {
                    EditPurpose::Note(id) => match a.session.set_note(&id, &text) {
                        Ok(()) => self.changed("备注已保存 note saved".into()),
                        Err(e) => PaneOutcome::Flash(visible(&e.to_string()).into_owned()),
                    },
                    EditPurpose::OwnFinding {
                        of: OwnTarget::Existing(id),
                        title,
                        severity,
                    } => match a.session.edit_own_finding(&id, &title, severity, &text) {
                        Ok(()) => self.changed(format!("已修改 edited {id}")),
                        Err(e) => PaneOutcome::Flash(visible(&e.to_string()).into_owned()),
                    },
                    EditPurpose::OwnFinding {
                        of: OwnTarget::New(loc),
                        title,
                        severity,
                    } => match a.session.add_own_finding(&title, severity, &text, loc) {
                        Ok(id) => {
                            let o = self.changed(format!("已添加 own finding {id}"));
                            if let Some(f) = self.model.findings.iter().position(|f| f.id == id) {
                                self.findings.select(f);
                                self.current = self.model.id(f);
                            }
                            o
                        }
                        Err(e) => PaneOutcome::Flash(visible(&e.to_string()).into_owned()),
                    },
                }
            }
            _ => PaneOutcome::Ignored,
        }
    }
}
