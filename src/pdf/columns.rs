//! A grid's header → its logical columns and body rows. The header is every
//! row down to the last header word (项目, 科目名称, 决算数 …); each column's
//! name is the path of header cells above it, top to bottom, so a header
//! printed over two or three levels (本年支出 / 小计) is combined. Elementary
//! columns under one header cell form one logical column: the 类, 款 and 项
//! columns under 科目编码 are one code column, whose parts are concatenated
//! ("201" "06" "01" → "2010601").

use super::grid::Grid;
use crate::text::squash;

/// Header cells that name one part of a split code, not a column of its own.
const CODE_PARTS: [&str; 3] = ["类", "款", "项"];

/// One logical column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// First elementary column.
    pub c0: usize,
    /// Last elementary column (inclusive).
    pub c1: usize,
    /// Header texts above it, top to bottom (spaces from wrapping removed).
    pub path: Vec<String>,
}

impl Column {
    /// The lowest header text ("" when it has none).
    pub fn leaf(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }

    /// Whether any header text above it contains `s`.
    pub fn has(&self, s: &str) -> bool {
        self.path.iter().any(|p| p.contains(s))
    }
}

/// A body row: one text per logical column.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyRow {
    /// The elementary row index.
    pub r: usize,
    /// Top border of the row, points from the page top.
    pub top: f32,
    /// One text per logical column ("" for an empty cell).
    pub cells: Vec<String>,
}

impl BodyRow {
    /// The cell of logical column `i`, "" when out of range.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A table: its grid, where the body starts and the logical columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 1-based page.
    pub page: u32,
    /// The grid.
    pub grid: Grid,
    /// The first body row (0 when the table has no header of its own).
    pub body_start: usize,
    /// The logical columns.
    pub columns: Vec<Column>,
    /// Whether the header was taken from the table on the previous page.
    pub continued: bool,
    /// Regions in the first body row that are sub-headers (see [`split_subheaders`]).
    pub header_in_body: Vec<usize>,
}

/// A header cell's text that only a header has (项目, 决算数, 科目编码 …).
pub(super) fn is_header_word(t: &str) -> bool {
    matches!(
        t,
        "项目" | "科目名称" | "决算数" | "预算数" | "栏次" | "行次" | "金额" | "收入" | "支出"
    ) || t.contains("编码")
}

impl Table {
    /// Analyse a grid. `previous` is the last table of the previous page: a
    /// table without header words at the top of a page continues it when its
    /// outer borders line up; so does one under no title (`titled`: a
    /// schedule title stands above it on its page) whose header repeats the
    /// previous one's.
    pub fn new(
        page: u32,
        grid: Grid,
        previous: Option<&Table>,
        first_on_page: bool,
        titled: bool,
    ) -> Table {
        let body_start = grid
            .regions
            .iter()
            .filter(|r| r.r0 <= 6 && is_header_word(&squash(&r.text)))
            .map(|r| r.r1 + 1)
            .max()
            .unwrap_or(0);
        if body_start == 0 && first_on_page {
            if let Some(prev) = previous.filter(|p| p.page + 1 == page && lines_up(p, &grid)) {
                let columns = inherit(prev, &grid);
                return Table {
                    page,
                    grid,
                    body_start: 0,
                    columns,
                    continued: true,
                    header_in_body: Vec::new(),
                };
            }
        }
        let columns = header_columns(&grid, body_start);
        let (columns, header_in_body) = split_subheaders(&grid, body_start, columns);
        // The header repeated at the top of the page a long table runs onto
        // (the 决算 software prints it again): the same table, continued.
        let repeated = body_start > 0
            && first_on_page
            && !titled
            && previous.is_some_and(|p| {
                p.page + 1 == page
                    && lines_up(p, &grid)
                    && names(&p.columns) == names(&columns)
                    && columns.iter().any(|c| !c.path.is_empty())
            });
        Table {
            page,
            grid,
            body_start,
            columns,
            continued: repeated,
            header_in_body,
        }
    }

    /// The non-empty body rows.
    pub fn body(&self) -> Vec<BodyRow> {
        (self.body_start..self.grid.rows())
            .map(|r| BodyRow {
                r,
                top: self.grid.ys.get(r).copied().unwrap_or(0.0),
                cells: self.columns.iter().map(|c| self.text_in(r, c)).collect(),
            })
            .filter(|row| row.cells.iter().any(|c| !c.trim().is_empty()))
            .collect()
    }

    /// The text of the regions starting in row `r` inside column `col`.
    fn text_in(&self, r: usize, col: &Column) -> String {
        let mut parts: Vec<(usize, &str)> = self
            .grid
            .regions
            .iter()
            .enumerate()
            .filter(|(i, g)| {
                g.r0 == r && g.c0 >= col.c0 && g.c0 <= col.c1 && !self.header_in_body.contains(i)
            })
            .map(|(_, g)| (g.c0, g.text.as_str()))
            .collect();
        parts.sort_by_key(|p| p.0);
        parts
            .into_iter()
            .map(|p| p.1.trim())
            .collect::<Vec<_>>()
            .join("")
    }

    /// The left edge.
    pub fn left(&self) -> f32 {
        self.grid.xs.first().copied().unwrap_or(0.0)
    }

    /// The left border of logical column `i`.
    pub fn column_left(&self, i: usize) -> Option<f32> {
        self.columns
            .get(i)
            .and_then(|c| self.grid.xs.get(c.c0).copied())
    }

    /// The top edge.
    pub fn top(&self) -> f32 {
        self.grid.ys.first().copied().unwrap_or(0.0)
    }

    /// The top of the first body row.
    pub fn body_top(&self) -> f32 {
        self.grid
            .ys
            .get(self.body_start)
            .copied()
            .unwrap_or(self.top())
    }
}

/// The columns' names, top to bottom.
fn names(columns: &[Column]) -> Vec<&[String]> {
    columns.iter().map(|c| c.path.as_slice()).collect()
}

fn lines_up(prev: &Table, grid: &Grid) -> bool {
    let edges = |xs: &[f32]| (xs.first().copied(), xs.last().copied());
    match (edges(&prev.grid.xs), edges(&grid.xs)) {
        ((Some(a0), Some(a1)), (Some(b0), Some(b1))) => {
            (a0 - b0).abs() <= 3.0 && (a1 - b1).abs() <= 3.0
        }
        _ => false,
    }
}

/// The previous table's columns, mapped onto this grid by position: each
/// elementary column belongs to the previous logical column over its middle.
fn inherit(prev: &Table, grid: &Grid) -> Vec<Column> {
    let mut out: Vec<(Option<usize>, Column)> = Vec::new();
    for c in 0..grid.cols() {
        let mid = (grid.xs[c] + grid.xs[c + 1]) / 2.0;
        let owner = prev.columns.iter().position(|pc| {
            let l = prev.grid.xs.get(pc.c0).copied().unwrap_or(f32::MAX);
            let r = prev.grid.xs.get(pc.c1 + 1).copied().unwrap_or(f32::MIN);
            mid >= l && mid <= r
        });
        match out.last_mut() {
            Some((Some(o), col)) if owner == Some(*o) => col.c1 = c,
            _ => out.push((
                owner,
                Column {
                    c0: c,
                    c1: c,
                    path: owner
                        .and_then(|o| prev.columns.get(o))
                        .map(|pc| pc.path.clone())
                        .unwrap_or_default(),
                },
            )),
        }
    }
    out.into_iter().map(|(_, c)| c).collect()
}

/// A header printed one row too low: the Shanghai template puts 合计 / 基本支出
/// / 项目支出 under 本年支出 in the 合计 row itself. When a column spanning
/// several elementary columns (other than a split code) has separate words,
/// none of them an amount, in the first body row, those words name
/// sub-columns: the column is split and the words join the header.
fn split_subheaders(
    grid: &Grid,
    body_start: usize,
    columns: Vec<Column>,
) -> (Vec<Column>, Vec<usize>) {
    let mut out = Vec::new();
    let mut consumed = Vec::new();
    for col in columns {
        let words: Vec<(usize, &super::grid::Region)> = grid
            .regions
            .iter()
            .enumerate()
            .filter(|(_, g)| g.r0 == body_start && g.c0 >= col.c0 && g.c0 <= col.c1)
            .collect();
        let subheader = col.c1 > col.c0
            && !col.has("编码")
            && words.len() >= 2
            && words.iter().all(|(_, g)| {
                let t = squash(&g.text);
                !t.is_empty() && crate::text::amount(&t).is_none()
            });
        if !subheader {
            out.push(col);
            continue;
        }
        for (i, g) in words {
            let mut path = col.path.clone();
            path.push(squash(&g.text).into_owned());
            out.push(Column {
                c0: g.c0,
                c1: g.c1.min(col.c1),
                path,
            });
            consumed.push(i);
        }
    }
    (out, consumed)
}

/// The 栏次 row's texts ("栏次", "1", "2", …): they number the columns and
/// name none, so they never become a column's name (a header whose lowest
/// row is the 栏次 row would otherwise call every column "1", "2", …).
fn is_column_number(t: &str) -> bool {
    t == "栏次" || (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
}

fn header_columns(grid: &Grid, body_start: usize) -> Vec<Column> {
    let header: Vec<(usize, &super::grid::Region, String)> = grid
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.r0 < body_start)
        .map(|(i, r)| (i, r, squash(&r.text).into_owned()))
        .filter(|(_, _, t)| !t.is_empty() && !CODE_PARTS.contains(&t.as_ref()))
        .filter(|(_, _, t)| !is_column_number(t))
        .collect();
    let mut out: Vec<(Option<usize>, Column)> = Vec::new();
    for c in 0..grid.cols() {
        let mut covering: Vec<&(usize, &super::grid::Region, String)> = header
            .iter()
            .filter(|(_, r, _)| r.c0 <= c && c <= r.c1)
            .collect();
        covering.sort_by_key(|(_, r, _)| (r.r0, r.r1));
        let leaf = covering.last().map(|(i, _, _)| *i);
        let mut path: Vec<String> = Vec::new();
        for (_, _, t) in &covering {
            if path.last() != Some(t) {
                path.push(t.clone());
            }
        }
        match out.last_mut() {
            Some((Some(prev_leaf), col)) if leaf == Some(*prev_leaf) => col.c1 = c,
            _ => out.push((leaf, Column { c0: c, c1: c, path })),
        }
    }
    out.into_iter().map(|(_, c)| c).collect()
}
