//! Bytes → lines: BOM, UTF-8, UTF-16, GB18030/GBK, CRLF/LF, and the limits
//! that keep a hostile file from exhausting memory or time.

use super::ParseError;
use crate::report::LineNo;

/// The largest file juesuan reads (a real report is under 1 MiB of text).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Longer lines are cut for parsing (the source view still shows the cut).
pub const MAX_LINE_CHARS: usize = 64 * 1024;
/// The most lines juesuan reads.
pub const MAX_LINES: usize = 1_000_000;

/// Decoded text and the name of the encoding it came from.
#[derive(Debug)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
}

/// Decode a report's bytes, refusing empty and binary input.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ParseError::too_large(path, bytes.len()));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::not_a_report(path, None, "the file is empty"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(path, rest, "UTF-8 (BOM)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(path, rest, encoding_rs::UTF_16LE, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(path, rest, encoding_rs::UTF_16BE, "UTF-16BE");
    }
    if looks_binary(bytes) {
        let nul = bytes.iter().position(|&b| b == 0);
        return Err(ParseError::not_a_report(
            path,
            nul.map(|i| line_of(bytes, i)),
            "expected text, found binary data (NUL or control bytes); for a PDF give the .pdf file",
        ));
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: "UTF-8",
            })
        }
        Err(e) => e.valid_up_to(),
    };
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        let gb = first_gb18030_error(bytes)
            .map(|i| format!(", as GB18030 at byte {i} (line {})", line_of(bytes, i)))
            .unwrap_or_default();
        return Err(ParseError::not_a_report(
            path,
            Some(line_of(bytes, utf8_error)),
            &format!(
                "expected UTF-8 or GB18030/GBK text, found bytes that are neither: \
                 undecodable as UTF-8 at byte {utf8_error}{gb}"
            ),
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: "GB18030",
    })
}

/// The 1-based line that byte offset `i` falls on.
fn line_of(bytes: &[u8], i: usize) -> LineNo {
    let newlines = bytes[..i.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    LineNo::try_from(newlines + 1).unwrap_or(LineNo::MAX)
}

/// The byte offset of the first malformed GB18030 sequence.
fn first_gb18030_error(bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out =
        String::with_capacity(decoder.max_utf8_buffer_length_without_replacement(bytes.len())?);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Some(read.saturating_sub(bad as usize + after as usize))
        }
        _ => None,
    }
}

fn utf8(path: &str, bytes: &[u8], encoding: &'static str) -> Result<Decoded, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Decoded {
            text: t.to_string(),
            encoding,
        }),
        Err(e) => Err(ParseError::not_a_report(
            path,
            Some(line_of(bytes, e.valid_up_to())),
            &format!(
                "starts with a UTF-8 byte-order mark, so UTF-8 was expected, but byte {} is not UTF-8",
                e.valid_up_to() + 3
            ),
        )),
    }
}

fn utf16(
    path: &str,
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Result<Decoded, ParseError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ParseError::not_a_report(
            path,
            None,
            &format!(
                "starts with a {name} byte-order mark, so {name} was expected, \
                 but the text is not valid {name} (odd length or unpaired surrogates)"
            ),
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
    })
}

/// NUL bytes, or many C0 control bytes other than tab/CR/LF/FF, mean binary.
/// Escape sequences in otherwise textual reports are allowed (and neutralised
/// on display), so the threshold is a share, not "any".
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 20 > sample.len()
}

/// Text cut into lines, and what the limits cut off.
#[derive(Debug, Default)]
pub struct Lines {
    /// The lines, without terminators, each at most [`MAX_LINE_CHARS`] long.
    pub lines: Vec<String>,
    /// 1-based numbers of the lines that were cut to [`MAX_LINE_CHARS`].
    pub cut: Vec<u32>,
    /// Whether text beyond [`MAX_LINES`] lines was left unread.
    pub truncated: bool,
}

/// Split into lines (CRLF, LF or lone CR), cutting over-long lines and
/// stopping at [`MAX_LINES`]; says which lines were cut and whether text
/// was left unread.
pub fn split_lines_limited(text: &str) -> Lines {
    let mut out = Lines::default();
    let lines = &mut out.lines;
    'outer: for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A lone CR (old Mac files) also ends a line.
        for piece in raw.split('\r') {
            if lines.len() >= MAX_LINES {
                // Blank lines past the limit lose nothing; anything else does.
                if !piece.trim().is_empty() {
                    out.truncated = true;
                    break 'outer;
                }
                continue;
            }
            let no = lines.len() as u32 + 1;
            if piece.len() > MAX_LINE_CHARS {
                let end = piece
                    .char_indices()
                    .nth(MAX_LINE_CHARS)
                    .map(|(i, _)| i)
                    .unwrap_or(piece.len());
                if end < piece.len() {
                    out.cut.push(no);
                }
                lines.push(piece[..end].to_string());
            } else {
                lines.push(piece.to_string());
            }
        }
    }
    if lines.last().is_some_and(|l| l.is_empty()) && text.ends_with('\n') {
        lines.pop();
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_and_utf8_decode_to_the_same_text() {
        let s = "公开 02 表\r\n收入决算表\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        let a = decode("a", s.as_bytes()).unwrap();
        let b = decode("b", &gb).unwrap();
        assert_eq!(a.text, b.text);
        assert_eq!(b.encoding, "GB18030");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode("c", &bom).unwrap().text, s);
    }

    #[test]
    fn undecodable_text_names_its_line() {
        let mut bytes = "公开 02 表\n合计\n".as_bytes().to_vec();
        bytes.extend_from_slice(&[0x81, 0x20, b'\n']);
        let e = decode("f.txt", &bytes).unwrap_err().to_string();
        assert!(
            e.starts_with("f.txt:3: not a 部门决算 report: expected UTF-8 or GB18030"),
            "{e}"
        );
        assert!(e.contains("as GB18030 at byte"), "{e}");
        let e = decode("b.txt", b"\xEF\xBB\xBFok\n\xFF")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b.txt:2: "), "{e}");
        let e = decode("n.txt", b"text\nmore\n\0\0\0")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("n.txt:3: "), "{e}");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(decode("e", b"  \n").is_err());
        assert!(decode("b", &[0x50, 0x4b, 0x03, 0x04, 0, 0, 1]).is_err());
    }

    #[test]
    fn crlf_and_lone_cr_split_like_lf() {
        assert_eq!(
            split_lines_limited("a\r\nb\rc\n").lines,
            vec!["a", "b", "c"]
        );
        let long = "x".repeat(MAX_LINE_CHARS + 10);
        let l = split_lines_limited(&long);
        assert_eq!(l.lines[0].chars().count(), MAX_LINE_CHARS);
        assert_eq!(l.cut, vec![1]);
    }

    #[test]
    fn text_past_the_line_limit_is_flagged_blank_lines_are_not() {
        let exact = "a\n".repeat(MAX_LINES);
        let l = split_lines_limited(&exact);
        assert_eq!((l.lines.len(), l.truncated), (MAX_LINES, false));
        let blank_tail = format!("{exact}\n\r\n  \n");
        assert!(!split_lines_limited(&blank_tail).truncated);
        let more = format!("{exact}\n\nb\n");
        let l = split_lines_limited(&more);
        assert_eq!((l.lines.len(), l.truncated), (MAX_LINES, true));
    }
}
