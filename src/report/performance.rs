//! The performance annexes: 预算项目(政策)绩效自评表 (one per project) and the
//! 部门(单位)整体绩效自评表 (the department as a whole).

use super::schedule::Cell;
use super::LineNo;
use rust_decimal::Decimal;
use serde::Serialize;

/// One performance indicator row (绩效指标).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// 一级指标 (e.g. 产出指标), carried down from the row above when blank.
    pub level1: String,
    /// 二级指标 (e.g. 数量指标), carried down when blank.
    pub level2: String,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 运算符号 (>=, <=, =), blank for qualitative indicators.
    pub operator: String,
    /// 年度目标值 / 指标值.
    pub target: String,
    /// 度量单位.
    pub unit: String,
    /// 全年完成值.
    pub actual: String,
    /// 完成程度 as printed (100%, or 1 in the overall table).
    pub completion: String,
    /// 分值 (weight).
    pub weight: Option<Decimal>,
    /// 得分 (score).
    pub score: Option<Decimal>,
    /// The source line.
    pub line: LineNo,
}

/// How a project table is linked to its summary paragraph in the narrative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectLink {
    /// Index into `Narrative::project_summaries`.
    pub summary: usize,
    /// The fuzzy match score (higher is closer; see `parse::link`).
    pub score: i64,
}

/// A spending project's 预算项目(政策)绩效自评表.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// 项目(政策)名称 as printed.
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 实施单位.
    pub implementer: String,
    /// 项目预算金额 (万元).
    pub budget: Cell,
    /// 全年执行数 (万元).
    pub executed: Cell,
    /// 执行率 as printed, in percent (58.46 for "58.46%").
    pub rate: Option<Decimal>,
    /// 年初设定目标.
    pub goal_planned: String,
    /// 全年实际完成情况.
    pub goal_actual: String,
    /// The indicator rows.
    pub indicators: Vec<Indicator>,
    /// 指标自评得分小计.
    pub indicator_subtotal: Option<Decimal>,
    /// 预算执行率得分.
    pub rate_score: Option<Decimal>,
    /// 减分项.
    pub deduction: Option<Decimal>,
    /// 绩效自评总得分.
    pub total: Option<Decimal>,
    /// The table's heading line.
    pub line: LineNo,
    /// Line of the name row.
    pub name_line: LineNo,
    /// Line of the 预算金额 / 执行数 / 执行率 row.
    pub amounts_line: Option<LineNo>,
    /// Line of the 小计 / 执行率得分 / 减分项 / 总得分 row.
    pub scores_line: Option<LineNo>,
    /// Last line of the table.
    pub end_line: LineNo,
    /// The narrative summary paragraph this table was matched to.
    pub link: Option<ProjectLink>,
}

/// A task row (年度主要任务) of the 整体绩效自评表.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallTask {
    /// The task / project name.
    pub name: String,
    /// 项目下达金额.
    pub allocated: Cell,
    /// 项目执行金额.
    pub executed: Cell,
    /// 项目执行率 as printed, in percent.
    pub rate: Option<Decimal>,
    /// 分值.
    pub weight: Option<Decimal>,
    /// 得分.
    pub score: Option<Decimal>,
    /// The source line.
    pub line: LineNo,
}

/// The 部门(单位)整体绩效自评表.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallPerformance {
    /// 部门(单位)名称 as printed.
    pub name: String,
    /// 部门年初预算收入金额.
    pub budget_income: Cell,
    /// 部门年初预算支出金额.
    pub budget_expense: Cell,
    /// The task rows.
    pub tasks: Vec<OverallTask>,
    /// 年初总体目标.
    pub goal_planned: String,
    /// 全年完成情况.
    pub goal_actual: String,
    /// The indicator rows.
    pub indicators: Vec<Indicator>,
    /// 总评价得分.
    pub total: Option<Decimal>,
    /// First line of the table.
    pub line: LineNo,
    /// Line of the total.
    pub total_line: Option<LineNo>,
    /// Last line of the table.
    pub end_line: LineNo,
}
