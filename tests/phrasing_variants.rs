//! The same report in other typing habits: the sample's 情况说明 (lines
//! 91–281) rewritten as other departments write it gives the same
//! findings, rule for rule, at the same lines. Each variant is a habit seen
//! in published reports; each once broke the reader (noted below).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;

/// The sample with every line of 第二部分 passed through `f`.
fn rewritten(f: impl Fn(&str) -> String) -> String {
    sample_text()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if (90..281).contains(&i) {
                f(l)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Findings as rule, severity and line (messages quote the rewritten text).
fn keys(text: &str) -> Vec<String> {
    let mut k: Vec<String> = findings_of(text)
        .iter()
        .map(|f| format!("{} {} {}", f.rule, f.severity, f.line()))
        .collect();
    k.sort();
    k
}

fn assert_same_findings(variant: &str, text: &str) {
    let base = keys(sample_text());
    assert_eq!(keys(text), base, "{variant}");
}

#[test]
fn without_spaces_around_numbers() {
    assert_same_findings("no spaces", &rewritten(|l| l.replace(' ', "")));
}

/// A full-width input method: "４７６６．０６万元", "９２．１２分" (the average
/// was read as "12 分", a false PERF-AVERAGE error, and every other figure
/// was lost).
#[test]
fn with_full_width_digits() {
    let full = |l: &str| {
        l.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                '.' => '．',
                '%' => '％',
                _ => c,
            })
            .collect()
    };
    assert_same_findings("full-width", &rewritten(full));
}

/// "XX 万" for 万元 (Shanghai's template writes both): the six 项 at 0%
/// were missed, and "(二) 支出总计 4766.06 万，包括：" was taken for a heading,
/// so the change "支出增加 306.64 万" was compared with 基本支出 (a false
/// TEXT-CHANGE error).
#[test]
fn with_wan_for_wanyuan() {
    assert_same_findings("万", &rewritten(|l| l.replace("万元", "万")));
}

#[test]
fn with_thousands_separators() {
    let sep = |l: &str| {
        regex::Regex::new(r"(\d)(\d{3})\.(\d\d) ?万元")
            .unwrap()
            .replace_all(l, "$1,$2.$3 万元")
            .into_owned()
    };
    assert_same_findings("1,234.56", &rewritten(sep));
}

#[test]
fn with_other_words_for_the_same_comparison() {
    for (from, to) in [
        ("增长", "上升"),
        ("与上年相比，", "同比"),
        ("与上年相比", "较上年"),
    ] {
        assert_same_findings(to, &rewritten(|l| l.replace(from, to)));
    }
    let share = |l: &str| {
        regex::Regex::new(r"占(收入总计|支出总计)的 ?([\d.]+%)")
            .unwrap()
            .replace_all(l, "占${1}的比重为$2")
            .into_owned()
    };
    assert_same_findings("比重为", &rewritten(share));
}
