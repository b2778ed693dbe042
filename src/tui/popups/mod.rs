//! The popups that take the keyboard over the workbench: the fuzzy finder,
//! help, the cell popup, the note editor and the one-line input.

pub mod cell_info;
pub mod editor;
pub mod finder;
pub mod help;
pub mod prompt;

use ratatui::layout::Rect;

/// A popup rectangle: `pct` of the area, centred, at least 20×6.
pub fn popup(area: Rect, pct_w: u16, pct_h: u16) -> Rect {
    let w = (area.width * pct_w / 100).max(20.min(area.width));
    let h = (area.height * pct_h / 100).max(6.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
