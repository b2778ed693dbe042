//! The panes of the workbench: the three sidebar lists (schedules, projects,
//! findings), the main views (table, project, source) and the drill-down
//! box. What every pane is (the idea of gitui's component trait): it draws
//! itself from `&self`, and it handles named actions, never raw keys,
//! answering with an [`PaneOutcome`] the app acts on.

pub mod decorations;
pub mod detail;
pub mod distinguish;
pub mod evidence;
pub mod findings;
pub mod list;
pub mod page;
pub mod project;
pub mod projects;
pub mod schedules;
pub mod source;
pub mod table;

use crate::tui::draw::theme::Theme;
use crate::tui::input::action::Action;
use crate::tui::panes::decorations::FindingDecorations;
use crate::tui::view_model::{FindingId, Target, ViewModel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::Cell;

/// What panes need to know to draw and to act.
pub struct Cx<'a> {
    /// The report, findings and indexes.
    pub model: &'a ViewModel,
    /// Symbols and styles.
    pub theme: &'a Theme,
    /// The finding being looked at (drilled into or selected), if any.
    pub current: Option<usize>,
    /// Per-finding markers drawn by other parts (verdicts, later).
    pub decorations: &'a dyn FindingDecorations,
    /// The review session of the auditor's annotations, when open
    /// (verdicts, notes, history, ticks).
    pub session: Option<&'a crate::review::Session>,
}

impl Cx<'_> {
    /// The examined mark (`+`) when this exact target is ticked, else a space.
    pub fn tick_mark(&self, target: &crate::review::TickTarget) -> &'static str {
        if self.session.is_some_and(|s| s.is_ticked(target)) {
            "+"
        } else {
            " "
        }
    }
}

/// What a pane asks the app to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaneOutcome {
    /// Not this pane's action: let the global section have it.
    Ignored,
    /// Handled; redraw.
    Changed,
    /// The selection moved: show it in the main pane, no jump.
    Show(Target),
    /// The selected finding changed: preview it in the main pane, no jump.
    Preview(FindingId),
    /// Go there (a jump: recorded in the jump list) and focus the main pane.
    Go(Target),
    /// Drill into this finding (a jump).
    Drill(FindingId),
    /// Open the cell popup for a cell.
    CellInfo(crate::tui::view_model::CellRef),
    /// Ask for a line of text (rule filter), starting with this text.
    AskRule(String),
    /// Copy this text to the clipboard.
    Copy(String),
    /// Close the popup.
    Close,
    /// Show a short message in the hint line.
    Flash(String),
}

/// A pane or popup.
pub trait Pane {
    /// Draw into `area`. Drawing never changes what is selected; offsets
    /// that follow the cursor live in [`Scroll`] cells.
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer);

    /// Handle a named action.
    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome;

    /// Move to the next (or previous) item matching `query`; false when none.
    fn find(&mut self, _cx: &Cx, _query: &str, _forward: bool) -> bool {
        false
    }
}

/// A vertical scroll offset that follows a cursor; set while drawing.
#[derive(Debug, Default, Clone)]
pub struct Scroll {
    top: Cell<usize>,
    height: Cell<usize>,
}

impl Scroll {
    /// The first row to draw so that `cursor` is visible in `height` rows of
    /// `len`; remembered for the next draw and for paging.
    pub fn follow(&self, cursor: usize, len: usize, height: usize) -> usize {
        let mut top = self.top.get();
        if cursor < top {
            top = cursor;
        }
        if height > 0 && cursor >= top + height {
            top = cursor + 1 - height;
        }
        top = top.min(len.saturating_sub(height));
        self.top.set(top);
        self.height.set(height);
        top
    }

    /// The rows shown at the last draw (at least 1).
    pub fn page(&self) -> usize {
        self.height.get().max(1)
    }

    /// Forget the offset (a new list).
    pub fn reset(&self) {
        self.top.set(0);
    }
}

/// The cursor after a movement action over `len` items, or none when the
/// action is not a movement.
pub fn moved(action: Action, pos: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let half = (page / 2).max(1);
    let to = match action {
        Action::Up => pos.saturating_sub(1),
        Action::Down => (pos + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => pos.saturating_sub(page),
        Action::PageDown => (pos + page).min(last),
        Action::HalfPageUp => pos.saturating_sub(half),
        Action::HalfPageDown => (pos + half).min(last),
        _ => return None,
    };
    Some(to)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn scroll_follows_the_cursor_both_ways() {
        let s = Scroll::default();
        assert_eq!(s.follow(0, 100, 10), 0);
        assert_eq!(s.follow(9, 100, 10), 0);
        assert_eq!(s.follow(10, 100, 10), 1);
        assert_eq!(s.follow(50, 100, 10), 41);
        assert_eq!(s.follow(45, 100, 10), 41);
        assert_eq!(s.follow(3, 100, 10), 3);
        // A list shorter than the view never scrolls.
        assert_eq!(s.follow(4, 5, 10), 0);
        assert_eq!(s.page(), 10);
    }

    #[test]
    fn movements_stay_in_bounds() {
        assert_eq!(moved(Action::Up, 0, 5, 3), Some(0));
        assert_eq!(moved(Action::Down, 4, 5, 3), Some(4));
        assert_eq!(moved(Action::PageDown, 1, 5, 3), Some(4));
        assert_eq!(moved(Action::HalfPageDown, 0, 50, 20), Some(10));
        assert_eq!(moved(Action::Bottom, 0, 0, 3), Some(0));
        assert_eq!(moved(Action::Open, 0, 5, 3), None);
    }
}
