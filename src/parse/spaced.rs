//! Tables whose tabs were turned into spaces — copied from a terminal that
//! showed the file (`cat`, `less` over SSH: tab stops every 8 columns),
//! passed through `expand`, or an editor's "tabs to spaces" (a fixed number
//! of spaces per tab) — get their tabs back when the spacing is exactly such
//! an expansion, so they read as they were written.
//!
//! Spacing that is not an expansion (`pdftotext -layout`, columns aligned by
//! hand, GNU `expand` on UTF-8, which counts a CJK character as three
//! columns) is left alone: columns guessed from it would shift every value
//! after a blank cell, so the schedule says its rows were not read instead.
//!
//! A tab that stood one column before a stop became a single space, like a
//! space inside a cell. Every cell starts at a stop, and CJK characters are
//! two columns wide, so a single space ending at a stop is a tab only when
//! the text since the cell's start has an odd width (it holds ASCII); after
//! a comma or other mark it is the space of a sentence ("理念, 办求").
//!
//! Written by hand: no crate inverts a tab expansion.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// A character's columns on a terminal (CJK two, control characters none).
fn display_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// How a tab was turned into spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expansion {
    /// To the next multiple of `width` columns, as a terminal shows them
    /// (CJK two columns).
    Stops {
        /// Columns between tab stops.
        width: usize,
    },
    /// Each tab became this many spaces, wherever it stood.
    Fixed(usize),
}

impl Expansion {
    /// How the README and the note describe it.
    pub fn describe(&self) -> String {
        match self {
            Expansion::Stops { width } => {
                format!("制表符已展开到每 {width} 列一个制表位")
            }
            Expansion::Fixed(n) => format!("每个制表符已替换为 {n} 个空格"),
        }
    }
}

/// How unlikely all the runs must be to fit an expansion by chance before
/// it is believed, in bits: 2^-36, about one in 70 billion, so that among
/// the 300,000 reports of a year not one is misread.
const MIN_EVIDENCE_BITS: usize = 36;

impl Expansion {
    /// How much one run of two or more spaces that fits says, in bits: a
    /// run that is no tab ends at a stop of 8 one time in 8 (3 bits), at a
    /// stop of 4 or is a multiple of 4 one time in 4, of 2 one time in 2.
    fn bits_per_run(self) -> usize {
        match self {
            Expansion::Stops { width: 8 } => 3,
            Expansion::Stops { .. } | Expansion::Fixed(4) => 2,
            Expansion::Fixed(_) => 1,
        }
    }
}

/// The candidates, most telling first: a wider stop fits fewer texts by
/// chance than a narrower one (every multiple of 8 is one of 4), and stops
/// fit fewer than fixed widths.
const CANDIDATES: [Expansion; 4] = [
    Expansion::Stops { width: 8 },
    Expansion::Stops { width: 4 },
    Expansion::Fixed(4),
    Expansion::Fixed(2),
];

/// A run of spaces in a line: where it starts (in bytes and in display
/// columns), how many spaces it has, and what stands just before it.
#[derive(Debug, Clone, Copy)]
struct Run {
    byte: usize,
    len: usize,
    col: usize,
    /// The character before it (none at the line's start).
    after: Option<char>,
}

/// The runs of spaces of a line, trailing spaces aside (a terminal's copy
/// drops them, so they say nothing).
fn runs(line: &str) -> Vec<Run> {
    let body = line.trim_end_matches(' ');
    let mut out: Vec<Run> = Vec::new();
    let mut col = 0;
    let mut prev = None;
    for (i, c) in body.char_indices() {
        if c == ' ' {
            match out.last_mut() {
                Some(r) if r.byte + r.len == i => r.len += 1,
                _ => out.push(Run {
                    byte: i,
                    len: 1,
                    col,
                    after: prev,
                }),
            }
        }
        col += display_width(c);
        prev = Some(c);
    }
    out
}

/// How many tabs `run` was under `e`, or `None` when it cannot have been
/// tabs; 0 when it is a space of the text. `cell_start` is the display
/// column where the cell before the run began.
fn tabs_in(run: &Run, e: Expansion, cell_start: usize) -> Option<usize> {
    match e {
        Expansion::Stops { width } => {
            let end = run.col + run.len;
            if !end.is_multiple_of(width) {
                return (run.len == 1).then_some(0);
            }
            if run.len == 1 && !single_space_is_tab(run, cell_start) {
                return Some(0);
            }
            // The first tab reaches the first stop after the run's start,
            // each further one a whole stop.
            let first = (run.col / width + 1) * width;
            Some((end - first) / width + 1)
        }
        Expansion::Fixed(n) => {
            if run.len.is_multiple_of(n) {
                Some(run.len / n)
            } else {
                (run.len == 1).then_some(0)
            }
        }
    }
}

/// A single space ending at a stop: a tab when the cell's text before it
/// has an odd width (even-width text, all CJK, cannot end one column
/// before a stop), and it does not follow a mark of a sentence.
fn single_space_is_tab(run: &Run, cell_start: usize) -> bool {
    let odd = (run.col - cell_start) % 2 == 1;
    let sentence = run
        .after
        .is_some_and(|c| matches!(c, ',' | '，' | '、' | ';' | '；' | ':' | '：' | '.' | '。'));
    odd && !sentence
}

/// Each run's tab count under `e` (`None` for a run that cannot be tabs),
/// walking the line so each run knows where its cell began.
fn tab_counts(runs: &[Run], e: Expansion) -> Vec<Option<usize>> {
    let mut cell_start = 0;
    runs.iter()
        .map(|r| {
            let n = tabs_in(r, e, cell_start);
            if n.is_some_and(|n| n > 0) {
                cell_start = r.col + r.len;
            }
            n
        })
        .collect()
}

/// Whether every run of the lines fits `e`, with enough runs to tell.
fn fits(lines: &[Vec<Run>], e: Expansion) -> bool {
    let mut evidence = 0;
    for runs in lines {
        if tab_counts(runs, e).iter().any(Option::is_none) {
            return false;
        }
        evidence += runs.iter().filter(|r| r.len >= 2).count();
    }
    evidence * e.bits_per_run() >= MIN_EVIDENCE_BITS
}

/// A line with its tab runs turned back into tabs (trailing spaces dropped).
fn restored(line: &str, runs: &[Run], e: Expansion) -> String {
    let body = line.trim_end_matches(' ');
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (r, tabs) in runs.iter().zip(tab_counts(runs, e)) {
        let tabs = tabs.unwrap_or(0);
        if tabs == 0 {
            continue;
        }
        out.push_str(&body[at..r.byte]);
        out.extend(std::iter::repeat_n('\t', tabs));
        at = r.byte + r.len;
    }
    out.push_str(&body[at..]);
    out
}

/// Whether a line may be a table row whose tabs were expanded: no tab of
/// its own, and a run of two or more spaces between or before its cells.
fn candidate(line: &str) -> bool {
    !line.contains('\t') && line.trim_end_matches(' ').contains("  ") && !line.trim().is_empty()
}

/// What was restored: the expansion and the first line (0-based) changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// How the tabs had been expanded.
    pub expansion: Expansion,
    /// The first line given its tabs back, 0-based.
    pub first: usize,
    /// How many lines were.
    pub lines: usize,
}

/// Give the lines of `ranges` their tabs back when all their space runs are
/// one expansion of tabs; `None` (and nothing changed) otherwise. Lines
/// that already have tabs are left as they are and do not count.
pub fn restore(lines: &mut [String], ranges: &[Range<usize>]) -> Option<Restored> {
    let picked: Vec<usize> = ranges
        .iter()
        .flat_map(|r| r.clone())
        .filter(|&i| lines.get(i).is_some_and(|l| candidate(l)))
        .collect();
    let all: Vec<Vec<Run>> = picked.iter().map(|&i| runs(&lines[i])).collect();
    let expansion = CANDIDATES.into_iter().find(|&e| fits(&all, e))?;
    for (&i, r) in picked.iter().zip(&all) {
        lines[i] = restored(&lines[i], r, expansion);
    }
    Some(Restored {
        expansion,
        first: *picked.first()?,
        lines: picked.len(),
    })
}

#[cfg(test)]
// One range of lines is what most tests give `restore`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// Expand tabs as a terminal shows them: stops every `w` display columns.
    fn expand(line: &str, w: usize) -> String {
        let mut out = String::new();
        let mut col = 0;
        for c in line.chars() {
            if c == '\t' {
                let next = (col / w + 1) * w;
                out.extend(std::iter::repeat_n(' ', next - col));
                col = next;
            } else {
                out.push(c);
                col += display_width(c);
            }
        }
        out
    }

    fn table() -> Vec<String> {
        [
            "项目\t\t本年收入合计\t财政拨款收入\t上级补助收入",
            "功能分类科目编码\t科目名称\t\t\t",
            "栏次\t\t1\t2\t3",
            "合计\t\t4,766.06\t4,766.06\t",
            "205\t教育支出\t5.40\t5.40\t",
            "20503\t职业教育\t5.40\t5.40\t",
            "2050303\t技校教育\t5.40\t\t5.40",
            "208\t社会保障和就业支出\t4,680.43\t4,680.43\t",
            "\t其他 支出\t1.00\t\t1.00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn tab_stops_of_a_terminal_copy_are_restored_cell_for_cell() {
        let original = table();
        let mut lines: Vec<String> = original.iter().map(|l| expand(l, 8)).collect();
        let got = restore(&mut lines, &[0..9]).unwrap();
        assert_eq!(got.expansion, Expansion::Stops { width: 8 });
        let trimmed: Vec<String> = original
            .iter()
            .map(|l| l.trim_end_matches('\t').to_string())
            .collect();
        assert_eq!(lines, trimmed);
    }

    #[test]
    fn a_single_space_is_a_tab_only_after_odd_width_text_not_after_a_comma() {
        let mut original = table();
        // "4766.06" is 7 columns: its tab became one space. "AB理念," is 7
        // columns too, but its space is the sentence's.
        original.push("合计\t\t4766.06\t4766.06\t1.00".to_string());
        original.push("AB理念, 办求\t\t1.00".to_string());
        let mut lines: Vec<String> = original.iter().map(|l| expand(l, 8)).collect();
        assert!(lines[9].contains("4766.06 4766.06"));
        assert!(lines[10].starts_with("AB理念, 办求"));
        restore(&mut lines, &[0..11]).unwrap();
        assert_eq!(lines[9], "合计\t\t4766.06\t4766.06\t1.00");
        assert_eq!(lines[10], "AB理念, 办求\t\t1.00");
    }

    #[test]
    fn gnu_expand_counting_bytes_is_no_expansion_it_knows() {
        // GNU expand counts a CJK character's three UTF-8 bytes as columns.
        let mut lines: Vec<String> = table()
            .iter()
            .map(|l| {
                let mut out = String::new();
                let mut col = 0;
                for c in l.chars() {
                    if c == '\t' {
                        let next = (col / 8 + 1) * 8;
                        out.extend(std::iter::repeat_n(' ', next - col));
                        col = next;
                    } else {
                        out.push(c);
                        col += c.len_utf8();
                    }
                }
                out
            })
            .collect();
        assert_eq!(restore(&mut lines, &[0..9]), None);
    }

    #[test]
    fn a_fixed_number_of_spaces_per_tab_is_restored() {
        // Twice the table: a run of two spaces tells one bit, so it takes
        // more of them than stops of 8 do.
        let original = [table(), table()].concat();
        let mut lines: Vec<String> = original.iter().map(|l| l.replace('\t', "  ")).collect();
        assert_eq!(
            restore(&mut lines.clone(), &[0..9]),
            None,
            "one table is too few"
        );
        let got = restore(&mut lines, &[0..18]).unwrap();
        assert_eq!(got.expansion, Expansion::Fixed(2));
        // The space inside "其他 支出" stays a space.
        assert_eq!(lines[8], "\t其他 支出\t1.00\t\t1.00");
        assert_eq!(lines[3], "合计\t\t4,766.06\t4,766.06");
    }

    #[test]
    fn spacing_that_is_no_expansion_is_left_alone() {
        // Columns placed as pdftotext -layout places them: by page position.
        let layout = [
            "201             一般公共服务支出         2,112.86     2,106.66   6.20",
            "201   06        财政事务             2,112.86   2,106.66     6.20",
            "201   06   01   行政运行           1,511.90     1,511.89      0.01",
            "201   06   02   一般行政管理事务          16.19        10.00   6.19",
            "210   11   01   行政单位医疗    60.99    60.99",
        ];
        let mut lines: Vec<String> = layout.iter().map(|s| s.to_string()).collect();
        assert_eq!(restore(&mut lines, &[0..5]), None);
        assert_eq!(lines[0], layout[0]);
    }

    #[test]
    fn too_few_runs_prove_nothing() {
        let mut lines = vec!["合计        4,766.06".to_string()];
        assert_eq!(restore(&mut lines, &[0..1]), None);
    }

    #[test]
    fn lines_with_tabs_and_narrative_outside_the_ranges_are_untouched() {
        let mut lines: Vec<String> = table().iter().map(|l| expand(l, 8)).collect();
        lines.insert(0, "本单位  2024 年  收入".to_string());
        lines.push("已有\t制表符  的行".to_string());
        let n = lines.len();
        restore(&mut lines, &[1..n]).unwrap();
        assert_eq!(lines[0], "本单位  2024 年  收入");
        assert_eq!(lines[n - 1], "已有\t制表符  的行");
    }
}
