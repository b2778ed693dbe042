//! PDF fonts as the text layer needs them: how a string splits into codes,
//! each code's advance width, and its text.
//!
//! Text comes, in this order, from the font's ToUnicode map; for a simple
//! font, from its encoding (WinAnsi, MacRoman, Standard, a Differences array
//! of glyph names — lopdf's tables); for a composite (Type0) font, from its
//! CIDs when they are Adobe-GB1 CIDs (a predefined GB CMap such as
//! GBK-EUC-H, or an Identity encoding whose CIDFont says Adobe-GB1), through
//! Adobe-GB1-UCS2 ([`predefined`]). A code none of these maps is *undecodable*:
//! the glyph is kept (its position still counts), its text is empty, and the
//! page says how many such glyphs it has and why ([`Font::problem`]).
//!
//! Fonts are loaded once per document and shared by all pages ([`Fonts`]);
//! loading never fails: what cannot be understood makes its codes
//! undecodable.

pub mod cmap;
pub mod predefined;

use cmap::{CodeMap, ToUnicode};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Whether `c first last width` runs in a /W array are read. pdf-extract
/// 0.12 skipped them (every such glyph got the default width).
const READ_W_RUNS: bool = false;

/// A font, loaded.
#[derive(Debug)]
pub struct Font {
    /// Its /BaseFont, for messages.
    pub name: String,
    kind: Kind,
    to_unicode: Option<ToUnicode>,
    /// Why none of its codes can be read, when that is so (an unknown
    /// CMap, a CID font without ToUnicode outside Adobe-GB1).
    pub problem: Option<String>,
}

#[derive(Debug)]
enum Kind {
    /// One byte per code; text by code (from the encoding), widths by code.
    Simple {
        text: Box<[Option<Box<str>>]>,
        widths: Box<[f64]>,
        first: u32,
        missing: f64,
        /// A Type 3 font's glyph space → text space (its FontMatrix).
        scale: Option<f64>,
    },
    /// Codes through a CMap to CIDs; widths by CID.
    Composite {
        cmap: Arc<CodeMap>,
        /// Text by CID from Adobe-GB1-UCS2.
        gb1: bool,
        widths: HashMap<u32, f64>,
        default: f64,
        /// Vertical advance (DW2's second value, glyph units).
        vertical: Option<f64>,
    },
}

/// One code of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// Its value.
    pub code: u32,
    /// Its length in bytes.
    pub len: u8,
    /// The CID it selects (the code itself for a simple font).
    pub cid: u32,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, d, key).and_then(|o| o.as_name().ok())
}

/// A number as pdf-extract read it (reals widened from lopdf's f32).
pub fn num(o: &Object) -> Option<f64> {
    match *o {
        Object::Integer(i) => Some(i as f64),
        Object::Real(f) => Some(f.into()),
        _ => None,
    }
}

fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    let s = deref(doc, o).as_stream().ok()?;
    Some(
        s.decompressed_content()
            .unwrap_or_else(|_| s.content.clone()),
    )
}

fn to_unicode(doc: &Document, font: &Dictionary) -> Option<ToUnicode> {
    let bytes = stream_bytes(doc, font.get(b"ToUnicode").ok()?)?;
    let t = ToUnicode::new(&cmap::parse(&bytes));
    (!t.is_empty()).then_some(t)
}

impl Font {
    /// Load a font dictionary.
    pub fn load(doc: &Document, font: &Dictionary) -> Font {
        let base = name(doc, font, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| "(unnamed)".into());
        let to_unicode = to_unicode(doc, font);
        match name(doc, font, b"Subtype") {
            Some(b"Type0") => composite(doc, font, base, to_unicode),
            _ => simple(doc, font, base, to_unicode),
        }
    }

    /// Why a code of this font came out without text: the font's problem,
    /// or, for a font that maps text in general, a gap in its map.
    pub fn reason(&self) -> String {
        match &self.problem {
            Some(p) => p.clone(),
            None if self.to_unicode.is_some() => {
                format!("font {}: codes missing from its ToUnicode map", self.name)
            }
            None => format!("font {}: codes its encoding does not map", self.name),
        }
    }

    /// The next code of `bytes`.
    pub fn next_code(&self, bytes: &[u8]) -> Option<Code> {
        match &self.kind {
            Kind::Simple { .. } => bytes.first().map(|&b| Code {
                code: b as u32,
                len: 1,
                cid: b as u32,
            }),
            Kind::Composite { cmap, .. } => {
                let (code, len) = cmap.next_code(bytes)?;
                // An unmapped code selects CID 0 (.notdef).
                let cid = cmap.cid(code, len).unwrap_or(0);
                Some(Code { code, len, cid })
            }
        }
    }

    /// Horizontal advance per unit of font size: the glyph width / 1000
    /// (through the font matrix for a Type 3 font).
    pub fn advance(&self, c: Code) -> f64 {
        match &self.kind {
            Kind::Simple {
                widths,
                first,
                missing,
                scale,
                ..
            } => {
                let w = c
                    .code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .copied()
                    .unwrap_or(*missing);
                match scale {
                    Some(m) => w * m,
                    None => w / 1000.0,
                }
            }
            Kind::Composite {
                widths, default, ..
            } => widths.get(&c.cid).copied().unwrap_or(*default) / 1000.0,
        }
    }

    /// Vertical advance per unit of font size, for a font that writes
    /// top to bottom (a -V CMap).
    pub fn vertical_advance(&self) -> Option<f64> {
        match &self.kind {
            Kind::Composite { vertical, cmap, .. } if cmap.wmode == 1 => {
                Some(vertical.unwrap_or(-1000.0) / 1000.0)
            }
            _ => None,
        }
    }

    /// The text of a code, or none when it is undecodable.
    pub fn text(&self, c: Code) -> Option<String> {
        if let Some(t) = self.to_unicode.as_ref().and_then(|t| t.get(c.code)) {
            return Some(t);
        }
        match &self.kind {
            Kind::Simple { text, .. } => text.get(c.code as usize)?.as_deref().map(str::to_string),
            Kind::Composite { gb1: true, .. } => predefined::gb1_unicode(c.cid).map(String::from),
            Kind::Composite { .. } => None,
        }
    }
}

/// The text of each byte under the font's encoding, by lopdf's tables.
fn encoding_table(doc: &Document, font: &Dictionary, truetype: bool) -> Box<[Option<Box<str>>]> {
    // lopdf reads /Encoding (a name, or a dictionary with BaseEncoding and
    // Differences); with none, a TrueType font is read as WinAnsi (what
    // Acrobat does for a non-symbolic one) and a Type 1 font by
    // StandardEncoding.
    let mut d = font.clone();
    d.set("Type", Object::Name(b"Font".to_vec()));
    d.remove(b"ToUnicode");
    if d.get(b"Encoding").is_err() && truetype {
        d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    }
    let Ok(enc) = d.get_font_encoding(doc) else {
        return vec![None; 256].into_boxed_slice();
    };
    (0..=255u8)
        .map(|b| {
            enc.bytes_to_string(&[b])
                .ok()
                .filter(|s| !s.is_empty())
                .map(String::into_boxed_str)
        })
        .collect()
}

fn simple(doc: &Document, font: &Dictionary, base: String, to_unicode: Option<ToUnicode>) -> Font {
    let subtype = name(doc, font, b"Subtype").unwrap_or(b"Type1");
    let text = encoding_table(doc, font, subtype == b"TrueType");
    let first = get(doc, font, b"FirstChar")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let widths: Box<[f64]> = get(doc, font, b"Widths")
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .map(|w| num(deref(doc, w)).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let descriptor = get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
    let missing = descriptor
        .and_then(|d| get(doc, d, b"MissingWidth"))
        .or_else(|| get(doc, font, b"MissingWidth"))
        .and_then(num)
        .unwrap_or(if widths.is_empty() {
            STANDARD_WIDTH
        } else {
            0.0
        });
    let scale = if subtype == b"Type3" {
        get(doc, font, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|m| m.first())
            .and_then(num)
    } else {
        None
    };
    let decodable = to_unicode.is_some() || text.iter().any(Option::is_some);
    Font {
        problem: (!decodable).then(|| format!("font {base}: its encoding maps no code to text")),
        name: base,
        kind: Kind::Simple {
            text,
            widths,
            first: u32::try_from(first).unwrap_or(0),
            missing,
            scale,
        },
        to_unicode,
    }
}

/// The advance of a glyph of a standard (base-14) font that comes without
/// /Widths: juesuan carries no font metrics, so every glyph gets half an em,
/// the average of Helvetica and Times; positions inside such a string are
/// approximate, the text is not affected.
const STANDARD_WIDTH: f64 = 500.0;

/// The glyph widths of a CIDFont's /W array: `c [w1 w2 …]` and
/// `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    // Bounded: a W array lists at most every CID once.
    while i < w.len() && out.len() < 1 << 17 {
        let Some(c) = num(deref(doc, &w[i])).filter(|c| *c >= 0.0) else {
            break;
        };
        let c = c as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (j, w) in list.iter().enumerate() {
                    out.insert(c + j as u32, num(deref(doc, w)).unwrap_or(0.0));
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(width)) =
                    (num(last), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                else {
                    break;
                };
                if READ_W_RUNS {
                    let last = (last.max(c as f64) as u32).min(c.saturating_add(1 << 16));
                    for cid in c..=last {
                        out.insert(cid, width);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

fn composite(
    doc: &Document,
    font: &Dictionary,
    base: String,
    to_unicode: Option<ToUnicode>,
) -> Font {
    let descendant = get(doc, font, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let ordering = descendant
        .and_then(|d| get(doc, d, b"CIDSystemInfo"))
        .and_then(|o| o.as_dict().ok())
        .map(|info| {
            let s = |k: &[u8]| match get(doc, info, k) {
                Some(Object::String(s, _)) => String::from_utf8_lossy(s).into_owned(),
                Some(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
                _ => String::new(),
            };
            format!("{}-{}", s(b"Registry"), s(b"Ordering"))
        });
    let mut problem = None;
    let (cmap, cmap_gb1) = match font.get(b"Encoding").ok().map(|o| deref(doc, o)) {
        Some(Object::Name(n)) => match n.as_slice() {
            b"Identity-H" => (Arc::new(CodeMap::identity(0)), false),
            b"Identity-V" => (Arc::new(CodeMap::identity(1)), false),
            other => {
                let other = String::from_utf8_lossy(other).into_owned();
                match predefined::code_map(&other) {
                    Some(m) => (m, true),
                    None => {
                        problem = Some(format!(
                            "font {base}: the predefined CMap {other} is not one juesuan carries (it reads the Adobe-GB1 ones)"
                        ));
                        (Arc::new(CodeMap::identity(0)), false)
                    }
                }
            }
        },
        Some(Object::Stream(s)) => {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            let p = cmap::parse(&bytes);
            let parent = p.usecmap.as_deref().and_then(predefined::code_map);
            let gb1 = p.ordering.as_deref() == Some("GB1");
            let m = CodeMap::new(&p, parent);
            if m.codespace.is_empty() {
                problem = Some(format!("font {base}: its embedded CMap has no code space"));
                (Arc::new(CodeMap::identity(0)), false)
            } else {
                (Arc::new(m), gb1)
            }
        }
        _ => {
            problem = Some(format!("font {base}: no usable /Encoding"));
            (Arc::new(CodeMap::identity(0)), false)
        }
    };
    let gb1 = cmap_gb1 || ordering.as_deref() == Some("Adobe-GB1");
    let (widths, default, vertical) = match descendant {
        Some(d) => {
            let widths = get(doc, d, b"W")
                .and_then(|o| o.as_array().ok())
                .map(|w| cid_widths(doc, w))
                .unwrap_or_default();
            let default = get(doc, d, b"DW").and_then(num).unwrap_or(1000.0);
            let vertical = get(doc, d, b"DW2")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.get(1))
                .and_then(num);
            (widths, default, vertical)
        }
        None => (HashMap::new(), 1000.0, None),
    };
    if problem.is_none() && !gb1 && to_unicode.is_none() {
        problem = Some(format!(
            "font {base}: CID font without a ToUnicode map, collection {}",
            ordering.as_deref().unwrap_or("unknown")
        ));
    }
    Font {
        name: base,
        kind: Kind::Composite {
            cmap,
            gb1,
            widths,
            default,
            vertical,
        },
        to_unicode,
        problem,
    }
}

/// The fonts of one document, each loaded on first use and shared by every
/// page (pages are read in parallel).
#[derive(Default)]
pub struct Fonts {
    by_id: Mutex<HashMap<ObjectId, Arc<Font>>>,
}

impl Fonts {
    /// The font a resource entry refers to.
    pub fn get(&self, doc: &Document, entry: &Object) -> Option<Arc<Font>> {
        let (id, obj) = doc.dereference(entry).ok()?;
        let dict = obj.as_dict().ok()?;
        let Some(id) = id else {
            return Some(Arc::new(Font::load(doc, dict)));
        };
        if let Some(f) = self.by_id.lock().ok()?.get(&id) {
            return Some(f.clone());
        }
        // Loaded outside the lock: another page may load the same font at
        // the same time; the first one stored wins, both are equal.
        let f = Arc::new(Font::load(doc, dict));
        Some(self.by_id.lock().ok()?.entry(id).or_insert(f).clone())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn a_gbk_font_without_to_unicode_reads_through_adobe_gb1() {
        let doc = Document::with_version("1.5");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
            "Encoding" => "GBK-EUC-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "SimSun",
                "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
            })],
        };
        let f = Font::load(&doc, &font);
        assert!(f.problem.is_none(), "{:?}", f.problem);
        let bytes = b"\xb9\xab\xbf\xaa01\xb1\xed";
        let mut rest: &[u8] = bytes;
        let mut text = String::new();
        while let Some(c) = f.next_code(rest) {
            text += &f.text(c).unwrap();
            rest = &rest[c.len as usize..];
        }
        assert_eq!(text, "公开01表");
    }

    #[test]
    fn a_winansi_font_and_differences() {
        let doc = Document::with_version("1.5");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), Object::Name(b"Euro".to_vec())] },
        };
        let f = Font::load(&doc, &font);
        let t = |b: u8| f.text(f.next_code(&[b]).unwrap());
        assert_eq!(t(b'A').as_deref(), Some("€"));
        assert_eq!(t(b'B').as_deref(), Some("B"));
        assert_eq!(t(0x93).as_deref(), Some("\u{201c}"));
    }

    #[test]
    fn an_unknown_predefined_cmap_is_a_problem_not_a_failure() {
        let doc = Document::with_version("1.5");
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "MS-Mincho", "Encoding" => "90ms-RKSJ-H" };
        let f = Font::load(&doc, &font);
        assert!(f.problem.as_deref().unwrap().contains("90ms-RKSJ-H"));
        assert_eq!(f.text(f.next_code(b"\x82\xa0").unwrap()), None);
    }
}
