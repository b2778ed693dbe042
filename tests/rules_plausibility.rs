//! Plausibility: things that add up yet deserve a second look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;
use rust_decimal_macros::dec;

#[test]
fn actuals_copied_from_targets_are_one_warning_listing_the_tables() {
    let f = of(sample_findings(), "PLAUS-ACTUAL-EQUALS-TARGET");
    assert_eq!(f.len(), 1);
    let x = f[0];
    assert_eq!(key(x), "PLAUS-ACTUAL-EQUALS-TARGET warning 637 s= r= c= p=");
    // The section, then 21 project tables (社保维稳专项 has no indicators) and the 整体 table.
    assert_eq!(x.locations.len(), 23);
    assert!(x
        .message
        .starts_with("21 张项目绩效自评表（共 22 张）及整体绩效自评表"));
    // One actual that differs from its target takes that table out.
    let g = edited(678, "27000\t平方米\t27000", "27000\t平方米\t27500");
    let y = of(&g, "PLAUS-ACTUAL-EQUALS-TARGET")[0];
    assert_eq!(y.id, x.id, "same finding");
    assert_eq!(y.locations.len(), 22);
    assert!(y
        .locations
        .iter()
        .all(|l| l.project.as_deref() != Some("劳动大厦运行费")));
}

#[test]
fn full_marks_with_low_execution_is_a_warning() {
    let f = of(sample_findings(), "PLAUS-FULL-MARKS-LOW-EXEC");
    let lines: Vec<u32> = f.iter().map(|x| x.line()).collect();
    assert_eq!(lines, [932, 1046]);
    assert!(f[0].message.contains("58.46%") && f[0].message.contains("26.846"));
    // 中职教育学生资助 executed 4.4 of 6 (73.3%) with every indicator full.
    let g = edited(954, "5.4\t\t\t执行率\t\t90.0%", "4.4\t\t\t执行率\t\t73.3%");
    let x = the_new(&g, "PLAUS-FULL-MARKS-LOW-EXEC");
    assert_eq!(
        key(x),
        "PLAUS-FULL-MARKS-LOW-EXEC warning 954 s= r= c=执行率 p=中职教育学生资助"
    );
}

#[test]
fn a_document_dated_after_the_report_year_is_a_warning() {
    let f = of(sample_findings(), "PLAUS-DOC-DATE");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("[2025]171号"));
    let g = edited(860, "[2023]1005号", "[2026]1005号");
    let x = the_new(&g, "PLAUS-DOC-DATE");
    assert_eq!(x.line(), 860);
    // A document of the report year or before is normal.
    let g = edited(1043, "[2025]171号", "[2024]171号");
    assert!(of(&g, "PLAUS-DOC-DATE").is_empty());
}

#[test]
fn carried_over_projects_need_an_opening_balance() {
    let f = of(sample_findings(), "PLAUS-CARRYOVER");
    let lines: Vec<u32> = f.iter().map(|x| x.line()).collect();
    assert_eq!(lines, [1043, 1067]);
    // The project, then 01 年初结转和结余, 04 年初财政拨款结转和结余, the narrative 0.00.
    let evidence: Vec<u32> = f[1].locations.iter().map(|l| l.line).collect();
    assert_eq!(evidence, [1067, 338, 478, 103]);
    // With an opening balance in 公开01表 both are explained.
    let g = edited(338, "年初结转和结余\t29\t", "年初结转和结余\t29\t50.50");
    assert!(of(&g, "PLAUS-CARRYOVER").is_empty());
}

#[test]
fn an_average_counting_a_withheld_score_as_zero_is_a_warning() {
    let f = of(sample_findings(), "PLAUS-AVERAGE-WITHHELD");
    assert_eq!(f.len(), 1);
    let x = f[0];
    assert_eq!(key(x), "PLAUS-AVERAGE-WITHHELD warning 221 s= r= c= p=");
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(96.51)), Some(dec!(92.12)))
    );
    let lines: Vec<u32> = x.locations.iter().map(|l| l.line).collect();
    assert_eq!(lines, [221, 789, 241]);
    // When the summary publishes the score there is nothing to explain.
    let g = edited(
        241,
        "由于此项目涉密，故不公开项目自评得分",
        "项目自评得分 0 分",
    );
    assert!(of(&g, "PLAUS-AVERAGE-WITHHELD").is_empty());
}

#[test]
fn a_count_of_zero_with_a_cost_is_a_warning() {
    assert_quiet_on_sample("PLAUS-COUNT-COST");
    let f = edited(193, "当年购置公务用车 0 辆", "当年购置公务用车 2 辆");
    let x = the_new(&f, "PLAUS-COUNT-COST");
    assert_eq!(key(x), "PLAUS-COUNT-COST warning 193 s= r= c= p=");
    // No vehicle anywhere (保有量 0 too), yet 4.92 万元 running costs.
    let f = edited(195, "保有量 2 辆", "保有量 0 辆");
    let x = the_new(&f, "PLAUS-COUNT-COST");
    assert_eq!(key(x), "PLAUS-COUNT-COST warning 215 s= r= c= p=");
    assert!(of(&f, "TEXT-COUNT").is_empty());
    // People abroad or received while the cost is 0.00 (团组 and 批次 still 0).
    for (line, from, to) in [
        (187, "累计 0 人次", "累计 3 人次"),
        (
            189,
            "0 批次、0 人、0.00 万元。其中",
            "0 批次、5 人、0.00 万元。其中",
        ),
        (189, "外事接待累计 0 批次", "外事接待累计 1 批次"),
    ] {
        let f = edited(line, from, to);
        let x = the_new(&f, "PLAUS-COUNT-COST");
        assert_eq!(
            key(x),
            format!("PLAUS-COUNT-COST warning {line} s= r= c= p=")
        );
        assert!(x.message.contains("数量与费用互相矛盾"), "{}", x.message);
    }
}

#[test]
fn an_execution_indicator_must_be_the_tables_rate() {
    let f = of(sample_findings(), "PLAUS-EXEC-INDICATOR");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].expected, Some(dec!(93.85)));
    // The indicator corrected to 93.85: nothing to say.
    let g = edited(644, "100\t%\t100", "100\t%\t93.85");
    assert!(of(&g, "PLAUS-EXEC-INDICATOR").is_empty());
}
