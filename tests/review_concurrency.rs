//! Two writers on one sidecar: changes to different annotations merge,
//! changes to the same annotation are a conflict that never overwrites, and
//! writers in separate processes serialise on the lock (no lost update).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::review::{sidecar, EntryKey, SaveOutcome, Session, Side, Verdict};
use std::path::Path;
use std::time::{Duration, Instant};

fn open(path: &Path, who: &str) -> (Session, Vec<juesuan::rules::Finding>) {
    let (report, findings) = common::checked(path);
    let mut s = Session::open(path, None).unwrap();
    s.set_auditor(Some(who));
    s.attach(&report, &findings);
    (s, findings)
}

#[test]
fn writers_on_different_annotations_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let (mut a, f) = open(&path, "甲");
    let (mut b, _) = open(&path, "乙");
    a.set_verdict(&f[0].id, Verdict::Confirmed, None).unwrap();
    b.set_verdict(&f[1].id, Verdict::FollowUp, None).unwrap();
    b.set_note(&f[1].id, "乙的备注").unwrap();
    assert_eq!(a.save().unwrap(), SaveOutcome::Saved);
    assert!(b.changed_on_disk().unwrap(), "b notices a's write");
    assert!(!a.changed_on_disk().unwrap());
    assert_eq!(
        b.save().unwrap(),
        SaveOutcome::Merged {
            from_disk: vec![EntryKey::Annotation(f[0].id.clone())],
            written: true
        }
    );
    assert_eq!(
        b.verdict_of(&f[0].id),
        Verdict::Confirmed,
        "a's change is in b's memory"
    );
    let on_disk = Session::open(&path, None).unwrap();
    assert_eq!(on_disk.verdict_of(&f[0].id), Verdict::Confirmed);
    assert_eq!(on_disk.verdict_of(&f[1].id), Verdict::FollowUp);
    assert_eq!(on_disk.annotation(&f[1].id).unwrap().note, "乙的备注");
    // a, with nothing new of its own, picks up b's change without writing.
    let before = std::fs::read(sidecar::default_path(&path)).unwrap();
    assert_eq!(
        a.save().unwrap(),
        SaveOutcome::Merged {
            from_disk: vec![EntryKey::Annotation(f[1].id.clone())],
            written: false
        }
    );
    assert_eq!(std::fs::read(sidecar::default_path(&path)).unwrap(), before);
    assert_eq!(a.verdict_of(&f[1].id), Verdict::FollowUp);
}

#[test]
fn writers_on_the_same_annotation_conflict_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let side = sidecar::default_path(&path);
    let (mut a, f) = open(&path, "甲");
    let (mut b, _) = open(&path, "乙");
    let id = f[0].id.clone();
    a.set_verdict(&id, Verdict::Confirmed, None).unwrap();
    b.set_verdict(&id, Verdict::Dismissed, Some("乙认为是尾差"))
        .unwrap();
    b.set_verdict(&f[2].id, Verdict::Resolved, None).unwrap();
    a.save().unwrap();
    let a_bytes = std::fs::read(&side).unwrap();

    let SaveOutcome::Conflict(cs) = b.save().unwrap() else {
        panic!("expected a conflict");
    };
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].key, EntryKey::Annotation(id.clone()));
    assert!(
        cs[0].ours.is_some() && cs[0].theirs.is_some(),
        "both sides are shown"
    );
    assert_eq!(
        std::fs::read(&side).unwrap(),
        a_bytes,
        "nothing was written"
    );
    assert_eq!(b.verdict_of(&id), Verdict::Dismissed, "b's memory is kept");
    assert_eq!(b.conflicts().len(), 1);

    // Keep ours: written, but only over the value b was shown.
    b.resolve(&EntryKey::Annotation(id.clone()), Side::Ours)
        .unwrap();
    assert!(matches!(
        b.save().unwrap(),
        SaveOutcome::Saved | SaveOutcome::Merged { .. }
    ));
    let disk = Session::open(&path, None).unwrap();
    assert_eq!(disk.verdict_of(&id), Verdict::Dismissed);
    assert_eq!(disk.verdict_of(&f[2].id), Verdict::Resolved);

    // a changes it again without having seen b's write: a conflict for a.
    a.set_note(&id, "甲补充").unwrap();
    let SaveOutcome::Conflict(cs) = a.save().unwrap() else {
        panic!("expected a conflict for a");
    };
    assert_eq!(cs[0].key, EntryKey::Annotation(id.clone()));
    // Take theirs: a adopts b's verdict, and a's own note is dropped by choice.
    a.resolve(&EntryKey::Annotation(id.clone()), Side::Theirs)
        .unwrap();
    let out = a.save().unwrap();
    assert!(
        matches!(out, SaveOutcome::Merged { written: false, .. }),
        "{out:?}"
    );
    assert_eq!(a.verdict_of(&id), Verdict::Dismissed);
    assert!(
        a.resolve(&EntryKey::Annotation(id), Side::Ours).is_err(),
        "no longer in conflict"
    );
}

#[test]
fn refresh_takes_in_other_writers_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let side = sidecar::default_path(&path);
    let (mut a, f) = open(&path, "甲");
    let (mut b, _) = open(&path, "乙");
    assert_eq!(b.refresh().unwrap(), SaveOutcome::UpToDate);
    a.set_verdict(&f[0].id, Verdict::Confirmed, None).unwrap();
    a.save().unwrap();
    b.set_note(&f[1].id, "乙未保存的备注").unwrap();
    let bytes = std::fs::read(&side).unwrap();
    assert!(b.changed_on_disk().unwrap());
    assert_eq!(
        b.refresh().unwrap(),
        SaveOutcome::Merged {
            from_disk: vec![EntryKey::Annotation(f[0].id.clone())],
            written: false
        }
    );
    assert_eq!(std::fs::read(&side).unwrap(), bytes, "refresh never writes");
    assert!(!b.changed_on_disk().unwrap());
    assert_eq!(b.verdict_of(&f[0].id), Verdict::Confirmed);
    assert_eq!(
        b.annotation(&f[1].id).unwrap().note,
        "乙未保存的备注",
        "unsaved work kept"
    );
    assert!(b.is_dirty());
    assert_eq!(
        b.save().unwrap(),
        SaveOutcome::Saved,
        "after a refresh the save is plain"
    );
    let disk = Session::open(&path, None).unwrap();
    assert_eq!(disk.verdict_of(&f[0].id), Verdict::Confirmed);
    assert_eq!(disk.annotation(&f[1].id).unwrap().note, "乙未保存的备注");
    // The same annotation changed on both sides: refresh reports the conflict.
    a.refresh().unwrap();
    a.set_note(&f[1].id, "甲改").unwrap();
    b.set_note(&f[1].id, "乙再改").unwrap();
    b.save().unwrap();
    assert!(matches!(a.refresh().unwrap(), SaveOutcome::Conflict(c) if c.len() == 1));
}

#[test]
fn a_save_waits_for_another_writers_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let side = sidecar::default_path(&path);
    let (mut a, f) = open(&path, "甲");
    a.set_verdict(&f[0].id, Verdict::Confirmed, None).unwrap();
    let held = sidecar::lock(&side, Duration::from_secs(1)).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        drop(held);
    });
    let start = Instant::now();
    assert_eq!(a.save().unwrap(), SaveOutcome::Saved);
    assert!(
        start.elapsed() >= Duration::from_millis(350),
        "the save waited for the lock"
    );
    release.join().unwrap();
    let _held = sidecar::lock(&side, Duration::from_secs(1)).unwrap();
    let busy = sidecar::lock(&side, Duration::from_millis(200)).unwrap_err();
    let msg = busy.to_string();
    assert!(
        msg.contains("another juesuan is writing") && msg.contains(side.to_str().unwrap()),
        "{msg}"
    );
}

#[test]
fn separate_processes_serialise_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let (_, findings) = common::checked(&path);
    let n = findings.len().min(8);
    for (round, verdict) in ["confirmed", "follow-up", "resolved"].iter().enumerate() {
        let children: Vec<_> = findings[..n]
            .iter()
            .enumerate()
            .map(|(k, f)| {
                std::process::Command::new(common::BIN)
                    .args(["review", path.to_str().unwrap(), "--finding", &f.id])
                    .args(["--verdict", verdict, "--who", &format!("auditor{k}")])
                    .args(["--note", &format!("round {round} writer {k}")])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let s = Session::open(&path, None).unwrap();
        for (k, f) in findings[..n].iter().enumerate() {
            let a = s
                .annotation(&f.id)
                .unwrap_or_else(|| panic!("round {round}: {} lost", f.id));
            assert_eq!(a.verdict.as_str(), *verdict, "round {round}");
            assert_eq!(a.note, format!("round {round} writer {k}"));
            assert_eq!(a.history.len(), 2 * (round + 1), "no history entry lost");
        }
    }
}
