//! The layout: sidebar (schedules, projects, findings) and main pane, the
//! drill-down box, a status line and a one-line key hint; popups on top. At
//! narrow widths only the focused pane is shown.

use crate::sanitize::visible;
use crate::tui::draw::put_line;
use crate::tui::draw::width;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::short;
use crate::tui::panes::detail;
use crate::tui::panes::Pane;
use crate::tui::workbench::app::{App, Popup};
use crate::tui::workbench::state::{Focus, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Below this width the layout shows one pane at a time.
pub const NARROW: u16 = 72;

/// Draw the whole workbench.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 4 || area.width < 10 {
        return;
    }
    let header = Rect { height: 1, ..area };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 3,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 2,
        height: 1,
        ..area
    };
    let hint = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    if area.width < NARROW || app.zoomed {
        draw_narrow(app, body, buf);
    } else {
        let side_w = sidebar_width(area.width, app.focus);
        let side = Rect {
            width: side_w,
            ..body
        };
        let main = Rect {
            x: body.x + side_w,
            width: body.width - side_w,
            ..body
        };
        draw_sidebar(app, side, buf);
        draw_main(app, main, buf);
    }
    draw_header(app, header, buf);
    draw_status(app, status, buf);
    draw_hint(app, hint, buf);
    let cx = app.cx();
    match app.popup {
        Some(Popup::Help) => app.help.draw(&cx, body, buf),
        Some(Popup::Finder) => app.finder.draw(&cx, body, buf),
        Some(Popup::CellInfo) => {
            if let Some(c) = &app.cell_info {
                c.draw(&cx, body, buf);
            }
        }
        Some(Popup::Editor) => {
            if let Some(e) = &app.editor {
                e.draw(&cx, body, buf);
            }
        }
        Some(Popup::Prompt) | None => {}
    }
    if app.theme.ascii {
        fold_ambiguous(buf, area);
    }
}

/// ASCII mode: replace every ambiguous-width character on screen (report
/// text included: “”, …, ①) with a one-cell ASCII stand-in, so a terminal in
/// a CJK locale, which draws them two cells wide, keeps the columns.
pub fn fold_ambiguous(buf: &mut Buffer, area: Rect) {
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            let cell = &mut buf[(x, y)];
            let mut chars = cell.symbol().chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if crate::tui::draw::theme::is_ambiguous(c) {
                    let mut tmp = [0u8; 4];
                    cell.set_symbol(crate::tui::draw::theme::ascii_for(c).encode_utf8(&mut tmp));
                }
            }
        }
    }
}

fn draw_narrow(app: &App, area: Rect, buf: &mut Buffer) {
    let cx = app.cx();
    match app.focus {
        Focus::Schedules => app.schedules.draw(&cx, area, buf),
        Focus::Projects => app.projects.draw(&cx, area, buf),
        Focus::Findings => app.findings.draw(&cx, area, buf),
        Focus::Main => draw_main(app, area, buf),
    }
}

/// The sidebar's width: a third of the screen, and more while the findings
/// list has the keyboard, so that each finding shows what sets it apart.
pub fn sidebar_width(total: u16, focus: Focus) -> u16 {
    match focus {
        Focus::Findings => (total * 48 / 100).clamp(26, 72),
        _ => (total * 32 / 100).clamp(26, 52),
    }
}

/// Heights of the three lists: the focused one (the findings when the main
/// pane has focus) gets the room; the others show a few rows.
pub fn sidebar_heights(h: u16, focus: Focus, wants: [u16; 3]) -> [u16; 3] {
    let big = match focus {
        Focus::Schedules => 0,
        Focus::Projects => 1,
        Focus::Findings | Focus::Main => 2,
    };
    let small = (h / 4).max(3);
    let mut out = [0u16; 3];
    // Never hand out more rows than there are: on a very short terminal the
    // small lists would otherwise run off the bottom of the screen.
    let mut rest = h;
    for i in 0..3 {
        if i != big {
            out[i] = wants[i].min(small).min(rest);
            rest -= out[i];
        }
    }
    out[big] = rest;
    // Room the big list does not need goes back to the others, findings first.
    let mut spare = out[big].saturating_sub(wants[big]);
    if spare > 0 {
        out[big] = wants[big];
        for i in [2, 1, 0] {
            if i != big {
                let add = wants[i].saturating_sub(out[i]).min(spare);
                out[i] += add;
                spare -= add;
            }
        }
        out[2] += spare;
    }
    out
}

fn draw_sidebar(app: &App, area: Rect, buf: &mut Buffer) {
    let cx = app.cx();
    let wants = [
        app.model.report.schedules.len() as u16 + 2,
        app.model.report.projects.len() as u16 + 3,
        app.findings.items.len().max(1) as u16 + 2,
    ];
    let hs = sidebar_heights(area.height, app.focus, wants);
    let mut y = area.y;
    for (i, h) in hs.iter().enumerate() {
        let r = Rect {
            y,
            height: *h,
            ..area
        };
        match i {
            0 => app.schedules.draw(&cx, r, buf),
            1 => app.projects.draw(&cx, r, buf),
            _ => app.findings.draw(&cx, r, buf),
        }
        y += h;
    }
}

fn draw_main(app: &App, area: Rect, buf: &mut Buffer) {
    let cx = app.cx();
    let detail_h = match app.current_index() {
        Some(f) if app.view_involves(f) => {
            let extra = app.model.findings.get(f).map_or(0, |x| {
                detail::annotation_lines(&cx, &x.id, area.width as usize).len()
            });
            detail::height_for(area.height, extra)
        }
        _ => 0,
    };
    let view = Rect {
        height: area.height - detail_h,
        ..area
    };
    match app.view {
        View::Table(id) => {
            if let Some(t) = app.tables.iter().find(|t| t.id == id) {
                t.draw(&cx, view, buf);
            }
        }
        View::Project(_) => app.project.draw(&cx, view, buf),
        View::Source => app.source.draw(&cx, view, buf),
        View::Evidence(_) => app.evidence.draw(&cx, view, buf),
        View::Page(_) => app.page.draw(&cx, view, buf),
    }
    if let (Some(f), true) = (app.current_index(), detail_h > 0) {
        let r = Rect {
            y: area.y + view.height,
            height: detail_h,
            ..area
        };
        detail::draw(&cx, f, app.finding_position(), r, buf);
    }
}

/// Which report is open, on every screen: department, year, file and what
/// it was read from (an auditor with twenty reports a week must never
/// wonder whose findings these are).
pub fn header_text(app: &App) -> String {
    let r = &app.model.report;
    let bar = format!(" {} ", app.theme.sym.bar);
    let mut parts: Vec<String> = Vec::new();
    if !r.department.is_empty() {
        parts.push(visible(&r.department).into_owned());
    }
    if let Some(y) = r.year {
        parts.push(format!("{y}年度"));
    }
    parts.push(match app.model.pages {
        Some(n) => format!("PDF {n}页"),
        None => format!("文本 {}行", r.source.lines.len()),
    });
    // The file name last: it yields first when the line is short.
    parts.push(visible(&app.model.file_name).into_owned());
    format!(" {}", parts.join(&bar))
}

fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let text = width::truncate(&header_text(app), area.width as usize, t.sym.ellipsis);
    let line = Line::styled(
        width::pad_right(&text, area.width as usize, t.sym.ellipsis),
        t.status_line(),
    );
    put_line(buf, area, 0, &line);
}

fn draw_status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (e, w, i) = app.model.counts();
    let bar = format!(" {} ", t.sym.bar);
    let counts = format!(
        " {}{e} {}{w} {}{i}{bar}",
        t.sym.error, t.sym.warning, t.sym.info
    );
    let pos = match &app.annotations {
        Some(a) => format!("{}{bar}{}", a.status(), app.position()),
        None => app.position(),
    };
    let total = area.width as usize;
    let text = format!("{counts}{pos}");
    let line = Line::styled(
        width::pad_right(&text, total, t.sym.ellipsis),
        t.status_line(),
    );
    put_line(buf, area, 0, &line);
}

fn hint_actions(scope: Scope) -> &'static [Action] {
    use Action::*;
    match scope {
        Scope::Schedules | Scope::Projects => {
            &[Open, FocusNext, NextFinding, Finder, Search, Help, Quit]
        }
        Scope::Findings => &[
            Open,
            NextFinding,
            FilterSeverity,
            FilterRule,
            Finder,
            Help,
            Quit,
        ],
        Scope::Table => &[
            CellInfo,
            ToggleFold,
            ToggleSource,
            NextFinding,
            JumpBack,
            Finder,
            Help,
        ],
        Scope::Project | Scope::Source => {
            &[ToggleSource, NextFinding, JumpBack, Search, Finder, Help]
        }
        Scope::Evidence => &[Open, ToggleSource, Page, NextFinding, JumpBack, Help],
        Scope::Page => &[
            NextPanel,
            PrevPanel,
            Page,
            ToggleSource,
            NextFinding,
            JumpBack,
            Help,
        ],
        Scope::Finder => &[Open, Down, Close],
        Scope::CellInfo => &[Open, Copy, Close],
        Scope::Help => &[Down, Close],
        Scope::Input | Scope::Global => &[Submit, Close],
        Scope::Editor => &[Submit, Close, Newline],
        Scope::Portfolio => &[Open, SortNext, SortReverse, Quit],
    }
}

fn draw_hint(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let total = area.width as usize;
    if app.popup == Some(Popup::Prompt) {
        let line = app.prompt.line(t, &app.prompt_detail());
        put_line(buf, area, 0, &line);
        return;
    }
    if let Some(m) = &app.flash {
        put_line(
            buf,
            area,
            0,
            &Line::styled(width::truncate(m, total, t.sym.ellipsis), t.heading()),
        );
        return;
    }
    let scopes = app.scopes();
    let mut spans = Vec::new();
    if !app.pending.is_empty() {
        spans.push(Span::styled(
            format!("{} …", short(&app.pending)),
            t.heading(),
        ));
        for b in app.keymap.continuations(&scopes, &app.pending) {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                short(&b.keys[app.pending.len()..]),
                t.heading(),
            ));
            spans.push(Span::styled(
                format!(" {}", b.action.name().replace('_', " ")),
                t.dim(),
            ));
        }
    } else {
        for a in hint_actions(scopes[0]) {
            if let Some(b) = app.keymap.binding_for(&scopes, *a) {
                if !spans.is_empty() {
                    spans.push(Span::raw("  "));
                }
                spans.push(Span::styled(short(&b.keys), t.heading()));
                spans.push(Span::styled(
                    format!(" {}", a.name().replace('_', " ")),
                    t.dim(),
                ));
            }
        }
    }
    put_line(buf, area, 0, &Line::from(spans));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn the_focused_list_gets_the_room() {
        let wants = [11, 25, 20];
        let h = sidebar_heights(22, Focus::Findings, wants);
        assert_eq!(h.iter().sum::<u16>(), 22);
        assert_eq!(h, [5, 5, 12]);
        let h = sidebar_heights(22, Focus::Schedules, wants);
        assert_eq!(h, [11, 5, 6]);
        // Room nobody needs ends up in the findings list, so nothing is blank.
        let h = sidebar_heights(60, Focus::Schedules, [11, 25, 5]);
        assert_eq!(h.iter().sum::<u16>(), 60);
        assert_eq!(h[0], 11);
    }

    /// Regression (found by tests/tui_sizes.rs): at 72×3 the sidebar is one
    /// row high, but the two small lists were given three rows each and drew
    /// below the screen, out of the buffer: a panic.
    #[test]
    fn the_lists_never_get_more_rows_than_there_are() {
        for h in 0..40 {
            for focus in [
                Focus::Schedules,
                Focus::Projects,
                Focus::Findings,
                Focus::Main,
            ] {
                for wants in [[11, 25, 20], [0, 0, 0], [2, 3, 3], [500, 500, 500]] {
                    let got = sidebar_heights(h, focus, wants);
                    assert_eq!(
                        got.iter().sum::<u16>(),
                        h,
                        "{h} {focus:?} {wants:?}: {got:?}"
                    );
                }
            }
        }
        assert_eq!(sidebar_heights(1, Focus::Findings, [11, 25, 20]), [1, 0, 0]);
    }
}
