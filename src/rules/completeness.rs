//! Completeness: all nine schedules are there, in full.

use super::{Finding, Location, Rule, Severity};
use crate::report::{Report, ScheduleStatus};

/// The completeness family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "SCHEDULE-MISSING",
        title: "九张公开表必须全部公开（空表也须公开并说明“本表为空”）",
        rationale: "财政部门要求部门决算公开全部九张表（公开01–09表）。本部门没有某类资金时，\
                    该表仍须公开，并注明本表为空。缺表通常意味着公开不完整，或政府性基金、\
                    国有资本经营预算两张空表被漏掉；审核时应要求补充公开。",
        severity: Severity::Error,
        check: missing,
    },
    Rule {
        id: "SCHEDULE-PARTIAL",
        title: "公开表不完整：部分行次或栏目缺失",
        rationale: "表格只公开了一部分（例如收入支出决算总表缺少前若干行次）。缺失部分无法核对，\
                    表内和表间的勾稽关系只能部分验证。常见原因是转换PDF或排版时丢页、截断。",
        severity: Severity::Warning,
        check: partial,
    },
];

fn missing(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for s in &report.schedules {
        if s.status == ScheduleStatus::Missing {
            let msg = format!("{}《{}》未公开：报告中找不到此表", s.id.label(), s.title);
            let line = expected_place(report, s.id);
            out.push(Finding::new(
                rule.id,
                rule.severity,
                msg,
                vec![Location::schedule(line, s.id, None)],
                "",
            ));
        }
    }
}

fn partial(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for s in &report.schedules {
        if let ScheduleStatus::Partial { missing } = &s.status {
            let msg = format!("{}《{}》不完整：{}", s.id.label(), s.title, missing);
            let line = s.heading_line.or(s.lines.map(|l| l.0)).unwrap_or(0);
            out.push(Finding::new(
                rule.id,
                rule.severity,
                msg,
                vec![Location::schedule(line, s.id, None)],
                "",
            ));
        }
    }
}

/// Where a missing schedule should have been: the last line of the nearest
/// present schedule before it (or the first line of the next one), so the
/// auditor lands where the table is absent.
fn expected_place(report: &Report, id: crate::report::ScheduleId) -> u32 {
    let before = report
        .schedules
        .iter()
        .filter(|s| s.id < id)
        .filter_map(|s| s.lines)
        .map(|l| l.1)
        .max();
    let after = report
        .schedules
        .iter()
        .filter(|s| s.id > id)
        .filter_map(|s| s.lines)
        .map(|l| l.0)
        .min();
    before.or(after).unwrap_or(0)
}
