//! The findings on the unedited sample, as a whole: the complete expected
//! set (each checked by hand against the report; see the comments), stable
//! fingerprints, and a test for every rule of the catalogue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use juesuan::rules::{self, Severity};
use rules_common::*;

/// Every finding the sample raises, in report order. A new false positive,
/// or a real anomaly no longer caught, fails this test.
#[test]
fn the_sample_raises_exactly_the_real_anomalies() {
    let expected = [
        // 2.(二): six 项 "完成年初预算的0%" although 决算 > 0 (新增项目: no budget).
        "TEXT-RATE-NO-BUDGET warning 135 s= r= c= p=",
        // "大厦运行费。。"
        "TEXT-PUNCT info 143 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 145 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 153 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 157 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 159 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 161 s= r= c= p=",
        // 三公: 出国 and 接待 "完成预算的 0.00%" while 公开07表 预算数 is blank.
        "TEXT-RATE-NO-BUDGET warning 187 s= r= c= p=",
        "TEXT-RATE-NO-BUDGET warning 189 s= r= c= p=",
        // 共有车辆 0 辆 against 保有量 2 辆 (line 195) and 4.92 万元 运行维护费.
        "TEXT-COUNT error 215 s= r= c= p=",
        // 92.12 = Σ 22 totals / 22, counting the withheld 社保维稳专项 as 0.
        "PLAUS-AVERAGE-WITHHELD warning 221 s= r= c= p=",
        // "普通高校高校毕业生"
        "TEXT-REPEATED info 277 s= r= c= p=",
        // 公开01表 lost its first 22 rows in the extraction.
        "SCHEDULE-PARTIAL warning 330 s=01 r= c= p=",
        // 合计 4766.06 against Σ类 4766.07 (and 1162.43 / 1162.44): rounding.
        "ROUNDING info 358 s=02 r=合计 c=财政拨款收入 p=",
        "ROUNDING info 358 s=02 r=合计 c=本年收入合计 p=",
        // 公开02表 names 2080199 and 2080505 without their final 支出.
        "XTAB-LABEL info 366 s=02 r=2080199 c=科目名称 p=",
        "XTAB-LABEL info 369 s=02 r=2080505 c=科目名称 p=",
        "ROUNDING info 404 s=03 r=合计 c=本年支出合计 p=",
        "ROUNDING info 404 s=03 r=合计 c=基本支出 p=",
        // 公开04表 5.40 + 4680.43 + 29.58 + 50.66 = 4766.07 against 4766.06.
        "ROUNDING info 477 s=04 r=本年支出合计 c=合计 p=",
        "ROUNDING info 477 s=04 r=本年支出合计 c=一般公共预算财政拨款 p=",
        "ROUNDING info 504 s=05 r=合计 c=基本支出 p=",
        "ROUNDING info 504 s=05 r=合计 c=小计 p=",
        // 公开08表, 09表 not published (the narrative says there is no such money).
        "SCHEDULE-MISSING error 615 s=08 r= c= p=",
        "SCHEDULE-MISSING error 615 s=09 r= c= p=",
        // "2024年年度"
        "TEXT-REPEATED info 621 s= r= c= p=部门（单位）整体绩效自评表",
        // 114.56/114.59 = 99.97% printed 100.00%; 97.17% printed 97.00%; 88.97% printed 89.00%.
        "OVERALL-RATE error 628 s= r= c=部门预算基本支出公用经费（保运转） 项目执行率 p=部门（单位）整体绩效自评表",
        "OVERALL-RATE error 630 s= r= c=部门预算基本支出人员经费（刚性） 项目执行率 p=部门（单位）整体绩效自评表",
        "OVERALL-RATE error 631 s= r= c=部门预算基本支出人员经费（保工资） 项目执行率 p=部门（单位）整体绩效自评表",
        // Every quantitative indicator of 21 project tables and the 整体 table hits its target exactly.
        "PLAUS-ACTUAL-EQUALS-TARGET warning 637 s= r= c= p=",
        // 预算执行率 indicator 100 while the tasks executed 1162.43 of 1238.58 (93.85%).
        "PLAUS-EXEC-INDICATOR warning 644 s= r= c=预算执行率 p=部门（单位）整体绩效自评表",
        // Parser: a 4-label indicator row, a stray "双基指标" fragment.
        "PARSE-PROJECT warning 700 s= r= c= p=职称评审",
        // 社保维稳专项: 总得分 0 ≠ 0 + 10 − 0; no indicators, 分值 0 ≠ 90.
        "PERF-TOTAL error 789 s= r= c=绩效自评总得分 p=社保维稳专项",
        "PERF-WEIGHTS error 789 s= r= c=分值 p=社保维稳专项",
        // "政策制定及及监测"
        "TEXT-REPEATED info 800 s= r= c= p=基本情况统计调查经费",
        "TEXT-REPEATED info 844 s= r= c= p=三支一扶人员招募",
        // 58.46% executed, yet every indicator full marks.
        "PLAUS-FULL-MARKS-LOW-EXEC warning 932 s= r= c=执行率 p=劳动大厦消防设施改造",
        // "财政补助补助资金"
        "TEXT-REPEATED info 974 s= r= c= p=朝财指社[2023]1406号关于下达2023年高校毕业生“三支一扶”计划第二批财政补助补助资金指标的通知",
        // A 结转 project spent 37.01 while 年初结转和结余 is 0; its 文号 is of 2025.
        "PLAUS-CARRYOVER warning 1043 s= r= c=项目(政策)名称 p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        "PLAUS-DOC-DATE warning 1043 s= r= c=项目(政策)名称 p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        // 48.07% executed, yet every indicator full marks.
        "PLAUS-FULL-MARKS-LOW-EXEC warning 1046 s= r= c=执行率 p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        "TEXT-REPEATED info 1048 s= r= c= p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        "TEXT-REPEATED info 1048 s= r= c= p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        "PARSE-PROJECT warning 1059 s= r= c= p=朝财指社[2025]171号-关于下达朝阳市人力资源和社会保障局2024年结转资金的通知",
        // 上年结转 13.5 spent while 年初结转和结余 is 0.
        "PLAUS-CARRYOVER warning 1067 s= r= c=项目(政策)名称 p=市人社局上年结转项目",
        "TEXT-REPEATED info 1118 s= r= c= p=朝财指社[2023]1168号关于提前下达2024年高校毕业生“三支一扶”计划财政补助资金指标的通知",
        "TEXT-REPEATED info 1118 s= r= c= p=朝财指社[2023]1168号关于提前下达2024年高校毕业生“三支一扶”计划财政补助资金指标的通知",
    ];
    let got: Vec<String> = sample_findings().iter().map(key).collect();
    assert_eq!(got, expected, "\n{}", got.join("\n"));
}

#[test]
fn the_summary_counts_match_the_readme() {
    let f = sample_findings();
    let n = |s| f.iter().filter(|x| x.severity == s).count();
    assert_eq!(
        (n(Severity::Error), n(Severity::Warning), n(Severity::Info)),
        (8, 19, 20)
    );
}

#[test]
fn fingerprints_survive_unrelated_lines_moving() {
    let base: Vec<&str> = {
        let mut v: Vec<&str> = sample_findings().iter().map(|f| f.id.as_str()).collect();
        v.sort();
        v
    };
    for at in [1, 283, 617] {
        let moved = findings_of(&insert(at, "\n"));
        let mut ids: Vec<&str> = moved.iter().map(|f| f.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, base, "inserting lines before line {at} changed ids");
        // …while the lines did move.
        assert_ne!(
            moved.iter().map(|f| f.line()).collect::<Vec<_>>(),
            sample_findings()
                .iter()
                .map(|f| f.line())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn finding_ids_are_unique() {
    let mut ids: Vec<&str> = sample_findings().iter().map(|f| f.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn arithmetic_findings_carry_expected_actual_and_difference() {
    for f in sample_findings() {
        if matches!(
            f.rule.as_str(),
            "ROUNDING" | "OVERALL-RATE" | "PERF-TOTAL" | "PERF-WEIGHTS" | "TEXT-COUNT"
        ) {
            let (e, a, d) = (
                f.expected.unwrap(),
                f.actual.unwrap(),
                f.difference.unwrap(),
            );
            assert_eq!(a - e, d, "{f:?}");
        }
        assert!(!f.message.is_empty());
        assert!(!f.locations.is_empty());
    }
    let rounding = of(sample_findings(), "ROUNDING");
    assert!(rounding
        .iter()
        .all(|f| f.tolerance.is_some() && f.message.contains('±')));
}

#[test]
fn every_rule_is_documented_and_has_a_test() {
    let dir = format!("{}/tests", env!("CARGO_MANIFEST_DIR"));
    let tests: String = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("rules_") && name.ends_with(".rs") && name != "rules_sample.rs"
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut ids = Vec::new();
    for r in rules::catalogue() {
        assert!(
            !r.title.is_empty() && r.rationale.chars().count() > 40,
            "{}",
            r.id
        );
        assert!(
            tests.contains(&format!("\"{}\"", r.id)),
            "no rules_*.rs test mentions {}",
            r.id
        );
        ids.push(r.id);
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "rule ids are unique");
}

/// Parse + check of the sample in release builds
/// (`cargo test --release --test rules_sample -- --ignored --nocapture`).
/// Prints the fastest and the median of 200 runs (the machine is shared, so
/// the fastest run is the one least disturbed by other work).
#[test]
#[ignore]
fn parse_and_check_timing() {
    let text = sample_text();
    let time = |f: &dyn Fn()| {
        let mut t: Vec<_> = (0..200)
            .map(|_| {
                let s = std::time::Instant::now();
                f();
                s.elapsed()
            })
            .collect();
        t.sort();
        (t[0], t[t.len() / 2])
    };
    let r = report_of(text);
    let (pc_min, pc_med) = time(&|| {
        std::hint::black_box(findings_of(text));
    });
    let (p_min, p_med) = time(&|| {
        std::hint::black_box(report_of(text));
    });
    let (c_min, c_med) = time(&|| {
        std::hint::black_box(rules::check(&r));
    });
    eprintln!("parse+check min {pc_min:?} median {pc_med:?}");
    eprintln!("parse       min {p_min:?} median {p_med:?}");
    eprintln!("check       min {c_min:?} median {c_med:?}");
    let mut rows: Vec<_> = rules::catalogue()
        .into_iter()
        .map(|rule| {
            let (m, _) = time(&|| {
                let mut out = Vec::new();
                (rule.check)(rule, &r, &mut out);
                std::hint::black_box(out);
            });
            (m, rule.id)
        })
        .collect();
    rows.sort();
    for (d, id) in rows.iter().rev().take(8) {
        eprintln!("  {d:?} {id}");
    }
    let sum: std::time::Duration = rows.iter().map(|r| r.0).sum();
    eprintln!("  Σ of each rule's fastest run: {sum:?}");
    // A guard against accidental quadratic work, loose enough for a shared
    // machine: the rules take about a millisecond in total there.
    if !cfg!(debug_assertions) {
        assert!(c_min < std::time::Duration::from_millis(5), "{c_min:?}");
    }
}
