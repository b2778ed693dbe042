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
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            rules: Rules::HeaderGrid,
            ..Layout::default()
        },
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
    assert_layout_agrees_with_text(
        &sample_without_annex(),
        Layout {
            rotated: true,
            ..Layout::default()
        },
    );
}
