//! Property tests for the sidecar loader (审计记录文件), on arbitrary bytes
//! and on real sidecars (written by the review code on the sample) with lines
//! dropped, repeated, swapped, cut and rewritten:
//! - it never panics;
//! - a rejected file is an error naming the file, a line that exists, a
//!   column, and one of the known reasons, and the file is left byte for
//!   byte as it was, also by a read-only session that tries to save;
//! - an accepted file attaches to the sample's findings, and survives
//!   save → reopen unchanged.
//!
//! tests/review_corrupt.rs has the hand-written cases (empty, truncated,
//! newer schema, …) and the CLI's exit code; this file generates inputs.
//! `JUESUAN_PROPTEST_CASES=2000` runs more cases; the fuzz target
//! `sidecar_load` (fuzz/) runs the same checks for longer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hostile_common/mod.rs"]
mod common;

use common::cases;
use common::lines::LineEdit;
use common::sidecars::real_sidecars;
use juesuan::report::{Report, ScheduleId};
use juesuan::review::attach::attach;
use juesuan::review::{sidecar, Document, Session, SidecarError, TickTarget};
use juesuan::rules::{Finding, Location};
use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::workbench::annotations::Annotations;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::ui;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::Cell;
use std::path::{Path, PathBuf};

/// The sample in a private folder, checked, with its real sidecars.
struct Ctx {
    dir: tempfile::TempDir,
    report_path: PathBuf,
    report: Report,
    findings: Vec<Finding>,
    real: Vec<Vec<u8>>,
}

impl Ctx {
    fn new() -> Ctx {
        let dir = tempfile::tempdir().unwrap();
        let report_path = dir.path().join("chaoyang-hrss-2024.txt");
        std::fs::write(&report_path, common::SAMPLE).unwrap();
        let report = juesuan::input::read_file(&report_path).unwrap();
        let findings = juesuan::rules::check(&report);
        let real = real_sidecars(dir.path(), &report_path, &report, &findings);
        Ctx {
            dir,
            report_path,
            report,
            findings,
            real,
        }
    }

    fn sidecar_path(&self) -> PathBuf {
        self.dir.path().join("fuzzed.audit.json")
    }
}

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases: cases(default_cases),
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    })
}

/// The reasons a sidecar can be refused for (sidecar.rs).
const REASONS: &[&str] = &[
    "the file is empty",
    "not valid JSON: ",
    "the file is truncated: ",
    "not a valid annotations file: ",
    "no numeric \"schema\" field",
    "written by a newer juesuan",
];

/// An error names the file, a line of it, a column and a known reason, and
/// says the file was left alone. Returns (line, column, reason).
fn explains(e: &SidecarError, path: &Path, bytes: &[u8]) -> (usize, usize, String) {
    assert!(e.is_unreadable_content(), "{e}");
    assert_eq!(e.path(), path);
    let msg = e.to_string();
    let rest = msg
        .strip_prefix(&format!("{}:", path.display()))
        .unwrap_or_else(|| panic!("does not start with the file: {msg}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().unwrap();
    let column: usize = parts.next().unwrap().parse().unwrap();
    let reason = parts.next().unwrap().trim_start().to_string();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!((1..=lines).contains(&line), "{msg}: line of {lines}");
    assert!(column >= 1, "{msg}");
    assert!(
        REASONS.iter().any(|r| reason.starts_with(r)),
        "unknown reason: {msg}"
    );
    assert!(msg.ends_with("the file was left untouched"), "{msg}");
    (line, column, reason)
}

/// What the loader does with `bytes`, in memory and on disk.
fn load_and_check(c: &Ctx, bytes: &[u8]) -> Result<Document, (usize, usize, String)> {
    let name = Path::new("in-memory.audit.json");
    let parsed = sidecar::parse(name, bytes);
    let in_memory = match &parsed {
        Ok(doc) => {
            let a = attach(doc, &c.report.source.sha256, &c.findings);
            assert_eq!(a.statuses.len(), doc.annotations.len());
            let out = sidecar::to_bytes(doc).unwrap();
            assert_eq!(&sidecar::parse(name, &out).unwrap(), doc, "re-read differs");
            Ok(doc.clone())
        }
        Err(e) => Err(explains(e, name, bytes)),
    };
    on_disk(c, bytes, in_memory.is_ok());
    in_memory
}

/// Open a session on the bytes as a file. Unreadable: nothing may change it,
/// not even a read-only session asked to save. Readable: a change saves and
/// reopens to the same document.
fn on_disk(c: &Ctx, bytes: &[u8], loads: bool) {
    let path = c.sidecar_path();
    std::fs::write(&path, bytes).unwrap();
    let tick = TickTarget::Schedule {
        schedule: ScheduleId(1),
    };
    match Session::open(&c.report_path, Some(&path)) {
        Err(e) => {
            assert!(!loads, "loads in memory, not from disk: {e}");
            explains(&e, &path, bytes);
            let mut ro = Session::open_read_only(&c.report_path, Some(&path)).unwrap();
            ro.attach(&c.report, &c.findings);
            ro.tick(tick, true);
            assert!(matches!(ro.save(), Err(SidecarError::ReadOnly { .. })));
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was changed");
            assert!(sidecar::stale_temps(&path).is_empty());
        }
        Ok(mut s) => {
            assert!(loads, "loads from disk, not in memory");
            s.attach(&c.report, &c.findings);
            let _ = s.progress();
            s.tick(tick.clone(), !s.is_ticked(&tick));
            s.save().unwrap();
            let back = Session::open(&c.report_path, Some(&path)).unwrap();
            assert_eq!(back.document(), s.document(), "save → reopen differs");
        }
    }
}

/// Pieces of a sidecar, so random sequences are often almost valid.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    " ",
    "\"schema\"",
    "1",
    "2",
    "0",
    "-1",
    "1e400",
    "1.5",
    "\"annotations\"",
    "\"own_findings\"",
    "\"ticks\"",
    "\"report\"",
    "\"written_by\"",
    "\"verdict\"",
    "\"confirmed\"",
    "\"dismissed\"",
    "\"note\"",
    "\"history\"",
    "\"at\"",
    "\"2024-01-02T03:04:05Z\"",
    "\"2024-13-99T99:99:99Z\"",
    "\"seen\"",
    "\"locations\"",
    "\"line\"",
    "\"schedule\"",
    "\"公开02表\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "null",
    "true",
    "\"\"",
    "\"ROUNDING:0123456789ab\"",
];

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.concat().into_bytes())
}

/// One change to one line of a real sidecar.
#[derive(Debug, Clone)]
enum Edit {
    Line(LineEdit),
    DropChar(usize, usize),
    Value(usize, &'static str),
}

const VALUES: &[&str] = &[
    "\"\"",
    "\"x\"",
    "\"dismissed\"",
    "\"nonsense\"",
    "\"2024-13-40T25:61:61Z\"",
    "\"\\ud800\"",
    "0",
    "-1",
    "2",
    "4294967296",
    "1e400",
    "0.5",
    "null",
    "true",
    "[]",
    "{}",
];

fn edits(lines: usize) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        4 => LineEdit::any(lines, 120).prop_map(Edit::Line),
        1 => (0..lines, 0..120usize).prop_map(|(a, b)| Edit::DropChar(a, b)),
        1 => (0..lines, prop::sample::select(VALUES)).prop_map(|(a, v)| Edit::Value(a, v)),
    ];
    prop::collection::vec(edit, 1..4)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        let n = lines.len();
        if n == 0 {
            break;
        }
        let chars = |l: &String| l.chars().count() + 1;
        match *e {
            Edit::Line(ref l) => l.apply(&mut lines),
            Edit::DropChar(i, at) => {
                let l = &lines[i % n];
                let k = at % chars(l);
                lines[i % n] = l
                    .chars()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, c)| c)
                    .collect();
            }
            Edit::Value(i, v) => {
                // `"key": value,` → `"key": v,`
                let l = &lines[i % n];
                if let Some(at) = l.find("\": ") {
                    let comma = if l.ends_with(',') { "," } else { "" };
                    lines[i % n] = format!("{}\": {v}{comma}", &l[..at]);
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn real_sidecars_load_and_a_broken_one_is_refused() {
    let c = Ctx::new();
    assert_eq!(c.real.len(), 3);
    for bytes in &c.real {
        load_and_check(&c, bytes).unwrap();
    }
    // Negative control: the checks can fail.
    let e = load_and_check(&c, b"{\"schema\": 1,\n  \"annotations\" 5}").unwrap_err();
    assert_eq!(e.0, 2);
    assert!(e.2.contains("expected `:`"), "{e:?}");
}

#[test]
fn arbitrary_bytes_are_loaded_or_refused_untouched() {
    let c = Ctx::new();
    let bytes = prop_oneof![prop::collection::vec(any::<u8>(), 0..600), token_soup()];
    runner(256)
        .run(&bytes, |b| {
            let _ = load_and_check(&c, &b);
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_real_sidecars_are_loaded_or_refused_untouched() {
    let c = Ctx::new();
    let texts: Vec<String> = c
        .real
        .iter()
        .map(|b| String::from_utf8(b.clone()).unwrap())
        .collect();
    let longest = texts.iter().map(|t| t.lines().count()).max().unwrap();
    let input = (0..texts.len(), edits(longest));
    let (loaded, refused) = (Cell::new(0), Cell::new(0));
    runner(256)
        .run(&input, |(which, edits)| {
            let text = apply(&texts[which], &edits);
            let n = if load_and_check(&c, text.as_bytes()).is_ok() {
                &loaded
            } else {
                &refused
            };
            n.set(n.get() + 1);
            Ok(())
        })
        .unwrap();
    // Both outcomes must be exercised, or the mutations are too weak (or
    // too strong) to test anything.
    assert!(
        loaded.get() > 0 && refused.get() > 0,
        "{loaded:?} loaded, {refused:?} refused"
    );
}

/// A colon lost after a key on line L: refused at line L, saying a `:` was
/// expected.
#[test]
fn a_lost_colon_is_reported_on_its_line() {
    let c = Ctx::new();
    let text = String::from_utf8(c.real[1].clone()).unwrap();
    let keyed: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\": "))
        .map(|(i, _)| i)
        .collect();
    runner(48)
        .run(&any::<prop::sample::Index>(), |pick| {
            let i = keyed[pick.index(keyed.len())];
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[i] = lines[i].replacen("\": ", "\" ", 1);
            let broken = lines.join("\n");
            let (line, _, reason) = load_and_check(&c, broken.as_bytes()).unwrap_err();
            prop_assert_eq!(line, i + 1);
            prop_assert!(reason.contains("expected `:`"), "{}", reason);
            Ok(())
        })
        .unwrap();
}

/// Any place a hand-edited file may name: lines past the end (or 0),
/// schedules that do not exist, rows, columns and projects that are not
/// there, text with wide and control characters.
fn any_location() -> impl Strategy<Value = Location> {
    let text = prop_oneof![
        Just("205".to_string()),
        Just("合计".to_string()),
        Just("财政拨款收入".to_string()),
        "(?s).{0,24}",
    ];
    (
        prop_oneof![Just(0u32), 1..1200u32, Just(u32::MAX)],
        prop::option::of(any::<u8>()),
        prop::option::of(text.clone()),
        prop::option::of(text.clone()),
        prop::option::of(text.clone()),
        prop::option::of(text),
    )
        .prop_map(|(line, schedule, row, column, project, section)| Location {
            line,
            schedule: schedule.map(ScheduleId),
            row,
            column,
            project,
            section,
        })
}

/// An own finding and an orphaned annotation (its finding gone from the
/// report) pointing at any place: the workbench lists them, drills into
/// them, shows the source and the cell popup, and draws at three sizes
/// without a panic.
#[test]
fn own_and_orphaned_findings_pointing_anywhere_open_in_the_workbench() {
    let c = Ctx::new();
    let base = sidecar::parse(Path::new("full"), &c.real[1]).unwrap();
    let (own_id, own) = base.own_findings.iter().next().unwrap();
    let (_, annotation) = base.annotations.iter().next().unwrap();
    let path = c.sidecar_path();
    runner(24)
        .run(&(any_location(), any_location()), |(at_own, at_orphan)| {
            let mut doc = base.clone();
            let mut o = own.clone();
            o.location = at_own;
            doc.own_findings.insert(own_id.clone(), o);
            let mut a = annotation.clone();
            a.seen.locations = vec![at_orphan];
            doc.annotations.insert("GONE:0123456789ab".to_string(), a);
            std::fs::write(&path, sidecar::to_bytes(&doc).unwrap()).unwrap();

            let model = juesuan::tui::load(&c.report_path).unwrap();
            let mut app = App::new(model, Keymap::defaults().unwrap(), Theme::new(false, false));
            let opened = Annotations::open(&c.report_path, Some(&path), Some("李审计"));
            assert!(opened.message.is_none(), "{:?}", opened.message);
            app.attach_annotations(opened.annotations, opened.message);
            let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
            for id in [own_id.as_str(), "GONE:0123456789ab"] {
                let at = app.model.findings.iter().position(|f| f.id == id);
                let at = at.unwrap_or_else(|| panic!("{id} is not listed"));
                for keys in ["<Enter>", "<Enter> s", "<Enter> i"] {
                    app.handle_key(Key::parse("3").unwrap());
                    app.findings.select(at);
                    for k in keys.split(' ') {
                        app.handle_key(Key::parse(k).unwrap());
                    }
                    for (w, h) in [(80, 24), (40, 12), (160, 48)] {
                        let area = Rect::new(0, 0, w, h);
                        buf.resize(area);
                        buf.reset();
                        ui::draw(&app, area, &mut buf);
                    }
                    app.handle_key(Key::parse("<Esc>").unwrap());
                }
            }
            Ok(())
        })
        .unwrap();
}
