//! The narrative: headings, paragraphs with page-break scars joined, claims
//! (every amount, share/rate and count stated), and project summaries.

use crate::report::{Claim, ClaimKind, LineNo, Narrative, Paragraph, ProjectSummary, Section};
use crate::text::Part::{Amount, Lit, Opt, Rate, Space};
use crate::text::Phrase;
use crate::text::{
    amount, ascii_digits, claim_clause, is_cn_numeral, is_full_stop, squash, start_after_mark,
    starts_with_bracketed_cn, starts_with_cn_item, starts_with_part_number,
};
use rust_decimal::Decimal;
use std::ops::Range;

/// Heading depth: 第X部分 (0), 一、 (1), （一） (2).
fn heading_level(line: &str) -> Option<usize> {
    let t = line.trim();
    if t.is_empty() || t.contains('\t') || t.chars().count() > 40 {
        return None;
    }
    // Each pattern is tried only when the character it needs is there:
    // this runs on every narrative line, and most lines are plain text.
    if starts_with_part_number(t) {
        return Some(0);
    }
    // A line stating a figure ("(二) 支出总计 4766.06 万，包括：") is text.
    if t.contains("万元") || t.contains('%') || digit_before_wan(t) {
        return None;
    }
    // "二、事业收入：指……。" is a glossary entry, not a heading.
    let defines = ends_with_full_stop(t) || t.trim_end_matches('：').contains('：');
    if starts_with_cn_item(t, &['、', '.', '．']) && !defines {
        return Some(1);
    }
    if is_bracketed_numeral(t) {
        return Some(2);
    }
    None
}

/// `\d\s*万`: a 万 after a digit and nothing but white space.
fn digit_before_wan(t: &str) -> bool {
    t.match_indices('万').any(|(i, _)| {
        t[..i]
            .trim_end_matches(char::is_whitespace)
            .chars()
            .next_back()
            .is_some_and(crate::text::is_decimal_digit)
    })
}

/// A line that starts a new paragraph by its numbering ("1.", "(1)", "（一）").
fn starts_item(t: &str) -> bool {
    // `\d` is any Unicode digit, all of them `is_numeric`.
    let may =
        t.starts_with(|c: char| c.is_numeric() || matches!(c, '（' | '(') || is_cn_numeral(c));
    may && crate::digit_regex!(
        r"^(\d+[.、．]|[（(]\d+[）)]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．])"
    )
    .is_match(t)
}

/// Whether a line's last character ends a sentence (。 or a '.' typed for
/// it). A '.' after a digit may be a decimal point whose decimals a printed
/// line wrapped onto the next ("4766." / "06万元"), so it does not.
fn ends_with_full_stop(t: &str) -> bool {
    let mut back = t.chars().rev();
    match (back.next(), back.next()) {
        (Some('。'), _) => true,
        (Some('.'), Some(before)) => !before.is_ascii_digit(),
        _ => false,
    }
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '；', '：', '！', '？', ':', ';']) || ends_with_full_stop(t)
}

/// Parse the narrative regions, in order (cover and table of contents at
/// the start of the first are skipped; a later region, such as a 情况说明
/// printed after the tables, continues the same sections).
pub fn parse(lines: &[&str], regions: &[Range<usize>]) -> Narrative {
    let start = regions
        .first()
        .map(|r| body_start(lines, r.clone()))
        .unwrap_or(0);
    let mut sections: Vec<Section> = Vec::new();
    let mut path: [Option<String>; 3] = [None, None, None];
    let mut current: Option<Section> = None;
    let indices = regions.iter().enumerate().flat_map(|(k, r)| {
        let from = if k == 0 { start.max(r.start) } else { r.start };
        (from..r.end).map(move |i| (i, r.end))
    });
    for (i, region_end) in indices {
        let raw = lines[i];
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let line = i as LineNo + 1;
        if let Some(level) = heading_level(t).filter(|&lv| {
            lv < 2
                || !(next_is_sibling_item(lines, i, region_end) || ends_list(lines, i, region_end))
        }) {
            if let Some(s) = current.take() {
                sections.push(s);
            }
            path[level] = Some(squash(t).into_owned());
            for p in path.iter_mut().skip(level + 1) {
                *p = None;
            }
            let heading = heading_path(&path);
            current = Some(Section {
                heading,
                line,
                paragraphs: Vec::new(),
            });
            continue;
        }
        let section = current.get_or_insert_with(|| Section {
            heading: String::new(),
            line,
            paragraphs: Vec::new(),
        });
        let continues = section
            .paragraphs
            .last()
            .is_some_and(|p| !ends_sentence(p.text.trim_end()) && !starts_item(t));
        match section.paragraphs.last_mut() {
            Some(p) if continues => {
                push_text(p, t, line);
                p.end_line = line;
            }
            _ => {
                let mut p = Paragraph {
                    text: String::new(),
                    char_lines: Vec::new(),
                    line,
                    end_line: line,
                };
                push_text(&mut p, t, line);
                section.paragraphs.push(p);
            }
        }
    }
    if let Some(s) = current.take() {
        sections.push(s);
    }
    let claims = claims(&sections);
    let project_summaries = project_summaries(&sections);
    Narrative {
        sections,
        claims,
        project_summaries,
    }
}

/// A （八） line followed by （九） is an item of a list, not a heading.
fn next_is_sibling_item(lines: &[&str], i: usize, end: usize) -> bool {
    (i + 1..end)
        .map(|j| lines[j].trim())
        .find(|t| !t.is_empty())
        .is_some_and(is_bracketed_numeral)
}

/// "（八）…": a bracketed Chinese numeral at the start.
fn is_bracketed_numeral(t: &str) -> bool {
    starts_with_bracketed_cn(t)
}

/// A （十二） line followed straight by a part or 一、 heading is the last
/// item of a list (the duties in 概况), not a heading of an empty section.
fn ends_list(lines: &[&str], i: usize, end: usize) -> bool {
    (i + 1..end)
        .map(|j| lines[j].trim())
        .find(|t| !t.is_empty())
        .is_some_and(|t| heading_level(t).is_some_and(|lv| lv < 2))
}

fn push_text(p: &mut Paragraph, t: &str, line: LineNo) {
    p.text.push_str(t);
    p.char_lines
        .extend(std::iter::repeat_n(line, t.chars().count()));
}

/// "第二部分… / 一、… / （一）…", with the part only when nothing finer is set.
fn heading_path(path: &[Option<String>; 3]) -> String {
    let finer: Vec<&str> = path[1..].iter().flatten().map(String::as_str).collect();
    if finer.is_empty() {
        path[0].clone().unwrap_or_default()
    } else {
        finer.join(" / ")
    }
}

/// Skip the cover and the 目录: the body starts where the first part heading
/// after the 目录 line appears for the second time.
fn body_start(lines: &[&str], region: Range<usize>) -> usize {
    let toc = region.clone().find(|&i| squash(lines[i]) == "目录");
    let Some(toc) = toc else { return region.start };
    let first_entry = (toc + 1..region.end).find(|&i| !lines[i].trim().is_empty());
    let Some(first_entry) = first_entry else {
        return region.start;
    };
    let key = squash(lines[first_entry]);
    (first_entry + 1..region.end)
        .find(|&i| squash(lines[i]) == key)
        .unwrap_or(toc + 1)
}

/// The most claims collected. A real report states a few hundred numbers
/// (the sample 239); a hostile one of 20 MB states millions, each with its
/// sentence (2 GB), and rules that look at each claim's paragraph cost
/// claims × paragraph length. One more than this is collected so the caller
/// can tell the limit was hit ([`super::parse_source`] reports it and drops
/// the extra one).
pub const MAX_CLAIMS: usize = 20_000;

/// What "N万" may count instead of 元: people, households, visits, copies…
fn is_counted_noun(c: char) -> bool {
    matches!(
        c,
        '人' | '户'
            | '次'
            | '件'
            | '册'
            | '个'
            | '台'
            | '套'
            | '亩'
            | '吨'
            | '平'
            | '公'
            | '株'
            | '只'
            | '头'
            | '份'
            | '张'
            | '辆'
            | '字'
            | '名'
            | '条'
    )
}

fn claims(sections: &[Section]) -> Vec<Claim> {
    let re = crate::digit_regex!(
        r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|万|%|％|台（套）|台\(套\)|人次|批次|辆|个|人|项|家|次|台|套|分|户)"
    );
    let mut out = Vec::new();
    for (si, s) in sections.iter().enumerate() {
        for (pi, p) in s.paragraphs.iter().enumerate() {
            let text = &p.text;
            let mut last_end = 0;
            // Char offset of byte `seen_bytes`, advanced claim by claim so a
            // paragraph with thousands of numbers stays linear.
            let (mut seen_bytes, mut seen_chars) = (0usize, 0usize);
            // `find_iter` rather than `captures_iter` (a third of the time):
            // a match is the number, spaces, then a unit, and no unit starts
            // with a digit, comma, point or space, so the split is certain.
            for m in re.find_iter(text) {
                if out.len() > MAX_CLAIMS {
                    return out;
                }
                let matched = m.as_str();
                let num_len = matched
                    .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                    .unwrap_or(matched.len());
                let num = &matched[..num_len];
                let unit = matched[num_len..].trim_start();
                // Skip digits glued to a preceding digit or letter (a code, a year's tail).
                if text[..m.start()]
                    .chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '.')
                {
                    continue;
                }
                let Some(value) = amount(num) else {
                    continue;
                };
                // "XX 万" is 万元 (Shanghai's template writes both), but
                // not "3.5 万人次" or "2 万册", a count in ten thousands.
                if unit == "万" && text[m.end()..].starts_with(is_counted_noun) {
                    continue;
                }
                let unit = match unit {
                    "万" => "万元".to_string(),
                    u => u.replace('％', "%"),
                };
                let kind = match unit.as_str() {
                    "万元" => ClaimKind::Amount,
                    "%" => ClaimKind::Percent,
                    _ => ClaimKind::Count,
                };
                seen_chars += text[seen_bytes..m.start()].chars().count();
                seen_bytes = m.start();
                let offset = seen_chars;
                let clause = claim_clause(&text[..m.start()]);
                let reading = super::claims::read(&s.heading, &clause, text, m.start());
                out.push(Claim {
                    kind,
                    value,
                    unit,
                    subject: subject(&text[last_end.min(m.start())..m.start()]),
                    sentence: sentence(text, m.start(), m.end()),
                    line: p.line_at(offset),
                    section: si,
                    paragraph: pi,
                    offset,
                    byte_offset: m.start(),
                    norm_subject: Default::default(),
                    clause,
                    reading,
                });
                last_end = m.end();
            }
        }
    }
    out
}

/// The words before a number within its clause, numbering stripped.
fn subject(before: &str) -> String {
    let clause = before
        .rsplit([
            '，', '。', '；', '：', ',', ';', ':', '、', '（', '(', '）', ')',
        ])
        .next()
        .unwrap_or(before);
    // The numbering pattern needs a digit or a bracket first (`\s` and
    // `trim_start` are both Unicode White_Space): most subjects have neither.
    let numbered = clause
        .trim_start()
        .starts_with(|c: char| c.is_numeric() || matches!(c, '（' | '('));
    if !numbered {
        return squash(clause).into_owned();
    }
    let t = crate::digit_regex!(r"^\s*(\d+[.、．]|[（(]\d+[）)])\s*").replace(clause, "");
    squash(&t).into_owned()
}

/// The most characters a claim's sentence keeps on each side of its number.
/// Real sentences are far shorter; without a bound, a hostile paragraph of
/// thousands of numbers and no 。 would copy itself into every claim
/// (quadratic memory: a 180 KB line took 2.7 GB).
const SENTENCE_REACH: usize = 400;

/// The sentence (between 。 marks) around byte range `start..end`, at most
/// [`SENTENCE_REACH`] characters either side of it.
fn sentence(text: &str, start: usize, end: usize) -> String {
    // Walk out from the number to the nearest 。 on each side, at most
    // SENTENCE_REACH characters: a sentence costs its own length, not the
    // whole reach.
    let before = &text[..start];
    let from = start_after_mark(before, SENTENCE_REACH, |i, c| is_full_stop(before, i, c));
    let mut to = text.len();
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        if n == SENTENCE_REACH {
            to = end + i;
            break;
        }
        if is_full_stop(text, end + i, c) {
            to = end + i + c.len_utf8();
            break;
        }
    }
    text[from..to].trim().to_string()
}

fn num_after(text: &str, phrase: &Phrase) -> Option<Decimal> {
    phrase.first(text).and_then(|m| amount(&text[m]))
}

/// What a project summary states: its score, budget, spending and rate.
static SCORE: Phrase = Phrase::new(
    r"自评得分\s*([\d.]+)\s*分",
    &[Lit(&["自评得分"]), Space, Rate, Space, Lit(&["分"])],
);
static BUDGET: Phrase = Phrase::new(
    r"全年预算数为\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["全年预算数为"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);
static EXECUTED: Phrase = Phrase::new(
    r"全年执行数为\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["全年执行数为"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);
static RATE: Phrase = Phrase::new(
    r"完成预算的\s*([\d.]+)\s*%",
    &[Lit(&["完成预算的"]), Space, Rate, Space, Lit(&["%"])],
);

fn project_summaries(sections: &[Section]) -> Vec<ProjectSummary> {
    let head = crate::digit_regex!(r"^[（(]\s*(\d+)\s*[）)]\s*“(.*)”\s*项目\s*自评综述");
    let mut out = Vec::new();
    for s in sections {
        for (i, p) in s.paragraphs.iter().enumerate() {
            if !p.text.starts_with(['（', '(']) {
                continue;
            }
            let Some(c) = head.captures(&p.text) else {
                continue;
            };
            // A summary runs on to the next numbered item: text pasted from a
            // PDF breaks it into paragraphs wherever a printed line happened
            // to end with "：" or "。".
            let rest: Vec<&Paragraph> = s.paragraphs[i + 1..]
                .iter()
                .take_while(|n| !starts_item(n.text.trim_start()))
                .collect();
            let whole: String = std::iter::once(p)
                .chain(rest.iter().copied())
                .map(|q| q.text.as_str())
                .collect();
            let end_line = rest.last().map_or(p.end_line, |q| q.end_line);
            let text = ascii_digits(&whole);
            let (Some(index), Some(name)) = (c.get(1), c.get(2)) else {
                continue;
            };
            out.push(ProjectSummary {
                index: index.as_str().parse().unwrap_or(0),
                name: name.as_str().trim().to_string(),
                score: num_after(&text, &SCORE),
                score_withheld: text.contains("不公开"),
                budget: num_after(&text, &BUDGET),
                executed: num_after(&text, &EXECUTED),
                rate: num_after(&text, &RATE),
                text: whole,
                line: p.line,
                end_line,
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_phrases_read_as_their_regexes() {
        for p in [&SCORE, &BUDGET, &EXECUTED, &RATE] {
            crate::text::phrase_reads_as_its_regex(p);
        }
    }

    #[test]
    fn a_digit_before_wan_reads_as_its_regex() {
        let re = regex::Regex::new(r"\d\s*万").unwrap();
        let alphabet = ["1", "４", "٣", " ", "\u{3000}", "万", "元", "x", "。"];
        let words = crate::text::words_of(&alphabet);
        for w in &words {
            assert_eq!(digit_before_wan(w), re.is_match(w), "{w:?}");
        }
    }

    fn parse_str(s: &str) -> Narrative {
        let lines: Vec<&str> = s.lines().collect();
        parse(&lines, std::slice::from_ref(&(0..lines.len())))
    }

    #[test]
    fn wan_is_wanyuan_but_not_in_a_count_of_ten_thousands() {
        let n = parse_str("一、收入支出决算总体情况说明\n\n(一) 收入总计 12.50 万，服务群众 3.5 万人次，其中国内公务接待支出 2 万（含外宾接待支出 1 万元）。\n");
        let amounts: Vec<(String, String)> = n
            .claims
            .iter()
            .map(|c| (c.value.to_string(), c.unit.clone()))
            .collect();
        assert_eq!(
            amounts,
            [
                ("12.50".to_string(), "万元".to_string()),
                ("2".to_string(), "万元".to_string()),
                ("1".to_string(), "万元".to_string()),
            ]
        );
        assert_eq!(n.sections[0].heading, "一、收入支出决算总体情况说明");
        assert_eq!(n.sections[0].paragraphs.len(), 1);
    }

    #[test]
    fn page_break_fragments_are_joined_and_claims_keep_their_lines() {
        let n = parse_str("一、收入支出决算总体情况说明\n\n(一) 收入总计 4766.06 万元，包括：\n1. 财政拨款收入 4766.06 万元，占收入总计的 100.00%。\n\n与上年相比，今年收入总计增加 306.64 万元，增长 6.88%，主要原因：大厦消防改造\n\n项目经费增加。\n");
        let s = &n.sections[0];
        assert_eq!(s.heading, "一、收入支出决算总体情况说明");
        assert_eq!(s.paragraphs.len(), 3);
        assert_eq!(s.paragraphs[2].text, "与上年相比，今年收入总计增加 306.64 万元，增长 6.88%，主要原因：大厦消防改造项目经费增加。");
        let share = n
            .claims
            .iter()
            .find(|c| c.kind == ClaimKind::Percent)
            .unwrap();
        assert_eq!(share.subject, "占收入总计的");
        assert_eq!(share.line, 4);
        let inc = n
            .claims
            .iter()
            .find(|c| c.subject == "今年收入总计增加")
            .unwrap();
        assert_eq!(inc.value.to_string(), "306.64");
        assert_eq!(inc.line, 6);
    }

    #[test]
    fn a_paragraph_of_many_numbers_stays_linear() {
        // Just under the claim limit, so every number is read.
        let count = MAX_CLAIMS - 1;
        let line = "1万元".repeat(count);
        let t = std::time::Instant::now();
        let n = parse_str(&format!("一、收入\n{line}\n"));
        assert!(t.elapsed() < std::time::Duration::from_secs(20));
        assert_eq!(n.claims.len(), count);
        let last = n.claims.last().unwrap();
        assert_eq!(last.offset, 3 * (count - 1));
        assert_eq!(last.byte_offset, "1万元".len() * (count - 1));
        assert!(last.sentence.chars().count() <= 2 * SENTENCE_REACH + 3);
        assert!(last.sentence.contains("1万元"));
    }

    #[test]
    fn sentences_are_cut_at_their_full_stops() {
        assert_eq!(sentence("甲。乙5万元丙。丁", 9, 16), "乙5万元丙。");
    }
}
