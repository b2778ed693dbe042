//! Which table figure a narrative amount restates, by the heading it stands
//! under and the words before it; of the same scope (口径) only.

use super::*;

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
    let re = crate::regex!(r"^(.+?)[（(]类[）)](.+?)[（(]款[）)](.+?)[（(]项[）)]$");
    let c = re.captures(clause)?;
    let (class, section, item) = (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
    let s = facts::schedule(report, 5)?;
    let p = s.main_panel()?;
    let cr = facts::class_row(p, class)?;
    let sr = facts::child_row(p, cr, section)?;
    let ir = facts::child_row(p, sr, item)?;
    let f = facts::fig(s, p, ir, facts::column(p, "小计")?)?;
    Some((ir.key(), f))
}

pub(super) fn resolve(report: &Report, claim: &Claim, c: &str) -> Option<Ref> {
    let h = facts::heading(report, claim);
    // 三公 first: its headings also read "…财政拨款支出决算总体情况".
    if h.contains("三公") {
        sangong_ref(report, claim, c)
    } else if h.contains("财政拨款收入支出决算总体") {
        fiscal_ref(report, c)
    } else if h.contains("收入支出决算总体") {
        overall_ref(report, c)
    } else if h.contains("财政拨款支出决算") && h.contains("总体情况") {
        match c {
            "财政拨款支出" => r(
                total_expense_col(report, "合计"),
                "公开04表 本年支出合计 合计",
            ),
            "一般公共预算财政拨款支出" => {
                r(facts::total_fig(report, 5, "小计"), "公开05表 合计 小计")
            }
            "基本支出" | "项目支出" => {
                let t5 = facts::total_fig(report, 5, c);
                let what = format!("公开05表 合计 {c}");
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
            _ => None,
        }
    } else if let Some(t) = budget_item_actual(report, claim, c) {
        Some(t)
    } else if h.contains("一般公共预算财政拨款支出") && !h.contains("基本支出") {
        // "…支出情况" (Liaoning) and "…支出决算结构情况" (Shanghai): the
        // whole, then each 类 ("一般公共服务支出（类）X 万元") or 项.
        if c == "一般公共预算财政拨款支出" {
            return r(facts::total_fig(report, 5, "小计"), "公开05表 合计 小计");
        }
        if let Some((code, f)) = item_fig(report, c) {
            return r(Some(f), &format!("公开05表 {code} 小计"));
        }
        let class = c
            .trim_end_matches("（类）")
            .trim_end_matches("(类)")
            .trim_end_matches("（类)");
        let s = facts::schedule(report, 5)?;
        let p = s.main_panel()?;
        let row = facts::class_row(p, class)?;
        r(
            facts::fig(s, p, row, facts::column(p, "小计")?),
            &format!("公开05表 {} {} 小计", row.key(), class),
        )
    } else if h.contains("基本支出决算") {
        match c {
            "一般公共预算财政拨款基本支出" => r(
                facts::total_fig(report, 5, "基本支出"),
                "公开05表 合计 基本支出",
            ),
            "人员经费" => r(
                facts::t6_fig(report, "人员经费合计"),
                "公开06表 人员经费合计",
            ),
            "日常公用经费" | "公用经费" => r(
                facts::t6_fig(report, "公用经费合计"),
                "公开06表 公用经费合计",
            ),
            _ => None,
        }
    } else if h.contains("收入决算情况") || h.contains("支出决算情况") {
        // Shanghai's 收入决算情况说明 and 支出决算情况说明 restate 02's and
        // 03's 合计 rows (财政拨款 sections were taken above).
        overall_ref(report, c)
    } else {
        None
    }
}

/// "支出决算为 B 万元" in the template's per-项 paragraph ("1、X（类）Y（款）
/// Z（项）。主要用于：…。年初预算为 A 万元，支出决算为 B 万元。") and in its
/// lead ("一般公共预算财政拨款支出年初预算为 A 万元，支出决算为 B 万元"): B is
/// 公开05表's total of that 项, or of the table. (A has no column to meet:
/// 05 prints the year's spending only.)
pub(super) fn budget_item_actual(report: &Report, claim: &Claim, clause: &str) -> Option<Ref> {
    if !(clause.ends_with("支出决算为") || clause == "决算为" || clause == "决算数为") {
        return None;
    }
    let text = facts::para_text(report, claim);
    let before = claim.text_before(text);
    let item = crate::regex!(
        r"^\s*\d+\s*[、.．]\s*([^。]+?[（(]类[）)][^。]+?[（(]款[）)][^。]+?[（(]项[）)])"
    );
    if let Some(name) = item.captures(before).and_then(|c| c.get(1)) {
        let (code, f) = item_fig(report, &squash(name.as_str()))?;
        return r(Some(f), &format!("公开05表 {code} 合计"));
    }
    let lead = squash(before);
    if lead.starts_with("一般公共预算财政拨款支出年初预算为") {
        return r(facts::total_fig(report, 5, "小计"), "公开05表 合计");
    }
    None
}

/// A 三公 sentence's amount: 公开07表's row it names (or its sentence
/// names), its 预算数 for a budget, else its 决算数.
pub(super) fn sangong_ref(report: &Report, claim: &Claim, c: &str) -> Option<Ref> {
    if c.contains("累计") || c.chars().any(|ch| ch.is_ascii_digit()) {
        return None;
    }
    // "…年初预算为 A 万元，支出决算为 B 万元": the clause names no item;
    // the sentence does.
    let bare = ["年初预算为", "预算为", "支出决算为", "决算为"].contains(&c);
    let key = match facts::t7_key(c) {
        Some(k) => k,
        None if bare => sangong_claim_subject(report, claim)?,
        None => return None,
    };
    let (budget, actual) = facts::t7_row(report, key)?;
    if c.contains("预算") && !c.contains("决算") {
        r(Some(budget), &format!("公开07表 {key} 预算数"))
    } else {
        r(Some(actual), &format!("公开07表 {key} 决算数"))
    }
}

pub(super) fn total_expense_col<'a>(report: &'a Report, column: &str) -> Option<Fig<'a>> {
    let (s, p) = facts::side(report, 4, "支出")?;
    let col = p.columns.iter().position(|c| c.name.contains(column))?;
    let row = p.rows.iter().find(|r| r.kind == RowKind::Total)?;
    facts::fig(s, p, row, col)
}

/// The totals of 公开04表 that the 财政拨款收入支出决算总体情况 restates;
/// the clause may start with the department and year ("某局2024年度财政拨款收入支出总计").
pub(super) fn fiscal_ref(report: &Report, c: &str) -> Option<Ref> {
    if c.ends_with("财政拨款收入支出总计") || c.ends_with("财政拨款收入总计") {
        r(
            facts::side_kind_fig(report, 4, "收入", RowKind::GrandTotal),
            "公开04表 收入总计",
        )
    } else if c.ends_with("财政拨款支出总计") {
        r(
            facts::side_kind_fig(report, 4, "支出", RowKind::GrandTotal),
            "公开04表 支出总计",
        )
    } else {
        None
    }
}

pub(super) fn overall_ref(report: &Report, c: &str) -> Option<Ref> {
    if c.ends_with("收入支出总计") {
        return r(
            facts::side_kind_fig(report, 1, "收入", RowKind::GrandTotal),
            "公开01表 收入总计",
        );
    }
    match c {
        "收入总计" => r(
            facts::side_kind_fig(report, 1, "收入", RowKind::GrandTotal),
            "公开01表 收入总计",
        ),
        "支出总计" => r(
            facts::side_kind_fig(report, 1, "支出", RowKind::GrandTotal),
            "公开01表 支出总计",
        ),
        "财政拨款收入" => r(
            facts::total_fig(report, 2, "财政拨款收入"),
            "公开02表 合计 财政拨款收入",
        ),
        // normalise_subject takes 本年 for "this year": "本年收入合计" comes as "收入合计".
        "本年收入合计" | "收入合计" => r(
            facts::total_fig(report, 2, "本年收入合计"),
            "公开02表 合计 本年收入合计",
        ),
        "本年支出合计" | "支出合计" => r(
            facts::total_fig(report, 3, "本年支出合计"),
            "公开03表 合计 本年支出合计",
        ),
        "一般公共预算财政拨款收入"
        | "政府性基金预算财政拨款收入"
        | "国有资本经营预算财政拨款收入" => {
            let key = c.trim_end_matches("预算财政拨款收入");
            let f = facts::side(report, 4, "收入").and_then(|(s, p)| {
                p.rows
                    .iter()
                    .find(|r| r.kind == RowKind::Item && r.label.contains(key))
                    .and_then(|r| facts::fig(s, p, r, 0))
            });
            r(f, &format!("公开04表 {c}"))
        }
        "上级补助收入" | "事业收入" | "经营收入" | "附属单位上缴收入" | "其他收入" => {
            r(
                facts::total_fig(report, 2, c),
                &format!("公开02表 合计 {c}"),
            )
        }
        "使用非财政拨款结余" => r(
            facts::side_fig(report, 1, "收入", c),
            "公开01表 使用非财政拨款结余",
        ),
        "上年结转和结余" | "年初结转和结余" => r(
            facts::side_fig(report, 1, "收入", "年初结转和结余"),
            "公开01表 年初结转和结余",
        ),
        "年末结转和结余" => r(
            facts::side_fig(report, 1, "支出", "年末结转和结余"),
            "公开01表 年末结转和结余",
        ),
        "基本支出" | "项目支出" | "上缴上级支出" | "经营支出" | "对附属单位补助支出" => {
            r(
                facts::total_fig(report, 3, c),
                &format!("公开03表 合计 {c}"),
            )
        }
        "工资福利支出" | "商品和服务支出" | "对个人和家庭的补助" => {
            // 06 covers the general-budget basic spending only: compare when
            // that is all of the basic spending.
            let t3 = facts::total_fig(report, 3, "基本支出")?;
            let t5 = facts::total_fig(report, 5, "基本支出")?;
            if t3.value != t5.value {
                return None;
            }
            let code = match c {
                "工资福利支出" => "301",
                "商品和服务支出" => "302",
                _ => "303",
            };
            r(facts::t6_fig(report, code), &format!("公开06表 {code} {c}"))
        }
        _ => None,
    }
}
