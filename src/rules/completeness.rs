//! Completeness: all nine schedules are there, in full; an empty one says
//! so; the narrative covers every part the template requires.

use super::{Finding, Location, Rule, Severity};
use crate::report::{Report, ScheduleId, ScheduleStatus};
use crate::text::squash;

/// The completeness family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "SCHEDULE-MISSING",
        title: "九张公开表必须全部公开（空表也须公开并说明“本表为空”）",
        rationale: "财政部门要求部门决算公开全部九张表（公开01–09表）。本部门没有某类资金时，\
                    该表仍须公开，并注明本表为空。缺表通常意味着公开不完整，或政府性基金、\
                    国有资本经营预算两张空表被漏掉；审核时应要求补充公开。\
                    PDF有页面未能读取时，缺表无法认定，只作提示（未核对）。",
        severity: Severity::Error,
        check: missing,
    },
    Rule {
        id: "SCHEDULE-PARTIAL",
        title: "公开表不完整：部分行次或栏目缺失",
        rationale: "表格只公开了一部分（例如收入支出决算总表缺少前若干行次）。缺失部分无法核对，\
                    表内和表间的勾稽关系只能部分验证。常见原因是转换PDF或排版时丢页、截断。",
        severity: Severity::Warning,
        check: partial,
    },
    Rule {
        id: "SCHEDULE-EMPTY-STATEMENT",
        title: "空表须注明“本表为空”",
        rationale: "本部门没有某类资金时，对应的公开表（常见为政府性基金、国有资本经营预算两张表）\
                    仍须公开，并在表下注明本表为空及原因。表中没有任何金额又没有这句说明，读者无法\
                    分辨是确无此类资金，还是数据漏填。",
        severity: Severity::Warning,
        check: empty_statement,
    },
    Rule {
        id: "NARRATIVE-PART-MISSING",
        title: "情况说明缺少模板要求的部分",
        rationale: "部门决算情况说明须逐项说明：收入支出总体情况、财政拨款支出情况、“三公”经费\
                    （含出国团组和人次、公务接待批次和人次、公务用车购置数和保有量）、一般公共预算\
                    财政拨款基本支出、机关运行经费、政府采购、国有资产占用（车辆、单价100万元以上\
                    设备）和预算绩效情况。缺少某一部分，说明公开内容不完整，应要求补充。\
                    PDF有页面未能读取时，缺少的部分可能在该页上，只作提示（未核对）。",
        severity: Severity::Warning,
        check: narrative_parts,
    },
];

/// Pages of a PDF that were not read (see `Source::unread_pages`), as the
/// reason an absence is not evidence: "第3、7页未能完整读取", or none.
fn unread_pages(report: &Report) -> Option<String> {
    let pages = &report.source.unread_pages;
    if pages.is_empty() {
        return None;
    }
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    Some(format!("第{}页未能完整读取", list.join("、")))
}

/// A finding on something not found, downgraded to a note when pages were
/// not read: what is absent from the text read may stand on those pages, so
/// the absence is not checked, not contradicted.
fn absent(rule: &Rule, report: &Report, msg: String, locs: Vec<Location>, key: &str) -> Finding {
    match unread_pages(report) {
        None => rule.finding_keyed(msg, locs, key),
        Some(pages) => Finding::new(
            rule.id,
            Severity::Info,
            format!("未核对（{pages}，可能在其中；not checked）：{msg}"),
            locs,
            key,
        ),
    }
}

fn missing(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for s in &report.schedules {
        if s.status == ScheduleStatus::Missing {
            let mut msg = format!("{}《{}》未公开：报告中找不到此表", s.id.label(), s.title);
            let line = expected_place(report, s.id);
            let mut locs = vec![Location::schedule(line, s.id, None)];
            if let Some((l, heading, said)) = says_none(report, s.id) {
                msg.push_str(&format!(
                    "。情况说明称{said}，但没有此类资金时空表仍须公开，并注明“本表为空”"
                ));
                locs.push(Location::text(l, &heading));
            }
            out.push(absent(rule, report, msg, locs, ""));
        }
    }
}

fn partial(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for s in &report.schedules {
        if let ScheduleStatus::Partial { missing } = &s.status {
            let msg = format!("{}《{}》不完整：{}", s.id.label(), s.title, missing);
            let line = s.heading_line.or(s.lines.map(|l| l.0)).unwrap_or(0);
            out.push(rule.finding(msg, vec![Location::schedule(line, s.id, None)]));
        }
    }
}

/// Where a missing schedule should have been: the last line of the nearest
/// present schedule before it (or the first line of the next one), so the
/// auditor lands where the table is absent.
fn expected_place(report: &Report, id: crate::report::ScheduleId) -> u32 {
    let before = report
        .schedules
        .iter()
        .filter(|s| s.id < id)
        .filter_map(|s| s.lines)
        .map(|l| l.1)
        .max();
    let after = report
        .schedules
        .iter()
        .filter(|s| s.id > id)
        .filter_map(|s| s.lines)
        .map(|l| l.0)
        .min();
    before.or(after).unwrap_or(0)
}

/// The narrative's "本部门…无政府性基金预算财政拨款支出" for 08 (国有资本经营 for 09).
fn says_none(report: &Report, id: ScheduleId) -> Option<(u32, String, String)> {
    let fund = match id.0 {
        8 => "政府性基金",
        9 => "国有资本经营",
        _ => return None,
    };
    report.narrative.paragraphs().find_map(|(_, s, p)| {
        if !p.text.contains(fund) {
            return None;
        }
        let t = squash(&p.text);
        let key = format!("无{fund}预算财政拨款");
        let at = t.find(&key)?;
        let end = t[at..]
            .char_indices()
            .find(|&(i, c)| crate::text::is_full_stop(&t, at + i, c))
            .map_or(t.len(), |(i, _)| at + i);
        let said = t[at..end].to_string();
        Some((p.line, s.heading.clone(), said))
    })
}

fn empty_statement(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for s in report.schedules.iter().filter(|s| s.is_present()) {
        if s.empty_statement.is_some() || !s.is_empty_of_amounts() {
            continue;
        }
        let msg = format!(
            "{}《{}》没有任何金额，但表下没有“本表为空”的说明",
            s.id.label(),
            s.title
        );
        let line = s.heading_line.or(s.lines.map(|l| l.0)).unwrap_or(0);
        out.push(rule.finding(msg, vec![Location::schedule(line, s.id, None)]));
    }
}

/// The parts of 情况说明 the template requires: a name and the words that
/// show it is there (in a heading or the text).
const PARTS: [(&str, &[&str]); 12] = [
    ("收入支出决算总体情况", &["收入支出决算总体"]),
    ("财政拨款支出决算情况", &["财政拨款支出决算情况"]),
    ("“三公”经费支出情况", &["三公"]),
    ("因公出国（境）团组与人次", &["团组"]),
    ("公务接待批次与人次", &["批次"]),
    ("公务用车购置数与保有量", &["保有量"]),
    ("一般公共预算财政拨款基本支出情况", &["基本支出决算情况"]),
    ("机关运行经费", &["机关运行经费"]),
    ("政府采购", &["政府采购"]),
    ("国有资产占用情况", &["国有资产"]),
    // The threshold is the region's: 单价100万元（含）以上设备, or 50万元 for
    // 通用设备 and 100万元 for 专用设备; the sentence says 单价 and 以上…设备.
    (
        "大额设备（单价若干万元以上设备）",
        &["单价", "以上设备", "以上通用设备", "以上专用设备"],
    ),
    ("预算绩效情况", &["绩效"]),
];

fn narrative_parts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let sections = &report.narrative.sections;
    if sections.is_empty() {
        return;
    }
    // The parts are looked for in 情况说明 (from its heading to 名词解释), not
    // in 概况 where the duties mention 国有资产 and 政府采购 in passing.
    let start = sections
        .iter()
        .position(|s| s.heading.contains("情况说明"))
        .unwrap_or(0);
    let end = sections
        .iter()
        .skip(start)
        .position(|s| s.heading.contains("名词解释"))
        .map(|i| start + i)
        .unwrap_or(sections.len());
    let explained = &sections[start..end];
    let (line, heading) = (sections[start].line, sections[start].heading.clone());
    // No 三公 spending at all: 团组, 批次 and 保有量 need not be stated.
    let no_sangong = explained
        .iter()
        .filter(|s| s.heading.contains("三公"))
        .any(|s| {
            s.paragraphs.iter().any(|p| {
                let t = squash(&p.text);
                t.contains("无“三公”经费") || t.contains("无三公经费")
            })
        });
    for (name, keys) in PARTS {
        if no_sangong && ["团组", "批次", "保有量"].contains(&keys[0]) {
            continue;
        }
        let found = explained.iter().any(|s| {
            keys.iter()
                .any(|k| s.heading.contains(k) || s.paragraphs.iter().any(|p| p.text.contains(k)))
        });
        if found {
            continue;
        }
        let msg = format!("情况说明中找不到“{name}”的说明");
        out.push(absent(
            rule,
            report,
            msg,
            vec![Location::text(line, &heading)],
            name,
        ));
    }
}
