//! Display-width arithmetic for terminal cells. CJK characters take two
//! cells, so every alignment goes through `unicode-width`, never `len()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The number of terminal cells `s` takes.
pub fn width(s: &str) -> usize {
    s.width()
}

/// The width of one char (control chars count as zero).
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `s` cut to at most `max` cells; when cut, the end is replaced by `ellipsis`
/// (which must itself be one cell wide).
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
        used += width(ellipsis);
    }
    // A double-width char that did not fit leaves one cell: pad it so the
    // column still ends where it should.
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(used)));
    out
}

/// `s` truncated and padded with spaces to exactly `w` cells, left-aligned.
pub fn pad_right(s: &str, w: usize, ellipsis: &str) -> String {
    let t = truncate(s, w, ellipsis);
    let fill = w.saturating_sub(width(&t));
    let mut out = t;
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

/// `s` truncated and padded with spaces to exactly `w` cells, right-aligned.
pub fn pad_left(s: &str, w: usize, ellipsis: &str) -> String {
    let t = truncate(s, w, ellipsis);
    let fill = w.saturating_sub(width(&t));
    let mut out: String = std::iter::repeat_n(' ', fill).collect();
    out.push_str(&t);
    out
}

/// Break `s` into lines of at most `w` cells.
///
/// Written by hand: Chinese text may break between any two characters, while
/// runs of ASCII letters, digits and number punctuation (`4,766.06`, `SUM-ROW`)
/// should stay whole. textwrap does this only with the ICU segmenter, whose
/// data tables would more than double the build for one function.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for unit in units(s) {
        let uw = width(unit);
        if used + uw > w && used > 0 {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
            if unit == " " {
                continue;
            }
        }
        if uw > w {
            // A unit longer than a line: break it by characters.
            for c in unit.chars() {
                let cw = char_width(c);
                if used + cw > w && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        } else {
            line.push_str(unit);
            used += uw;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The unbreakable pieces of `s`: ASCII words (letters, digits and the
/// punctuation inside numbers and ids) and single other characters.
fn units(s: &str) -> Vec<&str> {
    let sticky = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '_' | '%');
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if sticky(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(b) = start.take() {
            out.push(&s[b..i]);
        }
        out.push(&s[i..i + c.len_utf8()]);
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

/// Split a header into at most `lines` lines of at most `w` cells each
/// (column headers are long: 对附属单位补助支出 is 18 cells).
pub fn split_header(s: &str, w: usize, lines: usize, ellipsis: &str) -> Vec<String> {
    let mut out = wrap(s, w);
    if out.len() > lines {
        let rest: String = out[lines - 1..].concat();
        out.truncate(lines - 1);
        out.push(truncate(&rest, w, ellipsis));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("合计"), 4);
        assert_eq!(width("4,766.06"), 8);
        assert_eq!(pad_left("合计", 6, "~"), "  合计");
        assert_eq!(pad_right("合计", 5, "~"), "合计 ");
    }

    #[test]
    fn truncation_never_overflows_and_pads_split_wide_chars() {
        assert_eq!(truncate("社会保障和就业支出", 7, "~"), "社会保~");
        let t = truncate("社会保障和就业支出", 8, "~");
        assert_eq!(width(&t), 8);
        assert_eq!(t, "社会保~ ");
        assert_eq!(truncate("abc", 3, "~"), "abc");
    }

    #[test]
    fn wrap_breaks_chinese_anywhere_but_keeps_numbers_whole() {
        let lines = wrap("本年收入合计4,766.06万元", 14);
        assert_eq!(lines, vec!["本年收入合计", "4,766.06万元"]);
        for l in wrap("一般公共预算财政拨款支出决算表", 9) {
            assert!(width(&l) <= 9, "{l}");
        }
    }

    #[test]
    fn headers_split_into_two_lines() {
        assert_eq!(
            split_header("对附属单位补助支出", 10, 2, "~"),
            vec!["对附属单位", "补助支出"]
        );
        assert_eq!(split_header("金额", 10, 2, "~"), vec!["金额"]);
        let three = split_header("一二三四五六七八九十", 6, 2, "~");
        assert_eq!(three.len(), 2);
        assert!(three.iter().all(|l| width(l) <= 6));
    }
}
