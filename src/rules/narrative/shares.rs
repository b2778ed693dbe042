//! TEXT-SHARE: "占…的X%" is the part over the whole it names.

use super::*;

/// The first amount stated in the claim's section whose subject is `name`
/// (exactly, else starting with it, else ending with it). `subjects` are the
/// claims' normalised subjects ([`facts::subjects`]).
pub(super) fn named_amount<'a>(
    report: &'a Report,
    subjects: &[String],
    near: &Claim,
    name: &str,
) -> Option<&'a Claim> {
    let candidates = || {
        report
            .narrative
            .claims
            .iter()
            .zip(subjects)
            .filter(move |(c, s)| {
                c.kind == ClaimKind::Amount
                    && c.section == near.section
                    && !std::ptr::eq(*c, near)
                    && !s.contains("增加")
                    && !s.contains("减少")
            })
    };
    let found = candidates()
        .find(|(_, s)| s.as_str() == name)
        .or_else(|| candidates().find(|(_, s)| s.starts_with(name)))
        .or_else(|| candidates().find(|(_, s)| s.ends_with(name)));
    found.map(|(c, _)| c)
}

/// The whole of a share stated in another section, by exactly its name
/// ("占本年支出合计的XX%" in 一般公共预算's section, 本年支出合计 stated in
/// 支出决算情况说明): the nearest such level stated before `near`, else after.
pub(super) fn stated_elsewhere<'a>(
    report: &'a Report,
    subjects: &[String],
    near: &Claim,
    name: &str,
) -> Option<&'a Claim> {
    let name = crate::text::normalise_subject(name);
    let levels = report
        .narrative
        .claims
        .iter()
        .zip(subjects)
        .filter(|(c, s)| c.measure() == Measure::Level && **s == name && !std::ptr::eq(*c, near))
        .map(|(c, _)| c);
    nearest_before(levels, near.line)
}

/// Of `claims`, the last stated on or before `line`, else the first after.
fn nearest_before<'a>(
    mut claims: impl DoubleEndedIterator<Item = &'a Claim> + Clone,
    line: crate::report::LineNo,
) -> Option<&'a Claim> {
    claims
        .clone()
        .rfind(|c| c.line <= line)
        .or_else(|| claims.next())
}

/// The whole of a share that names none ("占 Z%"): the sentence's first
/// amount ("X 万元，其中：Y 万元，占 Z%"), unless that amount is itself a
/// part with its own share — then the sentence lists parts ("“三公”经费财政
/// 拨款支出决算中，因公出国（境）费支出决算 A 万元，占 a%；公务接待费…B 万元，
/// 占 b%", Shanghai's template) and the whole is what it opens with, "…中",
/// stated as a level elsewhere. Without one, no whole: the share is not checked.
fn unnamed_whole<'a>(
    report: &'a Report,
    subjects: &[String],
    claim: &Claim,
    part: &Claim,
) -> Option<&'a Claim> {
    let in_sentence = || facts::para_claims(report, claim).filter(|c| c.sentence == claim.sentence);
    let first = in_sentence().find(|c| c.kind == ClaimKind::Amount && c.offset < part.offset);
    if let Some(first) = first {
        // Its own share is the claim right after it ("A 万元，占 a%"), not a
        // later part's ("X 万元，其中：A 万元，占 a%").
        let own_share = in_sentence()
            .filter(|c| c.offset > first.offset)
            .min_by_key(|c| c.offset)
            .is_some_and(|c| c.kind == ClaimKind::Percent && squash(&c.subject) == "占");
        if !own_share {
            return Some(first);
        }
    }
    // A 三公 item's share: of the 三公 total stated as a level (actual).
    if let Some(total) = sangong_total_for(report, part) {
        return Some(total);
    }
    let opening = squash(&claim.sentence);
    let (lead, _) = opening.split_once("中，")?;
    let lead = lead.rsplit(['。', '：', '；']).next().unwrap_or(lead);
    stated_elsewhere(report, subjects, part, lead)
}

/// For a part that is a 三公 item, the nearest 三公 total (actual) stated
/// before it, else after.
fn sangong_total_for<'a>(report: &'a Report, part: &Claim) -> Option<&'a Claim> {
    use crate::report::{Basis, Subject};
    let is_item = part
        .reading
        .as_ref()
        .is_some_and(|r| matches!(r.subject, Subject::Sangong(k) if k != "合计"));
    if !is_item {
        return None;
    }
    let totals = report.narrative.claims.iter().filter(|c| {
        c.measure() == Measure::Level
            && c.reading
                .as_ref()
                .is_some_and(|r| r.subject == Subject::Sangong("合计") && r.basis == Basis::Actual)
    });
    nearest_before(totals, part.line)
}

pub(super) fn shares(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    let subjects = facts::subjects(report);
    for claim in report
        .narrative
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Percent)
    {
        let subj = squash(&claim.subject);
        let Some(whole_name) = subj.strip_prefix('占') else {
            continue;
        };
        let whole_name = whole_name.trim_end_matches('的');
        let alias = match whole_name {
            "中小企业采购支出总额" => "授予中小企业合同金额",
            other => other,
        };
        let Some(part) = facts::amount_before(report, claim) else {
            continue;
        };
        // "X 万元，其中：Y 万元，占 Z%": no whole named, the sentence's first amount is it.
        let whole = if alias.is_empty() {
            unnamed_whole(report, &subjects, claim, part)
        } else {
            named_amount(report, &subjects, part, alias)
                .or_else(|| stated_elsewhere(report, &subjects, part, alias))
        };
        let Some(whole) = whole else {
            continue;
        };
        if std::ptr::eq(part, whole) {
            continue;
        }
        let whole_label = if whole_name.is_empty() {
            match &whole.reading {
                Some(r) if r.subject == crate::report::Subject::Sangong("合计") => {
                    "“三公”经费支出决算".to_string()
                }
                _ => format!("“{}”", whole.clause.clone()),
            }
        } else {
            whole_name.to_string()
        };
        let locs = vec![
            facts::claim_loc(report, claim),
            facts::claim_loc(report, part),
            facts::claim_loc(report, whole),
        ];
        let part_name = part.clause.clone();
        let disc = seen.next(format!("{part_name}|{whole_name}"));
        let computed = if whole.value.is_zero() {
            // A share of nothing (0 of 0 "占 100%") is no figure at all:
            // the sentence cannot be wrong about it, only a part that is not
            // zero of a whole that is can be.
            if part.value.is_zero() {
                continue;
            }
            None
        } else {
            pct(Interval::amount(part.value), Interval::amount(whole.value))
        };
        let fit = computed.map_or(Printed::Off, |c| Printed::of(c, claim.value));
        if fit == Printed::Fits {
            continue;
        }
        let (msg, expected) = match computed {
            Some(c) => (
                format!(
                    "称“{part_name}”{} 万元占{}的 {}%，但 {} ÷ {} = {}%\
                     （已计入金额舍入与百分比印出位数的误差，可能范围 {}%–{}%）",
                    part.value,
                    whole_label,
                    claim.value,
                    part.value,
                    whole.value,
                    c.mid().round_dp(claim.value.scale().max(2)),
                    c.lo.round_dp(4),
                    c.hi.round_dp(4)
                ),
                c.mid().round_dp(claim.value.scale().max(2)),
            ),
            None => (
                format!(
                    "称“{part_name}”{} 万元占{whole_label}的 {}%，但{whole_label}为 0，比重无从计算",
                    part.value, claim.value
                ),
                Decimal::ZERO,
            ),
        };
        out.push(
            fit.finding(rule, msg, locs, &disc)
                .with_values(expected, claim.value),
        );
    }
}
