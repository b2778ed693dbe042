//! The real terminal: raw mode and the alternate screen on the way in, and
//! restored on the way out — on quit, on error and on panic (a panic hook).
//! Frames are drawn only when something changed, inside synchronized-output
//! brackets so a slow SSH link never shows half a frame.

use super::app::{App, Effect};
use super::clipboard;
use super::key::Key;
use super::ui;
use crossterm::event::{self, Event};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, BeginSynchronizedUpdate, EndSynchronizedUpdate,
    EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::time::Duration;

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
}

/// Restores the terminal when dropped (normal exit and `?` errors).
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restore the terminal before the default panic message is printed, so it
/// is readable and the shell is usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = terminal
        .draw(|f| {
            let area = f.area();
            ui::draw(app, area, f.buffer_mut());
        })
        .map(|_| ());
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    drawn
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) => {
            if let Some(key) = Key::from_event(k) {
                app.handle_key(key);
            }
        }
        Event::Resize(_, _) => app.mark_dirty(),
        _ => {}
    }
}

/// Run the workbench until the auditor quits.
pub fn run(app: &mut App) -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    let _guard = Guard;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    draw(&mut terminal, app)?;
    app.take_dirty();
    loop {
        handle(app, event::read()?);
        // Take every key already queued before drawing: held keys and pastes
        // over a slow link cost one frame, not one per key.
        while event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Copy(text) => {
                    let out = terminal.backend_mut();
                    out.write_all(clipboard::osc52(&text).as_bytes())?;
                    out.flush()?;
                }
                Effect::Clear => {
                    terminal.clear()?;
                    app.mark_dirty();
                }
            }
        }
        if app.should_quit() {
            return Ok(());
        }
        if app.take_dirty() {
            draw(&mut terminal, app)?;
        }
    }
}
