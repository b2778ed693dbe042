//! Helpers for the workbench tests: open the sample, press keys by their
//! keymap notation, and render to text the way the screen looks.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// The sample report's path, relative (tests run in the package root), so
/// snapshots that show it do not depend on where the repo is checked out.
pub fn sample_path() -> std::path::PathBuf {
    Path::new("sample-data/chaoyang-hrss-2024.txt").to_path_buf()
}

/// The workbench on the sample, default keys, no colour.
pub fn sample_app(ascii: bool) -> App {
    let model = load(&sample_path()).expect("sample parses");
    App::new(
        model,
        Keymap::defaults().expect("defaults load"),
        Theme::new(ascii, false),
    )
}

/// Press keys written in keymap notation, separated by spaces: `3 G <Enter>`.
/// `<Space>` is a space; text for an input is typed one char per token or
/// with `text:` (e.g. `text:zfcg`).
pub fn press(app: &mut App, keys: &str) {
    for tok in keys.split_whitespace() {
        if let Some(text) = tok.strip_prefix("text:") {
            for c in text.chars() {
                app.handle_key(Key::char(c));
            }
            continue;
        }
        app.handle_key(Key::parse(tok).unwrap_or_else(|e| panic!("{tok}: {e}")));
    }
}

/// Render the app at `w`×`h` and return the screen, one line per row, wide
/// characters written once (so the text lines up in a CJK-aware editor).
pub fn render(app: &App, w: u16, h: u16) -> String {
    screen(&buffer(app, w, h))
}

/// Render the app at `w`×`h` and return the buffer, cells and styles.
pub fn buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            let area = f.area();
            ui::draw(app, area, f.buffer_mut());
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer as text; a cell hidden under a wide char must be blank.
pub fn screen(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                assert!(
                    sym == " " || sym.is_empty(),
                    "cell ({x},{y}) under a wide char holds {sym:?}"
                );
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        assert_eq!(
            line.width(),
            buf.area.width as usize,
            "row {y} is not {} cells: {line}",
            buf.area.width
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The line of the screen that contains `needle`.
pub fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line contains {needle:?} in:\n{screen}"))
}

/// The status line (second to last row).
pub fn status(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2]
}

/// The display column where each amount (1,234.56) on a line ends.
pub fn amount_ends(line: &str) -> Vec<usize> {
    let re = regex::Regex::new(r"-?\d[\d,]*\.\d+").unwrap();
    re.find_iter(line)
        .map(|m| line[..m.end()].width())
        .collect()
}

/// Keys that drill into the ROUNDING note on 公开05表 合计 小计 through the
/// finder (by its text, not its place in the list, so new rules elsewhere do
/// not move it).
pub const DRILL_05: &str = "<C-p> text:ROUNDING <Space> text:公开05表 <Space> text:小计 <Enter>";

/// "✗e ▲w ·i" for the app's findings, as the status line shows them.
pub fn counts(app: &App) -> String {
    let (e, w, i) = app.model.counts();
    format!("✗{e} ▲{w} ·{i}")
}

/// "问题 k/n" for the current finding.
pub fn finding_pos(app: &App) -> String {
    let (k, n) = app.finding_position().expect("a current finding");
    format!("问题 {k}/{n}")
}
