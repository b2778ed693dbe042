//! A phrase and the number it states ("共有车辆 12 辆"), found without a
//! regex: the literal-number-literal patterns the rules look for in every
//! paragraph each cost a compiled regex per process (≈ 0.1 ms to compile,
//! most of it the engine's fixed cost), for a search that is a literal
//! find and a walk over a few characters.
//!
//! A [`Phrase`] is a sequence of [`Part`]s read greedily from a literal's
//! occurrence, which is the regex's reading whenever no part can give back
//! what the next one needs: a space or digit run is followed by a literal
//! or an optional literal that starts with neither, and an optional
//! literal, when present, is never what the part after it starts with.
//! Every phrase is checked against the regex it stands for (its
//! `pattern`) in `rules::phrases`' tests.

use memchr::memmem::Finder;
use std::ops::Range;
use std::sync::OnceLock;

/// Unicode's decimal digits (`Nd`, `\d` in a regex) as (first, last)
/// code points: the table of regex-syntax 0.8.12 (Unicode 16.0), which the
/// regexes the phrases replace read.
const DECIMAL_NUMBER: &[(u32, u32)] = &[
    (0x0030, 0x0039),
    (0x0660, 0x0669),
    (0x06F0, 0x06F9),
    (0x07C0, 0x07C9),
    (0x0966, 0x096F),
    (0x09E6, 0x09EF),
    (0x0A66, 0x0A6F),
    (0x0AE6, 0x0AEF),
    (0x0B66, 0x0B6F),
    (0x0BE6, 0x0BEF),
    (0x0C66, 0x0C6F),
    (0x0CE6, 0x0CEF),
    (0x0D66, 0x0D6F),
    (0x0DE6, 0x0DEF),
    (0x0E50, 0x0E59),
    (0x0ED0, 0x0ED9),
    (0x0F20, 0x0F29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x17E0, 0x17E9),
    (0x1810, 0x1819),
    (0x1946, 0x194F),
    (0x19D0, 0x19D9),
    (0x1A80, 0x1A89),
    (0x1A90, 0x1A99),
    (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9),
    (0x1C40, 0x1C49),
    (0x1C50, 0x1C59),
    (0xA620, 0xA629),
    (0xA8D0, 0xA8D9),
    (0xA900, 0xA909),
    (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59),
    (0xABF0, 0xABF9),
    (0xFF10, 0xFF19),
    (0x104A0, 0x104A9),
    (0x10D30, 0x10D39),
    (0x10D40, 0x10D49),
    (0x11066, 0x1106F),
    (0x110F0, 0x110F9),
    (0x11136, 0x1113F),
    (0x111D0, 0x111D9),
    (0x112F0, 0x112F9),
    (0x11450, 0x11459),
    (0x114D0, 0x114D9),
    (0x11650, 0x11659),
    (0x116C0, 0x116C9),
    (0x116D0, 0x116E3),
    (0x11730, 0x11739),
    (0x118E0, 0x118E9),
    (0x11950, 0x11959),
    (0x11BF0, 0x11BF9),
    (0x11C50, 0x11C59),
    (0x11D50, 0x11D59),
    (0x11DA0, 0x11DA9),
    (0x11F50, 0x11F59),
    (0x16130, 0x16139),
    (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9),
    (0x16B50, 0x16B59),
    (0x16D70, 0x16D79),
    (0x1CCF0, 0x1CCF9),
    (0x1D7CE, 0x1D7FF),
    (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9),
    (0x1E4F0, 0x1E4F9),
    (0x1E5F1, 0x1E5FA),
    (0x1E950, 0x1E959),
    (0x1FBF0, 0x1FBF9),
];

/// Whether `c` is a decimal digit as `\d` reads it (Unicode `Nd`).
pub fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let c = c as u32;
    DECIMAL_NUMBER
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// One step of a [`Phrase`].
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// One of these literals (no two start with the same character).
    Lit(&'static [&'static str]),
    /// This literal or nothing: `(?:…)?`.
    Opt(&'static str),
    /// `\s*`: any run of white space, none included.
    Space,
    /// The number the phrase states, group 1: `(\d+)`.
    Digits,
    /// The amount the phrase states, group 1: `([\d.,]+)`.
    Amount,
}

/// A literal-number-literal phrase; `pattern` is the regex it reads as.
#[derive(Debug)]
pub struct Phrase {
    pub pattern: &'static str,
    parts: &'static [Part],
    /// A searcher for each literal the phrase may start with.
    starts: OnceLock<Vec<Finder<'static>>>,
}

impl Phrase {
    /// `parts` must start with a [`Part::Lit`] and hold one number part.
    pub const fn new(pattern: &'static str, parts: &'static [Part]) -> Self {
        Phrase {
            pattern,
            parts,
            starts: OnceLock::new(),
        }
    }

    /// Its parts, in order.
    pub fn parts(&self) -> &'static [Part] {
        self.parts
    }

    /// The number's span and the end of the phrase read from `i`, if it is
    /// there.
    fn read_at(&self, hay: &str, i: usize) -> Option<(Range<usize>, usize)> {
        let mut j = i;
        let mut number = None;
        for part in self.parts {
            let rest = &hay[j..];
            match *part {
                Part::Lit(alts) => j += alts.iter().find(|a| rest.starts_with(**a))?.len(),
                Part::Opt(s) => {
                    if rest.starts_with(s) {
                        j += s.len();
                    }
                }
                Part::Space => j += rest.len() - rest.trim_start_matches(char::is_whitespace).len(),
                Part::Digits | Part::Amount => {
                    let amount = matches!(part, Part::Amount);
                    let n = rest.len()
                        - rest
                            .trim_start_matches(|c: char| {
                                is_decimal_digit(c) || (amount && matches!(c, '.' | ','))
                            })
                            .len();
                    if n == 0 {
                        return None;
                    }
                    number = Some(j..j + n);
                    j += n;
                }
            }
        }
        Some((number?, j))
    }

    /// The span of the number of every occurrence of the phrase in `hay`,
    /// left to right, not overlapping: `captures_iter`'s group 1.
    pub fn numbers(&self, hay: &str, out: &mut Vec<Range<usize>>) {
        let starts = self.starts.get_or_init(|| match self.parts.first() {
            Some(Part::Lit(alts)) => alts.iter().map(|a| Finder::new(a.as_bytes())).collect(),
            _ => Vec::new(),
        });
        let bytes = hay.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(i) = starts
                .iter()
                .filter_map(|f| f.find(&bytes[pos..]).map(|k| pos + k))
                .min()
            else {
                break;
            };
            match self.read_at(hay, i) {
                Some((number, end)) => {
                    out.push(number);
                    pos = end;
                }
                None => pos = i + hay[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_are_the_regex_s() {
        let d = regex::Regex::new(r"^\d$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_decimal_digit(c),
                d.is_match(c.encode_utf8(&mut buf)),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
