//! The list the three sidebar panes share (schedules, projects, findings):
//! a cursor over rows with a scroll offset that follows it, moved by the
//! movement actions, searched by text, drawn with the cursor row
//! highlighted. A pane says what its rows are, which of them the cursor may
//! rest on (not the findings list's headings) and what selecting one means;
//! [`ListState`] is how a cursor walks them.

use crate::tui::draw::put_line;
use crate::tui::draw::theme::Theme;
use crate::tui::input::action::Action;
use crate::tui::matcher::{Haystack, Matcher};
use crate::tui::panes::{moved, Scroll};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// A cursor over a list's rows and the scroll offset that follows it.
#[derive(Debug, Default)]
pub struct ListState {
    /// The row under the cursor.
    pub cursor: usize,
    scroll: Scroll,
}

impl ListState {
    /// Move the cursor by a movement action over `len` rows, to the nearest
    /// row `selectable` lets it rest on (in the direction moved, else the
    /// other). False when `action` is not a movement.
    pub fn step(&mut self, action: Action, len: usize, selectable: impl Fn(usize) -> bool) -> bool {
        let Some(to) = moved(action, self.cursor, len, self.scroll.page()) else {
            return false;
        };
        let forward = to >= self.cursor;
        let target = first_from(to, forward, len, &selectable)
            .or_else(|| first_from(to, !forward, len, &selectable));
        if let Some(c) = target {
            self.cursor = c;
        }
        true
    }

    /// The first row from `start` on (or back from it) that `selectable`
    /// allows.
    pub fn first_from(
        &self,
        start: usize,
        forward: bool,
        len: usize,
        selectable: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        first_from(start, forward, len, &selectable)
    }

    /// Move the cursor to the next (or previous) row, wrapping, whose text
    /// contains `query`; false when none does.
    pub fn find(&mut self, texts: &[String], query: &str, forward: bool) -> bool {
        match next_match(texts, self.cursor, query, forward) {
            Some(i) => {
                self.cursor = i;
                true
            }
            None => false,
        }
    }

    /// Forget the scroll offset (the rows were rebuilt).
    pub fn reset_scroll(&self) {
        self.scroll.reset();
    }

    /// Draw the rows of a list of `len` that fit in `area`, one a line:
    /// `row(index, is_cursor)` gives a row's spans, and the cursor row is
    /// highlighted over them (the cursor style when the list has the
    /// keyboard, else the heading style, so it still shows).
    pub fn draw<'a>(
        &self,
        theme: &Theme,
        focused: bool,
        len: usize,
        area: Rect,
        buf: &mut Buffer,
        mut row: impl FnMut(usize, bool) -> Vec<Span<'a>>,
    ) {
        let h = area.height as usize;
        let top = self.scroll.follow(self.cursor, len, h);
        for (y, i) in (top..len).take(h).enumerate() {
            let is_cursor = i == self.cursor;
            let mut spans = row(i, is_cursor);
            if is_cursor {
                let style = if focused {
                    theme.cursor()
                } else {
                    theme.heading()
                };
                for sp in &mut spans {
                    sp.style = sp.style.patch(style);
                }
            }
            put_line(buf, area, y as u16, &Line::from(spans));
        }
    }
}

fn first_from(
    start: usize,
    forward: bool,
    len: usize,
    selectable: &impl Fn(usize) -> bool,
) -> Option<usize> {
    if forward {
        (start..len).find(|i| selectable(*i))
    } else {
        (0..=start.min(len.saturating_sub(1)))
            .rev()
            .find(|i| *i < len && selectable(*i))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use ratatui::style::Style;

    fn texts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn movements_skip_rows_the_cursor_cannot_rest_on() {
        // Rows 0 and 3 are headings.
        let heading = |i: usize| i == 0 || i == 3;
        let ok = |i: usize| !heading(i);
        let mut l = ListState {
            cursor: 1,
            ..ListState::default()
        };
        assert!(l.step(Action::Down, 6, ok));
        assert_eq!(l.cursor, 2);
        assert!(l.step(Action::Down, 6, ok));
        assert_eq!(l.cursor, 4, "over the heading");
        assert!(l.step(Action::Up, 6, ok));
        assert_eq!(l.cursor, 2);
        assert!(l.step(Action::Top, 6, ok));
        assert_eq!(l.cursor, 1, "the top is a heading: the first row after it");
        assert!(l.step(Action::Bottom, 6, ok));
        assert_eq!(l.cursor, 5);
        assert!(!l.step(Action::Open, 6, ok), "not a movement");
        // Nothing selectable: the cursor stays.
        assert!(l.step(Action::Down, 6, |_| false));
        assert_eq!(l.cursor, 5);
        assert_eq!(l.first_from(3, false, 6, ok), Some(2));
        assert_eq!(l.first_from(9, false, 6, ok), Some(5));
        assert_eq!(l.first_from(0, true, 0, ok), None);
    }

    #[test]
    fn every_row_selectable_moves_like_the_plain_cursor() {
        let mut l = ListState::default();
        assert!(l.step(Action::Down, 9, |_| true));
        assert!(l.step(Action::Down, 9, |_| true));
        assert_eq!(l.cursor, 2);
        assert!(l.step(Action::Bottom, 9, |_| true));
        assert_eq!(l.cursor, 8);
        assert!(l.step(Action::Down, 9, |_| true));
        assert_eq!(l.cursor, 8, "stays at the end");
        assert!(l.step(Action::Down, 0, |_| true), "an empty list");
    }

    #[test]
    fn search_wraps_both_ways_and_matches_pinyin_initials() {
        let t = texts(&["公开01表 收入支出决算总表", "公开08表 政府采购", "项目"]);
        let mut l = ListState::default();
        assert!(l.find(&t, "zfcg", true));
        assert_eq!(l.cursor, 1);
        assert!(l.find(&t, "公开", true));
        assert_eq!(l.cursor, 0, "wrapped");
        assert!(l.find(&t, "公开", false));
        assert_eq!(l.cursor, 1);
        assert!(!l.find(&t, "没有", true));
        assert_eq!(l.cursor, 1);
        assert!(!l.find(&[], "x", true));
    }

    #[test]
    fn drawing_highlights_the_cursor_row_and_follows_it() {
        let theme = Theme::new(false, true);
        let mut l = ListState::default();
        let area = Rect::new(0, 0, 10, 3);
        let mut buf = Buffer::empty(area);
        l.cursor = 4;
        let mut asked = Vec::new();
        l.draw(&theme, true, 6, area, &mut buf, |i, cur| {
            asked.push((i, cur));
            vec![Span::styled(format!("row{i}"), Style::new())]
        });
        assert_eq!(asked, vec![(2, false), (3, false), (4, true)]);
        assert_eq!(buf[(0, 2)].symbol(), "r");
        let reversed = ratatui::style::Modifier::REVERSED;
        assert!(buf[(0, 2)].style().add_modifier.contains(reversed));
        assert!(!buf[(0, 1)].style().add_modifier.contains(reversed));
        // Without the keyboard the cursor row is bold, not reversed.
        buf.reset();
        l.draw(&theme, false, 6, area, &mut buf, |i, _| {
            vec![Span::raw(format!("row{i}"))]
        });
        let bold = ratatui::style::Modifier::BOLD;
        assert!(buf[(0, 2)].style().add_modifier.contains(bold));
    }
}
