//! The performance annexes: project tables, their summaries, the totals the
//! narrative states, and the 整体绩效自评表.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use juesuan::rules::Severity;
use rules_common::*;
use rust_decimal_macros::dec;

const FIRE: &str = "劳动大厦消防设施改造";

#[test]
fn execution_rate_is_executed_over_budget() {
    // 37.01 / 77 = 48.0649% printed 48.07%: within the rounding of 37.01.
    assert_quiet_on_sample("PERF-RATE");
    let f = edited(932, "58.46%", "56.46%");
    let x = the_new(&f, "PERF-RATE");
    assert_eq!(
        key(x),
        format!("PERF-RATE error 932 s= r= c=执行率 p={FIRE}")
    );
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(58.46)), Some(dec!(56.46)))
    );
}

#[test]
fn rate_score_is_ten_times_the_rate() {
    assert_quiet_on_sample("PERF-RATE-SCORE");
    let f = edited(945, "5.85", "6.85");
    let x = the_new(&f, "PERF-RATE-SCORE");
    assert_eq!(
        key(x),
        format!("PERF-RATE-SCORE error 945 s= r= c=预算执行率得分 p={FIRE}")
    );
    assert_eq!(x.expected, Some(dec!(5.85)));
}

#[test]
fn total_is_subtotal_plus_rate_score_minus_deduction() {
    // The sample's one: 社保维稳专项 0 ≠ 0 + 10 − 0.
    let f = of(sample_findings(), "PERF-TOTAL");
    assert_eq!(f.len(), 1);
    assert_eq!(
        key(f[0]),
        "PERF-TOTAL error 789 s= r= c=绩效自评总得分 p=社保维稳专项"
    );
    assert_eq!(
        (f[0].expected, f[0].actual),
        (Some(dec!(10)), Some(dec!(0)))
    );
    // 90 + 5.85 − 26.846 = 69.004 printed 69: fine. 99 for 100 is not.
    let g = edited(686, "绩效自评总得分\t\t100", "绩效自评总得分\t\t99");
    let x = the_new(&g, "PERF-TOTAL");
    assert_eq!(
        key(x),
        "PERF-TOTAL error 686 s= r= c=绩效自评总得分 p=劳动大厦运行费"
    );
}

/// 90 + 9.72 − 0 = 99.72 printed 100: the total was rounded to a whole
/// point. Within half a point, so a warning that says so, not an error;
/// 99.72 printed 99 stays an error.
#[test]
fn a_total_rounded_to_a_whole_point_is_a_warning() {
    let g = edited(686, "\t\t\t10\t\t", "\t\t\t9.72\t\t");
    let x = the_new(&g, "PERF-TOTAL");
    assert_eq!(
        key(x),
        "PERF-TOTAL warning 686 s= r= c=绩效自评总得分 p=劳动大厦运行费"
    );
    assert!(x.message.contains("= 99.72（印为整数"), "{}", x.message);
    let g = edit_text(
        &edit(686, "\t\t\t10\t\t", "\t\t\t9.72\t\t"),
        686,
        "绩效自评总得分\t\t100",
        "绩效自评总得分\t\t99",
    );
    let x = the_new(&findings_of(&g), "PERF-TOTAL").clone();
    assert_eq!(x.severity, Severity::Error, "{}", x.message);
}

#[test]
fn subtotal_is_the_sum_of_indicator_scores() {
    assert_quiet_on_sample("PERF-SUBTOTAL");
    let f = edited(678, "100%\t10\t10", "100%\t10\t9");
    let x = the_new(&f, "PERF-SUBTOTAL");
    assert_eq!(
        key(x),
        "PERF-SUBTOTAL error 686 s= r= c=指标自评得分小计 p=劳动大厦运行费"
    );
    assert_eq!(x.locations.len(), 9, "the subtotal, then its 8 indicators");
}

#[test]
fn weights_add_up_to_ninety() {
    let f = of(sample_findings(), "PERF-WEIGHTS");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("未列出任何绩效指标"));
    let g = edited(678, "100%\t10\t10", "100%\t11\t10");
    let x = the_new(&g, "PERF-WEIGHTS");
    assert_eq!(
        key(x),
        "PERF-WEIGHTS error 678 s= r= c=分值 p=劳动大厦运行费"
    );
    assert_eq!(x.actual, Some(dec!(91)));
}

#[test]
fn an_indicator_score_cannot_exceed_its_weight() {
    assert_quiet_on_sample("PERF-INDICATOR-SCORE");
    let f = edited(678, "100%\t10\t10", "100%\t10\t11");
    let x = the_new(&f, "PERF-INDICATOR-SCORE");
    assert_eq!(
        key(x),
        "PERF-INDICATOR-SCORE error 678 s= r= c=办公用房等基础设施维修改造建筑面积 p=劳动大厦运行费"
    );
}

#[test]
fn each_summary_agrees_with_its_table() {
    assert_quiet_on_sample("PERF-SUMMARY");
    let f = edited(229, "全年执行数为 255 万元", "全年执行数为 250 万元");
    let x = the_new(&f, "PERF-SUMMARY");
    assert_eq!(
        key(x),
        "PERF-SUMMARY error 229 s= r= c=全年执行数 p=劳动大厦运行费"
    );
    assert_eq!(x.locations[1].line, 673, "then the table's 执行数");
    // A score: (14) says 96 for a table total of 69.
    let f = edited(261, "自评得分 69 分", "自评得分 96 分");
    let x = the_new(&f, "PERF-SUMMARY");
    assert_eq!(
        key(x),
        format!("PERF-SUMMARY error 261 s= r= c=绩效自评总得分 p={FIRE}")
    );
    // A rate: (19) 48.07% is right for 37.01/77; 58.07% is not.
    let f = edited(273, "完成预算的 48.07%", "完成预算的 58.07%");
    assert_eq!(new_of(&f, "PERF-SUMMARY").len(), 1);
}

#[test]
fn a_table_without_summary_is_reported() {
    assert_quiet_on_sample("PERF-UNLINKED");
    let f = edited(670, "劳动大厦运行费", "ZZZ");
    let keys = new_keys(&f, "PERF-UNLINKED");
    assert_eq!(
        keys,
        [
            "PERF-UNLINKED warning 227 s= r= c= p=劳动大厦运行费",
            "PERF-UNLINKED warning 670 s= r= c=项目(政策)名称 p=ZZZ"
        ]
    );
}

/// A project table the reader skipped (its 项目(政策)名称 row unread) may be
/// the one a summary names: "找不到" is then not checked, an info.
#[test]
fn a_summary_whose_table_may_be_among_the_unread_is_not_checked() {
    let f = edited(670, "项目(政策)名称", "");
    let unlinked = new_of(&f, "PERF-UNLINKED");
    assert_eq!(unlinked.len(), 1, "{unlinked:?}");
    assert_eq!(unlinked[0].severity, Severity::Info);
    assert_eq!(unlinked[0].line(), 227);
    assert!(unlinked[0]
        .message
        .contains("附件中有 1 张绩效自评表未能读取"));
}

#[test]
fn project_execution_adds_up_to_project_spending() {
    // Σ 22 执行数 = 3603.63 = 公开03表 项目支出.
    assert_quiet_on_sample("PERF-EXECUTED-SUM");
    let f = edited(673, "\t\t\t255", "\t\t\t256");
    let x = the_new(&f, "PERF-EXECUTED-SUM");
    assert_eq!(
        key(x),
        "PERF-EXECUTED-SUM error 404 s=03 r=合计 c=项目支出 p="
    );
    assert_eq!(x.locations.len(), 23);
    assert_eq!(x.tolerance, Some(dec!(0.110)));
}

#[test]
fn the_stated_average_follows_from_the_tables() {
    assert_quiet_on_sample("PERF-AVERAGE");
    let f = edited(221, "92.12 分", "93.12 分");
    let x = the_new(&f, "PERF-AVERAGE");
    assert_eq!(key(x), "PERF-AVERAGE error 221 s= r= c= p=");
    assert_eq!(x.expected, Some(dec!(92.12)));
}

#[test]
fn the_stated_project_count_is_the_number_of_tables() {
    assert_quiet_on_sample("PERF-COUNT");
    let f = edited(225, "等 22 个项目", "等 23 个项目");
    let x = the_new(&f, "PERF-COUNT");
    assert_eq!(key(x), "PERF-COUNT error 225 s= r= c= p=");
    let f = edited(221, "一般公共预算项目 22 个", "一般公共预算项目 21 个");
    assert!(new_of(&f, "PERF-COUNT")[0].message.contains("资金性质"));
}

#[test]
fn a_count_is_not_compared_with_tables_the_report_does_not_have() {
    // Project tables published in a separate document: the report ends
    // before its annex, and 22 projects against 0 tables is not an error.
    let text: String = sample_text()
        .lines()
        .take(616)
        .collect::<Vec<_>>()
        .join("\n");
    let f = findings_of(&text);
    assert!(of(&f, "PERF-COUNT").is_empty());
    assert!(of(sample_findings(), "PERF-COUNT").is_empty());
    let f = findings_of(&edit_text(&text, 225, "等 22 个项目", "等 23 个项目"));
    assert!(of(&f, "PERF-COUNT").is_empty());
}

#[test]
fn counts_by_rating_and_by_remedy_add_up_to_their_totals() {
    // Shanghai's phrasing of 预算绩效管理, put into the sample's paragraph.
    let said = |good: &str, fixed: &str| {
        format!(
            "绩效自评的2024年度项目22个，涉及预算金额3603.63万元，平均得分92.12分（其中，\
             绩效评级为“优”的项目{good}个；绩效评级为“良”的项目1个；绩效评级为“合格”的项目1个；\
             绩效评级为“不合格”的项目0个。绩效自评中共发现问题2个，已经完成整改的{fixed}个，\
             正在整改的1个）。根据预算绩效管理要求"
        )
    };
    let consistent = edit(221, "根据预算绩效管理要求", &said("20", "1"));
    assert!(of(&findings_of(&consistent), "PERF-COUNT").is_empty());
    let wrong = edit(221, "根据预算绩效管理要求", &said("19", "0"));
    let f = findings_of(&wrong);
    let mut got: Vec<String> = of(&f, "PERF-COUNT")
        .iter()
        .map(|x| format!("{} {}", key(x), x.message))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            "PERF-COUNT error 221 s= r= c= p= 情况说明称绩效自评中发现的问题 2 个，但分列的 \
             已完成整改 0、正在整改 1 之和为 1 个",
            "PERF-COUNT error 221 s= r= c= p= 情况说明称绩效自评的项目 22 个，但分列的 \
             优 19、良 1、合格 1、不合格 0 之和为 21 个",
        ]
    );
}

#[test]
fn the_stated_funds_are_the_sum_of_execution() {
    assert_quiet_on_sample("PERF-FUNDS");
    let f = edited(221, "涉及资金 3603.63 万元", "涉及资金 3606.63 万元");
    let keys = new_keys(&f, "PERF-FUNDS");
    assert_eq!(
        keys,
        [
            "PERF-FUNDS error 221 s= r= c= p=",
            "PERF-FUNDS error 221 s= r= c= p="
        ]
    );
}

#[test]
fn overall_rates_are_right_to_their_printed_digits() {
    let f = of(sample_findings(), "OVERALL-RATE");
    let got: Vec<(u32, _, _)> = f.iter().map(|x| (x.line(), x.expected, x.actual)).collect();
    assert_eq!(
        got,
        [
            (628, Some(dec!(99.97)), Some(dec!(100.00))),
            (630, Some(dec!(97.17)), Some(dec!(97.00))),
            (631, Some(dec!(88.97)), Some(dec!(89.00))),
        ]
    );
    let g = edited(627, "132.14\t132.14", "132.14\t130.14");
    let x = the_new(&g, "OVERALL-RATE");
    assert_eq!(
        key(x),
        "OVERALL-RATE error 627 s= r= c=部门预算基本支出公用经费（刚性） 项目执行率 p=部门（单位）整体绩效自评表"
    );
}

#[test]
fn overall_scores_are_weight_times_rate() {
    // 7.76 = 8 × 97.00% (the printed rate; the rate itself is OVERALL-RATE's).
    assert_quiet_on_sample("OVERALL-SCORE");
    let f = edited(627, "100.00%\t8\t8", "100.00%\t8\t7");
    let x = the_new(&f, "OVERALL-SCORE");
    assert_eq!(
        key(x),
        "OVERALL-SCORE error 627 s= r= c=部门预算基本支出公用经费（刚性） 得分 p=部门（单位）整体绩效自评表"
    );
}

#[test]
fn overall_total_is_the_sum_of_scores() {
    // 98.88 = 38.88 (tasks) + 60 (indicators).
    assert_quiet_on_sample("OVERALL-TOTAL");
    let f = edited(664, "98.88", "98.78");
    let x = the_new(&f, "OVERALL-TOTAL");
    assert_eq!(
        key(x),
        "OVERALL-TOTAL error 664 s= r= c=总评价得分 p=部门（单位）整体绩效自评表"
    );
    assert_eq!(x.expected, Some(dec!(98.88)));
}

#[test]
fn overall_weights_add_up_to_a_hundred() {
    assert_quiet_on_sample("OVERALL-WEIGHTS");
    let f = edited(637, "1\t3.5\t3.5", "1\t4.5\t3.5");
    let x = the_new(&f, "OVERALL-WEIGHTS");
    assert_eq!(
        key(x),
        "OVERALL-WEIGHTS error 627 s= r= c=分值 p=部门（单位）整体绩效自评表"
    );
}

#[test]
fn overall_execution_adds_up_to_basic_spending() {
    // Σ 执行金额 = 1162.43 = 公开05表 基本支出.
    assert_quiet_on_sample("OVERALL-BASIC");
    let f = edited(629, "10.00\t10\t", "10.00\t11\t");
    let x = the_new(&f, "OVERALL-BASIC");
    assert_eq!(
        key(x),
        "OVERALL-BASIC warning 504 s=05 r=合计 c=基本支出 p="
    );
    assert_eq!(x.locations.len(), 6, "基本支出, then the 5 tasks");
}

#[test]
fn the_narrative_on_the_overall_table_matches_it() {
    assert_quiet_on_sample("OVERALL-SUMMARY");
    let f = edited(221, "自评平均分 98.88 分", "自评平均分 98.80 分");
    let x = the_new(&f, "OVERALL-SUMMARY");
    assert_eq!(key(x), "OVERALL-SUMMARY error 221 s= r= c= p=");
    assert_eq!(x.locations[1].line, 664);
    let f = edited(221, "涉及资金 939.32 万元", "涉及资金 993.32 万元");
    assert_eq!(new_of(&f, "OVERALL-SUMMARY")[0].locations[1].line, 625);
    // The table's budget rows unread (blank): nothing printed to contradict
    // the 939.32 stated, so no "整体绩效自评表为 0".
    let blank = edit_text(&edit(624, "\t\t939.32", "\t\t"), 625, "\t\t939.32", "\t\t");
    assert!(of(&findings_of(&blank), "OVERALL-SUMMARY").is_empty());
}

/// "组织对 N 个单位开展整体绩效自评" against the annex: 0 units beside a
/// table is an error; units with no table anywhere a warning; 2 units beside
/// one table nothing (one department table may cover its units).
#[test]
fn the_stated_count_of_units_matches_the_overall_table() {
    let f = edited(221, "组织对 1 个单位", "组织对 0 个单位");
    let x = the_new(&f, "OVERALL-SUMMARY");
    assert_eq!(x.severity, Severity::Error);
    assert_eq!(x.locations[0].line, 221);
    assert_eq!(x.locations[1].line, 619);
    assert!(new_of(
        &edited(221, "组织对 1 个单位", "组织对 2 个单位"),
        "OVERALL-SUMMARY"
    )
    .is_empty());
    // The 整体 table taken out of the annex (its lines blanked).
    let without: String = sample_text()
        .lines()
        .enumerate()
        .map(|(i, l)| if (618..664).contains(&i) { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let found = findings_of(&without);
    let units = of(&found, "OVERALL-SUMMARY");
    assert_eq!(units.len(), 1, "{units:?}");
    assert_eq!(units[0].severity, Severity::Warning);
    assert!(units[0].message.contains("找不到整体绩效自评表"));
}
