//! The workbench with the auditor's annotations open, driven by keys and
//! read back from the screen and from the sidecar file: verdicts, the
//! dismissal reason, notes with a paste, own findings, ticks, progress,
//! a failed save retried, a corrupt file opened read-only and started fresh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_common;

use juesuan::review::Verdict;
use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::workbench::annotations::Annotations;
use juesuan::tui::workbench::app::{App, Popup};
use std::path::{Path, PathBuf};
use tui_common::{press, render, sample_path, status, DRILL_05};

const W: u16 = 100;
const H: u16 = 30;

/// A copy of the sample in a temp folder, so the sidecar lands there.
pub struct Copy {
    pub dir: tempfile::TempDir,
    pub report: PathBuf,
}

pub fn copy_sample() -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("chaoyang-hrss-2024.txt");
    std::fs::copy(sample_path(), &report).unwrap();
    Copy { dir, report }
}

/// The workbench on `report` with its annotations (or `explicit`) open as 李审计.
pub fn review_app(report: &Path, explicit: Option<&Path>) -> App {
    let model = load(report).unwrap();
    let mut app = App::new(model, Keymap::defaults().unwrap(), Theme::new(false, false));
    let opened = Annotations::open(report, explicit, Some("李审计"));
    app.attach_annotations(opened.annotations, opened.message);
    app
}

fn sidecar(report: &Path) -> String {
    let mut p = report.as_os_str().to_owned();
    p.push(".audit.json");
    std::fs::read_to_string(PathBuf::from(p)).unwrap()
}

fn selected_id(app: &App) -> String {
    let f = app.findings.selected().unwrap();
    app.model.findings[f].id.clone()
}

fn verdict(app: &App, id: &str) -> Verdict {
    app.annotations.as_ref().unwrap().session.verdict_of(id)
}

#[test]
fn confirming_marks_the_finding_saves_and_counts_progress() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let total = app.model.findings.len();
    let s = render(&app, W, H);
    assert!(
        status(&s).contains(&format!("审0/{total} 查0%")),
        "{}",
        status(&s)
    );
    let id = selected_id(&app);
    let row = app.findings.list.cursor;
    press(&mut app, "c");
    assert_eq!(verdict(&app, &id), Verdict::Confirmed);
    assert_ne!(selected_id(&app), id, "moved on to the next open finding");
    let s = render(&app, W, H);
    assert!(
        status(&s).contains(&format!("审1/{total}")),
        "{}",
        status(&s)
    );
    // The marker sits before the severity symbol of the selected finding.
    // (The list shows each finding from where it differs from its neighbours.)
    let label = &app.findings.labels[row];
    let head: String = label.chars().take(6).collect();
    assert!(s.contains(&format!("  ✓ ✗ {head}")), "{s}");
    assert!(s.contains("审核结论 verdict: 确认 confirmed"), "{s}");
    // Saved at once, with who.
    let file = sidecar(&c.report);
    assert!(file.contains("\"confirmed\""), "{file}");
    assert!(file.contains(&id) && file.contains("李审计"), "{file}");
}

#[test]
fn dismissing_asks_for_a_reason_and_refuses_a_blank_one() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let id = selected_id(&app);
    press(&mut app, "d <Enter>");
    assert_eq!(verdict(&app, &id), Verdict::Open);
    assert_eq!(app.popup, Some(Popup::Prompt), "asked again");
    assert!(render(&app, W, H).contains("排除理由 reason (required)"));
    press(&mut app, "text:已与财政局核实，口径不同 <Enter>");
    assert_eq!(verdict(&app, &id), Verdict::Dismissed);
    assert!(app.popup.is_none());
    assert_ne!(selected_id(&app), id, "moved on once the reason was given");
    press(&mut app, "k <Enter>");
    let s = render(&app, W, H);
    assert!(s.contains("理由 reason: 已与财政局核实，口径不同"), "{s}");
    assert!(sidecar(&c.report).contains("口径不同"));
}

#[test]
fn the_note_editor_takes_typing_newlines_and_a_paste() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    press(&mut app, DRILL_05);
    let f = app.current_index().unwrap();
    let id = app.model.findings[f].id.clone();
    press(&mut app, "e text:核对");
    assert_eq!(app.popup, Some(Popup::Editor));
    app.paste("：与财政局\r\n差额为录入错误");
    press(&mut app, "<Enter> text:第三行");
    let s = render(&app, W, H);
    assert!(s.contains("差额为录入错误"), "{s}");
    press(&mut app, "<C-s>");
    assert!(app.popup.is_none());
    let a = app.annotations.as_ref().unwrap();
    assert_eq!(
        a.session.annotation(&id).unwrap().note,
        "核对：与财政局\n差额为录入错误\n第三行"
    );
    // The drill-down shows the note and the history entry.
    let s = render(&app, W, H);
    assert!(s.contains("备注 note: 核对：与财政局"), "{s}");
    assert!(s.contains("李审计 note: 核对：与财政局"), "{s}");
    assert!(sidecar(&c.report).contains("核对：与财政局\\n差额为录入错误\\n第三行"));
    // Esc cancels: nothing changes.
    press(&mut app, "e text:丢弃 <Esc>");
    let a = app.annotations.as_ref().unwrap();
    assert!(!a.session.annotation(&id).unwrap().note.contains("丢弃"));
}

#[test]
fn an_own_finding_at_the_cell_is_listed_and_drills_down() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let before = app.model.findings.len();
    press(&mut app, DRILL_05);
    let cell = app.tables[4].cursor_cell().unwrap();
    press(
        &mut app,
        "a text:合计与决算批复不符 <Enter> <C-u> text:error <Enter>",
    );
    assert_eq!(app.popup, Some(Popup::Editor));
    app.paste("批复数 4,766.10");
    press(&mut app, "<C-s>");
    assert_eq!(app.model.findings.len(), before + 1);
    let f = app
        .model
        .findings
        .iter()
        .position(|f| f.rule == "OWN")
        .unwrap();
    assert_eq!(app.model.findings[f].message, "合计与决算批复不符");
    // Listed with the rule findings, under errors, in its own rule group.
    press(&mut app, "3");
    let s = render(&app, W, H);
    assert!(s.contains("OWN (1)"), "{s}");
    // Drill down from the list: the same cell as the one it was raised on.
    app.findings.select(f);
    press(&mut app, "<Enter>");
    assert_eq!(app.tables[4].cursor_cell(), Some(cell));
    let s = render(&app, W, H);
    assert!(s.contains("合计与决算批复不符"), "{s}");
    assert!(sidecar(&c.report).contains("批复数 4,766.10"));
}

#[test]
fn ticking_a_schedule_shows_coverage_and_unticks() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    press(&mut app, "1 g g j t");
    let s = render(&app, W, H);
    let st = status(&s).to_string();
    let pct: u32 = st
        .split("查")
        .nth(1)
        .and_then(|x| x.split('%').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(pct > 0, "{st}");
    assert!(s.contains("已查阅 ticked examined: 公开02表"), "{s}");
    // The schedules list marks it examined (+ after the status mark).
    assert!(s.contains("│✓+02 收入决算表"), "{s}");
    assert!(sidecar(&c.report).contains("schedule:02"));
    press(&mut app, "t");
    let s = render(&app, W, H);
    assert!(status(&s).contains("查0%"), "{}", status(&s));
    assert!(s.contains("│✓ 02 收入决算表"), "{s}");
    // A project from the projects list, and a row in the schedule view.
    press(&mut app, "2 g g t");
    assert!(
        render(&app, W, H).contains("+劳动大厦运行费"),
        "a ticked project carries + whatever its finding marker"
    );
    press(&mut app, "1 g g j <Enter> j t");
    let s = render(&app, W, H);
    assert!(
        s.contains("已查阅 ticked examined: 公开02表 教育支出"),
        "{s}"
    );
    assert!(status(&s).contains("查<1%"), "{}", status(&s));
    press(&mut app, "k");
    let s = render(&app, W, H);
    // The row carries + in the gutter once the cursor has left it.
    let ticked_row = s.lines().filter(|l| l.contains("│+")).count();
    assert_eq!(ticked_row, 1, "{s}");
    let file = sidecar(&c.report);
    assert!(
        file.contains("project:劳动大厦运行费") && file.contains("row:02:"),
        "{file}"
    );
}

#[test]
fn a_failed_save_is_shown_kept_and_retried() {
    let c = copy_sample();
    let missing = c.dir.path().join("not-yet");
    let side = missing.join("x.audit.json");
    let mut app = review_app(&c.report, Some(&side));
    let id = selected_id(&app);
    press(&mut app, "c");
    let s = render(&app, W, H);
    assert!(s.contains("未保存 NOT SAVED"), "{s}");
    assert!(status(&s).contains("未保存!"), "{}", status(&s));
    assert_eq!(verdict(&app, &id), Verdict::Confirmed, "memory kept");
    std::fs::create_dir(&missing).unwrap();
    app.tick();
    let s = render(&app, W, H);
    assert!(!status(&s).contains("未保存"), "{}", status(&s));
    assert!(std::fs::read_to_string(&side)
        .unwrap()
        .contains("confirmed"));
}

#[test]
fn a_corrupt_file_opens_read_only_with_its_place_and_can_start_fresh() {
    let c = copy_sample();
    let mut side = c.report.as_os_str().to_owned();
    side.push(".audit.json");
    let side = PathBuf::from(side);
    std::fs::write(&side, "{\n  \"schema\": 1,\n  oops\n}\n").unwrap();
    let mut app = review_app(&c.report, None);
    let s = render(&app, 160, H);
    assert!(s.contains("只读 read-only"), "{s}");
    assert!(s.contains(".audit.json:3:"), "{s}");
    assert!(status(&s).contains("只读"));
    // A change stays in memory, the file is untouched.
    press(&mut app, "c");
    assert!(std::fs::read_to_string(&side).unwrap().contains("oops"));
    press(&mut app, "R text:no <Enter>");
    assert!(std::fs::read_to_string(&side).unwrap().contains("oops"));
    press(&mut app, "R text:yes <Enter>");
    assert!(render(&app, 160, H).contains("started fresh"));
    let bak: Vec<_> = std::fs::read_dir(c.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".bak"))
        .collect();
    assert_eq!(bak.len(), 1);
    press(&mut app, "c");
    assert!(std::fs::read_to_string(&side)
        .unwrap()
        .contains("confirmed"));
}

#[test]
fn filter_by_verdict_and_sign_off_by_the_preparer_warns() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let id = selected_id(&app);
    press(&mut app, "c");
    assert_ne!(selected_id(&app), id, "moved on");
    press(&mut app, "k S");
    let s = render(&app, 160, H);
    assert!(s.contains("the reviewer (李审计) is the preparer"), "{s}");
    // v cycles: open, confirmed.
    press(&mut app, "v");
    assert!(!app
        .findings
        .shown()
        .iter()
        .any(|f| app.model.findings[*f].id == id));
    press(&mut app, "v");
    let shown = app.findings.shown();
    assert_eq!(shown.len(), 1);
    assert_eq!(app.model.findings[shown[0]].id, id);
    assert!(render(&app, W, H).contains("确认 confirmed"));
    press(&mut app, "x");
    assert_eq!(app.findings.shown().len(), app.model.findings.len());
}

/// The sample with a history: 08 confirmed, 09 dismissed then orphaned
/// (its key renamed in the file, as when a finding disappears), the 05
/// rounding note confirmed with a note, then follow-up, signed off, and
/// changed since review (its recorded value edited in the file).
fn annotated_sample() -> Copy {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let first = selected_id(&app);
    // A verdict moves on to the next open finding: no `j` between them.
    press(&mut app, "c");
    let gone = selected_id(&app);
    assert_ne!(gone, first, "c moved on");
    press(&mut app, "d text:本部门无国有资本经营预算 <Enter>");
    assert_ne!(selected_id(&app), gone, "the dismissal moved on");
    // The same finding three times over: each verdict moves on, so drill
    // back to it before the note and the sign-off.
    press(&mut app, DRILL_05);
    let rounding = app.current.clone();
    press(&mut app, "c");
    assert_ne!(app.current, rounding, "c moved on from the main view too");
    press(&mut app, DRILL_05);
    press(
        &mut app,
        "e text:与财政局核对： <Enter> text:差额为尾差，不影响合计 <C-s> u",
    );
    press(&mut app, DRILL_05);
    press(&mut app, "S");
    let mut p = c.report.as_os_str().to_owned();
    p.push(".audit.json");
    let side = PathBuf::from(p);
    let text = std::fs::read_to_string(&side).unwrap();
    assert!(text.contains(&gone) && text.contains("\"actual\": \"4766.06\""));
    let text = text
        .replace(&gone, "SCHEDULE-MISSING:000000000000")
        .replace("\"actual\": \"4766.06\"", "\"actual\": \"4766.00\"");
    std::fs::write(&side, text).unwrap();
    c
}

/// Times in the history vary per run: pin them (same width).
fn pin_times(s: &str) -> String {
    let s = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d")
        .unwrap()
        .replace_all(s, "2026-01-01 09:30");
    // A narrow pane shows the time alone, the date cut off.
    let s = regex::Regex::new(r"\d\d:\d\d · ")
        .unwrap()
        .replace_all(&s, "09:30 · ");
    // …or the date alone, the time cut off.
    let s = regex::Regex::new(r"\d{4}-\d\d-\d\d")
        .unwrap()
        .replace_all(&s, "2026-01-01");
    // The temp folder's random name shows in the source view's title; the
    // same length keeps the layout as drawn.
    regex::Regex::new(r"\.tmp[A-Za-z0-9]{6}/")
        .unwrap()
        .replace_all(&s, ".tmpXXXXXX/")
        .into_owned()
}

#[test]
fn snapshots_of_markers_orphans_and_the_history() {
    let c = annotated_sample();
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = review_app(&c.report, None);
        press(&mut app, "3 G");
        let s = pin_times(&render(&app, w, h));
        // The orphan keeps its old text, in its own group, dismissed.
        assert!(s.contains("孤立 Orphaned (1)"), "{s}");
        assert!(s.contains("✗?"), "{s}");
        insta::assert_snapshot!(format!("review_findings_{w}x{h}"), s);
        press(&mut app, DRILL_05);
        let s = pin_times(&render(&app, w, h));
        assert!(s.contains("F~"), "{s}");
        insta::assert_snapshot!(format!("review_detail_{w}x{h}"), s);
        if h == 48 {
            assert!(s.contains("changed since review: actual"), "{s}");
            assert!(s.contains("备注 note: 与财政局核对："), "{s}");
            assert!(s.contains("差额为尾差，不影响合计"), "{s}");
            assert!(s.contains("signed off follow-up (same person)"), "{s}");
            assert!(s.contains("历史 history (4)"), "{s}");
        }
    }
}

#[test]
fn export_writes_the_working_paper_beside_the_report() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let id = selected_id(&app);
    press(&mut app, "c E");
    let out = c.dir.path().join("chaoyang-hrss-2024.txt.audit.md");
    let s = render(&app, 160, H);
    assert!(s.contains("已导出 exported:"), "{s}");
    assert!(s.contains("chaoyang-hrss-2024.txt.audit.md"), "{s}");
    let md = std::fs::read_to_string(out).unwrap();
    assert!(md.contains(&id), "{md}");
    assert!(md.contains("confirmed") || md.contains("确认"), "{md}");
}

#[test]
fn another_writer_merges_with_a_notice_and_a_conflict_is_asked() {
    use juesuan::review::Session;
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let first = selected_id(&app);
    press(&mut app, "c");
    // The verdict moved the selection on to the next finding.
    let second = selected_id(&app);
    assert_ne!(second, first);
    // A colleague, in another process, changes another finding and this one.
    let mut other = Session::open(&c.report, None).unwrap();
    other.set_auditor(Some("同事"));
    let report = juesuan::input::read_file(&c.report).unwrap();
    let findings = juesuan::rules::check(&report);
    other.attach(&report, &findings);
    other.set_verdict(&second, Verdict::FollowUp, None).unwrap();
    other.save().unwrap();
    // Our next change merges theirs, with a notice.
    press(&mut app, "k u");
    assert!(render(&app, W, H).contains("已合并 merged 1 change"));
    assert_eq!(verdict(&app, &second), Verdict::FollowUp);
    assert_eq!(verdict(&app, &first), Verdict::FollowUp);
    // Both change the first finding: a real conflict, asked about.
    other.refresh().unwrap();
    other.set_verdict(&first, Verdict::Resolved, None).unwrap();
    other.save().unwrap();
    // u moved on (past the second, follow-up now): back to the first.
    assert_ne!(selected_id(&app), first);
    assert_ne!(selected_id(&app), second, "the merged verdict is skipped");
    press(&mut app, "g g");
    assert_eq!(selected_id(&app), first);
    press(&mut app, "c");
    assert_eq!(app.popup, Some(Popup::Prompt));
    let s = render(&app, 160, H);
    assert!(s.contains("冲突 conflict on"), "{s}");
    assert!(s.contains(&first), "{s}");
    press(&mut app, "text:t <Enter>");
    assert!(app.popup.is_none());
    assert_eq!(verdict(&app, &first), Verdict::Resolved, "theirs taken");
    let file = sidecar(&c.report);
    assert!(
        file.contains("\"resolved\"") && file.contains("同事"),
        "{file}"
    );
}

#[test]
fn an_own_finding_is_edited_with_its_values_prefilled_then_withdrawn() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let before = app.model.findings.len();
    press(&mut app, DRILL_05);
    press(&mut app, "a text:合计不符 <Enter> <C-u> text:info <Enter>");
    app.paste("初稿");
    press(&mut app, "<C-s>");
    let own = |app: &App| app.model.findings.iter().position(|f| f.rule == "OWN");
    let f = own(&app).unwrap();
    let id = app.model.findings[f].id.clone();
    // A rule finding is not the auditor's to edit.
    let rule_finding = (0..app.model.findings.len()).find(|&i| i != f).unwrap();
    press(&mut app, "3");
    app.findings.select(rule_finding);
    press(&mut app, "A");
    assert_eq!(app.popup, None, "no prompt for a rule finding");
    // Edit: the title, severity and note come back prefilled.
    app.findings.select(f);
    press(&mut app, "A");
    assert_eq!(app.prompt.text, "合计不符");
    press(&mut app, "text:，差0.04万元 <Enter>");
    assert_eq!(app.prompt.text, "info");
    press(&mut app, "<C-u> text:error <Enter>");
    assert_eq!(app.popup, Some(Popup::Editor));
    app.paste("，已核实");
    press(&mut app, "<C-s>");
    let f = own(&app).unwrap();
    let edited = &app.model.findings[f];
    assert_eq!(edited.id, id, "the same finding, edited in place");
    assert_eq!(edited.message, "合计不符，差0.04万元");
    assert_eq!(edited.severity, juesuan::rules::Severity::Error);
    assert_eq!(app.model.findings.len(), before + 1);
    let file = sidecar(&c.report);
    assert!(file.contains("初稿，已核实"), "{file}");
    // Withdraw asks first: anything but yes keeps it.
    app.findings.select(f);
    press(&mut app, "X text:no <Enter>");
    assert!(own(&app).is_some());
    app.findings.select(f);
    press(&mut app, "X text:yes <Enter>");
    assert!(own(&app).is_none(), "withdrawn findings are not listed");
    assert_eq!(app.model.findings.len(), before);
    let file = sidecar(&c.report);
    assert!(
        file.contains("\"withdrawn\": true"),
        "kept in the file: {file}"
    );
}

#[test]
fn keys_undo_the_last_verdicts_and_jump_to_the_next_unreviewed() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let total = app.model.findings.len();
    let first = selected_id(&app);
    press(&mut app, "c u");
    let third = selected_id(&app);
    let s = render(&app, W, H);
    assert!(
        status(&s).contains(&format!("审2/{total}")),
        "{}",
        status(&s)
    );
    press(&mut app, "U");
    let s = render(&app, W, H);
    assert!(s.contains("已撤销 undone: back to 未处理 open"), "{s}");
    assert!(
        status(&s).contains(&format!("审1/{total}")),
        "{}",
        status(&s)
    );
    let second = selected_id(&app);
    assert_ne!(second, third, "back on the finding undone");
    assert_eq!(verdict(&app, &second), Verdict::Open);
    press(&mut app, "U");
    assert_eq!(selected_id(&app), first);
    assert_eq!(verdict(&app, &first), Verdict::Open);
    press(&mut app, "U");
    assert!(render(&app, W, H).contains("nothing to undo"));
    let reread = juesuan::review::Session::open(&c.report, None).unwrap();
    assert_eq!(reread.verdict_of(&second), Verdict::Open, "saved as undone");
    assert_eq!(reread.verdict_of(&first), Verdict::Open);
    // `,` skips what has a verdict: the first is confirmed, the second
    // (from the first finding) is next, then, the second judged too, the third.
    press(&mut app, "c g g ,");
    assert_eq!(selected_id(&app), second);
    press(&mut app, "u g g ,");
    assert_eq!(selected_id(&app), third);
}

#[test]
fn a_verdict_key_on_a_rule_heading_judges_the_group_on_screen() {
    let c = copy_sample();
    let mut app = review_app(&c.report, None);
    let total = app.model.findings.len();
    // The first error's group heading: one `h` from its first finding.
    let first = selected_id(&app);
    let rule = app.model.findings[app.findings.selected().unwrap()]
        .rule
        .clone();
    let members: Vec<String> = app
        .model
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.id.clone())
        .collect();
    press(&mut app, "h");
    let s = render(&app, W, H);
    assert!(s.contains(&format!("整组 group {rule}")), "{s}");
    press(&mut app, "u");
    assert!(members
        .iter()
        .all(|id| verdict(&app, id) == Verdict::FollowUp));
    let s = render(&app, W, H);
    assert!(
        status(&s).contains(&format!("审{}/{total}", members.len())),
        "{}",
        status(&s)
    );
    assert!(
        !members.contains(&selected_id(&app)),
        "moved past the group"
    );
    press(&mut app, "U");
    assert!(members.iter().all(|id| verdict(&app, id) == Verdict::Open));
    assert_eq!(selected_id(&app), first);
    // A group dismissal: the prompt names the group; Esc cancels.
    press(&mut app, "h d");
    let s = render(&app, 160, H);
    assert!(
        s.contains(&format!("排除整组 dismiss {} × {rule}", members.len())),
        "{s}"
    );
    press(&mut app, "<Esc>");
    assert!(members.iter().all(|id| verdict(&app, id) == Verdict::Open));
    press(&mut app, "h d text:同属一处口径差异 <Enter>");
    assert!(members
        .iter()
        .all(|id| verdict(&app, id) == Verdict::Dismissed));
    assert!(sidecar(&c.report).contains("同属一处口径差异"));
}

/// Verdicts given in another session on the same report show at the
/// workbench's next tick (it polls the sidecar's size and mtime), with no
/// key pressed; this session's verdicts stay — also one that could not be
/// saved yet, which the tick's retry writes merged with theirs.
#[test]
fn another_sessions_verdicts_show_on_the_tick_and_ours_are_kept() {
    use juesuan::review::Session;
    let c = copy_sample();
    let report = juesuan::input::read_file(&c.report).unwrap();
    let findings = juesuan::rules::check(&report);
    let mut app = review_app(&c.report, None);
    let first = selected_id(&app);
    press(&mut app, "c");
    let second = selected_id(&app);
    let mut other = Session::open(&c.report, None).unwrap();
    other.set_auditor(Some("同事"));
    other.attach(&report, &findings);
    other.set_verdict(&second, Verdict::FollowUp, None).unwrap();
    other.save().unwrap();
    assert_eq!(
        verdict(&app, &second),
        Verdict::Open,
        "not seen before the tick"
    );
    app.tick();
    assert_eq!(verdict(&app, &second), Verdict::FollowUp);
    assert_eq!(verdict(&app, &first), Verdict::Confirmed);
    let s = render(&app, W, H);
    assert!(s.contains("已合并 merged 1 change"), "{s}");
    // A second tick with nothing new changes nothing.
    app.tick();
    assert_eq!(verdict(&app, &first), Verdict::Confirmed);

    // Unsaved: the sidecar's folder does not exist yet, so our verdict is
    // kept in memory only; then the other session creates the file.
    let later = c.dir.path().join("later");
    let side = later.join("r.audit.json");
    let mut app = review_app(&c.report, Some(&side));
    let ours = selected_id(&app);
    press(&mut app, "c");
    assert!(render(&app, W, H).contains("未保存 NOT SAVED"));
    let theirs = selected_id(&app);
    std::fs::create_dir(&later).unwrap();
    let mut other = Session::open(&c.report, Some(&side)).unwrap();
    other.set_auditor(Some("同事"));
    other.attach(&report, &findings);
    other.set_verdict(&theirs, Verdict::Resolved, None).unwrap();
    other.save().unwrap();
    app.tick();
    assert_eq!(verdict(&app, &ours), Verdict::Confirmed, "ours kept");
    assert_eq!(verdict(&app, &theirs), Verdict::Resolved, "theirs shown");
    let file = std::fs::read_to_string(&side).unwrap();
    assert!(
        file.contains("\"confirmed\"") && file.contains("\"resolved\""),
        "{file}"
    );
}
