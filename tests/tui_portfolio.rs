//! The portfolio (`juesuan DIR`): a snapshot at 80×24 of a folder of
//! generated reports, Enter into the workbench and back, and the list shown
//! (pending) before any report is checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::portfolio::browser::Browser;
use juesuan::tui::portfolio::{Portfolio, SortKey, Status};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

const SAMPLE: &str = include_str!("../sample-data/chaoyang-hrss-2024.txt");

/// Four generated reports, a non-report, and a verdict on one report's first
/// error; the folder is `…/reports` so the title does not depend on the
/// temporary directory's name.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    let expected = juesuan::corpus::write_corpus(&dir, SAMPLE, 4, 7).unwrap();
    std::fs::write(dir.join("notes.txt"), "shopping list\nmilk\n").unwrap();
    let first = &expected[0].file;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["check", "--format", "json"])
        .arg(first)
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let id = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "error" || f["severity"] == "warning")
        .map(|f| f["id"].as_str().unwrap().to_string())
        .expect("a generated report has an error or warning");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["review", "--verdict", "confirmed", "--finding", &id])
        .arg(first)
        .output()
        .unwrap();
    assert!(status.status.success());
    (tmp, dir)
}

fn browser(dir: &Path, start: bool) -> Browser {
    let mut p = Portfolio::new(dir);
    if start {
        p.start();
        p.wait();
    }
    Browser::new(p, Keymap::defaults().unwrap(), Theme::new(false, false))
}

fn render(b: &Browser, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| b.draw(f.area(), f.buffer_mut())).unwrap();
    tui_common::screen(terminal.backend().buffer())
}

/// The start of a file name: long names are cut at 80 columns.
fn prefix(name: &str) -> String {
    name.chars().take(5).collect()
}

fn press(b: &mut Browser, keys: &str) {
    for k in keys.split_whitespace() {
        b.handle_key(Key::parse(k).unwrap());
    }
}

#[test]
fn portfolio_at_80x24() {
    let (_tmp, dir) = folder();
    let b = browser(&dir, true);
    let screen = render(&b, 80, 24);
    insta::assert_snapshot!("portfolio_80x24", screen);
    // Columns line up whatever the width of the department's name: every
    // checked row's year ends at the same display column as the header's.
    let header = tui_common::line_with(&screen, "年度");
    let end = header[..header.find("年度").unwrap()].width() + "年度".width();
    let mut rows = 0;
    for e in &b.portfolio.entries {
        let Status::Checked(s) = &e.status else {
            continue;
        };
        let year = s.year.unwrap().to_string();
        let line = tui_common::line_with(&screen, &prefix(&e.name));
        let at = line.find(&format!(" {year} ")).unwrap() + 1;
        assert_eq!(line[..at].width() + 4, end, "{line}");
        rows += 1;
    }
    assert_eq!(rows, 4);
    // The reviewed finding shows in that report's progress.
    let first = b.portfolio.entries.iter().find(|e| e.name != "notes.txt");
    let Some(Status::Checked(s)) = first.map(|e| &e.status) else {
        panic!("the first report is checked");
    };
    assert_eq!(s.reviewed, 1);
    assert!(screen.contains(&format!("1/{}", s.to_review)), "{screen}");
    assert!(tui_common::line_with(&screen, "notes.txt").contains("unreadable"));
}

#[test]
fn enter_opens_the_workbench_and_esc_comes_back() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    press(&mut b, "j");
    let chosen = b.portfolio.selected().unwrap().path.clone();
    press(&mut b, "<Enter>");
    let app = b.workbench.as_ref().expect("Enter opens the workbench");
    let name = chosen.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(app.model.file_name, name);
    let screen = render(&b, 100, 30);
    // The header names the report: its department, then the file (cut to fit).
    let header = screen.lines().next().unwrap_or("");
    let head: String = name.chars().take(20).collect();
    assert!(header.contains(&head), "{screen}");
    let dept = app.model.report.department.clone();
    assert!(!dept.is_empty() && header.contains(&dept), "{screen}");
    let year = app.model.report.year.unwrap();
    assert!(header.contains(&format!("{year}年度")), "{screen}");
    assert!(
        tui_common::status(&screen).contains("审0/"),
        "annotations are open: {screen}"
    );
    // Keys go to the workbench while it is open.
    press(&mut b, "3 j");
    assert!(b.workbench.is_some());
    press(&mut b, "<Esc>");
    assert!(b.workbench.is_none(), "Esc comes back to the portfolio");
    assert_eq!(b.portfolio.selected().unwrap().path, chosen, "cursor kept");
    assert!(render(&b, 80, 24).contains("汇总 Portfolio"));
    // q in the portfolio quits.
    press(&mut b, "q");
    assert!(b.should_quit());
}

#[test]
fn the_list_shows_before_any_report_is_checked() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, false);
    let screen = render(&b, 80, 24);
    assert!(screen.contains("0/5 checked"), "{screen}");
    // Every report file is listed, pending (notes.txt is found unreadable
    // only when checked).
    for e in &b.portfolio.entries {
        assert_eq!(e.status, Status::Pending);
        assert!(tui_common::line_with(&screen, &prefix(&e.name)).contains("checking"));
    }
    assert_eq!(b.portfolio.entries.len(), 5);
    // The keyboard works while pending: move and sort.
    press(&mut b, "j o");
    assert_eq!(b.portfolio.sort, SortKey::File);
    // Results arrive through the channel; poll until all are in.
    b.portfolio.start();
    let t0 = std::time::Instant::now();
    while b.portfolio.busy() {
        b.tick();
        assert!(t0.elapsed().as_secs() < 60, "checking never finished");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let screen = render(&b, 80, 24);
    assert!(screen.contains("5/5 checked"), "{screen}");
    assert!(!screen.contains("checking"), "{screen}");
}

#[test]
fn sorting_by_errors_puts_checked_reports_in_order() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    press(&mut b, "o o o o O");
    assert_eq!(b.portfolio.sort, SortKey::Errors);
    assert!(b.portfolio.reverse);
    let mut seen = Vec::new();
    press(&mut b, "g g");
    for _ in 0..b.portfolio.entries.len() {
        if let Some(Status::Checked(s)) = b.portfolio.selected().map(|e| &e.status) {
            seen.push(s.errors);
        }
        press(&mut b, "j");
    }
    assert_eq!(seen.len(), 4);
    assert!(seen.windows(2).all(|w| w[0] >= w[1]), "{seen:?}");
}

#[test]
fn a_verdict_given_in_the_workbench_shows_in_the_list_on_return() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    let reviewed = |b: &Browser, path: &Path| {
        let e = b.portfolio.entries.iter().find(|e| e.path == path).unwrap();
        let Status::Checked(s) = &e.status else {
            panic!("{} is checked", e.name);
        };
        (s.reviewed, s.to_review)
    };
    press(&mut b, "j");
    let chosen = b.portfolio.selected().unwrap().path.clone();
    let (before, to_review) = reviewed(&b, &chosen);
    assert_eq!(before, 0);
    press(&mut b, "<Enter>");
    let app = b.workbench.as_ref().unwrap();
    let first = &app.model.findings[app.findings.selected().unwrap()];
    assert_ne!(
        first.severity,
        juesuan::rules::Severity::Info,
        "an error or warning is selected"
    );
    press(&mut b, "c <Esc>");
    assert!(b.workbench.is_none());
    assert_eq!(reviewed(&b, &chosen), (1, to_review));
    let screen = render(&b, 80, 24);
    let line = tui_common::line_with(
        &screen,
        &prefix(&chosen.file_name().unwrap().to_string_lossy()),
    );
    assert!(line.contains(&format!("1/{to_review}")), "{screen}");
}

/// Triage: the report with the most unreviewed errors is on top; confirming
/// some of them in the workbench and coming back moves it down the list, and
/// the cursor goes with it. Snapshot at a large size after the return.
#[test]
fn reviewing_the_top_report_moves_it_down_and_the_cursor_follows() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    let open_errors = |b: &Browser, path: &Path| {
        let e = b.portfolio.entries.iter().find(|e| e.path == path).unwrap();
        let Status::Checked(s) = &e.status else {
            panic!("{} is checked", e.name);
        };
        (s.unreviewed_errors, s.unreviewed_warnings)
    };
    let top = b.portfolio.selected().unwrap().path.clone();
    let (errors, warnings) = open_errors(&b, &top);
    let most = b
        .portfolio
        .entries
        .iter()
        .filter_map(|e| match &e.status {
            Status::Checked(s) => Some(s.unreviewed_errors),
            _ => None,
        })
        .max()
        .unwrap();
    assert_eq!(
        errors, most,
        "the cursor starts on the most unreviewed errors"
    );
    press(&mut b, "<Enter>");
    // The findings list starts on the first error; each c confirms one and
    // moves to the next without a verdict.
    press(&mut b, "c c c c <Esc>");
    assert!(b.workbench.is_none());
    assert_eq!(open_errors(&b, &top), (errors - 4, warnings));
    assert_eq!(b.portfolio.selected().unwrap().path, top, "cursor kept");
    let listed: Vec<_> = b.portfolio.listed().map(|e| e.path.clone()).collect();
    assert_ne!(listed[0], top, "fewer unreviewed errors than another now");
    let screen = render(&b, 160, 40);
    insta::assert_snapshot!("portfolio_triage_160x40", screen);
    let row = tui_common::line_with(
        &screen,
        &prefix(&top.file_name().unwrap().to_string_lossy()),
    );
    assert!(
        row.contains(&format!("{}/{warnings}", errors - 4)),
        "{screen}"
    );
    // Four more reviewed than before (the folder has one verdict on 00000).
    let Some(Status::Checked(s)) = b.portfolio.selected().map(|e| &e.status) else {
        panic!("the report is checked");
    };
    let before = usize::from(top.to_string_lossy().contains("00000"));
    assert!(
        row.contains(&format!("{}/{}", before + 4, s.to_review)),
        "{screen}"
    );
}

/// `/` filters the list by department as it is typed — fuzzily, or by
/// pinyin initials — Enter keeps the filter, Esc clears it; the action is
/// named in the keymap and in the hint line.
#[test]
fn slash_filters_the_list_by_department() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    let all = b.portfolio.shown();
    assert_eq!(all, 5);
    assert!(render(&b, 80, 24).contains("/ search"));
    // 民政 (the 民政局 of 辽阳市) by its characters.
    press(&mut b, "/");
    for c in "民政".chars() {
        b.handle_key(Key::char(c));
    }
    assert_eq!(b.portfolio.shown(), 1);
    let s = render(&b, 80, 24);
    assert!(s.contains("筛选 filter: 民政"), "{s}");
    assert!(s.contains("辽宁省辽阳市民政局"), "{s}");
    assert!(!s.contains("丹东市"), "{s}");
    // Enter keeps it; the cursor is on the one report, Enter would open it.
    press(&mut b, "<Enter>");
    assert_eq!(b.portfolio.filter(), "民政");
    let s = render(&b, 80, 24);
    assert!(s.contains("筛选 filter “民政” 1/5"), "{s}");
    assert!(b.portfolio.selected().unwrap().name.contains("辽阳"));
    // `/` again starts from it; Backspace edits; pinyin initials: yjglj
    // for 应急管理局.
    press(&mut b, "/ <C-u>");
    assert_eq!(b.portfolio.shown(), all);
    for c in "yjglj".chars() {
        b.handle_key(Key::char(c));
    }
    assert_eq!(b.portfolio.shown(), 1, "{}", render(&b, 80, 24));
    assert!(b.portfolio.selected().unwrap().name.contains("丹东"));
    // Nothing matches: said so.
    b.handle_key(Key::char('x'));
    b.handle_key(Key::char('q'));
    assert_eq!(b.portfolio.shown(), 0);
    assert!(render(&b, 80, 24).contains("没有匹配的报告"));
    // `q` was typed, not quit; Esc clears the filter and lists all.
    assert!(!b.should_quit());
    press(&mut b, "<Esc>");
    assert_eq!(b.portfolio.filter(), "");
    assert_eq!(b.portfolio.shown(), all);
    // The help of the keymap names the action.
    use juesuan::tui::popups::help::{lines, HelpLine};
    let km = Keymap::defaults().unwrap();
    assert!(lines(&km)
        .iter()
        .any(|l| matches!(l, HelpLine::Keys(k, a, d)
            if k == "/" && a == "search" && d.contains("department"))));
}

/// Verdicts given in another session (here `juesuan review`, as a colleague
/// would from another terminal) show in the list without opening the
/// report: the portfolio looks at the sidecars' size and mtime on its tick.
#[test]
fn a_verdict_given_in_another_session_shows_without_opening_the_report() {
    let (_tmp, dir) = folder();
    let mut b = browser(&dir, true);
    let entry = |b: &Browser, path: &Path| {
        let e = b.portfolio.entries.iter().find(|e| e.path == path).unwrap();
        let Status::Checked(s) = &e.status else {
            panic!("{} is checked", e.name);
        };
        s.reviewed
    };
    // The second report (the first has a verdict already).
    press(&mut b, "j");
    let chosen = b.portfolio.selected().unwrap().path.clone();
    assert_eq!(entry(&b, &chosen), 0);
    assert!(!b.portfolio.watch_sidecars(), "nothing changed yet");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["check", "--format", "json"])
        .arg(&chosen)
        .output()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let ids: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["id"].as_str().unwrap().to_string())
        .take(2)
        .collect();
    for id in &ids {
        let st = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
            .args(["review", "--verdict", "confirmed", "--finding", id])
            .arg(&chosen)
            .output()
            .unwrap();
        assert!(st.status.success());
    }
    assert!(b.portfolio.watch_sidecars());
    assert_eq!(entry(&b, &chosen), 2);
    // The cursor stayed on the report, and the row says so.
    assert_eq!(b.portfolio.selected().unwrap().path, chosen);
    let screen = render(&b, 80, 24);
    let line = tui_common::line_with(
        &screen,
        &prefix(&chosen.file_name().unwrap().to_string_lossy()),
    );
    assert!(line.contains("2/"), "{screen}");
    assert!(!b.portfolio.watch_sidecars(), "counted once");
}
