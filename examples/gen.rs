//! Write a corpus of synthetic reports for benchmarks and manual testing:
//!
//! ```text
//! cargo run --release --example gen -- --out /tmp/city --count 1000 --seed 1
//! juesuan check --format json --jobs 2 /tmp/city
//! ```
//!
//! Each file is a variant of the sample report (see `juesuan::corpus`); the
//! folder also gets `expected.jsonl`, one line per file with its department,
//! year, encoding and the errors injected into it.

use clap::Parser;
use std::path::PathBuf;

/// Generate N variants of a real report.
#[derive(Debug, Parser)]
struct Args {
    /// Folder to write into (created if need be).
    #[arg(long)]
    out: PathBuf,
    /// How many reports.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// Seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The base report.
    #[arg(long, default_value = juesuan::cli::SAMPLE)]
    base: PathBuf,
}

fn main() {
    let args = Args::parse();
    let base = match std::fs::read(&args.base) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("gen: cannot read {}: {e}", args.base.display());
            std::process::exit(2);
        }
    };
    let base = String::from_utf8_lossy(&base);
    match juesuan::corpus::write_corpus(&args.out, &base, args.count, args.seed) {
        Ok(files) => {
            let injected: usize = files.iter().map(|f| f.injected.len()).sum();
            eprintln!(
                "gen: wrote {} reports ({injected} injected errors) and {} to {}",
                files.len(),
                juesuan::corpus::MANIFEST,
                args.out.display()
            );
        }
        Err(e) => {
            eprintln!("gen: {e}");
            std::process::exit(2);
        }
    }
}
