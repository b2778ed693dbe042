//! Real sidecars, written by the review code (a `Session` on the sample),
//! for the property tests and as fuzz seeds (`examples/sidecar_seeds.rs`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use juesuan::report::{Report, ScheduleId};
use juesuan::review::{Session, TickTarget, Verdict};
use juesuan::rules::{Finding, Location, Severity};
use std::path::Path;

/// A note with the characters that break naive writers: CJK, astral emoji,
/// tab, quotes, backslash, braces, a bidi override and a bare CR.
pub const AWKWARD_NOTE: &str =
    "核对：差额 0.01 万元。\n😀🧾\t\"引号\" \\ {json} \u{202e}反向\r结尾";

/// Three sidecars for the report at `report_path` (parsed and checked as
/// `report`/`findings`), as the bytes juesuan wrote: one annotation; every
/// kind of entry (verdicts with reason, notes, sign-off, own finding, ticks
/// and an untick); ticks only. Each is saved to its own file in `dir`.
pub fn real_sidecars(
    dir: &Path,
    report_path: &Path,
    report: &Report,
    findings: &[Finding],
) -> Vec<Vec<u8>> {
    let open = |name: &str| {
        let mut s = Session::open(report_path, Some(&dir.join(name))).unwrap();
        s.set_auditor(Some("审计员甲"));
        s.attach(report, findings);
        s
    };
    let mut out = Vec::new();

    let mut one = open("one.audit.json");
    one.set_verdict(&findings[0].id, Verdict::Confirmed, None)
        .unwrap();
    one.set_note(&findings[0].id, "原有记录，不可丢失").unwrap();
    out.push(saved(&mut one));

    let mut full = open("full.audit.json");
    let (f1, f2) = (&findings[0].id, &findings[findings.len() - 1].id);
    full.set_verdict(f1, Verdict::Dismissed, Some("尾差\n可接受 ✓"))
        .unwrap();
    full.set_note(f1, AWKWARD_NOTE).unwrap();
    full.set_auditor(Some("复核员乙"));
    full.sign_off(f1).unwrap();
    full.set_verdict(f2, Verdict::FollowUp, None).unwrap();
    full.set_note(f2, "待与单位财务科核实\r\n（电话已约）")
        .unwrap();
    let own = full
        .add_own_finding(
            "机关运行经费口径不一致",
            Severity::Warning,
            "正文与公开06表不符",
            Location::cell(360, ScheduleId(2), "205", "财政拨款收入"),
        )
        .unwrap();
    full.set_verdict(&own, Verdict::Confirmed, None).unwrap();
    full.tick(
        TickTarget::Schedule {
            schedule: ScheduleId(3),
        },
        true,
    );
    full.tick(
        TickTarget::Row {
            schedule: ScheduleId(2),
            panel: String::new(),
            row: "205".into(),
        },
        true,
    );
    if let Some(p) = report.projects.first() {
        let t = TickTarget::Project {
            name: p.name.clone(),
        };
        full.tick(t.clone(), true);
        full.tick(t, false);
    }
    out.push(saved(&mut full));

    let mut ticks = open("ticks.audit.json");
    ticks.tick(
        TickTarget::Schedule {
            schedule: ScheduleId(1),
        },
        true,
    );
    out.push(saved(&mut ticks));
    out
}

fn saved(s: &mut Session) -> Vec<u8> {
    s.save().unwrap();
    std::fs::read(s.path()).unwrap()
}
