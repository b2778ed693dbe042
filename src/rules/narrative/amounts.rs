//! TEXT-AMOUNT: an amount of the narrative is the table figure it restates.

use super::*;

pub(super) fn amounts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report
        .narrative
        .claims
        .iter()
        // A change ("比上年减少 X 万元") restates no table figure: the tables
        // hold this year's levels only (TEXT-CHANGE checks it with its rate).
        .filter(|c| c.measure() == Measure::Level)
    {
        let c = &claim.clause;
        let Some(t) = resolve(report, claim) else {
            continue;
        };
        let disc = seen.next(format!("{}|{c}", facts::heading(report, claim)));
        if let Some(why) = t.other_scope {
            if t.value != claim.value {
                let msg = format!(
                    "未核对（口径不同；not checkable from the tables）：情况说明所述“{c}”为 {}，{}为 {}，但{why}",
                    claim.value, t.what, t.value
                );
                out.push(Finding::new(
                    rule.id,
                    Severity::Info,
                    msg,
                    vec![facts::claim_loc(report, claim), t.loc],
                    &disc,
                ));
            }
            continue;
        }
        push_same_finding(
            out,
            rule,
            &format!("情况说明所述“{c}”"),
            &t.what,
            t.value,
            claim.value,
            vec![facts::claim_loc(report, claim), t.loc],
            &disc,
        );
    }
    no_fund_spending(rule, report, out);
    reception_parts(rule, report, out);
}

/// 国内公务接待 and 外事接待 are parts of 公务接待费: the amount stated for
/// either cannot exceed 公开07表's 公务接待费. (Equality is not asked: some
/// templates count 外宾 inside 国内, others beside it.)
fn reception_parts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some((_, whole)) = facts::t7_row(report, "公务接待费") else {
        return;
    };
    let parts = [
        (
            "国内公务接待",
            crate::regex!(r"国内公务接待(?:累计[^。；万]*?|支出\s*)([\d.,]+)\s*万"),
        ),
        (
            "外事接待",
            crate::regex!(r"(?:外事|外宾)接待(?:累计[^。；万]*?|支出\s*)([\d.,]+)\s*万"),
        ),
    ];
    for (what, re) in parts {
        for hit in facts::find_in(report, &["三公"], re) {
            if hit.value <= whole.value + ROUNDING_STEP {
                continue;
            }
            let msg = format!(
                "情况说明称{what}支出 {} 万元，超过公开07表公务接待费决算数 {} 万元：部分不能大于整体",
                hit.value, whole.value
            );
            out.push(
                rule.finding_keyed(
                    msg,
                    vec![Location::text(hit.line, &hit.heading), whole.loc()],
                    what,
                )
                .with_values(whole.value, hit.value),
            );
        }
    }
}

/// "本部门无政府性基金预算财政拨款支出" against 公开04表's fund column.
pub(super) fn no_fund_spending(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let re = crate::regex!(r"无(政府性基金|国有资本经营)预算(?:财政拨款)?支出");
    for (_, s, p) in report.narrative.paragraphs() {
        for c in re.captures_iter(&p.text) {
            let (Some(m), Some(fund)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let Some(f) = total_expense_col(report, fund.as_str()) else {
                continue;
            };
            if f.value.is_zero() {
                continue;
            }
            let line = p.line_at(p.text[..m.start()].chars().count());
            let msg = format!(
                "情况说明称{}，但公开04表{}预算财政拨款栏本年支出合计为 {} 万元",
                m.as_str(),
                fund.as_str(),
                f.value
            );
            out.push(
                rule.finding_keyed(
                    msg,
                    vec![Location::text(line, &s.heading), f.loc()],
                    m.as_str(),
                )
                .with_values(f.value, Decimal::ZERO),
            );
        }
    }
}
