//! The command-line faces of the annotation store: `juesuan review`,
//! `juesuan export`, and the verdict baseline `juesuan check` applies. They
//! go through [`Session`], so a script records exactly what the TUI would.

use super::export::{self, Format};
use super::model::Verdict;
use super::session::{ReviewError, SaveOutcome, Session};
use super::sidecar::SidecarError;
use super::Attach;
use crate::cli::exit;
use crate::report::Report;
use crate::rules::Finding;
use crate::sanitize::visible;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What `juesuan review` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ReviewArgs {
    /// The report.
    pub file: PathBuf,
    /// The finding's id (or a unique prefix).
    pub finding: Option<String>,
    /// The verdict to set.
    pub verdict: Option<Verdict>,
    /// The note to set (`-`: read from stdin).
    pub note: Option<String>,
    /// The reason (required for dismissed).
    pub reason: Option<String>,
    /// Sign off the current verdict as reviewer.
    pub sign_off: bool,
    /// The sidecar, when not beside the report.
    pub annotations: Option<PathBuf>,
    /// Print the annotations instead of changing one.
    pub list: bool,
    /// Who to record (default $USER).
    pub who: Option<String>,
}

fn say_sidecar(e: &SidecarError) -> i32 {
    eprintln!("juesuan: {}", visible(&e.to_string()));
    exit::ANNOTATIONS
}

fn parse_and_check(path: &Path) -> Result<(Report, Vec<Finding>), i32> {
    match crate::check::load_and_check(path).outcome {
        Ok(x) => Ok(x),
        Err(e) => {
            eprintln!("juesuan: {}", visible(&e.to_string()));
            Err(exit::BAD_INPUT)
        }
    }
}

/// `juesuan review FILE …`: set a verdict, note or sign-off, or `--list`.
pub fn review(args: &ReviewArgs) -> i32 {
    let (report, findings) = match parse_and_check(&args.file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut s = match Session::open(&args.file, args.annotations.as_deref()) {
        Ok(s) => s,
        Err(e) => return say_sidecar(&e),
    };
    s.set_auditor(args.who.as_deref());
    s.attach(&report, &findings);
    if args.list {
        return list(&s);
    }
    let Some(typed) = &args.finding else {
        eprintln!(
            "juesuan: review needs --finding ID (with --verdict, --note or --sign-off) or --list"
        );
        return exit::USAGE;
    };
    if args.verdict.is_none() && args.note.is_none() && !args.sign_off {
        eprintln!("juesuan: nothing to record: give --verdict, --note or --sign-off");
        return exit::USAGE;
    }
    match apply(&mut s, typed, args) {
        Ok(id) => save(&mut s, &id),
        Err(code) => code,
    }
}

fn apply(s: &mut Session, typed: &str, args: &ReviewArgs) -> Result<String, i32> {
    let usage = |e: ReviewError| {
        eprintln!("juesuan: {}", visible(&e.to_string()));
        exit::USAGE
    };
    let id = s.resolve_id(typed).map_err(usage)?;
    if let Some(v) = args.verdict {
        s.set_verdict(&id, v, args.reason.as_deref())
            .map_err(usage)?;
    }
    if let Some(note) = &args.note {
        let text = if note == "-" {
            let mut buf = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut buf) {
                eprintln!("juesuan: cannot read the note from stdin: {e}");
                return Err(exit::BAD_INPUT);
            }
            buf.trim_end_matches('\n').to_string()
        } else {
            note.clone()
        };
        s.set_note(&id, &text).map_err(usage)?;
    }
    if args.sign_off {
        let outcome = s.sign_off(&id).map_err(usage)?;
        if outcome.same_person {
            eprintln!(
                "juesuan: warning: {} signs off their own verdict on {id} (preparer = reviewer)",
                visible(s.auditor())
            );
        }
    }
    Ok(id)
}

fn save(s: &mut Session, id: &str) -> i32 {
    match s.save() {
        Ok(SaveOutcome::Conflict(cs)) => {
            let what: Vec<String> = cs.iter().map(|c| c.key.to_string()).collect();
            eprintln!(
                "juesuan: {}: another writer changed {} meanwhile; nothing was written, run the command again",
                s.path().display(),
                what.join(", ")
            );
            exit::ANNOTATIONS
        }
        Ok(_) => {
            println!(
                "{id}: {} — saved to {}",
                s.verdict_of(id),
                s.path().display()
            );
            exit::OK
        }
        Err(e) => say_sidecar(&e),
    }
}

fn list(s: &Session) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if write_list(&mut out, s).is_err() {
        return exit::OUTPUT;
    }
    exit::OK
}

fn write_list(out: &mut impl Write, s: &Session) -> std::io::Result<()> {
    let doc = s.document();
    let attachment = s.attachment().cloned().unwrap_or_default();
    writeln!(out, "{}", s.path().display())?;
    if attachment.report_changed {
        writeln!(
            out,
            "  ⚠ the report changed since these annotations were saved (sha256 differs)"
        )?;
    }
    for (id, a) in &doc.annotations {
        let status = attachment.status(id);
        let mark = match status.map(|st| &st.attach) {
            Some(Attach::Orphaned) => " [orphaned: finding no longer appears]".to_string(),
            Some(Attach::Changed(fields)) => {
                format!(" [changed since review: {}]", fields.join(", "))
            }
            Some(Attach::Current) if status.is_some_and(|st| st.report_changed) => {
                " [report edited since review; this finding is unchanged]".to_string()
            }
            _ => String::new(),
        };
        let at =
            a.at.format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
        writeln!(
            out,
            "{id}  {}  ({} {at}){mark}",
            a.verdict,
            visible(a.preparer())
        )?;
        let loc = a
            .seen
            .locations
            .first()
            .map(export::describe)
            .unwrap_or_default();
        writeln!(
            out,
            "    line {} {}: {}",
            a.seen.line(),
            visible(&loc),
            visible(&a.seen.message)
        )?;
        if let Some(r) = &a.reason {
            writeln!(out, "    reason: {}", visible(r))?;
        }
        for (k, line) in a.note.lines().enumerate() {
            let label = if k == 0 { "note:  " } else { "       " };
            writeln!(out, "    {label}{}", visible(line))?;
        }
        if let Some(so) = &a.sign_off {
            let warn = if a.self_reviewed() {
                " ⚠ preparer = reviewer"
            } else {
                ""
            };
            writeln!(out, "    signed off by {}{warn}", visible(&so.by))?;
        }
    }
    for (id, o) in doc.own_findings.iter().filter(|(_, o)| !o.withdrawn) {
        writeln!(
            out,
            "{id}  own {}  ({}): {} — {}",
            o.severity,
            visible(&o.by),
            visible(&o.title),
            visible(&export::describe(&o.location))
        )?;
    }
    let p = s.progress();
    writeln!(
        out,
        "{}/{} findings reviewed, {} errors/warnings open, {} changed, {} orphaned; examined {}% (rows {}/{}, projects {}/{}, schedules {}/{})",
        p.reviewed,
        p.total,
        p.unreviewed_serious,
        p.changed,
        p.orphans,
        p.coverage.percent(),
        p.coverage.rows.examined,
        p.coverage.rows.total,
        p.coverage.projects.examined,
        p.coverage.projects.total,
        p.coverage.schedules.examined,
        p.coverage.schedules.total
    )
}

/// `juesuan export FILE --format F [-o PATH]`.
pub fn export(
    file: &Path,
    format: Format,
    output: Option<&Path>,
    annotations: Option<&Path>,
) -> i32 {
    let (report, findings) = match parse_and_check(file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut s = match Session::open(file, annotations) {
        Ok(s) => s,
        Err(e) => return say_sidecar(&e),
    };
    s.attach(&report, &findings);
    let text = match export::render(&report, &s, format) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("juesuan: {}: {e}", file.display());
            return exit::OUTPUT;
        }
    };
    let written = match output {
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

/// Print a sidecar error as `check` does and return its exit code.
pub fn report_sidecar_error(e: &SidecarError) -> i32 {
    say_sidecar(e)
}
