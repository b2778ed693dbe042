//! The narrative (情况说明 and the other text parts): sections, paragraphs with
//! page-break scars joined, and the claims stated in them.

use super::claim::Reading;
use super::LineNo;
use rust_decimal::Decimal;
use serde::Serialize;

/// A paragraph, with the lines it was joined from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// The joined text (page-break fragments glued back together).
    pub text: String,
    /// The source line of each `char` of `text` (same length as text.chars()).
    #[serde(skip)]
    pub char_lines: Vec<LineNo>,
    /// First source line.
    pub line: LineNo,
    /// Last source line.
    pub end_line: LineNo,
}

impl Paragraph {
    /// The source line of the char at `char_index`.
    pub fn line_at(&self, char_index: usize) -> LineNo {
        self.char_lines
            .get(char_index)
            .copied()
            .unwrap_or(self.line)
    }
}

/// A heading and the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading path, e.g. "第二部分 / 一、收入支出决算总体情况说明".
    pub heading: String,
    /// The heading's own line.
    pub line: LineNo,
    /// The paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// What a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An amount in 万元.
    Amount,
    /// A share or rate, in percent.
    Percent,
    /// A count (辆, 个, 人, 项, 批次, 人次, 台(套), 分 …).
    Count,
}

/// What a claim's number measures (口径), read from the words before it:
/// a rule compares a claim only with a table figure of the same measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The year's figure itself (决算数, 预算数, 合计): "公务接待费 1.50 万元".
    Level,
    /// A change on last year (增减额): "比上年减少 1.50 万元", "公务接待费减少 1.50 万元".
    Change,
    /// Last year's figure, stated for comparison (上年数): the 4459.42 of
    /// "收、支总计 4766.06 万元，比上年 4459.42 万元增加 306.64 万元"
    /// (Beijing's phrasing), or "上年决算数为 4459.42 万元". No table holds it;
    /// it is the base a change and its rate are checked against.
    Prior,
    /// A share of a whole (占比): "占“三公”经费支出的 20%".
    Share,
    /// A completion rate (完成率, 执行率): "完成预算的 100%".
    Completion,
    /// A rate of change on last year (增减率): "增长 6.88%".
    ChangeRate,
    /// A count, or a percent of no kind above.
    Other,
}

/// Words that make the amount after them a change, not a level. A level's
/// name never holds them (科目 and 三公 names do not), so finding one
/// anywhere in the words before the number is enough.
const CHANGE_WORDS: [&str; 14] = [
    "增加",
    "减少",
    "增长",
    "下降",
    "降低",
    "上升",
    "提高",
    "比上年",
    "较上年",
    "同比",
    "增减",
    "节约",
    "压减",
    "缩减",
];

/// Whether `s` holds one of [`CHANGE_WORDS`]. One walk over the subject's
/// characters, comparing a word only where its first character stands:
/// fourteen `str::contains` calls cost ten times as much on every claim.
fn has_change_word(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        "增减下降上提比较同节压缩".contains(c) && CHANGE_WORDS.iter().any(|w| s[i..].starts_with(w))
    })
}

/// Whether the words just before an amount make it last year's figure:
/// they end in a comparison with a year ("比上年", "较上年度的", "与2023年度"),
/// or are that year alone before 为 or 决算数 ("上年为", "上年决算数为").
/// Byte tests, not a regex: every amount claim asks.
fn names_prior_year(subject: &str) -> bool {
    if !subject.contains('年') {
        return false;
    }
    let words: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
    let (rest, suffixed) = ["决算数为", "决算为", "数为", "为", "决算数", "的"]
        .iter()
        .find_map(|s| words.strip_suffix(s))
        .map_or((words.as_str(), false), |r| (r, true));
    let compared = |head: &str| head.ends_with(['比', '较', '与']);
    if let Some(head) = ["上一年度", "上年度", "上年"]
        .iter()
        .find_map(|w| rest.strip_suffix(w))
    {
        return compared(head) || (suffixed && head.is_empty());
    }
    // "比2023年度": a year in digits, only after a word of comparison (a
    // bare "2024年度" is the report's own year).
    let Some(digits) = rest
        .strip_suffix("年度")
        .or_else(|| rest.strip_suffix('年'))
    else {
        return false;
    };
    let year: Vec<char> = digits.chars().rev().take(4).collect();
    let is_digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    year.len() == 4
        && year.iter().all(is_digit)
        && digits
            .char_indices()
            .rev()
            .nth(3)
            .is_some_and(|(i, _)| compared(&digits[..i]))
}

/// A word of completion: the percent is actual over budget.
const COMPLETION_WORDS: [&str; 4] = ["完成", "执行率", "执行进度", "支出进度"];

impl Claim {
    /// What the number measures (see [`Measure`]).
    pub fn measure(&self) -> Measure {
        let s = self.subject.as_str();
        let change = has_change_word(s) || s.ends_with(['增', '减']);
        match self.kind {
            ClaimKind::Amount if names_prior_year(s) => Measure::Prior,
            ClaimKind::Amount if change => Measure::Change,
            ClaimKind::Amount => Measure::Level,
            ClaimKind::Percent if s.starts_with('占') || s == "占比" => Measure::Share,
            ClaimKind::Percent if COMPLETION_WORDS.iter().any(|w| s.contains(w)) => {
                Measure::Completion
            }
            ClaimKind::Percent if change => Measure::ChangeRate,
            _ => Measure::Other,
        }
    }
}

/// A number stated in the narrative, with what it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Amount, percent or count.
    pub kind: ClaimKind,
    /// The number.
    pub value: Decimal,
    /// The unit as printed (万元, %, 辆, 个, 分 …).
    pub unit: String,
    /// The words just before the number in its clause (what it is about),
    /// e.g. "一般公共预算财政拨款收入" or "占收入总计的".
    pub subject: String,
    /// The whole sentence it stands in.
    pub sentence: String,
    /// The source line of the number.
    pub line: LineNo,
    /// Index of its section in `Narrative::sections`.
    pub section: usize,
    /// Index of its paragraph within that section.
    pub paragraph: usize,
    /// Char offset of the number in the paragraph text.
    pub offset: usize,
    /// Byte offset of the same place, so rules need not count characters
    /// from the paragraph's start for every claim (not in dumps: it says
    /// nothing `offset` does not).
    #[serde(skip)]
    pub byte_offset: usize,
    /// The subject normalised for the rules, kept once computed (not in dumps).
    #[serde(skip)]
    pub norm_subject: Memo,
    /// The words before the number back to the previous clause mark, list
    /// numbering and leading year removed: what the number is said to be.
    pub clause: String,
    /// What the claim is understood to state (subject, scope, basis), when
    /// the heading and the clause name a subject the tables hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
}

/// A string derived from a claim on first use and kept: a dozen rules ask
/// for the same claim's normalised subject, and each derivation squashes
/// and may run a regex. It never takes part in comparisons, so a
/// checked report still equals its unchecked copy.
#[derive(Debug, Clone, Default)]
pub struct Memo(std::sync::OnceLock<String>);

impl Memo {
    /// The kept value, computed by `f` the first time.
    pub fn get_or(&self, f: impl FnOnce() -> String) -> &str {
        self.0.get_or_init(f)
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Claim {
    /// The paragraph text before the number (`text` is the claim's
    /// paragraph; the whole of it should the offset not fall inside).
    pub fn text_before<'a>(&self, text: &'a str) -> &'a str {
        text.get(..self.byte_offset).unwrap_or(text)
    }
}

/// A narrative summary of one project ((1) “…”项目自评综述：…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectSummary {
    /// The number in parentheses.
    pub index: u32,
    /// The project name between the quotes.
    pub name: String,
    /// 项目自评得分, none when withheld.
    pub score: Option<Decimal>,
    /// Whether the paragraph says the score is not published (涉密 …).
    pub score_withheld: bool,
    /// 项目全年预算数.
    pub budget: Option<Decimal>,
    /// 全年执行数.
    pub executed: Option<Decimal>,
    /// 完成预算的 …%.
    pub rate: Option<Decimal>,
    /// The joined paragraph text.
    pub text: String,
    /// First source line.
    pub line: LineNo,
    /// Last source line.
    pub end_line: LineNo,
}

/// The text parts of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Narrative {
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Every number stated, in order.
    pub claims: Vec<Claim>,
    /// The per-project summary paragraphs of 预算绩效情况.
    pub project_summaries: Vec<ProjectSummary>,
}

impl Narrative {
    /// The paragraph a claim stands in.
    pub fn paragraph_of(&self, claim: &Claim) -> Option<&Paragraph> {
        self.sections
            .get(claim.section)
            .and_then(|s| s.paragraphs.get(claim.paragraph))
    }

    /// The heading of the section a claim stands in.
    pub fn heading_of(&self, claim: &Claim) -> &str {
        self.sections
            .get(claim.section)
            .map(|s| s.heading.as_str())
            .unwrap_or("")
    }

    /// Every paragraph with its section index.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &Section, &Paragraph)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.paragraphs.iter().map(move |p| (i, s, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_is_computed_once_and_not_compared() {
        let a = claim(ClaimKind::Amount, "x");
        let b = a.clone();
        assert_eq!(a.norm_subject.get_or(|| "x".into()), "x");
        assert_eq!(a.norm_subject.get_or(|| "y".into()), "x");
        assert_eq!(a, b);
    }

    #[test]
    fn change_words_are_found_as_contains_finds_them() {
        for w in CHANGE_WORDS {
            for s in [
                w.to_string(),
                format!("公务接待费{w}"),
                format!("{w}1.5万元的"),
            ] {
                assert!(has_change_word(&s), "{s}");
            }
        }
        for s in [
            "",
            "一般公共预算财政拨款支出",
            "增",
            "比",
            "同期",
            "节能",
            "较多",
            "压力",
        ] {
            let by_contains = CHANGE_WORDS.iter().any(|w| s.contains(w));
            assert_eq!(has_change_word(s), by_contains, "{s}");
        }
    }

    fn claim(kind: ClaimKind, subject: &str) -> Claim {
        Claim {
            kind,
            value: Decimal::ONE,
            unit: String::new(),
            subject: subject.to_string(),
            sentence: String::new(),
            line: 1,
            section: 0,
            paragraph: 0,
            offset: 0,
            byte_offset: 0,
            norm_subject: Memo::default(),
            clause: String::new(),
            reading: None,
        }
    }

    #[test]
    fn the_words_before_a_number_say_what_it_measures() {
        use ClaimKind::{Amount, Percent};
        let cases = [
            (Amount, "公务接待费", Measure::Level),
            (Amount, "公务接待费减少", Measure::Change),
            (Amount, "比上年增加", Measure::Change),
            (Amount, "三公经费支出比上年增", Measure::Change),
            (Percent, "占“三公”经费支出的", Measure::Share),
            (Percent, "完成预算的", Measure::Completion),
            (Percent, "增长", Measure::ChangeRate),
            (Percent, "下降", Measure::ChangeRate),
            (Amount, "比上年", Measure::Prior),
            (Amount, "较上年度的", Measure::Prior),
            (Amount, "与 上年", Measure::Prior),
            (Amount, "比2023年度", Measure::Prior),
            (Amount, "较 ２０２３ 年", Measure::Prior),
            (Amount, "上年决算数为", Measure::Prior),
            (Amount, "上年为", Measure::Prior),
            // The report's own year, and a change on last year, are not.
            (Amount, "2024年度", Measure::Level),
            (Amount, "2023年为", Measure::Level),
            (Amount, "比上年增加", Measure::Change),
            (Amount, "比2023年度增加", Measure::Change),
            (Amount, "上年结转", Measure::Level),
        ];
        for (kind, subject, want) in cases {
            assert_eq!(claim(kind, subject).measure(), want, "{subject}");
        }
    }
}
