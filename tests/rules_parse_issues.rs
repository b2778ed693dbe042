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
