//! The page view (版面): for a report read from a PDF, the page a finding
//! or line is on, with its text placed where it stood — columns from the
//! x position, rows from the y position, scaled to the pane — and the
//! finding's lines marked (`▶` its primary line, `◆` its other lines) and
//! highlighted. The positions are the source lines' own (`Source::positions`:
//! where each paragraph or table row began); a line wraps in the room to the
//! right of where it began, and a line that would cover another moves down
//! to the next free row ([`layout`]), so nothing is drawn over anything.
//! Where the terminal can show images ([`crate::tui::graphics`] detects
//! kitty, iTerm2 or sixel), a crop of the page image around the finding's
//! lines is drawn above the layout ([`crate::tui::page_image`]); elsewhere
//! (plain SSH, tmux, a test terminal) the layout alone, and the title says
//! "仅文字 text only".

use crate::report::{LineNo, PagePos};
use crate::tui::draw::block;
use crate::tui::draw::width;
use crate::tui::graphics::ImageProtocol;
use crate::tui::input::action::Action;
use crate::tui::panes::source::shown_line;
use crate::tui::panes::{moved, Cx, Pane, PaneOutcome};
use crate::tui::view_model::{Target, ViewModel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::cell::Cell;
#[cfg(feature = "page-image")]
use std::cell::RefCell;

/// What a crop of the page image was made for: the page, the marked lines
/// on it, and the cells it was fitted to.
#[cfg(feature = "page-image")]
type CropKey = (u32, Vec<LineNo>, u16, u16);

/// Points of page height per screen row. Body text on the samples is
/// printed 28 pt apart and table rows 17–32 pt: 14 pt keeps every printed
/// line on a row of its own and a page about 60 rows tall.
pub const PITCH: f32 = 14.0;

/// A piece of text and where it stood on the page (points from the top left).
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// The text (one line, as shown).
    pub text: &'a str,
    /// What it is (the source line number), carried to the segments.
    pub tag: LineNo,
    /// How far right it may run, in points (a table cell: to the next
    /// cell's column); `None`: to the page's right edge.
    pub room: Option<f32>,
}

/// A run of text on one screen row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The first column.
    pub col: usize,
    /// The text; it fits between `col` and the right edge.
    pub text: String,
    /// The tag of the piece it came from.
    pub tag: LineNo,
}

/// The page's width in points: A4 portrait (595 pt), or landscape (842 pt)
/// when text starts beyond a portrait page's right margin.
pub fn page_width(xs: impl IntoIterator<Item = f32>) -> f32 {
    let max = xs.into_iter().fold(0.0f32, f32::max);
    if max > 842.0 {
        max * 1.1
    } else if max > 540.0 {
        842.0
    } else {
        595.0
    }
}

/// Lay pieces of text out on a grid `cols` cells wide: each at the column of
/// its x (scaled from `page_width` points) and the row of its y (`pitch`
/// points a row), wrapped in the room to its right (CJK characters take two
/// cells and are never split), and moved down to the first rows where all
/// of it is free when something stands there already. Pieces are placed top
/// to bottom, left to right. Returns the rows, each with its segments in
/// column order.
pub fn layout(items: &[Placed], page_width: f32, pitch: f32, cols: usize) -> Vec<Vec<Segment>> {
    let mut rows: Vec<Vec<Segment>> = Vec::new();
    if cols < 2 || page_width <= 0.0 || pitch <= 0.0 {
        return rows;
    }
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut order: Vec<&Placed> = items.iter().filter(|p| !p.text.trim().is_empty()).collect();
    order.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // A piece keeps at least this much room to its right.
    let min_room = cols.min(8);
    for p in order {
        let col = ((p.x.max(0.0) / page_width) * cols as f32).floor() as usize;
        let col = col.min(cols - min_room);
        let room = match p.room {
            Some(pt) => {
                (((pt.max(0.0) / page_width) * cols as f32).floor() as usize).clamp(2, cols - col)
            }
            None => cols - col,
        };
        let chunks: Vec<String> = width::wrap(p.text.trim_end(), room)
            .into_iter()
            .map(|c| width::truncate(&c, room, "…"))
            .collect();
        let spans: Vec<usize> = chunks.iter().map(|c| width::width(c)).collect();
        let free = |taken: &Vec<Vec<bool>>, r: usize| {
            spans.iter().enumerate().all(|(k, w)| {
                taken
                    .get(r + k)
                    .is_none_or(|row| row[col..col + w].iter().all(|t| !t))
            })
        };
        let mut r = (p.y.max(0.0) / pitch).round() as usize;
        while !free(&taken, r) {
            r += 1;
        }
        for (k, (chunk, w)) in chunks.into_iter().zip(&spans).enumerate() {
            let row = r + k;
            while taken.len() <= row {
                taken.push(vec![false; cols]);
                rows.push(Vec::new());
            }
            for t in &mut taken[row][col..col + w] {
                *t = true;
            }
            rows[row].push(Segment {
                col,
                text: chunk,
                tag: p.tag,
            });
        }
    }
    for row in &mut rows {
        row.sort_by_key(|s| s.col);
    }
    rows
}

/// Points between a column's left border and its text.
const CELL_PAD: f32 = 3.0;

/// What to place for each positioned line: a table row whose cells' columns
/// the reader knows ([`crate::report::Source::cell_x`]) as one piece per
/// non-empty cell at its column, each with room up to the next column;
/// any other line as one piece, its cells joined by `bar`. (x, y, text,
/// line, room.)
pub fn pieces(
    model: &ViewModel,
    lines: &[(LineNo, PagePos)],
    bar: &str,
    page_width: f32,
    cols: usize,
) -> Vec<(f32, f32, String, LineNo, Option<f32>)> {
    let src = &model.report.source;
    let mut out = Vec::new();
    for (l, p) in lines {
        let text = src.line(*l);
        match cells_at_columns(text, src.cell_x(*l), page_width, cols) {
            Some(cells) => out.extend(
                cells
                    .into_iter()
                    .map(|(x, shown, room)| (x, p.y, shown, *l, room)),
            ),
            None => out.push((p.x, p.y, shown_line(text, bar), *l, None)),
        }
    }
    out
}

/// A table row's non-empty cells at their columns (x, text, room), or
/// `None` when the row is to be shown as one line: its columns are not
/// known, or a cell holding a figure (code, amount, percent) would not fit
/// its column at this width with a cell to spare — a figure is never
/// wrapped or cut; a label may wrap inside its column, as printed.
fn cells_at_columns(
    text: &str,
    xs: &[f32],
    page_width: f32,
    cols: usize,
) -> Option<Vec<(f32, String, Option<f32>)>> {
    let cells: Vec<&str> = text.split('\t').collect();
    if xs.len() != cells.len() || xs.len() < 2 || page_width <= 0.0 {
        return None;
    }
    let mut out = Vec::new();
    for (i, (cell, x)) in cells.iter().zip(xs).enumerate() {
        let shown = crate::sanitize::visible(cell.trim()).into_owned();
        if shown.is_empty() {
            continue;
        }
        // To the next column further right (cells without a column of
        // their own share the one before).
        let room = xs[i + 1..]
            .iter()
            .find(|n| **n > *x + 1.0)
            .map(|n| n - x - CELL_PAD);
        let to_col = |pt: f32| ((pt.max(0.0) / page_width) * cols as f32).floor() as usize;
        let w = width::width(&shown);
        if let Some(pt) = room {
            if w >= to_col(pt) && shown.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
        }
        // An amount stands right-aligned in its column, as printed, a cell
        // short of the next column; the last column is taken to be as wide
        // as the one before it.
        let right = room.or_else(|| {
            let before = xs[..i].iter().rev().find(|p| **p < *x - 1.0)?;
            Some(x - before - CELL_PAD)
        });
        let start = match right {
            Some(pt) if is_amount(&shown) => {
                let end = to_col(x + CELL_PAD + pt);
                let at = end.saturating_sub(w + 1).max(to_col(x + CELL_PAD));
                let cell = page_width / cols as f32;
                Some(((at as f32 + 0.5) * cell, (w as f32 + 0.5) * cell))
            }
            _ => None,
        };
        match start {
            Some((x, room)) if x + room <= page_width => out.push((x, shown, Some(room))),
            _ => out.push((x + CELL_PAD, shown, room)),
        }
    }
    Some(out)
}

/// A printed amount or percentage (`1,511.90`, `-0.01`, `71.73%`): digits
/// with a decimal point or thousands separator — not a code (`2010601`).
fn is_amount(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| matches!(c, '.' | ','))
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'))
}

/// The positioned source lines of one page.
pub fn page_lines(model: &ViewModel, page: u32) -> Vec<(LineNo, PagePos)> {
    model
        .report
        .source
        .positions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.filter(|p| p.page == page).map(|p| (i as LineNo + 1, p)))
        .collect()
}

/// The page a line is on: its own position, else that of the nearest
/// positioned line before it.
pub fn page_of(model: &ViewModel, line: LineNo) -> Option<u32> {
    let src = &model.report.source;
    (1..=line.max(1))
        .rev()
        .find_map(|l| src.position(l))
        .map(|p| p.page)
        .or_else(|| src.positions.iter().flatten().next().map(|p| p.page))
}

/// The page view's state.
#[derive(Debug)]
pub struct PageView {
    /// The page shown (1-based).
    pub page: u32,
    /// The lines to mark (the finding's), the primary first.
    pub marked: Vec<LineNo>,
    /// Whether it has the keyboard.
    pub focused: bool,
    /// What the terminal can show the page image with (none: text only).
    pub graphics: Option<ImageProtocol>,
    /// A terminal cell's size in pixels (for fitting the crop).
    pub cell_pixels: (u16, u16),
    /// The crop last encoded, and what for (failures too, so a page that
    /// cannot be drawn is not tried again at every frame).
    #[cfg(feature = "page-image")]
    crop: RefCell<Option<(CropKey, Option<crate::tui::page_image::Encoded>)>>,
    top: Cell<usize>,
    height: Cell<usize>,
    len: Cell<usize>,
    /// Scroll to this line at the next draw (set when a page is opened).
    want: Cell<Option<LineNo>>,
}

impl Default for PageView {
    fn default() -> Self {
        PageView {
            page: 1,
            marked: Vec::new(),
            focused: false,
            graphics: None,
            cell_pixels: (10, 20),
            #[cfg(feature = "page-image")]
            crop: RefCell::new(None),
            top: Cell::new(0),
            height: Cell::new(1),
            len: Cell::new(0),
            want: Cell::new(None),
        }
    }
}

impl PageView {
    /// Show `page`, scrolled to the first of `marked` on it.
    pub fn open(&mut self, page: u32, marked: Vec<LineNo>) {
        self.page = page.max(1);
        self.want.set(marked.first().copied());
        self.top.set(0);
        self.marked = marked;
    }

    /// Where the view is, for the status line.
    pub fn position(&self, model: &ViewModel) -> String {
        format!("版面 第{}/{}页", self.page, model.pages.unwrap_or(0))
    }

    /// The marked lines on the shown page, with their positions.
    #[cfg(feature = "page-image")]
    fn marked_here(&self, model: &ViewModel) -> Vec<(LineNo, PagePos)> {
        self.marked
            .iter()
            .filter_map(|l| model.report.source.position(*l).map(|p| (*l, p)))
            .filter(|(_, p)| p.page == self.page)
            .collect()
    }

    /// Draw the crop of the page image around the marked lines at the top
    /// of `area`, when the terminal can show it; the rows it took (0 when
    /// nothing was drawn).
    #[cfg(feature = "page-image")]
    fn draw_crop(&self, model: &ViewModel, area: Rect, buf: &mut Buffer) -> u16 {
        use crate::tui::page_image;
        let Some(protocol) = self.graphics else {
            return 0;
        };
        let marked = self.marked_here(model);
        if marked.is_empty() || area.height < 8 || area.width < 20 {
            return 0;
        }
        let rows = (area.height * 2 / 5).clamp(3, 16);
        let fit = Rect::new(area.x, area.y, area.width, rows);
        let key: CropKey = (
            self.page,
            marked.iter().map(|(l, _)| *l).collect(),
            fit.width,
            fit.height,
        );
        let mut cache = self.crop.borrow_mut();
        if cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let positions: Vec<PagePos> = marked.iter().map(|(_, p)| *p).collect();
            let src = &model.report.source;
            let encoded = page_image::crop(
                &src.path,
                &src.sha256,
                self.page,
                &positions,
                fit,
                self.cell_pixels,
            )
            .and_then(|r| page_image::encode(&r, protocol, self.cell_pixels, fit));
            *cache = Some((key, encoded));
        }
        match cache.as_ref().and_then(|(_, e)| e.as_ref()) {
            Some(e) => {
                let (w, h) = e.size();
                e.draw(
                    Rect::new(area.x, area.y, w.min(area.width), h.min(rows)),
                    buf,
                );
                h.min(rows) + 1
            }
            None => 0,
        }
    }

    #[cfg(not(feature = "page-image"))]
    fn draw_crop(&self, _model: &ViewModel, _area: Rect, _buf: &mut Buffer) -> u16 {
        0
    }

    /// Whether the crop of the page image is drawn (for the title).
    #[cfg(feature = "page-image")]
    fn crop_drawn(&self) -> bool {
        self.graphics.is_some()
            && self
                .crop
                .borrow()
                .as_ref()
                .is_some_and(|(k, e)| k.0 == self.page && e.is_some())
    }

    #[cfg(not(feature = "page-image"))]
    fn crop_drawn(&self) -> bool {
        false
    }

    /// The first source line on the page (for the source toggle).
    pub fn first_line(&self, model: &ViewModel) -> Option<LineNo> {
        page_lines(model, self.page).first().map(|(l, _)| *l)
    }
}

impl Pane for PageView {
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let model = cx.model;
        // The crop first: the title says whether it was drawn. (A block's
        // inner area does not depend on its title.)
        let whole = block(t, Vec::new(), self.focused).inner(area);
        let taken = self.draw_crop(model, whole, buf).min(whole.height);
        let image = match self.graphics {
            Some(p) if self.crop_drawn() => format!("页面图像 page image ({})", p.name()),
            _ => "仅文字 text only".to_string(),
        };
        let title = vec![
            Span::styled(
                format!("版面 Page {}/{} ", self.page, model.pages.unwrap_or(0)),
                t.heading(),
            ),
            Span::styled(format!("按位置排布 · {image}"), t.dim()),
        ];
        block(t, title, self.focused).render(area, buf);
        if whole.width < 4 || whole.height == 0 {
            return;
        }
        let inner = Rect {
            y: whole.y + taken,
            height: whole.height - taken,
            ..whole
        };
        if inner.height == 0 {
            return;
        }
        let lines = page_lines(model, self.page);
        let gutter = 2;
        let cols = inner.width as usize - gutter;
        let pw = page_width(lines.iter().map(|(_, p)| p.x));
        let pieces = pieces(model, &lines, t.sym.bar, pw, cols);
        let items: Vec<Placed> = pieces
            .iter()
            .map(|(x, y, text, tag, room)| Placed {
                x: *x,
                y: *y,
                text,
                tag: *tag,
                room: *room,
            })
            .collect();
        let rows = layout(&items, pw, PITCH, cols);
        let h = inner.height as usize;
        if let Some(want) = self.want.take() {
            if let Some(r) = rows.iter().position(|r| r.iter().any(|s| s.tag == want)) {
                self.top.set(r.saturating_sub(h / 3));
            }
        }
        let max_top = rows.len().saturating_sub(h);
        let top = self.top.get().min(max_top);
        self.top.set(top);
        self.height.set(h);
        self.len.set(rows.len());
        let primary = self.marked.first().copied();
        for (y, row) in rows.iter().skip(top).take(h).enumerate() {
            let mark = if row.iter().any(|s| Some(s.tag) == primary) {
                t.sym.primary
            } else if row.iter().any(|s| self.marked.contains(&s.tag)) {
                t.sym.involved
            } else {
                " "
            };
            let mut spans = vec![Span::styled(mark, t.involved()), Span::raw(" ")];
            let mut at = 0;
            for s in row {
                if s.col > at {
                    spans.push(Span::raw(" ".repeat(s.col - at)));
                }
                let style = if self.marked.contains(&s.tag) {
                    t.involved()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(s.text.clone(), style));
                at = s.col + width::width(&s.text);
            }
            buf.set_line(inner.x, inner.y + y as u16, &Line::from(spans), inner.width);
        }
        if rows.is_empty() {
            buf.set_string(
                inner.x,
                inner.y,
                width::truncate(
                    "此页没有读出文字 (no text read on this page)",
                    inner.width as usize,
                    t.sym.ellipsis,
                ),
                t.dim(),
            );
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> PaneOutcome {
        let h = self.height.get().max(1);
        let max = self.len.get().saturating_sub(h);
        if let Some(to) = moved(action, self.top.get().min(max), max + 1, h) {
            self.top.set(to);
            return PaneOutcome::Changed;
        }
        let pages = cx.model.pages.unwrap_or(1);
        match action {
            Action::PrevPanel if self.page > 1 => {
                self.page -= 1;
                self.top.set(0);
                PaneOutcome::Changed
            }
            Action::NextPanel if self.page < pages => {
                self.page += 1;
                self.top.set(0);
                PaneOutcome::Changed
            }
            Action::PrevPanel | Action::NextPanel => {
                PaneOutcome::Flash(format!("共 {pages} 页 (no page beyond)"))
            }
            Action::Open => match self.first_line(cx.model) {
                Some(l) => PaneOutcome::Go(Target::Line(l)),
                None => PaneOutcome::Changed,
            },
            _ => PaneOutcome::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn at(x: f32, y: f32, text: &str, tag: LineNo) -> Placed<'_> {
        Placed {
            x,
            y,
            text,
            tag,
            room: None,
        }
    }

    /// The rows as text, segments placed at their columns.
    fn text(rows: &[Vec<Segment>]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let mut s = String::new();
                for seg in r {
                    let w = width::width(&s);
                    s.push_str(&" ".repeat(seg.col.saturating_sub(w)));
                    s.push_str(&seg.text);
                }
                s
            })
            .collect()
    }

    #[test]
    fn columns_come_from_x_and_rows_from_y() {
        let items = [
            at(0.0, 0.0, "Title", 1),
            at(300.0, 28.0, "right", 2),
            at(0.0, 56.0, "left", 3),
        ];
        let rows = layout(&items, 600.0, 14.0, 40);
        assert_eq!(
            text(&rows),
            ["Title", "", "                    right", "", "left"]
        );
        assert_eq!(rows[2][0].col, 20);
        assert_eq!(rows[4][0].tag, 3);
    }

    #[test]
    fn pieces_on_one_row_share_it_when_they_do_not_touch() {
        let items = [
            at(0.0, 10.0, "支出决算表", 1),
            at(450.0, 12.0, "单位：万元", 2),
        ];
        let rows = layout(&items, 600.0, 14.0, 40);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].len(), 2, "{rows:?}");
        assert_eq!(rows[1][1].col, 30);
    }

    #[test]
    fn an_overlapping_piece_moves_down_to_the_next_free_row() {
        // Two lines 7 pt apart land on one row; the second moves down, and
        // the one below it moves further down rather than cover it.
        let items = [
            at(0.0, 14.0, "first line", 1),
            at(20.0, 16.0, "second", 2),
            at(0.0, 28.0, "third", 3),
        ];
        let rows = layout(&items, 600.0, 14.0, 40);
        assert_eq!(text(&rows), ["", "first line", " second", "third"]);
    }

    #[test]
    fn a_long_line_wraps_to_the_right_of_where_it_began_and_pushes_the_next_down() {
        let items = [
            at(300.0, 0.0, "一二三四五六七八九十", 1),
            at(300.0, 14.0, "next", 2),
        ];
        let rows = layout(&items, 600.0, 14.0, 30);
        // 15 columns to the right of x=300: seven wide characters a row.
        assert_eq!(rows[0][0].col, 15);
        assert_eq!(rows[0][0].text, "一二三四五六七");
        assert_eq!(rows[1][0].text, "八九十");
        assert_eq!(rows[2][0].text, "next");
    }

    #[test]
    fn wide_characters_take_two_cells_and_collide_by_width() {
        // 全角 text from column 0 takes 6 cells; ASCII at column 4 overlaps it.
        let items = [at(0.0, 0.0, "收入表", 1), at(40.0, 0.0, "x", 2)];
        let rows = layout(&items, 600.0, 14.0, 60);
        assert_eq!(rows[0].len(), 1);
        assert_eq!(rows[1][0].col, 4);
        // …but one at column 6 fits beside it.
        let items = [at(0.0, 0.0, "收入表", 1), at(60.0 * 1.5, 0.0, "x", 2)];
        let rows = layout(&items, 600.0, 14.0, 60);
        assert_eq!(rows.len(), 1);
        assert_eq!(text(&rows), ["收入表   x"]);
    }

    #[test]
    fn text_near_the_right_edge_keeps_some_room_and_empty_text_is_dropped() {
        let items = [at(599.0, 0.0, "12345678", 1), at(0.0, 0.0, "  ", 2)];
        let rows = layout(&items, 600.0, 14.0, 20);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0],
            vec![Segment {
                col: 12,
                text: "12345678".into(),
                tag: 1
            }]
        );
        assert!(layout(&items, 600.0, 14.0, 1).is_empty());
    }

    #[test]
    fn a_cell_wraps_inside_its_column_and_the_next_cell_keeps_its_x() {
        // A table row: a label in a 100 pt column, an amount at 300 pt.
        let items = [
            Placed {
                room: Some(100.0),
                ..at(0.0, 0.0, "机关事业单位基本养老保险", 1)
            },
            Placed {
                room: Some(100.0),
                ..at(300.0, 0.0, "160.75", 1)
            },
        ];
        let rows = layout(&items, 600.0, 14.0, 60);
        // 100 pt of 600 at 60 columns: 10 columns, five wide characters.
        assert_eq!(
            text(&rows),
            ["机关事业单                    160.75", "位基本养老", "保险"]
        );
        assert_eq!(rows[0][1].col, 30);
    }

    #[test]
    fn a_row_is_one_line_when_a_figure_would_not_fit_its_column() {
        let xs = [0.0, 100.0, 300.0];
        // 600 pt over 60 columns: 9.7 columns for the code, 19.7 for the name.
        let cells = cells_at_columns("2080505\t行政单位离退休\t84.65", &xs, 600.0, 60).unwrap();
        assert_eq!(
            cells
                .iter()
                .map(|(x, t, _)| (*x, t.as_str()))
                .collect::<Vec<_>>(),
            [
                (CELL_PAD, "2080505"),
                (100.0 + CELL_PAD, "行政单位离退休"),
                // Right-aligned in a column taken as wide as the one before
                // (197 pt): it ends a cell short of column 50 (500 pt).
                (44.5 * 10.0, "84.65")
            ]
        );
        assert!(is_amount("1,511.90") && is_amount("-0.01") && is_amount("71.73%"));
        assert!(!is_amount("2010601") && !is_amount("合计") && !is_amount("1.2万"));
        // At 30 columns the code's column is 4 wide: shown as one line.
        assert!(cells_at_columns("2080505\t行政单位离退休\t84.65", &xs, 600.0, 30).is_none());
        // …but a label may wrap inside its column.
        assert!(
            cells_at_columns("1\t机关事业单位基本养老保险缴费支出\t1", &xs, 600.0, 60).is_some()
        );
        // Columns not known, or not one per cell: one line.
        assert!(cells_at_columns("a\tb", &[], 600.0, 60).is_none());
        assert!(cells_at_columns("a\tb\tc", &xs[..2], 600.0, 60).is_none());
    }

    #[test]
    fn landscape_pages_are_recognised_by_where_text_starts() {
        assert_eq!(page_width([72.0, 300.0]), 595.0);
        assert_eq!(page_width([67.0, 710.0]), 842.0);
        assert_eq!(page_width(std::iter::empty()), 595.0);
    }
}
