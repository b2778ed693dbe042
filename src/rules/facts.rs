//! Where the rules find their figures: named cells of the schedules, the
//! sentences and clauses of the narrative, and the location of any source
//! line. Rules read the model only through these small lookups, so that a
//! change of layout is fixed in one place.

use super::Location;
use crate::report::{
    Claim, ClaimKind, CodeLevel, LineNo, Panel, Report, Row, RowCode, RowKind, Schedule, ScheduleId,
};
use crate::text::squash;
use rust_decimal::Decimal;

/// A figure read from a schedule cell, with where it stands. The location is
/// built only when a finding needs it: most figures are read and found right.
#[derive(Debug, Clone)]
pub struct Fig<'a> {
    /// The amount (blank reads as zero).
    pub value: Decimal,
    /// Whether the cell was blank.
    pub blank: bool,
    at: At<'a>,
}

#[derive(Debug, Clone)]
enum At<'a> {
    Cell(&'a Schedule, &'a Panel, &'a Row, usize),
    Place(Location),
}

impl<'a> Fig<'a> {
    /// A figure that stands at a place other than a cell (a whole schedule).
    pub fn at(value: Decimal, blank: bool, loc: Location) -> Self {
        Fig {
            value,
            blank,
            at: At::Place(loc),
        }
    }

    /// Where the figure stands.
    pub fn loc(&self) -> Location {
        match &self.at {
            At::Cell(s, p, row, col) => {
                let column = p.columns.get(*col).map(|c| c.name.as_str()).unwrap_or("");
                Location::cell(row.line, s.id, &row.key(), column)
            }
            At::Place(l) => l.clone(),
        }
    }
}

/// The cell at (`row`, column index `col`) as a figure; none for text cells.
pub fn fig<'a>(s: &'a Schedule, p: &'a Panel, row: &'a Row, col: usize) -> Option<Fig<'a>> {
    let c = row.cells.get(col)?;
    let value = c.value()?;
    Some(Fig {
        value,
        blank: c.is_blank(),
        at: At::Cell(s, p, row, col),
    })
}

/// The schedule `n` when the report carries it (in full or in part).
pub fn schedule(report: &Report, n: u8) -> Option<&Schedule> {
    report
        .schedule(ScheduleId(n))
        .filter(|s| s.is_present() && !s.panels.is_empty())
}

/// The first total row (合计, 本年收入合计 …) of a panel.
pub fn total_row(p: &Panel) -> Option<&Row> {
    p.rows.iter().find(|r| r.kind == RowKind::Total)
}

/// The 合计 row's cell in column `column` of a single-panel table.
pub fn total_fig<'a>(report: &'a Report, n: u8, column: &str) -> Option<Fig<'a>> {
    let s = schedule(report, n)?;
    let p = s.main_panel()?;
    let row = total_row(p)?;
    let i = self::column(p, column)?;
    fig(s, p, row, i)
}

/// The column named `name`; "小计" (the spending total of 05/08/09) falls
/// back to a column headed "合计", which other templates (Shanghai's) print.
pub fn column(p: &Panel, name: &str) -> Option<usize> {
    p.column_index(name).or_else(|| {
        (name == "小计")
            .then(|| p.columns.iter().position(|c| c.name == "合计"))
            .flatten()
    })
}

/// The row of a function table with this code.
pub fn code_fig<'a>(report: &'a Report, n: u8, code: &str, column: &str) -> Option<Fig<'a>> {
    let s = schedule(report, n)?;
    let p = s.main_panel()?;
    let row = p.row_by_code(code)?;
    fig(s, p, row, self::column(p, column)?)
}

/// A 类 row of a function table whose 科目名称 is `name`.
pub fn class_row<'a>(p: &'a Panel, name: &str) -> Option<&'a Row> {
    let name = squash(name);
    p.rows
        .iter()
        .filter(|r| r.level() == Some(CodeLevel::Class))
        .find(|r| matches!(&r.code, Some(RowCode::Function { .. })) && r.label == name)
}

/// The children of a function-code row whose 科目名称 matches `name`
/// (equal, or one a prefix of the other: tables cut long names).
pub fn child_row<'a>(p: &'a Panel, parent: &Row, name: &str) -> Option<&'a Row> {
    let Some(RowCode::Function { code: pc }) = &parent.code else {
        return None;
    };
    let name = squash(name);
    let children = || {
        p.rows.iter().filter(
            move |r| matches!(&r.code, Some(RowCode::Function { code }) if code.is_child_of(pc)),
        )
    };
    children().find(|r| r.label == name).or_else(|| {
        children().find(|r| {
            let l = r.label.as_str();
            !l.is_empty() && (l.starts_with(name.as_ref()) || name.starts_with(l))
        })
    })
}

/// The side panel ("收入" or "支出") of a two-sided table.
pub fn side<'a>(report: &'a Report, n: u8, name: &str) -> Option<(&'a Schedule, &'a Panel)> {
    let s = schedule(report, n)?;
    s.panel(name).map(|p| (s, p))
}

/// The cell of the first row (any kind) whose label contains `key`, column 0.
pub fn side_fig<'a>(report: &'a Report, n: u8, side_name: &str, key: &str) -> Option<Fig<'a>> {
    let (s, p) = side(report, n, side_name)?;
    let row = p.rows.iter().find(|r| r.label.contains(key))?;
    fig(s, p, row, 0)
}

/// The row of a two-sided panel with this kind (总计, 本年收入合计 …).
pub fn side_kind_fig<'a>(
    report: &'a Report,
    n: u8,
    side_name: &str,
    kind: RowKind,
) -> Option<Fig<'a>> {
    let (s, p) = side(report, n, side_name)?;
    let row = p.rows.iter().find(|r| r.kind == kind)?;
    fig(s, p, row, 0)
}

/// An economic class or total row of 公开06表 by code ("301") or label
/// ("人员经费合计"), with its 决算数.
pub fn t6_fig<'a>(report: &'a Report, key: &str) -> Option<Fig<'a>> {
    let s = schedule(report, 6)?;
    s.panels.iter().find_map(|p| {
        let row = if key.bytes().all(|b| b.is_ascii_digit()) {
            p.row_by_code(key)
        } else {
            p.rows.iter().find(|r| r.label.contains(key))
        }?;
        fig(s, p, row, 0)
    })
}

/// The 公开07表 row named by `key` (see [`crate::text::t7_key`]) and its 预算数, 决算数.
pub fn t7_row<'a>(report: &'a Report, key: &str) -> Option<(Fig<'a>, Fig<'a>)> {
    let s = schedule(report, 7)?;
    let p = s.main_panel()?;
    // Templates differ in the 公务用车 labels: "购置及运行维护费" / "购置及运行费",
    // "运行维护费" / "运行费" name the same rows.
    let plain = |t: &str| t.replace("维护", "");
    let want = plain(key);
    let row = p.rows.iter().find(|r| {
        let l = r.label.as_str();
        if key == "合计" {
            l == "合计"
        } else {
            plain(l).contains(&want)
        }
    })?;
    let budget = fig(s, p, row, p.column_index("预算数")?)?;
    let actual = fig(s, p, row, p.column_index("决算数")?)?;
    Some((budget, actual))
}

/// The heading of the section a claim stands in.
pub fn heading<'a>(report: &'a Report, claim: &Claim) -> &'a str {
    report.narrative.heading_of(claim)
}

/// Whether all 财政拨款 spending is 一般公共预算 (公开04表's 政府性基金 and
/// 国有资本经营 columns are zero or blank): only then is a 财政拨款 figure
/// of the same scope as 公开05表's. None when 04 is not there to say.
pub fn fiscal_is_general_budget(report: &Report) -> Option<bool> {
    let (s, p) = side(report, 4, "支出")?;
    let total = p.rows.iter().find(|r| r.kind == RowKind::Total)?;
    let mut others = p
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.name.contains("政府性基金") || c.name.contains("国有资本"));
    Some(others.all(|(i, _)| fig(s, p, total, i).is_none_or(|f| f.value.is_zero())))
}

/// The 年初预算 and the 支出决算 stated last among `claims` (in text order):
/// "年初预算为 A 万元，支出决算为 B 万元".
pub fn budget_and_actual<'a>(claims: &[&'a Claim]) -> Option<(&'a Claim, &'a Claim)> {
    let last = |is: &dyn Fn(&str) -> bool| claims.iter().rev().find(|c| is(&c.clause)).copied();
    let budget = last(&|c| c.ends_with("预算为") && !c.contains("决算"))?;
    let actual = last(&|c| c.ends_with("决算为"))?;
    Some((budget, actual))
}

/// Whether all the department's money is 一般公共预算财政拨款: no other
/// 财政拨款 (see [`fiscal_is_general_budget`]) and no income but 财政拨款
/// (公开02表's 本年收入合计 = 财政拨款收入). Only then is a figure of the whole
/// department (整体绩效) of the scope of one stated for 一般公共预算.
pub fn all_money_is_general_budget(report: &Report) -> bool {
    let income = total_fig(report, 2, "本年收入合计");
    let fiscal = total_fig(report, 2, "财政拨款收入");
    fiscal_is_general_budget(report) == Some(true)
        && matches!((income, fiscal), (Some(i), Some(f)) if i.value == f.value)
}

/// Whether the department is one administrative unit: its 单位构成 lists a
/// single unit and no 事业单位. Only then is 机关运行经费 (the 公用经费 of
/// 行政 units) of the same scope as 公开06表's 公用经费 of all units. False
/// when the composition is not stated.
pub fn single_administrative_unit(report: &Report) -> bool {
    let Some(section) = report
        .narrative
        .sections
        .iter()
        .find(|s| s.heading.contains("单位构成"))
    else {
        return false;
    };
    let text: String = section.paragraphs.iter().map(|p| p.text.as_str()).collect();
    if text.contains("事业单位") {
        return false;
    }
    // The units are listed numbered ("1. 某局（本级）"), in a paragraph or a
    // table row each; a second number means a second unit.
    let numbered = crate::digit_regex!(r"(?:^|[\s\t。；])([1-9]\d?)\s*[.、．\t]");
    let listed: Vec<&str> = section
        .paragraphs
        .iter()
        .flat_map(|p| numbered.captures_iter(&p.text))
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    listed == ["1"]
}

/// The narrative location of a claim.
pub fn claim_loc(report: &Report, claim: &Claim) -> Location {
    Location::text(claim.line, heading(report, claim))
}

/// The text of a claim's paragraph.
pub fn para_text<'a>(report: &'a Report, claim: &Claim) -> &'a str {
    report
        .narrative
        .paragraph_of(claim)
        .map(|p| p.text.as_str())
        .unwrap_or("")
}

/// Every claim's subject, normalised (see [`crate::text::normalise_subject`]), by claim
/// index: normalised once per report, copied once per rule that searches
/// subjects.
pub fn subjects(report: &Report) -> Vec<String> {
    report
        .narrative
        .claims
        .iter()
        .map(|c| {
            c.norm_subject
                .get_or(|| crate::text::normalise_subject(&c.subject))
                .to_string()
        })
        .collect()
}

/// The claims of one paragraph, in order.
pub fn para_claims<'a>(report: &'a Report, claim: &Claim) -> impl Iterator<Item = &'a Claim> {
    let (s, p) = (claim.section, claim.paragraph);
    report
        .narrative
        .claims
        .iter()
        .filter(move |c| c.section == s && c.paragraph == p)
}

/// The nearest amount stated before `claim` in the same sentence.
pub fn amount_before<'a>(report: &'a Report, claim: &Claim) -> Option<&'a Claim> {
    para_claims(report, claim)
        .filter(|c| {
            c.kind == ClaimKind::Amount && c.offset < claim.offset && c.sentence == claim.sentence
        })
        .last()
}

/// Whether a section heading is about `key`.
pub fn heading_has(report: &Report, claim: &Claim, key: &str) -> bool {
    heading(report, claim).contains(key)
}

/// A match of a regex in a narrative paragraph: its number, line and place.
#[derive(Debug, Clone)]
pub struct TextHit {
    /// The captured number.
    pub value: Decimal,
    /// Its source line.
    pub line: LineNo,
    /// The section heading.
    pub heading: String,
    /// The sentence (between 。) it stands in.
    pub sentence: String,
}

/// Every match of `re` (whose group 1 is a number) in the paragraphs of
/// sections whose heading contains `heading_key`.
pub fn find_numbers(
    report: &Report,
    heading_key: &str,
    re: &dyn crate::text::Pattern,
) -> Vec<TextHit> {
    find_numbers_where(report, |h| h.contains(heading_key), re)
}

/// Like [`find_numbers`] in the sections whose heading has one of `keys`
/// (where such a statement belongs); the whole narrative when none there has it.
pub fn find_in(report: &Report, keys: &[&str], re: &dyn crate::text::Pattern) -> Vec<TextHit> {
    let headed = |h: &str| keys.iter().any(|k| h.contains(k));
    let hits = find_numbers_where(report, headed, re);
    if hits.is_empty() {
        // The sections searched first had none, so the rest is the whole
        // narrative's answer; they are not searched again.
        find_numbers_where(report, |h| !headed(h), re)
    } else {
        hits
    }
}

/// "共有车辆 N 辆", as 国有资产占用情况 states the vehicles the department has.
pub fn vehicles_owned(report: &Report) -> Option<TextHit> {
    let re = &crate::rules::phrases::VEHICLES_OWNED;
    find_in(report, &["国有资产"], re).into_iter().next()
}

/// "公务用车保有量（为） N 辆", as the 三公 section states the vehicles run
/// on 财政拨款.
pub fn vehicles_kept(report: &Report) -> Option<TextHit> {
    let re = &crate::rules::phrases::VEHICLES_KEPT;
    find_in(report, &["三公"], re).into_iter().next()
}

fn find_numbers_where(
    report: &Report,
    heading: impl Fn(&str) -> bool,
    re: &dyn crate::text::Pattern,
) -> Vec<TextHit> {
    let mut out = Vec::new();
    let mut numbers = Vec::new();
    for (_, s, p) in report.narrative.paragraphs() {
        if !heading(&s.heading) {
            continue;
        }
        // `\d` in the patterns matches full-width digits too; `amount` reads them.
        let text = &p.text;
        numbers.clear();
        re.numbers(text, &mut numbers);
        for m in &numbers {
            let Some(value) = crate::text::amount(&text[m.clone()]) else {
                continue;
            };
            let offset = text[..m.start].chars().count();
            let stop = |&(i, c): &(usize, char)| crate::text::is_full_stop(text, i, c);
            let from = text[..m.start]
                .char_indices()
                .rev()
                .find(stop)
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0);
            let to = text[m.end..]
                .char_indices()
                .map(|(i, c)| (m.end + i, c))
                .find(stop)
                .map(|(i, _)| i)
                .unwrap_or(text.len());
            out.push(TextHit {
                value,
                line: p.line_at(offset),
                heading: s.heading.clone(),
                sentence: text[from..to].to_string(),
            });
        }
    }
    out
}

/// The name a location uses for the 整体绩效自评表.
pub const OVERALL: &str = "部门（单位）整体绩效自评表";

/// Where a source line stands: in a narrative section, a project table, the
/// 整体绩效自评表, a schedule, or nowhere known.
pub fn locate_line(report: &Report, line: LineNo) -> Location {
    if let Some(p) = report
        .projects
        .iter()
        .find(|p| p.line <= line && line <= p.end_line)
    {
        return Location::project(line, &p.name, None);
    }
    if report
        .overall
        .as_ref()
        .is_some_and(|o| o.line <= line && line <= o.end_line)
    {
        return Location::project(line, OVERALL, None);
    }
    if let Some(s) = report
        .schedules
        .iter()
        .find(|s| s.lines.is_some_and(|(a, b)| a <= line && line <= b))
    {
        return Location::schedule(line, s.id, None);
    }
    let section = report
        .narrative
        .sections
        .iter()
        .rfind(|s| s.line <= line)
        .map(|s| s.heading.as_str())
        .unwrap_or("");
    Location::text(line, section)
}

/// Counts how often each key was seen, for discriminators of findings that
/// repeat at one semantic location ("高校高校#2").
#[derive(Debug, Default)]
pub struct Occurrences(std::collections::HashMap<String, usize>);

impl Occurrences {
    /// `key#n`, n counting from 1 for each key.
    pub fn next(&mut self, key: String) -> String {
        let n = self.0.entry(key.clone()).or_insert(0);
        *n += 1;
        format!("{key}#{n}")
    }
}
