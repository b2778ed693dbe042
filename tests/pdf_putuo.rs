//! The Putuo district finance bureau's published 2024 report, read from its
//! PDF. Every expected value below was read off the page images
//! (`pdftoppm -r 90`), not taken from the parser's output: the nine
//! schedules cell by cell, every row, every amount, and a sample of the
//! narrative's claims, each with the page it is printed on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::{Cell, ClaimKind, Panel, Report, RowKind, ScheduleId, ScheduleStatus};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

const PUTUO: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

fn putuo() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PUTUO);
        juesuan::input::read_file(&path).expect("the Putuo PDF parses")
    })
}

/// "" is a blank cell, anything else an amount as printed.
fn cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Blank
    } else {
        Cell::Amount(Decimal::from_str(&s.replace(',', "")).unwrap())
    }
}

fn cells(v: &[&str]) -> Vec<Cell> {
    v.iter().map(|s| cell(s)).collect()
}

/// A row as printed: code (or 合计), label, then the value cells.
type Printed<'a> = (&'a str, &'a str, &'a [&'a str]);

/// Compare a function-coded panel with the printed rows, in order.
fn assert_function_rows(id: u8, panel: &Panel, printed: &[Printed]) {
    let got: Vec<String> = panel
        .rows
        .iter()
        .map(|r| format!("{} {}", r.key(), r.label))
        .collect();
    assert_eq!(
        panel.rows.len(),
        printed.len(),
        "公开{id:02}表 has {} rows: {got:?}",
        panel.rows.len()
    );
    for (row, (code, label, values)) in panel.rows.iter().zip(printed) {
        if *code == "合计" {
            assert_eq!(row.kind, RowKind::Total, "公开{id:02}表 合计 row");
            assert!(row.code.is_none());
        } else {
            let c = row.code.as_ref().map(|c| c.display().to_string());
            assert_eq!(c.as_deref(), Some(*code), "公开{id:02}表 row {label}");
            assert_eq!(row.kind, RowKind::Item);
            assert_eq!(row.label, *label, "公开{id:02}表 row {code}");
        }
        let mut want = cells(values);
        want.resize(panel.columns.len(), Cell::Blank);
        assert_eq!(row.cells, want, "公开{id:02}表 row {code} {label}");
    }
}

fn column_names(panel: &Panel) -> Vec<&str> {
    panel.columns.iter().map(|c| c.name.as_str()).collect()
}

fn schedule(id: u8) -> &'static juesuan::report::Schedule {
    let s = putuo().schedule(ScheduleId(id)).unwrap();
    assert_eq!(s.status, ScheduleStatus::Present, "公开{id:02}表 status");
    s
}

#[test]
fn cover_and_source() {
    let r = putuo();
    assert_eq!(r.department, "上海市普陀区财政局");
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.source.encoding, "PDF");
    assert_eq!(r.source.sha256.len(), 64);
    // Every line the reader produced knows its page and position.
    assert!(!r.source.lines.is_empty());
    assert_eq!(r.source.positions.len(), r.source.lines.len());
    assert!(r.source.positions.iter().all(|p| p.is_some()));
    assert!(r.parse_issues.is_empty(), "{:?}", r.parse_issues);
}

#[test]
fn schedule_01_income_and_expenditure() {
    let s = schedule(1);
    assert_eq!(s.title, "收入支出决算总表");
    let income = s.panel("收入").unwrap();
    let printed: &[(&str, &str)] = &[
        ("一、一般公共预算财政拨款收入", "2,940.05"),
        ("二、政府性基金预算财政拨款收入", ""),
        ("三、国有资本经营预算财政拨款收入", ""),
        ("四、上级补助收入", ""),
        ("五、事业收入", ""),
        ("六、经营收入", ""),
        ("七、附属单位上缴收入", ""),
        ("八、其他收入", "6.20"),
        ("本年收入合计", "2,946.25"),
        ("使用非财政拨款结余（含专用结余）", ""),
        ("年初结转和结余", "49.14"),
        ("总计", "2,995.39"),
    ];
    let got: Vec<(String, Vec<Cell>)> = income
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect();
    let want: Vec<(String, Vec<Cell>)> = printed
        .iter()
        .map(|(l, v)| (l.to_string(), vec![cell(v)]))
        .collect();
    assert_eq!(got, want);
    let kinds: Vec<RowKind> = income.rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds[8], RowKind::Total);
    assert_eq!(kinds[10], RowKind::Balance);
    assert_eq!(kinds[11], RowKind::GrandTotal);

    let expense = s.panel("支出").unwrap();
    assert_eq!(column_names(expense), ["决算数"]);
    let functions = [
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
        "教育支出",
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "节能环保支出",
        "城乡社区支出",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "商业服务业等支出",
        "金融支出",
        "援助其他地区支出",
        "自然资源海洋气象等支出",
        "住房保障支出",
        "粮油物资储备支出",
        "国有资本经营预算支出",
        "灾害防治及应急管理支出",
        "其他支出",
        "债务还本支出",
        "债务付息支出",
        "抗疫特别国债安排的支出",
    ];
    let amounts = |name: &str| match name {
        "一般公共服务支出" => "2,106.66",
        "社会保障和就业支出" => "326.71",
        "卫生健康支出" => "60.99",
        "住房保障支出" => "445.69",
        _ => "",
    };
    assert_eq!(expense.rows.len(), 30);
    for (row, name) in expense.rows.iter().zip(functions) {
        assert!(row.label.ends_with(name), "{} vs {name}", row.label);
        assert_eq!(row.cells, vec![cell(amounts(name))], "{name}");
    }
    let tail: Vec<(String, Vec<Cell>)> = expense.rows[26..]
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect();
    assert_eq!(
        tail,
        vec![
            ("本年支出合计".to_string(), cells(&["2,940.05"])),
            ("结余分配".to_string(), cells(&[""])),
            ("年末结转和结余".to_string(), cells(&["55.34"])),
            ("总计".to_string(), cells(&["2,995.39"])),
        ]
    );
}

const T2: &[Printed] = &[
    (
        "合计",
        "",
        &["2,946.25", "2,940.05", "", "", "", "", "6.20"],
    ),
    (
        "201",
        "一般公共服务支出",
        &["2,112.86", "2,106.66", "", "", "", "", "6.20"],
    ),
    (
        "20106",
        "财政事务",
        &["2,112.86", "2,106.66", "", "", "", "", "6.20"],
    ),
    (
        "2010601",
        "行政运行",
        &["1,511.90", "1,511.89", "", "", "", "", "0.01"],
    ),
    (
        "2010602",
        "一般行政管理事务",
        &["16.19", "10.00", "", "", "", "", "6.19"],
    ),
    ("2010607", "信息化建设", &["135.25", "135.25"]),
    ("2010608", "财政委托业务支出", &["449.52", "449.52"]),
    ("208", "社会保障和就业支出", &["326.72", "326.72"]),
    ("20805", "行政事业单位养老支出", &["326.72", "326.72"]),
    ("2080501", "行政单位离退休", &["84.65", "84.65"]),
    (
        "2080505",
        "机关事业单位基本养老保险缴费支出",
        &["160.75", "160.75"],
    ),
    (
        "2080506",
        "机关事业单位职业年金缴费支出",
        &["80.38", "80.38"],
    ),
    ("2080599", "其他行政事业单位养老支出", &["0.94", "0.94"]),
    ("210", "卫生健康支出", &["60.99", "60.99"]),
    ("21011", "行政事业单位医疗", &["60.99", "60.99"]),
    ("2101101", "行政单位医疗", &["60.99", "60.99"]),
    ("221", "住房保障支出", &["445.69", "445.69"]),
    ("22102", "住房改革支出", &["445.69", "445.69"]),
    ("2210201", "住房公积金", &["187.19", "187.19"]),
    ("2210203", "购房补贴", &["258.50", "258.50"]),
];

#[test]
fn schedule_02_income_by_function() {
    let s = schedule(2);
    let p = s.main_panel().unwrap();
    assert_eq!(
        column_names(p),
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
    assert_function_rows(2, p, T2);
}

/// 03 and 05 print the same 基本/项目 split (05 without the three empty
/// columns, and with its 合计 at the bottom).
const T3: &[Printed] = &[
    ("合计", "", &["2,940.05", "2,336.91", "603.14"]),
    (
        "201",
        "一般公共服务支出",
        &["2,106.66", "1,503.52", "603.14"],
    ),
    ("20106", "财政事务", &["2,106.66", "1,503.52", "603.14"]),
    ("2010601", "行政运行", &["1,511.89", "1,503.52", "8.37"]),
    ("2010602", "一般行政管理事务", &["10.00", "", "10.00"]),
    ("2010607", "信息化建设", &["135.25", "", "135.25"]),
    ("2010608", "财政委托业务支出", &["449.52", "", "449.52"]),
    ("208", "社会保障和就业支出", &["326.72", "326.72", ""]),
    ("20805", "行政事业单位养老支出", &["326.72", "326.72", ""]),
    ("2080501", "行政单位离退休", &["84.65", "84.65", ""]),
    (
        "2080505",
        "机关事业单位基本养老保险缴费支出",
        &["160.75", "160.75", ""],
    ),
    (
        "2080506",
        "机关事业单位职业年金缴费支出",
        &["80.38", "80.38", ""],
    ),
    ("2080599", "其他行政事业单位养老支出", &["0.94", "0.94", ""]),
    ("210", "卫生健康支出", &["60.99", "60.99", ""]),
    ("21011", "行政事业单位医疗", &["60.99", "60.99", ""]),
    ("2101101", "行政单位医疗", &["60.99", "60.99", ""]),
    ("221", "住房保障支出", &["445.69", "445.69", ""]),
    ("22102", "住房改革支出", &["445.69", "445.69", ""]),
    ("2210201", "住房公积金", &["187.19", "187.19", ""]),
    ("2210203", "购房补贴", &["258.50", "258.50", ""]),
];

#[test]
fn schedule_03_expenditure_by_function() {
    let s = schedule(3);
    let p = s.main_panel().unwrap();
    assert_eq!(
        column_names(p),
        [
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_function_rows(3, p, T3);
    // Values printed at the top of a tall cell, above their label's line,
    // stay in their row: 1,503.52 and 8.37 belong to 行政运行 (page 10).
    let row = p.row_by_code("2010601").unwrap();
    assert_eq!(row.pos.map(|p| p.page), Some(10));
}

#[test]
fn schedule_04_fiscal_appropriations() {
    let s = schedule(4);
    let income = s.panel("收入").unwrap();
    let got: Vec<(String, Vec<Cell>)> = income
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect();
    let printed: &[(&str, &str)] = &[
        ("一、一般公共预算财政拨款", "2,940.05"),
        ("二、政府性基金预算财政拨款", ""),
        ("三、国有资本经营预算财政拨款", ""),
        ("本年收入合计", "2,940.05"),
        ("年初财政拨款结转和结余", "21.63"),
        ("一、一般公共预算财政拨款", "21.63"),
        ("二、政府性基金预算财政拨款", ""),
        ("三、国有资本经营预算财政拨款", ""),
        ("总计", "2,961.68"),
    ];
    let want: Vec<(String, Vec<Cell>)> = printed
        .iter()
        .map(|(l, v)| (l.to_string(), vec![cell(v)]))
        .collect();
    assert_eq!(got, want);

    let expense = s.panel("支出").unwrap();
    assert_eq!(
        column_names(expense),
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    assert_eq!(expense.rows.len(), 29);
    for row in &expense.rows[..26] {
        let want = match () {
            _ if row.label.ends_with("一般公共服务支出") => {
                cells(&["2,106.66", "2,106.66", "", ""])
            }
            _ if row.label.ends_with("社会保障和就业支出") => {
                cells(&["326.71", "326.71", "", ""])
            }
            _ if row.label.ends_with("卫生健康支出") => cells(&["60.99", "60.99", "", ""]),
            _ if row.label.ends_with("住房保障支出") => cells(&["445.69", "445.69", "", ""]),
            _ => cells(&["", "", "", ""]),
        };
        assert_eq!(row.cells, want, "{}", row.label);
    }
    // Labels wrapped over two lines in their cell come back whole.
    assert_eq!(expense.rows[13].label, "十四、资源勘探工业信息等支出");
    assert_eq!(expense.rows[25].label, "二十六、抗疫特别国债安排的支出");
    let tail: Vec<(String, Vec<Cell>)> = expense.rows[26..]
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect();
    assert_eq!(
        tail,
        vec![
            (
                "本年支出合计".into(),
                cells(&["2,940.05", "2,940.05", "", ""])
            ),
            (
                "年末财政拨款结转和结余".into(),
                cells(&["21.63", "21.63", "", ""])
            ),
            ("总计".into(), cells(&["2,961.68", "2,961.68", "", ""])),
        ]
    );
    // The table runs over pages 12 and 13.
    assert_eq!(expense.rows[0].pos.map(|p| p.page), Some(12));
    assert_eq!(expense.rows[28].pos.map(|p| p.page), Some(13));
}

#[test]
fn schedule_05_general_budget_expenditure() {
    let s = schedule(5);
    let p = s.main_panel().unwrap();
    assert_eq!(column_names(p), ["合计", "基本支出", "项目支出"]);
    // Printed with its 合计 as the last row.
    let mut printed: Vec<Printed> = T3[1..].to_vec();
    printed.push(T3[0]);
    assert_function_rows(5, p, &printed);
    assert!(p.rows.iter().all(|r| r.pos.map(|p| p.page) == Some(15)));
}

#[test]
fn schedule_06_basic_expenditure_by_economic_class() {
    let s = schedule(6);
    let personnel: &[(&str, &str, &str)] = &[
        ("301", "工资福利支出", "2,082.85"),
        ("30101", "基本工资", "262.33"),
        ("30102", "津贴补贴", "1,238.58"),
        ("30103", "奖金", ""),
        ("30106", "伙食补助费", ""),
        ("30107", "绩效工资", ""),
        ("30108", "机关事业单位基本养老保险缴费", "160.75"),
        ("30109", "职业年金缴费", "80.38"),
        ("30110", "职工基本医疗保险缴费", "60.99"),
        ("30111", "公务员医疗补助缴费", ""),
        ("30112", "其他社会保障缴费", "1.61"),
        ("30113", "住房公积金", "187.19"),
        ("30114", "医疗费", ""),
        ("30199", "其他工资福利支出", "91.03"),
        ("303", "对个人和家庭的补助", "69.41"),
        ("30301", "离休费", ""),
        ("30302", "退休费", "69.10"),
        ("30303", "退职（役）费", ""),
        ("30304", "抚恤金", ""),
        ("30305", "生活补助", ""),
        ("30307", "医疗费补助", ""),
        ("30308", "助学金", ""),
        ("30309", "奖励金", "0.31"),
        ("30310", "个人农业生产补贴", ""),
        ("30311", "代缴社会保险费", ""),
        ("30399", "其他对个人和家庭的补助", ""),
        ("人员经费合计", "", "2,152.26"),
    ];
    let public: &[(&str, &str, &str)] = &[
        ("302", "商品和服务支出", "171.07"),
        ("30201", "办公费", "21.21"),
        ("30202", "印刷费", "7.61"),
        ("30203", "咨询费", ""),
        ("30204", "手续费", "0.09"),
        ("30205", "水费", ""),
        ("30206", "电费", ""),
        ("30207", "邮电费", "4.88"),
        ("30208", "取暖费", ""),
        ("30209", "物业管理费", ""),
        ("30211", "差旅费", "1.20"),
        ("30212", "因公出国（境）费用", ""),
        ("30213", "维修（护）费", "2.83"),
        ("30214", "租赁费", ""),
        ("30215", "会议费", ""),
        ("30216", "培训费", "4.05"),
        ("30217", "公务接待费", ""),
        ("30218", "专用材料费", ""),
        ("30224", "被装购置费", ""),
        ("30225", "专用燃料费", ""),
        ("30226", "劳务费", "2.01"),
        ("30227", "委托业务费", ""),
        ("30228", "工会经费", "24.42"),
        ("30229", "福利费", "42.77"),
        ("30231", "公务用车运行维护费", ""),
        ("30239", "其他交通费用", "48.49"),
        ("30240", "税金及附加费用", ""),
        ("30299", "其他商品和服务支出", "11.53"),
        ("310", "资本性支出", "13.58"),
        ("31001", "房屋建筑物购建", ""),
        ("31002", "办公设备购置", "13.58"),
        ("31003", "专用设备购置", ""),
        ("31007", "信息网络及软件购置更新", ""),
        ("31013", "公务用车购置", ""),
        ("31019", "其他交通工具购置", ""),
        ("31021", "文物和陈列品购置", ""),
        ("31022", "无形资产购置", ""),
        ("31099", "其他资本性支出", ""),
        ("公用经费合计", "", "184.65"),
    ];
    for (name, printed) in [("人员经费", personnel), ("公用经费", public)] {
        let p = s.panel(name).unwrap();
        let got: Vec<(String, String, Vec<Cell>)> = p
            .rows
            .iter()
            .map(|r| {
                let code = r.code.as_ref().map(|c| c.display().to_string());
                let key = if r.kind == RowKind::Total {
                    r.label.clone()
                } else {
                    code.unwrap_or_default()
                };
                let label = if r.kind == RowKind::Total {
                    String::new()
                } else {
                    r.label.clone()
                };
                (key, label, r.cells.clone())
            })
            .collect();
        let want: Vec<(String, String, Vec<Cell>)> = printed
            .iter()
            .map(|(c, l, v)| (c.to_string(), l.to_string(), vec![cell(v)]))
            .collect();
        assert_eq!(got, want, "公开06表 {name}");
    }
    assert!(s.panel("公用经费（续）").unwrap().rows.is_empty());
    // The table runs over pages 16 and 17; 30305 is the first row of 17.
    let p = s.panel("人员经费").unwrap();
    assert_eq!(
        p.row_by_code("30304").unwrap().pos.map(|p| p.page),
        Some(16)
    );
    assert_eq!(
        p.row_by_code("30305").unwrap().pos.map(|p| p.page),
        Some(17)
    );
}

#[test]
fn schedule_07_three_public_expenses_side_by_side() {
    let s = schedule(7);
    let p = s.main_panel().unwrap();
    assert_eq!(column_names(p), ["预算数", "决算数"]);
    let got: Vec<(String, Vec<Cell>)> = p
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("合计".into(), cells(&["0.95", ""])),
            ("因公出国（境）费".into(), cells(&["", ""])),
            ("公务用车购置及运行费".into(), cells(&["", ""])),
            ("公务用车购置费".into(), cells(&["", ""])),
            ("公务用车运行费".into(), cells(&["", ""])),
            ("公务接待费".into(), cells(&["0.95", ""])),
        ]
    );
    assert_eq!(p.rows[0].kind, RowKind::Total);
    assert!(p.rows.iter().all(|r| r.pos.map(|p| p.page) == Some(18)));
}

#[test]
fn schedules_08_and_09_are_empty_and_say_so() {
    for id in [8, 9] {
        let s = schedule(id);
        let p = s.main_panel().unwrap();
        assert_eq!(
            column_names(p),
            [
                "年初结转和结余",
                "本年收入",
                "小计",
                "基本支出",
                "项目支出",
                "年末结转和结余"
            ]
        );
        assert_eq!(p.rows.len(), 1, "公开{id:02}表: only its 合计 row");
        assert_eq!(p.rows[0].kind, RowKind::Total);
        assert!(p.rows[0].cells.iter().all(Cell::is_blank));
        let statement = s.empty_statement.expect("本表无数据 statement");
        assert!(putuo().source.line(statement).contains("故本表无数据"));
    }
    assert_eq!(schedule(9).title, "国有资本经营预算财政拨款收入支出决算表");
}

/// (value, unit, words just before it, page it is printed on).
fn assert_claim(value: &str, unit: &str, subject: &str, page: u32) {
    let r = putuo();
    let v = Decimal::from_str(value).unwrap();
    let hit = r
        .narrative
        .claims
        .iter()
        .find(|c| c.value == v && c.unit == unit && c.subject.contains(subject));
    let c = hit.unwrap_or_else(|| panic!("no claim {value}{unit} after “{subject}”"));
    assert_eq!(
        r.source.position(c.line).map(|p| p.page),
        Some(page),
        "{value}{unit}"
    );
}

#[test]
fn narrative_claims_with_their_pages() {
    assert_claim("2995.39", "万元", "收入支出总计", 21);
    assert_claim("56.95", "万元", "收入支出总计减少", 21);
    assert_claim("1.87", "%", "下降", 21);
    assert_claim("99.79", "%", "占", 21);
    assert_claim("6.2", "万元", "其他收入", 21);
    assert_claim("603.14", "万元", "项目支出", 21);
    // The published report states 0.3 万元 here (its T4 总计 is 2,961.68).
    assert_claim("0.3", "万元", "财政拨款收入支出总计", 21);
    assert_claim("98.20", "%", "完成年初预算的", 21);
    assert_claim("1560.05", "万元", "年初预算为", 22);
    assert_claim("449.52", "万元", "支出决算为", 22);
    assert_claim("2152.26", "万元", "人员经费", 23);
    assert_claim("0.95", "万元", "年初预算为", 23);
    assert_claim("4", "个", "绩效自评的2024年度项目", 23);
    assert_claim("99.43", "分", "平均得分", 23);
    assert_claim("184.65", "万元", "机关运行经费支出", 24);
    assert_claim("1.40", "%", "增长", 24);
    assert_claim("4.79", "万元", "货物采购金额", 24);
    assert_claim("246.47", "万元", "服务采购金额", 24);
    assert_claim("0", "辆", "共有车辆", 24);
    let r = putuo();
    let share = r
        .narrative
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::Percent && c.value == Decimal::from_str("71.73").unwrap())
        .expect("the 71.73% share of 一般公共服务支出");
    assert!(share.sentence.contains("2106.66万元"), "{}", share.sentence);
}

#[test]
fn narrative_sections_follow_the_report_numbering() {
    let r = putuo();
    let headings: Vec<&str> = r
        .narrative
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    for h in [
        "一、主要职能",
        "二、部门决算单位构成",
        "一、收入支出决算总体情况说明",
        "五、一般公共预算财政拨款支出决算情况说明 / （三）一般公共预算财政拨款支出决算具体情况",
        "十一、其他重要事项的情况说明 / （二）政府采购支出情况",
        "第四部分名词解释",
    ] {
        assert!(headings.contains(&h), "missing section {h}: {headings:?}");
    }
    // The twelve numbered duties are paragraphs of 主要职能, not headings.
    let duties = r
        .narrative
        .sections
        .iter()
        .find(|s| s.heading == "一、主要职能")
        .unwrap();
    assert!(duties
        .paragraphs
        .iter()
        .any(|p| p.text.starts_with("（十二）")));
    // The narrative comes after the tables in this layout (第三部分).
    let after = r
        .narrative
        .sections
        .iter()
        .find(|s| s.heading == "一、收入支出决算总体情况说明")
        .unwrap();
    assert_eq!(r.source.position(after.line).map(|p| p.page), Some(21));
}

/// The same report with its ruling lines ignored goes through the reader for
/// tables printed without borders (rows and columns from word positions
/// alone): all nine schedules come out the same, cell by cell.
#[test]
fn without_its_ruling_lines_the_same_nine_schedules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PUTUO);
    let bytes = std::fs::read(&path).unwrap();
    let options = juesuan::pdf::ReadOptions { ignore_rules: true };
    let (source, issues) = juesuan::pdf::read_with(PUTUO, &bytes, options).unwrap();
    // Each rebuilt table is flagged for the auditor to compare with the page.
    let flagged: Vec<u8> = issues
        .iter()
        .filter_map(|i| i.schedule.map(|s| s.0))
        .collect();
    assert_eq!(flagged, [1, 2, 3, 4, 5, 6, 7, 8, 9], "{issues:?}");
    let loose = juesuan::parse::parse_source(source).unwrap();
    let content = |r: &Report| -> Vec<Vec<(String, String, Vec<Cell>)>> {
        r.schedules
            .iter()
            .flat_map(|s| s.panels.iter())
            .map(|p| {
                p.rows
                    .iter()
                    .map(|row| (row.key(), row.label.clone(), row.cells.clone()))
                    .collect()
            })
            .collect()
    };
    let columns = |r: &Report| -> Vec<Vec<String>> {
        r.schedules
            .iter()
            .flat_map(|s| s.panels.iter())
            .map(|p| p.columns.iter().map(|c| c.name.clone()).collect())
            .collect()
    };
    for (a, b) in putuo().schedules.iter().zip(&loose.schedules) {
        assert_eq!(a.status, b.status, "公开{:02}表", a.id.0);
        assert_eq!(a.empty_statement.is_some(), b.empty_statement.is_some());
    }
    assert_eq!(columns(putuo()), columns(&loose));
    assert_eq!(content(putuo()), content(&loose));
}

/// Each table row keeps the left edge of each of its cells' columns (from
/// the rebuilt grid), for the page view to place the cells: one x per
/// tab-separated cell, left to right, inside the page; a paragraph has none.
/// Page 8 (公开01表 收入决算表, landscape), read off the page image: the
/// row 2010601 行政运行 starts at the table's left border (≈ 67 pt), its
/// 科目名称 column at ≈ 190 pt, 本年收入合计 at ≈ 345 pt.
#[test]
fn table_rows_keep_their_cells_column_x() {
    let src = &putuo().source;
    let n = src
        .lines
        .iter()
        .position(|l| l.starts_with("2010601\t行政运行\t1,511.90"))
        .expect("the row") as u32
        + 1;
    let xs = src.cell_x(n);
    let cells = src.line(n).split('\t').count();
    assert_eq!(xs.len(), cells, "{xs:?}");
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    assert!((xs[0] - 67.0).abs() < 3.0, "{xs:?}");
    assert!((xs[1] - 190.0).abs() < 6.0, "{xs:?}");
    assert!((xs[2] - 345.0).abs() < 6.0, "{xs:?}");
    assert!(xs.iter().all(|x| *x < 842.0));
    let title = src.lines.iter().position(|l| l == "收入决算表").unwrap() as u32 + 1;
    assert!(src.cell_x(title).is_empty());
}
