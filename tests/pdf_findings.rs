//! `juesuan check` on the Putuo PDF: the findings, each checked by hand
//! against the page images. The published report has real inconsistencies;
//! every finding is asserted here, with why it is real.
//!
//! Hand check of the in-table identities (values as printed):
//! - 公开02表 合计 vs Σ类: 本年收入合计 2,112.86 + 326.72 + 60.99 + 445.69 =
//!   2,946.26 against 2,946.25 printed; 财政拨款收入 2,106.66 + 326.72 +
//!   60.99 + 445.69 = 2,940.06 against 2,940.05. Four rounded cells allow
//!   ±0.02: rounding notes, not errors. Every 款 and 项 sum and every row
//!   (本年收入合计 = 财政拨款收入 + 其他收入) holds exactly.
//! - 公开03表 and 公开05表 合计 vs Σ类: 2,940.06 against 2,940.05 (本年支出合计 /
//!   合计) and 1,503.52 + 326.72 + 60.99 + 445.69 = 2,336.92 against 2,336.91
//!   (基本支出): rounding notes again. 项目支出 603.14 and every row hold.
//!
//! The other real inconsistencies (cross-table, narrative, 06 class sums,
//! 政府采购, the 年初预算 items) are each asserted in `expected()` with the
//! page that shows them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::rules::{self, Severity};
use std::collections::BTreeSet;
use std::path::Path;

const PUTUO: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

/// Not a finding: 公开06表 leaves out the template's row 30306 救济费. The
/// row is blank for this department, and 06's class totals hold without it;
/// a missing blank row is no inconsistency an auditor would report.
#[allow(dead_code)]
pub const NOT_A_FINDING: &[(&str, &str)] = &[("公开06表", "row 30306 救济费 left out (blank)")];

/// The findings on Putuo, each checked against the page images:
/// (rule, severity, schedule of the primary location, its row, its column).
fn expected() -> BTreeSet<(String, Severity, String, String, String)> {
    fn rounding(
        s: &'static str,
        row: &'static str,
        col: &'static str,
    ) -> (
        &'static str,
        Severity,
        &'static str,
        &'static str,
        &'static str,
    ) {
        ("ROUNDING", Severity::Info, s, row, col)
    }
    [
        // p8: 02 合计 2,940.05 / 2,946.25 vs Σ类 2,940.06 / 2,946.26 (4 addends, ±0.02).
        rounding("02", "合计", "本年收入合计"),
        rounding("02", "合计", "财政拨款收入"),
        // p10: 03 合计 2,940.05 / 2,336.91 vs Σ类 2,940.06 / 2,336.92.
        rounding("03", "合计", "本年支出合计"),
        rounding("03", "合计", "基本支出"),
        // p15: 05 合计 2,940.05 / 2,336.91 vs Σ类 2,940.06 / 2,336.92.
        rounding("05", "合计", "合计"),
        rounding("05", "合计", "基本支出"),
        // p16: 06 301 2,082.85 vs 8 items 2,082.86 (±0.04); 302 171.07 vs 12 items 171.09 (±0.06).
        rounding("06", "301", "决算数"),
        rounding("06", "302", "决算数"),
        // p24: 政府采购 251.25 vs 4.79 + 0 + 246.47 = 251.26 (±0.015).
        rounding("", "", ""),
        // p21: 年初预算 2,993.92 vs the eleven 项 budgets of p22, 2,993.93 (±0.055).
        rounding("", "", ""),
        // p10 vs p6: 03 208 社会保障和就业支出 326.72, 01 says 326.71 (01 adds up only with .71):
        // one cent, the 决算 software's 尾差, a warning.
        ("XTAB-01-03", Severity::Warning, "03", "208", "本年支出合计"),
        // p15 vs p12: 05 208 326.72, 04's 一般公共预算 column says 326.71 (尾差 too).
        ("XTAB-04-05", Severity::Warning, "05", "208", "合计"),
        // p21: "财政拨款收入支出总计0.3万元" while 04 总计 is 2,961.68 (p13).
        ("TEXT-AMOUNT", Severity::Error, "", "", ""),
        // p21: 一般公共服务支出 2,106.66 "占71.73%" but 2,106.66 / 2,940.05 = 71.65%.
        ("TEXT-SHARE", Severity::Error, "", "", ""),
        // p23: 因公出国（境）费 "完成预算的0%" with 07's 预算数 blank (p18).
        ("TEXT-RATE-NO-BUDGET", Severity::Warning, "", "", ""),
        // p23: 公务用车购置及运行维护费 "完成预算的0%" with 07's 预算数 blank.
        ("TEXT-RATE-NO-BUDGET", Severity::Warning, "", "", ""),
    ]
    .iter()
    .map(|(r, sev, s, row, col)| {
        (
            r.to_string(),
            *sev,
            s.to_string(),
            row.to_string(),
            col.to_string(),
        )
    })
    .collect()
}

type Key = (String, Severity, String, String, String);

#[test]
fn putuo_findings_checked_by_hand() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PUTUO);
    let report = juesuan::input::read_file(&path).unwrap();
    let findings = rules::check(&report);

    let got: Vec<Key> = findings
        .iter()
        .map(|f| {
            let l = &f.locations[0];
            (
                f.rule.to_string(),
                f.severity,
                l.schedule.map(|s| s.two_digit()).unwrap_or_default(),
                l.row.clone().unwrap_or_default(),
                l.column.clone().unwrap_or_default(),
            )
        })
        .collect();
    for f in &findings {
        eprintln!("{} {} {}", f.rule, f.severity, f.message);
    }
    // Two narrative rounding notes and two 三公 warnings share a key: compare counts too.
    let want = expected();
    assert_eq!(got.iter().cloned().collect::<BTreeSet<Key>>(), want);
    assert_eq!(got.len(), 16);

    // Each points at its page.
    let pages: Vec<(String, usize)> = findings
        .iter()
        .map(|f| {
            let page = report
                .source
                .position(f.locations[0].line)
                .map(|p| p.page)
                .unwrap();
            (f.rule.to_string(), page as usize)
        })
        .collect();
    let want_pages: Vec<(&str, usize)> = vec![
        ("ROUNDING", 8),
        ("ROUNDING", 8),
        ("ROUNDING", 10),
        ("ROUNDING", 10),
        ("XTAB-01-03", 10),
        ("XTAB-04-05", 15),
        ("ROUNDING", 15),
        ("ROUNDING", 15),
        ("ROUNDING", 16),
        ("ROUNDING", 16),
        ("TEXT-AMOUNT", 21),
        ("TEXT-SHARE", 21),
        ("ROUNDING", 21),
        ("TEXT-RATE-NO-BUDGET", 23),
        ("TEXT-RATE-NO-BUDGET", 23),
        ("ROUNDING", 24),
    ];
    let want_pages: Vec<(String, usize)> = want_pages
        .into_iter()
        .map(|(r, p)| (r.to_string(), p))
        .collect();
    assert_eq!(pages, want_pages);
    // The two 三公 warnings are about the two items with a blank 预算数.
    let sangong: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "TEXT-RATE-NO-BUDGET")
        .map(|f| f.message.as_str())
        .collect();
    assert!(sangong.iter().any(|m| m.contains("因公出国")));
    assert!(sangong.iter().any(|m| m.contains("公务用车")));
    assert!(findings
        .iter()
        .any(|f| f.rule == "TEXT-AMOUNT" && f.actual == Some(rust_decimal::Decimal::new(3, 1))));
}
