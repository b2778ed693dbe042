//! What a screen is to the terminal loop ([`crate::tui::terminal::run`]):
//! the workbench on one report and the portfolio both take keys, draw
//! themselves, and hand the loop what it should do besides drawing through
//! an [`Outbox`]. The loop knows only this trait, not the screens.

use crate::tui::input::key::Key;
use std::time::Duration;

/// How often [`Screen::tick`] is called while a screen is busy, unless it says otherwise.
pub const TICK: Duration = Duration::from_millis(100);

/// Something for the terminal to do besides drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Clear and redraw the whole screen.
    Clear,
}

/// What a screen has for the loop: effects, whether to redraw, whether to
/// quit. Taking the effects or the redraw forgets them.
#[derive(Debug)]
pub struct Outbox {
    effects: Vec<Effect>,
    quit: bool,
    dirty: bool,
}

impl Default for Outbox {
    /// Nothing to do but the first frame.
    fn default() -> Self {
        Outbox {
            effects: Vec::new(),
            quit: false,
            dirty: true,
        }
    }
}

impl Outbox {
    /// Ask the terminal for an effect.
    pub fn push(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Effects for the terminal (and forget them).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Ask to exit.
    pub fn quit(&mut self) {
        self.quit = true;
    }

    /// Whether to exit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Ask for a redraw.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Whether something changed since the last draw (and forget it).
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }
}

/// What the terminal loop runs: the workbench on one report, or the
/// portfolio of a folder ([`crate::tui::portfolio::browser::Browser`]).
pub trait Screen {
    /// Handle one key press.
    fn handle_key(&mut self, key: Key);
    /// Ask for a redraw (a resize).
    fn mark_dirty(&mut self);
    /// Whether something changed since the last draw (and forget it).
    fn take_dirty(&mut self) -> bool;
    /// Effects for the terminal (and forget them).
    fn take_effects(&mut self) -> Vec<Effect>;
    /// Whether to exit.
    fn should_quit(&self) -> bool;
    /// Draw the whole screen.
    fn draw(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer);
    /// Whether background work may still change the screen (then the loop
    /// wakes up to [`Screen::tick`] even without keys).
    fn busy(&self) -> bool {
        false
    }
    /// Take what background work has ready.
    fn tick(&mut self) {}
    /// How often [`Screen::tick`] is worth calling while busy.
    fn tick_every(&self) -> Duration {
        TICK
    }
    /// A bracketed paste.
    fn paste(&mut self, _text: &str) {}
}
