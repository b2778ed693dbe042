//! `juesuan check DIR_OR_FILES...`: a folder of good, broken and non-report
//! files gives the right JSON lines, summary and exit code, in the same order
//! whatever the number of workers, and no unreadable file stops the batch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_width::UnicodeWidthStr;

const SAMPLE: &str = include_str!("../sample-data/chaoyang-hrss-2024.txt");

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn juesuan(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .output()
        .expect("run juesuan");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().expect("exit code"),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// The mixed folder, and its report candidates in the order the batch must
/// print them (sorted walk; .md, .csv and hidden entries are not candidates).
fn mixed_folder() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    write("a-good.txt", SAMPLE.as_bytes());
    write("b-gb18030.txt", &encoding_rs::GB18030.encode(SAMPLE).0);
    write("c-empty.txt", b"");
    write(
        "d-binary.pdf",
        &[0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xff, 0x00, 0x02],
    );
    let truncated: String = SAMPLE.lines().take(300).map(|l| format!("{l}\n")).collect();
    write("e-truncated.txt", truncated.as_bytes());
    write("f-notes.txt", "shopping list\nmilk\neggs\n".as_bytes());
    write("README.md", b"# not a candidate\n");
    write("data.csv", b"a,b\n1,2\n");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    write("sub/g-good.txt", SAMPLE.as_bytes());
    std::fs::create_dir_all(d.join(".hidden")).unwrap();
    write(".hidden/h.txt", SAMPLE.as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    let mut order = vec!["a-good.txt", "b-gb18030.txt", "c-empty.txt", "d-binary.pdf"];
    if cfg!(unix) {
        order.push("dangling.txt");
    }
    order.extend(["e-truncated.txt", "f-notes.txt", "sub/g-good.txt"]);
    let order = order.into_iter().map(|n| d.join(n)).collect();
    (dir, order)
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// The single-file JSON object for a file, checked on its own.
fn single(path: &Path) -> Value {
    let run = juesuan(&["check", "--format", "json", s(path)]);
    let mut lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    lines.remove(0)
}

fn counts(v: &Value) -> (usize, usize, usize) {
    let f = v["findings"].as_array().unwrap();
    let n = |sev: &str| f.iter().filter(|x| x["severity"] == sev).count();
    (n("error"), n("warning"), n("info"))
}

#[test]
fn json_lines_for_a_mixed_folder() {
    let (dir, order) = mixed_folder();
    let run = juesuan(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(run.code, 2, "an unreadable file makes the batch exit 2");
    let lines = json_lines(&run.stdout);
    let files: Vec<&str> = lines.iter().map(|v| v["file"].as_str().unwrap()).collect();
    let expected: Vec<&str> = order.iter().map(|p| s(p)).collect();
    assert_eq!(
        files, expected,
        "one line per candidate, in sorted walk order"
    );

    let by_name = |name: &str| {
        lines
            .iter()
            .find(|v| v["file"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    let good = single(&order[0]);
    assert!(counts(&good).0 > 0, "the sample has errors to compare");
    for name in ["a-good.txt", "sub/g-good.txt"] {
        let v = by_name(name);
        assert_eq!(
            v["findings"], good["findings"],
            "{name}: batch = single file"
        );
        assert_eq!(v["report"], good["report"]);
    }
    assert_eq!(
        by_name("b-gb18030.txt")["findings"],
        good["findings"],
        "GB18030 text gives the same findings as UTF-8"
    );
    let truncated = by_name("e-truncated.txt");
    assert_eq!(
        truncated["report"]["department"],
        good["report"]["department"]
    );
    let missing = truncated["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SCHEDULE-MISSING")
        .count();
    assert_eq!(missing, 9, "a report cut before its tables misses all nine");

    let mut unreadable = vec![
        ("c-empty.txt", "empty"),
        ("d-binary.pdf", "binary"),
        ("f-notes.txt", "not a 部门决算 report"),
    ];
    if cfg!(unix) {
        unreadable.push(("dangling.txt", "No such file"));
    }
    for (name, why) in &unreadable {
        let v = by_name(name);
        assert!(v["report"].is_null(), "{name}");
        assert_eq!(v["findings"], serde_json::json!([]), "{name}");
        let error = v["error"].as_str().unwrap();
        assert!(
            error.contains(name) && error.contains(why),
            "{name}: {error}"
        );
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(why)),
            "{name} named on stderr: {}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr.lines().count(),
        unreadable.len(),
        "{}",
        run.stderr
    );
}

#[test]
fn text_summary_for_a_mixed_folder() {
    let (dir, order) = mixed_folder();
    let json = json_lines(&juesuan(&["check", "--format", "json", s(dir.path())]).stdout);
    let run = juesuan(&["check", s(dir.path())]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("report ") && l.contains("department"))
        .expect("a summary table");
    let table = &lines[header..];
    assert_eq!(
        table.len(),
        order.len() + 2,
        "header, one row per file, total"
    );
    assert!(
        lines[header - 1].is_empty(),
        "a blank line before the table"
    );
    // Findings come before the table, report by report, in order.
    let first_finding = |p: &Path| {
        lines
            .iter()
            .position(|l| l.starts_with(&format!("{}:", s(p))))
    };
    let a = first_finding(&order[0]).unwrap();
    let g = first_finding(order.last().unwrap()).unwrap();
    assert!(a < g && g < header);

    let width = table[0].width();
    assert!(
        table.iter().all(|l| l.width() == width),
        "columns aligned by display width:\n{}",
        table.join("\n")
    );
    for (row, (path, v)) in table[1..].iter().zip(order.iter().zip(&json)) {
        assert!(row.starts_with(s(path)), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let (e, w, i) = counts(v);
        let unreadable = usize::from(v["report"].is_null());
        assert_eq!(
            cols[n - 4..],
            [
                e.to_string(),
                w.to_string(),
                i.to_string(),
                unreadable.to_string()
            ],
            "{row}"
        );
        if let Some(dept) = v["report"]["department"].as_str() {
            assert!(row.contains(dept), "{row}");
        }
    }
    let total: Vec<&str> = table.last().unwrap().split_whitespace().collect();
    let sum = |k: usize| {
        json.iter()
            .map(|v| [counts(v).0, counts(v).1, counts(v).2][k])
            .sum::<usize>()
            .to_string()
    };
    let unreadable = json.iter().filter(|v| v["report"].is_null()).count();
    assert_eq!(total[0], "total");
    assert_eq!(
        total[total.len() - 4..],
        [sum(0), sum(1), sum(2), unreadable.to_string()]
    );
}

#[test]
fn exit_code_over_all_reports() {
    let (dir, order) = mixed_folder();
    let good = [s(&order[0]), s(order.last().unwrap())];
    let empty = s(&order[2]);
    let sub = dir.path().join("sub");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend(extra);
        juesuan(&args).code
    };
    assert_eq!(
        check(&[good[0], good[1]]),
        1,
        "errors reach the default --fail-on error"
    );
    assert_eq!(check(&["--fail-on", "never", good[0], good[1]]), 0);
    assert_eq!(
        check(&["--fail-on", "never", good[0], empty]),
        2,
        "unreadable beats clean"
    );
    assert_eq!(check(&[empty, good[0]]), 2, "unreadable beats findings");
    assert_eq!(
        check(&["--fail-on", "warning", s(&sub)]),
        1,
        "a folder of good reports"
    );
    let nowhere = dir.path().join("no-such-file.txt");
    assert_eq!(check(&[s(&nowhere)]), 2);
    let empty_dir = dir.path().join("empty-folder");
    std::fs::create_dir(&empty_dir).unwrap();
    let run = juesuan(&["check", s(&empty_dir)]);
    assert_eq!(
        run.code, 2,
        "a folder without reports is an error, not a clean pass"
    );
    assert!(run.stderr.contains("no report files"), "{}", run.stderr);
    assert_eq!(juesuan(&["check", "--jobs", "0", good[0]]).code, 64);
}

#[test]
fn unreadable_inputs_never_stop_the_batch() {
    let (dir, order) = mixed_folder();
    let missing = dir.path().join("missing.txt");
    let args = [
        s(&missing),
        s(&order[2]),
        s(&order[0]),
        s(&order[3]),
        s(&order[0]),
        "/no/such/folder/",
    ];
    let mut full = vec!["check", "--format", "json", "--jobs", "2"];
    full.extend(args);
    let run = juesuan(&full);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), args.len(), "every input gets its line");
    let readable: Vec<bool> = lines.iter().map(|v| !v["report"].is_null()).collect();
    assert_eq!(readable, [false, false, true, false, true, false]);
    for (v, arg) in lines.iter().zip(args) {
        assert_eq!(v["file"], arg);
    }
    assert_eq!(run.code, 2);
}

#[test]
fn jobs_1_and_2_give_identical_output() {
    let (dir, order) = mixed_folder();
    let corpus = dir.path().join("corpus");
    juesuan::corpus::write_corpus(&corpus, SAMPLE, 40, 11).unwrap();
    for format in ["json", "text"] {
        let one = juesuan(&["check", "--format", format, "--jobs", "1", s(dir.path())]);
        let two = juesuan(&["check", "--format", format, "--jobs", "2", s(dir.path())]);
        let many = juesuan(&["check", "--format", format, "--jobs", "7", s(dir.path())]);
        let reports = order.len() + 40;
        if format == "json" {
            assert_eq!(
                one.stdout.lines().count(),
                reports,
                "the corpus was checked"
            );
        } else {
            assert!(one.stdout.contains(&format!("total ({reports} reports)")));
        }
        assert!(one.stdout == two.stdout, "{format}: --jobs 1 and 2 differ");
        assert!(one.stdout == many.stdout, "{format}: --jobs 1 and 7 differ");
        assert_eq!(one.stderr, two.stderr);
        assert_eq!((one.code, two.code, many.code), (2, 2, 2));
    }
}

/// (rule, severity, line) of each finding, counted.
fn finding_keys(v: &Value) -> BTreeMap<(String, String, u64), usize> {
    let mut m = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["severity"].as_str().unwrap().to_string(),
            f["locations"][0]["line"].as_u64().unwrap(),
        );
        *m.entry(key).or_default() += 1;
    }
    m
}

#[test]
fn generated_variants_give_their_expected_findings() {
    let dir = tempfile::tempdir().unwrap();
    let expected = juesuan::corpus::write_corpus(dir.path(), SAMPLE, 40, 5).unwrap();
    let run = juesuan(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        s(dir.path()),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), expected.len());

    let sample_path = dir.path().join("sample.report");
    std::fs::write(&sample_path, SAMPLE).unwrap();
    let base = finding_keys(&single(&sample_path));
    let (mut amounts, mut drops, mut clean) = (0, 0, 0);
    for (v, e) in lines.iter().zip(&expected) {
        assert_eq!(v["file"], s(&e.file));
        assert_eq!(v["report"]["department"], e.department.as_str());
        assert_eq!(v["report"]["year"], e.year);
        let keys = finding_keys(v);
        if e.injected.is_empty() {
            clean += 1;
            assert_eq!(
                keys,
                base,
                "{}: a clean variant finds what the sample finds",
                e.file.display()
            );
        }
        for inj in &e.injected {
            let found = v["findings"].as_array().unwrap().iter().any(|f| {
                f["rule"] == inj.rule
                    && f["severity"] == "error"
                    && f["locations"].as_array().unwrap().iter().any(|l| {
                        l["schedule"] == inj.schedule.as_str()
                            && (inj.line == 0 || l["line"] == inj.line)
                    })
            });
            assert!(found, "{}: injected {inj:?} not found", e.file.display());
            match inj.kind {
                "amount" => amounts += 1,
                _ => drops += 1,
            }
        }
    }
    assert!(
        amounts > 0 && drops > 0 && clean > 0,
        "{amounts} {drops} {clean}"
    );
    let gb = expected
        .iter()
        .filter(|e| e.encoding == juesuan::corpus::Encoding::Gb18030)
        .count();
    assert!(gb > 0, "the corpus exercises GB18030");
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let g = juesuan::corpus::Generator::new(SAMPLE).unwrap();
    let a = g.variant(9, 3);
    let b = g.variant(9, 3);
    assert_eq!(
        (a.text, a.file_name, a.injected),
        (b.text, b.file_name, b.injected)
    );
    let departments: std::collections::BTreeSet<String> =
        (0..20).map(|i| g.variant(9, i).department).collect();
    assert!(departments.len() >= 10, "{departments:?}");
    assert!(departments.iter().all(|d| d.ends_with("(本级)")));
}
