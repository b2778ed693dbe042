//! The workbench driven by keys, checked against what the screen shows
//! (in the manner of csvlens's app tests): each test presses keys from the
//! default keymap and reads the rendered text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::report::ScheduleId;
use juesuan::tui::screen::Effect;
use juesuan::tui::workbench::app::Popup;
use juesuan::tui::workbench::state::{Focus, View};
use tui_common::{counts, finding_pos, line_with, press, render, sample_app, status, DRILL_05};

const W: u16 = 100;
const H: u16 = 30;

#[test]
fn opening_shows_the_counts_and_the_first_finding() {
    let app = sample_app(false);
    let s = render(&app, W, H);
    assert!(status(&s).contains(&counts(&app)), "{}", status(&s));
    // The header names the department and the year.
    let header = s.lines().next().unwrap_or("");
    assert!(
        header.contains("辽宁省朝阳市") && header.contains("2024年度"),
        "{header}"
    );
    assert!(line_with(&s, "问题 Findings").contains(&counts(&app)));
    // Errors first: the first finding listed is an error, shown in the main pane
    // (which rule comes first is the catalogue's business, not this test's).
    assert_eq!(app.focus, Focus::Findings);
    let first = &app.model.findings[app.model.order[0]];
    assert_eq!(first.severity, juesuan::rules::Severity::Error);
    assert!(s.contains(first.rule.as_str()), "{s}");
    assert!(status(&s).contains(&format!("问题 1/{}", app.model.findings.len())));
}

#[test]
fn drilling_into_a_sum_finding_marks_the_total_and_each_part() {
    let mut app = sample_app(false);
    press(&mut app, DRILL_05);
    assert_eq!(app.focus, Focus::Main);
    assert_eq!(app.view, View::Table(ScheduleId(5)));
    let s = render(&app, W, H);
    // The total carries the primary marker, the 类 rows that add up to it the part marker.
    assert!(line_with(&s, "  合计").contains("▶4,766.06"), "{s}");
    assert!(line_with(&s, "205 ").contains("◆    5.40"));
    assert!(line_with(&s, "208 ").contains("◆4,680.43"));
    // A row that is not a part of the finding carries no marker.
    assert!(!line_with(&s, "20503 ").contains('◆'));
    // The status line says where the cursor is.
    assert!(
        status(&s).contains(&format!("公开05表 · 合计 · 小计 · {}", finding_pos(&app))),
        "{}",
        status(&s)
    );
    // The drill-down box: expected, actual, difference, and the rule's rationale.
    assert!(line_with(&s, "应为").contains("应为 4,766.07 │ 实际 4,766.06 │ 差额 -0.01"));
    assert!(s.contains("规则 尾差"));
}

#[test]
fn jump_back_and_forward_restore_focus_and_place() {
    let mut app = sample_app(false);
    press(&mut app, DRILL_05);
    press(&mut app, "j j");
    let row_before = app.tables[4].panels[0].row;
    press(&mut app, "<C-o>");
    assert_eq!(app.focus, Focus::Findings);
    press(&mut app, "L");
    assert_eq!(app.focus, Focus::Main);
    assert_eq!(app.view, View::Table(ScheduleId(5)));
    assert_eq!(app.tables[4].panels[0].row, row_before);
    // Nothing further back than the start.
    press(&mut app, "<C-o> <C-o> <C-o>");
    assert!(app
        .flash
        .as_deref()
        .unwrap_or("")
        .contains("jump list start"));
}

#[test]
fn next_and_previous_finding_work_from_any_pane_and_wrap() {
    let mut app = sample_app(false);
    press(&mut app, "1 ]");
    assert_eq!(app.focus, Focus::Schedules, "] does not steal focus");
    let s = render(&app, W, H);
    let n = app.model.findings.len();
    assert!(
        status(&s).contains(&format!("问题 2/{n}")),
        "{}",
        status(&s)
    );
    press(&mut app, "[ [");
    let s = render(&app, W, H);
    assert!(
        status(&s).contains(&format!("问题 {n}/{n}")),
        "{}",
        status(&s)
    );
    assert!(app.flash.as_deref().unwrap_or("").contains("wrapped"));
    // The findings list follows.
    assert_eq!(app.findings.selected(), app.current_index());
}

#[test]
fn folding_to_classes_and_back() {
    let mut app = sample_app(false);
    press(&mut app, "1 g g j j <Enter>"); // 公开03表
    press(&mut app, "z M");
    let s = render(&app, W, H);
    assert!(s.contains("▸ 社会保障和就业支出"), "{s}");
    assert!(!s.contains("2080101"), "{s}");
    press(&mut app, "z R");
    let s = render(&app, W, H);
    assert!(s.contains("▾ 社会保障和就业支出"));
    assert!(s.contains("2080101"));
    // <Space> on a 项 folds its 款 and puts the cursor there.
    press(&mut app, "/ text:2080101 <Enter> <Space>");
    let s = render(&app, W, H);
    assert!(
        line_with(&s, "20801 ").contains("▸ 人力资源和社会保障"),
        "{s}"
    );
    assert!(status(&s).contains("20801"), "{}", status(&s));
}

#[test]
fn search_within_the_table_by_name_code_or_pinyin_initials() {
    let mut app = sample_app(false);
    press(&mut app, "1 g g j <Enter>"); // 公开02表
    press(&mut app, "/ text:行政运行 <Enter>");
    assert!(status(&render(&app, W, H)).contains("2080101 行政运行"));
    press(&mut app, "/ text:zfgl <Enter>");
    let s = render(&app, W, H);
    // 住房公积金 is zfgjj; zfgl is not a run of initials of any row of 02.
    assert!(
        app.flash.as_deref().unwrap_or("").contains("not found"),
        "{s}"
    );
    press(&mut app, "/ text:zfgjj <Enter>");
    assert!(status(&render(&app, W, H)).contains("2210201 住房公积金"));
}

#[test]
fn toggling_to_the_source_lines_of_the_finding_and_back() {
    let mut app = sample_app(false);
    press(&mut app, &format!("{DRILL_05} s"));
    assert_eq!(app.view, View::Source);
    let s = render(&app, W, H);
    assert!(line_with(&s, " 504 ").contains("▶ 504 │ 合计"), "{s}");
    assert!(line_with(&s, " 505 ").starts_with("│") || line_with(&s, " 505 ").contains("◆ 505"));
    assert!(status(&s).contains("原文 行504/1153"));
    press(&mut app, "s");
    assert_eq!(app.view, View::Table(ScheduleId(5)));
    // Toggling there and back took one jump and gave it back: one step back
    // is the findings list, and forward comes back to the table.
    press(&mut app, "<C-o>");
    assert_eq!(app.focus, Focus::Findings);
    press(&mut app, "L");
    assert_eq!(app.view, View::Table(ScheduleId(5)));
}

#[test]
fn the_finder_matches_pinyin_initials_and_jumps_to_the_sentence() {
    let mut app = sample_app(false);
    press(&mut app, "<C-p> text:zfcg");
    assert_eq!(app.popup, Some(Popup::Finder));
    let s = render(&app, W, H);
    assert!(line_with(&s, "原文 2024 年政府采购支出总额").contains("197.61"));
    press(&mut app, "<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.view, View::Source);
    let line = app.source.cursor as usize;
    assert!(app.model.report.source.lines[line - 1].contains("政府采购"));
}

#[test]
fn the_finder_goes_to_a_code_row() {
    let mut app = sample_app(false);
    press(&mut app, "<C-p> text:2080102 <Enter>");
    let s = render(&app, W, H);
    assert!(
        status(&s).contains("2080102 一般行政管理事务"),
        "{}",
        status(&s)
    );
    assert_eq!(app.focus, Focus::Main);
}

#[test]
fn filtering_findings_by_severity_and_rule() {
    let mut app = sample_app(false);
    let (e, w, _) = app.model.counts();
    let n = app.model.findings.len();
    let rounding = app
        .model
        .findings
        .iter()
        .filter(|f| f.rule == "ROUNDING")
        .count();
    press(&mut app, "3 f");
    let s = render(&app, W, H);
    assert!(
        line_with(&s, "过滤 filter").contains(&format!("[✗ error] {e}/{n}")),
        "{s}"
    );
    assert_eq!(app.findings.shown().len(), e);
    press(&mut app, "f");
    assert_eq!(app.findings.shown().len(), w);
    press(&mut app, "x F <C-u> text:round <Enter>");
    assert_eq!(app.findings.shown().len(), rounding);
    let s = render(&app, W, H);
    assert!(
        line_with(&s, "过滤 filter").contains(&format!("[rule~round] {rounding}/{n}")),
        "{s}"
    );
    // Next finding walks the filtered list only.
    press(&mut app, "G ]");
    assert!(app.model.findings[app.current_index().unwrap()].rule == "ROUNDING");
}

#[test]
fn the_cell_popup_lists_findings_and_claims_stating_the_amount() {
    let mut app = sample_app(false);
    press(&mut app, &format!("{DRILL_05} i"));
    assert_eq!(app.popup, Some(Popup::CellInfo));
    let s = render(&app, W, H);
    assert!(line_with(&s, "公开05表 合计 · 小计 = 4,766.06 万元").contains('┌'));
    assert!(line_with(&s, "ROUNDING 公开05表").contains("·"));
    assert!(line_with(&s, "行94 叙述").contains("收入总计 4766.06 万元"));
    // Enter on a claim goes to its line.
    press(&mut app, "j <Enter>");
    assert_eq!(app.view, View::Source);
    assert_eq!(app.source.cursor, 94);
}

#[test]
fn copy_sends_the_plain_value_and_the_finding() {
    let mut app = sample_app(false);
    press(&mut app, &format!("{DRILL_05} y"));
    assert_eq!(app.take_effects(), vec![Effect::Copy("4766.06".into())]);
    assert!(app.flash.as_deref().unwrap_or("").contains("copied"));
    press(&mut app, "Y");
    match app.take_effects().as_slice() {
        [Effect::Copy(t)] => {
            assert!(
                t.starts_with("chaoyang-hrss-2024.txt:504: info ROUNDING"),
                "{t}"
            );
            assert!(
                t.contains("expected 4766.07, actual 4766.06, difference -0.01"),
                "{t}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pending_chord_is_shown_in_the_hint_line() {
    let mut app = sample_app(false);
    press(&mut app, "4 g");
    let s = render(&app, W, H);
    let hint = s.lines().last().unwrap();
    assert!(hint.starts_with("g …"), "{hint}");
    assert!(hint.contains("g top"), "{hint}");
    press(&mut app, "g");
    assert!(app.pending.is_empty());
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = sample_app(false);
    press(&mut app, "?");
    let s = render(&app, 160, 48);
    assert!(line_with(&s, "[global]").contains("Everywhere"));
    assert!(line_with(&s, "jump_back").contains("<C-o>, H, <Backspace>"));
    press(&mut app, "G");
    let s = render(&app, 160, 48);
    assert!(line_with(&s, "submit").contains("<Enter>"), "{s}");
    use juesuan::tui::popups::help::HelpLine;
    assert!(app.help.lines.contains(&HelpLine::Keys(
        "z M".into(),
        "fold_all".into(),
        "Fold all to 类".into()
    )));
    press(&mut app, "q");
    assert_eq!(app.popup, None);
    assert!(!app.should_quit(), "q closes help, it does not quit");
}

#[test]
fn at_narrow_widths_one_pane_shows_at_a_time() {
    let mut app = sample_app(false);
    let s = render(&app, 60, 20);
    assert!(s.contains("问题 Findings"));
    assert!(!s.contains("公开表 Schedules"));
    press(&mut app, "<Tab>");
    let s = render(&app, 60, 20);
    assert!(!s.contains("问题 Findings"), "{s}");
    // The main pane shows the first finding's place: a schedule, the
    // source, or the performance table it names.
    assert!(
        s.contains("公开") || s.contains("原文 Source") || s.contains("绩效表"),
        "{s}"
    );
}

#[test]
fn every_view_renders_at_tiny_and_huge_sizes_without_panicking() {
    for keys in [
        "",
        "1 <Enter>",
        "2 <Enter>",
        "3 G <Enter> s",
        "3 j <Enter>",
        "<C-p>",
        "?",
        "3 G <Enter> i",
    ] {
        let mut app = sample_app(false);
        press(&mut app, keys);
        for (w, h) in [(10, 3), (20, 5), (40, 10), (72, 12), (250, 80)] {
            render(&app, w, h);
        }
    }
}

#[test]
fn only_keys_that_change_something_ask_for_a_redraw() {
    let mut app = sample_app(false);
    app.take_dirty();
    press(&mut app, "<F12>");
    assert!(!app.take_dirty(), "an unbound key redraws nothing");
    press(&mut app, "j");
    assert!(app.take_dirty());
    press(&mut app, "4 g");
    assert!(app.take_dirty(), "a pending chord shows in the hint line");
}
