//! Plausibility: things that add up yet should make an auditor look twice.
//! Every rule here is a warning: the message says why the place deserves a
//! look, not that an identity is broken.

use super::arith::{r2, Interval};
use super::facts::{self, OVERALL};
use super::performance::{averages, stated_average};
use super::{Finding, Location, Rule, Severity};
use crate::report::{Indicator, LineNo, Project, Report, RowKind};
use crate::text::{amount, percent, squash};
use rust_decimal::Decimal;

/// Below this execution rate (%), full indicator marks deserve a look.
const LOW_EXECUTION: Decimal = Decimal::from_parts(80, 0, 0, false, 0);

/// The plausibility family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "PLAUS-ACTUAL-EQUALS-TARGET",
        title: "绩效指标的完成值全部与目标值相同",
        rationale: "一张自评表中每个定量指标的全年完成值都恰好等于年度目标值（“≥95%”完成95%，\
                    “≥10000人次”完成10000人次），现实中几乎不会发生，通常是把目标值照抄为完成值，\
                    自评没有反映实际完成情况。只看有运算符号和数值目标的指标，且一张表至少3个。\
                    这类表往往很多，合并为一条，逐表列出位置。",
        severity: Severity::Warning,
        check: actual_equals_target,
    },
    Rule {
        id: "PLAUS-FULL-MARKS-LOW-EXEC",
        title: "预算执行率低却给了全部指标满分",
        rationale: "执行率低于80%（钱只花了一部分），但每个绩效指标都按100%完成给了满分：产出和\
                    效益指标与资金使用情况互相矛盾（常见于项目未完工、资金未拨付的项目）。即使\
                    另设了减分项，指标完成情况本身也不可信。",
        severity: Severity::Warning,
        check: full_marks_low_execution,
    },
    Rule {
        id: "PLAUS-DOC-DATE",
        title: "文号年份晚于决算年度",
        rationale: "项目名称中的文件文号（如“朝财指社[2025]171号”）标明了下达资金的年份。文号年份\
                    晚于决算年度，说明这笔资金是下一年才下达的，不应出现在本年决算中，或者文号抄错。",
        severity: Severity::Warning,
        check: document_dates,
    },
    Rule {
        id: "PLAUS-CARRYOVER",
        title: "名为“结转”的项目本年有支出，但年初结转和结余为0",
        rationale: "项目名称表明使用的是结转资金（“上年结转”“××年结转资金”），本年有执行数，但\
                    收入支出决算总表的年初结转和结余为空（情况说明也称上年结转和结余为0）。结转资金\
                    从何而来？可能是结转资金被当作当年拨款列收，或结转结余漏填。",
        severity: Severity::Warning,
        check: carryover,
    },
    Rule {
        id: "PLAUS-AVERAGE-WITHHELD",
        title: "自评平均分把未公开得分的项目按0分计入",
        rationale: "情况说明称某项目涉密、不公开自评得分，自评表的总得分却印为0，平均分又恰好按\
                    全部项目（含这个0分）计算。平均分算术上对得上，但一个“不公开”的得分被当作0分\
                    拉低了平均分；要么该项目实际得分为0（与“不公开”矛盾），要么平均分应不计该项目。",
        severity: Severity::Warning,
        check: average_with_withheld,
    },
    Rule {
        id: "PLAUS-COUNT-COST",
        title: "数量为0却有费用（或有数量却无费用）",
        rationale: "“三公”经费和国有资产说明中的数量与公开07表的费用应当相互印证：没有车辆却有公务用车\
                    运行维护费，当年购置0辆却有购置费，出国团组0个却有出国费，接待0批次却有接待费\
                    （反之亦然），都说明数量或费用有一处不实。",
        severity: Severity::Warning,
        check: count_and_cost,
    },
    Rule {
        id: "PLAUS-EXEC-INDICATOR",
        title: "“预算执行率”指标的完成值与表中金额算出的执行率不符",
        rationale: "绩效指标“预算执行率”的全年完成值应当就是表中执行金额 ÷ 预算（下达）金额。整体\
                    绩效自评表各任务执行金额之和低于下达金额之和，却填“预算执行率100%”，指标完成值\
                    显然不是实际计算的结果。",
        severity: Severity::Warning,
        check: execution_indicator,
    },
];

/// Whether every quantitative indicator (an operator and a numeric target;
/// at least 3 of them) has an actual equal to its target; the first one's line.
fn all_hit_target(inds: &[Indicator]) -> Option<LineNo> {
    let mut first = None;
    let mut n = 0;
    for i in inds.iter().filter(|i| !i.operator.trim().is_empty()) {
        let (t, a) = (i.target.trim(), i.actual.trim());
        // Equal text is equal; only differing text needs reading as numbers.
        let target_is_number = t.starts_with(|c: char| c.is_ascii_digit()) && amount(t).is_some();
        if !target_is_number {
            continue;
        }
        let same = t == a || amount(a).is_some_and(|a| amount(t) == Some(a));
        if !same {
            return None;
        }
        n += 1;
        first.get_or_insert(i.line);
    }
    (n >= 3).then_some(first).flatten()
}

fn actual_equals_target(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut locs: Vec<Location> = report
        .projects
        .iter()
        .filter_map(|p| {
            all_hit_target(&p.indicators).map(|l| Location::project(l, &p.name, Some("全年完成值")))
        })
        .collect();
    let projects = locs.len();
    let with_overall = report
        .overall
        .as_ref()
        .and_then(|o| all_hit_target(&o.indicators))
        .map(|l| locs.push(Location::project(l, OVERALL, Some("全年完成值"))))
        .is_some();
    let Some(first) = locs.iter().map(|l| l.line).min() else {
        return;
    };
    let msg = format!(
        "{projects} 张项目绩效自评表（共 {} 张）{}中，每个定量指标的全年完成值都与年度目标值完全\
         相同（“≥”“≤”类指标也恰好等于目标值）：自评可能照抄了目标值",
        report.projects.len(),
        if with_overall {
            "及整体绩效自评表"
        } else {
            ""
        }
    );
    let mut all = vec![Location::text(first, "附件 绩效自评表")];
    all.extend(locs);
    out.push(rule.finding(msg, all));
}

/// The execution rate of a project: as printed, else from its amounts.
fn project_rate(p: &Project) -> Option<Decimal> {
    p.rate.or_else(|| {
        let (b, e) = (p.budget.value()?, p.executed.value()?);
        (!b.is_zero()).then(|| e / b * Decimal::ONE_HUNDRED)
    })
}

fn full_marks_low_execution(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in &report.projects {
        let Some(rate) = project_rate(p) else {
            continue;
        };
        let full = !p.indicators.is_empty()
            && p.indicators
                .iter()
                .all(|i| i.weight.is_some() && i.score == i.weight);
        if !full || rate >= LOW_EXECUTION {
            continue;
        }
        let sum: Decimal = p.indicators.iter().filter_map(|i| i.score).sum();
        let ded = p
            .deduction
            .filter(|d| !d.is_zero())
            .map(|d| format!("（另扣减分项 {d} 分）"))
            .unwrap_or_default();
        let msg = format!(
            "“{}”预算执行率仅 {}%，但 {} 个绩效指标全部按完成给满分（指标得分 {}）{ded}：\
             资金只用了一部分，产出和效益指标却全部完成",
            p.name,
            r2(rate),
            p.indicators.len(),
            sum.normalize()
        );
        let line = p.amounts_line.unwrap_or(p.name_line);
        out.push(rule.finding(
            msg,
            vec![
                Location::project(line, &p.name, Some("执行率")),
                Location::project(
                    p.scores_line.unwrap_or(p.end_line),
                    &p.name,
                    Some("指标自评得分小计"),
                ),
            ],
        ));
    }
}

fn document_dates(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(year) = report.year else { return };
    let re = crate::digit_regex!(r"[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*\d+\s*号");
    for p in &report.projects {
        for c in re.captures_iter(&p.name) {
            let (Some(m), Some(y)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let Ok(y) = y.as_str().parse::<i32>() else {
                continue;
            };
            if y <= year {
                continue;
            }
            let msg = format!(
                "项目“{}”的文号“{}”年份为 {y}，晚于决算年度 {year}：下一年下达的资金不应列入本年决算，\
                 或文号有误",
                p.name,
                m.as_str()
            );
            out.push(rule.finding_keyed(
                msg,
                vec![Location::project(
                    p.name_line,
                    &p.name,
                    Some("项目(政策)名称"),
                )],
                m.as_str(),
            ));
        }
    }
}

fn carryover(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let t1 = facts::side_fig(report, 1, "收入", "年初结转和结余");
    let t4 = facts::side(report, 4, "收入").and_then(|(s, p)| {
        p.rows
            .iter()
            .find(|r| r.kind == RowKind::Balance && r.label.contains("年初"))
            .and_then(|r| facts::fig(s, p, r, 0))
    });
    let said = report.narrative.claims.iter().find(|c| {
        let s = crate::text::normalise_subject(&c.subject);
        s == "上年结转和结余" || s == "年初结转和结余"
    });
    let zero_tables = [&t1, &t4]
        .iter()
        .all(|f| f.as_ref().is_none_or(|f| f.value.is_zero()));
    if t1.is_none() && t4.is_none() || !zero_tables {
        return;
    }
    for p in report.projects.iter().filter(|p| p.name.contains("结转")) {
        let Some(e) = p.executed.value().filter(|e| !e.is_zero()) else {
            continue;
        };
        let mut evidence = Vec::new();
        let mut locs = vec![Location::project(
            p.name_line,
            &p.name,
            Some("项目(政策)名称"),
        )];
        let empty = |f: &facts::Fig<'_>| if f.blank { "为空" } else { "为 0" };
        if let Some(f) = &t1 {
            evidence.push(format!("公开01表年初结转和结余{}", empty(f)));
            locs.push(f.loc());
        }
        if let Some(f) = &t4 {
            evidence.push(format!("公开04表年初财政拨款结转和结余{}", empty(f)));
            locs.push(f.loc());
        }
        if let Some(c) = said.filter(|c| c.value.is_zero()) {
            evidence.push(format!("情况说明称上年结转和结余 {} 万元", c.value));
            locs.push(facts::claim_loc(report, c));
        }
        let msg = format!(
            "项目“{}”名为结转资金，本年执行 {e} 万元，但{}：结转资金从何而来？",
            p.name,
            evidence.join("，")
        );
        out.push(rule.finding(msg, locs));
    }
}

fn average_with_withheld(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let (Some(hit), Some((all, Some(published)))) = (stated_average(report), averages(report))
    else {
        return;
    };
    let said = Interval::printed(hit.value);
    if !Interval::exact(all).meets(said) || Interval::exact(published).meets(said) {
        return;
    }
    let mut locs = vec![Location::text(hit.line, &hit.heading)];
    let mut names = Vec::new();
    for p in &report.projects {
        let Some(s) = p
            .link
            .as_ref()
            .and_then(|l| report.narrative.project_summaries.get(l.summary))
            .filter(|s| s.score_withheld)
        else {
            continue;
        };
        names.push(format!(
            "“{}”（表中总得分 {}）",
            p.name,
            p.total
                .map(|t| t.to_string())
                .unwrap_or_else(|| "空".into())
        ));
        locs.push(Location::project(
            p.scores_line.unwrap_or(p.end_line),
            &p.name,
            Some("绩效自评总得分"),
        ));
        let mut l = Location::text(s.line, &hit.heading);
        l.project = Some(p.name.clone());
        locs.push(l);
    }
    let msg = format!(
        "情况说明称项目自评平均分 {} 分，等于全部 {} 个项目总得分之和的平均，其中{}的得分\
         按表中数字计入，而其自评综述称不公开得分；不计这些项目，平均分为 {} 分",
        hit.value,
        report.projects.len(),
        names.join("、"),
        published.round_dp(2)
    );
    out.push(
        rule.finding(msg, locs)
            .with_values(published.round_dp(2), hit.value),
    );
}

fn first_count(
    report: &Report,
    keys: &[&str],
    re: &dyn crate::text::Pattern,
) -> Option<facts::TextHit> {
    facts::find_in(report, keys, re).into_iter().next()
}

fn count_and_cost(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let vehicles = facts::vehicles_owned(report);
    let kept = facts::vehicles_kept(report);
    let none = vehicles
        .iter()
        .chain(kept.iter())
        .all(|h| h.value.is_zero());
    if let (true, Some(hit)) = (none, vehicles.as_ref().or(kept.as_ref())) {
        if let Some((_, cost)) =
            facts::t7_row(report, "公务用车运行维护费").filter(|(_, a)| !a.value.is_zero())
        {
            let msg = format!(
                "情况说明称车辆 0 辆，但公开07表列支公务用车运行维护费 {} 万元：没有车辆何来运行维护费",
                cost.value
            );
            out.push(rule.finding_keyed(
                msg,
                vec![Location::text(hit.line, &hit.heading), cost.loc()],
                "车辆",
            ));
        }
    }
    // (what, its count, unit, the 07 row; whether a cost without the count
    // contradicts too: not for 外事接待, a part of all 公务接待).
    let pairs: [(&str, &dyn crate::text::Pattern, &str, &str, bool); 6] = [
        (
            "当年购置公务用车",
            &crate::rules::phrases::VEHICLES_BOUGHT,
            "辆",
            "公务用车购置费",
            true,
        ),
        (
            "因公出国（境）团组",
            &crate::rules::phrases::GROUPS,
            "个",
            "因公出国",
            true,
        ),
        (
            "因公出国（境）人次",
            &crate::rules::phrases::GROUP_PEOPLE,
            "人次",
            "因公出国",
            true,
        ),
        (
            "国内公务接待",
            &crate::rules::phrases::RECEPTION_BATCHES,
            "批次",
            "公务接待费",
            true,
        ),
        (
            "国内公务接待人数",
            &crate::rules::phrases::RECEPTION_PEOPLE,
            "人",
            "公务接待费",
            true,
        ),
        (
            "外事接待",
            &crate::rules::phrases::FOREIGN_RECEPTION_BATCHES,
            "批次",
            "公务接待费",
            false,
        ),
    ];
    for (what, re, unit, key, both_ways) in pairs {
        let (Some(hit), Some((_, cost))) = (
            first_count(report, &["三公"], re),
            facts::t7_row(report, key),
        ) else {
            continue;
        };
        let contradicts = if both_ways {
            hit.value.is_zero() != cost.value.is_zero()
        } else {
            !hit.value.is_zero() && cost.value.is_zero()
        };
        if !contradicts {
            continue;
        }
        let msg = format!(
            "情况说明称{what} {} {unit}，但公开07表{key}决算数为 {} 万元：数量与费用互相矛盾",
            hit.value, cost.value
        );
        out.push(rule.finding_keyed(
            msg,
            vec![Location::text(hit.line, &hit.heading), cost.loc()],
            what,
        ));
    }
}

fn execution_indicator(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let is_rate = |i: &Indicator| squash(&i.name).contains("预算执行率");
    let actual = |i: &Indicator| amount(&i.actual).or_else(|| percent(&i.actual));
    let mut check = |name: &str, i: &Indicator, computed: Interval, basis: String| {
        let Some(a) = actual(i) else { return };
        if Interval::printed(a).meets(computed) {
            return;
        }
        let msg = format!(
            "{name}绩效指标“预算执行率”完成值为 {a}%，但{basis} = {}%",
            r2(computed.mid())
        );
        out.push(
            rule.finding(
                msg,
                vec![Location::project(i.line, name, Some("预算执行率"))],
            )
            .with_values(r2(computed.mid()), a),
        );
    };
    if let Some(o) = &report.overall {
        let alloc: Decimal = o.tasks.iter().filter_map(|t| t.allocated.value()).sum();
        let exec: Decimal = o.tasks.iter().filter_map(|t| t.executed.value()).sum();
        let n = Decimal::from(o.tasks.len() as u64);
        let tol = super::arith::ROUNDING_STEP * n;
        if let Some(c) = Interval::around(exec, tol)
            .over(Interval::around(alloc, tol))
            .map(|c| c.scale_by(Decimal::ONE_HUNDRED))
        {
            for i in o.indicators.iter().filter(|i| is_rate(i)) {
                check(
                    OVERALL,
                    i,
                    c,
                    format!("各任务执行金额之和 {exec} ÷ 下达金额之和 {alloc}"),
                );
            }
        }
    }
    for p in &report.projects {
        let (Some(b), Some(e)) = (p.budget.value(), p.executed.value()) else {
            continue;
        };
        let Some(c) = Interval::amount(e)
            .over(Interval::amount(b))
            .map(|c| c.scale_by(Decimal::ONE_HUNDRED))
        else {
            continue;
        };
        for i in p.indicators.iter().filter(|i| is_rate(i)) {
            check(&p.name, i, c, format!("全年执行数 {e} ÷ 预算金额 {b}"));
        }
    }
}
