//! What tells a finding from its neighbours in the list: the findings of
//! one rule often share a long opening ("整体绩效自评表“部门预算基本支出…"
//! three times over), so a narrow list that shows each message from its
//! start shows the same text on every row. Each row instead starts where
//! its message first differs from the rows above and below it, with an
//! ellipsis for what was left off; messages that are the same throughout
//! are told apart by their line.

use crate::report::LineNo;

/// Shared openings shorter than this many characters are shown in full.
const MIN_CUT: usize = 6;

/// Characters to keep before the first difference, so the row reads as a
/// phrase, not a fragment starting mid-word.
const CONTEXT: usize = 2;

/// The length in characters of the common prefix of two strings.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The label of each message of a run (one rule's findings, in list order):
/// the message from where it differs from its neighbours, or the line and
/// the message when it has a twin.
pub fn labels(run: &[(&str, LineNo)]) -> Vec<String> {
    (0..run.len())
        .map(|i| {
            let (msg, line) = run[i];
            let before = i.checked_sub(1).map(|j| run[j].0);
            let after = run.get(i + 1).map(|r| r.0);
            let shared = [before, after]
                .iter()
                .flatten()
                .map(|other| common_prefix(msg, other))
                .max()
                .unwrap_or(0);
            let total = msg.chars().count();
            if shared >= total || [before, after].iter().flatten().any(|o| *o == msg) {
                return format!("行{line} {msg}");
            }
            let cut = shared.saturating_sub(CONTEXT);
            if shared < MIN_CUT || cut == 0 {
                return msg.to_string();
            }
            let rest: String = msg.chars().skip(cut).collect();
            format!("…{rest}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_opening_is_cut_back_to_the_difference() {
        let run = [
            (
                "整体绩效自评表“部门预算基本支出公用经费（保运转）”项目执行率印为 100.00%",
                622,
            ),
            (
                "整体绩效自评表“部门预算基本支出人员经费（刚性）”项目执行率印为 97.00%",
                624,
            ),
            (
                "整体绩效自评表“部门预算基本支出人员经费（保工资）”项目执行率印为 89.00%",
                625,
            ),
        ];
        let l = labels(&run);
        assert_eq!(l[0], "…支出公用经费（保运转）”项目执行率印为 100.00%");
        assert_eq!(l[1], "…费（刚性）”项目执行率印为 97.00%");
        assert_eq!(l[2], "…费（保工资）”项目执行率印为 89.00%");
    }

    #[test]
    fn distinct_openings_are_shown_whole() {
        let run = [
            ("“社保维稳专项”绩效自评总得分为 0", 783),
            ("公开03表 合计 为 1", 402),
        ];
        assert_eq!(
            labels(&run),
            vec![run[0].0.to_string(), run[1].0.to_string()]
        );
    }

    #[test]
    fn twins_are_told_apart_by_their_line() {
        let run = [
            ("字词重复“高校高校”", 1042),
            ("字词重复“高校高校”", 1112),
            ("字重复“及及”", 794),
        ];
        let l = labels(&run);
        assert_eq!(l[0], "行1042 字词重复“高校高校”");
        assert_eq!(l[1], "行1112 字词重复“高校高校”");
        assert_eq!(l[2], "字重复“及及”");
    }

    #[test]
    fn a_single_finding_keeps_its_message() {
        assert_eq!(
            labels(&[("公开08表未公开", 609)]),
            vec!["公开08表未公开".to_string()]
        );
    }
}
