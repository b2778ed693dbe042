//! A report as a PDF in one of the table layouts real reports are printed
//! in: the text form of a report (tab-separated cells) laid out on
//! landscape A4 pages, tables as whitespace-aligned columns, narrative
//! wrapped at the margin, in a non-embedded GBK-EUC-H 宋体. The [`Layout`]
//! says which ruling lines are drawn, whether headers wrap inside their
//! columns, whether long tables break over pages with the header repeated
//! and whether table pages are displayed rotated (/Rotate 90, 180, 270). The same
//! report as the text, so the same findings are expected from every layout.

use super::FontClass;
use lopdf::Object;

const PAGE_W: f64 = 842.0;
const PAGE_H: f64 = 595.0;
const MARGIN: f64 = 40.0;
const TEXT_SIZE: f64 = 10.0;
const MAX_TABLE_SIZE: f64 = 9.0;
/// Space between two columns, in glyph sizes.
const COLUMN_GAP: f64 = 2.0;
/// Pitch of two rows of a table, and of the lines of one wrapped header
/// cell, in glyph sizes.
const ROW_PITCH: f64 = 1.8;
const WRAP_PITCH: f64 = 1.2;

/// Which ruling lines a table is drawn with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rules {
    /// None: columns by whitespace alone.
    #[default]
    None,
    /// A horizontal line above the table, between every two rows and below
    /// it; no vertical lines.
    EveryRow,
    /// Horizontal lines above the table, under its header and below it.
    Frame,
    /// The header's cells in a full grid (spanning cells unbroken), the
    /// body without any line.
    HeaderGrid,
}

/// How a report's tables are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The ruling lines.
    pub rules: Rules,
    /// Columns as wide as their body, each header cell wrapped inside its
    /// column over up to three lines (centred vertically in its row).
    pub wrap_headers: bool,
    /// A page holds at most this many table rows below a header; a table
    /// breaking over pages repeats its header on the next (the 决算 software
    /// does, for long tables).
    pub rows_per_page: Option<usize>,
    /// Pages with a table carry this /Rotate (0, 90, 180 or 270), their
    /// content drawn turned the other way (text through a rotated text
    /// matrix) so that they read upright in a viewer: at 90 and 270 a
    /// portrait page shows a landscape table, at 180 a page printed upside
    /// down.
    pub rotation: u16,
}

impl Layout {
    /// One layout per class the reader is tested on, with a label.
    pub fn classes() -> Vec<(&'static str, Layout)> {
        let with = |rules| Layout {
            rules,
            ..Layout::default()
        };
        vec![
            ("unruled", Layout::default()),
            ("every-row", with(Rules::EveryRow)),
            ("frame", with(Rules::Frame)),
            ("header-grid", with(Rules::HeaderGrid)),
            (
                "repeated-header",
                Layout {
                    rows_per_page: Some(12),
                    ..Layout::default()
                },
            ),
            (
                "wrapped-headers",
                Layout {
                    wrap_headers: true,
                    ..Layout::default()
                },
            ),
            (
                "rotated",
                Layout {
                    rotation: 90,
                    ..Layout::default()
                },
            ),
            (
                "rotated-180",
                Layout {
                    rotation: 180,
                    ..Layout::default()
                },
            ),
            (
                "rotated-270",
                Layout {
                    rotation: 270,
                    ..Layout::default()
                },
            ),
        ]
    }
}

/// Width of a string in ems: ASCII is half width (the GBK single-byte
/// codes map to Adobe-GB1's half-width CIDs, given 500 in /W).
fn ems(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// A table row: tab-separated short cells (the text form also has tabs in
/// narrative paragraphs, where the extraction kept a wide gap).
fn is_row(line: &str) -> bool {
    line.contains('\t') && line.split('\t').all(|c| ems(c.trim()) <= 30.0)
}

/// Wrap a narrative line to `width` ems.
fn wrap(line: &str, width: f64) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0.0;
    for c in line.chars() {
        let w = ems(c.encode_utf8(&mut [0; 4]));
        if used + w > width && !out.last().unwrap().is_empty() {
            out.push(String::new());
            used = 0.0;
        }
        out.last_mut().unwrap().push(c);
        used += w;
    }
    out
}

/// What a page draws, in landscape coordinates (origin bottom left).
enum Op {
    Text(f64, f64, f64, String),
    Line(f64, f64, f64, f64),
}

#[derive(Default)]
struct Sheet {
    ops: Vec<Op>,
    /// Whether a table is drawn on it.
    table: bool,
}

struct Pages {
    pages: Vec<Sheet>,
    y: f64,
    /// Table rows drawn on this page under the last header.
    rows_here: usize,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            pages: vec![Sheet::default()],
            y: PAGE_H - MARGIN,
            rows_here: 0,
        }
    }

    fn break_page(&mut self) {
        self.pages.push(Sheet::default());
        self.y = PAGE_H - MARGIN;
        self.rows_here = 0;
    }

    fn new_page(&mut self) {
        if !self.pages.last().is_some_and(|p| p.ops.is_empty()) {
            self.break_page();
        }
    }

    /// Room for `height` more points on this page, else a new page.
    fn need(&mut self, height: f64) -> bool {
        if self.y - height < MARGIN {
            self.break_page();
            return true;
        }
        false
    }

    fn show(&mut self, x: f64, y: f64, size: f64, text: &str) {
        let page = self.pages.last_mut().unwrap();
        page.ops.push(Op::Text(x, y, size, text.to_string()));
    }
}

/// The PDF of a report's text, its tables without ruling lines.
pub fn unruled_report(text: &str) -> Vec<u8> {
    report(text, Layout::default())
}

/// The PDF of a report's text in a layout.
pub fn report(text: &str, layout: Layout) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let mut pages = Pages::new();
    let mut i = 0;
    while i < lines.len() {
        if is_row(lines[i]) {
            let start = i;
            while i < lines.len() && is_row(lines[i]) {
                i += 1;
            }
            let section = Section::of(&lines, start, layout);
            table(&mut pages, &lines[start..i], &section, layout);
            continue;
        }
        let line = lines[i].trim_end();
        i += 1;
        // Each schedule starts a page, as the 决算 software prints them.
        if is_title(line) {
            pages.new_page();
        }
        if line.is_empty() {
            pages.y -= TEXT_SIZE * 0.8;
            continue;
        }
        for part in wrap(line, (PAGE_W - 2.0 * MARGIN) / TEXT_SIZE) {
            pages.need(TEXT_SIZE * 1.6);
            pages.y -= TEXT_SIZE * 1.6;
            let y = pages.y;
            pages.show(MARGIN, y, TEXT_SIZE, &part);
        }
    }
    document(pages.pages, layout)
}

/// Whether a line is a schedule's title, where the tables of the next
/// schedule begin.
fn is_title(line: &str) -> bool {
    juesuan::text::schedule_title_id(line).is_some()
        && !line.starts_with("公开")
        && !line.contains('、')
}

fn cells(row: &str) -> Vec<String> {
    row.split('\t').map(|c| c.trim().to_string()).collect()
}

/// How many of a block's first rows are its header: a block headed by
/// 项目 / 收入 / 人员经费 … has the rows down to the first body row (an
/// amount, a code, a numbered item); a block continuing a table has none.
fn header_len(rows: &[&str]) -> usize {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let headed = rows.first().is_some_and(|r| {
        let t = squash(r);
        ["项目", "收入", "人员经费", "科目"]
            .iter()
            .any(|w| t.contains(w))
    });
    if !headed {
        return 0;
    }
    rows.iter()
        .position(|r| {
            let cs = cells(r);
            let first = squash(&cs[0]);
            cs.iter().any(|c| {
                c.contains('.') && c.chars().any(|ch| ch.is_ascii_digit()) && !c.contains("、")
            }) || (first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit()))
                || first.contains('、')
        })
        .unwrap_or(rows.len())
}

/// A schedule's table as printed: its column widths (ems) and its header
/// rows (repeated on a page it continues onto).
struct Section {
    widths: Vec<f64>,
    header: Vec<Vec<String>>,
}

impl Section {
    /// The section whose rows include line `at`: every table row between
    /// its title and the next, so a table continued over pages keeps its
    /// columns, as a printed one does.
    fn of(lines: &[&str], at: usize, layout: Layout) -> Section {
        let start = (0..at).rev().find(|&k| is_title(lines[k])).unwrap_or(0);
        let end = (at..lines.len())
            .find(|&k| is_title(lines[k]))
            .unwrap_or(lines.len());
        let rows: Vec<&str> = lines[start..end]
            .iter()
            .copied()
            .filter(|l| is_row(l))
            .collect();
        let head = header_len(&rows);
        let mut widths: Vec<f64> = Vec::new();
        for (k, line) in rows.iter().enumerate() {
            for (i, c) in cells(line).iter().enumerate() {
                if widths.len() <= i {
                    widths.push(0.0);
                }
                let w = if layout.wrap_headers && k < head {
                    // At most three lines, and no narrower than 项目.
                    (ems(&unspaced(c)) / 3.0).ceil().max(2.0)
                } else {
                    ems(c)
                };
                widths[i] = widths[i].max(w);
            }
        }
        Section {
            widths,
            header: rows[..head].iter().map(|r| cells(r)).collect(),
        }
    }
}

/// A header cell's text without the spaces a wrapped cell kept in the
/// text form ("功能分 类科目 编码").
fn unspaced(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One drawn row: its top and bottom (y, points from the page bottom),
/// whether it is a header row, and which cells hold text.
struct DrawnRow {
    top: f64,
    bottom: f64,
    header: bool,
    filled: Vec<bool>,
    first: String,
}

/// A block of tab-separated rows as columns of the section's widths, the
/// font shrunk until the table fits the page width.
fn table(pages: &mut Pages, rows: &[&str], section: &Section, layout: Layout) {
    let widths = &section.widths;
    let n = widths.len();
    let total: f64 = widths.iter().sum::<f64>() + COLUMN_GAP * n as f64;
    let size = MAX_TABLE_SIZE.min((PAGE_W - 2.0 * MARGIN) / total);
    let mut xs = vec![MARGIN];
    for w in widths {
        xs.push(xs.last().unwrap() + (w + COLUMN_GAP) * size);
    }
    // Borders a little left of each column's text.
    let borders: Vec<f64> = xs.iter().map(|x| x - 0.5 * COLUMN_GAP * size).collect();
    let head = header_len(rows);
    let mut drawn: Vec<DrawnRow> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let is_header = k < head;
        let cs = cells(row);
        let height = cell_lines(&cs, widths, is_header, layout)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(1);
        let need = (ROW_PITCH + WRAP_PITCH * (height - 1) as f64) * size;
        let full = !is_header && layout.rows_per_page.is_some_and(|m| pages.rows_here >= m);
        let broke = if full {
            pages.break_page();
            true
        } else {
            pages.need(need)
        };
        if broke {
            finish(pages.pages.len() - 2, pages, &drawn, &borders, layout);
            drawn.clear();
            if !is_header && layout.rows_per_page.is_some() {
                for h in &section.header {
                    let r = draw_row(pages, h, &xs, widths, size, true, layout);
                    drawn.push(r);
                }
            }
        }
        let r = draw_row(pages, &cs, &xs, widths, size, is_header, layout);
        drawn.push(r);
        if !is_header {
            pages.rows_here += 1;
        } else {
            pages.rows_here = 0;
        }
    }
    let last = pages.pages.len() - 1;
    finish(last, pages, &drawn, &borders, layout);
}

/// Each cell's printed lines: a header cell wrapped to its column when
/// the layout wraps headers.
fn cell_lines(cs: &[String], widths: &[f64], header: bool, layout: Layout) -> Vec<Vec<String>> {
    cs.iter()
        .zip(widths)
        .map(
            |(c, w)| match (header && layout.wrap_headers, c.is_empty()) {
                (_, true) => Vec::new(),
                (true, false) => wrap(&unspaced(c), *w),
                (false, false) => vec![c.clone()],
            },
        )
        .collect()
}

fn draw_row(
    pages: &mut Pages,
    cs: &[String],
    xs: &[f64],
    widths: &[f64],
    size: f64,
    header: bool,
    layout: Layout,
) -> DrawnRow {
    let lines_of = cell_lines(cs, widths, header, layout);
    let height = lines_of.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let first = pages.y - ROW_PITCH * size;
    let top = first + 1.2 * size;
    for (c, ls) in lines_of.iter().enumerate() {
        // Centred vertically in its row.
        let offset = (height - ls.len()) as f64 / 2.0;
        for (j, l) in ls.iter().enumerate() {
            let y = first - (offset + j as f64) * WRAP_PITCH * size;
            pages.show(xs[c], y, size, l);
        }
    }
    let last = first - (height - 1) as f64 * WRAP_PITCH * size;
    pages.y = last;
    pages.pages.last_mut().unwrap().table = true;
    DrawnRow {
        top,
        bottom: last - 0.6 * size,
        header,
        filled: cs.iter().map(|c| !c.is_empty()).collect(),
        first: unspaced(cs.first().map(String::as_str).unwrap_or("")),
    }
}

/// Draw the ruling lines of the rows a table put on page `page`.
fn finish(page: usize, pages: &mut Pages, rows: &[DrawnRow], borders: &[f64], layout: Layout) {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let (l, r) = (borders[0], *borders.last().unwrap());
    let mut lines: Vec<(f64, f64, f64, f64)> = Vec::new();
    match layout.rules {
        Rules::None => {}
        Rules::EveryRow => {
            lines.push((l, first.top, r, first.top));
            for row in rows {
                lines.push((l, row.bottom, r, row.bottom));
            }
        }
        Rules::Frame => {
            lines.push((l, first.top, r, first.top));
            if let Some(h) = rows.iter().rev().find(|row| row.header) {
                lines.push((l, h.bottom, r, h.bottom));
            }
            lines.push((l, last.bottom, r, last.bottom));
        }
        Rules::HeaderGrid => {
            let head: Vec<&DrawnRow> = rows.iter().take_while(|row| row.header).collect();
            header_grid(&head, borders, &mut lines);
        }
    }
    let sheet = &mut pages.pages[page];
    for (x0, y0, x1, y1) in lines {
        sheet.ops.push(Op::Line(x0, y0, x1, y1));
    }
}

/// The full grid of a header: an empty cell is part of the cell above it
/// (a name spanning rows), or of the cell left of it in the first row and
/// the 栏次 row (a name spanning columns); no border runs through a merged
/// cell.
fn header_grid(head: &[&DrawnRow], borders: &[f64], lines: &mut Vec<(f64, f64, f64, f64)>) {
    let Some(first) = head.first() else {
        return;
    };
    let last = head[head.len() - 1];
    let n = borders.len() - 1;
    // owner[r][c]: the (row, column) of the cell that (r, c) is part of.
    let mut owner: Vec<Vec<(usize, usize)>> = Vec::new();
    for (r, row) in head.iter().enumerate() {
        let mut o = Vec::new();
        for c in 0..n {
            let filled = row.filled.get(c).copied().unwrap_or(false);
            let across = r == 0 || row.first == "栏次";
            let own = if filled || (c == 0 && r == 0) {
                (r, c)
            } else if across && c > 0 {
                o[c - 1]
            } else if r > 0 {
                owner[r - 1][c]
            } else {
                (r, c)
            };
            o.push(own);
        }
        owner.push(o);
    }
    let (l, rt) = (borders[0], borders[n]);
    lines.push((l, first.top, rt, first.top));
    lines.push((l, last.bottom, rt, last.bottom));
    lines.push((l, first.top, l, last.bottom));
    lines.push((rt, first.top, rt, last.bottom));
    for (r, row) in head.iter().enumerate() {
        for c in 0..n {
            if c + 1 < n && owner[r][c] != owner[r][c + 1] {
                let x = borders[c + 1];
                lines.push((x, row.top, x, row.bottom));
            }
            if r + 1 < head.len() && owner[r][c] != owner[r + 1][c] {
                lines.push((borders[c], row.bottom, borders[c + 1], row.bottom));
            }
        }
    }
}

fn document(sheets: Vec<Sheet>, layout: Layout) -> Vec<u8> {
    let class = FontClass::Predefined("GBK-EUC-H");
    let mut font = class.font();
    // Half-width CIDs: the GBK single-byte codes (814–907) and the space (7716).
    let half: Vec<Object> = (814..=907).map(|_| Object::Integer(500)).collect();
    if let Ok(Object::Array(d)) = font.get_mut(b"DescendantFonts") {
        if let Some(Object::Dictionary(cid)) = d.first_mut() {
            cid.set(
                "W",
                vec![
                    814.into(),
                    Object::Array(half),
                    7716.into(),
                    vec![Object::Integer(500)].into(),
                ],
            );
        }
    }
    let pages = sheets
        .into_iter()
        .map(|sheet| {
            let rotation = if sheet.table {
                layout.rotation % 360
            } else {
                0
            };
            let turned = rotation != 0;
            // The displayed (landscape) point (X, Y) on the unturned page,
            // and the text matrix that makes text read upright once the
            // viewer turns the page clockwise by `rotation`.
            let at = |x: f64, y: f64| match rotation {
                90 => (PAGE_H - y, x),
                180 => (PAGE_W - x, PAGE_H - y),
                270 => (y, PAGE_W - x),
                _ => (x, y),
            };
            let matrix = match rotation {
                90 => "0 1 -1 0",
                180 => "-1 0 0 -1",
                _ => "0 -1 1 0",
            };
            let mut content = Vec::new();
            for op in &sheet.ops {
                match op {
                    Op::Text(x, y, size, text) => {
                        let (px, py) = at(*x, *y);
                        if turned {
                            content.extend_from_slice(
                                format!("BT /F1 {size:.2} Tf {matrix} {px:.2} {py:.2} Tm <")
                                    .as_bytes(),
                            );
                            for b in class.encode(text) {
                                content.extend_from_slice(format!("{b:02X}").as_bytes());
                            }
                            content.extend_from_slice(b"> Tj ET\n");
                        } else {
                            super::show(&mut content, class, *size, px, py, text);
                        }
                    }
                    Op::Line(x0, y0, x1, y1) => {
                        let (a, b) = at(*x0, *y0);
                        let (c, d) = at(*x1, *y1);
                        content.extend_from_slice(
                            format!("0.5 w {a:.2} {b:.2} m {c:.2} {d:.2} l S\n").as_bytes(),
                        );
                    }
                }
            }
            let size = if rotation % 180 == 90 {
                (PAGE_H, PAGE_W)
            } else {
                (PAGE_W, PAGE_H)
            };
            let rotate = i64::from(rotation);
            (font.clone(), content, size, rotate)
        })
        .collect();
    super::write_sized(pages)
}
