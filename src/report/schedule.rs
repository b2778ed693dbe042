//! The nine 公开 schedules (决算公开表). A schedule is a set of panels: one for
//! the function tables (02, 03, 05, 08, 09) and 07, two side by side for the
//! two-sided totals tables (01, 04: 收入 | 支出), three for 06 (the economic
//! classification panels). Rules and views walk panels, never raw text.

use super::code::{CodeLevel, RowCode};
use super::{LineNo, PagePos};
use rust_decimal::Decimal;
use serde::Serialize;

/// A schedule's number, 1…9 (公开01表 … 公开09表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ScheduleId(pub u8);

/// All nine ids in order.
pub const SCHEDULE_IDS: [ScheduleId; 9] = [
    ScheduleId(1),
    ScheduleId(2),
    ScheduleId(3),
    ScheduleId(4),
    ScheduleId(5),
    ScheduleId(6),
    ScheduleId(7),
    ScheduleId(8),
    ScheduleId(9),
];

impl ScheduleId {
    /// Two digits, as in the JSON output and "公开03表".
    pub fn two_digit(self) -> String {
        format!("{:02}", self.0)
    }

    /// The standard title of this schedule in the national template.
    pub fn standard_title(self) -> &'static str {
        match self.0 {
            1 => "收入支出决算总表",
            2 => "收入决算表",
            3 => "支出决算表",
            4 => "财政拨款收入支出决算总表",
            5 => "一般公共预算财政拨款支出决算表",
            6 => "一般公共预算财政拨款基本支出决算表",
            7 => "财政拨款“三公”经费支出决算表",
            8 => "政府性基金预算财政拨款收入支出决算表",
            9 => "国有资本经营预算财政拨款支出决算表",
            _ => "",
        }
    }

    /// "公开03表".
    pub fn label(self) -> String {
        format!("公开{:02}表", self.0)
    }
}

impl std::fmt::Display for ScheduleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// Whether the report carries this schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// Present and complete as far as the parser can tell.
    Present,
    /// Present in part: the extraction lost some of it.
    Partial {
        /// What is missing, for a person ("行次 1–22 of both sides").
        missing: String,
    },
    /// Not in the report at all.
    Missing,
}

/// One cell of a schedule. Blank ("nothing reported") and zero are different
/// things to an auditor; arithmetic treats both as zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing printed.
    Blank,
    /// An amount (万元), with the scale it was printed with.
    Amount(Decimal),
    /// Text where an amount was expected (kept, never guessed at).
    Text(String),
}

impl Cell {
    /// The amount, with blank as zero and text as none.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Cell::Blank => Some(Decimal::ZERO),
            Cell::Amount(d) => Some(*d),
            Cell::Text(_) => None,
        }
    }

    /// The amount printed; none for a blank cell or text (no figure to
    /// compare a stated one with).
    pub fn printed(&self) -> Option<Decimal> {
        match self {
            Cell::Amount(d) => Some(*d),
            _ => None,
        }
    }

    /// The amount, or zero for blank and text.
    pub fn value_or_zero(&self) -> Decimal {
        self.value().unwrap_or(Decimal::ZERO)
    }

    /// Whether nothing was printed.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Blank)
    }
}

/// A column of a panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header with the extraction's stray spaces removed ("本年支出合计").
    pub name: String,
    /// The 栏次 number where printed.
    pub number: Option<u32>,
}

/// What a row is, beyond its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A line item (a code row, an income source, a 三公 item).
    Item,
    /// 合计 / 本年收入合计 / 本年支出合计 / 人员经费合计 …: a total of other rows.
    Total,
    /// 总计: the grand total of a two-sided table.
    GrandTotal,
    /// 结转结余 and similar balance lines of a two-sided table.
    Balance,
}

/// One row of a panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The classification code, when the row has one.
    pub code: Option<RowCode>,
    /// The label (科目名称 or item name), spaces from line breaks removed.
    pub label: String,
    /// The 行次 (row number) printed in two-sided tables.
    pub row_number: Option<u32>,
    /// What kind of row it is.
    pub kind: RowKind,
    /// One cell per panel column.
    pub cells: Vec<Cell>,
    /// The source line.
    pub line: LineNo,
    /// Where it stood on its page, for PDF input.
    pub pos: Option<PagePos>,
}

impl Row {
    /// 类/款/项 for a code row.
    pub fn level(&self) -> Option<CodeLevel> {
        self.code.as_ref().map(RowCode::level)
    }

    /// The label when the row also has a code (so messages show both), else "".
    pub fn label_if_coded(&self) -> &str {
        if self.code.is_some() {
            &self.label
        } else {
            ""
        }
    }

    /// The key a location uses for this row: the code where it has one, else its label.
    pub fn key(&self) -> String {
        match &self.code {
            Some(c) => c.display().to_string(),
            None => self.label.clone(),
        }
    }
}

/// A panel: a block of columns and rows. Two-sided tables have a 收入 and a
/// 支出 panel; 06 has three panels of economic codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    /// "收入", "支出", "人员经费", "公用经费", or "" for a single-panel table.
    pub name: String,
    /// The value columns (code, label and 行次 are row fields, not columns).
    pub columns: Vec<Column>,
    /// The rows in printed order.
    pub rows: Vec<Row>,
}

impl Panel {
    /// The index of the column whose name is or contains `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .or_else(|| self.columns.iter().position(|c| c.name.contains(name)))
    }

    /// The row with this code (function code, or printed/inferred economic code).
    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| match &r.code {
            Some(RowCode::Function { code: c }) => c.as_str() == code,
            Some(RowCode::Economic { code: c }) => c.best() == code,
            None => false,
        })
    }

    /// The first row whose label is `label` (or contains it).
    pub fn row_by_label(&self, label: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.label == label)
            .or_else(|| self.rows.iter().find(|r| r.label.contains(label)))
    }

    /// The cell at (`row`, column named `column`).
    pub fn cell<'a>(&self, row: &'a Row, column: &str) -> Option<&'a Cell> {
        self.column_index(column).and_then(|i| row.cells.get(i))
    }
}

/// One of the nine 公开 schedules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// 01 … 09.
    pub id: ScheduleId,
    /// The title as printed, else the standard title.
    pub title: String,
    /// Present, partial or missing.
    #[serde(flatten)]
    pub status: ScheduleStatus,
    /// The panels (empty when missing).
    pub panels: Vec<Panel>,
    /// The line of the "公开 NN 表" heading, when printed.
    pub heading_line: Option<LineNo>,
    /// First and last source line of the schedule.
    pub lines: Option<(LineNo, LineNo)>,
    /// The "如本表为空…" statement's line, when printed.
    pub empty_statement: Option<LineNo>,
    /// 注 / note lines printed under the table.
    pub notes: Vec<(LineNo, String)>,
    /// The 金额单位 printed when it is not 万元 ("元", "千元"): the cells
    /// were converted to 万元 as they were read, so every rule compares
    /// figures of one unit; none for 万元.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_unit: Option<String>,
}

impl Schedule {
    /// A slot for a schedule the report does not carry.
    pub fn missing(id: ScheduleId) -> Self {
        Schedule {
            id,
            title: id.standard_title().to_string(),
            status: ScheduleStatus::Missing,
            panels: Vec::new(),
            heading_line: None,
            lines: None,
            empty_statement: None,
            notes: Vec::new(),
            amount_unit: None,
        }
    }

    /// Whether the schedule is in the report (in full or in part).
    pub fn is_present(&self) -> bool {
        !matches!(self.status, ScheduleStatus::Missing)
    }

    /// The panel with this name ("" for the only panel of a simple table).
    pub fn panel(&self, name: &str) -> Option<&Panel> {
        self.panels.iter().find(|p| p.name == name)
    }

    /// The first panel (the whole table for single-panel schedules).
    pub fn main_panel(&self) -> Option<&Panel> {
        self.panels.first()
    }

    /// Every row of every panel, with its panel.
    pub fn rows(&self) -> impl Iterator<Item = (&Panel, &Row)> {
        self.panels
            .iter()
            .flat_map(|p| p.rows.iter().map(move |r| (p, r)))
    }

    /// Whether every amount cell in the schedule is blank or zero.
    pub fn is_empty_of_amounts(&self) -> bool {
        self.rows()
            .all(|(_, r)| r.cells.iter().all(|c| c.value_or_zero().is_zero()))
    }
}
