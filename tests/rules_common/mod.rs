//! Shared helpers for the rule tests (tests/rules_*.rs): the sample report, one-line edits of
//! it (like a real typo), and compact keys for findings.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use juesuan::input;
use juesuan::report::Report;
use juesuan::rules::{self, Finding};
use std::sync::OnceLock;

/// The sample report, relative to the crate root.
pub const SAMPLE: &str = "sample-data/chaoyang-hrss-2024.txt";

/// The sample's text.
pub fn sample_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = format!("{}/{SAMPLE}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    })
}

/// Parse a report from text.
pub fn report_of(text: &str) -> Report {
    input::read_bytes("sample.txt", text.as_bytes()).unwrap()
}

/// Parse and check a report from text.
pub fn findings_of(text: &str) -> Vec<Finding> {
    rules::check(&report_of(text))
}

/// The findings on the unedited sample.
pub fn sample_findings() -> &'static [Finding] {
    static F: OnceLock<Vec<Finding>> = OnceLock::new();
    F.get_or_init(|| findings_of(sample_text()))
}

/// The sample with one edit: on line `line` (1-based) the first `from`
/// becomes `to`. Panics when the line does not contain `from`, so a test
/// cannot silently edit nothing.
pub fn edit(line: usize, from: &str, to: &str) -> String {
    edit_text(sample_text(), line, from, to)
}

/// `text` with one edit (see [`edit`]), for a second edit on top of a first.
pub fn edit_text(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &lines[line - 1];
    assert!(l.contains(from), "line {line} has no {from:?}: {l:?}");
    lines[line - 1] = l.replacen(from, to, 1);
    lines.join("\n")
}

/// The findings on the sample with one edit (see [`edit`]).
pub fn edited(line: usize, from: &str, to: &str) -> Vec<Finding> {
    findings_of(&edit(line, from, to))
}

/// The sample with `block` inserted before line `line` (1-based).
pub fn insert(line: usize, block: &str) -> String {
    let mut lines: Vec<&str> = sample_text().split('\n').collect();
    let new: Vec<&str> = block.split('\n').collect();
    lines.splice(line - 1..line - 1, new);
    lines.join("\n")
}

/// An empty 公开08表 and 公开09表 (the sample lacks both) with the given
/// 合计 rows, and the "本表为空" statements when `statement` is true.
pub fn fund_tables(t8_total: &str, t9_total: &str, statement: bool) -> String {
    let empty = if statement {
        "如本表为空，则我部门本年度无此类资金收支余。"
    } else {
        ""
    };
    format!(
        "政府性基金预算财政拨款收入支出决算表\n\n公开 08 表\n\n\
         单位：辽宁省朝阳市人力资源和社会保障局（本级） 2024 年度\n\n金额单位：万元\n\n\
         项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n\
         功能分类科目编码\t科目名称\t\t\t小计\t基本支出\t项目支出\t\n\
         栏次\t\t1\t2\t3\t4\t5\t6\n\
         {t8_total}\n\n\
         注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。\n\n{empty}\n\n\
         国有资本经营预算财政拨款支出决算表\n\n公开 09 表\n\n\
         单位：辽宁省朝阳市人力资源和社会保障局（本级） 2024 年度\n\n金额单位：万元\n\n\
         项目\t\t本年支出\n\
         功能分类科目编码\t科目名称\t小计\t基本支出\t项目支出\n\
         栏次\t\t1\t2\t3\n\
         {t9_total}\n\n\
         注：本表反映部门本年度国有资本经营预算财政拨款支出情况。\n\n{empty}\n"
    )
}

/// The empty 合计 row of 公开08表.
pub const T8_EMPTY: &str = "合计\t\t\t\t\t\t\t";
/// The empty 合计 row of 公开09表.
pub const T9_EMPTY: &str = "合计\t\t\t\t";

/// The sample with 公开08表/09表 inserted where they belong (after 07).
pub fn with_fund_tables(t8_total: &str, t9_total: &str, statement: bool) -> String {
    insert(616, &fund_tables(t8_total, t9_total, statement))
}

/// "RULE severity line s=NN r=row c=column p=project" of a finding's
/// primary location: what the tests assert.
pub fn key(f: &Finding) -> String {
    let l = f.locations.first();
    let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
    format!(
        "{} {} {} s={} r={} c={} p={}",
        f.rule,
        f.severity,
        f.line(),
        l.and_then(|l| l.schedule)
            .map(|s| s.two_digit())
            .unwrap_or_default(),
        opt(l.and_then(|l| l.row.as_ref())),
        opt(l.and_then(|l| l.column.as_ref())),
        opt(l.and_then(|l| l.project.as_ref())),
    )
}

/// The findings of `rule`.
pub fn of<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

/// The findings of `rule` that the unedited sample does not have (by id).
pub fn new_of<'a>(after: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    let base: Vec<&str> = sample_findings().iter().map(|f| f.id.as_str()).collect();
    after
        .iter()
        .filter(|f| f.rule == rule && !base.contains(&f.id.as_str()))
        .collect()
}

/// Keys of the new findings of `rule` (see [`new_of`], [`key`]).
pub fn new_keys(after: &[Finding], rule: &str) -> Vec<String> {
    new_of(after, rule).into_iter().map(key).collect()
}

/// The only new finding of `rule`; panics listing them otherwise.
pub fn the_new<'a>(after: &'a [Finding], rule: &str) -> &'a Finding {
    let n = new_of(after, rule);
    assert_eq!(n.len(), 1, "expected one new {rule}, got {:#?}", n);
    n[0]
}

/// Assert that the unedited sample raises no finding of `rule`.
pub fn assert_quiet_on_sample(rule: &str) {
    let f = of(sample_findings(), rule);
    assert!(f.is_empty(), "the sample should raise no {rule}: {f:#?}");
}

/// An amount of the tables in 元, as county and township reports print
/// them: "4,766.06" 万元 becomes "47,660,600.00" 元.
pub fn in_yuan(cell: &str) -> String {
    let Some((whole, cents)) = cell.replace(',', "").split_once('.').map(|(w, c)| {
        (
            w.parse::<i64>().ok(),
            c.len() == 2 && c.chars().all(|c| c.is_ascii_digit()),
        )
    }) else {
        return cell.to_string();
    };
    let (Some(_), true) = (whole, cents) else {
        return cell.to_string();
    };
    let fen: i64 = cell.replace([',', '.'], "").parse().unwrap();
    let yuan = fen * 10_000;
    let s = format!("{}", yuan / 100);
    let mut grouped = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", yuan % 100)
}

/// `text` (the sample, with or without its annex) with its schedules printed
/// in 元 ("金额单位：元"); the 绩效 annexes (scores, rates) stay as printed.
pub fn schedules_in_yuan(text: &str) -> String {
    let mut in_annex = false;
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            in_annex |= i >= 329 && l.starts_with("第五部分");
            if i < 329 || in_annex {
                l.to_string()
            } else if l.contains("金额单位") {
                l.replace("万元", "元")
            } else if l.contains('\t') && !l.starts_with("项目") {
                l.split('\t').map(in_yuan).collect::<Vec<_>>().join("\t")
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.join("\n")
}
