//! The annotation store (审核记录): verdicts, notes, own findings and coverage
//! ticks an auditor records on a report, kept in a sidecar file beside it
//! (`REPORT.audit.json`), and the working paper exported from them.
//!
//! - [`model`]: what is recorded ([`Verdict`], [`Annotation`], [`OwnFinding`],
//!   [`Tick`], the append-only [`Event`] history) in one [`Document`].
//! - [`sidecar`]: the file: atomic save, lock, corrupt-file errors, `.bak`.
//! - [`merge`]: three-way merge with another writer's changes.
//! - [`attach`]: re-attach annotations to a fresh check by fingerprint;
//!   changed-since-review and orphans.
//! - [`coverage`]: how much of the report was ticked examined.
//! - [`session`]: the API the TUI and `juesuan review` (`cli::review`) call.
//! - [`export`]: the working paper as Markdown, CSV, JSON or SARIF.
//!
//! # The API for the workbench
//!
//! ```no_run
//! use juesuan::review::{Session, SaveOutcome, Side, Verdict, TickTarget};
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let report = juesuan::input::read_file("sample-data/chaoyang-hrss-2024.txt".as_ref())?;
//! let findings = juesuan::rules::check(&report);
//! // None: REPORT.audit.json beside the report; Some(path): --annotations.
//! let mut s = Session::open("sample-data/chaoyang-hrss-2024.txt".as_ref(), None)?;
//! s.set_auditor(Some("李审计"));             // from the config; None: $USER
//! let attachment = s.attach(&report, &findings); // changed / orphaned annotations
//! let id = findings[0].id.clone();
//! s.set_verdict(&id, Verdict::Confirmed, None)?;  // dismissed needs Some(reason)
//! s.set_note(&id, "与财政局核对：\n差额为录入错误")?;
//! match s.save()? {                               // after every change
//!     SaveOutcome::Saved | SaveOutcome::UpToDate => {}
//!     SaveOutcome::Merged { .. } => { /* a colleague's changes came in */ }
//!     SaveOutcome::Conflict(cs) => {
//!         for c in cs { s.resolve(&c.key, Side::Ours)?; } // after asking
//!         s.save()?;
//!     }
//! }
//! let p = s.progress();                           // reviewed / total, coverage
//! println!("{}/{} reviewed, {}% examined", p.reviewed, p.total, p.coverage.percent());
//! # Ok(()) }
//! ```
//!
//! - `Session::open` fails on a corrupt or newer-schema file
//!   ([`SidecarError::is_unreadable_content`]) and leaves it untouched; offer
//!   [`Session::open_read_only`] or [`Session::start_fresh`] (moves it to `.bak`).
//! - `save` errors (full disk, read-only folder, lock busy) keep memory as it
//!   is: show the error in the status line, call `save` again later.
//! - [`Session::changed_on_disk`] is cheap to poll; [`Session::refresh`]
//!   takes in a colleague's changes without writing (conflicts as for `save`).
//! - [`Session::findings`] lists rule findings then own findings;
//!   [`Session::verdict_of`], [`Session::annotation`] and
//!   [`Session::attachment`] give the markers; [`Session::sign_off`] reports
//!   when the reviewer is the preparer; [`Session::tick`] marks coverage.
//! - [`export::render`] writes the working paper for any [`export::PaperFormat`].

pub mod attach;
pub mod coverage;
pub mod export;
pub mod merge;
pub mod model;
pub mod session;
pub mod sidecar;

pub use attach::{Attach, Attachment, Status};
pub use coverage::{Count, Coverage};
pub use merge::{Conflict, Entry, EntryKey};
pub use model::{
    Annotation, Change, Document, Event, OwnFinding, Seen, SignOff, Tick, TickTarget, Verdict,
    SCHEMA,
};
pub use session::{Progress, ReviewError, SaveOutcome, Session, Side, SignOffOutcome};
pub use sidecar::{baseline, SidecarError};
