//! Three-way merge of two writers' sidecars (合并): base = what this process
//! read, theirs = what is on disk now, ours = what this process holds. Each
//! annotation, own finding and tick is one unit: a unit changed on one side
//! only takes that side; a unit changed on both sides to different values is
//! a [`Conflict`], never silently resolved.

use super::model::{Annotation, Document, OwnFinding, Tick};
use std::collections::{BTreeMap, BTreeSet};

/// Which unit of the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKey {
    /// An annotation, by finding fingerprint.
    Annotation(String),
    /// An own finding, by id.
    OwnFinding(String),
    /// A tick, by target key.
    Tick(String),
}

impl std::fmt::Display for EntryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EntryKey::Annotation(k) => write!(f, "annotation {k}"),
            EntryKey::OwnFinding(k) => write!(f, "own finding {k}"),
            EntryKey::Tick(k) => write!(f, "tick {k}"),
        }
    }
}

/// One unit's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// An annotation.
    Annotation(Annotation),
    /// An own finding.
    OwnFinding(OwnFinding),
    /// A tick.
    Tick(Tick),
}

/// A unit both sides changed differently. `None` means that side deleted it
/// (juesuan never deletes, but a hand edit or another tool may).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Which unit.
    pub key: EntryKey,
    /// This process's value.
    pub ours: Option<Entry>,
    /// The value on disk.
    pub theirs: Option<Entry>,
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged document (for conflicting units: the disk's value).
    pub doc: Document,
    /// Units taken from disk (the other writer's changes).
    pub from_theirs: Vec<EntryKey>,
    /// Units changed on both sides.
    pub conflicts: Vec<Conflict>,
}

/// Units where the auditor chose to keep their own value over a specific disk
/// value: the override holds only while the disk still has that value.
pub type KeepOurs = BTreeMap<EntryKey, Option<Entry>>;

/// Merge `ours` and `theirs` against their common `base`.
pub fn merge(base: &Document, theirs: &Document, ours: &Document, keep: &KeepOurs) -> Merged {
    let mut out = Merged {
        doc: Document {
            schema: ours.schema,
            written_by: ours.written_by.clone(),
            // The header follows whichever side moved it (a colleague who opened
            // a newer report); ours wins a tie, not worth asking about.
            report: if ours.report == base.report {
                theirs.report.clone()
            } else {
                ours.report.clone()
            },
            ..Document::default()
        },
        from_theirs: Vec::new(),
        conflicts: Vec::new(),
    };
    out.doc.annotations = merge_map(
        (&base.annotations, &theirs.annotations, &ours.annotations),
        EntryKey::Annotation,
        Entry::Annotation,
        keep,
        &mut out,
    );
    out.doc.own_findings = merge_map(
        (&base.own_findings, &theirs.own_findings, &ours.own_findings),
        EntryKey::OwnFinding,
        Entry::OwnFinding,
        keep,
        &mut out,
    );
    out.doc.ticks = merge_map(
        (&base.ticks, &theirs.ticks, &ours.ticks),
        EntryKey::Tick,
        Entry::Tick,
        keep,
        &mut out,
    );
    out
}

type Maps<'a, T> = (
    &'a BTreeMap<String, T>,
    &'a BTreeMap<String, T>,
    &'a BTreeMap<String, T>,
);

fn merge_map<T: Clone + PartialEq>(
    (base, theirs, ours): Maps<'_, T>,
    key_of: fn(String) -> EntryKey,
    entry_of: fn(T) -> Entry,
    keep: &KeepOurs,
    out: &mut Merged,
) -> BTreeMap<String, T> {
    let keys: BTreeSet<&String> = base
        .keys()
        .chain(theirs.keys())
        .chain(ours.keys())
        .collect();
    let mut merged = BTreeMap::new();
    for k in keys {
        let (b, t, o) = (base.get(k), theirs.get(k), ours.get(k));
        let chosen = if t == o || t == b {
            o
        } else if o == b {
            out.from_theirs.push(key_of(k.clone()));
            t
        } else {
            let key = key_of(k.clone());
            let theirs_entry = t.cloned().map(entry_of);
            if keep.get(&key) == Some(&theirs_entry) {
                o
            } else {
                out.conflicts.push(Conflict {
                    key,
                    ours: o.cloned().map(entry_of),
                    theirs: theirs_entry,
                });
                t
            }
        };
        if let Some(v) = chosen {
            merged.insert(k.clone(), v.clone());
        }
    }
    merged
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::review::model::{Seen, TickTarget, Verdict};
    use crate::rules::Severity;
    use time::macros::datetime;

    fn ann(verdict: Verdict, note: &str) -> Annotation {
        let seen = Seen {
            rule: "R".into(),
            severity: Severity::Error,
            message: "m".into(),
            expected: None,
            actual: None,
            difference: None,
            locations: vec![],
            report_sha256: "s".into(),
        };
        let mut a = Annotation::new(seen, "a", datetime!(2025-01-01 0:00 UTC));
        a.verdict = verdict;
        a.note = note.into();
        a
    }

    fn doc(entries: &[(&str, Annotation)]) -> Document {
        let mut d = Document::default();
        for (k, a) in entries {
            d.annotations.insert(k.to_string(), a.clone());
        }
        d
    }

    #[test]
    fn different_units_merge() {
        let base = doc(&[("x", ann(Verdict::Open, ""))]);
        let theirs = doc(&[("x", ann(Verdict::Confirmed, "t"))]);
        let ours = doc(&[
            ("x", ann(Verdict::Open, "")),
            ("y", ann(Verdict::FollowUp, "o")),
        ]);
        let m = merge(&base, &theirs, &ours, &KeepOurs::new());
        assert!(m.conflicts.is_empty());
        assert_eq!(m.doc.annotations["x"].verdict, Verdict::Confirmed);
        assert_eq!(m.doc.annotations["y"].verdict, Verdict::FollowUp);
        assert_eq!(m.from_theirs, vec![EntryKey::Annotation("x".into())]);
    }

    #[test]
    fn same_unit_conflicts_unless_kept() {
        let base = doc(&[("x", ann(Verdict::Open, ""))]);
        let theirs = doc(&[("x", ann(Verdict::Confirmed, "t"))]);
        let ours = doc(&[("x", ann(Verdict::Dismissed, "o"))]);
        let m = merge(&base, &theirs, &ours, &KeepOurs::new());
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.doc.annotations["x"].verdict, Verdict::Confirmed);
        let mut keep = KeepOurs::new();
        keep.insert(
            EntryKey::Annotation("x".into()),
            Some(Entry::Annotation(ann(Verdict::Confirmed, "t"))),
        );
        let m = merge(&base, &theirs, &ours, &keep);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.doc.annotations["x"].verdict, Verdict::Dismissed);
    }

    #[test]
    fn identical_changes_do_not_conflict() {
        let base = Document::default();
        let a = ann(Verdict::Confirmed, "same");
        let m = merge(
            &base,
            &doc(&[("x", a.clone())]),
            &doc(&[("x", a)]),
            &KeepOurs::new(),
        );
        assert!(m.conflicts.is_empty());
        assert!(m.from_theirs.is_empty());
        assert_eq!(m.doc.annotations.len(), 1);
    }

    #[test]
    fn ticks_merge_by_target() {
        let t = |name: &str| Tick {
            target: TickTarget::Project { name: name.into() },
            examined: true,
            by: "a".into(),
            at: datetime!(2025-01-01 0:00 UTC),
            history: vec![],
        };
        let base = Document::default();
        let mut theirs = Document::default();
        theirs.ticks.insert("project:甲".into(), t("甲"));
        let mut ours = Document::default();
        ours.ticks.insert("project:乙".into(), t("乙"));
        let m = merge(&base, &theirs, &ours, &KeepOurs::new());
        assert_eq!(m.doc.ticks.len(), 2);
    }
}
