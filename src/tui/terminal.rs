//! The real terminal: raw mode and the alternate screen on the way in, and
//! restored on the way out — on quit, on error and on panic (a panic hook).
//! Frames are drawn only when something changed, inside synchronized-output
//! brackets so a slow SSH link never shows half a frame.

use crate::tui::clipboard;
use crate::tui::input::key::Key;
use crate::tui::screen::{Effect, Screen, TICK};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, BeginSynchronizedUpdate, EndSynchronizedUpdate,
    EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
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

/// After a terminating signal, give the loop [`GRACE`] to leave the normal
/// way; then restore what can be and exit from here. When the terminal has
/// gone (an SSH link dropped, tmux killed), reading it can spin inside
/// crossterm and never return to the loop: without this the process stayed
/// behind, busy, deaf to SIGTERM.
fn watch_for_stuck_exit(signal: Arc<AtomicUsize>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(50));
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            std::thread::sleep(GRACE);
            restore();
            std::process::exit(128 + sig as i32);
        }
    });
}

/// How long the loop has to notice a terminating signal itself.
const GRACE: Duration = Duration::from_secs(1);

/// How often the loop wakes up when idle, to notice a terminating signal.
const IDLE: Duration = Duration::from_millis(250);

/// The signals that end the workbench cleanly.
const TERMINATING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &impl Screen) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = terminal
        .draw(|f| {
            let area = f.area();
            app.draw(area, f.buffer_mut());
        })
        .map(|_| ());
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    drawn
}

fn handle(app: &mut impl Screen, ev: Event) {
    match ev {
        Event::Key(k) => {
            if let Some(key) = Key::from_event(k) {
                app.handle_key(key);
            }
        }
        Event::Resize(_, _) => app.mark_dirty(),
        Event::Paste(text) => app.paste(&text),
        _ => {}
    }
}

/// Run the workbench (or the portfolio) until the auditor quits.
///
/// Returns the signal that ended it, if one did: SIGTERM, SIGHUP (the SSH
/// link dropped), SIGINT or SIGQUIT from outside leave the loop the same way
/// `q` does, so the terminal is restored (every annotation was saved when
/// it was made).
pub fn run(app: &mut impl Screen) -> io::Result<Option<i32>> {
    install_panic_hook();
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in TERMINATING {
        // Registering only fails for signals that cannot be caught; these can.
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    watch_for_stuck_exit(Arc::clone(&signal));
    enable_raw_mode()?;
    let _guard = Guard;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    draw(&mut terminal, app)?;
    app.take_dirty();
    let mut last_tick = Instant::now();
    loop {
        // While background work runs, wake up every TICK to show its
        // results; otherwise every IDLE, to notice a signal.
        if event::poll(if app.busy() { TICK } else { IDLE })? {
            handle(app, event::read()?);
        }
        match signal.load(Ordering::Relaxed) {
            0 => {}
            sig => return Ok(Some(sig as i32)),
        }
        if last_tick.elapsed() >= app.tick_every() {
            app.tick();
            last_tick = Instant::now();
        }
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
            return Ok(None);
        }
        if app.take_dirty() {
            draw(&mut terminal, app)?;
        }
    }
}
