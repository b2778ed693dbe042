//! The named actions keys run (the `run` field of keymap.toml), and the panes
//! (keymap sections) they belong to. Panes handle actions, never raw keys.

/// Defines [`Action`] with its keymap name and a one-line description.
macro_rules! actions {
    ($( $variant:ident = $name:literal, $doc:literal; )*) => {
        /// A named action a key can run (the `run` field of keymap.toml).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( #[doc = $doc] $variant, )*
        }

        impl Action {
            /// Every action, in declaration order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The name used in keymap.toml.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// What it does, for help when a binding has no `desc`.
            pub fn doc(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }

            /// The action with this keymap name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Quit = "quit", "Quit juesuan";
    Help = "help", "Show the keys of the active keymap";
    Redraw = "redraw", "Redraw the whole screen";
    FocusNext = "focus_next", "Move focus to the next pane";
    FocusPrev = "focus_prev", "Move focus to the previous pane";
    FocusSchedules = "focus_schedules", "Focus the schedules list";
    FocusProjects = "focus_projects", "Focus the projects list";
    FocusFindings = "focus_findings", "Focus the findings list";
    FocusMain = "focus_main", "Focus the main pane";
    NextFinding = "next_finding", "Drill into the next finding";
    PrevFinding = "prev_finding", "Drill into the previous finding";
    JumpBack = "jump_back", "Go back to where you were (jump list)";
    JumpForward = "jump_forward", "Go forward again (jump list)";
    Search = "search", "Search within the current view";
    SearchNext = "search_next", "Next search match";
    SearchPrev = "search_prev", "Previous search match";
    Finder = "finder", "Fuzzy-find codes, names, projects, findings, sentences";
    ToggleSource = "toggle_source", "Toggle between a view and its source lines";
    Page = "page", "Show the PDF page the finding or line is on, laid out by position (again: back)";
    Zoom = "zoom", "Show the focused pane on the whole screen (again: back)";
    Copy = "copy", "Copy the selected value (OSC 52)";
    CopyFinding = "copy_finding", "Copy the current finding (OSC 52)";
    CellInfo = "cell_info", "List findings and narrative claims involving the cell";
    Up = "up", "Move up";
    Down = "down", "Move down";
    Left = "left", "Move left";
    Right = "right", "Move right";
    Top = "top", "Go to the top";
    Bottom = "bottom", "Go to the bottom";
    PageUp = "page_up", "Page up";
    PageDown = "page_down", "Page down";
    HalfPageUp = "half_page_up", "Half a page up";
    HalfPageDown = "half_page_down", "Half a page down";
    FirstColumn = "first_column", "Go to the first column";
    LastColumn = "last_column", "Go to the last column";
    Open = "open", "Open the selection";
    ToggleFold = "toggle_fold", "Fold or unfold the row's 款/项";
    FoldAll = "fold_all", "Fold every row to its 类";
    UnfoldAll = "unfold_all", "Unfold every row";
    PrevPanel = "prev_panel", "Previous panel of the table (收入/支出, 06 panels)";
    NextPanel = "next_panel", "Next panel of the table";
    FilterSeverity = "filter_severity", "Cycle the severity filter: all, error, warning, info";
    FilterRule = "filter_rule", "Filter findings by rule id";
    ClearFilter = "clear_filter", "Clear the findings filters";
    Close = "close", "Close this popup";
    Submit = "submit", "Submit the input";
    DeleteChar = "delete_char", "Delete the character before the cursor";
    DeleteWord = "delete_word", "Delete the word before the cursor";
    ClearInput = "clear_input", "Clear the input";
    VerdictConfirmed = "verdict_confirmed", "Verdict on the finding: confirmed (确认)";
    VerdictDismissed = "verdict_dismissed", "Verdict on the finding: dismissed, asks the reason (排除)";
    VerdictFollowUp = "verdict_follow_up", "Verdict on the finding: needs follow-up (待跟进)";
    VerdictResolved = "verdict_resolved", "Verdict on the finding: resolved (已整改)";
    VerdictOpen = "verdict_open", "Verdict on the finding: back to open (待审)";
    UndoVerdict = "undo_verdict", "Undo the last verdict of this session (again: the one before), and go back to its finding";
    NextUnreviewed = "next_unreviewed", "Go to the next finding without a verdict (未审)";
    EditNote = "edit_note", "Edit the finding's note (multi-line, paste welcome)";
    AddFinding = "add_finding", "Raise an own finding at the cursor (cell, project or source line)";
    EditFinding = "edit_finding", "Edit the selected own finding: title, severity, note (自行发现)";
    WithdrawFinding = "withdraw_finding", "Withdraw the selected own finding (asks first; kept in its history)";
    SignOff = "sign_off", "Sign off the finding's verdict as reviewer (复核)";
    Tick = "tick", "Tick the schedule, row or project at the cursor as examined (again: untick)";
    Export = "export", "Export the working paper (Markdown, REPORT.audit.md)";
    StartFresh = "start_fresh", "Unreadable annotations file: move it to .bak and start fresh (asks first)";
    FilterVerdict = "filter_verdict", "Cycle the verdict filter: all, open, confirmed, dismissed, follow-up, resolved";
    Newline = "newline", "Insert a line break";
    Portfolio = "portfolio", "Back to the portfolio of reports (juesuan DIR)";
    SortNext = "sort_next", "Sort the portfolio by the next column";
    SortReverse = "sort_reverse", "Reverse the portfolio's sort order";
    Noop = "noop", "Do nothing (unbinds a default key)";
}

/// A keymap section: a pane or popup with its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Everywhere except popups, after the pane's own section.
    Global,
    /// The schedules list (sidebar).
    Schedules,
    /// The projects list (sidebar).
    Projects,
    /// The findings list (sidebar).
    Findings,
    /// The schedule view (main pane).
    Table,
    /// The project view (main pane).
    Project,
    /// The source view (main pane).
    Source,
    /// The evidence table of a performance table (main pane).
    Evidence,
    /// The PDF page view (main pane).
    Page,
    /// The fuzzy finder popup.
    Finder,
    /// The cell popup: findings and claims involving a cell.
    CellInfo,
    /// The help popup.
    Help,
    /// The one-line input (search, rule filter).
    Input,
    /// The note editor (multi-line).
    Editor,
    /// The portfolio of a folder's reports (`juesuan DIR`).
    Portfolio,
}

impl Scope {
    /// Every section, in the order help lists them.
    pub const ALL: [Scope; 15] = [
        Scope::Global,
        Scope::Schedules,
        Scope::Projects,
        Scope::Findings,
        Scope::Table,
        Scope::Project,
        Scope::Source,
        Scope::Evidence,
        Scope::Page,
        Scope::Finder,
        Scope::CellInfo,
        Scope::Help,
        Scope::Input,
        Scope::Editor,
        Scope::Portfolio,
    ];

    /// The section name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Schedules => "schedules",
            Scope::Projects => "projects",
            Scope::Findings => "findings",
            Scope::Table => "table",
            Scope::Project => "project",
            Scope::Source => "source",
            Scope::Evidence => "evidence",
            Scope::Page => "page",
            Scope::Finder => "finder",
            Scope::CellInfo => "cell_info",
            Scope::Help => "help",
            Scope::Input => "input",
            Scope::Editor => "editor",
            Scope::Portfolio => "portfolio",
        }
    }

    /// A heading for help.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere 全局",
            Scope::Schedules => "Schedules list 公开表",
            Scope::Projects => "Projects list 项目",
            Scope::Findings => "Findings list 问题",
            Scope::Table => "Schedule view 表格",
            Scope::Project => "Project view 项目绩效",
            Scope::Source => "Source view 原文",
            Scope::Evidence => "Evidence table 绩效表",
            Scope::Page => "PDF page 版面",
            Scope::Finder => "Finder 查找",
            Scope::CellInfo => "Cell popup 单元格",
            Scope::Help => "Help 帮助",
            Scope::Input => "Input line 输入",
            Scope::Editor => "Note editor 备注",
            Scope::Portfolio => "Portfolio 汇总",
        }
    }

    /// The section with this name.
    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Popups own the keyboard: the global section is not consulted.
    pub fn is_modal(self) -> bool {
        matches!(
            self,
            Scope::Finder
                | Scope::CellInfo
                | Scope::Help
                | Scope::Input
                | Scope::Editor
                | Scope::Portfolio
        )
    }

    /// Sections where unbound printable keys are typed as text.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Finder | Scope::Input | Scope::Editor)
    }
}

impl Action {
    /// Whether a binding to this action makes sense in `scope` (checked at load).
    pub fn applies_in(self, scope: Scope) -> bool {
        use Action::*;
        let global = matches!(
            self,
            Quit | Help
                | Redraw
                | FocusNext
                | FocusPrev
                | FocusSchedules
                | FocusProjects
                | FocusFindings
                | FocusMain
                | NextFinding
                | PrevFinding
                | JumpBack
                | JumpForward
                | Search
                | SearchNext
                | SearchPrev
                | Finder
                | ToggleSource
                | Page
                | Zoom
                | Copy
                | CopyFinding
                | VerdictConfirmed
                | VerdictDismissed
                | VerdictFollowUp
                | VerdictResolved
                | VerdictOpen
                | UndoVerdict
                | NextUnreviewed
                | EditNote
                | AddFinding
                | EditFinding
                | WithdrawFinding
                | SignOff
                | Tick
                | Export
                | StartFresh
                | Portfolio
                | Noop
        );
        let vertical = matches!(
            self,
            Up | Down | Top | Bottom | PageUp | PageDown | HalfPageUp | HalfPageDown
        );
        let text = matches!(self, DeleteChar | DeleteWord | ClearInput);
        match scope {
            Scope::Global => global,
            Scope::Schedules | Scope::Projects => global || vertical || self == Open,
            Scope::Findings => {
                global
                    || vertical
                    || matches!(
                        self,
                        Open | Left | FilterSeverity | FilterRule | FilterVerdict | ClearFilter
                    )
            }
            Scope::Table => {
                global
                    || vertical
                    || matches!(
                        self,
                        Left | Right
                            | FirstColumn
                            | LastColumn
                            | CellInfo
                            | ToggleFold
                            | FoldAll
                            | UnfoldAll
                            | PrevPanel
                            | NextPanel
                    )
            }
            Scope::Project => global || vertical,
            Scope::Source => {
                global || vertical || matches!(self, Left | Right | FirstColumn | LastColumn | Open)
            }
            Scope::Evidence => global || vertical || self == Open,
            Scope::Page => global || vertical || matches!(self, Open | PrevPanel | NextPanel),
            Scope::Finder => vertical || text || matches!(self, Open | Close | Noop),
            Scope::CellInfo => vertical || matches!(self, Open | Close | Copy | Noop | Quit),
            Scope::Help => vertical || matches!(self, Close | Quit | Noop),
            Scope::Input => text || matches!(self, Submit | Close | Noop),
            Scope::Editor => {
                text || matches!(
                    self,
                    Submit
                        | Close
                        | Newline
                        | Up
                        | Down
                        | Left
                        | Right
                        | FirstColumn
                        | LastColumn
                        | Noop
                )
            }
            Scope::Portfolio => {
                vertical
                    || matches!(
                        self,
                        Open | SortNext | SortReverse | Search | Quit | Redraw | Noop
                    )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a.name()), "duplicate name {}", a.name());
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(!a.doc().is_empty());
        }
        assert_eq!(Action::from_name("no_such_action"), None);
        for s in Scope::ALL {
            assert_eq!(Scope::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn every_action_belongs_somewhere() {
        for a in Action::ALL {
            assert!(
                Scope::ALL.iter().any(|s| a.applies_in(*s)),
                "{} applies nowhere",
                a.name()
            );
        }
        assert!(!Action::Submit.applies_in(Scope::Table));
        assert!(Action::Quit.applies_in(Scope::Table));
    }
}
