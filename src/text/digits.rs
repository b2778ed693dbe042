//! `\d` without compiling Unicode's decimal digits when the text has none
//! but ASCII and full-width ones.
//!
//! In a pattern `\d` is Unicode's `Nd`: 71 ranges of ten digits in 37
//! scripts, and every `\d` in a pattern is compiled into an automaton of its
//! own (≈ 15 µs each; a process compiling the built-in patterns paid a third
//! of its regex compilation for them). Reports are written with ASCII and
//! full-width digits (０-９), which the patterns must keep reading; the other
//! scripts' digits are rare enough that a pattern is compiled with them only
//! when a text holds one. [`DigitRegex`] keeps both forms of a pattern, each
//! compiled the first time it is needed, and picks by the text searched:
//! where the text has no digit outside `[0-9０-９]`, `\d` and `[0-9０-９]`
//! accept exactly the same characters of it, so both forms find the same
//! matches with the same groups.

use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// Whether `s` may hold a decimal digit (Unicode `Nd`) other than `0-9` and
/// `０-９`: it has a byte that starts the UTF-8 of one. Every such digit
/// (U+0660… in Arabic, Indic and South-East Asian scripts, U+1040…, U+A620…,
/// and the supplementary planes) starts with one of these seven bytes; CJK
/// text, its punctuation and the full-width forms start with others (E2–E9,
/// EF), so the test is false for the reports' text. A false positive only
/// costs the pattern's Unicode form.
pub fn has_rare_digit(s: &str) -> bool {
    // A fold, not `any`: no early exit, so the compiler vectorises it.
    s.as_bytes().iter().fold(false, |found, &b| {
        found | matches!(b, 0xD9 | 0xDB | 0xDF | 0xE0 | 0xE1 | 0xEA | 0xF0)
    })
}

/// `pattern` with `\d` read as `[0-9０-９]` and `\D` as `[^0-9０-９]` (inside
/// a class as well: `[\d.,]` becomes the nested class `[[0-9０-９].,]`).
/// Other escapes, `\\` among them, are kept as they are.
pub fn common_digits(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9０-９]"),
            Some('D') => out.push_str("[^0-9０-９]"),
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn compile(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("built-in regex compiles")
}

/// A built-in pattern using `\d`, compiled as `[0-9０-９]` for texts without
/// other digits and as written for the rest (see the module). Made by
/// [`crate::digit_regex!`].
pub struct DigitRegex {
    pattern: &'static str,
    common: OnceLock<Regex>,
    full: OnceLock<Regex>,
}

impl DigitRegex {
    pub const fn new(pattern: &'static str) -> Self {
        DigitRegex {
            pattern,
            common: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &'static str {
        self.pattern
    }

    /// The compiled form that reads `hay` as the pattern does.
    pub fn on(&self, hay: &str) -> &Regex {
        if has_rare_digit(hay) {
            self.full.get_or_init(|| compile(self.pattern))
        } else {
            self.common
                .get_or_init(|| compile(&common_digits(self.pattern)))
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.on(hay).is_match(hay)
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.on(hay).find(hay)
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> Matches<'r, 'h> {
        self.on(hay).find_iter(hay)
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.on(hay).captures(hay)
    }

    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> CaptureMatches<'r, 'h> {
        self.on(hay).captures_iter(hay)
    }

    pub fn replace<'h>(&self, hay: &'h str, rep: &str) -> Cow<'h, str> {
        self.on(hay).replace(hay, rep)
    }

    pub fn replace_all<'h>(&self, hay: &'h str, rep: &str) -> Cow<'h, str> {
        self.on(hay).replace_all(hay, rep)
    }
}

/// A pattern the rules look for a number with: the spans of its group 1,
/// one per match, left to right (a match without group 1 gives none).
pub trait Pattern: Sync {
    fn numbers(&self, hay: &str, out: &mut Vec<Range<usize>>);
}

impl Pattern for Regex {
    fn numbers(&self, hay: &str, out: &mut Vec<Range<usize>>) {
        out.extend(
            self.captures_iter(hay)
                .filter_map(|c| c.get(1))
                .map(|m| m.range()),
        );
    }
}

impl Pattern for DigitRegex {
    fn numbers(&self, hay: &str, out: &mut Vec<Range<usize>>) {
        self.on(hay).numbers(hay, out);
    }
}

impl Pattern for super::Phrase {
    fn numbers(&self, hay: &str, out: &mut Vec<Range<usize>>) {
        super::Phrase::numbers(self, hay, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_digit_outside_the_common_ones_is_seen() {
        let d = Regex::new(r"^\d$").unwrap();
        let common = Regex::new(r"^[0-9０-９]$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            if d.is_match(s) != common.is_match(s) {
                assert!(has_rare_digit(s), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn report_text_has_no_rare_digit() {
        let t = "2024年度一般公共预算财政拨款支出１２３．４５万元，“三公”经费—（一）、【】";
        assert!(!has_rare_digit(t));
        assert!(has_rare_digit("١٢٣"));
        assert!(has_rare_digit("१२"));
    }

    #[test]
    fn the_common_form_swaps_only_digit_classes() {
        assert_eq!(
            common_digits(r"a\d+\s*[\d.,]"),
            r"a[0-9０-９]+\s*[[0-9０-９].,]"
        );
        assert_eq!(common_digits(r"(\D|$)\\d\("), r"([^0-9０-９]|$)\\d\(");
    }

    #[test]
    fn both_forms_read_the_same_text_alike() {
        static RE: DigitRegex = DigitRegex::new(r"团组\s*(\d+)\s*个[^\d]?(\D)");
        for t in ["团组 12 个，a", "团组１２个x9y", "团组٣个，a", "无"] {
            let full = Regex::new(RE.as_str()).unwrap();
            let a: Vec<_> = RE.captures_iter(t).map(|c| format!("{c:?}")).collect();
            let b: Vec<_> = full.captures_iter(t).map(|c| format!("{c:?}")).collect();
            assert_eq!(a, b, "{t}");
        }
    }
}
