//! TEXT-COUNT, TEXT-PROCUREMENT, TEXT-OPERATING-COST: vehicle counts, 政府采购
//! and 机关运行经费.

use super::*;

pub(super) fn counts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(total) = facts::vehicles_owned(report) else {
        return;
    };
    let total_loc = Location::text(total.line, &total.heading);
    if let Some(k) = facts::vehicles_kept(report).filter(|k| k.value > total.value) {
        let mut locs = vec![total_loc.clone(), Location::text(k.line, &k.heading)];
        let mut cost = String::new();
        if let Some((_, a)) =
            facts::t7_row(report, "公务用车运行维护费").filter(|(_, a)| !a.value.is_zero())
        {
            cost = format!("，公开07表列支公务用车运行维护费 {} 万元", a.value);
            locs.push(a.loc());
        }
        if let Some(f) = facts::t6_fig(report, "公务用车运行维护费").filter(|f| !f.value.is_zero())
        {
            locs.push(f.loc());
        }
        let msg = format!(
            "国有资产占用情况称共有车辆 {} 辆，但“三公”经费说明称使用财政拨款开支运行维护费的\
             公务用车保有量 {} 辆{cost}：车辆数前后矛盾",
            total.value, k.value
        );
        out.push(
            rule.finding_keyed(msg, locs, "保有量")
                .with_values(k.value, total.value),
        );
    }
    let kinds = facts::find_in(
        report,
        &["国有资产"],
        &crate::rules::phrases::VEHICLES_BY_KIND,
    );
    let same: Vec<&facts::TextHit> = kinds.iter().filter(|k| k.line >= total.line).collect();
    if same.is_empty() {
        return;
    }
    let sum: Decimal = same.iter().map(|k| k.value).sum();
    if sum != total.value {
        let msg = format!(
            "共有车辆 {} 辆，但按类别列出的车辆之和为 {sum} 辆",
            total.value
        );
        let mut locs = vec![total_loc];
        locs.extend(same.iter().map(|k| Location::text(k.line, &k.heading)));
        out.push(
            rule.finding_keyed(msg, locs, "分类")
                .with_values(sum, total.value),
        );
    }
}

pub(super) fn one(report: &Report, re: &dyn crate::text::Pattern) -> Option<facts::TextHit> {
    facts::find_numbers(report, "政府采购", re)
        .into_iter()
        .next()
}

pub(super) fn procurement(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    // Two wordings: "政府采购支出总额…其中政府采购货物支出…" (the national
    // template) and "政府采购金额（以合同签订为准）为…其中：货物采购金额…" (Shanghai's).
    let total = one(
        report,
        crate::digit_regex!(
            r"政府采购(?:支出总额|金额)(?:[（(][^）)]*[）)])?\s*为?\s*([\d.,]+)\s*万元?"
        ),
    );
    let goods = one(report, &crate::rules::phrases::PROCUREMENT_GOODS);
    let works = one(report, &crate::rules::phrases::PROCUREMENT_WORKS);
    let services = one(report, &crate::rules::phrases::PROCUREMENT_SERVICES);
    let sme = one(report, &crate::rules::phrases::PROCUREMENT_SME);
    let small = one(report, &crate::rules::phrases::PROCUREMENT_SMALL);
    let loc = |h: &facts::TextHit| Location::text(h.line, &h.heading);
    if let (Some(t), Some(g), Some(w), Some(s)) = (&total, &goods, &works, &services) {
        push_sum_finding(
            out,
            rule,
            "政府采购支出总额",
            "货物、工程、服务支出之和",
            g.value + w.value + s.value,
            t.value,
            3,
            vec![loc(t), loc(g), loc(w), loc(s)],
            "总额",
        );
    }
    for (part, whole, what) in [
        (&sme, &total, "授予中小企业合同金额超过政府采购支出总额"),
        (&small, &sme, "授予小微企业合同金额超过授予中小企业合同金额"),
    ] {
        if let (Some(p), Some(w)) = (part, whole) {
            if p.value > w.value + ROUNDING_STEP {
                out.push(
                    rule.finding_keyed(
                        format!(
                            "{what}（{} 万元 > {} 万元）：部分不能大于整体",
                            p.value, w.value
                        ),
                        vec![loc(p), loc(w)],
                        what,
                    )
                    .with_values(w.value, p.value),
                );
            }
        }
    }
}

pub(super) fn operating_cost(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(hit) = facts::find_in(
        report,
        &["机关运行经费"],
        &crate::rules::phrases::OPERATING_COST,
    )
    .into_iter()
    .next() else {
        return;
    };
    let Some(t6) = facts::t6_fig(report, "公用经费合计") else {
        return;
    };
    let says_equal = hit.sentence.contains("一致");
    let exceeds = hit.value > t6.value + ROUNDING_STEP;
    let differs = (hit.value - t6.value).abs() > ROUNDING_STEP;
    // 机关运行经费 is the 公用经费 of the 行政 units; 06's covers every unit.
    // Equal only for a department of one 行政 unit; else only "not more".
    if says_equal && differs && !exceeds && !facts::single_administrative_unit(report) {
        let msg = format!(
            "未核对（口径不同；not checkable from the tables）：称机关运行经费 {} 万元与行政单位公用经费之和一致，\
             公开06表公用经费合计为 {} 万元，但06表含本部门全部单位（含事业单位或单位构成未说明），\
             行政单位的公用经费无法从表中得出",
            hit.value, t6.value
        );
        out.push(
            Finding::new(
                rule.id,
                Severity::Info,
                msg,
                vec![Location::text(hit.line, &hit.heading), t6.loc()],
                "",
            )
            .with_values(t6.value, hit.value),
        );
        return;
    }
    let breach = if says_equal { differs } else { exceeds };
    if !breach {
        return;
    }
    let msg = if says_equal {
        format!(
            "称机关运行经费 {} 万元与公用经费之和一致，但公开06表公用经费合计为 {} 万元",
            hit.value, t6.value
        )
    } else {
        format!(
            "机关运行经费 {} 万元超过公开06表公用经费合计 {} 万元：机关运行经费是公用经费的一部分",
            hit.value, t6.value
        )
    };
    out.push(
        rule.finding(msg, vec![Location::text(hit.line, &hit.heading), t6.loc()])
            .with_values(t6.value, hit.value),
    );
}
