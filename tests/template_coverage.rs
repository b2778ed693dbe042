//! Template coverage: every numeric slot of the Shanghai template's 第三部分
//! is listed in docs/coverage/shanghai-2024.toml with the rules that check
//! it, and the list is true. The template PDF is read for the slots; the
//! Putuo report (the template filled in by a Shanghai department) is the
//! filled instance: with its two known wrong figures corrected its
//! narrative gives no finding, and changing any one slot's number raises
//! exactly the rules the table names for it, at that slot's line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::{ParseIssue, Source};
use juesuan::rules::{self, Finding, Severity};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct Coverage {
    #[allow(dead_code)]
    family: String,
    slot: Vec<Slot>,
}

#[derive(Debug, Deserialize)]
struct Slot {
    section: String,
    n: usize,
    says: String,
    measure: String,
    checked_by: Vec<String>,
    #[serde(default)]
    against: String,
    #[serde(default)]
    why_not: String,
    #[serde(default)]
    perturb: Option<String>,
    #[serde(default)]
    absent: Option<String>,
    #[serde(default)]
    reported_at: Option<String>,
    /// Phrases on other lines that use this figure (a share of it stated
    /// in another section), where its findings may show too.
    #[serde(default)]
    also_at: Vec<String>,
}

fn coverage_of(family: &str) -> Coverage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/coverage")
        .join(format!("{family}.toml"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn coverage() -> Coverage {
    coverage_of("shanghai-2024")
}

const MEASURES: [&str; 8] = [
    "prior",
    "level",
    "change",
    "change_rate",
    "share",
    "completion",
    "count",
    "score",
];

/// A slot's measure is known, and it is checked (by rules that exist,
/// against something named) or says why not.
fn assert_well_formed(s: &Slot) {
    let at = format!("{} #{} {}", s.section, s.n, s.says);
    assert!(
        MEASURES.contains(&s.measure.as_str()),
        "{at}: measure {}",
        s.measure
    );
    if s.checked_by.is_empty() {
        assert!(!s.why_not.is_empty(), "{at}: not checked, and no why_not");
    } else {
        assert!(!s.against.is_empty(), "{at}: checked against what?");
        for r in &s.checked_by {
            assert!(rules::find(r).is_some(), "{at}: no rule {r}");
        }
    }
}

fn read_pdf(name: &str) -> (Source, Vec<ParseIssue>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name);
    juesuan::pdf::read(name, &std::fs::read(path).unwrap()).unwrap()
}

/// A section heading: "一、…", "（一）…" or "(一)…", no figures.
fn is_heading(t: &str) -> bool {
    let numbered = regex::Regex::new(
        r"^(?:[一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十]+\s*[）)])",
    )
    .unwrap();
    numbered.is_match(t)
        && !t.chars().any(|c| c.is_ascii_digit())
        && !t.contains("XXX")
        && t.chars().count() < 40
}

/// The lines of a part of the report body, from the heading `from` to the
/// heading `to`.
fn part(lines: &[String], from: &str, to: &str) -> std::ops::Range<usize> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with(from))
        .map(|(i, _)| i)
        .collect();
    // The contents page names the part too: the body is the last heading.
    let start = *starts.last().unwrap();
    let end = (start..lines.len())
        .find(|&i| lines[i].starts_with(to))
        .unwrap();
    start + 1..end
}

/// The lines of 第三部分 (from its heading to 第四部分).
fn part_three(lines: &[String]) -> std::ops::Range<usize> {
    part(lines, "第三部分", "第四部分")
}

/// A numeric slot where it stands: its section, its ordinal in the
/// section, the text up to and including it, and its place in the source.
#[derive(Debug, Clone)]
struct SlotAt {
    section: String,
    n: usize,
    says: String,
    /// Index into the source's lines.
    line: usize,
    /// Byte range of the slot's number (or placeholder) in the line.
    number: std::ops::Range<usize>,
}

/// Every match of `slot` (a number or placeholder followed by its unit) in
/// `range` of `lines`, by section; `skip` says which matches are not
/// slots (given the text before the match).
fn slots_in(
    lines: &[String],
    range: std::ops::Range<usize>,
    slot: &regex::Regex,
    skip: impl Fn(&str) -> bool,
) -> Vec<SlotAt> {
    let mut out = Vec::new();
    let (mut section, mut n) = (String::new(), 0);
    for i in range {
        let line = &lines[i];
        if is_heading(line) {
            section = line.clone();
            n = 0;
            continue;
        }
        for c in slot.captures_iter(line) {
            let (m, number) = (c.get(0).unwrap(), c.get(1).unwrap());
            if skip(&line[..m.start()]) {
                continue;
            }
            n += 1;
            let from = line[..m.start()]
                .char_indices()
                .rev()
                .nth(9)
                .map_or(0, |(i, _)| i);
            out.push(SlotAt {
                section: section.clone(),
                n,
                says: line[from..m.end()].to_string(),
                line: i,
                number: number.range(),
            });
        }
    }
    out
}

/// The template's slots: (section, ordinal in it, text up to the slot).
fn template_slots() -> Vec<(String, usize, String)> {
    let (source, _) = read_pdf("template-shanghai-2024.pdf");
    let slot = regex::Regex::new(r"(X{2,3})(?:万元|万|%|个|辆|人次|分|台)").unwrap();
    // "XXXXXXXX" is a reason to write, not a number.
    slots_in(&source.lines, part_three(&source.lines), &slot, |before| {
        before.ends_with('X')
    })
    .into_iter()
    .map(|s| (s.section, s.n, s.says))
    .collect()
}

#[test]
fn every_slot_of_the_template_is_in_the_coverage_table() {
    let table: Vec<(String, usize, String)> = coverage()
        .slot
        .into_iter()
        .map(|s| (s.section, s.n, s.says))
        .collect();
    assert_eq!(table, template_slots());
}

#[test]
fn every_slot_is_checked_or_says_why_not_and_is_perturbed_or_says_why_not() {
    for s in coverage().slot {
        let at = format!("{} #{} {}", s.section, s.n, s.says);
        assert_well_formed(&s);
        assert!(
            s.perturb.is_some()
                != s.absent
                    .as_deref()
                    .is_some_and(|a| !a.is_empty() && a != "TODO"),
            "{at}: either perturb or absent (with the reason)"
        );
    }
}

/// The Putuo report with its two wrong figures corrected (pinned as real
/// in pdf_findings.rs): 财政拨款收入支出总计 is 04's 2961.68, not 0.3; and
/// 2106.66 ÷ 2940.05 is 71.65%, not 71.73%.
fn instance() -> (Source, Vec<ParseIssue>) {
    let (mut source, issues) = read_pdf("shanghai-putuo-finance-2024.pdf");
    for line in &mut source.lines {
        *line = line
            .replace(
                "财政拨款收入支出总计0.3万元",
                "财政拨款收入支出总计2961.68万元",
            )
            .replace("2106.66万元，占71.73%", "2106.66万元，占71.65%");
    }
    (source, issues)
}

fn check(source: Source, issues: &[ParseIssue]) -> Vec<Finding> {
    let mut report = juesuan::parse::parse_source(source).unwrap();
    report.parse_issues.extend(issues.iter().cloned());
    rules::check(&report)
}

/// Findings on the lines of `part`, by rule, severity and line.
fn findings_in(part: std::ops::Range<usize>, findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| part.contains(&(f.line() as usize - 1)))
        .map(|f| format!("{} {} {}", f.rule, f.severity, f.line()))
        .collect()
}

#[test]
fn the_filled_instance_is_consistent() {
    let (source, issues) = instance();
    let findings = check(source.clone(), &issues);
    // What stays is real: two 三公 items "完成预算的0%" with no budget in 07
    // (pinned in pdf_findings.rs), and rounding notes.
    let left: Vec<String> = findings_in(part_three(&source.lines), &findings)
        .into_iter()
        .filter(|f| !f.starts_with("ROUNDING"))
        .collect();
    assert_eq!(
        left,
        [
            "TEXT-RATE-NO-BUDGET warning 283",
            "TEXT-RATE-NO-BUDGET warning 283"
        ]
    );
    assert!(!findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.rule.starts_with("TEXT")));
}

/// The line (1-based) of `part` holding `phrase`; it must be on one line only.
fn line_of(source: &Source, part: std::ops::Range<usize>, phrase: &str) -> usize {
    let lines: Vec<usize> = part.filter(|&i| source.lines[i].contains(phrase)).collect();
    assert_eq!(
        lines.len(),
        1,
        "“{phrase}” is on lines {lines:?} of the instance, not one"
    );
    lines[0] + 1
}

/// `number` changed so that it is wrong: amounts by +1.00 (万元), percents
/// by +10 points, counts and scores by +1.
fn bumped(number: &str, is_percent: bool) -> String {
    let value: f64 = number.parse().unwrap();
    let decimals = number.split('.').nth(1).map_or(0, str::len);
    // A percent by ten points: one point can hide in the rounding of a
    // small base (0.00 of 0.95 万元 may be up to 0.53%).
    let step = if is_percent { 10.0 } else { 1.0 };
    format!("{:.*}", decimals, value + step)
}

/// `source` with the number at `number` of line `i` bumped.
fn bumped_at(source: &Source, i: usize, number: std::ops::Range<usize>) -> Source {
    let line = &source.lines[i];
    let is_percent = line[number.end..].trim_start().starts_with('%');
    let changed = bumped(&line[number.clone()], is_percent);
    let mut s = source.clone();
    s.lines[i] = format!(
        "{}{}{}",
        &line[..number.start],
        changed,
        &line[number.end..]
    );
    s
}

/// Change the first number in `phrase` (once, on its line of part three).
fn perturbed(source: &Source, phrase: &str) -> (Source, usize) {
    let number = regex::Regex::new(r"\d+(?:\.\d+)?").unwrap();
    let i = line_of(source, part_three(&source.lines), phrase) - 1;
    let m = number.find(phrase).unwrap();
    let at = source.lines[i].find(phrase).unwrap();
    (bumped_at(source, i, at + m.start()..at + m.end()), i + 1)
}

/// What changing one slot raised, against what its table row says: `None`
/// when exactly the rules `checked_by` fired, each on one of `lines` and at
/// least one on `line` (the slot's own, or where its sum is reported).
fn judge(s: &Slot, new: &[Finding], line: usize, mut lines: BTreeSet<usize>) -> Option<String> {
    let rules_here: BTreeSet<String> = new.iter().map(|f| f.rule.clone()).collect();
    // JUESUAN_COVERAGE_OBSERVE=1 prints what each slot raises, to write
    // the table from (then read by a person before it is committed).
    if std::env::var_os("JUESUAN_COVERAGE_OBSERVE").is_some() {
        let at: BTreeSet<u32> = new.iter().map(|f| f.line()).collect();
        let said: Vec<&str> = new.iter().map(|f| f.message.as_str()).collect();
        eprintln!(
            "OBSERVED\t{}\t{}\t{}\t{:?}\t{line}\t{:?}\t{}",
            s.section,
            s.n,
            s.says,
            rules_here,
            at,
            said.join(" | ")
        );
    }
    let want: BTreeSet<String> = s.checked_by.iter().cloned().collect();
    lines.insert(line);
    let ok = rules_here == want
        && new.iter().all(|f| lines.contains(&(f.line() as usize)))
        && (want.is_empty() || new.iter().any(|f| f.line() as usize == line));
    (!ok).then(|| {
        format!(
            "{} #{} {} (line {line}): table says {:?}, got {:?}",
            s.section,
            s.n,
            s.says,
            want,
            new.iter()
                .map(|f| format!("{} {} {}: {}", f.rule, f.severity, f.line(), f.message))
                .collect::<Vec<_>>()
        )
    })
}

/// The findings of `changed` that `before` does not have, or has with
/// another message (a finding already there that now states the changed
/// figure); rounding notes aside.
fn new_findings(
    before: &BTreeSet<(String, String)>,
    changed: Source,
    issues: &[ParseIssue],
) -> Vec<Finding> {
    check(changed, issues)
        .into_iter()
        .filter(|f| !before.contains(&(f.id.clone(), f.message.clone())) && f.rule != "ROUNDING")
        .collect()
}

fn ids(findings: Vec<Finding>) -> BTreeSet<(String, String)> {
    findings.into_iter().map(|f| (f.id, f.message)).collect()
}

#[test]
fn a_wrong_number_in_any_checked_slot_raises_its_rules_there() {
    let (source, issues) = instance();
    let before = ids(check(source.clone(), &issues));
    let three = || part_three(&source.lines);
    let mut report = Vec::new();
    for s in coverage().slot {
        let Some(phrase) = &s.perturb else { continue };
        let (changed, at) = perturbed(&source, phrase);
        // A sum's parts are reported on the sum's line.
        let line = s
            .reported_at
            .as_deref()
            .map_or(at, |p| line_of(&source, three(), p));
        let lines = s
            .also_at
            .iter()
            .map(|p| line_of(&source, three(), p))
            .collect();
        let new = new_findings(&before, changed, &issues);
        report.extend(judge(&s, &new, line, lines));
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

// ---------------------------------------------------------------------------
// The Liaoning family (辽宁, 2024): no template is in the repository, so the
// filled report is its own specification. Every number of its 第二部分
// (部门决算情况说明) is a slot of liaoning-2024.toml, in order.

/// The Chaoyang sample as text, and the lines of its 第二部分.
fn liaoning_sample() -> Source {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/chaoyang-hrss-2024.txt");
    juesuan::parse::parse_text("chaoyang-hrss-2024.txt", &std::fs::read(path).unwrap())
        .unwrap()
        .source
}

fn part_two(lines: &[String]) -> std::ops::Range<usize> {
    part(lines, "第二部分", "第三部分")
}

/// Every number of 第二部分 followed by a unit.
fn liaoning_slots(source: &Source) -> Vec<SlotAt> {
    let slot = regex::Regex::new(r"(\d+(?:\.\d+)?)\s*(?:万元|%|个|辆|人次|批次|人|分|台)").unwrap();
    slots_in(&source.lines, part_two(&source.lines), &slot, |_| false)
}

/// The sample with its one wrong figure of 第二部分 corrected (pinned as
/// real in rules_sample.rs): the department has the 2 cars whose running
/// costs 公开07表 shows, not 0.
fn liaoning_instance() -> Source {
    let mut source = liaoning_sample();
    for line in &mut source.lines {
        *line = line
            .replace("共有车辆 0 辆", "共有车辆 2 辆")
            .replace("其他用车 0 辆", "其他用车 2 辆");
    }
    source
}

#[test]
fn every_number_of_the_liaoning_narrative_is_in_its_coverage_table() {
    let source = liaoning_sample();
    let table: Vec<(String, usize, String)> = coverage_of("liaoning-2024")
        .slot
        .into_iter()
        .map(|s| (s.section, s.n, s.says))
        .collect();
    let slots: Vec<(String, usize, String)> = liaoning_slots(&source)
        .into_iter()
        .map(|s| (s.section, s.n, s.says))
        .collect();
    assert_eq!(table, slots);
    for s in coverage_of("liaoning-2024").slot {
        assert_well_formed(&s);
    }
}

#[test]
fn the_liaoning_instance_is_consistent() {
    let source = liaoning_instance();
    let findings = check(source.clone(), &[]);
    // What stays is real (pinned in rules_sample.rs): six 项 and two 三公
    // items "完成…预算的 0%" with no budget, and the average that counts a
    // withheld score as 0.
    let left: Vec<String> = findings_in(part_two(&source.lines), &findings)
        .into_iter()
        .filter(|f| !f.contains(" info "))
        .collect();
    let want: Vec<String> = [135, 145, 153, 157, 159, 161, 187, 189]
        .iter()
        .map(|l| format!("TEXT-RATE-NO-BUDGET warning {l}"))
        .chain(["PLAUS-AVERAGE-WITHHELD warning 221".to_string()])
        .collect();
    assert_eq!(left, want);
    assert!(!findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.rule.starts_with("TEXT")));
}

#[test]
fn a_wrong_number_in_any_liaoning_slot_raises_its_rules_there() {
    let source = liaoning_instance();
    let before = ids(check(source.clone(), &[]));
    let two = || part_two(&source.lines);
    let table = coverage_of("liaoning-2024").slot;
    let slots = liaoning_slots(&source);
    assert_eq!(table.len(), slots.len());
    let mut report = Vec::new();
    for (s, at) in table.iter().zip(slots) {
        let changed = bumped_at(&source, at.line, at.number);
        let line = s
            .reported_at
            .as_deref()
            .map_or(at.line + 1, |p| line_of(&source, two(), p));
        // A figure used elsewhere (a table of the annex) may be reported there.
        let everywhere = || 0..source.lines.len();
        let lines = s
            .also_at
            .iter()
            .map(|p| line_of(&source, everywhere(), p))
            .collect();
        let new = new_findings(&before, changed, &[]);
        report.extend(judge(s, &new, line, lines));
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

// ---------------------------------------------------------------------------
// The Beijing family (北京, 2023 template): no Beijing report is in the
// repository. docs/coverage/beijing-2023.txt holds the sentences of the
// 部门决算说明 whose wording published Beijing reports show, filled with the
// sample's figures; it stands in for the sample's 第二部分 一、, and every
// number of it followed by a unit is a slot of beijing-2023.toml, in order.

/// The sample with its 一、收入支出决算总体情况说明 in Beijing's wording, and
/// the range of lines that wording takes.
fn beijing_instance() -> (Source, std::ops::Range<usize>) {
    let mut source = liaoning_instance();
    let wording = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/coverage/beijing-2023.txt"),
    )
    .unwrap();
    let two = part_two(&source.lines);
    let start = (two.clone())
        .find(|&i| source.lines[i].starts_with("一、收入支出决算总体情况说明"))
        .unwrap();
    let end = (start..two.end)
        .find(|&i| source.lines[i].starts_with("二、"))
        .unwrap();
    let new: Vec<String> = wording.lines().map(str::to_string).collect();
    let range = start..start + new.len();
    source.lines.splice(start..end, new);
    (source, range)
}

fn beijing_slots(source: &Source, range: std::ops::Range<usize>) -> Vec<SlotAt> {
    let slot = regex::Regex::new(r"(\d+(?:\.\d+)?)\s*(?:万元|%)").unwrap();
    slots_in(&source.lines, range, &slot, |_| false)
}

#[test]
fn every_number_of_the_beijing_wording_is_in_its_coverage_table() {
    let (source, range) = beijing_instance();
    let table: Vec<(String, usize, String)> = coverage_of("beijing-2023")
        .slot
        .into_iter()
        .map(|s| (s.section, s.n, s.says))
        .collect();
    let slots: Vec<(String, usize, String)> = beijing_slots(&source, range)
        .into_iter()
        .map(|s| (s.section, s.n, s.says))
        .collect();
    assert_eq!(table, slots);
    for s in coverage_of("beijing-2023").slot {
        assert_well_formed(&s);
    }
}

#[test]
fn the_beijing_wording_filled_consistently_raises_nothing() {
    let (source, range) = beijing_instance();
    let findings = check(source, &[]);
    assert_eq!(findings_in(range, &findings), Vec::<String>::new());
}

#[test]
fn a_wrong_number_in_any_beijing_slot_raises_its_rules_there() {
    let (source, range) = beijing_instance();
    let before = ids(check(source.clone(), &[]));
    let table = coverage_of("beijing-2023").slot;
    let slots = beijing_slots(&source, range.clone());
    assert_eq!(table.len(), slots.len());
    let mut report = Vec::new();
    for (s, at) in table.iter().zip(slots) {
        let changed = bumped_at(&source, at.line, at.number);
        let lines = s
            .also_at
            .iter()
            .map(|p| line_of(&source, range.clone(), p))
            .collect();
        let new = new_findings(&before, changed, &[]);
        report.extend(judge(s, &new, at.line + 1, lines));
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
