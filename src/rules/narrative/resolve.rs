//! Which table figure a narrative amount restates: the one of the subject,
//! scope (口径) and basis the parser read for it ([`crate::report::Reading`]).

use super::*;
use crate::report::{Basis, CostKind, Flow, Fund, Subject};

/// A table figure a narrative statement restates.
pub(super) struct Ref {
    pub(super) value: Decimal,
    pub(super) loc: Location,
    pub(super) what: String,
    /// Why the figure is not of the claim's scope (口径), when it is not:
    /// the nearest figure the tables have, which cannot contradict it.
    pub(super) other_scope: Option<&'static str>,
}

pub(super) fn r(f: Option<Fig>, what: &str) -> Option<Ref> {
    f.map(|f| Ref {
        value: f.value,
        loc: f.loc(),
        what: what.to_string(),
        other_scope: None,
    })
}

/// [`r`] for a figure of another scope than the claim's.
pub(super) fn other_scope(f: Option<Fig>, what: &str, why: &'static str) -> Option<Ref> {
    r(f, what).map(|t| Ref {
        other_scope: Some(why),
        ..t
    })
}

/// The 公开05表 row a "(类)(款)(项)" clause names, with its 小计.
pub(super) fn item_fig<'a>(report: &'a Report, clause: &str) -> Option<(String, Fig<'a>)> {
    let (class, section, item) = crate::text::function_path(clause)?;
    let s = facts::schedule(report, 5)?;
    let p = s.main_panel()?;
    let cr = facts::class_row(p, class)?;
    let sr = facts::child_row(p, cr, section)?;
    let ir = facts::child_row(p, sr, item)?;
    let f = facts::fig(s, p, ir, facts::column(p, "小计")?)?;
    Some((ir.key(), f))
}

/// The table figure a claim restates: the one of its reading's subject,
/// fund and basis ([`crate::report::Reading`], read by the parser from its
/// heading and clause).
pub(super) fn resolve(report: &Report, claim: &Claim) -> Option<Ref> {
    let reading = claim.reading.as_ref()?;
    match (&reading.subject, reading.fund) {
        (Subject::Sangong(key), _) => {
            let (budget, actual) = facts::t7_row(report, key)?;
            match reading.basis {
                Basis::Budget => r(Some(budget), &format!("公开07表 {key} 预算数")),
                Basis::Actual => r(Some(actual), &format!("公开07表 {key} 决算数")),
            }
        }
        (Subject::GrandTotal(flow), Fund::Fiscal) => {
            let side = side_name(*flow);
            r(
                facts::side_kind_fig(report, 4, side, RowKind::GrandTotal),
                &format!("公开04表 {side}总计"),
            )
        }
        (Subject::GrandTotal(flow), Fund::All) => {
            let side = side_name(*flow);
            r(
                facts::side_kind_fig(report, 1, side, RowKind::GrandTotal),
                &format!("公开01表 {side}总计"),
            )
        }
        (Subject::YearTotal(Flow::Expense), Fund::Fiscal) => r(
            total_expense_col(report, "合计"),
            "公开04表 本年支出合计 合计",
        ),
        (Subject::YearTotal(Flow::Expense), Fund::GeneralBudget) => {
            r(facts::total_fig(report, 5, "小计"), "公开05表 合计 小计")
        }
        (Subject::YearTotal(Flow::Income), Fund::All) => r(
            facts::total_fig(report, 2, "本年收入合计"),
            "公开02表 合计 本年收入合计",
        ),
        (Subject::YearTotal(Flow::Expense), Fund::All) => r(
            facts::total_fig(report, 3, "本年支出合计"),
            "公开03表 合计 本年支出合计",
        ),
        (Subject::Spending(k), Fund::Fiscal) => {
            let t5 = facts::total_fig(report, 5, k);
            let what = format!("公开05表 合计 {k}");
            if facts::fiscal_is_general_budget(report) == Some(true) {
                r(t5, &what)
            } else {
                other_scope(
                    t5,
                    &what,
                    "所述为全部财政拨款，公开05表只含一般公共预算财政拨款，本部门另有政府性基金或国有资本经营预算支出",
                )
            }
        }
        (Subject::Spending(k), Fund::GeneralBudget) => r(
            facts::total_fig(report, 5, k),
            &format!("公开05表 合计 {k}"),
        ),
        (Subject::Spending(k), Fund::All) => r(
            facts::total_fig(report, 3, k),
            &format!("公开03表 合计 {k}"),
        ),
        (Subject::Function(path), _) => function_ref(report, path),
        (Subject::BasicCost(CostKind::Personnel), _) => r(
            facts::t6_fig(report, "人员经费合计"),
            "公开06表 人员经费合计",
        ),
        (Subject::BasicCost(CostKind::Public), _) => r(
            facts::t6_fig(report, "公用经费合计"),
            "公开06表 公用经费合计",
        ),
        (Subject::Income("使用非财政拨款结余"), Fund::All) => r(
            facts::side_fig(report, 1, "收入", "使用非财政拨款结余"),
            "公开01表 使用非财政拨款结余",
        ),
        (Subject::Income(k), Fund::All) => r(
            facts::total_fig(report, 2, k),
            &format!("公开02表 合计 {k}"),
        ),
        (Subject::Income(_), fund) => fiscal_income_ref(report, fund, &claim.clause),
        (Subject::Carryover(Flow::Income), _) => r(
            facts::side_fig(report, 1, "收入", "年初结转和结余"),
            "公开01表 年初结转和结余",
        ),
        (Subject::Carryover(Flow::Expense), _) => r(
            facts::side_fig(report, 1, "支出", "年末结转和结余"),
            "公开01表 年末结转和结余",
        ),
        (Subject::EconomicClass(code), _) => economic_class_ref(report, code, &claim.clause),
        _ => None,
    }
}

fn side_name(flow: Flow) -> &'static str {
    match flow {
        Flow::Income => "收入",
        Flow::Expense => "支出",
    }
}

/// A 功能分类科目 of 公开05表: a 类 by its name, or a 项 by its 类, 款, 项.
fn function_ref(report: &Report, path: &[String]) -> Option<Ref> {
    let s = facts::schedule(report, 5)?;
    let p = s.main_panel()?;
    let col = facts::column(p, "小计")?;
    match path {
        [class] => {
            let row = facts::class_row(p, class)?;
            r(
                facts::fig(s, p, row, col),
                &format!("公开05表 {} {} 小计", row.key(), class),
            )
        }
        [class, section, item] => {
            let cr = facts::class_row(p, class)?;
            let sr = facts::child_row(p, cr, section)?;
            let ir = facts::child_row(p, sr, item)?;
            r(
                facts::fig(s, p, ir, col),
                &format!("公开05表 {} 小计", ir.key()),
            )
        }
        _ => None,
    }
}

/// A 财政拨款收入 of one budget: its row on 公开04表's income side.
fn fiscal_income_ref(report: &Report, fund: Fund, clause: &str) -> Option<Ref> {
    let key = match fund {
        Fund::GeneralBudget => "一般公共",
        Fund::GovernmentFund => "政府性基金",
        Fund::StateCapital => "国有资本经营",
        Fund::All | Fund::Fiscal => return None,
    };
    let f = facts::side(report, 4, "收入").and_then(|(s, p)| {
        p.rows
            .iter()
            .find(|r| r.kind == RowKind::Item && r.label.contains(key))
            .and_then(|r| facts::fig(s, p, r, 0))
    });
    r(f, &format!("公开04表 {clause}"))
}

/// A 经济分类 class of basic spending on 公开06表, which covers the
/// general-budget basic spending only: compared when that is all of the
/// department's basic spending (03's equals 05's).
fn economic_class_ref(report: &Report, code: &str, name: &str) -> Option<Ref> {
    let t3 = facts::total_fig(report, 3, "基本支出")?;
    let t5 = facts::total_fig(report, 5, "基本支出")?;
    if t3.value != t5.value {
        return None;
    }
    r(
        facts::t6_fig(report, code),
        &format!("公开06表 {code} {name}"),
    )
}

pub(super) fn total_expense_col<'a>(report: &'a Report, column: &str) -> Option<Fig<'a>> {
    let (s, p) = facts::side(report, 4, "支出")?;
    let col = p.columns.iter().position(|c| c.name.contains(column))?;
    let row = p.rows.iter().find(|r| r.kind == RowKind::Total)?;
    facts::fig(s, p, row, col)
}
