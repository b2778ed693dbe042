//! The sidecar loader on arbitrary bytes, with what follows a load: attach to
//! the sample's findings, coverage, merge, and save → reload.
//! - A rejected file is an error naming the file, line, column and reason.
//! - An accepted document attaches without panicking, and what juesuan writes
//!   for it parses back to an equal document (and the same bytes).
//! - For one input in sixteen, the same through the files on disk (a session
//!   opened on the bytes, every export format, a save): a file that cannot
//!   be read is left byte for byte as it was. For one in 64, the workbench
//!   opened on it (own findings and orphaned annotations point anywhere),
//!   findings drilled into and drawn at a few sizes.
#![no_main]

use juesuan::report::Report;
use juesuan::review::coverage::{coverage, Shape};
use juesuan::review::export::{self, Format};
use juesuan::review::merge::{merge, KeepOurs};
use juesuan::review::{attach::attach, sidecar, Document, Session, SidecarError, TickTarget};
use juesuan::rules::Finding;
use juesuan::tui::annotations::Annotations;
use juesuan::tui::app::App;
use juesuan::tui::key::Key;
use juesuan::tui::keymap::Keymap;
use juesuan::tui::theme::Theme;
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SAMPLE: &str = include_str!("../../sample-data/chaoyang-hrss-2024.txt");

struct Ctx {
    report: Report,
    findings: Vec<Finding>,
    shape: Shape,
    dir: PathBuf,
    report_path: PathBuf,
}

fn ctx() -> &'static Ctx {
    static CTX: OnceLock<Ctx> = OnceLock::new();
    CTX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("juesuan-fuzz-sidecar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let report_path = dir.join("chaoyang-hrss-2024.txt");
        std::fs::write(&report_path, SAMPLE).expect("write the sample");
        let report = juesuan::input::read_file(&report_path).expect("the sample parses");
        let findings = juesuan::rules::check(&report);
        let shape = Shape::of(&report);
        Ctx {
            report,
            findings,
            shape,
            dir,
            report_path,
        }
    })
}

fn rejected(e: &SidecarError, path: &Path) {
    assert!(e.is_unreadable_content(), "{e}");
    assert_eq!(e.path(), path);
    let msg = e.to_string();
    let prefix = format!("{}:", path.display());
    assert!(msg.starts_with(&prefix), "{msg}");
    // file:LINE:COLUMN: reason
    let rest = &msg[prefix.len()..];
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a line number");
    let column: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a column number");
    assert!(line >= 1 && column >= 1);
    assert!(
        parts.next().is_some_and(|r| r.trim().len() > 3),
        "{msg}: no reason"
    );
}

fn accepted(c: &Ctx, doc: &Document, path: &Path) {
    let a = attach(doc, &c.report.source.sha256, &c.findings);
    assert_eq!(a.statuses.len(), doc.annotations.len());
    let _ = (a.orphans(), a.changed());
    let cov = coverage(&c.shape, doc);
    assert!(cov.percent() <= 100);
    let _ = doc.own_as_findings();
    let empty = Document::default();
    let m = merge(&empty, doc, &empty, &KeepOurs::new());
    assert!(m.conflicts.is_empty(), "one side unchanged cannot conflict");
    assert!(m.doc.same_entries(doc), "an unchanged side takes the other");
    let bytes = sidecar::to_bytes(doc).expect("a loaded document serialises");
    let back = sidecar::parse(path, &bytes).unwrap_or_else(|e| panic!("own output rejected: {e}"));
    assert_eq!(&back, doc, "save → reload changed the document");
    assert_eq!(sidecar::to_bytes(&back).expect("serialises"), bytes);
}

fn on_disk(c: &Ctx, data: &[u8], parsed: &Result<Document, SidecarError>) {
    let path = c.dir.join("chaoyang-hrss-2024.txt.audit.json");
    std::fs::write(&path, data).expect("write the scratch sidecar");
    match Session::open(&c.report_path, Some(&path)) {
        Err(e) => {
            assert!(parsed.is_err(), "opens in memory, not from disk: {e}");
            rejected(&e, &path);
            let ro = Session::open_read_only(&c.report_path, Some(&path)).expect("read-only opens");
            assert!(ro.read_only().is_some());
            assert_eq!(
                std::fs::read(&path).expect("reread"),
                data,
                "an unreadable file was changed"
            );
        }
        Ok(mut s) => {
            let Ok(doc) = parsed else {
                panic!("opens from disk, not in memory")
            };
            assert_eq!(s.document(), doc);
            s.attach(&c.report, &c.findings);
            let _ = s.findings();
            let _ = s.progress();
            for f in [Format::Markdown, Format::Csv, Format::Json, Format::Sarif] {
                let _ = export::render(&c.report, &s, f);
            }
            s.tick(
                TickTarget::Schedule {
                    schedule: juesuan::report::ScheduleId(1),
                },
                true,
            );
            s.save().unwrap_or_else(|e| panic!("save failed: {e}"));
            let back = Session::open(&c.report_path, Some(&path)).expect("reopen what was saved");
            assert_eq!(
                back.document(),
                s.document(),
                "save → reopen changed the document"
            );
        }
    }
    // The workbench costs a parse and check of the sample: one in four of
    // these (one input in 64).
    if data.len() % 4 == 0 {
        std::fs::write(&path, data).expect("write the scratch sidecar");
        in_workbench(c, &path);
    }
}

/// The workbench with the sidecar open: the findings list from the top and
/// from the bottom (own findings and orphans come last), Enter on each of
/// the last few (drill-down to wherever they point), drawn at three sizes.
fn in_workbench(c: &Ctx, path: &Path) {
    let model = juesuan::tui::load(&c.report_path).expect("the sample loads");
    let keymap = Keymap::defaults().expect("the default keymap loads");
    let mut app = App::new(model, keymap, Theme::new(false, false));
    let opened = Annotations::open(&c.report_path, Some(path), Some("fuzz"));
    app.attach_annotations(opened.annotations, opened.message);
    let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
    let mut draw = |app: &App| {
        for (w, h) in [(80, 24), (40, 12), (200, 50)] {
            let area = Rect::new(0, 0, w, h);
            buf.resize(area);
            buf.reset();
            juesuan::tui::ui::draw(app, area, &mut buf);
        }
    };
    draw(&app);
    let walks: [&[&str]; 4] = [
        &["3", "G", "<Enter>"],
        &["3", "G", "k", "<Enter>"],
        &["3", "G", "k", "k", "<Enter>", "s"],
        &["3", "g", "g", "<Enter>", "i"],
    ];
    for keys in walks {
        for k in keys {
            app.handle_key(Key::parse(k).expect("a key"));
        }
        draw(&app);
        app.handle_key(Key::parse("<Esc>").expect("a key"));
    }
}

fuzz_target!(|data: &[u8]| {
    let c = ctx();
    let path = Path::new("fuzz.audit.json");
    let parsed = sidecar::parse(path, data);
    match &parsed {
        Err(e) => rejected(e, path),
        Ok(doc) => accepted(c, doc, path),
    }
    if data.last().is_some_and(|b| b % 16 == 0) {
        on_disk(c, data, &parsed);
    }
});
