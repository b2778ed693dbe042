//! Between tables: the same quantity must be equal wherever it appears.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;
use rust_decimal_macros::dec;

#[test]
fn t01_income_total_is_t02_total() {
    assert_quiet_on_sample("XTAB-01-02");
    let f = edited(
        336,
        "本年收入合计\t27\t4,766.06",
        "本年收入合计\t27\t4,767.06",
    );
    let x = the_new(&f, "XTAB-01-02");
    assert_eq!(key(x), "XTAB-01-02 error 358 s=02 r=合计 c=本年收入合计 p=");
    assert_eq!(x.locations[1].line, 336, "then the 01 cell");
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(4767.06)), Some(dec!(4766.06)))
    );
}

#[test]
fn t01_expense_total_is_t03_total() {
    assert_quiet_on_sample("XTAB-01-03");
    let f = edited(336, "58\t4,766.06", "58\t4,767.06");
    let x = the_new(&f, "XTAB-01-03");
    assert_eq!(key(x), "XTAB-01-03 error 404 s=03 r=合计 c=本年支出合计 p=");
    // A 类 line that 01 shows but 03 lacks: 二十三、其他支出 with money.
    let f = edited(332, "54\t", "54\t3.00");
    let x = the_new(&f, "XTAB-01-03");
    assert_eq!(x.locations[1].line, 332);
    assert!(x.message.contains("其他支出"), "{}", x.message);
}

/// 0.01 between two printings of one figure is the 决算 software's 尾差:
/// a warning that says so; 0.02 and more stay errors.
#[test]
fn a_cent_between_two_tables_is_a_rounding_warning_two_cents_an_error() {
    let f = edited(336, "58\t4,766.06", "58\t4,766.07");
    let x = the_new(&f, "XTAB-01-03");
    assert_eq!(
        key(x),
        "XTAB-01-03 warning 404 s=03 r=合计 c=本年支出合计 p="
    );
    assert!(x.message.contains("尾差"), "{}", x.message);
    let f = edited(336, "58\t4,766.06", "58\t4,766.08");
    let x = the_new(&f, "XTAB-01-03");
    assert_eq!(key(x), "XTAB-01-03 error 404 s=03 r=合计 c=本年支出合计 p=");
    assert!(!x.message.contains("尾差"), "{}", x.message);
}

#[test]
fn fiscal_opening_balance_is_within_the_whole() {
    assert_quiet_on_sample("XTAB-01-04");
    let f = edited(478, "\t28\t\t", "\t28\t5.00\t");
    let x = the_new(&f, "XTAB-01-04");
    assert_eq!(
        key(x),
        "XTAB-01-04 error 478 s=04 r=年初财政拨款结转和结余 c=金额 p="
    );
    assert_eq!(x.locations[1].line, 338);
}

#[test]
fn t02_fiscal_income_is_t04_income() {
    assert_quiet_on_sample("XTAB-02-04");
    let f = edited(358, "4,766.06\t4,766.06", "4,766.06\t4,767.06");
    let x = the_new(&f, "XTAB-02-04");
    assert_eq!(key(x), "XTAB-02-04 error 477 s=04 r=本年收入合计 c=金额 p=");
}

#[test]
fn t04_general_budget_spending_is_t05_total_and_by_class() {
    assert_quiet_on_sample("XTAB-04-05");
    let f = edited(504, "4,766.06", "4,767.06");
    let x = the_new(&f, "XTAB-04-05");
    assert_eq!(key(x), "XTAB-04-05 error 504 s=05 r=合计 c=小计 p=");
    let f = edited(505, "5.40", "5.50");
    let x = the_new(&f, "XTAB-04-05");
    assert_eq!(key(x), "XTAB-04-05 error 505 s=05 r=205 c=小计 p=");
    assert_eq!(x.locations[1].line, 454, "then 04's 五、教育支出");
}

#[test]
fn t04_fund_columns_match_t08_and_t09() {
    assert_quiet_on_sample("XTAB-04-08");
    assert_quiet_on_sample("XTAB-04-09");
    // Empty tables match 04's empty columns.
    let ok = findings_of(&with_fund_tables(T8_EMPTY, T9_EMPTY, true));
    assert!(of(&ok, "XTAB-04-08").is_empty() && of(&ok, "XTAB-04-09").is_empty());
    let f = findings_of(&with_fund_tables(
        "合计\t\t\t10.00\t10.00\t\t10.00\t",
        T9_EMPTY,
        true,
    ));
    let keys: Vec<String> = of(&f, "XTAB-04-08").into_iter().map(key).collect();
    assert_eq!(
        keys,
        [
            "XTAB-04-08 error 627 s=08 r=合计 c=小计 p=",
            "XTAB-04-08 error 627 s=08 r=合计 c=本年收入 p="
        ]
    );
    let f = findings_of(&with_fund_tables(T8_EMPTY, "合计\t\t3.00\t\t3.00", true));
    let keys: Vec<String> = of(&f, "XTAB-04-09").into_iter().map(key).collect();
    assert_eq!(keys, ["XTAB-04-09 error 644 s=09 r=合计 c=小计 p="]);
}

#[test]
fn t05_restates_t03_when_all_money_is_general_budget() {
    assert_quiet_on_sample("XTAB-03-05");
    let f = edited(511, "938.61\t0.00", "939.61\t1.00");
    let keys = new_keys(&f, "XTAB-03-05");
    assert_eq!(
        keys,
        [
            "XTAB-03-05 error 511 s=05 r=2080102 c=基本支出 p=",
            "XTAB-03-05 error 511 s=05 r=2080102 c=小计 p="
        ]
    );
    assert!(new_of(&f, "XTAB-03-05")[0].message.contains("逐行相等"));
}

#[test]
fn t05_basic_is_t06_staff_plus_office() {
    assert_quiet_on_sample("XTAB-05-06");
    let f = edited(582, "873.06", "874.06");
    let x = the_new(&f, "XTAB-05-06");
    assert_eq!(key(x), "XTAB-05-06 error 504 s=05 r=合计 c=基本支出 p=");
    assert_eq!(
        x.locations.len(),
        3,
        "05 basic, then 06 人员经费合计, 公用经费合计"
    );
}

#[test]
fn t07_vehicle_running_costs_are_t06s() {
    assert_quiet_on_sample("XTAB-06-07");
    let f = edited(606, "4.92\t4.92", "4.92\t3.92");
    let x = the_new(&f, "XTAB-06-07");
    assert_eq!(
        key(x),
        "XTAB-06-07 error 606 s=07 r=其中：（1）公务用车运行维护费 c=决算数 p="
    );
    assert_eq!(x.locations[1].line, 573);
}

#[test]
fn one_code_has_one_name_in_every_table() {
    // The sample's two (公开02表 cuts 支出 off two names) are in rules_sample.rs.
    assert_eq!(of(sample_findings(), "XTAB-LABEL").len(), 2);
    let f = edited(510, "行政运行", "行政运营");
    let x = the_new(&f, "XTAB-LABEL");
    assert_eq!(key(x), "XTAB-LABEL info 510 s=05 r=2080101 c=科目名称 p=");
    assert!(x.message.contains("行政运营") && x.message.contains("行政运行"));
}

#[test]
fn t05_spending_total_may_be_headed_heji() {
    // Shanghai's 05 heads its total column 合计, not 小计: the 类 rows are
    // still compared with 04. Header renamed, then one 类 amount mistyped.
    let t = edit(502, "科目名称\t小计", "科目名称\t合计");
    assert_eq!(
        findings_of(&t)
            .iter()
            .filter(|x| x.rule.starts_with("XTAB"))
            .count(),
        sample_findings()
            .iter()
            .filter(|x| x.rule.starts_with("XTAB"))
            .count()
    );
    let t = edit_text(&t, 505, "5.40\t0.00\t5.40", "5.50\t0.00\t5.40");
    let f = findings_of(&t);
    let x = f
        .iter()
        .find(|x| x.rule == "XTAB-04-05")
        .expect("05 教育支出 against 04");
    assert_eq!(x.severity, juesuan::rules::Severity::Error);
    assert_eq!(x.locations[0].row.as_deref(), Some("205"));
    assert_eq!(x.locations[0].column.as_deref(), Some("合计"));
}
