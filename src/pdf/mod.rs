//! PDF input: a published report as the auditor receives it → a [`Source`]
//! the text parser reads, so PDF and text give the same [`crate::report::Report`].
//!
//! The pipeline: [`extract`] (glyphs at their baselines and the ruling lines,
//! by juesuan's text layer: [`interp`] over [`fonts`], reading content
//! streams with [`content`], on the `lopdf` parser) → [`grid`] (tables from their borders, each
//! glyph in its cell) → [`columns`] (headers combined, logical columns, body
//! rows, tables continued across pages; [`loose`] rebuilds the grid of a
//! table printed without borders from word positions) → [`shapes`] (rows as tab-separated
//! lines in the text parser's shapes) → [`source`] (paragraphs and tables in
//! reading order, each line with its page position).

mod columns;
mod content;
mod error;
mod extract;
pub mod fonts;
mod grid;
mod interp;
mod lines;
mod loose;
mod page;
#[cfg(feature = "page-image")]
pub mod raster;
mod shapes;
mod source;
mod turn;

pub use error::PdfError;
pub use extract::page_texts;
pub use source::ReadOptions;

use crate::report::{ParseIssue, Source};
use std::time::Duration;

/// How long the decoder may take before the file is given up on. A 25-page
/// report takes about 12 ms of CPU in the reader (BENCHMARKS.md, *PDF*).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Whether bytes are a PDF: they start with the `%PDF` signature (after
/// any whitespace a careless download may have put in front).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF")
}

/// Read a PDF into a source (lines with page positions) and the problems the
/// reader met (tables it could not place, rows it could not read).
pub fn read(path: &str, bytes: &[u8]) -> Result<(Source, Vec<ParseIssue>), PdfError> {
    read_with(path, bytes, ReadOptions::default())
}

/// [`read`] with options.
pub fn read_with(
    path: &str,
    bytes: &[u8],
    options: ReadOptions,
) -> Result<(Source, Vec<ParseIssue>), PdfError> {
    read_owned(path, bytes.to_vec(), options)
}

/// [`read_with`] of bytes the caller gives up: they are dropped as soon as
/// the document is loaded, instead of being held (and copied for the reader
/// thread) until the pages are read.
pub fn read_owned(
    path: &str,
    bytes: Vec<u8>,
    options: ReadOptions,
) -> Result<(Source, Vec<ParseIssue>), PdfError> {
    let sha256 = crate::text::hex_sha256(&bytes);
    let pages = extract::extract(bytes, TIMEOUT)?;
    let assembled = source::assemble(&pages, options);
    drop(pages);
    let source = Source {
        path: path.to_string(),
        encoding: "PDF".to_string(),
        lines: assembled.lines,
        positions: assembled.positions,
        cell_x: assembled.cell_x,
        sha256,
        unread_pages: assembled.unread_pages,
    };
    Ok((source, assembled.issues))
}
