//! The CMap language (Adobe Technical Note #5014, #5099): the small PostScript
//! subset that maps character codes to CIDs (a font's /Encoding, and every
//! predefined CMap such as GBK-EUC-H) or to Unicode (a font's /ToUnicode).
//! One parser reads both; [`Parsed`] keeps what it found, and [`CodeMap`] /
//! [`ToUnicode`] are the lookup forms built from it.

/// How the bytes of a string split into codes: a code of `len` bytes whose
/// every byte lies between the bytes of `lo` and `hi` at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codespace {
    /// Bytes per code (1–4).
    pub len: u8,
    /// The lowest byte at each position.
    pub lo: [u8; 4],
    /// The highest byte at each position.
    pub hi: [u8; 4],
}

impl Codespace {
    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len as usize
            && bytes
                .iter()
                .enumerate()
                .all(|(i, &b)| b >= self.lo[i] && b <= self.hi[i])
    }
}

/// Codes `lo..=hi` (of `len` bytes) → CIDs from `dst` on; a `.notdef` range
/// maps every code to `dst` itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CidRange {
    /// Bytes per code.
    pub len: u8,
    /// First code.
    pub lo: u32,
    /// Last code.
    pub hi: u32,
    /// CID of the first code.
    pub dst: u32,
    /// A `.notdef` range: no offset is added.
    pub notdef: bool,
}

/// What a ToUnicode entry maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BfTarget {
    /// UTF-16 units of the first code; later codes of the range increment
    /// the last unit.
    Units(Vec<u16>),
    /// One UTF-16 string per code of the range.
    Array(Vec<Vec<u16>>),
}

/// A ToUnicode entry: codes `lo..=hi` → text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BfRange {
    /// First code.
    pub lo: u32,
    /// Last code.
    pub hi: u32,
    /// The text.
    pub dst: BfTarget,
}

/// Everything a CMap file or stream says, in the order it says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// `/CMapName`.
    pub name: Option<String>,
    /// `/Registry` of the CIDSystemInfo.
    pub registry: Option<String>,
    /// `/Ordering` of the CIDSystemInfo.
    pub ordering: Option<String>,
    /// `/WMode` (1 = vertical).
    pub wmode: u8,
    /// The CMap this one extends (`/Name usecmap`).
    pub usecmap: Option<String>,
    /// The code space.
    pub codespace: Vec<Codespace>,
    /// cidrange, cidchar, notdefrange and notdefchar entries.
    pub cids: Vec<CidRange>,
    /// bfrange and bfchar entries.
    pub bf: Vec<BfRange>,
}

/// The most entries one CMap may define (the largest Adobe CMap has about
/// 14 000); a hostile stream is cut there.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(&'a [u8]),
    Int(i64),
    Word(&'a [u8]),
    Open,
    Close,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

impl<'a> Lexer<'a> {
    fn next_token(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        loop {
            while self.i < s.len() && (s[self.i].is_ascii_whitespace() || s[self.i] == 0) {
                self.i += 1;
            }
            if self.i < s.len() && s[self.i] == b'%' {
                while self.i < s.len() && s[self.i] != b'\n' && s[self.i] != b'\r' {
                    self.i += 1;
                }
                continue;
            }
            break;
        }
        let b = *s.get(self.i)?;
        self.i += 1;
        match b {
            b'<' if s.get(self.i) == Some(&b'<') => {
                self.i += 1;
                self.next_token()
            }
            b'>' if s.get(self.i) == Some(&b'>') => {
                self.i += 1;
                self.next_token()
            }
            b'<' => {
                let mut digits = Vec::new();
                while let Some(&c) = s.get(self.i) {
                    self.i += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(v) = hex_val(c) {
                        digits.push(v);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                Some(Token::Hex(
                    digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect(),
                ))
            }
            b'(' => {
                let mut out = Vec::new();
                let mut depth = 1;
                while let Some(&c) = s.get(self.i) {
                    self.i += 1;
                    match c {
                        b'\\' => {
                            if let Some(&e) = s.get(self.i) {
                                self.i += 1;
                                out.push(e);
                            }
                        }
                        b'(' => {
                            depth += 1;
                            out.push(c);
                        }
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            out.push(c);
                        }
                        _ => out.push(c),
                    }
                }
                Some(Token::Str(out))
            }
            b'[' => Some(Token::Open),
            b']' => Some(Token::Close),
            b'{' | b'}' | b')' | b'>' => self.next_token(),
            b'/' => {
                let start = self.i;
                while self.i < s.len() && !s[self.i].is_ascii_whitespace() && !is_delim(s[self.i]) {
                    self.i += 1;
                }
                Some(Token::Name(&s[start..self.i]))
            }
            _ => {
                let start = self.i - 1;
                while self.i < s.len() && !s[self.i].is_ascii_whitespace() && !is_delim(s[self.i]) {
                    self.i += 1;
                }
                let word = &s[start..self.i];
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|w| w.parse::<i64>().ok())
                {
                    Some(n) => Some(Token::Int(n)),
                    None => Some(Token::Word(word)),
                }
            }
        }
    }
}

/// A code as an integer, with its length in bytes (at most 4).
fn code(bytes: &[u8]) -> Option<(u32, u8)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let v = bytes.iter().fold(0u32, |a, &b| a << 8 | b as u32);
    Some((v, bytes.len() as u8))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| {
            if p.len() == 2 {
                (p[0] as u16) << 8 | p[1] as u16
            } else {
                p[0] as u16
            }
        })
        .collect()
}

fn text(t: &Token<'_>) -> Option<String> {
    match t {
        Token::Str(s) => Some(String::from_utf8_lossy(s).into_owned()),
        Token::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        Token::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Read a CMap. Whatever cannot be understood is skipped; the result holds
/// what could be read (an empty result for garbage).
pub fn parse(data: &[u8]) -> Parsed {
    let mut lx = Lexer { s: data, i: 0 };
    let mut out = Parsed::default();
    let mut stack: Vec<Token<'_>> = Vec::new();
    let mut entries = 0usize;
    while let Some(t) = lx.next_token() {
        let Token::Word(w) = t else {
            stack.push(t);
            if stack.len() > 64 {
                stack.drain(..32);
            }
            continue;
        };
        match w {
            b"def" if stack.len() >= 2 => {
                let value = stack.pop();
                if let (Some(Token::Name(key)), Some(value)) = (stack.pop(), value) {
                    match key {
                        b"CMapName" => out.name = text(&value),
                        b"Registry" => out.registry = text(&value),
                        b"Ordering" => out.ordering = text(&value),
                        b"WMode" => {
                            if let Token::Int(n) = value {
                                out.wmode = u8::from(n == 1);
                            }
                        }
                        _ => {}
                    }
                }
            }
            b"usecmap" => {
                if let Some(Token::Name(n)) = stack.last() {
                    out.usecmap = Some(String::from_utf8_lossy(n).into_owned());
                }
            }
            b"begincodespacerange" => {
                while let Some(t) = lx.next_token() {
                    let Token::Hex(lo) = t else { break };
                    let Some(Token::Hex(hi)) = lx.next_token() else {
                        break;
                    };
                    if lo.len() == hi.len() && !lo.is_empty() && lo.len() <= 4 {
                        let mut cs = Codespace {
                            len: lo.len() as u8,
                            lo: [0; 4],
                            hi: [0; 4],
                        };
                        cs.lo[..lo.len()].copy_from_slice(&lo);
                        cs.hi[..hi.len()].copy_from_slice(&hi);
                        out.codespace.push(cs);
                    }
                }
            }
            b"begincidrange" | b"beginnotdefrange" => {
                let notdef = w == b"beginnotdefrange";
                while let Some(t) = lx.next_token() {
                    let Token::Hex(lo) = t else { break };
                    let (Some(Token::Hex(hi)), Some(Token::Int(dst))) =
                        (lx.next_token(), lx.next_token())
                    else {
                        break;
                    };
                    if let (Some((lo, len)), Some((hi, _)), Ok(dst)) =
                        (code(&lo), code(&hi), u32::try_from(dst))
                    {
                        if lo <= hi && entries < MAX_ENTRIES {
                            entries += 1;
                            out.cids.push(CidRange {
                                len,
                                lo,
                                hi,
                                dst,
                                notdef,
                            });
                        }
                    }
                }
            }
            b"begincidchar" | b"beginnotdefchar" => {
                let notdef = w == b"beginnotdefchar";
                while let Some(t) = lx.next_token() {
                    let Token::Hex(c) = t else { break };
                    let Some(Token::Int(dst)) = lx.next_token() else {
                        break;
                    };
                    if let (Some((c, len)), Ok(dst)) = (code(&c), u32::try_from(dst)) {
                        if entries < MAX_ENTRIES {
                            entries += 1;
                            out.cids.push(CidRange {
                                len,
                                lo: c,
                                hi: c,
                                dst,
                                notdef,
                            });
                        }
                    }
                }
            }
            b"beginbfchar" => {
                while let Some(t) = lx.next_token() {
                    let Token::Hex(c) = t else { break };
                    let dst = match lx.next_token() {
                        Some(Token::Hex(d)) => units(&d),
                        // A glyph name instead of text: not used by any
                        // producer seen; the code stays unmapped.
                        Some(Token::Name(_)) => continue,
                        _ => break,
                    };
                    if let Some((c, _)) = code(&c) {
                        if entries < MAX_ENTRIES {
                            entries += 1;
                            out.bf.push(BfRange {
                                lo: c,
                                hi: c,
                                dst: BfTarget::Units(dst),
                            });
                        }
                    }
                }
            }
            b"beginbfrange" => {
                while let Some(t) = lx.next_token() {
                    let Token::Hex(lo) = t else { break };
                    let Some(Token::Hex(hi)) = lx.next_token() else {
                        break;
                    };
                    let dst = match lx.next_token() {
                        Some(Token::Hex(d)) => BfTarget::Units(units(&d)),
                        Some(Token::Open) => {
                            let mut items = Vec::new();
                            while let Some(Token::Hex(d)) = lx.next_token() {
                                items.push(units(&d));
                            }
                            BfTarget::Array(items)
                        }
                        _ => break,
                    };
                    if let (Some((lo, _)), Some((hi, _))) = (code(&lo), code(&hi)) {
                        if lo <= hi && entries < MAX_ENTRIES {
                            entries += 1;
                            out.bf.push(BfRange { lo, hi, dst });
                        }
                    }
                }
            }
            _ => {}
        }
        if !matches!(w, b"usecmap") {
            stack.clear();
        }
    }
    out
}

/// Codes → CIDs: a parsed encoding CMap in lookup form, extended by the CMap
/// it names with `usecmap` (its own entries win).
#[derive(Debug, Clone, Default)]
pub struct CodeMap {
    /// The code space (the base CMap's when this one defines none).
    pub codespace: Vec<Codespace>,
    /// Ranges sorted by (length, first code).
    ranges: Vec<CidRange>,
    /// Writing mode: 1 = vertical.
    pub wmode: u8,
    /// The CMap it extends.
    base: Option<std::sync::Arc<CodeMap>>,
}

impl CodeMap {
    /// The lookup form of `p`, on top of `base` (what `p.usecmap` names).
    pub fn new(p: &Parsed, base: Option<std::sync::Arc<CodeMap>>) -> CodeMap {
        let mut ranges = p.cids.clone();
        // Stable: among ranges starting at the same code the later one is
        // found first (a later definition overrides an earlier one).
        ranges.sort_by_key(|r| (r.len, r.lo));
        CodeMap::from_parts(p.codespace.clone(), ranges, p.wmode, base)
    }

    /// A map from its parts (`ranges` sorted by length and first code); a
    /// CMap that declares no code space uses its base's.
    pub fn from_parts(
        codespace: Vec<Codespace>,
        ranges: Vec<CidRange>,
        wmode: u8,
        base: Option<std::sync::Arc<CodeMap>>,
    ) -> CodeMap {
        let codespace = if codespace.is_empty() {
            base.as_ref()
                .map(|b| b.codespace.clone())
                .unwrap_or_default()
        } else {
            codespace
        };
        CodeMap {
            codespace,
            ranges,
            wmode,
            base,
        }
    }

    /// Identity-H / Identity-V: two-byte codes that are their own CIDs.
    pub fn identity(wmode: u8) -> CodeMap {
        CodeMap {
            codespace: vec![Codespace {
                len: 2,
                lo: [0, 0, 0, 0],
                hi: [0xff, 0xff, 0, 0],
            }],
            ranges: vec![CidRange {
                len: 2,
                lo: 0,
                hi: 0xffff,
                dst: 0,
                notdef: false,
            }],
            wmode,
            base: None,
        }
    }

    /// The next code of `bytes`: its value and length. A byte sequence in no
    /// code space is read as one code of the shortest length there is (what
    /// viewers do), so a damaged string still advances.
    pub fn next_code(&self, bytes: &[u8]) -> Option<(u32, u8)> {
        if bytes.is_empty() {
            return None;
        }
        for n in 1..=4usize.min(bytes.len()) {
            if self.codespace.iter().any(|c| c.contains(&bytes[..n])) {
                return code(&bytes[..n]);
            }
        }
        let shortest = self
            .codespace
            .iter()
            .map(|c| c.len as usize)
            .min()
            .unwrap_or(1);
        // A string ending inside a code ends there.
        bytes.get(..shortest).and_then(code)
    }

    /// The CID of a code, if the CMap maps it.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        let key = (len, code);
        let end = self.ranges.partition_point(|r| (r.len, r.lo) <= key);
        // Ranges may nest (a cidchar inside a cidrange); look back a little.
        for r in self.ranges[..end].iter().rev().take(8) {
            if r.len != len {
                break;
            }
            if code >= r.lo && code <= r.hi {
                return Some(if r.notdef {
                    r.dst
                } else {
                    r.dst + (code - r.lo)
                });
            }
        }
        self.base.as_ref().and_then(|b| b.cid(code, len))
    }
}

/// Codes → text: a parsed ToUnicode CMap in lookup form.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    /// Ranges sorted by first code.
    ranges: Vec<BfRange>,
}

impl ToUnicode {
    /// The lookup form of a parsed ToUnicode CMap.
    pub fn new(p: &Parsed) -> ToUnicode {
        let mut ranges = p.bf.clone();
        ranges.sort_by_key(|r| r.lo);
        ToUnicode { ranges }
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The text of a code, when mapped (to valid UTF-16).
    pub fn get(&self, code: u32) -> Option<String> {
        let end = self.ranges.partition_point(|r| r.lo <= code);
        for r in self.ranges[..end].iter().rev().take(8) {
            if code < r.lo || code > r.hi {
                continue;
            }
            let offset = code - r.lo;
            let units: Vec<u16> = match &r.dst {
                BfTarget::Units(u) => {
                    let mut u = u.clone();
                    let last = u.last_mut()?;
                    *last = last.checked_add(u16::try_from(offset).ok()?)?;
                    u
                }
                BfTarget::Array(items) => items.get(offset as usize)?.clone(),
            };
            return String::from_utf16(&units).ok();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const GBK_LIKE: &[u8] = b"%!PS\n/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CIDSystemInfo 3 dict dup begin\n /Registry (Adobe) def\n /Ordering (GB1) def\n /Supplement 2 def\nend def\n\
        /CMapName /GBK-EUC-H def\n/WMode 0 def\n\
        2 begincodespacerange\n <00> <80>\n <8140> <FEFE>\nendcodespacerange\n\
        1 beginnotdefrange\n<00> <1f> 7716\nendnotdefrange\n\
        3 begincidrange\n<20> <20> 7716\n<21> <7e> 814\n<b0a1> <b0fe> 1242\nendcidrange\n\
        1 begincidchar\n<b0a2> 9999\nendcidchar\nendcmap\n";

    #[test]
    fn an_encoding_cmap_reads_codespace_ranges_and_metadata() {
        let p = parse(GBK_LIKE);
        assert_eq!(p.name.as_deref(), Some("GBK-EUC-H"));
        assert_eq!(
            (p.registry.as_deref(), p.ordering.as_deref()),
            (Some("Adobe"), Some("GB1"))
        );
        assert_eq!(p.codespace.len(), 2);
        assert_eq!(p.cids.len(), 5);
        let m = CodeMap::new(&p, None);
        // "A" is one byte, 啊 (GBK B0A1) two.
        assert_eq!(m.next_code(b"A\xb0\xa1"), Some((0x41, 1)));
        assert_eq!(m.next_code(b"\xb0\xa1"), Some((0xb0a1, 2)));
        assert_eq!(m.cid(0x41, 1), Some(814 + 0x20));
        assert_eq!(m.cid(0xb0a1, 2), Some(1242));
        assert_eq!(m.cid(0xb0a3, 2), Some(1244));
        assert_eq!(
            m.cid(0xb0a2, 2),
            Some(9999),
            "a later cidchar overrides the range"
        );
        assert_eq!(m.cid(0x05, 1), Some(7716), "notdef ranges add no offset");
        assert_eq!(m.cid(0x41, 2), None);
    }

    #[test]
    fn usecmap_extends_the_base() {
        let base = std::sync::Arc::new(CodeMap::new(&parse(GBK_LIKE), None));
        let v = parse(
            b"/GBK-EUC-H usecmap\n/WMode 1 def\n1 begincidrange\n<a1a2> <a1a3> 7\nendcidrange\n",
        );
        assert_eq!(v.usecmap.as_deref(), Some("GBK-EUC-H"));
        let m = CodeMap::new(&v, Some(base));
        assert_eq!(m.wmode, 1);
        assert_eq!(m.cid(0xa1a2, 2), Some(7));
        assert_eq!(m.cid(0xb0a1, 2), Some(1242));
        assert_eq!(
            m.next_code(b"\xb0\xa1"),
            Some((0xb0a1, 2)),
            "the base's code space"
        );
    }

    #[test]
    fn to_unicode_ranges_chars_and_arrays() {
        let p = parse(
            b"2 beginbfchar\n<0003> <0020>\n<0010> <d840dc87>\nendbfchar\n\
              2 beginbfrange\n<0100> <0102> <4e00>\n<0200> <0201> [<0041> <00660069>]\nendbfrange\n",
        );
        let t = ToUnicode::new(&p);
        assert_eq!(t.get(3).as_deref(), Some(" "));
        assert_eq!(t.get(0x10).as_deref(), Some("\u{20087}"));
        assert_eq!(t.get(0x102).as_deref(), Some("丂"));
        assert_eq!(t.get(0x201).as_deref(), Some("fi"));
        assert_eq!(t.get(0x103), None);
    }

    #[test]
    fn garbage_reads_as_nothing() {
        let p = parse(b"\xff\xfe<<<< begincidrange <zz> ] ) ( \\");
        assert!(p.cids.is_empty() && p.bf.is_empty());
    }
}
