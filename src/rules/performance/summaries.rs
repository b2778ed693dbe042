//! The projects against the narrative: each 自评综述 against its table, and
//! the count, funds and average score stated for all of them.

use super::*;

/// The line in a summary where `re` (group 1 a number) matches; the summary
/// may run over several paragraphs, its text their texts joined.
pub(super) fn summary_line(report: &Report, s: &ProjectSummary, re: &regex::Regex) -> LineNo {
    let Some(m) = re.find(&s.text) else {
        return s.line;
    };
    let mut at = s.text[..m.start()].chars().count();
    let paragraphs = report
        .narrative
        .paragraphs()
        .map(|(_, _, p)| p)
        .filter(|p| p.line >= s.line && p.end_line <= s.end_line);
    for p in paragraphs {
        let n = p.text.chars().count();
        if at < n {
            return p.line_at(at);
        }
        at -= n;
    }
    s.line
}

pub(super) fn summary_heading(report: &Report, s: &ProjectSummary) -> String {
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
pub(super) type FieldCheck<'a> = (
    &'static str,
    Option<Decimal>,
    Option<Decimal>,
    bool,
    &'a regex::Regex,
    LineNo,
);

pub(super) fn summary(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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
                    p.rate
                        .is_some_and(|t| Interval::printed(t).shares_printing(said))
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
                    || s.score.zip(p.total).is_none_or(|(a, b)| {
                        Interval::printed(a).shares_printing(Interval::printed(b))
                    }),
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
                rule.finding_keyed(msg, vec![primary, ploc(p, table_line, field)], field)
                    .with_values(table, said),
            );
        }
    }
}

pub(super) fn unlinked(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for p in report.projects.iter().filter(|p| p.link.is_none()) {
        let msg = format!(
            "项目绩效自评表“{}”在情况说明的项目绩效自评结果中找不到对应的自评综述",
            p.name
        );
        out.push(rule.finding(msg, vec![ploc(p, p.name_line, "项目(政策)名称")]));
    }
    let unread = unread_project_tables(report);
    for (i, s) in report.narrative.project_summaries.iter().enumerate() {
        let linked = report
            .projects
            .iter()
            .any(|p| p.link.as_ref().is_some_and(|l| l.summary == i));
        if linked {
            continue;
        }
        let mut msg = format!(
            "情况说明中“{}”的自评综述在附件中找不到对应的项目绩效自评表",
            s.name
        );
        let mut loc = Location::text(s.line, &summary_heading(report, s));
        loc.project = Some(s.name.clone());
        if let Some(why) = &unread {
            msg.push_str(&format!("；但{why}，它可能就在其中：未核对"));
        }
        let mut f = rule.finding_keyed(msg, vec![loc], &s.name);
        if unread.is_some() {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
}

/// Why a project table may be in the report though none was read for a
/// summary: tables the reader skipped (no 项目(政策)名称 row read), or PDF
/// pages not read. Absence is then no evidence (不能据此认定缺失).
fn unread_project_tables(report: &Report) -> Option<String> {
    let skipped = report
        .parse_issues
        .iter()
        .filter(|i| i.code == crate::report::IssueCode::Project && i.project.as_deref() == Some(""))
        .count();
    if skipped > 0 {
        Some(format!("附件中有 {skipped} 张绩效自评表未能读取"))
    } else if !report.source.unread_pages.is_empty() {
        Some("PDF 有页面未能读取".to_string())
    } else {
        None
    }
}

pub(super) fn executed_sum(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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
pub(super) fn perf_hits(
    report: &Report,
    re: &dyn crate::text::Pattern,
    overall: bool,
) -> Vec<TextHit> {
    facts::find_numbers(report, "绩效", re)
        .into_iter()
        .filter(|h| h.sentence.contains("整体") == overall && !h.sentence.contains("重点绩效"))
        .collect()
}

/// Whether a project's score was withheld (its summary says so).
pub(super) fn withheld(report: &Report, p: &Project) -> bool {
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
        crate::digit_regex!(r"自评平均分[^0-9。]*?(\d+(?:\.\d+)?)\s*分"),
        false,
    )
    .into_iter()
    .next()
}

pub(super) fn average(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
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

pub(super) fn count(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let n = Decimal::from(report.projects.len() as u64);
    let totals = [
        (
            "共涉及预算支出项目",
            perf_hits(report, &crate::rules::phrases::PERF_PROJECTS_COVERED, false),
        ),
        (
            "反映的项目绩效自评结果",
            perf_hits(report, &crate::rules::phrases::PERF_PROJECTS_ETC, false),
        ),
    ];
    // Project tables published elsewhere (many regions put them in a separate
    // document): the stated count cannot be compared with none.
    let has_tables = !report.projects.is_empty();
    for (what, hits) in &totals {
        for h in hits.iter().filter(|h| has_tables && h.value != n) {
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
            out.push(rule.finding_keyed(msg, locs, what).with_values(n, h.value));
        }
    }
    let parts: Vec<TextHit> = [
        &crate::rules::phrases::PERF_GENERAL_PROJECTS,
        &crate::rules::phrases::PERF_FUND_PROJECTS,
        &crate::rules::phrases::PERF_CAPITAL_PROJECTS,
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
                rule.finding_keyed(msg, locs, "分类")
                    .with_values(sum, total.value),
            );
        }
    }
    count_parts(rule, report, out);
}

/// A count the narrative splits into parts: the whole, and each part with
/// its name.
struct CountSplit {
    what: &'static str,
    whole: &'static dyn crate::text::Pattern,
    parts: Vec<(&'static str, &'static dyn crate::text::Pattern)>,
}

/// Counts of 预算绩效管理 that the narrative splits into parts (Shanghai's
/// phrasing): the projects self-evaluated by rating, and the problems found
/// by whether they are put right.
fn count_splits() -> [CountSplit; 2] {
    [
        CountSplit {
            what: "绩效自评的项目",
            whole: crate::digit_regex!(r"绩效自评的(?:\d{4}\s*年度)?项目\s*(\d+)\s*个"),
            parts: vec![
                ("优", &crate::rules::phrases::PERF_GRADE_EXCELLENT),
                ("良", &crate::rules::phrases::PERF_GRADE_GOOD),
                ("合格", &crate::rules::phrases::PERF_GRADE_PASS),
                ("不合格", &crate::rules::phrases::PERF_GRADE_FAIL),
            ],
        },
        CountSplit {
            what: "绩效自评中发现的问题",
            whole: &crate::rules::phrases::PERF_PROBLEMS,
            parts: vec![
                ("已完成整改", &crate::rules::phrases::PERF_FIXED),
                ("正在整改", &crate::rules::phrases::PERF_FIXING),
            ],
        },
    ]
}

/// The parts of a count stated in the narrative add up to it (all parts
/// must be stated: a missing one may be the difference).
fn count_parts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for split in count_splits() {
        let Some(whole) = perf_hits(report, split.whole, false).into_iter().next() else {
            continue;
        };
        let parts: Vec<(&str, TextHit)> = split
            .parts
            .iter()
            .filter_map(|(name, re)| {
                perf_hits(report, *re, false)
                    .into_iter()
                    .next()
                    .map(|h| (*name, h))
            })
            .collect();
        if parts.len() < split.parts.len() {
            continue;
        }
        let sum: Decimal = parts.iter().map(|(_, h)| h.value).sum();
        if sum == whole.value {
            continue;
        }
        let listed: Vec<String> = parts
            .iter()
            .map(|(name, h)| format!("{name} {}", h.value))
            .collect();
        let msg = format!(
            "情况说明称{} {} 个，但分列的 {} 之和为 {sum} 个",
            split.what,
            whole.value,
            listed.join("、")
        );
        let mut locs = vec![Location::text(whole.line, &whole.heading)];
        locs.extend(
            parts
                .iter()
                .map(|(_, h)| Location::text(h.line, &h.heading)),
        );
        out.push(
            rule.finding_keyed(msg, locs, split.what)
                .with_values(sum, whole.value),
        );
    }
}

pub(super) fn funds(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(hit) = perf_hits(report, &crate::rules::phrases::PERF_FUNDS, false)
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
        let tol = crate::rules::arith::tolerance_for(report.projects.len());
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
        &crate::rules::phrases::PERF_GENERAL_FUNDS,
        &crate::rules::phrases::PERF_FUND_FUNDS,
        &crate::rules::phrases::PERF_CAPITAL_FUNDS,
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
