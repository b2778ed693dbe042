//! The workbench's navigation state: which pane has focus, what the main
//! pane shows, and the jump list (back / forward, like an editor's).

use crate::report::{LineNo, ScheduleId};
use crate::tui::view_model::{CellRef, FindingId};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The schedules list.
    Schedules,
    /// The projects list.
    Projects,
    /// The findings list.
    Findings,
    /// The main pane (schedule, project or source view).
    Main,
}

impl Focus {
    /// The order Tab walks.
    const CYCLE: [Focus; 4] = [
        Focus::Schedules,
        Focus::Projects,
        Focus::Findings,
        Focus::Main,
    ];

    /// The next pane (Tab).
    pub fn next(self) -> Focus {
        let i = Focus::CYCLE.iter().position(|f| *f == self).unwrap_or(0);
        Focus::CYCLE[(i + 1) % 4]
    }

    /// The previous pane (Shift-Tab).
    pub fn prev(self) -> Focus {
        let i = Focus::CYCLE.iter().position(|f| *f == self).unwrap_or(0);
        Focus::CYCLE[(i + 3) % 4]
    }
}

/// What the main pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A schedule.
    Table(ScheduleId),
    /// A project (index into `Report::projects`).
    Project(usize),
    /// The source text.
    Source,
    /// A performance table as an evidence table.
    Evidence(crate::tui::panes::evidence::Perf),
    /// A PDF page laid out by position.
    Page(u32),
}

/// Everything needed to come back to a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The focused pane.
    pub focus: Focus,
    /// The main view.
    pub view: View,
    /// The table cursor, when the view is a table.
    pub cell: Option<CellRef>,
    /// The source cursor.
    pub line: LineNo,
    /// The finding being looked at (by id: the findings may be rebuilt
    /// before the place is come back to).
    pub finding: Option<FindingId>,
}

/// Back and forward stacks of places. A new jump clears the forward stack.
#[derive(Debug, Default, Clone)]
pub struct JumpList {
    back: Vec<Place>,
    forward: Vec<Place>,
}

/// Places remembered at most.
const DEPTH: usize = 100;

impl JumpList {
    /// Remember `here` before jumping away from it.
    pub fn push(&mut self, here: Place) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
        }
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place to go back to; `here` becomes reachable by [`JumpList::forward`].
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// The place to go forward to; `here` becomes reachable by [`JumpList::back`].
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// The place [`JumpList::back`] would return.
    pub fn peek_back(&self) -> Option<&Place> {
        self.back.last()
    }

    /// (places behind, places ahead).
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn at(line: LineNo) -> Place {
        Place {
            focus: Focus::Main,
            view: View::Source,
            cell: None,
            line,
            finding: None,
        }
    }

    #[test]
    fn back_and_forward_walk_like_an_editor() {
        let mut j = JumpList::default();
        j.push(at(1));
        j.push(at(2));
        // Now at 3.
        assert_eq!(j.back(at(3)).unwrap().line, 2);
        assert_eq!(j.back(at(2)).unwrap().line, 1);
        assert!(j.back(at(1)).is_none());
        assert_eq!(j.forward(at(1)).unwrap().line, 2);
        assert_eq!(j.forward(at(2)).unwrap().line, 3);
        assert!(j.forward(at(3)).is_none());
        // A new jump drops what was ahead.
        j.back(at(3));
        j.push(at(2));
        assert_eq!(j.depth().1, 0);
    }

    #[test]
    fn focus_cycles_both_ways() {
        assert_eq!(Focus::Main.next(), Focus::Schedules);
        assert_eq!(Focus::Schedules.prev(), Focus::Main);
        assert_eq!(Focus::Projects.next().prev(), Focus::Projects);
    }
}
