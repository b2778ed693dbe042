//! Snapshots of every pane, popup and the drill-down, at 80×24 (the
//! auditor's jump host) and 160×48, rendered with ratatui's TestBackend.
//! Wide (CJK) characters are written once, so a snapshot viewed in a
//! CJK-aware editor lines up as it does on screen. Beside each snapshot the
//! amounts of the schedule view are checked to end on the same columns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use std::collections::BTreeSet;
use tui_common::{amount_ends, press, render, sample_app, DRILL_05};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// Render the sample after `keys` at both sizes and snapshot each.
fn snap(name: &str, keys: &str) -> Vec<String> {
    SIZES
        .iter()
        .map(|&(w, h)| {
            let mut app = sample_app(false);
            press(&mut app, keys);
            let s = render(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
            s
        })
        .collect()
}

/// Every amount in the main pane ends on one of at most `cols` columns.
fn assert_aligned(screen: &str, sidebar_end: usize, cols: usize) {
    let mut ends = BTreeSet::new();
    for line in screen.lines() {
        // Only the main pane: cut the sidebar off by display width.
        let mut w = 0;
        let start = line
            .char_indices()
            .find(|(_, c)| {
                w += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                w > sidebar_end
            })
            .map_or(line.len(), |(i, _)| i);
        let main = &line[start..];
        // Table rows only: not the footer (=), the drill-down box (应为, prose).
        if ["=", "，", "应为", "万元", "："]
            .iter()
            .any(|x| main.contains(x))
        {
            continue;
        }
        for e in amount_ends(main) {
            ends.insert(e);
        }
    }
    assert!(
        !ends.is_empty() && ends.len() <= cols,
        "amounts end on {} different columns {ends:?} (expected at most {cols}):\n{screen}",
        ends.len()
    );
}

#[test]
fn startup_shows_findings_and_the_first_finding() {
    snap("startup", "");
}

#[test]
fn schedules_list_and_income_table() {
    let s = snap("table_02", "1 g g j <Enter>");
    // 02 has seven value columns; at 80 columns fewer show, all aligned.
    assert_aligned(&s[0], 26, 7);
    assert_aligned(&s[1], 51, 7);
}

#[test]
fn two_sided_table_01_partial() {
    snap("table_01", "1 g g <Enter>");
}

#[test]
fn two_sided_table_04_with_fund_columns() {
    let s = snap("table_04", "1 g g j j j <Enter> >");
    assert_aligned(&s[1], 51, 5);
}

#[test]
fn three_panel_table_06() {
    let s = snap("table_06", "1 g g j j j j j <Enter>");
    assert_aligned(&s[0], 26, 1);
}

#[test]
fn three_public_expenses_07() {
    snap("table_07", "1 G k k <Enter>");
}

#[test]
fn missing_schedule_08() {
    snap("table_08", "1 G k <Enter>");
}

#[test]
fn folded_table_03() {
    let s = snap("table_03_folded", "1 g g j j <Enter> z M");
    assert_aligned(&s[1], 51, 6);
}

#[test]
fn projects_list_and_project_view() {
    snap("project", "2 j <Enter>");
}

#[test]
fn drill_down_into_a_sum_finding() {
    // A ROUNDING note on 公开05表 合计 小计, found with the finder.
    let s = snap("drill", DRILL_05);
    assert_aligned(&s[1], 51, 3);
}

#[test]
fn drill_down_toggled_to_the_source_lines() {
    snap("drill_source", &format!("{DRILL_05} s"));
}

#[test]
fn cell_popup_lists_findings_and_claims() {
    snap("cell_info", &format!("{DRILL_05} i"));
}

#[test]
fn finder_with_pinyin_initials() {
    snap("finder", "<C-p> text:zfcg");
}

#[test]
fn help_from_the_keymap() {
    snap("help", "?");
}

#[test]
fn findings_filtered_by_severity() {
    snap("filter_warning", "3 f f");
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut app = sample_app(false);
    insta::assert_snapshot!("narrow_60x20_findings", render(&app, 60, 20));
    press(&mut app, "<Enter>");
    insta::assert_snapshot!("narrow_60x20_main", render(&app, 60, 20));
}

#[test]
fn ascii_mode_draws_ascii_borders_and_markers() {
    let mut app = sample_app(true);
    press(&mut app, DRILL_05);
    let s = render(&app, 80, 24);
    insta::assert_snapshot!("ascii_drill_80x24", s);
    // Nothing on screen may change width in a CJK locale: every char is
    // ASCII or double width everywhere.
    let ambiguous: Vec<char> = s
        .chars()
        .filter(|c| juesuan::tui::draw::theme::is_ambiguous(*c))
        .collect();
    assert!(ambiguous.is_empty(), "{ambiguous:?}");
}

/// Keys that reach each view of the workbench from the start.
const VIEWS: [(&str, &str); 8] = [
    ("start", ""),
    ("schedules", "1 j <Enter>"),
    ("projects", "2 <Enter>"),
    ("findings", "3"),
    ("drill", "3 <Enter>"),
    ("source", "3 <Enter> s"),
    ("zoomed", "3 Z"),
    ("help", "?"),
];

#[test]
fn the_department_and_year_are_on_screen_in_every_view() {
    for (w, h) in [(80, 24), (200, 60)] {
        for (name, keys) in VIEWS {
            let mut app = sample_app(false);
            press(&mut app, keys);
            let s = render(&app, w, h);
            let header = s.lines().next().unwrap();
            assert!(
                header.contains("朝阳市人力资源") && header.contains("2024年度"),
                "{name} at {w}x{h}: {header}"
            );
        }
    }
}

#[test]
fn no_two_visible_findings_read_the_same_at_80x24() {
    // Unzoomed, the list at 80 columns is 36 cells wide; zoomed, the whole width.
    for keys in [
        "3",
        "3 j j j j j j j j j j j j",
        "3 Z",
        "3 Z <PageDown>",
        "3 Z <PageDown> <PageDown>",
    ] {
        let mut app = sample_app(false);
        press(&mut app, keys);
        let s = render(&app, 80, 24);
        // Finding rows: a severity mark after the indent, inside the list.
        let rows: Vec<&str> = s
            .lines()
            .filter(|l| {
                let t = l.trim_start_matches('│').trim_start();
                t.starts_with("✗ …")
                    || t.starts_with('✗') && !t.starts_with("✗ 错误")
                    || t.starts_with('▲') && !t.starts_with("▲ 警告")
                    || t.starts_with('·') && !t.starts_with("· 提示")
            })
            .filter(|l| l.starts_with("│    "))
            // The list's own cell: up to its right border.
            .map(|l| l[3..].split('│').next().unwrap_or(""))
            .collect();
        assert!(rows.len() >= 5, "{keys}: {s}");
        let unique: BTreeSet<&str> = rows.iter().copied().collect();
        assert_eq!(
            unique.len(),
            rows.len(),
            "{keys}: two rows read the same:\n{s}"
        );
    }
}

#[test]
fn zoom_shows_the_focused_pane_alone_and_again_brings_the_layout_back() {
    let mut app = sample_app(false);
    press(&mut app, "3 Z");
    let s = render(&app, 80, 24);
    assert!(!s.contains("公开表 Schedules"), "{s}");
    assert!(s.contains("问题 Findings"), "{s}");
    press(&mut app, "Z");
    let s = render(&app, 80, 24);
    assert!(
        s.contains("公开表 Schedules") && s.contains("问题 Findings"),
        "{s}"
    );
}
