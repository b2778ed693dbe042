//! Property tests: the parser and the check pipeline meet any input without
//! a panic or a hang, give the same findings every time, and give the same
//! model whatever the encoding and line ends.
//!
//! The number of cases is sized for CI (the whole file in a minute or two in
//! a debug build on two cores); set `JUESUAN_PROPTEST_CASES=2000` (or more)
//! for a longer local run. Failing inputs are shrunk and saved under
//! `proptest-regressions/` by proptest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hostile_common/mod.rs"]
mod common;

use common::mutate::{self, Op};
use common::{cases, encodings, model_json, pipeline, within, SAMPLE};
use proptest::prelude::*;
use std::time::Duration;

/// Generous per-case limit: the sample parses and checks in ~0.1 s in a debug
/// build; the largest generated inputs are a few hundred KB. A quadratic
/// path on a 64 K-character line takes minutes, far beyond this.
const CASE_LIMIT: Duration = Duration::from_secs(30);

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// The whole pipeline on bytes, in a watchdog: parse, check, the JSON the
/// CLI writes for `check` and `dump`. Returns the findings as JSON text
/// (or the error message) so two runs can be compared.
fn run_all(name: &'static str, bytes: Vec<u8>) -> Result<(usize, String), String> {
    within(CASE_LIMIT, name, move || match pipeline(name, &bytes) {
        Ok((report, findings)) => {
            let n = report.source.lines.len();
            for f in &findings {
                assert!(!f.message.is_empty(), "{} has no message", f.rule);
                assert!(!f.locations.is_empty(), "{} has no location", f.rule);
                assert!(
                    f.line() as usize <= n,
                    "{} points at line {} of {n}",
                    f.rule,
                    f.line()
                );
            }
            for i in &report.parse_issues {
                assert!(
                    i.line >= 1 && i.line as usize <= n.max(1),
                    "{} issue at line {} of {n}: {}",
                    i.code,
                    i.line,
                    i.message
                );
            }
            serde_json::to_string(&report).unwrap();
            Ok((n, serde_json::to_string(&findings).unwrap()))
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with(name), "error does not name the file: {msg}");
            Err(msg)
        }
    })
}

/// Tokens of a report, so random sequences reach deep into the parsers.
const TOKENS: &[&str] = &[
    "\t",
    "\t",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "公开 02 表",
    "公开03表",
    "公开 01 表",
    "公开 04 表",
    "公开 06 表",
    "公开 07 表",
    "公开 08 表",
    "收入决算表",
    "支出决算表",
    "收入支出决算总表",
    "第四部分 决算表",
    "第五部分 附件",
    "2024 年度部门决算",
    "辽宁省朝阳市人力资源和社会保障局",
    "目 录",
    "一、收入支出决算总体情况说明",
    "（一）",
    "(1) “劳动大厦运行费”项目自评综述：",
    "全年预算数为 ",
    "全年执行数为 ",
    "完成预算的 ",
    "自评得分 ",
    " 万元",
    "万元",
    "%",
    "％",
    "。",
    "，",
    "项目",
    "栏次",
    "收入",
    "支出",
    "合计",
    "总计",
    "本年收入合计",
    "本年支出合计",
    "年初结转和结余",
    "人员经费合计",
    "公用经费合计",
    "功能分类科目编码",
    "科目名称",
    "本表为空",
    "注：本表金额转换成万元时，因四舍五入可能存在尾差。",
    "205",
    "20503",
    "2050303",
    "208",
    "20801",
    "2080101",
    "301",
    "3010",
    "30201",
    "基本工资",
    "4,766.06",
    "5.40",
    "0.00",
    "1",
    "31",
    "(1.20)",
    "-3.5",
    "－３．５",
    "１，２３４．５６",
    "1,2,3",
    "..",
    "100%",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "预算项目(政策)绩效自评表",
    "部门（单位）整体绩效自评表",
    "项目(政策)名称",
    "主管部门",
    "项目预算金额(万元)",
    "全年执行数(万元)",
    "执行率",
    "年度总体目标",
    "绩效指标",
    "运算符号",
    "产出指标",
    "数量指标",
    ">=",
    "指标自评得分小计",
    "预算执行率得分",
    "减分项",
    "绩效自评总得分",
    "总评价得分",
    "年度主要任务",
    "\u{1b}[31m",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
];

fn token_soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..400).prop_map(|v| v.concat())
}

fn op() -> impl Strategy<Value = Op> {
    let pos = 0usize..2000;
    prop_oneof![
        pos.clone().prop_map(Op::DropLine),
        (pos.clone(), pos.clone()).prop_map(|(a, b)| Op::SwapLines(a, b)),
        (pos.clone(), 1usize..80, pos.clone()).prop_map(|(from, len, to)| Op::DuplicateBlock {
            from,
            len,
            to
        }),
        (pos.clone(), 0usize..10).prop_map(|(line, keep)| Op::CutCells { line, keep }),
        (pos.clone(), 0usize..120).prop_map(|(line, keep)| Op::CutLine { line, keep }),
        pos.clone().prop_map(Op::Truncate),
        (pos.clone(), proptest::sample::select(mutate::SEPARATORS))
            .prop_map(|(line, sep)| Op::OddSeparator { line, sep }),
        pos.clone().prop_map(Op::FullWidth),
        (pos.clone(), 0usize..12, any::<bool>()).prop_map(|(line, nth, parens)| Op::Negate {
            line,
            nth,
            parens
        }),
        (pos.clone(), 0usize..200).prop_map(|(line, at)| Op::InsertTab { line, at }),
        (pos.clone(), 0usize..12).prop_map(|(line, cell)| Op::TextInCell { line, cell }),
        (pos.clone(), 1_000usize..140_000).prop_map(|(line, chars)| Op::LongLine { line, chars }),
        (pos, 1usize..200).prop_map(|(line, times)| Op::RepeatLine { line, times }),
    ]
}

/// Mutations that keep the text the same in every encoding (all of them).
fn ops(max: usize) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), 1..=max)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic_or_hang(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = run_all("bytes.txt", bytes);
    }

    #[test]
    fn report_token_soup_never_panics_and_is_deterministic(text in token_soup()) {
        let a = run_all("soup.txt", text.clone().into_bytes());
        let b = run_all("soup.txt", text.into_bytes());
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// Dropped, swapped, duplicated, cut, re-punctuated, negated and
    /// stretched lines of the real sample: no panic, no hang, findings point
    /// at real lines, and the same input gives the same findings in the same
    /// order.
    #[test]
    fn sample_mutations_never_panic_and_are_deterministic(ops in ops(8)) {
        let text = mutate::apply(SAMPLE, &ops);
        let a = run_all("mutated.txt", text.clone().into_bytes());
        let b = run_all("mutated.txt", text.into_bytes());
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// The same (mutated) report in UTF-8, UTF-8+BOM, GB18030, CRLF and
    /// UTF-16LE gives the same model and the same findings.
    #[test]
    fn every_encoding_gives_the_same_model_and_findings(ops in ops(3)) {
        let text = mutate::apply(SAMPLE, &ops);
        let run = |bytes: Vec<u8>| {
            pipeline("r.txt", &bytes)
                .map(|(r, f)| (model_json(&r), f, r.source.lines))
                .map_err(|e| e.to_string())
        };
        let reference = within(CASE_LIMIT, "utf-8", {
            let t = text.clone();
            move || run(t.into_bytes())
        });
        for (name, bytes) in encodings(&text) {
            let got = within(CASE_LIMIT, name, move || run(bytes));
            match (&got, &reference) {
                (Ok((m, f, l)), Ok((model, findings, lines))) => {
                    prop_assert_eq!(l, lines, "{}: lines differ", name);
                    prop_assert!(m == model, "{}: model differs", name);
                    prop_assert_eq!(f, findings, "{}: findings differ", name);
                }
                // Not a report (e.g. cut to its blank first line): the same
                // refusal, in the same words, whatever the encoding.
                _ => prop_assert_eq!(got.as_ref().err(), reference.as_ref().err(), "{}", name),
            }
        }
    }
}

proptest! {
    #![proptest_config(config(8))]

    /// A 2 MB line of report tokens anywhere in the sample: read quickly,
    /// cut, and reported as PARSE-LINE-TOO-LONG at its own line.
    #[test]
    fn a_two_megabyte_line_anywhere_is_cut_and_reported(
        at in 0usize..1153,
        unit in proptest::collection::vec(proptest::sample::select(TOKENS), 1..8),
    ) {
        // Line breaks would split it; a NUL would make the file binary.
        let unit: String = unit.concat().replace(['\n', '\r', '\0'], "");
        prop_assume!(!unit.is_empty());
        let line = unit.repeat(2 * 1024 * 1024 / unit.len() + 1);
        let text = mutate::apply(SAMPLE, &[]);
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(at, &line);
        let bytes = (lines.join("\n") + "\n").into_bytes();
        let (report, findings) = within(CASE_LIMIT, "2 MB line", move || pipeline("l.txt", &bytes))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let no = at as u32 + 1;
        prop_assert!(
            findings.iter().any(|f| f.rule == "PARSE-LINE-TOO-LONG" && f.line() == no),
            "no PARSE-LINE-TOO-LONG at line {}", no
        );
        prop_assert!(report.source.line(no).chars().count() <= juesuan::parse::MAX_LINE_CHARS);
    }
}

/// The unmutated sample in every encoding: same model, same findings, and
/// the encoding recorded in the source.
#[test]
fn sample_in_every_encoding_is_the_same_report() {
    let (r0, f0) = pipeline("s.txt", SAMPLE.as_bytes()).unwrap();
    assert_eq!(r0.projects.len(), 22);
    for (name, bytes) in encodings(SAMPLE) {
        let (r, f) = pipeline("s.txt", &bytes).unwrap();
        assert_eq!(model_json(&r), model_json(&r0), "{name}");
        assert_eq!(f, f0, "{name}");
        let expected = match name {
            "UTF-8" | "CRLF" => "UTF-8",
            "UTF-8 BOM" => "UTF-8 (BOM)",
            "GB18030" | "GB18030 CRLF" => "GB18030",
            _ => "UTF-16LE",
        };
        assert_eq!(r.source.encoding, expected, "{name}");
    }
}

/// `squash` must stay linear: a reference (the obvious quadratic version)
/// and the real one agree on short strings.
fn squash_reference(s: &str) -> String {
    fn cjk(c: char) -> bool {
        matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2018..=0x201F)
    }
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            let keep = matches!((prev, next), (Some(p), Some(n)) if !cjk(p) && !cjk(n)
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

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn squash_matches_its_reference(s in "[a-z1 \t\u{3000}合计本年（）]{0,40}") {
        prop_assert_eq!(juesuan::text::squash(&s), squash_reference(&s));
    }

    /// Amounts: never a panic, and anything read is within the bound that
    /// keeps every sum of a million cells from overflowing.
    #[test]
    fn amounts_parse_or_refuse_without_panic(s in "[-(（0-9０-９,，.．)）% ]{0,45}") {
        if let Some(d) = juesuan::text::amount(&s) {
            prop_assert!(d.abs() < juesuan::text::MAX_AMOUNT);
        }
    }
}
