//! The source view (原文): the report's text as published, around any line,
//! with the current finding's lines marked, so the auditor sees the evidence.
//! Tabs (the cell separators of the extracted tables) show as a bar; long
//! lines wrap.

use crate::report::LineNo;
use crate::sanitize::visible;
use crate::tui::draw::block;
use crate::tui::draw::width;
use crate::tui::input::action::Action;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome};
use crate::tui::view_model::{Target, ViewModel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::cell::Cell;

/// The source view's state.
#[derive(Debug)]
pub struct SourceView {
    /// The cursor line (1-based).
    pub cursor: LineNo,
    /// Extra lines to mark (a narrative claim's line), besides the finding's.
    pub marked: Vec<LineNo>,
    /// Whether it has the keyboard.
    pub focused: bool,
    top: Cell<LineNo>,
    height: Cell<usize>,
    center: Cell<bool>,
}

impl Default for SourceView {
    fn default() -> Self {
        SourceView {
            cursor: 1,
            marked: Vec::new(),
            focused: false,
            top: Cell::new(1),
            height: Cell::new(1),
            center: Cell::new(true),
        }
    }
}

/// A source line as shown: tabs become a visible bar, control characters
/// become visible placeholders.
pub fn shown_line(text: &str, bar: &str) -> String {
    // Trailing empty cells are padding left by the extraction, not evidence.
    let text = text.trim_end_matches(['\t', ' ']);
    let cells: Vec<String> = text.split('\t').map(|c| visible(c).into_owned()).collect();
    cells.join(&format!(" {bar} "))
}

impl SourceView {
    /// Show line `line` (clamped to the text).
    pub fn go(&mut self, model: &ViewModel, line: LineNo) {
        let n = model.report.source.lines.len() as LineNo;
        self.cursor = line.clamp(1, n.max(1));
        // A jump lands in the middle of the screen, with context on both sides.
        self.center.set(true);
    }

    /// Where the cursor is, for the status line.
    pub fn position(&self, model: &ViewModel) -> String {
        format!("原文 行{}/{}", self.cursor, model.report.source.lines.len())
    }

    /// The rows line `n` takes at `w` cells.
    fn wrapped(&self, model: &ViewModel, n: LineNo, w: usize, bar: &str) -> Vec<String> {
        width::wrap(&shown_line(model.report.source.line(n), bar), w)
    }

    /// The first line to draw so that the cursor line shows entirely.
    fn follow(&self, model: &ViewModel, w: usize, h: usize, bar: &str) -> LineNo {
        if self.center.replace(false) {
            let mut used = self.wrapped(model, self.cursor, w, bar).len();
            let mut top = self.cursor;
            while top > 1 {
                let above = self.wrapped(model, top - 1, w, bar).len();
                if used + above > h / 2 {
                    break;
                }
                used += above;
                top -= 1;
            }
            self.top.set(top);
        }
        let mut top = self.top.get().max(1);
        if self.cursor < top {
            top = self.cursor;
        }
        // Walk up from the cursor until the screen is full.
        let mut used = 0;
        let mut first = self.cursor;
        loop {
            used += self.wrapped(model, first, w, bar).len();
            if used > h || first == 1 {
                if used > h && first < self.cursor {
                    first += 1;
                }
                break;
            }
            first -= 1;
        }
        if top < first {
            top = first;
        }
        self.top.set(top);
        self.height.set(h);
        top
    }
}

impl Pane for SourceView {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let model = cx.model;
        let total = model.report.source.lines.len() as LineNo;
        let title = vec![
            Span::styled("原文 Source ", t.heading()),
            Span::styled(
                format!(
                    "{} · {}",
                    visible(&model.report.source.path),
                    model.report.source.encoding
                ),
                t.dim(),
            ),
        ];
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        let num_w = total.max(1).to_string().len();
        let gutter = 1 + num_w + 3;
        let w = (inner.width as usize).saturating_sub(gutter).max(4);
        let h = inner.height as usize;
        let mut finding_lines = cx
            .current
            .map(|f| model.finding_lines(f))
            .unwrap_or_default();
        let primary = cx
            .current
            .and_then(|f| model.findings.get(f))
            .map(|f| f.line());
        finding_lines.extend(self.marked.iter().copied());
        let top = self.follow(model, w, h, t.sym.bar);
        let mut y = 0usize;
        let mut n = top;
        while y < h && n <= total {
            let rows = self.wrapped(model, n, w, t.sym.bar);
            let involved = finding_lines.contains(&n);
            let mark = if Some(n) == primary {
                t.sym.primary
            } else if involved {
                t.sym.involved
            } else if !model.findings_on_line(n).is_empty() {
                t.sym.flagged
            } else {
                " "
            };
            let text_style = match (n == self.cursor, involved) {
                (true, _) => t.cursor(),
                (false, true) => t.involved(),
                _ => Style::new(),
            };
            for (k, r) in rows.iter().enumerate() {
                if y >= h {
                    break;
                }
                let num = if k == 0 {
                    format!("{n:>num_w$}")
                } else {
                    " ".repeat(num_w)
                };
                let line = Line::from(vec![
                    Span::styled(if k == 0 { mark } else { " " }, t.involved()),
                    Span::styled(num, t.dim()),
                    Span::styled(format!(" {} ", t.sym.bar), t.dim()),
                    Span::styled(width::pad_right(r, w, t.sym.ellipsis), text_style),
                ]);
                buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
                y += 1;
            }
            n += 1;
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n = cx.model.report.source.lines.len();
        let page = self.height.get().max(1);
        if let Some(to) = moved(action, (self.cursor as usize).saturating_sub(1), n, page) {
            self.cursor = to as LineNo + 1;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Open => match element_at(cx.model, self.cursor) {
                Some(t) => PaneOutcome::Go(t),
                None => {
                    PaneOutcome::Flash("此行不属于表格或项目 (no table row or project here)".into())
                }
            },
            Action::Copy => PaneOutcome::Copy(cx.model.report.source.line(self.cursor).to_string()),
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        let lines = &cx.model.report.source.lines;
        if lines.is_empty() {
            return false;
        }
        match crate::tui::panes::list::next_match(
            lines,
            (self.cursor as usize).saturating_sub(1),
            query,
            forward,
        ) {
            Some(i) => {
                self.cursor = i as LineNo + 1;
                true
            }
            None => false,
        }
    }
}

/// The schedule row or project a source line belongs to.
pub fn element_at(model: &ViewModel, line: LineNo) -> Option<Target> {
    for s in &model.report.schedules {
        for (pi, p) in s.panels.iter().enumerate() {
            if let Some(ri) = p.rows.iter().position(|r| r.line == line) {
                return Some(Target::Row {
                    schedule: s.id,
                    panel: pi,
                    row: ri,
                });
            }
        }
    }
    model
        .report
        .projects
        .iter()
        .position(|p| p.line <= line && line <= p.end_line)
        .map(|index| Target::Project { index, field: None })
}
