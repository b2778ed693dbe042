//! The cell popup (单元格): the findings and the narrative claims that
//! involve one schedule cell. Claims match by amount: a sentence that states
//! the cell's value.

use crate::sanitize::visible;
use crate::tui::draw::block;
use crate::tui::draw::format;
use crate::tui::draw::width;
use crate::tui::input::action::Action;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome, Scroll};
use crate::tui::popups::finder::Dest;
use crate::tui::popups::popup;
use crate::tui::view_model::{CellRef, FindingId, Target};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// One entry of the popup.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What is shown.
    pub text: String,
    /// Where Enter goes (a finding entry drills into its finding).
    pub dest: Dest,
}

/// The popup's state.
#[derive(Debug)]
pub struct CellInfo {
    /// The cell.
    pub cell: CellRef,
    /// A heading describing the cell.
    pub title: String,
    /// Findings first, then claims.
    pub entries: Vec<Entry>,
    /// Index into `entries`.
    pub cursor: usize,
    scroll: Scroll,
}

impl CellInfo {
    /// The popup for a cell.
    pub fn new(cx: &Cx, cell: CellRef) -> Self {
        let m = cx.model;
        let s = m.report.schedule(cell.schedule);
        let panel = s.and_then(|s| s.panels.get(cell.panel));
        let row = panel.and_then(|p| p.rows.get(cell.row));
        let col = panel
            .and_then(|p| p.columns.get(cell.col))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let value = m.cell(cell);
        let title = format!(
            "{} {} · {} = {}",
            cell.schedule.label(),
            row.map(|r| format!("{} {}", r.key(), r.label_if_coded()))
                .unwrap_or_default()
                .trim(),
            col,
            value.map(format::cell_long).unwrap_or_default()
        );
        let mut entries: Vec<Entry> = m
            .findings_on_cell(cell)
            .into_iter()
            .map(|f| Entry {
                text: format!("{} {}", m.findings[f].rule, visible(&m.findings[f].message)),
                dest: Dest::Drill(FindingId::of(&m.findings[f])),
            })
            .collect();
        if let Some(v) = value {
            for ci in m.claims_stating(v) {
                let c = &m.report.narrative.claims[ci];
                entries.push(Entry {
                    text: format!(
                        "行{} 叙述 “{}{}”：{}",
                        c.line,
                        c.value,
                        c.unit,
                        visible(c.sentence.trim())
                    ),
                    dest: Dest::Go(Target::Line(c.line)),
                });
            }
        }
        CellInfo {
            cell,
            title: visible(&title).into_owned(),
            entries,
            cursor: 0,
            scroll: Scroll::default(),
        }
    }
}

impl Pane for CellInfo {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let r = popup(area, 90, 60);
        Clear.render(r, buf);
        let b = block(t, vec![Span::styled(self.title.clone(), t.heading())], true);
        let inner = b.inner(r);
        b.render(r, buf);
        let w = inner.width as usize;
        if self.entries.is_empty() {
            buf.set_line(
                inner.x,
                inner.y,
                &Line::styled(
                    "没有问题，叙述中也未提到此数 (no findings, no claim states this value)",
                    t.dim(),
                ),
                inner.width,
            );
            return;
        }
        let h = inner.height as usize;
        let top = self.scroll.follow(self.cursor, self.entries.len(), h);
        for (y, (i, e)) in self
            .entries
            .iter()
            .enumerate()
            .skip(top)
            .take(h)
            .enumerate()
        {
            let base = if i == self.cursor {
                t.cursor()
            } else {
                ratatui::style::Style::new()
            };
            let (mark, ms) = match e.dest.finding(cx.model) {
                Some(f) => (t.severity_mark(f.severity), t.severity(f.severity)),
                None => ("“", t.dim()),
            };
            let line = Line::from(vec![
                Span::styled(mark, ms.patch(base)),
                Span::styled(" ", base),
                Span::styled(
                    width::pad_right(&e.text, w.saturating_sub(2), t.sym.ellipsis),
                    base,
                ),
            ]);
            buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
        }
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> PaneOutcome {
        if let Some(to) = moved(action, self.cursor, self.entries.len(), self.scroll.page()) {
            self.cursor = to;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Open => match self.entries.get(self.cursor).map(|e| e.dest.clone()) {
                Some(Dest::Go(t)) => PaneOutcome::Go(t),
                Some(Dest::Drill(f)) => PaneOutcome::Drill(f),
                None => PaneOutcome::Close,
            },
            Action::Copy => match self.entries.get(self.cursor) {
                Some(e) => PaneOutcome::Copy(e.text.clone()),
                None => PaneOutcome::Changed,
            },
            Action::Close | Action::Quit => PaneOutcome::Close,
            _ => PaneOutcome::Ignored,
        }
    }
}
