//! The function-table sums (sums.rs): row totals, the 类/款/项 hierarchy and
//! rounding notes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;
use rust_decimal_macros::dec;

#[test]
fn a_row_whose_parts_do_not_add_up_is_an_error() {
    assert_quiet_on_sample("SUM-ROW");
    // 公开03表 2080102: 本年支出合计 938.61 but 基本 1.00 + 项目 938.61.
    let f = edited(411, "938.61\t\t938.61", "938.61\t1.00\t938.61");
    let x = the_new(&f, "SUM-ROW");
    assert_eq!(key(x), "SUM-ROW error 411 s=03 r=2080102 c=本年支出合计 p=");
    assert_eq!(
        (x.expected, x.actual),
        (Some(dec!(939.61)), Some(dec!(938.61)))
    );
    assert_eq!(x.locations.len(), 3, "the total, then each part");
}

#[test]
fn a_parent_code_that_is_not_the_sum_of_its_children_is_an_error() {
    assert_quiet_on_sample("SUM-HIERARCHY");
    // 公开02表 2080102 raised by 10 in both columns: the row still adds up,
    // its 款 20801 no longer does.
    let f = edited(365, "938.61\t938.61", "948.61\t948.61");
    let keys = new_keys(&f, "SUM-HIERARCHY");
    assert_eq!(
        keys,
        [
            "SUM-HIERARCHY error 363 s=02 r=20801 c=本年收入合计 p=",
            "SUM-HIERARCHY error 363 s=02 r=20801 c=财政拨款收入 p="
        ]
    );
    assert!(new_of(&f, "SUM-ROW").is_empty());
}

#[test]
fn a_gap_within_rounding_is_an_info_note_with_its_tolerance() {
    let r: Vec<_> = of(sample_findings(), "ROUNDING");
    assert_eq!(r.len(), 8);
    let t3 = r
        .iter()
        .find(|x| key(x) == "ROUNDING info 404 s=03 r=合计 c=基本支出 p=")
        .unwrap();
    assert_eq!(t3.expected, Some(dec!(1162.44)));
    assert_eq!(t3.actual, Some(dec!(1162.43)));
    assert_eq!(t3.tolerance, Some(dec!(0.020)));
    assert!(t3.message.contains("±0.020"));
    // Beyond the tolerance the same gap becomes an error of the identity.
    let f = edited(404, "1,162.43", "1,162.33");
    assert!(of(&f, "ROUNDING")
        .iter()
        .all(|x| key(x) != "ROUNDING info 404 s=03 r=合计 c=基本支出 p="));
    assert!(new_keys(&f, "SUM-HIERARCHY")
        .contains(&"SUM-HIERARCHY error 404 s=03 r=合计 c=基本支出 p=".to_string()));
}
