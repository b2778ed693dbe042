//! The crop of the page image in the page view (issue 16), tested by the
//! capability, not by eye: with no image protocol (plain SSH, tmux, a test
//! terminal) nothing but text is drawn and the screen is the text layout;
//! with kitty, sixel or iTerm2 the view's first cells carry the escape
//! sequence of that protocol, as the protocol requires it to start.
#![cfg(feature = "page-image")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::tui::draw::theme::Theme;
use juesuan::tui::graphics::ImageProtocol;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::state::View;
use std::path::Path;
use tui_common::{buffer, press, render, screen};

const PDF: &str = "sample-data/shanghai-putuo-finance-2024.pdf";

/// TEXT-SHARE on the Putuo PDF ("占71.73%"), then its page.
const TEXT_SHARE_PAGE: &str = "<C-p> text:TEXT-SHARE <Enter> p";

fn page_app(graphics: Option<ImageProtocol>) -> App {
    let model = load(Path::new(PDF)).expect("the PDF reads");
    let mut app = App::new(
        model,
        Keymap::defaults().expect("defaults load"),
        Theme::new(false, false),
    );
    app.page.graphics = graphics;
    press(&mut app, TEXT_SHARE_PAGE);
    assert!(matches!(app.view, View::Page(_)), "{:?}", app.view);
    app
}

/// Every cell's symbol, as the backend would write it.
fn symbols(app: &App, w: u16, h: u16) -> Vec<String> {
    buffer(app, w, h)
        .content()
        .iter()
        .map(|c| c.symbol().to_string())
        .collect()
}

/// The screen as text, the image's cells (its escape sequences and the
/// cells it skips) blank.
fn text_around_image(app: &App, w: u16, h: u16) -> String {
    let mut buf = buffer(app, w, h);
    for c in buf.content.iter_mut() {
        if c.skip || c.symbol().contains('\x1b') {
            c.set_symbol(" ");
            c.set_skip(false);
        }
    }
    screen(&buf)
}

/// The escape sequences drawn (cells whose symbol holds an ESC), with a
/// tmux passthrough wrapper taken off (ratatui-image adds one when the
/// tests themselves run inside tmux; the workbench never asks for an image
/// there).
fn escapes(app: &App, w: u16, h: u16) -> Vec<String> {
    symbols(app, w, h)
        .into_iter()
        .filter(|s| s.contains('\x1b'))
        .map(|s| match s.strip_prefix("\x1bPtmux;\x1b") {
            Some(rest) => format!("\x1b{}", rest.replace("\x1b\x1b", "\x1b")),
            None => s,
        })
        .collect()
}

#[test]
fn without_an_image_protocol_nothing_but_text_is_buffer() {
    for (w, h) in [(80, 24), (200, 60)] {
        let app = page_app(None);
        assert!(escapes(&app, w, h).is_empty());
        let s = render(&app, w, h);
        assert!(s.contains("仅文字 text only"), "{s}");
        assert!(!s.contains("页面图像"), "{s}");
    }
}

#[test]
fn kitty_transmits_the_crop_and_places_it_with_unicode_placeholders() {
    let app = page_app(Some(ImageProtocol::Kitty));
    let seqs = escapes(&app, 200, 60);
    let first = seqs.first().expect("an escape sequence is drawn");
    // APC G: the kitty graphics command, quiet, transmitting RGBA data
    // directly and creating a virtual placement for the placeholders.
    assert!(
        first.starts_with("\x1b_G"),
        "{:?}",
        &first[..40.min(first.len())]
    );
    assert!(first.contains("a=T,U=1,f=32,t=d,"), "{:?}", &first[..80]);
    assert!(first.contains("\x1b\\"));
    // Each following row places its part with U+10EEEE placeholders.
    assert!(seqs.len() > 1);
    assert!(seqs.iter().all(|s| s.contains('\u{10EEEE}')));
    let s = text_around_image(&app, 200, 60);
    assert!(s.contains("页面图像 page image (kitty)"), "{s}");
    // The layout is still there, below the image.
    assert!(s.contains("71.73"), "{s}");
}

#[test]
fn sixel_sends_one_dcs_sequence() {
    let app = page_app(Some(ImageProtocol::Sixel));
    let seqs = escapes(&app, 200, 60);
    assert_eq!(seqs.len(), 1, "one sequence in the first cell");
    let s = &seqs[0];
    // DCS P1;P2;P3 q … ST.
    assert!(s.starts_with("\x1bP"), "{:?}", &s[..20.min(s.len())]);
    let q = s.find('q').expect("the sixel introducer");
    assert!(s[2..q].chars().all(|c| c.is_ascii_digit() || c == ';'));
    assert!(
        s.ends_with("\x1b\\"),
        "{:?}",
        &s[s.len().saturating_sub(20)..]
    );
}

#[test]
fn iterm2_sends_an_inline_png() {
    let app = page_app(Some(ImageProtocol::Iterm2));
    let seqs = escapes(&app, 200, 60);
    assert_eq!(seqs.len(), 1);
    let s = &seqs[0];
    let at = s.find("\x1b]1337;File=inline=1;").expect("OSC 1337 File");
    // Base64 of a PNG's signature (\x89PNG…) follows the arguments.
    assert!(s[at..].contains(":iVBORw0KGgo"), "{:?}", &s[at..at + 80]);
    assert!(s.ends_with('\x07'));
}

#[test]
fn a_page_too_small_for_an_image_or_without_the_finding_is_text_only() {
    // At 80×24 the page pane is too short for a crop beside the layout.
    let app = page_app(Some(ImageProtocol::Kitty));
    let small = escapes(&app, 60, 12);
    assert!(small.is_empty());
    // Another page has none of the finding's lines: no crop there.
    let mut app = page_app(Some(ImageProtocol::Kitty));
    press(&mut app, ">");
    assert!(escapes(&app, 200, 60).is_empty());
    assert!(render(&app, 200, 60).contains("仅文字 text only"));
}
