//! The narrative against the tables and against itself: amounts, shares,
//! year-on-year changes, completion rates (and the budgets they imply),
//! words of direction, counts, 政府采购 and 机关运行经费.
//!
//! The catalogue (`RULES`) is here; `resolve` finds the table figure a
//! claim restates (the same 口径 only); each other file holds one rule's
//! check, or a few rules that share their reading. The shared imports below
//! reach every file through `use super::*`.

use super::arith::{
    pct, push_same_finding, push_sum_finding, r2, Interval, Printed, ROUNDING_STEP,
};
use super::facts::{self, Fig, Occurrences};
use super::{Finding, Location, Rule, Severity};
use crate::report::{Claim, ClaimKind, Measure, Report, RowKind};
use crate::text::squash;
use rust_decimal::Decimal;

mod amounts;
mod budgets;
mod changes;
mod counts;
mod directions;
mod rates;
mod resolve;
mod shares;

use amounts::*;
use budgets::*;
use changes::*;
use counts::*;
use directions::*;
use rates::*;
use resolve::*;
use shares::*;

/// The narrative family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "TEXT-AMOUNT",
        title: "情况说明中的金额与决算表一致",
        rationale: "情况说明逐项复述决算表：收入总计、各项收入、基本支出与项目支出、各功能科目\
                    （类、款、项）的支出、“三公”经费各项、人员经费与公用经费……每个金额都应等于\
                    对应表格中的同一数字；说明称无政府性基金或国有资本经营预算支出时，04表的对应栏\
                    也应为空；国内公务接待、外事接待的金额是公务接待费的一部分，不能超过07表的\
                    公务接待费。不符通常是说明沿用了旧稿或调整后的表格未同步到说明。",
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
                    引用的不是同一口径。句中写明上年数（“比上年 Y 万元增加 Z 万元，增长 W%”）时，W = Z ÷ Y。",
        severity: Severity::Error,
        check: changes,
    },
    Rule {
        id: "TEXT-CHANGE-AMOUNT",
        title: "“X万元，比上年Y万元增加Z万元”中Z = X − Y",
        rationale: "写明上年数的增减（北京等地的写法：“收、支总计 X 万元，比上年 Y 万元增加 Z 万元，\
                    增长 W%”）自带核对：增加额等于本年数减上年数，减少额等于上年数减本年数，增长率\
                    等于本年数减上年数再除以上年数；方向词须与两数的大小一致。各数分别四舍五入，\
                    相差 0.01 万元作尾差警告，更大为错误。上年数不在公开表中，只能与句中所写核对。",
        severity: Severity::Error,
        check: prior_changes,
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
