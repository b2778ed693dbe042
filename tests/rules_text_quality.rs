//! Text quality: placeholders, wrong years, doubled punctuation, repeated
//! words, unit names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod rules_common;

use rules_common::*;

#[test]
fn template_placeholders_are_reported() {
    assert_quiet_on_sample("TEXT-PLACEHOLDER");
    let f = edited(88, "1. 朝阳市", "1. XX局 朝阳市");
    let x = the_new(&f, "TEXT-PLACEHOLDER");
    assert_eq!(key(x), "TEXT-PLACEHOLDER warning 88 s= r= c= p=");
    let f = edited(215, "其他用车 0 辆", "其他用车 【填写数量】 辆");
    assert_eq!(new_of(&f, "TEXT-PLACEHOLDER").len(), 1);
    // Latin letters around an X are no placeholder.
    let f = edited(88, "1. 朝阳市", "1. XXL 朝阳市");
    assert!(new_of(&f, "TEXT-PLACEHOLDER").is_empty());
}

#[test]
fn a_year_other_than_the_reports_is_reported_where_the_year_is_meant() {
    // "下达 2023 年高校毕业生…资金" (line 265) is a program year, not a leftover.
    assert_quiet_on_sample("TEXT-WRONG-YEAR");
    let f = edited(215, "截至 2024 年", "截至 2023 年");
    let x = the_new(&f, "TEXT-WRONG-YEAR");
    assert_eq!(key(x), "TEXT-WRONG-YEAR warning 215 s= r= c= p=");
    let f = edited(668, "(2024年度)", "(2023年度)");
    let x = the_new(&f, "TEXT-WRONG-YEAR");
    assert_eq!(
        key(x),
        "TEXT-WRONG-YEAR warning 668 s= r= c= p=劳动大厦运行费"
    );
    // A schedule header whose year wrapped onto its own line.
    let f = edited(351, "2024 年度", "2023 年度");
    assert_eq!(
        new_keys(&f, "TEXT-WRONG-YEAR"),
        ["TEXT-WRONG-YEAR warning 351 s=02 r= c= p="]
    );
    let f = edited(14, "2024 年度", "2023 年度");
    assert_eq!(
        new_keys(&f, "TEXT-WRONG-YEAR"),
        ["TEXT-WRONG-YEAR warning 14 s= r= c= p="]
    );
}

#[test]
fn doubled_punctuation_is_a_note() {
    let f = of(sample_findings(), "TEXT-PUNCT");
    assert_eq!(f.len(), 1);
    assert_eq!(key(f[0]), "TEXT-PUNCT info 143 s= r= c= p=");
    assert!(f[0].message.contains("。。"));
    let g = edited(105, "，主要原因", "，，主要原因");
    let x = the_new(&g, "TEXT-PUNCT");
    assert_eq!(key(x), "TEXT-PUNCT info 105 s= r= c= p=");
    // An ellipsis, a 目录 dot leader, a line of filler marks: no slips.
    let g = edited(105, "，主要原因", "……主要原因");
    assert!(new_of(&g, "TEXT-PUNCT").is_empty());
    let g = edited(16, "情况说明", "情况说明。。。。。。。。3");
    assert!(new_of(&g, "TEXT-PUNCT").is_empty());
    let g = findings_of(&insert(2, "      。。"));
    assert!(of(&g, "TEXT-PUNCT").iter().all(|x| x.line() != 2));
}

#[test]
fn repeated_words_are_notes_but_normal_reduplication_is_not() {
    let f = of(sample_findings(), "TEXT-REPEATED");
    let lines: Vec<u32> = f.iter().map(|x| x.line()).collect();
    assert_eq!(lines, [277, 621, 800, 844, 974, 1048, 1048, 1118, 1118]);
    // Two hits on one line get two fingerprints.
    assert_ne!(f[5].id, f[6].id);
    let g = edited(54, "组织起草", "组织组织起草");
    let x = the_new(&g, "TEXT-REPEATED");
    assert_eq!(key(x), "TEXT-REPEATED info 54 s= r= c= p=");
    let g = edited(54, "组织起草", "组织的的起草");
    assert!(the_new(&g, "TEXT-REPEATED").message.contains("的的"));
    // 常常, 一个一个: normal Chinese.
    let g = edited(54, "组织起草", "常常组织一个一个起草");
    assert!(new_of(&g, "TEXT-REPEATED").is_empty());
}

#[test]
fn another_units_name_in_a_header_is_reported() {
    // Headers broken over two lines ("（本" / "级）"), 整体 table codes and
    // short forms without the province are all the cover's unit.
    assert_quiet_on_sample("TEXT-UNIT-NAME");
    let f = edited(350, "人力资源和社会保障局", "民政局");
    let x = the_new(&f, "TEXT-UNIT-NAME");
    assert_eq!(key(x), "TEXT-UNIT-NAME warning 350 s=02 r=单位 c= p=");
    assert!(x.message.contains("民政局"));
    let f = edited(671, "朝阳市人力资源和社会保障局-", "朝阳市教育局-");
    let x = the_new(&f, "TEXT-UNIT-NAME");
    assert_eq!(
        key(x),
        "TEXT-UNIT-NAME warning 671 s= r= c=主管部门 p=劳动大厦运行费"
    );
}
