//! Annotations re-attach by fingerprint when the report's lines move, are
//! marked "changed since review" when the values move, and are kept as
//! orphans (never dropped) when their finding disappears.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::review::{Attach, Session, Verdict};
use std::collections::BTreeSet;

fn annotate_all(report_path: &std::path::Path) -> Vec<juesuan::rules::Finding> {
    let (report, findings) = common::checked(report_path);
    let mut s = Session::open(report_path, None).unwrap();
    s.attach(&report, &findings);
    for (k, f) in findings.iter().enumerate() {
        s.set_verdict(&f.id, Verdict::Confirmed, None).unwrap();
        s.set_note(&f.id, &format!("第 {k} 条：已核对")).unwrap();
    }
    s.save().unwrap();
    findings
}

#[test]
fn fingerprints_hold_when_lines_shift() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let before = annotate_all(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\n\n\n{text}")).unwrap();

    let (report, after) = common::checked(&path);
    let ids =
        |fs: &[juesuan::rules::Finding]| fs.iter().map(|f| f.id.clone()).collect::<BTreeSet<_>>();
    assert_eq!(
        ids(&before),
        ids(&after),
        "the same findings, by fingerprint"
    );
    let moved = before.iter().filter(|b| b.line() > 0).all(|b| {
        after
            .iter()
            .any(|a| a.id == b.id && a.line() == b.line() + 3)
    });
    assert!(moved, "every located finding moved down three lines");

    let mut s = Session::open(&path, None).unwrap();
    let att = s.attach(&report, &after).clone();
    assert!(
        att.report_changed,
        "the sidecar notices the report's sha256 changed"
    );
    assert!(att.orphans().is_empty(), "no orphans: {:?}", att.orphans());
    assert!(
        att.changed().is_empty(),
        "no values changed: {:?}",
        att.changed()
    );
    for (k, f) in before.iter().enumerate() {
        let st = att.status(&f.id).unwrap();
        assert_eq!(st.attach, Attach::Current);
        assert!(st.report_changed);
        assert_eq!(s.verdict_of(&f.id), Verdict::Confirmed);
        assert_eq!(
            s.annotation(&f.id).unwrap().note,
            format!("第 {k} 条：已核对")
        );
    }
    let p = s.progress();
    assert_eq!(
        (p.reviewed, p.total, p.orphans),
        (before.len(), before.len(), 0)
    );
    // Re-judging records the new report's sha256 and the new lines.
    s.set_verdict(&before[3].id, Verdict::Confirmed, None)
        .unwrap();
    assert!(
        !s.attachment()
            .unwrap()
            .status(&before[3].id)
            .unwrap()
            .report_changed
    );
}

#[test]
fn a_real_change_gives_orphans_and_changed_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let before = annotate_all(&path);
    let gone = common::finding_at(&before, "ROUNDING", 2, "合计", "财政拨款收入")
        .unwrap()
        .clone();
    let moved = common::finding_at(&before, "ROUNDING", 2, "合计", "本年收入合计")
        .unwrap()
        .clone();
    // 公开02表 合计: 本年收入合计 4,766.06 → 4,766.05, 财政拨款收入 4,766.06 → 4,766.07
    // (= the sum of its 类, so its rounding note disappears).
    let text = std::fs::read_to_string(&path).unwrap();
    let edited: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 358 {
                assert!(l.starts_with("合计\t\t4,766.06\t4,766.06"), "{l}");
                l.replacen("4,766.06\t4,766.06", "4,766.05\t4,766.07", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, edited.join("\n")).unwrap();

    let (report, after) = common::checked(&path);
    assert!(after.iter().all(|f| f.id != gone.id), "the finding is gone");
    let mut s = Session::open(&path, None).unwrap();
    let att = s.attach(&report, &after).clone();
    assert_eq!(att.orphans(), vec![gone.id.as_str()]);
    assert_eq!(
        att.status(&moved.id).unwrap().attach,
        Attach::Changed(vec!["actual", "difference"])
    );
    let orphan = s.annotation(&gone.id).unwrap();
    assert_eq!(orphan.seen.message, gone.message, "the old text is kept");
    assert_eq!(
        orphan.seen.locations, gone.locations,
        "the old location is kept"
    );
    assert_eq!(orphan.seen.line(), 358);
    assert_eq!(orphan.verdict, Verdict::Confirmed);

    // Saving other work never drops the orphan.
    let other = after
        .iter()
        .find(|f| !before.iter().any(|b| b.id == f.id))
        .unwrap();
    s.set_verdict(&other.id, Verdict::FollowUp, None).unwrap();
    s.save().unwrap();
    let back = Session::open(&path, None).unwrap();
    assert!(
        back.annotation(&gone.id).is_some(),
        "the orphan is still in the file"
    );
    assert_eq!(back.document().annotations.len(), before.len() + 1);
    let p = s.progress();
    assert_eq!(p.orphans, 1);
    assert_eq!(p.changed, 1);

    // `review --list` shows both states.
    let out = std::process::Command::new(common::BIN)
        .args(["review", path.to_str().unwrap(), "--list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.contains(&format!("{}  confirmed", gone.id)), "{list}");
    assert!(
        list.contains("[orphaned: finding no longer appears]"),
        "{list}"
    );
    assert!(
        list.contains("[changed since review: actual, difference]"),
        "{list}"
    );
    assert!(
        list.contains("[report edited since review; this finding is unchanged]"),
        "{list}"
    );
}
