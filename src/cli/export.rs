//! `juesuan export FILE --format F [-o PATH]`: write the working paper
//! (底稿) rendered by [`crate::review::export`].

use super::exit;
use crate::review::{self, Session};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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

impl From<ExportFormat> for review::export::PaperFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Md => review::export::PaperFormat::Markdown,
            ExportFormat::Csv => review::export::PaperFormat::Csv,
            ExportFormat::Json => review::export::PaperFormat::Json,
            ExportFormat::Sarif => review::export::PaperFormat::Sarif,
        }
    }
}

/// What `juesuan export` was asked to write.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Report file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: ExportFormat,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Annotations file (default: REPORT.audit.json beside the report).
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
}

/// Render the working paper to stdout or `--output`; returns the exit code.
pub fn run(args: &ExportArgs) -> i32 {
    let file = args.file.as_path();
    let (report, findings) = match super::load(file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut s = match Session::open(file, args.annotations.as_deref()) {
        Ok(s) => s,
        Err(e) => return exit::sidecar(&e),
    };
    s.attach(&report, &findings);
    let text = match review::export::render(&report, &s, args.format.into()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("juesuan: {}: {e}", file.display());
            return exit::OUTPUT;
        }
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, text.as_bytes())
            .map_err(|e| format!("{}: cannot write the export: {e}", p.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to stdout: {e}")),
    };
    match written {
        Ok(()) => exit::OK,
        Err(m) => {
            eprintln!("juesuan: {m}");
            exit::OUTPUT
        }
    }
}
