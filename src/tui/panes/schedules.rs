//! The schedules list (公开表): the nine slots, each with a present /
//! partial / missing marker and how many findings involve it.

use crate::report::ScheduleId;
use crate::rules::Severity;
use crate::tui::draw::{block, cell_left, cell_right};
use crate::tui::input::action::Action;
use crate::tui::panes::list::ListState;
use crate::tui::panes::{Cx, Pane, PaneOutcome};
use crate::tui::view_model::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

/// The schedules list.
#[derive(Debug, Default)]
pub struct SchedulesPane {
    /// The cursor: an index into `Report::schedules`.
    pub list: ListState,
    /// Whether it has the keyboard.
    pub focused: bool,
}

impl SchedulesPane {
    /// The selected schedule.
    pub fn selected(&self, cx: &Cx) -> Option<ScheduleId> {
        cx.model
            .report
            .schedules
            .get(self.list.cursor)
            .map(|s| s.id)
    }

    /// Put the cursor on schedule `id`.
    pub fn select(&mut self, cx: &Cx, id: ScheduleId) {
        if let Some(i) = cx.model.report.schedules.iter().position(|s| s.id == id) {
            self.list.cursor = i;
        }
    }
}

/// The worst severity among some findings.
pub fn worst(cx: &Cx, findings: &[usize]) -> Option<Severity> {
    findings
        .iter()
        .filter_map(|i| cx.model.findings.get(*i))
        .map(|f| f.severity)
        .max()
}

impl Pane for SchedulesPane {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let schedules = &cx.model.report.schedules;
        let present = schedules.iter().filter(|s| s.is_present()).count();
        let title = vec![
            Span::styled("公开表 Schedules", t.heading()),
            Span::styled(format!(" {present}/{}", schedules.len()), t.dim()),
        ];
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        let w = inner.width as usize;
        self.list
            .draw(t, self.focused, schedules.len(), inner, buf, |i, _| {
                let s = &schedules[i];
                let fs = cx.model.findings_on_schedule(s.id);
                let count = if fs.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}{}",
                        worst(cx, fs).map(|s| t.severity_mark(s)).unwrap_or(""),
                        fs.len()
                    )
                };
                let count_w = 4;
                let title_w = w.saturating_sub(2 + 3 + count_w);
                vec![
                    Span::styled(t.status_mark(&s.status).to_string(), t.status(&s.status)),
                    Span::styled(
                        cx.tick_mark(&crate::review::TickTarget::Schedule { schedule: s.id }),
                        t.heading(),
                    ),
                    Span::raw(format!("{} ", s.id)),
                    cell_left(
                        t,
                        &crate::sanitize::visible(&s.title),
                        title_w,
                        ratatui::style::Style::new(),
                    ),
                    cell_right(
                        t,
                        &count,
                        count_w,
                        worst(cx, fs).map(|s| t.severity(s)).unwrap_or_default(),
                    ),
                ]
            });
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n = cx.model.report.schedules.len();
        if self.list.step(action, n, |_| true) {
            return match self.selected(cx) {
                Some(id) => PaneOutcome::Show(Target::Schedule(id)),
                None => PaneOutcome::Changed,
            };
        }
        match action {
            Action::Open => match self.selected(cx) {
                Some(id) => PaneOutcome::Go(Target::Schedule(id)),
                None => PaneOutcome::Ignored,
            },
            _ => PaneOutcome::Ignored,
        }
    }

    fn find(&mut self, cx: &Cx, query: &str, forward: bool) -> bool {
        let texts: Vec<String> = cx
            .model
            .report
            .schedules
            .iter()
            .map(|s| format!("{} {} {}", s.id.label(), s.id, s.title))
            .collect();
        self.list.find(&texts, query, forward)
    }
}
