//! The command line: `juesuan [FILE]`, `check`, `dump`, `rules`, `explain`, `review`, `export`.
//! Exit codes are part of the interface (see [`exit`]).

use crate::batch::Format;
use crate::check::{Baseline, FailOn};
use crate::parse;
use crate::report::Report;
use crate::review::{self, Verdict};
use crate::rules;
use crate::sanitize::{json_safe, visible};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit codes.
pub mod exit {
    /// Nothing reached --fail-on.
    pub const OK: i32 = 0;
    /// Findings reached --fail-on.
    pub const FINDINGS: i32 = 1;
    /// An input (report, keymap) could not be read.
    pub const BAD_INPUT: i32 = 2;
    /// The annotations file could not be read or written.
    pub const ANNOTATIONS: i32 = 3;
    /// Output could not be written.
    pub const OUTPUT: i32 = 4;
    /// The command line itself was wrong.
    pub const USAGE: i32 = 64;
}

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

/// Output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown, to read and print.
    Md,
    /// CSV, one row per finding.
    Csv,
    /// JSON, the whole working paper.
    Json,
    /// SARIF 2.1.0, for SARIF viewers.
    Sarif,
}

impl From<ExportFormat> for review::export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Md => review::export::Format::Markdown,
            ExportFormat::Csv => review::export::Format::Csv,
            ExportFormat::Json => review::export::Format::Json,
            ExportFormat::Sarif => review::export::Format::Sarif,
        }
    }
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    s.parse()
        .map_err(|e: review::model::UnknownVerdict| e.to_string())
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports headless and print the findings. Exit code over all
    /// reports, by precedence: 4 output, 2 unreadable, 3 annotations, 1 findings, 0.
    Check {
        /// Report files, or folders to walk for *.txt and *.pdf reports.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 1 when a finding of this severity or worse is found.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Reports checked in parallel (default: one per core).
        #[arg(long, short)]
        jobs: Option<std::num::NonZeroUsize>,
        /// Also list findings dismissed in the annotations file (they never count toward --fail-on).
        #[arg(long)]
        all: bool,
        /// Exit 1 while any error or warning has no verdict in the annotations file.
        #[arg(long)]
        fail_on_unreviewed: bool,
        /// Annotations file (default: REPORT.audit.json beside the report; one report only).
        #[arg(long, value_name = "PATH")]
        annotations: Option<PathBuf>,
    },
    /// Record a verdict, note or sign-off on a finding, or list the annotations.
    Review {
        /// Report file.
        file: PathBuf,
        /// The finding's id (as `check` prints it; a unique prefix will do).
        #[arg(long, value_name = "ID", required_unless_present = "list")]
        finding: Option<String>,
        /// The verdict: open, confirmed, dismissed (needs --reason), follow-up, resolved.
        #[arg(long, value_parser = parse_verdict)]
        verdict: Option<Verdict>,
        /// The note (multi-line text; `-` reads it from stdin).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Why (required with --verdict dismissed).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Sign off the finding's verdict as its reviewer (复核).
        #[arg(long)]
        sign_off: bool,
        /// Print the annotations, their status and the review progress.
        #[arg(long, conflicts_with_all = ["finding", "verdict", "note", "reason", "sign_off"])]
        list: bool,
        /// Annotations file (default: REPORT.audit.json beside the report).
        #[arg(long, value_name = "PATH")]
        annotations: Option<PathBuf>,
        /// Who to record in the history (default: $USER).
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },
    /// Write the working paper: findings, verdicts, notes, history, coverage.
    Export {
        /// Report file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Annotations file (default: REPORT.audit.json beside the report).
        #[arg(long, value_name = "PATH")]
        annotations: Option<PathBuf>,
    },
    /// Print the parsed model as JSON (for debugging the parser, and for tools).
    Dump {
        /// Report file.
        file: PathBuf,
        /// Print the source lines instead (for a PDF: the lines the reader
        /// synthesized, each with its page and position).
        #[arg(long)]
        lines: bool,
    },
    /// List the rules: id, severity, title.
    Rules,
    /// Print a rule's rationale.
    Explain {
        /// Rule id, e.g. SUM-HIERARCHY.
        rule: String,
    },
    /// Print the active key bindings and the actions, or check a keymap file.
    Keymap {
        /// Check the file (exit 2 on any problem) instead of printing the bindings.
        #[arg(long)]
        check: bool,
        /// Keymap file (default: --keymap, else keymap.toml in the config directory).
        path: Option<PathBuf>,
    },
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
        Some(Command::Check {
            files,
            format,
            fail_on,
            jobs,
            all,
            fail_on_unreviewed,
            annotations,
        }) => {
            let baseline = Baseline {
                all,
                fail_on_unreviewed,
                annotations,
            };
            check(&files, format, fail_on, jobs, &baseline)
        }
        Some(Command::Review {
            file,
            finding,
            verdict,
            note,
            reason,
            sign_off,
            list,
            annotations,
            who,
        }) => review::commands::review(&review::commands::ReviewArgs {
            file,
            finding,
            verdict,
            note,
            reason,
            sign_off,
            annotations,
            list,
            who,
        }),
        Some(Command::Export {
            file,
            format,
            output,
            annotations,
        }) => review::commands::export(
            &file,
            format.into(),
            output.as_deref(),
            annotations.as_deref(),
        ),
        Some(Command::Dump { file, lines }) => dump(&file, lines),
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Keymap { check, path }) => {
            crate::tui::keymap_command(path.as_deref().or(cli.keymap.as_deref()), check)
        }
        None => {
            let opts = crate::tui::Options {
                keymap: cli.keymap,
                ascii: cli.ascii,
                annotations: cli.annotations,
            };
            crate::tui::run(cli.file.as_deref().unwrap_or(Path::new(SAMPLE)), &opts)
        }
    }
}

/// `check`: one report or a whole batch, through [`crate::batch`] (exit
/// codes by precedence there).
fn check(
    files: &[PathBuf],
    format: Format,
    fail_on: FailOn,
    jobs: Option<std::num::NonZeroUsize>,
    baseline: &Baseline,
) -> i32 {
    if baseline.annotations.is_some() && (files.len() > 1 || files.iter().any(|f| f.is_dir())) {
        eprintln!(
            "juesuan: --annotations names one report's annotations file; check one report with it"
        );
        return exit::USAGE;
    }
    crate::batch::run(
        files,
        &crate::batch::Options::new(format, fail_on, jobs, baseline.clone()),
    )
}

fn dump(path: &Path, lines: bool) -> i32 {
    match parse::parse_file(path) {
        Ok(r) if lines => dump_lines(&r),
        Ok(r) => match serde_json::to_string_pretty(&r) {
            Ok(s) => {
                println!("{}", json_safe(&s));
                exit::OK
            }
            Err(e) => {
                eprintln!(
                    "juesuan: {}: cannot serialise the model: {e}",
                    visible(&path.display().to_string())
                );
                exit::OUTPUT
            }
        },
        Err(e) => {
            eprintln!("juesuan: {}", visible(&e.to_string()));
            exit::BAD_INPUT
        }
    }
}

/// One source line per output line: number, page position, text.
fn dump_lines(r: &Report) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, text) in r.source.lines.iter().enumerate() {
        let n = i as u32 + 1;
        let pos = r
            .source
            .position(n)
            .map(|p| format!("p{} {:.0},{:.0}", p.page, p.x, p.y))
            .unwrap_or_default();
        // Cells shown with a visible separator: tabs are the table structure.
        let cells: Vec<String> = text.split('\t').map(|c| visible(c).into_owned()).collect();
        if writeln!(out, "{n}\t{pos}\t{}", cells.join(" │ ")).is_err() {
            return exit::OUTPUT;
        }
    }
    exit::OK
}

fn list_rules() -> i32 {
    let rules = rules::catalogue();
    let w = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in rules {
        println!("{:<w$} {:<8} {}", r.id, r.severity, r.title);
    }
    exit::OK
}

fn explain(id: &str) -> i32 {
    match rules::find(id) {
        Some(r) => {
            println!("{} ({})\n{}\n\n{}", r.id, r.severity, r.title, r.rationale);
            exit::OK
        }
        None => {
            eprintln!(
                "juesuan: no rule with id “{}”; `juesuan rules` lists them",
                visible(id)
            );
            exit::USAGE
        }
    }
}
