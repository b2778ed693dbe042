//! The page image: a region of a PDF page rasterised, so the workbench can
//! show the auditor the page itself around the cells of a finding (an
//! auditor trusts the page, not an extraction).
//!
//! The rasteriser is `hayro` (pure Rust, no system library; compared with
//! the alternatives in README, *PDF*), with the predefined CMaps (GBK-EUC-H
//! …, 400 KB compressed) and without its fallback fonts: published reports
//! embed their (subset) fonts, and the sample renders identically without
//! them. A font that is not embedded draws nothing — no substitute could
//! draw 宋体 anyway — and the raster says so ([`Raster::fonts_missing`]), so
//! the workbench never shows a page whose text is missing as the evidence.
//! Regions are in the coordinates
//! the reader gives every line ([`crate::report::PagePos`]: points from the
//! top left of the page as a viewer shows it, rotation applied).

use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{render_into, RenderCache, RenderSettings};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A rectangle on a page, in points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Region {
    /// Width in points.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height in points.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The region cut to a page `w` × `h` points (an empty region stays
    /// empty, never inverted).
    pub fn clamped(self, w: f32, h: f32) -> Region {
        let x0 = self.x0.clamp(0.0, w);
        let y0 = self.y0.clamp(0.0, h);
        Region {
            x0,
            y0,
            x1: self.x1.clamp(x0, w),
            y1: self.y1.clamp(y0, h),
        }
    }
}

/// A rasterised region: RGBA, 8 bits a channel, opaque (white under the
/// page), row by row from the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
    /// The page's size in points, as shown (rotation applied).
    pub page_size: (f32, f32),
    /// The region drawn: the one asked for, cut to the page.
    pub region: Region,
    /// The page asked for a font it does not embed (its text, or part of
    /// it, is not drawn).
    pub fonts_missing: bool,
}

impl Raster {
    /// The pixels darker than `threshold` (0–255 on the mean of R, G, B):
    /// printed text and ruling lines on a white page.
    pub fn dark_pixels(&self, threshold: u8) -> usize {
        self.rgba
            .chunks_exact(4)
            .filter(|p| {
                (u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3 < u16::from(threshold)
            })
            .count()
    }
}

/// Why a region could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RasterError {
    /// The rasteriser could not open the file.
    #[error("the rasteriser cannot open the PDF: {0}")]
    Load(String),
    /// No such page.
    #[error("the PDF has no page {0}")]
    NoPage(u32),
    /// The region (cut to the page) is empty, or too large to draw.
    #[error("nothing to draw: the region is empty or over {MAX_SIDE} pixels a side")]
    Size,
    /// The rasteriser failed on the page.
    #[error("the rasteriser failed on page {0}")]
    Crashed(u32),
    /// The rasteriser did not finish in time.
    #[error("drawing page {0} took longer than the rasteriser's time limit; gave up")]
    Timeout(u32),
}

/// The largest side of a raster, in pixels (the width and height the
/// rasteriser's canvas can take, and far more than any terminal shows).
pub const MAX_SIDE: u32 = 8000;

/// The size of page `page` (1-based) in points, as shown.
pub fn page_size(bytes: &[u8], page: u32) -> Result<(f32, f32), RasterError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| RasterError::Load(format!("{e:?}")))?;
    let pages = pdf.pages();
    let p = page
        .checked_sub(1)
        .and_then(|i| pages.get(i as usize))
        .ok_or(RasterError::NoPage(page))?;
    Ok(p.render_dimensions())
}

/// Draw `region` of page `page` (1-based) of the PDF in `bytes` at `scale`
/// pixels per point. The region is cut to the page first. A panic inside
/// the rasteriser (a hostile or unusual file) is caught and reported as
/// [`RasterError::Crashed`]: the workbench then shows the text layout.
/// The panic hook is silenced meanwhile, since the workbench's hook would
/// restore the terminal (leave the alternate screen) for a panic that is
/// caught here.
///
/// It runs on a thread of its own and is given up on after [`TIMEOUT`] (a
/// page with a huge image, a hostile file): the workbench waits no longer,
/// and the thread finishes or not on its own.
pub fn render(bytes: &[u8], page: u32, region: Region, scale: f32) -> Result<Raster, RasterError> {
    let data = bytes.to_vec();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("raster".into())
        .spawn(move || {
            let drawn =
                std::panic::catch_unwind(move || render_unguarded(data, page, region, scale));
            // The receiver is gone when it gave up waiting.
            let _ = tx.send(drawn.unwrap_or(Err(RasterError::Crashed(page))));
        });
    let drawn = match spawned {
        Ok(_) => match rx.recv_timeout(TIMEOUT) {
            Ok(r) => r,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(RasterError::Timeout(page)),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(RasterError::Crashed(page)),
        },
        Err(_) => Err(RasterError::Crashed(page)),
    };
    std::panic::set_hook(hook);
    drawn
}

/// How long a region may take to draw (the sample's pages take 0.4–25 ms).
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

fn render_unguarded(
    data: Vec<u8>,
    page: u32,
    region: Region,
    scale: f32,
) -> Result<Raster, RasterError> {
    let pdf = Pdf::new(data).map_err(|e| RasterError::Load(format!("{e:?}")))?;
    let pages = pdf.pages();
    let p = page
        .checked_sub(1)
        .and_then(|i| pages.get(i as usize))
        .ok_or(RasterError::NoPage(page))?;
    let (pw, ph) = p.render_dimensions();
    let region = region.clamped(pw, ph);
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RasterError::Size);
    }
    let w = (region.width() * scale).round();
    let h = (region.height() * scale).round();
    if w < 1.0 || h < 1.0 || w > MAX_SIDE as f32 || h > MAX_SIDE as f32 {
        return Err(RasterError::Size);
    }
    let (w, h) = (w as u16, h as u16);
    let mut ctx = RenderContext::new(w, h);
    // The page as a viewer shows it (its initial transform: rotation, the
    // crop box, y downwards), scaled, with the region's corner at (0, 0).
    let transform = Affine::scale(f64::from(scale))
        * Affine::translate((-f64::from(region.x0), -f64::from(region.y0)))
        * p.initial_transform(true).to_kurbo();
    let cache = RenderCache::new();
    // No font is supplied for one the page does not embed; that it was
    // asked for is noted.
    let missing = Arc::new(AtomicBool::new(false));
    let asked = Arc::clone(&missing);
    let settings = InterpreterSettings {
        font_resolver: Arc::new(move |_| {
            asked.store(true, Ordering::Relaxed);
            None
        }),
        ..InterpreterSettings::default()
    };
    render_into(
        p,
        &cache,
        &settings,
        &RenderSettings::default(),
        &mut ctx,
        transform,
    );
    ctx.flush();
    let mut pixmap = Pixmap::new(w, h);
    ctx.render_with(
        &mut pixmap,
        &mut Resources::default(),
        RasterizerSettings {
            target_init: TargetInit::Clear(WHITE),
            ..Default::default()
        },
    );
    // Cleared to opaque white, so every pixel is opaque and its
    // premultiplied channels are the plain ones.
    let rgba = pixmap.data_as_u8_slice().to_vec();
    Ok(Raster {
        width: u32::from(w),
        height: u32::from(h),
        rgba,
        page_size: (pw, ph),
        region,
        fonts_missing: missing.load(Ordering::Relaxed),
    })
}
