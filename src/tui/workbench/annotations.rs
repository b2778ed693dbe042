//! The auditor's annotations in the workbench (审核记录): the
//! [`review::Session`](crate::review::Session) opened beside the report, saved
//! after every change, with a failed save kept in memory and retried, and the
//! verdict markers the findings list draws. All recording goes through the
//! session; this module only decides what to show.

use crate::report::Report;
use crate::review::{Attach, Conflict, SaveOutcome, Session, SidecarError, Verdict};
use crate::rules::Finding;
use crate::sanitize::visible;
use crate::tui::draw::theme::Theme;
use crate::tui::panes::decorations::FindingDecorations;
use ratatui::style::{Modifier, Style};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The open annotations of the report in the workbench.
#[derive(Debug)]
pub struct Annotations {
    /// The session (the sidecar in memory).
    pub session: Session,
    /// `--annotations PATH`, when given (start fresh needs it again).
    pub explicit: Option<PathBuf>,
    /// The configured auditor name (start fresh keeps it).
    pub auditor: Option<String>,
    /// The last save failed with this; memory holds the changes and the
    /// next change or timer tick tries again.
    pub unsaved: Option<String>,
    /// Conflicts still to be decided, first first.
    pub conflicts: Vec<Conflict>,
    rule_findings: Vec<Finding>,
}

/// What opening the sidecar gave: the annotations (unless the file could not
/// even be read) and a message for the auditor.
pub struct Opened {
    /// The annotations.
    pub annotations: Option<Annotations>,
    /// Why the file is read-only or unavailable.
    pub message: Option<String>,
}

impl Annotations {
    /// Open the sidecar of `report_path` (or `explicit`). A corrupt or
    /// newer-schema file opens read-only with its message (file:line:col);
    /// a file that cannot be read at all leaves the workbench without
    /// annotations, with the message.
    pub fn open(report_path: &Path, explicit: Option<&Path>, auditor: Option<&str>) -> Opened {
        let (session, message) = match Session::open(report_path, explicit) {
            Ok(s) => (s, None),
            Err(e) if e.is_unreadable_content() => {
                match Session::open_read_only(report_path, explicit) {
                    Ok(s) => (
                        s,
                        Some(format!(
                            "只读 read-only: {} — R starts a fresh file (the old one is kept as .bak)",
                            e
                        )),
                    ),
                    Err(e) => return unavailable(&e),
                }
            }
            Err(e) => return unavailable(&e),
        };
        let mut session = session;
        session.set_auditor(auditor);
        Opened {
            annotations: Some(Annotations {
                session,
                explicit: explicit.map(Path::to_path_buf),
                auditor: auditor.map(str::to_string),
                unsaved: None,
                conflicts: Vec::new(),
                rule_findings: Vec::new(),
            }),
            message,
        }
    }

    /// Attach to the report and its rule findings.
    pub fn attach(&mut self, report: &Report, findings: &[Finding]) {
        self.rule_findings = findings.to_vec();
        self.session.attach(report, findings);
    }

    /// Move the unreadable file to `.bak` and open a fresh one; the message
    /// says where the old file went.
    pub fn start_fresh(&mut self, report: &Report) -> Result<String, SidecarError> {
        let report_path = self.session.report_path().to_path_buf();
        let (mut s, bak) = Session::start_fresh(&report_path, self.explicit.as_deref())?;
        s.set_auditor(self.auditor.as_deref());
        s.attach(report, &self.rule_findings);
        self.session = s;
        self.unsaved = None;
        Ok(format!(
            "新建审核记录 started fresh; the old file is {}",
            bak.display()
        ))
    }

    /// The findings to list (rule findings, then own) and the orphaned
    /// annotations as findings at their old location, with their old text.
    pub fn findings(&self) -> (Vec<Finding>, Vec<Finding>) {
        let orphans = self
            .session
            .attachment()
            .map(|a| a.orphans())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| {
                let a = self.session.annotation(id)?;
                Some(Finding {
                    id: id.to_string(),
                    rule: a.seen.rule.clone(),
                    severity: a.seen.severity,
                    message: a.seen.message.clone(),
                    expected: a.seen.expected,
                    actual: a.seen.actual,
                    difference: a.seen.difference,
                    tolerance: None,
                    locations: a.seen.locations.clone(),
                })
            })
            .collect();
        (self.session.findings(), orphans)
    }

    /// Save now. Returns a message for the hint line, when there is one.
    pub fn save(&mut self) -> Option<String> {
        if let Some(reason) = self.session.read_only() {
            return Some(format!(
                "只读，未保存 read-only, kept in memory only: {}",
                visible(reason)
            ));
        }
        match self.session.save() {
            Ok(outcome) => {
                self.unsaved = None;
                match outcome {
                    SaveOutcome::Saved | SaveOutcome::UpToDate => None,
                    SaveOutcome::Merged { from_disk, .. } => Some(format!(
                        "已合并 merged {} change{} from disk (another writer)",
                        from_disk.len(),
                        if from_disk.len() == 1 { "" } else { "s" }
                    )),
                    SaveOutcome::Conflict(cs) => {
                        self.conflicts = cs;
                        None
                    }
                }
            }
            Err(e) => {
                let m = format!("未保存 NOT SAVED (will retry): {}", visible(&e.to_string()));
                self.unsaved = Some(e.to_string());
                Some(m)
            }
        }
    }

    /// A timer tick: retry a failed save, or take in another writer's
    /// changes. Returns a message and whether anything changed.
    pub fn tick(&mut self) -> (Option<String>, bool) {
        if self.unsaved.is_some() && self.conflicts.is_empty() {
            let m = self.save();
            return (m.or_else(|| Some("已保存 saved (retry)".to_string())), true);
        }
        if self.session.read_only().is_some() || !self.conflicts.is_empty() {
            return (None, false);
        }
        match self.session.changed_on_disk() {
            Ok(true) => match self.session.refresh() {
                Ok(SaveOutcome::Conflict(cs)) => {
                    self.conflicts = cs;
                    (None, true)
                }
                Ok(SaveOutcome::Merged { from_disk, .. }) => (
                    Some(format!(
                        "已合并 merged {} change(s) from disk",
                        from_disk.len()
                    )),
                    true,
                ),
                Ok(_) => (None, false),
                Err(e) => (Some(visible(&e.to_string()).into_owned()), true),
            },
            Ok(false) => (None, false),
            Err(_) => (None, false),
        }
    }

    /// The status-line part: reviewed/total, examined coverage, and flags.
    pub fn status(&self) -> String {
        let p = self.session.progress();
        let cov = p.coverage;
        // A few rows of hundreds round down to 0%: say that something was examined.
        let pct = match cov.percent() {
            0 if cov.rows.examined + cov.projects.examined > 0 => "<1".to_string(),
            n => n.to_string(),
        };
        let mut s = format!("审{}/{} 查{pct}%", p.reviewed, p.total);
        if p.changed > 0 {
            s.push_str(&format!(" 变{}", p.changed));
        }
        if p.orphans > 0 {
            s.push_str(&format!(" 孤{}", p.orphans));
        }
        if self.session.attachment().is_some_and(|a| a.report_changed) {
            s.push_str(" 报告已改");
        }
        if self.session.read_only().is_some() {
            s.push_str(" 只读");
        }
        if self.unsaved.is_some() {
            s.push_str(" 未保存!");
        }
        s
    }

    /// Markers for the findings list and the drill-down.
    pub fn marks(&self, theme: &Theme) -> Marks {
        let mut by_id = HashMap::new();
        let doc = self.session.document();
        let attachment = self.session.attachment();
        for (id, a) in &doc.annotations {
            let state = attachment.and_then(|x| x.status(id)).map(|s| &s.attach);
            let second = match state {
                Some(Attach::Orphaned) => 1,
                Some(Attach::Changed(_)) => 2,
                _ => 0,
            };
            let mark = marker(a.verdict, second, theme.ascii);
            if mark.trim().is_empty() {
                continue;
            }
            let mut style = match a.verdict {
                Verdict::Confirmed => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
            if theme.color {
                style = style.fg(match a.verdict {
                    Verdict::Confirmed => ratatui::style::Color::Red,
                    Verdict::Dismissed => ratatui::style::Color::DarkGray,
                    Verdict::FollowUp => ratatui::style::Color::Yellow,
                    Verdict::Resolved => ratatui::style::Color::Green,
                    Verdict::Open => ratatui::style::Color::Reset,
                });
            }
            by_id.insert(id.clone(), (mark, style));
        }
        Marks { by_id }
    }
}

fn unavailable(e: &SidecarError) -> Opened {
    Opened {
        annotations: None,
        message: Some(format!(
            "审核记录不可用 annotations unavailable: {}",
            visible(&e.to_string())
        )),
    }
}

/// The two-cell marker: the verdict, then `~` changed since review or `?`
/// orphaned. Letters and ASCII punctuation when `ascii`; otherwise ✓ and ✗,
/// which are narrow (not ambiguous-width) in every locale.
pub fn marker(v: Verdict, second: u8, ascii: bool) -> &'static str {
    const UNI: [[&str; 3]; 5] = [
        ["  ", " ?", " ~"],
        ["✓ ", "✓?", "✓~"],
        ["✗ ", "✗?", "✗~"],
        ["F ", "F?", "F~"],
        ["R ", "R?", "R~"],
    ];
    const ASC: [[&str; 3]; 5] = [
        ["  ", " ?", " ~"],
        ["v ", "v?", "v~"],
        ["x ", "x?", "x~"],
        ["F ", "F?", "F~"],
        ["R ", "R?", "R~"],
    ];
    let row = match v {
        Verdict::Open => 0,
        Verdict::Confirmed => 1,
        Verdict::Dismissed => 2,
        Verdict::FollowUp => 3,
        Verdict::Resolved => 4,
    };
    let table = if ascii { &ASC } else { &UNI };
    table[row][usize::from(second.min(2))]
}

/// A snapshot of the markers, rebuilt after every change.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    by_id: HashMap<String, (&'static str, Style)>,
}

impl FindingDecorations for Marks {
    fn marker(&self, finding: &Finding) -> Option<(&'static str, Style)> {
        self.by_id.get(&finding.id).copied()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn markers_are_two_cells_and_never_ambiguous() {
        for v in Verdict::ALL {
            for second in 0..3 {
                for ascii in [false, true] {
                    let m = marker(v, second, ascii);
                    assert_eq!(m.width(), 2, "{m:?}");
                    assert!(
                        !m.chars().any(crate::tui::draw::theme::is_ambiguous),
                        "{m:?}"
                    );
                }
            }
        }
    }
}
