//! Drawing the schedule view: how a panel's columns fit the width (the
//! frozen code and name, as many value columns as fit from the one scrolled
//! to), rows lined up by source line when panels stand side by side, the
//! cell markers, the tab line and the footer on the cursor cell.

use super::{code_text, PanelView, TableView, INDENT};
use crate::report::{LineNo, RowCode, RowKind, Schedule, ScheduleStatus};
use crate::sanitize::visible;
use crate::tui::draw::format;
use crate::tui::draw::width::{self, split_header};
use crate::tui::draw::{block, cell_left, cell_right, put_line};
use crate::tui::panes::Cx;
use crate::tui::view_model::{CellRef, Target};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// How one panel is laid out in an area.
struct Geometry {
    code: usize,
    label: usize,
    first: usize,
    shown: usize,
}

impl PanelView {
    /// The width this panel needs with every column shown and names cut at `label_cap`.
    fn natural(&self, label_cap: usize) -> usize {
        let code = if self.widths.code > 0 {
            self.widths.code + 1
        } else {
            0
        };
        1 + code
            + self.widths.label.min(label_cap)
            + self.widths.values.iter().map(|w| w + 2).sum::<usize>()
    }
}

impl TableView {
    fn side_by_side(&self, width: usize) -> bool {
        self.panels.len() > 1
            && self.panels.iter().map(|p| p.natural(20)).sum::<usize>() + self.panels.len() - 1
                <= width
    }

    fn geometry(&self, pv: &PanelView, width: usize, active: bool) -> Geometry {
        let code = if pv.widths.code > 0 {
            pv.widths.code + 1
        } else {
            0
        };
        let first_value = pv.widths.values.first().map_or(0, |w| w + 2);
        let cap = (width * 2 / 5).max(12);
        let room = width.saturating_sub(1 + code + first_value);
        // When every value column fits, the name column takes what is left.
        let all_values: usize = pv.widths.values.iter().map(|w| w + 2).sum();
        let room_all = width.saturating_sub(1 + code + all_values + 1);
        let label = if room_all >= pv.widths.label.min(12) {
            pv.widths.label.min(room_all)
        } else {
            pv.widths.label.min(cap).min(room.max(6))
        };
        let avail = width.saturating_sub(1 + code + label);
        let fits_from = |first: usize| {
            let mut used = 0;
            let mut n = 0;
            for w in pv.widths.values.iter().skip(first) {
                if used + w + 2 > avail.saturating_sub(1) && n > 0 {
                    break;
                }
                used += w + 2;
                n += 1;
            }
            n
        };
        let mut first = pv
            .first_col
            .get()
            .min(pv.widths.values.len().saturating_sub(1));
        if active {
            first = first.min(pv.col);
            while first < pv.col && pv.col >= first + fits_from(first) {
                first += 1;
            }
        }
        pv.first_col.set(first);
        Geometry {
            code,
            label,
            first,
            shown: fits_from(first),
        }
    }

    /// How a value cell is marked: (marker, style).
    fn cell_mark(&self, cx: &Cx, c: CellRef) -> (&'static str, Style) {
        let t = cx.theme;
        if let Some(f) = cx.current {
            let hit = cx.model.targets.get(f).and_then(|ts| {
                ts.iter().position(|tg| match tg {
                    Target::Cell(x) => *x == c,
                    Target::Row {
                        schedule,
                        panel,
                        row,
                    } => *schedule == c.schedule && *panel == c.panel && *row == c.row,
                    _ => false,
                })
            });
            match hit {
                Some(0) => return (t.sym.primary, t.involved()),
                Some(_) => return (t.sym.involved, t.involved()),
                None => {}
            }
        }
        if cx.model.cell_flagged(c) {
            (t.sym.flagged, t.flagged())
        } else {
            (" ", Style::new())
        }
    }

    /// Side by side, rows line up by their source line, as printed: the
    /// lines of every visible row, sorted (none when a panel has two rows on
    /// one line, and the panels cannot be lined up).
    fn slots(&self, s: &Schedule) -> Option<Vec<LineNo>> {
        let mut lines = Vec::new();
        for (p, pv) in s.panels.iter().zip(&self.panels) {
            let mut seen = std::collections::HashSet::new();
            for ri in pv.tree.visible() {
                let l = p.rows.get(ri)?.line;
                if !seen.insert(l) {
                    return None;
                }
                lines.push(l);
            }
        }
        lines.sort_unstable();
        lines.dedup();
        Some(lines)
    }

    fn draw_panel(
        &self,
        cx: &Cx,
        s: &Schedule,
        pi: usize,
        area: Rect,
        buf: &mut Buffer,
        slots: Option<(&[LineNo], usize)>,
    ) {
        let (Some(panel), Some(pv)) = (s.panels.get(pi), self.panels.get(pi)) else {
            return;
        };
        let t = cx.theme;
        let active = pi == self.panel;
        let g = self.geometry(pv, area.width as usize, active);
        let ell = t.sym.ellipsis;
        // Header: two lines, bottom-aligned, right-aligned over the amounts.
        let (code_head, label_head) = match panel.rows.iter().find_map(|r| r.code.as_ref()) {
            Some(RowCode::Function { .. }) => ("编码", "科目名称"),
            Some(RowCode::Economic { .. }) => ("编码", "科目名称"),
            None if pv.widths.code > 0 => ("行次", "项目"),
            None => ("", "项目"),
        };
        let mut head = [vec![Span::raw(" ")], vec![Span::raw(" ")]];
        if g.code > 0 {
            head[0].push(Span::raw(" ".repeat(g.code)));
            head[1].push(cell_left(t, code_head, g.code, t.dim()));
        }
        head[0].push(Span::raw(" ".repeat(g.label)));
        let side = if panel.name.is_empty() {
            label_head.to_string()
        } else {
            format!("{label_head}（{}）", panel.name)
        };
        head[1].push(cell_left(t, &side, g.label, t.dim()));
        for c in g.first..g.first + g.shown {
            let w = pv.widths.values[c];
            let name = panel.columns.get(c).map(|c| c.name.as_str()).unwrap_or("");
            let mut parts = split_header(name, w, 2, ell);
            if parts.len() == 1 {
                parts.insert(0, String::new());
            }
            let style = if active && c == pv.col {
                t.heading()
            } else {
                t.dim()
            };
            let gap = if c == g.first && g.first > 0 {
                t.sym.more_left
            } else {
                " "
            };
            for (k, part) in parts.iter().enumerate().take(2) {
                head[k].push(Span::raw(if k == 1 { gap } else { " " }));
                head[k].push(Span::raw(" "));
                head[k].push(cell_right(t, part, w, style));
            }
        }
        if g.first + g.shown < pv.widths.values.len() {
            head[1].push(Span::styled(t.sym.more_right, t.heading()));
        }
        put_line(buf, area, 0, &Line::from(std::mem::take(&mut head[0])));
        put_line(buf, area, 1, &Line::from(std::mem::take(&mut head[1])));
        // Rows.
        let body_h = (area.height as usize).saturating_sub(2);
        let vis = pv.tree.visible();
        let placed: Vec<(usize, usize)> = match slots {
            Some((lines, top)) => vis
                .iter()
                .filter_map(|&ri| {
                    let k = lines.binary_search(&panel.rows.get(ri)?.line).ok()?;
                    // `then`, not `then_some`: `k - top` must not be
                    // computed for rows above the window (it underflows).
                    (k >= top && k < top + body_h).then(|| (k - top, ri))
                })
                .collect(),
            None => {
                let cpos = vis.iter().position(|r| *r == pv.row).unwrap_or(0);
                let top = pv.scroll.follow(cpos, vis.len(), body_h);
                vis.iter()
                    .skip(top)
                    .take(body_h)
                    .copied()
                    .enumerate()
                    .collect()
            }
        };
        for (y, ri) in placed {
            let Some(row) = panel.rows.get(ri) else {
                continue;
            };
            let item = pv.tree.item(ri).copied();
            let is_cursor_row = active && ri == pv.row;
            let emph = matches!(row.kind, RowKind::Total | RowKind::GrandTotal);
            let frozen_style = match (is_cursor_row, emph) {
                (true, _) => t.heading(),
                (false, true) => t.heading(),
                _ => Style::new(),
            };
            let gutter = if is_cursor_row && self.focused {
                t.sym.focus
            } else if cx.session.is_some() {
                // Examined rows (a coverage tick) carry `+` in the gutter.
                cx.tick_mark(&crate::review::TickTarget::Row {
                    schedule: self.id,
                    panel: panel.name.clone(),
                    row: row.key(),
                })
            } else {
                " "
            };
            let mut spans = vec![Span::styled(gutter, t.border(true))];
            if g.code > 0 {
                spans.push(cell_left(t, &code_text(row), g.code, frozen_style));
            }
            let fold = match item {
                Some(it) if it.has_children && it.folded => t.sym.folded,
                Some(it) if it.has_children => t.sym.unfolded,
                _ => " ",
            };
            let indent = item.map_or(0, |it| it.indent as usize) * INDENT;
            let label = format!("{}{} {}", " ".repeat(indent), fold, visible(&row.label));
            spans.push(cell_left(t, &label, g.label, frozen_style));
            for c in g.first..g.first + g.shown {
                let w = pv.widths.values[c];
                let cref = CellRef {
                    schedule: s.id,
                    panel: pi,
                    row: ri,
                    col: c,
                };
                let (mark, mut style) = self.cell_mark(cx, cref);
                if emph {
                    style = style.patch(t.heading());
                }
                if is_cursor_row && c == pv.col {
                    style = style.patch(t.cursor());
                }
                let text = row.cells.get(c).map(format::cell).unwrap_or_default();
                spans.push(Span::raw(" "));
                spans.push(Span::styled(mark, style));
                spans.push(cell_right(t, &text, w, style));
            }
            put_line(buf, area, 2 + y as u16, &Line::from(spans));
        }
    }

    fn draw_footer(&self, cx: &Cx, s: &Schedule, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let Some(c) = self.cursor_cell() else { return };
        let (Some(panel), Some(pv)) = (s.panels.get(c.panel), self.panels.get(c.panel)) else {
            return;
        };
        let Some(row) = panel.rows.get(pv.row) else {
            return;
        };
        let column = panel.columns.get(pv.col);
        let cell = row.cells.get(pv.col);
        let col_name = column
            .map(|c| match c.number {
                Some(n) => format!("{}（栏{n}）", c.name),
                None => c.name.clone(),
            })
            .unwrap_or_default();
        let mut first = vec![
            Span::styled(
                visible(&format!("{} {}", code_text(row), row.label))
                    .trim()
                    .to_string(),
                t.heading(),
            ),
            Span::styled(format!(" {} ", t.sym.bar), t.dim()),
            Span::raw(col_name),
            Span::raw(" = "),
            Span::styled(cell.map(format::cell_long).unwrap_or_default(), t.heading()),
            Span::styled(format!("  行{}", row.line), t.dim()),
        ];
        let findings = cx.model.findings_on_cell(c);
        let claims = cell.map(|x| cx.model.claims_stating(x)).unwrap_or_default();
        if !claims.is_empty() {
            first.push(Span::styled(format!("  叙述{}处", claims.len()), t.dim()));
        }
        put_line(buf, area, 0, &Line::from(first));
        let lines = area.height.saturating_sub(1) as usize;
        if findings.is_empty() {
            if lines > 0 {
                put_line(
                    buf,
                    area,
                    1,
                    &Line::styled("此单元格无问题 no findings on this cell", t.dim()),
                );
            }
            return;
        }
        for (k, f) in findings.iter().take(lines).enumerate() {
            let finding = &cx.model.findings[*f];
            let more = findings.len() - k - 1;
            let text = if k + 1 == lines && more > 0 {
                format!("… +{} more (Enter lists them)", more + 1)
            } else {
                format!("{} {}", finding.rule, visible(&finding.message))
            };
            let line = Line::from(vec![
                Span::styled(
                    format!("{} ", t.severity_mark(finding.severity)),
                    t.severity(finding.severity),
                ),
                Span::raw(text),
            ]);
            put_line(buf, area, 1 + k as u16, &line);
        }
    }

    /// Draw the table: title, status, panel tabs, the panels (side by side
    /// when they fit) and the footer on the cursor cell.
    pub(super) fn draw_table(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let t = cx.theme;
        let Some(s) = cx.model.report.schedule(self.id) else {
            return;
        };
        let mut title = vec![
            Span::styled(s.id.label(), t.heading()),
            Span::raw(" "),
            Span::raw(visible(&s.title).into_owned()),
            Span::raw(" "),
            Span::styled(t.status_mark(&s.status), t.status(&s.status)),
        ];
        title.push(Span::styled(format!(" {}", cx.model.report.unit), t.dim()));
        let b = block(t, title, self.focused);
        let inner = b.inner(area);
        b.render(area, buf);
        let mut y = 0u16;
        match &s.status {
            ScheduleStatus::Missing => {
                let msg = format!(
                    "{}《{}》未公开：报告中没有此表 (missing)",
                    s.id.label(),
                    s.title
                );
                for (k, l) in width::wrap(&msg, inner.width as usize).iter().enumerate() {
                    put_line(
                        buf,
                        inner,
                        k as u16,
                        &Line::styled(l.clone(), t.status(&s.status)),
                    );
                }
                return;
            }
            ScheduleStatus::Partial { missing } => {
                let msg = format!("{} 不完整 partial：{}", t.sym.partial, visible(missing));
                put_line(
                    buf,
                    inner,
                    y,
                    &Line::styled(
                        width::truncate(&msg, inner.width as usize, t.sym.ellipsis),
                        t.status(&s.status),
                    ),
                );
                y += 1;
            }
            ScheduleStatus::Present => {}
        }
        if s.panels.is_empty() {
            put_line(
                buf,
                inner,
                y,
                &Line::styled("此表没有可读取的栏目 (no panels)", t.dim()),
            );
            return;
        }
        let wide = self.side_by_side(inner.width as usize);
        if s.panels.len() > 1 && !wide {
            let mut tabs = Vec::new();
            for (i, p) in s.panels.iter().enumerate() {
                if i > 0 {
                    tabs.push(Span::styled(format!(" {} ", t.sym.bar), t.dim()));
                }
                let name = if p.name.is_empty() {
                    format!("栏{}", i + 1)
                } else {
                    p.name.clone()
                };
                let style = if i == self.panel {
                    t.cursor()
                } else {
                    Style::new()
                };
                tabs.push(Span::styled(name, style));
            }
            let shape = if s.panels.len() == 2 {
                "两侧表 two-sided"
            } else {
                "分栏表 panels"
            };
            tabs.push(Span::styled(
                format!("   {shape} {}/{}  < >", self.panel + 1, s.panels.len()),
                t.dim(),
            ));
            put_line(buf, inner, y, &Line::from(tabs));
            y += 1;
        }
        let footer_h: u16 = if inner.height >= 14 {
            3
        } else if inner.height >= 8 {
            2
        } else {
            0
        };
        let body = Rect {
            x: inner.x,
            y: inner.y + y,
            width: inner.width,
            height: inner.height.saturating_sub(y + footer_h),
        };
        if wide {
            let slots = self.slots(s);
            let top = slots.as_ref().map(|lines| {
                let pv = &self.panels[self.panel.min(self.panels.len() - 1)];
                let line = s
                    .panels
                    .get(self.panel)
                    .and_then(|p| p.rows.get(pv.row))
                    .map_or(0, |r| r.line);
                let cpos = lines.iter().position(|l| *l == line).unwrap_or(0);
                let h = (body.height as usize).saturating_sub(2);
                pv.scroll.follow(cpos, lines.len(), h)
            });
            let n = s.panels.len() as u16;
            let each = body.width.saturating_sub(n - 1) / n;
            for pi in 0..s.panels.len() {
                let x = body.x + pi as u16 * (each + 1);
                let w = if pi + 1 == s.panels.len() {
                    body.x + body.width - x
                } else {
                    each
                };
                self.draw_panel(
                    cx,
                    s,
                    pi,
                    Rect {
                        x,
                        width: w,
                        ..body
                    },
                    buf,
                    slots.as_deref().zip(top),
                );
                if pi + 1 < s.panels.len() {
                    for yy in body.y..body.y + body.height {
                        buf.set_string(x + each, yy, t.sym.bar, t.dim());
                    }
                }
            }
        } else {
            self.draw_panel(cx, s, self.panel, body, buf, None);
        }
        if footer_h > 0 {
            let footer = Rect {
                x: inner.x,
                y: body.y + body.height,
                width: inner.width,
                height: footer_h,
            };
            self.draw_footer(cx, s, footer, buf);
        }
    }
}
