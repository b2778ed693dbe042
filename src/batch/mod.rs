//! Batch checking (批量检查): `juesuan check DIR_OR_FILES...` over a whole
//! city's reports. Folders are walked for report files, the reports are
//! checked in parallel, and the results are printed in input order as soon as
//! each one's turn comes, so memory stays flat in the number of reports.
//!
//! Each report's annotations file (`REPORT.audit.json`, read through
//! [`crate::review`]) is applied as a baseline: findings show their verdicts,
//! dismissed ones are hidden (unless `--all`) and never count.
//!
//! The batch ends with a [`Status`], by precedence: stdout could not be
//! written (the batch stops), else an input could not be read as a report
//! (the batch goes on), else a report's annotations file could not be read
//! (its findings still print, without verdicts), else a report has a counted
//! finding at or above `--fail-on` (or, with `--fail-on-unreviewed`, an
//! error or warning without a verdict), else clean. The command line maps
//! it to exit codes 4, 2, 3, 1, 0.

mod json_line;
mod ordered;
pub mod render;
mod summary;
mod walk;

pub use ordered::for_each_ordered;
pub use render::CheckFormat;
pub use summary::{write_table, SummaryRow};
pub use walk::{collect, is_report_file, Input};

use crate::check::{self, Baseline, Checked, FailOn};
use crate::input::ReadError;
use crate::review::{self, Document};
use crate::sanitize::visible;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Text for people, JSON lines for scripts.
    pub format: CheckFormat,
    /// The lowest severity that makes the batch fail (exit 1).
    pub fail_on: FailOn,
    /// Worker threads.
    pub jobs: usize,
    /// Show a progress bar on stderr (the CLI does when stderr is a terminal).
    pub progress: bool,
    /// How each report's annotations apply.
    pub baseline: Baseline,
}

impl Options {
    /// Options for the command line: a progress bar only when stderr is a terminal.
    pub fn new(
        format: CheckFormat,
        fail_on: FailOn,
        jobs: Option<std::num::NonZeroUsize>,
        baseline: Baseline,
    ) -> Self {
        Options {
            format,
            fail_on,
            jobs: jobs.map_or_else(default_jobs, usize::from),
            progress: std::io::stderr().is_terminal(),
            baseline,
        }
    }
}

/// The default `--jobs`: one worker per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}

/// How a batch (or one report in it) ended, from best to worst: a batch
/// ends with the worst status of its reports (`max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing reached `--fail-on`.
    Clean,
    /// A counted finding reached `--fail-on`, or one is unreviewed.
    Findings,
    /// An annotations file could not be read.
    Annotations,
    /// An input could not be read as a report.
    Unreadable,
    /// stdout could not be written.
    Output,
}

/// What one report leaves behind once checked: its rendered output and its
/// summary row. The parsed report itself is dropped in the worker.
#[derive(Debug)]
pub struct Outcome {
    /// The text or JSON line(s) for stdout.
    pub rendered: String,
    /// Why the input could not be read, for stderr.
    pub error: Option<String>,
    /// Why the report's annotations file could not be read, for stderr.
    pub annotations_error: Option<String>,
    /// Whether a finding reaches `--fail-on`.
    pub fails: bool,
    /// The summary table row.
    pub row: SummaryRow,
}

/// Check every report under `args` and print the results on stdout.
pub fn run(args: &[PathBuf], opts: &Options) -> Status {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    run_to(args, opts, &mut out)
}

/// [`run`], writing what goes to stdout to `out` (flushed after each report,
/// so results stream); messages about unreadable inputs still go to stderr.
pub fn run_to(args: &[PathBuf], opts: &Options, out: &mut impl Write) -> Status {
    let inputs = collect(args);
    let table =
        opts.format == CheckFormat::Text && (inputs.len() > 1 || args.iter().any(|a| a.is_dir()));
    let progress = if opts.progress {
        progress_bar(inputs.len())
    } else {
        ProgressBar::hidden()
    };
    let mut rows = Vec::new();
    let mut status = Status::Clean;
    for_each_ordered(
        inputs,
        opts.jobs,
        |input| check_input(input, opts),
        |outcome| {
            let written = progress.suspend(|| {
                for e in [&outcome.annotations_error, &outcome.error]
                    .into_iter()
                    .flatten()
                {
                    eprintln!("juesuan: {}", visible(e));
                }
                out.write_all(outcome.rendered.as_bytes())
                    .and_then(|()| out.flush())
            });
            progress.inc(1);
            if written.is_err() {
                status = Status::Output;
                return false;
            }
            status = status.max(outcome.status());
            if table {
                rows.push(outcome.row);
            }
            true
        },
    );
    progress.finish_and_clear();
    if status == Status::Output {
        return status;
    }
    if table && write_table(out, &rows).and_then(|()| out.flush()).is_err() {
        return Status::Output;
    }
    status
}

impl Outcome {
    /// This report's status: unreadable, annotations, failing, else clean.
    pub fn status(&self) -> Status {
        if self.error.is_some() {
            Status::Unreadable
        } else if self.annotations_error.is_some() {
            Status::Annotations
        } else if self.fails {
            Status::Findings
        } else {
            Status::Clean
        }
    }
}

fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} reports  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Parse, check and render one input. A panic in the parser or a rule is
/// caught and reported as this input's error, so it cannot stop the batch.
pub fn check_input(input: Input, opts: &Options) -> Outcome {
    let path = input.display();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let checked = match input {
            Input::File(p) => check::load_and_check(&p),
            Input::Unreadable { path, error } => Checked {
                path: path.clone(),
                outcome: Err(ReadError::Io {
                    path,
                    source: error,
                }),
            },
        };
        render(&checked, opts)
    }));
    result.unwrap_or_else(|_| {
        let checked = Checked {
            path: path.clone(),
            outcome: Err(ReadError::Io {
                path,
                source: std::io::Error::other("internal error while checking (a bug in juesuan)"),
            }),
        };
        render(&checked, opts)
    })
}

/// The report's annotations, or why they could not be read.
fn annotations(c: &Checked, baseline: &Baseline) -> (Option<Document>, Option<String>) {
    if c.outcome.is_err() {
        return (None, None);
    }
    match review::baseline(
        std::path::Path::new(&c.path),
        baseline.annotations.as_deref(),
    ) {
        Ok(doc) => (doc, None),
        // The findings still print, without verdicts; the exit code says so.
        Err(e) => (None, Some(e.to_string())),
    }
}

fn render(c: &Checked, opts: &Options) -> Outcome {
    let (doc, annotations_error) = annotations(c, &opts.baseline);
    let all = opts.baseline.all;
    let rendered = match opts.format {
        CheckFormat::Json => {
            // Straight from the findings; the value tree should the stream fail.
            let json = json_line::to_string(c, doc.as_ref(), all)
                .unwrap_or_else(|_| render::json_with_verdicts(c, doc.as_ref(), all).to_string());
            // Most lines need no escaping and are kept as serialised.
            let escaped = match crate::sanitize::json_safe(&json) {
                std::borrow::Cow::Owned(s) => Some(s),
                std::borrow::Cow::Borrowed(_) => None,
            };
            let mut line = escaped.unwrap_or(json);
            line.push('\n');
            line
        }
        CheckFormat::Text => {
            let mut buf = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = render::write_text(&mut buf, c, doc.as_ref(), all);
            String::from_utf8_lossy(&buf).into_owned()
        }
    };
    let (error, fails) = match &c.outcome {
        Ok((_, findings)) => {
            let failing = check::fails(&check::counted(findings, doc.as_ref()), opts.fail_on)
                || (opts.baseline.fail_on_unreviewed && check::unreviewed(findings, doc.as_ref()));
            (None, failing)
        }
        Err(e) => (Some(e.to_string()), false),
    };
    Outcome {
        rendered,
        error,
        annotations_error,
        fails,
        row: SummaryRow::of(c, doc.as_ref()),
    }
}
