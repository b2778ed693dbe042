//! PDF bytes → pages of glyphs and ruling lines, with the `pdf-extract` crate
//! (pure Rust, on top of `lopdf`). It reports every glyph at its text-matrix
//! origin, so glyphs on one visual line share one baseline whatever their
//! font; and it reports the stroked and filled paths, which are the table
//! borders. (poppler's `pdftotext -tsv` was evaluated and rejected: its word
//! boxes come from each font's ascent/descent, which the Putuo fonts get
//! wrong, so a number and the label beside it land 14 pt apart, and it does
//! not report the ruling lines at all. See the README section on PDF input.)
//!
//! The decoder runs on a worker thread: a panic inside it becomes an error
//! value, and a file that takes too long is given up on (the thread cannot be
//! killed; it finishes in the background and its result is dropped).

use super::error::PdfError;
use super::page::{Glyph, Page, Rule};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
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
const THREAD: &str = "pdf-extract";

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

/// Extract every page, giving up after `timeout`.
pub fn extract(bytes: Vec<u8>, timeout: Duration) -> Result<Vec<Page>, PdfError> {
    quiet_reader_panics();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(THREAD.into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| extract_now(&bytes)))
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

/// Extract on the current thread.
pub fn extract_now(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => PdfError::Encrypted,
        other => PdfError::Load(other.to_string()),
    })?;
    // Published reports are often "encrypted" with an empty user password
    // (only editing is restricted): those open like any other.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(numbers.len(), MAX_PAGES));
    }
    // Pages are independent (pdf-extract reloads the fonts of every page),
    // so they are decoded in parallel; a page the decoder fails on is kept,
    // empty, with the reason, and the rest of the report is still read.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("{THREAD}-{i}"))
        .build()
        .map_err(|e| PdfError::Extract(format!("cannot start the reader threads: {e}")))?;
    let results: Vec<(u32, Result<Page, PdfError>)> = pool.install(|| {
        numbers
            .par_iter()
            .map(|&n| (n, extract_page(&doc, n)))
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
            Err(PdfError::Encrypted) => return Err(PdfError::Encrypted),
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
    let ids = doc.get_pages();
    for page in &mut pages {
        if let Some(id) = ids.get(&page.number) {
            page.rotation = rotation(&doc, *id);
        }
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
fn extract_page(doc: &pdf_extract::Document, number: u32) -> Result<Page, PdfError> {
    let mut collector = Collector::default();
    let done = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut collector, number)
    }));
    if collector.too_many {
        return Err(PdfError::Extract(format!(
            "page {number} has more than {MAX_GLYPHS} glyphs"
        )));
    }
    match done {
        Ok(Ok(())) => collector
            .pages
            .pop()
            .ok_or_else(|| PdfError::Extract(format!("page {number} produced nothing"))),
        Ok(Err(OutputError::PdfError(pdf_extract::Error::Decryption(_)))) => {
            Err(PdfError::Encrypted)
        }
        Ok(Err(e)) => Err(PdfError::Extract(e.to_string())),
        Err(panic) => Err(PdfError::Crashed(panic_message(&panic))),
    }
}

/// A page's /Rotate, inherited from the page tree, normalised to 0–359.
fn rotation(doc: &pdf_extract::Document, page: pdf_extract::ObjectId) -> i64 {
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

/// The `OutputDev` that keeps glyphs and rules, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    media: Option<MediaBox>,
    glyphs: usize,
    too_many: bool,
}

impl Collector {
    /// Page space (origin bottom-left of the media box) → top-down points.
    fn to_page(&self, x: f64, y: f64) -> (f32, f32) {
        match self.media {
            Some(m) => ((x - m.llx) as f32, (m.ury - y) as f32),
            None => (x as f32, y as f32),
        }
    }

    fn apply(&self, ctm: &Transform, x: f64, y: f64) -> (f32, f32) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        self.to_page(px, py)
    }

    fn push_rule(&mut self, rule: Option<Rule>) {
        if let (Some(r), Some(page)) = (rule, self.pages.last_mut()) {
            if page.rules.len() < MAX_RULES_PER_PAGE {
                page.rules.push(r);
            }
        }
    }

    /// The corners of each subpath, transformed, with whether it was closed.
    fn subpaths(&self, ctm: &Transform, path: &Path) -> Vec<(Vec<(f32, f32)>, bool)> {
        let mut out: Vec<(Vec<(f32, f32)>, bool)> = Vec::new();
        let mut current: Vec<(f32, f32)> = Vec::new();
        for op in &path.ops {
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

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.media = Some(*media_box);
        self.pages.push(Page {
            number: page_num,
            width: (media_box.urx - media_box.llx).abs() as f32,
            height: (media_box.ury - media_box.lly).abs() as f32,
            glyphs: Vec::new(),
            rules: Vec::new(),
            rotation: 0,
            error: None,
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs >= MAX_GLYPHS {
            self.too_many = true;
            return Ok(());
        }
        self.glyphs += 1;
        let (x, baseline) = self.to_page(trm.m31, trm.m32);
        let vscale = trm.m21.hypot(trm.m22);
        let hscale = trm.m11.hypot(trm.m12);
        let size = (font_size * vscale) as f32;
        let advance = ((width * font_size + spacing) * hscale) as f32;
        if let Some(page) = self.pages.last_mut() {
            if x.is_finite() && baseline.is_finite() && size.is_finite() {
                page.glyphs.push(Glyph {
                    text: text.to_string(),
                    x,
                    baseline,
                    size: size.abs(),
                    advance,
                });
            }
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
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
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        for (points, _) in self.subpaths(ctm, path) {
            self.push_rule(thin_rect_rule(&points));
        }
        Ok(())
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
        use pdf_extract::{dictionary, Document, Object, Stream};
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
        let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
        let mut c = Collector::default();
        pdf_extract::output_doc(&doc, &mut c).unwrap();
        let r = c.pages[0].rules[0];
        assert!(r.is_horizontal());
        assert_eq!((r.x0, r.x1, r.y0), (10.0, 110.0, 832.0));
    }

    #[test]
    fn a_decoder_panic_becomes_an_error() {
        // pdf-extract panics on a page without a MediaBox.
        let e = extract(pdf_page(b"", false), Duration::from_secs(5)).unwrap_err();
        assert!(matches!(e, PdfError::Crashed(_)), "{e:?}");
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
