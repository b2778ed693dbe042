//! The page image (issue 16): a region of a page of the Putuo PDF,
//! rasterised around the cells of a table row, shows the printed text
//! (dark pixels), lies inside the page, and is where the reader's
//! positions say (a blank band of the page stays blank).
#![cfg(feature = "page-image")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_fixtures;

use juesuan::pdf::raster::{self, Region};
use juesuan::report::PagePos;
use juesuan::tui::load;
use juesuan::tui::page_image::{region_around, LINE, MARGIN};
use std::path::Path;

const PDF: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

/// The position of the first source line on `page` that contains `text`.
fn position_of(page: u32, text: &str) -> PagePos {
    let model = load(Path::new(PDF)).expect("the PDF reads");
    let src = &model.report.source;
    src.lines
        .iter()
        .zip(&src.positions)
        .find_map(|(l, p)| p.filter(|p| p.page == page && l.contains(text)))
        .unwrap_or_else(|| panic!("no line with {text} on page {page}"))
}

#[test]
fn the_crop_around_a_table_row_shows_its_text_inside_the_page() {
    let bytes = std::fs::read(PDF).unwrap();
    // 公开01表 收入决算表, landscape: the row 2010601 行政运行.
    let pos = position_of(8, "行政运行");
    let size = raster::page_size(&bytes, 8).unwrap();
    assert_eq!(size, (842.0, 595.0));
    let region = region_around(&[pos], size).unwrap();
    // The margin is inside the page, and the row inside the margin.
    assert!(region.x0 >= 0.0 && region.x1 <= size.0 && region.x0 < region.x1);
    assert!(region.y0 >= 0.0 && region.y1 <= size.1 && region.y0 < region.y1);
    assert_eq!(region.y0, pos.y - MARGIN);
    assert_eq!(region.y1, pos.y + LINE + MARGIN);
    assert!(region.x0 <= pos.x && pos.x + 200.0 <= region.x1);
    let r = raster::render(&bytes, 8, region, 2.0).unwrap();
    assert_eq!(r.region, region);
    assert_eq!(
        (r.width, r.height),
        (
            (region.width() * 2.0).round() as u32,
            (region.height() * 2.0).round() as u32
        )
    );
    assert_eq!(r.rgba.len(), (r.width * r.height * 4) as usize);
    // Text and rules: thousands of dark pixels in a band of three rows.
    let dark = r.dark_pixels(128);
    assert!(dark > 2_000, "{dark} dark pixels");
    // The row's own band (its top to a line below) holds most of them: the
    // crop is where the positions say.
    let band = Region {
        y0: pos.y,
        y1: pos.y + LINE,
        ..region
    };
    let row = raster::render(&bytes, 8, band, 2.0).unwrap();
    assert!(row.dark_pixels(128) > 500, "{}", row.dark_pixels(128));
}

#[test]
fn a_blank_band_of_the_page_is_blank_and_regions_are_cut_to_the_page() {
    let bytes = std::fs::read(PDF).unwrap();
    // Below the table of page 8 the page is empty.
    let blank = Region {
        x0: 0.0,
        y0: 540.0,
        x1: 842.0,
        y1: 595.0,
    };
    let r = raster::render(&bytes, 8, blank, 1.0).unwrap();
    assert_eq!(r.dark_pixels(128), 0);
    // A region past the page's edges is cut to it.
    let over = Region {
        x0: -50.0,
        y0: -50.0,
        x1: 2000.0,
        y1: 30.0,
    };
    let r = raster::render(&bytes, 8, over, 1.0).unwrap();
    assert_eq!(
        r.region,
        Region {
            x0: 0.0,
            y0: 0.0,
            x1: 842.0,
            y1: 30.0
        }
    );
    assert_eq!((r.width, r.height), (842, 30));
    // A line at the top of a page: its margin stops at the page's edge.
    let top = region_around(
        &[PagePos {
            page: 1,
            x: 100.0,
            y: 5.0,
        }],
        (595.0, 842.0),
    )
    .unwrap();
    assert_eq!(top.y0, 0.0);
    // No page, no region, nothing to draw.
    assert!(raster::render(&bytes, 99, blank, 1.0).is_err());
    assert!(raster::render(&bytes, 0, blank, 1.0).is_err());
    assert!(raster::render(b"not a pdf", 1, blank, 1.0).is_err());
    assert!(region_around(&[], (595.0, 842.0)).is_none());
}

/// A report printed in a non-embedded 宋体 (the generated fixtures): the
/// rasteriser has no font for it, says so, and the workbench's crop is
/// refused rather than shown without its text; the Putuo report embeds its
/// fonts and needs none.
#[test]
fn a_page_whose_fonts_are_not_embedded_is_not_offered_as_an_image() {
    let bytes = pdf_fixtures::report::report(
        &pdf_fixtures::agree::sample_without_annex(),
        pdf_fixtures::report::Layout::default(),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let model = load(&path).unwrap();
    let src = &model.report.source;
    let pos = src
        .lines
        .iter()
        .zip(&src.positions)
        .find_map(|(l, p)| p.filter(|_| l.starts_with("2080501")))
        .unwrap();
    let size = raster::page_size(&bytes, pos.page).unwrap();
    let region = region_around(&[pos], size).unwrap();
    let r = raster::render(&bytes, pos.page, region, 1.0).unwrap();
    assert!(r.fonts_missing);
    let area = ratatui::layout::Rect::new(0, 0, 150, 16);
    let crop =
        juesuan::tui::page_image::crop(&src.path, &src.sha256, pos.page, &[pos], area, (10, 20));
    assert!(crop.is_none());
    // The sample embeds its fonts.
    let putuo = std::fs::read(PDF).unwrap();
    let p = position_of(8, "行政运行");
    let r = raster::render(&putuo, 8, region_around(&[p], (842.0, 595.0)).unwrap(), 1.0).unwrap();
    assert!(!r.fonts_missing);
}
