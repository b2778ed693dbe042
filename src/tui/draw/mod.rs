//! Drawing helpers every screen shares: the theme (symbols and styles),
//! display widths of CJK text, number formats, and the bordered block and
//! clipped line writers the panes, popups and the portfolio draw with.

pub mod format;
pub mod theme;
pub mod width;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use theme::Theme;

/// A bordered block with a title; the focused pane's title carries a mark
/// so focus shows without colour.
pub fn block<'a>(theme: &Theme, title: Vec<Span<'a>>, focused: bool) -> Block<'a> {
    let mut spans = Vec::with_capacity(title.len() + 2);
    if focused {
        spans.push(Span::styled(
            format!("{} ", theme.sym.focus),
            theme.border(true),
        ));
    } else {
        spans.push(Span::raw(" "));
    }
    spans.extend(title);
    spans.push(Span::raw(" "));
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.sym.border)
        .border_style(theme.border(focused))
        .title(Line::from(spans))
}

/// Write `spans` on row `y` of `area`, clipped to its width.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line) {
    if y >= area.height {
        return;
    }
    buf.set_line(area.x, area.y + y, line, area.width);
}

/// A span padded or cut to exactly `w` cells, left-aligned.
pub fn cell_left<'a>(theme: &Theme, s: &str, w: usize, style: Style) -> Span<'a> {
    Span::styled(width::pad_right(s, w, theme.sym.ellipsis), style)
}

/// A span padded or cut to exactly `w` cells, right-aligned.
pub fn cell_right<'a>(theme: &Theme, s: &str, w: usize, style: Style) -> Span<'a> {
    Span::styled(width::pad_left(s, w, theme.sym.ellipsis), style)
}
