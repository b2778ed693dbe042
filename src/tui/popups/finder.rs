//! The fuzzy finder (查找): one list of everything an auditor may look for:
//! schedules, function and economic codes with their names, projects,
//! findings and narrative sentences. Chinese, numeric codes and pinyin
//! initials all match; Enter goes there.

use crate::rules::Finding;
use crate::sanitize::visible;
use crate::tui::draw::block;
use crate::tui::draw::width;
use crate::tui::input::action::Action;
use crate::tui::matcher::{Haystack, Matcher};
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome, Scroll};
use crate::tui::popups::popup;
use crate::tui::view_model::{FindingId, Target, ViewModel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// What an item is (shown as a tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A schedule.
    Schedule,
    /// A coded (or named) schedule row.
    Row,
    /// A project.
    Project,
    /// A finding.
    Finding,
    /// A narrative sentence.
    Sentence,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Schedule => "表",
            Kind::Row => "科目",
            Kind::Project => "项目",
            Kind::Finding => "问题",
            Kind::Sentence => "原文",
        }
    }
}

/// Where an item leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// A place.
    Go(Target),
    /// A finding.
    Drill(FindingId),
}

impl Dest {
    /// The finding it leads to, when it leads to one still in the model.
    pub fn finding<'m>(&self, model: &'m ViewModel) -> Option<&'m Finding> {
        match self {
            Dest::Drill(id) => model.finding(id),
            Dest::Go(_) => None,
        }
    }
}

/// One thing to find.
#[derive(Debug, Clone)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// The text shown and matched.
    pub hay: Haystack,
    /// Where Enter goes.
    pub dest: Dest,
}

/// The finder popup's state.
pub struct Finder {
    /// Everything findable, built once per report.
    pub items: Vec<Item>,
    /// The query typed so far.
    pub query: String,
    /// Matches: (item index, matched char positions), best first.
    pub results: Vec<(usize, Vec<usize>)>,
    /// Index into `results`.
    pub cursor: usize,
    matcher: Matcher,
    scroll: Scroll,
}

/// Sentences of a paragraph: split after 。！？; keeps each sentence's first char offset.
fn sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        if cur.is_empty() {
            start = i;
        }
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；') {
            out.push((start, std::mem::take(&mut cur)));
        }
    }
    if !cur.trim().is_empty() {
        out.push((start, cur));
    }
    out
}

/// Build the items for a model.
pub fn items(model: &ViewModel) -> Vec<Item> {
    let r = &model.report;
    let mut v = Vec::new();
    for s in &r.schedules {
        v.push(Item {
            kind: Kind::Schedule,
            hay: Haystack::new(format!("{} {}", s.id.label(), visible(&s.title))),
            dest: Dest::Go(Target::Schedule(s.id)),
        });
    }
    for s in &r.schedules {
        for (pi, p) in s.panels.iter().enumerate() {
            for (ri, row) in p.rows.iter().enumerate() {
                let code = row
                    .code
                    .as_ref()
                    .map(|c| c.display().to_string())
                    .unwrap_or_default();
                let text = format!("{code} {} · {}", visible(&row.label), s.id.label());
                v.push(Item {
                    kind: Kind::Row,
                    hay: Haystack::new(text.trim_start().to_string()),
                    dest: Dest::Go(Target::Row {
                        schedule: s.id,
                        panel: pi,
                        row: ri,
                    }),
                });
            }
        }
    }
    for (i, p) in r.projects.iter().enumerate() {
        v.push(Item {
            kind: Kind::Project,
            hay: Haystack::new(visible(&p.name).into_owned()),
            dest: Dest::Go(Target::Project {
                index: i,
                field: None,
            }),
        });
    }
    for &i in &model.order {
        let f = &model.findings[i];
        v.push(Item {
            kind: Kind::Finding,
            hay: Haystack::new(format!("{} {}", f.rule, visible(&f.message))),
            dest: Dest::Drill(FindingId::of(f)),
        });
    }
    for (_, _, para) in r.narrative.paragraphs() {
        for (offset, s) in sentences(&para.text) {
            v.push(Item {
                kind: Kind::Sentence,
                hay: Haystack::new(visible(s.trim()).into_owned()),
                dest: Dest::Go(Target::Line(para.line_at(offset))),
            });
        }
    }
    v
}

/// Results shown at most (the list is for picking, not reading).
const LIMIT: usize = 500;

impl Finder {
    /// A finder over a model's items.
    pub fn new(items: Vec<Item>) -> Self {
        let mut f = Finder {
            items,
            query: String::new(),
            results: Vec::new(),
            cursor: 0,
            matcher: Matcher::default(),
            scroll: Scroll::default(),
        };
        f.refresh();
        f
    }

    /// Recompute the results for the query.
    pub fn refresh(&mut self) {
        self.cursor = 0;
        self.scroll.reset();
        if self.query.trim().is_empty() {
            self.results = (0..self.items.len().min(LIMIT))
                .map(|i| (i, Vec::new()))
                .collect();
            return;
        }
        let mut scored: Vec<(i64, usize, Vec<usize>)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                self.matcher
                    .score(&it.hay, &self.query)
                    .map(|(s, p)| (s, i, p))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(LIMIT);
        self.results = scored.into_iter().map(|(_, i, p)| (i, p)).collect();
    }

    /// Type a character.
    pub fn insert(&mut self, c: char) {
        self.query.push(c);
        self.refresh();
    }

    /// Where the selected result leads.
    pub fn selected(&self) -> Option<&Dest> {
        self.results
            .get(self.cursor)
            .and_then(|(i, _)| self.items.get(*i))
            .map(|it| &it.dest)
    }
}

impl Pane for Finder {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let r = popup(area, 90, 80);
        Clear.render(r, buf);
        let title = vec![
            Span::styled("查找 Find", t.heading()),
            Span::styled(
                format!(" {}/{}", self.results.len(), self.items.len()),
                t.dim(),
            ),
        ];
        let b = block(t, title, true);
        let inner = b.inner(r);
        b.render(r, buf);
        let prompt = Line::from(vec![
            Span::styled("> ", t.heading()),
            Span::raw(visible(&self.query).into_owned()),
            Span::styled("_", t.cursor()),
            Span::styled("   codes, 名称, pinyin initials (zfcg)", t.dim()),
        ]);
        buf.set_line(inner.x, inner.y, &prompt, inner.width);
        let h = inner.height.saturating_sub(1) as usize;
        let w = inner.width as usize;
        let top = self.scroll.follow(self.cursor, self.results.len(), h);
        for (y, (k, (i, pos))) in self
            .results
            .iter()
            .enumerate()
            .skip(top)
            .take(h)
            .enumerate()
        {
            let Some(item) = self.items.get(*i) else {
                continue;
            };
            let selected = k == self.cursor;
            let base = if selected { t.cursor() } else { Style::new() };
            let mut spans = vec![Span::styled(
                width::pad_right(item.kind.tag(), 5, t.sym.ellipsis),
                t.dim().patch(base),
            )];
            if let Some(f) = item.dest.finding(cx.model) {
                let sev = f.severity;
                spans.push(Span::styled(
                    t.severity_mark(sev),
                    t.severity(sev).patch(base),
                ));
                spans.push(Span::styled(" ", base));
            }
            let room = w.saturating_sub(spans.iter().map(|s| width::width(&s.content)).sum());
            let text = width::truncate(&item.hay.text, room, t.sym.ellipsis);
            for (ci, ch) in text.chars().enumerate() {
                let style = if pos.contains(&ci) {
                    base.patch(t.matched())
                } else {
                    base
                };
                spans.push(Span::styled(ch.to_string(), style));
            }
            let used: usize = spans.iter().map(|s| width::width(&s.content)).sum();
            spans.push(Span::styled(" ".repeat(w.saturating_sub(used)), base));
            buf.set_line(
                inner.x,
                inner.y + 1 + y as u16,
                &Line::from(spans),
                inner.width,
            );
        }
        if self.results.is_empty() && h > 0 {
            buf.set_line(
                inner.x,
                inner.y + 1,
                &Line::styled("没有匹配 no match", t.dim()),
                inner.width,
            );
        }
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> PaneOutcome {
        if let Some(to) = moved(action, self.cursor, self.results.len(), self.scroll.page()) {
            self.cursor = to;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Open => match self.selected().cloned() {
                Some(Dest::Go(t)) => PaneOutcome::Go(t),
                Some(Dest::Drill(f)) => PaneOutcome::Drill(f),
                None => PaneOutcome::Changed,
            },
            Action::Close => PaneOutcome::Close,
            Action::DeleteChar => {
                self.query.pop();
                self.refresh();
                PaneOutcome::Changed
            }
            Action::DeleteWord => {
                let trimmed = self.query.trim_end().len();
                self.query.truncate(trimmed);
                // A word ends at a space; a Chinese run counts as one word.
                let cut = self.query.rfind(' ').map_or(0, |i| i + 1);
                self.query.truncate(cut);
                self.refresh();
                PaneOutcome::Changed
            }
            Action::ClearInput => {
                self.query.clear();
                self.refresh();
                PaneOutcome::Changed
            }
            _ => PaneOutcome::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn sentences_split_after_full_stops() {
        let s = sentences("一、收入。二、支出；三");
        assert_eq!(
            s,
            vec![
                (0, "一、收入。".to_string()),
                (5, "二、支出；".to_string()),
                (10, "三".to_string())
            ]
        );
    }
}
