//! The words of a narrative claim's clause: list numbering and leading
//! years stripped, the clause before a number cut out, the “三公” item a
//! sentence names. The parser reads claims with them and the rules name
//! table rows with them, so both live on the ground floor.

use super::squash;

/// A label without its list numbering: "五、教育支出" → "教育支出",
/// "其中：（1）公务用车运行维护费" → "公务用车运行维护费".
pub fn strip_numbering(label: &str) -> String {
    let t = squash(label);
    // The pattern can only remove something from a label starting with one
    // of these characters (`\d` is any Unicode digit); most labels do not,
    // and skip the regex.
    let may_be_numbered =
        t.starts_with(|c: char| c.is_numeric() || "其一二三四五六七八九十（(".contains(c));
    if !may_be_numbered {
        return t.trim().to_string();
    }
    let re = crate::digit_regex!(
        r"^(?:其中[:：]?)?(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(]\d+[）)]|[（(][一二三四五六七八九十]+[）)])*"
    );
    re.replace(&t, "").trim().to_string()
}

/// Which row of 公开07表 a text names, by keyword (the most specific first).
pub fn t7_key(text: &str) -> Option<&'static str> {
    let t = squash(text);
    // 国内公务接待 and 外宾/外事接待 are parts of 公务接待费, not its row
    // (TEXT-AMOUNT checks them as parts: at most the row).
    if ["国内公务接待", "外宾接待", "外事接待"]
        .iter()
        .any(|k| t.contains(k))
    {
        return None;
    }
    [
        ("公务用车购置及运行", "公务用车购置及运行费"),
        // Shanghai's template: "公务用车购置支出", "公务用车运行维护支出".
        ("公务用车购置", "公务用车购置费"),
        ("公务用车运行", "公务用车运行维护费"),
        ("因公出国", "因公出国"),
        ("公务接待", "公务接待费"),
        ("三公", "合计"),
    ]
    .into_iter()
    .find(|(k, _)| t.contains(k))
    .map(|(_, row)| row)
}

/// A subject without list numbering, leading year ("2024 年度") or "今年".
/// Claims' subjects come squashed from the parser; most start with neither,
/// so the regexes run only when the first character says they may match.
pub fn normalise_subject(s: &str) -> String {
    let numbered = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十（(其".contains(c))
    };
    let t = if numbered(s) || s.contains(char::is_whitespace) {
        strip_numbering(s)
    } else {
        s.to_string()
    };
    if t.starts_with(|c: char| c.is_ascii_digit() || c == '今' || c == '本') {
        // `^(?:\d{4}\s*年度?|今年|本年)`
        super::after_leading_year(&t)
            .unwrap_or(&t)
            .trim()
            .to_string()
    } else {
        t
    }
}

/// Whether a clause may read "X（类）Y（款）Z（项）": it must hold 类 and 款
/// and end in 项）, which most clauses do not — the path pattern (with
/// captures, lazy groups and an end anchor) is then not run at all.
pub fn may_be_function_path(clause: &str) -> bool {
    (clause.ends_with("项）") || clause.ends_with("项)"))
        && clause.contains('类')
        && clause.contains('款')
}

/// A clause that is "X（类）Y（款）Z（项）", as its three names (one pattern
/// for the parser's readings and the rules' lookups).
pub fn function_path(clause: &str) -> Option<(&str, &str, &str)> {
    if !may_be_function_path(clause) {
        return None;
    }
    let re = crate::regex!(r"^(.+?)[（(]类[）)](.+?)[（(]款[）)](.+?)[（(]项[）)]$");
    let c = re.captures(clause)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
}

/// How far before its number a claim's clause is looked for, in characters.
const CLAUSE_MAX_CHARS: usize = 400;

/// The words before a number back to the previous clause mark (，。；：、
/// but not brackets), list numbering and leading year removed: "其中：因公
/// 出国（境）费 " → "因公出国（境）费". `before` is the paragraph up to the number.
pub fn claim_clause(before: &str) -> String {
    // Bounded as a claim's sentence is: a paragraph of thousands of numbers
    // and no clause mark would otherwise copy its whole start for every number.
    let start = super::start_after_mark(before, CLAUSE_MAX_CHARS, |i, c| {
        is_clause_mark(before, i, c)
    });
    let clause = normalise_subject(&before[start..]);
    if clause.contains(PAIRED_TOTALS) {
        clause.replace(PAIRED_TOTALS, "收支")
    } else {
        clause
    }
}

/// "收、支总计" (Beijing's "the income and spending totals", which a
/// balanced account prints equal): its 、 joins two one-character words of
/// one subject and separates no clauses.
const PAIRED_TOTALS: &str = "收、支";

/// Whether the character `c` at byte `i` of `before` ends a clause.
fn is_clause_mark(before: &str, i: usize, c: char) -> bool {
    match c {
        '、' => !(before[..i].ends_with('收') && before[i + c.len_utf8()..].starts_with('支')),
        '，' | '；' | '：' | ',' | ';' | ':' => true,
        _ => super::is_full_stop(before, i, c),
    }
}

/// The year a clause names ("2024年度收入总计", "比2023年度增加",
/// "某局2024年度财政拨款收入支出总计"), read from its raw words.
pub fn clause_year(before: &str) -> Option<u16> {
    let start = super::start_after_mark(before, CLAUSE_MAX_CHARS, |i, c| {
        is_clause_mark(before, i, c)
    });
    let clause = &before[start..];
    if !clause.contains('年') {
        return None;
    }
    // `((?:19|20)\d{2})\s*年`
    super::first_year_before_nian(clause)
}

/// The 公开07表 rows a “三公” sentence may name, by keyword.
const SANGONG_ITEMS: [(&str, &str); 4] = [
    ("因公出国", "因公出国"),
    ("公务接待", "公务接待费"),
    ("公务用车购置及运行", "公务用车购置及运行费"),
    ("三公", "合计"),
];

/// The 公开07表 row a “三公” paragraph is about: the first item it names.
pub fn sangong_first_item(text: &str) -> Option<&'static str> {
    SANGONG_ITEMS
        .into_iter()
        .filter_map(|(k, row)| text.find(k).map(|i| (i, row)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, row)| row)
}

/// The 公开07表 row a “三公” number is about: the item named nearest before
/// it (one paragraph may state the total and every item, as Shanghai's
/// does), else the paragraph's first. `before` is `text` up to the number.
pub fn sangong_item_before(text: &str, before: &str) -> Option<&'static str> {
    SANGONG_ITEMS
        .into_iter()
        .filter_map(|(k, row)| {
            // "占“三公”经费支出的" names the whole of a share, not the subject.
            before
                .match_indices(k)
                .map(|(i, _)| i)
                .filter(|&i| !before[..i].trim_end_matches(['“', '"']).ends_with('占'))
                .last()
                .map(|i| (i, row))
        })
        .max_by_key(|(i, _)| *i)
        .map(|(_, row)| row)
        .or_else(|| sangong_first_item(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_years_are_stripped() {
        assert_eq!(strip_numbering("五、教育支出"), "教育支出");
        assert_eq!(
            strip_numbering("其中：（1）公务用车运行维护费"),
            "公务用车运行维护费"
        );
        assert_eq!(strip_numbering("1. 基本支出"), "基本支出");
        assert_eq!(normalise_subject("2024 年度财政拨款支出"), "财政拨款支出");
        assert_eq!(t7_key("1. 因公出国（境）费"), Some("因公出国"));
        assert_eq!(
            t7_key("3、公务用车购置及运行费"),
            Some("公务用车购置及运行费")
        );
        assert_eq!(t7_key("公务用车购置支出为"), Some("公务用车购置费"));
        assert_eq!(t7_key("公务用车运行维护支出"), Some("公务用车运行维护费"));
        assert_eq!(t7_key("其中：国内公务接待支出"), None);
    }

    #[test]
    fn a_clause_is_the_words_since_the_last_mark() {
        assert_eq!(claim_clause("其中：因公出国（境）费 "), "因公出国（境）费");
        assert_eq!(claim_clause("收入 100 万元，2024年度支出总计"), "支出总计");
        // Beijing's "收、支总计" is one subject; any other 、 ends a clause.
        assert_eq!(claim_clause("2024年度收、支总计"), "收支总计");
        assert_eq!(claim_clause("财政拨款收、支总计"), "财政拨款收支总计");
        assert_eq!(claim_clause("工资、津贴"), "津贴");
        assert_eq!(claim_clause("收、支"), "收支");
        assert_eq!(clause_year("收入 100 万元，2024年度支出总计"), Some(2024));
        assert_eq!(clause_year("公务接待费比2023年减少"), Some(2023));
        assert_eq!(clause_year("2024年收入 1 万元，支出总计"), None);
    }

    #[test]
    fn a_sangong_number_is_about_the_item_named_nearest_before_it() {
        let text = "“三公”经费支出 3 万元，其中：公务接待费 1 万元，占“三公”经费的 33%";
        let at = |s: &str| &text[..text.find(s).unwrap_or(0)];
        assert_eq!(sangong_item_before(text, at("3 万元")), Some("合计"));
        assert_eq!(sangong_item_before(text, at("1 万元")), Some("公务接待费"));
        assert_eq!(sangong_item_before(text, at("33%")), Some("公务接待费"));
        assert_eq!(
            sangong_first_item("公务接待费与因公出国"),
            Some("公务接待费")
        );
    }
}
