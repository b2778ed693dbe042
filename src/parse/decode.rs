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
    /// Lines where a few undecodable bytes were replaced by U+FFFD (a file
    /// cut off mid-character, a byte damaged in transit); empty when clean.
    pub replaced: Vec<LineNo>,
}

/// How many undecodable byte sequences a file may have and still be read
/// (with each replaced by U+FFFD and reported): a few damaged bytes or a
/// character cut at the end should not lose the whole report, but a file in
/// some other encoding should not be read as garbage.
fn tolerated_errors(len: usize) -> usize {
    (len / 1000).max(16)
}

/// Decode a report's bytes, refusing empty and binary input.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
    let decoded = decode_text(path, bytes)?;
    // After decoding too: a BOM or UTF-16 file of blank lines is as empty as
    // a UTF-8 one, and must say so in the same words.
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(ParseError::not_a_report(path, None, "the file is empty"));
    }
    Ok(decoded)
}

fn decode_text(path: &str, bytes: &[u8]) -> Result<Decoded, ParseError> {
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
    if let Some(d) = clean_utf8(bytes, "UTF-8") {
        return Ok(d);
    }
    let utf8_error = utf8_valid_up_to(bytes);
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if !had_errors {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: "GB18030",
            replaced: Vec::new(),
        });
    }
    // Neither decodes cleanly: read the one with fewer bad sequences when
    // they are few (replaced and reported), else refuse.
    let gb_text = text.into_owned();
    let utf8_text = String::from_utf8_lossy(bytes).into_owned();
    let (utf8_bad, gb_bad) = (replacements(&utf8_text), replacements(&gb_text));
    let (text, encoding, bad) = if utf8_bad <= gb_bad {
        (utf8_text, "UTF-8", utf8_bad)
    } else {
        (gb_text, "GB18030", gb_bad)
    };
    if bad <= tolerated_errors(bytes.len()) {
        return Ok(lossy(text, encoding));
    }
    let gb = first_gb18030_error(bytes)
        .map(|i| format!(", as GB18030 at byte {i} (line {})", line_of(bytes, i)))
        .unwrap_or_default();
    Err(ParseError::not_a_report(
        path,
        Some(line_of(bytes, utf8_error)),
        &format!(
            "expected UTF-8 or GB18030/GBK text, found bytes that are neither: \
             undecodable as UTF-8 at byte {utf8_error}{gb} (more than {} bad sequences)",
            tolerated_errors(bytes.len())
        ),
    ))
}

/// How many U+FFFD replacement characters a decoded text holds.
fn replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// A text decoded with replacements, and the lines they fell on (counted as
/// [`split_lines_limited`] counts them: LF, CRLF or lone CR).
fn lossy(text: String, encoding: &'static str) -> Decoded {
    let mut replaced: Vec<LineNo> = Vec::new();
    let mut line: LineNo = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line = line.saturating_add(1),
            '\r' if chars.peek() != Some(&'\n') => line = line.saturating_add(1),
            '\u{FFFD}' if replaced.last() != Some(&line) => replaced.push(line),
            _ => {}
        }
    }
    Decoded {
        text,
        encoding,
        replaced,
    }
}

/// The 1-based line that byte offset `i` falls on.
fn line_of(bytes: &[u8], i: usize) -> LineNo {
    let head = &bytes[..i.min(bytes.len())];
    // LF, CRLF and lone CR each end a line, as in `split_lines_limited`.
    let breaks = head
        .iter()
        .enumerate()
        .filter(|&(k, &b)| b == b'\n' || b == b'\r' && bytes.get(k + 1) != Some(&b'\n'))
        .count();
    LineNo::try_from(breaks + 1).unwrap_or(LineNo::MAX)
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

/// The bytes decoded as they are when they are valid UTF-8, validated with
/// SIMD (simdutf8): for Chinese text, where almost no byte is ASCII, the
/// standard library's validator was a tenth of the parsing time. Its error
/// carries no position: ask `std::str::from_utf8` for it on the (rare)
/// failure.
fn clean_utf8(bytes: &[u8], encoding: &'static str) -> Option<Decoded> {
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    Some(Decoded {
        text: text.to_string(),
        encoding,
        replaced: Vec::new(),
    })
}

/// Where valid UTF-8 ends in bytes that are not all valid.
fn utf8_valid_up_to(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to())
}

fn utf8(path: &str, bytes: &[u8], encoding: &'static str) -> Result<Decoded, ParseError> {
    if let Some(d) = clean_utf8(bytes, encoding) {
        return Ok(d);
    }
    let text = String::from_utf8_lossy(bytes);
    if replacements(&text) <= tolerated_errors(bytes.len()) {
        return Ok(lossy(text.into_owned(), encoding));
    }
    let bad = utf8_valid_up_to(bytes);
    Err(ParseError::not_a_report(
        path,
        Some(line_of(bytes, bad)),
        &format!(
            "starts with a UTF-8 byte-order mark, so UTF-8 was expected, \
             but byte {} is not UTF-8",
            bad + 3
        ),
    ))
}

fn utf16(
    path: &str,
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Result<Decoded, ParseError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && replacements(&text) <= tolerated_errors(bytes.len()) {
        return Ok(lossy(text.into_owned(), name));
    }
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
        replaced: Vec::new(),
    })
}

/// NUL bytes, or many C0 control bytes other than tab/CR/LF/FF, mean binary.
/// Escape sequences in otherwise textual reports are allowed (and neutralised
/// on display), so the threshold is a share, not "any".
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // Branch-free counts, which the compiler vectorises (this reads 64 KB of
    // every report).
    if sample.contains(&0) {
        return true;
    }
    let controls: usize = sample
        .iter()
        .map(|&b| usize::from(b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)))
        .sum();
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
        // Every other byte is bad in both encodings (0xFF leads neither).
        let mut bytes = "公开 02 表\n合计\n".as_bytes().to_vec();
        bytes.extend(std::iter::repeat_n([0xFF, b'a'], 40).flatten());
        let e = decode("f.txt", &bytes).unwrap_err().to_string();
        assert!(
            e.starts_with("f.txt:3: not a 部门决算 report: expected UTF-8 or GB18030"),
            "{e}"
        );
        assert!(e.contains("as GB18030 at byte"), "{e}");
        let mut bom = b"\xEF\xBB\xBFok\n".to_vec();
        bom.extend([0xFF; 40]);
        let e = decode("b.txt", &bom).unwrap_err().to_string();
        assert!(e.starts_with("b.txt:2: "), "{e}");
        let e = decode("n.txt", b"text\nmore\n\0\0\0")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("n.txt:3: "), "{e}");
    }

    #[test]
    fn a_few_damaged_bytes_are_replaced_and_their_lines_reported() {
        let text = "公开 02 表\r\n合计\r第三行\n末尾";
        // UTF-8 cut off in the middle of its last character.
        let mut cut = text.as_bytes().to_vec();
        cut.pop();
        let d = decode("c.txt", &cut).unwrap();
        assert_eq!((d.encoding, d.replaced.as_slice()), ("UTF-8", &[4][..]));
        assert!(d.text.ends_with("末\u{FFFD}"));
        // One damaged byte on line 2 of a UTF-8 file.
        let mut bad = text.as_bytes().to_vec();
        bad[16] = 0xFF;
        let d = decode("d.txt", &bad).unwrap();
        assert_eq!(d.replaced, vec![2]);
        // GB18030 cut off mid-character, and a BOM'd UTF-8 file cut.
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let d = decode("g.txt", &gb[..gb.len() - 1]).unwrap();
        assert_eq!((d.encoding, d.replaced.as_slice()), ("GB18030", &[4][..]));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(&cut);
        assert_eq!(decode("b.txt", &bom).unwrap().replaced, vec![4]);
        // UTF-16 of odd length.
        let mut u16: Vec<u8> = vec![0xFF, 0xFE];
        u16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        u16.push(0x41);
        assert_eq!(decode("u.txt", &u16).unwrap().replaced, vec![4]);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(decode("e", b"  \n").is_err());
        for blank in [
            &b"\xEF\xBB\xBF\n\n"[..],
            b"\xFF\xFE\n\x00 \x00",
            b"\xFE\xFF\x30\x00",
        ] {
            let e = decode("e.txt", blank).unwrap_err().to_string();
            assert_eq!(e, "e.txt: not a 部门决算 report: the file is empty");
        }
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
