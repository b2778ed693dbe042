//! What the extractor hands the layout analysis: per page, the glyphs with
//! their baseline positions and the ruling lines (cell borders) as drawn.
//! Coordinates are PDF points from the page's top-left corner.

/// One glyph as drawn: a character (or the few characters a ligature maps to).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The decoded text.
    pub text: String,
    /// Left edge of the glyph origin.
    pub x: f32,
    /// Baseline, from the page top.
    pub baseline: f32,
    /// Font size after the text and graphics transforms.
    pub size: f32,
    /// Advance width as the font declares it (often wider than the ink).
    pub advance: f32,
}

impl Glyph {
    /// A point inside the glyph's ink, used to decide which cell it is in:
    /// the baseline itself lies on the cell's lower border for tight cells.
    pub fn anchor(&self) -> (f32, f32) {
        let w = self.advance.min(self.size).max(0.0);
        (self.x + 0.4 * w, self.baseline - 0.3 * self.size)
    }

    /// Right edge by the declared advance.
    pub fn right(&self) -> f32 {
        self.x + self.advance.max(0.0)
    }
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), with
/// `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left end.
    pub x0: f32,
    /// Top end.
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end.
    pub y1: f32,
}

impl Rule {
    /// The axis-aligned line between two points, or none for a slanted or
    /// tiny one (ticks, curves flattened into short pieces).
    pub fn between(a: (f32, f32), b: (f32, f32)) -> Option<Rule> {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dx.max(dy) < 2.0 {
            return None;
        }
        if dy <= 0.8 {
            let y = (a.1 + b.1) / 2.0;
            Some(Rule {
                x0: a.0.min(b.0),
                y0: y,
                x1: a.0.max(b.0),
                y1: y,
            })
        } else if dx <= 0.8 {
            let x = (a.0 + b.0) / 2.0;
            Some(Rule {
                x0: x,
                y0: a.1.min(b.1),
                x1: x,
                y1: a.1.max(b.1),
            })
        } else {
            None
        }
    }

    /// Whether the rule runs left to right.
    pub fn is_horizontal(&self) -> bool {
        self.y0 == self.y1
    }
}

/// One page's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines in drawing order.
    pub rules: Vec<Rule>,
    /// The page's /Rotate (0, 90, 180, 270): a viewer turns the page by this
    /// much.
    pub rotation: i64,
    /// Whether the glyphs and rules were turned into the displayed frame
    /// (see `turn`); a rotated page not turned was read as drawn.
    pub turned: bool,
    /// Visible glyphs that do not read upright in the frame the page was
    /// read in (on a rotated page: ones the layout may misplace).
    pub askew: usize,
    /// Why the decoder could not read this page (its content is then empty).
    pub error: Option<String>,
    /// Glyphs drawn on the page whose text could not be decoded, by reason
    /// (their positions are kept, their text is empty).
    pub undecodable: Vec<(String, usize)>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn only_axis_aligned_rules_are_kept() {
        let h = Rule::between((10.0, 5.0), (2.0, 5.3)).unwrap();
        assert!(h.is_horizontal());
        assert_eq!((h.x0, h.x1), (2.0, 10.0));
        let v = Rule::between((4.0, 9.0), (4.2, 1.0)).unwrap();
        assert!(!v.is_horizontal());
        assert_eq!((v.y0, v.y1), (1.0, 9.0));
        assert!(Rule::between((0.0, 0.0), (5.0, 5.0)).is_none());
        assert!(Rule::between((0.0, 0.0), (1.0, 0.0)).is_none());
    }
}
