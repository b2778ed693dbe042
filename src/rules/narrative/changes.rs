//! TEXT-CHANGE: a change on last year and its rate agree; TEXT-CHANGE-AMOUNT:
//! a change agrees with the two years' figures when last year's is stated
//! ("收、支总计 4766.06 万元，比上年 4459.42 万元增加 306.64 万元，增长 6.88%").

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
    /// Last year's figure when the sentence states it ("比上年 Y 万元增加"):
    /// then the rate is the change over it, whatever the base.
    pub(super) prior: Option<&'a Claim>,
}

/// The claim right after `claim` in its sentence.
fn claim_after<'a>(report: &'a Report, claim: &Claim) -> Option<&'a Claim> {
    facts::para_claims(report, claim)
        .find(|c| c.offset > claim.offset && c.sentence == claim.sentence)
}

/// Last year's figure stated for comparison, with the level before it and
/// the claim after it in the same sentence: "X 万元，比上年 Y 万元增加 Z
/// 万元" or "X 万元，比上年 Y 万元增长 W%".
pub(super) struct StatedPrior<'a> {
    /// X, the year's own figure (a level), when the sentence states it.
    pub(super) level: Option<&'a Claim>,
    /// Y.
    pub(super) prior: &'a Claim,
    /// Z or W.
    pub(super) next: Option<&'a Claim>,
}

pub(super) fn stated_priors(report: &Report) -> impl Iterator<Item = StatedPrior<'_>> {
    report
        .narrative
        .claims
        .iter()
        .filter(|c| c.measure() == Measure::Prior)
        .map(move |prior| StatedPrior {
            level: facts::amount_before(report, prior).filter(|c| c.measure() == Measure::Level),
            prior,
            next: claim_after(report, prior),
        })
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
        let before = facts::amount_before(report, amount);
        let prior = before.filter(|c| c.measure() == Measure::Prior);
        let base = if prior.is_some() {
            None
        } else if name.is_empty() {
            before
        } else {
            named_amount(report, &subjects, amount, name)
        };
        out.push(Change {
            amount,
            rate,
            up_amount,
            up_rate,
            base,
            prior,
        });
    }
    out
}

pub(super) fn changes(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for ch in change_pairs(report) {
        if let Some(prior) = ch.prior {
            rate_over_prior(rule, report, &ch, prior, &mut seen, out);
            continue;
        }
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
        out.push(rate_finding(
            rule, report, fit, msg, &ch, base, &disc, expected,
        ));
    }
}

/// "比上年 Y 万元增加 Z 万元，增长 W%": W is Z over the stated Y.
fn rate_over_prior(
    rule: &Rule,
    report: &Report,
    ch: &Change,
    prior: &Claim,
    seen: &mut Occurrences,
    out: &mut Vec<Finding>,
) {
    let Some(computed) = pct(
        Interval::amount(ch.amount.value),
        Interval::amount(prior.value),
    ) else {
        return;
    };
    let fit = Printed::of(computed, ch.rate.value);
    if fit == Printed::Fits {
        return;
    }
    let expected = computed.mid().round_dp(ch.rate.value.scale().max(2));
    let msg = format!(
        "称比上年 {} 万元{} {} 万元、{} {}%，但 {} ÷ {} = {}%",
        prior.value,
        if ch.up_amount > 0 { "增加" } else { "减少" },
        ch.amount.value,
        squash(&ch.rate.subject),
        ch.rate.value,
        ch.amount.value,
        prior.value,
        expected
    );
    let disc = seen.next(format!("{}|prior", facts::heading(report, ch.rate)));
    out.push(rate_finding(
        rule, report, fit, msg, ch, prior, &disc, expected,
    ));
}

/// A TEXT-CHANGE finding at the rate, the change and the figure it was
/// taken over (this year's, or last year's where stated).
#[allow(clippy::too_many_arguments)]
fn rate_finding(
    rule: &Rule,
    report: &Report,
    fit: Printed,
    msg: String,
    ch: &Change,
    base: &Claim,
    disc: &str,
    expected: Decimal,
) -> Finding {
    fit.finding(
        rule,
        msg,
        vec![
            facts::claim_loc(report, ch.rate),
            facts::claim_loc(report, ch.amount),
            facts::claim_loc(report, base),
        ],
        disc,
    )
    .with_values(expected, ch.rate.value)
}

/// TEXT-CHANGE-AMOUNT: "X 万元，比上年 Y 万元增加 Z 万元" says Z = X − Y
/// (减少: Y − X); "X 万元，比上年 Y 万元增长 W%" says W = (X − Y) ÷ Y. Each
/// figure was rounded on its own, so one cent off is a 尾差 warning.
pub(super) fn prior_changes(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for st in stated_priors(report) {
        let (Some(level), Some(next)) = (st.level, st.next) else {
            continue;
        };
        let word = crate::text::normalise_subject(&next.subject);
        let up = direction(&word);
        if up == 0 {
            continue;
        }
        let actual = level.value - st.prior.value;
        let disc = seen.next(format!(
            "{}|{}",
            facts::heading(report, level),
            level.clause
        ));
        let locs = vec![
            facts::claim_loc(report, next),
            facts::claim_loc(report, level),
            facts::claim_loc(report, st.prior),
        ];
        let said = if up > 0 { "增加" } else { "减少" };
        let really = if actual >= Decimal::ZERO {
            "增加"
        } else {
            "减少"
        };
        match next.kind {
            ClaimKind::Amount => {
                let stated = next.value * Decimal::from(up);
                let gap = (stated - actual).abs();
                if gap.is_zero() || (actual.is_zero() && next.value.is_zero()) {
                    continue;
                }
                let head = format!(
                    "称“{}” {} 万元比上年 {} 万元{said} {} 万元，但 {} − {} = {} 万元",
                    level.clause,
                    level.value,
                    st.prior.value,
                    next.value,
                    level.value,
                    st.prior.value,
                    actual
                );
                let (severity, msg) = if (stated > Decimal::ZERO) != (actual > Decimal::ZERO)
                    && !actual.is_zero()
                    && !stated.is_zero()
                {
                    (rule.severity, format!("{head}：实为{really}"))
                } else if super::super::arith::is_tail_gap(gap) {
                    (
                        rule.severity.min(Severity::Warning),
                        format!("{head}：差 0.01 万元，是各数分别四舍五入的尾差，请核对"),
                    )
                } else {
                    (rule.severity, head)
                };
                out.push(
                    Finding::new(rule.id, severity, msg, locs, &disc)
                        .with_values(actual.abs(), next.value),
                );
            }
            ClaimKind::Percent if next.measure() == Measure::ChangeRate => {
                let delta = Interval::amount(level.value).minus(Interval::amount(st.prior.value));
                let Some(computed) = pct(delta, Interval::amount(st.prior.value)) else {
                    continue;
                };
                // The rate as the word states it: a 减少 of W% is −W%.
                let stated = if up > 0 {
                    computed
                } else {
                    Interval {
                        lo: -computed.hi,
                        hi: -computed.lo,
                    }
                };
                let fit = Printed::of(stated, next.value);
                if fit == Printed::Fits {
                    continue;
                }
                let expected = computed.mid().round_dp(next.value.scale().max(2));
                let against = stated.hi < Decimal::ZERO;
                let msg = format!(
                    "称“{}” {} 万元比上年 {} 万元{} {}%，但 ({} − {}) ÷ {} = {}%{}",
                    level.clause,
                    level.value,
                    st.prior.value,
                    squash(&next.subject),
                    next.value,
                    level.value,
                    st.prior.value,
                    st.prior.value,
                    expected,
                    if against {
                        format!("：实为{really}")
                    } else {
                        String::new()
                    }
                );
                out.push(
                    fit.finding(rule, msg, locs, &disc)
                        .with_values(expected, next.value),
                );
            }
            _ => {}
        }
    }
}
