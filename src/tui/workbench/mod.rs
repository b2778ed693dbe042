//! The workbench on one report: the app state (panes, focus, the finding
//! being looked at, the jump list), the dispatch of named actions, the
//! review actions on the auditor's annotations, and the layout that draws it.
//! [`app::App`] is one type over five files: app.rs (its state and the
//! dispatch), navigate.rs (moving about), review.rs (the review actions),
//! answers.rs (what the review's prompts and editor submit) and
//! verdicts.rs (recording verdicts, moving on, undoing them).

/// A [`Cx`] from the app's fields, so panes can be borrowed mutably beside it.
macro_rules! cx {
    ($s:ident) => {
        $crate::tui::panes::Cx {
            model: &$s.model,
            theme: &$s.theme,
            current: $s.current.as_ref().and_then(|id| $s.model.position(id)),
            decorations: $s.decorations.as_ref(),
            session: $s.annotations.as_ref().map(|a| &a.session),
        }
    };
}

pub mod annotations;
mod answers;
pub mod app;
mod navigate;
pub mod pending;
mod review;
pub mod state;
pub mod ui;
mod verdicts;
