//! Problems in the settings files (keymap.toml, config.toml), each with its
//! file, line and column: what both files report, so neither depends on
//! the other for it.

use std::fmt;
use std::sync::Arc;

/// A place in a settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pos {
    /// The file, as given.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Something wrong in a settings file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub pos: Pos,
    /// What, for a person.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

/// Maps byte offsets of one file to line and column.
pub struct Locator<'a> {
    file: Arc<str>,
    text: &'a str,
}

impl<'a> Locator<'a> {
    /// A locator for the file `name` with this text.
    pub fn new(name: &str, text: &'a str) -> Self {
        Locator {
            file: Arc::from(name),
            text,
        }
    }

    /// The line and column of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Pos {
            file: self.file.clone(),
            line,
            column,
        }
    }

    /// A problem at a byte offset.
    pub fn problem(&self, offset: usize, message: impl Into<String>) -> Problem {
        Problem {
            pos: self.pos(offset),
            message: message.into(),
        }
    }

    /// A TOML syntax or schema error as a problem at its place, with the
    /// first line of its message.
    pub fn toml_error(&self, e: &toml::de::Error) -> Problem {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        let message = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .to_string();
        self.problem(at, message)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn positions_are_line_and_character_column() {
        let loc = Locator::new("f", "ab\n合计x\n");
        let p = loc.pos("ab\n合计".len());
        assert_eq!((p.line, p.column), (2, 3));
    }
}
