//! The schedules list (公开表): the nine slots, each with a present /
//! partial / missing marker and how many findings involve it.

use crate::report::ScheduleId;
use crate::rules::Severity;
use crate::tui::draw::{block, cell_left, cell_right, put_line};
use crate::tui::input::action::Action;
use crate::tui::matcher::{Haystack, Matcher};
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome, Scroll};
use crate::tui::view_model::Target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The schedules list.
#[derive(Debug, Default)]
pub struct SchedulesPane {
    /// Index into `Report::schedules`.
    pub cursor: usize,
    /// Whether it has the keyboard.
    pub focused: bool,
    scroll: Scroll,
}

impl SchedulesPane {
    /// The selected schedule.
    pub fn selected(&self, cx: &Cx) -> Option<ScheduleId> {
        cx.model.report.schedules.get(self.cursor).map(|s| s.id)
    }

    /// Put the cursor on schedule `id`.
    pub fn select(&mut self, cx: &Cx, id: ScheduleId) {
        if let Some(i) = cx.model.report.schedules.iter().position(|s| s.id == id) {
            self.cursor = i;
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
        let h = inner.height as usize;
        let top = self.scroll.follow(self.cursor, schedules.len(), h);
        let w = inner.width as usize;
        for (y, (i, s)) in schedules.iter().enumerate().skip(top).take(h).enumerate() {
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
            let mut spans = vec![
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
            ];
            if i == self.cursor {
                let style = if self.focused {
                    t.cursor()
                } else {
                    t.heading()
                };
                for sp in &mut spans {
                    sp.style = sp.style.patch(style);
                }
            }
            put_line(buf, inner, y as u16, &Line::from(spans));
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let n = cx.model.report.schedules.len();
        if let Some(to) = moved(action, self.cursor, n, self.scroll.page()) {
            self.cursor = to;
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
        match next_match(&texts, self.cursor, query, forward) {
            Some(i) => {
                self.cursor = i;
                true
            }
            None => false,
        }
    }
}

/// The next index after `from` (wrapping) whose text contains `query`
/// (or its pinyin initials do).
pub fn next_match(texts: &[String], from: usize, query: &str, forward: bool) -> Option<usize> {
    let n = texts.len();
    (1..=n)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n * 2 - k) % n
            }
        })
        .find(|i| Matcher::contains(&Haystack::new(texts[*i].as_str()), query))
}
