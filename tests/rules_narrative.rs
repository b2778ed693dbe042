//! The narrative against the tables and against itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use juesuan::rules::Severity;
use rules_common::*;
use rust_decimal_macros::dec;

#[test]
fn a_restated_amount_must_equal_the_table() {
    assert_quiet_on_sample("TEXT-AMOUNT");
    // 工资福利支出 800.91 (公开06表 301) mistyped in the narrative.
    let f = edited(109, "800.91", "800.19");
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 109 s= r= c= p=");
    assert_eq!(x.locations[1].row.as_deref(), Some("301"));
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(800.91)), Some(dec!(800.19)))
    );
    // A 项 named by (类)(款)(项) against 公开05表.
    let f = edited(139, "929.78", "929.87");
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 139 s= r= c= p=");
    assert_eq!(x.locations[1].row.as_deref(), Some("2080101"));
    // A 三公 item against 公开07表.
    let f = edited(193, "公务用车运行维护费 4.92", "公务用车运行维护费 4.29");
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(x.locations[1].schedule.unwrap().two_digit(), "07");
}

#[test]
fn level_with_a_nil_rate_is_the_missing_budget_not_a_wrong_word() {
    // Nothing spent and, 持平, nothing budgeted: the 0% is TEXT-RATE-NO-BUDGET's
    // matter (here: 53.54 spent at 0%), not a contradiction of 持平.
    let at = |words: &str| {
        edited(
            147,
            "完成年初预算的102.67%,决算数与年初预算数存在差异的主要原因是退休人员增加",
            &format!("完成年初预算的0%,{words}"),
        )
    };
    assert!(new_of(&at("决算数持平预算数"), "TEXT-DIRECTION").is_empty());
    assert_eq!(
        new_of(&at("决算数持平预算数"), "TEXT-RATE-NO-BUDGET").len(),
        1
    );
    // "大于" with 0% still contradicts.
    let f = at("决算数大于预算数");
    assert_eq!(
        key(the_new(&f, "TEXT-DIRECTION")),
        "TEXT-DIRECTION error 147 s= r= c= p="
    );
}

#[test]
fn no_fund_spending_said_means_an_empty_t04_column() {
    let f = edited(477, "4,766.06\t\t", "4,766.06\t3.00\t");
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 177 s= r= c= p=");
    assert!(x.message.contains("无政府性基金"));
}

#[test]
fn a_share_is_part_over_whole() {
    assert_quiet_on_sample("TEXT-SHARE");
    let f = edited(109, "24.39%", "24.93%");
    let x = the_new(&f, "TEXT-SHARE");
    assert_eq!(key(x), "TEXT-SHARE error 109 s= r= c= p=");
    assert_eq!(x.expected, Some(dec!(24.39)));
    assert_eq!(x.locations[2].line, 107, "the whole: 支出总计");
}

/// 1162.43 ÷ 4766.06 = 24.3896…%: printed 24.38% it was cut off, not
/// rounded (a warning that says so); 24.37% is wrong (an error).
#[test]
fn a_truncated_share_is_a_warning_and_a_wrong_one_an_error() {
    let f = edited(109, "24.39%", "24.38%");
    let x = the_new(&f, "TEXT-SHARE");
    assert_eq!(key(x), "TEXT-SHARE warning 109 s= r= c= p=");
    assert!(x.message.contains("截位"), "{}", x.message);
    let f = edited(109, "24.39%", "24.37%");
    let x = the_new(&f, "TEXT-SHARE");
    assert_eq!(key(x), "TEXT-SHARE error 109 s= r= c= p=");
    assert!(!x.message.contains("截位"), "{}", x.message);
}

/// An amount after 增加/减少/比上年 is a change on last year, never the
/// year's level: none of these is compared with 公开07表's 决算数.
#[test]
fn a_change_is_not_compared_with_a_level() {
    let cases = [
        (
            189,
            "2024 年公务接待费与上年持平",
            "2024 年公务接待费减少 1.50 万元",
        ),
        (
            189,
            "2024 年公务接待费与上年持平",
            "2024 年公务接待费比上年减少 1.50 万元",
        ),
        (191, "与上年持平，", "“三公”经费支出减少 1.20 万元，"),
        (191, "与上年持平，", "三公经费支出比上年增加 0.80 万元，"),
        (
            193,
            "公务用车运行维护费 4.92 万元，",
            "公务用车运行维护费比上年减少 0.30 万元，",
        ),
    ];
    for (line, from, to) in cases {
        let f = edited(line, from, to);
        assert!(
            new_of(&f, "TEXT-AMOUNT").is_empty(),
            "{to}: {:#?}",
            new_of(&f, "TEXT-AMOUNT")
        );
    }
    // The level itself is still compared.
    let f = edited(
        193,
        "公务用车运行维护费 4.92 万元",
        "公务用车运行维护费 4.90 万元",
    );
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 193 s= r= c= p=");
}

/// 项目支出 stated for all 财政拨款 is compared with 公开05表 (一般公共预算
/// only) when that is all the 财政拨款; when 04 shows 政府性基金 spending too,
/// the scopes differ: an info that says so, never an error.
#[test]
fn a_fiscal_figure_is_compared_only_with_a_table_of_its_scope() {
    let wrong = |text: &str| edit_text(text, 127, "项目支出 3603.63 万元", "项目支出 3613.63 万元");
    let f = findings_of(&wrong(sample_text()));
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 127 s= r= c= p=");
    let with_fund = edit(
        477,
        "59\t4,766.06\t4,766.06\t\t",
        "59\t4,766.06\t4,766.06\t10.00\t",
    );
    let f = findings_of(&wrong(&with_fund));
    // (The fund spending also contradicts "无政府性基金" at line 177.)
    let at_127: Vec<_> = new_of(&f, "TEXT-AMOUNT")
        .into_iter()
        .filter(|x| x.line() == 127)
        .collect();
    assert_eq!(at_127.len(), 1, "{at_127:#?}");
    let x = at_127[0];
    assert_eq!(key(x), "TEXT-AMOUNT info 127 s= r= c= p=");
    assert!(x.message.starts_with("未核对（口径不同"), "{}", x.message);
    assert!(x.message.contains("政府性基金"), "{}", x.message);
}

/// 机关运行经费 said to equal the 行政 units' 公用经费 is compared with 06's
/// 公用经费合计 only for a department of one 行政 unit; with a second unit it
/// can only be checked not to exceed it.
#[test]
fn operating_cost_equals_the_office_costs_only_for_one_administrative_unit() {
    let lower = edit(205, "运行经费支出 289.37 万元", "运行经费支出 250.00 万元");
    let f = findings_of(&lower);
    let x = the_new(&f, "TEXT-OPERATING-COST");
    assert_eq!(key(x), "TEXT-OPERATING-COST error 205 s= r= c= p=");
    let two_units = lower.replacen(
        "1. 朝阳市人力资源和社会保障局（本级）\n",
        "1. 朝阳市人力资源和社会保障局（本级）\n2. 朝阳市就业服务中心\n",
        1,
    );
    let f = findings_of(&two_units);
    let x = the_new(&f, "TEXT-OPERATING-COST");
    assert_eq!(x.severity, juesuan::rules::Severity::Info, "{}", x.message);
    assert!(x.message.starts_with("未核对（口径不同"), "{}", x.message);
    // More than all units' 公用经费 is still an error, whatever the units.
    let more = two_units.replacen("运行经费支出 250.00 万元", "运行经费支出 300.00 万元", 1);
    let x = the_new(&findings_of(&more), "TEXT-OPERATING-COST").clone();
    assert_eq!(x.severity, juesuan::rules::Severity::Error, "{}", x.message);
}

/// The 整体绩效自评表 covers all the department's money; the budgets implied
/// by the narrative's rates are 一般公共预算's. With 事业收入 besides, a
/// mismatch is not a contradiction: an info.
#[test]
fn the_overall_budget_is_compared_with_implied_budgets_of_its_scope_only() {
    let low = edit(625, "939.32", "500.00");
    let x = the_new(&findings_of(&low), "TEXT-BUDGET-IMPLIED").clone();
    assert_eq!(
        key(&x),
        "TEXT-BUDGET-IMPLIED error 625 s= r= c=部门年初预算支出金额 p=部门（单位）整体绩效自评表"
    );
    let other_money = edit_text(
        &low,
        358,
        "4,766.06\t4,766.06\t\t\t",
        "4,800.00\t4,766.06\t\t33.94\t",
    );
    let f = findings_of(&other_money);
    let x = the_new(&f, "TEXT-BUDGET-IMPLIED");
    assert_eq!(x.severity, Severity::Info, "{}", x.message);
    assert!(x.message.starts_with("未核对（口径不同"), "{}", x.message);
}

/// The Shanghai template's per-项 paragraph, inserted into the sample's
/// 一般公共预算 section as line 141: "1、X（类）Y（款）Z（项）。主要用于：…。
/// 年初预算为 A 万元，支出决算为 B 万元。决算数大于（小于）预算数的主要原因：…".
fn per_item(budget: &str, actual: &str, words: &str) -> String {
    insert(
        141,
        &format!(
            "1、社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。主要用于：\
             在职人员工资。年初预算为 {budget} 万元，支出决算为 {actual} 万元。{words}的主要原因：新增人员。\n"
        ),
    )
}

/// The direction word is checked against the budget and actual of the
/// sentence before it, and the actual against 公开05表's row of that 项.
#[test]
fn a_per_item_direction_word_is_checked_against_the_stated_budget_and_actual() {
    // 929.78 is 05's 2080101 行政运行; the budget is not in any table.
    for ok in [
        per_item("708.50", "929.78", "决算数大于预算数"),
        per_item("929.78", "929.78", "决算数与预算数持平"),
    ] {
        let f = findings_of(&ok);
        assert!(
            new_of(&f, "TEXT-DIRECTION").is_empty(),
            "{:#?}",
            new_of(&f, "TEXT-DIRECTION")
        );
        assert!(
            new_of(&f, "TEXT-AMOUNT").is_empty(),
            "{:#?}",
            new_of(&f, "TEXT-AMOUNT")
        );
    }
    let f = findings_of(&per_item("708.50", "929.78", "决算数小于预算数"));
    let x = the_new(&f, "TEXT-DIRECTION");
    assert_eq!(key(x), "TEXT-DIRECTION error 141 s= r= c= p=");
    assert!(
        x.message
            .contains("支出决算 929.78 万元、年初预算 708.50 万元"),
        "{}",
        x.message
    );
    let f = findings_of(&per_item("708.50", "929.78", "决算数等于预算数"));
    assert_eq!(
        key(the_new(&f, "TEXT-DIRECTION")),
        "TEXT-DIRECTION error 141 s= r= c= p="
    );
    // The actual restates 05's row of the 项.
    let f = findings_of(&per_item("708.50", "930.78", "决算数大于预算数"));
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 141 s= r= c= p=");
    assert!(x.message.contains("2080101"), "{}", x.message);
}

#[test]
fn a_share_without_a_named_whole_is_of_the_sentences_first_amount() {
    // "…支出 4766.06 万元，其中：基本支出 1162.43 万元，占 24.39%": 1162.43 / 4766.06.
    let ok = edited(
        127,
        "基本支出 1162.43 万元，",
        "基本支出 1162.43 万元，占 24.39%，",
    );
    assert!(new_of(&ok, "TEXT-SHARE").is_empty());
    let f = edited(
        127,
        "基本支出 1162.43 万元，",
        "基本支出 1162.43 万元，占 42.39%，",
    );
    let x = the_new(&f, "TEXT-SHARE");
    assert_eq!(key(x), "TEXT-SHARE error 127 s= r= c= p=");
    assert!(x.message.contains("财政拨款支出"), "{}", x.message);
}

#[test]
fn a_share_of_nothing_is_not_checked_and_a_share_of_zero_names_its_whole() {
    // "公务接待费 0.00 万元，…其中外事接待 0 万元，占 100%": 0 of 0, no figure
    // the sentence could contradict.
    let line = "2. 公务接待费 0.00 万元，占“三公”经费支出的 0.00%，其中外事接待 0 万元，占 100%。";
    let whole = "2. 公务接待费 0.00 万元，占“三公”经费支出的 0.00%。";
    let f = edited(189, whole, line);
    assert!(
        new_of(&f, "TEXT-SHARE").is_empty(),
        "{:#?}",
        new_of(&f, "TEXT-SHARE")
    );
    // A part that is not zero of a whole that is: an error that names the
    // whole (the sentence's first amount) in its message.
    let f = edited(
        189,
        whole,
        &line.replace("外事接待 0 万元", "外事接待 0.50 万元"),
    );
    let x = the_new(&f, "TEXT-SHARE");
    assert_eq!(key(x), "TEXT-SHARE error 189 s= r= c= p=");
    assert!(x.message.contains("占“公务接待费”的"), "{}", x.message);
    assert!(!x.message.contains("占的"), "{}", x.message);
}

#[test]
fn a_change_rate_is_change_over_last_year() {
    assert_quiet_on_sample("TEXT-CHANGE");
    let f = edited(105, "增长 6.88%", "增长 6.78%");
    let x = the_new(&f, "TEXT-CHANGE");
    assert_eq!(key(x), "TEXT-CHANGE error 105 s= r= c= p=");
    assert_eq!(x.expected, Some(dec!(6.88)));
    assert!(x.message.contains("4459.42"), "{}", x.message);
    // A decrease: 157.26 / (289.37 + 157.26) = 35.21%.
    let f = edited(205, "降低 35.21%", "降低 53.21%");
    let x = the_new(&f, "TEXT-CHANGE");
    assert_eq!(key(x), "TEXT-CHANGE error 205 s= r= c= p=");
}

#[test]
fn words_of_direction_match_the_numbers() {
    assert_quiet_on_sample("TEXT-DIRECTION");
    let f = edited(105, "增长 6.88%", "降低 6.88%");
    let x = the_new(&f, "TEXT-DIRECTION");
    assert_eq!(key(x), "TEXT-DIRECTION error 105 s= r= c= p=");
    // 决算 4.92 = 预算 4.92 in 公开07表: "大于" is wrong.
    let f = edited(191, "决算数持平预算数", "决算数大于预算数");
    let x = the_new(&f, "TEXT-DIRECTION");
    assert_eq!(key(x), "TEXT-DIRECTION error 191 s= r= c= p=");
    assert_eq!(x.locations[1].schedule.unwrap().two_digit(), "07");
}

#[test]
fn a_sangong_completion_rate_is_actual_over_budget() {
    assert_quiet_on_sample("TEXT-RATE");
    let f = edited(185, "完成预算的 100.00%", "完成预算的 90.00%");
    let x = the_new(&f, "TEXT-RATE");
    assert_eq!(key(x), "TEXT-RATE error 185 s= r= c= p=");
    assert_eq!(x.expected, Some(dec!(100.00)));
}

#[test]
fn no_percentage_can_be_stated_against_a_nil_budget() {
    let f = of(sample_findings(), "TEXT-RATE-NO-BUDGET");
    let lines: Vec<u32> = f.iter().map(|x| x.line()).collect();
    assert_eq!(lines, [135, 145, 153, 157, 159, 161, 187, 189]);
    assert!(f.iter().all(|x| x.severity == Severity::Warning));
    // 2080702 职业培训补贴: the 项 cell of 公开05表 comes second.
    assert_eq!(f[2].locations[1].row.as_deref(), Some("2080702"));
    assert!(f[6].message.contains("预算数为空"));
    // One more: 行政运行's 131.23% typed as 0%.
    let g = edited(139, "131.23%", "0%");
    let x = the_new(&g, "TEXT-RATE-NO-BUDGET");
    assert_eq!(key(x), "TEXT-RATE-NO-BUDGET warning 139 s= r= c= p=");
    // A real rate is no finding: 2050303 with a budget.
    let g = edited(135, "完成年初预算的 0%", "完成年初预算的 100%");
    assert!(of(&g, "TEXT-RATE-NO-BUDGET")
        .iter()
        .all(|x| x.line() != 135));
}

#[test]
fn completion_rates_imply_one_budget() {
    // 260.85% / 123.75% / 405.91% and the per-项 rates agree within rounding.
    assert_quiet_on_sample("TEXT-BUDGET-IMPLIED");
    // One 项 rate mistyped: the items no longer add up to the total, nor the
    // basic items to the basic budget.
    let f = edited(149, "90.40%", "80.40%");
    let keys = new_keys(&f, "TEXT-BUDGET-IMPLIED");
    assert_eq!(
        keys,
        [
            "TEXT-BUDGET-IMPLIED error 127 s= r= c= p=",
            "TEXT-BUDGET-IMPLIED error 127 s= r= c= p="
        ]
    );
    // The project rate: basic + project no longer make the total.
    let f = edited(127, "405.91%", "415.91%");
    let n = new_of(&f, "TEXT-BUDGET-IMPLIED");
    assert!(n.iter().any(|x| x.message.contains("基本支出与项目支出")));
    // The 整体绩效自评表 budget 939.32 matches the basic budget 939.34 ± rounding.
    let f = edited(625, "939.32", "949.32");
    let x = the_new(&f, "TEXT-BUDGET-IMPLIED");
    assert_eq!(
        key(x),
        "TEXT-BUDGET-IMPLIED error 625 s= r= c=部门年初预算支出金额 p=部门（单位）整体绩效自评表"
    );
}

#[test]
fn vehicle_counts_agree() {
    let f = of(sample_findings(), "TEXT-COUNT");
    assert_eq!(f.len(), 1);
    let x = f[0];
    assert_eq!(key(x), "TEXT-COUNT error 215 s= r= c= p=");
    // 共有车辆 0; 保有量 2 (line 195); 公开07表 and 06表 4.92 万元 运行维护费.
    let lines: Vec<u32> = x.locations.iter().map(|l| l.line).collect();
    assert_eq!(lines, [215, 195, 606, 573]);
    assert_eq!((x.expected, x.actual), (Some(dec!(2)), Some(dec!(0))));
    // 共有车辆 corrected to 2: the categories (all 0) no longer add up.
    let g = edited(215, "共有车辆 0 辆", "共有车辆 2 辆");
    let x = the_new(&g, "TEXT-COUNT");
    assert!(x.message.contains("按类别"));
    assert!(of(&g, "TEXT-COUNT")
        .iter()
        .all(|y| !y.message.contains("保有量")));
}

#[test]
fn procurement_parts_add_up() {
    assert_quiet_on_sample("TEXT-PROCUREMENT");
    let f = edited(209, "政府采购工程支出 197.61", "政府采购工程支出 190.61");
    let x = the_new(&f, "TEXT-PROCUREMENT");
    assert_eq!(key(x), "TEXT-PROCUREMENT error 209 s= r= c= p=");
    let f = edited(
        209,
        "授予小微企业合同金额 0.00",
        "授予小微企业合同金额 5.00",
    );
    assert!(new_of(&f, "TEXT-PROCUREMENT")[0].message.contains("小微"));
}

#[test]
fn operating_cost_is_the_office_cost() {
    assert_quiet_on_sample("TEXT-OPERATING-COST");
    let f = edited(205, "289.37", "298.37");
    let x = the_new(&f, "TEXT-OPERATING-COST");
    assert_eq!(key(x), "TEXT-OPERATING-COST error 205 s= r= c= p=");
    assert_eq!(x.locations[1].row.as_deref(), Some("公用经费合计"));
}

/// Shanghai's template states the 年初预算 and then each 科目's; inserted
/// into the sample's 一般公共预算 section (before line 130).
fn with_budget_items(second: &str) -> Vec<juesuan::rules::Finding> {
    let block = format!(
        "一般公共预算财政拨款支出年初预算为 100.00 万元。\n\n\
         1、甲（项）。年初预算为 60.00 万元。\n\n\
         2、乙（项）。年初预算为 {second} 万元。\n"
    );
    findings_of(&insert(130, &block))
}

#[test]
fn listed_budgets_add_up_to_the_stated_budget() {
    assert_quiet_on_sample("TEXT-BUDGET-ITEMS");
    assert!(of(&with_budget_items("40.00"), "TEXT-BUDGET-ITEMS").is_empty());
    // One cent off with two items (±0.01): a rounding note at the total.
    let f = with_budget_items("40.01");
    let notes: Vec<_> = f
        .iter()
        .filter(|x| x.rule == "ROUNDING" && x.line() == 130)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    // A typo in one item: an error at the stated total.
    let f = with_budget_items("41.00");
    let x = the_new(&f, "TEXT-BUDGET-ITEMS");
    assert_eq!(key(x), "TEXT-BUDGET-ITEMS error 130 s= r= c= p=");
    assert_eq!(x.expected, Some(dec!(101.00)));
}

#[test]
fn a_sangong_rate_belongs_to_the_item_named_just_before_it() {
    // Shanghai states every item's rate in the total's paragraph: the rate
    // after 因公出国（境）费 is that item's (blank budget), not the total's.
    let f = edited(
        185,
        "其中：因公出国（境）费 0.00 万元，",
        "其中：因公出国（境）费 0.00 万元，完成预算的 0.00%，",
    );
    assert!(new_of(&f, "TEXT-RATE").is_empty());
    // (Ids count occurrences per item, so compare lines, not new ids.)
    let lines: Vec<u32> = of(&f, "TEXT-RATE-NO-BUDGET")
        .iter()
        .map(|x| x.line())
        .collect();
    assert_eq!(lines, [135, 145, 153, 157, 159, 161, 185, 187, 189]);
    let x = of(&f, "TEXT-RATE-NO-BUDGET")[6];
    assert_eq!(x.severity, Severity::Warning);
    assert!(x.message.contains("因公出国"), "{}", x.message);
}

#[test]
fn sangong_rows_match_with_or_without_weihu() {
    // 07 labelled "公务用车购置及运行维护费" is the row the text calls 公务用车购置及运行费.
    let t = edit(605, "公务用车购置及运行费", "公务用车购置及运行维护费");
    let t = edit_text(&t, 191, "完成预算的 100.00%", "完成预算的 90.00%");
    let f = findings_of(&t);
    let x = the_new(&f, "TEXT-RATE");
    assert_eq!(key(x), "TEXT-RATE error 191 s= r= c= p=");
}

#[test]
fn procurement_in_shanghai_wording() {
    let from = "2024 年政府采购支出总额 197.61 万元，其中：政府采购货物支出 0.00 万元，\
                政府采购工程支出 197.61 万元，政府采购服务支出 0.00 万元。";
    let to = |works: &str| {
        format!(
            "2024年度政府采购金额（以合同签订为准）为197.61万元，其中：货物采购金额0万元、\
             工程采购金额{works}万元、服务采购金额0万元。"
        )
    };
    // 0 + 197.60 + 0 against 197.61: within 3 × 0.005, a rounding note.
    let f = edited(209, from, &to("197.60"));
    assert!(new_of(&f, "TEXT-PROCUREMENT").is_empty());
    assert!(f.iter().any(|x| x.rule == "ROUNDING" && x.line() == 209));
    let f = edited(209, from, &to("197.00"));
    let x = the_new(&f, "TEXT-PROCUREMENT");
    assert_eq!(key(x), "TEXT-PROCUREMENT error 209 s= r= c= p=");
}

#[test]
fn a_part_of_the_reception_costs_cannot_exceed_them() {
    // 公开07表 公务接待费 is 0.00: 国内 or 外事 reception of 1.00 万元 is more
    // than the whole.
    for (from, to) in [
        (
            "0 批次、0 人、0.00 万元。其中",
            "0 批次、0 人、1.00 万元。其中",
        ),
        (
            "外事接待累计 0 批次、0 人、0.00 万元",
            "外事接待累计 0 批次、0 人、1.00 万元",
        ),
    ] {
        let f = edited(189, from, to);
        let x = the_new(&f, "TEXT-AMOUNT");
        assert_eq!(key(x), "TEXT-AMOUNT error 189 s= r= c= p=");
        assert!(x.message.contains("部分不能大于整体"), "{}", x.message);
    }
}

/// Beijing's phrasing states last year's figure beside the change: "收、支
/// 总计 X 万元，比上年 Y 万元增加 Z 万元，增长 W%". Y is last year's, never
/// a level of this year: the consistent sentence raises nothing, and each
/// figure or word changed in turn is caught by the rule it breaks.
#[test]
fn a_change_stated_with_last_years_figure_is_checked_against_it() {
    let lead = "2024年度收、支总计4766.06万元，";
    let with = |rest: &str| findings_of(&insert(93, &format!("{lead}{rest}")));
    let ids = |f: &[juesuan::rules::Finding]| {
        let mut v: Vec<String> = f.iter().map(|x| x.id.clone()).collect();
        v.sort();
        v
    };
    for quiet in [
        "比上年4459.42万元增加306.64万元，增长6.88%。",
        "比上年 4459.42 万元增长 6.88%。",
        "与上年4459.42万元相比，增加306.64万元，增长6.88%。",
        "较2023年度的4800.00万元减少33.94万元，下降0.71%。",
    ] {
        let f = with(quiet);
        assert_eq!(ids(&f), ids(sample_findings()), "{quiet}");
    }
    let cases: [(&str, &[&str]); 6] = [
        (
            "比上年4459.42万元增加316.64万元，增长6.88%。",
            &["TEXT-CHANGE error 93", "TEXT-CHANGE-AMOUNT error 93"],
        ),
        (
            "比上年4449.42万元增加306.64万元，增长6.88%。",
            &["TEXT-CHANGE error 93", "TEXT-CHANGE-AMOUNT error 93"],
        ),
        (
            "比上年4459.42万元增加306.64万元，增长6.98%。",
            &["TEXT-CHANGE error 93"],
        ),
        (
            "比上年4459.42万元减少306.64万元，下降6.88%。",
            &["TEXT-CHANGE-AMOUNT error 93"],
        ),
        (
            "比上年4459.42万元增长6.98%。",
            &["TEXT-CHANGE-AMOUNT error 93"],
        ),
        (
            "比上年4459.42万元下降6.88%。",
            &["TEXT-CHANGE-AMOUNT error 93"],
        ),
    ];
    for (rest, want) in cases {
        let f = with(rest);
        let mut got: Vec<String> = ["TEXT-CHANGE", "TEXT-CHANGE-AMOUNT", "TEXT-DIRECTION"]
            .iter()
            .flat_map(|r| new_keys(&f, r))
            .map(|k| k.split(" s=").next().unwrap_or("").to_string())
            .collect();
        got.sort();
        assert_eq!(got, want, "{rest}");
    }
    // Against the tables, the level is still this year's 收入总计; last
    // year's figure is compared with nothing.
    let f = findings_of(&insert(
        93,
        "2024年度收、支总计4776.06万元，比上年4459.42万元增加306.64万元，增长6.88%。",
    ));
    let x = the_new(&f, "TEXT-AMOUNT");
    assert_eq!(key(x), "TEXT-AMOUNT error 93 s= r= c= p=");
    assert_eq!(x.locations[1].schedule.unwrap().two_digit(), "01");
    assert_eq!(
        new_keys(&f, "TEXT-CHANGE-AMOUNT"),
        ["TEXT-CHANGE-AMOUNT error 93 s= r= c= p="]
    );
    // One cent off between the three printed figures is a 尾差 warning.
    let f = with("比上年4459.42万元增加306.65万元，增长6.88%。");
    assert_eq!(
        new_keys(&f, "TEXT-CHANGE-AMOUNT"),
        ["TEXT-CHANGE-AMOUNT warning 93 s= r= c= p="]
    );
}
