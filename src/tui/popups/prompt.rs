//! The one-line input (输入行) on the hint line: the in-view search, the
//! rule filter and the review's questions (a dismissal's reason, an own
//! finding's title and severity, the confirmations, a conflict's side). It
//! edits its text by named actions; what a submitted answer does is the
//! workbench's.

use crate::sanitize::visible;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::Action;
use ratatui::text::{Line, Span};

/// What the one-line input is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Search within the current view.
    Search,
    /// Filter the findings by rule id.
    Rule,
    /// The reason for dismissing a finding (required).
    Reason,
    /// The one reason for dismissing a rule group's open findings (required;
    /// Esc is the way out, so the prompt is the confirmation too).
    GroupReason,
    /// The title of a new own finding.
    OwnTitle,
    /// The severity of a new own finding (error, warning, info).
    OwnSeverity,
    /// Confirm moving an unreadable annotations file aside (yes).
    ConfirmFresh,
    /// Confirm withdrawing an own finding (yes).
    ConfirmWithdraw,
    /// Which side wins a conflict with another writer (ours, theirs).
    Conflict,
}

/// The one-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// The text typed.
    pub text: String,
}

impl Prompt {
    /// A prompt for `kind`, starting with `text`.
    pub fn new(kind: PromptKind, text: impl Into<String>) -> Self {
        Prompt {
            kind,
            text: text.into(),
        }
    }

    /// Edit the text by a text action (`delete_char`, `delete_word`,
    /// `clear_input`); false when `action` is not one.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::DeleteChar => {
                self.text.pop();
            }
            Action::DeleteWord => {
                let t = self.text.trim_end().to_string();
                let cut = t.rfind(' ').map_or(0, |i| i + 1);
                self.text = t[..cut].to_string();
            }
            Action::ClearInput => self.text.clear(),
            _ => return false,
        }
        true
    }

    /// A bracketed paste, as one line without control characters.
    pub fn paste(&mut self, text: &str) {
        let line = text.replace(['\r', '\n'], " ");
        self.text.extend(line.chars().filter(|c| !c.is_control()));
    }

    /// What the prompt asks, before the text; `detail` names the key a
    /// conflict prompt is about, or the group a group dismissal covers.
    pub fn label(&self, detail: &str) -> String {
        let conflict = detail;
        match self.kind {
            PromptKind::Search => "/".to_string(),
            PromptKind::Rule => "rule: ".to_string(),
            PromptKind::Reason => "排除理由 reason (required): ".to_string(),
            PromptKind::GroupReason => {
                format!("排除整组 dismiss {detail}, one reason for all (Esc cancels): ")
            }
            PromptKind::OwnTitle => "自行发现 own finding, title: ".to_string(),
            PromptKind::OwnSeverity => "severity (error/warning/info): ".to_string(),
            PromptKind::ConfirmFresh => {
                "move the unreadable file to .bak and start fresh? type yes: ".to_string()
            }
            PromptKind::ConfirmWithdraw => "撤回 withdraw your own finding? type yes: ".to_string(),
            PromptKind::Conflict => format!(
                "冲突 conflict on {}: o = keep mine, t = take theirs: ",
                conflict
            ),
        }
    }

    /// The hint line while the prompt is open: label, text, cursor.
    pub fn line(&self, t: &Theme, detail: &str) -> Line<'static> {
        Line::from(vec![
            Span::styled(self.label(detail), t.heading()),
            Span::raw(visible(&self.text).into_owned()),
            Span::styled("_", t.cursor()),
        ])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn text_actions_edit_and_a_paste_is_one_line() {
        let mut p = Prompt::new(PromptKind::Search, "公开05表 小计 ");
        assert!(p.edit(Action::DeleteWord));
        assert_eq!(p.text, "公开05表 ");
        assert!(p.edit(Action::DeleteChar));
        assert_eq!(p.text, "公开05表");
        assert!(!p.edit(Action::Submit));
        p.paste("\r\n合计\u{1b}");
        assert_eq!(p.text, "公开05表  合计");
        assert!(p.edit(Action::ClearInput));
        assert!(p.text.is_empty());
    }
}
