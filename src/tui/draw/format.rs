//! How model values are written on screen: amounts with thousands
//! separators, blank cells as nothing (never as 0.00), rates with a % sign.

use crate::report::Cell;
use crate::sanitize::visible;
use rust_decimal::Decimal;

/// An amount as printed (its scale kept) with thousands separators: 4,766.06.
pub fn amount(d: Decimal) -> String {
    let s = d.to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A cell for a table: amounts grouped, blank as "", text made visible.
pub fn cell(c: &Cell) -> String {
    match c {
        Cell::Blank => String::new(),
        Cell::Amount(d) => amount(*d),
        Cell::Text(t) => visible(t).into_owned(),
    }
}

/// A cell described in words for the footer ("blank: nothing printed").
pub fn cell_long(c: &Cell) -> String {
    match c {
        Cell::Blank => "空白（未填列）blank".to_string(),
        Cell::Amount(d) => format!("{} 万元", amount(*d)),
        Cell::Text(t) => format!("“{}”（文字）", visible(t)),
    }
}

/// The value a copy puts on the clipboard: the plain number, no separators.
pub fn cell_plain(c: &Cell) -> String {
    match c {
        Cell::Blank => String::new(),
        Cell::Amount(d) => d.to_string(),
        Cell::Text(t) => t.clone(),
    }
}

/// A percentage as printed: 58.46%.
pub fn percent(d: Option<Decimal>) -> String {
    d.map(|d| format!("{d}%")).unwrap_or_default()
}

/// An optional decimal (scores), "" when absent.
pub fn opt(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A signed difference: +0.01 / -0.01.
pub fn signed(d: Decimal) -> String {
    if d.is_sign_negative() {
        amount(d)
    } else {
        format!("+{}", amount(d))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn thousands_separators_keep_the_printed_scale() {
        assert_eq!(amount(dec!(4766.06)), "4,766.06");
        assert_eq!(amount(dec!(255)), "255");
        assert_eq!(amount(dec!(0.00)), "0.00");
        assert_eq!(amount(dec!(-1234567.5)), "-1,234,567.5");
        assert_eq!(amount(dec!(100)), "100");
        assert_eq!(amount(dec!(123456)), "123,456");
    }

    #[test]
    fn blank_is_not_zero() {
        assert_eq!(cell(&Cell::Blank), "");
        assert_eq!(cell(&Cell::Amount(dec!(0.00))), "0.00");
        assert_ne!(cell_long(&Cell::Blank), cell_long(&Cell::Amount(dec!(0))));
    }

    #[test]
    fn signed_differences() {
        assert_eq!(signed(dec!(-0.01)), "-0.01");
        assert_eq!(signed(dec!(0.01)), "+0.01");
    }
}
