//! `juesuan review` from a script, and `juesuan check` honouring verdicts like
//! a linter baseline: dismissed findings do not count toward --fail-on (and
//! are listed only with --all); --fail-on-unreviewed fails while an error or
//! warning has no verdict.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::rules::Severity;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(common::BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn review(file: &Path, id: &str, extra: &[&str]) -> Output {
    let mut args = vec!["review", file.to_str().unwrap(), "--finding", id];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn check_honours_verdicts_like_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let file = path.to_str().unwrap();
    let (_, findings) = common::checked(&path);
    let errors: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.id.as_str())
        .collect();
    let warnings: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| f.id.as_str())
        .collect();
    assert!(!errors.is_empty() && !warnings.is_empty());

    let plain = run(&["check", file]);
    assert_eq!(plain.status.code(), Some(1), "errors fail the check");
    assert!(
        !stdout(&plain).contains(" ["),
        "no sidecar: no verdict markers"
    );

    for id in &errors {
        let o = review(
            &path,
            id,
            &[
                "--verdict",
                "dismissed",
                "--reason",
                "已核实：表为空，不适用",
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = run(&["check", file]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "dismissed errors no longer fail --fail-on error"
    );
    let text = stdout(&o);
    for id in &errors {
        let message = &findings.iter().find(|f| f.id == *id).unwrap().message;
        assert!(
            !text.contains(message.as_str()),
            "dismissed findings are hidden"
        );
    }
    assert!(
        text.contains(&format!("— 0 errors, {} warnings", warnings.len())),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{} dismissed (hidden; --all lists them)",
            errors.len()
        )),
        "{text}"
    );

    let all = stdout(&run(&["check", file, "--all"]));
    assert_eq!(all.matches("[dismissed]").count(), errors.len(), "{all}");
    assert_eq!(
        run(&["check", file, "--fail-on", "warning"]).status.code(),
        Some(1)
    );

    let json: serde_json::Value =
        serde_json::from_str(stdout(&run(&["check", file, "--format", "json"])).trim()).unwrap();
    let listed = json["findings"].as_array().unwrap();
    assert_eq!(listed.len(), findings.len() - errors.len());
    let json_all: serde_json::Value =
        serde_json::from_str(stdout(&run(&["check", file, "--format", "json", "--all"])).trim())
            .unwrap();
    let dismissed: Vec<&serde_json::Value> = json_all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["verdict"] == "dismissed")
        .collect();
    assert_eq!(dismissed.len(), errors.len());

    // --fail-on-unreviewed: warnings still have no verdict.
    let o = run(&["check", file, "--fail-on", "never", "--fail-on-unreviewed"]);
    assert_eq!(o.status.code(), Some(1));
    for id in &warnings {
        assert!(review(&path, id, &["--verdict", "follow-up"])
            .status
            .success());
    }
    let o = run(&["check", file, "--fail-on", "never", "--fail-on-unreviewed"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "every error and warning has a verdict; infos do not matter"
    );
    assert!(stdout(&o).contains("[follow-up]"));
    // Back to open: unreviewed again.
    assert!(review(&path, warnings[0], &["--verdict", "open"])
        .status
        .success());
    assert_eq!(
        run(&["check", file, "--fail-on", "never", "--fail-on-unreviewed"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn review_usage_errors_and_stdin_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let file = path.to_str().unwrap();
    let (_, findings) = common::checked(&path);
    let id = findings[0].id.as_str();

    let o = review(&path, id, &["--verdict", "dismissed"]);
    assert_eq!(o.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs a reason"));
    assert_eq!(
        review(&path, "NOPE", &["--verdict", "confirmed"])
            .status
            .code(),
        Some(64)
    );
    assert_eq!(
        review(&path, id, &[]).status.code(),
        Some(64),
        "nothing to record"
    );
    assert_eq!(
        review(&path, id, &["--verdict", "maybe"]).status.code(),
        Some(64)
    );
    assert_eq!(
        run(&["review", file, "--list", "--verdict", "open"])
            .status
            .code(),
        Some(64)
    );
    assert_eq!(
        run(&["review", file]).status.code(),
        Some(64),
        "--finding or --list"
    );
    assert!(
        !juesuan::review::sidecar::default_path(&path).exists(),
        "no failed command wrote a file"
    );

    let mut child = Command::new(common::BIN)
        .args([
            "review",
            file,
            "--finding",
            id,
            "--note",
            "-",
            "--who",
            "王五",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all("多行备注\n第二行 🧾\n".as_bytes())
            .unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).contains(&format!("{id}: open — saved to")));
    let list = stdout(&run(&["review", file, "--list"]));
    assert!(
        list.contains("note:  多行备注") && list.contains("       第二行 🧾"),
        "{list}"
    );
    assert!(list.contains("(王五 "), "{list}");
    assert!(list.contains("0/"), "progress line: {list}");

    let o = run(&["check", file, file, "--annotations", "x.json"]);
    assert_eq!(
        o.status.code(),
        Some(64),
        "--annotations names one report's file"
    );
}

#[test]
fn annotations_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let (_, findings) = common::checked(&path);
    let elsewhere = dir.path().join("notes").join("mine.json");
    std::fs::create_dir(elsewhere.parent().unwrap()).unwrap();
    let e = elsewhere.to_str().unwrap();
    let o = review(
        &path,
        &findings[0].id,
        &["--verdict", "confirmed", "--annotations", e],
    );
    assert!(o.status.success());
    assert!(elsewhere.exists());
    assert!(!juesuan::review::sidecar::default_path(&path).exists());
    let list = stdout(&run(&[
        "review",
        path.to_str().unwrap(),
        "--list",
        "--annotations",
        e,
    ]));
    assert!(list.contains(&format!("{}  confirmed", findings[0].id)));
    let o = run(&["check", path.to_str().unwrap(), "--annotations", e, "--all"]);
    assert!(stdout(&o).contains("[confirmed]"));
}
