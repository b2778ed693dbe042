//! The narrative against the tables and against itself: amounts, shares,
//! year-on-year changes, completion rates (and the budgets they imply),
//! words of direction, counts, 政府采购 and 机关运行经费.

use super::arith::{push_same_finding, push_sum_finding, r2, Interval, Printed, ROUNDING_STEP};
use super::facts::{self, Fig, Occurrences};
use super::{Finding, Location, Rule, Severity};
use crate::report::{Claim, ClaimKind, Measure, Report, RowKind};
use crate::text::squash;
use rust_decimal::Decimal;

/// The narrative family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "TEXT-AMOUNT",
        title: "情况说明中的金额与决算表一致",
        rationale: "情况说明逐项复述决算表：收入总计、各项收入、基本支出与项目支出、各功能科目\
                    （类、款、项）的支出、“三公”经费各项、人员经费与公用经费……每个金额都应等于\
                    对应表格中的同一数字；说明称无政府性基金或国有资本经营预算支出时，04表的对应栏\
                    也应为空。不符通常是说明沿用了旧稿或调整后的表格未同步到说明。",
        severity: Severity::Error,
        check: amounts,
    },
    Rule {
        id: "TEXT-SHARE",
        title: "“占……的X%”等于部分 ÷ 整体",
        rationale: "说明中的比重（如“基本支出……占支出总计的24.39%”）必须等于所述部分金额除以所述\
                    整体金额。核对时允许百分比按印出位数四舍五入、两个金额各自按0.01万元舍入的误差；\
                    超出即为计算错误或引用了其他年份、其他口径的数字。",
        severity: Severity::Error,
        check: shares,
    },
    Rule {
        id: "TEXT-CHANGE",
        title: "“增加/减少X万元，增长/降低Y%”中Y = X ÷ 上年数",
        rationale: "与上年相比的增减率等于增减额除以上年数（本年数减去增加额，或加上减少额）。核对\
                    时允许金额舍入和百分比印出位数的误差。不符说明增减额或增减率有一个算错，或两者\
                    引用的不是同一口径。",
        severity: Severity::Error,
        check: changes,
    },
    Rule {
        id: "TEXT-DIRECTION",
        title: "增加/减少、持平/大于/小于预算等方向词与数字相符",
        rationale: "描述方向的词必须与它所描述的数字一致：增加额对应“增长”，减少额对应“降低/下降”；\
                    “决算数持平（等于）预算数”要求两数相等，“大于/超过”“小于/低于”要求决算数确实\
                    更大或更小（以公开07表或同一句中的完成预算百分比为准）。方向写反是常见的复制\
                    粘贴错误，会让读者得出相反的结论。",
        severity: Severity::Error,
        check: directions,
    },
    Rule {
        id: "TEXT-RATE",
        title: "“完成预算的Z%”等于决算数 ÷ 预算数（“三公”经费对照公开07表，其他对照同句所述金额）",
        rationale: "“三公”经费说明中的“完成预算的Z%”必须等于公开07表的决算数除以预算数（允许舍入\
                    误差）。不符说明说明文字与表格不一致。预算数为0时不能计算完成率，由“预算为0时\
                    不能陈述完成百分比”规则报告。",
        severity: Severity::Error,
        check: rates,
    },
    Rule {
        id: "TEXT-RATE-NO-BUDGET",
        title: "年初预算（预算数）为0时不能陈述完成百分比",
        rationale: "完成预算的百分比 = 决算数 ÷ 预算数。预算数为0（年初未安排、年中新增的项目，或\
                    “三公”经费预算数为空）时这个比值不存在：写“完成年初预算的0%”而决算数大于0，\
                    在算术上不可能，读者会误以为没有支出；写“完成预算的0.00%”而预算、决算都为空，\
                    也没有意义。应改为说明“年初未安排预算”及原因。定为警告而非错误：这是很多单位\
                    沿用的写法，文中往往同时写明“新增项目”，意思可以推知，但公开数字本身是错的。",
        severity: Severity::Warning,
        check: rates_without_budget,
    },
    Rule {
        id: "TEXT-BUDGET-IMPLIED",
        title: "各处完成年初预算百分比所隐含的年初预算彼此一致",
        rationale: "每个“完成年初预算的Z%”都隐含一个年初预算 = 决算数 ÷ Z%。总体、基本支出、项目\
                    支出和逐项科目的百分比各自隐含一个预算：基本与项目之和应等于总体，各项科目之和\
                    应等于总体，基本支出类科目之和应等于基本支出，整体绩效自评表的年初预算支出金额\
                    也应与之相符。核对时按百分比印出位数和金额舍入计算每个预算的可能范围，范围不\
                    相交才报告。不一致说明某个百分比算错或抄错。",
        severity: Severity::Error,
        check: implied_budgets,
    },
    Rule {
        id: "TEXT-BUDGET-ITEMS",
        title: "逐项科目所列年初预算之和等于所述年初预算总额",
        rationale: "有的模板（如上海）在“一般公共预算财政拨款支出决算具体情况”中先写总的年初预算，\
                    再逐项写出每个科目的年初预算与支出决算。各项年初预算之和应等于总额；差额在各项\
                    四舍五入容差（项数 × 0.005 万元）以内是尾差，超出说明某项预算抄错、漏列了科目，\
                    或总额引用了调整前的预算。",
        severity: Severity::Error,
        check: budget_items,
    },
    Rule {
        id: "TEXT-COUNT",
        title: "同一数量在各处的陈述一致（车辆数）",
        rationale: "车辆数在“三公”经费说明（公务用车保有量）和国有资产占用情况（共有车辆及各类\
                    车辆）中各陈述一次：按类别列出的车辆之和应等于共有车辆数，使用财政拨款开支运行\
                    维护费的公务用车保有量不能超过共有车辆数。前后矛盾说明其中一处沿用了模板或旧稿，\
                    且与公开06表、07表列支的公务用车运行维护费对不上。",
        severity: Severity::Error,
        check: counts,
    },
    Rule {
        id: "TEXT-PROCUREMENT",
        title: "政府采购支出总额 = 货物 + 工程 + 服务；中小企业、小微企业金额不超过总额",
        rationale: "政府采购支出总额由货物、工程、服务三类组成；授予中小企业的合同金额是总额的一部分，\
                    授予小微企业的又是中小企业的一部分。不符说明采购数字有误或口径混用。",
        severity: Severity::Error,
        check: procurement,
    },
    Rule {
        id: "TEXT-OPERATING-COST",
        title: "机关运行经费不超过公开06表公用经费合计（称“一致”时相等）",
        rationale: "机关运行经费是行政单位（及参照公务员法管理的事业单位）一般公共预算财政拨款基本\
                    支出中的公用经费，因此不能超过公开06表的公用经费合计；纯行政单位两者相等，说明\
                    中写明“一致”的也必须相等。不符说明机关运行经费的口径或数字有误。",
        severity: Severity::Error,
        check: operating_cost,
    },
];

/// A table figure a narrative statement restates.
struct Ref {
    value: Decimal,
    loc: Location,
    what: String,
    /// Why the figure is not of the claim's scope (口径), when it is not:
    /// the nearest figure the tables have, which cannot contradict it.
    other_scope: Option<&'static str>,
}

fn r(f: Option<Fig>, what: &str) -> Option<Ref> {
    f.map(|f| Ref {
        value: f.value,
        loc: f.loc(),
        what: what.to_string(),
        other_scope: None,
    })
}

/// [`r`] for a figure of another scope than the claim's.
fn other_scope(f: Option<Fig>, what: &str, why: &'static str) -> Option<Ref> {
    r(f, what).map(|t| Ref {
        other_scope: Some(why),
        ..t
    })
}

/// The 公开05表 row a "(类)(款)(项)" clause names, with its 小计.
fn item_fig<'a>(report: &'a Report, clause: &str) -> Option<(String, Fig<'a>)> {
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

fn resolve(report: &Report, claim: &Claim, c: &str) -> Option<Ref> {
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
fn budget_item_actual(report: &Report, claim: &Claim, clause: &str) -> Option<Ref> {
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
fn sangong_ref(report: &Report, claim: &Claim, c: &str) -> Option<Ref> {
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

fn total_expense_col<'a>(report: &'a Report, column: &str) -> Option<Fig<'a>> {
    let (s, p) = facts::side(report, 4, "支出")?;
    let col = p.columns.iter().position(|c| c.name.contains(column))?;
    let row = p.rows.iter().find(|r| r.kind == RowKind::Total)?;
    facts::fig(s, p, row, col)
}

/// The totals of 公开04表 that the 财政拨款收入支出决算总体情况 restates;
/// the clause may start with the department and year ("某局2024年度财政拨款收入支出总计").
fn fiscal_ref(report: &Report, c: &str) -> Option<Ref> {
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

fn overall_ref(report: &Report, c: &str) -> Option<Ref> {
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

fn amounts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report
        .narrative
        .claims
        .iter()
        // A change ("比上年减少 X 万元") restates no table figure: the tables
        // hold this year's levels only (TEXT-CHANGE checks it with its rate).
        .filter(|c| c.measure() == Measure::Level)
    {
        // The clause once per claim: `resolve` and the message both need it.
        let c = facts::clause(report, claim);
        let Some(t) = resolve(report, claim, &c) else {
            continue;
        };
        let disc = seen.next(format!("{}|{c}", facts::heading(report, claim)));
        if let Some(why) = t.other_scope {
            if t.value != claim.value {
                let msg = format!(
                    "未核对（口径不同；not checkable from the tables）：情况说明所述“{c}”为 {}，{}为 {}，但{why}",
                    claim.value, t.what, t.value
                );
                out.push(Finding::new(
                    rule.id,
                    Severity::Info,
                    msg,
                    vec![facts::claim_loc(report, claim), t.loc],
                    &disc,
                ));
            }
            continue;
        }
        push_same_finding(
            out,
            rule,
            &format!("情况说明所述“{c}”"),
            &t.what,
            t.value,
            claim.value,
            vec![facts::claim_loc(report, claim), t.loc],
            &disc,
        );
    }
    no_fund_spending(rule, report, out);
}

/// "本部门无政府性基金预算财政拨款支出" against 公开04表's fund column.
fn no_fund_spending(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let re = crate::regex!(r"无(政府性基金|国有资本经营)预算(?:财政拨款)?支出");
    for (_, s, p) in report.narrative.paragraphs() {
        for c in re.captures_iter(&p.text) {
            let (Some(m), Some(fund)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let Some(f) = total_expense_col(report, fund.as_str()) else {
                continue;
            };
            if f.value.is_zero() {
                continue;
            }
            let line = p.line_at(p.text[..m.start()].chars().count());
            let msg = format!(
                "情况说明称{}，但公开04表{}预算财政拨款栏本年支出合计为 {} 万元",
                m.as_str(),
                fund.as_str(),
                f.value
            );
            out.push(
                Finding::new(
                    rule.id,
                    rule.severity,
                    msg,
                    vec![Location::text(line, &s.heading), f.loc()],
                    m.as_str(),
                )
                .with_values(f.value, Decimal::ZERO),
            );
        }
    }
}

/// The first amount stated in the claim's section whose subject is `name`
/// (exactly, else starting with it, else ending with it). `subjects` are the
/// claims' normalised subjects ([`facts::subjects`]).
fn named_amount<'a>(
    report: &'a Report,
    subjects: &[String],
    near: &Claim,
    name: &str,
) -> Option<&'a Claim> {
    let candidates = || {
        report
            .narrative
            .claims
            .iter()
            .zip(subjects)
            .filter(move |(c, s)| {
                c.kind == ClaimKind::Amount
                    && c.section == near.section
                    && !std::ptr::eq(*c, near)
                    && !s.contains("增加")
                    && !s.contains("减少")
            })
    };
    let found = candidates()
        .find(|(_, s)| s.as_str() == name)
        .or_else(|| candidates().find(|(_, s)| s.starts_with(name)))
        .or_else(|| candidates().find(|(_, s)| s.ends_with(name)));
    found.map(|(c, _)| c)
}

/// The whole of a share stated in another section, by exactly its name
/// ("占本年支出合计的XX%" in 一般公共预算's section, 本年支出合计 stated in
/// 支出决算情况说明): the nearest such level stated before `near`, else after.
fn stated_elsewhere<'a>(
    report: &'a Report,
    subjects: &[String],
    near: &Claim,
    name: &str,
) -> Option<&'a Claim> {
    let name = facts::normalise_subject(name);
    let levels = report
        .narrative
        .claims
        .iter()
        .zip(subjects)
        .filter(|(c, s)| c.measure() == Measure::Level && **s == name && !std::ptr::eq(*c, near))
        .map(|(c, _)| c);
    levels
        .clone()
        .rfind(|c| c.line <= near.line)
        .or_else(|| levels.into_iter().next())
}

fn pct(part: Interval, whole: Interval) -> Option<Interval> {
    part.over(whole).map(|i| i.scale_by(Decimal::ONE_HUNDRED))
}

fn shares(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    let subjects = facts::subjects(report);
    for claim in report
        .narrative
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Percent)
    {
        let subj = squash(&claim.subject);
        let Some(whole_name) = subj.strip_prefix('占') else {
            continue;
        };
        let whole_name = whole_name.trim_end_matches('的');
        let alias = match whole_name {
            "中小企业采购支出总额" => "授予中小企业合同金额",
            other => other,
        };
        let Some(part) = facts::amount_before(report, claim) else {
            continue;
        };
        // "X 万元，其中：Y 万元，占 Z%": no whole named, the sentence's first amount is it.
        let whole = if alias.is_empty() {
            facts::para_claims(report, claim).find(|c| {
                c.kind == ClaimKind::Amount
                    && c.sentence == claim.sentence
                    && c.offset < part.offset
            })
        } else {
            named_amount(report, &subjects, part, alias)
                .or_else(|| stated_elsewhere(report, &subjects, part, alias))
        };
        let Some(whole) = whole else {
            continue;
        };
        if std::ptr::eq(part, whole) {
            continue;
        }
        let whole_label = if whole_name.is_empty() {
            format!("“{}”", facts::clause(report, whole))
        } else {
            whole_name.to_string()
        };
        let locs = vec![
            facts::claim_loc(report, claim),
            facts::claim_loc(report, part),
            facts::claim_loc(report, whole),
        ];
        let part_name = facts::clause(report, part);
        let disc = seen.next(format!("{part_name}|{whole_name}"));
        let computed = if whole.value.is_zero() {
            // A share of nothing (0 of 0 "占 100%") is no figure at all:
            // the sentence cannot be wrong about it, only a part that is not
            // zero of a whole that is can be.
            if part.value.is_zero() {
                continue;
            }
            None
        } else {
            pct(Interval::amount(part.value), Interval::amount(whole.value))
        };
        let fit = computed.map_or(Printed::Off, |c| Printed::of(c, claim.value));
        if fit == Printed::Fits {
            continue;
        }
        let (msg, expected) = match computed {
            Some(c) => (
                format!(
                    "称“{part_name}”{} 万元占{}的 {}%，但 {} ÷ {} = {}%\
                     （已计入金额舍入与百分比印出位数的误差，可能范围 {}%–{}%）",
                    part.value,
                    whole_label,
                    claim.value,
                    part.value,
                    whole.value,
                    c.mid().round_dp(claim.value.scale().max(2)),
                    c.lo.round_dp(4),
                    c.hi.round_dp(4)
                ),
                c.mid().round_dp(claim.value.scale().max(2)),
            ),
            None => (
                format!(
                    "称“{part_name}”{} 万元占{whole_label}的 {}%，但{whole_label}为 0，比重无从计算",
                    part.value, claim.value
                ),
                Decimal::ZERO,
            ),
        };
        out.push(
            fit.finding(rule, msg, locs, &disc)
                .with_values(expected, claim.value),
        );
    }
}

/// Direction of a change word: +1 increase, −1 decrease, 0 none.
fn direction(word: &str) -> i8 {
    if ["增加", "增长", "上升", "提高"]
        .iter()
        .any(|w| word.ends_with(w))
    {
        1
    } else if ["减少", "降低", "下降"].iter().any(|w| word.ends_with(w)) {
        -1
    } else {
        0
    }
}

/// A year-on-year change: the amount claim ("…增加 X 万元") and its rate claim.
struct Change<'a> {
    amount: &'a Claim,
    rate: &'a Claim,
    up_amount: i8,
    up_rate: i8,
    base: Option<&'a Claim>,
}

fn change_pairs(report: &Report) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    let subjects = facts::subjects(report);
    for rate in report
        .narrative
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Percent)
    {
        let up_rate = direction(&squash(&rate.subject));
        if up_rate == 0 || squash(&rate.subject).chars().count() > 3 {
            continue;
        }
        let Some(amount) = facts::amount_before(report, rate) else {
            continue;
        };
        let subj = facts::normalise_subject(&amount.subject);
        let up_amount = direction(&subj);
        if up_amount == 0 {
            continue;
        }
        // "比上年增加", and the template's "比2023年度增加": the words of
        // comparison name no figure.
        let year = crate::regex!(r"(?:与|比|较)(?:上年|\d{4}\s*年度?)(?:相比)?$");
        let name = subj
            .trim_start_matches("与上年相比")
            .trim_start_matches("比上年")
            .trim_end_matches(['增', '加', '减', '少', '长', '降', '低', '下']);
        let name = year.replace(name, "");
        let name = name.as_ref();
        let base = if name.is_empty() {
            facts::amount_before(report, amount)
        } else {
            named_amount(report, &subjects, amount, name)
        };
        out.push(Change {
            amount,
            rate,
            up_amount,
            up_rate,
            base,
        });
    }
    out
}

fn changes(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for ch in change_pairs(report) {
        let Some(base) = ch.base else { continue };
        let delta = Interval::amount(ch.amount.value);
        let now = Interval::amount(base.value);
        let before = if ch.up_amount > 0 {
            now.minus(delta)
        } else {
            now.plus(delta)
        };
        let Some(computed) = pct(delta, before) else {
            continue;
        };
        let fit = Printed::of(computed, ch.rate.value);
        if fit == Printed::Fits {
            continue;
        }
        let prev = if ch.up_amount > 0 {
            base.value - ch.amount.value
        } else {
            base.value + ch.amount.value
        };
        let name = facts::clause(report, base);
        let expected = computed.mid().round_dp(ch.rate.value.scale().max(2));
        let msg = format!(
            "称“{name}” {} 万元比上年{} {} 万元、{} {}%，但上年数为 {} 万元，{} ÷ {} = {}%",
            base.value,
            if ch.up_amount > 0 { "增加" } else { "减少" },
            ch.amount.value,
            squash(&ch.rate.subject),
            ch.rate.value,
            prev,
            ch.amount.value,
            prev,
            expected
        );
        let disc = seen.next(format!("{}|{name}", facts::heading(report, ch.rate)));
        out.push(
            fit.finding(
                rule,
                msg,
                vec![
                    facts::claim_loc(report, ch.rate),
                    facts::claim_loc(report, ch.amount),
                    facts::claim_loc(report, base),
                ],
                &disc,
            )
            .with_values(expected, ch.rate.value),
        );
    }
}

/// The 公开07表 row a 三公 paragraph is about: the first item it names.
fn sangong_subject(text: &str) -> Option<&'static str> {
    [
        ("因公出国", "因公出国"),
        ("公务接待", "公务接待费"),
        ("公务用车购置及运行", "公务用车购置及运行费"),
        ("三公", "合计"),
    ]
    .into_iter()
    .filter_map(|(k, row)| text.find(k).map(|i| (i, row)))
    .min_by_key(|(i, _)| *i)
    .map(|(_, row)| row)
}

/// The 公开07表 row a 三公 claim is about: the item named nearest before it
/// (one paragraph may state the total and every item, as Shanghai's does),
/// else the paragraph's first.
fn sangong_claim_subject(report: &Report, claim: &Claim) -> Option<&'static str> {
    let text = facts::para_text(report, claim);
    let before = claim.text_before(text);
    [
        ("因公出国", "因公出国"),
        ("公务接待", "公务接待费"),
        ("公务用车购置及运行", "公务用车购置及运行费"),
        ("三公", "合计"),
    ]
    .into_iter()
    .filter_map(|(k, row)| {
        // "占“三公”经费支出的" names the whole of a share, not the subject.
        before
            .match_indices(k)
            .map(|(i, _)| i)
            .filter(|&i| !before[..i].trim_end_matches(['“', '"']).ends_with('占'))
            .last()
            .map(|i| (i, row))
    })
    .max_by_key(|(i, _)| *i)
    .map(|(_, row)| row)
    .or_else(|| sangong_subject(text))
}

fn directions(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for ch in change_pairs(report) {
        if ch.up_amount == ch.up_rate {
            continue;
        }
        let msg = format!(
            "同一句中金额为“{}”{} 万元，百分比却为“{}”{}%：增减方向前后矛盾",
            facts::normalise_subject(&ch.amount.subject),
            ch.amount.value,
            squash(&ch.rate.subject),
            ch.rate.value
        );
        let disc = seen.next(format!("change|{}", facts::heading(report, ch.rate)));
        out.push(Finding::new(
            rule.id,
            rule.severity,
            msg,
            vec![
                facts::claim_loc(report, ch.rate),
                facts::claim_loc(report, ch.amount),
            ],
            &disc,
        ));
    }
    budget_words(rule, report, out, &mut seen);
}

/// "决算数持平/大于/小于预算数" against 公开07表 (三公) or the stated rate.
fn budget_words(rule: &Rule, report: &Report, out: &mut Vec<Finding>, seen: &mut Occurrences) {
    let re = crate::regex!(
        r"决算数?\s*(?:与(?:年初)?预算数?\s*(持平|相等|一致|等于)|(持平|等于|大于|高于|超过|多于|小于|低于|少于)\s*(?:年初)?预算数?)"
    );
    for (si, s, p) in report.narrative.paragraphs() {
        for c in re.captures_iter(&p.text) {
            let (Some(m), Some(word)) = (c.get(0), c.get(1).or(c.get(2))) else {
                continue;
            };
            let said = match word.as_str() {
                "持平" | "等于" | "相等" | "一致" => 0,
                "大于" | "高于" | "超过" | "多于" => 1,
                _ => -1,
            };
            let offset = p.text[..m.start()].chars().count();
            let line = p.line_at(offset);
            let (actual, what, locs) = if s.heading.contains("三公") {
                let Some(key) = sangong_subject(&p.text) else {
                    continue;
                };
                let Some((b, a)) = facts::t7_row(report, key) else {
                    continue;
                };
                let cmp = cmp_amounts(a.value, b.value);
                (
                    cmp,
                    format!(
                        "公开07表 {key} 决算数 {} 万元、预算数 {} 万元",
                        a.value, b.value
                    ),
                    vec![a.loc(), b.loc()],
                )
            } else {
                let sentence_rate = report.narrative.claims.iter().find(|cl| {
                    cl.section == si
                        && cl.kind == ClaimKind::Percent
                        && squash(&cl.subject).contains("预算的")
                        && cl.sentence.contains(m.as_str())
                        && cl.line >= p.line
                        && cl.line <= p.end_line
                });
                let Some(rate) = sentence_rate else {
                    let Some(pair) = stated_budget_and_actual(report, si, p, m.start()) else {
                        continue;
                    };
                    emit_direction(rule, out, seen, (s, line, m.as_str(), said), pair);
                    continue;
                };
                let h = crate::rules::arith::half_unit(rate.value);
                let cmp = if (rate.value - Decimal::ONE_HUNDRED).abs() <= h {
                    0
                } else if rate.value > Decimal::ONE_HUNDRED {
                    1
                } else {
                    -1
                };
                (
                    cmp,
                    format!("同一句称完成预算的 {}%", rate.value),
                    vec![facts::claim_loc(report, rate)],
                )
            };
            emit_direction(
                rule,
                out,
                seen,
                (s, line, m.as_str(), said),
                (actual, what, locs),
            );
        }
    }
}

/// A direction word (`said`: −1, 0, 1) at `line` of section `s`, against
/// what the figures show: a finding when they disagree.
fn emit_direction(
    rule: &Rule,
    out: &mut Vec<Finding>,
    seen: &mut Occurrences,
    (s, line, words, said): (&crate::report::Section, crate::report::LineNo, &str, i8),
    (actual, what, mut locs): (i8, String, Vec<Location>),
) {
    if actual == said {
        return;
    }
    let msg = format!("称“{words}”，但{what}");
    locs.insert(0, Location::text(line, &s.heading));
    let disc = seen.next(format!("budget|{}|{words}", s.heading));
    out.push(Finding::new(rule.id, rule.severity, msg, locs, &disc));
}

/// "年初预算为 A 万元，支出决算为 B 万元。决算数大于预算数": the budget and
/// the actual stated in the paragraph before the direction word at byte
/// `at` (after any earlier direction word), compared.
fn stated_budget_and_actual(
    report: &Report,
    section: usize,
    p: &crate::report::Paragraph,
    at: usize,
) -> Option<(i8, String, Vec<Location>)> {
    let earlier = crate::regex!(r"决算数?.{0,8}?预算数?")
        .find_iter(&p.text[..at])
        .last();
    let from = earlier.map_or(0, |m| m.end());
    let here: Vec<&Claim> = report
        .narrative
        .claims
        .iter()
        .filter(|c| {
            c.section == section
                && c.kind == ClaimKind::Amount
                && c.line >= p.line
                && c.line <= p.end_line
                && c.byte_offset >= from
                && c.byte_offset < at
                && std::ptr::eq(report.narrative.paragraph_of(c).unwrap_or(p), p)
        })
        .collect();
    let clause = |c: &&&Claim| facts::clause(report, c);
    let budget = here
        .iter()
        .rev()
        .find(|c| clause(c).ends_with("预算为") && !clause(c).contains("决算"))?;
    let actual = here.iter().rev().find(|c| clause(c).ends_with("决算为"))?;
    let cmp = cmp_amounts(actual.value, budget.value);
    Some((
        cmp,
        format!(
            "所述支出决算 {} 万元、年初预算 {} 万元",
            actual.value, budget.value
        ),
        vec![
            facts::claim_loc(report, actual),
            facts::claim_loc(report, budget),
        ],
    ))
}

fn cmp_amounts(a: Decimal, b: Decimal) -> i8 {
    if (a - b).abs() <= ROUNDING_STEP {
        0
    } else if a > b {
        1
    } else {
        -1
    }
}

/// Whether a percent claim is a budget-completion rate.
fn is_completion(c: &Claim) -> bool {
    c.kind == ClaimKind::Percent
        && (c.subject.ends_with("完成预算的") || c.subject.ends_with("完成年初预算的"))
}

fn rates(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        if !facts::heading_has(report, claim, "三公") {
            stated_rate(rule, report, claim, &mut seen, out);
            continue;
        }
        let Some(key) = sangong_claim_subject(report, claim) else {
            continue;
        };
        let Some((b, a)) = facts::t7_row(report, key) else {
            continue;
        };
        if b.value.is_zero() {
            continue;
        }
        let Some(computed) = pct(Interval::amount(a.value), Interval::amount(b.value)) else {
            continue;
        };
        let fit = Printed::of(computed, claim.value);
        if fit == Printed::Fits {
            continue;
        }
        let expected = computed.mid().round_dp(2);
        let item = if key == "合计" {
            "“三公”经费合计".to_string()
        } else {
            a.loc()
                .row
                .as_deref()
                .map(facts::strip_numbering)
                .unwrap_or_else(|| key.to_string())
        };
        let msg = format!(
            "称{item}“完成预算的 {}%”，但公开07表决算数 {} ÷ 预算数 {} = {}%",
            claim.value, a.value, b.value, expected
        );
        let disc = seen.next(key.to_string());
        out.push(
            fit.finding(
                rule,
                msg,
                vec![facts::claim_loc(report, claim), a.loc(), b.loc()],
                &disc,
            )
            .with_values(expected, claim.value),
        );
    }
}

/// "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 Z%" (the Shanghai
/// template's lead of 一般公共预算 spending): Z is B ÷ A, both stated in
/// the sentence before it.
fn stated_rate(
    rule: &Rule,
    report: &Report,
    claim: &Claim,
    seen: &mut Occurrences,
    out: &mut Vec<Finding>,
) {
    let before: Vec<&Claim> = facts::para_claims(report, claim)
        .filter(|c| {
            c.kind == ClaimKind::Amount && c.sentence == claim.sentence && c.offset < claim.offset
        })
        .collect();
    let clause = |c: &&Claim| facts::clause(report, c);
    let Some(budget) = before
        .iter()
        .rev()
        .find(|c| clause(c).ends_with("预算为") && !clause(c).contains("决算"))
    else {
        return;
    };
    let Some(actual) = before.iter().rev().find(|c| clause(c).ends_with("决算为")) else {
        return;
    };
    let Some(computed) = pct(
        Interval::amount(actual.value),
        Interval::amount(budget.value),
    ) else {
        return;
    };
    let fit = Printed::of(computed, claim.value);
    if fit == Printed::Fits {
        return;
    }
    let expected = computed.mid().round_dp(2);
    let msg = format!(
        "称“完成年初预算的 {}%”，但同句所述支出决算 {} ÷ 年初预算 {} = {}%",
        claim.value, actual.value, budget.value, expected
    );
    let disc = seen.next(format!("stated|{}", facts::heading(report, claim)));
    out.push(
        fit.finding(
            rule,
            msg,
            vec![
                facts::claim_loc(report, claim),
                facts::claim_loc(report, actual),
                facts::claim_loc(report, budget),
            ],
            &disc,
        )
        .with_values(expected, claim.value),
    );
}

fn rates_without_budget(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    for claim in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        let loc = facts::claim_loc(report, claim);
        let sangong = facts::heading_has(report, claim, "三公")
            .then(|| sangong_claim_subject(report, claim))
            .flatten()
            .and_then(|key| facts::t7_row(report, key).map(|row| (key, row)));
        if let Some((key, (b, a))) = sangong {
            if !b.value.is_zero() {
                continue;
            }
            let budget = if b.blank { "为空" } else { "为 0" };
            let spent = if a.blank {
                "决算数也为空".to_string()
            } else {
                format!("决算数 {} 万元", a.value)
            };
            let item = a
                .loc()
                .row
                .as_deref()
                .map(facts::strip_numbering)
                .unwrap_or_else(|| key.to_string());
            let msg = format!(
                "称{item}“完成预算的 {}%”，但公开07表该项预算数{budget}（{spent}）：\
                 预算为 0 时完成百分比无从计算，应说明未安排预算",
                claim.value
            );
            let disc = seen.next(format!("三公|{key}"));
            out.push(Finding::new(
                rule.id,
                rule.severity,
                msg,
                vec![loc, b.loc(), a.loc()],
                &disc,
            ));
            continue;
        }
        if !claim.value.is_zero() {
            continue;
        }
        let Some(amount) = facts::amount_before(report, claim) else {
            continue;
        };
        if amount.value <= Decimal::ZERO {
            continue;
        }
        let clause = facts::clause(report, amount);
        let item = item_fig(report, &clause);
        let name = crate::regex!(r"[（(]项[）)]$")
            .replace(&clause, "")
            .rsplit(['）', ')'])
            .next()
            .unwrap_or("")
            .to_string();
        let name = if name.is_empty() {
            clause.clone()
        } else {
            name
        };
        let msg = format!(
            "称“{name}” {} 万元“完成年初预算的 {}%”：决算数大于 0 时完成率不可能为 0%，\
             说明年初预算为 0（未安排、年中新增）；预算为 0 时完成百分比无从计算，应改为说明年初\
             未安排预算及原因",
            amount.value, claim.value
        );
        let key = item
            .as_ref()
            .map(|(code, _)| code.clone())
            .unwrap_or(clause.clone());
        let mut locs = vec![loc];
        if let Some((_, f)) = item {
            locs.push(f.loc());
        }
        let disc = seen.next(key);
        out.push(Finding::new(rule.id, rule.severity, msg, locs, &disc));
    }
}

/// A stated completion rate with the amount it is of, and the budget it implies.
struct Implied<'a> {
    rate: &'a Claim,
    amount: &'a Claim,
    budget: Interval,
}

fn implied<'a>(rate: &'a Claim, amount: &'a Claim) -> Option<Implied<'a>> {
    let budget = if rate.value.is_zero() {
        // "0%" for money spent: the budget was nil (reported by TEXT-RATE-NO-BUDGET).
        Interval::exact(Decimal::ZERO)
    } else {
        Interval::amount(amount.value)
            .over(Interval::printed(rate.value).scale_by(Decimal::new(1, 2)))?
    };
    Some(Implied {
        rate,
        amount,
        budget,
    })
}

fn sum_budgets(items: &[&Implied]) -> Interval {
    items
        .iter()
        .fold(Interval::exact(Decimal::ZERO), |acc, i| acc.plus(i.budget))
}

fn implied_budgets(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    // The totals: 财政拨款支出 / 基本支出 / 项目支出 完成年初预算的 Z%.
    let mut total = None;
    let mut basic = None;
    let mut project = None;
    let mut items: Vec<(Implied, Option<(Decimal, Decimal)>)> = Vec::new();
    for rate in report.narrative.claims.iter().filter(|c| is_completion(c)) {
        let h = facts::heading(report, rate);
        if h.contains("总体情况") && h.contains("财政拨款") {
            let which = facts::normalise_subject(&rate.subject);
            let name = which.trim_end_matches("完成年初预算的");
            let Some(amount) = facts::para_claims(report, rate).find(|c| {
                c.kind == ClaimKind::Amount && facts::normalise_subject(&c.subject) == name
            }) else {
                continue;
            };
            let slot = match name {
                "财政拨款支出" => &mut total,
                "基本支出" => &mut basic,
                "项目支出" => &mut project,
                _ => continue,
            };
            *slot = implied(rate, amount);
        } else if h.contains("一般公共预算财政拨款支出情况") {
            let Some(amount) = facts::amount_before(report, rate) else {
                continue;
            };
            let split = item_fig(report, &facts::clause(report, amount)).and_then(|(code, _)| {
                let b = facts::code_fig(report, 5, &code, "基本支出")?;
                let p = facts::code_fig(report, 5, &code, "项目支出")?;
                Some((b.value, p.value))
            });
            if let Some(i) = implied(rate, amount) {
                items.push((i, split));
            }
        }
    }
    let push = |out: &mut Vec<Finding>,
                what: &str,
                whole: &Implied,
                parts: &[&Implied],
                sum: Interval,
                disc: &str| {
        if whole.budget.meets(sum) {
            return;
        }
        let msg = format!(
            "按“完成年初预算的”百分比倒推：{} 年初预算约 {} 万元（{} ÷ {}%，可能范围 {}–{}），\
             而{what}约 {} 万元（可能范围 {}–{}），两者相差超出百分比舍入所能解释的范围",
            facts::normalise_subject(&whole.amount.subject),
            r2(whole.budget.mid()),
            whole.amount.value,
            whole.rate.value,
            r2(whole.budget.lo),
            r2(whole.budget.hi),
            r2(sum.mid()),
            r2(sum.lo),
            r2(sum.hi)
        );
        let mut locs = vec![facts::claim_loc(report, whole.rate)];
        locs.extend(parts.iter().map(|p| facts::claim_loc(report, p.rate)));
        out.push(
            Finding::new(rule.id, rule.severity, msg, locs, disc)
                .with_values(r2(whole.budget.mid()), r2(sum.mid())),
        );
    };
    if let (Some(t), Some(b), Some(p)) = (&total, &basic, &project) {
        push(
            out,
            "基本支出与项目支出隐含的年初预算之和",
            t,
            &[b, p],
            b.budget.plus(p.budget),
            "基本+项目",
        );
    }
    let all: Vec<&Implied> = items.iter().map(|(i, _)| i).collect();
    let items_amount: Decimal = all.iter().map(|i| i.amount.value).sum();
    if let Some(t) = &total {
        let covers = (items_amount - t.amount.value).abs()
            <= ROUNDING_STEP * Decimal::from(all.len().max(1) as u64);
        if covers && !all.is_empty() {
            push(
                out,
                "各项科目隐含的年初预算之和",
                t,
                &all,
                sum_budgets(&all),
                "各项",
            );
        }
    }
    // Items that are pure basic or pure project spending add up to each side.
    let pure = items
        .iter()
        .all(|(_, s)| s.is_some_and(|(b, p)| b.is_zero() || p.is_zero()));
    if pure && !items.is_empty() {
        for (side, whole, is_basic) in [("基本支出", &basic, true), ("项目支出", &project, false)]
        {
            let Some(w) = whole else { continue };
            let group: Vec<&Implied> = items
                .iter()
                .filter(|(_, s)| {
                    s.is_some_and(|(b, p)| if is_basic { !b.is_zero() } else { !p.is_zero() })
                })
                .map(|(i, _)| i)
                .collect();
            let amount: Decimal = group.iter().map(|i| i.amount.value).sum();
            let covers = (amount - w.amount.value).abs()
                <= ROUNDING_STEP * Decimal::from(group.len().max(1) as u64);
            if covers && !group.is_empty() {
                push(
                    out,
                    &format!("{side}类科目隐含的年初预算之和"),
                    w,
                    &group,
                    sum_budgets(&group),
                    side,
                );
            }
        }
    }
    overall_budget(rule, report, out, total.as_ref(), basic.as_ref());
}

/// The 整体绩效自评表's 部门年初预算支出金额 against the implied budgets.
fn overall_budget(
    rule: &Rule,
    report: &Report,
    out: &mut Vec<Finding>,
    total: Option<&Implied>,
    basic: Option<&Implied>,
) {
    let Some(o) = &report.overall else { return };
    let Some(v) = o.budget_expense.value().filter(|v| !v.is_zero()) else {
        return;
    };
    let stated = Interval::amount(v);
    let candidates: Vec<&Implied> = total.into_iter().chain(basic).collect();
    if candidates.is_empty() || candidates.iter().any(|i| i.budget.meets(stated)) {
        return;
    }
    let line = (o.line..=o.end_line)
        .find(|&l| squash(report.source.line(l)).contains("部门年初预算支出金额"))
        .unwrap_or(o.line);
    let implied: Vec<String> = candidates
        .iter()
        .map(|i| {
            format!(
                "{} 约 {} 万元",
                facts::normalise_subject(&i.amount.subject),
                r2(i.budget.mid())
            )
        })
        .collect();
    // The 整体 table covers all the department's money; the implied budgets
    // come from 一般公共预算 rates: the same scope only when that is all.
    let same_scope = facts::all_money_is_general_budget(report);
    let msg = format!(
        "{}整体绩效自评表的部门年初预算支出金额为 {v} 万元，与情况说明完成年初预算百分比所隐含的\
         年初预算（{}）都不相符{}",
        if same_scope {
            ""
        } else {
            "未核对（口径不同；not checkable from the tables）："
        },
        implied.join("，"),
        if same_scope {
            ""
        } else {
            "；但本部门另有非一般公共预算资金，整体绩效自评表含全部资金，与一般公共预算的完成率口径不同"
        }
    );
    let severity = if same_scope {
        rule.severity
    } else {
        Severity::Info
    };
    let mut locs = vec![Location::project(
        line,
        facts::OVERALL,
        Some("部门年初预算支出金额"),
    )];
    locs.extend(candidates.iter().map(|i| facts::claim_loc(report, i.rate)));
    let expected = candidates
        .first()
        .map(|i| r2(i.budget.mid()))
        .unwrap_or_default();
    out.push(Finding::new(rule.id, severity, msg, locs, "整体").with_values(expected, v));
}

/// "年初预算为 X 万元" stated for the whole and then for each 科目 of one section.
fn budget_items(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let stated = |c: &&Claim| {
        c.kind == ClaimKind::Amount && {
            let clause = facts::clause(report, c);
            clause.ends_with("年初预算为") || clause.ends_with("年初预算")
        }
    };
    let budgets: Vec<&Claim> = report.narrative.claims.iter().filter(stated).collect();
    let mut sections: Vec<usize> = budgets.iter().map(|c| c.section).collect();
    sections.dedup();
    for section in sections {
        let mut here = budgets.iter().filter(|c| c.section == section);
        let Some(total) = here.next() else { continue };
        // The items stand in later paragraphs, one budget each.
        let items: Vec<&&Claim> = here.filter(|c| c.paragraph > total.paragraph).collect();
        if items.len() < 2 {
            continue;
        }
        let sum: Decimal = items.iter().map(|c| c.value).sum();
        let mut locs = vec![facts::claim_loc(report, total)];
        locs.extend(items.iter().map(|c| facts::claim_loc(report, c)));
        push_sum_finding(
            out,
            rule,
            &format!(
                "情况说明所述“{}”",
                facts::clause(report, total).trim_end_matches('为')
            ),
            &format!("其后逐项所列 {} 个科目的年初预算之和", items.len()),
            sum,
            total.value,
            items.len(),
            locs,
            "年初预算",
        );
    }
}

fn counts(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let all = facts::find_in(
        report,
        &["国有资产"],
        crate::regex!(r"共有车辆\s*(\d+)\s*辆"),
    );
    let Some(total) = all.first() else { return };
    let total_loc = Location::text(total.line, &total.heading);
    let kept = facts::find_in(report, &["三公"], crate::regex!(r"保有量\s*(\d+)\s*辆"));
    if let Some(k) = kept.first().filter(|k| k.value > total.value) {
        let mut locs = vec![total_loc.clone(), Location::text(k.line, &k.heading)];
        let mut cost = String::new();
        if let Some((_, a)) =
            facts::t7_row(report, "公务用车运行维护费").filter(|(_, a)| !a.value.is_zero())
        {
            cost = format!("，公开07表列支公务用车运行维护费 {} 万元", a.value);
            locs.push(a.loc());
        }
        if let Some(f) = facts::t6_fig(report, "公务用车运行维护费").filter(|f| !f.value.is_zero())
        {
            locs.push(f.loc());
        }
        let msg = format!(
            "国有资产占用情况称共有车辆 {} 辆，但“三公”经费说明称使用财政拨款开支运行维护费的\
             公务用车保有量 {} 辆{cost}：车辆数前后矛盾",
            total.value, k.value
        );
        out.push(
            Finding::new(rule.id, rule.severity, msg, locs, "保有量")
                .with_values(k.value, total.value),
        );
    }
    let kinds = facts::find_in(
        report,
        &["国有资产"],
        crate::regex!(
            r"(?:领导干部用车|机要通信用车|应急保障用车|执法执勤用车|特种专业技术用车|离退休干部用车|其他用车)\s*(\d+)\s*辆"
        ),
    );
    let same: Vec<&facts::TextHit> = kinds.iter().filter(|k| k.line >= total.line).collect();
    if same.is_empty() {
        return;
    }
    let sum: Decimal = same.iter().map(|k| k.value).sum();
    if sum != total.value {
        let msg = format!(
            "共有车辆 {} 辆，但按类别列出的车辆之和为 {sum} 辆",
            total.value
        );
        let mut locs = vec![total_loc];
        locs.extend(same.iter().map(|k| Location::text(k.line, &k.heading)));
        out.push(
            Finding::new(rule.id, rule.severity, msg, locs, "分类").with_values(sum, total.value),
        );
    }
}

fn one(report: &Report, re: &regex::Regex) -> Option<facts::TextHit> {
    facts::find_numbers(report, "政府采购", re)
        .into_iter()
        .next()
}

fn procurement(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    // Two wordings: "政府采购支出总额…其中政府采购货物支出…" (the national
    // template) and "政府采购金额（以合同签订为准）为…其中：货物采购金额…" (Shanghai's).
    let total = one(
        report,
        crate::regex!(r"政府采购(?:支出总额|金额)(?:[（(][^）)]*[）)])?\s*为?\s*([\d.,]+)\s*万元"),
    );
    let goods = one(
        report,
        crate::regex!(r"(?:政府采购货物支出|货物采购金额)\s*为?\s*([\d.,]+)\s*万元"),
    );
    let works = one(
        report,
        crate::regex!(r"(?:政府采购工程支出|工程采购金额)\s*为?\s*([\d.,]+)\s*万元"),
    );
    let services = one(
        report,
        crate::regex!(r"(?:政府采购服务支出|服务采购金额)\s*为?\s*([\d.,]+)\s*万元"),
    );
    let sme = one(
        report,
        crate::regex!(r"授予中小企业合同金额\s*([\d.,]+)\s*万元"),
    );
    let small = one(
        report,
        crate::regex!(r"授予小微企业合同金额\s*([\d.,]+)\s*万元"),
    );
    let loc = |h: &facts::TextHit| Location::text(h.line, &h.heading);
    if let (Some(t), Some(g), Some(w), Some(s)) = (&total, &goods, &works, &services) {
        push_sum_finding(
            out,
            rule,
            "政府采购支出总额",
            "货物、工程、服务支出之和",
            g.value + w.value + s.value,
            t.value,
            3,
            vec![loc(t), loc(g), loc(w), loc(s)],
            "总额",
        );
    }
    for (part, whole, what) in [
        (&sme, &total, "授予中小企业合同金额超过政府采购支出总额"),
        (&small, &sme, "授予小微企业合同金额超过授予中小企业合同金额"),
    ] {
        if let (Some(p), Some(w)) = (part, whole) {
            if p.value > w.value + ROUNDING_STEP {
                out.push(
                    Finding::new(
                        rule.id,
                        rule.severity,
                        format!(
                            "{what}（{} 万元 > {} 万元）：部分不能大于整体",
                            p.value, w.value
                        ),
                        vec![loc(p), loc(w)],
                        what,
                    )
                    .with_values(w.value, p.value),
                );
            }
        }
    }
}

fn operating_cost(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(hit) = facts::find_in(
        report,
        &["机关运行经费"],
        crate::regex!(r"机关运行经费(?:支出)?\s*([\d.,]+)\s*万元"),
    )
    .into_iter()
    .next() else {
        return;
    };
    let Some(t6) = facts::t6_fig(report, "公用经费合计") else {
        return;
    };
    let says_equal = hit.sentence.contains("一致");
    let exceeds = hit.value > t6.value + ROUNDING_STEP;
    let differs = (hit.value - t6.value).abs() > ROUNDING_STEP;
    // 机关运行经费 is the 公用经费 of the 行政 units; 06's covers every unit.
    // Equal only for a department of one 行政 unit; else only "not more".
    if says_equal && differs && !exceeds && !facts::single_administrative_unit(report) {
        let msg = format!(
            "未核对（口径不同；not checkable from the tables）：称机关运行经费 {} 万元与行政单位公用经费之和一致，\
             公开06表公用经费合计为 {} 万元，但06表含本部门全部单位（含事业单位或单位构成未说明），\
             行政单位的公用经费无法从表中得出",
            hit.value, t6.value
        );
        out.push(
            Finding::new(
                rule.id,
                Severity::Info,
                msg,
                vec![Location::text(hit.line, &hit.heading), t6.loc()],
                "",
            )
            .with_values(t6.value, hit.value),
        );
        return;
    }
    let breach = if says_equal { differs } else { exceeds };
    if !breach {
        return;
    }
    let msg = if says_equal {
        format!(
            "称机关运行经费 {} 万元与公用经费之和一致，但公开06表公用经费合计为 {} 万元",
            hit.value, t6.value
        )
    } else {
        format!(
            "机关运行经费 {} 万元超过公开06表公用经费合计 {} 万元：机关运行经费是公用经费的一部分",
            hit.value, t6.value
        )
    };
    out.push(
        rule.finding(msg, vec![Location::text(hit.line, &hit.heading), t6.loc()])
            .with_values(t6.value, hit.value),
    );
}
