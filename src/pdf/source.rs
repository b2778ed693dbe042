//! Pages → the lines of a [`Source`]: text outside tables becomes one line
//! per paragraph (visual lines re-joined by the page geometry: a full-width
//! line followed by an unindented one continues the paragraph, across page
//! breaks too), each table becomes its synthesized rows, all in reading
//! order, every line with the page position it came from.

use super::columns::Table;
use super::grid::{self, Grid};
use super::lines::{is_wide, lines, TextLine};
use super::loose;
use super::page::{Glyph, Page};
use super::shapes::synthesize;
use crate::report::{LineNo, PagePos, ParseIssue, ScheduleId};

/// The lines, their positions and what the reader could not place.
#[derive(Debug, Default, Clone)]
pub struct Assembled {
    /// One line per paragraph or table row.
    pub lines: Vec<String>,
    /// Where each line stood.
    pub positions: Vec<Option<PagePos>>,
    /// For a table row, the left edge of each cell's column (see
    /// `Source::cell_x`); empty for other lines.
    pub cell_x: Vec<Vec<f32>>,
    /// Problems, with the line they concern.
    pub issues: Vec<ParseIssue>,
    /// Pages not read in whole or in part (see `Source::unread_pages`).
    pub unread_pages: Vec<u32>,
}

/// A page element in reading order.
enum Item {
    Text(TextLine),
    Table(Box<Table>),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Text(l) => l.top(),
            Item::Table(t) => t.top(),
        }
    }
}

/// The text margins of a page, where it has justified paragraphs: the right
/// edge at least three long lines share, and the left edge of those full
/// lines (first lines are indented, so the leftmost full line starts at the
/// margin). A page without such lines (a table of contents, a table page)
/// has none, and no line on it continues another.
#[derive(Debug, Clone, Copy)]
struct Margins {
    left: Option<f32>,
    right: Option<f32>,
    width: f32,
}

fn margins(page: &Page, text: &[&TextLine]) -> Margins {
    let long: Vec<&&TextLine> = text
        .iter()
        .filter(|l| l.glyphs >= 8 && l.right - l.x >= 0.5 * page.width)
        .collect();
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for l in &long {
        *counts.entry((l.right / 2.0).round() as i32).or_default() += 1;
    }
    let right = counts
        .iter()
        .filter(|(_, &n)| n >= 3)
        .max_by_key(|(k, &n)| (n, **k))
        .map(|(k, _)| *k as f32 * 2.0);
    let left = right.and_then(|r| {
        long.iter()
            .filter(|l| (l.right - r).abs() <= 2.0)
            .map(|l| l.x)
            .reduce(f32::min)
    });
    Margins {
        left,
        right,
        width: page.width,
    }
}

/// `^[-—–\s第]*\d{1,4}[-—–\s页]*$`: "- 3 -", "第 12 页".
fn is_page_number(t: &str) -> bool {
    let rest =
        t.trim_start_matches(|c: char| matches!(c, '-' | '—' | '–' | '第') || c.is_whitespace());
    let after = rest.trim_start_matches(crate::text::is_decimal_digit);
    let digits = rest[..rest.len() - after.len()].chars().count();
    (1..=4).contains(&digits)
        && after
            .chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '页') || c.is_whitespace())
}

/// A page number printed alone in the top or bottom margin.
fn is_folio(line: &TextLine, page: &Page) -> bool {
    let in_margin = line.baseline > 0.92 * page.height || line.top() < 0.06 * page.height;
    in_margin && is_page_number(&line.text) && line.glyphs <= 8
}

/// How to read the pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Ignore the ruling lines and rebuild every table from word positions
    /// (what a table printed without borders goes through; for testing that
    /// path on a report that has borders).
    pub ignore_rules: bool,
}

/// A table without borders still open at the end of a page: its column
/// borders, for its continuation on the next page.
type OpenLooseTable = Option<Vec<f32>>;

/// Assemble the source lines of a document.
pub fn assemble(pages: &[Page], options: ReadOptions) -> Assembled {
    let mut laid: Vec<(u32, Margins, Vec<Item>)> = Vec::new();
    let unread: Vec<(u32, String)> = pages
        .iter()
        .filter_map(|p| p.error.clone().map(|e| (p.number, e)))
        .collect();
    let undecodable: Vec<(u32, usize, String)> = pages
        .iter()
        .filter(|p| p.error.is_none() && !p.undecodable.is_empty())
        .map(|p| {
            let n = p.undecodable.iter().map(|(_, n)| n).sum();
            let why: Vec<&str> = p.undecodable.iter().map(|(r, _)| r.as_str()).collect();
            (p.number, n, why.join("; "))
        })
        .collect();
    // A rotated page read in its displayed frame needs no note unless some
    // of its text still did not read upright there.
    let rotated: Vec<(u32, i64, bool, usize)> = pages
        .iter()
        .filter(|p| p.rotation != 0 && (!p.turned || p.askew > 0))
        .map(|p| (p.number, p.rotation, p.turned, p.askew))
        .collect();
    let mut previous_table: Option<Table> = None;
    let mut open_loose: OpenLooseTable = None;
    for page in pages {
        let glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
        let rules: &[super::page::Rule] = if options.ignore_rules {
            &[]
        } else {
            &page.rules
        };
        let mut grids = grid::grids(rules, &glyphs);
        let outside: Vec<&Glyph> = glyphs
            .iter()
            .copied()
            .filter(|g| {
                let (x, y) = g.anchor();
                !grids.iter().any(|gr| gr.contains(x, y))
            })
            .collect();
        let (loose_grids, taken, still_open) =
            loose_tables(page, &outside, &grids, open_loose.take());
        open_loose = still_open;
        grids.extend(loose_grids);
        grids.sort_by(|a, b| {
            let ta = a.ys.first().copied().unwrap_or(0.0);
            let tb = b.ys.first().copied().unwrap_or(0.0);
            ta.total_cmp(&tb)
        });
        let remaining: Vec<&Glyph> = outside
            .iter()
            .copied()
            .filter(|g| !taken.iter().any(|&(t, b)| in_band(g, t, b)))
            .collect();
        let text: Vec<TextLine> = lines(&remaining)
            .into_iter()
            .filter(|l| !is_folio(l, page))
            .collect();
        let m = margins(page, &text.iter().collect::<Vec<_>>());
        let mut items: Vec<Item> = text.into_iter().map(Item::Text).collect();
        let mut first = true;
        let mut last_table: Option<Table> = None;
        for g in grids {
            let top = g.ys.first().copied().unwrap_or(0.0);
            let titled = items.iter().any(|i| match i {
                Item::Text(l) => l.top() < top && crate::text::schedule_title_id(&l.text).is_some(),
                Item::Table(_) => false,
            });
            let t = Table::new(page.number, g, previous_table.as_ref(), first, titled);
            first = false;
            last_table = Some(t.clone());
            items.push(Item::Table(Box::new(t)));
        }
        if last_table.is_some() {
            previous_table = last_table;
        } else if !page.glyphs.is_empty() {
            previous_table = None;
        }
        items.sort_by(|a, b| a.top().total_cmp(&b.top()));
        laid.push((page.number, m, items));
    }
    let mut out = emit(&laid);
    for (page, error) in unread {
        // The line the page's content would have started at: the first line
        // of a later page.
        let next = out
            .positions
            .iter()
            .position(|p| p.is_some_and(|p| p.page > page));
        out.issues.push(ParseIssue {
            code: crate::report::IssueCode::Page,
            line: next
                .map(|i| i as LineNo + 1)
                .unwrap_or(out.lines.len() as LineNo),
            message: format!("page {page} could not be read ({error}); nothing on it was checked"),
            schedule: None,
            project: None,
        });
        out.unread_pages.push(page);
    }
    for (page, glyphs, why) in undecodable {
        out.issues.push(ParseIssue {
            code: crate::report::IssueCode::Page,
            line: first_line_of(&out, page),
            message: format!(
                "page {page}: {glyphs} characters could not be decoded ({why}); \
                 text on this page may be incomplete"
            ),
            schedule: None,
            project: None,
        });
        out.unread_pages.push(page);
    }
    out.unread_pages.sort_unstable();
    for (page, degrees, turned, askew) in rotated {
        let message = if turned {
            format!(
                "page {page} is displayed rotated by {degrees}°; it was read as displayed, but {askew} characters on it do not read upright there and may be out of order"
            )
        } else {
            format!(
                "page {page} is displayed rotated by {degrees}°; its text and tables were read unrotated and may be out of order"
            )
        };
        out.issues.push(ParseIssue {
            code: crate::report::IssueCode::Page,
            line: first_line_of(&out, page),
            message,
            schedule: None,
            project: None,
        });
    }
    out
}

/// The first source line read from `page` (0 when none was).
fn first_line_of(out: &Assembled, page: u32) -> LineNo {
    out.positions
        .iter()
        .position(|p| p.is_some_and(|p| p.page == page))
        .map(|i| i as LineNo + 1)
        .unwrap_or(0)
}

fn in_band(g: &Glyph, top: f32, bottom: f32) -> bool {
    let (_, y) = g.anchor();
    y >= top && y < bottom
}

/// A line that ends a table printed without borders: a note under it, the
/// next schedule's title, a part heading.
fn ends_table(l: &TextLine) -> bool {
    let t = crate::text::squash(&l.text);
    t.starts_with('注')
        || t.starts_with("说明")
        || t.starts_with("如本表")
        || crate::text::schedule_title_id(&l.text).is_some()
        || crate::text::starts_with_part_number(&t)
}

/// The heading of the tables part ("第四部分 2024年度部门决算表"): rows
/// right under it are a table even without a title of its own (a schedule
/// whose title and first rows were lost, as the sample's 公开01表).
fn is_tables_part_heading(l: &TextLine) -> bool {
    let t = crate::text::squash(&l.text);
    crate::text::starts_with_part_number(&t) && t.ends_with("决算表")
}

/// Lines between a title and its table that belong to neither.
fn is_table_caption(l: &TextLine) -> bool {
    let t = crate::text::squash(&l.text);
    t.contains("单位：")
        || t.contains("单位:")
        || is_year_caption(&t)
        || is_wrapped_unit_end(&t)
        || crate::text::schedule_title_id(&l.text).is_some()
}

/// The end of a unit name wrapped under its "单位：" line ("级）"): a few
/// characters closing a bracket, no digits.
fn is_wrapped_unit_end(squashed: &str) -> bool {
    squashed.chars().count() <= 6
        && (squashed.ends_with('）') || squashed.ends_with(')'))
        && !squashed.chars().any(|c| c.is_ascii_digit())
}

/// "2024年度", or the end of a wrapped unit name with it ("级）2024年度"):
/// a short caption line without amounts, never a header row.
fn is_year_caption(squashed: &str) -> bool {
    squashed.contains("年度")
        && squashed.chars().count() <= 16
        && !squashed.contains('.')
        && !squashed.contains("项目")
}

/// Tables printed without borders: below each schedule title that no drawn
/// table follows (and at the top of a page, the rest of one still open), the
/// lines down to the note under it are rebuilt into a grid. Returns the
/// grids, the vertical bands they took and the table still open at the end.
fn loose_tables(
    page: &Page,
    outside: &[&Glyph],
    ruled: &[Grid],
    open: OpenLooseTable,
) -> (Vec<Grid>, Vec<(f32, f32)>, OpenLooseTable) {
    let text = lines(outside);
    let mut out = Vec::new();
    let mut bands = Vec::new();
    let mut still_open = None;
    let mut starts: Vec<(usize, Option<Vec<f32>>)> = Vec::new();
    if let Some(xs) = open {
        if text.first().is_some_and(|l| !ends_table(l)) {
            starts.push((0, Some(xs)));
        }
    }
    for (i, l) in text.iter().enumerate() {
        if crate::text::schedule_title_id(&l.text).is_none() && !is_tables_part_heading(l) {
            continue;
        }
        let next_title = text[i + 1..]
            .iter()
            .find(|n| crate::text::schedule_title_id(&n.text).is_some())
            .map(|n| n.top())
            .unwrap_or(page.height);
        let drawn = ruled.iter().any(|g| {
            let top = g.ys.first().copied().unwrap_or(0.0);
            top > l.baseline && top < next_title
        });
        if !drawn {
            let first = (i + 1..text.len()).find(|&k| !is_table_caption(&text[k]));
            if let Some(k) = first {
                starts.push((k, None));
            }
        }
    }
    // A title printed over two lines ("支出决算表" above "公开03表") names
    // the same table twice: rebuild it once.
    starts.dedup_by_key(|(k, _)| *k);
    for (k, columns) in starts {
        let end = (k..text.len()).find(|&e| ends_table(&text[e]));
        let top = text[k].top() - 0.5;
        let bottom = end.map(|e| text[e].top()).unwrap_or(page.height + 1.0);
        let glyphs: Vec<&Glyph> = outside
            .iter()
            .copied()
            .filter(|g| in_band(g, top, bottom))
            .collect();
        if let Some(g) = loose::grid(&glyphs, columns.as_deref()) {
            if end.is_none() {
                still_open = Some(g.xs.clone());
            }
            out.push(g);
            bands.push((top, bottom));
        }
    }
    (out, bands, still_open)
}

/// The schedule a table belongs to: a title among the text lines just above
/// it on its page, else the schedule of the table it continues.
fn schedule_of(
    items: &[Item],
    at: usize,
    continued_from: Option<ScheduleId>,
) -> Option<ScheduleId> {
    let mut seen = 0;
    for item in items[..at].iter().rev() {
        match item {
            Item::Text(l) => {
                if let Some(id) = crate::text::schedule_title_id(&l.text) {
                    return Some(id);
                }
                // Captions (unit, year, 金额单位, a wrapped unit name) do
                // not count: a title may stand over several of them.
                if !is_table_caption(l) {
                    seen += 1;
                }
                if seen >= 4 {
                    break;
                }
            }
            Item::Table(_) => break,
        }
    }
    continued_from
}

struct Emitter {
    out: Assembled,
    /// The paragraph being built: text, position, last line, page, margins.
    open: Option<(String, PagePos, TextLine, u32, Margins)>,
}

impl Emitter {
    fn flush(&mut self) {
        if let Some((text, pos, _, _, _)) = self.open.take() {
            self.out.lines.push(text);
            self.out.positions.push(Some(pos));
            self.out.cell_x.push(Vec::new());
        }
    }

    fn push_line(&mut self, text: String, pos: PagePos, xs: Vec<f32>) {
        self.flush();
        self.out.lines.push(text);
        self.out.positions.push(Some(pos));
        self.out.cell_x.push(xs);
    }

    fn text(&mut self, line: &TextLine, page: u32, m: Margins, first_on_page: bool) {
        if let Some((text, _, prev, prev_page, pm)) = self.open.as_mut() {
            if continues(prev, *prev_page, *pm, line, page, m, first_on_page) {
                let glue = match (text.chars().last(), line.text.chars().next()) {
                    (Some(a), Some(b)) => !is_wide(a) && !is_wide(b),
                    _ => false,
                };
                if glue {
                    text.push(' ');
                }
                text.push_str(&line.text);
                *prev = line.clone();
                *prev_page = page;
                *pm = m;
                return;
            }
        }
        self.flush();
        let pos = PagePos {
            page,
            x: line.x,
            y: line.top(),
        };
        self.open = Some((line.text.clone(), pos, line.clone(), page, m));
    }
}

/// Whether `next` continues the paragraph whose last line is `prev`.
fn continues(
    prev: &TextLine,
    prev_page: u32,
    pm: Margins,
    next: &TextLine,
    page: u32,
    m: Margins,
    first_on_page: bool,
) -> bool {
    if (prev.size - next.size).abs() > 1.0 {
        return false;
    }
    let size = next.size.max(1.0);
    let near = if page == prev_page {
        let gap = next.baseline - prev.baseline;
        gap > 0.0 && gap <= 2.2 * size
    } else {
        page == prev_page + 1 && first_on_page
    };
    if !near {
        return false;
    }
    let centred = |l: &TextLine, mm: Margins| {
        ((l.x + l.right) / 2.0 - mm.width / 2.0).abs() < 0.08 * mm.width
    };
    // A centred title wrapped onto a short, centred second line.
    if page == prev_page
        && centred(prev, pm)
        && centred(next, m)
        && next.x > m.left.unwrap_or(0.0) + 2.0 * size
        && next.glyphs <= 4
        && prev.glyphs >= 6
    {
        return true;
    }
    // Justified lines end at the margin, or a few characters short of it
    // when the next word may not be split (a number, "案；"); only the last
    // line of a paragraph ends early after a full stop.
    let (Some(right), Some(left)) = (pm.right, m.left) else {
        return false;
    };
    // A numbered item (一、 （一） 1、 第二部分 第三条) starts its own paragraph,
    // also in a table of contents whose entries all start at the margin; a
    // line starting with an amount ("449.52万元") is no item.
    if crate::digit_regex!(
        r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(、|[.．](\D|$))|第[一二三四五六七八九十]+[部分条])"
    )
    .is_match(&next.text)
    {
        return false;
    }
    let terminal = prev.text.ends_with(['。', '！', '？', '；', '：']);
    let full = prev.right >= right - 2.2 * size || (!terminal && prev.right >= right - 8.0 * size);
    let indented = next.x > left + 0.6 * size;
    full && !indented
}

fn emit(laid: &[(u32, Margins, Vec<Item>)]) -> Assembled {
    let mut e = Emitter {
        out: Assembled::default(),
        open: None,
    };
    let mut last_schedule: Option<ScheduleId> = None;
    for (page, m, items) in laid {
        let mut first_text = true;
        for (k, item) in items.iter().enumerate() {
            match item {
                Item::Text(l) => {
                    e.text(l, *page, *m, first_text);
                    first_text = false;
                }
                Item::Table(t) => {
                    e.flush();
                    first_text = false;
                    let inherited = if t.continued { last_schedule } else { None };
                    let id = schedule_of(items, k, inherited);
                    let with_header = !(t.continued && id.is_some() && id == last_schedule);
                    // A body printed without lines under a ruled header is
                    // read as the header's rows (its columns line up with
                    // them); it was still rebuilt from positions.
                    let header_of_body = if is_body_under_ruled_header(items, k) {
                        last_schedule
                    } else {
                        None
                    };
                    let synth = synthesize(t, id, with_header);
                    let base = e.out.lines.len();
                    for l in &synth.lines {
                        e.push_line(
                            l.text.clone(),
                            PagePos {
                                page: *page,
                                x: l.x,
                                y: l.y,
                            },
                            l.xs.clone(),
                        );
                    }
                    for (i, msg) in synth.issues {
                        e.out.issues.push(ParseIssue {
                            code: crate::report::IssueCode::Row,
                            line: (base + i + 1) as LineNo,
                            message: msg,
                            schedule: id,
                            project: None,
                        });
                    }
                    let rebuilt = match (id, t.grid.drawn, t.continued) {
                        (Some(sid), false, false) => Some((sid, "is")),
                        _ => header_of_body
                            .map(|sid| (sid, "has only its header ruled; its body is")),
                    };
                    if let Some((sid, what)) = rebuilt {
                        e.out.issues.push(ParseIssue {
                            code: crate::report::IssueCode::Table,
                            line: (base + 1) as LineNo,
                            message: format!(
                                "{} on page {page} {what} printed without ruling lines; its rows and columns were rebuilt from the word positions — compare with the page",
                                sid.label()
                            ),
                            schedule: Some(sid),
                            project: None,
                        });
                    }
                    if id.is_none() && looks_like_schedule(t) {
                        e.out.issues.push(ParseIssue {
                            code: crate::report::IssueCode::Table,
                            line: (base + 1) as LineNo,
                            message: format!(
                                "a table on page {page} has no 决算表 title above it; its rows were read as plain text and belong to no schedule"
                            ),
                            schedule: None,
                            project: None,
                        });
                    }
                    last_schedule = id;
                }
            }
        }
    }
    e.flush();
    e.out
}

/// Whether the table at `at` is the body of a ruled header just above it:
/// printed without lines, right under a drawn table on the same page
/// (nothing but captions between).
fn is_body_under_ruled_header(items: &[Item], at: usize) -> bool {
    let Item::Table(t) = &items[at] else {
        return false;
    };
    if t.grid.drawn || t.continued {
        return false;
    }
    for item in items[..at].iter().rev() {
        match item {
            Item::Text(l) if is_table_caption(l) => continue,
            Item::Text(_) => return false,
            Item::Table(above) => return above.grid.drawn,
        }
    }
    false
}

/// A table with amount columns (决算数, 合计 …) is probably a schedule.
fn looks_like_schedule(t: &Table) -> bool {
    t.columns
        .iter()
        .any(|c| c.has("决算数") || c.has("合计") || c.has("科目编码"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to five characters over what the test looks at
    /// reads as the regex it replaces.
    #[test]
    fn page_numbers_read_as_their_regex() {
        let re = regex::Regex::new(r"^[-—–\s第]*\d{1,4}[-—–\s页]*$").unwrap();
        let alphabet = ["1", "４", "٣", "-", "—", " ", "\u{3000}", "第", "页", "x"];
        let mut words = crate::text::words_of(&alphabet);
        words.extend(["- 12345 -", "第 1234 页", "— 3 —"].map(String::from));
        for w in &words {
            assert_eq!(is_page_number(w), re.is_match(w), "{w:?}");
        }
    }
}
