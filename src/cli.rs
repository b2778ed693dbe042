//! The command line: `juesuan [FILE]`, `check`, `dump`, `rules`, `explain`.
//! Exit codes are part of the interface (see [`exit`]).

use crate::parse::{self, ParseError};
use crate::report::Report;
use crate::rules::{self, Finding, Severity};
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
    /// Subcommand; none opens the workbench.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per finding, for people.
    Text,
    /// One JSON object per report, one per line.
    Json,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Never fail on findings.
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports headless and print the findings.
    Check {
        /// Report files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 1 when a finding of this severity or worse is found.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
    },
    /// Print the parsed model as JSON (for debugging the parser, and for tools).
    Dump {
        /// Report file.
        file: PathBuf,
    },
    /// List the rules: id, severity, title.
    Rules,
    /// Print a rule's rationale.
    Explain {
        /// Rule id, e.g. SUM-HIERARCHY.
        rule: String,
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
        }) => check(&files, format, fail_on),
        Some(Command::Dump { file }) => dump(&file),
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        None => open_workbench(cli.file.as_deref().unwrap_or(Path::new(SAMPLE))),
    }
}

fn open_workbench(path: &Path) -> i32 {
    // The workbench is not built yet: show the check instead of nothing.
    eprintln!("juesuan: the terminal workbench is not built yet; showing `juesuan check` output");
    check(&[path.to_path_buf()], Format::Text, FailOn::Never)
}

/// The result of checking one file.
pub struct Checked {
    /// The path as given.
    pub path: String,
    /// The report and its findings, or why it could not be read.
    pub outcome: Result<(Report, Vec<Finding>), ParseError>,
}

/// Parse and check one file.
pub fn check_file(path: &Path) -> Checked {
    let outcome = parse::parse_file(path).map(|r| {
        let f = rules::check(&r);
        (r, f)
    });
    Checked {
        path: path.display().to_string(),
        outcome,
    }
}

fn fails(findings: &[Finding], fail_on: FailOn) -> bool {
    let min = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Never => return false,
    };
    findings.iter().any(|f| f.severity >= min)
}

/// The JSON object `check --format json` prints for one report.
pub fn json_object(c: &Checked) -> serde_json::Value {
    match &c.outcome {
        Ok((r, f)) => serde_json::json!({
            "file": c.path,
            "report": { "title": r.title, "department": r.department, "year": r.year },
            "findings": f,
        }),
        Err(e) => serde_json::json!({
            "file": c.path,
            "report": null,
            "error": e.to_string(),
            "findings": [],
        }),
    }
}

/// Counts by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

fn check(files: &[PathBuf], format: Format, fail_on: FailOn) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut code = exit::OK;
    for path in files {
        let c = check_file(path);
        let written = match format {
            Format::Json => writeln!(out, "{}", json_safe(&json_object(&c).to_string())),
            Format::Text => write_text(&mut out, &c),
        };
        if written.is_err() {
            return exit::OUTPUT;
        }
        match &c.outcome {
            Err(e) => {
                eprintln!("juesuan: {}", visible(&e.to_string()));
                code = exit::BAD_INPUT;
            }
            Ok((_, f)) if fails(f, fail_on) && code == exit::OK => code = exit::FINDINGS,
            Ok(_) => {}
        }
    }
    code
}

fn write_text(out: &mut impl Write, c: &Checked) -> std::io::Result<()> {
    let Ok((r, findings)) = &c.outcome else {
        return Ok(());
    };
    for f in findings {
        writeln!(
            out,
            "{}:{}: {} {}: {}",
            visible(&c.path),
            f.line(),
            f.severity,
            f.rule,
            visible(&f.message)
        )?;
    }
    let (e, w, i) = counts(findings);
    writeln!(
        out,
        "{}: {} {} — {} errors, {} warnings, {} infos",
        visible(&c.path),
        visible(&r.department),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        e,
        w,
        i
    )
}

fn dump(path: &Path) -> i32 {
    match parse::parse_file(path) {
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

fn list_rules() -> i32 {
    for r in rules::catalogue() {
        println!("{:<24} {:<8} {}", r.id, r.severity, r.title);
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
