//! The command line: `juesuan [FILE]`, `check`, `dump`, `rules`, `explain`,
//! `review`, `export`, `keymap`. Every subcommand's argument handling and
//! printing lives in this folder, one file each; the library below it
//! returns values and typed errors, and [`exit`] turns them into the exit
//! codes that are part of the interface.

pub mod check;
pub mod dump;
pub mod exit;
pub mod export;
pub mod keymap;
pub mod review;
pub mod rules;

use crate::batch::CheckFormat;
use crate::check::FailOn;
use crate::report::Report;
use crate::rules::Finding;
use crate::sanitize::visible;
use crate::tui::{self, StartError};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

pub use export::{ExportArgs, ExportFormat};
pub use review::ReviewArgs;

/// The sample report a fresh clone opens when no file is given.
pub const SAMPLE: &str = "sample-data/chaoyang-hrss-2024.txt";

/// juesuan: audit 部门决算 (department final accounts) reports.
#[derive(Debug, Parser)]
#[command(name = "juesuan", version, about, long_about = None)]
pub struct Cli {
    /// Report to open in the workbench (default: the sample report).
    pub file: Option<PathBuf>,
    /// Key bindings to load over the defaults (default: keymap.toml in the config directory).
    #[arg(long, value_name = "PATH")]
    pub keymap: Option<PathBuf>,
    /// Draw ASCII borders and markers (for CJK-locale terminals; also `ascii = true` in config.toml).
    #[arg(long)]
    pub ascii: bool,
    /// The workbench's annotations file (default: REPORT.audit.json beside the report).
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
    /// Subcommand; none opens the workbench.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports headless and print the findings. Exit code over all
    /// reports, by precedence: 4 output, 2 unreadable, 3 annotations, 1 findings, 0.
    Check(CheckArgs),
    /// Record a verdict, note or sign-off on a finding, or list the annotations.
    Review(ReviewArgs),
    /// Write the working paper: findings, verdicts, notes, history, coverage.
    Export(ExportArgs),
    /// Print the parsed model as JSON (for debugging the parser, and for tools).
    Dump(DumpArgs),
    /// List the rules: id, severity, title.
    Rules,
    /// Print a rule's rationale.
    Explain(ExplainArgs),
    /// Print the active key bindings and the actions, or check a keymap file.
    Keymap(KeymapArgs),
}

/// What `juesuan check` was asked to check.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Report files, or folders to walk for *.txt and *.pdf reports.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Exit 1 when a finding of this severity or worse is found.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Reports checked in parallel (default: one per core).
    #[arg(long, short)]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Also list findings dismissed in the annotations file (they never count toward --fail-on).
    #[arg(long)]
    pub all: bool,
    /// Exit 1 while any error or warning has no verdict in the annotations file.
    #[arg(long)]
    pub fail_on_unreviewed: bool,
    /// Annotations file (default: REPORT.audit.json beside the report; one report only).
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
}

/// What `juesuan dump` was asked to print.
#[derive(Debug, Clone, Args)]
pub struct DumpArgs {
    /// Report file.
    pub file: PathBuf,
    /// Print the source lines instead (for a PDF: the lines the reader
    /// synthesized, each with its page and position).
    #[arg(long)]
    pub lines: bool,
}

/// Which rule `juesuan explain` was asked about.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. SUM-HIERARCHY.
    pub rule: String,
}

/// What `juesuan keymap` was asked to do.
#[derive(Debug, Clone, Args)]
pub struct KeymapArgs {
    /// Check the file (exit 2 on any problem) instead of printing the bindings.
    #[arg(long)]
    pub check: bool,
    /// Keymap file (default: --keymap, else keymap.toml in the config directory).
    pub path: Option<PathBuf>,
}

/// Parse arguments and run; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Review(args)) => review::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Dump(DumpArgs { file, lines })) => dump::run(&file, lines),
        Some(Command::Rules) => rules::list(),
        Some(Command::Explain(ExplainArgs { rule })) => rules::explain(&rule),
        Some(Command::Keymap(KeymapArgs { check, path })) => {
            keymap::run(path.as_deref().or(cli.keymap.as_deref()), check)
        }
        None => {
            let opts = tui::Options {
                keymap: cli.keymap,
                ascii: cli.ascii,
                annotations: cli.annotations,
            };
            workbench(cli.file.as_deref().unwrap_or(Path::new(SAMPLE)), &opts)
        }
    }
}

/// `juesuan [FILE|DIR]`: the workbench or the portfolio, on a terminal.
fn workbench(path: &Path, opts: &tui::Options) -> i32 {
    match tui::run(path, opts) {
        Ok(None) => exit::OK,
        // The shell's convention for a process ended by a signal.
        Ok(Some(signal)) => 128 + signal,
        Err(StartError::Keymap(e)) => {
            keymap::report_error(&e);
            exit::BAD_INPUT
        }
        Err(e @ (StartError::Config(_) | StartError::Report(_))) => {
            eprintln!("juesuan: {}", visible(&e.to_string()));
            exit::BAD_INPUT
        }
        Err(e @ StartError::NoTerminal) => {
            eprintln!("juesuan: {e}");
            exit::USAGE
        }
        Err(e @ StartError::Terminal(_)) => {
            eprintln!("juesuan: {e}");
            exit::OUTPUT
        }
    }
}

/// Parse and check a report for `review` and `export`; an unreadable one is
/// reported and gives the exit code.
fn load(path: &Path) -> Result<(Report, Vec<Finding>), i32> {
    crate::check::load_and_check(path)
        .outcome
        .map_err(|e| exit::bad_report(&e))
}
