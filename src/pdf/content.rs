//! A content stream read one operation at a time, without building the whole
//! list of operations first.
//!
//! lopdf's `Content::decode` turns a page into a `Vec<Operation>` (an owned
//! operator `String` and a `Vec<Object>` of operands per operation): for the
//! Putuo report's table pages, 50–70 KB of content, that is several MB held
//! while the page is interpreted, and most of the time spent reading a page.
//! [`Ops`] reads the same grammar in place, reusing one operand vector.
//!
//! It reads a subset of what lopdf reads, and reads it the same way (its
//! number, name and string rules are lopdf 0.42's `parser` module, rule by
//! rule). Where a stream has anything outside that subset — a comment, a
//! reference, an inline image, a `#` escape in a name, a nested array, a
//! byte lopdf would stop at — [`supported`] says no, and the caller
//! reads the stream with lopdf as before. So every stream reads as it did:
//! through the same parser, or through one that agrees with it on the
//! stream's every byte.

use lopdf::{Object, StringFormat};

/// The stream holds something [`Ops`] does not read the way lopdf does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

/// Operations of one content stream.
pub struct Ops<'a> {
    s: &'a [u8],
    i: usize,
}

/// White space between content-stream tokens, as lopdf's `content_space`.
fn is_content_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// White space inside arrays and hex strings, as lopdf's `is_whitespace`.
fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

/// A character of a name, as lopdf's `is_regular`.
fn is_regular(c: u8) -> bool {
    !is_whitespace(c)
        && !matches!(
            c,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

fn is_operator_char(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"')
}

/// Nesting of parentheses inside a literal string read here (lopdf allows
/// 100; deeper strings go to lopdf).
const MAX_PARENS: usize = 32;

/// Nesting of dictionaries read here (lopdf allows 100).
const MAX_DICT_DEPTH: usize = 8;

/// Where an object stands: what may stand there is read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum In {
    /// An operand: any object read here.
    Operands,
    /// An array element: a number, a name or a string (no nested array, no
    /// dictionary).
    Array,
    /// A dictionary value at this depth: any object read here.
    Dictionary(usize),
}

/// Whether [`Ops`] reads the whole of `content` as lopdf does.
pub fn supported(content: &[u8]) -> bool {
    let mut ops = Ops::new(content);
    loop {
        match ops.next(None) {
            Ok(Some(_)) => {}
            Ok(None) => return true,
            Err(Unsupported) => return false,
        }
    }
}

impl<'a> Ops<'a> {
    /// The operations of `content`.
    pub fn new(content: &'a [u8]) -> Ops<'a> {
        let mut ops = Ops { s: content, i: 0 };
        ops.skip_content_space();
        ops
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn rest(&self) -> &'a [u8] {
        &self.s[self.i.min(self.s.len())..]
    }

    fn skip_content_space(&mut self) {
        while self.peek().is_some_and(is_content_space) {
            self.i += 1;
        }
    }

    /// lopdf's `space` inside an array: white space; a comment is not read
    /// here.
    fn skip_array_space(&mut self) -> Result<(), Unsupported> {
        while let Some(c) = self.peek() {
            if c == b'%' {
                return Err(Unsupported);
            }
            if !is_whitespace(c) {
                break;
            }
            self.i += 1;
        }
        Ok(())
    }

    /// The next operation's operator, its operands in `operands` (cleared
    /// first; left alone when `None`, for a syntax check). `Ok(None)` at the
    /// end of the stream, where lopdf stops too: the end of the input, or
    /// operands with no operator after them.
    pub fn next(
        &mut self,
        mut operands: Option<&mut Vec<Object>>,
    ) -> Result<Option<&'a str>, Unsupported> {
        if let Some(o) = operands.as_deref_mut() {
            o.clear();
        }
        let start = self.rest();
        if start.is_empty() {
            return Ok(None);
        }
        // A comment before an operation; an inline image.
        if start[0] == b'%' || start.starts_with(b"BI") {
            return Err(Unsupported);
        }
        loop {
            let Some(c) = self.peek() else {
                // Operands and no operator: lopdf drops them and stops.
                return Ok(None);
            };
            if is_operator_char(c) {
                return self.operator().map(Some);
            }
            let object = self.object(operands.is_some(), In::Operands)?;
            if let (Some(o), Some(object)) = (operands.as_deref_mut(), object) {
                o.push(object);
            }
            self.skip_content_space();
        }
    }

    fn operator(&mut self) -> Result<&'a str, Unsupported> {
        let rest = self.rest();
        // `null`, `true`, `false` are operands to lopdf; `BI`/`ID`/`EI`
        // belong to inline images.
        for word in [&b"null"[..], b"true", b"false", b"BI", b"ID", b"EI"] {
            if rest.starts_with(word) {
                return Err(Unsupported);
            }
        }
        let len = rest
            .iter()
            .position(|&c| !is_operator_char(c))
            .unwrap_or(rest.len());
        let op = std::str::from_utf8(&rest[..len]).map_err(|_| Unsupported)?;
        self.i += len;
        self.skip_content_space();
        Ok(op)
    }

    /// One operand, array element or dictionary value; `build` false only
    /// checks it.
    fn object(&mut self, build: bool, within: In) -> Result<Option<Object>, Unsupported> {
        let c = self.peek().ok_or(Unsupported)?;
        let dict = self.rest().starts_with(b"<<");
        match (c, within) {
            (b'0'..=b'9' | b'+' | b'-' | b'.', _) => self.number(build),
            (b'/', _) => self.name(build),
            (b'(', _) => self.literal(build),
            (b'<', In::Operands) if dict => self.dictionary(build, 1),
            (b'<', In::Dictionary(depth)) if dict && depth < MAX_DICT_DEPTH => {
                self.dictionary(build, depth + 1)
            }
            (b'<', _) if !dict => self.hex(build),
            (b'[', In::Operands | In::Dictionary(_)) => self.array(build),
            _ => Err(Unsupported),
        }
    }

    /// lopdf's `dictionary`: `<<`, pairs of a name and a value, `>>`, with
    /// white space around each (a reference value, `n g R`, is not read
    /// here). Marked content carries these (`/Span <</MCID 3>> BDC`).
    fn dictionary(&mut self, build: bool, depth: usize) -> Result<Option<Object>, Unsupported> {
        self.i += 2;
        self.skip_array_space()?;
        let mut dict = lopdf::Dictionary::new();
        loop {
            match self.peek() {
                Some(b'>') if self.rest().starts_with(b">>") => {
                    self.i += 2;
                    return Ok(build.then_some(Object::Dictionary(dict)));
                }
                Some(b'/') => {
                    let key = self.name(true)?;
                    self.skip_array_space()?;
                    let value = self.object(build, In::Dictionary(depth))?;
                    self.skip_array_space()?;
                    if let (Some(Object::Name(key)), Some(value)) = (key, value) {
                        dict.set(key, value);
                    }
                }
                _ => return Err(Unsupported),
            }
        }
    }

    /// lopdf's `real` (`[+-]? (digits '.' digits? | '.' digits)`, as f32),
    /// else its `integer` (`[+-]? digits`, as i64).
    fn number(&mut self, build: bool) -> Result<Option<Object>, Unsupported> {
        let s = self.rest();
        let mut k = usize::from(matches!(s.first(), Some(b'+' | b'-')));
        let int_digits = s[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        k += int_digits;
        let real = if s.get(k) == Some(&b'.') {
            let frac = s[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if int_digits == 0 && frac == 0 {
                return Err(Unsupported);
            }
            k += 1 + frac;
            true
        } else if int_digits == 0 {
            return Err(Unsupported);
        } else {
            false
        };
        self.i += k;
        // A real of this form always parses (a huge one as infinity), and
        // an integer of up to 18 digits always fits: only a check that
        // builds nothing may skip them.
        if !build && (real || int_digits <= 18) {
            return Ok(None);
        }
        let text = std::str::from_utf8(&s[..k]).map_err(|_| Unsupported)?;
        let object = if real {
            Object::Real(text.parse::<f32>().map_err(|_| Unsupported)?)
        } else {
            Object::Integer(text.parse::<i64>().map_err(|_| Unsupported)?)
        };
        Ok(build.then_some(object))
    }

    /// lopdf's `name`: `/` and regular characters; a `#` escape is not read
    /// here.
    fn name(&mut self, build: bool) -> Result<Option<Object>, Unsupported> {
        let s = &self.rest()[1..];
        let len = s
            .iter()
            .position(|&c| c == b'#' || !is_regular(c))
            .unwrap_or(s.len());
        if s.get(len) == Some(&b'#') {
            return Err(Unsupported);
        }
        self.i += 1 + len;
        Ok(build.then(|| Object::Name(s[..len].to_vec())))
    }

    /// lopdf's `literal_string`: balanced parentheses kept, escapes
    /// resolved, line ends kept as they are.
    fn literal(&mut self, build: bool) -> Result<Option<Object>, Unsupported> {
        let s = self.s;
        let mut i = self.i + 1;
        let mut depth = 0usize;
        let mut out = Vec::new();
        loop {
            let c = *s.get(i).ok_or(Unsupported)?;
            i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    if depth > MAX_PARENS {
                        return Err(Unsupported);
                    }
                    out.push(c);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = *s.get(i).ok_or(Unsupported)?;
                    i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let mut v = u16::from(e - b'0');
                            for _ in 0..2 {
                                match s.get(i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u16::from(d - b'0');
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            // Overflow is ignored, as the spec and lopdf say.
                            out.push(v as u8);
                        }
                        // An escaped line end is no character.
                        b'\r' => {
                            if s.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0C'),
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        self.i = i;
        Ok(build.then(|| Object::String(out, StringFormat::Literal)))
    }

    /// lopdf's `hexadecimal_string`: hex digits among white space, an odd
    /// last digit padded with 0.
    fn hex(&mut self, build: bool) -> Result<Option<Object>, Unsupported> {
        let s = self.s;
        let mut i = self.i + 1;
        if s.get(i) == Some(&b'<') {
            return Err(Unsupported);
        }
        let mut out = Vec::new();
        let mut half = false;
        loop {
            while s.get(i).copied().is_some_and(is_whitespace) {
                i += 1;
            }
            let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(16)) else {
                break;
            };
            let d = d as u8;
            if half {
                if let Some(last) = out.last_mut() {
                    *last |= d;
                }
            } else {
                out.push(d << 4);
            }
            half = !half;
            i += 1;
        }
        if s.get(i) != Some(&b'>') {
            return Err(Unsupported);
        }
        self.i = i + 1;
        Ok(build.then(|| Object::String(out, StringFormat::Hexadecimal)))
    }

    /// lopdf's `array` of numbers, names and strings (a nested array, a
    /// reference, `null`/`true`/`false` or a dictionary in it is not read
    /// here).
    fn array(&mut self, build: bool) -> Result<Option<Object>, Unsupported> {
        self.i += 1;
        self.skip_array_space()?;
        let mut items = Vec::new();
        loop {
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return Ok(build.then_some(Object::Array(items)));
                }
                Some(_) => {
                    if let Some(item) = self.object(build, In::Array)? {
                        items.push(item);
                    }
                    self.skip_array_space()?;
                }
                None => return Err(Unsupported),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use lopdf::content::Content;

    /// Read by [`Ops`], as (operator, operands).
    fn ours(s: &[u8]) -> Option<Vec<(String, Vec<Object>)>> {
        if !supported(s) {
            return None;
        }
        let mut ops = Ops::new(s);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = ops.next(Some(&mut operands)).unwrap() {
            out.push((op.to_string(), operands.clone()));
        }
        Some(out)
    }

    fn lopdf(s: &[u8]) -> Vec<(String, Vec<Object>)> {
        Content::decode(s)
            .unwrap()
            .operations
            .into_iter()
            .map(|o| (o.operator, o.operands))
            .collect()
    }

    #[test]
    fn reads_as_lopdf_does() {
        let cases: &[&[u8]] = &[
            b"BT /F1 12 Tf 1 0 0 1 72.5 700 Tm (Hello) Tj ET",
            b"  q 0.5 0 0 .5 -3. +4 cm 10 20 m 30 40 l S Q\n",
            b"[(A) -120 (B) 5.5 <4142 43>] TJ",
            b"<414>Tj <>Tj < 4 1 >Tj",
            b"(a\\(b\\)c\\n\\101\\0618\\\r\nd(e(f))) Tj",
            b"(\\777\\q) Tj",
            b"/GS1 gs/F2 9Tf 0 0 1 rg",
            b"10 20 re f* T* ' \" d0",
            b"1 2 3",
            b"1 2 3 m 4",
            b"/ n",
            b"",
            b"\n\n",
            b"[ ] TJ [\x0c(a)\x00] TJ",
            b"1.5.3 m",
            b"12Tf",
            b"/P <</MCID 0>> BDC EMC /Span<</ActualText(x)/A[1 2]/D<</E/F>>>>BDC",
            b"<< /A 1 /A 2 /B <4142> >> x <<>> y",
        ];
        for &c in cases {
            assert_eq!(
                ours(c).unwrap_or_else(|| panic!("{:?}", String::from_utf8_lossy(c))),
                lopdf(c),
                "{:?}",
                String::from_utf8_lossy(c)
            );
        }
    }

    #[test]
    fn leaves_the_rest_to_lopdf() {
        let cases: &[&[u8]] = &[
            b"% comment\nBT ET",
            b"BI /W 1 /H 1 /BPC 8 /CS /G ID x EI",
            b"/A#20B Do",
            b"[[1] 2] d",
            b"[1 0 R] TJ",
            b"<</K 1 0 R>> BDC",
            b"<</A null>> BDC",
            b"[<</A 1>>] x",
            b"<</A 1 %c\n>> x",
            b"null true false x",
            b"BT (unterminated",
            b"1 2 m \x00 3 4 l",
            b"99999999999999999999 Tc",
            b"- 1 m",
            b"{ } x",
        ];
        for &c in cases {
            assert!(!supported(c), "{:?}", String::from_utf8_lossy(c));
        }
    }

    /// Every page of the sample PDFs is read in place, none through lopdf
    /// (what keeps a report's memory and time down; see BENCHMARKS.md).
    #[test]
    fn the_sample_pdfs_are_read_in_place() {
        for name in [
            "shanghai-putuo-finance-2024.pdf",
            "template-shanghai-2024.pdf",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(name);
            let doc = lopdf::Document::load(&path).unwrap();
            for (n, id) in doc.get_pages() {
                let content = doc.get_page_content(id).unwrap();
                assert!(supported(&content), "{name} page {n}");
            }
        }
    }

    /// Bytes joined by white space: mostly a space, now and then nothing,
    /// a line end, a tab, or what only arrays and hex strings allow.
    fn joined(parts: Vec<(Vec<u8>, usize)>) -> Vec<u8> {
        let mut out = Vec::new();
        for (p, sep) in parts {
            out.extend_from_slice(&p);
            out.extend_from_slice(match sep % 400 {
                0 => b"\x0c",
                1 => b"\0",
                2..=41 => b"",
                42..=81 => b"\n",
                82..=101 => b"\r\n",
                102..=121 => b"\t",
                _ => b" ",
            });
        }
        out
    }

    /// An object as content streams write them, nested in arrays and
    /// dictionaries (and now and then one lopdf reads differently or not).
    fn object() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let regex = |r: &str| {
            proptest::string::string_regex(r)
                .unwrap()
                .prop_map(String::into_bytes)
        };
        let leaf = prop_oneof![
            40 => (-100_000i64..100_000).prop_map(|n| n.to_string().into_bytes()),
            40 => (-1000.0f32..1000.0).prop_map(|f| format!("{f}").into_bytes()),
            20 => regex(r"[-+]?[0-9]{0,3}\.?[0-9]{0,3}"),
            40 => regex(r"/[A-Za-z0-9_.]{0,6}"),
            40 => regex(r"\(([^()\\]|\\[nrtbf()\\0-7\n\r]|\([a-z]*\)){0,6}\)"),
            20 => regex(r"<[0-9a-fA-F \n]{0,8}>"),
            1 => Just(b"/A#20B".to_vec()),
            1 => Just(b"null".to_vec()),
            1 => Just(b"true".to_vec()),
            1 => Just(b"1 0 R".to_vec()),
        ];
        // Arrays of leaves (and now and then a nested one, which goes to
        // lopdf), dictionaries of anything.
        let array = |item: BoxedStrategy<Vec<u8>>| {
            proptest::collection::vec((item, 0usize..400), 0..4).prop_map(|items| {
                let mut v = b"[".to_vec();
                v.extend(joined(items));
                v.push(b']');
                v
            })
        };
        let leaf = leaf.boxed();
        let flat = array(leaf.clone()).boxed();
        let nested = array(flat.clone()).boxed();
        let simple = prop_oneof![8 => leaf, 3 => flat, 1 => nested].boxed();
        simple.prop_recursive(3, 24, 4, |inner| {
            proptest::collection::vec(
                (
                    proptest::string::string_regex(r"/[A-Za-z]{1,4}").unwrap(),
                    inner,
                    0usize..400,
                ),
                0..3,
            )
            .prop_map(|pairs| {
                let mut v = b"<<".to_vec();
                for (k, val, sep) in pairs {
                    v.extend_from_slice(k.as_bytes());
                    v.extend(joined(vec![(val, sep)]));
                }
                v.extend_from_slice(b">>");
                v
            })
        })
    }

    /// Operations (operands, an operator) and now and then a stray fragment.
    fn stream() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let operator = prop_oneof![
            60 => proptest::sample::select(vec![
                "BT", "ET", "Tf", "Tj", "TJ", "Td", "TD", "Tm", "T*", "'", "\"", "cm", "q", "Q",
                "m", "l", "re", "S", "f", "n", "BDC", "EMC", "Do", "gs", "d0",
            ]),
            1 => proptest::sample::select(vec!["BI", "ID", "EI", "null"]),
        ];
        let operation = (
            proptest::collection::vec((object(), 0usize..400), 0..4),
            operator,
            0usize..400,
        )
            .prop_map(|(operands, op, sep)| {
                let mut v = joined(operands);
                v.extend(joined(vec![(op.as_bytes().to_vec(), sep)]));
                v
            });
        let piece = prop_oneof![
            60 => operation,
            1 => proptest::sample::select(FRAGMENTS.to_vec()).prop_map(<[u8]>::to_vec),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]
        /// Streams pieced together from content-stream fragments, valid and
        /// not: wherever [`supported`] says yes, [`Ops`] reads what lopdf reads.
        #[test]
        fn agrees_with_lopdf_wherever_it_reads(parts in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..40)) {
            let s: Vec<u8> = parts.iter().flat_map(|&i| FRAGMENTS[i].iter().copied()).collect();
            if let Some(o) = ours(&s) {
                proptest::prop_assert_eq!(o, lopdf(&s), "{:?}", String::from_utf8_lossy(&s));
            }
        }

        /// Streams of operations with nested operands: the same.
        #[test]
        fn agrees_with_lopdf_on_operations(s in stream()) {
            if let Some(o) = ours(&s) {
                proptest::prop_assert_eq!(o, lopdf(&s), "{:?}", String::from_utf8_lossy(&s));
            }
        }
    }

    const FRAGMENTS: &[&[u8]] = &[
        b" ",
        b"\n",
        b"\r",
        b"\t",
        b"\0",
        b"\x0c",
        b"1",
        b"-",
        b"+",
        b".",
        b"0",
        b"12.5",
        b"7",
        b"/",
        b"/F1",
        b"#",
        b"(",
        b")",
        b"\\",
        b"\\n",
        b"\\0",
        b"\\12",
        b"\\\n",
        b"<",
        b">",
        b"41",
        b"a",
        b"[",
        b"]",
        b"{",
        b"%",
        b"Tj",
        b"TJ",
        b"BT",
        b"ET",
        b"Tf",
        b"m",
        b"l",
        b"re",
        b"S",
        b"T*",
        b"'",
        b"\"",
        b"null",
        b"true",
        b"R",
        b"BI",
        b"ID",
        b"EI",
        b"\xb0",
        b"\xe4\xb8\xad",
        b"<<",
        b">>",
        b"/MCID",
        b"BDC",
    ];
}
