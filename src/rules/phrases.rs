//! The literal-number-literal phrases the rules read a number from, each
//! with the regex it reads as (see `text::Phrase`; the tests below hold
//! every phrase to its regex).

use crate::text::Part::{Amount, Digits, Lit, Opt, Space};
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&Phrase] = &[
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

    type Spans = Vec<std::ops::Range<usize>>;

    /// A phrase's numbers on `hay`, and its regex's group 1 there.
    fn both(p: &Phrase, re: &regex::Regex, hay: &str) -> (Spans, Spans) {
        let mut mine = Vec::new();
        p.numbers(hay, &mut mine);
        let theirs = re
            .captures_iter(hay)
            .filter_map(|c| c.get(1))
            .map(|m| m.range())
            .collect();
        (mine, theirs)
    }

    /// Every phrase reads as its regex on 30,000 texts: a third pieced from
    /// its literals and their parts, digits of three scripts, spaces and
    /// punctuation at random, two thirds from its parts, each written as it
    /// should be or nearly (a literal cut short, no number, a space of
    /// another kind, the optional part doubled), among such pieces; a fixed
    /// seed, so a failure repeats.
    #[test]
    fn every_phrase_reads_as_its_regex() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let han = regex::Regex::new(r"\p{Han}+").unwrap();
        let spaces = ["", "", " ", "  ", "\u{3000}", "\t", "\u{a0}"];
        let numbers = ["12", "１２", "٣", "1.5", "1,234.56", "", ".", "3。", "0"];
        for p in ALL {
            let re = regex::Regex::new(p.pattern).unwrap();
            let mut pieces: Vec<String> = [
                "1", "23", "４", "٣", ".", ",", "5.6", " ", "\u{3000}", "\t", "万", "元", "为",
                "经", "支出", "个", "辆", "。", "，", "x", "等",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            for m in han.find_iter(p.pattern) {
                let s = m.as_str();
                pieces.push(s.to_string());
                let mut cs = s.chars();
                pieces.extend(cs.next().map(String::from));
                pieces.push(cs.as_str().to_string());
            }
            let mut matched = 0;
            for round in 0..30_000 {
                let mut hay = String::new();
                for _ in 0..next(3) {
                    hay.push_str(&pieces[next(pieces.len())]);
                }
                if round % 3 == 0 {
                    for _ in 0..=next(8) {
                        hay.push_str(&pieces[next(pieces.len())]);
                    }
                } else {
                    for _ in 0..=next(2) {
                        for part in p.parts() {
                            match *part {
                                Lit(alts) => {
                                    let a = alts[next(alts.len())];
                                    if next(8) == 0 {
                                        let cut = a.chars().next().map_or(0, char::len_utf8);
                                        hay.push_str(&a[..cut]);
                                    } else {
                                        hay.push_str(a);
                                    }
                                }
                                Opt(o) => hay.push_str(&o.repeat(next(3))),
                                Space => hay.push_str(spaces[next(spaces.len())]),
                                Digits | Amount => hay.push_str(numbers[next(numbers.len())]),
                            }
                        }
                        for _ in 0..next(3) {
                            hay.push_str(&pieces[next(pieces.len())]);
                        }
                    }
                }
                let (mine, theirs) = both(p, &re, &hay);
                assert_eq!(mine, theirs, "{} on {hay:?}", p.pattern);
                matched += usize::from(!theirs.is_empty());
            }
            assert!(matched > 3_000, "{}: only {matched} texts match", p.pattern);
        }
    }

    #[test]
    fn a_phrase_reads_report_sentences() {
        let re = regex::Regex::new(VEHICLES_KEPT.pattern).unwrap();
        let (mine, theirs) = both(&VEHICLES_KEPT, &re, "公务用车保有量为 １２ 辆，保有量3辆。");
        assert_eq!(mine, theirs);
        assert_eq!(mine.len(), 2);
    }
}
