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

/// A table none of the nine, with the head every schedule has.
fn extra_table(title: &str, header: &str, rows: &[&str]) -> String {
    format!(
        "{title}\n\n单位：辽宁省朝阳市人力资源和社会保障局（本级）\n\n2024 年度\n\n金额单位：万元\n\n{header}\n{}\n",
        rows.join("\n")
    )
}

/// Beijing's template has thirteen tables: four of them (一般公共预算财政拨款
/// 收入支出决算表, 政府性基金预算财政拨款基本支出决算表, 政府采购情况表,
/// 政府购买服务决算公开情况表) are none of the nine. Each ends the schedule
/// before it, so the nine read exactly as without them, and each is an info
/// that it was not checked. (Before, the first one's header and rows ran
/// into 公开04表: six PARSE-ROW warnings and a lost rounding note.)
#[test]
fn tables_none_of_the_nine_are_kept_apart_and_said_unchecked() {
    let sample = sample_text();
    let t04_end = sample
        .find("一般公共预算财政拨款支出决算表\n\n公开 05 表")
        .unwrap();
    let t07_end = sample.rfind("第五部分 附件").unwrap();
    let five = extra_table(
        "五、一般公共预算财政拨款收入支出决算表",
        "项目\t行次\t金额\t项目\t行次\t金额",
        &[
            "一、一般公共预算财政拨款收入\t1\t4,766.06\t八、社会保障和就业支出\t37\t4,766.06",
            "总计\t32\t4,766.06\t总计\t64\t4,766.06",
        ],
    );
    let twelve = extra_table(
        "十二、政府采购情况表",
        "项目\t采购计划金额\t实际采购金额",
        &["合计\t120.00\t118.50", "货物\t20.00\t18.50"],
    );
    let thirteen = extra_table("政府购买服务决算公开情况表", "项目\t金额", &["合计\t30.00"]);
    let text = format!(
        "{}{five}\n{}{twelve}\n{thirteen}\n{}",
        &sample[..t04_end],
        &sample[t04_end..t07_end],
        &sample[t07_end..]
    );
    let report = report_of(&text);
    let plain = report_of(sample);
    for (a, b) in report.schedules.iter().zip(&plain.schedules) {
        assert_eq!(a.status, b.status, "{}", a.id);
        let cells = |s: &juesuan::report::Schedule| -> Vec<String> {
            s.panels
                .iter()
                .flat_map(|p| &p.rows)
                .map(|r| format!("{}|{:?}", r.label, r.cells))
                .collect()
        };
        assert_eq!(cells(a), cells(b), "{}", a.id);
    }
    let f = findings_of(&text);
    let extra: Vec<&str> = of(&f, "PARSE-EXTRA-TABLE")
        .iter()
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(extra.len(), 3, "{extra:#?}");
    assert!(extra[0].contains("一般公共预算财政拨款收入支出决算表"));
    assert!(extra[1].contains("政府采购情况表"));
    assert!(extra[2].contains("政府购买服务决算公开情况表"));
    let others = |f: &[juesuan::rules::Finding]| {
        let mut v: Vec<String> = f
            .iter()
            .filter(|x| x.rule != "PARSE-EXTRA-TABLE")
            .map(|x| x.id.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(others(&f), others(sample_findings()));
}

/// What is not another table: a title with no 单位 line under it, and a
/// region's own title above a "公开NN表" heading.
#[test]
fn a_title_is_another_table_only_with_a_schedules_head() {
    let sample = sample_text();
    // "…情况表" in the notes of a schedule, with no head under it.
    let noted = sample.replacen(
        "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。",
        "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。\n\n详见政府采购情况表",
        1,
    );
    assert!(of(&findings_of(&noted), "PARSE-EXTRA-TABLE").is_empty());
    // A variant title right above 公开05表's heading is 05's own.
    let variant = sample.replacen(
        "一般公共预算财政拨款支出决算表\n\n公开 05 表",
        "一般公共预算财政拨款支出决算明细表\n\n公开 05 表",
        1,
    );
    let f = findings_of(&variant);
    assert!(of(&f, "PARSE-EXTRA-TABLE").is_empty());
    assert_eq!(f.len(), sample_findings().len());
}
