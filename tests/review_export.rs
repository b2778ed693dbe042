//! `juesuan export` of the annotated sample in each format: JSON and SARIF
//! parsed and checked field by field (SARIF against the 2.1.0 schema's
//! required fields, enums and closed property sets), CSV header and row
//! count, Markdown headings, evidence and escaping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use juesuan::report::ScheduleId;
use juesuan::review::{sidecar, Session, TickTarget, Verdict};
use juesuan::rules::{Location, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    _dir: tempfile::TempDir,
    report: PathBuf,
    /// Current findings (rule findings) after the edit.
    rule_findings: usize,
    dismissed: String,
    confirmed: String,
    orphan: String,
    changed: String,
    own: String,
}

/// The sample, annotated, then edited so one annotation is orphaned and one
/// finding changed since review.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_in(dir.path());
    let (report, findings) = common::checked(&path);
    let id = |rule: &str, s: u8, r: &str, c: &str| {
        common::finding_at(&findings, rule, s, r, c)
            .unwrap()
            .id
            .clone()
    };
    let dismissed = id("ROUNDING", 5, "合计", "小计");
    let orphan = id("ROUNDING", 2, "合计", "财政拨款收入");
    let changed = id("ROUNDING", 2, "合计", "本年收入合计");
    let confirmed = findings
        .iter()
        .find(|f| f.rule == "SCHEDULE-MISSING")
        .unwrap()
        .id
        .clone();
    let mut s = Session::open(&path, None).unwrap();
    s.set_auditor(Some("审计员甲"));
    s.attach(&report, &findings);
    s.set_verdict(&dismissed, Verdict::Dismissed, Some("尾差在容差内"))
        .unwrap();
    s.set_verdict(&confirmed, Verdict::Confirmed, None).unwrap();
    s.set_note(&confirmed, "第一行\n第二行 | 管道 *星号* `反引号`")
        .unwrap();
    s.sign_off(&confirmed).unwrap(); // same person: the export warns
    s.set_verdict(&orphan, Verdict::Confirmed, None).unwrap();
    s.set_verdict(&changed, Verdict::FollowUp, None).unwrap();
    let own = s
        .add_own_finding(
            "=SUM(A1) 公式注入",
            Severity::Warning,
            "自行发现",
            Location::cell(360, ScheduleId(2), "205", "财政拨款收入"),
        )
        .unwrap();
    s.tick(
        TickTarget::Schedule {
            schedule: ScheduleId(3),
        },
        true,
    );
    s.tick(
        TickTarget::Project {
            name: report.projects[0].name.clone(),
        },
        true,
    );
    s.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 358 {
                l.replacen("4,766.06\t4,766.06", "4,766.05\t4,766.07", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (_, after) = common::checked(&path);
    Fixture {
        _dir: dir,
        report: path,
        rule_findings: after.len(),
        dismissed,
        confirmed,
        orphan,
        changed,
        own,
    }
}

fn export(report: &Path, format: &str) -> String {
    let side = sidecar::default_path(report);
    let before = std::fs::read(&side).unwrap();
    let out = Command::new(common::BIN)
        .args(["export", report.to_str().unwrap(), "--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&side).unwrap(),
        before,
        "export never writes the sidecar"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_export() {
    let fx = fixture();
    let v: Value = serde_json::from_str(&export(&fx.report, "json")).unwrap();
    let (report, findings) = common::checked(&fx.report);
    assert_eq!(v["report"]["title"], report.title);
    assert_eq!(v["report"]["department"], report.department);
    assert_eq!(v["report"]["year"], 2024);
    assert_eq!(v["report"]["sha256"], report.source.sha256);
    let list = v["findings"].as_array().unwrap();
    assert_eq!(
        list.len(),
        fx.rule_findings + 1,
        "rule findings plus the own finding"
    );
    assert_eq!(v["summary"]["findings"], list.len());
    let by_sev: u64 = v["summary"]["by_severity"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    let by_ver: u64 = v["summary"]["by_verdict"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!((by_sev, by_ver), (list.len() as u64, list.len() as u64));
    assert_eq!(v["summary"]["by_verdict"]["dismissed"], 1);
    assert_eq!(
        v["summary"]["by_verdict"]["confirmed"], 1,
        "the orphan is not a current finding"
    );
    assert_eq!(v["summary"]["by_verdict"]["follow-up"], 1);
    assert_eq!(v["summary"]["orphans"], 1);
    assert_eq!(v["summary"]["changed_since_review"], 1);
    assert_eq!(v["summary"]["report_changed"], true);
    let rows_03 = report.schedules[2].rows().count() as u64;
    assert_eq!(v["coverage"]["rows"]["examined"], rows_03);
    assert_eq!(v["coverage"]["projects"]["examined"], 1);
    assert_eq!(v["coverage"]["projects"]["total"], report.projects.len());

    let item = |id: &str| {
        list.iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let c = item(&fx.confirmed);
    assert_eq!(c["verdict"], "confirmed");
    assert_eq!(
        c["annotation"]["note"],
        "第一行\n第二行 | 管道 *星号* `反引号`"
    );
    assert_eq!(c["annotation"]["history"].as_array().unwrap().len(), 3);
    assert_eq!(c["annotation"]["sign_off"]["by"], "审计员甲");
    let d = item(&fx.dismissed);
    assert_eq!(d["annotation"]["reason"], "尾差在容差内");
    assert_eq!(
        item(&fx.changed)["changed_since_review"],
        serde_json::json!(["actual", "difference"])
    );
    assert_eq!(item(&fx.own)["own"], true);
    assert_eq!(item(&fx.own)["rule"], "OWN");
    for f in &findings {
        let e = item(&f.id)["evidence"].as_array().unwrap().clone();
        for loc in f.locations.iter().filter(|l| l.line > 0) {
            let ev = e.iter().find(|x| x["line"] == loc.line).unwrap();
            assert_eq!(
                ev["text"],
                report.source.line(loc.line),
                "evidence is the source line"
            );
        }
    }
    let orphans = v["orphans"].as_array().unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0]["id"], fx.orphan.as_str());
    assert_eq!(
        orphans[0]["annotation"]["seen"]["locations"][0]["line"],
        358
    );
}

#[test]
fn csv_export() {
    let fx = fixture();
    let text = export(&fx.report, "csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "id",
            "rule",
            "severity",
            "own",
            "state",
            "verdict",
            "reason",
            "note",
            "line",
            "location",
            "message",
            "expected",
            "actual",
            "difference",
            "evidence",
            "prepared_by",
            "changed_at",
            "signed_off_by",
            "history"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        fx.rule_findings + 1 + 1,
        "findings, own finding, orphan"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    assert_eq!(&row(&fx.dismissed)[col("verdict")], "dismissed");
    assert_eq!(&row(&fx.dismissed)[col("reason")], "尾差在容差内");
    assert_eq!(
        &row(&fx.dismissed)[col("difference")],
        "-0.01",
        "numbers are not guarded"
    );
    assert_eq!(
        &row(&fx.confirmed)[col("note")],
        "第一行\n第二行 | 管道 *星号* `反引号`"
    );
    assert_eq!(&row(&fx.confirmed)[col("signed_off_by")], "审计员甲");
    assert_eq!(row(&fx.confirmed)[col("history")].lines().count(), 3);
    assert_eq!(&row(&fx.orphan)[col("state")], "orphaned");
    assert_eq!(&row(&fx.orphan)[col("line")], "358");
    assert_eq!(&row(&fx.changed)[col("state")], "changed");
    assert_eq!(
        &row(&fx.own)[col("message")],
        "'=SUM(A1) 公式注入",
        "formula injection guarded"
    );
    assert!(row(&fx.dismissed)[col("evidence")].starts_with("504: 合计"));
}

#[test]
fn markdown_export() {
    let fx = fixture();
    let md = export(&fx.report, "md");
    for h in [
        "# 审计工作底稿：",
        "\n## 汇总 (Summary)\n",
        "\n## 查阅覆盖率 (Coverage)\n",
        "\n## 发现 (Findings)\n",
        "\n## 孤立的审核记录 (Orphaned annotations)\n",
    ] {
        assert!(md.contains(h), "missing heading {h:?}");
    }
    let findings = md
        .lines()
        .filter(|l| l.starts_with("### ") && !l.starts_with("### 孤立"))
        .count();
    assert_eq!(findings, fx.rule_findings + 1);
    assert_eq!(md.lines().filter(|l| l.starts_with("### 孤立 ")).count(), 1);
    assert!(md.contains("| 错误 error | 2 |"), "severity table");
    assert!(md.contains("| 排除 dismissed | 1 |"), "verdict table");
    assert!(
        md.contains("  > 第二行 \\| 管道 \\*星号\\* \\`反引号\\`"),
        "notes quoted and escaped"
    );
    assert!(
        md.contains("⚠ 复核人与编制人为同一人"),
        "self-review warning"
    );
    assert!(
        md.contains("    504  合计 │"),
        "evidence lines with their numbers, cells apart"
    );
    assert!(md.contains("- 理由 (Reason)：尾差在容差内"));
    assert!(md.contains("⚠ 审核后发生变化 (changed since review)：actual, difference"));
    assert!(!md.contains('\t'), "tabs in evidence are shown as spaces");
    // Fences balance, so nothing after the evidence is swallowed by a code block.
    assert_eq!(
        md.lines()
            .filter(|l| l.trim_start().starts_with("```"))
            .count()
            % 2,
        0
    );
}

/// From the SARIF 2.1.0 JSON schema: each object we emit, its required
/// properties, and (since the schema sets additionalProperties: false) every
/// property it allows.
const SARIF_OBJECTS: &[(&str, &[&str], &[&str])] = &[
    (
        "log",
        &["version", "runs"],
        &[
            "$schema",
            "version",
            "runs",
            "inlineExternalProperties",
            "properties",
        ],
    ),
    (
        "run",
        &["tool"],
        &[
            "tool",
            "invocations",
            "conversion",
            "language",
            "versionControlProvenance",
            "originalUriBaseIds",
            "artifacts",
            "logicalLocations",
            "graphs",
            "results",
            "automationDetails",
            "runAggregates",
            "baselineGuid",
            "redactionTokens",
            "defaultEncoding",
            "defaultSourceLanguage",
            "newlineSequences",
            "columnKind",
            "externalPropertyFileReferences",
            "threadFlowLocations",
            "taxonomies",
            "addresses",
            "translations",
            "policies",
            "webRequests",
            "webResponses",
            "specialLocations",
            "properties",
        ],
    ),
    ("tool", &["driver"], &["driver", "extensions", "properties"]),
    (
        "toolComponent",
        &["name"],
        &[
            "guid",
            "name",
            "organization",
            "product",
            "productSuite",
            "shortDescription",
            "fullDescription",
            "fullName",
            "version",
            "semanticVersion",
            "dottedQuadFileVersion",
            "releaseDateUtc",
            "downloadUri",
            "informationUri",
            "globalMessageStrings",
            "notifications",
            "rules",
            "taxa",
            "locations",
            "language",
            "contents",
            "isComprehensive",
            "localizedDataSemanticVersion",
            "minimumRequiredLocalizedDataSemanticVersion",
            "associatedComponent",
            "translationMetadata",
            "supportedTaxonomies",
            "properties",
        ],
    ),
    (
        "reportingDescriptor",
        &["id"],
        &[
            "id",
            "deprecatedIds",
            "guid",
            "deprecatedGuids",
            "name",
            "deprecatedNames",
            "shortDescription",
            "fullDescription",
            "messageStrings",
            "defaultConfiguration",
            "helpUri",
            "help",
            "relationships",
            "properties",
        ],
    ),
    (
        "multiformatMessageString",
        &["text"],
        &["text", "markdown", "properties"],
    ),
    (
        "reportingConfiguration",
        &[],
        &["enabled", "level", "rank", "parameters", "properties"],
    ),
    (
        "artifact",
        &[],
        &[
            "description",
            "location",
            "parentIndex",
            "offset",
            "length",
            "roles",
            "mimeType",
            "contents",
            "encoding",
            "sourceLanguage",
            "hashes",
            "lastModifiedTimeUtc",
            "properties",
        ],
    ),
    (
        "result",
        &["message"],
        &[
            "ruleId",
            "ruleIndex",
            "rule",
            "kind",
            "level",
            "message",
            "analysisTarget",
            "locations",
            "guid",
            "correlationGuid",
            "occurrenceCount",
            "partialFingerprints",
            "fingerprints",
            "stacks",
            "codeFlows",
            "graphs",
            "graphTraversals",
            "relatedLocations",
            "suppressions",
            "baselineState",
            "rank",
            "attachments",
            "hostedViewerUri",
            "workItemUris",
            "provenance",
            "fixes",
            "taxa",
            "webRequest",
            "webResponse",
            "properties",
        ],
    ),
    (
        "message",
        &["text"],
        &["text", "markdown", "id", "arguments", "properties"],
    ),
    (
        "location",
        &[],
        &[
            "id",
            "physicalLocation",
            "logicalLocations",
            "message",
            "annotations",
            "relationships",
            "properties",
        ],
    ),
    (
        "physicalLocation",
        &[],
        &[
            "address",
            "artifactLocation",
            "region",
            "contextRegion",
            "properties",
        ],
    ),
    (
        "artifactLocation",
        &[],
        &["uri", "uriBaseId", "index", "description", "properties"],
    ),
    (
        "region",
        &[],
        &[
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "charOffset",
            "charLength",
            "byteOffset",
            "byteLength",
            "snippet",
            "message",
            "sourceLanguage",
            "properties",
        ],
    ),
    (
        "suppression",
        &["kind"],
        &[
            "guid",
            "kind",
            "status",
            "justification",
            "location",
            "properties",
        ],
    ),
];

fn conforms(kind: &str, v: &Value) {
    let (_, required, allowed) = SARIF_OBJECTS.iter().find(|(k, _, _)| *k == kind).unwrap();
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{kind} is not an object: {v}"));
    for r in *required {
        assert!(o.contains_key(*r), "{kind} lacks required {r}: {v}");
    }
    for k in o.keys() {
        assert!(
            allowed.contains(&k.as_str()),
            "{kind} has {k}, which the schema does not allow"
        );
    }
}

fn location(l: &Value) {
    conforms("location", l);
    conforms("message", &l["message"]);
    let p = &l["physicalLocation"];
    conforms("physicalLocation", p);
    conforms("artifactLocation", &p["artifactLocation"]);
    assert!(p["artifactLocation"]["uri"]
        .as_str()
        .is_some_and(|u| u.ends_with("chaoyang-hrss-2024.txt")));
    if let Some(r) = p.get("region") {
        conforms("region", r);
        assert!(r["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_export_has_the_schema_required_fields() {
    let fx = fixture();
    let v: Value = serde_json::from_str(&export(&fx.report, "sarif")).unwrap();
    let (_, findings) = common::checked(&fx.report);
    conforms("log", &v);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    conforms("run", run);
    conforms("tool", &run["tool"]);
    let driver = &run["tool"]["driver"];
    conforms("toolComponent", driver);
    assert_eq!(driver["name"], "juesuan");
    let rules = driver["rules"].as_array().unwrap();
    for r in rules {
        conforms("reportingDescriptor", r);
        conforms("multiformatMessageString", &r["shortDescription"]);
        if let Some(c) = r.get("defaultConfiguration") {
            conforms("reportingConfiguration", c);
        }
    }
    for a in run["artifacts"].as_array().unwrap() {
        conforms("artifact", a);
        conforms("artifactLocation", &a["location"]);
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        fx.rule_findings + 1 + 1,
        "findings, own finding, orphan"
    );
    for r in results {
        conforms("result", r);
        conforms("message", &r["message"]);
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        assert!(["none", "note", "warning", "error"].contains(&r["level"].as_str().unwrap()));
        assert!(["new", "unchanged", "updated", "absent"]
            .contains(&r["baselineState"].as_str().unwrap()));
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[idx]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        assert_eq!(
            r["locations"].as_array().unwrap().len(),
            1,
            "the primary location"
        );
        r["locations"].as_array().unwrap().iter().for_each(location);
        r.get("relatedLocations")
            .into_iter()
            .flat_map(|l| l.as_array().unwrap())
            .for_each(location);
        for s in r
            .get("suppressions")
            .into_iter()
            .flat_map(|s| s.as_array().unwrap())
        {
            conforms("suppression", s);
        }
    }
    let by_fp = |id: &str| {
        results
            .iter()
            .find(|r| r["partialFingerprints"]["juesuan/v1"] == id)
            .unwrap_or_else(|| panic!("no result with fingerprint {id}"))
    };
    for f in &findings {
        let r = by_fp(&f.id);
        assert_eq!(r["ruleId"], f.rule.as_str());
        if f.line() > 0 {
            assert_eq!(
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                f.line()
            );
        } else {
            assert!(
                r["locations"][0]["physicalLocation"]
                    .get("region")
                    .is_none(),
                "no line 0 region"
            );
        }
    }
    let d = by_fp(&fx.dismissed);
    assert_eq!(d["suppressions"][0]["kind"], "external");
    assert_eq!(d["suppressions"][0]["justification"], "尾差在容差内");
    assert_eq!(d["properties"]["verdict"], "dismissed");
    assert_eq!(by_fp(&fx.orphan)["baselineState"], "absent");
    assert_eq!(by_fp(&fx.changed)["baselineState"], "updated");
    assert_eq!(by_fp(&fx.confirmed)["baselineState"], "unchanged");
    assert_eq!(by_fp(&fx.own)["ruleId"], "OWN");
    assert!(results.iter().any(|r| r["baselineState"] == "new"));
}

#[test]
fn output_file_and_its_errors() {
    let fx = fixture();
    let out = fx.report.with_extension("md");
    let st = Command::new(common::BIN)
        .args([
            "export",
            fx.report.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# 审计工作底稿："),
        "Markdown is the default format"
    );
    let bad = fx.report.join("x.md"); // a folder that is a file
    let o = Command::new(common::BIN)
        .args([
            "export",
            fx.report.to_str().unwrap(),
            "-o",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&o.stderr).contains(bad.to_str().unwrap()));
}
