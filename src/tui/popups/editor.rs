//! The note editor (备注编辑): a small multi-line text box for notes, the
//! dismissal reason's long form and own findings' notes.
//!
//! Written by hand rather than with `tui-textarea` (whose 0.7 does target
//! ratatui 0.29): tui-textarea consumes raw key events with its own fixed
//! emacs-style bindings, and every key in juesuan goes through keymap.toml as
//! a named action (`newline`, `delete_char`, `submit`…), so users can rebind
//! them and help lists them. What is left to do by hand is a char buffer with
//! a cursor; bracketed paste arrives as one `Event::Paste` and is inserted
//! whole.

use crate::sanitize::visible;
use crate::tui::draw::width;
use crate::tui::input::action::Action;
use crate::tui::panes::Cx;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// What the edited text is for (what submitting it does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditPurpose {
    /// The note on a finding (by id).
    Note(String),
    /// The note of an own finding (a new one or one being edited), saved
    /// with this title and severity.
    OwnFinding {
        /// Which own finding.
        of: OwnTarget,
        /// Title typed before.
        title: String,
        /// Severity chosen before.
        severity: crate::rules::Severity,
    },
}

/// Which own finding (自行发现) a question or the editor is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnTarget {
    /// A new one, to be raised at this location.
    New(crate::rules::Location),
    /// The auditor's own finding with this id, being edited.
    Existing(String),
}

/// A multi-line text being edited.
#[derive(Debug, Clone)]
pub struct Editor {
    /// What the text is for.
    pub purpose: EditPurpose,
    /// The box's title.
    pub title: String,
    text: Vec<char>,
    cursor: usize,
}

impl Editor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(purpose: EditPurpose, title: String, text: &str) -> Self {
        let text: Vec<char> = text.chars().collect();
        let cursor = text.len();
        Editor {
            purpose,
            title,
            text,
            cursor,
        }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    /// Insert one typed character.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += 1;
    }

    /// Insert pasted text (CRLF and CR become LF; other control characters
    /// but tab are dropped, so a paste cannot smuggle escapes into the note).
    pub fn paste(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        for c in s.chars() {
            if c == '\n' || c == '\t' || !c.is_control() {
                self.insert(c);
            }
        }
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Handle an editing action; false when it is not one.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Newline => self.insert('\n'),
            Action::DeleteChar => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.text.remove(self.cursor);
                }
            }
            Action::DeleteWord => {
                let mut at = self.cursor;
                while at > 0 && self.text[at - 1].is_whitespace() {
                    at -= 1;
                }
                while at > 0 && !self.text[at - 1].is_whitespace() {
                    at -= 1;
                }
                self.text.drain(at..self.cursor);
                self.cursor = at;
            }
            Action::ClearInput => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::Left => self.cursor = self.cursor.saturating_sub(1),
            Action::Right => self.cursor = (self.cursor + 1).min(self.text.len()),
            Action::FirstColumn => self.cursor = self.line_start(self.cursor),
            Action::LastColumn => self.cursor = self.line_end(self.cursor),
            Action::Up | Action::Down => self.vertical(action == Action::Up),
            _ => return false,
        }
        true
    }

    fn vertical(&mut self, up: bool) {
        let start = self.line_start(self.cursor);
        let col = self.cursor - start;
        let target_start = if up {
            if start == 0 {
                return;
            }
            self.line_start(start - 1)
        } else {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                return;
            }
            end + 1
        };
        let target_end = self.line_end(target_start);
        self.cursor = (target_start + col).min(target_end);
    }

    /// Draw the box over `area` (centred, most of its width).
    pub fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let w = (area.width.saturating_sub(4)).clamp(20.min(area.width), 100);
        let h = area.height.saturating_sub(2).clamp(3.min(area.height), 14);
        let r = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        Clear.render(r, buf);
        let b = crate::tui::draw::block(
            t,
            vec![Span::styled(visible(&self.title).into_owned(), t.heading())],
            true,
        );
        let inner = b.inner(r);
        b.render(r, buf);
        let iw = inner.width as usize;
        let ih = inner.height as usize;
        if iw == 0 || ih == 0 {
            return;
        }
        // Logical lines with the cursor's line and column.
        let text = self.text();
        let lines: Vec<&str> = text.split('\n').collect();
        let cur_line = self.text[..self.cursor]
            .iter()
            .filter(|c| **c == '\n')
            .count();
        let cur_col = self.cursor - self.line_start(self.cursor);
        let top = cur_line.saturating_sub(ih.saturating_sub(1));
        for (y, (i, l)) in lines.iter().enumerate().skip(top).take(ih).enumerate() {
            let shown = visible(l);
            let line = if i == cur_line {
                let chars: Vec<char> = shown.chars().collect();
                let col = cur_col.min(chars.len());
                let before: String = chars[..col].iter().collect();
                let at: String = chars.get(col).map_or(" ".into(), |c| c.to_string());
                let after: String = chars
                    .get(col + 1..)
                    .map_or(String::new(), |r| r.iter().collect());
                // Keep the cursor in view on a long line: drop the start.
                let room = iw.saturating_sub(width::width(&at));
                let mut before = before;
                while width::width(&before) > room {
                    before.remove(0);
                }
                Line::from(vec![
                    Span::raw(before),
                    Span::styled(at, t.cursor()),
                    Span::raw(after),
                ])
            } else {
                Line::raw(width::truncate(&shown, iw, t.sym.ellipsis))
            };
            buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn ed(s: &str) -> Editor {
        Editor::new(EditPurpose::Note("x".into()), "t".into(), s)
    }

    #[test]
    fn typing_pasting_and_moving() {
        let mut e = ed("与财政局");
        e.paste("核对：\r\n差额为录入错误\x1b[31m");
        assert_eq!(e.text(), "与财政局核对：\n差额为录入错误[31m");
        e.handle(Action::FirstColumn);
        e.insert('※');
        assert_eq!(e.text(), "与财政局核对：\n※差额为录入错误[31m");
        e.handle(Action::Up);
        e.handle(Action::DeleteChar);
        assert_eq!(e.text(), "财政局核对：\n※差额为录入错误[31m");
        e.handle(Action::LastColumn);
        e.handle(Action::DeleteWord);
        assert_eq!(e.text(), "\n※差额为录入错误[31m");
        e.handle(Action::Down);
        e.handle(Action::Newline);
        assert_eq!(e.text(), "\n\n※差额为录入错误[31m");
    }
}
