//! The working paper as Markdown: headings, short tables and quoted evidence,
//! so it reads well on screen and printed. Report and note text is made
//! visible (no raw control characters) and escaped where Markdown would
//! read it as markup.

use super::{describe, describe_event, Evidence, Item, Orphan, WorkingPaper};
use crate::review::model::{Annotation, Seen, Verdict};
use crate::rules::Severity;
use crate::sanitize::visible;
use rust_decimal::Decimal;
use std::fmt::Write;

pub(super) fn render(p: &WorkingPaper) -> String {
    let mut out = String::new();
    identity(&mut out, p);
    summary(&mut out, p);
    coverage(&mut out, p);
    let _ = writeln!(out, "## 发现 (Findings)\n");
    if p.findings.is_empty() {
        let _ = writeln!(out, "未发现问题。\n");
    }
    for (n, i) in p.findings.iter().enumerate() {
        item(&mut out, n + 1, i);
    }
    if !p.orphans.is_empty() {
        let _ = writeln!(
            out,
            "## 孤立的审核记录 (Orphaned annotations)\n\n\
             这些审核记录对应的发现在本次检查中不再出现（报告已修改或规则已变化）；保留原位置与原文。\n"
        );
        for (n, o) in p.orphans.iter().enumerate() {
            orphan(&mut out, n + 1, o);
        }
    }
    out
}

fn identity(out: &mut String, p: &WorkingPaper) {
    let r = &p.report;
    let title = if r.title.is_empty() {
        &r.file
    } else {
        &r.title
    };
    let _ = writeln!(out, "# 审计工作底稿：{}\n", inline(title));
    let _ = writeln!(out, "| 项目 | 内容 |\n|---|---|");
    let rows = [
        ("单位 (Department)", inline(&r.department)),
        (
            "年度 (Year)",
            r.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
        ),
        ("报告文件 (Report)", format!("`{}`", code(&r.file))),
        ("报告 sha256", format!("`{}`", r.sha256)),
        (
            "审核记录 (Annotations)",
            format!("`{}`", code(&r.annotations_file)),
        ),
        (
            "生成 (Generated)",
            format!("{} · {}", p.generated_by, p.generated_at),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    out.push('\n');
}

fn summary(out: &mut String, p: &WorkingPaper) {
    let s = &p.summary;
    let _ = writeln!(out, "## 汇总 (Summary)\n");
    let _ = writeln!(out, "共 {} 项发现。\n", s.findings);
    let _ = writeln!(out, "| 严重程度 (Severity) | 数量 |\n|---|---:|");
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = s.by_severity.get(&sev).copied().unwrap_or(0);
        let _ = writeln!(out, "| {} {} | {n} |", sev.zh(), sev);
    }
    let _ = writeln!(out, "\n| 审核结论 (Verdict) | 数量 |\n|---|---:|");
    for v in Verdict::ALL {
        let n = s.by_verdict.get(&v).copied().unwrap_or(0);
        let _ = writeln!(out, "| {} {} | {n} |", v.zh(), v);
    }
    out.push('\n');
    if s.changed_since_review > 0 {
        let _ = writeln!(
            out,
            "- ⚠ {} 项发现在审核后数值发生变化 (changed since review)。",
            s.changed_since_review
        );
    }
    if s.orphans > 0 {
        let _ = writeln!(
            out,
            "- ⚠ {} 条审核记录已孤立 (orphaned)，见文末。",
            s.orphans
        );
    }
    if s.report_changed {
        let _ = writeln!(
            out,
            "- ⚠ 报告文件自上次保存审核记录后已修改 (sha256 不同)。"
        );
    }
    if s.changed_since_review > 0 || s.orphans > 0 || s.report_changed {
        out.push('\n');
    }
}

fn coverage(out: &mut String, p: &WorkingPaper) {
    let c = &p.coverage;
    let _ = writeln!(out, "## 查阅覆盖率 (Coverage)\n");
    let _ = writeln!(
        out,
        "| 范围 | 已查阅 | 总数 |\n|---|---:|---:|\n| 表 (schedules) | {} | {} |\n| 行 (rows) | {} | {} |\n| 项目 (projects) | {} | {} |\n",
        c.schedules.examined,
        c.schedules.total,
        c.rows.examined,
        c.rows.total,
        c.projects.examined,
        c.projects.total
    );
    let _ = writeln!(out, "已查阅行与项目合计：{}%。\n", c.percent());
}

fn item(out: &mut String, n: usize, i: &Item) {
    let f = &i.finding;
    let _ = writeln!(
        out,
        "### {n}. {} {} — {}\n",
        f.severity.zh(),
        f.rule,
        inline(&f.message)
    );
    let _ = writeln!(
        out,
        "- 编号 (ID)：`{}`{}",
        f.id,
        if i.own {
            "（审计人员自行发现）"
        } else {
            ""
        }
    );
    for (k, l) in f.locations.iter().enumerate() {
        let label = if k == 0 {
            "位置 (Location)"
        } else {
            "相关位置"
        };
        let _ = writeln!(
            out,
            "- {label}：{}{}",
            inline(&describe(l)),
            line_suffix(l.line)
        );
    }
    values(out, f.expected, f.actual, f.difference);
    verdict(out, i.verdict, i.annotation.as_ref());
    if !i.changed_since_review.is_empty() {
        let _ = writeln!(
            out,
            "- ⚠ 审核后发生变化 (changed since review)：{}",
            i.changed_since_review.join(", ")
        );
    }
    evidence(out, &i.evidence);
    if let Some(a) = &i.annotation {
        history(out, a);
    }
    out.push('\n');
}

fn orphan(out: &mut String, n: usize, o: &Orphan) {
    let s: &Seen = &o.annotation.seen;
    let _ = writeln!(
        out,
        "### 孤立 {n}. {} {} — {}\n",
        s.severity.zh(),
        s.rule,
        inline(&s.message)
    );
    let _ = writeln!(out, "- 编号 (ID)：`{}`", o.id);
    for l in &s.locations {
        let _ = writeln!(
            out,
            "- 原位置：{}{}",
            inline(&describe(l)),
            line_suffix(l.line)
        );
    }
    values(out, s.expected, s.actual, s.difference);
    verdict(out, o.annotation.verdict, Some(&o.annotation));
    history(out, &o.annotation);
    out.push('\n');
}

fn line_suffix(line: u32) -> String {
    if line > 0 {
        format!("（第 {line} 行）")
    } else {
        String::new()
    }
}

fn values(out: &mut String, e: Option<Decimal>, a: Option<Decimal>, d: Option<Decimal>) {
    if e.is_none() && a.is_none() {
        return;
    }
    let show = |v: Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    let _ = writeln!(
        out,
        "- 应为 {} · 实为 {} · 差额 {}（万元）",
        show(e),
        show(a),
        show(d)
    );
}

fn verdict(out: &mut String, v: Verdict, a: Option<&Annotation>) {
    let Some(a) = a else {
        let _ = writeln!(out, "- 审核结论 (Verdict)：{} {}", v.zh(), v);
        return;
    };
    let at =
        a.at.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
    let _ = writeln!(
        out,
        "- 审核结论 (Verdict)：**{} {}**（{}，{at}）",
        v.zh(),
        v,
        inline(a.preparer())
    );
    if let Some(r) = &a.reason {
        let _ = writeln!(out, "- 理由 (Reason)：{}", inline(r));
    }
    if let Some(s) = &a.sign_off {
        let warn = if a.self_reviewed() {
            " ⚠ 复核人与编制人为同一人"
        } else {
            ""
        };
        let at =
            s.at.format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
        let _ = writeln!(out, "- 复核 (Signed off)：{}，{at}{warn}", inline(&s.by));
    }
    if !a.note.is_empty() {
        let _ = writeln!(out, "- 备注 (Note)：\n");
        for line in a.note.lines() {
            let _ = writeln!(out, "  > {}", inline(line));
        }
        out.push('\n');
    }
}

fn evidence(out: &mut String, ev: &[Evidence]) {
    if ev.is_empty() {
        return;
    }
    let lines: Vec<String> = ev
        .iter()
        .map(|e| format!("{:>5}  {}", e.line, cells(&e.text)))
        .collect();
    let fence = fence_for(&lines);
    let _ = writeln!(out, "- 证据 (Evidence)：\n\n  {fence}text");
    for l in &lines {
        let _ = writeln!(out, "  {l}");
    }
    let _ = writeln!(out, "  {fence}");
}

/// A source line with its tab-separated cells shown apart (blank cells stay
/// visible as empty columns; trailing blanks are dropped).
fn cells(line: &str) -> String {
    let mut parts: Vec<&str> = line.split('\t').collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| p.trim().is_empty()) {
        parts.pop();
    }
    visible(&parts.join(" │ ")).into_owned()
}

fn history(out: &mut String, a: &Annotation) {
    if a.history.is_empty() {
        return;
    }
    let _ = writeln!(out, "- 历史 (History)：");
    for e in &a.history {
        let _ = writeln!(out, "  - {}", inline(&describe_event(e)));
    }
}

/// A code fence longer than any run of backticks in the lines.
fn fence_for(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`').map(str::len))
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Text for one line of Markdown: control characters made visible, newlines
/// folded, characters Markdown would read as markup escaped.
fn inline(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    let mut out = String::with_capacity(s.len());
    for c in visible(&s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text inside an inline code span: backticks cannot be escaped there.
fn code(s: &str) -> String {
    visible(s).replace('`', "'")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markup_and_controls() {
        assert_eq!(inline("a|b*c"), "a\\|b\\*c");
        assert_eq!(inline("x\ny"), "x y");
        assert_eq!(inline("\u{1b}[31m"), "␛\\[31m");
        assert_eq!(inline("正常"), "正常");
    }

    #[test]
    fn cells_stay_apart() {
        assert_eq!(cells("合计\t\t4,766.06\t\t"), "合计 │  │ 4,766.06");
        assert_eq!(cells("一行文字"), "一行文字");
    }

    #[test]
    fn fence_outgrows_backticks() {
        assert_eq!(fence_for(&["a".into()]), "```");
        assert_eq!(fence_for(&["a````b".into()]), "`````");
    }
}
