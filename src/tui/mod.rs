//! The terminal workbench (工作台): schedules, projects and findings in
//! panes, drill-down from a finding to its cells and source lines. It only
//! displays what the library produced (`check::load_and_check`);
//! it does no parsing or checking of its own.

pub mod clipboard;
pub mod draw;
pub mod input;
pub mod matcher;
pub mod panes;
pub mod popups;
pub mod portfolio;
pub mod screen;
pub mod terminal;
pub mod view_model;
pub mod workbench;

use crate::cli::exit;
use crate::sanitize::visible;
use draw::theme::Theme;
use input::action::{Action, Scope};
use input::config::Config;
use input::keymap::{Keymap, KeymapError};
use popups::help;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use view_model::ViewModel;
use workbench::annotations;
use workbench::app::App;

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

/// Print keymap problems (or the read error) the way `keymap --check` does.
fn report_keymap_error(e: &KeymapError) {
    match e {
        KeymapError::Read { .. } => eprintln!("juesuan: {e}"),
        KeymapError::Invalid { problems } => {
            for p in problems {
                eprintln!("{}", visible(&p.to_string()));
            }
            eprintln!(
                "juesuan: {} problem{} in the keymap; nothing was loaded",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
    }
}

/// Parse, check and index a report for the workbench.
pub fn load(path: &Path) -> Result<ViewModel, crate::parse::ParseError> {
    let (report, findings) = crate::check::load_and_check(path).outcome?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(ViewModel::new(report, findings, name))
}

/// Build the workbench for a report (everything but the terminal).
pub fn build(path: &Path, opts: &Options) -> Result<App, i32> {
    let (config, keymap, theme) = settings(opts)?;
    let model = load(path).map_err(|e| {
        eprintln!("juesuan: {}", visible(&e.to_string()));
        exit::BAD_INPUT
    })?;
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
    let opened = annotations::Annotations::open(path, explicit, auditor);
    app.attach_annotations(opened.annotations, opened.message);
    app
}

/// The configuration, keymap and theme every screen starts from; a bad
/// config or keymap file is reported and exits 2.
fn settings(opts: &Options) -> Result<(Config, Keymap, Theme), i32> {
    let config = Config::load().map_err(|e| {
        eprintln!("juesuan: {}", visible(&e.to_string()));
        exit::BAD_INPUT
    })?;
    let keymap = Keymap::load(opts.keymap.as_deref()).map_err(|e| {
        report_keymap_error(&e);
        exit::BAD_INPUT
    })?;
    let theme = Theme::new(opts.ascii || config.ascii, Theme::color_from_env());
    Ok((config, keymap, theme))
}

/// The portfolio of a folder's reports (everything but the terminal); the
/// reports are checked in the background from now on.
pub fn build_portfolio(dir: &Path, opts: &Options) -> Result<portfolio::browser::Browser, i32> {
    let (config, keymap, theme) = settings(opts)?;
    Ok(
        portfolio::browser::Browser::new(portfolio::Portfolio::open(dir), keymap, theme)
            .with_auditor(config.auditor),
    )
}

/// `juesuan [FILE]` opens the workbench, `juesuan DIR` the portfolio;
/// returns the exit code.
pub fn run(path: &Path, opts: &Options) -> i32 {
    if path.is_dir() {
        return match build_portfolio(path, opts) {
            Ok(mut b) => on_terminal(&mut b),
            Err(code) => code,
        };
    }
    match build(path, opts) {
        Ok(mut app) => on_terminal(&mut app),
        Err(code) => code,
    }
}

fn on_terminal(screen: &mut impl screen::Screen) -> i32 {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("juesuan: the workbench needs a terminal; for scripts use `juesuan check FILE`");
        return exit::USAGE;
    }
    match terminal::run(screen) {
        Ok(None) => exit::OK,
        // The shell's convention for a process ended by a signal.
        Ok(Some(signal)) => 128 + signal,
        Err(e) => {
            terminal::restore();
            eprintln!("juesuan: terminal error: {e}");
            exit::OUTPUT
        }
    }
}

/// `juesuan keymap [--check] [PATH]`: validate a keymap file (exit 2 on any
/// problem), or print the active bindings and the actions.
pub fn keymap_command(path: Option<&Path>, check: bool) -> i32 {
    let keymap = match Keymap::load(path) {
        Ok(k) => k,
        Err(e) => {
            report_keymap_error(&e);
            return exit::BAD_INPUT;
        }
    };
    if check {
        let n = keymap.all().count();
        println!("{}: ok ({n} bindings)", keymap.sources.join(" + "));
        return exit::OK;
    }
    for line in help::lines(&keymap) {
        match line {
            help::HelpLine::Heading(h) => println!("{h}"),
            help::HelpLine::Keys(k, a, d) => println!("  {k:<24} {a:<18} {d}"),
            help::HelpLine::Blank => println!(),
        }
    }
    println!("Actions (run = \"…\") and the sections they belong in:");
    for a in Action::ALL {
        let homes: Vec<&str> = Scope::ALL
            .iter()
            .filter(|s| a.applies_in(**s))
            .map(|s| s.name())
            .collect();
        println!("  {:<18} {}  [{}]", a.name(), a.doc(), homes.join(", "));
    }
    exit::OK
}
