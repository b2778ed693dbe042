//! Each project table (绩效自评表) adds up: execution rate, rate score, subtotal,
//! total, weights, indicator scores.

use super::*;

pub(super) fn ploc(p: &Project, line: LineNo, field: &str) -> Location {
    Location::project(line, &p.name, Some(field))
}

pub(super) fn amounts_line(p: &Project) -> LineNo {
    p.amounts_line.unwrap_or(p.name_line)
}

pub(super) fn scores_line(p: &Project) -> LineNo {
    p.scores_line.unwrap_or(p.end_line)
}

/// The execution rate the amounts allow.
pub(super) fn computed_rate(budget: Decimal, executed: Decimal) -> Option<Interval> {
    pct(Interval::amount(executed), Interval::amount(budget))
}

pub(super) fn rate(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let (Some(b), Some(e), Some(r)) = (p.budget.value(), p.executed.value(), p.rate) else {
            continue;
        };
        let Some(c) = computed_rate(b, e) else {
            continue;
        };
        let fit = Printed::of(c, r);
        if fit == Printed::Fits {
            continue;
        }
        let line = amounts_line(p);
        let expected = c.mid().round_dp(2);
        let msg = format!(
            "“{}”执行率印为 {r}%，但全年执行数 {e} ÷ 项目预算金额 {b} = {expected}%\
             （已计入金额舍入与执行率印出位数的误差）",
            p.name
        );
        out.push(
            fit.finding(
                rule,
                msg,
                vec![
                    ploc(p, line, "执行率"),
                    ploc(p, line, "全年执行数"),
                    ploc(p, line, "项目预算金额"),
                ],
                "",
            )
            .with_values(expected, r),
        );
    }
}

pub(super) fn rate_score(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let (Some(r), Some(s)) = (p.rate, p.rate_score) else {
            continue;
        };
        let expected = Interval::printed(r)
            .scale_by(Decimal::new(1, 1))
            .cap(RATE_POINTS);
        if expected.meets(Interval::printed(s)) {
            continue;
        }
        let exp = r2(expected.mid());
        let msg = format!(
            "“{}”预算执行率得分为 {s}，但执行率 {r}% × 10 = {exp}（最高 10 分）",
            p.name
        );
        out.push(
            rule.finding(
                msg,
                vec![
                    ploc(p, scores_line(p), "预算执行率得分"),
                    ploc(p, amounts_line(p), "执行率"),
                ],
            )
            .with_values(exp, s),
        );
    }
}

pub(super) fn total(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let (Some(sub), Some(rs), Some(t)) = (p.indicator_subtotal, p.rate_score, p.total) else {
            continue;
        };
        let ded = p.deduction.unwrap_or_default();
        let expected = Interval::input(sub)
            .plus(Interval::input(rs))
            .minus(Interval::input(ded));
        let fit = Printed::of_score(expected, t);
        if fit == Printed::Fits {
            continue;
        }
        let exp = expected.mid().normalize();
        let line = scores_line(p);
        let msg = format!(
            "“{}”绩效自评总得分为 {t}，但指标自评得分小计 {sub} + 预算执行率得分 {rs} − 减分项 {ded} = {exp}",
            p.name
        );
        out.push(
            fit.finding(
                rule,
                msg,
                vec![
                    ploc(p, line, "绩效自评总得分"),
                    ploc(p, line, "指标自评得分小计"),
                    ploc(p, line, "预算执行率得分"),
                    ploc(p, line, "减分项"),
                ],
                "",
            )
            .with_values(exp, t),
        );
    }
}

pub(super) fn indicator_locs(p: &Project) -> impl Iterator<Item = Location> + '_ {
    p.indicators
        .iter()
        .map(move |i| ploc(p, i.line, &squash(&i.name)))
}

pub(super) fn subtotal(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let Some(sub) = p.indicator_subtotal else {
            continue;
        };
        let sum: Decimal = p.indicators.iter().filter_map(|i| i.score).sum();
        let fit = Printed::of_score(Interval::exact(sum), sub);
        if fit == Printed::Fits {
            continue;
        }
        let msg = format!(
            "“{}”指标自评得分小计为 {sub}，但 {} 个指标的得分之和为 {}",
            p.name,
            p.indicators.len(),
            sum.normalize()
        );
        let mut locs = vec![ploc(p, scores_line(p), "指标自评得分小计")];
        locs.extend(indicator_locs(p));
        out.push(fit.finding(rule, msg, locs, "").with_values(sum, sub));
    }
}

pub(super) fn weights(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let sum: Decimal = p.indicators.iter().filter_map(|i| i.weight).sum();
        // Weights are set by hand; only those printed with two or more
        // decimals (8.33) are taken as rounded.
        let tol: Decimal = p
            .indicators
            .iter()
            .filter_map(|i| i.weight)
            .filter(|w| w.scale() >= 2)
            .map(crate::rules::arith::half_unit)
            .sum();
        if (sum - INDICATOR_POINTS).abs() <= tol {
            continue;
        }
        let msg = if p.indicators.is_empty() {
            format!(
                "“{}”未列出任何绩效指标：指标分值合计 0，应为 {INDICATOR_POINTS}",
                p.name
            )
        } else {
            format!(
                "“{}” {} 个指标的分值之和为 {}，应为 {INDICATOR_POINTS}",
                p.name,
                p.indicators.len(),
                sum.normalize()
            )
        };
        let first = p
            .indicators
            .first()
            .map(|i| i.line)
            .unwrap_or(scores_line(p));
        let mut locs = vec![ploc(p, first, "分值")];
        locs.extend(indicator_locs(p));
        out.push(rule.finding(msg, locs).with_values(INDICATOR_POINTS, sum));
    }
}

pub(super) fn indicator_scores(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = facts::Occurrences::default();
    for p in &report.projects {
        for i in &p.indicators {
            let (Some(w), Some(s)) = (i.weight, i.score) else {
                continue;
            };
            if s <= w {
                continue;
            }
            let name = squash(&i.name);
            let msg = format!("“{}”指标“{name}”得分 {s} 超过其分值 {w}", p.name);
            let disc = seen.next(format!("{}|{name}", p.name));
            out.push(
                rule.finding_keyed(msg, vec![ploc(p, i.line, &name)], &disc)
                    .with_values(w, s),
            );
        }
    }
}
