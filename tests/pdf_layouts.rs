//! Every table layout real reports are printed in reads as the same
//! report: the sample's text laid out in each (`pdf_fixtures::report::
//! Layout`) gives the findings the text gives, message for message (but
//! for the note on each table rebuilt from word positions).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_fixtures;

use pdf_fixtures::agree::{assert_layout_agrees_with_text, sample_without_annex};
use pdf_fixtures::report::{Layout, Rules};

#[test]
fn tables_with_a_line_between_every_two_rows_read_as_the_text() {
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            rules: Rules::EveryRow,
            ..Layout::default()
        },
    );
}

#[test]
fn tables_with_lines_only_above_under_the_header_and_below_read_as_the_text() {
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            rules: Rules::Frame,
            ..Layout::default()
        },
    );
}

#[test]
fn tables_with_only_their_header_ruled_read_as_the_text() {
    let layout = Layout {
        rules: Rules::HeaderGrid,
        ..Layout::default()
    };
    assert_layout_agrees_with_text(&sample_without_annex(), layout);
    // The body was still rebuilt from word positions: each table says so,
    // for the auditor to compare with the page.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("header-grid.pdf");
    let text = sample_without_annex();
    std::fs::write(&pdf, pdf_fixtures::report::report(&text, layout)).unwrap();
    let notes: Vec<String> = pdf_fixtures::agree::check_json(&pdf)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["message"].as_str())
        .filter(|m| {
            m.contains("has only its header ruled; its body is printed without ruling lines")
        })
        .filter_map(|m| m.split("：").nth(1))
        .map(|m| m.chars().take(5).collect())
        .collect();
    assert_eq!(
        notes,
        [
            "公开02表",
            "公开03表",
            "公开04表",
            "公开05表",
            "公开06表",
            "公开07表"
        ]
    );
}

#[test]
fn tables_continued_with_their_header_repeated_read_as_the_text() {
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            rows_per_page: Some(12),
            ..Layout::default()
        },
    );
}

#[test]
fn headers_wrapped_inside_their_columns_read_as_the_text() {
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            wrap_headers: true,
            ..Layout::default()
        },
    );
}

#[test]
fn table_pages_displayed_rotated_read_as_the_text() {
    for rotation in [90, 180, 270] {
        assert_layout_agrees_with_text(
            &sample_without_annex(),
            Layout {
                rotation,
                ..Layout::default()
            },
        );
    }
}

/// The sample with 公开05表 grown by 1,201 rows of zeros (类 229 其他支出, 12
/// 款, 99 项 under each), as a large department's table runs on for pages.
fn sample_with_a_long_table() -> String {
    let mut lines: Vec<String> = sample_without_annex().lines().map(String::from).collect();
    let last = lines
        .iter()
        .position(|l| l.starts_with("2210201\t住房公积金\t50.66\t50.66\t0.00"))
        .unwrap();
    let mut rows = vec!["229\t其他支出\t0.00\t0.00\t0.00".to_string()];
    for k in 0..12 {
        rows.push(format!("229{k:02}\t其他支出款{k}\t0.00\t0.00\t0.00"));
        for x in 1..=99 {
            rows.push(format!(
                "229{k:02}{x:02}\t其他支出项{k}-{x}\t0.00\t0.00\t0.00"
            ));
        }
    }
    lines.splice(last + 1..last + 1, rows);
    lines.join("\n")
}

/// How many rows each schedule has (over its panels), by its number.
fn row_counts(path: &std::path::Path) -> Vec<(u64, usize)> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("dump")
        .arg(path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let rows = s["panels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["rows"].as_array().map_or(0, Vec::len))
                .sum();
            (s["id"].as_u64().unwrap(), rows)
        })
        .collect()
}

#[test]
fn a_table_of_a_thousand_rows_over_thirty_pages_is_read_whole() {
    let text = sample_with_a_long_table();
    let layout = Layout {
        rows_per_page: Some(40),
        ..Layout::default()
    };
    assert_layout_agrees_with_text(&text, layout);
    let dir = tempfile::tempdir().unwrap();
    let (txt, pdf) = (dir.path().join("long.txt"), dir.path().join("long.pdf"));
    std::fs::write(&txt, &text).unwrap();
    std::fs::write(&pdf, pdf_fixtures::report::report(&text, layout)).unwrap();
    let (from_text, from_pdf) = (row_counts(&txt), row_counts(&pdf));
    assert_eq!(from_pdf, from_text);
    let t05 = from_text.iter().find(|(id, _)| *id == 5).unwrap();
    assert!(t05.1 > 1_200, "{from_text:?}");
}
