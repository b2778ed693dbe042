//! Word-level text helpers (文本工具) shared by the text parser, the PDF
//! reader and the rules: cells, labels, numbers, schedule titles, the
//! content hash. The ground floor: it knows the report model's schedule ids
//! and nothing else of juesuan.

use crate::report::{ScheduleId, SCHEDULE_IDS};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::str::FromStr;

mod clause;
mod digits;
mod phrase;
pub use clause::{
    claim_clause, clause_year, function_path, normalise_subject, sangong_first_item,
    sangong_item_before, strip_numbering, t7_key,
};
pub use digits::{common_digits, has_rare_digit, DigitRegex, Pattern};
#[cfg(test)]
pub(crate) use phrase::phrase_reads_as_its_regex;

/// Every word of up to five letters of `alphabet` (the empty word too): the
/// inputs on which a hand-written matcher is compared with its regex.
#[cfg(test)]
pub(crate) fn words_of(alphabet: &[&str]) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut last = words.clone();
    for _ in 0..5 {
        last = last
            .iter()
            .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
            .collect();
        words.extend(last.iter().cloned());
    }
    words
}
pub use phrase::{is_decimal_digit, Part, Phrase};

/// Whether `c` is one of the Chinese numerals 一…十 that number parts,
/// headings and items.
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `s` after the run of [`is_cn_numeral`] characters it starts with; none
/// when it starts with none (the regex `^[一二三四五六七八九十]+`, greedy:
/// what follows a maximal run is never a numeral).
fn after_cn_numerals(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(is_cn_numeral);
    (rest.len() < s.len()).then_some(rest)
}

/// `^第[一二三四五六七八九十]+部分`: "第四部分…".
pub fn starts_with_part_number(s: &str) -> bool {
    s.strip_prefix('第')
        .and_then(after_cn_numerals)
        .is_some_and(|r| r.starts_with("部分"))
}

/// `^[一二三四五六七八九十]+[marks]`: "一、…" with `marks` `['、']`.
pub fn starts_with_cn_item(s: &str, marks: &[char]) -> bool {
    after_cn_numerals(s).is_some_and(|r| r.starts_with(marks))
}

/// `^[（(][一二三四五六七八九十]+[）)]`: "（八）…".
pub fn starts_with_bracketed_cn(s: &str) -> bool {
    s.strip_prefix(['（', '('])
        .and_then(after_cn_numerals)
        .is_some_and(|r| r.starts_with(['）', ')']))
}

/// `s` without "2024年度" (`\d{4}年度`, every occurrence): a 年度 goes with
/// the four digits before it.
pub fn without_years(s: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut kept = 0;
    for (i, _) in s.match_indices("年度") {
        let mut before = s[..i].char_indices().rev().take(4);
        let digits = before.clone().filter(|&(_, c)| is_decimal_digit(c)).count();
        let Some((from, _)) = before.nth(3) else {
            continue;
        };
        if digits == 4 && from >= kept {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[kept..from]);
            kept = i + "年度".len();
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&s[kept..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(s),
    }
}

/// The first `n` characters of `s` when they are all decimal digits, and
/// the rest.
fn split_digits(s: &str, n: usize) -> Option<(&str, &str)> {
    let mut end = 0;
    for c in s.chars().take(n) {
        if !is_decimal_digit(c) {
            return None;
        }
        end += c.len_utf8();
    }
    (s[..end].chars().count() == n).then(|| s.split_at(end))
}

/// `s` after a leading `\d{4}\s*年度?`, 今年 or 本年; none when it has none.
pub fn after_leading_year(s: &str) -> Option<&str> {
    if let Some((_, rest)) = split_digits(s, 4) {
        if let Some(rest) = rest
            .trim_start_matches(char::is_whitespace)
            .strip_prefix('年')
        {
            return Some(rest.strip_prefix('度').unwrap_or(rest));
        }
    }
    s.strip_prefix("今年").or_else(|| s.strip_prefix("本年"))
}

/// The year of the first `((?:19|20)\d{2})\s*年` in `s`, as `parse`
/// reads it (none for digits other than ASCII).
pub fn first_year_before_nian(s: &str) -> Option<u16> {
    for (i, _) in s.match_indices(['1', '2']) {
        let rest = &s[i..];
        if !(rest.starts_with("19") || rest.starts_with("20")) {
            continue;
        }
        let Some((two, after)) = split_digits(&rest[2..], 2) else {
            continue;
        };
        if after
            .trim_start_matches(char::is_whitespace)
            .starts_with('年')
        {
            return s[i..i + 2 + two.len()].parse().ok();
        }
    }
    None
}

/// `s.trim()`, with the common case decided on two bytes: a cell or label
/// that starts and ends with an ASCII character other than whitespace has
/// nothing to trim (every Unicode space but the ASCII ones is more than one
/// byte, so its first byte is not ASCII). This runs on every cell.
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if solid_ascii(*a) && solid_ascii(*z) => s,
        _ => s.trim(),
    }
}

fn solid_ascii(b: u8) -> bool {
    b.is_ascii() && !char::from(b).is_whitespace()
}

/// Whether `s` holds a Unicode space (`char::is_whitespace`), read from its
/// bytes: every space is ASCII or starts with one of four lead bytes, and
/// most labels have none of them (Chinese ideographs lead with E4–E9), so
/// they are never decoded. A candidate lead byte is decoded to be sure.
pub fn has_whitespace(s: &str) -> bool {
    let b = s.as_bytes();
    // A fold without an early exit, which the compiler vectorises.
    let candidate = b.iter().fold(false, |any, &x| {
        any | matches!(x, b'\t'..=b'\r' | 0x1C..=b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
    });
    candidate && s.contains(char::is_whitespace)
}

/// Split a table line into trimmed cells on tabs.
pub fn cells(line: &str) -> Vec<&str> {
    // A byte loop rather than `split('\t')`: annex rows have twenty-odd
    // mostly empty cells, and a substring search per cell was most of the
    // annex's parsing time. A tab is ASCII, so every cut is a char boundary.
    let b = line.as_bytes();
    let mut out = Vec::with_capacity(b.iter().filter(|&&x| x == b'\t').count() + 1);
    let mut start = 0;
    for (i, &x) in b.iter().enumerate() {
        if x == b'\t' {
            out.push(trim(&line[start..i]));
            start = i + 1;
        }
    }
    out.push(trim(&line[start..]));
    out
}

/// Whether a line is a tab-separated table row.
pub fn is_row(line: &str) -> bool {
    line.contains('\t')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2018..=0x201F)
}

/// Remove the spaces the extraction left inside labels and headers
/// ("本年支出合 计" → "本年支出合计"), keeping spaces between Latin words.
///
/// One pass: a run of whitespace becomes one space only when the characters
/// on both sides are non-CJK alphanumerics (linear, so a hostile line of
/// 64 K spaces costs no more than any other line).
///
/// Borrowed when nothing is removed but the ends: most labels and cells have
/// no inner space, and most callers only compare the result, so they neither
/// copy nor allocate (this is called thousands of times per report).
pub fn squash(s: &str) -> Cow<'_, str> {
    let s = trim(s);
    // Most labels and cells have no inner space: no per-char work for them.
    if !has_whitespace(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        // A run of spaces becomes one space only between two Latin words.
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let prev = out.chars().next_back();
        let next = chars.peek().copied();
        let keep = matches!((prev, next), (Some(p), Some(n)) if !is_cjk(p) && !is_cjk(n)
            && p.is_alphanumeric() && n.is_alphanumeric());
        if keep {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

/// Where the clause or sentence ending at the end of `before` starts: just
/// after the nearest character that `is_mark`, looked for at most `reach`
/// characters back; failing that, `reach` characters back (or the start).
/// The walk costs the clause's own length, not the whole text before it.
/// `is_mark` gets the character and its byte index in `before`.
pub fn start_after_mark(
    before: &str,
    reach: usize,
    is_mark: impl Fn(usize, char) -> bool,
) -> usize {
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if is_mark(i, c) {
            return i + c.len_utf8();
        }
        if n + 1 == reach {
            return i;
        }
    }
    0
}

/// Whether `c`, at byte `i` of `text`, ends a sentence: 。, or the ASCII
/// '.' typed for it on an English keyboard layout ("完成预算的100%.项目…").
/// A '.' before a digit is a decimal point ("92.12"), not a stop.
pub fn is_full_stop(text: &str, i: usize, c: char) -> bool {
    match c {
        '。' => true,
        '.' => !text
            .get(i + 1..)
            .is_some_and(|rest| rest.starts_with(|d: char| d.is_ascii_digit())),
        _ => false,
    }
}

/// Found text quoted in a parse message, cut to 40 characters (a hostile
/// cell can hold 64 K of them; the source view shows the rest).
pub fn excerpt(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A full-width digit, decimal point or percent sign in ASCII.
fn halfwidth_figure(c: char) -> Option<char> {
    match c {
        '０'..='９' => Some(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
        '．' => Some('.'),
        '％' => Some('%'),
        _ => None,
    }
}

/// Full-width digits, signs and separators to ASCII, so "１，２３４．５６" reads.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            halfwidth_figure(c).unwrap_or(match c {
                '，' => ',',
                '－' | '—' | '−' => '-',
                '（' => '(',
                '）' => ')',
                _ => c,
            })
        })
        .collect()
}

/// A line with full-width digits, decimal point or percent sign ("９２．１２％")
/// in ASCII, one character for one; none when it has none. Full-width commas
/// and brackets stay: they are the text's own punctuation.
pub fn halfwidth_figures(line: &str) -> Option<String> {
    // Decided on bytes, the line is not decoded: ０-９, ．and ％ are U+FF10–
    // FF19, U+FF0E and U+FF05, EF BC 90–99, 8E and 85 in UTF-8 (EF only
    // ever leads a character).
    let b = line.as_bytes();
    let has = memchr::memchr_iter(0xEF, b).any(|i| {
        b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x90..=0x99 | 0x8E | 0x85))
    });
    if !has {
        return None;
    }
    Some(
        line.chars()
            .map(|c| halfwidth_figure(c).unwrap_or(c))
            .collect(),
    )
}

/// The bound on an amount's magnitude (10^15 万元, far above any public
/// budget). Larger printed numbers are read as text, not amounts: with every
/// cell below it, a sum of a million cells (the line limit) cannot overflow
/// `Decimal`, whose addition panics on overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

/// The most decimal places an amount may have. Printed amounts have two,
/// rates a few; with at most six, dividing the largest amount by the smallest
/// non-zero one (a rate of 10^21) cannot overflow `Decimal` either.
pub const MAX_AMOUNT_SCALE: u32 = 6;

/// Parse an amount as printed: `4,766.06`, `5.40`, `-1.2`, `(1.20)` (negative).
/// Returns none for anything that is not a number, whose magnitude is not
/// below [`MAX_AMOUNT`], or that has more than [`MAX_AMOUNT_SCALE`] decimals.
pub fn amount(s: &str) -> Option<Decimal> {
    let s = trim(s);
    // Most cells the annex parser tries are words: reject them on their
    // first character, before converting (an amount starts with a digit, a
    // sign or a bracket, half- or full-width).
    if !s.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, '(' | '-' | '０'..='９' | '（' | '－' | '—' | '−')
    }) {
        return None;
    }
    // Converting allocates; most cells are plain ASCII and need no converting.
    let converted;
    let t = if s.is_ascii() {
        s
    } else {
        converted = ascii_digits(s);
        converted.trim()
    };
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let (neg, body) = if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (true, inner.trim())
    } else if let Some(r) = t.strip_prefix('-') {
        (true, r.trim())
    } else {
        (false, t)
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if !body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || body.ends_with([',', '.'])
        || !well_grouped(body)
    {
        return None;
    }
    let d = if body.contains(',') {
        Decimal::from_str(&body.replace(',', "")).ok()?
    } else {
        Decimal::from_str(body).ok()?
    };
    if d >= MAX_AMOUNT || d.scale() > MAX_AMOUNT_SCALE {
        return None;
    }
    Some(if neg { -d } else { d })
}

/// Thousands separators, where there are any, stand every three digits of
/// the integer part ("4,766.06", not "4,76" or "47,66.06"): a cut or mistyped
/// number is kept as text, never read as some other amount.
fn well_grouped(body: &str) -> bool {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if frac.contains(',') {
        return false;
    }
    let mut groups = int.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    !int.contains(',') || first_ok && groups.all(|g| g.len() == 3)
}

/// Parse a percentage cell ("58.46%", "100%", "90.0%") to percent units.
pub fn percent(s: &str) -> Option<Decimal> {
    let t = ascii_digits(s.trim());
    let body = t.strip_suffix('%')?.trim();
    amount(body)
}

/// Normalise a name for matching: no spaces, no quotes or brackets, half-width.
pub fn match_key(s: &str) -> String {
    ascii_digits(s)
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '《' | '》')
        })
        .collect()
}

/// The schedule id of a "公开 NN 表" heading line.
pub fn heading_id(line: &str) -> Option<ScheduleId> {
    // A heading holds 公; most lines do not, and need no squashing.
    if is_row(line) || !line.contains('公') {
        return None;
    }
    let t = squash(line);
    // `^公开0?([1-9])表$`
    let n = t.strip_prefix("公开")?.strip_suffix('表')?;
    match n.strip_prefix('0').unwrap_or(n).as_bytes() {
        &[b @ b'1'..=b'9'] => Some(ScheduleId(b - b'0')),
        _ => None,
    }
}

/// Titles printed in place of the standard one by some regions' templates.
const TITLE_VARIANTS: &[(u8, &str)] = &[
    // Shanghai: 09 names the income side too.
    (9, "国有资本经营预算财政拨款收入支出决算表"),
];

/// The schedule whose standard title (or a known variant) a line is.
pub fn title_id(line: &str) -> Option<ScheduleId> {
    // Every title ends in 表: a line without it needs no squashing (the
    // regions are looked for over every line of the narrative).
    if is_row(line) || !line.contains('表') {
        return None;
    }
    let t = squash(line);
    SCHEDULE_IDS
        .iter()
        .copied()
        .find(|id| norm_title(id.standard_title()).eq(norm_title(&t)))
        .or_else(|| {
            TITLE_VARIANTS
                .iter()
                .find(|(_, v)| norm_title(v).eq(norm_title(&t)))
                .map(|(id, _)| ScheduleId(*id))
        })
}

/// A title's characters with quotes left out (compared, never collected:
/// this runs on every line of the tables).
fn norm_title(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !matches!(c, '“' | '”' | '"'))
}

/// The schedule a title or "公开NN表" heading line names, if any.
pub fn schedule_title_id(line: &str) -> Option<ScheduleId> {
    heading_id(line).or_else(|| title_id(line))
}

/// sha256 of bytes as lower-case hex.
pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_halfwidth_figures_as_its_characters_say() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let line = format!("a{s}，（）b");
            assert_eq!(
                halfwidth_figures(&line).is_some(),
                halfwidth_figure(c).is_some(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// The year helpers read every string of up to five characters over
    /// what they look at as the regexes they replace.
    #[test]
    fn the_year_helpers_read_as_their_regexes() {
        let years = regex::Regex::new(r"\d{4}年度").unwrap();
        let leading = regex::Regex::new(r"^(?:\d{4}\s*年度?|今年|本年)").unwrap();
        let nian = regex::Regex::new(r"((?:19|20)\d{2})\s*年").unwrap();
        let alphabet = [
            "1", "2", "0", "9", "４", "٣", " ", "年", "度", "今", "本", "x",
        ];
        let mut words = words_of(&alphabet);
        words.extend(
            [
                "2024年度20245年度１２３４年度年度2023 年度",
                "本年度",
                "2019 年末",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(without_years(w), years.replace_all(w, ""), "{w:?}");
            let stripped = after_leading_year(w).unwrap_or(w);
            assert_eq!(stripped, leading.replace(w, ""), "{w:?}");
            let year = nian
                .captures(w)
                .and_then(|c| c.get(1))
                .and_then(|m| m.as_str().parse::<u16>().ok());
            assert_eq!(first_year_before_nian(w), year, "{w:?}");
        }
    }

    /// Every string of up to four characters over an alphabet of what the
    /// numeral tests look at, read by them as by the regexes they replace.
    #[test]
    fn the_numeral_tests_read_as_their_regexes() {
        let part = regex::Regex::new(r"^第[一二三四五六七八九十]+部分").unwrap();
        let item = regex::Regex::new(r"^[一二三四五六七八九十]+、").unwrap();
        let items = regex::Regex::new(r"^[一二三四五六七八九十]+[、.．]").unwrap();
        let bracketed = regex::Regex::new(r"^[（(][一二三四五六七八九十]+[）)]").unwrap();
        let table = regex::Regex::new(r"^公开0?([1-9])表$").unwrap();
        let alphabet = [
            "第", "一", "十", "部", "分", "、", ".", "．", "（", "(", "）", ")", "零", " ", "a",
        ];
        let mut words = vec![String::new()];
        let mut last = words.clone();
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        assert_eq!(words.len(), 1 + 15 + 225 + 3375 + 50625);
        for w in &words {
            assert_eq!(starts_with_part_number(w), part.is_match(w), "{w}");
            assert_eq!(starts_with_cn_item(w, &['、']), item.is_match(w), "{w}");
            assert_eq!(
                starts_with_cn_item(w, &['、', '.', '．']),
                items.is_match(w),
                "{w}"
            );
            assert_eq!(starts_with_bracketed_cn(w), bracketed.is_match(w), "{w}");
        }
        for n in ["", "0", "1", "9", "01", "00", "09", "10", "0a", "１", "011"] {
            for l in [
                format!("公开{n}表"),
                format!("公开{n}表表"),
                format!("公开公开{n}表"),
            ] {
                let want = table
                    .captures(&l)
                    .and_then(|c| c[1].parse::<u8>().ok())
                    .map(ScheduleId);
                assert_eq!(heading_id(&l), want, "{l}");
            }
        }
    }

    #[test]
    fn the_byte_tests_agree_with_unicode_whitespace() {
        let spaces: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for c in spaces
            .iter()
            .copied()
            .chain(['a', '中', '。', '　', '\u{1C}', '0'])
        {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!("中{c}国"),
                format!("x{c}y"),
            ] {
                assert_eq!(trim(&s), s.trim(), "{s:?}");
                assert_eq!(has_whitespace(&s), s.contains(char::is_whitespace), "{s:?}");
            }
        }
        assert_eq!(trim(""), "");
    }

    #[test]
    fn full_width_figures_read_as_ascii_one_character_for_one() {
        let line = "自评平均分９２．１２分，占１００％（含）";
        let half = halfwidth_figures(line).unwrap();
        assert_eq!(half, "自评平均分92.12分，占100%（含）");
        assert_eq!(half.chars().count(), line.chars().count());
        assert_eq!(halfwidth_figures("收入总计 4766.06 万元，"), None);
    }
    use rust_decimal_macros::dec;

    #[test]
    fn a_clause_starts_after_its_mark_or_at_the_reach() {
        let dot = |_, c| c == '。';
        assert_eq!(start_after_mark("甲。乙丙", 10, dot), "甲。".len());
        assert_eq!(start_after_mark("甲乙丙", 10, dot), 0);
        // Two characters back at most: the mark three back is out of reach.
        assert_eq!(start_after_mark("。乙丙", 2, dot), "。".len());
        assert_eq!(start_after_mark("。甲乙丙", 2, dot), "。甲".len());
        assert_eq!(start_after_mark("", 2, dot), 0);
    }

    #[test]
    fn a_full_stop_is_a_point_only_when_no_digit_follows() {
        let stops = |t: &str| -> Vec<usize> {
            t.char_indices()
                .filter(|&(i, c)| is_full_stop(t, i, c))
                .map(|(i, _)| i)
                .collect()
        };
        assert_eq!(stops("得分92.12分。下"), ["得分92.12分".len()]);
        assert_eq!(
            stops("完成100%.项目为1.5万元."),
            ["完成100%".len(), "完成100%.项目为1.5万元".len()]
        );
        assert_eq!(stops("共3个,"), Vec::<usize>::new());
    }

    #[test]
    fn amounts_as_printed() {
        assert_eq!(amount("4,766.06"), Some(dec!(4766.06)));
        assert_eq!(amount("5.40").unwrap().scale(), 2);
        assert_eq!(amount("(1.20)"), Some(dec!(-1.20)));
        assert_eq!(amount("－３．５"), Some(dec!(-3.5)));
        assert_eq!(amount("１，２３４．５６"), Some(dec!(1234.56)));
        assert_eq!(amount(""), None);
        assert_eq!(amount("合计"), None);
        assert_eq!(amount(",12"), None);
        assert_eq!(amount("1,234,567.5"), Some(dec!(1234567.5)));
        assert_eq!(amount("4,76"), None, "a cut 4,766.06 is no amount");
        assert_eq!(amount("47,66.06"), None);
        assert_eq!(amount("4,766.0,6"), None);
        assert_eq!(amount("1,2,3"), None);
        assert_eq!(amount("938."), None, "a cell cut after its point");
        assert_eq!(amount("4.766.06"), None);
        assert_eq!(amount("4 766.06"), None);
        assert_eq!(percent("58.46%"), Some(dec!(58.46)));
        assert_eq!(percent("100"), None);
    }

    /// The first, simple implementation: `squash` must agree with it.
    fn squash_reference(s: &str) -> String {
        let chars: Vec<char> = s.trim().chars().collect();
        let mut out = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let prev = out.chars().last();
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
                let keep = matches!((prev, next), (Some(p), Some(n)) if !is_cjk(p) && !is_cjk(n)
                    && p.is_alphanumeric() && n.is_alphanumeric());
                if keep && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn squash_agrees_with_the_reference_on_every_sample_line() {
        let sample = include_str!("../../sample-data/chaoyang-hrss-2024.txt");
        let extra = [
            "",
            " ",
            "a b",
            "a  b",
            "a \t b",
            "合 计",
            "ab 合",
            "合 ab",
            "x1 2y",
            "a \u{3000} b",
            " a  b  c ",
            "a (b) c",
            "1 , 2",
            "a\u{a0}b",
        ];
        for l in sample.lines().chain(sample.split('\t')).chain(extra) {
            assert_eq!(squash(l), squash_reference(l), "{l:?}");
        }
    }

    #[test]
    fn amounts_beyond_the_bound_are_not_amounts() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000_000));
        assert_eq!(amount("999999999999999.99"), Some(dec!(999999999999999.99)));
        assert_eq!(amount("1,000,000,000,000,000"), None);
        assert_eq!(amount("79228162514264337593543950335"), None);
        assert_eq!(amount("-79228162514264337593543950335"), None);
        assert_eq!(amount("0.000001"), Some(dec!(0.000001)));
        assert_eq!(amount("0.0000000000000000000000000001"), None);
    }

    #[test]
    fn squash_is_linear_on_a_long_run_of_spaces() {
        let line = format!("a{}b", " ".repeat(200_000));
        let t = std::time::Instant::now();
        assert_eq!(squash(&line), "a b");
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(squash("Mid 1 合 计 x"), "Mid 1合计x");
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("见附表"), "见附表");
        assert_eq!(excerpt(&"表".repeat(100)), format!("{}…", "表".repeat(40)));
    }

    #[test]
    fn squash_removes_extraction_spaces() {
        assert_eq!(squash("本年支出合 计"), "本年支出合计");
        assert_eq!(squash("功能分 类科目 编码"), "功能分类科目编码");
        assert_eq!(squash(" 合 计 "), "合计");
    }
}
