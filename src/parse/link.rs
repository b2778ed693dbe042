//! Link each project table to its summary paragraph in the narrative. The
//! names differ in form ("“三支一扶”人员招募" / "三支一扶人员招募", a table
//! name with its 文号 in front), so they are matched fuzzily (fuzzy-matcher's
//! skim algorithm, in both directions) with a character-bigram overlap as the
//! fallback for names that are no subsequence of each other, then assigned
//! one-to-one, best pairs first.

use crate::report::{Project, ProjectLink, ProjectSummary};
use crate::text::match_key;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// Below this, a pair is no match.
const MIN_SCORE: i64 = 20;

/// Names are compared on at most this many characters: real project names
/// are shorter, and fuzzy matching costs the product of the two lengths (a
/// hostile pair of 64 K-character names would take billions of steps).
const MAX_NAME_CHARS: usize = 120;

/// The most (table, summary) pairs compared fuzzily. A real report has tens
/// of projects (the sample 22 × 22); beyond this only identical names are
/// linked, so a file of thousands of tiny project tables cannot stall parsing.
pub const MAX_FUZZY_PAIRS: usize = 40_000;

/// The matching key of a name, cut to [`MAX_NAME_CHARS`].
fn key(name: &str) -> String {
    match_key(name).chars().take(MAX_NAME_CHARS).collect()
}

/// A name prepared for matching: its key and the key's distinct character
/// bigrams (sorted, so two sets intersect in one merge), made once per name
/// rather than once per pair.
struct Key {
    text: String,
    /// The key's characters, ASCII lower-cased, for the subsequence test.
    folded: Vec<char>,
    bigrams: Vec<(char, char)>,
}

impl Key {
    fn new(name: &str) -> Self {
        let text = key(name);
        let v: Vec<char> = text.chars().collect();
        let mut bigrams: Vec<(char, char)> = v.windows(2).map(|w| (w[0], w[1])).collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let folded = v.iter().map(char::to_ascii_lowercase).collect();
        Key {
            text,
            folded,
            bigrams,
        }
    }
}

/// The similarity of a table name and a summary name (higher is closer).
pub fn name_score(matcher: &SkimMatcherV2, table: &str, summary: &str) -> i64 {
    key_score(matcher, &Key::new(table), &Key::new(summary))
}

/// [`name_score`] on prepared keys.
fn key_score(matcher: &SkimMatcherV2, t: &Key, s: &Key) -> i64 {
    if t.text.is_empty() || s.text.is_empty() {
        return 0;
    }
    let forward = fuzzy(matcher, t, s);
    let backward = fuzzy(matcher, s, t);
    forward.max(backward).max(bigram_score(t, s))
}

/// The skim score of `pattern` in `choice` (the argument order of
/// `FuzzyMatcher::fuzzy_match`), 0 when it does not match.
/// Skim only matches when the pattern's characters occur in order in the
/// choice, and most name pairs are unrelated: a plain subsequence test
/// rules those out for a fraction of the cost of the scorer.
fn fuzzy(matcher: &SkimMatcherV2, choice: &Key, pattern: &Key) -> i64 {
    if !may_be_subsequence(&pattern.folded, &choice.folded) {
        return 0;
    }
    matcher
        .fuzzy_match(&choice.text, &pattern.text)
        .unwrap_or(0)
}

/// Whether `pattern`'s characters occur in order in `choice`, both ASCII
/// lower-cased as skim's case-insensitive mode compares them (a superset
/// of its case-sensitive one): "no" here means skim finds no match either.
fn may_be_subsequence(pattern: &[char], choice: &[char]) -> bool {
    if pattern.len() > choice.len() {
        return false;
    }
    let mut rest = choice.iter();
    pattern.iter().all(|p| rest.any(|c| c == p))
}

/// 10 × the number of shared character bigrams: enough for "市人社局上年结转项目"
/// to find "朝阳市人力资源和社会保障局上年结转".
fn bigram_score(a: &Key, b: &Key) -> i64 {
    let (mut i, mut j, mut shared) = (0, 0, 0i64);
    while let (Some(x), Some(y)) = (a.bigrams.get(i), b.bigrams.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    10 * shared
}

/// Set `link` on each project to its best summary, one-to-one. Returns
/// false when there were more than [`MAX_FUZZY_PAIRS`] pairs and only
/// identical names were linked.
pub fn link_projects(projects: &mut [Project], summaries: &[ProjectSummary]) -> bool {
    let fuzzy = projects.len().saturating_mul(summaries.len()) <= MAX_FUZZY_PAIRS;
    if !fuzzy {
        link_identical(projects, summaries);
        return false;
    }
    let matcher = SkimMatcherV2::default();
    let summary_keys: Vec<Key> = summaries.iter().map(|s| Key::new(&s.name)).collect();
    let mut pairs: Vec<(i64, bool, usize, usize)> = Vec::new();
    for (pi, p) in projects.iter().enumerate() {
        let project_key = Key::new(&p.name);
        for (si, (s, summary_key)) in summaries.iter().zip(&summary_keys).enumerate() {
            let score = key_score(&matcher, &project_key, summary_key);
            if score >= MIN_SCORE {
                // Equal amounts break ties between near-identical names
                // (three 就业补助 notices differ in one or two characters).
                let same_money = s.executed.is_some()
                    && p.executed.value() == s.executed
                    && s.budget.is_some()
                    && p.budget.value() == s.budget;
                pairs.push((score, same_money, pi, si));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut used_p = vec![false; projects.len()];
    let mut used_s = vec![false; summaries.len()];
    for (score, _, pi, si) in pairs {
        if used_p[pi] || used_s[si] {
            continue;
        }
        used_p[pi] = true;
        used_s[si] = true;
        projects[pi].link = Some(ProjectLink { summary: si, score });
    }
    true
}

/// Link tables and summaries whose matching keys are equal (first unused
/// summary of that name), with the score an identical pair gets.
fn link_identical(projects: &mut [Project], summaries: &[ProjectSummary]) {
    let matcher = SkimMatcherV2::default();
    let mut by_key: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    for (si, s) in summaries.iter().enumerate().rev() {
        by_key.entry(key(&s.name)).or_default().push(si);
    }
    for p in projects.iter_mut() {
        let k = key(&p.name);
        if k.is_empty() {
            continue;
        }
        if let Some(si) = by_key.get_mut(&k).and_then(Vec::pop) {
            let score = name_score(&matcher, &p.name, &summaries[si].name);
            p.link = Some(ProjectLink { summary: si, score });
        }
    }
}
