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

fn coverage() -> Coverage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/coverage/shanghai-2024.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn read_pdf(name: &str) -> (Source, Vec<ParseIssue>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name);
    juesuan::pdf::read(name, &std::fs::read(path).unwrap()).unwrap()
}

/// A section heading of 第三部分: "一、…" or "（一）…", no figures.
fn is_heading(t: &str) -> bool {
    let numbered =
        regex::Regex::new(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)").unwrap();
    numbered.is_match(t)
        && !t.chars().any(|c| c.is_ascii_digit())
        && !t.contains("XXX")
        && t.chars().count() < 40
}

/// The lines of 第三部分 (from its heading to 第四部分).
fn part_three(lines: &[String]) -> std::ops::Range<usize> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("第三部分"))
        .map(|(i, _)| i)
        .collect();
    // The contents page names the part too: the body is the last heading.
    let start = *starts.last().unwrap();
    let end = (start..lines.len())
        .find(|&i| lines[i].starts_with("第四部分"))
        .unwrap();
    start + 1..end
}

/// The template's slots: (section, ordinal in it, text up to the slot).
fn template_slots() -> Vec<(String, usize, String)> {
    let (source, _) = read_pdf("template-shanghai-2024.pdf");
    let slot = regex::Regex::new(r"X{2,3}(?:万元|万|%|个|辆|人次|分|台)").unwrap();
    let mut out = Vec::new();
    let (mut section, mut n) = (String::new(), 0);
    for line in &source.lines[part_three(&source.lines)] {
        if is_heading(line) {
            section = line.clone();
            n = 0;
            continue;
        }
        for m in slot.find_iter(line) {
            // "XXXXXXXX" is a reason to write, not a number.
            if line[..m.start()].ends_with('X') {
                continue;
            }
            n += 1;
            let from = line[..m.start()]
                .char_indices()
                .rev()
                .nth(9)
                .map_or(0, |(i, _)| i);
            out.push((section.clone(), n, line[from..m.end()].to_string()));
        }
    }
    out
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
    let measures = [
        "level",
        "change",
        "change_rate",
        "share",
        "completion",
        "count",
        "score",
    ];
    for s in coverage().slot {
        let at = format!("{} #{} {}", s.section, s.n, s.says);
        assert!(
            measures.contains(&s.measure.as_str()),
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

/// Findings on the narrative of 第三部分, by rule, line and severity.
fn narrative_findings(source: &Source, findings: &[Finding]) -> Vec<String> {
    let part = part_three(&source.lines);
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
    let left: Vec<String> = narrative_findings(&source, &findings)
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

/// The line of part three holding `phrase`; it must be on one line only.
fn line_of(source: &Source, phrase: &str) -> usize {
    let lines: Vec<usize> = part_three(&source.lines)
        .filter(|&i| source.lines[i].contains(phrase))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "“{phrase}” is on lines {lines:?} of the instance, not one"
    );
    lines[0] + 1
}

/// Change the first number in `phrase` (once, on its line): amounts by
/// +1.00 (万元), percents by +10 points, counts and scores by +1.
fn perturbed(source: &Source, phrase: &str) -> (Source, usize) {
    let number = regex::Regex::new(r"\d+(?:\.\d+)?").unwrap();
    let i = line_of(source, phrase) - 1;
    let m = number.find(phrase).unwrap();
    let value: f64 = m.as_str().parse().unwrap();
    let decimals = m.as_str().split('.').nth(1).map_or(0, str::len);
    // A percent by ten points: one point can hide in the rounding of a
    // small base (0.00 of 0.95 万元 may be up to 0.53%).
    let step = if phrase[m.end()..].starts_with('%') {
        10.0
    } else {
        1.0
    };
    let changed = format!("{:.*}", decimals, value + step);
    let new_phrase = format!("{}{}{}", &phrase[..m.start()], changed, &phrase[m.end()..]);
    let mut s = source.clone();
    s.lines[i] = s.lines[i].replacen(phrase, &new_phrase, 1);
    (s, i + 1)
}

#[test]
fn a_wrong_number_in_any_checked_slot_raises_its_rules_there() {
    let (source, issues) = instance();
    let before: BTreeSet<String> = check(source.clone(), &issues)
        .into_iter()
        .map(|f| f.id)
        .collect();
    let mut report = Vec::new();
    for s in coverage().slot {
        let Some(phrase) = &s.perturb else { continue };
        let (changed, at) = perturbed(&source, phrase);
        // A sum's parts are reported on the sum's line.
        let line = s.reported_at.as_deref().map_or(at, |p| line_of(&source, p));
        let new: Vec<Finding> = check(changed, &issues)
            .into_iter()
            .filter(|f| !before.contains(&f.id) && f.rule != "ROUNDING")
            .collect();
        let rules_here: BTreeSet<String> = new.iter().map(|f| f.rule.clone()).collect();
        // JUESUAN_COVERAGE_OBSERVE=1 prints what each slot raises, to write
        // the table from (then read by a person before it is committed).
        if std::env::var_os("JUESUAN_COVERAGE_OBSERVE").is_some() {
            let lines: BTreeSet<u32> = new.iter().map(|f| f.line()).collect();
            eprintln!(
                "OBSERVED\t{}\t{}\t{:?}\t{line}\t{:?}",
                s.section, s.n, rules_here, lines
            );
        }
        let want: BTreeSet<String> = s.checked_by.iter().cloned().collect();
        let mut lines: BTreeSet<usize> = s.also_at.iter().map(|p| line_of(&source, p)).collect();
        lines.insert(line);
        let ok = rules_here == want
            && new.iter().all(|f| lines.contains(&(f.line() as usize)))
            && (want.is_empty() || new.iter().any(|f| f.line() as usize == line));
        if !ok {
            report.push(format!(
                "{} #{} {} (line {line}): table says {:?}, got {:?}",
                s.section,
                s.n,
                s.says,
                want,
                new.iter()
                    .map(|f| format!("{} {} {}: {}", f.rule, f.severity, f.line(), f.message))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
