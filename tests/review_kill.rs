//! A writer killed with SIGKILL at any moment leaves the sidecar either as it
//! was or as the writer last saved it, never torn.
//!
//! The writer is this test binary itself, re-run with `JUESUAN_KILL_CHILD`
//! set so that only `child_writer` runs and saves large notes in a loop (a
//! large note makes each write long enough for kills to land inside it);
//! a second test kills the real `juesuan review` binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::review::{sidecar, Change, Document, Session, Verdict};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const ENV: &str = "JUESUAN_KILL_CHILD";
/// Characters in each note of the in-process writer: about 600 KB of UTF-8.
const NOTE_CHARS: usize = 200_000;
/// Writer processes killed: half at random moments, half inside a write.
const ROUNDS: usize = 40;

/// A note whose every part names its iteration, so a mix of two writes shows.
fn note(i: u64, chars: usize) -> String {
    let body: String =
        std::iter::repeat_n(if i.is_multiple_of(2) { '审' } else { '核' }, chars).collect();
    format!("v{i}|{body}|v{i}")
}

/// Check a note is whole: same iteration at both ends, body of one char.
fn note_iteration(n: &str) -> Option<u64> {
    let (head, rest) = n.split_once('|')?;
    let (body, tail) = rest.rsplit_once('|')?;
    let i: u64 = head.strip_prefix('v')?.parse().ok()?;
    let c = if i.is_multiple_of(2) { '审' } else { '核' };
    (tail == head && !body.is_empty() && body.chars().all(|x| x == c)).then_some(i)
}

/// Runs only in the child: save ever-changing notes until killed.
#[test]
fn child_writer() {
    let Ok(dir) = std::env::var(ENV) else {
        return;
    };
    let report_path = PathBuf::from(dir).join("chaoyang-hrss-2024.txt");
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    let id = findings[1].id.clone();
    println!("ready");
    for i in 0.. {
        s.set_note(&id, &note(i, NOTE_CHARS)).unwrap();
        s.save().unwrap();
    }
}

/// The base every round starts from: one small annotation on another finding.
fn write_base(report_path: &Path) -> Vec<u8> {
    let (report, findings) = common::checked(report_path);
    let side = sidecar::default_path(report_path);
    let _ = std::fs::remove_file(&side);
    let mut s = Session::open(report_path, None).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    s.set_note(&findings[0].id, "基线记录").unwrap();
    s.save().unwrap();
    std::fs::read(&side).unwrap()
}

/// The file parses, is exactly what juesuan writes for its content, keeps
/// the base annotation, and any note of the writer is whole and matches its
/// history. Returns the writer's iteration, if it had saved.
fn verify(side: &Path, base: &Document) -> Option<u64> {
    let bytes = std::fs::read(side).unwrap();
    let doc = sidecar::parse(side, &bytes).unwrap_or_else(|e| panic!("torn sidecar: {e}"));
    assert_eq!(
        sidecar::to_bytes(&doc).unwrap(),
        bytes,
        "not a complete juesuan write"
    );
    let (base_id, base_ann) = base.annotations.iter().next().unwrap();
    assert_eq!(
        &doc.annotations[base_id], base_ann,
        "the base annotation is intact"
    );
    let other = doc.annotations.iter().find(|(k, _)| *k != base_id)?;
    let a = other.1;
    let i = note_iteration(&a.note).unwrap_or_else(|| panic!("a torn note"));
    let notes: Vec<&str> = a
        .history
        .iter()
        .filter_map(|e| match &e.change {
            Change::Note { note } => Some(note.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len() as u64, i + 1, "one history entry per save");
    assert_eq!(notes.last().copied(), Some(a.note.as_str()));
    Some(i)
}

/// A small deterministic generator for kill delays (seed printed on failure).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(42)
}

#[test]
fn sigkill_during_save_never_tears_the_file() {
    if std::env::var(ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let side = sidecar::default_path(&report_path);
    let seed = seed();
    println!("seed {seed}");
    let mut rng = Lcg(seed);
    let (mut kills, mut mid_write, mut new_content, mut old_content) = (0, 0, 0, 0);
    let exe = std::env::current_exe().unwrap();
    for round in 0..ROUNDS {
        let base_bytes = write_base(&report_path);
        let base = sidecar::parse(&side, &base_bytes).unwrap();
        let mut child = Command::new(&exe)
            .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
            .env(ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !line.contains("ready") {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "child died before ready"
            );
        }
        if round % 2 == 0 {
            // At a random moment of the writer's life.
            std::thread::sleep(Duration::from_millis(rng.next(400)));
        } else {
            // Inside a write: as soon as its temporary file appears, after
            // skipping a few writes so some rounds start from a saved note.
            let skip = rng.next(3);
            let mut seen = 0;
            let start = std::time::Instant::now();
            while start.elapsed() < Duration::from_secs(10) {
                if !sidecar::stale_temps(&side).is_empty() {
                    if seen == skip {
                        break;
                    }
                    seen += 1;
                    while !sidecar::stale_temps(&side).is_empty() {}
                }
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        if !sidecar::stale_temps(&side).is_empty() {
            mid_write += 1;
        }
        match verify(&side, &base) {
            Some(_) => new_content += 1,
            None => old_content += 1,
        }
    }
    println!(
        "{kills} kills: {mid_write} inside a write (temporary file left), {new_content} left a saved note, {old_content} left the base"
    );
    assert!(
        mid_write >= 1,
        "no kill landed inside a write (seed {seed}); the test proved nothing"
    );
    assert!(new_content >= 1, "the writer never saved (seed {seed})");
    // The next writer tidies what killed writers left behind.
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    s.set_verdict(&findings[2].id, Verdict::Resolved, None)
        .unwrap();
    s.save().unwrap();
    assert!(
        sidecar::stale_temps(&side).is_empty(),
        "stale temporary files are removed under the lock"
    );
}

/// Runs of the real binary.
const RUNS: usize = 30;

#[test]
fn sigkill_of_the_real_binary_never_tears_the_file() {
    if std::env::var(ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let side = sidecar::default_path(&report_path);
    let base_bytes = write_base(&report_path);
    let base = sidecar::parse(&side, &base_bytes).unwrap();
    let (_, findings) = common::checked(&report_path);
    let seed = seed();
    let mut rng = Lcg(seed);
    let mut i = 0u64;
    let mut survived = 0;
    for _ in 0..RUNS {
        // Each run writes the next iteration's note; a killed run may leave
        // the file one iteration behind, which verify() accepts as "old".
        let current = verify(&side, &base);
        let next = current.map_or(0, |c| c + 1);
        i = i.max(next);
        // The note goes through stdin (`--note -`): it is larger than one
        // command-line argument may be.
        let mut child = Command::new(common::BIN)
            .args([
                "review",
                report_path.to_str().unwrap(),
                "--finding",
                &findings[1].id,
            ])
            .args(["--note", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let text = note(next, 20_000);
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            // A child killed before reading gives a broken pipe: fine.
            let _ = stdin.write_all(text.as_bytes());
        });
        std::thread::sleep(Duration::from_millis(rng.next(600)));
        child.kill().ok();
        if child.wait().unwrap().success() {
            survived += 1;
        }
        feeder.join().unwrap();
        verify(&side, &base);
    }
    println!("seed {seed}: {RUNS} runs of juesuan review killed at random, {survived} finished first, last note v{i}");
}
