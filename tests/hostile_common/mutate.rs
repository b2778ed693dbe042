//! Structured mutations of a report's text, shared by the property tests
//! (`tests/prop_parse.rs`) and the fuzz targets (`fuzz/`, which include this
//! file by path). Each [`Op`] imitates a way real files break: lines lost or
//! swapped by the PDF extraction, tables pasted twice, cells cut, numbers
//! typed with odd separators or full-width digits, negatives, stray tabs,
//! and lines far longer than any real one.
//!
//! Positions are plain integers taken modulo the current line count (or line
//! length), so any value is valid and shrinking stays meaningful.
#![allow(dead_code)]

/// One mutation of the report's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Remove a line.
    DropLine(usize),
    /// Swap two lines.
    SwapLines(usize, usize),
    /// Copy `len` lines starting at `from` and insert them before `to`
    /// (a table pasted twice, or into the wrong place).
    DuplicateBlock { from: usize, len: usize, to: usize },
    /// Keep only the first `keep` tab-separated cells of a line.
    CutCells { line: usize, keep: usize },
    /// Cut a line after `keep` characters (may split a number or a word).
    CutLine { line: usize, keep: usize },
    /// End the file after this line (a report cut off mid-table).
    Truncate(usize),
    /// Replace the thousands separator `,` in a line with another one.
    OddSeparator { line: usize, sep: char },
    /// Turn ASCII digits and number punctuation of a line full-width (０-９，．（）％).
    FullWidth(usize),
    /// Make the `nth` number of a line negative, in parentheses or with a minus.
    Negate {
        line: usize,
        nth: usize,
        parens: bool,
    },
    /// Insert a tab at a character position of a line.
    InsertTab { line: usize, at: usize },
    /// Replace a cell of a row with text (an amount cell that holds words).
    TextInCell { line: usize, cell: usize },
    /// Repeat a line's text until it is at least `chars` characters long.
    LongLine { line: usize, chars: usize },
    /// Insert a copy of a line `times` times right after it.
    RepeatLine { line: usize, times: usize },
}

/// Separators seen (or plausible) in hand-made or re-encoded files.
pub const SEPARATORS: &[char] = &['，', ' ', '\'', '_', '.', '\u{a0}', '\u{2009}', '、', '٬'];

/// Apply `ops` to the lines of `text`, in order; returns the new text with
/// `\n` line ends.
pub fn apply(text: &str, ops: &[Op]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for op in ops {
        apply_one(&mut lines, op);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn at(lines: &[String], i: usize) -> Option<usize> {
    (!lines.is_empty()).then(|| i % lines.len())
}

fn apply_one(lines: &mut Vec<String>, op: &Op) {
    match *op {
        Op::DropLine(i) => {
            if let Some(i) = at(lines, i) {
                lines.remove(i);
            }
        }
        Op::SwapLines(a, b) => {
            if let (Some(a), Some(b)) = (at(lines, a), at(lines, b)) {
                lines.swap(a, b);
            }
        }
        Op::DuplicateBlock { from, len, to } => {
            if let (Some(from), Some(to)) = (at(lines, from), at(lines, to)) {
                let end = (from + len.max(1)).min(lines.len());
                let block: Vec<String> = lines[from..end].to_vec();
                let tail = lines.split_off(to);
                lines.extend(block);
                lines.extend(tail);
            }
        }
        Op::CutCells { line, keep } => {
            if let Some(i) = at(lines, line) {
                let cut: Vec<&str> = lines[i].split('\t').take(keep).collect();
                lines[i] = cut.join("\t");
            }
        }
        Op::CutLine { line, keep } => {
            if let Some(i) = at(lines, line) {
                lines[i] = lines[i].chars().take(keep).collect();
            }
        }
        Op::Truncate(i) => {
            if let Some(i) = at(lines, i) {
                lines.truncate(i + 1);
            }
        }
        Op::OddSeparator { line, sep } => {
            if let Some(i) = at(lines, line) {
                lines[i] = lines[i].replace(',', &sep.to_string());
            }
        }
        Op::FullWidth(line) => {
            if let Some(i) = at(lines, line) {
                lines[i] = lines[i].chars().map(full_width).collect();
            }
        }
        Op::Negate { line, nth, parens } => {
            if let Some(i) = at(lines, line) {
                lines[i] = negate_nth_number(&lines[i], nth, parens);
            }
        }
        Op::InsertTab { line, at: pos } => {
            if let Some(i) = at(lines, line) {
                let n = lines[i].chars().count();
                let pos = if n == 0 { 0 } else { pos % (n + 1) };
                let byte = lines[i]
                    .char_indices()
                    .nth(pos)
                    .map(|(b, _)| b)
                    .unwrap_or(lines[i].len());
                lines[i].insert(byte, '\t');
            }
        }
        Op::TextInCell { line, cell } => {
            if let Some(i) = at(lines, line) {
                let mut cells: Vec<String> = lines[i].split('\t').map(str::to_string).collect();
                let k = cell % cells.len().max(1);
                if let Some(c) = cells.get_mut(k) {
                    *c = "见附表".to_string();
                }
                lines[i] = cells.join("\t");
            }
        }
        Op::LongLine { line, chars } => {
            if let Some(i) = at(lines, line) {
                let unit = if lines[i].is_empty() {
                    "x".to_string()
                } else {
                    lines[i].clone()
                };
                let per = unit.chars().count().max(1);
                lines[i] = unit.repeat(chars.div_ceil(per).max(1));
            }
        }
        Op::RepeatLine { line, times } => {
            if let Some(i) = at(lines, line) {
                let copy = lines[i].clone();
                for _ in 0..times {
                    lines.insert(i + 1, copy.clone());
                }
            }
        }
    }
}

/// The full-width form of ASCII digits and number punctuation.
pub fn full_width(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
        ',' => '，',
        '.' => '．',
        '(' => '（',
        ')' => '）',
        '%' => '％',
        '-' => '－',
        c => c,
    }
}

/// Wrap the `nth` (mod count) run of digits/separators in parentheses or
/// prefix it with a minus.
fn negate_nth_number(line: &str, nth: usize, parens: bool) -> String {
    let is_num = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (b, c) in line.char_indices() {
        match (start, is_num(c)) {
            (None, true) if c.is_ascii_digit() => start = Some(b),
            (Some(s), false) => {
                runs.push((s, b));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, line.len()));
    }
    if runs.is_empty() {
        return line.to_string();
    }
    let (s, e) = runs[nth % runs.len()];
    let (pre, post) = if parens { ("(", ")") } else { ("-", "") };
    format!("{}{pre}{}{post}{}", &line[..s], &line[s..e], &line[e..])
}

/// Decode a list of ops from raw bytes (for the fuzz targets): each op is a
/// selector byte and up to six bytes of parameters; missing bytes read as 0.
pub fn ops_from_bytes(data: &[u8]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut rest = data;
    while !rest.is_empty() && ops.len() < 64 {
        let take = rest.len().min(7);
        let (chunk, tail) = rest.split_at(take);
        rest = tail;
        let b = |i: usize| chunk.get(i).copied().unwrap_or(0) as usize;
        let u16_at = |i: usize| b(i) | (b(i + 1) << 8);
        let (p, q, r) = (u16_at(1), u16_at(3), u16_at(5));
        let op = match b(0) % 13 {
            0 => Op::DropLine(p),
            1 => Op::SwapLines(p, q),
            2 => Op::DuplicateBlock {
                from: p,
                len: q % 80,
                to: r,
            },
            3 => Op::CutCells {
                line: p,
                keep: q % 12,
            },
            4 => Op::CutLine {
                line: p,
                keep: q % 200,
            },
            5 => Op::Truncate(p),
            6 => Op::OddSeparator {
                line: p,
                sep: SEPARATORS[q % SEPARATORS.len()],
            },
            7 => Op::FullWidth(p),
            8 => Op::Negate {
                line: p,
                nth: q,
                parens: r % 2 == 0,
            },
            9 => Op::InsertTab { line: p, at: q },
            10 => Op::TextInCell { line: p, cell: q },
            // Sizes stay moderate here (the property tests and tests/hostile.rs
            // cover 2 MB lines): a fuzz input should run in milliseconds.
            11 => Op::LongLine {
                line: p,
                chars: q % 70_000,
            },
            _ => Op::RepeatLine {
                line: p,
                times: q % 16,
            },
        };
        ops.push(op);
    }
    ops
}
