//! The standard 政府支出经济分类 item names, to recover the full code where
//! the extraction cut it (`3010` printed for 30101…30109). Written by hand:
//! no crate carries the classification, and it is short and stable.

use crate::text::squash;

/// (full code, standard name) for the items that appear in 公开06表.
const ITEMS: &[(&str, &str)] = &[
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30106", "伙食补助费"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30204", "手续费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30208", "取暖费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30212", "因公出国（境）费用"),
    ("30213", "维修（护）费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30218", "专用材料费"),
    ("30224", "被装购置费"),
    ("30225", "专用燃料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30240", "税金及附加费用"),
    ("30299", "其他商品和服务支出"),
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30303", "退职（役）费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30306", "救济费"),
    ("30307", "医疗费补助"),
    ("30308", "助学金"),
    ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"),
    ("30311", "代缴社会保险费"),
    ("30399", "其他对个人和家庭的补助"),
    ("30701", "国内债务付息"),
    ("30702", "国外债务付息"),
    ("31001", "房屋建筑物购建"),
    ("31002", "办公设备购置"),
    ("31003", "专用设备购置"),
    ("31005", "基础设施建设"),
    ("31006", "大型修缮"),
    ("31007", "信息网络及软件购置更新"),
    ("31008", "物资储备"),
    ("31009", "土地补偿"),
    ("31010", "安置补助"),
    ("31011", "地上附着物和青苗补偿"),
    ("31012", "拆迁补偿"),
    ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"),
    ("31021", "文物和陈列品购置"),
    ("31022", "无形资产购置"),
    ("31099", "其他资本性支出"),
    ("31201", "资本金注入"),
    ("31203", "政府投资基金股权投资"),
    ("31204", "费用补贴"),
    ("31205", "利息补贴"),
    ("31299", "其他对企业补助"),
    ("39906", "国家赔偿费用支出"),
    ("39907", "对民间非营利组织和群众性自治组织补贴"),
    ("39908", "经常性赠与"),
    ("39909", "资本性赠与"),
    ("39999", "其他支出"),
];

/// The full 5-digit code for a cut code and its name, when the standard
/// classification has exactly one item with that name whose code starts with
/// what was printed; otherwise none (never a guess).
pub fn infer(printed: &str, label: &str) -> Option<String> {
    if printed.len() != 4 {
        return None;
    }
    let name = squash(label);
    let mut hits = ITEMS.iter().filter(|(code, n)| {
        code.starts_with(printed)
            && (*n == name || n.starts_with(name.as_ref()) && name.chars().count() >= 4)
    });
    let first = hits.next()?;
    hits.next().is_none().then(|| first.0.to_string())
}

/// The standard name of a full economic code, for display.
#[allow(dead_code)] // used by the PDF reader and views to name inferred codes
pub fn standard_name(code: &str) -> Option<&'static str> {
    ITEMS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_codes_are_recovered_only_when_unambiguous() {
        assert_eq!(infer("3010", "基本工资").as_deref(), Some("30101"));
        assert_eq!(
            infer("3023", "公务用车运行维护费").as_deref(),
            Some("30231")
        );
        // "机关事业单位基本养老保险" is printed without 缴费: still unique.
        assert_eq!(
            infer("3010", "机关事业单位基本养老保险").as_deref(),
            Some("30108")
        );
        // 资本性赠与 is 39909: a printed 3991 does not start it, so no guess.
        assert_eq!(infer("3991", "资本性赠与"), None);
        assert_eq!(infer("3010", "不存在的科目"), None);
        assert_eq!(standard_name("30231"), Some("公务用车运行维护费"));
    }
}
