//! A recovered table → tab-separated lines in the shapes the text parser
//! (`parse::schedules`) already reads, so a PDF and a text report give the
//! same model through the same code:
//! - function tables (02, 03, 05, 08, 09): `code \t 科目名称 \t values…`,
//!   the code joined from its 类/款/项 parts, `合计` in the first cell;
//! - two-sided totals (01, 04): `收入项目 \t 行次 \t 金额 \t 支出项目 \t 行次 \t 金额…`;
//! - 06: `code \t name \t amount` once per panel;
//! - 07: `项目 \t 预算数 \t 决算数`, one line per item, also when the PDF
//!   prints the items side by side in one wide row (预算数/决算数 pairs).
//!
//! Each line keeps the page position of the row it came from.

use super::columns::{BodyRow, Column, Table};
use crate::report::ScheduleId;
use crate::text::squash;

/// One synthesized line and where its row stood.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthLine {
    /// The tab-separated text.
    pub text: String,
    /// Left edge of the row.
    pub x: f32,
    /// Top edge of the row.
    pub y: f32,
    /// The left edge of each tab-separated cell's column, in order (empty
    /// when the line is no row of the grid, as the 三公 pairs read across).
    pub xs: Vec<f32>,
}

/// The lines of one table and what could not be placed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Synth {
    /// The lines in order.
    pub lines: Vec<SynthLine>,
    /// (index into `lines`, message) for what the reader could not place.
    pub issues: Vec<(usize, String)>,
}

impl Synth {
    fn push(&mut self, cells: &[String], x: f32, y: f32) {
        self.lines.push(SynthLine {
            text: cells.join("\t"),
            x,
            y,
            xs: Vec::new(),
        });
    }

    /// A row whose cells stand in the columns `cols` of `table` (one per
    /// cell; `None` for a cell the table has no column for, placed where
    /// the cell before it is).
    fn push_in(&mut self, cells: &[String], table: &Table, cols: &[Option<usize>], y: f32) {
        let mut xs = Vec::with_capacity(cols.len());
        let mut at = table.left();
        for c in cols {
            if let Some(x) = c.and_then(|c| table.column_left(c)) {
                at = x;
            }
            xs.push(at);
        }
        let x = xs.first().copied().unwrap_or(table.left());
        if xs.len() != cells.len() {
            xs.clear();
        }
        self.lines.push(SynthLine {
            text: cells.join("\t"),
            x,
            y,
            xs,
        });
    }

    fn issue(&mut self, message: String) {
        let at = self.lines.len().saturating_sub(1);
        self.issues.push((at, message));
    }
}

/// The lines for a table of schedule `id` (none: a table that is no
/// schedule, read as plain rows). `with_header` is false for the part of a
/// table continued from the previous page.
pub fn synthesize(table: &Table, id: Option<ScheduleId>, with_header: bool) -> Synth {
    let mut out = Synth::default();
    let body = table.body();
    match id.map(|i| i.0) {
        Some(1) | Some(4) => two_sided(table, &body, with_header, &mut out),
        Some(6) => economic(table, &body, with_header, &mut out),
        Some(7) => three_costs(table, &body, with_header, &mut out),
        Some(2) | Some(3) | Some(5) | Some(8) | Some(9) => {
            function(table, &body, with_header, &mut out)
        }
        _ => plain(table, &body, with_header, &mut out),
    }
    out
}

/// Only 类/款/项 (the header words of split code columns, printed in the
/// 合计 row by some layouts) or nothing.
fn no_code(code: &str) -> bool {
    code.chars().all(|c| matches!(c, '类' | '款' | '项'))
}

/// A template placeholder row: nothing but ellipses.
fn placeholder(row: &BodyRow) -> bool {
    row.cells.iter().all(|c| {
        c.chars()
            .all(|ch| ch.is_whitespace() || matches!(ch, '…' | '。' | '.' | '·' | '⋯'))
    })
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn function(table: &Table, body: &[BodyRow], with_header: bool, out: &mut Synth) {
    let cols = &table.columns;
    let code = cols.iter().position(|c| c.has("编码"));
    let name = cols.iter().position(|c| c.has("名称"));
    let (code, name) = match (code, name) {
        (Some(c), Some(n)) => (c, n),
        _ => {
            out.issues.push((
                0,
                format!(
                    "table on page {} has no 科目编码/科目名称 header; its first two columns were read as code and name",
                    table.page
                ),
            ));
            (0, 1)
        }
    };
    let values: Vec<usize> = (code.max(name) + 1..cols.len()).collect();
    let at: Vec<Option<usize>> = [code, name]
        .into_iter()
        .chain(values.iter().copied())
        .map(Some)
        .collect();
    if with_header {
        let mut h = vec!["科目编码".to_string(), "科目名称".to_string()];
        h.extend(values.iter().map(|&i| cols[i].leaf().to_string()));
        out.push_in(&h, table, &at, table.top());
    }
    for row in body {
        if placeholder(row) {
            continue;
        }
        let mut first = compact(row.cell(code));
        let mut label = squash(row.cell(name)).into_owned();
        if no_code(&first) {
            first.clear();
        }
        if first.is_empty() && (label == "合计" || label == "总计") {
            first = std::mem::take(&mut label);
        }
        let mut cells = vec![first, label];
        cells.extend(values.iter().map(|&i| row.cell(i).trim().to_string()));
        // A row holding nothing but the 类/款/项 header words.
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        out.push_in(&cells, table, &at, row.top);
    }
}

/// Split the columns of a two-sided table into its 收入 and 支出 sides: the
/// second 项目 column starts the 支出 side; without two 项目 columns, a
/// column under the 收入 or 支出 banner is on that side and a column under
/// neither on the side of the column before it.
fn sides(cols: &[Column]) -> Option<(Vec<usize>, Vec<usize>)> {
    let items: Vec<usize> = (0..cols.len())
        .filter(|&i| cols[i].leaf() == "项目")
        .collect();
    if let Some(&split) = items.get(1) {
        return Some(((0..split).collect(), (split..cols.len()).collect()));
    }
    let top = |c: &Column| c.path.first().cloned().unwrap_or_default();
    let mut income = Vec::new();
    let mut expense = Vec::new();
    let mut side: Option<bool> = None;
    for (i, c) in cols.iter().enumerate() {
        let t = top(c);
        if t.contains("收入") {
            side = Some(true);
        } else if t.contains("支出") {
            side = Some(false);
        }
        match side {
            Some(true) => income.push(i),
            Some(false) => expense.push(i),
            None => {}
        }
    }
    (!income.is_empty() && !expense.is_empty()).then_some((income, expense))
}

/// (label, 行次, amounts) columns of one side.
fn side_roles(cols: &[Column], side: &[usize]) -> (Option<usize>, Option<usize>, Vec<usize>) {
    let label = side.first().copied();
    let number = side
        .iter()
        .copied()
        .find(|&i| cols[i].leaf().contains("行次"));
    let amounts = side
        .iter()
        .copied()
        .filter(|&i| Some(i) != label && Some(i) != number)
        .collect();
    (label, number, amounts)
}

fn two_sided(table: &Table, body: &[BodyRow], with_header: bool, out: &mut Synth) {
    let cols = &table.columns;
    let Some((income, expense)) = sides(cols) else {
        out.issues.push((
            0,
            format!(
                "table on page {} has no 收入/支出 sides; read as plain rows",
                table.page
            ),
        ));
        plain(table, body, with_header, out);
        return;
    };
    let (il, inum, iamt) = side_roles(cols, &income);
    let (el, enum_, eamt) = side_roles(cols, &expense);
    let get = |row: &BodyRow, i: Option<usize>| {
        i.map(|i| row.cell(i).trim().to_string())
            .unwrap_or_default()
    };
    let at: Vec<Option<usize>> = [il, inum, iamt.first().copied(), el, enum_]
        .into_iter()
        .chain(eamt.iter().map(|&i| Some(i)))
        .collect();
    if with_header {
        let mut h = vec![
            "项目".to_string(),
            "行次".to_string(),
            iamt.first()
                .map(|&i| cols[i].leaf().to_string())
                .unwrap_or_default(),
            "项目".to_string(),
            "行次".to_string(),
        ];
        h.extend(eamt.iter().map(|&i| cols[i].leaf().to_string()));
        out.push_in(&h, table, &at, table.top());
    }
    for row in body {
        let mut cells = vec![
            get(row, il),
            get(row, inum),
            get(row, iamt.first().copied()),
            get(row, el),
            get(row, enum_),
        ];
        cells.extend(eamt.iter().map(|&i| row.cell(i).trim().to_string()));
        out.push_in(&cells, table, &at, row.top);
        for &i in iamt.iter().skip(1) {
            if !row.cell(i).trim().is_empty() {
                out.issue(format!(
                    "收入 side has more than one amount column; “{}” under {} was not read",
                    row.cell(i).trim(),
                    cols[i].leaf()
                ));
            }
        }
    }
}

fn economic(table: &Table, body: &[BodyRow], with_header: bool, out: &mut Synth) {
    let cols = &table.columns;
    let starts: Vec<usize> = (0..cols.len()).filter(|&i| cols[i].has("编码")).collect();
    if starts.is_empty() {
        out.issues.push((
            0,
            format!(
                "table on page {} has no 经济分类科目编码 header; read as plain rows",
                table.page
            ),
        ));
        plain(table, body, with_header, out);
        return;
    }
    let at: Vec<Option<usize>> = starts
        .iter()
        .flat_map(|&s| [Some(s), Some(s + 1), Some(s + 2)])
        .collect();
    if with_header {
        let h: Vec<String> = starts
            .iter()
            .flat_map(|_| ["科目编码", "科目名称", "决算数"].map(String::from))
            .collect();
        out.push_in(&h, table, &at, table.top());
    }
    for row in body {
        let mut cells = Vec::new();
        for &s in &starts {
            let mut code = compact(row.cell(s));
            if no_code(&code) {
                code.clear();
            }
            cells.push(code);
            cells.push(squash(row.cell(s + 1)).into_owned());
            cells.push(row.cell(s + 2).trim().to_string());
        }
        // A row holding nothing but the 类/款 header words.
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        out.push_in(&cells, table, &at, row.top);
        if starts.len() > 3 {
            out.issue(format!(
                "{} panels of economic codes where at most 3 are read; the rest were ignored",
                starts.len()
            ));
        }
    }
}

/// The item a 预算数/决算数 pair belongs to: its header path without the
/// banner over the whole table and without the pair's own words; a 小计 is
/// the subtotal of the group above it.
fn pair_label(path: &[String], banner: &[String]) -> String {
    let names: Vec<&String> = path
        .iter()
        .filter(|p| !banner.contains(p) && p.as_str() != "预算数" && p.as_str() != "决算数")
        .collect();
    match names.as_slice() {
        [.., group, last] if last.as_str() == "小计" => group.to_string(),
        [.., last] => last.to_string(),
        [] => String::new(),
    }
}

fn three_costs(table: &Table, body: &[BodyRow], with_header: bool, out: &mut Synth) {
    let cols = &table.columns;
    let pairs: Vec<(usize, usize)> = (0..cols.len().saturating_sub(1))
        .filter(|&i| cols[i].leaf() == "预算数" && cols[i + 1].leaf() == "决算数")
        .map(|i| (i, i + 1))
        .collect();
    if pairs.len() < 2 {
        // Items down the side, 预算数 and 决算数 across: already the text shape.
        plain(table, body, with_header, out);
        return;
    }
    let banner: Vec<String> = cols
        .first()
        .map(|c| {
            c.path
                .iter()
                .filter(|p| cols.iter().all(|o| o.path.contains(p)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if with_header {
        out.push(
            &["项目", "预算数", "决算数"].map(String::from),
            table.left(),
            table.top(),
        );
    }
    let data: Vec<&BodyRow> = body.iter().filter(|r| !placeholder(r)).collect();
    let row_top = data.first().map(|r| r.top).unwrap_or(table.body_top());
    // Without borders an item's name stands over one of its pair only, and a
    // group's name (公务用车购置及运行费) over one of its items.
    let paths: Vec<Vec<String>> = pairs
        .iter()
        .map(|&(b, a)| {
            let mut path = cols[b].path.clone();
            path.extend(
                cols[a]
                    .path
                    .iter()
                    .filter(|p| !cols[b].path.contains(p))
                    .cloned(),
            );
            path
        })
        .collect();
    let own: Vec<String> = paths.iter().map(|p| pair_label(p, &banner)).collect();
    for (k, &(b, a)) in pairs.iter().enumerate() {
        let mut label = own[k].clone();
        if label == "小计" {
            // The subtotal of the group named over the items after it.
            let group = paths[k + 1..].iter().flatten().find(|n| {
                !own.contains(n)
                    && !banner.contains(n)
                    && n.as_str() != "预算数"
                    && n.as_str() != "决算数"
                    && !n.contains("三公")
            });
            if let Some(g) = group {
                label = g.clone();
            }
        }
        let cell = |i: usize| {
            data.first()
                .map(|r| r.cell(i).trim().to_string())
                .unwrap_or_default()
        };
        out.push(&[label.clone(), cell(b), cell(a)], table.left(), row_top);
        if label.is_empty() {
            out.issue("a 预算数/决算数 pair without an item name above it".into());
        }
    }
    if data.len() > 1 {
        out.issue(format!(
            "the side-by-side 三公 table has {} data rows; only the first was read",
            data.len()
        ));
    }
}

fn plain(table: &Table, body: &[BodyRow], with_header: bool, out: &mut Synth) {
    let cols = &table.columns;
    let at: Vec<Option<usize>> = (0..cols.len()).map(Some).collect();
    if with_header && cols.iter().any(|c| !c.leaf().is_empty()) {
        let h: Vec<String> = cols.iter().map(|c| c.leaf().to_string()).collect();
        out.push_in(&h, table, &at, table.top());
    }
    for row in body {
        if placeholder(row) {
            continue;
        }
        let cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
        out.push_in(&cells, table, &at, row.top);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_labels_skip_the_banner_and_name_subtotals_by_their_group() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let banner = s(&["财政拨款“三公”经费"]);
        assert_eq!(
            pair_label(&s(&["财政拨款“三公”经费", "合计", "预算数"]), &banner),
            "合计"
        );
        assert_eq!(
            pair_label(
                &s(&[
                    "财政拨款“三公”经费",
                    "公务用车购置及运行费",
                    "小计",
                    "决算数"
                ]),
                &banner
            ),
            "公务用车购置及运行费"
        );
        assert_eq!(
            pair_label(
                &s(&[
                    "财政拨款“三公”经费",
                    "公务用车购置及运行费",
                    "公务用车购置费",
                    "预算数"
                ]),
                &banner
            ),
            "公务用车购置费"
        );
    }
}
