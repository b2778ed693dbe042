//! The 部门（单位）整体绩效自评表: task rates and scores, total, weights, the
//! basic-spending scope and its narrative.

use super::*;

pub(super) fn task_loc(t: &OverallTask, field: &str) -> Location {
    Location::project(
        t.line,
        OVERALL,
        Some(&format!("{} {field}", squash(&t.name))),
    )
}

pub(super) fn overall_rate(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    for t in &o.tasks {
        let (Some(a), Some(e), Some(r)) = (t.allocated.value(), t.executed.value(), t.rate) else {
            continue;
        };
        let Some(c) = computed_rate(a, e) else {
            continue;
        };
        let fit = Printed::of(c, r);
        if fit == Printed::Fits {
            continue;
        }
        let expected = c.mid().round_dp(2);
        let digits = match r.scale() {
            0 => "印为整数".to_string(),
            n => format!("印出 {n} 位小数"),
        };
        let msg = format!(
            "整体绩效自评表“{}”项目执行率印为 {r}%，但执行金额 {e} ÷ 下达金额 {a} = {expected}%\
             （{digits}，差额超出印出位数与金额舍入所能解释的范围）",
            squash(&t.name)
        );
        out.push(
            fit.finding(
                rule,
                msg,
                vec![
                    task_loc(t, "项目执行率"),
                    task_loc(t, "项目执行金额"),
                    task_loc(t, "项目下达金额"),
                ],
                "",
            )
            .with_values(expected, r),
        );
    }
}

pub(super) fn overall_score(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    for t in &o.tasks {
        let (Some(w), Some(r), Some(s)) = (t.weight, t.rate, t.score) else {
            continue;
        };
        let expected = Interval::printed(r)
            .scale_by(w / Decimal::ONE_HUNDRED)
            .cap(w);
        if expected.meets(Interval::printed(s)) {
            continue;
        }
        let exp = r2(expected.mid());
        let msg = format!(
            "整体绩效自评表“{}”得分为 {s}，但分值 {w} × 执行率 {r}% = {exp}",
            squash(&t.name)
        );
        out.push(
            rule.finding(msg, vec![task_loc(t, "得分"), task_loc(t, "项目执行率")])
                .with_values(exp, s),
        );
    }
    let mut seen = facts::Occurrences::default();
    for i in &o.indicators {
        let (Some(w), Some(s)) = (i.weight, i.score) else {
            continue;
        };
        if s <= w {
            continue;
        }
        let name = squash(&i.name).into_owned();
        let msg = format!("整体绩效自评表指标“{name}”得分 {s} 超过其分值 {w}");
        out.push(
            rule.finding_keyed(
                msg,
                vec![Location::project(i.line, OVERALL, Some(&name))],
                &seen.next(name.clone()),
            )
            .with_values(w, s),
        );
    }
}

pub(super) fn overall_total(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    let Some(t) = o.total else { return };
    // Task scores are computed (分值 × 执行率) and carry their rounding;
    // indicator scores are set by hand and exact.
    let tasks = o
        .tasks
        .iter()
        .filter_map(|t| t.score)
        .fold(Interval::exact(Decimal::ZERO), |acc, s| {
            acc.plus(Interval::input(s))
        });
    let indicators: Decimal = o.indicators.iter().filter_map(|i| i.score).sum();
    let expected = tasks.plus(Interval::exact(indicators));
    let fit = Printed::of_score(expected, t);
    if fit == Printed::Fits {
        return;
    }
    let exp = r2(expected.mid());
    let msg = format!(
        "整体绩效自评表总评价得分为 {t}，但 {} 项任务与 {} 个指标的得分之和为 {exp}",
        o.tasks.len(),
        o.indicators.len()
    );
    let mut locs = vec![Location::project(
        o.total_line.unwrap_or(o.end_line),
        OVERALL,
        Some("总评价得分"),
    )];
    locs.extend(o.tasks.iter().map(|t| task_loc(t, "得分")));
    locs.extend(
        o.indicators
            .iter()
            .map(|i| Location::project(i.line, OVERALL, Some(&squash(&i.name)))),
    );
    out.push(fit.finding(rule, msg, locs, "").with_values(exp, t));
}

pub(super) fn overall_weights(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    if o.tasks.is_empty() && o.indicators.is_empty() {
        return;
    }
    let sum: Decimal = o
        .tasks
        .iter()
        .filter_map(|t| t.weight)
        .chain(o.indicators.iter().filter_map(|i| i.weight))
        .sum();
    if sum == Decimal::ONE_HUNDRED {
        return;
    }
    let msg = format!(
        "整体绩效自评表 {} 项任务与 {} 个指标的分值之和为 {}，应为 100",
        o.tasks.len(),
        o.indicators.len(),
        sum.normalize()
    );
    let line = o.tasks.first().map(|t| t.line).unwrap_or(o.line);
    out.push(
        rule.finding(msg, vec![Location::project(line, OVERALL, Some("分值"))])
            .with_values(Decimal::ONE_HUNDRED, sum),
    );
}

/// Whether the 整体 table's tasks are all 基本支出 (by their names).
pub(crate) fn covers_basic_only(o: &OverallPerformance) -> bool {
    o.tasks.iter().any(|t| t.name.contains("基本支出"))
        && !o.tasks.iter().any(|t| t.name.contains("项目支出"))
}

pub(super) fn overall_basic(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    if o.tasks.is_empty() {
        return;
    }
    let (what, target) = if covers_basic_only(o) {
        (
            "公开05表 合计 基本支出",
            facts::total_fig(report, 5, "基本支出")
                .or_else(|| facts::total_fig(report, 3, "基本支出")),
        )
    } else {
        (
            "公开03表 合计 本年支出合计",
            facts::total_fig(report, 3, "本年支出合计"),
        )
    };
    let Some(target) = target else { return };
    let sum: Decimal = o.tasks.iter().filter_map(|t| t.executed.value()).sum();
    let mut locs = vec![target.loc()];
    locs.extend(o.tasks.iter().map(|t| task_loc(t, "项目执行金额")));
    push_sum_finding(
        out,
        rule,
        what,
        "整体绩效自评表各任务项目执行金额之和",
        sum,
        target.value,
        o.tasks.len(),
        locs,
        "",
    );
}

/// "组织对 N 个单位开展整体绩效自评" against the annex: none with a
/// 整体绩效自评表 in the annex contradicts it (an error); some with no table,
/// where nothing of the report went unread, is a warning (the table may be
/// published on its own).
fn overall_units(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let re = &crate::rules::phrases::OVERALL_UNITS;
    let Some(hit) = perf_hits(report, re, true).into_iter().next() else {
        return;
    };
    let unread = !report.source.unread_pages.is_empty()
        || report
            .parse_issues
            .iter()
            .any(|i| i.code == crate::report::IssueCode::Overall);
    let text = Location::text(hit.line, &hit.heading);
    match (&report.overall, hit.value.is_zero()) {
        (Some(o), true) => out.push(rule.finding_keyed(
            "情况说明称对 0 个单位开展整体绩效自评，但附件有整体绩效自评表".to_string(),
            vec![text, Location::project(o.line, OVERALL, None)],
            "单位数",
        )),
        (None, false) if !unread => {
            let mut f = rule.finding_keyed(
                format!(
                    "情况说明称对 {} 个单位开展整体绩效自评，但报告中找不到整体绩效自评表\
                     （附件未随报告公开，或另行公开）",
                    hit.value
                ),
                vec![text],
                "单位数",
            );
            f.severity = Severity::Warning;
            out.push(f);
        }
        _ => {}
    }
}

pub(super) fn overall_summary(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    overall_units(rule, report, out);
    let Some(o) = &report.overall else { return };
    let money = perf_hits(report, &crate::rules::phrases::PERF_FUNDS, true);
    let score = perf_hits(report, &crate::rules::phrases::OVERALL_SCORE, true);
    let checks = [
        (
            "年初预算金额",
            money.first(),
            // Only a printed amount: a blank cell (or a table that could not
            // be read, PARSE-OVERALL) is no figure to contradict the text.
            o.budget_expense.printed().or(o.budget_income.printed()),
        ),
        ("总评价得分", score.first(), o.total),
    ];
    for (field, hit, table) in checks {
        let (Some(hit), Some(table)) = (hit, table) else {
            continue;
        };
        if hit.value == table {
            continue;
        }
        let msg = format!(
            "情况说明称整体绩效自评{}为 {}，但整体绩效自评表为 {table}",
            if field == "总评价得分" {
                "得分"
            } else {
                "涉及资金"
            },
            hit.value
        );
        let line = if field == "总评价得分" {
            o.total_line.unwrap_or(o.line)
        } else {
            (o.line..=o.end_line)
                .find(|&l| squash(report.source.line(l)).contains("部门年初预算支出金额"))
                .unwrap_or(o.line)
        };
        out.push(
            rule.finding_keyed(
                msg,
                vec![
                    Location::text(hit.line, &hit.heading),
                    Location::project(line, OVERALL, Some(field)),
                ],
                field,
            )
            .with_values(table, hit.value),
        );
    }
}
