//! What the parser had to skip surfaces as warnings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;

#[test]
fn a_row_the_parser_cannot_read_is_reported() {
    assert_quiet_on_sample("PARSE-ROW");
    let f = edited(411, "2080102", "20801O2");
    let x = the_new(&f, "PARSE-ROW");
    assert_eq!(key(x), "PARSE-ROW warning 411 s=03 r= c= p=");
}

#[test]
fn a_schedule_printed_twice_is_reported() {
    assert_quiet_on_sample("PARSE-TABLE");
    let f = edited(440, "公开 04 表", "公开 03 表");
    let x = the_new(&f, "PARSE-TABLE");
    assert_eq!(key(x), "PARSE-TABLE warning 438 s=03 r= c= p=");
}

/// A PDF page the reader could not read is reported where the next page
/// starts (the generated PDFs that cause it are in pdf_unruled.rs and
/// pdf_cli.rs): here the rule itself, on the sample's model.
#[test]
fn a_page_that_was_not_read_is_reported() {
    assert_quiet_on_sample("PARSE-PAGE");
    let mut report = report_of(sample_text());
    report.parse_issues.push(juesuan::report::ParseIssue {
        code: juesuan::report::IssueCode::Page,
        line: 330,
        message: "page 7 could not be read (broken); nothing on it was checked".into(),
        schedule: None,
        project: None,
    });
    let f = juesuan::rules::check(&report);
    let x = the_new(&f, "PARSE-PAGE");
    assert_eq!(key(x), "PARSE-PAGE warning 330 s= r= c= p=");
    assert!(
        x.message.contains("page 7 could not be read"),
        "{}",
        x.message
    );
}

#[test]
fn project_table_scars_are_reported() {
    let keys: Vec<String> = of(sample_findings(), "PARSE-PROJECT")
        .into_iter()
        .map(key)
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], "PARSE-PROJECT warning 700 s= r= c= p=职称评审");
}

#[test]
fn an_overall_table_without_its_total_is_reported() {
    assert_quiet_on_sample("PARSE-OVERALL");
    let f = edited(664, "总评价得分", "总分");
    assert!(new_of(&f, "PARSE-OVERALL")
        .iter()
        .any(|x| x.message.contains("总评价得分") && x.line() == 664));
}

#[test]
fn an_overlong_line_is_reported() {
    assert_quiet_on_sample("PARSE-LINE-TOO-LONG");
    let long = "甲".repeat(juesuan::parse::MAX_LINE_CHARS + 10);
    let f = findings_of(&insert(1, &long));
    let x = the_new(&f, "PARSE-LINE-TOO-LONG");
    assert_eq!(x.line(), 1);
}

/// The sample's 公开06表 and 07表 (lines 540–608) with every tab turned
/// into two spaces: read as before, and one warning says the columns were
/// rebuilt, and how.
#[test]
fn tables_whose_tabs_became_spaces_are_read_and_say_so() {
    assert_quiet_on_sample("PARSE-REBUILT");
    let text: String = sample_text()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if (539..608).contains(&i) {
                l.replace('\t', "  ")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let f = findings_of(&text);
    let x = the_new(&f, "PARSE-REBUILT");
    assert!(x.message.starts_with("分栏已重建："), "{}", x.message);
    assert!(x.message.contains("替换为 2 个空格"), "{}", x.message);
    // Nothing else changed: the tables read as the original.
    let mut now: Vec<&str> = f
        .iter()
        .filter(|f| f.rule != "PARSE-REBUILT")
        .map(|f| f.id.as_str())
        .collect();
    let mut before: Vec<&str> = sample_findings().iter().map(|f| f.id.as_str()).collect();
    now.sort();
    before.sort();
    assert_eq!(now, before);
}

#[test]
fn a_text_with_more_numbers_than_the_rules_read_says_from_where() {
    assert_quiet_on_sample("PARSE-LIMIT");
    // A line of 2,100 more numbers after line 60: the rules read the first
    // MAX_CHECKED_CLAIMS claims, and the finding points at the first one left out.
    let mut lines: Vec<String> = sample_text().lines().map(str::to_string).collect();
    lines.insert(60, "1万元".repeat(2_100));
    let report = juesuan::input::read_bytes("limit.txt", lines.join("\n").as_bytes()).unwrap();
    assert!(report.narrative.claims.len() > juesuan::rules::MAX_CHECKED_CLAIMS);
    let findings = juesuan::rules::check(&report);
    let x = findings.iter().find(|f| f.rule == "PARSE-LIMIT").unwrap();
    assert_eq!(x.severity, juesuan::rules::Severity::Warning);
    assert_eq!(x.line(), 61);
    assert!(x.message.contains("2000"), "{}", x.message);
}

#[test]
fn damaged_bytes_are_reported_at_their_line() {
    assert_quiet_on_sample("PARSE-ENCODING");
    // One stray byte in line 105 (a mail client's damage): the report is
    // read, the byte shown as U+FFFD, and the line named.
    let text = sample_text();
    let at = text.match_indices('\n').nth(103).unwrap().0 + 1;
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(at, 0xFF);
    let report = juesuan::input::read_bytes("damaged.txt", &bytes).unwrap();
    let findings = juesuan::rules::check(&report);
    let x = findings
        .iter()
        .find(|f| f.rule == "PARSE-ENCODING")
        .unwrap();
    assert_eq!(
        (x.severity, x.line()),
        (juesuan::rules::Severity::Warning, 105)
    );
}

/// Every kind of parse issue has its rule (same id), and every PARSE- rule
/// is a kind: a new kind cannot be reported by nobody.
#[test]
fn every_issue_code_is_a_rule_and_every_parse_rule_a_code() {
    use juesuan::report::IssueCode;
    let codes: Vec<&str> = IssueCode::ALL.iter().map(|c| c.as_str()).collect();
    for c in &codes {
        assert!(juesuan::rules::find(c).is_some(), "no rule for {c}");
    }
    for r in juesuan::rules::catalogue() {
        if r.id.starts_with("PARSE-") {
            assert!(codes.contains(&r.id), "{} is no IssueCode", r.id);
        }
    }
    // Serialised as the id (dumps and JSON keep their strings).
    assert_eq!(
        serde_json::to_string(&IssueCode::LineTooLong).unwrap(),
        "\"PARSE-LINE-TOO-LONG\""
    );
}
