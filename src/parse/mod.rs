//! Text → [`Report`]. The parser keeps what is there, marks what is missing
//! and never invents a value; what it had to skip becomes a [`ParseIssue`].
//! It reads decoded text or a [`Source`] of lines; files and PDFs reach it
//! through [`crate::input`].
//!
//! The document is cut into regions first (cover, narrative, schedules,
//! annexes), then each region has its own parser.

mod claims;
mod decode;
mod economic;
mod issues;
mod link;
mod narrative;
mod performance;
mod schedules;
mod spaced;

pub use decode::{MAX_FILE_BYTES, MAX_LINES, MAX_LINE_CHARS};
pub use issues::MAX_PARSE_ISSUES;
pub use link::MAX_FUZZY_PAIRS;
pub use narrative::MAX_CLAIMS;
pub use schedules::{MAX_COLUMNS, MAX_ROWS};

use crate::report::{LineNo, ParseIssue, Report, Source};
use crate::text;

/// Why text could not be read as a report. Each names the file and, where
/// it can, the line; the CLI exits with code 2 on any of them.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The file is over the size limit.
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit for a report")]
    TooLarge {
        /// The path.
        path: String,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The content is not a 部门决算 report.
    #[error("{path}{}: not a 部门决算 report: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    NotAReport {
        /// The path.
        path: String,
        /// The line, when one line is to blame.
        line: Option<LineNo>,
        /// What was expected and what was found.
        reason: String,
    },
}

impl ParseError {
    /// The content is not a report, for this reason.
    pub fn not_a_report(path: &str, line: Option<LineNo>, reason: &str) -> Self {
        ParseError::NotAReport {
            path: path.to_string(),
            line,
            reason: reason.to_string(),
        }
    }

    /// The input is over [`MAX_FILE_BYTES`].
    pub fn too_large(path: &str, size: usize) -> Self {
        ParseError::TooLarge {
            path: path.to_string(),
            size,
            limit: MAX_FILE_BYTES,
        }
    }
}

/// Parse a text report from its raw bytes (any supported encoding); `path`
/// is only used in messages.
pub fn parse_text(path: &str, bytes: &[u8]) -> Result<Report, ParseError> {
    let decoded = decode::decode(path, bytes)?;
    let decode::Lines {
        lines,
        cut,
        truncated,
    } = decode::split_lines_limited(&decoded.text);
    let sha256 = text::hex_sha256(bytes);
    let source = Source {
        path: path.to_string(),
        encoding: decoded.encoding.to_string(),
        positions: vec![None; lines.len()],
        cell_x: Vec::new(),
        lines,
        sha256,
        unread_pages: Vec::new(),
    };
    let mut report = parse_source(source)?;
    for line in &decoded.replaced {
        report.parse_issues.push(ParseIssue {
            code: crate::report::IssueCode::Encoding,
            line: *line,
            message: format!(
                "expected {} text, but bytes on this line are not (damaged, or cut off \
                 mid-character); they are shown as �",
                decoded.encoding
            ),
            schedule: None,
            project: None,
        });
    }
    if truncated {
        report.parse_issues.push(ParseIssue {
            code: crate::report::IssueCode::Limit,
            line: MAX_LINES as LineNo,
            message: format!(
                "file has more than {MAX_LINES} lines, the most juesuan reads; \
                 everything after this line was not read"
            ),
            schedule: None,
            project: None,
        });
    }
    for line in cut {
        report.parse_issues.push(ParseIssue {
            code: crate::report::IssueCode::LineTooLong,
            line,
            message: format!(
                "line longer than {MAX_LINE_CHARS} characters; only its start was read"
            ),
            schedule: None,
            project: None,
        });
    }
    Ok(report)
}

/// Parse already-decoded lines (the PDF reader builds a [`Source`] too).
pub fn parse_source(mut source: Source) -> Result<Report, ParseError> {
    // Reports typed with a full-width input method print "４７６６．０６万元":
    // the same number, read as ASCII, character for character (positions
    // within a line do not move), so every rule reads it.
    for line in &mut source.lines {
        if let Some(halfwidth) = text::halfwidth_figures(line) {
            *line = halfwidth;
        }
    }
    // Tables whose tabs were expanded to spaces get them back (see
    // [`spaced`]); only the tables and annexes are looked at, where cells
    // are, so the narrative's own spacing is never touched. The regions are
    // found again only when lines changed.
    let regions = Regions::find(&source.lines.iter().map(String::as_str).collect::<Vec<_>>());
    let restored = spaced::restore(
        &mut source.lines,
        &[regions.tables.clone(), regions.annexes.clone()],
    );
    let lines: Vec<&str> = source.lines.iter().map(String::as_str).collect();
    let regions = if restored.is_some() {
        Regions::find(&lines)
    } else {
        regions
    };
    let mut issues = issues::Issues::default();
    if let Some(r) = restored {
        issues.push(ParseIssue {
            code: crate::report::IssueCode::Rebuilt,
            line: r.first as LineNo + 1,
            message: format!(
                "expected table cells separated by tabs, found them aligned with spaces \
                 from this line on ({} lines): the spacing is a tab expansion ({}), so the \
                 tabs were restored and the tables read; compare a few cells with the original",
                r.lines,
                r.expansion.describe()
            ),
            schedule: None,
            project: None,
        });
    }

    let (title, department, year, cover_lines) = cover(&lines);
    let mut narrative = narrative::parse(
        &lines,
        &[regions.narrative.clone(), regions.narrative_after.clone()],
    );
    if narrative.claims.len() > narrative::MAX_CLAIMS {
        let line = narrative.claims[narrative::MAX_CLAIMS].line;
        narrative.claims.truncate(narrative::MAX_CLAIMS);
        issues.push(ParseIssue {
            code: crate::report::IssueCode::Limit,
            line,
            message: format!(
                "expected at most {} numbers stated in the text, found more; from this line \
                 on they are not read as claims and not checked",
                narrative::MAX_CLAIMS
            ),
            schedule: None,
            project: None,
        });
    }
    let mut schedules = schedules::parse(&lines, regions.tables.clone(), &mut issues);
    place_rows(&mut schedules, &source);
    let (mut projects, overall) = performance::parse(&lines, regions.annexes.clone(), &mut issues);
    if !link::link_projects(&mut projects, &narrative.project_summaries) {
        issues.push(ParseIssue {
            code: crate::report::IssueCode::Project,
            line: projects.first().map(|p| p.line).unwrap_or(1),
            message: format!(
                "{} project tables and {} narrative summaries are more than can be matched by \
                 similar names (at most {} pairs); only identical names were linked",
                projects.len(),
                narrative.project_summaries.len(),
                link::MAX_FUZZY_PAIRS
            ),
            schedule: None,
            project: None,
        });
    }

    let found_anything =
        schedules.iter().any(|s| s.is_present()) || !projects.is_empty() || overall.is_some();
    if !found_anything && year.is_none() {
        return Err(ParseError::not_a_report(
            &source.path,
            None,
            "found no 部门决算 title, no 公开NN表 schedule and no 绩效自评表 \
             (expected a department final-accounts report as text or PDF)",
        ));
    }
    Ok(Report {
        title,
        department,
        year,
        unit: "万元".to_string(),
        cover_lines,
        narrative,
        schedules,
        projects,
        overall,
        parse_issues: issues.into_vec(),
        source,
    })
}

/// Give each schedule row the page position of its line (PDF input; text
/// input has none).
fn place_rows(schedules: &mut [crate::report::Schedule], source: &Source) {
    for s in schedules {
        for p in &mut s.panels {
            for r in &mut p.rows {
                r.pos = source.position(r.line);
            }
        }
    }
}

/// Line ranges (0-based, half-open) of the document's parts.
#[derive(Debug, Clone)]
struct Regions {
    narrative: std::ops::Range<usize>,
    tables: std::ops::Range<usize>,
    /// Narrative printed after the tables (the Shanghai layout puts the
    /// tables in 第二部分 and the 情况说明 in 第三部分); empty otherwise.
    narrative_after: std::ops::Range<usize>,
    annexes: std::ops::Range<usize>,
}

/// Whether `squash(l)` starts with `prefix`, a run of CJK characters without
/// spaces, reading only as far as the prefix: squash drops every space
/// between CJK characters, so this is the line's first non-space characters.
/// Headings are looked for on every line, and squashing whole paragraphs
/// to read their first four characters was a tenth of the region split.
fn squashed_starts_with(l: &str, prefix: &str) -> bool {
    let mut chars = l.chars().filter(|c| !c.is_whitespace());
    prefix.chars().all(|p| chars.next() == Some(p))
}

/// Whether `squash(l)` matches `^第[一二三四五六七八九十]+部分` (a part
/// heading), reading the line's non-space characters only up to the match.
fn starts_with_part_number(l: &str) -> bool {
    let mut chars = l.chars().filter(|c| !c.is_whitespace()).peekable();
    if chars.next() != Some('第') {
        return false;
    }
    let mut digits = 0;
    while chars
        .next_if(|c| "一二三四五六七八九十".contains(*c))
        .is_some()
    {
        digits += 1;
    }
    digits > 0 && chars.next() == Some('部') && chars.next() == Some('分')
}
impl Regions {
    fn find(lines: &[&str]) -> Self {
        let n = lines.len();
        // Squashing every line is the cost here; a heading must hold the
        // characters it starts with, so lines without them are skipped.
        let starts_part = |l: &str, part: &str| l.contains('第') && squashed_starts_with(l, part);
        let is_annex = |l: &str| {
            if starts_part(l, "第五部分") {
                return true;
            }
            if !l.contains('绩') {
                return false;
            }
            let t = text::squash(l);
            // A title, not a sentence naming one ("《…整体绩效自评表》见附件。",
            // a line of its own wherever a pasted paragraph wraps).
            t.contains("绩效自评表")
                && !text::is_row(l)
                && t.len() < 80
                && !t.contains('》')
                && !t.ends_with(['。', '，', '；'])
        };
        let is_table_start = |l: &str| {
            let t = text::squash(l);
            (t.starts_with("第四部分") && t.contains("表")) || text::heading_id(l).is_some()
        };
        // The table of contents repeats the part headings, so take the last
        // part heading that announces the tables ("第四部分 … 决算表"; the
        // Shanghai layout has them in 第二部分), else the last "第四部分"
        // line; failing that, the first schedule heading or title.
        let is_part = |l: &str| l.contains('第') && starts_with_part_number(l);
        let part_tables = (0..n)
            .rev()
            .find(|&i| is_part(lines[i]) && text::squash(lines[i]).contains("决算表"));
        let part4 =
            part_tables.or_else(|| (0..n).rev().find(|&i| starts_part(lines[i], "第四部分")));
        let first_heading = (0..n).find(|&i| text::heading_id(lines[i]).is_some());
        let first_schedule_from = |from: usize| {
            (from..n).find(|&i| {
                text::title_id(lines[i]).is_some() || text::heading_id(lines[i]).is_some()
            })
        };
        // The first annex title outside a part heading (found once: the
        // narrative ends there, and the Sichuan order is looked for from it).
        let first_annex =
            (0..n).find(|&i| is_annex(lines[i]) && !starts_part(lines[i], "第五部分"));
        if let Some(r) = annexes_first(
            lines,
            &is_annex,
            &is_part,
            first_schedule_from(0),
            first_annex,
        ) {
            return r;
        }
        let mut tables_start = match (part4, first_heading) {
            (Some(p), Some(h)) if p < h => p,
            (_, Some(h)) => schedules::title_start(lines, h),
            (Some(p), None) => p,
            (None, None) => (0..n).find(|&i| is_table_start(lines[i])).unwrap_or(n),
        };
        // Without 公开NN表 headings the part heading found may be the table of
        // contents' entry: no schedule title follows it before the next part
        // heading. The tables then start at the first schedule title.
        if let (Some(p), None) = (part4, first_heading) {
            let next_part = (p + 1..n).find(|&i| is_part(lines[i]));
            let title = first_schedule_from(p + 1);
            if title.is_some_and(|t| next_part.is_some_and(|np| np < t)) {
                tables_start = title.unwrap_or(tables_start);
            }
        }
        let annex_start = (tables_start..n)
            .rev()
            .find(|&i| starts_part(lines[i], "第五部分"))
            .or_else(|| (tables_start..n).find(|&i| is_annex(lines[i])))
            .unwrap_or(n);
        // A part heading after the tables (other than the annex) means the
        // narrative resumes there.
        let resume_from = first_schedule_from(tables_start).unwrap_or(tables_start);
        let resume = (resume_from + 1..annex_start)
            .find(|&i| is_part(lines[i]) && !text::squash(lines[i]).contains("决算表"))
            .unwrap_or(annex_start);
        // Narrative without tables: a report whose tables were all lost still
        // has its annexes; the narrative stops at whichever comes first.
        let narrative_end = tables_start.min(annex_start).min(first_annex.unwrap_or(n));
        Regions {
            narrative: 0..narrative_end,
            tables: tables_start.min(annex_start)..resume.max(tables_start.min(annex_start)),
            narrative_after: resume..annex_start.max(resume),
            annexes: annex_start..n,
        }
    }
}

/// How many lines after a title its first table row may stand (the head:
/// 单位, 年度, 金额单位, a header of two or three lines).
const HEAD_LINES: usize = 30;

/// The Sichuan order (第四部分 附件, 第五部分 附表): the 绩效 annexes
/// before the schedules. Each part is found by what it holds — a title
/// with table rows under it — not by its number, which the table of
/// contents repeats; its part heading, when one stands just above, opens
/// it. None in the usual order (tables, then annexes).
fn annexes_first(
    lines: &[&str],
    is_annex: &dyn Fn(&str) -> bool,
    is_part: &dyn Fn(&str) -> bool,
    first_schedule: Option<usize>,
    first_annex: Option<usize>,
) -> Option<Regions> {
    let has_rows = |i: usize| {
        lines
            .iter()
            .skip(i + 1)
            .take(HEAD_LINES)
            .any(|l| text::is_row(l))
    };
    let schedule = (first_schedule?..lines.len()).find(|&i| {
        (text::heading_id(lines[i]).is_some() || text::title_id(lines[i]).is_some()) && has_rows(i)
    })?;
    // No annex title stands before `first_annex` (an annex title with rows
    // under it, outside any part heading, is one).
    let annex = (first_annex?..schedule)
        .find(|&i| is_annex(lines[i]) && !starts_with_part_number(lines[i]) && has_rows(i))?;
    let annex_start = (annex.saturating_sub(6)..annex)
        .rev()
        .find(|&k| is_part(lines[k]))
        .unwrap_or(annex);
    // The tables' part heading may stand well above the first schedule
    // title (a headless 公开01表's rows come first): the last one after the
    // annex's title opens the tables.
    let first_title = schedules::title_start(lines, schedule);
    let tables_start = (annex + 1..first_title)
        .rev()
        .find(|&k| is_part(lines[k]))
        .unwrap_or(first_title);
    let n = lines.len();
    Some(Regions {
        narrative: 0..annex_start,
        tables: tables_start..n,
        narrative_after: n..n,
        annexes: annex_start..tables_start,
    })
}

/// Title, department and year from the cover (the first lines).
fn cover(lines: &[&str]) -> (String, String, Option<i32>, Vec<LineNo>) {
    let re = regex_year();
    for (i, l) in lines.iter().enumerate().take(60) {
        let t = l.trim();
        if let Some(c) = re.captures(t) {
            let year = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok());
            let before = t[..c.get(0).map(|m| m.start()).unwrap_or(0)].trim();
            let (department, dept_line) = if !before.is_empty() {
                (before.to_string(), i)
            } else {
                let prev = (0..i).rev().find(|&j| !lines[j].trim().is_empty());
                match prev {
                    Some(j) => (lines[j].trim().to_string(), j),
                    None => (String::new(), i),
                }
            };
            let title = if dept_line == i {
                t.to_string()
            } else {
                format!("{department}{t}")
            };
            let mut cover_lines = vec![dept_line as LineNo + 1];
            if dept_line != i {
                cover_lines.push(i as LineNo + 1);
            }
            return (title, department, year, cover_lines);
        }
    }
    (String::new(), String::new(), None, Vec::new())
}

fn regex_year() -> &'static crate::text::DigitRegex {
    crate::digit_regex!(r"((?:19|20)\d\d)\s*年度?\s*(?:部门|单位)?决算")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_prefixes_read_as_squash_reads_them() {
        let re = crate::regex!(r"^第[一二三四五六七八九十]+部分");
        for l in [
            "第四部分 2024年度部门决算表",
            "  第 四 部分",
            "第部分",
            "第十一部分",
            "第四部",
            "A 第四部分",
            "第四部 分 决算表",
            "",
            "　第五部分　附件",
        ] {
            let t = text::squash(l);
            assert_eq!(
                squashed_starts_with(l, "第四部分"),
                t.starts_with("第四部分"),
                "{l}"
            );
            assert_eq!(
                squashed_starts_with(l, "第五部分"),
                t.starts_with("第五部分"),
                "{l}"
            );
            assert_eq!(starts_with_part_number(l), re.is_match(&t), "{l}");
        }
    }
}
