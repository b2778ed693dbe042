//! The real sample, parsed exactly: which schedules are present, partial or
//! missing; row counts and named cells of every schedule; all 22 projects;
//! the overall table; narrative claims with their lines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::{Cell, ClaimKind, Report, RowKind, ScheduleId, ScheduleStatus};
use rust_decimal::Decimal;
use std::str::FromStr;

fn sample() -> Report {
    juesuan::input::read_file(std::path::Path::new("sample-data/chaoyang-hrss-2024.txt")).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn amount(s: &str) -> Cell {
    Cell::Amount(d(s))
}

/// The cell of schedule `id`, panel `panel`, row with code or label `row`, column `col`.
fn cell(r: &Report, id: u8, panel: &str, row: &str, col: &str) -> Cell {
    let s = r.schedule(ScheduleId(id)).unwrap();
    let p = s.panel(panel).unwrap();
    let row = p
        .row_by_code(row)
        .or_else(|| p.row_by_label(row))
        .unwrap_or_else(|| panic!("no row {row} in {id}"));
    p.cell(row, col)
        .unwrap_or_else(|| panic!("no column {col} in {id}"))
        .clone()
}

#[test]
fn identity_of_the_report() {
    let r = sample();
    assert_eq!(r.department, "辽宁省朝阳市人力资源和社会保障局(本级)");
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.unit, "万元");
    assert_eq!(r.cover_lines, vec![3, 4]);
    assert_eq!(r.source.encoding, "UTF-8");
    assert_eq!(r.source.lines.len(), 1153);
    assert_eq!(r.source.sha256.len(), 64);
}

#[test]
fn schedule_slots_present_partial_missing() {
    let r = sample();
    let status: Vec<(u8, &str)> = r
        .schedules
        .iter()
        .map(|s| {
            (
                s.id.0,
                match s.status {
                    ScheduleStatus::Present => "present",
                    ScheduleStatus::Partial { .. } => "partial",
                    ScheduleStatus::Missing => "missing",
                },
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            (1, "partial"),
            (2, "present"),
            (3, "present"),
            (4, "present"),
            (5, "present"),
            (6, "present"),
            (7, "present"),
            (8, "missing"),
            (9, "missing")
        ]
    );
    let ScheduleStatus::Partial { missing } = &r.schedule(ScheduleId(1)).unwrap().status else {
        unreachable!()
    };
    assert!(missing.contains("收入侧行次 1–22"), "{missing}");
    assert!(missing.contains("支出侧行次 32–53"), "{missing}");
    assert_eq!(r.schedule(ScheduleId(2)).unwrap().heading_line, Some(348));
    assert_eq!(r.schedule(ScheduleId(7)).unwrap().heading_line, Some(592));
    assert_eq!(
        r.schedule(ScheduleId(3)).unwrap().empty_statement,
        Some(436)
    );
}

#[test]
fn schedule_01_keeps_its_surviving_rows() {
    let r = sample();
    let s = r.schedule(ScheduleId(1)).unwrap();
    let inc = s.panel("收入").unwrap();
    let exp = s.panel("支出").unwrap();
    assert_eq!(inc.rows.len(), 4);
    assert_eq!(exp.rows.len(), 8);
    assert_eq!(
        cell(&r, 1, "收入", "本年收入合计", "金额"),
        amount("4766.06")
    );
    assert_eq!(
        cell(&r, 1, "收入", "使用非财政拨款结余", "金额"),
        Cell::Blank
    );
    assert_eq!(
        cell(&r, 1, "支出", "本年支出合计", "金额"),
        amount("4766.06")
    );
    let total = inc.row_by_label("总计").unwrap();
    assert_eq!(
        (total.kind, total.row_number, total.line),
        (RowKind::GrandTotal, Some(31), 340)
    );
    let other = exp.row_by_label("二十三、其他支出").unwrap();
    assert_eq!(
        (other.row_number, other.cells[0].clone()),
        (Some(54), Cell::Blank)
    );
}

#[test]
fn function_tables_rows_and_cells() {
    let r = sample();
    for id in [2, 3, 5] {
        let p = r.schedule(ScheduleId(id)).unwrap().main_panel().unwrap();
        assert_eq!(p.rows.len(), 26, "schedule {id}");
        assert_eq!(p.rows.iter().filter(|r| r.code.is_some()).count(), 25);
    }
    let cols: Vec<(String, Option<u32>)> = r
        .schedule(ScheduleId(3))
        .unwrap()
        .main_panel()
        .unwrap()
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.number))
        .collect();
    assert_eq!(
        cols,
        vec![
            ("本年支出合计".into(), Some(1)),
            ("基本支出".into(), Some(2)),
            ("项目支出".into(), Some(3)),
            ("上缴上级支出".into(), Some(4)),
            ("经营支出".into(), Some(5)),
            ("对附属单位补助支出".into(), Some(6)),
        ]
    );
    // The example: 03 row 2080102 基本支出 blank, 项目支出 938.61.
    assert_eq!(cell(&r, 3, "", "2080102", "基本支出"), Cell::Blank);
    assert_eq!(cell(&r, 3, "", "2080102", "项目支出"), amount("938.61"));
    // 05 prints 0.00 where 03 leaves the cell blank: both are kept as printed.
    assert_eq!(cell(&r, 5, "", "2080102", "基本支出"), amount("0.00"));
    assert_eq!(cell(&r, 2, "", "合计", "本年收入合计"), amount("4766.06"));
    assert_eq!(cell(&r, 2, "", "20807", "财政拨款收入"), amount("2499.06"));
    assert_eq!(cell(&r, 2, "", "20807", "其他收入"), Cell::Blank);
    assert_eq!(cell(&r, 3, "", "208", "基本支出"), amount("1082.20"));
    assert_eq!(cell(&r, 5, "", "221", "小计"), amount("50.66"));
    // A label the extraction broke with a space is joined again.
    let p3 = r.schedule(ScheduleId(3)).unwrap().main_panel().unwrap();
    assert_eq!(
        p3.row_by_code("2080199").unwrap().label,
        "其他人力资源和社会保障管理事务支出"
    );
    assert_eq!(p3.row_by_code("2080102").unwrap().line, 411);
    assert_eq!(
        p3.row_by_code("2080102").unwrap().level(),
        Some(juesuan::report::CodeLevel::Item)
    );
}

#[test]
fn schedule_04_two_sides_with_fund_columns() {
    let r = sample();
    let s = r.schedule(ScheduleId(4)).unwrap();
    assert_eq!(s.panel("收入").unwrap().rows.len(), 9);
    assert_eq!(s.panel("支出").unwrap().rows.len(), 29);
    let cols: Vec<&str> = s
        .panel("支出")
        .unwrap()
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        cols,
        vec![
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    assert_eq!(
        cell(&r, 4, "收入", "一、一般公共预算财政拨款", "金额"),
        amount("4766.06")
    );
    assert_eq!(
        cell(
            &r,
            4,
            "支出",
            "八、社会保障和就业支出",
            "一般公共预算财政拨款"
        ),
        amount("4680.43")
    );
    assert_eq!(
        cell(
            &r,
            4,
            "支出",
            "八、社会保障和就业支出",
            "政府性基金预算财政拨款"
        ),
        Cell::Blank
    );
    assert_eq!(
        cell(&r, 4, "支出", "本年支出合计", "合计"),
        amount("4766.06")
    );
    assert_eq!(
        s.panel("支出")
            .unwrap()
            .row_by_label("总计")
            .unwrap()
            .row_number,
        Some(64)
    );
}

#[test]
fn schedule_06_three_panels_with_recovered_codes() {
    let r = sample();
    let s = r.schedule(ScheduleId(6)).unwrap();
    let names: Vec<&str> = s.panels.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["人员经费", "公用经费", "公用经费（续）"]);
    assert_eq!(
        s.panels.iter().map(|p| p.rows.len()).collect::<Vec<_>>(),
        vec![28, 29, 33]
    );
    let p1 = s.panel("人员经费").unwrap();
    let basic = p1.row_by_label("基本工资").unwrap();
    let juesuan::report::RowCode::Economic { code } = basic.code.as_ref().unwrap() else {
        unreachable!()
    };
    assert_eq!(
        (code.printed.as_str(), code.inferred.as_deref()),
        ("3010", Some("30101"))
    );
    assert_eq!(cell(&r, 6, "人员经费", "301", "决算数"), amount("800.91"));
    assert_eq!(
        cell(&r, 6, "人员经费", "人员经费合计", "决算数"),
        amount("873.06")
    );
    // 公用经费合计 lands under the third panel's column in the text; it is
    // read as the total of 公用经费.
    assert_eq!(
        cell(&r, 6, "公用经费", "公用经费合计", "决算数"),
        amount("289.37")
    );
    assert_eq!(cell(&r, 6, "公用经费", "30231", "决算数"), amount("4.92"));
    assert_eq!(cell(&r, 6, "公用经费", "印刷费", "决算数"), Cell::Blank);
}

#[test]
fn schedule_07_three_public() {
    let r = sample();
    let p = r.schedule(ScheduleId(7)).unwrap().main_panel().unwrap();
    assert_eq!(p.rows.len(), 6);
    assert_eq!(p.rows[0].kind, RowKind::Total);
    assert_eq!(cell(&r, 7, "", "合计", "预算数"), amount("4.92"));
    assert_eq!(
        cell(&r, 7, "", "公务用车运行维护费", "决算数"),
        amount("4.92")
    );
    assert_eq!(cell(&r, 7, "", "因公出国", "决算数"), Cell::Blank);
}

#[test]
fn all_22_projects_with_amounts_and_scores() {
    let r = sample();
    assert_eq!(r.projects.len(), 22);
    // (name prefix, budget, executed, rate, subtotal, rate score, deduction, total, indicators)
    type Expected<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        usize,
    );
    let expected: [Expected; 22] = [
        (
            "劳动大厦运行费",
            "255",
            "255",
            "100",
            "90",
            "10",
            "0",
            "100",
            8,
        ),
        ("职称评审", "25", "25", "100", "90", "10", "0", "100", 7),
        (
            "考试经费",
            "283.9",
            "283.9",
            "100",
            "90",
            "10",
            "0",
            "100",
            10,
        ),
        (
            "工伤认定调查工作经费",
            "14.8",
            "14.8",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "社保基金国家和省级统筹专项监督检查专项",
            "8",
            "8",
            "100",
            "90",
            "10",
            "0",
            "100",
            7,
        ),
        ("社保维稳专项", "10", "10", "100", "0", "10", "0", "0", 0),
        (
            "基本情况统计调查经费",
            "8",
            "8",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        ("快办大厅业务费", "8", "8", "100", "90", "10", "0", "100", 7),
        (
            "三支一扶人员招募",
            "20",
            "20",
            "100",
            "90",
            "10",
            "0",
            "100",
            7,
        ),
        (
            "朝财指社[2023]1005号",
            "480.82",
            "480.82",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "信息化系统运行维护",
            "16.8",
            "16.8",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "事业单位招聘考试经费",
            "78",
            "78",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "劳动大厦消防设施改造",
            "338",
            "197.61",
            "58.46",
            "90",
            "5.85",
            "26.846",
            "69",
            8,
        ),
        (
            "中职教育学生资助",
            "6",
            "5.4",
            "90.0",
            "90",
            "9",
            "0",
            "99",
            9,
        ),
        (
            "朝财指社[2023]1406号",
            "45.2",
            "45.2",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "(人社局)朝财指社[2024]512号",
            "366.8",
            "366.8",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "朝财指社[2024]757号",
            "22.35",
            "22.35",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "朝财指社[2025]171号",
            "77",
            "37.01",
            "48.07",
            "90",
            "4.81",
            "35.807",
            "59",
            9,
        ),
        (
            "市人社局上年结转项目",
            "13.5",
            "13.5",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "朝财指社[2024]928号",
            "262",
            "262",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "朝财指社[2023]1168号",
            "56",
            "56",
            "100",
            "90",
            "10",
            "0",
            "100",
            9,
        ),
        (
            "朝财指社[2023]1280号",
            "1430",
            "1389.44",
            "97",
            "90",
            "9.7",
            "0",
            "99.7",
            9,
        ),
    ];
    for (p, e) in r.projects.iter().zip(expected.iter()) {
        assert!(p.name.starts_with(e.0), "{} vs {}", p.name, e.0);
        assert_eq!(p.budget, amount(e.1), "{}", p.name);
        assert_eq!(p.executed, amount(e.2), "{}", p.name);
        assert_eq!(p.rate, Some(d(e.3)), "{}", p.name);
        assert_eq!(p.indicator_subtotal, Some(d(e.4)), "{}", p.name);
        assert_eq!(p.rate_score, Some(d(e.5)), "{}", p.name);
        assert_eq!(p.deduction, Some(d(e.6)), "{}", p.name);
        assert_eq!(p.total, Some(d(e.7)), "{}", p.name);
        assert_eq!(p.indicators.len(), e.8, "{}", p.name);
        assert_eq!(p.department, "朝阳市人力资源和社会保障局-");
    }
    let first = &r.projects[0];
    assert_eq!(
        (
            first.line,
            first.name_line,
            first.amounts_line,
            first.scores_line
        ),
        (666, 670, Some(673), Some(686))
    );
    let ind = &first.indicators[0];
    assert_eq!(
        (
            ind.level1.as_str(),
            ind.level2.as_str(),
            ind.name.as_str(),
            ind.operator.as_str(),
            ind.target.as_str(),
            ind.unit.as_str(),
            ind.actual.as_str(),
            ind.completion.as_str()
        ),
        (
            "产出指标",
            "数量指标",
            "办公用房等基础设施维修改造建筑面积",
            ">=",
            "27000",
            "平方米",
            "27000",
            "100%"
        )
    );
    assert_eq!(
        (ind.weight, ind.score, ind.line),
        (Some(d("10")), Some(d("10")), 678)
    );
    // A row whose 一级/二级 are blank carries them down from the rows above.
    assert_eq!(
        (
            first.indicators[1].level1.as_str(),
            first.indicators[1].level2.as_str()
        ),
        ("产出指标", "数量指标")
    );
    // A qualitative indicator: no operator, text target and actual.
    let q = &first.indicators[5];
    assert_eq!(
        (q.name.as_str(), q.operator.as_str(), q.target.as_str()),
        ("完善办公区分布", "", "完善")
    );
    // Shifted cells (信息化, line 898) still land in the right fields.
    let shifted = r.projects[10]
        .indicators
        .iter()
        .find(|i| i.line == 898)
        .unwrap();
    assert_eq!(
        (
            shifted.level2.as_str(),
            shifted.name.as_str(),
            shifted.operator.as_str(),
            shifted.weight
        ),
        ("可持续影响指标", "数据利用率", ">=", Some(d("13.3")))
    );
}

#[test]
fn projects_link_to_their_narrative_summaries() {
    let r = sample();
    let sums = &r.narrative.project_summaries;
    assert_eq!(sums.len(), 22);
    assert_eq!(sums[5].name, "社保维稳专项");
    assert!(sums[5].score_withheld && sums[5].score.is_none());
    assert_eq!(sums[21].score, Some(d("99.7")));
    assert_eq!((sums[0].line, sums[0].end_line), (227, 229));
    // Every table is linked, one-to-one, and to the summary with its money.
    let mut seen = std::collections::HashSet::new();
    for p in &r.projects {
        let link = p
            .link
            .as_ref()
            .unwrap_or_else(|| panic!("{} not linked", p.name));
        assert!(seen.insert(link.summary), "{} linked twice", link.summary);
        let s = &sums[link.summary];
        assert_eq!(p.executed.value(), s.executed, "{} ↔ {}", p.name, s.name);
        assert_eq!(p.budget.value(), s.budget, "{} ↔ {}", p.name, s.name);
    }
    // The table order differs from the narrative's: (9) is the 20th table.
    assert_eq!(r.projects[19].link.as_ref().unwrap().summary, 8);
    assert_eq!(
        r.projects[18].link.as_ref().unwrap().summary,
        19,
        "市人社局上年结转项目 ↔ 朝阳市人力资源和社会保障局上年结转"
    );
}

#[test]
fn overall_performance_table() {
    let r = sample();
    let o = r.overall.as_ref().unwrap();
    assert_eq!(o.name, "503001朝阳市人力资源和社会保障局-211300000");
    assert_eq!(o.budget_income, amount("939.32"));
    assert_eq!(o.budget_expense, amount("939.32"));
    assert_eq!(o.tasks.len(), 5);
    let t = &o.tasks[3];
    assert_eq!(t.name, "部门预算基本支出人员经费（刚性）");
    assert_eq!(
        (
            t.allocated.clone(),
            t.executed.clone(),
            t.rate,
            t.weight,
            t.score,
            t.line
        ),
        (
            amount("392.49"),
            amount("381.37"),
            Some(d("97.00")),
            Some(d("8")),
            Some(d("7.76")),
            630
        )
    );
    assert_eq!(o.indicators.len(), 23);
    assert_eq!(
        o.indicators
            .iter()
            .filter_map(|i| i.weight)
            .sum::<Decimal>(),
        d("60")
    );
    assert_eq!((o.total, o.total_line), (Some(d("98.88")), Some(664)));
}

#[test]
fn narrative_sections_and_claims_with_lines() {
    let r = sample();
    let n = &r.narrative;
    let headings: Vec<&str> = n.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(headings.contains(&"一、收入支出决算总体情况说明"));
    assert!(headings.contains(&"五、其他重要事项的情况说明 / （三）国有资产占用情况。"));
    // Duty items (（八）…（九）…) are list items, not headings.
    assert!(!headings.iter().any(|h| h.contains("（八）")));
    let find = |line: u32, subject: &str| {
        n.claims
            .iter()
            .find(|c| c.line == line && c.subject == subject)
            .unwrap_or_else(|| panic!("no claim {subject} at {line}"))
    };
    let c = find(96, "财政拨款收入");
    assert_eq!(
        (c.kind, c.value, c.unit.as_str()),
        (ClaimKind::Amount, d("4766.06"), "万元")
    );
    assert_eq!(find(109, "占支出总计的").value, d("24.39"));
    assert_eq!(find(205, "比上年减少").value, d("157.26"));
    assert_eq!(find(205, "降低").value, d("35.21"));
    let cars = find(215, "共有车辆");
    assert_eq!(
        (cars.kind, cars.value, cars.unit.as_str()),
        (ClaimKind::Count, d("0"), "辆")
    );
    // A page break split "截" / "至年末…保有量 2 辆" (lines 193/195): joined,
    // and the claim keeps the line it was printed on.
    let held = n
        .claims
        .iter()
        .find(|c| c.unit == "辆" && c.value == d("2"))
        .unwrap();
    assert_eq!(held.line, 195);
    assert!(held.sentence.contains("截至年末"), "{}", held.sentence);
    let rate = find(139, "完成年初预算的");
    assert_eq!((rate.kind, rate.value), (ClaimKind::Percent, d("131.23")));
    assert_eq!(find(221, "共涉及预算支出项目").value, d("22"));
    assert_eq!(
        n.heading_of(rate),
        "二、财政拨款支出决算情况说明 / (二)一般公共预算财政拨款支出情况。"
    );
}

#[test]
fn every_parsed_element_keeps_a_source_line() {
    let r = sample();
    for s in &r.schedules {
        for (_, row) in s.rows() {
            assert!(row.line > 0 && (row.line as usize) <= r.source.lines.len());
            assert!(!r.source.line(row.line).is_empty());
        }
    }
    for c in &r.narrative.claims {
        let digits: String = c.value.to_string().chars().take(1).collect();
        assert!(
            r.source.line(c.line).contains(&digits),
            "claim at {} not on its line",
            c.line
        );
    }
}
