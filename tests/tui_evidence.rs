//! The evidence views of issue 16: a performance-table finding drills down
//! to the table itself, aligned, with the cells it names marked (`▶` `◆`,
//! so it works without colour); and for a PDF report, `p` shows the page a
//! finding is on with its text placed by position and the finding's lines
//! marked. Snapshots at 80×24 and 200×60.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::state::View;
use std::path::Path;
use tui_common::{line_with, press, render, sample_app, status};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

const PDF: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

fn pdf_app() -> App {
    let model = load(Path::new(PDF)).expect("the PDF reads");
    App::new(
        model,
        Keymap::defaults().expect("defaults load"),
        Theme::new(false, false),
    )
}

fn snap(name: &str, app: impl Fn() -> App, keys: &str) -> Vec<String> {
    SIZES
        .iter()
        .map(|&(w, h)| {
            let mut app = app();
            press(&mut app, keys);
            let s = render(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
            s
        })
        .collect()
}

/// OVERALL-RATE on the 整体绩效自评表's 人员经费（刚性） task: 97.00% printed
/// for 381.37 ÷ 392.49.
const OVERALL_RATE: &str = "<C-p> text:OVERALL-RATE <Space> text:刚性 <Enter>";

/// PERF-TOTAL on 社保维稳专项: 总得分 0 ≠ 0 + 10 − 0.
const PERF_TOTAL: &str = "<C-p> text:PERF-TOTAL <Enter>";

/// PLAUS-FULL-MARKS-LOW-EXEC on 劳动大厦消防设施改造: full marks on all 8
/// indicators with 58.46% executed.
const FULL_MARKS: &str = "<C-p> text:PLAUS-FULL <Space> text:消防 <Enter>";

/// TEXT-SHARE on the Putuo PDF: "占71.73%" where 2,106.66 ÷ 2,940.05 = 71.65%.
const TEXT_SHARE: &str = "<C-p> text:TEXT-SHARE <Enter>";

#[test]
fn an_overall_finding_drills_down_to_the_table_with_its_cells_marked() {
    let screens = snap("evidence_overall", || sample_app(false), OVERALL_RATE);
    for s in &screens {
        // The rate the finding names is the primary cell, the two amounts
        // its parts; all three on the task's row, in their columns.
        let row = line_with(s, "97.00%");
        assert!(row.contains("▶97.00%"), "{row}");
        assert!(row.contains("◆392.49") && row.contains("◆381.37"), "{row}");
        assert!(status(s).contains("绩效表"), "{s}");
    }
    let mut app = sample_app(false);
    press(&mut app, OVERALL_RATE);
    assert!(matches!(app.view, View::Evidence(_)));
    // `s` still shows the source line, and back.
    press(&mut app, "s");
    assert_eq!(app.view, View::Source);
    assert_eq!(app.source.cursor, 630);
}

#[test]
fn a_project_finding_drills_down_to_its_table() {
    let screens = snap("evidence_project", || sample_app(false), FULL_MARKS);
    for s in &screens {
        // 执行率 is the primary cell, 指标自评得分小计 the other one.
        assert!(line_with(s, "▶58.46%").contains("项目资金"), "{s}");
    }
    let s = render(
        &{
            let mut app = sample_app(false);
            press(&mut app, &format!("{FULL_MARKS} G"));
            app
        },
        200,
        60,
    );
    assert!(line_with(&s, "指标自评得分小计").contains("◆90"), "{s}");
    for (w, h) in SIZES {
        let mut app = sample_app(false);
        press(&mut app, PERF_TOTAL);
        let s = render(&app, w, h);
        assert!(line_with(&s, "绩效自评总得分").contains("▶0"), "{s}");
        assert!(line_with(&s, "指标自评得分小计").contains("◆0"), "{s}");
        assert!(line_with(&s, "减分项").contains("◆0"), "{s}");
    }
    // Moving in the table moves the footer; the row's source line on Enter.
    let mut app = sample_app(false);
    press(&mut app, PERF_TOTAL);
    press(&mut app, "g g <Enter>");
    assert_eq!(app.view, View::Source);
}

#[test]
fn indicator_rows_line_up_with_their_columns() {
    // 劳动大厦消防设施改造's eight indicators: every row's 得分 (the last
    // number before the pane's border) ends on one column, at both sizes,
    // and the 全年完成值 column other findings name is marked on every row.
    let re = regex::Regex::new(r"([\d.]+)\s*│$").unwrap();
    for (w, h) in [(200, 60), (80, 40)] {
        let mut app = sample_app(false);
        press(&mut app, FULL_MARKS);
        press(&mut app, "j j j j j");
        let s = render(&app, w, h);
        let rows: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.contains("绩效指标 Indicators"))
            .take_while(|l| !l.contains("得分 Scores"))
            .filter(|l| re.is_match(l) && l.contains('•'))
            .collect();
        assert_eq!(rows.len(), 8, "{w}×{h}:\n{s}");
        let ends: std::collections::BTreeSet<usize> = rows
            .iter()
            .map(|l| {
                let m = re.captures(l).unwrap().get(1).unwrap();
                unicode_width::UnicodeWidthStr::width(&l[..m.end()])
            })
            .collect();
        assert_eq!(ends.len(), 1, "{w}×{h}: {ends:?}\n{s}");
    }
}

#[test]
fn the_page_of_a_pdf_finding_laid_out_with_its_line_marked() {
    let screens = snap("page_pdf", pdf_app, &format!("{TEXT_SHARE} p"));
    for s in &screens {
        assert!(s.contains("71.73"), "{s}");
        assert!(s.contains("版面 Page"), "{s}");
        assert!(line_with(s, "│▶").contains("一般公共"), "{s}");
    }
    let mut app = pdf_app();
    press(&mut app, TEXT_SHARE);
    press(&mut app, "p");
    let View::Page(n) = app.view else {
        panic!("not the page view: {:?}", app.view)
    };
    // Next and previous page, then `p` again goes back to the finding.
    press(&mut app, ">");
    assert_eq!(app.view, View::Page(n + 1));
    press(&mut app, "<");
    assert_eq!(app.view, View::Page(n));
    press(&mut app, "p");
    assert!(!matches!(app.view, View::Page(_)));
}

#[test]
fn the_page_view_scrolls_and_says_so_for_a_text_report() {
    let mut app = pdf_app();
    press(&mut app, "<C-p> text:TEXT-SHARE <Enter> p");
    let before = render(&app, 80, 24);
    press(&mut app, "G");
    let after = render(&app, 80, 24);
    assert_ne!(before, after);
    // A text report has no positions: `p` says so and stays.
    let mut text = sample_app(false);
    let view = text.view;
    press(&mut text, "p");
    let s = render(&text, 80, 24);
    assert_eq!(text.view, view);
    assert!(s.lines().last().unwrap().contains("PDF"), "{s}");
}

#[test]
fn help_lists_the_page_key_and_the_new_sections() {
    use juesuan::tui::popups::help::HelpLine;
    let mut app = sample_app(false);
    press(&mut app, "?");
    let lines = &app.help.lines;
    assert!(lines.iter().any(|l| matches!(l,
        HelpLine::Keys(k, a, _) if k == "p" && a == "page")));
    for title in ["Evidence table 绩效表", "PDF page 版面"] {
        assert!(
            lines
                .iter()
                .any(|l| matches!(l, HelpLine::Heading(h) if h.contains(title))),
            "no heading {title}: {lines:?}"
        );
    }
    assert!(lines.iter().any(|l| matches!(l,
        HelpLine::Keys(k, a, d) if k == ">" && a == "next_panel" && d == "Next page")));
}

/// XTAB-01-03 on the Putuo PDF: 公开03表's 社会保障和就业支出 (326.72)
/// against 公开01表's 326.71.
const XTAB_01_03: &str = "<C-p> text:XTAB-01-03 <Enter>";

/// A table row on the page view stands cell by cell at its columns' x (the
/// reader's rebuilt grid), not joined by `│` from the row's left edge: the
/// code, the name and each amount start where their columns start, the
/// same for every row, so the amounts line up down the page.
#[test]
fn table_rows_on_the_page_stand_cell_by_cell_at_their_columns() {
    let screens = snap("page_table_pdf", pdf_app, &format!("{XTAB_01_03} p"));
    for s in &screens {
        let row = line_with(s, "│▶");
        assert!(row.contains("社会保障和就业支出"), "{s}");
        assert!(row.contains("326.72"), "{s}");
    }
    let s = &screens[1];
    // At 200 columns no cell of a table row is cut or joined by a bar.
    let row = line_with(s, "│▶");
    assert!(!row.contains(" │ "), "{row}");
    // The amounts of neighbouring rows end in the same column.
    let end = |line: &str, amount: &str| {
        use unicode_width::UnicodeWidthStr;
        let at = line.find(amount).unwrap();
        line[..at].width() + amount.len()
    };
    let below = s
        .lines()
        .find(|l| l.contains("行政事业单位养老支出"))
        .expect("the next row");
    assert_eq!(end(row, "326.72"), end(below, "326.72"), "{s}");
}
