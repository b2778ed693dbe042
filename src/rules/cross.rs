//! Between tables: the same quantity must be equal wherever it appears.
//! Ids name the two schedules (`XTAB-01-02` compares 公开01表 with 公开02表).

use super::arith::{push_same_finding, push_sum_finding, ROUNDING_STEP};
use super::facts::{self, fig, Fig};
use super::{Finding, Location, Rule, Severity};
use crate::report::{CodeLevel, Panel, Report, Row, RowCode, RowKind, Schedule, ScheduleId};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The between-tables family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "XTAB-01-02",
        title: "公开01表本年收入合计及各收入项目 = 公开02表合计行",
        rationale: "收入支出决算总表的本年收入合计等于收入决算表的合计（本年收入合计栏），\
                    总表中的财政拨款收入、上级补助收入、事业收入等各项等于收入决算表合计行的对应栏。\
                    两表不符，说明其中一张表未随调整更新，或收入列错了类别。",
        severity: Severity::Error,
        check: t01_02,
    },
    Rule {
        id: "XTAB-01-03",
        title: "公开01表本年支出合计及各类支出 = 公开03表合计及各类",
        rationale: "收入支出决算总表的本年支出合计等于支出决算表的合计，总表右侧每一类功能支出\
                    （教育支出、社会保障和就业支出……）等于支出决算表该类的本年支出合计。\
                    不符说明两表口径不一或某类支出漏列。",
        severity: Severity::Error,
        check: t01_03,
    },
    Rule {
        id: "XTAB-01-04",
        title: "公开01表的财政拨款收入及结转 = 公开04表",
        rationale: "收入支出决算总表中按资金性质列示的财政拨款收入（一般公共预算、政府性基金、\
                    国有资本经营）等于财政拨款收入支出决算总表的对应收入；总表的年初结转和结余\
                    不少于其中的财政拨款结转和结余。不符说明财政拨款在两张总表中口径不一。",
        severity: Severity::Error,
        check: t01_04,
    },
    Rule {
        id: "XTAB-02-04",
        title: "公开02表合计财政拨款收入 = 公开04表本年收入合计",
        rationale: "收入决算表的财政拨款收入合计，就是财政拨款收入支出决算总表的本年收入合计，\
                    两处是同一个数。不符说明某张表的财政拨款收入有误。",
        severity: Severity::Error,
        check: t02_04,
    },
    Rule {
        id: "XTAB-04-05",
        title: "公开04表一般公共预算财政拨款支出（合计及各类） = 公开05表",
        rationale: "财政拨款收入支出决算总表中一般公共预算财政拨款栏的本年支出合计等于一般公共\
                    预算财政拨款支出决算表的合计，每一类功能支出也逐类相等。不符说明两表中的\
                    一般公共预算支出口径不一，或某类支出漏列。",
        severity: Severity::Error,
        check: t04_05,
    },
    Rule {
        id: "XTAB-04-08",
        title: "公开04表政府性基金预算财政拨款 = 公开08表",
        rationale: "财政拨款收入支出决算总表中政府性基金预算财政拨款的本年收入、本年支出，等于\
                    政府性基金预算财政拨款收入支出决算表合计行的本年收入、本年支出。不符说明两表\
                    不一致（08表缺失时由“九张表必须全部公开”报告）。",
        severity: Severity::Error,
        check: t04_08,
    },
    Rule {
        id: "XTAB-04-09",
        title: "公开04表国有资本经营预算财政拨款支出 = 公开09表合计",
        rationale: "财政拨款收入支出决算总表中国有资本经营预算财政拨款栏的本年支出合计，等于国有\
                    资本经营预算财政拨款支出决算表的合计。不符说明两表不一致（09表缺失时由“九张表\
                    必须全部公开”报告）。",
        severity: Severity::Error,
        check: t04_09,
    },
    Rule {
        id: "XTAB-03-05",
        title: "公开05表每一科目不超过公开03表（全部为一般公共预算财政拨款时相等）",
        rationale: "一般公共预算财政拨款支出决算表是支出决算表中由一般公共预算财政拨款安排的部分：\
                    每个科目、每一栏（小计/本年支出合计、基本支出、项目支出）都不能超过支出决算表\
                    的同一数字；部门收入全部是一般公共预算财政拨款（无其他收入、无政府性基金和\
                    国有资本经营拨款、无结转结余）时两表逐行相等。超出或不等说明某张表填错了科目\
                    或栏目。",
        severity: Severity::Error,
        check: t03_05,
    },
    Rule {
        id: "XTAB-05-06",
        title: "公开05表基本支出 = 公开06表人员经费合计 + 公用经费合计",
        rationale: "一般公共预算财政拨款基本支出决算表按经济分类展开的，正是一般公共预算财政拨款\
                    支出决算表中的基本支出：人员经费合计加公用经费合计等于05表合计行的基本支出。\
                    不符说明06表漏列了某些经济科目，或两表基本支出口径不一。",
        severity: Severity::Error,
        check: t05_06,
    },
    Rule {
        id: "XTAB-06-07",
        title: "公开07表公务用车运行维护费 = 公开06表同名科目；出国、接待不少于06表",
        rationale: "“三公”经费表的公务用车运行维护费决算数，等于基本支出决算表中经济科目30231\
                    公务用车运行维护费（国家模板的核对关系）；因公出国（境）费、公务接待费的决算数\
                    包括基本支出和项目支出，不能少于06表中基本支出的同名科目。不符说明“三公”经费\
                    的公开数字与明细账不一致。",
        severity: Severity::Error,
        check: t06_07,
    },
    Rule {
        id: "XTAB-LABEL",
        title: "同一功能科目编码在各表中的科目名称一致",
        rationale: "同一个功能分类科目编码在收入决算表、支出决算表、一般公共预算财政拨款支出决算表\
                    中是同一个科目，名称应当一致并采用《政府收支分类科目》的规范名称。名称不一通常\
                    是手工录入时截短或改写了科目名称（也可能是转换PDF时单元格折行丢失），不影响\
                    金额，但公开文本不规范。",
        severity: Severity::Info,
        check: labels,
    },
];

/// Push an equality finding: `actual` (primary) should equal `expected`.
fn push_equal(
    out: &mut Vec<Finding>,
    rule: &Rule,
    what: &str,
    other: &str,
    actual: &Fig,
    expected: &Fig,
    disc: &str,
) {
    push_same_finding(
        out,
        rule,
        what,
        other,
        expected.value,
        actual.value,
        vec![actual.loc(), expected.loc()],
        disc,
    );
}

fn t01_02(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    if let (Some(t1), Some(t2)) = (
        facts::side_kind_fig(report, 1, "收入", RowKind::Total),
        facts::total_fig(report, 2, "本年收入合计"),
    ) {
        push_equal(
            out,
            rule,
            "公开02表 合计 本年收入合计",
            "公开01表 本年收入合计",
            &t2,
            &t1,
            "",
        );
    }
    let Some(s2) = facts::schedule(report, 2) else {
        return;
    };
    let Some(p2) = s2.main_panel() else { return };
    for column in p2.columns.iter().skip(1) {
        let Some(t1) = facts::side(report, 1, "收入").and_then(|(s, p)| {
            p.rows
                .iter()
                .find(|r| {
                    r.kind == RowKind::Item && crate::text::strip_numbering(&r.label) == column.name
                })
                .and_then(|r| fig(s, p, r, 0))
        }) else {
            continue;
        };
        let Some(t2) = facts::total_fig(report, 2, &column.name) else {
            continue;
        };
        push_equal(
            out,
            rule,
            &format!("公开02表 合计 {}", column.name),
            &format!("公开01表 {}", column.name),
            &t2,
            &t1,
            &column.name,
        );
    }
}

fn t01_03(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    if let (Some(t1), Some(t3)) = (
        facts::side_kind_fig(report, 1, "支出", RowKind::Total),
        facts::total_fig(report, 3, "本年支出合计"),
    ) {
        push_equal(
            out,
            rule,
            "公开03表 合计 本年支出合计",
            "公开01表 本年支出合计",
            &t3,
            &t1,
            "",
        );
    }
    by_class(out, rule, report, 1, 0, 3, "本年支出合计");
}

/// Each function line of a two-sided table `a` (column `a_col` of its 支出
/// side) against the 类 row of the function table `b` with the same name.
fn by_class(
    out: &mut Vec<Finding>,
    rule: &Rule,
    report: &Report,
    a: u8,
    a_col: usize,
    b: u8,
    b_col: &str,
) {
    let (Some((sa, pa)), Some(sb)) = (facts::side(report, a, "支出"), facts::schedule(report, b))
    else {
        return;
    };
    let Some(pb) = sb.main_panel() else { return };
    let Some(bi) = facts::column(pb, b_col) else {
        return;
    };
    let b_col = pb.columns.get(bi).map(|c| c.name.as_str()).unwrap_or(b_col);
    for row in pa.rows.iter().filter(|r| r.kind == RowKind::Item) {
        let name = crate::text::strip_numbering(&row.label);
        let Some(fa) = fig(sa, pa, row, a_col) else {
            continue;
        };
        let fb = facts::class_row(pb, &name).and_then(|r| fig(sb, pb, r, bi));
        let (fb, what_b) = match fb {
            Some(f) => (f, format!("{} {} {}", sb.id.label(), name, b_col)),
            // No such 类 in `b`: it reports zero for it.
            None if fa.value.is_zero() => continue,
            None => (
                Fig::at(
                    Decimal::ZERO,
                    true,
                    Location::schedule(sb.lines.map(|l| l.0).unwrap_or(0), sb.id, Some(&name)),
                ),
                format!("{}（无“{}”类，即为 0）", sb.id.label(), name),
            ),
        };
        let column = pa.columns.get(a_col).map(|c| c.name.as_str()).unwrap_or("");
        push_equal(
            out,
            rule,
            &what_b,
            &format!("{} {} {}", sa.id.label(), name, column),
            &fb,
            &fa,
            &name,
        );
    }
}

fn t01_04(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for fund in ["一般公共预算", "政府性基金", "国有资本经营"] {
        let t1 = facts::side(report, 1, "收入").and_then(|(s, p)| {
            p.rows
                .iter()
                .find(|r| r.kind == RowKind::Item && r.label.contains(fund))
                .and_then(|r| fig(s, p, r, 0))
        });
        let t4 = facts::side(report, 4, "收入").and_then(|(s, p)| {
            p.rows
                .iter()
                .find(|r| r.kind == RowKind::Item && r.label.contains(fund))
                .and_then(|r| fig(s, p, r, 0))
        });
        if let (Some(t1), Some(t4)) = (t1, t4) {
            push_equal(
                out,
                rule,
                &format!("公开04表 {fund}财政拨款收入"),
                &format!("公开01表 {fund}财政拨款收入"),
                &t4,
                &t1,
                fund,
            );
        }
    }
    // The fiscal part of the opening balance cannot exceed the whole.
    let t1 = facts::side_fig(report, 1, "收入", "年初结转和结余");
    let t4 = facts::side(report, 4, "收入").and_then(|(s, p)| {
        p.rows
            .iter()
            .find(|r| r.kind == RowKind::Balance && r.label.contains("年初"))
            .and_then(|r| fig(s, p, r, 0))
    });
    if let (Some(t1), Some(t4)) = (t1, t4) {
        if t4.value > t1.value + ROUNDING_STEP {
            let msg = format!(
                "公开04表 年初财政拨款结转和结余 为 {}，超过公开01表 年初结转和结余 {}：\
                 财政拨款结转结余是全部结转结余的一部分",
                t4.value, t1.value
            );
            out.push(
                rule.finding_keyed(msg, vec![t4.loc(), t1.loc()], "年初")
                    .with_values(t1.value, t4.value),
            );
        }
    }
}

fn t02_04(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    if let (Some(t2), Some(t4)) = (
        facts::total_fig(report, 2, "财政拨款收入"),
        facts::side_kind_fig(report, 4, "收入", RowKind::Total),
    ) {
        push_equal(
            out,
            rule,
            "公开04表 本年收入合计",
            "公开02表 合计 财政拨款收入",
            &t4,
            &t2,
            "",
        );
    }
}

fn t04_expense_total<'a>(report: &'a Report, fund: &str) -> Option<Fig<'a>> {
    let (s, p) = facts::side(report, 4, "支出")?;
    let col = p.columns.iter().position(|c| c.name.contains(fund))?;
    let row = p.rows.iter().find(|r| r.kind == RowKind::Total)?;
    fig(s, p, row, col)
}

fn t04_05(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    if let (Some(t4), Some(t5)) = (
        t04_expense_total(report, "一般公共预算"),
        facts::total_fig(report, 5, "小计"),
    ) {
        push_equal(
            out,
            rule,
            "公开05表 合计 小计",
            "公开04表 本年支出合计（一般公共预算财政拨款）",
            &t5,
            &t4,
            "",
        );
    }
    let col = facts::side(report, 4, "支出").and_then(|(_, p)| {
        p.columns
            .iter()
            .position(|c| c.name.contains("一般公共预算"))
    });
    if let Some(col) = col {
        by_class(out, rule, report, 4, col, 5, "小计");
    }
}

fn t04_fund_table(rule: &Rule, report: &Report, out: &mut Vec<Finding>, n: u8, fund: &str) {
    let label = ScheduleId(n).label();
    if let (Some(t4), Some(t)) = (
        t04_expense_total(report, fund),
        facts::total_fig(report, n, "小计"),
    ) {
        push_equal(
            out,
            rule,
            &format!("{label} 合计 本年支出"),
            &format!("公开04表 本年支出合计（{fund}预算财政拨款）"),
            &t,
            &t4,
            "支出",
        );
    }
    let income = facts::side(report, 4, "收入").and_then(|(s, p)| {
        p.rows
            .iter()
            .find(|r| r.kind == RowKind::Item && r.label.contains(fund))
            .and_then(|r| fig(s, p, r, 0))
    });
    if let (Some(t4), Some(t)) = (income, facts::total_fig(report, n, "本年收入")) {
        push_equal(
            out,
            rule,
            &format!("{label} 合计 本年收入"),
            &format!("公开04表 {fund}预算财政拨款收入"),
            &t,
            &t4,
            "收入",
        );
    }
}

fn t04_08(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    t04_fund_table(rule, report, out, 8, "政府性基金");
}

fn t04_09(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    t04_fund_table(rule, report, out, 9, "国有资本经营");
}

/// Whether every yuan of the department is 一般公共预算财政拨款 of this year:
/// then 05 restates 03 row by row.
fn all_general_budget(report: &Report) -> bool {
    let Some(s2) = facts::schedule(report, 2) else {
        return false;
    };
    let Some(p2) = s2.main_panel() else {
        return false;
    };
    let Some(total) = facts::total_row(p2) else {
        return false;
    };
    let others_zero = total
        .cells
        .iter()
        .skip(2)
        .all(|c| c.value_or_zero().is_zero());
    let funds_zero = ["政府性基金", "国有资本经营"].iter().all(|fund| {
        facts::side(report, 4, "收入").is_none_or(|(_, p)| {
            p.rows
                .iter()
                .filter(|r| r.label.contains(fund))
                .all(|r| r.cells.iter().all(|c| c.value_or_zero().is_zero()))
        })
    });
    let no_carryover = ["使用非财政拨款结余", "年初结转和结余"]
        .iter()
        .all(|k| facts::side_fig(report, 1, "收入", k).is_none_or(|f| f.value.is_zero()));
    others_zero && funds_zero && no_carryover
}

fn t03_05(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let (Some(s3), Some(s5)) = (facts::schedule(report, 3), facts::schedule(report, 5)) else {
        return;
    };
    let (Some(p3), Some(p5)) = (s3.main_panel(), s5.main_panel()) else {
        return;
    };
    let equal = all_general_budget(report);
    let pairs = [
        ("本年支出合计", "小计"),
        ("基本支出", "基本支出"),
        ("项目支出", "项目支出"),
    ];
    for (key, r3, r5) in joined_rows(p3, p5) {
        for (c3, c5) in pairs {
            let f3 = r3.and_then(|r| p3.column_index(c3).and_then(|i| fig(s3, p3, r, i)));
            let f5 = r5.and_then(|r| facts::column(p5, c5).and_then(|i| fig(s5, p5, r, i)));
            let v3 = f3.as_ref().map(|f| f.value).unwrap_or_default();
            let v5 = f5.as_ref().map(|f| f.value).unwrap_or_default();
            let breach = if equal {
                (v5 - v3).abs() > ROUNDING_STEP
            } else {
                v5 > v3 + ROUNDING_STEP
            };
            if !breach {
                continue;
            }
            let locs: Vec<Location> = f5.iter().chain(f3.iter()).map(|f| f.loc()).collect();
            let why = if equal {
                "本部门收入全部为一般公共预算财政拨款，两表应逐行相等"
            } else {
                "05表是03表中一般公共预算财政拨款安排的部分，不能超过03表"
            };
            let msg = format!("公开05表 {key} {c5} 为 {v5}，公开03表 同一科目 {c3} 为 {v3}：{why}");
            out.push(
                rule.finding_keyed(msg, locs, &format!("{key}|{c5}"))
                    .with_values(v3, v5),
            );
        }
    }
}

/// Rows of two function tables joined by code (合计 joined by kind).
fn joined_rows<'a>(a: &'a Panel, b: &'a Panel) -> Vec<(String, Option<&'a Row>, Option<&'a Row>)> {
    let mut map: BTreeMap<String, (Option<&Row>, Option<&Row>)> = BTreeMap::new();
    let key = |r: &Row| match &r.code {
        Some(RowCode::Function { code }) => Some(code.as_str().to_string()),
        _ if r.kind == RowKind::Total => Some("合计".to_string()),
        _ => None,
    };
    for r in &a.rows {
        if let Some(k) = key(r) {
            map.entry(k).or_default().0 = Some(r);
        }
    }
    for r in &b.rows {
        if let Some(k) = key(r) {
            map.entry(k).or_default().1 = Some(r);
        }
    }
    map.into_iter().map(|(k, (x, y))| (k, x, y)).collect()
}

fn t05_06(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let (Some(t5), Some(staff), Some(office)) = (
        facts::total_fig(report, 5, "基本支出"),
        facts::t6_fig(report, "人员经费合计"),
        facts::t6_fig(report, "公用经费合计"),
    ) else {
        return;
    };
    push_sum_finding(
        out,
        rule,
        "公开05表 合计 基本支出",
        "公开06表 人员经费合计与公用经费合计之和",
        staff.value + office.value,
        t5.value,
        2,
        vec![t5.loc(), staff.loc(), office.loc()],
        "",
    );
}

fn t06_07(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    for (t7_key, t6_label, equal) in [
        ("公务用车运行维护费", "公务用车运行维护费", true),
        ("因公出国", "因公出国", false),
        ("公务接待费", "公务接待费", false),
    ] {
        let (Some((_, t7)), Some(t6)) = (
            facts::t7_row(report, t7_key),
            facts::schedule(report, 6).and_then(|s| {
                s.panels.iter().find_map(|p| {
                    p.rows
                        .iter()
                        .find(|r| {
                            matches!(r.code, Some(RowCode::Economic { .. }))
                                && r.level() == Some(CodeLevel::Section)
                                && r.label.contains(t6_label)
                        })
                        .and_then(|r| fig(s, p, r, 0))
                })
            }),
        ) else {
            continue;
        };
        if equal {
            push_equal(
                out,
                rule,
                &format!("公开07表 {t7_key} 决算数"),
                &format!("公开06表 {t6_label}"),
                &t7,
                &t6,
                t7_key,
            );
        } else if t7.value + ROUNDING_STEP < t6.value {
            let msg = format!(
                "公开07表 {t7_key} 决算数 为 {}，少于公开06表基本支出中的同名科目 {}：\
                 “三公”经费决算数包括基本支出，不能更少",
                t7.value, t6.value
            );
            out.push(
                rule.finding_keyed(msg, vec![t7.loc(), t6.loc()], t7_key)
                    .with_values(t6.value, t7.value),
            );
        }
    }
}

fn labels(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut by_code: BTreeMap<&str, Vec<(&Schedule, &Row, String)>> = BTreeMap::new();
    for n in [2u8, 3, 5, 8, 9] {
        let Some(s) = facts::schedule(report, n) else {
            continue;
        };
        for p in &s.panels {
            for r in &p.rows {
                if let Some(RowCode::Function { code }) = &r.code {
                    by_code
                        .entry(code.as_str())
                        .or_default()
                        .push((s, r, r.label.clone()));
                }
            }
        }
    }
    for (code, rows) in by_code {
        let Some(norm) = standard_label(&rows) else {
            continue;
        };
        for (s, r, label) in rows.iter().filter(|(_, _, l)| *l != norm) {
            let (others, lines): (Vec<String>, Vec<Location>) = rows
                .iter()
                .filter(|(_, _, l)| *l == norm)
                .map(|(s2, r2, _)| {
                    (
                        s2.id.label(),
                        Location::cell(r2.line, s2.id, code, "科目名称"),
                    )
                })
                .unzip();
            let msg = format!(
                "{} 科目 {code} 的名称为“{label}”，而{}为“{norm}”：同一科目名称不一致",
                s.id.label(),
                others.join("、")
            );
            let mut locs = vec![Location::cell(r.line, s.id, code, "科目名称")];
            locs.extend(lines);
            out.push(rule.finding(msg, locs));
        }
    }
}

/// The name most tables use for a code (ties: the longest, as the others
/// were more likely cut); none when all agree.
fn standard_label(rows: &[(&Schedule, &Row, String)]) -> Option<String> {
    let first = &rows.first()?.2;
    if rows.iter().all(|(_, _, l)| l == first) {
        return None;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, l) in rows {
        *counts.entry(l.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(l, _)| !l.is_empty())
        .max_by_key(|(l, n)| (*n, l.chars().count()))
        .map(|(l, _)| l.to_string())
}
