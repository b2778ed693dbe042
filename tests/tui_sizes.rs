//! Every view of the workbench and of the portfolio renders at every
//! terminal size without a panic and without writing outside the screen.
//!
//! Drawing the full 300×100 grid (30 000 sizes) of all 40 views would take
//! some 40 minutes of CPU in a debug build (a 300×100 screen costs ~10 ms),
//! so `cargo test` draws, per view, 4 985 fixed sizes and 32 sampled ones:
//! - every size up to 40×40 (1 600 sizes: the early return below 10×3, the
//!   one-pane narrow layout, borders meeting, zero-height lists);
//! - every width 1..=300 at every height 1..=12 (3 600 sizes: one-row panes
//!   and tables with no room for their header, at every column layout);
//! - every height 1..=100 at the widths 71, 72 and 73 (the narrow/wide
//!   switch), and 300×100;
//! - `SAMPLED` sizes drawn by proptest from the whole 1..=300 × 1..=100
//!   grid, new ones each run, through a ratatui `Terminal` that is resized
//!   (so its diffing and flushing are exercised too).
//!
//! Not covered by `cargo test`: the rest of 41..=300 × 13..=100 (about 25 000
//! sizes per view) beyond the sampled ones. `JUESUAN_ALL_SIZES=1` sweeps all
//! 30 000 sizes of every view; `JUESUAN_PROPTEST_CASES` raises the sampled
//! count.
//!
//! Each view is drawn into one buffer resized for each size (as a terminal
//! resize does), so the cost is the drawing, not building the app. Two
//! panics were found this way and fixed (regression tests beside the fixes):
//! the sidebar ran off a 3-row screen (ui.rs), and a table scrolled under an
//! 8-row screen underflowed (table.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::portfolio::browser::Browser;
use juesuan::tui::portfolio::Portfolio;
use juesuan::tui::workbench::annotations::Annotations;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::ui;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::cell::RefCell;
use std::path::Path;
use tui_common::{press, DRILL_05};

const MAX_W: u16 = 300;
const MAX_H: u16 = 100;

/// Views reached by keys from the start screen of the sample, with the
/// auditor's annotations open: every pane, each schedule, a project, each
/// popup, the drill-down, the prompts and the note editor.
const VIEWS: &[(&str, &str)] = &[
    ("startup (findings list and finding detail)", ""),
    ("schedules list", "1"),
    ("schedule 01 (two-sided, partial)", "1 g g <Enter>"),
    ("schedule 02", "1 g g j <Enter>"),
    ("schedule 03", "1 g g j j <Enter>"),
    ("schedule 03 folded", "1 g g j j <Enter> z M"),
    ("schedule 04 scrolled right", "1 g g j j j <Enter> >"),
    ("schedule 05", "1 g g j j j j <Enter>"),
    ("schedule 06 (three panels)", "1 g g j j j j j <Enter>"),
    ("schedule 07", "1 g g j j j j j j <Enter>"),
    ("schedule 08 (missing)", "1 g g j j j j j j j <Enter>"),
    ("schedule 09", "1 g g j j j j j j j j <Enter>"),
    ("schedule 02 at the bottom", "1 g g j <Enter> G"),
    ("projects list", "2"),
    ("first project", "2 g g <Enter>"),
    ("last project", "2 G <Enter>"),
    ("findings filtered", "3 f f"),
    ("findings at the end", "3 G"),
    ("drill-down to a cell", DRILL_05),
    (
        "drill-down, source lines",
        "<C-p> text:ROUNDING <Space> text:公开05表 <Space> text:小计 <Enter> s",
    ),
    (
        "drill-down, cell popup",
        "<C-p> text:ROUNDING <Space> text:公开05表 <Space> text:小计 <Enter> i",
    ),
    ("help", "?"),
    ("help at the end", "? G"),
    ("finder, empty query", "<C-p>"),
    ("finder, pinyin query", "<C-p> text:zfcg"),
    ("finder, no match", "<C-p> text:qqqqqqqqqqqqqqqqqqqq"),
    ("pending chord hint", "1 g"),
    ("verdict set, status message", "c"),
    ("dismissal reason prompt", "d text:已与财政局核实，口径不同"),
    ("note editor", "e text:核对 <Enter> text:第三行"),
    ("own finding title prompt", "a text:合计与决算批复不符"),
    (
        "own finding editor",
        "a text:合计与决算批复不符 <Enter> <C-u> text:error <Enter>",
    ),
    ("ticked schedule", "1 g g j t"),
    ("pane cycle", "<Tab> <Tab>"),
];

/// Sizes beyond the fixed ones, drawn by proptest from the whole grid.
const SAMPLED: u32 = 32;

/// The sizes every view is drawn at, besides the sampled ones.
fn fixed_sizes() -> Vec<(u16, u16)> {
    let all = std::env::var("JUESUAN_ALL_SIZES").is_ok_and(|v| v == "1");
    let mut v = Vec::new();
    for w in 1..=MAX_W {
        for h in 1..=MAX_H {
            let small = w <= 40 && h <= 40;
            let short = h <= 12;
            let switch = [71, 72, 73].contains(&w);
            let corner = (w, h) == (MAX_W, MAX_H);
            if all || small || short || switch || corner {
                v.push((w, h));
            }
        }
    }
    v
}

/// Draw with `draw` at one size into `buf`, resized (and cleared) first.
/// The buffer's own bounds checks catch a write outside the screen.
fn draw_at(buf: &mut Buffer, w: u16, h: u16, draw: &dyn Fn(Rect, &mut Buffer)) {
    let area = Rect::new(0, 0, w, h);
    buf.resize(area);
    buf.reset();
    draw(area, buf);
    assert_eq!(buf.area, area, "the drawing changed the buffer's size");
}

/// Draw a view at every fixed size and at sampled sizes; a panic names the
/// view and the size. Returns how many sizes were drawn.
fn sweep(name: &str, draw: &dyn Fn(Rect, &mut Buffer)) -> usize {
    let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
    let sizes = fixed_sizes();
    for &(w, h) in &sizes {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            draw_at(&mut buf, w, h, draw)
        }));
        if let Err(p) = r {
            eprintln!("{name}: panicked at {w}×{h}");
            std::panic::resume_unwind(p);
        }
    }
    let terminal = RefCell::new(Terminal::new(TestBackend::new(1, 1)).unwrap());
    let cases = std::env::var("JUESUAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SAMPLED);
    TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    })
    .run(&(1..=MAX_W, 1..=MAX_H), |(w, h)| {
        let mut t = terminal.borrow_mut();
        t.backend_mut().resize(w, h);
        t.resize(Rect::new(0, 0, w, h)).unwrap();
        t.draw(|f| draw(f.area(), f.buffer_mut())).unwrap();
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    sizes.len() + cases as usize
}

/// The workbench on a private copy of the sample (so the verdict and tick
/// views save there), with annotations open.
fn review_app(dir: &Path) -> App {
    let report = dir.join("chaoyang-hrss-2024.txt");
    std::fs::copy(tui_common::sample_path(), &report).unwrap();
    let model = load(&report).unwrap();
    let mut app = App::new(model, Keymap::defaults().unwrap(), Theme::new(false, false));
    let opened = Annotations::open(&report, None, Some("李审计"));
    app.attach_annotations(opened.annotations, opened.message);
    app
}

/// Sweep the views `VIEWS[range]` (split over several tests so the harness
/// runs them in parallel).
fn sweep_views(range: std::ops::Range<usize>) {
    for (name, keys) in &VIEWS[range] {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = review_app(tmp.path());
        press(&mut app, keys);
        sweep(name, &|area, buf| ui::draw(&app, area, buf));
    }
}

#[test]
fn views_list_and_schedules_render_at_every_size() {
    sweep_views(0..13);
}

#[test]
fn views_projects_findings_drill_down_render_at_every_size() {
    sweep_views(13..22);
}

#[test]
fn popups_prompts_and_editor_render_at_every_size() {
    sweep_views(22..VIEWS.len());
}

/// A note of wide, astral, zero-width, bidi and control characters with a
/// very long unbroken run: in the editor, then saved and shown under the
/// finding (the wrapping code meets widths of one and two cells).
#[test]
fn an_awkward_note_renders_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = review_app(tmp.path());
    press(&mut app, &format!("{DRILL_05} e"));
    let long: String = "合计𠀀😀a".repeat(300);
    app.paste(&format!(
        "核对\t\u{1b}[31m红\u{202e}反向\u{200b}\u{feff}\r\n\u{9b}\u{7f}e\u{301}\n{long}\n\n"
    ));
    sweep("note editor, awkward text", &|area, buf| {
        ui::draw(&app, area, buf)
    });
    press(&mut app, "<C-s>");
    let id = app.model.findings[app.current_index().unwrap()].id.clone();
    let note = &app
        .annotations
        .as_ref()
        .unwrap()
        .session
        .annotation(&id)
        .unwrap()
        .note;
    assert!(note.contains(&long), "the note was saved");
    sweep("awkward note under its finding", &|area, buf| {
        ui::draw(&app, area, buf)
    });
}

/// The evidence tables (a project's and the 整体 table) and, on the Putuo
/// PDF, the page view laid out by position.
#[test]
fn evidence_tables_and_the_pdf_page_view_render_at_every_size() {
    for (name, keys) in [
        (
            "evidence table, project",
            "<C-p> text:PLAUS-FULL <Space> text:消防 <Enter>",
        ),
        (
            "evidence table, overall, at its end",
            "<C-p> text:OVERALL-RATE <Enter> G",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = review_app(tmp.path());
        press(&mut app, keys);
        sweep(name, &|area, buf| ui::draw(&app, area, buf));
    }
    let mut app = App::new(
        load(Path::new("sample-data/shanghai-putuo-finance-2024.pdf")).unwrap(),
        Keymap::defaults().unwrap(),
        Theme::new(false, false),
    );
    press(&mut app, "<C-p> text:TEXT-SHARE <Enter> p");
    sweep("PDF page view", &|area, buf| ui::draw(&app, area, buf));
    press(&mut app, "> > G");
    sweep("PDF page view, a table page at its end", &|area, buf| {
        ui::draw(&app, area, buf)
    });
}

#[test]
fn ascii_mode_renders_at_every_size() {
    // ASCII mode rewrites every cell of the screen after drawing.
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("chaoyang-hrss-2024.txt");
    std::fs::copy(tui_common::sample_path(), &report).unwrap();
    let mut app = App::new(
        load(&report).unwrap(),
        Keymap::defaults().unwrap(),
        Theme::new(true, true),
    );
    press(&mut app, DRILL_05);
    sweep("ascii drill-down", &|area, buf| ui::draw(&app, area, buf));
}

/// The portfolio list before and after checking, and a report opened from it.
#[test]
fn portfolio_views_render_at_every_size() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    juesuan::corpus::write_corpus(&dir, tui_common_sample(), 3, 11).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a report\n").unwrap();
    let pending = Browser::new(
        Portfolio::new(&dir),
        Keymap::defaults().unwrap(),
        Theme::new(false, false),
    );
    sweep("portfolio, pending", &|area, buf| pending.draw(area, buf));
    let mut p = Portfolio::new(&dir);
    p.start();
    p.wait();
    let mut b = Browser::new(p, Keymap::defaults().unwrap(), Theme::new(false, false));
    sweep("portfolio, checked", &|area, buf| b.draw(area, buf));
    b.handle_key(Key::parse("j").unwrap());
    b.handle_key(Key::parse("<Enter>").unwrap());
    assert!(b.workbench.is_some(), "Enter opens the workbench");
    sweep("portfolio, report opened", &|area, buf| b.draw(area, buf));
}

fn tui_common_sample() -> &'static str {
    include_str!("../sample-data/chaoyang-hrss-2024.txt")
}

/// Regression: at 72×3 (wide layout, a one-row body) the sidebar gave its
/// two small lists three rows each, below the screen: index out of bounds,
/// in release builds too. Fixed in `ui::sidebar_heights`.
#[test]
fn a_wide_three_row_terminal_does_not_panic() {
    let app = tui_common::sample_app(false);
    let s = tui_common::render(&app, 72, 3);
    assert_eq!(s.lines().count(), 3);
    let s = tui_common::render(&app, 300, 4);
    assert!(
        s.contains("朝阳"),
        "the status line still shows the report:\n{s}"
    );
}

/// Regression: schedule 01 (two panels side by side, rows placed by source
/// line) at 109×8 computed `k - top` for rows above the window: an integer
/// underflow (a panic in debug builds). Fixed in table.rs.
#[test]
fn a_two_sided_table_under_an_eight_row_terminal_does_not_panic() {
    let mut app = tui_common::sample_app(false);
    press(&mut app, "1 g g <Enter>");
    let s = tui_common::render(&app, 109, 8);
    assert_eq!(s.lines().count(), 8);
}

/// The sweep must be able to fail: a view that writes one cell past the
/// screen's right edge panics at the first size.
#[test]
fn a_view_that_draws_off_screen_is_caught() {
    let r = std::panic::catch_unwind(|| {
        sweep("off-screen", &|area, buf| {
            buf[(area.x + area.width, area.y)].set_symbol("x");
        })
    });
    assert!(r.is_err());
}
