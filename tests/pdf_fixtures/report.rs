//! A report printed without ruling lines: the text form of a report (tab-
//! separated cells) laid out on landscape A4 pages, tables as whitespace-
//! aligned columns with no borders, narrative wrapped at the margin, in a
//! non-embedded GBK-EUC-H 宋体. The same report as the text, so the same
//! findings are expected from both.

use super::FontClass;
use lopdf::Object;

const PAGE_W: f64 = 842.0;
const PAGE_H: f64 = 595.0;
const MARGIN: f64 = 40.0;
const TEXT_SIZE: f64 = 10.0;
const MAX_TABLE_SIZE: f64 = 9.0;
/// Space between two columns, in glyph sizes.
const COLUMN_GAP: f64 = 2.0;

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
        if used + w > width {
            out.push(String::new());
            used = 0.0;
        }
        out.last_mut().unwrap().push(c);
        used += w;
    }
    out
}

struct Pages {
    pages: Vec<Vec<u8>>,
    y: f64,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            pages: vec![Vec::new()],
            y: PAGE_H - MARGIN,
        }
    }

    fn new_page(&mut self) {
        if !self.pages.last().is_some_and(Vec::is_empty) {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    /// Room for `height` more points on this page, else a new page.
    fn need(&mut self, height: f64) {
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn show(&mut self, x: f64, size: f64, text: &str) {
        let y = self.y;
        let page = self.pages.last_mut().unwrap();
        super::show(page, FontClass::Predefined("GBK-EUC-H"), size, x, y, text);
    }
}

/// The PDF of a report's text, its tables without ruling lines.
pub fn unruled_report(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let mut pages = Pages::new();
    let mut i = 0;
    while i < lines.len() {
        if is_row(lines[i]) {
            let start = i;
            while i < lines.len() && is_row(lines[i]) {
                i += 1;
            }
            table(&mut pages, &lines[start..i], &section_widths(&lines, start));
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
            pages.show(MARGIN, TEXT_SIZE, &part);
        }
    }
    document(pages.pages)
}

/// Whether a line is a schedule's title, where the tables of the next
/// schedule begin.
fn is_title(line: &str) -> bool {
    juesuan::text::schedule_title_id(line).is_some()
        && !line.starts_with("公开")
        && !line.contains('、')
}

/// The column widths (ems) of the schedule whose rows include line `at`:
/// every table row between its title and the next, so a table continued
/// over pages keeps its columns, as a printed one does.
fn section_widths(lines: &[&str], at: usize) -> Vec<f64> {
    let start = (0..at).rev().find(|&k| is_title(lines[k])).unwrap_or(0);
    let end = (at..lines.len())
        .find(|&k| is_title(lines[k]))
        .unwrap_or(lines.len());
    let mut widths: Vec<f64> = Vec::new();
    for line in lines[start..end].iter().filter(|l| is_row(l)) {
        for (i, c) in line.split('\t').enumerate() {
            if widths.len() <= i {
                widths.push(0.0);
            }
            widths[i] = widths[i].max(ems(c.trim()));
        }
    }
    widths
}

/// A block of tab-separated rows as columns of the given widths, the font
/// shrunk until the table fits the page width.
fn table(pages: &mut Pages, rows: &[&str], widths: &[f64]) {
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.split('\t').map(str::trim).collect())
        .collect();
    let n = widths.len();
    let total: f64 = widths.iter().sum::<f64>() + COLUMN_GAP * n as f64;
    let size = MAX_TABLE_SIZE.min((PAGE_W - 2.0 * MARGIN) / total);
    for row in &cells {
        pages.need(size * 1.8);
        pages.y -= size * 1.8;
        let mut x = MARGIN;
        for (c, w) in row.iter().zip(widths) {
            if !c.is_empty() {
                pages.show(x, size, c);
            }
            x += (w + COLUMN_GAP) * size;
        }
    }
}

fn document(contents: Vec<Vec<u8>>) -> Vec<u8> {
    let mut font = FontClass::Predefined("GBK-EUC-H").font();
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
    let pages = contents.into_iter().map(|c| (font.clone(), c)).collect();
    super::write(pages, PAGE_W, PAGE_H)
}
