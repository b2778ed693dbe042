//! TEXT-DIRECTION: 增加/减少, 大于/小于/持平 agree with the numbers they are about.

use super::*;

/// The 公开07表 row a 三公 claim is about (see [`crate::text::sangong_item_before`]).
pub(super) fn sangong_claim_subject(report: &Report, claim: &Claim) -> Option<&'static str> {
    let text = facts::para_text(report, claim);
    crate::text::sangong_item_before(text, claim.text_before(text))
}

pub(super) fn directions(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for ch in change_pairs(report) {
        if ch.up_amount == ch.up_rate {
            continue;
        }
        let msg = format!(
            "同一句中金额为“{}”{} 万元，百分比却为“{}”{}%：增减方向前后矛盾",
            crate::text::normalise_subject(&ch.amount.subject),
            ch.amount.value,
            squash(&ch.rate.subject),
            ch.rate.value
        );
        let disc = seen.next(format!("change|{}", facts::heading(report, ch.rate)));
        out.push(rule.finding_keyed(
            msg,
            vec![
                facts::claim_loc(report, ch.rate),
                facts::claim_loc(report, ch.amount),
            ],
            &disc,
        ));
    }
    budget_words(rule, report, out, &mut seen);
}

/// "决算数持平/大于/小于预算数" against 公开07表 (三公) or the stated rate.
pub(super) fn budget_words(
    rule: &Rule,
    report: &Report,
    out: &mut Vec<Finding>,
    seen: &mut Occurrences,
) {
    let re = crate::regex!(
        r"决算数?\s*(?:与(?:年初)?预算数?\s*(持平|相等|一致|等于)|(持平|等于|大于|高于|超过|多于|小于|低于|少于)\s*(?:年初)?预算数?)"
    );
    for (si, s, p) in report.narrative.paragraphs() {
        for c in re.captures_iter(&p.text) {
            let (Some(m), Some(word)) = (c.get(0), c.get(1).or(c.get(2))) else {
                continue;
            };
            let said = match word.as_str() {
                "持平" | "等于" | "相等" | "一致" => 0,
                "大于" | "高于" | "超过" | "多于" => 1,
                _ => -1,
            };
            let offset = p.text[..m.start()].chars().count();
            let line = p.line_at(offset);
            let (actual, what, locs) = if s.heading.contains("三公") {
                let Some(key) = crate::text::sangong_first_item(&p.text) else {
                    continue;
                };
                let Some((b, a)) = facts::t7_row(report, key) else {
                    continue;
                };
                let cmp = cmp_amounts(a.value, b.value);
                (
                    cmp,
                    format!(
                        "公开07表 {key} 决算数 {} 万元、预算数 {} 万元",
                        a.value, b.value
                    ),
                    vec![a.loc(), b.loc()],
                )
            } else {
                let sentence_rate = report.narrative.claims.iter().find(|cl| {
                    cl.section == si
                        && cl.kind == ClaimKind::Percent
                        && squash(&cl.subject).contains("预算的")
                        && cl.sentence.contains(m.as_str())
                        && cl.line >= p.line
                        && cl.line <= p.end_line
                });
                let Some(rate) = sentence_rate else {
                    let Some(pair) = stated_budget_and_actual(report, p, m.start()) else {
                        continue;
                    };
                    emit_direction(rule, out, seen, (s, line, m.as_str(), said), pair);
                    continue;
                };
                // "决算数持平预算数…完成预算的 0%": nothing spent, and (持平)
                // nothing budgeted; a rate of nil is TEXT-RATE-NO-BUDGET's
                // defect, not a contradiction of the word.
                if said == 0 && rate.value.is_zero() {
                    continue;
                }
                let h = crate::rules::arith::half_unit(rate.value);
                let cmp = if (rate.value - Decimal::ONE_HUNDRED).abs() <= h {
                    0
                } else if rate.value > Decimal::ONE_HUNDRED {
                    1
                } else {
                    -1
                };
                (
                    cmp,
                    format!("同一句称完成预算的 {}%", rate.value),
                    vec![facts::claim_loc(report, rate)],
                )
            };
            emit_direction(
                rule,
                out,
                seen,
                (s, line, m.as_str(), said),
                (actual, what, locs),
            );
        }
    }
}

/// A direction word (`said`: −1, 0, 1) at `line` of section `s`, against
/// what the figures show: a finding when they disagree.
pub(super) fn emit_direction(
    rule: &Rule,
    out: &mut Vec<Finding>,
    seen: &mut Occurrences,
    (s, line, words, said): (&crate::report::Section, crate::report::LineNo, &str, i8),
    (actual, what, mut locs): (i8, String, Vec<Location>),
) {
    if actual == said {
        return;
    }
    let msg = format!("称“{words}”，但{what}");
    locs.insert(0, Location::text(line, &s.heading));
    let disc = seen.next(format!("budget|{}|{words}", s.heading));
    out.push(rule.finding_keyed(msg, locs, &disc));
}

/// "年初预算为 A 万元，支出决算为 B 万元。决算数大于预算数": the budget and
/// the actual stated in the paragraph before the direction word at byte
/// `at` (after any earlier direction word), compared.
pub(super) fn stated_budget_and_actual(
    report: &Report,
    p: &crate::report::Paragraph,
    at: usize,
) -> Option<(i8, String, Vec<Location>)> {
    let earlier = crate::regex!(r"决算数?.{0,8}?预算数?")
        .find_iter(&p.text[..at])
        .last();
    let from = earlier.map_or(0, |m| m.end());
    let here: Vec<&Claim> = report
        .narrative
        .claims
        .iter()
        .filter(|c| {
            c.kind == ClaimKind::Amount
                && c.byte_offset >= from
                && c.byte_offset < at
                && report
                    .narrative
                    .paragraph_of(c)
                    .is_some_and(|q| std::ptr::eq(q, p))
        })
        .collect();
    let (budget, actual) = facts::budget_and_actual(&here)?;
    let cmp = cmp_amounts(actual.value, budget.value);
    Some((
        cmp,
        format!(
            "所述支出决算 {} 万元、年初预算 {} 万元",
            actual.value, budget.value
        ),
        vec![
            facts::claim_loc(report, actual),
            facts::claim_loc(report, budget),
        ],
    ))
}

pub(super) fn cmp_amounts(a: Decimal, b: Decimal) -> i8 {
    if (a - b).abs() <= ROUNDING_STEP {
        0
    } else if a > b {
        1
    } else {
        -1
    }
}
