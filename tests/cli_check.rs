//! `juesuan check` as scripts see it: exit codes, one clear stderr line for
//! unreadable input, the same findings whatever the encoding.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "sample-data/chaoyang-hrss-2024.txt";

fn juesuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_findings(o: &Output) -> serde_json::Value {
    let s = String::from_utf8(o.stdout.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(s.trim()).unwrap();
    v["findings"].clone()
}

#[test]
fn sample_json_object_follows_the_contract() {
    let o = juesuan(&["check", SAMPLE, "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the sample has errors (missing 08/09)"
    );
    let s = String::from_utf8(o.stdout).unwrap();
    assert_eq!(s.lines().count(), 1, "one object per report, one line");
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["file"], SAMPLE);
    assert_eq!(v["report"]["year"], 2024);
    assert_eq!(
        v["report"]["department"],
        "辽宁省朝阳市人力资源和社会保障局(本级)"
    );
    let f = v["findings"].as_array().unwrap();
    let missing = f
        .iter()
        .find(|x| x["rule"] == "SCHEDULE-MISSING" && x["locations"][0]["schedule"] == "08")
        .unwrap();
    assert_eq!(missing["severity"], "error");
    let rounding = f
        .iter()
        .find(|x| {
            x["rule"] == "ROUNDING"
                && x["locations"][0]["schedule"] == "03"
                && x["locations"][0]["column"] == "基本支出"
        })
        .unwrap();
    assert_eq!(rounding["severity"], "info");
    assert_eq!(rounding["expected"], "1162.44");
    assert_eq!(rounding["actual"], "1162.43");
    assert_eq!(rounding["locations"][0]["line"], 404);
    assert_eq!(rounding["locations"][0]["row"], "合计");
    assert_eq!(
        rounding["locations"][1]["row"], "208",
        "parts follow the total"
    );
    for key in ["line", "schedule", "row", "column", "project", "section"] {
        assert!(
            rounding["locations"][0].get(key).is_some(),
            "location has {key}"
        );
    }
    assert!(f.iter().all(|x| x["id"]
        .as_str()
        .unwrap()
        .starts_with(x["rule"].as_str().unwrap())));
}

#[test]
fn fail_on_levels() {
    assert_eq!(
        juesuan(&["check", SAMPLE, "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        juesuan(&["check", SAMPLE, "--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    let text = juesuan(&["check", SAMPLE]);
    let out = String::from_utf8(text.stdout).unwrap();
    assert!(
        out.contains("sample-data/chaoyang-hrss-2024.txt:404: info ROUNDING:"),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().contains("errors"),
        "a summary line ends the output"
    );
}

#[test]
fn same_findings_in_every_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let crlf = text.replace('\n', "\r\n");
    let variants = [
        write(dir.path(), "gb.txt", &gb),
        write(dir.path(), "bom.txt", &bom),
        write(dir.path(), "crlf.txt", crlf.as_bytes()),
    ];
    let base = json_findings(&juesuan(&["check", SAMPLE, "--format", "json"]));
    assert!(base.as_array().unwrap().len() > 5);
    for v in &variants {
        let got = json_findings(&juesuan(&[
            "check",
            v.to_str().unwrap(),
            "--format",
            "json",
        ]));
        assert_eq!(got, base, "{}", v.display());
    }
}

#[test]
fn unreadable_inputs_exit_2_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (write(dir.path(), "empty.txt", b""), "empty"),
        (write(dir.path(), "blank.txt", b"\n\n  \n"), "empty"),
        (
            write(
                dir.path(),
                "bin.dat",
                &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0],
            ),
            "binary",
        ),
        (
            write(
                dir.path(),
                "notes.txt",
                "今天开会讨论了明年的工作安排。\n没有表格。\n".as_bytes(),
            ),
            "not a 部门决算 report",
        ),
        (
            write(
                dir.path(),
                "latin1.txt",
                &[0xff, 0xfe, 0xfd, 0x41, 0xff, 0xff, 0xff],
            ),
            "not a 部门决算 report",
        ),
        (dir.path().join("does-not-exist.txt"), "cannot read"),
    ];
    for (path, why) in cases {
        let o = juesuan(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", path.display());
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "one line: {e}");
        assert!(e.contains(path.to_str().unwrap()), "names the file: {e}");
        assert!(e.contains(why), "{}: says why ({why}): {e}", path.display());
    }
}

#[test]
fn a_huge_line_neither_hangs_nor_panics() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "9".repeat(2 * 1024 * 1024);
    let p = write(dir.path(), "huge.txt", huge.as_bytes());
    let o = juesuan(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a 部门决算 report"));
    // The same line inside the real report is cut, reported, and the rest is read.
    let mut text = std::fs::read_to_string(SAMPLE).unwrap();
    text.push('\n');
    text.push_str(&huge);
    let p = write(dir.path(), "sample-huge.txt", text.as_bytes());
    let o = juesuan(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let f = json_findings(&o);
    assert!(f
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["rule"] == "PARSE-LINE-TOO-LONG" && x["locations"][0]["line"] == 1154));
}

#[test]
fn truncated_report_is_read_as_far_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let cut: String = text.lines().take(420).collect::<Vec<_>>().join("\n");
    let p = write(dir.path(), "cut.txt", cut.as_bytes());
    let o = juesuan(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let f = json_findings(&o);
    let missing: Vec<&str> = f
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["rule"] == "SCHEDULE-MISSING")
        .map(|x| x["locations"][0]["schedule"].as_str().unwrap())
        .collect();
    assert_eq!(missing, vec!["04", "05", "06", "07", "08", "09"]);
    assert!(
        f.as_array()
            .unwrap()
            .iter()
            .any(|x| x["rule"] == "SCHEDULE-PARTIAL" && x["locations"][0]["schedule"] == "03"),
        "03 lost its 合计 tail? {f}"
    );
}

#[test]
fn rules_and_explain() {
    let o = juesuan(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s
        .lines()
        .any(|l| l.starts_with("SUM-HIERARCHY") && l.contains("error")));
    let o = juesuan(&["explain", "sum-hierarchy"]);
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("类等于其下5位款之和"));
    assert_eq!(
        juesuan(&["explain", "NO-SUCH-RULE"]).status.code(),
        Some(64)
    );
    assert_eq!(
        juesuan(&["check"]).status.code(),
        Some(64),
        "usage errors have their own code"
    );
}

/// A reader that stops early (`juesuan dump … | head -c 10`) closes the
/// pipe: each listing command ends with exit 4 and no panic, not 101 with
/// a backtrace.
#[test]
fn a_closed_output_pipe_is_exit_4_not_a_panic() {
    use std::io::Read;
    for args in [
        &["dump", "sample-data/chaoyang-hrss-2024.txt"][..],
        &["rules"][..],
        &["keymap"][..],
        &["explain", "TEXT-CHANGE"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_juesuan"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before anything is read.
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(matches!(status.code(), Some(0 | 4)), "{args:?}: {status:?}");
    }
}
