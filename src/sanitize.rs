//! A report is untrusted text shown on someone's terminal: control
//! characters and escape sequences are made visible, never sent raw.

use std::borrow::Cow;

/// Replace C0/C1 control characters (except tab, which becomes a space) with
/// visible placeholders: U+2400 control pictures for C0, `\u{..}` for others.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('␡'),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Make serialised JSON safe to print on a terminal: serde_json escapes C0
/// controls (`\u001b`) but writes DEL, C1 controls (U+0080–U+009F, e.g. the
/// one-character CSI U+009B) and bidi overrides raw. They can only occur
/// inside JSON strings, so writing them as `\uXXXX` escapes keeps the JSON
/// valid and equal in value. (C0 characters in serialised JSON are the
/// layout's own newlines and tabs: serde_json has escaped all others.)
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let escape = |c: char| (c as u32) >= 0x20 && needs_escape(c);
    if !has_json_unsafe(json.as_bytes()) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether UTF-8 `b` holds a character `json_safe` escapes (DEL, a C1
/// control, a bidi override), read from the bytes: every line of a batch's
/// JSON passes here, and decoding it char by char cost as much as writing it.
/// DEL is 7F; C1 controls are C2 80–9F; U+202A–202E are E2 80 AA–AE and
/// U+2066–2069 are E2 81 A6–A9 (a test compares with the char test).
fn has_json_unsafe(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &x)| match x {
        0x7F => true,
        0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(n)) => (0xAA..=0xAE).contains(n),
            (Some(0x81), Some(n)) => (0xA6..=0xA9).contains(n),
            _ => false,
        },
        _ => false,
    })
}

fn needs_escape(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || u == 0x7f || (0x80..0xa0).contains(&u)
        // bidi overrides can make text read differently from what it is
        || matches!(u, 0x202a..=0x202e | 0x2066..=0x2069)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_finds_what_the_char_test_finds() {
        let escape = |c: char| (c as u32) >= 0x20 && needs_escape(c);
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [format!("{c}"), format!("a“{c}”中"), format!("{c}\u{202c}")] {
                assert_eq!(
                    has_json_unsafe(s.as_bytes()),
                    s.chars().any(escape),
                    "{u:x}"
                );
            }
        }
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("a\x1b[31mb"), "a␛[31mb");
        assert_eq!(visible("x\u{9b}y"), "x\\u{9b}y");
        assert_eq!(visible("正常文本"), "正常文本");
        assert!(matches!(visible("ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_value_but_no_raw_controls() {
        let v = serde_json::json!({ "m": "a\u{1b}[31m\u{9b}2J\u{7f}\u{202e}合计\u{7}" });
        let raw = serde_json::to_string_pretty(&v).unwrap();
        assert!(raw.contains('\u{9b}'), "serde_json writes C1 raw");
        let safe = json_safe(&raw);
        assert!(!safe
            .chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'));
        assert!(safe.contains("\\u001b") && safe.contains("\\u009b") && safe.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, v);
        assert!(matches!(json_safe("{\"a\":\"合计\"}"), Cow::Borrowed(_)));
    }
}
