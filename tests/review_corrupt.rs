//! Unreadable sidecars (corrupt, empty, truncated, newer schema, wrong shape)
//! give a message with file, line, column and reason and are never changed;
//! failed saves (read-only folder, missing folder, full disk) give their
//! message, keep memory, and can be retried.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::review::{sidecar, SaveOutcome, Session, SidecarError, Verdict};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A valid sidecar with one annotation, as juesuan writes it.
fn valid_sidecar(report_path: &Path) -> Vec<u8> {
    let (report, findings) = common::checked(report_path);
    let mut s = Session::open(report_path, None).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    s.set_note(&findings[0].id, "原有记录，不可丢失").unwrap();
    s.save().unwrap();
    std::fs::read(s.path()).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(common::BIN).args(args).output().unwrap()
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    /// Expected "line:column: reason" fragment.
    expect: &'static str,
}

fn cases(valid: &[u8]) -> Vec<Case> {
    let text = String::from_utf8(valid.to_vec()).unwrap();
    let newer = text.replacen("\"schema\": 1,", "\"schema\": 2,", 1);
    assert_ne!(newer, text);
    vec![
        Case {
            name: "corrupt",
            bytes: b"{\n  \"schema\": 1,\n  \"annotations\": {,}\n}\n".to_vec(),
            expect: ":3:19: not valid JSON: ",
        },
        Case {
            name: "empty",
            bytes: Vec::new(),
            expect: ":1:1: the file is empty",
        },
        Case {
            name: "blank",
            bytes: b"  \n\n".to_vec(),
            expect: ":1:1: the file is empty",
        },
        Case {
            name: "truncated",
            bytes: valid[..valid.len() / 2].to_vec(),
            expect: ": the file is truncated: it ends before the JSON is complete",
        },
        Case {
            name: "newer schema",
            bytes: newer.into_bytes(),
            expect: ":2:3: written by a newer juesuan (schema 2; this build reads schema 1)",
        },
        Case {
            name: "wrong shape",
            bytes: b"{\"schema\": 1, \"written_by\": \"x\", \"report\": {\"file\": \"\", \"sha256\": \"\"}, \"annotations\": 5}".to_vec(),
            expect: ": not a valid annotations file: invalid type: integer `5`, expected a map",
        },
        Case {
            name: "not a sidecar",
            bytes: b"[1, 2, 3]\n".to_vec(),
            expect: ":1:1: no numeric \"schema\" field: not a juesuan annotations file",
        },
    ]
}

#[test]
fn unreadable_sidecars_are_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let valid = valid_sidecar(&report_path);
    let side = sidecar::default_path(&report_path);
    let (_, findings) = common::checked(&report_path);
    let file = report_path.to_str().unwrap();
    for case in cases(&valid) {
        std::fs::write(&side, &case.bytes).unwrap();
        let err = Session::open(&report_path, None).unwrap_err();
        let msg = err.to_string();
        assert!(err.is_unreadable_content(), "{}: {msg}", case.name);
        assert!(
            msg.starts_with(side.to_str().unwrap()),
            "{}: names the file: {msg}",
            case.name
        );
        assert!(
            msg.contains(case.expect),
            "{}: {msg}\nexpected {}",
            case.name,
            case.expect
        );
        assert!(msg.ends_with("the file was left untouched"), "{msg}");
        assert_eq!(
            std::fs::read(&side).unwrap(),
            case.bytes,
            "{}: bytes unchanged",
            case.name
        );

        // Read-only: the report can still be worked on; nothing is written.
        let mut ro = Session::open_read_only(&report_path, None).unwrap();
        assert!(
            ro.read_only().unwrap().contains(case.expect),
            "{}",
            case.name
        );
        let (report, fs) = common::checked(&report_path);
        ro.attach(&report, &fs);
        ro.set_verdict(&fs[1].id, Verdict::Confirmed, None).unwrap();
        let e = ro.save().unwrap_err();
        assert!(matches!(e, SidecarError::ReadOnly { .. }), "{e}");
        assert_eq!(ro.verdict_of(&fs[1].id), Verdict::Confirmed, "memory kept");

        // The CLI: exit 3, one line naming the file, nothing written.
        for args in [
            vec![
                "review",
                file,
                "--finding",
                &findings[1].id,
                "--verdict",
                "confirmed",
            ],
            vec!["review", file, "--list"],
            vec!["check", file],
            vec!["export", file, "--format", "json"],
        ] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(3), "{} {:?}", case.name, args);
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(
                err.contains(side.to_str().unwrap()) && err.contains(case.expect),
                "{err}"
            );
            assert_eq!(
                std::fs::read(&side).unwrap(),
                case.bytes,
                "{} {:?}",
                case.name,
                args
            );
        }
        let (lock, temps) = (sidecar::lock_path(&side), sidecar::stale_temps(&side));
        assert!(temps.is_empty(), "{temps:?}");
        let _ = lock;
    }
}

#[test]
fn start_fresh_moves_the_old_file_to_bak() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let side = sidecar::default_path(&report_path);
    let broken = b"{\"schema\": 1, \"annot".to_vec();
    std::fs::write(&side, &broken).unwrap();
    let (mut s, bak) = Session::start_fresh(&report_path, None).unwrap();
    assert_eq!(bak, PathBuf::from(format!("{}.bak", side.display())));
    assert_eq!(
        std::fs::read(&bak).unwrap(),
        broken,
        "the old bytes are kept in .bak"
    );
    assert!(!side.exists());
    let (report, findings) = common::checked(&report_path);
    s.attach(&report, &findings);
    s.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    assert_eq!(s.save().unwrap(), SaveOutcome::Saved);
    // A second reset never overwrites the first backup.
    std::fs::write(&side, b"garbage").unwrap();
    let (_, bak2) = Session::start_fresh(&report_path, None).unwrap();
    assert_eq!(bak2, PathBuf::from(format!("{}.bak.1", side.display())));
    assert_eq!(std::fs::read(&bak).unwrap(), broken);
    assert_eq!(std::fs::read(&bak2).unwrap(), b"garbage");
}

#[test]
fn a_file_corrupted_after_opening_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let side = sidecar::default_path(&report_path);
    valid_sidecar(&report_path);
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[1].id, Verdict::FollowUp, None)
        .unwrap();
    std::fs::write(&side, b"<<<<<<< HEAD\n").unwrap(); // a botched git merge
    let e = s.save().unwrap_err();
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    assert_eq!(std::fs::read(&side).unwrap(), b"<<<<<<< HEAD\n");
    assert_eq!(
        s.verdict_of(&findings[1].id),
        Verdict::FollowUp,
        "memory kept"
    );
    assert!(s.is_dirty());
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A folder this process cannot create files in: a chmod 0555 folder for a
/// normal user; for root (whom chmod does not stop) /sys, where even root
/// cannot create files. None when neither works here.
fn unwritable_folder(tmp: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        let d = tmp.join("readonly");
        std::fs::create_dir(&d).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap();
        return Some(d);
    }
    let probe = Path::new("/sys/juesuan-write-probe");
    match std::fs::write(probe, b"") {
        Err(_) => Some(PathBuf::from("/sys")),
        Ok(()) => {
            let _ = std::fs::remove_file(probe);
            None
        }
    }
}

#[test]
fn a_read_only_folder_gives_its_message_and_keeps_memory() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let Some(folder) = unwritable_folder(dir.path()) else {
        println!(
            "SKIPPED: running as root and /sys is writable: no folder here refuses root's writes"
        );
        return;
    };
    println!(
        "read-only folder used: {} (root: {})",
        folder.display(),
        is_root()
    );
    let side = folder.join("chaoyang-hrss-2024.txt.audit.json");
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, Some(&side)).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    s.set_note(&findings[0].id, "保存失败时也不能丢").unwrap();
    let e = s.save().unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with(side.to_str().unwrap()), "{msg}");
    assert!(
        msg.contains("cannot save the annotations: create the lock file"),
        "{msg}"
    );
    assert!(
        msg.contains("--annotations PATH"),
        "suggests a way out: {msg}"
    );
    assert_eq!(
        s.annotation(&findings[0].id).unwrap().note,
        "保存失败时也不能丢"
    );
    assert!(s.is_dirty());
    assert!(!side.exists());

    let out = run(&[
        "review",
        report_path.to_str().unwrap(),
        "--finding",
        &findings[0].id,
        "--verdict",
        "confirmed",
        "--annotations",
        side.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(side.to_str().unwrap()), "{err}");

    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(s.save().unwrap(), SaveOutcome::Saved, "the retry succeeds");
    }
}

#[test]
fn a_missing_folder_fails_then_the_retry_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let folder = dir.path().join("not-yet");
    let side = folder.join("x.audit.json");
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, Some(&side)).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    let e = s.save().unwrap_err();
    assert!(e.to_string().contains("No such file or directory"), "{e}");
    assert_eq!(s.verdict_of(&findings[0].id), Verdict::Confirmed);
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(s.save().unwrap(), SaveOutcome::Saved);
    assert_eq!(
        Session::open(&report_path, Some(&side))
            .unwrap()
            .verdict_of(&findings[0].id),
        Verdict::Confirmed
    );
}

#[test]
fn a_parent_that_is_a_file_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let side = report_path.join("x.audit.json"); // the report is a file, not a folder
    let e = Session::open(&report_path, Some(&side)).unwrap_err();
    assert!(e.to_string().starts_with(side.to_str().unwrap()), "{e}");
    assert!(e.to_string().contains("Not a directory"), "{e}");
    let out = run(&[
        "check",
        report_path.to_str().unwrap(),
        "--annotations",
        side.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
}

/// A full disk, simulated with a file-size limit (`ulimit -f`) on the writer:
/// its write fails with EFBIG like a full disk's ENOSPC, mid-file.
#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let valid = valid_sidecar(&report_path);
    let side = sidecar::default_path(&report_path);
    let (_, findings) = common::checked(&report_path);
    let big: String = "满".repeat(100_000);
    let script = format!(
        "trap '' XFSZ; ulimit -f 40; exec '{}' review '{}' --finding '{}' --note -",
        common::BIN,
        report_path.display(),
        findings[1].id
    );
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(big.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(side.to_str().unwrap()) && err.contains("cannot save the annotations: write"),
        "{err}"
    );
    assert!(err.contains("File too large"), "{err}");
    assert_eq!(
        std::fs::read(&side).unwrap(),
        valid,
        "the old file is intact"
    );
    assert!(
        sidecar::stale_temps(&side).is_empty(),
        "the failed temporary file was removed"
    );
}
