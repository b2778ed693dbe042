//! The crop of the page image around a finding's lines, encoded for the
//! terminal's image protocol (kitty, iTerm2, sixel — as detected by
//! [`crate::tui::graphics`]) and drawn at the top of the page view.
//!
//! The region comes from the positions the model keeps for each source
//! line (a line's top left on its page): the finding's lines on the page,
//! a margin above and below, across the width of the table. The page is
//! rasterised by [`crate::pdf::raster`] and encoded by `ratatui-image`,
//! which writes each protocol's escape sequence into the first cell of
//! the image's area and marks the other cells as skipped, so ratatui's
//! diff neither draws over the image nor resends it each frame. For kitty
//! it places the image with Unicode placeholders, so text drawn later over
//! the same cells simply replaces it (hand-written kitty escapes would have
//! to delete old placements themselves). The picker is built from a cell
//! size in pixels and a protocol we choose ([`picker`]); its own terminal
//! query (`Picker::from_query_stdio`) is not used, since it reads the
//! terminal's answers from stdin, which crossterm owns.
//!
//! Nothing here runs without a detected protocol: over plain SSH, in tmux,
//! or in a test terminal the page view is the text layout alone.

use crate::pdf::raster::{self, Raster, Region};
use crate::report::PagePos;
use crate::tui::graphics::ImageProtocol;
use image::{DynamicImage, RgbaImage};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::{FilterType, Image, Resize};

/// Points above the first and below the last marked line: about one table
/// row of the samples (17–32 pt), so the total and its neighbours show.
pub const MARGIN: f32 = 24.0;

/// Points a line is taken to be tall below its top (table rows of the
/// samples are 17–32 pt; a wrapped label takes two lines).
pub const LINE: f32 = 20.0;

/// The pixel size of a terminal cell when the terminal does not say.
pub const DEFAULT_CELL: (u16, u16) = (10, 20);

/// The region of a `page_size` page to show around lines at `marked`
/// (their top-left positions): from a margin above the first to a line and
/// a margin below the last; across, from a margin left of the leftmost
/// line to as far right of the page's centre (tables are centred), at
/// least 200 pt past the rightmost start. Cut to the page. `None` when
/// there are no lines.
pub fn region_around(marked: &[PagePos], page_size: (f32, f32)) -> Option<Region> {
    let (pw, ph) = page_size;
    let first = marked.first()?;
    let (mut x0, mut x1, mut y0, mut y1) = (first.x, first.x, first.y, first.y);
    for p in marked {
        x0 = x0.min(p.x);
        x1 = x1.max(p.x);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    let left = (x0 - MARGIN).max(0.0);
    let right = (pw - left).max(x1 + 200.0);
    Some(
        Region {
            x0: left,
            y0: y0 - MARGIN,
            x1: right,
            y1: y1 + LINE + MARGIN,
        }
        .clamped(pw, ph),
    )
}

/// The scale (pixels per point) at which `region` fills `area` of cells
/// `cell` pixels in size, as far as its aspect allows; at most 4 (about
/// 290 dpi).
pub fn fit_scale(region: Region, area: Rect, cell: (u16, u16)) -> f32 {
    let w = f32::from(area.width) * f32::from(cell.0);
    let h = f32::from(area.height) * f32::from(cell.1);
    if region.width() <= 0.0 || region.height() <= 0.0 {
        return 0.0;
    }
    (w / region.width()).min(h / region.height()).min(4.0)
}

/// A picker for `protocol` with cells of `cell` pixels.
pub fn picker(protocol: ImageProtocol, cell: (u16, u16)) -> Picker {
    let mut p = Picker::from_fontsize(cell);
    p.set_protocol_type(match protocol {
        ImageProtocol::Kitty => ProtocolType::Kitty,
        ImageProtocol::Iterm2 => ProtocolType::Iterm2,
        ImageProtocol::Sixel => ProtocolType::Sixel,
    });
    p
}

/// A raster as the image crate's image.
fn to_image(r: &Raster) -> Option<DynamicImage> {
    RgbaImage::from_raw(r.width, r.height, r.rgba.clone()).map(DynamicImage::ImageRgba8)
}

/// A crop encoded for the terminal, ready to draw.
pub struct Encoded {
    protocol: Protocol,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoded")
            .field("area", &self.protocol.area())
            .finish()
    }
}

impl Encoded {
    /// The cells it takes (its size; drawn at the top left of the area given).
    pub fn size(&self) -> (u16, u16) {
        let a = self.protocol.area();
        (a.width, a.height)
    }

    /// Draw into `area` of `buf`: the escape sequence in the first cell of
    /// each row (kitty) or of the area (sixel, iTerm2), the rest skipped.
    pub fn draw(&self, area: Rect, buf: &mut Buffer) {
        Image::new(&self.protocol).render(area, buf);
    }
}

/// Encode `raster` for `protocol` to fit `area` of cells `cell` pixels in
/// size. `None` when it cannot be encoded.
pub fn encode(
    raster: &Raster,
    protocol: ImageProtocol,
    cell: (u16, u16),
    area: Rect,
) -> Option<Encoded> {
    let img = to_image(raster)?;
    let protocol = picker(protocol, cell)
        .new_protocol(img, area, Resize::Fit(Some(FilterType::Triangle)))
        .ok()?;
    Some(Encoded { protocol })
}

/// Read the PDF at `path`, check it is the file the model was read from
/// (`sha256`), and draw `region` of `page` to fit `area`. `None` on any
/// failure, and when the page's fonts are not embedded (its text would be
/// missing from the image): the page view then shows its text layout alone.
pub fn crop(
    path: &str,
    sha256: &str,
    page: u32,
    marked: &[PagePos],
    area: Rect,
    cell: (u16, u16),
) -> Option<Raster> {
    let bytes = std::fs::read(path).ok()?;
    if crate::text::hex_sha256(&bytes) != sha256 {
        return None;
    }
    let size = raster::page_size(&bytes, page).ok()?;
    let region = region_around(marked, size)?;
    let scale = fit_scale(region, area, cell);
    raster::render(&bytes, page, region, scale)
        .ok()
        .filter(|r| !r.fonts_missing)
}
