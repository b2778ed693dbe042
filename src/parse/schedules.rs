//! The nine 公开 schedules: find each block, then read it by its shape.

use super::economic;
use super::issues::Issues;
use crate::report::{
    Cell, Column, EconomicCode, FunctionCode, LineNo, Panel, ParseIssue, Row, RowCode, RowKind,
    Schedule, ScheduleId, ScheduleStatus, SCHEDULE_IDS,
};
use crate::text::{amount, cells, excerpt, heading_id, is_row, squash, title_id};
use rust_decimal::Decimal;
use std::ops::Range;

/// The most value columns a schedule panel may have. Real ones have at most
/// ten; every data row gets one cell per column, so without a bound a
/// header of 60 000 tabs made each short row allocate 60 000 cells (a 100 KB
/// file took gigabytes). Further header cells are ignored and reported.
pub const MAX_COLUMNS: usize = 64;

/// The most table lines read per schedule. A real schedule has at most a
/// few hundred rows; each row holds one cell per column, so without a bound
/// a 6 MB file of one-word rows under a wide header took 1.9 GB.
pub const MAX_ROWS: usize = 20_000;

/// The line a schedule block starts on: its title line just above the
/// heading when there is one, else the heading itself.
pub fn title_start(lines: &[&str], heading: usize) -> usize {
    let mut i = heading;
    for _ in 0..4 {
        if i == 0 {
            break;
        }
        i -= 1;
        let l = lines[i].trim();
        if l.is_empty() {
            continue;
        }
        if !is_row(l) && squash(l).ends_with('表') {
            return i;
        }
        break;
    }
    heading
}

/// Whether line `i` is the title of a table that is none of the nine: a
/// short line ending in 表, that names no part of the report (第四部分…决算表)
/// and no 绩效 annex, with a 单位 line under it before any row — the shape of
/// every schedule's head. A known title never is one; nor is a title just
/// above a "公开NN表" heading, which is that schedule's own (`starts`).
fn is_extra_title(lines: &[&str], i: usize, starts: &std::collections::HashSet<usize>) -> bool {
    let l = lines[i].trim();
    if l.is_empty() || is_row(l) || !l.ends_with('表') || starts.contains(&i) {
        return false;
    }
    let t = squash(l);
    let n = t.chars().count();
    if !(5..=40).contains(&n)
        || t.starts_with('第')
        || t.contains("绩效")
        || heading_id(l).is_some()
    {
        return false;
    }
    if title_id(l).is_some() || title_id(strip_list_number(&t)).is_some() {
        return false;
    }
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .take_while(|l| !is_row(l))
        .any(|l| {
            let t = squash(l);
            t.starts_with("单位") || t.starts_with("金额单位") || t.starts_with("编制单位")
        })
}

/// A title without its list number ("十二、政府采购情况表" → "政府采购情况表").
fn strip_list_number(t: &str) -> &str {
    match t.split_once('、') {
        Some((n, rest))
            if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) =>
        {
            rest
        }
        _ => t,
    }
}

struct Block {
    id: ScheduleId,
    start: usize,
    heading: Option<usize>,
    end: usize,
}

/// Parse the tables region into the nine schedule slots.
pub fn parse(lines: &[&str], region: Range<usize>, issues: &mut Issues) -> Vec<Schedule> {
    let mut markers: Vec<(usize, ScheduleId, Option<usize>)> = Vec::new();
    for i in region.clone() {
        if let Some(id) = heading_id(lines[i]) {
            markers.push((title_start(lines, i), id, Some(i)));
        }
    }
    // Titles with no heading near them start a block too. (Sets, not a scan
    // of every marker per title: a hostile file of 100 000 titles and
    // headings stays linear.)
    let starts: std::collections::HashSet<usize> = markers.iter().map(|m| m.0).collect();
    let headings: Vec<usize> = markers.iter().filter_map(|m| m.2).collect();
    for i in region.clone() {
        if let Some(id) = title_id(lines[i]) {
            // `headings` is ascending: the first heading after i decides.
            let next = headings.partition_point(|&h| h <= i);
            let covered = starts.contains(&i) || headings.get(next).is_some_and(|&h| h <= i + 4);
            if !covered {
                markers.push((i, id, None));
            }
        }
    }
    markers.sort_by_key(|m| m.0);
    // Tables none of the nine end the block before them and are skipped.
    let extras: Vec<usize> = region
        .clone()
        .filter(|&i| is_extra_title(lines, i, &starts))
        .collect();
    for &i in &extras {
        issues.push(ParseIssue {
            code: crate::report::IssueCode::ExtraTable,
            line: i as LineNo + 1,
            message: format!(
                "“{}”不在九张公开表之列：其中的数字未读取，也未据以核对",
                squash(lines[i])
            ),
            schedule: None,
            project: None,
        });
    }
    let next_extra = |after: usize| extras.iter().copied().find(|&e| e > after);

    let mut blocks: Vec<Block> = Vec::new();
    // Rows before the first marker: a schedule that lost its head (the
    // sample's 公开01表 starts at row 23). Only 01 has that two-sided shape
    // before 02, so it is read as 01 when 01 has no heading of its own.
    let first = markers
        .first()
        .map(|m| m.0)
        .unwrap_or(region.end)
        .min(extras.first().copied().unwrap_or(region.end));
    // Rows aligned with spaces count too: the schedule is there, unread, not
    // missing.
    let orphan_rows =
        (region.start..first).any(|i| is_row(lines[i]) || looks_like_untabbed_row(lines[i]));
    if orphan_rows && !markers.iter().any(|m| m.1 == ScheduleId(1)) {
        blocks.push(Block {
            id: ScheduleId(1),
            start: region.start,
            heading: None,
            end: first,
        });
    } else if orphan_rows {
        let line = (region.start..first)
            .find(|&i| is_row(lines[i]) || looks_like_untabbed_row(lines[i]))
            .unwrap_or(region.start);
        issues.push(issue(
            line,
            None,
            "expected a 公开NN表 heading or title above the first table row; \
             the rows before the first heading belong to no schedule and were skipped"
                .into(),
        ));
    }
    for (k, (start, id, heading)) in markers.iter().enumerate() {
        let end = markers.get(k + 1).map(|m| m.0).unwrap_or(region.end);
        let end = next_extra(*start).map_or(end, |e| e.min(end));
        blocks.push(Block {
            id: *id,
            start: *start,
            heading: *heading,
            end,
        });
    }

    // Each block's printed unit, read once; a block whose head was lost
    // takes the unit the others share.
    let units: Vec<Option<&'static str>> = blocks.iter().map(|b| head_unit(lines, b)).collect();
    let shared = shared_unit(&units);
    let mut slots: Vec<Schedule> = SCHEDULE_IDS
        .iter()
        .map(|id| Schedule::missing(*id))
        .collect();
    for (b, unit) in blocks.iter().zip(&units) {
        let Some(slot) = slots.get_mut(b.id.0 as usize - 1) else {
            continue;
        };
        if slot.is_present() {
            let first = slot
                .lines
                .map(|l| format!(" (first on line {})", l.0))
                .unwrap_or_default();
            issues.push(issue(
                b.start,
                Some(b.id),
                format!(
                    "expected each schedule once, but {} appears again{first}; \
                     this copy (to line {}) was skipped",
                    b.id.label(),
                    b.end.max(b.start + 1)
                ),
            ));
            continue;
        }
        *slot = parse_block(lines, b, unit.or(shared), issues);
    }
    slots
}

fn issue(line0: usize, schedule: Option<ScheduleId>, message: String) -> ParseIssue {
    ParseIssue {
        code: crate::report::IssueCode::Table,
        line: line0 as LineNo + 1,
        message,
        schedule,
        project: None,
    }
}

fn too_many_columns(line0: usize, schedule: ScheduleId, found: usize) -> ParseIssue {
    issue(
        line0,
        Some(schedule),
        format!(
            "header has {found} columns, expected at most {MAX_COLUMNS}; \
             only the first {MAX_COLUMNS} were read"
        ),
    )
}

fn row_issue(line0: usize, schedule: ScheduleId, message: String) -> ParseIssue {
    ParseIssue {
        code: crate::report::IssueCode::Row,
        line: line0 as LineNo + 1,
        message,
        schedule: Some(schedule),
        project: None,
    }
}

/// The lines of a block, classified.
struct BlockLines<'a> {
    /// Table rows (tab-separated), with their 0-based line index.
    rows: Vec<(usize, Vec<&'a str>)>,
    notes: Vec<(LineNo, String)>,
    empty_statement: Option<LineNo>,
    title: Option<String>,
    /// The first table line left unread because of [`MAX_ROWS`] (0-based).
    unread_from: Option<usize>,
    /// The first line that reads like a data row but is not tab-separated
    /// (columns aligned with spaces, as `pdftotext -layout` prints them),
    /// 0-based.
    untabbed: Option<usize>,
}

fn classify<'a>(lines: &[&'a str], b: &Block) -> BlockLines<'a> {
    let mut out = BlockLines {
        rows: Vec::new(),
        notes: Vec::new(),
        empty_statement: None,
        title: None,
        unread_from: None,
        untabbed: None,
    };
    for i in b.start..b.end {
        let l = lines[i];
        if l.trim().is_empty() || Some(i) == b.heading {
            continue;
        }
        if is_row(l) {
            if out.rows.len() < MAX_ROWS {
                // A dash printed for nothing is an empty cell, whether it
                // stands for an amount, a code or a label.
                let row = cells(l)
                    .into_iter()
                    .map(|c| if is_nil_mark(c.trim()) { "" } else { c })
                    .collect();
                out.rows.push((i, row));
            } else {
                out.unread_from.get_or_insert(i);
            }
            continue;
        }
        if b.id == ScheduleId(7) && is_blank_sangong_row(l) {
            out.rows.push((i, vec![l.trim()]));
            continue;
        }
        if out.untabbed.is_none() && looks_like_untabbed_row(l) {
            out.untabbed = Some(i);
        }
        let t = squash(l).into_owned();
        // "如本表为空…" (national template) or "…故本表无数据" (Shanghai).
        if t.contains("本表为空") || t.contains("本表无数据") {
            out.empty_statement = Some(i as LineNo + 1);
            out.notes.push((i as LineNo + 1, t));
        } else if t.starts_with('注') || t.starts_with("本表金额") || t.starts_with("其中：预算数")
        {
            out.notes.push((i as LineNo + 1, t));
        } else if i == b.start
            && t.ends_with('表')
            && (b.heading.is_some() || title_id(l) == Some(b.id))
        {
            out.title = Some(t);
        }
    }
    out
}

/// A 公开07表 row whose cells are all blank, once an editor or a terminal's
/// copy dropped the trailing tabs: its label alone ("1．因公出国（境）费",
/// "（2）公务用车运行费"), so it has no tab left. Without it the row is
/// missing, and a sentence on that item has no blank budget to be told of.
fn is_blank_sangong_row(l: &str) -> bool {
    let t = squash(l);
    let label = t.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '．' | '.' | '、' | '（' | '）' | '(' | ')' | '其' | '中' | '：' | ':'
            )
    });
    label.chars().count() <= 16
        && ["因公出国", "公务用车", "公务接待"]
            .iter()
            .any(|k| label.starts_with(k))
        && label.ends_with('费')
}

/// A line of a table printed with spaces between its cells: a code or
/// 合计 first, then two or more amounts, each after a run of spaces.
fn looks_like_untabbed_row(l: &str) -> bool {
    let t = l.trim_start();
    let starts = t.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with("合计");
    starts
        && l.split("  ")
            .filter(|w| crate::text::amount(w.trim()).is_some())
            .count()
            >= 2
}

fn parse_block(
    lines: &[&str],
    b: &Block,
    unit: Option<&'static str>,
    issues: &mut Issues,
) -> Schedule {
    let bl = classify(lines, b);
    if let Some(i) = bl.unread_from {
        issues.push(ParseIssue {
            code: crate::report::IssueCode::Limit,
            line: i as LineNo + 1,
            message: format!(
                "expected at most {MAX_ROWS} table lines in {}, found more; \
                 from this line on the table was not read",
                b.id.label()
            ),
            schedule: Some(b.id),
            project: None,
        });
    }
    let mut s = Schedule {
        id: b.id,
        title: bl
            .title
            .clone()
            .unwrap_or_else(|| b.id.standard_title().to_string()),
        status: ScheduleStatus::Present,
        panels: Vec::new(),
        heading_line: b.heading.map(|h| h as LineNo + 1),
        lines: Some((
            b.start as LineNo + 1,
            last_content_line(lines, b) as LineNo + 1,
        )),
        empty_statement: bl.empty_statement,
        notes: bl.notes.clone(),
        amount_unit: None,
    };
    match b.id.0 {
        1 | 4 => two_sided(&mut s, &bl, issues),
        6 => economic_panels(&mut s, &bl, issues),
        7 => labeled(&mut s, &bl, issues),
        _ => function_table(&mut s, &bl, issues),
    }
    // Rows whose cells are separated by spaces cannot be split into columns
    // safely (a blank cell would shift every value after it): say so rather
    // than read the table as empty.
    // (Rows of labels alone, all cells blank, do not make it read.)
    let no_values = s
        .panels
        .iter()
        .flat_map(|p| &p.rows)
        .all(|r| r.cells.iter().all(Cell::is_blank));
    if let (true, Some(i)) = (no_values, bl.untabbed) {
        s.status = ScheduleStatus::Partial {
            missing: format!(
                "数据行（自第 {} 行起，栏目以空格而非制表符分隔，无法可靠分栏，未读取）",
                i + 1
            ),
        };
    }
    if let Some((unit, per_wan)) = unit.and_then(per_wanyuan) {
        to_wanyuan(&mut s, per_wan);
        s.amount_unit = Some(unit.to_string());
    }
    // A block that runs to the end of the file without its notes was cut off.
    if b.end >= lines.len() && bl.notes.is_empty() && matches!(s.status, ScheduleStatus::Present) {
        s.status = ScheduleStatus::Partial {
            missing: "表尾（注、说明）缺失：文件在此表中结束，表可能被截断".to_string(),
        };
    }
    if b.heading.is_none() && bl.title.is_none() {
        let what = match &s.status {
            ScheduleStatus::Partial { missing } => format!("表名、表号及{missing}"),
            _ => "表名与表号（公开NN表）缺失".to_string(),
        };
        s.status = ScheduleStatus::Partial { missing: what };
    }
    s
}

/// The 金额单位 a block's head prints ("金额单位：元": county and township
/// reports print yuan), if any. The head is the lines before the first
/// table row; a "单位：" line naming the department is not a unit.
fn head_unit(lines: &[&str], b: &Block) -> Option<&'static str> {
    let head = (b.start..b.end).take_while(|&i| !is_row(lines[i]));
    for i in head {
        let l = lines[i];
        if !l.contains("单位") {
            continue;
        }
        let t = squash(l);
        // The last 单位 of the line: a PDF caption may hold the
        // department and the unit on one line ("单位：某局 金额单位：元").
        let Some(at) = t.rfind("单位") else {
            continue;
        };
        let unit = t[at + "单位".len()..].trim_start_matches(['：', ':']);
        if let Some(u) = ["万元", "元", "千元"]
            .into_iter()
            .find(|u| unit == *u || unit.strip_prefix(u).is_some_and(|r| r == "人民币"))
        {
            return Some(u);
        }
    }
    None
}

/// The unit every block that prints one prints, for a block whose head
/// was lost (the tables of one report share their unit); none when they
/// differ or none prints one.
fn shared_unit(units: &[Option<&'static str>]) -> Option<&'static str> {
    let mut units = units.iter().flatten().copied();
    let first = units.next()?;
    units.all(|u| u == first).then_some(first)
}

/// How many 元 make one 万元.
pub(super) const YUAN_PER_WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// How many of `unit` make one 万元, when it is not 万元.
fn per_wanyuan(unit: &'static str) -> Option<(&'static str, Decimal)> {
    match unit {
        "元" => Some((unit, YUAN_PER_WAN)),
        "千元" => Some((unit, Decimal::TEN)),
        _ => None,
    }
}

/// Every amount of `s` in 万元, so that the model holds 万元 whatever the
/// table printed.
fn to_wanyuan(s: &mut Schedule, per_wan: Decimal) {
    for row in s.panels.iter_mut().flat_map(|p| p.rows.iter_mut()) {
        for cell in &mut row.cells {
            if let Cell::Amount(d) = cell {
                *d = in_wanyuan(*d, per_wan);
            }
        }
    }
}

/// An amount printed in a unit `per_wan` of which make one 万元, in 万元.
/// Division by a power of ten is exact; a result that is a whole number
/// of cents keeps two decimals, as a 万元 table would print it.
pub(super) fn in_wanyuan(d: Decimal, per_wan: Decimal) -> Decimal {
    let mut w = d / per_wan;
    if w.scale() > 2 && w == w.round_dp(2) {
        w.rescale(2);
    }
    w
}

fn last_content_line(lines: &[&str], b: &Block) -> usize {
    (b.start..b.end)
        .rev()
        .find(|&i| !lines[i].trim().is_empty())
        .unwrap_or(b.start)
}

fn is_header_row(c: &[&str]) -> bool {
    let first = squash(c.first().copied().unwrap_or(""));
    first == "项目"
        || first == "栏次"
        || first.contains("编码")
        || first == "收入"
        || first.starts_with("人员经费")
            && !first.ends_with("合计")
            && c.iter().skip(1).all(|x| amount(x).is_none())
        || first.starts_with("科目")
}

/// 栏次 numbers printed on a header line, in order.
fn column_numbers(c: &[&str]) -> Vec<u32> {
    c.iter()
        .filter_map(|x| x.trim().parse::<u32>().ok())
        .collect()
}

fn cell_of(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() {
        Cell::Blank
    } else if let Some(d) = amount(t) {
        Cell::Amount(d)
    } else {
        Cell::Text(t.to_string())
    }
}

/// A dash or slash printed for "nothing" (无数), as many tables print an
/// empty amount: "-", "—", "－", "--", "——", "/". Read as blank, not as
/// text where an amount was expected.
fn is_nil_mark(t: &str) -> bool {
    (1..=2).contains(&t.chars().count())
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '–' | '‐' | '/' | '／'))
}

fn standard_columns(id: ScheduleId) -> &'static [&'static str] {
    match id.0 {
        2 => &[
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        3 => &[
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        5 | 9 => &["小计", "基本支出", "项目支出"],
        8 => &[
            "年初结转和结余",
            "本年收入",
            "小计",
            "基本支出",
            "项目支出",
            "年末结转和结余",
        ],
        _ => &[],
    }
}

fn function_table(s: &mut Schedule, bl: &BlockLines, issues: &mut Issues) {
    let mut header: Vec<&Vec<&str>> = Vec::new();
    let mut numbers: Vec<u32> = Vec::new();
    let mut data: Vec<&(usize, Vec<&str>)> = Vec::new();
    let mut widest: Option<(usize, usize)> = None;
    for r in &bl.rows {
        let first = squash(r.1.first().copied().unwrap_or(""));
        let is_numbers = first == "栏次";
        let is_head = is_numbers || data.is_empty() && is_header_row(&r.1);
        if is_head && widest.is_none_or(|w| r.1.len() > w.1) {
            widest = Some((r.0, r.1.len()));
        }
        if is_numbers {
            numbers = column_numbers(&r.1);
        } else if data.is_empty() && is_header_row(&r.1) {
            header.push(&r.1);
        } else {
            data.push(r);
        }
    }
    // A column's name is the lowest non-empty header cell above it.
    let width = header
        .iter()
        .map(|h| h.len())
        .max()
        .unwrap_or(0)
        .max(numbers.len() + 2);
    if width > MAX_COLUMNS + 2 {
        let line = widest.map(|w| w.0).unwrap_or(0);
        issues.push(too_many_columns(line, s.id, width - 2));
    }
    let width = width.min(MAX_COLUMNS + 2);
    numbers.truncate(MAX_COLUMNS);
    let mut names: Vec<String> = (2..width)
        .map(|i| {
            header
                .iter()
                .rev()
                .find_map(|h| {
                    h.get(i)
                        .map(|x| squash(x).into_owned())
                        .filter(|x| !x.is_empty())
                })
                .unwrap_or_default()
        })
        .collect();
    while names.last().is_some_and(|n| n.is_empty()) && names.len() > numbers.len() {
        names.pop();
    }
    let std_cols = standard_columns(s.id);
    if names.is_empty() || names.iter().all(|n| n.is_empty()) {
        names = std_cols.iter().map(|x| x.to_string()).collect();
    }
    for (i, n) in names.iter_mut().enumerate() {
        if n.is_empty() {
            *n = std_cols
                .get(i)
                .map(|x| x.to_string())
                .unwrap_or_else(|| format!("第{}栏", i + 1));
        }
    }
    let columns: Vec<Column> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Column {
            name,
            number: numbers.get(i).copied(),
        })
        .collect();
    let mut rows = Vec::new();
    for (idx, c) in data {
        let first = squash(c.first().copied().unwrap_or(""));
        let label = squash(c.get(1).copied().unwrap_or("")).into_owned();
        let (code, kind, label) = if first == "合计" || first == "总计" {
            (None, RowKind::Total, first.clone().into_owned())
        } else if let Some(fc) = FunctionCode::parse(&first) {
            (Some(RowCode::Function { code: fc }), RowKind::Item, label)
        } else if first.is_empty() && !label.is_empty() {
            (None, RowKind::Item, label)
        } else {
            issues.push(row_issue(*idx, s.id, format!(
                "expected a 功能分类科目编码 (3, 5 or 7 digits) or 合计 in the first cell, found “{}”; row skipped", excerpt(&first))));
            continue;
        };
        let values: Vec<Cell> = (0..columns.len())
            .map(|i| c.get(i + 2).map(|x| cell_of(x)).unwrap_or(Cell::Blank))
            .collect();
        if c.iter()
            .skip(2 + columns.len())
            .any(|x| !x.trim().is_empty())
        {
            issues.push(row_issue(
                *idx,
                s.id,
                format!(
                    "row has more cells than the {} columns; extra cells ignored",
                    columns.len()
                ),
            ));
        }
        for (i, v) in values.iter().enumerate() {
            if let Cell::Text(t) = v {
                issues.push(row_issue(
                    *idx,
                    s.id,
                    format!(
                        "expected an amount in column {}, found “{}”",
                        columns[i].name,
                        excerpt(t)
                    ),
                ));
            }
        }
        rows.push(Row {
            code,
            label,
            row_number: None,
            kind,
            cells: values,
            line: *idx as LineNo + 1,
            pos: None,
        });
    }
    report_repeated_codes(s.id, &rows, issues);
    if rows.is_empty() && bl.empty_statement.is_none() {
        s.status = ScheduleStatus::Partial {
            missing: "表中没有可读取的数据行".to_string(),
        };
    } else if !rows.iter().any(|r| r.kind == RowKind::Total) && !rows.is_empty() {
        s.status = ScheduleStatus::Partial {
            missing: "缺少合计行".to_string(),
        };
    }
    s.panels.push(Panel {
        name: String::new(),
        columns,
        rows,
    });
}

/// A function code printed on two rows of one table (a pasted block, a
/// duplicated page): both rows are kept, but only the first is checked as
/// the total of its 款/项, so the auditor is told.
fn report_repeated_codes(id: ScheduleId, rows: &[Row], issues: &mut Issues) {
    let mut first: std::collections::HashMap<&str, LineNo> = std::collections::HashMap::new();
    for r in rows {
        let Some(RowCode::Function { code }) = &r.code else {
            continue;
        };
        match first.get(code.as_str()) {
            Some(&line) => issues.push(row_issue(
                r.line as usize - 1,
                id,
                format!(
                    "expected each 功能分类科目编码 once, but {code} appears again (first on line {line}); \
                     this row counts as a part of its parent but is not checked as a total of its own"
                ),
            )),
            None => {
                first.insert(code.as_str(), r.line);
            }
        }
    }
}

fn side_kind(label: &str, in_balance: bool) -> RowKind {
    if label.contains("总计") {
        RowKind::GrandTotal
    } else if label.contains("本年收入合计") || label.contains("本年支出合计") {
        RowKind::Total
    } else if label.contains("结转") || label.contains("结余") || in_balance {
        RowKind::Balance
    } else {
        RowKind::Item
    }
}

fn two_sided(s: &mut Schedule, bl: &BlockLines, issues: &mut Issues) {
    let mut income_cols = vec![Column {
        name: "金额".into(),
        number: None,
    }];
    let mut expense_cols: Vec<Column> = Vec::new();
    let mut data = Vec::new();
    let mut saw_header = false;
    for (idx, c) in &bl.rows {
        let first = squash(c.first().copied().unwrap_or(""));
        if first == "收入" || first.starts_with("收入") && c.iter().any(|x| squash(x) == "支出")
        {
            saw_header = true;
        } else if first == "项目" {
            saw_header = true;
            expense_cols = c
                .iter()
                .skip(5)
                .map(|x| squash(x).into_owned())
                .filter(|x| !x.is_empty())
                .map(|name| Column { name, number: None })
                .collect();
            if expense_cols.len() > MAX_COLUMNS {
                issues.push(too_many_columns(*idx, s.id, expense_cols.len()));
                expense_cols.truncate(MAX_COLUMNS);
            }
        } else if first == "栏次" {
            let mut nums = column_numbers(c);
            nums.truncate(MAX_COLUMNS + 1);
            if let Some(n) = nums.first() {
                income_cols[0].number = Some(*n);
            }
            if expense_cols.is_empty() {
                expense_cols = nums
                    .iter()
                    .skip(1)
                    .map(|_| Column {
                        name: String::new(),
                        number: None,
                    })
                    .collect();
            }
            for (col, n) in expense_cols.iter_mut().zip(nums.iter().skip(1)) {
                col.number = Some(*n);
            }
        } else {
            data.push((*idx, c));
        }
    }
    if expense_cols.is_empty() {
        let width = data
            .iter()
            .map(|(_, c)| c.len())
            .max()
            .unwrap_or(6)
            .saturating_sub(5)
            .clamp(1, MAX_COLUMNS);
        expense_cols = (0..width)
            .map(|_| Column {
                name: String::new(),
                number: None,
            })
            .collect();
    }
    if expense_cols.len() == 1 && expense_cols[0].name.is_empty() {
        expense_cols[0].name = "金额".into();
    }
    let std4 = [
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ];
    for (i, col) in expense_cols.iter_mut().enumerate() {
        if col.name.is_empty() {
            col.name = std4
                .get(i)
                .map(|x| x.to_string())
                .unwrap_or_else(|| format!("第{}栏", i + 1));
        }
    }
    let num_at = |c: &Vec<&str>, i: usize| c.get(i).and_then(|x| x.trim().parse::<u32>().ok());
    let first_inc = data.iter().filter_map(|(_, c)| num_at(c, 1)).min();
    let first_exp = data.iter().filter_map(|(_, c)| num_at(c, 4)).min();
    let mut income = Vec::new();
    let mut expense = Vec::new();
    let (mut in_bal_i, mut in_bal_e) = (false, false);
    for (idx, c) in data {
        let line = idx as LineNo + 1;
        let get = |i: usize| c.get(i).copied().unwrap_or("");
        let il = squash(get(0)).into_owned();
        let ia = cell_of(get(2));
        if !il.is_empty() || !ia.is_blank() {
            let kind = side_kind(&il, in_bal_i);
            in_bal_i = matches!(kind, RowKind::Balance);
            income.push(Row {
                code: None,
                label: il,
                row_number: get(1).trim().parse().ok(),
                kind,
                cells: vec![ia],
                line,
                pos: None,
            });
        }
        let el = squash(get(3)).into_owned();
        let ev: Vec<Cell> = (0..expense_cols.len())
            .map(|i| cell_of(get(5 + i)))
            .collect();
        if !el.is_empty() || ev.iter().any(|x| !x.is_blank()) {
            let kind = side_kind(&el, in_bal_e);
            in_bal_e = matches!(kind, RowKind::Balance);
            expense.push(Row {
                code: None,
                label: el,
                row_number: get(4).trim().parse().ok(),
                kind,
                cells: ev,
                line,
                pos: None,
            });
        }
        for (i, x) in c.iter().enumerate().take(5 + expense_cols.len()) {
            if matches!(i, 2) || i >= 5 {
                if let Cell::Text(t) = cell_of(x) {
                    issues.push(row_issue(
                        idx,
                        s.id,
                        format!(
                            "expected an amount in cell {}, found “{}”",
                            i + 1,
                            excerpt(&t)
                        ),
                    ));
                }
            }
        }
        if c.iter()
            .skip(5 + expense_cols.len())
            .any(|x| !x.trim().is_empty())
        {
            issues.push(row_issue(
                idx,
                s.id,
                format!(
                    "row has more cells than the {} columns; extra cells ignored",
                    5 + expense_cols.len()
                ),
            ));
        }
    }
    // Two-sided tables number their rows (行次) from 1; a first row above 1
    // means the top of the table was lost.
    let inc_total = income
        .iter()
        .find(|r| r.kind == RowKind::GrandTotal)
        .and_then(|r| r.row_number);
    let mut missing = Vec::new();
    if let Some(n) = first_inc.filter(|n| *n > 1) {
        missing.push(format!("收入侧行次 1–{}", n - 1));
    }
    if let (Some(n), Some(t)) = (first_exp, inc_total) {
        if n > t + 1 {
            missing.push(format!("支出侧行次 {}–{}", t + 1, n - 1));
        }
    }
    if !saw_header {
        missing.push("表头（栏目名称与栏次）".to_string());
    }
    if !missing.is_empty() {
        s.status = ScheduleStatus::Partial {
            missing: format!("{} 缺失（提取时丢失）", missing.join("、")),
        };
    }
    s.panels.push(Panel {
        name: "收入".into(),
        columns: income_cols,
        rows: income,
    });
    s.panels.push(Panel {
        name: "支出".into(),
        columns: expense_cols,
        rows: expense,
    });
}

fn economic_panels(s: &mut Schedule, bl: &BlockLines, issues: &mut Issues) {
    let names = ["人员经费", "公用经费", "公用经费（续）"];
    let mut panels: Vec<Panel> = names
        .iter()
        .map(|n| Panel {
            name: n.to_string(),
            columns: vec![Column {
                name: "决算数".into(),
                number: None,
            }],
            rows: Vec::new(),
        })
        .collect();
    for (idx, c) in &bl.rows {
        let line = *idx as LineNo + 1;
        if is_header_row(c) {
            continue;
        }
        let labels: Vec<usize> = (0..c.len())
            .filter(|&i| squash(c[i]).ends_with("经费合计"))
            .collect();
        if !labels.is_empty() {
            // Totals: each label's value is the next amount to its right
            // (the extraction often lands it under another panel's column).
            for (k, &i) in labels.iter().enumerate() {
                let stop = labels.get(k + 1).copied().unwrap_or(c.len());
                let value = (i + 1..stop)
                    .find_map(|j| amount(c[j]).map(Cell::Amount))
                    .unwrap_or(Cell::Blank);
                let label = squash(c[i]).into_owned();
                let panel = if label.starts_with("人员") { 0 } else { 1 };
                panels[panel].rows.push(Row {
                    code: None,
                    label,
                    row_number: None,
                    kind: RowKind::Total,
                    cells: vec![value],
                    line,
                    pos: None,
                });
            }
            continue;
        }
        for (p, chunk) in c.chunks(3).enumerate().take(3) {
            let code = squash(chunk.first().copied().unwrap_or("")).into_owned();
            let label = squash(chunk.get(1).copied().unwrap_or("")).into_owned();
            let value = cell_of(chunk.get(2).copied().unwrap_or(""));
            if code.is_empty() && label.is_empty() && value.is_blank() {
                continue;
            }
            let code = if code.bytes().all(|b| b.is_ascii_digit()) && (3..=5).contains(&code.len())
            {
                Some(RowCode::Economic {
                    code: EconomicCode {
                        inferred: economic::infer(&code, &label),
                        printed: code,
                    },
                })
            } else {
                if !code.is_empty() {
                    issues.push(row_issue(
                        *idx,
                        s.id,
                        format!(
                            "expected a 经济分类科目编码 (3 to 5 digits) in panel {}, found “{}”; \
                             row kept without a code",
                            p + 1,
                            excerpt(&code)
                        ),
                    ));
                }
                None
            };
            if let Cell::Text(t) = &value {
                issues.push(row_issue(
                    *idx,
                    s.id,
                    format!(
                        "expected an amount for {}, found “{}”",
                        excerpt(&label),
                        excerpt(t)
                    ),
                ));
            }
            panels[p].rows.push(Row {
                code,
                label,
                row_number: None,
                kind: RowKind::Item,
                cells: vec![value],
                line,
                pos: None,
            });
        }
        if c.len() > 9 && c.iter().skip(9).any(|x| !x.trim().is_empty()) {
            issues.push(row_issue(
                *idx,
                s.id,
                "row has more than three panels of cells; extra cells ignored".into(),
            ));
        }
    }
    if panels.iter().all(|p| p.rows.is_empty()) && bl.empty_statement.is_none() {
        s.status = ScheduleStatus::Partial {
            missing: "表中没有可读取的数据行".to_string(),
        };
    }
    s.panels = panels;
}

fn labeled(s: &mut Schedule, bl: &BlockLines, issues: &mut Issues) {
    let mut columns: Vec<Column> = Vec::new();
    let mut rows = Vec::new();
    for (idx, c) in &bl.rows {
        let first = squash(c.first().copied().unwrap_or("")).into_owned();
        if first == "项目" {
            columns = c
                .iter()
                .skip(1)
                .map(|x| squash(x).into_owned())
                .filter(|x| !x.is_empty())
                .map(|name| Column { name, number: None })
                .collect();
            if columns.len() > MAX_COLUMNS {
                issues.push(too_many_columns(*idx, s.id, columns.len()));
                columns.truncate(MAX_COLUMNS);
            }
            continue;
        }
        if first == "栏次" {
            for (col, n) in columns.iter_mut().zip(column_numbers(c)) {
                col.number = Some(n);
            }
            continue;
        }
        if columns.is_empty() {
            columns = vec![
                Column {
                    name: "预算数".into(),
                    number: None,
                },
                Column {
                    name: "决算数".into(),
                    number: None,
                },
            ];
        }
        let values: Vec<Cell> = (0..columns.len())
            .map(|i| c.get(i + 1).map(|x| cell_of(x)).unwrap_or(Cell::Blank))
            .collect();
        for (v, col) in values.iter().zip(&columns) {
            if let Cell::Text(t) = v {
                issues.push(row_issue(
                    *idx,
                    s.id,
                    format!(
                        "expected an amount in column {}, found “{}”",
                        col.name,
                        excerpt(t)
                    ),
                ));
            }
        }
        let kind = if first == "合计" || first == "总计" {
            RowKind::Total
        } else {
            RowKind::Item
        };
        rows.push(Row {
            code: None,
            label: first,
            row_number: None,
            kind,
            cells: values,
            line: *idx as LineNo + 1,
            pos: None,
        });
    }
    if rows.is_empty() && bl.empty_statement.is_none() {
        s.status = ScheduleStatus::Partial {
            missing: "表中没有可读取的数据行".to_string(),
        };
    }
    s.panels.push(Panel {
        name: String::new(),
        columns,
        rows,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_of(head: &[&str]) -> Option<&'static str> {
        let mut lines: Vec<&str> = head.to_vec();
        lines.push("项目\t金额");
        let b = Block {
            id: ScheduleId(2),
            start: 0,
            heading: None,
            end: lines.len(),
        };
        head_unit(&lines, &b)
    }

    #[test]
    fn the_unit_is_the_last_unit_word_of_a_head_line() {
        assert_eq!(unit_of(&["单位：某局", "金额单位：元"]), Some("元"));
        assert_eq!(unit_of(&["单位：某局 金额单位：元"]), Some("元"));
        assert_eq!(unit_of(&["2024 年度 金额单位:万元"]), Some("万元"));
        assert_eq!(unit_of(&["金额单位：千元"]), Some("千元"));
        assert_eq!(unit_of(&["单位：元人民币"]), Some("元"));
        // A department that is a 单位, and no unit at all.
        assert_eq!(unit_of(&["单位：某事业单位"]), None);
        assert_eq!(unit_of(&["单位：某局"]), None);
        assert_eq!(per_wanyuan("万元"), None);
    }

    #[test]
    fn nil_marks_are_short_runs_of_dashes_or_slashes() {
        for t in ["-", "—", "－", "——", "--", "/", "／"] {
            assert!(is_nil_mark(t), "{t}");
        }
        for t in ["", "-1", "---", "无", "0.00"] {
            assert!(!is_nil_mark(t), "{t}");
        }
    }
}
