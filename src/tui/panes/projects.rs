//! The projects list (预算项目绩效自评表): name, budget, executed, rate and
//! score, with a marker on projects that have findings. Columns are dropped
//! from the right of the numbers when the sidebar is narrow.

use crate::sanitize::visible;
use crate::tui::draw::format;
use crate::tui::draw::{block, cell_left, cell_right, put_line};
use crate::tui::input::action::Action;
use crate::tui::panes::list::ListState;
use crate::tui::panes::schedules::worst;
use crate::tui::panes::{Cx, Pane, PaneOutcome};
use crate::tui::view_model::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The projects list.
#[derive(Debug, Default)]
pub struct ProjectsPane {
    /// The cursor: an index into `Report::projects`.
    pub list: ListState,
    /// Whether it has the keyboard.
    pub focused: bool,
}

/// Which number columns fit in `w` cells besides a name of at least 8.
fn columns_for(w: usize) -> (bool, bool, bool) {
    // (budget+executed, rate, score); widths 9+9, 8, 5 with their spaces.
    let name = 2 + 8;
    if w >= name + 18 + 8 + 5 {
        (true, true, true)
    } else if w >= name + 8 + 5 {
        (false, true, true)
    } else {
        (false, false, w >= name + 5)
    }
}

impl ProjectsPane {
    /// Put the cursor on project `i`.
    pub fn select(&mut self, i: usize) {
        self.list.cursor = i;
    }
}

impl Pane for ProjectsPane {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let projects = &cx.model.report.projects;
        let flagged = (0..projects.len())
            .filter(|i| !cx.model.findings_on_project(*i).is_empty())
            .count();
        let mut title = vec![
            Span::styled("项目 Projects", t.heading()),
            Span::styled(format!(" {}", projects.len()), t.dim()),
        ];
        if flagged > 0 {
            title.push(Span::styled(
                format!(" {}{flagged}", t.sym.flagged),
                t.flagged(),
            ));
        }
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        let w = inner.width as usize;
        let (amounts, rate, score) = columns_for(w);
        let fixed =
            2 + if amounts { 18 } else { 0 } + if rate { 8 } else { 0 } + if score { 5 } else { 0 };
        let name_w = w.saturating_sub(fixed);
        // Header.
        let mut head = vec![Span::raw("  "), cell_left(t, "项目名称", name_w, t.dim())];
        if amounts {
            head.push(cell_right(t, "预算", 9, t.dim()));
            head.push(cell_right(t, "执行", 9, t.dim()));
        }
        if rate {
            head.push(cell_right(t, "执行率", 8, t.dim()));
        }
        if score {
            head.push(cell_right(t, "得分", 5, t.dim()));
        }
        put_line(buf, inner, 0, &Line::from(head));
        let rows = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        self.list
            .draw(t, self.focused, projects.len(), rows, buf, |i, _| {
                let p = &projects[i];
                let fs = cx.model.findings_on_project(i);
                let (mark, mark_style) = match worst(cx, fs) {
                    Some(s) => (t.severity_mark(s), t.severity(s)),
                    None => (" ", Style::new()),
                };
                let mut spans = vec![
                    Span::styled(mark.to_string(), mark_style),
                    Span::styled(
                        cx.tick_mark(&crate::review::TickTarget::Project {
                            name: p.name.clone(),
                        }),
                        t.heading(),
                    ),
                    cell_left(t, &visible(&p.name), name_w, Style::new()),
                ];
                if amounts {
                    spans.push(cell_right(t, &format::cell(&p.budget), 9, Style::new()));
                    spans.push(cell_right(t, &format::cell(&p.executed), 9, Style::new()));
                }
                if rate {
                    spans.push(cell_right(t, &format::percent(p.rate), 8, Style::new()));
                }
                if score {
                    spans.push(cell_right(t, &format::opt(p.total), 5, Style::new()));
                }
                spans
            });
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n = cx.model.report.projects.len();
        if n == 0 {
            return PaneOutcome::Ignored;
        }
        if self.list.step(action, n, |_| true) {
            return PaneOutcome::Show(Target::Project {
                index: self.list.cursor,
                field: None,
            });
        }
        match action {
            Action::Open => PaneOutcome::Go(Target::Project {
                index: self.list.cursor,
                field: None,
            }),
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        let texts: Vec<String> = cx
            .model
            .report
            .projects
            .iter()
            .map(|p| p.name.clone())
            .collect();
        self.list.find(&texts, query, forward)
    }
}
