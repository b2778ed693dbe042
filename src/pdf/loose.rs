//! Tables printed without ruling lines: the grid is rebuilt from the word
//! positions alone, and handed on as if it had been drawn, so the header
//! analysis and the row synthesis are the same for both kinds of table.
//!
//! - Rows: glyph baselines clustered into lines; a line of values only (or
//!   codes only) printed above its label's line joins the row below when its
//!   cells are empty there; a label wrapped onto a line of its own joins the
//!   row it belongs to (the row below when that row's label cell is empty,
//!   else the row above).
//! - Columns: the header's lowest words (the ones no other header word
//!   stands under) anchor the columns; each border is put where the body's
//!   words leave the widest gap between two anchors, so a 合计 centred over
//!   two columns does not merge them.
//!
//! Written by hand: no crate does table recovery from positioned text.

use super::columns::is_header_word;
use super::grid::{Grid, Region};
use super::lines::{bands, is_wide};
use super::page::Glyph;
use crate::text::{amount, squash};

/// Header words naming one part of a split code.
const CODE_PARTS: [&str; 3] = ["类", "款", "项"];

/// Glyphs further apart than this many glyph sizes are in different cells.
const WORD_GAP: f32 = 0.6;

/// A run of glyphs without a wide gap: one cell's text on one line.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    x0: f32,
    x1: f32,
}

impl Word {
    fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    fn is_number(&self) -> bool {
        amount(&self.text).is_some()
    }
}

/// A visual line split into words.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    words: Vec<Word>,
    baseline: f32,
    size: f32,
}

impl Line {
    fn top(&self) -> f32 {
        self.baseline - 0.8 * self.size
    }

    fn numbers_only(&self) -> bool {
        self.words.iter().all(Word::is_number)
    }

    fn text_only(&self) -> bool {
        self.words.iter().all(|w| !w.is_number())
    }
}

fn split_words(band: &[&Glyph]) -> Option<Line> {
    let mut words: Vec<Word> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut sizes = Vec::new();
    let mut base = 0.0;
    for g in band {
        if g.text.trim().is_empty() {
            continue;
        }
        let gap = prev.map(|p| g.x - p.right()).unwrap_or(f32::MAX);
        match words.last_mut() {
            Some(w) if gap <= WORD_GAP * g.size.max(1.0) => {
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.right());
            }
            _ => words.push(Word {
                text: g.text.clone(),
                x0: g.x,
                x1: g.right(),
            }),
        }
        sizes.push(g.size);
        base += g.baseline;
        prev = Some(g);
    }
    if words.is_empty() {
        return None;
    }
    sizes.sort_by(|a, b| a.total_cmp(b));
    Some(Line {
        baseline: base / sizes.len() as f32,
        size: sizes[sizes.len() / 2],
        words,
    })
}

/// `^(\d{3}|\d{5}|\d{7})$`: a function or economic code.
fn is_code(w: &str) -> bool {
    w.chars().all(crate::text::is_decimal_digit) && matches!(w.chars().count(), 3 | 5 | 7)
}

/// Whether a line starts the body: it has an amount with decimals, starts
/// with a function/economic code, or with a numbered item (一、…).
fn starts_body(line: &Line) -> bool {
    let first = line.words.first().map(|w| w.text.as_str()).unwrap_or("");
    line.words
        .iter()
        .any(|w| w.is_number() && w.text.contains('.'))
        || is_code(first)
        || crate::text::starts_with_cn_item(first, &['、'])
}

/// Column borders: left edge, one border between each pair of anchors,
/// right edge.
fn borders(anchors: &[(f32, f32)], body: &[&Line], left: f32, right: f32) -> Vec<f32> {
    let coverage = |x: f32| {
        body.iter()
            .filter(|l| l.words.iter().any(|w| w.x0 <= x && x <= w.x1))
            .count()
    };
    let mut xs = vec![left];
    for pair in anchors.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (from, to) = if a.1 < b.0 {
            (a.1, b.0)
        } else {
            let m = ((a.0 + a.1) / 2.0 + (b.0 + b.1) / 2.0) / 2.0;
            (m, m)
        };
        // The middle of the widest run of least coverage between the anchors.
        let steps = ((to - from) / 0.5).ceil().max(1.0) as usize;
        let samples: Vec<(f32, usize)> = (0..=steps)
            .map(|i| from + (to - from) * i as f32 / steps as f32)
            .map(|x| (x, coverage(x)))
            .collect();
        let least = samples.iter().map(|s| s.1).min().unwrap_or(0);
        let mut best: Option<(f32, f32)> = None;
        let mut run_start: Option<f32> = None;
        for &(x, c) in &samples {
            if c != least {
                run_start = None;
                continue;
            }
            let start = *run_start.get_or_insert(x);
            if best.is_none_or(|(b0, b1)| x - start > b1 - b0) {
                best = Some((start, x));
            }
        }
        let (b0, b1) = best.unwrap_or((from, to));
        xs.push((b0 + b1) / 2.0);
    }
    xs.push(right);
    xs
}

/// The column of an x position.
fn column_of(xs: &[f32], x: f32) -> usize {
    xs.partition_point(|&b| b <= x)
        .saturating_sub(1)
        .min(xs.len().saturating_sub(2))
}

/// A body row being built: the text per column and the lines' extent.
#[derive(Debug, Clone)]
struct RowBuild {
    cells: Vec<String>,
    top: f32,
    last_baseline: f32,
    size: f32,
}

fn place(cells: &mut [String], xs: &[f32], line: &Line) {
    for w in &line.words {
        let cell = &mut cells[column_of(xs, w.centre())];
        let glue = match (cell.chars().last(), w.text.chars().next()) {
            (Some(a), Some(b)) => !is_wide(a) && !is_wide(b),
            _ => false,
        };
        if glue {
            cell.push(' ');
        }
        cell.push_str(&w.text);
    }
}

fn columns_used(xs: &[f32], line: &Line) -> Vec<usize> {
    line.words
        .iter()
        .map(|w| column_of(xs, w.centre()))
        .collect()
}

/// A label starting with its own number (一、 （二） 3、) starts a row.
fn numbered(line: &Line) -> bool {
    line.words.first().is_some_and(|w| {
        crate::digit_regex!(
            r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+、)"
        )
        .is_match(&w.text)
    })
}

/// Merge the body lines into rows.
fn rows(xs: &[f32], body: &[&Line]) -> Vec<RowBuild> {
    let ncols = xs.len().saturating_sub(1);
    let mut out: Vec<RowBuild> = Vec::new();
    let mut held: Vec<&Line> = Vec::new();
    for (k, line) in body.iter().enumerate() {
        let next = body.get(k + 1);
        let size = line.size.max(1.0);
        let used = columns_used(xs, line);
        let held_cols: Vec<usize> = held.iter().flat_map(|h| columns_used(xs, h)).collect();
        let free_in = |cols: &[usize], other: &Line| {
            let taken = columns_used(xs, other);
            cols.iter().all(|c| !taken.contains(c))
        };
        // A line printed a little higher or lower than the rest of its row
        // (cells aligned to the top or centred differently).
        if held.is_empty() {
            if let Some(prev) = out.last_mut() {
                let close = line.baseline - prev.last_baseline <= 0.9 * size;
                if close && used.iter().all(|&c| prev.cells[c].is_empty()) {
                    place(&mut prev.cells, xs, line);
                    prev.last_baseline = line.baseline;
                    continue;
                }
            }
        }
        // Values (or codes) printed above their label's line: held for the
        // line below, when its cells there are empty.
        if line.numbers_only()
            && next.is_some_and(|n| {
                n.baseline - line.baseline <= 2.2 * size
                    && free_in(&used, n)
                    && free_in(&held_cols, n)
            })
        {
            held.push(line);
            continue;
        }
        let one_column = used.windows(2).all(|w| w[0] == w[1]);
        if line.text_only() && one_column && held.is_empty() {
            let c = used.first().copied().unwrap_or(0);
            // The first line of a label whose row (codes, values) is printed
            // lower, centred in the cell; or the rest of a wrapped label.
            // Whichever line is nearer decides.
            // (A line of amounts alone is itself printed above its label:
            // no row to prefix.)
            let amounts_only = |n: &Line| {
                n.words
                    .iter()
                    .all(|w| w.is_number() && w.text.contains('.'))
            };
            let below = next
                .filter(|n| {
                    n.baseline - line.baseline <= 1.6 * size
                        && !n.text_only()
                        && !amounts_only(n)
                        && !columns_used(xs, n).contains(&c)
                })
                .map(|n| n.baseline - line.baseline);
            let above = out
                .last()
                .filter(|p| {
                    line.baseline - p.last_baseline <= 1.6 * size
                        && !numbered(line)
                        && !p.cells[c].is_empty()
                })
                .map(|p| line.baseline - p.last_baseline);
            match (above, below) {
                (Some(a), Some(b)) if b < a => {
                    held.push(line);
                    continue;
                }
                (None, Some(_)) => {
                    held.push(line);
                    continue;
                }
                (Some(_), _) => {
                    if let Some(prev) = out.last_mut() {
                        place(&mut prev.cells, xs, line);
                        prev.last_baseline = line.baseline;
                    }
                    continue;
                }
                (None, None) => {}
            }
        }
        let mut row = RowBuild {
            cells: vec![String::new(); ncols],
            top: line.top(),
            last_baseline: line.baseline,
            size,
        };
        for h in held.drain(..) {
            place(&mut row.cells, xs, h);
            row.top = row.top.min(h.top());
        }
        place(&mut row.cells, xs, line);
        out.push(row);
    }
    if let Some(first) = held.first() {
        let mut row = RowBuild {
            cells: vec![String::new(); ncols],
            top: first.top(),
            last_baseline: first.baseline,
            size: first.size,
        };
        for h in &held {
            place(&mut row.cells, xs, h);
            row.last_baseline = h.baseline;
        }
        out.push(row);
    }
    out
}

/// Rebuild a grid from the glyphs of a table printed without borders.
/// `columns` are the borders of the table this one continues (a table that
/// runs onto the next page repeats no header); none when it has its own.
pub fn grid(glyphs: &[&Glyph], columns: Option<&[f32]>) -> Option<Grid> {
    let lines: Vec<Line> = bands(glyphs)
        .iter()
        .filter_map(|b| split_words(b))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut lines = lines;
    let coded = lines
        .iter()
        .any(|l| l.words.iter().any(|w| w.text.contains("编码")));
    let first_body = lines.iter().position(starts_body).unwrap_or(lines.len());
    // A table continued from the previous page starts with its body, unless
    // its header is printed again above it.
    let repeats_header = lines[..first_body]
        .iter()
        .any(|l| l.words.iter().any(|w| is_header_word(&squash(&w.text))));
    let mut body_start = if columns.is_none() || repeats_header {
        first_body
    } else {
        0
    };
    // 类/款/项 printed on the first body line (in the 合计 row) are header.
    if let Some(first) = lines.get_mut(body_start).filter(|_| coded) {
        let (parts, rest): (Vec<Word>, Vec<Word>) = first
            .words
            .drain(..)
            .partition(|w| CODE_PARTS.contains(&w.text.as_str()));
        first.words = rest;
        if !parts.is_empty() {
            let line = Line {
                words: parts,
                baseline: first.baseline - 0.01,
                size: first.size,
            };
            lines.insert(body_start, line);
            body_start += 1;
        }
        if lines.get(body_start).is_some_and(|l| l.words.is_empty()) {
            lines.remove(body_start);
        }
    }
    let header: Vec<&Line> = lines[..body_start].iter().collect();
    let body: Vec<&Line> = lines[body_start..].iter().collect();
    let left = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.x0))
        .fold(f32::MAX, f32::min)
        - 1.0;
    let right = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.x1))
        .fold(f32::MIN, f32::max)
        + 1.0;
    let xs = match columns {
        Some(xs) if header.is_empty() => xs.to_vec(),
        _ => {
            let anchors = anchors(&header, &body);
            if anchors.len() < 2 {
                return None;
            }
            borders(&anchors, &body, left, right)
        }
    };
    let ncols = xs.len().checked_sub(1).filter(|&n| n >= 2)?;
    let body_rows = rows(&xs, &body);

    // Grid rows: one per header line, one per body row.
    let mut ys: Vec<f32> = header.iter().map(|l| l.top()).collect();
    ys.extend(body_rows.iter().map(|r| r.top));
    let bottom = body_rows
        .last()
        .map(|r| r.last_baseline + 0.4 * r.size)
        .or_else(|| header.last().map(|l| l.baseline + 0.4 * l.size))?;
    ys.push(bottom);
    for i in 1..ys.len() {
        if ys[i] <= ys[i - 1] {
            ys[i] = ys[i - 1] + 0.01;
        }
    }
    let nrows = ys.len() - 1;
    let mut regions: Vec<Region> = Vec::new();
    let mut cell_region = vec![usize::MAX; nrows * ncols];
    header_regions(&header, &xs, coded, &mut regions, &mut cell_region, ncols);
    for (k, row) in body_rows.iter().enumerate() {
        let r = header.len() + k;
        for (c, text) in row.cells.iter().enumerate() {
            regions.push(Region {
                r0: r,
                r1: r,
                c0: c,
                c1: c,
                text: text.clone(),
            });
            cell_region[r * ncols + c] = regions.len() - 1;
        }
    }
    for (i, slot) in cell_region.iter_mut().enumerate() {
        if *slot == usize::MAX {
            regions.push(Region {
                r0: i / ncols,
                r1: i / ncols,
                c0: i % ncols,
                c1: i % ncols,
                text: String::new(),
            });
            *slot = regions.len() - 1;
        }
    }
    Some(Grid {
        xs,
        ys,
        regions,
        cell_region,
        drawn: false,
    })
}

/// The x extents the columns are built around: the runs of body words (the
/// columns that hold something), and the header words over columns the body
/// leaves empty — the lowest word of a stacked name, and no group heading
/// (a word with lower header words close on both sides).
fn anchors(header: &[&Line], body: &[&Line]) -> Vec<(f32, f32)> {
    let mut runs: Vec<(f32, f32)> = body
        .iter()
        .flat_map(|l| l.words.iter().map(|w| (w.x0, w.x1)))
        .collect();
    runs = merge_overlapping(runs);
    // A 合计 centred over the code and name columns must not join them:
    // runs come from the words of rows that are not single centred labels.
    let typical: Vec<(f32, f32)> = merge_overlapping(
        body.iter()
            .filter(|l| l.words.len() >= 2)
            .flat_map(|l| l.words.iter().map(|w| (w.x0, w.x1)))
            .collect(),
    );
    if !typical.is_empty() {
        runs = typical;
    }
    let overlaps = |a: (f32, f32), b: (f32, f32)| a.0 < b.1 && b.0 < a.1;
    let mut spans = runs.clone();
    for (i, line) in header.iter().enumerate() {
        let lower: Vec<&Word> = header[i + 1..]
            .iter()
            .flat_map(|l| l.words.iter())
            .collect();
        for w in &line.words {
            let span = (w.x0, w.x1);
            let covered = runs.iter().any(|&r| overlaps(r, span))
                || lower.iter().any(|o| overlaps((o.x0, o.x1), span));
            if !covered {
                spans.push(span);
            }
        }
    }
    merge_overlapping(spans)
}

fn merge_overlapping(mut spans: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(m) if s.0 <= m.1 => m.1 = m.1.max(s.1),
            _ => merged.push(s),
        }
    }
    merged
}

/// Header words become regions in the column their centre stands over (a
/// name centred over several columns lands in one of them, which is enough
/// to name them: see `synth`); the 科目编码 over split 类/款/项 columns spans
/// them all, so the code parts join into one code. The lines of one wrapped
/// name (same column, nothing between) become one region.
fn header_regions(
    header: &[&Line],
    xs: &[f32],
    coded: bool,
    regions: &mut Vec<Region>,
    cell_region: &mut [usize],
    ncols: usize,
) {
    let code_parts: Vec<usize> = header
        .iter()
        .flat_map(|l| l.words.iter())
        .filter(|w| coded && CODE_PARTS.contains(&w.text.as_str()))
        .map(|w| column_of(xs, w.centre()))
        .collect();
    for (r, line) in header.iter().enumerate() {
        for w in &line.words {
            let c = column_of(xs, w.centre());
            let (c0, c1) = if w.text.contains("编码") && code_parts.contains(&c) {
                // The run of adjacent code-part columns around its centre.
                let mut a = c;
                while a > 0 && code_parts.contains(&(a - 1)) {
                    a -= 1;
                }
                let mut b = c;
                while code_parts.contains(&(b + 1)) {
                    b += 1;
                }
                (a, b)
            } else {
                (c, c)
            };
            let part = coded && CODE_PARTS.contains(&w.text.as_str());
            // The nearest region above in these columns: the same name when
            // it has exactly this span and nothing lies between.
            let above = (0..r).rev().find_map(|rr| {
                let ids: Vec<usize> = (c0..=c1).map(|c| cell_region[rr * ncols + c]).collect();
                if ids.iter().all(|&i| i == usize::MAX) {
                    None
                } else {
                    Some((rr, ids))
                }
            });
            if let Some((rr, ids)) = above.filter(|_| !part) {
                let id = ids[0];
                // Lines of one name follow at the line pitch; a name further
                // below is a sub-column (合计 over 预算数 | 决算数).
                let pitch = line.baseline - header[rr].baseline <= 1.6 * line.size.max(1.0);
                let same = pitch
                    && ids.iter().all(|&i| i == id)
                    && regions.get(id).is_some_and(|g| {
                        g.c0 == c0
                            && g.c1 == c1
                            && !(coded && CODE_PARTS.contains(&g.text.as_str()))
                    });
                if same {
                    for row in rr + 1..=r {
                        for c in c0..=c1 {
                            cell_region[row * ncols + c] = id;
                        }
                    }
                    let g = &mut regions[id];
                    g.r1 = r;
                    g.text.push_str(&w.text);
                    continue;
                }
            }
            regions.push(Region {
                r0: r,
                r1: r,
                c0,
                c1,
                text: w.text.clone(),
            });
            for c in c0..=c1 {
                cell_region[r * ncols + c] = regions.len() - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_their_regex() {
        let re = regex::Regex::new(r"^(\d{3}|\d{5}|\d{7})$").unwrap();
        let mut words: Vec<String> = vec![String::new()];
        for n in 1..=8 {
            for d in ["1", "４", "٣"] {
                words.push(d.repeat(n));
                words.push(format!("{}x", d.repeat(n)));
            }
        }
        for w in &words {
            assert_eq!(is_code(w), re.is_match(w), "{w:?}");
        }
    }
}
