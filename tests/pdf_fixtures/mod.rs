//! Generated PDF fixtures, one per way a real report's fonts encode text:
//! the smallest PDF that shows each class (the sample PDFs all use embedded
//! Identity-H TrueType fonts with ToUnicode, so the other classes exist
//! only here). Built with lopdf; each page draws lines of text at fixed
//! positions in one font.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod agree;
pub mod report;

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

/// How a fixture's font turns text into bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontClass {
    /// A standard simple font (Helvetica, WinAnsiEncoding): ASCII only.
    WinAnsi,
    /// A simple font with a /Differences array naming glyphs.
    Differences,
    /// Type0, a predefined CMap (e.g. `GBK-EUC-H`), no embedded font and
    /// no ToUnicode: the page edited after printing.
    Predefined(&'static str),
    /// Type0 Identity-H over Adobe-GB1 CIDs, without ToUnicode.
    IdentityGb1NoToUnicode,
}

impl FontClass {
    /// Every class, for tests that cover them all.
    pub const ALL: &'static [FontClass] = &[
        FontClass::WinAnsi,
        FontClass::Differences,
        FontClass::Predefined("GB-EUC-H"),
        FontClass::Predefined("GBpc-EUC-H"),
        FontClass::Predefined("GBK-EUC-H"),
        FontClass::Predefined("GBKp-EUC-H"),
        FontClass::Predefined("GBK2K-H"),
        FontClass::Predefined("UniGB-UCS2-H"),
        FontClass::Predefined("UniGB-UTF16-H"),
        FontClass::Predefined("GBK-EUC-V"),
        FontClass::IdentityGb1NoToUnicode,
    ];

    /// A file-name-safe label.
    pub fn label(self) -> String {
        match self {
            FontClass::WinAnsi => "winansi".into(),
            FontClass::Differences => "differences".into(),
            FontClass::Predefined(n) => n.to_lowercase(),
            FontClass::IdentityGb1NoToUnicode => "identity-gb1-no-tounicode".into(),
        }
    }

    fn cjk(self) -> bool {
        !matches!(self, FontClass::WinAnsi | FontClass::Differences)
    }

    /// The font dictionary.
    pub fn font(self) -> Dictionary {
        match self {
            FontClass::WinAnsi => dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding",
            },
            FontClass::Differences => dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                // Codes 1–3 drawn as a, b, c: text only through the glyph names.
                "Encoding" => dictionary! {
                    "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
                    "Differences" => vec![1.into(), Object::Name(b"a".to_vec()), Object::Name(b"b".to_vec()), Object::Name(b"c".to_vec())],
                },
            },
            FontClass::Predefined(cmap) => type0(cmap, "CIDFontType0"),
            FontClass::IdentityGb1NoToUnicode => type0("Identity-H", "CIDFontType2"),
        }
    }

    /// The bytes of a string in this font.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            FontClass::WinAnsi => text.bytes().collect(),
            FontClass::Differences => text
                .bytes()
                .map(|b| match b {
                    b'a' => 1,
                    b'b' => 2,
                    b'c' => 3,
                    other => other,
                })
                .collect(),
            FontClass::Predefined(n) if n.starts_with("UniGB") => {
                text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
            }
            FontClass::Predefined(_) => gbk(text),
            FontClass::IdentityGb1NoToUnicode => {
                // The CIDs that GBK-EUC-H gives for the text's GBK codes.
                let map = juesuan::pdf::fonts::predefined::code_map("GBK-EUC-H").unwrap();
                let bytes = gbk(text);
                let mut rest: &[u8] = &bytes;
                let mut out = Vec::new();
                while let Some((code, len)) = map.next_code(rest) {
                    let cid = map.cid(code, len).unwrap() as u16;
                    out.extend_from_slice(&cid.to_be_bytes());
                    rest = &rest[len as usize..];
                }
                out
            }
        }
    }
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad, "{text} is not GBK");
    bytes.into_owned()
}

fn type0(encoding: &str, subtype: &str) -> Dictionary {
    dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
        "Encoding" => Object::Name(encoding.as_bytes().to_vec()),
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => Object::Name(subtype.as_bytes().to_vec()), "BaseFont" => "SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("GB1"),
                "Supplement" => 2,
            },
            "FontDescriptor" => dictionary! {
                "Type" => "FontDescriptor", "FontName" => "SimSun", "Flags" => 6,
                "FontBBox" => vec![0.into(), (-141).into(), 996.into(), 855.into()],
                "ItalicAngle" => 0, "Ascent" => 859, "Descent" => -141,
                "CapHeight" => 700, "StemV" => 80,
            },
            "DW" => 1000,
        })],
    }
}

/// A page of text lines in the fixture.
pub struct FixturePage {
    /// The font the page's text is in.
    pub class: FontClass,
    /// Its lines, top to bottom.
    pub lines: Vec<String>,
}

/// The lines a fixture page of `class` carries: a schedule heading with
/// digits and CJK punctuation, or ASCII for the simple fonts.
pub fn sample_lines(class: FontClass) -> Vec<String> {
    if class.cjk() {
        [
            "公开01表",
            "收入支出决算总表",
            "编制单位：上海市某区财政局  单位：万元",
            "一、一般公共预算财政拨款收入  1,234.56",
            "（一）基本支出，占比98.76%；项目支出：12.00。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    } else {
        ["Table 01 cab", "Total 1,234.56 (abc)"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
}

/// Append to a content stream: `text` at (x, y) in font /F1 of `class`.
pub fn show(content: &mut Vec<u8>, class: FontClass, size: f64, x: f64, y: f64, text: &str) {
    content.extend_from_slice(format!("BT /F1 {size:.2} Tf {x:.2} {y:.2} Td <").as_bytes());
    for b in class.encode(text) {
        content.extend_from_slice(format!("{b:02X}").as_bytes());
    }
    content.extend_from_slice(b"> Tj ET\n");
}

/// A PDF whose pages each draw one content stream in one font (as /F1),
/// all of `width` × `height` points.
pub fn write(pages: Vec<(Dictionary, Vec<u8>)>, width: f64, height: f64) -> Vec<u8> {
    write_sized(
        pages
            .into_iter()
            .map(|(font, content)| (font, content, (width, height), 0))
            .collect(),
    )
}

/// A page for [`write_sized`]: its font, content stream, media box size
/// (width, height) and /Rotate (0 for none).
pub type SizedPage = (Dictionary, Vec<u8>, (f64, f64), i64);

/// [`write`] with each page's own media box size and rotation.
pub fn write_sized(pages: Vec<SizedPage>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for (font, content, (width, height), rotate) in pages {
        let font_id = doc.add_object(font);
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
        };
        if rotate != 0 {
            page.set("Rotate", rotate);
        }
        kids.push(doc.add_object(page).into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF with one page per entry (A4 portrait).
pub fn pdf(pages: &[FixturePage]) -> Vec<u8> {
    let pages = pages
        .iter()
        .map(|page| {
            let mut content = Vec::new();
            for (i, line) in page.lines.iter().enumerate() {
                show(
                    &mut content,
                    page.class,
                    10.5,
                    56.0,
                    780.0 - 24.0 * i as f64,
                    line,
                );
            }
            (page.class.font(), content)
        })
        .collect();
    write(pages, 595.0, 842.0)
}
