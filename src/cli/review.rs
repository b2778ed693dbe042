//! `juesuan review FILE …`: record a verdict, note or sign-off on a finding,
//! or `--list` the annotations. It goes through [`Session`], so a script
//! records exactly what the TUI would.

use super::exit;
use crate::review::export;
use crate::review::model::UnknownVerdict;
use crate::review::{Attach, ReviewError, SaveOutcome, Session, Verdict};
use crate::sanitize::visible;
use clap::Args;
use std::io::{Read, Write};
use std::path::PathBuf;

/// What `juesuan review` was asked to do.
#[derive(Debug, Clone, Default, Args)]
pub struct ReviewArgs {
    /// Report file.
    pub file: PathBuf,
    /// The finding's id (as `check` prints it; a unique prefix will do).
    #[arg(long, value_name = "ID", required_unless_present = "list")]
    pub finding: Option<String>,
    /// The verdict: open, confirmed, dismissed (needs --reason), follow-up, resolved.
    #[arg(long, value_parser = parse_verdict)]
    pub verdict: Option<Verdict>,
    /// The note (multi-line text; `-` reads it from stdin).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Why (required with --verdict dismissed).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Sign off the finding's verdict as its reviewer (复核).
    #[arg(long)]
    pub sign_off: bool,
    /// Print the annotations, their status and the review progress.
    #[arg(long, conflicts_with_all = ["finding", "verdict", "note", "reason", "sign_off"])]
    pub list: bool,
    /// Annotations file (default: REPORT.audit.json beside the report).
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
    /// Who to record in the history (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    s.parse().map_err(|e: UnknownVerdict| e.to_string())
}

/// `juesuan review FILE …`: set a verdict, note or sign-off, or `--list`.
pub fn run(args: &ReviewArgs) -> i32 {
    let (report, findings) = match super::load(&args.file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut s = match Session::open(&args.file, args.annotations.as_deref()) {
        Ok(s) => s,
        Err(e) => return exit::sidecar(&e),
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
        Err(e) => exit::sidecar(&e),
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
