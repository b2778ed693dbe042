//! TEXT-RATE and TEXT-RATE-NO-BUDGET: "完成预算的X%" is actual over budget,
//! and is not stated without a budget.

use super::*;

/// Whether a percent claim is a budget-completion rate.
pub(super) fn is_completion(c: &Claim) -> bool {
    c.kind == ClaimKind::Percent
        && (c.subject.ends_with("完成预算的") || c.subject.ends_with("完成年初预算的"))
}

pub(super) fn rates(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        if !facts::heading_has(report, claim, "三公") {
            stated_rate(rule, report, claim, &mut seen, out);
            continue;
        }
        let Some(key) = sangong_claim_subject(report, claim) else {
            continue;
        };
        let Some((b, a)) = facts::t7_row(report, key) else {
            continue;
        };
        if b.value.is_zero() {
            continue;
        }
        let Some(computed) = pct(Interval::amount(a.value), Interval::amount(b.value)) else {
            continue;
        };
        let fit = Printed::of(computed, claim.value);
        if fit == Printed::Fits {
            continue;
        }
        let expected = computed.mid().round_dp(2);
        let item = if key == "合计" {
            "“三公”经费合计".to_string()
        } else {
            a.loc()
                .row
                .as_deref()
                .map(crate::text::strip_numbering)
                .unwrap_or_else(|| key.to_string())
        };
        let msg = format!(
            "称{item}“完成预算的 {}%”，但公开07表决算数 {} ÷ 预算数 {} = {}%",
            claim.value, a.value, b.value, expected
        );
        let disc = seen.next(key.to_string());
        out.push(
            fit.finding(
                rule,
                msg,
                vec![facts::claim_loc(report, claim), a.loc(), b.loc()],
                &disc,
            )
            .with_values(expected, claim.value),
        );
    }
}

/// "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 Z%" (the Shanghai
/// template's lead of 一般公共预算 spending): Z is B ÷ A, both stated in
/// the sentence before it.
pub(super) fn stated_rate(
    rule: &Rule,
    report: &Report,
    claim: &Claim,
    seen: &mut Occurrences,
    out: &mut Vec<Finding>,
) {
    let before: Vec<&Claim> = facts::para_claims(report, claim)
        .filter(|c| {
            c.kind == ClaimKind::Amount && c.sentence == claim.sentence && c.offset < claim.offset
        })
        .collect();
    let Some((budget, actual)) = facts::budget_and_actual(&before) else {
        return;
    };
    let Some(computed) = pct(
        Interval::amount(actual.value),
        Interval::amount(budget.value),
    ) else {
        return;
    };
    let fit = Printed::of(computed, claim.value);
    if fit == Printed::Fits {
        return;
    }
    let expected = computed.mid().round_dp(2);
    let msg = format!(
        "称“完成年初预算的 {}%”，但同句所述支出决算 {} ÷ 年初预算 {} = {}%",
        claim.value, actual.value, budget.value, expected
    );
    let disc = seen.next(format!("stated|{}", facts::heading(report, claim)));
    out.push(
        fit.finding(
            rule,
            msg,
            vec![
                facts::claim_loc(report, claim),
                facts::claim_loc(report, actual),
                facts::claim_loc(report, budget),
            ],
            &disc,
        )
        .with_values(expected, claim.value),
    );
}

pub(super) fn rates_without_budget(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        let loc = facts::claim_loc(report, claim);
        let sangong = facts::heading_has(report, claim, "三公")
            .then(|| sangong_claim_subject(report, claim))
            .flatten()
            .and_then(|key| facts::t7_row(report, key).map(|row| (key, row)));
        if let Some((key, (b, a))) = sangong {
            if !b.value.is_zero() {
                continue;
            }
            let budget = if b.blank { "为空" } else { "为 0" };
            let spent = if a.blank {
                "决算数也为空".to_string()
            } else {
                format!("决算数 {} 万元", a.value)
            };
            let item = a
                .loc()
                .row
                .as_deref()
                .map(crate::text::strip_numbering)
                .unwrap_or_else(|| key.to_string());
            let msg = format!(
                "称{item}“完成预算的 {}%”，但公开07表该项预算数{budget}（{spent}）：\
                 预算为 0 时完成百分比无从计算，应说明未安排预算",
                claim.value
            );
            let disc = seen.next(format!("三公|{key}"));
            out.push(rule.finding_keyed(msg, vec![loc, b.loc(), a.loc()], &disc));
            continue;
        }
        if !claim.value.is_zero() {
            continue;
        }
        let Some(amount) = facts::amount_before(report, claim) else {
            continue;
        };
        if amount.value <= Decimal::ZERO {
            continue;
        }
        let clause = amount.clause.clone();
        let item = item_fig(report, &clause);
        let name = crate::regex!(r"[（(]项[）)]$")
            .replace(&clause, "")
            .rsplit(['）', ')'])
            .next()
            .unwrap_or("")
            .to_string();
        let name = if name.is_empty() {
            clause.clone()
        } else {
            name
        };
        let msg = format!(
            "称“{name}” {} 万元“完成年初预算的 {}%”：决算数大于 0 时完成率不可能为 0%，\
             说明年初预算为 0（未安排、年中新增）；预算为 0 时完成百分比无从计算，应改为说明年初\
             未安排预算及原因",
            amount.value, claim.value
        );
        let key = item
            .as_ref()
            .map(|(code, _)| code.clone())
            .unwrap_or(clause.clone());
        let mut locs = vec![loc];
        if let Some((_, f)) = item {
            locs.push(f.loc());
        }
        let disc = seen.next(key);
        out.push(rule.finding_keyed(msg, locs, &disc));
    }
}
