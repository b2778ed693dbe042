//! The content-stream interpreter: a page's operators → glyphs (with their
//! text-rendering matrix, width and text) and painted paths, handed to a
//! [`Sink`]. Only what the text layer needs is interpreted: text state and
//! positioning, the graphics state's matrix, paths and how they are painted,
//! form XObjects. Colour, images, clipping and shading are skipped.
//!
//! It replaces the `pdf-extract` 0.12 crate, whose `Processor` it follows
//! operator by operator (and whose arithmetic it keeps, so glyphs land on
//! the same points): that crate's fonts were private and could not be fixed
//! from outside (a page whose font named a predefined CJK CMap was lost
//! whole, CIDs without ToUnicode were dropped), it re-read every font on
//! every page, and it panicked on ordinary input (a missing resource, an
//! image XObject, `v` after a rectangle). Here every malformed operand is
//! skipped and the page goes on.

use super::content;
use super::fonts::{self, Font, Fonts};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::sync::Arc;

/// An affine matrix in PDF's row-vector convention, `[a b c d e f]` as
/// `m11 m12 m21 m22 m31 m32`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    /// a
    pub m11: f64,
    /// b
    pub m12: f64,
    /// c
    pub m21: f64,
    /// d
    pub m22: f64,
    /// e
    pub m31: f64,
    /// f
    pub m32: f64,
}

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix {
        m11: 1.0,
        m12: 0.0,
        m21: 0.0,
        m22: 1.0,
        m31: 0.0,
        m32: 0.0,
    };

    fn translation(x: f64, y: f64) -> Matrix {
        Matrix {
            m31: x,
            m32: y,
            ..Matrix::IDENTITY
        }
    }

    /// `self` then `m` (the order and rounding of euclid's `post_transform`,
    /// which pdf-extract used).
    pub fn then(&self, m: &Matrix) -> Matrix {
        Matrix {
            m11: self.m11 * m.m11 + self.m12 * m.m21,
            m12: self.m11 * m.m12 + self.m12 * m.m22,
            m21: self.m21 * m.m11 + self.m22 * m.m21,
            m22: self.m21 * m.m12 + self.m22 * m.m22,
            m31: self.m31 * m.m11 + self.m32 * m.m21 + m.m31,
            m32: self.m31 * m.m12 + self.m32 * m.m22 + m.m32,
        }
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        let n: Vec<f64> = ops.iter().map(fonts::num).collect::<Option<_>>()?;
        let [a, b, c, d, e, f] = n[..] else {
            return None;
        };
        Some(Matrix {
            m11: a,
            m12: b,
            m21: c,
            m22: d,
            m31: e,
            m32: f,
        })
    }
}

/// A path construction operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathOp {
    /// m
    MoveTo(f64, f64),
    /// l
    LineTo(f64, f64),
    /// c, v, y (control points, end point)
    CurveTo(f64, f64, f64, f64, f64, f64),
    /// re
    Rect(f64, f64, f64, f64),
    /// h
    Close,
}

/// The page's media box, in default user space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MediaBox {
    /// Lower left x.
    pub llx: f64,
    /// Lower left y.
    pub lly: f64,
    /// Upper right x.
    pub urx: f64,
    /// Upper right y.
    pub ury: f64,
}

/// What the interpreter reports.
pub trait Sink {
    /// A glyph: its text-rendering matrix (without the font size), its
    /// advance per unit of font size, the character (and word) spacing
    /// after it, the font size and its text ("" when undecodable).
    fn glyph(&mut self, trm: &Matrix, width: f64, spacing: f64, font_size: f64, text: &str);
    /// A stroked path, under `ctm`.
    fn stroke(&mut self, ctm: &Matrix, path: &[PathOp]);
    /// A filled path, under `ctm`.
    fn fill(&mut self, ctm: &Matrix, path: &[PathOp]);
}

/// Whether the painting operators pdf-extract ignored (`s`, `f*`, `B`, `B*`,
/// `b`, `b*`) paint and end their path, and `'` and `"` show their text.
const FULL_OPERATORS: bool = false;

/// The deepest nesting of form XObjects followed (a form that draws itself
/// would loop forever).
const MAX_FORM_DEPTH: usize = 8;

#[derive(Clone)]
struct TextState {
    font: Option<Arc<Font>>,
    font_size: f64,
    character_spacing: f64,
    word_spacing: f64,
    horizontal_scaling: f64,
    leading: f64,
    rise: f64,
    tm: Matrix,
}

/// The state of one content stream being interpreted.
struct Run {
    gs: State,
    stack: Vec<State>,
    tlm: Matrix,
    path: Vec<PathOp>,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    ts: TextState,
}

/// Glyphs of one page that came out without text, by reason.
pub type Undecodable = HashMap<String, usize>;

/// One page's interpretation.
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a Fonts,
    /// Fonts by resource name, per resource dictionary (names are local).
    local: HashMap<(usize, Vec<u8>), Option<Arc<Font>>>,
    /// Undecodable glyphs so far.
    pub undecodable: Undecodable,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn dict_entry<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    d.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
}

/// A key of the page or the nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut id = Some(page);
    for _ in 0..32 {
        let dict = doc.get_dictionary(id?).ok()?;
        if let Ok(o) = dict.get(key) {
            return Some(deref(doc, o));
        }
        id = dict.get(b"Parent").and_then(|p| p.as_reference()).ok();
    }
    None
}

/// A page's content streams, decoded and joined. Unlike lopdf's
/// `get_page_content`, which skips a stream it cannot find or decode (the
/// page then reads as empty, indistinguishable from a blank page), a missing
/// or undecodable stream is an error: the page is unreadable, not absent.
fn page_content(doc: &Document, page: ObjectId) -> Result<Vec<u8>, String> {
    let mut content = Vec::new();
    for id in doc.get_page_contents(page) {
        let stream = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|_| {
                format!(
                    "its content stream {} {} R is missing from the file",
                    id.0, id.1
                )
            })?;
        let data = stream.decompressed_content().map_err(|e| {
            format!(
                "its content stream {} {} R cannot be decoded: {e}",
                id.0, id.1
            )
        })?;
        content.extend_from_slice(&data);
        content.push(b'\n');
    }
    Ok(content)
}

/// A page's media box; a page without one is US Letter, as in poppler.
pub fn media_box(doc: &Document, page: ObjectId) -> MediaBox {
    let b: Option<Vec<f64>> = inherited(doc, page, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.iter().map(|o| fonts::num(deref(doc, o))).collect());
    match b.as_deref() {
        Some(&[llx, lly, urx, ury]) => MediaBox { llx, lly, urx, ury },
        _ => MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 612.0,
            ury: 792.0,
        },
    }
}

impl<'a> Interpreter<'a> {
    /// An interpreter for pages of `doc`, sharing the document's fonts.
    pub fn new(doc: &'a Document, fonts: &'a Fonts) -> Interpreter<'a> {
        Interpreter {
            doc,
            fonts,
            local: HashMap::new(),
            undecodable: HashMap::new(),
        }
    }

    /// Interpret one page.
    pub fn page(&mut self, page: ObjectId, sink: &mut dyn Sink) -> Result<(), String> {
        static EMPTY: std::sync::OnceLock<Dictionary> = std::sync::OnceLock::new();
        let resources = inherited(self.doc, page, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .unwrap_or_else(|| EMPTY.get_or_init(Dictionary::new));
        let content = page_content(self.doc, page)?;
        let state = State {
            ctm: Matrix::IDENTITY,
            ts: TextState {
                font: None,
                font_size: f64::NAN,
                character_spacing: 0.0,
                word_spacing: 0.0,
                horizontal_scaling: 1.0,
                leading: 0.0,
                rise: 0.0,
                tm: Matrix::IDENTITY,
            },
        };
        self.stream(&content, resources, state, sink, 0)
    }

    fn font(&mut self, resources: &'a Dictionary, name: &[u8]) -> Option<Arc<Font>> {
        let key = (resources as *const Dictionary as usize, name.to_vec());
        if let Some(f) = self.local.get(&key) {
            return f.clone();
        }
        let f = dict_entry(self.doc, resources, b"Font")
            .and_then(|fonts| fonts.get(name).ok())
            .and_then(|entry| self.fonts.get(self.doc, entry));
        self.local.insert(key, f.clone());
        f
    }

    fn show(&mut self, gs: &mut State, s: &[u8], sink: &mut dyn Sink) {
        let ts = &mut gs.ts;
        let Some(font) = ts.font.clone() else {
            if !s.is_empty() {
                *self
                    .undecodable
                    .entry("text shown in a font missing from the page resources".into())
                    .or_default() += s.len();
            }
            return;
        };
        let vertical = font.vertical_advance();
        let mut rest = s;
        while let Some(c) = font.next_code(rest) {
            rest = &rest[c.len as usize..];
            let tsm = Matrix {
                m11: ts.horizontal_scaling,
                m12: 0.0,
                m21: 0.0,
                m22: 1.0,
                m31: 0.0,
                m32: ts.rise,
            };
            let trm = tsm.then(&ts.tm.then(&gs.ctm));
            let w0 = font.advance(c);
            let mut spacing = ts.character_spacing;
            // Word spacing applies to the single-byte code 32 only.
            if c.code == 32 && c.len == 1 {
                spacing += ts.word_spacing;
            }
            let text = font.text(c);
            if text.is_none() {
                *self.undecodable.entry(font.reason()).or_default() += 1;
            }
            sink.glyph(
                &trm,
                w0,
                spacing,
                ts.font_size,
                text.as_deref().unwrap_or(""),
            );
            let step = match vertical {
                Some(w1) => Matrix::translation(0.0, w1 * ts.font_size + spacing),
                None => {
                    Matrix::translation(ts.horizontal_scaling * (w0 * ts.font_size + spacing), 0.0)
                }
            };
            ts.tm = step.then(&ts.tm);
        }
    }

    fn stream(
        &mut self,
        content: &[u8],
        resources: &'a Dictionary,
        gs: State,
        sink: &mut dyn Sink,
        depth: usize,
    ) -> Result<(), String> {
        let mut run = Run {
            gs,
            stack: Vec::new(),
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
        };
        // Read in place, one operation at a time, where that reads exactly
        // as lopdf would (see `content`); else through lopdf's parser.
        if content::supported(content) {
            let mut ops = content::Ops::new(content);
            let mut operands = Vec::new();
            while let Ok(Some(operator)) = ops.next(Some(&mut operands)) {
                self.operation(&mut run, operator, &operands, resources, sink, depth)?;
            }
        } else {
            let content = Content::decode(content)
                .map_err(|e| format!("cannot parse the page content: {e}"))?;
            for op in &content.operations {
                self.operation(&mut run, &op.operator, &op.operands, resources, sink, depth)?;
            }
        }
        Ok(())
    }

    /// One operation of a content stream.
    fn operation(
        &mut self,
        run: &mut Run,
        operator: &str,
        o: &[Object],
        resources: &'a Dictionary,
        sink: &mut dyn Sink,
        depth: usize,
    ) -> Result<(), String> {
        let Run {
            gs,
            stack,
            tlm,
            path,
        } = run;
        let n = |i: usize| o.get(i).and_then(fonts::num);
        {
            match operator {
                "BT" | "ET" => {
                    *tlm = Matrix::IDENTITY;
                    gs.ts.tm = *tlm;
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for e in items {
                            match e {
                                Object::String(s, _) => self.show(gs, s, sink),
                                Object::Integer(_) | Object::Real(_) => {
                                    let tj = fonts::num(e).unwrap_or(0.0);
                                    let ts = &mut gs.ts;
                                    let tx = ts.horizontal_scaling * ((0.0 - tj / 1000.0) * ts.font_size);
                                    ts.tm = Matrix::translation(tx, 0.0).then(&ts.tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(gs, s, sink);
                    }
                }
                "'" | "\"" if FULL_OPERATORS => {
                    let text = if operator == "\"" {
                        if let (Some(aw), Some(ac)) = (n(0), n(1)) {
                            gs.ts.word_spacing = aw;
                            gs.ts.character_spacing = ac;
                        }
                        o.get(2)
                    } else {
                        o.first()
                    };
                    *tlm = Matrix::translation(0.0, -gs.ts.leading).then(tlm);
                    gs.ts.tm = *tlm;
                    if let Some(Object::String(s, _)) = text {
                        self.show(gs, s, sink);
                    }
                }
                "Tc" => gs.ts.character_spacing = n(0).unwrap_or(gs.ts.character_spacing),
                "Tw" => gs.ts.word_spacing = n(0).unwrap_or(gs.ts.word_spacing),
                "Tz" => {
                    if let Some(z) = n(0) {
                        gs.ts.horizontal_scaling = z / 100.0;
                    }
                }
                "TL" => gs.ts.leading = n(0).unwrap_or(gs.ts.leading),
                "Ts" => gs.ts.rise = n(0).unwrap_or(gs.ts.rise),
                "Tf" => {
                    if let Some(Object::Name(name)) = o.first() {
                        gs.ts.font = self.font(resources, name);
                    }
                    if let Some(size) = n(1) {
                        gs.ts.font_size = size;
                    }
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        *tlm = m;
                        gs.ts.tm = *tlm;
                    }
                }
                "Td" | "TD" => {
                    if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                        if operator == "TD" {
                            gs.ts.leading = -ty;
                        }
                        *tlm = Matrix::translation(tx, ty).then(tlm);
                        gs.ts.tm = *tlm;
                    }
                }
                "T*" => {
                    *tlm = Matrix::translation(0.0, -gs.ts.leading).then(tlm);
                    gs.ts.tm = *tlm;
                }
                "q"
                    // Bounded: a stream of q without Q cannot exhaust memory.
                    if stack.len() < 256 => {
                        stack.push(gs.clone());
                    }
                "Q" => {
                    if let Some(s) = stack.pop() {
                        *gs = s;
                    }
                }
                "m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        path.push(PathOp::MoveTo(x, y));
                    }
                }
                "l" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        path.push(PathOp::LineTo(x, y));
                    }
                }
                "c" => {
                    if let (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)) = (n(0), n(1), n(2), n(3), n(4), n(5)) {
                        path.push(PathOp::CurveTo(a, b, c, d, e, f));
                    }
                }
                "v" => {
                    let current = path.iter().rev().find_map(|p| match *p {
                        PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) | PathOp::CurveTo(_, _, _, _, x, y) => Some((x, y)),
                        _ => None,
                    });
                    if let (Some((x, y)), Some(c), Some(d), Some(e), Some(f)) = (current, n(0), n(1), n(2), n(3)) {
                        path.push(PathOp::CurveTo(x, y, c, d, e, f));
                    }
                }
                "y" => {
                    if let (Some(a), Some(b), Some(c), Some(d)) = (n(0), n(1), n(2), n(3)) {
                        path.push(PathOp::CurveTo(a, b, c, d, c, d));
                    }
                }
                "h" => path.push(PathOp::Close),
                "re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        path.push(PathOp::Rect(x, y, w, h));
                    }
                }
                "S" => {
                    sink.stroke(&gs.ctm, path);
                    path.clear();
                }
                "s" if FULL_OPERATORS => {
                    path.push(PathOp::Close);
                    sink.stroke(&gs.ctm, path);
                    path.clear();
                }
                "F" | "f" => {
                    sink.fill(&gs.ctm, path);
                    path.clear();
                }
                "f*" if FULL_OPERATORS => {
                    sink.fill(&gs.ctm, path);
                    path.clear();
                }
                "B" | "B*" | "b" | "b*" if FULL_OPERATORS => {
                    if operator.starts_with('b') {
                        path.push(PathOp::Close);
                    }
                    sink.fill(&gs.ctm, path);
                    sink.stroke(&gs.ctm, path);
                    path.clear();
                }
                "n" => path.clear(),
                "Do" => {
                    if let Some(Object::Name(name)) = o.first() {
                        self.form(gs, resources, name, sink, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A form XObject, drawn with its own matrix and resources inside a
    /// saved graphics state; images and other XObjects draw no text.
    fn form(
        &mut self,
        gs: &State,
        resources: &'a Dictionary,
        name: &[u8],
        sink: &mut dyn Sink,
        depth: usize,
    ) -> Result<(), String> {
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Some(xobject) = dict_entry(self.doc, resources, b"XObject")
            .and_then(|x| x.get(name).ok())
            .map(|o| deref(self.doc, o))
            .and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        if xobject.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let inner = dict_entry(self.doc, &xobject.dict, b"Resources").unwrap_or(resources);
        let matrix = xobject
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .and_then(|m| Matrix::from_operands(m))
            .unwrap_or(Matrix::IDENTITY);
        let mut state = gs.clone();
        state.ctm = matrix.then(&gs.ctm);
        let content = xobject
            .decompressed_content()
            .unwrap_or_else(|_| xobject.content.clone());
        // A broken form loses its own content only.
        let _ = self.stream(&content, inner, state, sink, depth + 1);
        Ok(())
    }
}
