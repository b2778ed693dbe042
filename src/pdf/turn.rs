//! A page displayed rotated (/Rotate 90, 180, 270) → its glyphs and rules
//! in the frame a viewer shows. A landscape table is often printed on a
//! portrait page turned by /Rotate, its text drawn turned the other way so
//! that it reads upright on screen: read unturned, its lines would run down
//! the page. The page is turned when more of its text reads upright on the
//! displayed page than on the unturned one; the glyphs that still do not
//! read upright are counted, for a note.

use super::page::{Page, Rule};

/// The direction a glyph's baseline runs in, in quarter turns clockwise
/// from left-to-right on the unturned page (top-down coordinates); none
/// for a slanted glyph.
pub fn quarter(dx: f64, dy_down: f64) -> Option<i64> {
    let deg = dy_down.atan2(dx).to_degrees();
    let q = (deg / 90.0).round();
    ((deg - 90.0 * q).abs() <= 1.0).then(|| (q as i64).rem_euclid(4))
}

/// Turn `page` (its /Rotate already set) into the displayed frame.
/// `quarters` holds each glyph's direction (see [`quarter`]), in order.
pub fn turn(page: &mut Page, quarters: &[Option<i64>]) {
    let turns = (page.rotation / 90).rem_euclid(4);
    if turns == 0 || page.rotation % 90 != 0 {
        return;
    }
    let visible = |i: usize| !page.glyphs[i].text.trim().is_empty();
    let reading = |q: i64| {
        (0..page.glyphs.len().min(quarters.len()))
            .filter(|&i| visible(i) && quarters[i] == Some(q))
            .count()
    };
    // Upright once turned: the baseline runs a quarter turn back per turn.
    let upright_turned = reading((4 - turns) % 4);
    let upright_unturned = reading(0);
    if upright_turned == 0 || upright_turned < upright_unturned {
        page.askew = (0..page.glyphs.len())
            .filter(|&i| visible(i) && quarters.get(i).copied().flatten() != Some(0))
            .count();
        return;
    }
    let askew = (0..page.glyphs.len())
        .filter(|&i| visible(i) && quarters.get(i).copied().flatten() != Some((4 - turns) % 4))
        .count();
    let (w, h) = (page.width, page.height);
    let at = |x: f32, y: f32| match turns {
        1 => (h - y, x),
        2 => (w - x, h - y),
        _ => (y, w - x),
    };
    for g in &mut page.glyphs {
        (g.x, g.baseline) = at(g.x, g.baseline);
    }
    page.rules = page
        .rules
        .iter()
        .filter_map(|r| Rule::between(at(r.x0, r.y0), at(r.x1, r.y1)))
        .collect();
    if turns % 2 == 1 {
        (page.width, page.height) = (h, w);
    }
    page.turned = true;
    page.askew = askew;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::pdf::page::Glyph;

    fn glyph(text: &str, x: f32, baseline: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            baseline,
            size: 10.0,
            advance: 10.0,
        }
    }

    #[test]
    fn directions_are_quarter_turns() {
        assert_eq!(quarter(1.0, 0.0), Some(0));
        assert_eq!(quarter(0.0, 1.0), Some(1));
        assert_eq!(quarter(-1.0, 0.0), Some(2));
        assert_eq!(quarter(0.0, -1.0), Some(3));
        assert_eq!(quarter(1.0, 1.0), None);
    }

    /// A portrait page shown turned clockwise, text running up the page:
    /// on the displayed (landscape) page it reads left to right, the first
    /// glyph drawn lowest standing leftmost.
    #[test]
    fn text_running_up_a_page_turned_clockwise_reads_left_to_right() {
        let mut page = Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            rotation: 90,
            glyphs: vec![glyph("合", 100.0, 800.0), glyph("计", 100.0, 790.0)],
            rules: vec![Rule::between((50.0, 10.0), (50.0, 830.0)).unwrap()],
            ..Page::default()
        };
        turn(&mut page, &[Some(3), Some(3)]);
        assert!(page.turned);
        assert_eq!((page.width, page.height), (842.0, 595.0));
        assert_eq!((page.glyphs[0].x, page.glyphs[0].baseline), (42.0, 100.0));
        assert_eq!((page.glyphs[1].x, page.glyphs[1].baseline), (52.0, 100.0));
        assert!(page.rules[0].is_horizontal());
        assert_eq!(page.askew, 0);
    }

    /// Text drawn upright on the unturned page stays as it is (a viewer
    /// shows it sideways); the note counts it.
    #[test]
    fn text_upright_unturned_is_left_alone() {
        let mut page = Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            rotation: 90,
            glyphs: vec![glyph("合", 100.0, 800.0)],
            ..Page::default()
        };
        turn(&mut page, &[Some(0)]);
        assert!(!page.turned);
        assert_eq!(page.glyphs[0].x, 100.0);
        assert_eq!(page.askew, 0);
    }
}
