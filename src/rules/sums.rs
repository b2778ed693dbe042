//! Inside one function-classified table (02, 03, 05, 09): each row's total
//! column against its part columns, and the 合计/类/款/项 hierarchy.

use super::arith::push_sum_finding;
use super::{Finding, Location, Rule, Severity};
use crate::report::{
    CodeLevel, FunctionCode, Panel, Report, Row, RowCode, RowKind, Schedule, ScheduleId,
};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The schedules whose rows are function codes.
const FUNCTION_TABLES: [ScheduleId; 4] =
    [ScheduleId(2), ScheduleId(3), ScheduleId(5), ScheduleId(9)];

/// The in-table sum family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "SUM-ROW",
        title: "每行的合计栏等于各分栏之和",
        rationale: "收入决算表：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + \
                    附属单位上缴收入 + 其他收入；支出决算表：本年支出合计 = 基本支出 + 项目支出 + \
                    上缴上级支出 + 经营支出 + 对附属单位补助支出；一般公共预算财政拨款支出决算表：\
                    小计 = 基本支出 + 项目支出。合计栏与分栏不符，说明某一栏填错、漏填或合计未更新。",
        severity: Severity::Error,
        check: row_totals,
    },
    Rule {
        id: "SUM-HIERARCHY",
        title: "合计 = Σ类，类 = Σ款，款 = Σ项（功能分类科目层级）",
        rationale: "功能分类科目逐级汇总：3位的类等于其下5位款之和，款等于其下7位项之和，\
                    合计等于各类之和，每一栏都如此。不符通常是某一行金额录错、漏列了某个科目，\
                    或上级科目没有随明细调整。",
        severity: Severity::Error,
        check: hierarchy,
    },
    Rule {
        id: super::arith::ROUNDING_RULE,
        title: "尾差：合计与分项之和相差在四舍五入容差以内",
        rationale: "各表注明“本表金额转换成万元时，因四舍五入可能存在尾差”：每个单元格单独舍入到\
                    0.01万元，n个分项之和与印出的合计最多可差 n × 0.005 万元。这样的差额记为提示，\
                    不是错误；消息中列出所用的容差。超出容差的差额由对应规则报为错误。",
        severity: Severity::Info,
        check: |_, _, _| {},
    },
];

fn function_panels(report: &Report) -> impl Iterator<Item = (&Schedule, &Panel)> {
    FUNCTION_TABLES
        .iter()
        .filter_map(|id| report.schedule(*id))
        .filter_map(|s| s.main_panel().map(|p| (s, p)))
}

fn cell_loc(s: &Schedule, p: &Panel, row: &Row, col: usize) -> Location {
    let column = p.columns.get(col).map(|c| c.name.as_str()).unwrap_or("");
    Location::cell(row.line, s.id, &row.key(), column)
}

fn row_totals(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for (s, p) in function_panels(report) {
        if p.columns.len() < 2 {
            continue;
        }
        for row in &p.rows {
            let Some(total) = row.cells.first().and_then(|c| c.value()) else {
                continue;
            };
            let parts: Vec<Decimal> = row.cells[1..].iter().map(|c| c.value_or_zero()).collect();
            let expected: Decimal = parts.iter().sum();
            // Most rows add up: build locations only for those that do not.
            if expected == total {
                continue;
            }
            let mut locs = vec![cell_loc(s, p, row, 0)];
            locs.extend(
                (1..row.cells.len())
                    .filter(|i| !row.cells[*i].is_blank())
                    .map(|i| cell_loc(s, p, row, i)),
            );
            let what = format!(
                "{} {} {} {}",
                s.id.label(),
                row.key(),
                row.label_if_coded(),
                p.columns[0].name
            );
            push_sum_finding(
                out,
                rule,
                what.trim(),
                "各分栏之和",
                expected,
                total,
                parts.len(),
                locs,
                "",
            );
        }
    }
}

fn hierarchy(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for (s, p) in function_panels(report) {
        let coded: Vec<&Row> = p.rows.iter().filter(|r| r.code.is_some()).collect();
        // 合计 = Σ 类
        if let Some(total) = p.rows.iter().find(|r| r.kind == RowKind::Total) {
            let classes: Vec<&Row> = coded
                .iter()
                .copied()
                .filter(|r| r.level() == Some(CodeLevel::Class))
                .collect();
            compare(rule, s, p, total, &classes, "各类之和", out);
        }
        // 类 = Σ 款, 款 = Σ 项. Children are grouped by parent code once, in
        // row order, so a hostile 100 000-row table costs one pass, not
        // one pass per parent.
        let mut children_of: HashMap<FunctionCode, Vec<&Row>> = HashMap::new();
        for r in &coded {
            if let Some(RowCode::Function { code }) = &r.code {
                if let Some(parent) = code.parent() {
                    children_of.entry(parent).or_default().push(r);
                }
            }
        }
        // A code printed twice is a parent once (its first row): the parser
        // reports the repeat (PARSE-ROW), and checking every copy against
        // the same children would make a hostile table quadratic.
        let mut done: HashSet<&FunctionCode> = HashSet::new();
        for parent in &coded {
            let Some(RowCode::Function { code: pc }) = &parent.code else {
                continue;
            };
            if !done.insert(pc) {
                continue;
            }
            let Some(children) = children_of.get(pc) else {
                continue;
            };
            let parts = if pc.level() == CodeLevel::Class {
                "其下各款之和"
            } else {
                "其下各项之和"
            };
            compare(rule, s, p, parent, children, parts, out);
        }
    }
}

fn compare(
    rule: &Rule,
    s: &Schedule,
    p: &Panel,
    total: &Row,
    parts: &[&Row],
    what_parts: &str,
    out: &mut Vec<Finding>,
) {
    if parts.is_empty() {
        return;
    }
    for (col, column) in p.columns.iter().enumerate() {
        let Some(actual) = total.cells.get(col).and_then(|c| c.value()) else {
            continue;
        };
        let expected: Decimal = parts
            .iter()
            .map(|r| {
                r.cells
                    .get(col)
                    .map(|c| c.value_or_zero())
                    .unwrap_or_default()
            })
            .sum();
        if expected == actual {
            continue;
        }
        let mut locs = vec![cell_loc(s, p, total, col)];
        locs.extend(
            parts
                .iter()
                .filter(|r| r.cells.get(col).is_some_and(|c| !c.is_blank()))
                .map(|r| cell_loc(s, p, r, col)),
        );
        let what = format!(
            "{} {} {} {}",
            s.id.label(),
            total.key(),
            total.label_if_coded(),
            column.name
        );
        push_sum_finding(
            out,
            rule,
            what.trim(),
            what_parts,
            expected,
            actual,
            parts.len(),
            locs,
            "",
        );
    }
}
