//! Text quality: leftovers of the template or of last year's report, and
//! typing slips. Every source line is scanned (narrative, table cells and
//! annexes alike); what is flagged is chosen so that a formal report does not
//! trip it by accident (see each rule's rationale).

use super::facts::{self, Occurrences};
use super::{Finding, Location, Rule, Severity};
use crate::report::{LineNo, Report};
use crate::text::{ascii_digits, squash};

/// The text-quality family.
pub static RULES: &[Rule] = &[
    Rule {
        id: "TEXT-PLACEHOLDER",
        title: "模板占位符未替换（XX、××、【】、____）",
        rationale: "模板中的占位符（XX、××、【……】、下划线空格）应在编制时替换为实际内容。留在公开\
                    文本中说明某处内容没有填写，对应的数字或说明可能缺失。",
        severity: Severity::Warning,
        check: placeholders,
    },
    Rule {
        id: "TEXT-WRONG-YEAR",
        title: "应为决算年度之处写成了其他年份（标题、表头、截至日期）",
        rationale: "标题、表头的“YYYY年度”和“截至YYYY年12月31日”等处必须是本决算年度。写成上一年\
                    通常是沿用了上年报告未改，读者会怀疑相关内容也是上年的。只检查这些必然指本年度的\
                    位置：正文中提到其他年份（如“下达2023年高校毕业生……资金”）是正常的，不报告。",
        severity: Severity::Warning,
        check: wrong_year,
    },
    Rule {
        id: "TEXT-PUNCT",
        title: "标点重复（。。 ，， 、、 ；；等）",
        rationale: "连续两个句读标点（如“。。”“，，”“，。”）是录入错误。不影响数字，但公开文本\
                    不规范。省略号“……”和破折号“——”不在此列。",
        severity: Severity::Info,
        check: doubled_punctuation,
    },
    Rule {
        id: "TEXT-REPEATED",
        title: "字词重复（“高校高校”“及及”“2024年年度”）",
        rationale: "两个以上汉字的词紧接着重复一次（ABAB，如“普通高校高校毕业生”“补助补助”）在正式\
                    公文中几乎总是录入错误；单字重复只对不会叠用的虚词（的、及、和、与、或……）报告，\
                    因为“常常”“人人”“专业业务”“入职职工”之类是正常写法；“2024年年度”单独识别。\
                    以“一”开头的“一个一个”等叠用不报告。不影响数字，但公开文本不规范。",
        severity: Severity::Info,
        check: repeated,
    },
    Rule {
        id: "TEXT-UNIT-NAME",
        title: "表头、附件中的单位名称与封面一致",
        rationale: "各公开表表头的“单位：”、整体绩效自评表的部门（单位）名称、项目自评表的主管部门，\
                    都应是封面上的本单位（允许省略省名、“（本级）”和编码）。出现其他单位的名称，\
                    说明表格是从其他单位或模板复制而来，数字可能也不属于本单位。",
        severity: Severity::Warning,
        check: unit_names,
    },
];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Push one finding per hit, located where the line stands in the report.
fn push_hit(
    rule: &Rule,
    report: &Report,
    out: &mut Vec<Finding>,
    seen: &mut Occurrences,
    line: LineNo,
    text: &str,
    msg: String,
) {
    let loc = facts::locate_line(report, line);
    let disc = seen.next(format!("{}|{text}", loc.semantic_key()));
    out.push(rule.finding_keyed(msg, vec![loc], &disc));
}

fn lines(report: &Report) -> impl Iterator<Item = (LineNo, &str)> {
    report
        .source
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i as LineNo + 1, l.as_str()))
}

fn excerpt(chars: &[char], from: usize, to: usize) -> String {
    let a = from.saturating_sub(6);
    let b = (to + 6).min(chars.len());
    chars[a..b]
        .iter()
        .collect::<String>()
        .replace('\t', " ")
        .trim()
        .to_string()
}

fn placeholders(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let re = crate::regex!(r"XX+|ＸＸ+|××+|xx+|【[^】]{0,30}】|[＿_]{3,}");
    let mut seen = Occurrences::default();
    for (n, l) in lines(report) {
        for m in re.find_iter(l) {
            let before = l[..m.start()].chars().last();
            let after = l[m.end()..].chars().next();
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if m.as_str().starts_with(['X', 'x']) && (latin(before) || latin(after)) {
                continue;
            }
            let msg = format!("模板占位符“{}”未替换", m.as_str());
            push_hit(rule, report, out, &mut seen, n, m.as_str(), msg);
        }
    }
}

/// A regex with a cheap test of text it cannot match without.
type Prefiltered = (fn(&str) -> bool, &'static crate::text::DigitRegex);

fn wrong_year(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let Some(year) = report.year else { return };
    // Each pattern with text it cannot match without: most lines with a 年
    // have none of them, and skip the regex (five searches of every line
    // were a tenth of all the checking).
    let patterns: [Prefiltered; 5] = [
        (
            |t| t.contains('截'),
            crate::digit_regex!(r"(?:截至|截止)\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|年底|年末)"),
        ),
        (
            |t| t.contains('度'),
            crate::digit_regex!(r"^[\s(（]*(\d{4})\s*年\s*年?度[\s)）]*$"),
        ),
        (
            |t| t.contains("决算"),
            crate::digit_regex!(r"(\d{4})\s*年度\s*(?:部门|单位)?决算"),
        ),
        (
            |t| t.starts_with('第'),
            crate::digit_regex!(r"^第[一二三四五六七八九十]+部分\s*(\d{4})\s*年度"),
        ),
        (
            |t| t.starts_with("单位"),
            crate::digit_regex!(r"^单位[:：].*?(\d{4})\s*年度"),
        ),
    ];
    // In a schedule, the header's "YYYY 年度" often lands alone on its line.
    let header = crate::digit_regex!(r"(\d{4})\s*年度\s*$");
    let in_schedule = |n: LineNo| {
        report
            .schedules
            .iter()
            .any(|s| s.lines.is_some_and(|(a, b)| a <= n && n <= b))
    };
    let mut seen = Occurrences::default();
    for (n, l) in lines(report) {
        if !l.contains('年') {
            continue;
        }
        let t = l.trim();
        let header_line = !l.contains('\t') && t.chars().count() <= 40 && in_schedule(n);
        let has_year: fn(&str) -> bool = |t| t.contains("年度");
        let extra = header_line.then_some((has_year, header));
        for (may_match, re) in patterns.into_iter().chain(extra) {
            if !may_match(t) {
                continue;
            }
            let Some(c) = re.captures(t) else { continue };
            // `\d` matched full-width digits too.
            let Some(y) = c
                .get(1)
                .and_then(|m| ascii_digits(m.as_str()).parse::<i32>().ok())
            else {
                continue;
            };
            if y == year {
                continue;
            }
            let what = c.get(0).map(|m| m.as_str()).unwrap_or("");
            let msg = format!("“{}”中的年份 {y} 不是本决算年度 {year}", what.trim());
            push_hit(rule, report, out, &mut seen, n, what, msg);
            break;
        }
    }
}

fn doubled_punctuation(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    // A run of three or more is a dot leader (目录) or an ellipsis, not a slip.
    let re = crate::regex!(r"[。，、；：]{2,}|,{2,}|;{2,}");
    for (n, l) in lines(report) {
        // …and a pair with nothing before it is layout (a line of filler marks).
        let after_word = |m: &regex::Match| {
            l[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
        };
        for m in re
            .find_iter(l)
            .filter(|m| m.as_str().chars().count() == 2 && after_word(m))
        {
            let pair = m.as_str();
            let chars: Vec<char> = l.chars().collect();
            let at = l[..m.start()].chars().count();
            let msg = format!("标点重复“{pair}”：{}", excerpt(&chars, at, at + 2));
            push_hit(rule, report, out, &mut seen, n, pair, msg);
        }
    }
}

/// Characters that never double in formal Chinese: a doubled one is a slip.
const FUNCTION_CHARS: [char; 16] = [
    '的', '及', '和', '与', '或', '在', '于', '并', '将', '被', '把', '从', '向', '按', '其', '由',
];

/// A word of `k` CJK characters repeated at `i` (ABAB), not starting with 一.
fn abab_at(chars: &[char], i: usize) -> Option<usize> {
    (2..=4).find(|&k| {
        i + 2 * k <= chars.len()
            && chars[i] == chars[i + k]
            && chars[i] != '一'
            && chars[i..i + k].iter().all(|&c| is_cjk(c))
            && chars[i..i + k] == chars[i + k..i + 2 * k]
            && !chars[i..i + k].iter().all(|&c| c == chars[i])
    })
}

/// Whether a line may hold a repeat: a CJK character (three UTF-8 bytes,
/// lead E4–E9) whose bytes stand again 3, 6, 9 or 12 bytes on, as they do
/// in every ABAB word and doubled character. Four passes with no early exit
/// over equal-length slices, which the compiler vectorises: four lines in
/// five have no such pair and are never decoded (decoding every line was
/// the costliest part of all the checking).
fn may_repeat(b: &[u8]) -> bool {
    [3, 6, 9, 12].into_iter().any(|s| {
        let Some(m) = b.len().checked_sub(s + 2) else {
            return false;
        };
        let (a0, a1, a2) = (&b[..m], &b[1..m + 1], &b[2..m + 2]);
        let (c0, c1, c2) = (&b[s..s + m], &b[s + 1..s + m + 1], &b[s + 2..s + m + 2]);
        let mut any = false;
        for j in 0..m {
            any |= (a0[j] == c0[j])
                & (a1[j] == c1[j])
                & (a2[j] == c2[j])
                & (a0[j].wrapping_sub(0xE4) < 6);
        }
        any
    })
}

/// Whether the character at `i` is CJK and occurs again within the next
/// four characters: what every ABAB word and every doubled character needs.
fn recurs_soon(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    is_cjk(c) && chars[i + 1..chars.len().min(i + 5)].contains(&c)
}

fn repeated(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let mut seen = Occurrences::default();
    let year = crate::digit_regex!(r"\d{4}\s*年\s*年度");
    let mut chars: Vec<char> = Vec::new();
    for (n, l) in lines(report) {
        if l.contains("年度") {
            for m in year.find_iter(l) {
                let msg = format!("“{}”多了一个“年”，应为“年度”", m.as_str().trim());
                push_hit(rule, report, out, &mut seen, n, "年年度", msg);
            }
        }
        if !may_repeat(l.as_bytes()) {
            continue;
        }
        chars.clear();
        chars.extend(l.chars());
        let mut i = 0;
        while i < chars.len() {
            // Every repeat starts with a CJK character met again one to
            // four characters on: the cheap test first.
            if !recurs_soon(&chars, i) {
                i += 1;
                continue;
            }
            if let Some(k) = abab_at(&chars, i) {
                let word: String = chars[i..i + 2 * k].iter().collect();
                let msg = format!("字词重复“{word}”：{}", excerpt(&chars, i, i + 2 * k));
                push_hit(rule, report, out, &mut seen, n, &word, msg);
                i += 2 * k;
                continue;
            }
            let c = chars[i];
            let doubled = i + 1 < chars.len()
                && chars[i + 1] == c
                && FUNCTION_CHARS.contains(&c)
                && !(c == '的' && chars.get(i + 2) == Some(&'确'));
            if doubled {
                let word: String = [c, c].iter().collect();
                let msg = format!("字重复“{word}”：{}", excerpt(&chars, i, i + 2));
                push_hit(rule, report, out, &mut seen, n, &word, msg);
                i += 2;
                continue;
            }
            i += 1;
        }
    }
}

/// A unit name reduced to what must match: no spaces, years, codes,
/// brackets, “本级” or dashes.
fn unit_key(s: &str) -> String {
    let t = ascii_digits(&squash(s));
    let t = crate::text::without_years(&t);
    t.chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '-' | '–' | '—' | '(' | ')'))
        .collect::<String>()
        .replace("本级", "")
}

fn check_unit(
    rule: &Rule,
    report: &Report,
    out: &mut Vec<Finding>,
    cover: &str,
    name: &str,
    loc: Location,
    what: &str,
) {
    let key = unit_key(name);
    // Short forms (no province, no 本级) are fine; anything else is another unit.
    if key.chars().count() < 4 || cover.contains(&key) {
        return;
    }
    let msg = format!(
        "{what}为“{}”，与封面单位“{}”不一致",
        squash(name),
        report.department
    );
    out.push(rule.finding_keyed(msg, vec![loc], what));
}

/// "万元", "元", "万元（保留两位小数）": a money unit, not a unit name.
fn is_money_unit(name: &str) -> bool {
    let t = name.trim_start_matches(['：', ':']);
    t.starts_with("万元") || t.starts_with("元") || t.starts_with("千元") || t.is_empty()
}

fn unit_names(rule: &Rule, report: &Report, out: &mut Vec<Finding>) {
    let cover = unit_key(&report.department);
    if cover.chars().count() < 4 {
        return;
    }
    for s in &report.schedules {
        let Some((a, b)) = s.lines else { continue };
        let Some(n) = (a..=b).find(|&n| squash(report.source.line(n)).starts_with("单位："))
        else {
            continue;
        };
        let mut name = squash(report.source.line(n))
            .trim_start_matches("单位：")
            .to_string();
        // "单位：万元" names the money unit, not the department (Shanghai's layout).
        if is_money_unit(&name) {
            continue;
        }
        // The name wraps onto the next line in the extraction ("（本" / "级）"):
        // join only a name whose bracket is still open.
        let open = name.matches(['（', '(']).count() > name.matches(['）', ')']).count();
        if let Some(next) = (n + 1..=b)
            .filter(|_| open)
            .map(|m| squash(report.source.line(m)))
            .find(|t| !t.is_empty())
            .filter(|t| t.chars().count() <= 12 && !t.contains("单位"))
        {
            name.push_str(&next);
        }
        let name = crate::text::without_years(&name);
        let loc = Location::schedule(n, s.id, Some("单位"));
        check_unit(
            rule,
            report,
            out,
            &cover,
            &name,
            loc,
            &format!("{}表头单位", s.id.label()),
        );
    }
    if let Some(o) = &report.overall {
        let loc = Location::project(o.line, facts::OVERALL, Some("部门（单位）名称"));
        check_unit(
            rule,
            report,
            out,
            &cover,
            &o.name,
            loc,
            "整体绩效自评表单位名称",
        );
    }
    for p in &report.projects {
        let line = (p.name_line..=p.end_line)
            .find(|&l| squash(report.source.line(l)).starts_with("主管部门"))
            .unwrap_or(p.name_line);
        let loc = Location::project(line, &p.name, Some("主管部门"));
        check_unit(rule, report, out, &cover, &p.department, loc, "主管部门");
    }
}
