//! The command line on PDF input: `dump --lines` shows what the reader
//! recovered with its pages; a broken PDF is a clear error (exit 2), never a
//! crash; text reports are unaffected.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn juesuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn dump_lines_shows_the_recovered_rows_with_their_pages() {
    let out = juesuan(&[
        "dump",
        "--lines",
        "sample-data/shanghai-putuo-finance-2024.pdf",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("2010601 │ 行政运行"))
        .expect("the 行政运行 row of 公开02表");
    assert!(row.contains("\tp8 "), "{row}");
    assert!(
        row.ends_with("1,511.90 │ 1,511.89 │  │  │  │  │ 0.01"),
        "{row}"
    );
}

#[test]
fn a_broken_pdf_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.pdf");
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n").unwrap();
    let out = juesuan(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.pdf: cannot read the PDF"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn check_reads_pdf_and_text_alike() {
    let out = juesuan(&[
        "check",
        "sample-data/shanghai-putuo-finance-2024.pdf",
        "sample-data/chaoyang-hrss-2024.txt",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    // Hand-checked in tests/pdf_findings.rs: TEXT-AMOUNT, TEXT-SHARE; the
    // 尾差 warnings XTAB-01-03, XTAB-04-05; two TEXT-RATE-NO-BUDGET (三公);
    // ten rounding notes.
    assert!(
        text.contains("上海市普陀区财政局 2024 — 2 errors, 4 warnings, 10 infos"),
        "{text}"
    );
    assert!(
        text.contains("chaoyang-hrss-2024.txt: 辽宁省朝阳市"),
        "{text}"
    );
}

/// A one-page PDF with a line of Courier text and the given /Rotate.
fn text_pdf(rotate: i64) -> Vec<u8> {
    pdf_of(&[Some(rotate)])
}

/// A PDF with one page per entry, each with a line of Courier text: `Some`
/// with that /Rotate, `None` whose /Contents names an object the file does
/// not have (the page cannot be read at all).
fn pdf_of(pages: &[Option<i64>]) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids: Vec<Object> = Vec::new();
    for page in pages {
        let content = b"BT /F1 12 Tf 72 700 Td (2024 report) Tj ET".to_vec();
        let content_id = match page {
            Some(_) => doc.add_object(Stream::new(dictionary! {}, content)),
            None => (9999, 0),
        };
        let mut dict = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
        };
        dict.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        if let Some(rotate) = page {
            dict.set("Rotate", *rotate);
        }
        kids.push(doc.add_object(dict).into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_rotated_page_is_flagged_not_silently_misread() {
    let (source, issues) = juesuan::pdf::read("rotated.pdf", &text_pdf(90)).unwrap();
    assert_eq!(source.lines, ["2024 report"]);
    assert!(
        issues.iter().any(|i| i.message.contains("rotated by 90°")),
        "{issues:?}"
    );
    let (_, issues) = juesuan::pdf::read("upright.pdf", &text_pdf(0)).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn a_pdf_that_is_no_report_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, text_pdf(0)).unwrap();
    let out = juesuan(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("not a 部门决算 report"), "{err}");
}

#[test]
fn a_page_the_decoder_fails_on_is_reported_and_the_rest_read() {
    let (source, issues) = juesuan::pdf::read("partly.pdf", &pdf_of(&[Some(0), None])).unwrap();
    assert_eq!(source.lines, ["2024 report"]);
    assert!(
        issues
            .iter()
            .any(|i| i.message.starts_with("page 2 could not be read")),
        "{issues:?}"
    );
}

#[test]
fn a_pdf_of_more_pages_than_any_report_is_a_clear_error() {
    // One page over the reader's limit of 2,000 (src/pdf/extract.rs).
    let pages = vec![Some(0); 2001];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.pdf");
    std::fs::write(&path, pdf_of(&pages)).unwrap();
    let out = juesuan(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("book.pdf") && err.contains("2001 pages, over the 2000-page limit"),
        "{err}"
    );
    // A long report is read, every page.
    let pages = vec![Some(0); 40];
    let (source, _) = juesuan::pdf::read("book.pdf", &pdf_of(&pages)).unwrap();
    assert_eq!(source.lines.len(), 40);
}
