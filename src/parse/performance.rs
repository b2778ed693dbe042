//! The performance annexes: 预算项目(政策)绩效自评表 and 部门(单位)整体绩效自评表.
//! Their rows are wide and ragged (cells shift left or right by one or two),
//! so fields are found by anchors (a label cell, the 分值/得分 pair), not by
//! fixed column positions.

use super::issues::Issues;
use crate::report::{
    Cell, Indicator, LineNo, OverallPerformance, OverallTask, ParseIssue, Project,
};
use crate::text::{amount, cells, is_row, percent, squash};
use std::ops::Range;

/// Whether a line heads a 预算项目(政策)绩效自评表 (true) or a 整体绩效自评表
/// (false), squashed and bracket-mapped once for both tests.
fn annex_heading(l: &str) -> Option<bool> {
    // Rows are most of the annex: rule them out before any allocation, and
    // any line without the titles' last two characters (squashing only
    // removes spaces).
    if is_row(l) || !(l.contains('表') && l.contains('评')) {
        return None;
    }
    let t = half_width_brackets(squash(l).into_owned());
    if t.starts_with("预算项目(政策)绩效自评表") {
        Some(true)
    } else {
        t.contains("整体绩效自评表").then_some(false)
    }
}

/// Parse the annex region.
pub fn parse(
    lines: &[&str],
    region: Range<usize>,
    issues: &mut Issues,
) -> (Vec<Project>, Option<OverallPerformance>) {
    let starts: Vec<(usize, bool)> = region
        .clone()
        .filter_map(|i| annex_heading(lines[i]).map(|project| (i, project)))
        .collect();
    let mut projects = Vec::new();
    let mut overall = None;
    for (k, &(start, is_project)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(region.end);
        if is_project {
            if let Some(p) = project(lines, start, end, issues) {
                projects.push(p);
            }
        } else if overall.is_none() {
            overall = Some(overall_table(lines, start, end, issues));
        }
    }
    (projects, overall)
}

/// （ ） → ( ), allocating only when there is one (this runs on every row).
fn half_width_brackets(s: String) -> String {
    if s.contains(['（', '）']) {
        s.replace('（', "(").replace('）', ")")
    } else {
        s
    }
}

fn first_label(c: &[&str]) -> String {
    // A cell squashes to nothing exactly when it is blank: only the label
    // found is squashed.
    c.iter()
        .find(|x| !x.trim().is_empty())
        .map(|x| squash(x).into_owned())
        .unwrap_or_default()
}

/// Whether a cell, squashed and bracket-mapped, starts with `label`. A cell
/// without spaces or full-width brackets is its own squashed form (the
/// cells come trimmed), so most are compared in place.
fn label_starts(cell: &str, label: &str) -> bool {
    if !crate::text::has_whitespace(cell) && !cell.contains(['（', '）']) {
        return crate::text::trim(cell).starts_with(label);
    }
    half_width_brackets(squash(cell).into_owned()).starts_with(label)
}

/// The first non-empty cell after the cell whose text starts with `label`.
fn after<'a>(c: &[&'a str], label: &str) -> Option<&'a str> {
    // A cell that starts with the label holds its first character (labels
    // start with a Chinese character, untouched by the bracket mapping).
    let first = label.chars().next().filter(|f| !matches!(f, '(' | ')'));
    let i = c
        .iter()
        .position(|x| first.is_none_or(|f| x.contains(f)) && label_starts(x, label))?;
    c[i + 1..].iter().map(|x| x.trim()).find(|x| !x.is_empty())
}

/// `cell` in 万元: divided by 10 000 when the row printed it in 元.
fn wanyuan(cell: Cell, yuan: bool) -> Cell {
    match cell {
        Cell::Amount(d) if yuan => Cell::Amount(super::schedules::in_wanyuan(
            d,
            super::schedules::YUAN_PER_WAN,
        )),
        other => other,
    }
}

fn cell_of(s: Option<&str>) -> Cell {
    match s.map(str::trim) {
        None | Some("") => Cell::Blank,
        Some(t) => amount(t)
            .map(Cell::Amount)
            .unwrap_or_else(|| Cell::Text(t.to_string())),
    }
}

fn project_issue(line0: usize, project: &str, message: String) -> ParseIssue {
    ParseIssue {
        code: crate::report::IssueCode::Project,
        line: line0 as LineNo + 1,
        message,
        schedule: None,
        project: Some(project.to_string()),
    }
}

fn project(lines: &[&str], start: usize, end: usize, issues: &mut Issues) -> Option<Project> {
    let mut p = Project {
        name: String::new(),
        department: String::new(),
        implementer: String::new(),
        budget: Cell::Blank,
        executed: Cell::Blank,
        rate: None,
        goal_planned: String::new(),
        goal_actual: String::new(),
        indicators: Vec::new(),
        indicator_subtotal: None,
        rate_score: None,
        deduction: None,
        total: None,
        line: start as LineNo + 1,
        name_line: start as LineNo + 1,
        amounts_line: None,
        scores_line: None,
        end_line: start as LineNo + 1,
        link: None,
    };
    let mut in_goals = false;
    let mut in_indicators = false;
    let mut carry = (String::new(), String::new());
    for i in start + 1..end {
        let l = lines[i];
        if l.trim().is_empty() {
            continue;
        }
        p.end_line = i as LineNo + 1;
        if !is_row(l) {
            continue; // "(2024年度)" and page-break repeats
        }
        let c = cells(l);
        let label = half_width_brackets(first_label(&c));
        if label.starts_with("项目(政策)名称") {
            p.name = after(&c, "项目(政策)名称").unwrap_or("").to_string();
            p.name_line = i as LineNo + 1;
        } else if label == "主管部门" {
            p.department = after(&c, "主管部门").unwrap_or("").to_string();
        } else if label == "实施单位" {
            p.implementer = after(&c, "实施单位").unwrap_or("").to_string();
        } else if label.starts_with("项目预算金额") {
            // "项目预算金额(元)": a table printed in 元 is read as 万元, as
            // the schedules are.
            let yuan = label.starts_with("项目预算金额(元)");
            p.budget = wanyuan(cell_of(after(&c, "项目预算金额")), yuan);
            p.executed = wanyuan(cell_of(after(&c, "全年执行数")), yuan);
            p.rate = after(&c, "执行率").and_then(percent);
            p.amounts_line = Some(i as LineNo + 1);
        } else if label == "年度总体目标" {
            in_goals = true;
        } else if in_goals {
            let texts: Vec<&str> = c
                .iter()
                .copied()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            p.goal_planned = texts.first().map(|x| x.to_string()).unwrap_or_default();
            p.goal_actual = texts.get(1).map(|x| x.to_string()).unwrap_or_default();
            in_goals = false;
        } else if label == "绩效指标"
            || c.iter()
                .any(|x| x.contains('运') && squash(x) == "运算符号")
        {
            in_indicators = true;
        } else if label.starts_with("指标自评得分小计") {
            p.indicator_subtotal = after(&c, "指标自评得分小计").and_then(amount);
            p.rate_score = after(&c, "预算执行率得分").and_then(amount);
            p.deduction = after(&c, "减分项").and_then(amount);
            p.total = after(&c, "绩效自评总得分").and_then(amount);
            p.scores_line = Some(i as LineNo + 1);
            break;
        } else if in_indicators {
            let mut notes = Vec::new();
            match indicator(&c, i, &mut carry, &mut notes) {
                Ok(ind) => p.indicators.push(ind),
                Err(msg) => issues.push(project_issue(i, &p.name, msg)),
            }
            issues.extend(notes.into_iter().map(|m| project_issue(i, &p.name, m)));
        }
    }
    if p.name.is_empty() {
        issues.push(project_issue(
            start,
            "",
            "expected a 项目(政策)名称 row in this 绩效自评表, found none; table skipped".into(),
        ));
        return None;
    }
    if p.amounts_line.is_none() {
        issues.push(project_issue(
            start,
            &p.name,
            "expected a 项目预算金额 / 全年执行数 / 执行率 row; none found".into(),
        ));
    }
    if p.scores_line.is_none() {
        issues.push(project_issue(
            p.end_line as usize - 1,
            &p.name,
            "table ends without its 指标自评得分小计 / 预算执行率得分 / 减分项 / 绩效自评总得分 row (cut off?)".into(),
        ));
    }
    Some(p)
}

const KNOWN_LEVEL1: &[&str] = &[
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "履职效能",
    "管理效率",
    "运行成本",
    "社会效应",
    "可持续性",
    "预算执行",
];

/// One indicator row. Anchor: the right-most pair of numeric cells is
/// 分值, 得分; left of it stand 完成程度, 全年完成值, 度量单位, 指标值,
/// 运算符号, and before those the 一级/二级/三级 labels (blank = as above).
fn indicator(
    c: &[&str],
    i: usize,
    carry: &mut (String, String),
    notes: &mut Vec<String>,
) -> Result<Indicator, String> {
    let num = |k: usize| c.get(k).and_then(|x| amount(x));
    let k = (5..c.len().saturating_sub(1))
        .rev()
        .find(|&k| num(k).is_some() && num(k + 1).is_some())
        .ok_or_else(|| {
            "expected an indicator row ending in two numbers (分值, 得分), found none; row skipped"
                .to_string()
        })?;
    let get = |j: usize| c.get(j).map(|x| x.trim().to_string()).unwrap_or_default();
    let labels: Vec<String> = c[..k - 5]
        .iter()
        .map(|x| squash(x).into_owned())
        .filter(|x| !x.is_empty())
        .collect();
    let (l1, l2, name) = match labels.as_slice() {
        [] => {
            return Err(
                "expected a 三级指标 name before the indicator's values, found none; row skipped"
                    .into(),
            )
        }
        [n] => (carry.0.clone(), carry.1.clone(), n.clone()),
        [a, n] => {
            // One label before the name is a 二级 unless it is a known 一级.
            if KNOWN_LEVEL1.contains(&a.as_str()) {
                (a.clone(), String::new(), n.clone())
            } else {
                (carry.0.clone(), a.clone(), n.clone())
            }
        }
        [a, .., b, n] => {
            if labels.len() > 3 {
                notes.push(format!("indicator row has {} label cells where 3 (一级/二级/三级) are expected: {}; read 一级 “{a}”, 二级 “{b}”, 三级 “{n}”", labels.len(), labels.join(" / ")));
            } else if !KNOWN_LEVEL1.contains(&a.as_str()) {
                notes.push(format!("unexpected 一级指标 “{a}” (a stray fragment of the extraction?); kept as printed"));
            }
            (a.clone(), b.clone(), n.clone())
        }
    };
    carry.0 = l1.clone();
    carry.1 = l2.clone();
    let _ = i;
    Ok(Indicator {
        level1: l1,
        level2: l2,
        name,
        operator: get(k - 5),
        target: get(k - 4),
        unit: get(k - 3),
        actual: get(k - 2),
        completion: get(k - 1),
        weight: num(k),
        score: num(k + 1),
        line: i as LineNo + 1,
    })
}

fn overall_table(
    lines: &[&str],
    start: usize,
    end: usize,
    issues: &mut Issues,
) -> OverallPerformance {
    let mut o = OverallPerformance {
        name: String::new(),
        budget_income: Cell::Blank,
        budget_expense: Cell::Blank,
        tasks: Vec::new(),
        goal_planned: String::new(),
        goal_actual: String::new(),
        indicators: Vec::new(),
        total: None,
        line: start as LineNo + 1,
        total_line: None,
        end_line: start as LineNo + 1,
    };
    let mut in_goals = false;
    let mut in_indicators = false;
    let mut carry = (String::new(), String::new());
    for i in start + 1..end {
        let l = lines[i];
        if l.trim().is_empty() || !is_row(l) {
            continue;
        }
        o.end_line = i as LineNo + 1;
        let c = cells(l);
        let label = half_width_brackets(first_label(&c));
        if label.starts_with("部门(单位)名称") {
            o.name = after(&c, "部门(单位)名称").unwrap_or("").to_string();
        } else if label.starts_with("部门年初预算收入") {
            o.budget_income = cell_of(after(&c, "部门年初预算收入"));
        } else if label.starts_with("部门年初预算支出") {
            o.budget_expense = cell_of(after(&c, "部门年初预算支出"));
        } else if label.starts_with("总评价得分") {
            o.total = after(&c, "总评价得分").and_then(amount);
            o.total_line = Some(i as LineNo + 1);
            break;
        } else if label == "年度目标" {
            in_goals = true;
        } else if in_goals {
            let texts: Vec<&str> = c
                .iter()
                .copied()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            o.goal_planned = texts.first().map(|x| x.to_string()).unwrap_or_default();
            o.goal_actual = texts.get(1).map(|x| x.to_string()).unwrap_or_default();
            in_goals = false;
        } else if label == "绩效指标" && c.iter().filter(|x| !x.trim().is_empty()).count() > 1
            || c.iter()
                .any(|x| x.contains('因') && squash(x).contains("原因分析"))
        {
            in_indicators = true;
        } else if label == "绩效指标" {
            // a page-break repeat of the heading alone
        } else if in_indicators {
            let mut notes = Vec::new();
            match indicator(&c, i, &mut carry, &mut notes) {
                Ok(ind) => o.indicators.push(ind),
                Err(msg) => notes.push(msg),
            }
            issues.extend(notes.into_iter().map(|m| ParseIssue {
                code: crate::report::IssueCode::Overall,
                line: i as LineNo + 1,
                message: m,
                schedule: None,
                project: None,
            }));
        } else if let Some(k) = c.iter().position(|x| percent(x).is_some()) {
            let name = c[..k.saturating_sub(2)]
                .iter()
                .map(|x| squash(x).into_owned())
                .rfind(|x| !x.is_empty() && x != "年度主要任务")
                .unwrap_or_default();
            let num = |j: usize| c.get(j).and_then(|x| amount(x));
            o.tasks.push(OverallTask {
                name,
                allocated: cell_of(k.checked_sub(2).and_then(|j| c.get(j).copied())),
                executed: cell_of(k.checked_sub(1).and_then(|j| c.get(j).copied())),
                rate: percent(c[k]),
                weight: num(k + 1),
                score: num(k + 2),
                line: i as LineNo + 1,
            });
        }
    }
    if o.total_line.is_none() {
        issues.push(ParseIssue {
            code: crate::report::IssueCode::Overall,
            line: o.end_line,
            message: "expected a 总评价得分 row; the 整体绩效自评表 ends without one (cut off?)"
                .into(),
            schedule: None,
            project: None,
        });
    }
    o
}
