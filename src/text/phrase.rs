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

/// The bytes of the run of decimal digits `s` starts with.
fn digit_run(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_decimal_digit).len()
}

/// One step of a [`Phrase`].
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// One of these literals (no two start with the same character).
    Lit(&'static [&'static str]),
    /// This literal or nothing: `(?:…)?`.
    Opt(&'static str),
    /// One of these characters or nothing: `[…]?`.
    OptOne(&'static [char]),
    /// `\s*`: any run of white space, none included.
    Space,
    /// The number the phrase states, group 1: `(\d+)`.
    Digits,
    /// The amount the phrase states, group 1: `([\d.,]+)`.
    Amount,
    /// The rate or score the phrase states, group 1: `([\d.]+)`.
    Rate,
    /// The score the phrase states, group 1: `(\d+(?:\.\d+)?)`.
    Decimal,
    /// A number the phrase holds but does not state: `\d+`.
    Count,
    /// One of these characters: `[…]`.
    One(&'static [char]),
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
                Part::OptOne(cs) => {
                    if let Some(c) = rest.chars().next().filter(|c| cs.contains(c)) {
                        j += c.len_utf8();
                    }
                }
                Part::Space => j += rest.len() - rest.trim_start_matches(char::is_whitespace).len(),
                Part::Count => {
                    let n = digit_run(rest);
                    if n == 0 {
                        return None;
                    }
                    j += n;
                }
                Part::One(cs) => j += rest.chars().next().filter(|c| cs.contains(c))?.len_utf8(),
                Part::Decimal => {
                    let mut n = digit_run(rest);
                    if n == 0 {
                        return None;
                    }
                    if let Some(fraction) = rest[n..].strip_prefix('.') {
                        let f = digit_run(fraction);
                        if f > 0 {
                            n += 1 + f;
                        }
                    }
                    number = Some(j..j + n);
                    j += n;
                }
                Part::Digits | Part::Amount | Part::Rate => {
                    let (point, comma) = match part {
                        Part::Amount => (true, true),
                        Part::Rate => (true, false),
                        _ => (false, false),
                    };
                    let n = rest.len()
                        - rest
                            .trim_start_matches(|c: char| {
                                is_decimal_digit(c) || (point && c == '.') || (comma && c == ',')
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
        self.scan(hay, |number| {
            out.push(number);
            true
        });
    }

    /// The span of the number of the first occurrence: `captures`' group 1.
    pub fn first(&self, hay: &str) -> Option<Range<usize>> {
        let mut first = None;
        self.scan(hay, |number| {
            first = Some(number);
            false
        });
        first
    }

    /// Hands `found` each occurrence's number, left to right, while it
    /// answers true.
    fn scan(&self, hay: &str, mut found: impl FnMut(Range<usize>) -> bool) {
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
                    if !found(number) {
                        return;
                    }
                    pos = end;
                }
                None => pos = i + hay[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}

#[cfg(test)]
pub(crate) use tests::phrase_reads_as_its_regex;

#[cfg(test)]
mod tests {
    use super::*;
    use Part::{Amount, Count, Decimal, Digits, Lit, One, Opt, OptOne, Rate, Space};

    type Spans = Vec<std::ops::Range<usize>>;

    /// A phrase's numbers on `hay`, and its regex's group 1 there.
    fn both(p: &Phrase, re: &regex::Regex, hay: &str) -> (Spans, Spans) {
        let mut mine = Vec::new();
        p.numbers(hay, &mut mine);
        let theirs = re
            .captures_iter(hay)
            .filter_map(|c| c.get(1))
            .map(|m| m.range())
            .collect();
        (mine, theirs)
    }

    /// That `p` reads as its regex on 30,000 texts: a third pieced from
    /// its literals and their parts, digits of three scripts, spaces and
    /// punctuation at random, two thirds from its parts, each written as it
    /// should be or nearly (a literal cut short, no number, a space of
    /// another kind, the optional part doubled), among such pieces; a fixed
    /// seed, so a failure repeats.
    pub(crate) fn phrase_reads_as_its_regex(p: &Phrase) {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let han = regex::Regex::new(r"\p{Han}+").unwrap();
        let spaces = ["", "", " ", "  ", "\u{3000}", "\t", "\u{a0}"];
        let numbers = [
            "12", "１２", "٣", "1.5", "1,234.56", "", ".", "3。", "0", "7.", "2.x",
        ];
        {
            let re = regex::Regex::new(p.pattern).unwrap();
            let mut pieces: Vec<String> = [
                "1", "23", "４", "٣", ".", ",", "5.6", " ", "\u{3000}", "\t", "万", "元", "为",
                "经", "支出", "个", "辆", "。", "，", "x", "等",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            for m in han.find_iter(p.pattern) {
                let s = m.as_str();
                pieces.push(s.to_string());
                let mut cs = s.chars();
                pieces.extend(cs.next().map(String::from));
                pieces.push(cs.as_str().to_string());
            }
            let mut matched = 0;
            for round in 0..30_000 {
                let mut hay = String::new();
                for _ in 0..next(3) {
                    hay.push_str(&pieces[next(pieces.len())]);
                }
                if round % 3 == 0 {
                    for _ in 0..=next(8) {
                        hay.push_str(&pieces[next(pieces.len())]);
                    }
                } else {
                    for _ in 0..=next(2) {
                        for part in p.parts() {
                            match *part {
                                Lit(alts) => {
                                    let a = alts[next(alts.len())];
                                    if next(8) == 0 {
                                        let cut = a.chars().next().map_or(0, char::len_utf8);
                                        hay.push_str(&a[..cut]);
                                    } else {
                                        hay.push_str(a);
                                    }
                                }
                                Opt(o) => hay.push_str(&o.repeat(next(3))),
                                OptOne(cs) => {
                                    for _ in 0..next(3) {
                                        hay.push(cs[next(cs.len())]);
                                    }
                                }
                                Space => hay.push_str(spaces[next(spaces.len())]),
                                One(cs) => {
                                    if next(8) == 0 {
                                        hay.push('x');
                                    } else {
                                        hay.push(cs[next(cs.len())]);
                                    }
                                }
                                Digits | Amount | Rate | Decimal | Count => {
                                    hay.push_str(numbers[next(numbers.len())])
                                }
                            }
                        }
                        for _ in 0..next(3) {
                            hay.push_str(&pieces[next(pieces.len())]);
                        }
                    }
                }
                let (mine, theirs) = both(p, &re, &hay);
                assert_eq!(mine, theirs, "{} on {hay:?}", p.pattern);
                let first = re.captures(&hay).and_then(|c| c.get(1)).map(|m| m.range());
                assert_eq!(p.first(&hay), first, "{} on {hay:?}", p.pattern);
                matched += usize::from(!theirs.is_empty());
            }
            assert!(matched > 1_500, "{}: only {matched} texts match", p.pattern);
        }
    }

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
