//! poppler as the oracle: on every PDF in `sample-data/` and every generated
//! font fixture, juesuan's text layer reads the same characters on each page
//! as `pdftotext` (poppler-utils, installed by `.ci/run`). Order and spacing
//! aside: the characters are compared as a multiset, whitespace dropped.
//! The product never needs poppler; only this test does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_fixtures;

use pdf_fixtures::{pdf, sample_lines, FixturePage, FontClass};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A full-width ASCII form (U+FF01–FF5E) as its ASCII character. For the
/// half-width CIDs 814–907 that the EUC CMaps give single-byte codes,
/// poppler's own `cidToUnicode/Adobe-GB1` says full-width (１, ，) while
/// Adobe's Adobe-GB1-UCS2, which juesuan follows, says ASCII (1, ,): the
/// same character for an auditor, so the comparison folds width.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

/// Characters with their counts, whitespace dropped and width folded.
fn multiset(text: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{c}')
        .map(fold_width)
    {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// What one side has more of than the other, for the failure message.
fn difference(a: &BTreeMap<char, usize>, b: &BTreeMap<char, usize>) -> String {
    let mut out = String::new();
    for (c, n) in a {
        let m = b.get(c).copied().unwrap_or(0);
        if *n > m {
            out += &format!("{c:?}×{} ", n - m);
        }
    }
    out
}

/// poppler's text of each page of a PDF file.
fn poppler_pages(path: &Path, pages: usize) -> Vec<String> {
    (1..=pages)
        .map(|n| {
            let out = Command::new("pdftotext")
                .args(["-q", "-enc", "UTF-8", "-f", &n.to_string(), "-l", &n.to_string()])
                .arg(path)
                .arg("-")
                .output()
                .expect("pdftotext is missing: install poppler-utils (apt-get install poppler-utils), as .ci/run does");
            assert!(out.status.success(), "pdftotext failed on {} page {n}", path.display());
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

/// Assert that juesuan and poppler read the same characters on every page,
/// and that juesuan read every page.
fn assert_reads_like_poppler(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let ours = juesuan::pdf::page_texts(&bytes).unwrap();
    let theirs = poppler_pages(path, ours.len());
    assert!(!ours.is_empty(), "{}: no pages", path.display());
    for ((n, text, error), poppler) in ours.iter().zip(&theirs) {
        assert_eq!(error, &None, "{} page {n} unreadable", path.display());
        let (a, b) = (multiset(text), multiset(poppler));
        assert!(
            a == b,
            "{} page {n}: juesuan has more {}; poppler has more {}",
            path.display(),
            difference(&a, &b),
            difference(&b, &a)
        );
    }
}

#[test]
fn every_sample_pdf_reads_like_poppler() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            assert_reads_like_poppler(&path);
            seen += 1;
        }
    }
    assert!(seen >= 2, "expected the sample PDFs in {}", dir.display());
}

#[test]
fn every_font_class_reads_like_poppler() {
    let dir = tempfile::tempdir().unwrap();
    // A vertical CMap's punctuation: poppler gives the vertical presentation
    // forms (︵, ︒, private-use colons), juesuan the characters (（, 。, ：)
    // an auditor searches for; `every_font_class_reads_the_text_that_was_drawn`
    // holds juesuan to those.
    for &class in FontClass::ALL
        .iter()
        .filter(|c| !matches!(c, FontClass::Predefined(n) if n.ends_with("-V")))
    {
        let path = dir.path().join(format!("{}.pdf", class.label()));
        std::fs::write(
            &path,
            pdf(&[FixturePage {
                class,
                lines: sample_lines(class),
            }]),
        )
        .unwrap();
        assert_reads_like_poppler(&path);
    }
}

#[test]
fn every_font_class_reads_the_text_that_was_drawn() {
    for &class in FontClass::ALL {
        let lines = sample_lines(class);
        let bytes = pdf(&[FixturePage {
            class,
            lines: lines.clone(),
        }]);
        let pages = juesuan::pdf::page_texts(&bytes).unwrap();
        let want: String = lines.concat();
        assert_eq!(pages.len(), 1);
        assert_eq!(
            multiset(&pages[0].1),
            multiset(&want),
            "{class:?}: read {:?}",
            pages[0].1
        );
    }
}

#[test]
fn a_page_in_a_gbk_font_is_read_into_the_report_lines() {
    // A report whose schedule page was edited after printing: one page in
    // the embedded font of the rest, one in a non-embedded GBK-EUC-H 宋体.
    let class = FontClass::Predefined("GBK-EUC-H");
    let bytes = pdf(&[FixturePage {
        class,
        lines: sample_lines(class),
    }]);
    let (source, issues) = juesuan::pdf::read("edited.pdf", &bytes).unwrap();
    assert!(
        source.lines.iter().any(|l| l.contains("收入支出决算总表")),
        "{:?}",
        source.lines
    );
    assert!(
        !issues
            .iter()
            .any(|i| i.message.contains("could not be read")),
        "{issues:?}"
    );
}

#[test]
fn every_table_layout_reads_like_poppler() {
    let dir = tempfile::tempdir().unwrap();
    let text = pdf_fixtures::agree::sample_without_annex();
    for (label, layout) in pdf_fixtures::report::Layout::classes() {
        let path = dir.path().join(format!("{label}.pdf"));
        std::fs::write(&path, pdf_fixtures::report::report(&text, layout)).unwrap();
        assert_reads_like_poppler(&path);
    }
}
