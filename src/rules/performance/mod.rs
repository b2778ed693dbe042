//! The performance annexes: each 预算项目(政策)绩效自评表's arithmetic and
//! its summary paragraph, what the narrative says about all projects, and the
//! 部门(单位)整体绩效自评表.
//!
//! The catalogue (`RULES`) is here; `project` checks one project table,
//! `summaries` the projects against the narrative, `overall` the 整体 table.

use super::facts::{self, TextHit, OVERALL};
use super::{Finding, Location, Rule, Severity};
use crate::report::{LineNo, OverallPerformance, OverallTask, Project, ProjectSummary, Report};
use crate::rules::arith::{pct, push_sum_finding, r2, Interval, Printed};
use crate::text::squash;
use rust_decimal::Decimal;

mod overall;
mod project;
mod summaries;

use overall::*;
use project::*;
use summaries::*;
pub(crate) use summaries::{averages, stated_average};

/// The weight all indicators of a project table share (90 of 100 points;
/// the other 10 are the 预算执行率得分).
const INDICATOR_POINTS: Decimal = Decimal::from_parts(90, 0, 0, false, 0);
/// The most the 预算执行率得分 can be.
const RATE_POINTS: Decimal = Decimal::TEN;

/// The performance family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "PERF-RATE",
        title: "项目执行率 = 全年执行数 ÷ 项目预算金额",
        rationale: "每张项目绩效自评表的执行率等于全年执行数除以项目预算金额。核对时允许执行率按\
                    印出位数四舍五入、两个金额各按0.01万元舍入的误差。不符说明执行率算错，或预算、\
                    执行数中有一个填错；执行率又决定预算执行率得分，错误会传到总得分。",
        severity: Severity::Error,
        check: rate,
    },
    Rule {
        id: "PERF-RATE-SCORE",
        title: "预算执行率得分 = 10 × 执行率（最高10分）",
        rationale: "项目支出绩效自评中，预算执行率占10分，得分 = 执行率 × 10，不超过10分。不符说明\
                    得分没有按执行率计算（常见的是执行率未满仍给满分）。",
        severity: Severity::Error,
        check: rate_score,
    },
    Rule {
        id: "PERF-TOTAL",
        title: "绩效自评总得分 = 指标自评得分小计 + 预算执行率得分 − 减分项",
        rationale: "自评表的总得分由三部分算出：指标得分小计加预算执行率得分，再减去减分项。不符\
                    说明总得分是另填的，或某一部分被改动后总分未更新；总得分又进入自评平均分。",
        severity: Severity::Error,
        check: total,
    },
    Rule {
        id: "PERF-SUBTOTAL",
        title: "指标自评得分小计 = 各指标得分之和",
        rationale: "指标自评得分小计等于所列全部三级指标的得分之和。不符说明某个指标的得分漏计、\
                    多计，或小计是另填的。",
        severity: Severity::Error,
        check: subtotal,
    },
    Rule {
        id: "PERF-WEIGHTS",
        title: "各指标分值之和 = 90",
        rationale: "项目支出绩效自评满分100分：预算执行率10分，绩效指标合计90分，各三级指标的分值\
                    之和应为90。不等说明指标分值设置有误、漏列了指标，或表中根本没有列出指标。",
        severity: Severity::Error,
        check: weights,
    },
    Rule {
        id: "PERF-INDICATOR-SCORE",
        title: "每个指标的得分不超过其分值",
        rationale:
            "每个三级指标的得分按完成程度给出，最高为其分值，不能超过。得分超过分值说明得分或\
                    分值填错（常见的是两栏错位，或改了分值没有改得分），小计和总得分也随之失真。",
        severity: Severity::Error,
        check: indicator_scores,
    },
    Rule {
        id: "PERF-SUMMARY",
        title: "项目自评表与情况说明中的项目自评综述一致",
        rationale: "情况说明为每个项目写一段自评综述（全年预算数、全年执行数、完成预算的百分比、\
                    自评得分），这些数字必须与该项目的绩效自评表一致（项目名称写法不同，按相似度\
                    配对）。不符说明综述沿用了旧稿，或自评表调整后未同步到说明。",
        severity: Severity::Error,
        check: summary,
    },
    Rule {
        id: "PERF-UNLINKED",
        title: "每张项目自评表都有对应的自评综述，反之亦然",
        rationale: "情况说明中的项目绩效自评结果应逐一对应附件中的项目自评表。找不到对应关系，\
                    说明某个项目只公开了表或只写了综述，或两处名称差异太大无法辨认。\
                    附件中有自评表未能读取（或PDF有页面未能读取）时，综述找不到表不能据此认定缺失，\
                    只作提示（未核对）。",
        severity: Severity::Warning,
        check: unlinked,
    },
    Rule {
        id: "PERF-EXECUTED-SUM",
        title: "各项目全年执行数之和 = 项目支出",
        rationale: "对全部预算项目开展自评时（自评覆盖率100%），各项目自评表的全年执行数之和等于\
                    支出决算表的项目支出合计。不等说明有项目未纳入自评、某个项目的执行数填错，或\
                    项目支出口径不一。",
        severity: Severity::Error,
        check: executed_sum,
    },
    Rule {
        id: "PERF-AVERAGE",
        title: "情况说明的项目自评平均分 = 各项目总得分之和 ÷ 项目数",
        rationale:
            "说明给出的自评平均分按其自己的定义（开展绩效自评的项目分数总和 ÷ 项目数）应能从\
                    各项目自评表的总得分算出。不符说明平均分是另填的或引用了其他口径。",
        severity: Severity::Error,
        check: average,
    },
    Rule {
        id: "PERF-COUNT",
        title: "情况说明所称的项目个数 = 项目自评表的张数，分列之和 = 总数",
        rationale: "说明中“共涉及预算支出项目N个”“N个项目绩效自评结果”等数字，应等于附件中项目\
                    绩效自评表的张数（自评表另行公开、本报告未附时无从核对）；分资金性质的项目数、\
                    按评级（优、良、合格、不合格）分列的项目数之和应等于总数，已整改与正在整改的\
                    问题数之和应等于发现的问题数。不符说明有自评表未公开，或说明中的数字有误。",
        severity: Severity::Error,
        check: count,
    },
    Rule {
        id: "PERF-FUNDS",
        title: "情况说明所称项目自评涉及资金 = 各项目全年执行数之和",
        rationale: "“涉及资金X万元”应等于各项目自评表的全年执行数之和（或预算金额之和），分资金\
                    性质的金额之和也应等于总额。不符说明涉及资金是另填的，或有项目自评表未公开。",
        severity: Severity::Error,
        check: funds,
    },
    Rule {
        id: "OVERALL-RATE",
        title: "整体绩效自评表：项目执行率 = 项目执行金额 ÷ 项目下达金额",
        rationale: "整体绩效自评表每项年度主要任务的执行率等于执行金额除以下达金额，并按印出的\
                    位数四舍五入（印出两位小数就要准确到0.01%）。不符说明执行率是估计或取整后补零\
                    填写的；得分按分值 × 执行率计算，错误会传到总评价得分。",
        severity: Severity::Error,
        check: overall_rate,
    },
    Rule {
        id: "OVERALL-SCORE",
        title: "整体绩效自评表：任务得分 = 分值 × 执行率，指标得分不超过分值",
        rationale: "年度主要任务的得分 = 分值 × 项目执行率（不超过分值）；绩效指标的得分不超过其\
                    分值。不符说明得分未按执行率计算或栏目错位。",
        severity: Severity::Error,
        check: overall_score,
    },
    Rule {
        id: "OVERALL-TOTAL",
        title: "整体绩效自评表：总评价得分 = 各任务得分 + 各指标得分",
        rationale: "总评价得分是年度主要任务得分与各绩效指标得分之和。不符说明总分是另填的，或\
                    某项得分改动后总分未更新。",
        severity: Severity::Error,
        check: overall_total,
    },
    Rule {
        id: "OVERALL-WEIGHTS",
        title: "整体绩效自评表：各任务与各指标的分值之和 = 100",
        rationale: "整体绩效自评满分100分，由年度主要任务和各绩效指标的分值组成，分值之和应为100。\
                    不等说明漏列了任务或指标，或分值设置有误。",
        severity: Severity::Error,
        check: overall_weights,
    },
    Rule {
        id: "OVERALL-BASIC",
        title: "整体绩效自评表各任务执行金额之和 = 其所涵盖的支出（基本支出）",
        rationale:
            "整体绩效自评表列出的年度主要任务（本例为部门预算基本支出的人员经费、公用经费等）\
                    的执行金额之和，应等于决算表中相应的支出：任务都是基本支出时等于基本支出，否则\
                    等于本年支出合计。涵盖范围是从任务名称推断的，所以定为警告。",
        severity: Severity::Warning,
        check: overall_basic,
    },
    Rule {
        id: "OVERALL-SUMMARY",
        title: "情况说明中的整体绩效自评资金和得分 = 整体绩效自评表",
        rationale: "说明中“组织对N个单位开展整体绩效自评，涉及资金X万元，自评平均分Y分”应与整体\
                    绩效自评表的年初预算金额和总评价得分一致。不符说明二者之一未同步更新。\
                    称对0个单位开展整体绩效自评而附件有整体绩效自评表，是矛盾；称有单位开展而报告中\
                    没有该表，则只作警告（该表可能另行公开）。",
        severity: Severity::Error,
        check: overall_summary,
    },
];
