//! Exit codes (退出码): part of the command line's interface, so they are all
//! here, with the mappings from the library's typed outcomes to them.

use crate::batch;
use crate::input::ReadError;
use crate::review::SidecarError;
use crate::sanitize::visible;

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

/// Write `text` to standard output: [`OK`], or [`OUTPUT`] when it cannot be
/// written. A reader that stops early (`juesuan rules | head`) closes the
/// pipe: that is not worth a message, and `println!` would panic on it.
pub fn emit(text: &str) -> i32 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OUTPUT,
        Err(e) => {
            eprintln!("juesuan: cannot write the output: {e}");
            OUTPUT
        }
    }
}

/// The exit code of a batch `check`.
pub fn of_batch(status: batch::Status) -> i32 {
    match status {
        batch::Status::Clean => OK,
        batch::Status::Findings => FINDINGS,
        batch::Status::Annotations => ANNOTATIONS,
        batch::Status::Unreadable => BAD_INPUT,
        batch::Status::Output => OUTPUT,
    }
}

/// Print why a report could not be read; its exit code.
pub fn bad_report(e: &ReadError) -> i32 {
    eprintln!("juesuan: {}", visible(&e.to_string()));
    BAD_INPUT
}

/// Print why the annotations file could not be read or written; its exit code.
pub fn sidecar(e: &SidecarError) -> i32 {
    eprintln!("juesuan: {}", visible(&e.to_string()));
    ANNOTATIONS
}
