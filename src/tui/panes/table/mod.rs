//! The schedule view (表格): one schedule's panels with the code and name
//! columns frozen and the value columns scrolling sideways; amounts
//! right-aligned with thousands separators, blank distinct from 0.00; the
//! 类/款/项 hierarchy indented and foldable; cells involved in findings
//! marked with a symbol (so it works without colour). Two-sided tables (01,
//! 04) and the three-panel 06 show their panels side by side when they fit,
//! else one at a time with the panels named in a tab line. Here: the view's
//! state, its column widths, moving the cursor and searching; drawing is in
//! draw.rs, the foldable row tree in tree.rs.

mod draw;
pub mod tree;

use crate::report::{Panel, Row, Schedule, ScheduleId};
use crate::sanitize::visible;
use crate::tui::draw::format;
use crate::tui::draw::width;
use crate::tui::input::action::Action;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome, Scroll};
use crate::tui::view_model::CellRef;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::Cell;
use tree::RowTree;

/// Natural widths of a panel's columns, computed once from the model.
#[derive(Debug, Clone)]
struct Widths {
    /// The code (or 行次) column; 0 when the panel has neither.
    code: usize,
    /// The name column, with indent and fold marker.
    label: usize,
    /// Each value column's amount width (the marker cell and gap come on top).
    values: Vec<usize>,
}

/// One panel's view state.
#[derive(Debug, Clone)]
pub struct PanelView {
    /// The foldable rows.
    pub tree: RowTree,
    /// The cursor row (index into `Panel::rows`).
    pub row: usize,
    /// The cursor column (index into `Panel::columns`).
    pub col: usize,
    widths: Widths,
    first_col: Cell<usize>,
    scroll: Scroll,
}

/// A schedule's view state.
#[derive(Debug, Clone)]
pub struct TableView {
    /// Which schedule.
    pub id: ScheduleId,
    /// The panel with the cursor.
    pub panel: usize,
    /// Per panel.
    pub panels: Vec<PanelView>,
    /// Whether it has the keyboard.
    pub focused: bool,
}

/// The text in the code column: the code, else the printed 行次.
fn code_text(row: &Row) -> String {
    match (&row.code, row.row_number) {
        (Some(c), _) => c.display().to_string(),
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    }
}

/// Cells per indent level.
const INDENT: usize = 2;

fn label_width(tree: &RowTree, rows: &[Row]) -> usize {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let indent = tree.item(i).map_or(0, |t| t.indent as usize);
            indent * INDENT + 2 + width::width(&visible(&r.label))
        })
        .max()
        .unwrap_or(8)
        .max(8)
}

/// The narrowest width at which a header fits on two lines and every
/// amount fits on one.
fn value_width(panel: &Panel, col: usize) -> usize {
    let amounts = panel
        .rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .map(|c| width::width(&format::cell(c)))
        .max()
        .unwrap_or(0);
    let name = panel
        .columns
        .get(col)
        .map(|c| c.name.as_str())
        .unwrap_or("");
    let head = width::width(name);
    // At least three CJK characters wide, so short headers (决算数) stay on one line.
    let mut w = amounts.max(6);
    while w < head && width::wrap(name, w).len() > 2 {
        w += 1;
    }
    w.min(24)
}

impl PanelView {
    fn new(panel: &Panel) -> Self {
        let tree = RowTree::from_rows(&panel.rows);
        let code = panel
            .rows
            .iter()
            .map(|r| width::width(&code_text(r)))
            .max()
            .unwrap_or(0);
        let widths = Widths {
            // Room for the header too (编码 / 行次 are 4 cells).
            code: if code > 0 { code.max(4) } else { 0 },
            label: label_width(&tree, &panel.rows),
            values: (0..panel.columns.len())
                .map(|c| value_width(panel, c))
                .collect(),
        };
        PanelView {
            tree,
            row: 0,
            col: 0,
            widths,
            first_col: Cell::new(0),
            scroll: Scroll::default(),
        }
    }
}

impl TableView {
    /// The view of a schedule, cursor on the first row.
    pub fn new(s: &Schedule) -> Self {
        TableView {
            id: s.id,
            panel: 0,
            panels: s.panels.iter().map(PanelView::new).collect(),
            focused: false,
        }
    }

    /// The cell under the cursor.
    pub fn cursor_cell(&self) -> Option<CellRef> {
        let p = self.panels.get(self.panel)?;
        Some(CellRef {
            schedule: self.id,
            panel: self.panel,
            row: p.row,
            col: p.col,
        })
    }

    /// Put the cursor on a cell (unfolding its row).
    pub fn go_cell(&mut self, c: CellRef) {
        self.go_row(c.panel, c.row);
        if let Some(p) = self.panels.get_mut(c.panel) {
            p.col = c.col;
        }
    }

    /// Put the cursor on a row (unfolding it), keeping the column when it exists.
    pub fn go_row(&mut self, panel: usize, row: usize) {
        let Some(p) = self.panels.get_mut(panel) else {
            return;
        };
        self.panel = panel;
        if row < p.tree.len() {
            p.tree.reveal(row);
            p.row = row;
        }
        p.col = p.col.min(p.widths.values.len().saturating_sub(1));
    }

    /// Where the cursor is, in words, for the status line.
    pub fn position(&self, s: &Schedule) -> String {
        let Some(pv) = self.panels.get(self.panel) else {
            return s.id.label();
        };
        let Some(panel) = s.panels.get(self.panel) else {
            return s.id.label();
        };
        let row = panel.rows.get(pv.row);
        let col = panel
            .columns
            .get(pv.col)
            .map(|c| c.name.as_str())
            .unwrap_or("");
        let side = if panel.name.is_empty() {
            String::new()
        } else {
            format!(" {}", panel.name)
        };
        match row {
            Some(r) => {
                let key = r.key();
                let label = if r.code.is_some() {
                    format!(" {}", r.label)
                } else {
                    String::new()
                };
                visible(&format!("{}{side} · {key}{label} · {col}", s.id.label())).into_owned()
            }
            None => s.id.label(),
        }
    }
}

impl Pane for TableView {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        self.draw_table(cx, area, buf);
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n_panels = self.panels.len();
        let Some(pv) = self.panels.get_mut(self.panel) else {
            return PaneOutcome::Ignored;
        };
        let ncols = pv.widths.values.len();
        let vis = pv.tree.visible();
        let cpos = vis.iter().position(|r| *r == pv.row).unwrap_or(0);
        if let Some(to) = moved(action, cpos, vis.len(), pv.scroll.page()) {
            if let Some(r) = vis.get(to) {
                pv.row = *r;
            }
            return PaneOutcome::Changed;
        }
        match action {
            Action::Left if pv.col > 0 => pv.col -= 1,
            Action::Left if self.panel > 0 => {
                self.panel -= 1;
                if let Some(p) = self.panels.get_mut(self.panel) {
                    p.col = p.widths.values.len().saturating_sub(1);
                }
            }
            Action::Right if pv.col + 1 < ncols => pv.col += 1,
            Action::Right if self.panel + 1 < n_panels => {
                self.panel += 1;
                if let Some(p) = self.panels.get_mut(self.panel) {
                    p.col = 0;
                }
            }
            Action::Left | Action::Right => return PaneOutcome::Changed,
            Action::FirstColumn => pv.col = 0,
            Action::LastColumn => pv.col = ncols.saturating_sub(1),
            Action::ToggleFold => {
                let has_children = pv.tree.item(pv.row).is_some_and(|i| i.has_children);
                if has_children {
                    pv.tree.toggle(pv.row);
                } else if let Some(parent) = pv.tree.parent(pv.row) {
                    pv.tree.fold(parent);
                    pv.row = parent;
                }
            }
            Action::FoldAll => {
                pv.tree.fold_all();
                pv.row = pv.tree.visible_at_or_above(pv.row).unwrap_or(0);
            }
            Action::UnfoldAll => pv.tree.unfold_all(),
            Action::PrevPanel if n_panels > 1 => {
                self.panel = (self.panel + n_panels - 1) % n_panels
            }
            Action::NextPanel if n_panels > 1 => self.panel = (self.panel + 1) % n_panels,
            Action::PrevPanel | Action::NextPanel => {
                return PaneOutcome::Flash("此表只有一栏 one panel only".into())
            }
            Action::CellInfo => {
                return match self.cursor_cell() {
                    Some(c) if ncols > 0 => PaneOutcome::CellInfo(c),
                    _ => PaneOutcome::Changed,
                }
            }
            Action::Copy => {
                let cell = self.cursor_cell().and_then(|c| cx.model.cell(c));
                return match cell {
                    Some(c) => PaneOutcome::Copy(format::cell_plain(c)),
                    None => PaneOutcome::Flash("nothing to copy".into()),
                };
            }
            _ => return PaneOutcome::Ignored,
        }
        PaneOutcome::Changed
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        let Some(panel) = cx
            .model
            .report
            .schedule(self.id)
            .and_then(|s| s.panels.get(self.panel))
        else {
            return false;
        };
        let texts: Vec<String> = panel
            .rows
            .iter()
            .map(|r| format!("{} {}", code_text(r), r.label))
            .collect();
        if texts.is_empty() {
            return false;
        }
        let from = self.panels.get(self.panel).map_or(0, |p| p.row);
        match crate::tui::panes::list::next_match(&texts, from, query, forward) {
            Some(r) => {
                self.go_row(self.panel, r);
                true
            }
            None => false,
        }
    }
}
