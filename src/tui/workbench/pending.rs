//! The review's questions in progress (a small state machine): dismissing
//! a finding asks its reason; raising or editing an own finding asks its
//! title, then its severity, then opens the note editor; withdrawing one
//! asks for a yes. What has been gathered between the prompts lives here,
//! in one value, so it cannot be half of one question and half of another.

use crate::tui::popups::editor::OwnTarget;

/// What the open review prompt is gathering (the prompt's kind says which
/// question is asked now).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PendingEdit {
    /// No review question is open.
    #[default]
    None,
    /// Dismissing these findings (one, or a rule group's open ones): the
    /// reason is asked.
    Dismiss(Vec<String>),
    /// An own finding: its title is asked.
    OwnTitle(OwnTarget),
    /// An own finding with its title: its severity is asked (the note next,
    /// in the editor).
    OwnSeverity(OwnTarget, String),
    /// Withdrawing this own finding: the confirmation is asked.
    Withdraw(String),
}

impl PendingEdit {
    /// The existing own finding being edited, whose values prefill the
    /// questions.
    pub fn editing(&self) -> Option<&str> {
        match self {
            PendingEdit::OwnTitle(OwnTarget::Existing(id))
            | PendingEdit::OwnSeverity(OwnTarget::Existing(id), _) => Some(id),
            _ => None,
        }
    }

    /// Forget the question (cancelled, or answered).
    pub fn cancel(&mut self) {
        *self = PendingEdit::None;
    }

    /// The reason was given: the findings being dismissed. The question
    /// ends whatever it was.
    pub fn take_dismissal(&mut self) -> Option<Vec<String>> {
        match std::mem::take(self) {
            PendingEdit::Dismiss(ids) => Some(ids),
            _ => None,
        }
    }

    /// The title was typed: on to the severity. False (and the question
    /// ends) when no own finding's title was asked.
    pub fn give_title(&mut self, title: &str) -> bool {
        match std::mem::take(self) {
            PendingEdit::OwnTitle(of) => {
                *self = PendingEdit::OwnSeverity(of, title.to_string());
                true
            }
            _ => false,
        }
    }

    /// The severity was chosen: the own finding and its title, for the note
    /// editor. The question ends whatever it was.
    pub fn take_titled(&mut self) -> Option<(OwnTarget, String)> {
        match std::mem::take(self) {
            PendingEdit::OwnSeverity(of, title) => Some((of, title)),
            _ => None,
        }
    }

    /// The withdrawal was answered: the own finding it is about. The
    /// question ends whatever it was.
    pub fn take_withdrawal(&mut self) -> Option<String> {
        match std::mem::take(self) {
            PendingEdit::Withdraw(id) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::rules::Location;

    fn at(line: u32) -> Location {
        Location {
            line,
            schedule: None,
            row: None,
            column: None,
            project: None,
            section: None,
        }
    }

    #[test]
    fn raising_asks_title_then_severity_then_hands_both_to_the_editor() {
        let mut p = PendingEdit::OwnTitle(OwnTarget::New(at(7)));
        assert_eq!(p.editing(), None, "a new finding prefills nothing");
        assert!(p.give_title("合计不符"));
        assert_eq!(
            p,
            PendingEdit::OwnSeverity(OwnTarget::New(at(7)), "合计不符".into())
        );
        let (of, title) = p.take_titled().unwrap();
        assert_eq!(of, OwnTarget::New(at(7)));
        assert_eq!(title, "合计不符");
        assert_eq!(p, PendingEdit::None);
    }

    #[test]
    fn editing_prefills_through_both_questions() {
        let mut p = PendingEdit::OwnTitle(OwnTarget::Existing("OWN:1".into()));
        assert_eq!(p.editing(), Some("OWN:1"));
        assert!(p.give_title("新标题"));
        assert_eq!(p.editing(), Some("OWN:1"));
        assert_eq!(
            p.take_titled(),
            Some((OwnTarget::Existing("OWN:1".into()), "新标题".into()))
        );
        assert_eq!(p.editing(), None);
    }

    #[test]
    fn each_answer_takes_only_its_own_question_and_ends_it() {
        let mut p = PendingEdit::Dismiss(vec!["F1".into()]);
        assert_eq!(p.take_withdrawal(), None, "not a withdrawal");
        assert_eq!(p, PendingEdit::None, "the question ended");

        let mut p = PendingEdit::Dismiss(vec!["F1".into()]);
        assert!(!p.give_title("x"));
        assert_eq!(p, PendingEdit::None);

        let mut p = PendingEdit::Dismiss(vec!["F1".into()]);
        assert_eq!(p.take_dismissal(), Some(vec!["F1".to_string()]));
        assert_eq!(p.take_dismissal(), None, "answered once");

        let mut p = PendingEdit::Withdraw("OWN:2".into());
        assert_eq!(p.take_titled(), None);
        let mut p = PendingEdit::Withdraw("OWN:2".into());
        assert_eq!(p.take_withdrawal().as_deref(), Some("OWN:2"));

        let mut p = PendingEdit::OwnTitle(OwnTarget::New(at(1)));
        p.cancel();
        assert_eq!(p, PendingEdit::None);
    }
}
