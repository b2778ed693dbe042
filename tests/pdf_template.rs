//! The blank Shanghai template every department of the district fills in:
//! the specification of the layout family. Its structure must come out whole
//! (nine schedules, their columns, the rows it prints), and it has no data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::{Report, RowKind, ScheduleId, ScheduleStatus};
use std::path::Path;
use std::sync::OnceLock;

const TEMPLATE: &str = "sample-data/template-shanghai-2024.pdf";

fn template() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATE);
        juesuan::input::read_file(&path).expect("the template parses")
    })
}

fn columns(id: u8, panel: usize) -> Vec<String> {
    let s = template().schedule(ScheduleId(id)).unwrap();
    s.panels[panel]
        .columns
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn nine_schedules_present_with_their_titles() {
    let r = template();
    assert_eq!(r.department, "上海市XX局");
    assert_eq!(r.year, Some(2024));
    for s in &r.schedules {
        assert_eq!(s.status, ScheduleStatus::Present, "{} {}", s.id, s.title);
        assert!(
            s.is_empty_of_amounts(),
            "{}: the template has no amounts",
            s.id
        );
    }
    let titles: Vec<&str> = r.schedules.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "收入支出决算总表",
            "收入决算表",
            "支出决算表",
            "财政拨款收入支出决算总表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算表",
            "财政拨款“三公”经费支出决算表",
            "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款收入支出决算表",
        ]
    );
    assert!(r.parse_issues.is_empty(), "{:?}", r.parse_issues);
}

#[test]
fn columns_of_each_schedule() {
    assert_eq!(columns(1, 0), ["金额"]);
    assert_eq!(columns(1, 1), ["决算数"]);
    assert_eq!(
        columns(2, 0),
        [
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert_eq!(
        columns(3, 0),
        [
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_eq!(
        columns(4, 1),
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    assert_eq!(columns(5, 0), ["合计", "基本支出", "项目支出"]);
    assert_eq!(columns(6, 0), ["决算数"]);
    assert_eq!(columns(7, 0), ["预算数", "决算数"]);
    // The template prints 合计/基本支出/项目支出 of 本年支出 inside its 合计
    // row; they are read as the header they are.
    for id in [8, 9] {
        assert_eq!(
            columns(id, 0),
            [
                "年初结转和结余",
                "本年收入",
                "合计",
                "基本支出",
                "项目支出",
                "年末结转和结余"
            ]
        );
    }
}

#[test]
fn rows_the_template_prints() {
    let r = template();
    let s1 = r.schedule(ScheduleId(1)).unwrap();
    let expense = s1.panel("支出").unwrap();
    // 24 function classes in this year's template, then the four totals.
    assert_eq!(expense.rows.len(), 28);
    assert_eq!(expense.rows[23].label, "二十四、抗疫特别国债安排的支出");
    assert_eq!(s1.panel("收入").unwrap().rows.len(), 12);

    // Function tables: the full codes of the example rows; the “…” rows are
    // placeholders and are skipped.
    for id in [2, 3, 5] {
        let p = r.schedule(ScheduleId(id)).unwrap().main_panel().unwrap();
        let keys: Vec<String> = p.rows.iter().map(|r| r.key()).collect();
        let mut want = vec!["205", "20502", "2050205", "207", "20799"];
        if id == 5 {
            want.push("合计");
        } else {
            want.insert(0, "合计");
        }
        assert_eq!(keys, want, "公开{id:02}表");
        let total = p.rows.iter().find(|r| r.kind == RowKind::Total).unwrap();
        assert_eq!(total.label, "合计");
        let wrapped = p.row_by_code("20799").unwrap();
        assert_eq!(wrapped.label, "其他文化旅游体育与传媒支出");
    }

    let s6 = r.schedule(ScheduleId(6)).unwrap();
    let personnel = s6.panel("人员经费").unwrap();
    let public = s6.panel("公用经费").unwrap();
    assert_eq!(
        personnel.row_by_code("30108").unwrap().label,
        "机关事业单位基本养老保险缴费"
    );
    assert_eq!(
        public.row_by_code("31007").unwrap().label,
        "信息网络及软件购置更新"
    );
    assert_eq!(personnel.rows.last().unwrap().label, "人员经费合计");
    assert_eq!(public.rows.last().unwrap().label, "公用经费合计");
    // 301 + 13 items + 303 + 12 items (Putuo's copy leaves out 30306 救济费),
    // and the total.
    assert_eq!(personnel.rows.len(), 28);
    assert_eq!(personnel.row_by_code("30306").unwrap().label, "救济费");

    let s7 = r.schedule(ScheduleId(7)).unwrap().main_panel().unwrap();
    let labels: Vec<&str> = s7.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行维护费",
            "公务用车购置费",
            "公务用车运行维护费",
            "公务接待费"
        ]
    );

    for id in [8, 9] {
        let s = r.schedule(ScheduleId(id)).unwrap();
        let line = s.empty_statement.expect("the 故本表无数据 statement");
        assert!(r.source.line(line).contains("故本表无数据"));
    }
}
