//! A review session (审核会话): one report's sidecar, held in memory, changed
//! through small calls and saved after each change. The TUI and
//! `juesuan review` both go through this, so they record the same history
//! and take the same lock.

use super::attach::{attach, Attachment};
use super::coverage::{coverage, Coverage, Shape};
use super::merge::{merge, Conflict, Entry, EntryKey, KeepOurs};
use super::model::{
    auditor_name, now, written_by, Annotation, Change, Document, Event, OwnFinding, ReportIdentity,
    Seen, SignOff, Tick, TickTarget, Verdict, SCHEMA,
};
use super::sidecar::{self, SidecarError, Stamp, LOCK_TIMEOUT};
use crate::report::Report;
use crate::rules::{Finding, Location, Severity};
use std::path::{Path, PathBuf};

/// A change the model refuses (the sidecar is not touched).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// No current finding, own finding or annotation has this id.
    #[error("no finding with id {0:?} in this report (`juesuan review FILE --list` and `juesuan check` show the ids)")]
    UnknownFinding(String),
    /// Dismissing needs a reason.
    #[error("dismissing {0} needs a reason (--reason TEXT)")]
    ReasonRequired(String),
    /// Only a verdict other than open can be signed off.
    #[error("{0} has no verdict to sign off")]
    NothingToSignOff(String),
    /// An own finding needs a title.
    #[error("an own finding needs a title")]
    EmptyTitle,
    /// A typed id prefix matches several findings.
    #[error("{0:?} matches {1} findings; type more of the id")]
    AmbiguousId(String, usize),
    /// `resolve` was called for a unit that is not in conflict.
    #[error("{0} is not in conflict")]
    NotInConflict(String),
}

/// What `save` did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// Written; nobody else had changed the file.
    Saved,
    /// Another writer had changed other units: their changes were merged into
    /// memory and, when we had changes of our own, the merge was written.
    Merged {
        /// The units taken from disk.
        from_disk: Vec<EntryKey>,
        /// Whether the file was written (false: only the disk had changes).
        written: bool,
    },
    /// Nothing to write and nothing new on disk.
    UpToDate,
    /// Both sides changed the same units: nothing was written. Decide each
    /// with [`Session::resolve`], then save again.
    Conflict(Vec<Conflict>),
}

/// Which side wins a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This session's value.
    Ours,
    /// The value on disk.
    Theirs,
}

/// Whether the preparer signed off their own verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignOffOutcome {
    /// The reviewer is the preparer: a warning to show, not a refusal.
    pub same_person: bool,
}

/// Review progress, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Findings (rule and own) with a verdict other than open.
    pub reviewed: usize,
    /// Findings (rule and own).
    pub total: usize,
    /// Errors and warnings still open.
    pub unreviewed_serious: usize,
    /// Annotated findings whose values changed since review.
    pub changed: usize,
    /// Annotations whose finding is gone.
    pub orphans: usize,
    /// How much of the report was ticked examined.
    pub coverage: Coverage,
}

/// The report a session is attached to.
#[derive(Debug, Clone)]
struct Bound {
    identity: ReportIdentity,
    findings: Vec<Finding>,
    shape: Shape,
    attachment: Attachment,
}

/// One report's annotations, open for reading and changing.
#[derive(Debug, Clone)]
pub struct Session {
    report_path: PathBuf,
    path: PathBuf,
    base: Document,
    base_stamp: Option<Stamp>,
    doc: Document,
    auditor: String,
    read_only: Option<String>,
    bound: Option<Bound>,
    keep_ours: KeepOurs,
    conflicts: Vec<Conflict>,
    seq: u64,
}

impl Session {
    /// Open the sidecar of `report_path` (or `annotations` when given). A
    /// missing file is an empty session; an unreadable one is an error and
    /// the file is not touched.
    pub fn open(report_path: &Path, annotations: Option<&Path>) -> Result<Self, SidecarError> {
        let path = annotations
            .map(Path::to_path_buf)
            .unwrap_or_else(|| sidecar::default_path(report_path));
        let (doc, stamp) = match sidecar::read(&path)? {
            Some(l) => (l.doc, Some(l.stamp)),
            None => (Document::default(), None),
        };
        Ok(Session {
            report_path: report_path.to_path_buf(),
            path,
            base: doc.clone(),
            base_stamp: stamp,
            doc,
            auditor: auditor_name(None),
            read_only: None,
            bound: None,
            keep_ours: KeepOurs::new(),
            conflicts: Vec::new(),
            seq: 0,
        })
    }

    /// Like [`open`](Self::open), but a corrupt or newer-schema file gives an
    /// empty, read-only session (the reason says why) instead of an error, so
    /// the report can still be read. Other errors are returned.
    pub fn open_read_only(
        report_path: &Path,
        annotations: Option<&Path>,
    ) -> Result<Self, SidecarError> {
        match Self::open(report_path, annotations) {
            Ok(mut s) => {
                s.read_only = Some("opened read-only".to_string());
                Ok(s)
            }
            Err(e) if e.is_unreadable_content() => {
                let path = e.path().to_path_buf();
                Ok(Session {
                    report_path: report_path.to_path_buf(),
                    path,
                    base: Document::default(),
                    base_stamp: None,
                    doc: Document::default(),
                    auditor: auditor_name(None),
                    read_only: Some(e.to_string()),
                    bound: None,
                    keep_ours: KeepOurs::new(),
                    conflicts: Vec::new(),
                    seq: 0,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Move an unreadable sidecar to `.bak` and open a fresh, empty one.
    /// Returns the session and where the old file went.
    pub fn start_fresh(
        report_path: &Path,
        annotations: Option<&Path>,
    ) -> Result<(Self, PathBuf), SidecarError> {
        let path = annotations
            .map(Path::to_path_buf)
            .unwrap_or_else(|| sidecar::default_path(report_path));
        let backup = sidecar::move_aside(&path)?;
        Ok((Self::open(report_path, Some(&path))?, backup))
    }

    /// The sidecar's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The report's path.
    pub fn report_path(&self) -> &Path {
        &self.report_path
    }

    /// Who history entries name.
    pub fn auditor(&self) -> &str {
        &self.auditor
    }

    /// Set the auditor from the configuration (blank: $USER).
    pub fn set_auditor(&mut self, configured: Option<&str>) {
        self.auditor = auditor_name(configured);
    }

    /// Why the session is read-only, when it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The document in memory (with unsaved changes).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Attach to a report and its check's findings: fingerprints are matched,
    /// changed and orphaned annotations found. Call again after a re-check.
    pub fn attach(&mut self, report: &Report, findings: &[Finding]) -> &Attachment {
        let identity = ReportIdentity {
            file: Path::new(&report.source.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| report.source.path.clone()),
            sha256: report.source.sha256.clone(),
        };
        let attachment = attach(&self.doc, &identity.sha256, findings);
        let bound = self.bound.insert(Bound {
            identity,
            findings: findings.to_vec(),
            shape: Shape::of(report),
            attachment,
        });
        &bound.attachment
    }

    /// The current attachment (None before [`attach`](Self::attach)).
    pub fn attachment(&self) -> Option<&Attachment> {
        self.bound.as_ref().map(|b| &b.attachment)
    }

    /// The rule findings attached to, then the own findings: what a findings
    /// list shows.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = self
            .bound
            .as_ref()
            .map(|b| b.findings.clone())
            .unwrap_or_default();
        out.extend(self.doc.own_as_findings());
        out
    }

    /// The annotation on a finding.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.doc.annotations.get(id)
    }

    /// The verdict on a finding (open when not annotated).
    pub fn verdict_of(&self, id: &str) -> Verdict {
        self.doc.verdict_of(id)
    }

    /// Resolve a full id or a unique prefix of one (as typed on a command
    /// line) to the id of a current finding or an annotation.
    pub fn resolve_id(&self, typed: &str) -> Result<String, ReviewError> {
        let mut ids: Vec<String> = self.findings().into_iter().map(|f| f.id).collect();
        ids.extend(self.doc.annotations.keys().cloned());
        ids.sort();
        ids.dedup();
        if ids.iter().any(|i| i == typed) {
            return Ok(typed.to_string());
        }
        let hits: Vec<&String> = ids
            .iter()
            .filter(|i| i.to_lowercase().starts_with(&typed.to_lowercase()))
            .collect();
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ReviewError::UnknownFinding(typed.to_string())),
            many => Err(ReviewError::AmbiguousId(typed.to_string(), many.len())),
        }
    }

    fn seen_for(&self, id: &str) -> Result<Seen, ReviewError> {
        let sha = self
            .bound
            .as_ref()
            .map(|b| b.identity.sha256.clone())
            .unwrap_or_default();
        if let Some(f) = self
            .bound
            .as_ref()
            .and_then(|b| b.findings.iter().find(|f| f.id == id))
        {
            return Ok(Seen::of(f, &sha));
        }
        if let Some(o) = self.doc.own_findings.get(id).filter(|o| !o.withdrawn) {
            return Ok(Seen::of(&o.to_finding(id), &sha));
        }
        // An orphan keeps what was seen when it was last judged.
        self.doc
            .annotations
            .get(id)
            .map(|a| a.seen.clone())
            .ok_or_else(|| ReviewError::UnknownFinding(id.to_string()))
    }

    fn event(&self, change: Change) -> Event {
        Event {
            at: now(),
            by: self.auditor.clone(),
            change,
        }
    }

    /// Set the verdict on a finding. Dismissed needs a non-blank reason.
    /// Records what the finding says now (clearing "changed since review")
    /// and clears a sign-off of a different verdict.
    pub fn set_verdict(
        &mut self,
        id: &str,
        verdict: Verdict,
        reason: Option<&str>,
    ) -> Result<(), ReviewError> {
        let reason = reason
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        if verdict == Verdict::Dismissed && reason.is_none() {
            return Err(ReviewError::ReasonRequired(id.to_string()));
        }
        let seen = self.seen_for(id)?;
        let event = self.event(Change::Verdict {
            verdict,
            reason: reason.clone(),
        });
        let a = self
            .doc
            .annotations
            .entry(id.to_string())
            .or_insert_with(|| Annotation::new(seen.clone(), &event.by, event.at));
        if a.verdict != verdict {
            a.sign_off = None;
        }
        a.verdict = verdict;
        a.reason = reason;
        a.seen = seen;
        a.by = event.by.clone();
        a.at = event.at;
        a.history.push(event);
        self.reattach();
        Ok(())
    }

    /// Replace the note on a finding (CRLF from pasted text becomes LF).
    /// An unchanged note records nothing.
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<(), ReviewError> {
        let note = note.replace("\r\n", "\n");
        if self.doc.annotations.get(id).is_some_and(|a| a.note == note) {
            return Ok(());
        }
        let seen = self.seen_for(id)?;
        let event = self.event(Change::Note { note: note.clone() });
        let a = self
            .doc
            .annotations
            .entry(id.to_string())
            .or_insert_with(|| Annotation::new(seen, &event.by, event.at));
        a.note = note;
        a.by = event.by.clone();
        a.at = event.at;
        a.history.push(event);
        self.reattach();
        Ok(())
    }

    /// Sign off the verdict on a finding as its reviewer (复核). Signing off
    /// one's own verdict is recorded with a warning.
    pub fn sign_off(&mut self, id: &str) -> Result<SignOffOutcome, ReviewError> {
        let auditor = self.auditor.clone();
        let Some(a) = self
            .doc
            .annotations
            .get(id)
            .filter(|a| a.verdict.is_reviewed())
        else {
            return Err(ReviewError::NothingToSignOff(id.to_string()));
        };
        let same_person = a.preparer() == auditor;
        let event = self.event(Change::SignOff {
            verdict: a.verdict,
            same_person,
        });
        if let Some(a) = self.doc.annotations.get_mut(id) {
            a.sign_off = Some(SignOff {
                by: event.by.clone(),
                at: event.at,
            });
            a.by = event.by.clone();
            a.at = event.at;
            a.history.push(event);
        }
        Ok(SignOffOutcome { same_person })
    }

    /// Raise an own finding; returns its id (`OWN:` + 12 hex digits).
    pub fn add_own_finding(
        &mut self,
        title: &str,
        severity: Severity,
        note: &str,
        location: Location,
    ) -> Result<String, ReviewError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(ReviewError::EmptyTitle);
        }
        let note = note.replace("\r\n", "\n");
        let event = self.event(Change::Raised {
            title: title.to_string(),
            severity,
            note: note.clone(),
        });
        let id = self.own_id(title, &location);
        self.doc.own_findings.insert(
            id.clone(),
            OwnFinding {
                title: title.to_string(),
                severity,
                note,
                location,
                by: event.by.clone(),
                at: event.at,
                withdrawn: false,
                history: vec![event],
            },
        );
        self.reattach();
        Ok(id)
    }

    /// Change an own finding's title, severity and note.
    pub fn edit_own_finding(
        &mut self,
        id: &str,
        title: &str,
        severity: Severity,
        note: &str,
    ) -> Result<(), ReviewError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(ReviewError::EmptyTitle);
        }
        let note = note.replace("\r\n", "\n");
        let event = self.event(Change::Raised {
            title: title.to_string(),
            severity,
            note: note.clone(),
        });
        let o = self
            .doc
            .own_findings
            .get_mut(id)
            .ok_or_else(|| ReviewError::UnknownFinding(id.to_string()))?;
        o.title = title.to_string();
        o.severity = severity;
        o.note = note;
        o.by = event.by.clone();
        o.at = event.at;
        o.history.push(event);
        self.reattach();
        Ok(())
    }

    /// Withdraw an own finding: it stays in the file and its history, unlisted.
    pub fn withdraw_own_finding(&mut self, id: &str) -> Result<(), ReviewError> {
        let event = self.event(Change::Withdrawn);
        let o = self
            .doc
            .own_findings
            .get_mut(id)
            .ok_or_else(|| ReviewError::UnknownFinding(id.to_string()))?;
        o.withdrawn = true;
        o.by = event.by.clone();
        o.at = event.at;
        o.history.push(event);
        self.reattach();
        Ok(())
    }

    fn own_id(&mut self, title: &str, location: &Location) -> String {
        // Unique across writers without coordination: who, when (to the
        // nanosecond), a per-session counter, the process and the content.
        self.seq += 1;
        let seed = format!(
            "{}\0{}\0{}\0{}\0{}\0{}",
            self.auditor,
            time::OffsetDateTime::now_utc().unix_timestamp_nanos(),
            self.seq,
            std::process::id(),
            title,
            location.semantic_key()
        );
        let hex = sidecar::sha256_hex(seed.as_bytes());
        format!("OWN:{}", &hex[..12])
    }

    /// Mark a schedule, row or project examined (or not). Setting the state
    /// it already has records nothing.
    pub fn tick(&mut self, target: TickTarget, examined: bool) {
        let key = target.key();
        if self
            .doc
            .ticks
            .get(&key)
            .map(|t| t.examined)
            .unwrap_or(false)
            == examined
        {
            return;
        }
        let event = self.event(Change::Ticked { examined });
        let t = self.doc.ticks.entry(key).or_insert_with(|| Tick {
            target,
            examined,
            by: event.by.clone(),
            at: event.at,
            history: Vec::new(),
        });
        t.examined = examined;
        t.by = event.by.clone();
        t.at = event.at;
        t.history.push(event);
    }

    /// Whether this exact target is ticked (a row under a ticked schedule
    /// counts as examined in [`progress`](Self::progress) but is not ticked itself).
    pub fn is_ticked(&self, target: &TickTarget) -> bool {
        self.doc
            .ticks
            .get(&target.key())
            .is_some_and(|t| t.examined)
    }

    /// Reviewed / total, open errors and warnings, changed, orphans, coverage.
    pub fn progress(&self) -> Progress {
        let findings = self.findings();
        let open = |f: &&Finding| !self.verdict_of(&f.id).is_reviewed();
        let (changed, orphans, cov) = match &self.bound {
            Some(b) => (
                b.attachment.changed().len(),
                b.attachment.orphans().len(),
                coverage(&b.shape, &self.doc),
            ),
            None => (0, 0, Coverage::default()),
        };
        Progress {
            reviewed: findings.iter().filter(|f| !open(f)).count(),
            total: findings.len(),
            unreviewed_serious: findings
                .iter()
                .filter(open)
                .filter(|f| f.severity >= Severity::Warning)
                .count(),
            changed,
            orphans,
            coverage: cov,
        }
    }

    /// Whether memory holds changes not yet on disk.
    pub fn is_dirty(&self) -> bool {
        !self.doc.same_entries(&self.base)
    }

    /// Whether the file on disk differs from what this session last read or
    /// wrote. Cheap enough to poll: a changed size or mtime answers at once;
    /// only when both match is the file read and hashed.
    pub fn changed_on_disk(&self) -> Result<bool, SidecarError> {
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(SidecarError::Read {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        match (&self.base_stamp, meta) {
            (None, None) => Ok(false),
            (Some(b), Some(m)) if b.len != m.len() || b.modified != m.modified().ok() => Ok(true),
            _ => Ok(sidecar::stamp(&self.path)? != self.base_stamp),
        }
    }

    /// Take in another writer's changes without writing (for polling, and
    /// for sessions that cannot write): merges like [`save`](Self::save),
    /// keeps this session's unsaved changes on top, reports conflicts.
    pub fn refresh(&mut self) -> Result<SaveOutcome, SidecarError> {
        let (theirs, theirs_stamp) = match sidecar::read(&self.path)? {
            Some(l) => (l.doc, Some(l.stamp)),
            None => (Document::default(), None),
        };
        if theirs_stamp == self.base_stamp {
            return Ok(SaveOutcome::UpToDate);
        }
        let merged = merge(&self.base, &theirs, &self.doc, &self.keep_ours);
        if !merged.conflicts.is_empty() {
            self.conflicts = merged.conflicts.clone();
            return Ok(SaveOutcome::Conflict(merged.conflicts));
        }
        self.conflicts.clear();
        let mut next = merged.doc;
        next.report = theirs.report.clone();
        self.base = theirs;
        self.base_stamp = theirs_stamp;
        self.doc = next;
        self.reattach();
        Ok(SaveOutcome::Merged {
            from_disk: merged.from_theirs,
            written: false,
        })
    }

    /// Units in conflict since the last save.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Decide one conflict: keep ours (it will overwrite that unit only, and
    /// only while the disk still holds the value shown), or take theirs.
    pub fn resolve(&mut self, key: &EntryKey, side: Side) -> Result<(), ReviewError> {
        let i = self
            .conflicts
            .iter()
            .position(|c| &c.key == key)
            .ok_or_else(|| ReviewError::NotInConflict(key.to_string()))?;
        let c = self.conflicts.remove(i);
        match side {
            Side::Ours => {
                self.keep_ours.insert(c.key, c.theirs);
            }
            Side::Theirs => set_entry(&mut self.doc, &c.key, c.theirs),
        }
        self.reattach();
        Ok(())
    }

    /// Save: lock, read the file, merge another writer's changes, write
    /// atomically. On error nothing on disk changed and memory is kept, so
    /// the caller can show the error and call `save` again.
    pub fn save(&mut self) -> Result<SaveOutcome, SidecarError> {
        if let Some(reason) = &self.read_only {
            return Err(SidecarError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        let _lock = sidecar::lock(&self.path, LOCK_TIMEOUT)?;
        let (theirs, theirs_stamp) = match sidecar::read(&self.path)? {
            Some(l) => (l.doc, Some(l.stamp)),
            None => (Document::default(), None),
        };
        let disk_moved = theirs_stamp != self.base_stamp;
        let merged = if disk_moved {
            merge(&self.base, &theirs, &self.doc, &self.keep_ours)
        } else {
            merge(&self.base, &self.base, &self.doc, &self.keep_ours)
        };
        if !merged.conflicts.is_empty() {
            self.conflicts = merged.conflicts.clone();
            return Ok(SaveOutcome::Conflict(merged.conflicts));
        }
        self.conflicts.clear();
        let from_disk = merged.from_theirs;
        let mut next = merged.doc;
        if next.same_entries(&theirs) {
            // Nothing of ours to add: adopt the disk's version as it is.
            self.base = theirs.clone();
            self.doc = theirs;
            self.base_stamp = theirs_stamp;
            self.keep_ours.clear();
            self.reattach();
            return Ok(if from_disk.is_empty() {
                SaveOutcome::UpToDate
            } else {
                SaveOutcome::Merged {
                    from_disk,
                    written: false,
                }
            });
        }
        next.schema = SCHEMA;
        next.written_by = written_by();
        if let Some(b) = &self.bound {
            next.report = b.identity.clone();
        }
        let bytes = sidecar::to_bytes(&next).map_err(|source| SidecarError::Write {
            path: self.path.clone(),
            op: "serialise the annotations".to_string(),
            source,
        })?;
        let stamp = sidecar::write_atomic(&self.path, &bytes)?;
        self.base = next.clone();
        self.doc = next;
        self.base_stamp = Some(stamp);
        self.keep_ours.clear();
        self.reattach();
        Ok(if from_disk.is_empty() {
            SaveOutcome::Saved
        } else {
            SaveOutcome::Merged {
                from_disk,
                written: true,
            }
        })
    }

    fn reattach(&mut self) {
        if let Some(b) = &mut self.bound {
            b.attachment = attach(&self.doc, &b.identity.sha256, &b.findings);
        }
    }
}

fn set_entry(doc: &mut Document, key: &EntryKey, value: Option<Entry>) {
    match (key, value) {
        (EntryKey::Annotation(k), Some(Entry::Annotation(v))) => {
            doc.annotations.insert(k.clone(), v);
        }
        (EntryKey::OwnFinding(k), Some(Entry::OwnFinding(v))) => {
            doc.own_findings.insert(k.clone(), v);
        }
        (EntryKey::Tick(k), Some(Entry::Tick(v))) => {
            doc.ticks.insert(k.clone(), v);
        }
        (EntryKey::Annotation(k), _) => {
            doc.annotations.remove(k);
        }
        (EntryKey::OwnFinding(k), _) => {
            doc.own_findings.remove(k);
        }
        (EntryKey::Tick(k), _) => {
            doc.ticks.remove(k);
        }
    }
}
