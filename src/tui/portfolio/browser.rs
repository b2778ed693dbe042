//! `juesuan DIR`: the portfolio of a folder's reports, and the workbench on
//! the one opened from it. Enter opens the selected report; the `portfolio`
//! action (Esc) in the workbench comes back to the list where it was.

use crate::sanitize::visible;
use crate::tui::draw::put_line;
use crate::tui::draw::theme::Theme;
use crate::tui::draw::width;
use crate::tui::input::action::{Action, Scope};
use crate::tui::input::key::{short, Key};
use crate::tui::input::keymap::{Keymap, Resolved};
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::portfolio::{Portfolio, PortfolioOutcome};
use crate::tui::screen::{Effect, Outbox, Screen};
use crate::tui::workbench::app::App;
use crate::tui::workbench::ui;
use crate::tui::{load, workbench};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The portfolio and, when one is open, the workbench on a report.
pub struct Browser {
    /// The folder's reports.
    pub portfolio: Portfolio,
    /// The report opened from it, if any.
    pub workbench: Option<App>,
    /// The file the workbench has open, checked again on the way back.
    opened: Option<std::path::PathBuf>,
    /// Who signs verdicts (`auditor` in config.toml), as in the workbench.
    auditor: Option<String>,
    keymap: Keymap,
    theme: Theme,
    pending: Vec<Key>,
    flash: Option<String>,
    /// The filter being typed (the `search` action), when open: the list
    /// follows it as it is typed.
    search: Option<Prompt>,
    /// When the sidecars were last looked at.
    last_watch: std::time::Instant,
    out: Outbox,
}

/// How often the portfolio looks at its reports' sidecars for verdicts
/// given in another session.
pub const WATCH_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

impl Browser {
    /// A browser on a portfolio (already started or not).
    pub fn new(portfolio: Portfolio, keymap: Keymap, theme: Theme) -> Self {
        Browser {
            portfolio,
            workbench: None,
            opened: None,
            auditor: None,
            keymap,
            theme,
            pending: Vec::new(),
            flash: None,
            search: None,
            last_watch: std::time::Instant::now(),
            out: Outbox::default(),
        }
    }

    /// Sign verdicts given in reports opened from here with this name.
    pub fn with_auditor(mut self, auditor: Option<String>) -> Self {
        self.auditor = auditor;
        self
    }

    /// Handle one key: the workbench's when a report is open, else the
    /// portfolio's `[portfolio]` section.
    pub fn handle_key(&mut self, key: Key) {
        if let Some(app) = &mut self.workbench {
            app.handle_key(key);
            for effect in app.take_effects() {
                self.out.push(effect);
            }
            if app.should_quit() {
                self.out.quit();
            }
            if app.take_back() {
                // Counted from the report already in memory and the sidecar
                // the verdicts were just saved to: no second parse.
                if let (Some(app), Some(path)) = (self.workbench.take(), self.opened.take()) {
                    self.portfolio.refresh(&path, &app.model.report);
                }
                self.out.mark_dirty();
            } else if app.take_dirty() {
                self.out.mark_dirty();
            }
            return;
        }
        self.flash = None;
        if self.search.is_some() {
            self.search_key(key);
            self.out.mark_dirty();
            return;
        }
        self.pending.push(key);
        match self.keymap.resolve(&[Scope::Portfolio], &self.pending) {
            Resolved::Action(a) => {
                self.pending.clear();
                match self.portfolio.handle(a) {
                    PortfolioOutcome::Open(path) => self.open(&path),
                    PortfolioOutcome::Search => {
                        self.search =
                            Some(Prompt::new(PromptKind::Search, self.portfolio.filter()));
                    }
                    PortfolioOutcome::Quit => self.out.quit(),
                    PortfolioOutcome::Changed | PortfolioOutcome::Ignored => {}
                }
                if a == Action::Redraw {
                    self.out.push(Effect::Clear);
                }
            }
            Resolved::Pending => {}
            Resolved::Unbound => self.pending.clear(),
        }
        self.out.mark_dirty();
    }

    /// A key while the filter is typed: the `[input]` section's actions
    /// (Enter keeps the filter, Esc clears it, the editing keys edit), any
    /// other printable key is typed. The list is filtered as it changes.
    fn search_key(&mut self, key: Key) {
        let Some(prompt) = self.search.as_mut() else {
            return;
        };
        self.pending.push(key);
        match self.keymap.resolve(&[Scope::Input], &self.pending) {
            Resolved::Action(a) => {
                self.pending.clear();
                match a {
                    Action::Submit => self.search = None,
                    Action::Close => {
                        self.search = None;
                        self.portfolio.set_filter("");
                    }
                    a => {
                        if prompt.edit(a) {
                            self.portfolio.set_filter(&prompt.text);
                        }
                    }
                }
            }
            Resolved::Pending => {}
            Resolved::Unbound => {
                let chord = self.pending.len() > 1;
                self.pending.clear();
                if let Some(c) = key.printable().filter(|_| !chord) {
                    prompt.text.push(c);
                    self.portfolio.set_filter(&prompt.text);
                }
            }
        }
    }

    /// Open a report in the workbench, with its annotations beside it as
    /// `juesuan FILE` would. The background check kept only the counts, so
    /// the report is parsed again here.
    fn open(&mut self, path: &std::path::Path) {
        match load(path) {
            Ok(model) => {
                let mut app = workbench(
                    model,
                    path,
                    None,
                    self.auditor.as_deref(),
                    self.keymap.clone(),
                    self.theme,
                );
                app.has_portfolio = true;
                self.workbench = Some(app);
                self.opened = Some(path.to_path_buf());
            }
            Err(e) => self.flash = Some(visible(&e.to_string()).into_owned()),
        }
    }

    /// A bracketed paste goes to the open workbench (the list takes none).
    pub fn paste(&mut self, text: &str) {
        if let Some(prompt) = self.search.as_mut().filter(|_| self.workbench.is_none()) {
            prompt.paste(text);
            self.portfolio.set_filter(&prompt.text);
            self.out.mark_dirty();
            return;
        }
        if let Some(app) = &mut self.workbench {
            app.paste(text);
            if app.take_dirty() {
                self.out.mark_dirty();
            }
        }
    }

    /// Take the results the background check has ready; true when any came.
    /// The open workbench gets its own tick (annotation save retries).
    pub fn tick(&mut self) -> bool {
        if let Some(app) = &mut self.workbench {
            app.tick();
            if app.take_dirty() {
                self.out.mark_dirty();
            }
        }
        let mut changed = self.portfolio.poll();
        // Another session's verdicts: its sidecars looked at every 2 s (a
        // stat each), while the list is on screen.
        if self.workbench.is_none() && self.last_watch.elapsed() >= WATCH_EVERY {
            self.last_watch = std::time::Instant::now();
            changed |= self.portfolio.watch_sidecars();
        }
        // Counts arriving under an open workbench are not on screen.
        if changed && self.workbench.is_none() {
            self.out.mark_dirty();
        }
        changed
    }

    /// Draw the workbench, or the portfolio with its hint line.
    pub fn draw(&self, area: Rect, buf: &mut Buffer) {
        if let Some(app) = &self.workbench {
            ui::draw(app, area, buf);
            return;
        }
        let list = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        self.portfolio.draw(&self.theme, list, buf);
        let hint = Rect {
            y: area.y + list.height,
            height: area.height.min(1),
            ..area
        };
        let text = match (&self.flash, &self.search) {
            (_, Some(p)) => format!(
                "筛选 filter: {}▏  ({} of {} · Enter keep · Esc clear)",
                visible(&p.text),
                self.portfolio.shown(),
                self.portfolio.entries.len()
            ),
            (Some(m), None) => m.clone(),
            (None, None) => match self.portfolio.selected() {
                // The file the department's row stands for, in full.
                Some(e) => format!("{}  · {}", self.hints(), e.name),
                None => self.hints(),
            },
        };
        let t = width::truncate(&text, area.width as usize, self.theme.sym.ellipsis);
        put_line(buf, hint, 0, &Line::styled(t, self.theme.dim()));
    }

    /// The portfolio's keys from the keymap: `Enter open  o sort …`.
    fn hints(&self) -> String {
        use crate::tui::input::action::Action::*;
        [Open, Search, SortNext, SortReverse, Quit]
            .iter()
            .filter_map(|a| self.keymap.binding_for(&[Scope::Portfolio], *a))
            .map(|b| format!("{} {}", short(&b.keys), b.action.name()))
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// Whether juesuan should exit.
    pub fn should_quit(&self) -> bool {
        self.out.should_quit()
    }

    /// Whether something changed since the last draw (and forget it).
    pub fn take_dirty(&mut self) -> bool {
        self.out.take_dirty()
    }

    /// Ask for a redraw.
    pub fn mark_dirty(&mut self) {
        self.out.mark_dirty();
        if let Some(app) = &mut self.workbench {
            app.mark_dirty();
        }
    }

    /// Effects for the terminal (and forget them).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        self.out.take_effects()
    }
}

impl Screen for Browser {
    fn handle_key(&mut self, key: Key) {
        Browser::handle_key(self, key);
    }
    fn mark_dirty(&mut self) {
        Browser::mark_dirty(self);
    }
    fn take_dirty(&mut self) -> bool {
        Browser::take_dirty(self)
    }
    fn take_effects(&mut self) -> Vec<Effect> {
        Browser::take_effects(self)
    }
    fn should_quit(&self) -> bool {
        Browser::should_quit(self)
    }
    fn draw(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        Browser::draw(self, area, buf);
    }
    fn busy(&self) -> bool {
        self.portfolio.busy()
    }
    fn tick(&mut self) {
        Browser::tick(self);
    }
    fn paste(&mut self, text: &str) {
        Browser::paste(self, text);
    }
}
