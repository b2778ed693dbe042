//! Reviewing at speed (审核结论): every verdict, from a key or from the
//! dismissal's reason prompt, goes through [`App::record_verdict`], which
//! saves it and moves the selection on to the next finding without a
//! verdict ([`App::advance_to_open`]), so forty findings take forty keys.

use crate::review::Verdict;
use crate::sanitize::visible;
use crate::tui::input::action::Action;
use crate::tui::panes::PaneOutcome;
use crate::tui::popups::prompt::PromptKind;
use crate::tui::view_model::FindingId;
use crate::tui::workbench::app::App;
use crate::tui::workbench::pending::PendingEdit;
use crate::tui::workbench::state::Focus;

/// Said in the hint line when no finding shown is left without a verdict.
pub const ALL_REVIEWED: &str = "全部已审 all findings reviewed";

/// How many verdict keys `undo_verdict` can step back through.
const UNDO_DEPTH: usize = 200;

/// What one verdict key changed (one finding, or a rule group's open
/// ones), to put back: each finding's verdict and reason before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// Fingerprint, verdict before, reason before; in the order judged.
    pub before: Vec<(String, Verdict, Option<String>)>,
}

impl App {
    /// Set verdict `v` (a dismissal's `reason` with it) on the findings
    /// `ids`, save, and, for any verdict but open, move the selection to the
    /// next finding without one (or stay, and say that all are reviewed).
    pub(super) fn record_verdict(
        &mut self,
        ids: &[String],
        v: Verdict,
        reason: Option<&str>,
    ) -> PaneOutcome {
        let Some(a) = self.annotations.as_mut() else {
            return PaneOutcome::Ignored;
        };
        let mut undo = Undo { before: Vec::new() };
        let mut failed = None;
        for id in ids {
            let before = a.session.annotation(id).map(|x| x.reason.clone());
            let was = a.session.verdict_of(id);
            match a.session.set_verdict(id, v, reason) {
                Ok(()) => undo.before.push((id.clone(), was, before.flatten())),
                Err(e) => {
                    failed = Some(PaneOutcome::Flash(visible(&e.to_string()).into_owned()));
                    break;
                }
            }
        }
        if !undo.before.is_empty() {
            if self.undo.len() == UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.undo.push(undo);
        }
        if let Some(f) = failed {
            let _ = self.changed(String::new());
            return f;
        }
        let mut done = format!("审核结论 verdict: {} {}", v.zh(), v.as_str());
        if ids.len() > 1 {
            done.push_str(&format!(" × {}", ids.len()));
        }
        let outcome = self.changed(done.clone());
        if v == Verdict::Open {
            return outcome;
        }
        let last = ids.last().and_then(|id| self.finding_id(id));
        match (self.advance_to_open(last.as_ref()), outcome) {
            // The save's own message (a failure, a merge) is not replaced.
            (false, PaneOutcome::Flash(m)) if m == done => {
                PaneOutcome::Flash(format!("{done} · {ALL_REVIEWED}"))
            }
            (_, o) => o,
        }
    }

    /// A verdict key on a rule group's heading in the findings list: the
    /// verdict for each of the group's findings without one (an existing
    /// verdict is never overwritten); a dismissal asks one reason for all.
    /// None when the cursor is not on a heading (or the key is no verdict).
    pub(super) fn group_verdict(&mut self, action: Action) -> Option<PaneOutcome> {
        if self.focus != Focus::Findings {
            return None;
        }
        let v = match action {
            Action::VerdictConfirmed => Verdict::Confirmed,
            Action::VerdictDismissed => Verdict::Dismissed,
            Action::VerdictFollowUp => Verdict::FollowUp,
            Action::VerdictResolved => Verdict::Resolved,
            Action::VerdictOpen => Verdict::Open,
            _ => return None,
        };
        let (rule, members) = self.findings.selected_group()?;
        if v == Verdict::Open {
            return Some(PaneOutcome::Flash(
                "整组不能改回待审 (o works on one finding; U undoes)".into(),
            ));
        }
        let a = self.annotations.as_ref()?;
        let mut ids: Vec<String> = Vec::new();
        for f in members {
            let Some(x) = self.model.findings.get(f) else {
                continue;
            };
            if !a.session.verdict_of(&x.id).is_reviewed() && !ids.contains(&x.id) {
                ids.push(x.id.clone());
            }
        }
        if ids.is_empty() {
            return Some(PaneOutcome::Flash(format!(
                "{} 整组都已有审核结论 (every finding of the group has a verdict)",
                visible(&rule)
            )));
        }
        if v == Verdict::Dismissed {
            self.pending_edit = PendingEdit::Dismiss(ids);
            return Some(self.ask(PromptKind::GroupReason, ""));
        }
        Some(self.record_verdict(&ids, v, None))
    }

    /// Put back what the last verdict key changed (one finding, or a
    /// group), save, and go back to its (first) finding.
    pub(super) fn undo_verdict(&mut self) -> PaneOutcome {
        let Some(undo) = self.undo.pop() else {
            return PaneOutcome::Flash("没有可撤销的审核结论 (nothing to undo)".into());
        };
        let Some(a) = self.annotations.as_mut() else {
            return PaneOutcome::Ignored;
        };
        for (id, v, reason) in &undo.before {
            if let Err(e) = a.session.set_verdict(id, *v, reason.as_deref()) {
                let _ = self.changed(String::new());
                return PaneOutcome::Flash(visible(&e.to_string()).into_owned());
            }
        }
        let msg = match undo.before.as_slice() {
            [(_, v, _)] => format!("已撤销 undone: back to {} {}", v.zh(), v.as_str()),
            many => format!("已撤销 undone: {} findings back as they were", many.len()),
        };
        let outcome = self.changed(msg);
        if let Some(id) = undo
            .before
            .first()
            .and_then(|(id, _, _)| self.finding_id(id))
        {
            self.preview(id);
        }
        outcome
    }

    /// Go to the next finding without a verdict, after the one reviewed
    /// now (a jump, like `]`).
    pub(super) fn next_unreviewed(&mut self) -> PaneOutcome {
        let from = self.subject().and_then(|f| self.model.id(f));
        match self.next_open(from.as_ref()) {
            Some(id) => {
                self.jumps.push(self.here());
                self.preview(id);
                PaneOutcome::Changed
            }
            None => PaneOutcome::Flash(ALL_REVIEWED.into()),
        }
    }

    /// Select (and show) the first finding after `after`, in list order and
    /// wrapping around, that the list shows and that has no verdict. False,
    /// and nothing moves, when there is none. Orphans are not findings to
    /// review; the filters are respected.
    pub(super) fn advance_to_open(&mut self, after: Option<&FindingId>) -> bool {
        match self.next_open(after) {
            Some(id) => {
                self.preview(id);
                true
            }
            None => false,
        }
    }

    /// The id of the finding listed under the fingerprint `id`.
    pub(super) fn finding_id(&self, id: &str) -> Option<FindingId> {
        self.model
            .findings
            .iter()
            .position(|f| f.id == id)
            .and_then(|f| self.model.id(f))
    }

    /// The first finding after `after` (from the top when it is not listed)
    /// that is shown and open.
    fn next_open(&self, after: Option<&FindingId>) -> Option<FindingId> {
        let a = self.annotations.as_ref()?;
        let shown = self.findings.shown();
        let order = &self.model.order;
        let n = order.len();
        // Position in the unfiltered order: a finding just judged may have
        // left a verdict-filtered list.
        let start = after
            .and_then(|id| self.model.position(id))
            .and_then(|f| order.iter().position(|o| *o == f));
        let (from, count) = match start {
            Some(p) => (p + 1, n),
            None => (0, n),
        };
        (0..count)
            .map(|k| order[(from + k) % n])
            .filter(|f| *f < self.model.orphan_start && shown.contains(f))
            .find(|f| {
                self.model
                    .findings
                    .get(*f)
                    .is_some_and(|x| !a.session.verdict_of(&x.id).is_reviewed())
            })
            .and_then(|f| self.model.id(f))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::tui::draw::theme::Theme;
    use crate::tui::input::action::Action;
    use crate::tui::input::keymap::Keymap;
    use crate::tui::workbench::annotations::Annotations;
    use crate::tui::workbench::state::Focus;
    use std::path::Path;

    /// The sample, copied into a temp folder, with its annotations open.
    fn reviewing() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.txt");
        let sample =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/chaoyang-hrss-2024.txt");
        std::fs::copy(sample, &report).unwrap();
        let model = crate::tui::load(&report).unwrap();
        let mut app = App::new(model, Keymap::defaults().unwrap(), Theme::new(false, false));
        let opened = Annotations::open(&report, None, Some("测试"));
        app.attach_annotations(opened.annotations, opened.message);
        app.set_focus(Focus::Findings);
        (dir, app)
    }

    fn selected(app: &App) -> String {
        app.model.findings[app.findings.selected().unwrap()]
            .id
            .clone()
    }

    fn verdict(app: &App, id: &str) -> Verdict {
        app.annotations.as_ref().unwrap().session.verdict_of(id)
    }

    /// The ids in list order (duplicates, which share a verdict, once).
    fn listed(app: &App) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in app.findings.shown() {
            let id = app.model.findings[f].id.clone();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    #[test]
    fn a_verdict_moves_on_to_the_next_finding_without_one() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        assert_eq!(selected(&app), ids[0]);
        // The second already has a verdict (from another day): skipped.
        app.annotations
            .as_mut()
            .unwrap()
            .session
            .set_verdict(&ids[1], Verdict::Resolved, None)
            .unwrap();
        app.dispatch(Action::VerdictConfirmed);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Confirmed);
        assert_eq!(selected(&app), ids[2], "over the one already judged");
        assert_eq!(app.current, app.finding_id(&ids[2]), "and shown");
        for (action, v) in [
            (Action::VerdictFollowUp, Verdict::FollowUp),
            (Action::VerdictResolved, Verdict::Resolved),
        ] {
            let here = selected(&app);
            app.dispatch(action);
            assert_eq!(verdict(&app, &here), v);
            assert_ne!(selected(&app), here, "{action:?} moved on");
        }
        // Back to open is not a verdict to move on from.
        let here = selected(&app);
        app.findings.select(
            app.model
                .position(&app.finding_id(&ids[0]).unwrap())
                .unwrap(),
        );
        app.dispatch(Action::VerdictOpen);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Open);
        assert_eq!(selected(&app), ids[0], "o stays");
        assert_ne!(here, ids[0]);
    }

    #[test]
    fn the_dismissal_moves_on_once_its_reason_is_given() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        app.dispatch(Action::VerdictDismissed);
        assert_eq!(selected(&app), ids[0], "the prompt is asked first");
        app.paste("口径不同");
        app.dispatch(Action::Submit);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Dismissed);
        assert_eq!(selected(&app), ids[1]);
    }

    #[test]
    fn the_last_open_finding_wraps_to_the_top_then_all_are_reviewed() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        let last = ids.last().unwrap().clone();
        let s = &mut app.annotations.as_mut().unwrap().session;
        for id in &ids[1..ids.len() - 1] {
            s.set_verdict(id, Verdict::Confirmed, None).unwrap();
        }
        let f = app.model.position(&app.finding_id(&last).unwrap()).unwrap();
        app.findings.select(f);
        app.dispatch(Action::VerdictConfirmed);
        assert_eq!(selected(&app), ids[0], "wrapped around to the first");
        assert_eq!(
            app.flash.as_deref(),
            Some("审核结论 verdict: 确认 confirmed")
        );
        app.dispatch(Action::VerdictFollowUp);
        assert_eq!(selected(&app), ids[0], "none left: it stays");
        let flash = app.flash.clone().unwrap();
        assert!(flash.contains(ALL_REVIEWED), "{flash}");
        assert!(ids.iter().all(|id| verdict(&app, id).is_reviewed()));
    }

    #[test]
    fn undo_steps_back_through_the_verdicts_and_returns_to_each_finding() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        app.dispatch(Action::UndoVerdict);
        assert!(app.flash.clone().unwrap().contains("nothing to undo"));
        app.dispatch(Action::VerdictConfirmed);
        app.dispatch(Action::VerdictDismissed);
        app.paste("口径不同");
        app.dispatch(Action::Submit);
        // ids[2] is changed twice: confirmed, then follow-up.
        app.dispatch(Action::VerdictConfirmed);
        app.findings.select(
            app.model
                .position(&app.finding_id(&ids[2]).unwrap())
                .unwrap(),
        );
        app.dispatch(Action::VerdictFollowUp);
        assert_eq!(verdict(&app, &ids[2]), Verdict::FollowUp);
        assert_eq!(selected(&app), ids[3]);

        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[2]), Verdict::Confirmed, "the one before");
        assert_eq!(selected(&app), ids[2], "back on its finding");
        assert_eq!(app.current, app.finding_id(&ids[2]));
        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[2]), Verdict::Open);
        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[1]), Verdict::Open);
        assert_eq!(selected(&app), ids[1]);
        let a = app.annotations.as_ref().unwrap();
        assert_eq!(a.session.annotation(&ids[1]).unwrap().reason, None);
        // Saved: the file says open again.
        let reread = crate::review::Session::open(a.session.report_path(), None).unwrap();
        assert_eq!(reread.verdict_of(&ids[1]), Verdict::Open);
        assert_eq!(reread.verdict_of(&ids[0]), Verdict::Confirmed);
        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Open);
        app.dispatch(Action::UndoVerdict);
        assert!(app.flash.clone().unwrap().contains("nothing to undo"));
    }

    #[test]
    fn undo_brings_back_a_dismissal_with_its_reason() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        app.dispatch(Action::VerdictDismissed);
        app.paste("口径不同");
        app.dispatch(Action::Submit);
        app.findings.select(
            app.model
                .position(&app.finding_id(&ids[0]).unwrap())
                .unwrap(),
        );
        app.dispatch(Action::VerdictConfirmed);
        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Dismissed);
        let a = app.annotations.as_ref().unwrap();
        assert_eq!(
            a.session.annotation(&ids[0]).unwrap().reason.as_deref(),
            Some("口径不同")
        );
    }

    #[test]
    fn next_unreviewed_skips_judged_findings_and_wraps() {
        let (_d, mut app) = reviewing();
        let ids = listed(&app);
        let s = &mut app.annotations.as_mut().unwrap().session;
        s.set_verdict(&ids[1], Verdict::Confirmed, None).unwrap();
        s.set_verdict(&ids[2], Verdict::Confirmed, None).unwrap();
        app.dispatch(Action::NextUnreviewed);
        assert_eq!(selected(&app), ids[3]);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Open, "nothing judged");
        // A jump: back returns to the first.
        app.dispatch(Action::JumpBack);
        assert_eq!(selected(&app), ids[0]);
        let last = ids.last().unwrap();
        app.findings
            .select(app.model.position(&app.finding_id(last).unwrap()).unwrap());
        app.dispatch(Action::NextUnreviewed);
        assert_eq!(selected(&app), ids[0], "wrapped");
        let s = &mut app.annotations.as_mut().unwrap().session;
        for id in &ids {
            s.set_verdict(id, Verdict::Resolved, None).unwrap();
        }
        app.dispatch(Action::NextUnreviewed);
        assert_eq!(app.flash.as_deref(), Some(ALL_REVIEWED));
        assert_eq!(selected(&app), ids[0], "stays");
    }

    /// The first rule group with at least `n` findings: its heading row and
    /// its findings' ids.
    fn group_of(app: &App, n: usize) -> (usize, Vec<String>) {
        use crate::tui::panes::findings::Item;
        let row = app
            .findings
            .items
            .iter()
            .position(|i| matches!(i, Item::Rule(_, k) if *k >= n))
            .unwrap();
        let ids = app.findings.items[row + 1..]
            .iter()
            .map_while(|i| match i {
                Item::Finding(f) => Some(app.model.findings[*f].id.clone()),
                _ => None,
            })
            .collect();
        (row, ids)
    }

    #[test]
    fn a_verdict_on_a_rule_heading_judges_the_groups_open_findings_and_undoes_at_once() {
        let (_d, mut app) = reviewing();
        let (row, ids) = group_of(&app, 3);
        app.annotations
            .as_mut()
            .unwrap()
            .session
            .set_verdict(&ids[1], Verdict::Resolved, None)
            .unwrap();
        app.sync_annotations();
        // From the group's second finding, `left` goes up to its heading.
        let f = app
            .model
            .position(&app.finding_id(&ids[1]).unwrap())
            .unwrap();
        app.findings.select(f);
        app.dispatch(Action::Left);
        assert_eq!(app.findings.list.cursor, row);
        assert!(app.findings.selected().is_none(), "on the heading");
        let flash = app.flash.clone().unwrap();
        assert!(
            flash.contains(&format!("{} open of {}", ids.len() - 1, ids.len())),
            "{flash}"
        );
        app.dispatch(Action::VerdictConfirmed);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Confirmed);
        assert_eq!(
            verdict(&app, &ids[1]),
            Verdict::Resolved,
            "never overwritten"
        );
        assert!(ids[2..]
            .iter()
            .all(|id| verdict(&app, id) == Verdict::Confirmed));
        let next = selected(&app);
        assert!(!ids.contains(&next), "moved on past the group");
        assert_eq!(verdict(&app, &next), Verdict::Open);
        assert!(app
            .flash
            .clone()
            .unwrap()
            .contains(&format!("× {}", ids.len() - 1)));
        // One undo puts the whole group back, and goes to its first finding.
        app.dispatch(Action::UndoVerdict);
        assert_eq!(verdict(&app, &ids[0]), Verdict::Open);
        assert_eq!(verdict(&app, &ids[1]), Verdict::Resolved);
        assert!(ids[2..].iter().all(|id| verdict(&app, id) == Verdict::Open));
        assert_eq!(selected(&app), ids[0]);
        // `left` again on a heading goes to the heading before (none here
        // before the first group: it stays).
        app.dispatch(Action::Left);
        app.dispatch(Action::VerdictOpen);
        assert!(app
            .flash
            .clone()
            .unwrap()
            .contains("o works on one finding"));
        app.dispatch(Action::Down);
        assert_eq!(
            selected(&app),
            ids[0],
            "down from the heading: its first finding"
        );
    }

    #[test]
    fn dismissing_a_group_asks_one_reason_for_all() {
        let (_d, mut app) = reviewing();
        let (row, ids) = group_of(&app, 2);
        app.findings.list.cursor = row;
        app.dispatch(Action::VerdictDismissed);
        assert_eq!(app.prompt.kind, PromptKind::GroupReason);
        let label = app.prompt.label(&app.prompt_detail());
        assert!(label.contains(&format!("{} ×", ids.len())), "{label}");
        app.dispatch(Action::Submit);
        assert!(
            ids.iter().all(|id| verdict(&app, id) == Verdict::Open),
            "blank refused"
        );
        assert_eq!(app.prompt.kind, PromptKind::GroupReason, "asked again");
        app.paste("同一口径");
        app.dispatch(Action::Submit);
        let a = app.annotations.as_ref().unwrap();
        for id in &ids {
            assert_eq!(a.session.verdict_of(id), Verdict::Dismissed);
            assert_eq!(
                a.session.annotation(id).unwrap().reason.as_deref(),
                Some("同一口径")
            );
        }
        // Every finding of the group judged: a second key there says so.
        app.findings.list.cursor = row;
        app.dispatch(Action::VerdictConfirmed);
        assert!(app
            .flash
            .clone()
            .unwrap()
            .contains("every finding of the group has a verdict"));
        assert!(ids.iter().all(|id| verdict(&app, id) == Verdict::Dismissed));
    }
}
