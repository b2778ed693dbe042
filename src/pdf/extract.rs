//! PDF bytes → pages of glyphs and ruling lines, with juesuan's own text
//! layer ([`super::interp`], [`super::fonts`]) on the `lopdf` parser (pure
//! Rust). Every glyph is reported at its text-matrix origin, so glyphs on one
//! visual line share one baseline whatever their font; and the stroked and
//! filled paths are reported, which are the table borders. (poppler's
//! `pdftotext -tsv` was evaluated and rejected: its word boxes come from
//! each font's ascent/descent, which the Putuo fonts get wrong, so a number
//! and the label beside it land 14 pt apart, and it does not report the
//! ruling lines at all. The text layer's choice is in docs/pdf-reader.md.)
//!
//! The decoder runs on a worker thread: a panic inside it becomes an error
//! value, and a file that takes too long is given up on (the thread cannot be
//! killed; it finishes in the background and its result is dropped).

use super::error::PdfError;
use super::fonts::Fonts;
use super::interp::{self, Interpreter, Matrix, MediaBox, PathOp, Sink};
use super::page::{Glyph, Page, Rule};
use super::turn;
use lopdf::{Document, Object, ObjectId};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// The most pages juesuan reads (a report has a few dozen).
pub const MAX_PAGES: usize = 2000;
/// The most glyphs juesuan keeps (a 25-page report has about 10 000).
pub const MAX_GLYPHS: usize = 4_000_000;
/// The most ruling lines kept per page (a dense table page has under 1 000).
pub const MAX_RULES_PER_PAGE: usize = 20_000;

/// The reader thread's name; its panics are reported as errors, not printed.
const THREAD: &str = "pdf-reader";

/// Keep the default panic message off the terminal for the reader thread
/// (it would land in the middle of `check` output or the workbench); every
/// other thread's panics are printed as before.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let reader = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(THREAD));
            if !reader {
                previous(info);
            }
        }));
    });
}

/// Extract every page, giving up after `timeout`. The bytes are dropped as
/// soon as the document is loaded (the loaded objects are all that is read
/// after that).
pub fn extract(bytes: Vec<u8>, timeout: Duration) -> Result<Vec<Page>, PdfError> {
    quiet_reader_panics();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(THREAD.into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let doc = load(&bytes);
                drop(bytes);
                extract_doc(doc?)
            }))
            .unwrap_or_else(|panic| Err(PdfError::Crashed(panic_message(&panic))));
            // The receiver is gone after a timeout; nothing to report to.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(PdfError::Extract(format!(
            "cannot start the reader thread: {e}"
        )));
    }
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(PdfError::Timeout(timeout.as_secs())),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(PdfError::Crashed(
            "the reader thread ended without a result".into(),
        )),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Whether a stream is one the text layer never reads: an embedded font
/// program (`/FontFile`, `/FontFile2`: `/Length1`…`/Length3`; `/FontFile3`:
/// `/Subtype /Type1C`, `/CIDFontType0C`, `/OpenType`) or an image. These are
/// most of a report's bytes (the Putuo PDF: a 3.4 MB FangSong subset in a
/// 3.7 MB file).
fn is_unread_stream(dict: &lopdf::Dictionary) -> bool {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
    matches!(
        subtype,
        Some(b"Image" | b"Type1C" | b"CIDFontType0C" | b"OpenType")
    ) || dict.has(b"Length1")
        || dict.has(b"Length2")
        || dict.has(b"Length3")
}

/// The load filter: a stream the text layer never reads is kept as its
/// dictionary alone, so its data is not held for the whole read. (lopdf
/// keeps the object the filter leaves in place and ignores the returned one;
/// an emptied stream would be read again from the file, a dictionary is not.)
fn drop_unread_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if is_unread_stream(&stream.dict) {
            *object = Object::Dictionary(std::mem::take(&mut stream.dict));
        }
    }
    Some((id, Object::Null))
}

/// Load a document (decrypting one with an empty user password).
fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let options = lopdf::LoadOptions {
        filter: Some(drop_unread_streams),
        ..lopdf::LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) => PdfError::Encrypted,
        other => PdfError::Load(other.to_string()),
    })?;
    // Published reports are often "encrypted" with an empty user password
    // (only editing is restricted): those open like any other.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

/// Extract on the current thread.
#[cfg(test)]
fn extract_now(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    extract_doc(load(bytes)?)
}

/// Extract the pages of a loaded document.
fn extract_doc(doc: Document) -> Result<Vec<Page>, PdfError> {
    let ids = doc.get_pages();
    if ids.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(ids.len(), MAX_PAGES));
    }
    let fonts = Fonts::default();
    // Pages are independent (they share only the loaded fonts), so they are
    // decoded in parallel; a page the decoder fails on is kept, empty, with
    // the reason, and the rest of the report is still read.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("{THREAD}-{i}"))
        .build()
        .map_err(|e| PdfError::Extract(format!("cannot start the reader threads: {e}")))?;
    let numbered: Vec<(u32, lopdf::ObjectId)> = ids.iter().map(|(&n, &id)| (n, id)).collect();
    let results: Vec<(u32, Result<Page, PdfError>)> = pool.install(|| {
        numbered
            .par_iter()
            .map(|&(n, id)| (n, extract_page(&doc, &fonts, n, id)))
            .collect()
    });
    let mut pages = Vec::with_capacity(results.len());
    let mut glyphs = 0;
    for (number, result) in results {
        match result {
            Ok(page) => {
                glyphs += page.glyphs.len();
                pages.push(page);
            }
            Err(e) => pages.push(Page {
                number,
                error: Some(e.to_string()),
                ..Page::default()
            }),
        }
    }
    if glyphs >= MAX_GLYPHS {
        return Err(PdfError::Extract(format!(
            "more than {MAX_GLYPHS} glyphs; not a report"
        )));
    }
    if pages.is_empty() {
        return Err(PdfError::Load("the document has no pages".into()));
    }
    if pages.iter().all(|p| p.error.is_some()) {
        let first = pages
            .iter()
            .find_map(|p| p.error.clone())
            .unwrap_or_default();
        return Err(PdfError::Crashed(first));
    }
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(PdfError::NoText);
    }
    Ok(pages)
}

/// One page, on the current thread; a decoder panic becomes an error.
fn extract_page(
    doc: &Document,
    fonts: &Fonts,
    number: u32,
    id: lopdf::ObjectId,
) -> Result<Page, PdfError> {
    let mut collector = Collector::new(number, interp::media_box(doc, id));
    let mut interpreter = Interpreter::new(doc, fonts);
    let done = catch_unwind(AssertUnwindSafe(|| interpreter.page(id, &mut collector)));
    if collector.too_many {
        return Err(PdfError::Extract(format!(
            "page {number} has more than {MAX_GLYPHS} glyphs"
        )));
    }
    match done {
        Ok(Ok(())) => {
            let mut page = collector.page;
            page.rotation = rotation(doc, id);
            turn::turn(&mut page, &collector.quarters);
            let mut undecodable: Vec<(String, usize)> =
                interpreter.undecodable.into_iter().collect();
            undecodable.sort();
            page.undecodable = undecodable;
            Ok(page)
        }
        Ok(Err(e)) => Err(PdfError::Extract(e)),
        Err(panic) => Err(PdfError::Crashed(panic_message(&panic))),
    }
}

/// Each page's text as the reader decodes it (its glyphs' text in drawing
/// order), with the reason a page could not be read: what the tests compare
/// with poppler's `pdftotext`.
pub fn page_texts(bytes: &[u8]) -> Result<Vec<(u32, String, Option<String>)>, PdfError> {
    let doc = load(bytes)?;
    let fonts = Fonts::default();
    Ok(doc
        .get_pages()
        .iter()
        .map(|(&n, &id)| match extract_page(&doc, &fonts, n, id) {
            Ok(p) => (n, p.glyphs.iter().map(|g| g.text.as_str()).collect(), None),
            Err(e) => (n, String::new(), Some(e.to_string())),
        })
        .collect())
}

/// A page's /Rotate, inherited from the page tree, normalised to 0–359.
fn rotation(doc: &Document, page: lopdf::ObjectId) -> i64 {
    let mut id = Some(page);
    // The page tree is shallow; the bound stops a cyclic /Parent chain.
    for _ in 0..32 {
        let Some(dict) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        if let Ok(r) = dict.get_deref(b"Rotate", doc).and_then(|o| o.as_i64()) {
            return r.rem_euclid(360);
        }
        id = dict.get(b"Parent").and_then(|p| p.as_reference()).ok();
    }
    0
}

/// The [`Sink`] that keeps one page's glyphs and rules.
struct Collector {
    page: Page,
    media: MediaBox,
    glyphs: usize,
    too_many: bool,
    /// Each kept glyph's direction (see [`turn::quarter`]).
    quarters: Vec<Option<i64>>,
}

impl Collector {
    fn new(number: u32, media: MediaBox) -> Collector {
        Collector {
            page: Page {
                number,
                width: (media.urx - media.llx).abs() as f32,
                height: (media.ury - media.lly).abs() as f32,
                ..Page::default()
            },
            media,
            glyphs: 0,
            too_many: false,
            quarters: Vec::new(),
        }
    }

    /// Page space (origin bottom-left of the media box) → top-down points.
    fn to_page(&self, x: f64, y: f64) -> (f32, f32) {
        ((x - self.media.llx) as f32, (self.media.ury - y) as f32)
    }

    fn apply(&self, ctm: &Matrix, x: f64, y: f64) -> (f32, f32) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        self.to_page(px, py)
    }

    fn push_rule(&mut self, rule: Option<Rule>) {
        if let Some(r) = rule {
            if self.page.rules.len() < MAX_RULES_PER_PAGE {
                self.page.rules.push(r);
            }
        }
    }

    /// The corners of each subpath, transformed, with whether it was closed.
    fn subpaths(&self, ctm: &Matrix, path: &[PathOp]) -> Vec<(Vec<(f32, f32)>, bool)> {
        let mut out: Vec<(Vec<(f32, f32)>, bool)> = Vec::new();
        let mut current: Vec<(f32, f32)> = Vec::new();
        for op in path {
            match *op {
                PathOp::MoveTo(x, y) => {
                    if current.len() > 1 {
                        out.push((std::mem::take(&mut current), false));
                    }
                    current = vec![self.apply(ctm, x, y)];
                }
                PathOp::LineTo(x, y) => current.push(self.apply(ctm, x, y)),
                // Curves are no table borders; keep the end point so the
                // next straight piece starts where it should.
                PathOp::CurveTo(_, _, _, _, x, y) => {
                    if current.len() > 1 {
                        out.push((std::mem::take(&mut current), false));
                    }
                    current = vec![self.apply(ctm, x, y)];
                }
                PathOp::Rect(x, y, w, h) => {
                    let corners = vec![
                        self.apply(ctm, x, y),
                        self.apply(ctm, x + w, y),
                        self.apply(ctm, x + w, y + h),
                        self.apply(ctm, x, y + h),
                    ];
                    out.push((corners, true));
                }
                PathOp::Close => {
                    if current.len() > 1 {
                        let start = current[0];
                        out.push((std::mem::take(&mut current), true));
                        current = vec![start];
                    }
                }
            }
        }
        if current.len() > 1 {
            out.push((current, false));
        }
        out
    }
}

/// A filled shape that is a thin axis-aligned rectangle is a ruling line
/// drawn as a fill (common in spreadsheet exports); wider fills are shading.
fn thin_rect_rule(points: &[(f32, f32)]) -> Option<Rule> {
    if points.len() < 4 || points.len() > 5 {
        return None;
    }
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().map(|p| p.1);
    let (x0, x1) = (
        xs.clone().fold(f32::MAX, f32::min),
        xs.fold(f32::MIN, f32::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f32::MAX, f32::min),
        ys.fold(f32::MIN, f32::max),
    );
    let axis_aligned = points
        .iter()
        .all(|p| (p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5);
    if !axis_aligned {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= 2.5 && w > h {
        Rule::between((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0))
    } else if w <= 2.5 && h > w {
        Rule::between(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1))
    } else {
        None
    }
}

impl Sink for Collector {
    fn glyph(&mut self, trm: &Matrix, width: f64, spacing: f64, font_size: f64, text: &str) {
        if self.glyphs >= MAX_GLYPHS {
            self.too_many = true;
            return;
        }
        self.glyphs += 1;
        let (x, baseline) = self.to_page(trm.m31, trm.m32);
        let vscale = trm.m21.hypot(trm.m22);
        let hscale = trm.m11.hypot(trm.m12);
        let size = (font_size * vscale) as f32;
        let advance = ((width * font_size + spacing) * hscale) as f32;
        if x.is_finite() && baseline.is_finite() && size.is_finite() {
            self.page.glyphs.push(Glyph {
                text: text.to_string(),
                x,
                baseline,
                size: size.abs(),
                advance,
            });
            self.quarters.push(turn::quarter(trm.m11, -trm.m12));
        }
    }

    fn stroke(&mut self, ctm: &Matrix, path: &[PathOp]) {
        for (points, closed) in self.subpaths(ctm, path) {
            for w in points.windows(2) {
                self.push_rule(Rule::between(w[0], w[1]));
            }
            if closed {
                if let (Some(&a), Some(&b)) = (points.last(), points.first()) {
                    self.push_rule(Rule::between(a, b));
                }
            }
        }
    }

    fn fill(&mut self, ctm: &Matrix, path: &[PathOp]) {
        for (points, _) in self.subpaths(ctm, path) {
            self.push_rule(thin_rect_rule(&points));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let e = extract(b"%PDF-1.7\nnot really".to_vec(), Duration::from_secs(5)).unwrap_err();
        assert!(
            matches!(e, PdfError::Load(_) | PdfError::Crashed(_)),
            "{e:?}"
        );
    }

    /// A one-page PDF whose content stream draws `content` (no fonts).
    fn pdf_with(content: &[u8]) -> Vec<u8> {
        pdf_page(content, true)
    }

    fn pdf_page(content: &[u8], media_box: bool) -> Vec<u8> {
        use lopdf::{dictionary, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        };
        if media_box {
            page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        }
        let page_id = doc.add_object(page);
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn a_page_without_text_is_a_scan_and_says_what_to_do() {
        let e = extract_now(&pdf_with(b"10 10 m 100 10 l S")).unwrap_err();
        assert_eq!(e, PdfError::NoText);
        assert!(e.to_string().contains("OCR"));
    }

    #[test]
    fn strokes_are_kept_as_rules_in_top_down_points() {
        // A 100-pt line 10 pt above the bottom of an 842-pt page.
        let bytes = pdf_with(b"10 10 m 110 10 l S");
        let doc = Document::load_mem(&bytes).unwrap();
        let fonts = Fonts::default();
        let (&n, &id) = doc.get_pages().iter().next().unwrap();
        let page = extract_page(&doc, &fonts, n, id).unwrap();
        let r = page.rules[0];
        assert!(r.is_horizontal());
        assert_eq!((r.x0, r.x1, r.y0), (10.0, 110.0, 832.0));
    }

    #[test]
    fn a_page_without_a_media_box_is_us_letter() {
        let doc = Document::load_mem(&pdf_page(b"", false)).unwrap();
        let (_, &id) = doc.get_pages().iter().next().unwrap();
        assert_eq!(interp::media_box(&doc, id).ury, 792.0);
    }

    #[test]
    fn a_broken_content_stream_loses_that_page_only() {
        let doc = Document::load_mem(&pdf_with(b"BT (unterminated")).unwrap();
        let (&n, &id) = doc.get_pages().iter().next().unwrap();
        // Either nothing was drawn or the page says why; never a panic.
        match extract_page(&doc, &Fonts::default(), n, id) {
            Ok(p) => assert!(p.glyphs.is_empty()),
            Err(e) => assert!(matches!(e, PdfError::Extract(_)), "{e:?}"),
        }
    }

    #[test]
    fn a_slow_file_is_given_up_on() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data/shanghai-putuo-finance-2024.pdf");
        let bytes = std::fs::read(path).unwrap();
        let e = extract(bytes, Duration::from_nanos(1)).unwrap_err();
        assert_eq!(e, PdfError::Timeout(0));
    }

    #[test]
    fn thin_filled_rectangles_are_rules() {
        let r = thin_rect_rule(&[(0.0, 10.0), (100.0, 10.0), (100.0, 11.0), (0.0, 11.0)]).unwrap();
        assert!(r.is_horizontal());
        assert_eq!(r.y0, 10.5);
        assert!(thin_rect_rule(&[(0.0, 0.0), (50.0, 0.0), (50.0, 40.0), (0.0, 40.0)]).is_none());
    }
}
