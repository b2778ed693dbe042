//! Help (帮助): generated from the active keymap, grouped by pane, using
//! each binding's `desc`; bindings that share an action and a description
//! are listed on one line.

use crate::tui::draw::block;
use crate::tui::draw::width;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::chord;
use crate::tui::input::keymap::Keymap;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome};
use crate::tui::popups::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use std::cell::Cell;

/// One line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A pane heading.
    Heading(String),
    /// Keys, action name, description.
    Keys(String, String, String),
    /// A blank line.
    Blank,
}

/// The help popup's state.
#[derive(Debug, Default)]
pub struct Help {
    /// The lines, built from the keymap.
    pub lines: Vec<HelpLine>,
    /// Files the keymap came from.
    pub sources: Vec<String>,
    /// First line shown.
    pub scroll: usize,
    height: Cell<usize>,
}

/// The help lines for a keymap.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let mut rows: Vec<(Vec<String>, Action, String)> = Vec::new();
        for b in keymap.bindings(scope) {
            if b.action == Action::Noop {
                continue;
            }
            let keys = chord(&b.keys);
            match rows
                .iter_mut()
                .find(|(_, a, d)| *a == b.action && *d == b.desc)
            {
                Some(r) => r.0.push(keys),
                None => rows.push((vec![keys], b.action, b.desc.clone())),
            }
        }
        if rows.is_empty() {
            continue;
        }
        out.push(HelpLine::Heading(format!(
            "[{}] {}",
            scope.name(),
            scope.title()
        )));
        for (keys, action, desc) in rows {
            out.push(HelpLine::Keys(
                keys.join(", "),
                action.name().to_string(),
                desc,
            ));
        }
        out.push(HelpLine::Blank);
    }
    out
}

impl Help {
    /// Help for a keymap.
    pub fn new(keymap: &Keymap) -> Self {
        Help {
            lines: lines(keymap),
            sources: keymap.sources.clone(),
            scroll: 0,
            height: Cell::new(1),
        }
    }
}

impl Pane for Help {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let r = popup(area, 96, 94);
        Clear.render(r, buf);
        let title = vec![
            Span::styled("帮助 Keys", t.heading()),
            Span::styled(format!(" from {}", self.sources.join(" + ")), t.dim()),
        ];
        let b = block(t, title, true);
        let inner = b.inner(r);
        b.render(r, buf);
        let h = inner.height as usize;
        self.height.set(h);
        let top = self.scroll.min(self.lines.len().saturating_sub(h));
        let keys_w = 22.min(inner.width as usize / 3);
        let action_w = 16;
        let ell = t.sym.ellipsis;
        for (y, l) in self.lines.iter().skip(top).take(h).enumerate() {
            let line = match l {
                HelpLine::Heading(s) => Line::styled(s.clone(), t.heading()),
                HelpLine::Keys(k, a, d) => Line::from(vec![
                    Span::raw("  "),
                    Span::styled(width::pad_right(k, keys_w, ell), t.heading()),
                    Span::raw(" "),
                    Span::styled(width::pad_right(a, action_w, ell), t.dim()),
                    Span::raw(" "),
                    Span::raw(d.clone()),
                ]),
                HelpLine::Blank => Line::raw(""),
            };
            buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
        }
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> PaneOutcome {
        let h = self.height.get().max(1);
        let max = self.lines.len().saturating_sub(h);
        if let Some(to) = moved(action, self.scroll.min(max), max + 1, h) {
            self.scroll = to;
            return PaneOutcome::Changed;
        }
        match action {
            Action::Close | Action::Quit => PaneOutcome::Close,
            _ => PaneOutcome::Ignored,
        }
    }
}
