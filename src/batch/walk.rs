//! Command-line arguments → the report files to check, in a deterministic
//! order: arguments as given, each folder walked depth-first with entries
//! sorted by name.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One thing to check: a file, or a place the walk could not read (kept so
/// that it is reported and counted in its turn instead of being lost).
#[derive(Debug)]
pub enum Input {
    /// A file given on the command line or found in a folder.
    File(PathBuf),
    /// A folder entry that could not be read, or a folder with no reports.
    Unreadable {
        /// The path as the walk saw it.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
}

impl Input {
    /// The path, for messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Unreadable { path, .. } => path.clone(),
        }
    }
}

/// Whether a file found in a folder is a report candidate (`.txt` or `.pdf`,
/// any case). Files named on the command line are checked whatever their name.
pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf"))
}

/// Expand the arguments: a folder becomes its report files (hidden entries
/// such as `.git` skipped, symlinks followed, loops reported), anything else
/// is checked as a file (a missing one is then reported as unreadable).
pub fn collect(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            walk_folder(arg, &mut out);
        } else {
            out.push(Input::File(arg.clone()));
        }
    }
    out
}

fn walk_folder(dir: &Path, out: &mut Vec<Input>) {
    let before = out.len();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() && is_report_file(e.path()) => {
                out.push(Input::File(e.into_path()));
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).display().to_string();
                // walkdir's own message repeats the path; keep just the cause.
                let error = match err.io_error() {
                    Some(e) => std::io::Error::new(e.kind(), e.to_string()),
                    None => std::io::Error::other(err.to_string()),
                };
                out.push(Input::Unreadable { path, error });
            }
        }
    }
    if out.len() == before {
        // An empty folder is almost always a wrong path in a script: say so
        // and fail, rather than exit 0 having checked nothing.
        out.push(Input::Unreadable {
            path: dir.display().to_string(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "folder holds no report files (*.txt, *.pdf)",
            ),
        });
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/.hidden")).unwrap();
        for f in [
            "b/z.txt",
            "b/a.PDF",
            "a.txt",
            "notes.md",
            "b/.hidden/x.txt",
            "c.txt",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::create_dir(d.join("empty")).unwrap();
        let got: Vec<String> = collect(&[d.to_path_buf(), d.join("notes.md"), d.join("empty")])
            .iter()
            .map(|i| {
                let s = i.display();
                s.strip_prefix(&d.display().to_string())
                    .unwrap_or(&s)
                    .to_string()
            })
            .collect();
        assert_eq!(
            got,
            [
                "/a.txt",
                "/b/a.PDF",
                "/b/z.txt",
                "/c.txt",
                "/notes.md",
                "/empty"
            ]
        );
    }
}
