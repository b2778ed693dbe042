//! Fuzzy matching for the finder and search: the text itself (Chinese,
//! numeric codes) and its pinyin initials, so `zfcg` finds 政府采购 for an
//! auditor whose SSH session has no Chinese input method.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use pinyin::{ToPinyin, ToPinyinMulti};

/// A string prepared for matching: its initials have one char per char of
/// the text, so matched positions map straight back onto the text.
#[derive(Debug, Clone)]
pub struct Haystack {
    /// The text shown.
    pub text: String,
    /// Pinyin initials (most common reading), other chars lower-cased.
    initials: String,
    /// The initials with each polyphonic character's other reading (行 as
    /// h as well as x), when there is one.
    alt_initials: Option<String>,
}

/// One char's initial(s): the common reading's and, for polyphonic
/// characters, another reading's when it starts differently.
fn initial(c: char) -> (char, Option<char>) {
    let Some(p) = c.to_pinyin() else {
        return (c.to_ascii_lowercase(), None);
    };
    let first = p.first_letter().chars().next().unwrap_or(c);
    let alt = c.to_pinyin_multi().and_then(|m| {
        m.into_iter()
            .filter_map(|p| p.first_letter().chars().next())
            .find(|l| *l != first)
    });
    (first, alt)
}

impl Haystack {
    /// Prepare `text`.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let mut initials = String::with_capacity(text.len());
        let mut alt = String::with_capacity(text.len());
        let mut has_alt = false;
        for c in text.chars() {
            let (a, b) = initial(c);
            initials.push(a);
            alt.push(b.unwrap_or(a));
            has_alt |= b.is_some();
        }
        Haystack {
            text,
            initials,
            alt_initials: has_alt.then_some(alt),
        }
    }

    /// The pinyin initials.
    pub fn initials(&self) -> &str {
        &self.initials
    }
}

/// Scores haystacks against a query.
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Matcher {
    /// The score and matched char positions of `h` for `query`; every
    /// space-separated term must match, fuzzily in the text or as a run of
    /// pinyin initials (a fuzzy match over initials finds too much: any
    /// long sentence holds z…f…c…g).
    pub fn score(&self, h: &Haystack, query: &str) -> Option<(i64, Vec<usize>)> {
        let mut total = 0;
        let mut positions = Vec::new();
        for term in query.split_whitespace() {
            let fuzzy = self.skim.fuzzy_indices(&h.text, term);
            let initials = Self::initials_run(h, &term.to_lowercase());
            let best = [fuzzy, initials]
                .into_iter()
                .flatten()
                .max_by_key(|(s, _)| *s)?;
            total += best.0;
            positions.extend(best.1);
        }
        positions.sort_unstable();
        positions.dedup();
        Some((total, positions))
    }

    /// A run of initials equal to `term`: scored like a contiguous match.
    fn initials_run(h: &Haystack, term: &str) -> Option<(i64, Vec<usize>)> {
        let n = term.chars().count();
        if n < 2 || !term.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        [Some(&h.initials), h.alt_initials.as_ref()]
            .into_iter()
            .flatten()
            // The prefix may hold non-ASCII chars: count chars, not bytes.
            .find_map(|s| {
                s.find(term)
                    .and_then(|b| s.get(..b))
                    .map(|p| p.chars().count())
            })
            .map(|start| (20 * n as i64 + 40, (start..start + n).collect()))
    }

    /// Whether `query` occurs in `h` as a substring of its text or initials
    /// (case-insensitive): the stricter test of in-view search.
    pub fn contains(h: &Haystack, query: &str) -> bool {
        let q = query.to_lowercase();
        h.text.to_lowercase().contains(&q)
            || h.initials.contains(&q)
            || h.alt_initials.as_ref().is_some_and(|a| a.contains(&q))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn pinyin_initials_find_chinese() {
        let m = Matcher::default();
        let h = Haystack::new("政府采购");
        assert_eq!(h.initials(), "zfcg");
        assert!(m.score(&h, "zfcg").is_some());
        assert!(m.score(&Haystack::new("机关运行经费"), "zfcg").is_none());
        assert!(Matcher::contains(
            &Haystack::new("政府采购情况说明"),
            "zfcg"
        ));
    }

    #[test]
    fn codes_and_chinese_match_and_positions_map_to_chars() {
        let m = Matcher::default();
        let h = Haystack::new("2080102 一般行政管理事务");
        assert!(m.score(&h, "20801").is_some());
        let (_, pos) = m.score(&h, "行政").unwrap();
        let chars: Vec<char> = h.text.chars().collect();
        let hit: String = pos.iter().map(|i| chars[*i]).collect();
        assert_eq!(hit, "行政");
        // 行 is xing here, hang in 银行: both readings match.
        assert!(m.score(&Haystack::new("银行"), "yh").is_some());
        assert!(m.score(&Haystack::new("行政运行"), "xzyx").is_some());
    }

    #[test]
    fn every_term_must_match() {
        let m = Matcher::default();
        let h = Haystack::new("公开03表 支出决算表");
        assert!(m.score(&h, "03 zc").is_some());
        assert!(m.score(&h, "03 zfcg").is_none());
    }
}
