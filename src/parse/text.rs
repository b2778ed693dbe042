//! Small text helpers shared by the parsers: cells, labels, numbers.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Split a table line into trimmed cells on tabs.
pub fn cells(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

/// Whether a line is a tab-separated table row.
pub fn is_row(line: &str) -> bool {
    line.contains('\t')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2018..=0x201F)
}

/// Remove the spaces the extraction left inside labels and headers
/// ("本年支出合 计" → "本年支出合计"), keeping spaces between Latin words.
pub fn squash(s: &str) -> String {
    let s = s.trim();
    // Most labels and cells have no inner space: no per-char work for them.
    if !s.contains(char::is_whitespace) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        // A run of spaces becomes one space only between two Latin words.
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let prev = out.chars().next_back();
        let next = chars.peek().copied();
        let keep = matches!((prev, next), (Some(p), Some(n)) if !is_cjk(p) && !is_cjk(n)
            && p.is_alphanumeric() && n.is_alphanumeric());
        if keep {
            out.push(' ');
        }
    }
    out
}

/// Full-width digits, signs and separators to ASCII, so "１，２３４．５６" reads.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '－' | '—' | '−' => '-',
            '％' => '%',
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// Parse an amount as printed: `4,766.06`, `5.40`, `-1.2`, `(1.20)` (negative).
/// Returns none for anything that is not a number.
pub fn amount(s: &str) -> Option<Decimal> {
    let s = s.trim();
    // Converting allocates; most cells are plain ASCII and need no converting.
    let converted;
    let t = if s.is_ascii() {
        s
    } else {
        converted = ascii_digits(s);
        converted.trim()
    };
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let (neg, body) = if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (true, inner.trim())
    } else if let Some(r) = t.strip_prefix('-') {
        (true, r.trim())
    } else {
        (false, t)
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if !body.bytes().next().is_some_and(|b| b.is_ascii_digit()) || body.ends_with(',') {
        return None;
    }
    let plain: String = body.chars().filter(|&c| c != ',').collect();
    let d = Decimal::from_str(&plain).ok()?;
    Some(if neg { -d } else { d })
}

/// Parse a percentage cell ("58.46%", "100%", "90.0%") to percent units.
pub fn percent(s: &str) -> Option<Decimal> {
    let t = ascii_digits(s.trim());
    let body = t.strip_suffix('%')?.trim();
    amount(body)
}

/// Normalise a name for matching: no spaces, no quotes or brackets, half-width.
pub fn match_key(s: &str) -> String {
    ascii_digits(s)
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '《' | '》')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_as_printed() {
        assert_eq!(amount("4,766.06"), Some(dec!(4766.06)));
        assert_eq!(amount("5.40").unwrap().scale(), 2);
        assert_eq!(amount("(1.20)"), Some(dec!(-1.20)));
        assert_eq!(amount("－３．５"), Some(dec!(-3.5)));
        assert_eq!(amount("１，２３４．５６"), Some(dec!(1234.56)));
        assert_eq!(amount(""), None);
        assert_eq!(amount("合计"), None);
        assert_eq!(amount(",12"), None);
        assert_eq!(percent("58.46%"), Some(dec!(58.46)));
        assert_eq!(percent("100"), None);
    }

    /// The first, simple implementation: `squash` must agree with it.
    fn squash_reference(s: &str) -> String {
        let chars: Vec<char> = s.trim().chars().collect();
        let mut out = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let prev = out.chars().last();
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
                let keep = matches!((prev, next), (Some(p), Some(n)) if !is_cjk(p) && !is_cjk(n)
                    && p.is_alphanumeric() && n.is_alphanumeric());
                if keep && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn squash_agrees_with_the_reference_on_every_sample_line() {
        let sample = include_str!("../../sample-data/chaoyang-hrss-2024.txt");
        let extra = [
            "",
            " ",
            "a b",
            "a  b",
            "a \t b",
            "合 计",
            "ab 合",
            "合 ab",
            "x1 2y",
            "a \u{3000} b",
            " a  b  c ",
            "a (b) c",
            "1 , 2",
            "a\u{a0}b",
        ];
        for l in sample.lines().chain(sample.split('\t')).chain(extra) {
            assert_eq!(squash(l), squash_reference(l), "{l:?}");
        }
    }

    #[test]
    fn squash_removes_extraction_spaces() {
        assert_eq!(squash("本年支出合 计"), "本年支出合计");
        assert_eq!(squash("功能分 类科目 编码"), "功能分类科目编码");
        assert_eq!(squash(" 合 计 "), "合计");
    }
}
