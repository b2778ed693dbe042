//! The terminal workbench (工作台): schedules, projects and findings in
//! panes, drill-down from a finding to its cells and source lines. It only
//! displays what the library produced (`check::load_and_check`);
//! it does no parsing or checking of its own.

pub mod clipboard;
pub mod draw;
pub mod graphics;
pub mod input;
pub mod matcher;
#[cfg(feature = "page-image")]
pub mod page_image;
pub mod panes;
pub mod popups;
pub mod portfolio;
pub mod screen;
pub mod terminal;
pub mod view_model;
pub mod workbench;

use crate::input::ReadError;
use draw::theme::Theme;
use input::config::{Config, ConfigError};
use input::keymap::{Keymap, KeymapError};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use view_model::ViewModel;
use workbench::annotations;
use workbench::app::App;

/// Why the workbench could not start, or stopped on an error; the command
/// line says so and picks the exit code.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// config.toml could not be used.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The keymap could not be read or has problems.
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    /// The report could not be read.
    #[error(transparent)]
    Report(#[from] ReadError),
    /// stdin or stdout is not a terminal.
    #[error("the workbench needs a terminal; for scripts use `juesuan check FILE`")]
    NoTerminal,
    /// Drawing or reading the terminal failed (the terminal is restored).
    #[error("terminal error: {0}")]
    Terminal(std::io::Error),
}

/// Command-line options of the workbench.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--keymap PATH`: the user keymap instead of the config directory's.
    pub keymap: Option<PathBuf>,
    /// `--ascii`: ASCII borders and markers.
    pub ascii: bool,
    /// `--annotations PATH`: the annotations file, when not beside the report.
    pub annotations: Option<PathBuf>,
}

/// Parse, check and index a report for the workbench.
pub fn load(path: &Path) -> Result<ViewModel, ReadError> {
    let (report, findings) = crate::check::load_and_check(path).outcome?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(ViewModel::new(report, findings, name))
}

/// Build the workbench for a report (everything but the terminal).
pub fn build(path: &Path, opts: &Options) -> Result<App, StartError> {
    let (config, keymap, theme) = settings(opts)?;
    let model = load(path)?;
    Ok(workbench(
        model,
        path,
        opts.annotations.as_deref(),
        config.auditor.as_deref(),
        keymap,
        theme,
    ))
}

/// The workbench on a loaded report with the auditor's annotations beside
/// it (or at `explicit`): what `juesuan FILE` and the portfolio's Enter open.
pub fn workbench(
    model: ViewModel,
    path: &Path,
    explicit: Option<&Path>,
    auditor: Option<&str>,
    keymap: Keymap,
    theme: Theme,
) -> App {
    let mut app = App::new(model, keymap, theme);
    app.page.graphics = graphics::from_env();
    app.page.cell_pixels = graphics::cell_pixels();
    let opened = annotations::Annotations::open(path, explicit, auditor);
    app.attach_annotations(opened.annotations, opened.message);
    app
}

/// The configuration, keymap and theme every screen starts from.
fn settings(opts: &Options) -> Result<(Config, Keymap, Theme), StartError> {
    let config = Config::load()?;
    let keymap = Keymap::load(opts.keymap.as_deref())?;
    let theme = Theme::new(opts.ascii || config.ascii, Theme::color_from_env());
    Ok((config, keymap, theme))
}

/// The portfolio of a folder's reports (everything but the terminal); the
/// reports are checked in the background from now on.
pub fn build_portfolio(
    dir: &Path,
    opts: &Options,
) -> Result<portfolio::browser::Browser, StartError> {
    let (config, keymap, theme) = settings(opts)?;
    Ok(
        portfolio::browser::Browser::new(portfolio::Portfolio::open(dir), keymap, theme)
            .with_auditor(config.auditor),
    )
}

/// `juesuan [FILE]` opens the workbench, `juesuan DIR` the portfolio;
/// `Ok(Some(signal))` when a signal ended it.
pub fn run(path: &Path, opts: &Options) -> Result<Option<i32>, StartError> {
    if path.is_dir() {
        on_terminal(&mut build_portfolio(path, opts)?)
    } else {
        on_terminal(&mut build(path, opts)?)
    }
}

fn on_terminal(screen: &mut impl screen::Screen) -> Result<Option<i32>, StartError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(StartError::NoTerminal);
    }
    terminal::run(screen).map_err(|e| {
        terminal::restore();
        StartError::Terminal(e)
    })
}
