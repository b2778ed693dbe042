//! The literal-number-literal phrases the rules read a number from, each
//! with the regex it reads as (see `text::Phrase`; the tests below hold
//! every phrase to its regex).

use crate::text::Part::{Amount, Count, Decimal, Digits, Lit, One, Opt, OptOne, Space};
use crate::text::Phrase;

/// 国有资产占用情况: the vehicles the department has.
pub static VEHICLES_OWNED: Phrase = Phrase::new(
    r"共有车辆\s*(\d+)\s*辆",
    &[Lit(&["共有车辆"]), Space, Digits, Space, Lit(&["辆"])],
);

/// 三公: the vehicles run on 财政拨款.
pub static VEHICLES_KEPT: Phrase = Phrase::new(
    r"保有量\s*为?\s*(\d+)\s*辆",
    &[
        Lit(&["保有量"]),
        Space,
        Opt("为"),
        Space,
        Digits,
        Space,
        Lit(&["辆"]),
    ],
);

/// 国有资产占用情况: the vehicles by kind.
pub static VEHICLES_BY_KIND: Phrase = Phrase::new(
    r"(?:领导干部用车|机要通信用车|应急保障用车|执法执勤用车|特种专业技术用车|离退休干部用车|其他用车)\s*(\d+)\s*辆",
    &[
        Lit(&[
            "领导干部用车",
            "机要通信用车",
            "应急保障用车",
            "执法执勤用车",
            "特种专业技术用车",
            "离退休干部用车",
            "其他用车",
        ]),
        Space,
        Digits,
        Space,
        Lit(&["辆"]),
    ],
);

/// 三公: vehicles bought.
pub static VEHICLES_BOUGHT: Phrase = Phrase::new(
    r"购置公务用车\s*(\d+)\s*辆",
    &[Lit(&["购置公务用车"]), Space, Digits, Space, Lit(&["辆"])],
);

/// 三公: groups abroad.
pub static GROUPS: Phrase = Phrase::new(
    r"团组\s*(\d+)\s*个",
    &[Lit(&["团组"]), Space, Digits, Space, Lit(&["个"])],
);

/// 三公: receptions.
pub static RECEPTION_BATCHES: Phrase = Phrase::new(
    r"公务接待累计\s*(\d+)\s*批次",
    &[Lit(&["公务接待累计"]), Space, Digits, Space, Lit(&["批次"])],
);

/// 三公: foreign receptions.
pub static FOREIGN_RECEPTION_BATCHES: Phrase = Phrase::new(
    r"外事接待累计\s*(\d+)\s*批次",
    &[Lit(&["外事接待累计"]), Space, Digits, Space, Lit(&["批次"])],
);

/// 政府采购: goods.
pub static PROCUREMENT_GOODS: Phrase = Phrase::new(
    r"(?:政府采购货物支出|货物采购金额)\s*为?\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["政府采购货物支出", "货物采购金额"]),
        Space,
        Opt("为"),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 政府采购: works.
pub static PROCUREMENT_WORKS: Phrase = Phrase::new(
    r"(?:政府采购工程支出|工程采购金额)\s*为?\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["政府采购工程支出", "工程采购金额"]),
        Space,
        Opt("为"),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 政府采购: services.
pub static PROCUREMENT_SERVICES: Phrase = Phrase::new(
    r"(?:政府采购服务支出|服务采购金额)\s*为?\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["政府采购服务支出", "服务采购金额"]),
        Space,
        Opt("为"),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 政府采购: contracts to SMEs.
pub static PROCUREMENT_SME: Phrase = Phrase::new(
    r"授予中小企业合同金额\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["授予中小企业合同金额"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 政府采购: contracts to small firms.
pub static PROCUREMENT_SMALL: Phrase = Phrase::new(
    r"授予小微企业合同金额\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["授予小微企业合同金额"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 机关运行经费.
pub static OPERATING_COST: Phrase = Phrase::new(
    r"机关运行经费(?:支出)?\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["机关运行经费"]),
        Opt("支出"),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 绩效: projects evaluated.
pub static PERF_PROJECTS_COVERED: Phrase = Phrase::new(
    r"涉及预算支出项目\s*(\d+)\s*个",
    &[
        Lit(&["涉及预算支出项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: "…等 N 个项目".
pub static PERF_PROJECTS_ETC: Phrase = Phrase::new(
    r"等\s*(\d+)\s*个项目",
    &[Lit(&["等"]), Space, Digits, Space, Lit(&["个项目"])],
);

/// 绩效: projects by budget.
pub static PERF_GENERAL_PROJECTS: Phrase = Phrase::new(
    r"一般公共预算项目\s*(\d+)\s*个",
    &[
        Lit(&["一般公共预算项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: projects by budget.
pub static PERF_FUND_PROJECTS: Phrase = Phrase::new(
    r"政府性基金预算项目\s*(\d+)\s*个",
    &[
        Lit(&["政府性基金预算项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: projects by budget.
pub static PERF_CAPITAL_PROJECTS: Phrase = Phrase::new(
    r"国有资本经营预算项目\s*(\d+)\s*个",
    &[
        Lit(&["国有资本经营预算项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: problems found.
pub static PERF_PROBLEMS: Phrase = Phrase::new(
    r"发现问题\s*(\d+)\s*个",
    &[Lit(&["发现问题"]), Space, Digits, Space, Lit(&["个"])],
);

/// 绩效: problems fixed.
pub static PERF_FIXED: Phrase = Phrase::new(
    r"已经?完成整改的\s*(\d+)\s*个",
    &[
        Lit(&["已"]),
        Opt("经"),
        Lit(&["完成整改的"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: problems being fixed.
pub static PERF_FIXING: Phrase = Phrase::new(
    r"正在整改的\s*(\d+)\s*个",
    &[Lit(&["正在整改的"]), Space, Digits, Space, Lit(&["个"])],
);

/// 绩效: the money evaluated.
pub static PERF_FUNDS: Phrase = Phrase::new(
    r"涉及资金\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["涉及资金"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 绩效: money by budget.
pub static PERF_GENERAL_FUNDS: Phrase = Phrase::new(
    r"一般公共预算资金\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["一般公共预算资金"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 绩效: money by budget.
pub static PERF_FUND_FUNDS: Phrase = Phrase::new(
    r"政府性基金预算资金\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["政府性基金预算资金"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 绩效: money by budget.
pub static PERF_CAPITAL_FUNDS: Phrase = Phrase::new(
    r"国有资本经营预算资金\s*([\d.,]+)\s*万元?",
    &[
        Lit(&["国有资本经营预算资金"]),
        Space,
        Amount,
        Space,
        Lit(&["万"]),
        Opt("元"),
    ],
);

/// 整体绩效: the units evaluated.
pub static OVERALL_UNITS: Phrase = Phrase::new(
    r"对\s*(\d+)\s*个单位开展整体绩效自评",
    &[
        Lit(&["对"]),
        Space,
        Digits,
        Space,
        Lit(&["个单位开展整体绩效自评"]),
    ],
);

/// 绩效: projects graded 优.
pub static PERF_GRADE_EXCELLENT: Phrase = Phrase::new(
    r#"评级为\s*[“"「]?优[”"」]?\s*的项目\s*(\d+)\s*个"#,
    &[
        Lit(&["评级为"]),
        Space,
        OptOne(&['“', '"', '「']),
        Lit(&["优"]),
        OptOne(&['”', '"', '」']),
        Space,
        Lit(&["的项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: projects graded 良.
pub static PERF_GRADE_GOOD: Phrase = Phrase::new(
    r#"评级为\s*[“"「]?良[”"」]?\s*的项目\s*(\d+)\s*个"#,
    &[
        Lit(&["评级为"]),
        Space,
        OptOne(&['“', '"', '「']),
        Lit(&["良"]),
        OptOne(&['”', '"', '」']),
        Space,
        Lit(&["的项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: projects graded 合格.
pub static PERF_GRADE_PASS: Phrase = Phrase::new(
    r#"评级为\s*[“"「]?合格[”"」]?\s*的项目\s*(\d+)\s*个"#,
    &[
        Lit(&["评级为"]),
        Space,
        OptOne(&['“', '"', '「']),
        Lit(&["合格"]),
        OptOne(&['”', '"', '」']),
        Space,
        Lit(&["的项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 绩效: projects graded 不合格.
pub static PERF_GRADE_FAIL: Phrase = Phrase::new(
    r#"评级为\s*[“"「]?不合格[”"」]?\s*的项目\s*(\d+)\s*个"#,
    &[
        Lit(&["评级为"]),
        Space,
        OptOne(&['“', '"', '「']),
        Lit(&["不合格"]),
        OptOne(&['”', '"', '」']),
        Space,
        Lit(&["的项目"]),
        Space,
        Digits,
        Space,
        Lit(&["个"]),
    ],
);

/// 三公: people in the groups abroad.
pub static GROUP_PEOPLE: Phrase = Phrase::new(
    r"团组\s*\d+\s*个\s*[，,、]\s*累计\s*(\d+)\s*人次",
    &[
        Lit(&["团组"]),
        Space,
        Count,
        Space,
        Lit(&["个"]),
        Space,
        One(&['，', ',', '、']),
        Space,
        Lit(&["累计"]),
        Space,
        Digits,
        Space,
        Lit(&["人次"]),
    ],
);

/// 三公: people received.
pub static RECEPTION_PEOPLE: Phrase = Phrase::new(
    r"公务接待累计\s*\d+\s*批次\s*[、，,]\s*(\d+)\s*人",
    &[
        Lit(&["公务接待累计"]),
        Space,
        Count,
        Space,
        Lit(&["批次"]),
        Space,
        One(&['、', '，', ',']),
        Space,
        Digits,
        Space,
        Lit(&["人"]),
    ],
);

/// 整体绩效: the average score.
pub static OVERALL_SCORE: Phrase = Phrase::new(
    r"自评平均分\s*(\d+(?:\.\d+)?)\s*分",
    &[Lit(&["自评平均分"]), Space, Decimal, Space, Lit(&["分"])],
);

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&Phrase] = &[
        &GROUP_PEOPLE,
        &RECEPTION_PEOPLE,
        &OVERALL_SCORE,
        &PERF_GRADE_EXCELLENT,
        &PERF_GRADE_GOOD,
        &PERF_GRADE_PASS,
        &PERF_GRADE_FAIL,
        &VEHICLES_OWNED,
        &VEHICLES_KEPT,
        &VEHICLES_BY_KIND,
        &VEHICLES_BOUGHT,
        &GROUPS,
        &RECEPTION_BATCHES,
        &FOREIGN_RECEPTION_BATCHES,
        &PROCUREMENT_GOODS,
        &PROCUREMENT_WORKS,
        &PROCUREMENT_SERVICES,
        &PROCUREMENT_SME,
        &PROCUREMENT_SMALL,
        &OPERATING_COST,
        &PERF_PROJECTS_COVERED,
        &PERF_PROJECTS_ETC,
        &PERF_GENERAL_PROJECTS,
        &PERF_FUND_PROJECTS,
        &PERF_CAPITAL_PROJECTS,
        &PERF_PROBLEMS,
        &PERF_FIXED,
        &PERF_FIXING,
        &PERF_FUNDS,
        &PERF_GENERAL_FUNDS,
        &PERF_FUND_FUNDS,
        &PERF_CAPITAL_FUNDS,
        &OVERALL_UNITS,
    ];

    #[test]
    fn every_phrase_reads_as_its_regex() {
        for p in ALL {
            crate::text::phrase_reads_as_its_regex(p);
        }
    }

    #[test]
    fn a_phrase_reads_report_sentences() {
        let mut found = Vec::new();
        VEHICLES_KEPT.numbers("公务用车保有量为 １２ 辆，保有量3辆。", &mut found);
        assert_eq!(found, [25..31, 47..48]);
    }
}
