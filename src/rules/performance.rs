//! The performance annexes: each 预算项目(政策)绩效自评表's arithmetic and
//! its summary paragraph, what the narrative says about all projects, and the
//! 部门(单位)整体绩效自评表.

use super::arith::{push_sum_finding, r2, whole_rounded, Interval, Printed, WHOLE_ROUNDED_NOTE};
use super::facts::{self, TextHit, OVERALL};
use super::{Finding, Location, Rule, Severity};
use crate::report::{LineNo, OverallPerformance, OverallTask, Project, ProjectSummary, Report};
use crate::text::squash;
use rust_decimal::Decimal;

/// The weight all indicators of a project table share (90 of 100 points;
/// the other 10 are the 预算执行率得分).
const INDICATOR_POINTS: Decimal = Decimal::from_parts(90, 0, 0, false, 0);
/// The most the 预算执行率得分 can be.
const RATE_POINTS: Decimal = Decimal::TEN;

/// The performance family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "PERF-RATE",
        title: "项目执行率 = 全年执行数 ÷ 项目预算金额",
        rationale: "每张项目绩效自评表的执行率等于全年执行数除以项目预算金额。核对时允许执行率按\
                    印出位数四舍五入、两个金额各按0.01万元舍入的误差。不符说明执行率算错，或预算、\
                    执行数中有一个填错；执行率又决定预算执行率得分，错误会传到总得分。",
        severity: Severity::Error,
        check: rate,
    },
    Rule {
        id: "PERF-RATE-SCORE",
        title: "预算执行率得分 = 10 × 执行率（最高10分）",
        rationale: "项目支出绩效自评中，预算执行率占10分，得分 = 执行率 × 10，不超过10分。不符说明\
                    得分没有按执行率计算（常见的是执行率未满仍给满分）。",
        severity: Severity::Error,
        check: rate_score,
    },
    Rule {
        id: "PERF-TOTAL",
        title: "绩效自评总得分 = 指标自评得分小计 + 预算执行率得分 − 减分项",
        rationale: "自评表的总得分由三部分算出：指标得分小计加预算执行率得分，再减去减分项。不符\
                    说明总得分是另填的，或某一部分被改动后总分未更新；总得分又进入自评平均分。",
        severity: Severity::Error,
        check: total,
    },
    Rule {
        id: "PERF-SUBTOTAL",
        title: "指标自评得分小计 = 各指标得分之和",
        rationale: "指标自评得分小计等于所列全部三级指标的得分之和。不符说明某个指标的得分漏计、\
                    多计，或小计是另填的。",
        severity: Severity::Error,
        check: subtotal,
    },
    Rule {
        id: "PERF-WEIGHTS",
        title: "各指标分值之和 = 90",
        rationale: "项目支出绩效自评满分100分：预算执行率10分，绩效指标合计90分，各三级指标的分值\
                    之和应为90。不等说明指标分值设置有误、漏列了指标，或表中根本没有列出指标。",
        severity: Severity::Error,
        check: weights,
    },
    Rule {
        id: "PERF-INDICATOR-SCORE",
        title: "每个指标的得分不超过其分值",
        rationale:
            "每个三级指标的得分按完成程度给出，最高为其分值，不能超过。得分超过分值说明得分或\
                    分值填错（常见的是两栏错位，或改了分值没有改得分），小计和总得分也随之失真。",
        severity: Severity::Error,
        check: indicator_scores,
    },
    Rule {
        id: "PERF-SUMMARY",
        title: "项目自评表与情况说明中的项目自评综述一致",
        rationale: "情况说明为每个项目写一段自评综述（全年预算数、全年执行数、完成预算的百分比、\
                    自评得分），这些数字必须与该项目的绩效自评表一致（项目名称写法不同，按相似度\
                    配对）。不符说明综述沿用了旧稿，或自评表调整后未同步到说明。",
        severity: Severity::Error,
        check: summary,
    },
    Rule {
        id: "PERF-UNLINKED",
        title: "每张项目自评表都有对应的自评综述，反之亦然",
        rationale: "情况说明中的项目绩效自评结果应逐一对应附件中的项目自评表。找不到对应关系，\
                    说明某个项目只公开了表或只写了综述，或两处名称差异太大无法辨认。",
        severity: Severity::Warning,
        check: unlinked,
    },
    Rule {
        id: "PERF-EXECUTED-SUM",
        title: "各项目全年执行数之和 = 项目支出",
        rationale: "对全部预算项目开展自评时（自评覆盖率100%），各项目自评表的全年执行数之和等于\
                    支出决算表的项目支出合计。不等说明有项目未纳入自评、某个项目的执行数填错，或\
                    项目支出口径不一。",
        severity: Severity::Error,
        check: executed_sum,
    },
    Rule {
        id: "PERF-AVERAGE",
        title: "情况说明的项目自评平均分 = 各项目总得分之和 ÷ 项目数",
        rationale:
            "说明给出的自评平均分按其自己的定义（开展绩效自评的项目分数总和 ÷ 项目数）应能从\
                    各项目自评表的总得分算出。不符说明平均分是另填的或引用了其他口径。",
        severity: Severity::Error,
        check: average,
    },
    Rule {
        id: "PERF-COUNT",
        title: "情况说明所称的项目个数 = 项目自评表的张数",
        rationale: "说明中“共涉及预算支出项目N个”“N个项目绩效自评结果”等数字，应等于附件中项目\
                    绩效自评表的张数，分资金性质的项目数之和也应等于总数。不符说明有自评表未公开，\
                    或说明中的数字有误。",
        severity: Severity::Error,
        check: count,
    },
    Rule {
        id: "PERF-FUNDS",
        title: "情况说明所称项目自评涉及资金 = 各项目全年执行数之和",
        rationale: "“涉及资金X万元”应等于各项目自评表的全年执行数之和（或预算金额之和），分资金\
                    性质的金额之和也应等于总额。不符说明涉及资金是另填的，或有项目自评表未公开。",
        severity: Severity::Error,
        check: funds,
    },
    Rule {
        id: "OVERALL-RATE",
        title: "整体绩效自评表：项目执行率 = 项目执行金额 ÷ 项目下达金额",
        rationale: "整体绩效自评表每项年度主要任务的执行率等于执行金额除以下达金额，并按印出的\
                    位数四舍五入（印出两位小数就要准确到0.01%）。不符说明执行率是估计或取整后补零\
                    填写的；得分按分值 × 执行率计算，错误会传到总评价得分。",
        severity: Severity::Error,
        check: overall_rate,
    },
    Rule {
        id: "OVERALL-SCORE",
        title: "整体绩效自评表：任务得分 = 分值 × 执行率，指标得分不超过分值",
        rationale: "年度主要任务的得分 = 分值 × 项目执行率（不超过分值）；绩效指标的得分不超过其\
                    分值。不符说明得分未按执行率计算或栏目错位。",
        severity: Severity::Error,
        check: overall_score,
    },
    Rule {
        id: "OVERALL-TOTAL",
        title: "整体绩效自评表：总评价得分 = 各任务得分 + 各指标得分",
        rationale: "总评价得分是年度主要任务得分与各绩效指标得分之和。不符说明总分是另填的，或\
                    某项得分改动后总分未更新。",
        severity: Severity::Error,
        check: overall_total,
    },
    Rule {
        id: "OVERALL-WEIGHTS",
        title: "整体绩效自评表：各任务与各指标的分值之和 = 100",
        rationale: "整体绩效自评满分100分，由年度主要任务和各绩效指标的分值组成，分值之和应为100。\
                    不等说明漏列了任务或指标，或分值设置有误。",
        severity: Severity::Error,
        check: overall_weights,
    },
    Rule {
        id: "OVERALL-BASIC",
        title: "整体绩效自评表各任务执行金额之和 = 其所涵盖的支出（基本支出）",
        rationale:
            "整体绩效自评表列出的年度主要任务（本例为部门预算基本支出的人员经费、公用经费等）\
                    的执行金额之和，应等于决算表中相应的支出：任务都是基本支出时等于基本支出，否则\
                    等于本年支出合计。涵盖范围是从任务名称推断的，所以定为警告。",
        severity: Severity::Warning,
        check: overall_basic,
    },
    Rule {
        id: "OVERALL-SUMMARY",
        title: "情况说明中的整体绩效自评资金和得分 = 整体绩效自评表",
        rationale: "说明中“组织对N个单位开展整体绩效自评，涉及资金X万元，自评平均分Y分”应与整体\
                    绩效自评表的年初预算金额和总评价得分一致。不符说明二者之一未同步更新。",
        severity: Severity::Error,
        check: overall_summary,
    },
];

fn ploc(p: &Project, line: LineNo, field: &str) -> Location {
    Location::project(line, &p.name, Some(field))
}

fn amounts_line(p: &Project) -> LineNo {
    p.amounts_line.unwrap_or(p.name_line)
}

fn scores_line(p: &Project) -> LineNo {
    p.scores_line.unwrap_or(p.end_line)
}

fn pct(part: Interval, whole: Interval) -> Option<Interval> {
    part.over(whole).map(|i| i.scale_by(Decimal::ONE_HUNDRED))
}

/// The execution rate the amounts allow.
fn computed_rate(budget: Decimal, executed: Decimal) -> Option<Interval> {
    pct(Interval::amount(executed), Interval::amount(budget))
}

fn rate(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

fn rate_score(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

fn total(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let (Some(sub), Some(rs), Some(t)) = (p.indicator_subtotal, p.rate_score, p.total) else {
            continue;
        };
        let ded = p.deduction.unwrap_or_default();
        let expected = Interval::input(sub)
            .plus(Interval::input(rs))
            .minus(Interval::input(ded));
        let rounded = whole_rounded(expected, t);
        if expected.meets(Interval::printed(t)) && !rounded {
            continue;
        }
        let exp = expected.mid().normalize();
        let line = scores_line(p);
        let msg = format!(
            "“{}”绩效自评总得分为 {t}，但指标自评得分小计 {sub} + 预算执行率得分 {rs} − 减分项 {ded} = {exp}{}",
            p.name,
            if rounded { WHOLE_ROUNDED_NOTE } else { "" }
        );
        out.push(
            Finding::new(
                rule.id,
                score_severity(rule, rounded),
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

fn indicator_locs(p: &Project) -> impl Iterator<Item = Location> + '_ {
    p.indicators
        .iter()
        .map(move |i| ploc(p, i.line, &squash(&i.name)))
}

fn subtotal(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let Some(sub) = p.indicator_subtotal else {
            continue;
        };
        let sum: Decimal = p.indicators.iter().filter_map(|i| i.score).sum();
        let rounded = whole_rounded(Interval::exact(sum), sub);
        if Interval::exact(sum).meets(Interval::printed(sub)) && !rounded {
            continue;
        }
        let msg = format!(
            "“{}”指标自评得分小计为 {sub}，但 {} 个指标的得分之和为 {}{}",
            p.name,
            p.indicators.len(),
            sum.normalize(),
            if rounded { WHOLE_ROUNDED_NOTE } else { "" }
        );
        let mut locs = vec![ploc(p, scores_line(p), "指标自评得分小计")];
        locs.extend(indicator_locs(p));
        out.push(
            Finding::new(rule.id, score_severity(rule, rounded), msg, locs, "")
                .with_values(sum, sub),
        );
    }
}

fn weights(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let sum: Decimal = p.indicators.iter().filter_map(|i| i.weight).sum();
        // Weights are set by hand; only those printed with two or more
        // decimals (8.33) are taken as rounded.
        let tol: Decimal = p
            .indicators
            .iter()
            .filter_map(|i| i.weight)
            .filter(|w| w.scale() >= 2)
            .map(super::arith::half_unit)
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

fn indicator_scores(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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
                Finding::new(
                    rule.id,
                    rule.severity,
                    msg,
                    vec![ploc(p, i.line, &name)],
                    &disc,
                )
                .with_values(w, s),
            );
        }
    }
}

/// The line in a summary paragraph where `re` (group 1 a number) matches.
fn summary_line(report: &Report, s: &ProjectSummary, re: &regex::Regex) -> LineNo {
    let para = report
        .narrative
        .paragraphs()
        .find(|(_, _, p)| p.line == s.line)
        .map(|(_, _, p)| p);
    match (para, re.find(&s.text)) {
        (Some(p), Some(m)) => p.line_at(s.text[..m.start()].chars().count()),
        _ => s.line,
    }
}

fn summary_heading(report: &Report, s: &ProjectSummary) -> String {
    report
        .narrative
        .sections
        .iter()
        .find(|sec| sec.paragraphs.iter().any(|p| p.line == s.line))
        .map(|sec| sec.heading.clone())
        .unwrap_or_default()
}

/// One field compared between a summary and its table: name, summary value,
/// table value, whether they agree, where the summary states it, table line.
type FieldCheck<'a> = (
    &'static str,
    Option<Decimal>,
    Option<Decimal>,
    bool,
    &'a regex::Regex,
    LineNo,
);

fn summary(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let Some(s) = p
            .link
            .as_ref()
            .and_then(|l| report.narrative.project_summaries.get(l.summary))
        else {
            continue;
        };
        let heading = summary_heading(report, s);
        let table_rate = match (p.budget.value(), p.executed.value()) {
            (Some(b), Some(e)) => computed_rate(b, e),
            _ => None,
        };
        let checks: [FieldCheck; 4] = [
            (
                "项目预算金额",
                s.budget,
                p.budget.value(),
                s.budget.zip(p.budget.value()).is_none_or(|(a, b)| a == b),
                crate::regex!(r"全年预算数"),
                amounts_line(p),
            ),
            (
                "全年执行数",
                s.executed,
                p.executed.value(),
                s.executed
                    .zip(p.executed.value())
                    .is_none_or(|(a, b)| a == b),
                crate::regex!(r"全年执行数"),
                amounts_line(p),
            ),
            (
                "执行率",
                s.rate,
                p.rate,
                s.rate.is_none_or(|r| {
                    let said = Interval::printed(r);
                    p.rate.is_some_and(|t| Interval::printed(t).meets(said))
                        || table_rate.is_some_and(|t| t.meets(said))
                        || (p.rate.is_none() && table_rate.is_none())
                }),
                crate::regex!(r"完成预算的"),
                amounts_line(p),
            ),
            (
                "绩效自评总得分",
                s.score,
                p.total,
                s.score_withheld
                    || s.score
                        .zip(p.total)
                        .is_none_or(|(a, b)| Interval::printed(a).meets(Interval::printed(b))),
                crate::regex!(r"自评得分"),
                scores_line(p),
            ),
        ];
        for (field, said, table, ok, re, table_line) in checks {
            let (false, Some(said), Some(table)) = (ok, said, table) else {
                continue;
            };
            let line = summary_line(report, s, re);
            let mut primary = Location::text(line, &heading);
            primary.project = Some(p.name.clone());
            primary.column = Some(field.to_string());
            let msg = format!(
                "情况说明中“{}”的自评综述称{field}为 {said}，但该项目绩效自评表为 {table}",
                s.name
            );
            out.push(
                Finding::new(
                    rule.id,
                    rule.severity,
                    msg,
                    vec![primary, ploc(p, table_line, field)],
                    field,
                )
                .with_values(table, said),
            );
        }
    }
}

fn unlinked(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in report.projects.iter().filter(|p| p.link.is_none()) {
        let msg = format!(
            "项目绩效自评表“{}”在情况说明的项目绩效自评结果中找不到对应的自评综述",
            p.name
        );
        out.push(rule.finding(msg, vec![ploc(p, p.name_line, "项目(政策)名称")]));
    }
    for (i, s) in report.narrative.project_summaries.iter().enumerate() {
        let linked = report
            .projects
            .iter()
            .any(|p| p.link.as_ref().is_some_and(|l| l.summary == i));
        if linked {
            continue;
        }
        let msg = format!(
            "情况说明中“{}”的自评综述在附件中找不到对应的项目绩效自评表",
            s.name
        );
        let mut loc = Location::text(s.line, &summary_heading(report, s));
        loc.project = Some(s.name.clone());
        out.push(Finding::new(
            rule.id,
            rule.severity,
            msg,
            vec![loc],
            &s.name,
        ));
    }
}

fn executed_sum(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    if report.projects.is_empty() {
        return;
    }
    let Some((what, t)) = facts::total_fig(report, 3, "项目支出")
        .map(|f| ("公开03表 合计 项目支出", f))
        .or_else(|| facts::total_fig(report, 5, "项目支出").map(|f| ("公开05表 合计 项目支出", f)))
    else {
        return;
    };
    let sum: Decimal = report
        .projects
        .iter()
        .filter_map(|p| p.executed.value())
        .sum();
    let mut locs = vec![t.loc()];
    locs.extend(
        report
            .projects
            .iter()
            .map(|p| ploc(p, amounts_line(p), "全年执行数")),
    );
    push_sum_finding(
        out,
        rule,
        what,
        &format!(
            " {} 张项目绩效自评表的全年执行数之和",
            report.projects.len()
        ),
        sum,
        t.value,
        report.projects.len(),
        locs,
        "",
    );
}

/// Numbers stated in the 预算绩效 part, outside the sentence on the 整体 evaluation.
fn perf_hits(report: &Report, re: &regex::Regex, overall: bool) -> Vec<TextHit> {
    facts::find_numbers(report, "绩效", re)
        .into_iter()
        .filter(|h| h.sentence.contains("整体") == overall && !h.sentence.contains("重点绩效"))
        .collect()
}

/// Whether a project's score was withheld (its summary says so).
fn withheld(report: &Report, p: &Project) -> bool {
    p.link
        .as_ref()
        .and_then(|l| report.narrative.project_summaries.get(l.summary))
        .is_some_and(|s| s.score_withheld)
}

/// The averages the tables allow: over all tables, and over the tables whose
/// score was published.
pub(crate) fn averages(report: &Report) -> Option<(Decimal, Option<Decimal>)> {
    let n = report.projects.len();
    if n == 0 {
        return None;
    }
    let sum: Decimal = report.projects.iter().filter_map(|p| p.total).sum();
    let all = sum / Decimal::from(n as u64);
    let published: Vec<&Project> = report
        .projects
        .iter()
        .filter(|p| !withheld(report, p))
        .collect();
    let some = (published.len() < n && !published.is_empty()).then(|| {
        published.iter().filter_map(|p| p.total).sum::<Decimal>()
            / Decimal::from(published.len() as u64)
    });
    Some((all, some))
}

/// The stated average project score.
pub(crate) fn stated_average(report: &Report) -> Option<TextHit> {
    perf_hits(
        report,
        crate::regex!(r"自评平均分[^0-9。]*?(\d+(?:\.\d+)?)\s*分"),
        false,
    )
    .into_iter()
    .next()
}

fn average(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let (Some(hit), Some((all, published))) = (stated_average(report), averages(report)) else {
        return;
    };
    let said = Interval::printed(hit.value);
    let fits = |v: Decimal| Interval::exact(v).meets(said);
    if fits(all) || published.is_some_and(fits) {
        return;
    }
    let exp = all.round_dp(hit.value.scale().max(2));
    let msg = format!(
        "情况说明称项目自评平均分 {} 分，但 {} 张项目自评表的总得分平均为 {exp} 分{}",
        hit.value,
        report.projects.len(),
        published
            .map(|v| format!("（不计未公开得分的项目为 {} 分）", v.round_dp(2)))
            .unwrap_or_default()
    );
    let mut locs = vec![Location::text(hit.line, &hit.heading)];
    locs.extend(
        report
            .projects
            .iter()
            .map(|p| ploc(p, scores_line(p), "绩效自评总得分")),
    );
    out.push(rule.finding(msg, locs).with_values(exp, hit.value));
}

fn count(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let n = Decimal::from(report.projects.len() as u64);
    let totals = [
        (
            "共涉及预算支出项目",
            perf_hits(
                report,
                crate::regex!(r"涉及预算支出项目\s*(\d+)\s*个"),
                false,
            ),
        ),
        (
            "反映的项目绩效自评结果",
            perf_hits(report, crate::regex!(r"等\s*(\d+)\s*个项目"), false),
        ),
    ];
    for (what, hits) in &totals {
        for h in hits.iter().filter(|h| h.value != n) {
            let msg = format!(
                "情况说明称{what} {} 个，但附件有 {n} 张项目绩效自评表",
                h.value
            );
            let mut locs = vec![Location::text(h.line, &h.heading)];
            locs.extend(
                report
                    .projects
                    .iter()
                    .map(|p| ploc(p, p.name_line, "项目(政策)名称")),
            );
            out.push(Finding::new(rule.id, rule.severity, msg, locs, what).with_values(n, h.value));
        }
    }
    let parts: Vec<TextHit> = [
        crate::regex!(r"一般公共预算项目\s*(\d+)\s*个"),
        crate::regex!(r"政府性基金预算项目\s*(\d+)\s*个"),
        crate::regex!(r"国有资本经营预算项目\s*(\d+)\s*个"),
    ]
    .into_iter()
    .filter_map(|re| perf_hits(report, re, false).into_iter().next())
    .collect();
    if let (Some(total), 3) = (totals[0].1.first(), parts.len()) {
        let sum: Decimal = parts.iter().map(|p| p.value).sum();
        if sum != total.value {
            let msg = format!(
                "情况说明称共涉及预算支出项目 {} 个，但按资金性质分列的项目数之和为 {sum} 个",
                total.value
            );
            let mut locs = vec![Location::text(total.line, &total.heading)];
            locs.extend(parts.iter().map(|p| Location::text(p.line, &p.heading)));
            out.push(
                Finding::new(rule.id, rule.severity, msg, locs, "分类")
                    .with_values(sum, total.value),
            );
        }
    }
}

fn funds(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(hit) = perf_hits(report, crate::regex!(r"涉及资金\s*([\d.,]+)\s*万元"), false)
        .into_iter()
        .find(|h| h.sentence.contains("预算支出项目"))
    else {
        return;
    };
    let loc = Location::text(hit.line, &hit.heading);
    if !report.projects.is_empty() {
        let executed: Decimal = report
            .projects
            .iter()
            .filter_map(|p| p.executed.value())
            .sum();
        let budget: Decimal = report
            .projects
            .iter()
            .filter_map(|p| p.budget.value())
            .sum();
        let tol = super::arith::tolerance_for(report.projects.len());
        let near = |v: Decimal| (v - hit.value).abs() <= tol;
        if !near(executed) && !near(budget) {
            let msg = format!(
                "情况说明称项目自评涉及资金 {} 万元，但各项目自评表全年执行数之和为 {executed} 万元、\
                 预算金额之和为 {budget} 万元",
                hit.value
            );
            out.push(
                rule.finding(msg, vec![loc.clone()])
                    .with_values(executed, hit.value),
            );
        }
    }
    let parts: Vec<TextHit> = [
        crate::regex!(r"一般公共预算资金\s*([\d.,]+)\s*万元"),
        crate::regex!(r"政府性基金预算资金\s*([\d.,]+)\s*万元"),
        crate::regex!(r"国有资本经营预算资金\s*([\d.,]+)\s*万元"),
    ]
    .into_iter()
    .filter_map(|re| perf_hits(report, re, false).into_iter().next())
    .collect();
    if parts.len() == 3 {
        let mut locs = vec![loc];
        locs.extend(parts.iter().map(|p| Location::text(p.line, &p.heading)));
        push_sum_finding(
            out,
            rule,
            "情况说明所称项目自评涉及资金",
            "按资金性质分列的金额之和",
            parts.iter().map(|p| p.value).sum(),
            hit.value,
            3,
            locs,
            "分类",
        );
    }
}

fn task_loc(t: &OverallTask, field: &str) -> Location {
    Location::project(
        t.line,
        OVERALL,
        Some(&format!("{} {field}", squash(&t.name))),
    )
}

fn overall_rate(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

fn overall_score(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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
        let name = squash(&i.name);
        let msg = format!("整体绩效自评表指标“{name}”得分 {s} 超过其分值 {w}");
        out.push(
            Finding::new(
                rule.id,
                rule.severity,
                msg,
                vec![Location::project(i.line, OVERALL, Some(&name))],
                &seen.next(name.clone()),
            )
            .with_values(w, s),
        );
    }
}

fn overall_total(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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
    let rounded = whole_rounded(expected, t);
    if expected.meets(Interval::printed(t)) && !rounded {
        return;
    }
    let exp = r2(expected.mid());
    let msg = format!(
        "整体绩效自评表总评价得分为 {t}，但 {} 项任务与 {} 个指标的得分之和为 {exp}{}",
        o.tasks.len(),
        o.indicators.len(),
        if rounded { WHOLE_ROUNDED_NOTE } else { "" }
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
    out.push(
        Finding::new(rule.id, score_severity(rule, rounded), msg, locs, "").with_values(exp, t),
    );
}

/// A score rounded to a whole point is at most a warning (see
/// [`whole_rounded`]); any other misfit has the rule's severity.
fn score_severity(rule: &Rule, rounded: bool) -> Severity {
    if rounded {
        rule.severity.min(Severity::Warning)
    } else {
        rule.severity
    }
}

fn overall_weights(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

fn overall_basic(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

fn overall_summary(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(o) = &report.overall else { return };
    let money = perf_hits(report, crate::regex!(r"涉及资金\s*([\d.,]+)\s*万元"), true);
    let score = perf_hits(
        report,
        crate::regex!(r"自评平均分\s*(\d+(?:\.\d+)?)\s*分"),
        true,
    );
    let checks = [
        (
            "年初预算金额",
            money.first(),
            o.budget_expense.value().or(o.budget_income.value()),
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
            Finding::new(
                rule.id,
                rule.severity,
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
