//! `juesuan dump FILE [--lines]`: the parsed model as JSON, or the source
//! lines (for a PDF, the lines the reader synthesized), for debugging the
//! parser and for tools.

use super::exit;
use crate::input;
use crate::report::Report;
use crate::sanitize::{json_safe, visible};
use std::io::Write;
use std::path::Path;

/// Print the model, or with `lines` the source lines; returns the exit code.
pub fn run(path: &Path, lines: bool) -> i32 {
    match input::read_file(path) {
        Ok(r) if lines => dump_lines(&r),
        Ok(r) => match serde_json::to_string_pretty(&r) {
            Ok(s) => exit::emit(&format!("{}\n", json_safe(&s))),
            Err(e) => {
                eprintln!(
                    "juesuan: {}: cannot serialise the model: {e}",
                    visible(&path.display().to_string())
                );
                exit::OUTPUT
            }
        },
        Err(e) => exit::bad_report(&e),
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
