//! Inside 公开01/04/06/07/08表: sides and totals, fund columns, economic
//! classes and panels, 三公 totals, 08's rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;
use rust_decimal_macros::dec;

#[test]
fn side_lines_must_add_up_to_the_side_total() {
    assert_quiet_on_sample("SUM-SIDE-LINES");
    // 公开04表 income line 一、一般公共预算财政拨款 mistyped.
    let f = edited(450, "4,766.06", "4,700.06");
    let x = the_new(&f, "SUM-SIDE-LINES");
    assert_eq!(
        key(x),
        "SUM-SIDE-LINES error 477 s=04 r=本年收入合计 c=金额 p="
    );
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(4700.06)), Some(dec!(4766.06)))
    );
    // The 支出 side within rounding is a note, with the tolerance shown.
    let notes: Vec<String> = of(sample_findings(), "ROUNDING")
        .into_iter()
        .filter(|x| x.line() == 477)
        .map(|x| x.message.clone())
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(notes[0].contains("4766.07") && notes[0].contains("±0.020"));
}

#[test]
fn grand_total_is_the_year_total_plus_balances() {
    assert_quiet_on_sample("SUM-SIDE-TOTAL");
    let f = edited(340, "4,766.06", "4,866.06");
    let x = the_new(&f, "SUM-SIDE-TOTAL");
    assert_eq!(key(x), "SUM-SIDE-TOTAL error 340 s=01 r=总计 c=金额 p=");
    assert!(x.message.contains("收入侧"));
}

#[test]
fn both_grand_totals_agree() {
    assert_quiet_on_sample("SUM-SIDES-AGREE");
    let f = edited(482, "总计\t32\t4,766.06", "总计\t32\t4,767.06");
    let x = the_new(&f, "SUM-SIDES-AGREE");
    assert_eq!(key(x), "SUM-SIDES-AGREE error 482 s=04 r=总计 c=合计 p=");
    assert_eq!(x.difference, Some(dec!(-1.00)));
}

#[test]
fn fund_columns_add_up_to_the_row_total() {
    assert_quiet_on_sample("SUM-FUND-COLUMNS");
    let f = edited(454, "5.40", "5.50");
    let x = the_new(&f, "SUM-FUND-COLUMNS");
    assert_eq!(
        key(x),
        "SUM-FUND-COLUMNS error 454 s=04 r=五、教育支出 c=合计 p="
    );
}

#[test]
fn each_fund_balances_on_its_own() {
    assert_quiet_on_sample("SUM-FUND-BALANCE");
    let f = edited(450, "4,766.06", "4,700.06");
    let x = the_new(&f, "SUM-FUND-BALANCE");
    assert_eq!(
        key(x),
        "SUM-FUND-BALANCE error 482 s=04 r=总计 c=一般公共预算财政拨款 p="
    );
}

#[test]
fn opening_balance_is_the_sum_of_its_funds() {
    assert_quiet_on_sample("SUM-CARRYOVER-SPLIT");
    // A 5.00 typed into the 一般公共预算 sub-row only.
    let f = edited(479, "\t29\t\t", "\t29\t5.00\t");
    let x = the_new(&f, "SUM-CARRYOVER-SPLIT");
    assert_eq!(
        key(x),
        "SUM-CARRYOVER-SPLIT error 478 s=04 r=年初财政拨款结转和结余 c=金额 p="
    );
}

#[test]
fn an_economic_class_is_the_sum_of_its_items() {
    assert_quiet_on_sample("SUM-ECON-CLASS");
    let f = edited(550, "194.17", "194.27");
    let x = the_new(&f, "SUM-ECON-CLASS");
    assert_eq!(key(x), "SUM-ECON-CLASS error 549 s=06 r=301 c=决算数 p=");
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(801.01)), Some(dec!(800.91)))
    );
    assert_eq!(x.locations.len(), 10, "the class and its 9 filled items");
}

#[test]
fn panel_totals_are_the_sum_of_their_classes() {
    assert_quiet_on_sample("SUM-ECON-PANEL");
    let f = edited(582, "873.06", "874.06");
    let x = the_new(&f, "SUM-ECON-PANEL");
    assert_eq!(
        key(x),
        "SUM-ECON-PANEL error 582 s=06 r=人员经费合计 c=决算数 p="
    );
    assert_eq!(x.expected, Some(dec!(873.06)));
}

#[test]
fn sangong_totals_add_up_in_both_columns() {
    assert_quiet_on_sample("SUM-SANGONG");
    let f = edited(602, "4.92\t4.92", "5.92\t4.92");
    let x = the_new(&f, "SUM-SANGONG");
    assert_eq!(key(x), "SUM-SANGONG error 602 s=07 r=合计 c=预算数 p=");
    let f = edited(606, "4.92\t4.92", "4.92\t3.92");
    let x = the_new(&f, "SUM-SANGONG");
    assert_eq!(
        key(x),
        "SUM-SANGONG error 605 s=07 r=3、公务用车购置及运行费 c=决算数 p="
    );
}

#[test]
fn t08_rows_hold_their_identities() {
    // The sample lacks 公开08表: insert one whose row adds up, then one that does not.
    let ok = findings_of(&with_fund_tables(
        "合计\t\t\t10.00\t10.00\t\t10.00\t",
        T9_EMPTY,
        true,
    ));
    assert!(of(&ok, "SUM-T08-ROW").is_empty());
    let f = findings_of(&with_fund_tables(
        "合计\t\t\t10.00\t10.00\t\t9.00\t",
        T9_EMPTY,
        true,
    ));
    let keys: Vec<String> = of(&f, "SUM-T08-ROW").into_iter().map(key).collect();
    assert_eq!(keys, ["SUM-T08-ROW error 627 s=08 r=合计 c=小计 p="]);
    let f = findings_of(&with_fund_tables(
        "合计\t\t\t10.00\t8.00\t\t8.00\t",
        T9_EMPTY,
        true,
    ));
    let keys: Vec<String> = of(&f, "SUM-T08-ROW").into_iter().map(key).collect();
    assert_eq!(
        keys,
        ["SUM-T08-ROW error 627 s=08 r=合计 c=年末结转和结余 p="]
    );
}
