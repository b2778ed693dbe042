//! What a narrative number claims (一句话的主张): its subject, whose money it
//! is and whether it is a budget or an actual, read from the section heading
//! and the words before the number — before any table is looked at. The
//! rules compare a claim only with the table figure of the same subject and
//! scope (口径); the reading itself never consults a table.

use serde::Serialize;

/// Which side of an account a total is on (收入 / 支出).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// 收入 (for carry-overs: 年初结转和结余, which the income side lists).
    Income,
    /// 支出 (for carry-overs: 年末结转和结余, which the expense side lists).
    Expense,
}

/// Whose money a claim is about (资金口径). A figure of a wider or narrower
/// scope cannot contradict it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// All the department's money (全部资金: 公开01–03表).
    All,
    /// All 财政拨款 (公开04表), whatever its budget.
    Fiscal,
    /// 一般公共预算财政拨款 (公开05–07表).
    GeneralBudget,
    /// 政府性基金预算财政拨款 (公开08表).
    GovernmentFund,
    /// 国有资本经营预算财政拨款 (公开09表).
    StateCapital,
}

/// Whether a level is the year's budget or its actual (预算数 / 决算数).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 决算数 (what was received or spent).
    Actual,
    /// 年初预算数 / 预算数.
    Budget,
}

/// What a claim's number is about (主体). Names are the tables' own
/// wording, from closed lists in the parser, so a rule can look them up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 收入总计 / 支出总计 (the year's totals with carry-overs).
    GrandTotal(Flow),
    /// 本年收入合计 / 本年支出合计 (the year's own income or spending).
    YearTotal(Flow),
    /// A kind of income (收入): "财政拨款收入", "事业收入", "使用非财政拨款结余" …
    Income(&'static str),
    /// Spending by its nature (支出性质): "基本支出", "项目支出", "经营支出" …
    Spending(&'static str),
    /// 年初结转和结余 (income side) / 年末结转和结余 (expense side).
    Carryover(Flow),
    /// A 经济分类 class of basic spending by its code: "301" 工资福利支出,
    /// "302" 商品和服务支出, "303" 对个人和家庭的补助.
    EconomicClass(&'static str),
    /// 人员经费 / 公用经费: 公开06表's two totals.
    BasicCost(CostKind),
    /// A 功能分类科目 by its names: the 类 alone, or 类, 款 and 项.
    Function(Vec<String>),
    /// A “三公”经费 item by its 公开07表 row ("合计" for the whole).
    Sangong(&'static str),
}

/// The two halves of basic spending (基本支出 = 人员经费 + 公用经费).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// 人员经费.
    Personnel,
    /// 公用经费 (日常公用经费).
    Public,
}

/// A claim as understood: subject, scope and basis, and the year the clause
/// names ("2024年度收入总计"), when it names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// What the number is about.
    pub subject: Subject,
    /// Whose money.
    pub fund: Fund,
    /// Budget or actual.
    pub basis: Basis,
    /// The year named in the clause itself, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}
