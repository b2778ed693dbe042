//! What the parser could not read, surfaced as findings so the auditor knows
//! what the checks did not see.

use super::{Finding, Location, Rule, Severity};
use crate::report::Report;

const RATIONALE: &str =
    "解析器遇到无法读取的内容时会跳过并记录下来。被跳过的行、表或单元格不参与任何核对，\
    因此相关的勾稽关系可能未被检查。请对照原文（源文本视图）人工核对这些位置。";

/// The parse-issue family: one rule per kind of recovery.
pub static RULES: &[Rule] = &[
    Rule {
        id: "PARSE-TABLE",
        title: "表格结构无法完整读取（重复的表、无归属的行）",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-PAGE",
        title: "PDF页面无法读取、部分文字无法解码或页面旋转",
        rationale: "PDF中某页的内容流无法解码、所用字体的字符无法转换为文字，或页面被旋转显示时，\
                    该页的文字和表格可能没有读到或读错。该页上的内容不参与核对，\
                    因此“缺少某表”“缺少某部分说明”等结论对该报告只作提示（未核对），不作错误。\
                    请打开PDF原件查看该页。",
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-ROW",
        title: "表格行或单元格无法读取（编码、金额格式不符）",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-PROJECT",
        title: "项目绩效自评表缺少必要的行或指标无法读取",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-OVERALL",
        title: "部门整体绩效自评表缺少必要的行或指标无法读取",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-ENCODING",
        title: "个别字节无法按文件编码解码（文件损坏或在字符中间截断），已显示为�",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-LIMIT",
        title: "文件超出读取上限（行数），超出部分未读取",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-REBUILT",
        title: "表格分栏由解析器重建（文本以空格对齐，已还原制表符），请抽查单元格",
        rationale: "文本中的表格本应以制表符分栏，却以空格对齐（从终端复制、编辑器把制表符转成空格）。\
                    当空格恰好是制表符按固定制表位或固定个数展开的结果时，解析器把它们还原为制表符，\
                    表格照常读取和核对。还原是可逆推算，不是猜测；但请对照原文抽查几个单元格。",
        severity: Severity::Warning,
        check,
    },
    Rule {
        id: "PARSE-EXTRA-TABLE",
        title: "表格部分有九张公开表以外的表（未读取、未核对）",
        rationale: "部分地区的模板在九张公开表之外另附表格（如北京的一般公共预算财政拨款收入支出决算表、\
                    政府性基金预算财政拨款基本支出决算表、政府采购情况表、政府购买服务决算公开情况表）。\
                    这些表的行次和栏目不在本工具的表格模型中，解析器只把它们与前后的公开表分开，\
                    不读取其中的数字，也不据以核对；说明中引用这些表的数字须人工核对。",
        severity: Severity::Info,
        check,
    },
    Rule {
        id: "PARSE-LINE-TOO-LONG",
        title: "超长的行只读取了开头部分",
        rationale: RATIONALE,
        severity: Severity::Warning,
        check,
    },
];

fn check(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for issue in report
        .parse_issues
        .iter()
        .filter(|i| i.code.as_str() == rule.id)
    {
        let loc = match (&issue.schedule, &issue.project) {
            (Some(s), _) => Location::schedule(issue.line, *s, None),
            (None, Some(p)) => Location::project(issue.line, p, None),
            (None, None) => Location::text(issue.line, ""),
        };
        // Lines move when unrelated text changes; the message and how many
        // identical messages came before it do not.
        let n = seen.entry(issue.message.clone()).or_insert(0);
        *n += 1;
        let disc = format!("{}|{}", issue.message, n);
        let lead = match issue.code {
            crate::report::IssueCode::Rebuilt => "分栏已重建",
            crate::report::IssueCode::ExtraTable => "未核对",
            _ => "无法完整解析",
        };
        out.push(rule.finding_keyed(format!("{lead}：{}", issue.message), vec![loc], &disc));
    }
}
