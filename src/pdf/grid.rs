//! Ruling lines → table grids. The borders a table is drawn with give its
//! rows and columns exactly: every glyph is put in the cell whose borders
//! enclose it, so a value printed at the top of a tall cell stays in the
//! row of the label centred in it, and a label wrapped over two lines stays
//! one cell. Written by hand: no crate recovers tables from PDF drawing
//! operations (the PDF crates stop at paths and glyphs).
//!
//! A grid is cut into elementary cells by every distinct border position;
//! elementary cells not separated by a drawn border are merged into one
//! region (a spanning header, a cell split across rows).

use super::lines::{join_cell, lines};
use super::page::{Glyph, Rule};

/// Positions closer than this are one border (double lines, rounding).
const SNAP: f32 = 1.5;
/// Pages with more rules than this are not analysed for tables (a drawing,
/// not a table; the pairwise grouping below is quadratic).
pub const MAX_RULES: usize = 3000;
/// Grids with more elementary cells than this are not tables (a hatching).
const MAX_CELLS: usize = 100_000;

/// A merged cell: a rectangle of elementary cells and the text inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// First elementary row.
    pub r0: usize,
    /// Last elementary row (inclusive).
    pub r1: usize,
    /// First elementary column.
    pub c0: usize,
    /// Last elementary column (inclusive).
    pub c1: usize,
    /// The text, lines joined (see [`join_cell`]).
    pub text: String,
}

/// One table: its border positions and its regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column borders, left to right.
    pub xs: Vec<f32>,
    /// Row borders, top to bottom.
    pub ys: Vec<f32>,
    /// The merged cells.
    pub regions: Vec<Region>,
    /// For each elementary cell (row-major), the index of its region.
    pub cell_region: Vec<usize>,
    /// Whether the borders were drawn (false: rebuilt from word positions).
    pub drawn: bool,
}

impl Grid {
    /// Number of elementary rows.
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// Number of elementary columns.
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// Whether a point lies inside the grid's outer border.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&l), Some(&r), Some(&t), Some(&b)) => x >= l && x <= r && y >= t && y <= b,
            _ => false,
        }
    }

    /// The elementary cell containing a point inside the grid.
    fn cell_at(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        if !self.contains(x, y) {
            return None;
        }
        let c = self.xs.partition_point(|&b| b <= x).saturating_sub(1);
        let r = self.ys.partition_point(|&b| b <= y).saturating_sub(1);
        Some((
            r.min(self.rows().saturating_sub(1)),
            c.min(self.cols().saturating_sub(1)),
        ))
    }

    /// The region of elementary cell (`r`, `c`).
    #[cfg(test)]
    pub fn region_at(&self, r: usize, c: usize) -> Option<&Region> {
        self.cell_region
            .get(r * self.cols() + c)
            .and_then(|&i| self.regions.get(i))
    }

    /// Fill the regions' text from the glyphs inside them.
    fn fill(&mut self, glyphs: &[&Glyph]) {
        let mut per_region: Vec<Vec<&Glyph>> = vec![Vec::new(); self.regions.len()];
        for g in glyphs {
            let (x, y) = g.anchor();
            if let Some((r, c)) = self.cell_at(x, y) {
                if let Some(&i) = self.cell_region.get(r * self.cols() + c) {
                    per_region[i].push(g);
                }
            }
        }
        for (region, gs) in self.regions.iter_mut().zip(per_region) {
            region.text = join_cell(&lines(&gs));
        }
    }
}

/// Find the tables drawn on a page and put the glyphs inside them into their
/// cells. Returns the grids, top to bottom.
pub fn grids(rules: &[Rule], glyphs: &[&Glyph]) -> Vec<Grid> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let mut out: Vec<Grid> = components(rules)
        .into_iter()
        .filter_map(|group| grid_of(&group))
        .collect();
    out.sort_by(|a, b| {
        let ta = a.ys.first().copied().unwrap_or(0.0);
        let tb = b.ys.first().copied().unwrap_or(0.0);
        ta.total_cmp(&tb)
    });
    for g in &mut out {
        let inside: Vec<&Glyph> = glyphs
            .iter()
            .copied()
            .filter(|gl| {
                let (x, y) = gl.anchor();
                g.contains(x, y)
            })
            .collect();
        g.fill(&inside);
    }
    out
}

fn touches(a: &Rule, b: &Rule) -> bool {
    let t = 2.0;
    a.x0 <= b.x1 + t && b.x0 <= a.x1 + t && a.y0 <= b.y1 + t && b.y0 <= a.y1 + t
}

/// Rules that touch (directly or through others) form one table.
fn components(rules: &[Rule]) -> Vec<Vec<Rule>> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if touches(&rules[i], &rules[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*r);
    }
    groups.into_values().collect()
}

/// Sorted distinct positions, nearby ones snapped together.
fn snap(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&last) if x - last <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

fn grid_of(group: &[Rule]) -> Option<Grid> {
    let (h, v): (Vec<&Rule>, Vec<&Rule>) = group.iter().partition(|r| r.is_horizontal());
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    let xs = snap(v.iter().map(|r| r.x0).collect());
    let ys = snap(h.iter().map(|r| r.y0).collect());
    let (rows, cols) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
    // A single framed box is a frame around text, not a table.
    if rows * cols < 2 || rows * cols > MAX_CELLS {
        return None;
    }
    let vertical_at = |x: f32, y: f32| {
        v.iter()
            .any(|r| (r.x0 - x).abs() <= SNAP && r.y0 - SNAP <= y && y <= r.y1 + SNAP)
    };
    let horizontal_at = |x: f32, y: f32| {
        h.iter()
            .any(|r| (r.y0 - y).abs() <= SNAP && r.x0 - SNAP <= x && x <= r.x1 + SNAP)
    };
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let join = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    };
    for r in 0..rows {
        let ym = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..cols {
            let xm = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < cols && !vertical_at(xs[c + 1], ym) {
                join(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !horizontal_at(xm, ys[r + 1]) {
                join(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut index_of_root: std::collections::HashMap<usize, usize> = Default::default();
    let mut regions: Vec<Region> = Vec::new();
    let mut cell_region = vec![0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let i = *index_of_root.entry(root).or_insert_with(|| {
                regions.push(Region {
                    r0: r,
                    r1: r,
                    c0: c,
                    c1: c,
                    text: String::new(),
                });
                regions.len() - 1
            });
            let reg = &mut regions[i];
            reg.r1 = reg.r1.max(r);
            reg.c0 = reg.c0.min(c);
            reg.c1 = reg.c1.max(c);
            cell_region[r * cols + c] = i;
        }
    }
    Some(Grid {
        xs,
        ys,
        regions,
        cell_region,
        drawn: true,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn h(x0: f32, x1: f32, y: f32) -> Rule {
        Rule::between((x0, y), (x1, y)).unwrap()
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule::between((x, y0), (x, y1)).unwrap()
    }
    fn glyph(t: &str, x: f32, baseline: f32) -> Glyph {
        Glyph {
            text: t.into(),
            x,
            baseline,
            size: 10.0,
            advance: 10.0,
        }
    }

    /// A 2×3 table whose header cell spans the two value columns, and whose
    /// value sits at the top of a tall cell, above its label's baseline.
    #[test]
    fn spans_and_top_aligned_values_land_in_their_cells() {
        let rules = vec![
            h(0.0, 300.0, 0.0),
            h(100.0, 300.0, 20.0), // no border under the label header
            h(0.0, 300.0, 40.0),
            h(0.0, 300.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
            v(200.0, 20.0, 100.0), // the value header spans both columns
            v(300.0, 0.0, 100.0),
        ];
        let gs = [
            glyph("项", 10.0, 25.0),
            glyph("金", 150.0, 15.0),
            glyph("甲", 110.0, 35.0),
            glyph("乙", 210.0, 35.0),
            glyph("合", 10.0, 75.0), // label centred in the tall row
            glyph("5", 110.0, 52.0), // value at the top of the same row
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let grids = grids(&rules, &refs);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        let label_header = g.region_at(0, 0).unwrap();
        assert_eq!((label_header.r1, label_header.text.as_str()), (1, "项"));
        let value_header = g.region_at(0, 1).unwrap();
        assert_eq!((value_header.c1, value_header.text.as_str()), (2, "金"));
        assert_eq!(g.region_at(2, 0).unwrap().text, "合");
        assert_eq!(g.region_at(2, 1).unwrap().text, "5");
        assert_eq!(g.region_at(2, 2).unwrap().text, "");
    }
}
