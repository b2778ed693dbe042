//! What a narrative number claims ([`Reading`]): its subject, fund scope and
//! basis, from the section heading it stands under and its clause. Only the
//! words are read here; the rules find the table figure of that subject.
//!
//! The heading gives the scope: "财政拨款收入支出决算总体情况" speaks of all
//! 财政拨款, "一般公共预算财政拨款支出决算…情况" of the general budget only,
//! "收入支出决算总体情况" of all the money. The clause names the subject in
//! the tables' words ("基本支出", "因公出国（境）费", "教育支出（类）…（项）")
//! and may narrow the scope itself ("一般公共预算财政拨款支出").

use crate::report::{Basis, CostKind, Flow, Fund, Reading, Subject};
use crate::text::{clause_year, sangong_item_before, squash, t7_key};

/// The reading of the number at byte `at` of paragraph `text`, whose
/// clause is `clause`, under `heading`; none when no subject of the tables
/// is named.
pub(super) fn read(heading: &str, clause: &str, text: &str, at: usize) -> Option<Reading> {
    let before = text.get(..at).unwrap_or(text);
    let (subject, fund, basis) = read_subject(heading, clause, text, before)?;
    Some(Reading {
        subject,
        fund,
        basis,
        year: clause_year(before),
    })
}

type Read = (Subject, Fund, Basis);

fn actual(subject: Subject, fund: Fund) -> Option<Read> {
    Some((subject, fund, Basis::Actual))
}

fn read_subject(h: &str, c: &str, text: &str, before: &str) -> Option<Read> {
    // 三公 first: its headings also read "…财政拨款支出决算总体情况".
    if h.contains("三公") {
        sangong(c, text, before)
    } else if h.contains("财政拨款收入支出决算总体") {
        fiscal_totals(c)
    } else if h.contains("收入支出决算总体") {
        whole_department(c)
    } else if h.contains("财政拨款支出决算") && h.contains("总体情况") {
        match c {
            "财政拨款支出" => actual(Subject::YearTotal(Flow::Expense), Fund::Fiscal),
            "一般公共预算财政拨款支出" => {
                actual(Subject::YearTotal(Flow::Expense), Fund::GeneralBudget)
            }
            "基本支出" => actual(Subject::Spending("基本支出"), Fund::Fiscal),
            "项目支出" => actual(Subject::Spending("项目支出"), Fund::Fiscal),
            _ => None,
        }
    } else if let Some(r) = item_actual(c, before) {
        Some(r)
    } else if h.contains("一般公共预算财政拨款支出") && !h.contains("基本支出") {
        general_budget_function(c)
    } else if h.contains("基本支出决算") {
        match c {
            "一般公共预算财政拨款基本支出" => {
                actual(Subject::Spending("基本支出"), Fund::GeneralBudget)
            }
            "人员经费" => actual(Subject::BasicCost(CostKind::Personnel), Fund::GeneralBudget),
            "日常公用经费" | "公用经费" => {
                actual(Subject::BasicCost(CostKind::Public), Fund::GeneralBudget)
            }
            _ => None,
        }
    } else if h.contains("收入决算情况") || h.contains("支出决算情况") {
        // Shanghai's 收入决算情况说明 and 支出决算情况说明 restate the whole
        // department's 合计 rows (财政拨款 sections were taken above).
        whole_department(c)
    } else {
        None
    }
}

/// A 三公 amount: the item its clause names, or for a bare "年初预算为 A
/// 万元，支出决算为 B 万元" the item named before it; a budget when the
/// clause says 预算 and not 决算.
fn sangong(c: &str, text: &str, before: &str) -> Option<Read> {
    // "累计…" sums over years, and a clause with digits is a count or a date.
    if c.contains("累计") || c.chars().any(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let bare = ["年初预算为", "预算为", "支出决算为", "决算为"].contains(&c);
    let key = match t7_key(c) {
        Some(k) => k,
        None if bare => sangong_item_before(text, before)?,
        None => return None,
    };
    let basis = if c.contains("预算") && !c.contains("决算") {
        Basis::Budget
    } else {
        Basis::Actual
    };
    Some((Subject::Sangong(key), Fund::GeneralBudget, basis))
}

/// The totals of the 财政拨款 account (公开04表); the clause may start with
/// the department and year ("某局2024年度财政拨款收入支出总计").
fn fiscal_totals(c: &str) -> Option<Read> {
    if c.ends_with("财政拨款收入支出总计")
        || c.ends_with("财政拨款收入总计")
        || c.ends_with("财政拨款收支总计")
    {
        actual(Subject::GrandTotal(Flow::Income), Fund::Fiscal)
    } else if c.ends_with("财政拨款支出总计") {
        actual(Subject::GrandTotal(Flow::Expense), Fund::Fiscal)
    } else {
        None
    }
}

/// Income of all kinds a report names (公开02表's columns, 公开01表's rows).
const INCOMES: [&str; 6] = [
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    "使用非财政拨款结余",
];

/// Spending by nature (公开03表's columns).
const SPENDINGS: [&str; 5] = [
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
];

/// The whole department's account (公开01–03表): totals, income by kind,
/// spending by nature, carry-overs, and basic spending by economic class.
fn whole_department(c: &str) -> Option<Read> {
    use Subject::*;
    let all = |s| actual(s, Fund::All);
    // "收、支总计" (the clause reads it "收支总计"): both sides are equal.
    if c.ends_with("收入支出总计") || c.ends_with("收支总计") {
        return all(GrandTotal(Flow::Income));
    }
    if let Some(k) = INCOMES.into_iter().find(|k| *k == c) {
        return all(Income(k));
    }
    if let Some(k) = SPENDINGS.into_iter().find(|k| *k == c) {
        return all(Spending(k));
    }
    match c {
        "收入总计" => all(GrandTotal(Flow::Income)),
        "支出总计" => all(GrandTotal(Flow::Expense)),
        "财政拨款收入" => all(Income("财政拨款收入")),
        // The subject loses 本年 for "this year": "本年收入合计" comes as "收入合计".
        "本年收入合计" | "收入合计" => all(YearTotal(Flow::Income)),
        "本年支出合计" | "支出合计" => all(YearTotal(Flow::Expense)),
        "一般公共预算财政拨款收入" => {
            actual(Income("财政拨款收入"), Fund::GeneralBudget)
        }
        "政府性基金预算财政拨款收入" => {
            actual(Income("财政拨款收入"), Fund::GovernmentFund)
        }
        "国有资本经营预算财政拨款收入" => {
            actual(Income("财政拨款收入"), Fund::StateCapital)
        }
        "上年结转和结余" | "年初结转和结余" => all(Carryover(Flow::Income)),
        "年末结转和结余" => all(Carryover(Flow::Expense)),
        "工资福利支出" => all(EconomicClass("301")),
        "商品和服务支出" => all(EconomicClass("302")),
        "对个人和家庭的补助" => all(EconomicClass("303")),
        _ => None,
    }
}

/// "支出决算为 B 万元" in the Shanghai template's per-项 paragraph ("1、X
/// （类）Y（款）Z（项）。主要用于：…。年初预算为 A 万元，支出决算为 B 万元。")
/// and in its lead ("一般公共预算财政拨款支出年初预算为 A 万元，支出决算为
/// B 万元"): the 项 the paragraph opens with, or the whole general budget.
fn item_actual(c: &str, before: &str) -> Option<Read> {
    if !(c.ends_with("支出决算为") || c == "决算为" || c == "决算数为") {
        return None;
    }
    let item = crate::regex!(
        r"^\s*\d+\s*[、.．]\s*([^。]+?[（(]类[）)][^。]+?[（(]款[）)][^。]+?[（(]项[）)])"
    );
    if let Some(name) = item.captures(before).and_then(|c| c.get(1)) {
        let path = function_path(&squash(name.as_str()))?;
        return actual(Subject::Function(path), Fund::GeneralBudget);
    }
    if squash(before).starts_with("一般公共预算财政拨款支出年初预算为") {
        return actual(Subject::YearTotal(Flow::Expense), Fund::GeneralBudget);
    }
    None
}

/// "X（类）Y（款）Z（项）" as its three names.
fn function_path(clause: &str) -> Option<Vec<String>> {
    let (class, section, item) = crate::text::function_path(clause)?;
    Some(vec![class.into(), section.into(), item.into()])
}

/// Under a general-budget spending heading ("…支出情况" of Liaoning,
/// "…支出决算结构情况" of Shanghai): the whole, then each 类 ("一般公共服务
/// 支出（类）X 万元") or 项.
fn general_budget_function(c: &str) -> Option<Read> {
    if c == "一般公共预算财政拨款支出" {
        return actual(Subject::YearTotal(Flow::Expense), Fund::GeneralBudget);
    }
    if let Some(path) = function_path(c) {
        return actual(Subject::Function(path), Fund::GeneralBudget);
    }
    let class = c
        .trim_end_matches("（类）")
        .trim_end_matches("(类)")
        .trim_end_matches("（类)");
    // Every 类 of the 功能分类 is named "…支出" but 预备费; any other clause
    // ("年初预算为", "主要用于") names no 类.
    (class.ends_with("支出") || class == "预备费").then(|| {
        (
            Subject::Function(vec![class.to_string()]),
            Fund::GeneralBudget,
            Basis::Actual,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(heading: &str, text: &str, number: &str) -> Option<Reading> {
        let at = text.find(number).unwrap_or(text.len());
        let clause = crate::text::claim_clause(&text[..at]);
        read(heading, &clause, text, at)
    }

    const SANGONG: &str = "五、“三公”经费财政拨款支出决算情况说明";

    #[test]
    fn a_sangong_item_is_read_with_its_basis() {
        let text = "2024年度“三公”经费财政拨款支出预算为 5.00 万元，支出决算为 4.00 万元。\
                    其中：公务接待费支出决算为 1.50 万元";
        let r = subject(SANGONG, text, "5.00").unwrap();
        assert_eq!(
            (r.subject, r.basis),
            (Subject::Sangong("合计"), Basis::Budget)
        );
        let r = subject(SANGONG, text, "4.00").unwrap();
        assert_eq!(
            (r.subject, r.basis),
            (Subject::Sangong("合计"), Basis::Actual)
        );
        let r = subject(SANGONG, text, "1.50").unwrap();
        assert_eq!(r.subject, Subject::Sangong("公务接待费"));
        assert_eq!(r.fund, Fund::GeneralBudget);
        assert_eq!(r.year, None);
    }

    #[test]
    fn the_heading_gives_the_scope_and_the_clause_may_narrow_it() {
        let h = "三、财政拨款支出决算总体情况说明";
        let text =
            "财政拨款支出 10.00 万元，其中一般公共预算财政拨款支出 8.00 万元；基本支出 6.00 万元";
        let r = subject(h, text, "10.00").unwrap();
        assert_eq!(
            (r.subject, r.fund),
            (Subject::YearTotal(Flow::Expense), Fund::Fiscal)
        );
        let r = subject(h, text, "8.00").unwrap();
        assert_eq!(r.fund, Fund::GeneralBudget);
        let r = subject(h, text, "6.00").unwrap();
        assert_eq!(
            (r.subject, r.fund),
            (Subject::Spending("基本支出"), Fund::Fiscal)
        );
        let h = "一、收入支出决算总体情况说明";
        let r = subject(h, "本年基本支出 6.00 万元", "6.00").unwrap();
        assert_eq!(r.fund, Fund::All);
    }

    #[test]
    fn beijings_paired_totals_are_the_grand_total_of_their_scope() {
        let r = subject(
            "一、收入支出决算总体情况说明",
            "2024年度收、支总计 12.00 万元",
            "12.00",
        )
        .unwrap();
        assert_eq!(
            (r.subject, r.fund, r.year),
            (Subject::GrandTotal(Flow::Income), Fund::All, Some(2024))
        );
        let r = subject(
            "二、财政拨款收入支出决算总体情况说明",
            "2024年度财政拨款收、支总计 12.00 万元",
            "12.00",
        )
        .unwrap();
        assert_eq!(
            (r.subject, r.fund),
            (Subject::GrandTotal(Flow::Income), Fund::Fiscal)
        );
    }

    #[test]
    fn a_year_in_the_clause_is_kept() {
        let h = "二、财政拨款收入支出决算总体情况说明";
        let text = "某局2024年度财政拨款收入支出总计 12.00 万元";
        let r = subject(h, text, "12.00").unwrap();
        assert_eq!(r.subject, Subject::GrandTotal(Flow::Income));
        assert_eq!((r.fund, r.year), (Fund::Fiscal, Some(2024)));
    }

    #[test]
    fn a_per_item_actual_is_the_item_its_paragraph_opens_with() {
        let h = "四、一般公共预算财政拨款支出决算具体情况";
        let text = "1、教育支出（类）普通教育（款）小学教育（项）。主要用于：发放工资。\
                    年初预算为 3.00 万元，支出决算为 2.00 万元。";
        let r = subject(h, text, "2.00").unwrap();
        assert_eq!(
            r.subject,
            Subject::Function(vec![
                "教育支出".into(),
                "普通教育".into(),
                "小学教育".into()
            ])
        );
        // The budget of the 项 has no column in 公开05表: nothing to read.
        assert_eq!(subject(h, text, "3.00"), None);
    }

    #[test]
    fn a_class_is_read_only_from_a_class_name() {
        let h = "四、一般公共预算财政拨款支出决算结构情况";
        let r = subject(h, "其中：教育支出（类）5.00 万元", "5.00").unwrap();
        assert_eq!(r.subject, Subject::Function(vec!["教育支出".into()]));
        assert_eq!(subject(h, "主要用于日常运转 5.00 万元", "5.00"), None);
    }

    #[test]
    fn a_change_names_its_subject_but_a_clause_with_a_date_is_not_read() {
        let r = subject(SANGONG, "公务接待费比上年减少 0.50 万元", "0.50").unwrap();
        assert_eq!(r.subject, Subject::Sangong("公务接待费"));
        // Digits in a 三公 clause are a count or a date ("购置车辆2辆"):
        // not read rather than misread.
        assert_eq!(
            subject(SANGONG, "公务接待费比2023年减少 0.50 万元", "0.50"),
            None
        );
    }

    #[test]
    fn words_that_name_no_table_subject_give_no_reading() {
        assert_eq!(
            subject("六、其他重要事项的情况说明", "共有车辆 5.00 万元", "5.00"),
            None
        );
        assert_eq!(subject(SANGONG, "累计公务接待费 5.00 万元", "5.00"), None);
    }
}
