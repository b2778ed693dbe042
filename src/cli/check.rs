//! `juesuan check FILES…`: one report or a whole batch, through
//! [`crate::batch`] (exit codes by precedence there, mapped in [`super::exit`]).

use super::exit;
use super::CheckArgs;
use crate::batch;
use crate::check::Baseline;

/// Check the reports and print the findings; returns the exit code.
pub fn run(args: CheckArgs) -> i32 {
    let CheckArgs {
        files,
        format,
        fail_on,
        jobs,
        all,
        fail_on_unreviewed,
        annotations,
    } = args;
    if annotations.is_some() && (files.len() > 1 || files.iter().any(|f| f.is_dir())) {
        eprintln!(
            "juesuan: --annotations names one report's annotations file; check one report with it"
        );
        return exit::USAGE;
    }
    let baseline = Baseline {
        all,
        fail_on_unreviewed,
        annotations,
    };
    let status = batch::run(
        &files,
        &batch::Options::new(format, fail_on, jobs, baseline),
    );
    exit::of_batch(status)
}
