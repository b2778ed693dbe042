//! A report printed without ruling lines reads as the same report: the
//! sample's text laid out as whitespace-aligned tables in a PDF
//! (`pdf_fixtures::report`) gives the findings the text gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_fixtures;
mod rules_common;

use lopdf::dictionary;
use pdf_fixtures::agree::{
    assert_pdf_agrees_with_text, check_json, rule_ids, sample_without_annex,
};

#[test]
fn an_unruled_pdf_gives_the_findings_of_its_text() {
    assert_pdf_agrees_with_text(&sample_without_annex());
}

#[test]
fn schedules_headed_by_their_names_alone_are_found() {
    // No 公开NN表 numbering: each table is headed only by its name.
    let text: String = sample_without_annex()
        .lines()
        .filter(|l| !is_schedule_number(l))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!text.contains("公开 03 表"));
    assert_pdf_agrees_with_text(&text);
}

/// A line that is only a schedule number ("公开 03 表").
fn is_schedule_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() == "公开00表".len()
        && t.starts_with("公开")
        && t.ends_with('表')
        && t[6..8].bytes().all(|b| b.is_ascii_digit())
}

/// The unruled PDF of the sample, with the page that holds 公开05表
/// changed by `spoil`; and that page's number.
fn spoiled_pdf(spoil: impl Fn(&mut lopdf::Document, lopdf::ObjectId)) -> (Vec<u8>, u32) {
    let bytes = pdf_fixtures::report::unruled_report(&sample_without_annex());
    let report = juesuan::input::read_bytes("r.pdf", &bytes).unwrap();
    let s05 = report.schedule(juesuan::report::ScheduleId(5)).unwrap();
    let line = s05.heading_line.or(s05.lines.map(|l| l.0)).unwrap();
    let page = report.source.position(line).unwrap().page;
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let id = doc.get_pages()[&page];
    spoil(&mut doc, id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    (out, page)
}

/// A PARSE-PAGE warning that says `said`, and no schedule reported missing
/// as an error (it may stand on the page not read).
fn assert_page_issue_and_no_missing_error(findings: &[String], said: &str) {
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("PARSE-PAGE warning") && f.contains(said)),
        "{findings:#?}"
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.starts_with("SCHEDULE-MISSING error")),
        "{findings:#?}"
    );
}

fn check_spoiled(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    rule_ids(&check_json(&pdf))
}

/// A page that cannot be read is reported, and what may stand on it is
/// "not checked" (info), never "missing" (error): the absence of 公开05表
/// from the text read is no evidence that the report lacks it.
#[test]
fn an_unreadable_page_makes_absences_unchecked_not_errors() {
    let (bytes, page) = spoiled_pdf(|doc, id| {
        let dict = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        dict.set("Contents", lopdf::Object::Reference((99_999, 0)));
    });
    let findings = check_spoiled(&bytes);
    assert_page_issue_and_no_missing_error(&findings, &format!("page {page} could not be read"));
    let unchecked = format!(
        "SCHEDULE-MISSING info 未核对（第{page}页未能完整读取，可能在其中；not checked）：公开05表"
    );
    assert!(
        findings.iter().any(|f| f.starts_with(&unchecked)),
        "{findings:#?}"
    );
    // 公开08表, absent from the sample, is also unchecked: it might have
    // stood on that page.
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("SCHEDULE-MISSING info 未核对") && f.contains("：公开08表")),
        "{findings:#?}"
    );
}

/// A page whose glyphs have no known character (a font whose CMap the
/// reader does not know, no ToUnicode) is reported with the count, and
/// its absences are not checked either.
#[test]
fn undecodable_glyphs_are_reported_and_make_absences_unchecked() {
    let (bytes, page) = spoiled_pdf(|doc, id| {
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Unknown",
            "Encoding" => "Bogus-Private-H",
            "DescendantFonts" => vec![lopdf::Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "Unknown",
                "CIDSystemInfo" => dictionary! {
                    "Registry" => lopdf::Object::string_literal("Private"),
                    "Ordering" => lopdf::Object::string_literal("Private"),
                    "Supplement" => 0,
                },
            })],
        };
        let font_id = doc.add_object(font);
        let dict = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        dict.set(
            "Resources",
            dictionary! { "Font" => dictionary! { "F1" => font_id } },
        );
    });
    let findings = check_spoiled(&bytes);
    let said = format!("page {page}: 433 characters could not be decoded (font Unknown: the predefined CMap Bogus-Private-H");
    assert_page_issue_and_no_missing_error(&findings, &said);
}

/// Schedules printed in 元 read as 万元 from a PDF as from the text: the
/// "金额单位：元" caption reaches the schedule reader, and the report gives
/// the findings of the same report printed in 万元.
#[test]
fn schedules_printed_in_yuan_read_as_wanyuan_from_a_pdf() {
    let yuan = rules_common::schedules_in_yuan(&sample_without_annex());
    assert!(yuan.contains("47,660,600.00"));
    let dir = tempfile::tempdir().unwrap();
    let (pdf, txt) = (dir.path().join("yuan.pdf"), dir.path().join("wan.txt"));
    std::fs::write(&pdf, pdf_fixtures::report::unruled_report(&yuan)).unwrap();
    std::fs::write(&txt, sample_without_annex()).unwrap();
    assert_eq!(rule_ids(&check_json(&pdf)), rule_ids(&check_json(&txt)));
}
