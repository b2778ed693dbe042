//! One key press, in the notation keymap.toml uses (yazi's): `g`, `G`, `?`,
//! `<C-d>`, `<Enter>`, `<S-Tab>`, `<F1>`. Parsed from files and from
//! crossterm events into the same value so they compare equal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// A key press: a key and its Ctrl/Alt/Shift state. Shift is folded into
/// the character for printable keys (`G`, not `<S-g>`), so it is only set
/// for named keys such as `<S-Up>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held (named keys only).
    pub shift: bool,
}

/// Named keys and their notation.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
    ("gt", KeyCode::Char('>')),
];

impl Key {
    /// A plain key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// A printable character.
    pub const fn char(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl + a character.
    pub const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// The key of a terminal event; none for releases and keys juesuan never binds.
    pub fn from_event(ev: KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let m = ev.modifiers;
        let mut key = Key {
            code: ev.code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift: m.contains(KeyModifiers::SHIFT),
        };
        match key.code {
            KeyCode::Char(c) => {
                key.shift = false;
                if key.ctrl {
                    key.code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => key.shift = false,
            KeyCode::Tab if key.shift => {
                key.code = KeyCode::BackTab;
                key.shift = false;
            }
            KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::ScrollLock
            | KeyCode::NumLock
            | KeyCode::PrintScreen
            | KeyCode::Pause
            | KeyCode::Menu
            | KeyCode::KeypadBegin
            | KeyCode::Media(_)
            | KeyCode::Modifier(_) => return None,
            _ => {}
        }
        Some(key)
    }

    /// Parse one key of keymap.toml notation.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => return Err("empty key".into()),
            (Some(c), None) => return Ok(Key::char(c)),
            _ => {}
        }
        let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else {
            return Err(format!(
                "`{s}` is not one key: write a chord as an array ([\"g\", \"g\"]) and a named key in angle brackets (<Enter>)"
            ));
        };
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = inner;
        loop {
            let mut it = rest.chars();
            match (it.next(), it.next(), it.as_str().is_empty()) {
                (Some(m), Some('-'), false) => {
                    match m.to_ascii_uppercase() {
                        'C' => key.ctrl = true,
                        'A' => key.alt = true,
                        'S' => key.shift = true,
                        _ => {
                            return Err(format!(
                                "unknown modifier `{m}-` in `{s}` (use C-, A- or S-)"
                            ))
                        }
                    }
                    rest = &rest[2..];
                }
                _ => break,
            }
        }
        key.code = named_or_char(rest).ok_or_else(|| {
            format!(
                "unknown key `{s}`: use a single character or one of {}",
                named_list()
            )
        })?;
        Ok(normalise(key))
    }

    /// Whether typing this key in an input would insert a character.
    pub fn printable(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

fn named_or_char(s: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)) {
        return Some(*code);
    }
    if let Some(n) = s
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
    {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(KeyCode::Char(c)),
        _ => None,
    }
}

fn named_list() -> String {
    let names: Vec<String> = NAMED.iter().map(|(n, _)| format!("<{n}>")).collect();
    format!("{}, <F1>…<F12>", names.join(", "))
}

/// Fold modifiers the way terminals report them (see [`Key::from_event`]).
fn normalise(mut key: Key) -> Key {
    match key.code {
        KeyCode::Char(c) => {
            if key.shift {
                key.code = KeyCode::Char(c.to_ascii_uppercase());
                key.shift = false;
            }
            if key.ctrl {
                if let KeyCode::Char(c) = key.code {
                    key.code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
        }
        KeyCode::Tab if key.shift => {
            key.code = KeyCode::BackTab;
            key.shift = false;
        }
        _ => {}
    }
    key
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, c)| *c == code)
                .map(|(n, _)| n.to_string())
                .unwrap_or_else(|| format!("{code:?}")),
        };
        let plain_char = matches!(self.code, KeyCode::Char(c) if c != ' ');
        if plain_char && !self.ctrl && !self.alt && !self.shift {
            return f.write_str(&name);
        }
        f.write_str("<")?;
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        if self.shift {
            f.write_str("S-")?;
        }
        write!(f, "{name}>")
    }
}

/// A chord (sequence of keys) written the way help shows it: `g g`.
pub fn chord(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keys as the hint line shows them: `j`, `Enter`, `g g`.
pub fn short(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| {
            let s = k.to_string();
            match k.code {
                KeyCode::Char(_) if !k.ctrl && !k.alt && s.len() == 1 => s,
                _ => s.trim_start_matches('<').trim_end_matches('>').to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn notation_parses_and_prints_back() {
        for s in [
            "g",
            "G",
            "?",
            "$",
            "<C-d>",
            "<Enter>",
            "<BackTab>",
            "<F1>",
            "<Space>",
            "<C-->",
            "<PageDown>",
            "<S-Up>",
            "<",
        ] {
            let k = Key::parse(s).unwrap();
            assert_eq!(k.to_string(), s, "{s}");
        }
        assert_eq!(Key::parse("<S-Tab>").unwrap(), Key::plain(KeyCode::BackTab));
        assert_eq!(Key::parse("<C-D>").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("<enter>").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(Key::parse("<lt>").unwrap(), Key::char('<'));
    }

    #[test]
    fn bad_notation_is_explained() {
        assert!(Key::parse("gg").unwrap_err().contains("chord"));
        assert!(Key::parse("<Bogus>").unwrap_err().contains("unknown key"));
        assert!(Key::parse("<X-a>")
            .unwrap_err()
            .contains("unknown modifier"));
        assert!(Key::parse("").is_err());
        assert!(Key::parse("<F13>").is_err());
    }

    #[test]
    fn events_compare_equal_to_notation() {
        let shift_g = Key::from_event(ev(KeyCode::Char('G'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(shift_g, Key::parse("G").unwrap());
        let ctrl_d = Key::from_event(ev(KeyCode::Char('d'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(ctrl_d, Key::parse("<C-d>").unwrap());
        let backtab = Key::from_event(ev(KeyCode::BackTab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(backtab, Key::parse("<S-Tab>").unwrap());
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            ..ev(KeyCode::Char('j'), KeyModifiers::NONE)
        };
        assert_eq!(Key::from_event(release), None);
    }

    #[test]
    fn chords_print_with_spaces() {
        let keys = [Key::char('g'), Key::char('g')];
        assert_eq!(chord(&keys), "g g");
    }
}
