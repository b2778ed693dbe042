//! TEXT-BUDGET-IMPLIED and TEXT-BUDGET-ITEMS: the budgets that rates imply,
//! and budgets stated item by item, add up.

use super::*;

/// A stated completion rate with the amount it is of, and the budget it implies.
pub(super) struct Implied<'a> {
    pub(super) rate: &'a Claim,
    pub(super) amount: &'a Claim,
    pub(super) budget: Interval,
}

pub(super) fn implied<'a>(rate: &'a Claim, amount: &'a Claim) -> Option<Implied<'a>> {
    let budget = if rate.value.is_zero() {
        // "0%" for money spent: the budget was nil (reported by TEXT-RATE-NO-BUDGET).
        Interval::exact(Decimal::ZERO)
    } else {
        Interval::amount(amount.value)
            .over(Interval::printed(rate.value).scale_by(Decimal::new(1, 2)))?
    };
    Some(Implied {
        rate,
        amount,
        budget,
    })
}

pub(super) fn sum_budgets(items: &[&Implied]) -> Interval {
    items
        .iter()
        .fold(Interval::exact(Decimal::ZERO), |acc, i| acc.plus(i.budget))
}

pub(super) fn implied_budgets(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    // The totals: 财政拨款支出 / 基本支出 / 项目支出 完成年初预算的 Z%.
    let mut total = None;
    let mut basic = None;
    let mut project = None;
    let mut items: Vec<(Implied, Option<(Decimal, Decimal)>)> = Vec::new();
    for rate in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        let h = facts::heading(report, rate);
        if h.contains("总体情况") && h.contains("财政拨款") {
            let which = crate::text::normalise_subject(&rate.subject);
            let name = which.trim_end_matches("完成年初预算的");
            let Some(amount) = facts::para_claims(report, rate).find(|c| {
                c.kind == ClaimKind::Amount && crate::text::normalise_subject(&c.subject) == name
            }) else {
                continue;
            };
            let slot = match name {
                "财政拨款支出" => &mut total,
                "基本支出" => &mut basic,
                "项目支出" => &mut project,
                _ => continue,
            };
            *slot = implied(rate, amount);
        } else if h.contains("一般公共预算财政拨款支出情况") {
            let Some(amount) = facts::amount_before(report, rate) else {
                continue;
            };
            let split = item_fig(report, &amount.clause).and_then(|(code, _)| {
                let b = facts::code_fig(report, 5, &code, "基本支出")?;
                let p = facts::code_fig(report, 5, &code, "项目支出")?;
                Some((b.value, p.value))
            });
            if let Some(i) = implied(rate, amount) {
                items.push((i, split));
            }
        }
    }
    let push = |out: &mut Vec<Finding>,
                what: &str,
                whole: &Implied,
                parts: &[&Implied],
                sum: Interval,
                disc: &str| {
        if whole.budget.meets(sum) {
            return;
        }
        let msg = format!(
            "按“完成年初预算的”百分比倒推：{} 年初预算约 {} 万元（{} ÷ {}%，可能范围 {}–{}），\
             而{what}约 {} 万元（可能范围 {}–{}），两者相差超出百分比舍入所能解释的范围",
            crate::text::normalise_subject(&whole.amount.subject),
            r2(whole.budget.mid()),
            whole.amount.value,
            whole.rate.value,
            r2(whole.budget.lo),
            r2(whole.budget.hi),
            r2(sum.mid()),
            r2(sum.lo),
            r2(sum.hi)
        );
        let mut locs = vec![facts::claim_loc(report, whole.rate)];
        locs.extend(parts.iter().map(|p| facts::claim_loc(report, p.rate)));
        out.push(
            rule.finding_keyed(msg, locs, disc)
                .with_values(r2(whole.budget.mid()), r2(sum.mid())),
        );
    };
    if let (Some(t), Some(b), Some(p)) = (&total, &basic, &project) {
        push(
            out,
            "基本支出与项目支出隐含的年初预算之和",
            t,
            &[b, p],
            b.budget.plus(p.budget),
            "基本+项目",
        );
    }
    let all: Vec<&Implied> = items.iter().map(|(i, _)| i).collect();
    let items_amount: Decimal = all.iter().map(|i| i.amount.value).sum();
    if let Some(t) = &total {
        let covers = (items_amount - t.amount.value).abs()
            <= ROUNDING_STEP * Decimal::from(all.len().max(1) as u64);
        if covers && !all.is_empty() {
            push(
                out,
                "各项科目隐含的年初预算之和",
                t,
                &all,
                sum_budgets(&all),
                "各项",
            );
        }
    }
    // Items that are pure basic or pure project spending add up to each side.
    let pure = items
        .iter()
        .all(|(_, s)| s.is_some_and(|(b, p)| b.is_zero() || p.is_zero()));
    if pure && !items.is_empty() {
        for (side, whole, is_basic) in [("基本支出", &basic, true), ("项目支出", &project, false)]
        {
            let Some(w) = whole else { continue };
            let group: Vec<&Implied> = items
                .iter()
                .filter(|(_, s)| {
                    s.is_some_and(|(b, p)| if is_basic { !b.is_zero() } else { !p.is_zero() })
                })
                .map(|(i, _)| i)
                .collect();
            let amount: Decimal = group.iter().map(|i| i.amount.value).sum();
            let covers = (amount - w.amount.value).abs()
                <= ROUNDING_STEP * Decimal::from(group.len().max(1) as u64);
            if covers && !group.is_empty() {
                push(
                    out,
                    &format!("{side}类科目隐含的年初预算之和"),
                    w,
                    &group,
                    sum_budgets(&group),
                    side,
                );
            }
        }
    }
    overall_budget(rule, report, out, total.as_ref(), basic.as_ref());
}

/// The 整体绩效自评表's 部门年初预算支出金额 against the implied budgets.
pub(super) fn overall_budget(
    rule: &Rule,
    report: &Report,
    out: &mut Vec<Finding>,
    total: Option<&Implied>,
    basic: Option<&Implied>,
) {
    let Some(o) = &report.overall else { return };
    let Some(v) = o.budget_expense.value().filter(|v| !v.is_zero()) else {
        return;
    };
    let stated = Interval::amount(v);
    let candidates: Vec<&Implied> = total.into_iter().chain(basic).collect();
    if candidates.is_empty() || candidates.iter().any(|i| i.budget.meets(stated)) {
        return;
    }
    let line = (o.line..=o.end_line)
        .find(|&l| squash(report.source.line(l)).contains("部门年初预算支出金额"))
        .unwrap_or(o.line);
    let implied: Vec<String> = candidates
        .iter()
        .map(|i| {
            format!(
                "{} 约 {} 万元",
                crate::text::normalise_subject(&i.amount.subject),
                r2(i.budget.mid())
            )
        })
        .collect();
    // The 整体 table covers all the department's money; the implied budgets
    // come from 一般公共预算 rates: the same scope only when that is all.
    let same_scope = facts::all_money_is_general_budget(report);
    let msg = format!(
        "{}整体绩效自评表的部门年初预算支出金额为 {v} 万元，与情况说明完成年初预算百分比所隐含的\
         年初预算（{}）都不相符{}",
        if same_scope {
            ""
        } else {
            "未核对（口径不同；not checkable from the tables）："
        },
        implied.join("，"),
        if same_scope {
            ""
        } else {
            "；但本部门另有非一般公共预算资金，整体绩效自评表含全部资金，与一般公共预算的完成率口径不同"
        }
    );
    let severity = if same_scope {
        rule.severity
    } else {
        Severity::Info
    };
    let mut locs = vec![Location::project(
        line,
        facts::OVERALL,
        Some("部门年初预算支出金额"),
    )];
    locs.extend(candidates.iter().map(|i| facts::claim_loc(report, i.rate)));
    let expected = candidates
        .first()
        .map(|i| r2(i.budget.mid()))
        .unwrap_or_default();
    out.push(Finding::new(rule.id, severity, msg, locs, "整体").with_values(expected, v));
}

/// "年初预算为 X 万元" stated for the whole and then for each 科目 of one section.
pub(super) fn budget_items(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let stated = |c: &&Claim| {
        c.kind == ClaimKind::Amount && {
            let clause = c.clause.clone();
            clause.ends_with("年初预算为") || clause.ends_with("年初预算")
        }
    };
    let budgets: Vec<&Claim> = report.narrative.claims.iter().filter(stated).collect();
    let mut sections: Vec<usize> = budgets.iter().map(|c| c.section).collect();
    sections.dedup();
    for section in sections {
        let mut here = budgets.iter().filter(|c| c.section == section);
        let Some(total) = here.next() else { continue };
        // The items stand in later paragraphs, one budget each.
        let items: Vec<&&Claim> = here.filter(|c| c.paragraph > total.paragraph).collect();
        if items.len() < 2 {
            continue;
        }
        let sum: Decimal = items.iter().map(|c| c.value).sum();
        let mut locs = vec![facts::claim_loc(report, total)];
        locs.extend(items.iter().map(|c| facts::claim_loc(report, c)));
        push_sum_finding(
            out,
            rule,
            &format!("情况说明所述“{}”", total.clause.trim_end_matches('为')),
            &format!("其后逐项所列 {} 个科目的年初预算之和", items.len()),
            sum,
            total.value,
            items.len(),
            locs,
            "年初预算",
        );
    }
}
