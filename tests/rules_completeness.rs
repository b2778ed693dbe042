//! Completeness: the nine schedules, the "本表为空" statement, the narrative parts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use juesuan::rules::{self, Severity};
use rules_common::*;

#[test]
fn missing_fund_tables_are_errors_that_quote_the_narrative() {
    let f = of(sample_findings(), "SCHEDULE-MISSING");
    let keys: Vec<String> = f.iter().map(|x| key(x)).collect();
    assert_eq!(
        keys,
        [
            "SCHEDULE-MISSING error 615 s=08 r= c= p=",
            "SCHEDULE-MISSING error 615 s=09 r= c= p="
        ]
    );
    // The narrative says there is no such money (lines 177, 181): the empty
    // tables must still be published.
    assert_eq!(f[0].locations[1].line, 177);
    assert_eq!(f[1].locations[1].line, 181);
    assert!(f[0].message.contains("本表为空"));
    // Without that statement the finding stays, without the quote.
    let g = edited(177, "无政府性基金", "有政府性基金");
    let m = of(&g, "SCHEDULE-MISSING");
    assert_eq!(m[0].locations.len(), 1);
    assert_eq!(m[0].id, f[0].id, "same finding, same fingerprint");
}

/// When a PDF page was not read, what is not found may stand on it: the
/// same findings (same ids) become "not checked" notes instead.
#[test]
fn absences_are_unchecked_notes_when_pages_were_not_read() {
    let text = edit(213, "国有资产占用情况", "其他情况");
    let read = rules::check(&report_of(&text));
    let mut report = report_of(&text);
    report.source.unread_pages = vec![4, 9];
    let unread = rules::check(&report);
    for rule in ["SCHEDULE-MISSING", "NARRATIVE-PART-MISSING"] {
        let (before, after) = (of(&read, rule), of(&unread, rule));
        assert!(!before.is_empty(), "{rule}");
        assert_eq!(
            before.iter().map(|f| &f.id).collect::<Vec<_>>(),
            after.iter().map(|f| &f.id).collect::<Vec<_>>()
        );
        assert!(before.iter().all(|f| f.severity != Severity::Info));
        for f in after {
            assert_eq!(f.severity, Severity::Info, "{}", f.message);
            assert!(
                f.message.starts_with("未核对（第4、9页未能完整读取"),
                "{}",
                f.message
            );
        }
    }
}

#[test]
fn published_fund_tables_are_not_missing() {
    let f = findings_of(&with_fund_tables(T8_EMPTY, T9_EMPTY, true));
    assert!(of(&f, "SCHEDULE-MISSING").is_empty());
    assert!(of(&f, "SCHEDULE-EMPTY-STATEMENT").is_empty());
}

#[test]
fn a_schedule_losing_its_heading_is_partial() {
    let f = of(sample_findings(), "SCHEDULE-PARTIAL");
    assert_eq!(f.len(), 1);
    assert_eq!(key(f[0]), "SCHEDULE-PARTIAL warning 330 s=01 r= c= p=");
    assert!(f[0].message.contains("行次 1–22"));
}

#[test]
fn an_empty_table_without_its_statement_is_reported() {
    assert_quiet_on_sample("SCHEDULE-EMPTY-STATEMENT");
    // Both fund tables printed empty, but without "如本表为空…".
    let f = findings_of(&with_fund_tables(T8_EMPTY, T9_EMPTY, false));
    let keys: Vec<String> = of(&f, "SCHEDULE-EMPTY-STATEMENT")
        .into_iter()
        .map(key)
        .collect();
    assert_eq!(
        keys,
        [
            "SCHEDULE-EMPTY-STATEMENT warning 618 s=08 r= c= p=",
            "SCHEDULE-EMPTY-STATEMENT warning 635 s=09 r= c= p="
        ]
    );
}

#[test]
fn a_narrative_part_that_is_not_there_is_reported() {
    assert_quiet_on_sample("NARRATIVE-PART-MISSING");
    let f = edited(213, "国有资产占用情况", "其他情况");
    let x = the_new(&f, "NARRATIVE-PART-MISSING");
    assert_eq!(key(x), "NARRATIVE-PART-MISSING warning 90 s= r= c= p=");
    assert!(x.message.contains("国有资产占用情况"));
    let f = edited(195, "公务用车保有量 2 辆", "公务用车 2 辆");
    let x = the_new(&f, "NARRATIVE-PART-MISSING");
    assert!(x.message.contains("保有量"), "{}", x.message);
    // A department with no 三公 spending at all need not state 保有量.
    let none = edit_text(
        &edit(195, "公务用车保有量 2 辆", "公务用车 2 辆"),
        185,
        "2024 年度财政拨款安排的",
        "本部门 2024 年度无“三公”经费支出。2024 年度财政拨款安排的",
    );
    assert!(of(&findings_of(&none), "NARRATIVE-PART-MISSING").is_empty());
    // 概况 mentioning 国有资产 does not stand in for the part itself.
    let text = edit_text(
        &edit(213, "国有资产占用情况", "其他情况"),
        70,
        "企业帮扶工作",
        "企业帮扶和国有资产管理工作",
    );
    let f = findings_of(&text);
    assert_eq!(new_of(&f, "NARRATIVE-PART-MISSING").len(), 1);
}

#[test]
fn the_equipment_part_is_found_whatever_its_threshold() {
    // Regions set their own threshold (单价50万元 for 通用设备, …): the
    // sentence is there whatever the number.
    for (from, to) in [
        ("单价 100 万元（含）以上设备", "单价 101 万元（含）以上设备"),
        (
            "单价 100 万元（含）以上设备",
            "单价 50 万元（含）以上通用设备",
        ),
    ] {
        let f = edited(215, from, to);
        assert!(new_of(&f, "NARRATIVE-PART-MISSING").is_empty(), "{to}");
    }
    let f = edited(
        215,
        "；单价 100 万元（含）以上设备（不含车辆）0 台（套）",
        "",
    );
    let x = the_new(&f, "NARRATIVE-PART-MISSING");
    assert!(x.message.contains("大额设备"), "{}", x.message);
}
