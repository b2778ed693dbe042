//! Inside one table, beyond the function-code sums of `sums.rs`: the two
//! sides of 公开01表 and 公开04表 (lines, totals, 总计 on both sides, 04's
//! fund columns and per-fund balance), 06's economic classes and panel
//! totals, 07's 三公 totals and 08's row identities.

use super::arith::{push_same_finding, push_sum_finding};
use super::facts::{self, fig, Fig};
use super::{Finding, Location, Rule, Severity};
use crate::report::{CodeLevel, Panel, Report, Row, RowCode, RowKind, Schedule};
use crate::text::squash;
use rust_decimal::Decimal;

/// The in-table family for 01, 04, 06, 07 and 08.
pub static RULES: &[Rule] = &[
    Rule {
        id: "SUM-SIDE-LINES",
        title: "收入支出总表：本年收入合计 = 各收入项目之和，本年支出合计 = 各功能分类支出之和",
        rationale: "收入支出决算总表（公开01表）和财政拨款收入支出决算总表（公开04表）两侧的\
                    “本年收入合计”等于左侧各收入项目（一、二、三……）之和，“本年支出合计”等于右侧\
                    按支出功能分类列示的各类支出之和（04表逐栏：合计、一般公共预算、政府性基金、\
                    国有资本经营）。不符说明某一行漏填、错填或合计未更新。表格被截去前若干行时\
                    （第一行不是“一、”）无法核对，不报告。",
        severity: Severity::Error,
        check: side_lines,
    },
    Rule {
        id: "SUM-SIDE-TOTAL",
        title: "收入支出总表：总计 = 本年合计 + 结转结余各行",
        rationale: "收入侧：总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；支出侧：\
                    总计 = 本年支出合计 + 结余分配 + 年末结转和结余（04表为年初/年末财政拨款结转\
                    和结余，逐栏核对）。总计与其组成不符，通常是结转结余填错或总计未更新。",
        severity: Severity::Error,
        check: side_total,
    },
    Rule {
        id: "SUM-SIDES-AGREE",
        title: "收入支出总表：收入总计 = 支出总计",
        rationale: "收入支出决算总表是平衡表：收入侧总计必然等于支出侧总计（04表为支出侧“合计”栏）。\
                    两个总计不等，说明某一侧的数据不完整或有误，整张表都不可信。",
        severity: Severity::Error,
        check: sides_agree,
    },
    Rule {
        id: "SUM-FUND-COLUMNS",
        title: "公开04表：每行合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
        rationale: "财政拨款收入支出决算总表的支出侧按资金性质分栏：每一行的“合计”等于一般公共\
                    预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款三栏之和。\
                    不符说明某一栏漏填或合计栏有误。",
        severity: Severity::Error,
        check: fund_columns,
    },
    Rule {
        id: "SUM-FUND-BALANCE",
        title: "公开04表：每类资金 本年收入 + 年初结转 = 本年支出 + 年末结转",
        rationale: "财政拨款按资金性质各自平衡：某类资金（一般公共预算、政府性基金、国有资本经营）\
                    的本年收入加年初结转和结余，等于支出侧该栏的总计（本年支出合计 + 年末结转和\
                    结余）。不符说明收入填在了另一类资金下，或结转结余有误。",
        severity: Severity::Error,
        check: fund_balance,
    },
    Rule {
        id: "SUM-CARRYOVER-SPLIT",
        title: "公开04表：年初财政拨款结转和结余 = 其下各类资金之和",
        rationale: "年初财政拨款结转和结余按一般公共预算、政府性基金、国有资本经营三类资金分列，\
                    三行之和等于其合计行。不符说明某类资金的结转结余漏列或错列。",
        severity: Severity::Error,
        check: carryover_split,
    },
    Rule {
        id: "SUM-ECON-CLASS",
        title: "公开06表：经济分类的类 = 其下各款之和",
        rationale: "一般公共预算财政拨款基本支出决算表按经济分类列示：每个类（301工资福利支出、\
                    302商品和服务支出、303对个人和家庭的补助、307、310、312、399）等于其下各款之和。\
                    不符说明某款漏列、错列到其他类下，或类的金额未随明细更新。",
        severity: Severity::Error,
        check: econ_class,
    },
    Rule {
        id: "SUM-ECON-PANEL",
        title: "公开06表：人员经费合计 = 301 + 303，公用经费合计 = 302 + 307 + 310 + 312 + 399",
        rationale: "人员经费合计等于人员经费栏中各类（工资福利支出、对个人和家庭的补助）之和，\
                    公用经费合计等于公用经费栏中各类（商品和服务支出、债务利息及费用支出、资本性\
                    支出、对企业补助、其他支出）之和；表中有哪些类就加哪些类。不符说明某类未计入\
                    合计或合计有误，基本支出的人员/公用划分因此不可信。",
        severity: Severity::Error,
        check: econ_panel,
    },
    Rule {
        id: "SUM-SANGONG",
        title: "公开07表：合计 = 出国 + 接待 + 公务用车购置及运行费；后者 = 购置费 + 运行维护费",
        rationale: "“三公”经费表的预算数和决算数两栏都须满足：合计 = 因公出国（境）费 + 公务接待费 + \
                    公务用车购置及运行费，公务用车购置及运行费 = 公务用车购置费 + 公务用车运行维护费。\
                    不符说明某项漏填或合计未更新，“三公”经费的公开数字因此不可信。",
        severity: Severity::Error,
        check: sangong,
    },
    Rule {
        id: "SUM-T08-ROW",
        title: "公开08表：本年支出小计 = 基本 + 项目；年末结转 = 年初结转 + 本年收入 − 本年支出",
        rationale: "政府性基金预算财政拨款收入支出决算表每一行：本年支出小计 = 基本支出 + 项目支出，\
                    年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出。不符说明某栏填错或结转\
                    结余未按收支结果计算。",
        severity: Severity::Error,
        check: t08_rows,
    },
];

fn is_top_item(label: &str) -> bool {
    crate::text::starts_with_cn_item(&squash(label), &['、'])
}

fn is_carryover(label: &str) -> bool {
    let l = squash(label);
    (l.contains("结转") || l.contains("结余")) && !l.starts_with("其中")
}

fn cell_fig<'a>(s: &'a Schedule, p: &'a Panel, row: &'a Row, col: usize) -> Option<Fig<'a>> {
    fig(s, p, row, col)
}

/// Σ of `parts` in column `col`, and the non-blank cells that made it.
fn sum_col<'a>(
    s: &'a Schedule,
    p: &'a Panel,
    parts: &[&'a Row],
    col: usize,
) -> (Decimal, Vec<Fig<'a>>) {
    let figs: Vec<Fig> = parts
        .iter()
        .filter_map(|r| cell_fig(s, p, r, col))
        .collect();
    let sum = figs.iter().map(|f| f.value).sum();
    (sum, figs.into_iter().filter(|f| !f.blank).collect())
}

fn two_sided(report: &Report) -> impl Iterator<Item = (&Schedule, &Panel)> {
    [1u8, 4]
        .into_iter()
        .filter_map(|n| facts::schedule(report, n))
        .flat_map(|s| s.panels.iter().map(move |p| (s, p)))
}

fn col_name(p: &Panel, col: usize) -> &str {
    p.columns.get(col).map(|c| c.name.as_str()).unwrap_or("")
}

#[allow(clippy::too_many_arguments)]
fn push_col_sum(
    out: &mut Vec<Finding>,
    rule: &Rule,
    s: &Schedule,
    p: &Panel,
    total: &Row,
    parts: &[&Row],
    col: usize,
    parts_name: &str,
    extra_addends: usize,
) {
    let Some(t) = cell_fig(s, p, total, col) else {
        return;
    };
    let (expected, shown) = sum_col(s, p, parts, col);
    if expected == t.value {
        return;
    }
    let n = shown.len();
    let mut all = vec![t.loc()];
    all.extend(shown.iter().map(Fig::loc));
    let side = if p.name == "收入" || p.name == "支出" {
        format!("{}侧 ", p.name)
    } else {
        String::new()
    };
    let row = match &total.code {
        Some(c) => format!("{} {}", c.display(), squash(&total.label)),
        None => squash(&total.label).into_owned(),
    };
    let what = format!("{} {side}{row} {}", s.id.label(), col_name(p, col));
    push_sum_finding(
        out,
        rule,
        &what,
        parts_name,
        expected,
        t.value,
        (n + extra_addends).max(1),
        all,
        &p.name,
    );
}

fn side_lines(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for (s, p) in two_sided(report) {
        let Some(ti) = p.rows.iter().position(|r| r.kind == RowKind::Total) else {
            continue;
        };
        let items: Vec<&Row> = p.rows[..ti]
            .iter()
            .filter(|r| r.kind == RowKind::Item && is_top_item(&r.label))
            .collect();
        // Lines lost by the extraction (the list does not start at 一、) cannot be summed.
        if !items.first().is_some_and(|r| r.label.starts_with("一、")) {
            continue;
        }
        let parts = if p.name == "收入" {
            "各收入项目之和"
        } else {
            "各功能分类支出之和"
        };
        for col in 0..p.columns.len() {
            push_col_sum(out, rule, s, p, &p.rows[ti], &items, col, parts, 0);
        }
    }
}

fn side_total(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for (s, p) in two_sided(report) {
        let (Some(grand), Some(total)) = (
            p.rows.iter().find(|r| r.kind == RowKind::GrandTotal),
            p.rows.iter().find(|r| r.kind == RowKind::Total),
        ) else {
            continue;
        };
        let mut parts: Vec<&Row> = vec![total];
        parts.extend(
            p.rows
                .iter()
                .filter(|r| r.kind == RowKind::Balance && is_carryover(&r.label)),
        );
        let what = format!("{}及结转结余各行之和", squash(&total.label));
        for col in 0..p.columns.len() {
            push_col_sum(out, rule, s, p, grand, &parts, col, &what, 0);
        }
    }
}

fn sides_agree(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for n in [1u8, 4] {
        let (Some(income), Some(expense)) = (
            facts::side_kind_fig(report, n, "收入", RowKind::GrandTotal),
            facts::side_kind_fig(report, n, "支出", RowKind::GrandTotal),
        ) else {
            continue;
        };
        let what = format!("{} 支出侧总计", crate::report::ScheduleId(n).label());
        push_same_finding(
            out,
            rule,
            &what,
            "收入侧总计",
            income.value,
            expense.value,
            vec![expense.loc(), income.loc()],
            "",
        );
    }
}

fn t4_expense(report: &Report) -> Option<(&Schedule, &Panel)> {
    facts::side(report, 4, "支出").filter(|(_, p)| p.columns.len() >= 2)
}

fn fund_columns(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some((s, p)) = t4_expense(report) else {
        return;
    };
    for row in &p.rows {
        let Some(total) = cell_fig(s, p, row, 0) else {
            continue;
        };
        let figs: Vec<Fig> = (1..p.columns.len())
            .filter_map(|c| cell_fig(s, p, row, c))
            .collect();
        let expected: Decimal = figs.iter().map(|f| f.value).sum();
        if expected == total.value {
            continue;
        }
        let mut locs = vec![total.loc()];
        locs.extend(figs.iter().filter(|f| !f.blank).map(|f| f.loc()));
        let n = locs.len() - 1;
        let what = format!("公开04表 支出侧 {} 合计", squash(&row.label));
        push_sum_finding(
            out,
            rule,
            &what,
            "各类资金栏之和",
            expected,
            total.value,
            n,
            locs,
            "",
        );
    }
}

const FUNDS: [&str; 3] = ["一般公共预算", "政府性基金", "国有资本经营"];

fn fund_balance(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let (Some((s, inc)), Some((_, exp))) = (facts::side(report, 4, "收入"), t4_expense(report))
    else {
        return;
    };
    let Some(grand) = exp.rows.iter().find(|r| r.kind == RowKind::GrandTotal) else {
        return;
    };
    for fund in FUNDS {
        let Some(col) = exp.columns.iter().position(|c| c.name.contains(fund)) else {
            continue;
        };
        let Some(total) = cell_fig(s, exp, grand, col) else {
            continue;
        };
        let income = row_with_fund(inc, fund, RowKind::Item);
        let opening = row_with_fund(inc, fund, RowKind::Balance);
        if income.is_none() && opening.is_none() {
            continue;
        }
        let parts: Vec<&Row> = income.into_iter().chain(opening).collect();
        let (expected, shown) = sum_col(s, inc, &parts, 0);
        if expected == total.value {
            continue;
        }
        let n = shown.len();
        let mut all = vec![total.loc()];
        all.extend(shown.iter().map(Fig::loc));
        push_sum_finding(
            out,
            rule,
            &format!("公开04表 支出侧总计 {}", col_name(exp, col)),
            &format!("{fund}财政拨款的本年收入与年初结转和结余之和"),
            expected,
            total.value,
            n.max(1),
            all,
            fund,
        );
    }
}

/// The income line (Item) or the opening-balance sub-row (Balance) of a fund.
fn row_with_fund<'a>(p: &'a Panel, fund: &str, kind: RowKind) -> Option<&'a Row> {
    p.rows.iter().find(|r| {
        r.kind == kind
            && r.label.contains(fund)
            && !(kind == RowKind::Balance && is_carryover(&r.label))
    })
}

fn carryover_split(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some((s, p)) = facts::side(report, 4, "收入") else {
        return;
    };
    let Some(i) = p
        .rows
        .iter()
        .position(|r| r.kind == RowKind::Balance && is_carryover(&r.label))
    else {
        return;
    };
    let parts: Vec<&Row> = p.rows[i + 1..]
        .iter()
        .take_while(|r| r.kind == RowKind::Balance && !is_carryover(&r.label))
        .collect();
    if parts.is_empty() {
        return;
    }
    push_col_sum(
        out,
        rule,
        s,
        p,
        &p.rows[i],
        &parts,
        0,
        "其下各类资金之和",
        0,
    );
}

fn econ_code(r: &Row) -> Option<&crate::report::EconomicCode> {
    match &r.code {
        Some(RowCode::Economic { code }) => Some(code),
        _ => None,
    }
}

fn econ_class(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(s) = facts::schedule(report, 6) else {
        return;
    };
    for p in &s.panels {
        for class in p
            .rows
            .iter()
            .filter(|r| r.level() == Some(CodeLevel::Class))
        {
            let Some(code) = econ_code(class) else {
                continue;
            };
            let items: Vec<&Row> = p
                .rows
                .iter()
                .filter(|r| {
                    r.level() == Some(CodeLevel::Section)
                        && econ_code(r).is_some_and(|c| c.class() == code.printed)
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            push_col_sum(out, rule, s, p, class, &items, 0, "其下各款之和", 0);
        }
    }
}

fn econ_panel(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(s) = facts::schedule(report, 6) else {
        return;
    };
    for (prefix, total_label) in [("人员经费", "人员经费合计"), ("公用经费", "公用经费合计")]
    {
        let Some((tp, total)) = s.panels.iter().find_map(|p| {
            p.rows
                .iter()
                .find(|r| r.kind == RowKind::Total && r.label.contains(total_label))
                .map(|r| (p, r))
        }) else {
            continue;
        };
        let Some(t) = cell_fig(s, tp, total, 0) else {
            continue;
        };
        let mut expected = Decimal::ZERO;
        let mut locs = vec![t.loc()];
        let mut n = 0;
        for p in s.panels.iter().filter(|p| p.name.starts_with(prefix)) {
            for class in p
                .rows
                .iter()
                .filter(|r| r.level() == Some(CodeLevel::Class))
            {
                if let Some(f) = cell_fig(s, p, class, 0) {
                    expected += f.value;
                    if !f.blank {
                        n += 1;
                        locs.push(f.loc());
                    }
                }
            }
        }
        push_sum_finding(
            out,
            rule,
            &format!("公开06表 {total_label}"),
            &format!("{prefix}各类之和"),
            expected,
            t.value,
            n.max(1),
            locs,
            total_label,
        );
    }
}

fn sangong(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let groups: [(&str, &[&str]); 2] = [
        ("合计", &["因公出国", "公务接待费", "公务用车购置及运行费"]),
        (
            "公务用车购置及运行费",
            &["公务用车购置费", "公务用车运行维护费"],
        ),
    ];
    for (col, pick) in [("预算数", 0usize), ("决算数", 1)] {
        for (total_key, part_keys) in groups {
            let Some(total) = facts::t7_row(report, total_key) else {
                continue;
            };
            let parts: Vec<(Fig, Fig)> = part_keys
                .iter()
                .filter_map(|k| facts::t7_row(report, k))
                .collect();
            if parts.len() != part_keys.len() {
                continue;
            }
            let pickf = |pair: &(Fig<'_>, Fig<'_>)| -> (Decimal, bool, Location) {
                let f = if pick == 0 { &pair.0 } else { &pair.1 };
                (f.value, f.blank, f.loc())
            };
            let (t_value, _, t_loc) = pickf(&total);
            let figs: Vec<(Decimal, bool, Location)> = parts.iter().map(pickf).collect();
            let expected = figs.iter().map(|f| f.0).sum();
            if expected == t_value {
                continue;
            }
            let mut locs = vec![t_loc];
            locs.extend(figs.into_iter().filter(|f| !f.1).map(|f| f.2));
            let n = locs.len() - 1;
            push_sum_finding(
                out,
                rule,
                &format!("公开07表 {total_key} {col}"),
                "各组成项目之和",
                expected,
                t_value,
                n.max(1),
                locs,
                "",
            );
        }
    }
}

fn t08_rows(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(s) = facts::schedule(report, 8) else {
        return;
    };
    let Some(p) = s.main_panel() else { return };
    let idx = |name: &str| p.columns.iter().position(|c| c.name == name);
    let (Some(open), Some(income), Some(sub), Some(basic), Some(project), Some(close)) = (
        idx("年初结转和结余"),
        idx("本年收入"),
        idx("小计"),
        idx("基本支出"),
        idx("项目支出"),
        idx("年末结转和结余"),
    ) else {
        return;
    };
    for row in &p.rows {
        let get = |c: usize| cell_fig(s, p, row, c);
        if let (Some(t), Some(b), Some(pr)) = (get(sub), get(basic), get(project)) {
            let n = usize::from(!b.blank) + usize::from(!pr.blank);
            let locs: Vec<Location> = [t.clone(), b.clone(), pr.clone()]
                .into_iter()
                .enumerate()
                .filter(|(i, f)| *i == 0 || !f.blank)
                .map(|(_, f)| f.loc())
                .collect();
            push_sum_finding(
                out,
                rule,
                &format!("公开08表 {} 本年支出小计", row.key()),
                "基本支出与项目支出之和",
                b.value + pr.value,
                t.value,
                n.max(1),
                locs,
                "小计",
            );
        }
        if let (Some(o), Some(i), Some(t), Some(c)) = (get(open), get(income), get(sub), get(close))
        {
            push_sum_finding(
                out,
                rule,
                &format!("公开08表 {} 年末结转和结余", row.key()),
                "年初结转和结余 + 本年收入 − 本年支出",
                o.value + i.value - t.value,
                c.value,
                3,
                vec![c.loc(), o.loc(), i.loc(), t.loc()],
                "年末",
            );
        }
    }
}
