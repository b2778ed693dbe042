//! TEXT-CHANGE: a change on last year and its rate agree.

use super::*;

/// Direction of a change word: +1 increase, −1 decrease, 0 none.
pub(super) fn direction(word: &str) -> i8 {
    if ["增加", "增长", "上升", "提高"]
        .iter()
        .any(|w| word.ends_with(w))
    {
        1
    } else if ["减少", "降低", "下降"].iter().any(|w| word.ends_with(w)) {
        -1
    } else {
        0
    }
}

/// A year-on-year change: the amount claim ("…增加 X 万元") and its rate claim.
pub(super) struct Change<'a> {
    pub(super) amount: &'a Claim,
    pub(super) rate: &'a Claim,
    pub(super) up_amount: i8,
    pub(super) up_rate: i8,
    pub(super) base: Option<&'a Claim>,
}

pub(super) fn change_pairs(report: &Report) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    let subjects = facts::subjects(report);
    for rate in report
        .narrative
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Percent)
    {
        let up_rate = direction(&squash(&rate.subject));
        if up_rate == 0 || squash(&rate.subject).chars().count() > 3 {
            continue;
        }
        let Some(amount) = facts::amount_before(report, rate) else {
            continue;
        };
        let subj = crate::text::normalise_subject(&amount.subject);
        let up_amount = direction(&subj);
        if up_amount == 0 {
            continue;
        }
        // "比上年增加", and the template's "比2023年度增加": the words of
        // comparison name no figure.
        let year = crate::regex!(r"(?:与|比|较)(?:上年|\d{4}\s*年度?)(?:相比)?$");
        let name = subj
            .trim_start_matches("与上年相比")
            .trim_start_matches("比上年")
            .trim_end_matches(['增', '加', '减', '少', '长', '降', '低', '下']);
        let name = year.replace(name, "");
        let name = name.as_ref();
        let base = if name.is_empty() {
            facts::amount_before(report, amount)
        } else {
            named_amount(report, &subjects, amount, name)
        };
        out.push(Change {
            amount,
            rate,
            up_amount,
            up_rate,
            base,
        });
    }
    out
}

pub(super) fn changes(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for ch in change_pairs(report) {
        let Some(base) = ch.base else { continue };
        let delta = Interval::amount(ch.amount.value);
        let now = Interval::amount(base.value);
        let before = if ch.up_amount > 0 {
            now.minus(delta)
        } else {
            now.plus(delta)
        };
        let Some(computed) = pct(delta, before) else {
            continue;
        };
        let fit = Printed::of(computed, ch.rate.value);
        if fit == Printed::Fits {
            continue;
        }
        let prev = if ch.up_amount > 0 {
            base.value - ch.amount.value
        } else {
            base.value + ch.amount.value
        };
        let name = base.clause.clone();
        let expected = computed.mid().round_dp(ch.rate.value.scale().max(2));
        let msg = format!(
            "称“{name}” {} 万元比上年{} {} 万元、{} {}%，但上年数为 {} 万元，{} ÷ {} = {}%",
            base.value,
            if ch.up_amount > 0 { "增加" } else { "减少" },
            ch.amount.value,
            squash(&ch.rate.subject),
            ch.rate.value,
            prev,
            ch.amount.value,
            prev,
            expected
        );
        let disc = seen.next(format!("{}|{name}", facts::heading(report, ch.rate)));
        out.push(
            fit.finding(
                rule,
                msg,
                vec![
                    facts::claim_loc(report, ch.rate),
                    facts::claim_loc(report, ch.amount),
                    facts::claim_loc(report, base),
                ],
                &disc,
            )
            .with_values(expected, ch.rate.value),
        );
    }
}
