//! How things look: markers and borders (Unicode, or ASCII for terminals
//! where box-drawing and symbols are double width), and styles (with colour,
//! or modifiers only when NO_COLOR is set). Every marker carries meaning
//! without colour; colour only adds to it.

use crate::report::ScheduleStatus;
use crate::rules::Severity;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The characters the workbench draws with. Every one is one cell wide in a
/// non-CJK locale; the ASCII set is one cell wide everywhere.
#[derive(Debug, Clone, Copy)]
pub struct Symbols {
    /// Pane borders.
    pub border: border::Set,
    /// Marks an error.
    pub error: &'static str,
    /// Marks a warning.
    pub warning: &'static str,
    /// Marks an info note.
    pub info: &'static str,
    /// A schedule that is present.
    pub present: &'static str,
    /// A schedule present in part.
    pub partial: &'static str,
    /// A schedule that is missing.
    pub missing: &'static str,
    /// A cell (or item) some finding involves.
    pub flagged: &'static str,
    /// A cell the current finding involves.
    pub involved: &'static str,
    /// The current finding's primary cell (the total).
    pub primary: &'static str,
    /// A folded row.
    pub folded: &'static str,
    /// An unfolded row with children.
    pub unfolded: &'static str,
    /// Text was cut here.
    pub ellipsis: &'static str,
    /// More columns to the left.
    pub more_left: &'static str,
    /// More columns to the right.
    pub more_right: &'static str,
    /// Separates values in a line (status line, tabs in source lines).
    pub bar: &'static str,
    /// The focused pane's title mark.
    pub focus: &'static str,
}

/// The Unicode set: the default, right in tmux at 80×24.
pub const UNICODE: Symbols = Symbols {
    border: border::PLAIN,
    error: "✗",
    warning: "▲",
    info: "·",
    present: "✓",
    partial: "◐",
    missing: "✗",
    flagged: "•",
    involved: "◆",
    primary: "▶",
    folded: "▸",
    unfolded: "▾",
    ellipsis: "…",
    more_left: "◂",
    more_right: "▸",
    bar: "│",
    focus: "▶",
};

/// The ASCII set (`--ascii`, or `ascii = true` in config.toml).
pub const ASCII: Symbols = Symbols {
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    error: "E",
    warning: "W",
    info: "i",
    present: "+",
    partial: "~",
    missing: "x",
    flagged: "*",
    involved: "#",
    primary: "@",
    folded: "+",
    unfolded: "-",
    ellipsis: "~",
    more_left: "<",
    more_right: ">",
    bar: "|",
    focus: ">",
};

/// Symbols and styles together.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The characters.
    pub sym: Symbols,
    /// Whether colour may be used (false under NO_COLOR).
    pub color: bool,
    /// ASCII mode: ambiguous-width characters are replaced on screen.
    pub ascii: bool,
}

impl Theme {
    /// A theme: ASCII or Unicode, with or without colour.
    pub fn new(ascii: bool, color: bool) -> Self {
        Theme {
            sym: if ascii { ASCII } else { UNICODE },
            color,
            ascii,
        }
    }

    /// Colour unless NO_COLOR: <https://no-color.org> (set and non-empty).
    pub fn color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The marker of a severity.
    pub fn severity_mark(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.sym.error,
            Severity::Warning => self.sym.warning,
            Severity::Info => self.sym.info,
        }
    }

    /// The style of a severity.
    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow),
            Severity::Info => self.fg(Color::Cyan),
        }
    }

    /// The marker of a schedule's status.
    pub fn status_mark(&self, s: &ScheduleStatus) -> &'static str {
        match s {
            ScheduleStatus::Present => self.sym.present,
            ScheduleStatus::Partial { .. } => self.sym.partial,
            ScheduleStatus::Missing => self.sym.missing,
        }
    }

    /// The style of a schedule's status.
    pub fn status(&self, s: &ScheduleStatus) -> Style {
        match s {
            ScheduleStatus::Present => self.fg(Color::Green),
            ScheduleStatus::Partial { .. } => self.fg(Color::Yellow),
            ScheduleStatus::Missing => self.fg(Color::Red),
        }
    }

    /// The cursor (selected row or cell).
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Cells and lines the current finding involves.
    pub fn involved(&self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Cells some other finding involves.
    pub fn flagged(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Secondary text: line numbers, hints, units.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Headings and titles.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A border; the focused pane's is bold (and coloured).
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    /// The status line.
    pub fn status_line(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Matched characters in the finder.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}

/// The ASCII stand-in for an East Asian *ambiguous*-width character: one
/// cell in most terminals, two in a CJK locale, where it would push the rest
/// of the line out of its column. The stand-in is one cell everywhere, so the
/// layout computed for the original stays exact.
pub fn ascii_for(c: char) -> char {
    match c {
        '“' | '”' | '„' | '″' | '〃' => '"',
        '‘' | '’' | '′' | '`' => '\'',
        '·' | '•' | '・' | '∙' | '●' | '○' | '◎' => '.',
        '…' | '‥' => '~',
        '–' | '—' | '―' | '─' | '━' | '═' | '−' => '-',
        '│' | '┃' | '║' | '¦' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╔' | '╗' | '╚' | '╝' => {
            '+'
        }
        '×' => 'x',
        '÷' | '／' => '/',
        '±' => '~',
        '°' | 'º' => 'o',
        '※' | '★' | '☆' | '■' | '□' | '◆' | '◇' => '*',
        '▲' | '△' | '▼' | '▽' | '▶' | '►' | '◀' | '◄' | '→' | '←' | '↑' | '↓' => {
            '>'
        }
        '①'..='⑨' => char::from_u32('1' as u32 + (c as u32 - '①' as u32)).unwrap_or('#'),
        'Ⅰ'..='Ⅻ' | 'ⅰ'..='ⅻ' => 'I',
        '§' => 'S',
        _ => '?',
    }
}

/// Whether `c` is ambiguous-width (one cell here, two in a CJK locale).
pub fn is_ambiguous(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.width() == Some(1) && c.width_cjk() == Some(2)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn all(s: &Symbols) -> Vec<&'static str> {
        vec![
            s.error,
            s.warning,
            s.info,
            s.present,
            s.partial,
            s.missing,
            s.flagged,
            s.involved,
            s.primary,
            s.folded,
            s.unfolded,
            s.ellipsis,
            s.more_left,
            s.more_right,
            s.bar,
            s.focus,
        ]
    }

    #[test]
    fn every_symbol_is_one_cell_and_ascii_is_ascii() {
        for s in all(&UNICODE) {
            assert_eq!(s.width(), 1, "{s}");
        }
        for s in all(&ASCII) {
            assert_eq!(s.width(), 1, "{s}");
            assert!(s.is_ascii(), "{s}");
        }
    }

    #[test]
    fn ambiguous_characters_have_one_cell_ascii_stand_ins() {
        for c in ['“', '…', '·', '│', '─', '①', '±', '×', '▲'] {
            assert!(is_ambiguous(c), "{c}");
            assert!(ascii_for(c).is_ascii(), "{c}");
        }
        assert!(!is_ambiguous('合'));
        assert!(!is_ambiguous('a'));
        assert_eq!(ascii_for('③'), '3');
    }

    #[test]
    fn no_color_keeps_modifiers_only() {
        let t = Theme::new(false, false);
        assert_eq!(t.severity(Severity::Warning).fg, None);
        assert_eq!(t.involved().fg, None);
        assert!(t.involved().add_modifier.contains(Modifier::UNDERLINED));
        let c = Theme::new(false, true);
        assert_eq!(c.severity(Severity::Error).fg, Some(Color::Red));
    }
}
