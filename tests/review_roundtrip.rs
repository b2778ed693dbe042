//! Every field of the sidecar survives save and reopen, including arbitrary
//! Unicode notes; the file is pretty, ordered and diffs one annotation at a time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::report::ScheduleId;
use juesuan::review::{
    sidecar, Change, ReviewError, SaveOutcome, Session, TickTarget, Verdict, SCHEMA,
};
use juesuan::rules::{Location, Severity};

const NOTE: &str = "核对：差额 0.01 万元，系四舍五入。\n第二行 😀🧾 emoji\n\t制表符 \"引号\" \\ 反斜杠 {json} \u{202e}反向\r结尾";

#[test]
fn every_field_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let f1 = findings
        .iter()
        .find(|f| f.expected.is_some())
        .unwrap()
        .clone();
    let f2 = findings
        .iter()
        .find(|f| f.expected.is_none())
        .unwrap()
        .clone();

    let mut s = Session::open(&report_path, None).unwrap();
    s.set_auditor(Some("审计员甲"));
    s.attach(&report, &findings);
    assert_eq!(
        s.set_verdict(&f1.id, Verdict::Dismissed, Some("   ")),
        Err(ReviewError::ReasonRequired(f1.id.clone()))
    );
    s.set_verdict(&f1.id, Verdict::Dismissed, Some("尾差\n可接受 ✓"))
        .unwrap();
    s.set_note(&f1.id, NOTE).unwrap();
    s.set_auditor(Some("复核员乙"));
    assert!(!s.sign_off(&f1.id).unwrap().same_person);
    s.set_auditor(Some("审计员甲"));
    s.set_verdict(&f2.id, Verdict::FollowUp, None).unwrap();
    s.set_note(&f2.id, "待与单位财务科核实\r\n（电话已约）")
        .unwrap();
    let own = s
        .add_own_finding(
            "机关运行经费口径不一致",
            Severity::Warning,
            "正文与公开06表不符\n需追问",
            Location::cell(360, ScheduleId(2), "205", "财政拨款收入"),
        )
        .unwrap();
    s.set_verdict(&own, Verdict::Confirmed, None).unwrap();
    s.tick(
        TickTarget::Schedule {
            schedule: ScheduleId(3),
        },
        true,
    );
    s.tick(
        TickTarget::Row {
            schedule: ScheduleId(2),
            panel: String::new(),
            row: "205".into(),
        },
        true,
    );
    s.tick(
        TickTarget::Project {
            name: report.projects[0].name.clone(),
        },
        true,
    );
    s.tick(
        TickTarget::Project {
            name: report.projects[1].name.clone(),
        },
        true,
    );
    s.tick(
        TickTarget::Project {
            name: report.projects[1].name.clone(),
        },
        false,
    );
    assert_eq!(s.save().unwrap(), SaveOutcome::Saved);
    let written = s.document().clone();

    let sidecar_path = dir.path().join("chaoyang-hrss-2024.txt.audit.json");
    assert_eq!(s.path(), sidecar_path);
    let mut back = Session::open(&report_path, None).unwrap();
    assert_eq!(
        back.document(),
        &written,
        "the reopened document equals what was saved"
    );
    back.attach(&report, &findings);

    let doc = back.document();
    assert_eq!(doc.schema, SCHEMA);
    assert_eq!(
        doc.written_by,
        format!("juesuan {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(doc.report.sha256, report.source.sha256);
    assert_eq!(doc.report.file, "chaoyang-hrss-2024.txt");

    let a1 = back.annotation(&f1.id).unwrap();
    assert_eq!(a1.verdict, Verdict::Dismissed);
    assert_eq!(a1.reason.as_deref(), Some("尾差\n可接受 ✓"));
    assert_eq!(a1.note, NOTE, "the note comes back byte for byte");
    assert_eq!(
        a1.by, "复核员乙",
        "by = who made the last change (the sign-off)"
    );
    assert_eq!(a1.preparer(), "审计员甲");
    assert_eq!(a1.sign_off.as_ref().unwrap().by, "复核员乙");
    assert!(!a1.self_reviewed());
    assert_eq!(a1.seen.expected, f1.expected);
    assert_eq!(a1.seen.actual, f1.actual);
    assert_eq!(a1.seen.difference, f1.difference);
    assert_eq!(a1.seen.locations, f1.locations);
    assert_eq!(a1.seen.message, f1.message);
    assert_eq!(a1.seen.report_sha256, report.source.sha256);
    let changes: Vec<&Change> = a1.history.iter().map(|e| &e.change).collect();
    assert!(matches!(
        changes[0],
        Change::Verdict {
            verdict: Verdict::Dismissed,
            reason: Some(_)
        }
    ));
    assert!(matches!(changes[1], Change::Note { note } if note == NOTE));
    assert!(matches!(
        changes[2],
        Change::SignOff {
            same_person: false,
            ..
        }
    ));
    assert_eq!(a1.history[2].by, "复核员乙");

    let a2 = back.annotation(&f2.id).unwrap();
    assert_eq!(a2.verdict, Verdict::FollowUp);
    assert_eq!(
        a2.note, "待与单位财务科核实\n（电话已约）",
        "pasted CRLF becomes LF"
    );
    assert!(a2.reason.is_none());

    let o = &doc.own_findings[&own];
    assert!(own.starts_with("OWN:") && own.len() == 16, "{own}");
    assert_eq!(o.title, "机关运行经费口径不一致");
    assert_eq!(o.severity, Severity::Warning);
    assert_eq!(o.note, "正文与公开06表不符\n需追问");
    assert_eq!(o.location.row.as_deref(), Some("205"));
    assert_eq!(back.verdict_of(&own), Verdict::Confirmed);
    assert!(back
        .findings()
        .iter()
        .any(|f| f.id == own && f.rule == "OWN"));

    assert_eq!(doc.ticks.len(), 4);
    let p1 = &doc.ticks[&TickTarget::Project {
        name: report.projects[1].name.clone(),
    }
    .key()];
    assert!(!p1.examined);
    assert_eq!(
        p1.history.len(),
        2,
        "tick and untick are both in the history"
    );
    let p = back.progress();
    let rows_03 = report.schedules[2].rows().count();
    assert_eq!(
        p.coverage.rows.examined,
        rows_03 + 1,
        "schedule 03 whole plus one row of 02"
    );
    assert_eq!(p.coverage.projects.examined, 1);
    assert_eq!(p.coverage.schedules.examined, 1);
    assert_eq!(p.reviewed, 3);
    assert_eq!(p.total, findings.len() + 1);
}

#[test]
fn the_file_is_pretty_ordered_and_timestamps_are_utc() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    for f in &findings[..3] {
        s.set_verdict(&f.id, Verdict::Confirmed, None).unwrap();
    }
    s.save().unwrap();
    let text = std::fs::read_to_string(s.path()).unwrap();
    let pos = |k: &str| text.find(k).unwrap_or_else(|| panic!("{k} missing"));
    assert!(pos("\"schema\"") < pos("\"written_by\""));
    assert!(pos("\"written_by\"") < pos("\"report\""));
    assert!(pos("\"report\"") < pos("\"annotations\""));
    assert!(pos("\"annotations\"") < pos("\"own_findings\""));
    assert!(pos("\"own_findings\"") < pos("\"ticks\""));
    let mut ids: Vec<&str> = findings[..3].iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    assert!(
        pos(ids[0]) < pos(ids[1]) && pos(ids[1]) < pos(ids[2]),
        "annotations sorted by id"
    );
    assert!(
        text.lines().count() > 50,
        "pretty-printed, one field per line"
    );
    let stamps = juesuan::regex!(r#""at": "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)""#);
    assert!(
        stamps.captures_iter(&text).count() >= 6,
        "RFC 3339 UTC timestamps"
    );
    assert!(!text.contains("\"at\": \"") || stamps.is_match(&text));
    // Re-serialising what was read gives the same bytes: the order is stable.
    let doc = sidecar::read(s.path()).unwrap().unwrap().doc;
    assert_eq!(sidecar::to_bytes(&doc).unwrap(), text.as_bytes());
}

#[test]
fn changing_one_annotation_touches_only_its_block() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    for f in &findings[..4] {
        s.set_verdict(&f.id, Verdict::Confirmed, None).unwrap();
    }
    s.save().unwrap();
    let before = std::fs::read_to_string(s.path()).unwrap();
    let mut ids: Vec<&str> = findings[..4].iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    let target = ids[1];
    s.set_note(target, "只改这一条").unwrap();
    s.save().unwrap();
    let after = std::fs::read_to_string(s.path()).unwrap();
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let prefix = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let start = before.find(&format!("\"{target}\"")).unwrap();
    let end = before.find(&format!("\"{}\"", ids[2])).unwrap();
    let line_of = |off: usize| before[..off].lines().count();
    assert!(
        prefix >= line_of(start),
        "lines before the annotation are unchanged"
    );
    assert!(
        b.len() - suffix <= line_of(end),
        "lines after the annotation are unchanged"
    );
}

#[test]
fn history_is_append_only_and_sign_off_warns_on_same_person() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let id = findings[0].id.clone();
    let mut s = Session::open(&report_path, None).unwrap();
    s.set_auditor(Some("张三"));
    s.attach(&report, &findings);
    assert_eq!(
        s.sign_off(&id),
        Err(ReviewError::NothingToSignOff(id.clone()))
    );
    s.set_verdict(&id, Verdict::Confirmed, None).unwrap();
    let first = s.annotation(&id).unwrap().history.clone();
    let outcome = s.sign_off(&id).unwrap();
    assert!(outcome.same_person, "the preparer signing off is flagged");
    assert!(s.annotation(&id).unwrap().self_reviewed());
    s.set_verdict(&id, Verdict::Resolved, Some("单位已更正"))
        .unwrap();
    let a = s.annotation(&id).unwrap();
    assert!(a.sign_off.is_none(), "a new verdict needs a new sign-off");
    assert_eq!(a.history.len(), 3);
    assert_eq!(
        a.history[..first.len()],
        first[..],
        "earlier entries are never rewritten"
    );
    s.set_note(&id, "x").unwrap();
    s.set_note(&id, "x").unwrap();
    assert_eq!(
        s.annotation(&id).unwrap().history.len(),
        4,
        "an unchanged note records nothing"
    );
    s.save().unwrap();
    let back = Session::open(&report_path, None).unwrap();
    assert_eq!(back.annotation(&id).unwrap().history.len(), 4);
}

#[test]
fn unknown_ids_and_prefixes() {
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let mut s = Session::open(&report_path, None).unwrap();
    s.attach(&report, &findings);
    assert!(matches!(
        s.set_verdict("NOPE:000000000000", Verdict::Confirmed, None),
        Err(ReviewError::UnknownFinding(_))
    ));
    let id = &findings[0].id;
    assert_eq!(s.resolve_id(&id[..id.len() - 4]).unwrap(), *id);
    assert!(
        s.resolve_id("ROUNDING:").is_err(),
        "an ambiguous prefix is refused"
    );
    assert!(!s.is_dirty());
    assert_eq!(s.save().unwrap(), SaveOutcome::UpToDate);
    assert!(!s.path().exists(), "nothing to save creates no file");
}

/// Characters that break naive writers and terminals: C0/C1 controls, ESC,
/// DEL, bidi overrides and isolates, zero-width and BOM, line and paragraph
/// separators, the replacement character, the last scalar, astral emoji and
/// CJK extension B, JSON's own quote, backslash and braces.
const AWKWARD: &[char] = &[
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{80}',
    '\u{9b}',
    '\u{85}',
    '\u{202e}',
    '\u{202d}',
    '\u{2066}',
    '\u{2069}',
    '\u{200b}',
    '\u{200d}',
    '\u{feff}',
    '\u{2028}',
    '\u{2029}',
    '\u{fffd}',
    '\u{10ffff}',
    '\u{d7ff}',
    '\u{e000}',
    '😀',
    '🧾',
    '𠀀',
    '合',
    '计',
    '。',
    '"',
    '\\',
    '{',
    '}',
    '/',
    ' ',
    'a',
];

/// Any string, awkward ones much more often than chance would give, the
/// empty one, and very long ones (up to 200 000 characters).
fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "(?s).{0,200}",
        prop::collection::vec(prop::sample::select(AWKWARD), 0..200)
            .prop_map(|v| v.into_iter().collect()),
        Just(String::new()),
        (prop::sample::select(AWKWARD), 10_000..200_000usize)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

/// A note, a dismissal reason, an own finding's title and note and the
/// auditor's name, whatever their characters, come back from the file as
/// they were set (notes with CRLF as LF, reason and title trimmed, as the
/// session documents), and the file re-serialises to the same bytes. (The
/// fixed strings above are the hand-picked cases; this is the generated one.)
#[test]
fn arbitrary_unicode_text_survives_save_and_reopen() {
    use proptest::test_runner::{Config, TestRunner};
    let dir = tempfile::tempdir().unwrap();
    let report_path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&report_path);
    let id = findings[0].id.clone();
    let seq = std::cell::Cell::new(0);
    let cases = std::env::var("JUESUAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let input = (any_text(), any_text(), any_text(), any_text(), any_text());
    let mut runner = TestRunner::new(Config {
        cases,
        max_shrink_iters: 128,
        ..Config::default()
    });
    runner
        .run(&input, |(note, reason, title, own_note, who)| {
            seq.set(seq.get() + 1);
            let path = dir.path().join(format!("{}.audit.json", seq.get()));
            let mut s = Session::open(&report_path, Some(&path)).unwrap();
            s.set_auditor(Some(&who));
            s.attach(&report, &findings);
            let auditor = s.auditor().to_string();
            let reason_kept = !reason.trim().is_empty();
            let verdict = if reason_kept {
                Verdict::Dismissed
            } else {
                Verdict::FollowUp
            };
            s.set_verdict(&id, verdict, Some(&reason)).unwrap();
            s.set_note(&id, &note).unwrap();
            let own = s
                .add_own_finding(&title, Severity::Info, &own_note, Location::text(7, &who))
                .ok();
            assert_eq!(own.is_some(), !title.trim().is_empty());
            assert_eq!(s.save().unwrap(), SaveOutcome::Saved);

            let bytes = std::fs::read(&path).unwrap();
            let back = Session::open(&report_path, Some(&path)).unwrap();
            assert_eq!(back.document(), s.document(), "reopened differs");
            let a = back.annotation(&id).unwrap();
            assert_eq!(a.note, note.replace("\r\n", "\n"));
            assert_eq!(a.reason.as_deref(), reason_kept.then(|| reason.trim()));
            assert_eq!(a.by, auditor);
            if let Some(own) = own {
                let o = &back.document().own_findings[&own];
                assert_eq!(o.title, title.trim());
                assert_eq!(o.note, own_note.replace("\r\n", "\n"));
                assert_eq!(o.location.section.as_deref(), Some(who.as_str()));
            }
            let doc = sidecar::parse(&path, &bytes).unwrap();
            assert_eq!(sidecar::to_bytes(&doc).unwrap(), bytes, "not a fixed point");
            Ok(())
        })
        .unwrap();
}
