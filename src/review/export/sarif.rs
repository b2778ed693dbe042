//! The working paper as SARIF 2.1.0 (Static Analysis Results Interchange
//! Format), so the findings load into any SARIF viewer.
//!
//! Written with `serde_json::json!` rather than a SARIF crate: we emit a
//! small, fixed subset (tool, rules, results with locations, fingerprints,
//! suppressions, baseline state) and the typed crates pull in far more than
//! that subset needs.
//!
//! Mapping: severity error/warning/info → level error/warning/note; our
//! fingerprint → `partialFingerprints["juesuan/v1"]`; a dismissed finding →
//! an accepted external suppression with the reason as justification;
//! annotation state → `baselineState` (unreviewed: new, reviewed: unchanged,
//! changed since review: updated, orphaned: absent).

use super::{describe, Item, Orphan, WorkingPaper};
use crate::review::model::{Annotation, Verdict, OWN_RULE};
use crate::rules::{self, Location, Severity};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

/// The `$schema` URI of SARIF 2.1.0.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key our fingerprint goes under in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "juesuan/v1";

/// Characters a URI path keeps as they are (RFC 3986 unreserved and `/`).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

pub(super) fn render(p: &WorkingPaper) -> Value {
    let uri = artifact_uri(&p.report.file);
    let mut rule_ids: Vec<String> = rules::catalogue()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let mut rules_json: Vec<Value> = rules::catalogue()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": r.rationale },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    // Rules a finding names that this build's catalogue lacks (own findings,
    // orphans of retired rules) still need an entry for ruleIndex.
    let named = p
        .findings
        .iter()
        .map(|i| i.finding.rule.clone())
        .chain(p.orphans.iter().map(|o| o.annotation.seen.rule.clone()));
    for id in named {
        if !rule_ids.contains(&id) {
            let text = if id == OWN_RULE {
                "审计人员自行发现的问题 (a finding raised by an auditor)"
            } else {
                "规则已不在本版本的规则目录中 (rule not in this build's catalogue)"
            };
            rules_json.push(json!({
                "id": id,
                "name": id,
                "shortDescription": { "text": text },
            }));
            rule_ids.push(id);
        }
    }
    let index = |id: &str| rule_ids.iter().position(|r| r == id).unwrap_or(0);
    let mut results: Vec<Value> = p
        .findings
        .iter()
        .map(|i| result(i, &uri, index(&i.finding.rule)))
        .collect();
    results.extend(
        p.orphans
            .iter()
            .map(|o| orphan(o, &uri, index(&o.annotation.seen.rule))),
    );
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "juesuan",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "artifacts": [{
                "location": { "uri": uri },
                "hashes": { "sha-256": p.report.sha256 },
                "description": { "text": format!("{} {}", p.report.department, p.report.title) },
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn result(i: &Item, uri: &str, rule_index: usize) -> Value {
    let f = &i.finding;
    let mut r = base_result(
        &f.id,
        &f.rule,
        rule_index,
        f.severity,
        &f.message,
        &f.locations,
        uri,
    );
    let state = match (&i.annotation, i.changed_since_review.is_empty()) {
        (None, _) => "new",
        (Some(_), true) => "unchanged",
        (Some(_), false) => "updated",
    };
    r.insert("baselineState".into(), json!(state));
    annotate(&mut r, i.annotation.as_ref(), i.verdict);
    Value::Object(r)
}

fn orphan(o: &Orphan, uri: &str, rule_index: usize) -> Value {
    let s = &o.annotation.seen;
    let mut r = base_result(
        &o.id,
        &s.rule,
        rule_index,
        s.severity,
        &s.message,
        &s.locations,
        uri,
    );
    r.insert("baselineState".into(), json!("absent"));
    annotate(&mut r, Some(&o.annotation), o.annotation.verdict);
    Value::Object(r)
}

fn base_result(
    id: &str,
    rule: &str,
    rule_index: usize,
    severity: Severity,
    message: &str,
    locations: &[Location],
    uri: &str,
) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(rule));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(severity)));
    r.insert("message".into(), json!({ "text": message }));
    let mut locs = locations.iter().map(|l| location(l, uri));
    r.insert(
        "locations".into(),
        json!(locs.next().into_iter().collect::<Vec<_>>()),
    );
    let related: Vec<Value> = locs
        .enumerate()
        .map(|(k, mut v)| {
            if let Some(o) = v.as_object_mut() {
                o.insert("id".into(), json!(k + 1));
            }
            v
        })
        .collect();
    if !related.is_empty() {
        r.insert("relatedLocations".into(), json!(related));
    }
    r.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: id }));
    r
}

fn location(l: &Location, uri: &str) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri, "index": 0 } });
    // SARIF lines start at 1; a finding about something absent (a missing
    // schedule) has line 0 and points at the file as a whole.
    if l.line > 0 {
        if let Some(o) = physical.as_object_mut() {
            o.insert("region".into(), json!({ "startLine": l.line }));
        }
    }
    json!({
        "physicalLocation": physical,
        "message": { "text": describe(l) },
    })
}

fn annotate(r: &mut Map<String, Value>, a: Option<&Annotation>, verdict: Verdict) {
    let mut props = Map::new();
    props.insert("verdict".into(), json!(verdict));
    if let Some(a) = a {
        props.insert("note".into(), json!(a.note));
        if let Some(reason) = &a.reason {
            props.insert("reason".into(), json!(reason));
        }
        props.insert("preparedBy".into(), json!(a.preparer()));
        if let Some(s) = &a.sign_off {
            props.insert("signedOffBy".into(), json!(s.by));
        }
        if verdict == Verdict::Dismissed {
            r.insert(
                "suppressions".into(),
                json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": a.reason.clone().unwrap_or_default(),
                }]),
            );
        }
    }
    r.insert("properties".into(), Value::Object(props));
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The report path as a URI reference: relative paths stay relative (SARIF
/// viewers resolve them against the working folder), absolute ones become
/// `file://` URIs; anything outside unreserved characters is percent-encoded.
fn artifact_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let enc = utf8_percent_encode(&p, PATH).to_string();
    if p.starts_with('/') {
        format!("file://{enc}")
    } else {
        enc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(artifact_uri("sample-data/a.txt"), "sample-data/a.txt");
        assert_eq!(
            artifact_uri("/tmp/报告 1.txt"),
            "file:///tmp/%E6%8A%A5%E5%91%8A%201.txt"
        );
    }
}
