//! Glyphs → text lines: glyphs whose baselines agree form a line, read left
//! to right. Spaces come from gaps between glyphs (and from space glyphs),
//! never between two CJK characters: justified Chinese text spreads its
//! characters apart ("因 公 出 国") without meaning a word break.

use super::page::Glyph;
use unicode_width::UnicodeWidthChar;

/// One visual line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text, with spaces only where a gap separates non-CJK words.
    pub text: String,
    /// Left edge of the first glyph.
    pub x: f32,
    /// Right edge of the last glyph (by its declared advance).
    pub right: f32,
    /// The shared baseline.
    pub baseline: f32,
    /// The most common glyph size on the line (a few larger characters do
    /// not make it a heading).
    pub size: f32,
    /// How many visible glyphs it has.
    pub glyphs: usize,
}

impl TextLine {
    /// The top edge (approximate: see [`Glyph::top`]).
    pub fn top(&self) -> f32 {
        self.baseline - 0.8 * self.size
    }
}

/// Whether a character is wide (CJK ideographs, kana, full-width forms and
/// punctuation): no space is needed around it.
pub fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Group glyphs into lines, top to bottom.
pub fn lines(glyphs: &[&Glyph]) -> Vec<TextLine> {
    bands(glyphs).into_iter().filter_map(line_of).collect()
}

/// Glyphs sharing a baseline, bands top to bottom, each left to right.
pub fn bands<'a>(glyphs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut bands: Vec<Vec<&Glyph>> = Vec::new();
    let mut band_base = f32::NAN;
    for g in sorted {
        let tolerance = 0.35 * g.size.max(1.0);
        match bands.last_mut() {
            Some(band) if (g.baseline - band_base).abs() <= tolerance => band.push(g),
            _ => {
                band_base = g.baseline;
                bands.push(vec![g]);
            }
        }
    }
    for band in &mut bands {
        band.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    bands
}

fn line_of(band: Vec<&Glyph>) -> Option<TextLine> {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut visible = 0;
    let (mut left, mut right) = (f32::MAX, f32::MIN);
    let mut sizes: Vec<f32> = Vec::new();
    let mut base_sum = 0.0f32;
    for g in band {
        if g.text.trim().is_empty() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        // Fake bold: the same glyph drawn twice, a hair apart.
        if prev.is_some_and(|p| p.text == g.text && (g.x - p.x).abs() < 0.3 * g.size) {
            continue;
        }
        if let Some(p) = prev {
            let gap = g.x - p.right();
            let cjk_pair = p.text.chars().last().is_some_and(is_wide)
                && g.text.chars().next().is_some_and(is_wide);
            if gap > 0.3 * g.size.max(p.size) && !cjk_pair && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        visible += 1;
        left = left.min(g.x);
        right = right.max(g.right());
        sizes.push(g.size);
        base_sum += g.baseline;
        prev = Some(g);
    }
    let text = text.trim().to_string();
    if visible == 0 {
        return None;
    }
    sizes.sort_by(|a, b| a.total_cmp(b));
    let size = sizes[sizes.len() / 2];
    Some(TextLine {
        text,
        x: left,
        right,
        baseline: base_sum / visible as f32,
        size,
        glyphs: visible,
    })
}

/// Join the lines of one table cell into its text: no separator inside CJK
/// text (a wrapped label), a space between wrapped Latin words or numbers.
pub fn join_cell(lines: &[TextLine]) -> String {
    let mut out = String::new();
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        let glue = match (out.chars().last(), t.chars().next()) {
            (Some(a), Some(b)) => !is_wide(a) && !is_wide(b),
            _ => false,
        };
        if glue {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn g(text: &str, x: f32, baseline: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            baseline,
            size: 12.0,
            advance: if text.chars().next().is_some_and(is_wide) {
                12.0
            } else {
                6.0
            },
        }
    }

    #[test]
    fn baselines_group_and_gaps_space_only_latin() {
        let gs = [
            g("合", 10.0, 100.0),
            g("计", 40.0, 100.2), // justified: a wide gap, no space
            g("1", 100.0, 99.8),
            g("0", 106.0, 99.8),
            g("2", 130.0, 100.0), // a gap between numbers: a space
            g("下", 10.0, 120.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text, "合计 10 2");
        assert_eq!(ls[1].text, "下");
        assert_eq!(join_cell(&ls), "合计 10 2下");
    }
}
