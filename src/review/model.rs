//! What an auditor records about a report (审计记录): a [`Verdict`] and a note
//! per finding ([`Annotation`]), their own findings ([`OwnFinding`]), what
//! they examined ([`Tick`]), and the append-only history of every change
//! ([`Event`]). All of it lives in one [`Document`], the sidecar's content.
//!
//! Nothing here does I/O; `sidecar` reads and writes a [`Document`].

use crate::report::{LineNo, ScheduleId};
use crate::rules::{Finding, Location, Severity};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// The sidecar schema this build reads and writes. A file with a higher
/// number was written by a newer juesuan and is refused, never rewritten.
pub const SCHEMA: u32 = 1;

/// The rule id an auditor's own finding carries when listed with rule findings.
pub const OWN_RULE: &str = "OWN";

/// An auditor's judgement on a finding (审核结论).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Not yet judged (未处理); the default.
    #[default]
    Open,
    /// A real problem (确认).
    Confirmed,
    /// Not a problem; a reason is required (排除).
    Dismissed,
    /// Needs follow-up with the department (待跟进).
    FollowUp,
    /// Fixed by the department (已整改).
    Resolved,
}

impl Verdict {
    /// Every verdict, in workflow order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Open,
        Verdict::Confirmed,
        Verdict::Dismissed,
        Verdict::FollowUp,
        Verdict::Resolved,
    ];

    /// "open", "confirmed", "dismissed", "follow-up", "resolved".
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Open => "open",
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed => "dismissed",
            Verdict::FollowUp => "follow-up",
            Verdict::Resolved => "resolved",
        }
    }

    /// 未处理 / 确认 / 排除 / 待跟进 / 已整改.
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Open => "未处理",
            Verdict::Confirmed => "确认",
            Verdict::Dismissed => "排除",
            Verdict::FollowUp => "待跟进",
            Verdict::Resolved => "已整改",
        }
    }

    /// Whether an auditor has judged the finding (anything but open).
    pub fn is_reviewed(self) -> bool {
        self != Verdict::Open
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict name that is not one of the five.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown verdict {0:?}: expected open, confirmed, dismissed, follow-up or resolved")]
pub struct UnknownVerdict(pub String);

impl std::str::FromStr for Verdict {
    type Err = UnknownVerdict;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == t || (t == "followup" && *v == Verdict::FollowUp))
            .ok_or_else(|| UnknownVerdict(s.to_string()))
    }
}

/// The finding as the auditor saw it when they judged it: a re-check that
/// gives other values marks the annotation "changed since review", and an
/// orphaned annotation still shows where it was and what it said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// The rule id.
    pub rule: String,
    /// The severity then.
    pub severity: Severity,
    /// The message then.
    pub message: String,
    /// The value the identity required.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub expected: Option<Decimal>,
    /// The value printed.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub actual: Option<Decimal>,
    /// actual − expected.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
    /// The cells and lines involved, primary first.
    pub locations: Vec<Location>,
    /// sha256 of the report the auditor was looking at.
    pub report_sha256: String,
}

impl Seen {
    /// Snapshot a finding of the report with this sha256.
    pub fn of(finding: &Finding, report_sha256: &str) -> Self {
        Seen {
            rule: finding.rule.clone(),
            severity: finding.severity,
            message: finding.message.clone(),
            expected: finding.expected,
            actual: finding.actual,
            difference: finding.difference,
            locations: finding.locations.clone(),
            report_sha256: report_sha256.to_string(),
        }
    }

    /// What differs between this snapshot and a fresh finding with the same
    /// fingerprint: names of the fields ("severity", "expected", "actual",
    /// "difference", "locations"). Lines are left out: a location that only
    /// moved is the same place.
    pub fn differences(&self, now: &Finding) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.severity != now.severity {
            out.push("severity");
        }
        if self.expected != now.expected {
            out.push("expected");
        }
        if self.actual != now.actual {
            out.push("actual");
        }
        if self.difference != now.difference {
            out.push("difference");
        }
        let keys = |ls: &[Location]| ls.iter().map(Location::semantic_key).collect::<Vec<_>>();
        if keys(&self.locations) != keys(&now.locations) {
            out.push("locations");
        }
        out
    }

    /// The primary location's line (0 when none).
    pub fn line(&self) -> LineNo {
        self.locations.first().map(|l| l.line).unwrap_or(0)
    }
}

/// A second auditor's sign-off on a verdict (复核).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignOff {
    /// The reviewer.
    pub by: String,
    /// When they signed off.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// What one change did. Internally tagged so each history entry reads as one
/// flat JSON object: `{"at": …, "by": …, "change": "verdict", "verdict": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// The verdict was set (with the dismissal reason, when given).
    Verdict {
        /// The new verdict.
        verdict: Verdict,
        /// The reason given with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The note was replaced by this text.
    Note {
        /// The new note.
        note: String,
    },
    /// A reviewer signed off the verdict; `same_person` records the warning.
    SignOff {
        /// The verdict signed off.
        verdict: Verdict,
        /// Whether the reviewer is the preparer (a warning, not a refusal).
        same_person: bool,
    },
    /// An own finding was raised or edited to these values.
    Raised {
        /// Title.
        title: String,
        /// Severity.
        severity: Severity,
        /// Note.
        note: String,
    },
    /// An own finding was withdrawn.
    Withdrawn,
    /// A schedule, row or project was marked examined (or the mark removed).
    Ticked {
        /// Whether it is now marked examined.
        examined: bool,
    },
}

/// One entry of a history: who changed what, when (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When, as RFC 3339 UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who (the configured auditor name, else $USER).
    pub by: String,
    /// What changed.
    #[serde(flatten)]
    pub change: Change,
}

/// An auditor's record on one finding, keyed by the finding's fingerprint
/// (审核意见).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// The current verdict.
    pub verdict: Verdict,
    /// Why it was dismissed (required for dismissed; kept for others when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Free text, multi-line.
    #[serde(default)]
    pub note: String,
    /// Who made the last change.
    pub by: String,
    /// When the last change was made.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The finding as it was when the verdict was last set.
    pub seen: Seen,
    /// A reviewer's sign-off of the current verdict; cleared when the verdict changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<SignOff>,
    /// Every change, oldest first; never shortened.
    #[serde(default)]
    pub history: Vec<Event>,
}

impl Annotation {
    /// A fresh, open annotation on a finding seen now.
    pub fn new(seen: Seen, by: &str, at: OffsetDateTime) -> Self {
        Annotation {
            verdict: Verdict::Open,
            reason: None,
            note: String::new(),
            by: by.to_string(),
            at,
            seen,
            sign_off: None,
            history: Vec::new(),
        }
    }

    /// Who set the current verdict (the preparer, 编制人).
    pub fn preparer(&self) -> &str {
        self.history
            .iter()
            .rev()
            .find(|e| matches!(e.change, Change::Verdict { .. }))
            .map(|e| e.by.as_str())
            .unwrap_or(&self.by)
    }

    /// Whether the sign-off was made by the preparer themself.
    pub fn self_reviewed(&self) -> bool {
        self.sign_off
            .as_ref()
            .is_some_and(|s| s.by == self.preparer())
    }
}

/// A finding an auditor raises themself (自行发现的问题), on a cell, a project
/// field or a source line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnFinding {
    /// Short title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Free text, multi-line.
    #[serde(default)]
    pub note: String,
    /// Where it is.
    pub location: Location,
    /// Who made the last change.
    pub by: String,
    /// When the last change was made.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Withdrawn findings stay in the file (and history) but are not listed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
    /// Every change, oldest first.
    #[serde(default)]
    pub history: Vec<Event>,
}

impl OwnFinding {
    /// The own finding as a [`Finding`], so views list and drill into it like
    /// a rule finding. `id` is its key in the document.
    pub fn to_finding(&self, id: &str) -> Finding {
        Finding {
            id: id.to_string(),
            rule: OWN_RULE.to_string(),
            severity: self.severity,
            message: self.title.clone(),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            locations: vec![self.location.clone()],
        }
    }
}

/// What a tick marks as examined (已查阅): a schedule, one row, or a project.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TickTarget {
    /// A whole schedule (every row in it).
    Schedule {
        /// 01 … 09.
        #[serde(with = "two_digit")]
        schedule: ScheduleId,
    },
    /// One row of a schedule panel.
    Row {
        /// 01 … 09.
        #[serde(with = "two_digit")]
        schedule: ScheduleId,
        /// The panel name ("" for single-panel tables).
        panel: String,
        /// The row key: its code, else its label (as in a finding's location).
        row: String,
    },
    /// A project's performance table.
    Project {
        /// The project name as printed in its table.
        name: String,
    },
}

impl TickTarget {
    /// The key in the document's `ticks` map: readable and stable.
    pub fn key(&self) -> String {
        match self {
            TickTarget::Schedule { schedule } => format!("schedule:{}", schedule.two_digit()),
            TickTarget::Row {
                schedule,
                panel,
                row,
            } => format!("row:{}:{}:{}", schedule.two_digit(), panel, row),
            TickTarget::Project { name } => format!("project:{name}"),
        }
    }
}

/// A coverage mark: one schedule, row or project examined (or un-marked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    /// What was examined.
    pub target: TickTarget,
    /// Whether it is currently marked examined.
    pub examined: bool,
    /// Who made the last change.
    pub by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Every change, oldest first.
    #[serde(default)]
    pub history: Vec<Event>,
}

/// Which report a sidecar belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportIdentity {
    /// The report's file name when the sidecar was last written.
    pub file: String,
    /// sha256 of the report's bytes when the sidecar was last written.
    pub sha256: String,
}

/// The whole sidecar: header, then one entry per annotation, own finding and
/// tick, each in a map sorted by key so the file diffs well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The schema version ([`SCHEMA`]).
    pub schema: u32,
    /// "juesuan X.Y.Z": the build that last wrote the file.
    #[serde(default)]
    pub written_by: String,
    /// The report it annotates.
    #[serde(default)]
    pub report: ReportIdentity,
    /// Annotations by finding fingerprint.
    #[serde(default)]
    pub annotations: BTreeMap<String, Annotation>,
    /// The auditors' own findings by id (`OWN:` + 12 hex digits).
    #[serde(default)]
    pub own_findings: BTreeMap<String, OwnFinding>,
    /// Coverage marks by [`TickTarget::key`].
    #[serde(default)]
    pub ticks: BTreeMap<String, Tick>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema: SCHEMA,
            written_by: written_by(),
            report: ReportIdentity::default(),
            annotations: BTreeMap::new(),
            own_findings: BTreeMap::new(),
            ticks: BTreeMap::new(),
        }
    }
}

impl Document {
    /// The verdict on a finding (open when there is no annotation).
    pub fn verdict_of(&self, id: &str) -> Verdict {
        self.annotations
            .get(id)
            .map(|a| a.verdict)
            .unwrap_or_default()
    }

    /// Own findings not withdrawn, as findings, in id order.
    pub fn own_as_findings(&self) -> Vec<Finding> {
        self.own_findings
            .iter()
            .filter(|(_, o)| !o.withdrawn)
            .map(|(id, o)| o.to_finding(id))
            .collect()
    }

    /// Whether the entries (not the header) are the same as another's.
    pub fn same_entries(&self, other: &Document) -> bool {
        self.annotations == other.annotations
            && self.own_findings == other.own_findings
            && self.ticks == other.ticks
    }
}

/// "juesuan X.Y.Z" for this build.
pub fn written_by() -> String {
    format!("juesuan {}", env!("CARGO_PKG_VERSION"))
}

/// The auditor's name for history entries: the configured name when set and
/// not blank, else $USER, else $LOGNAME, else "unknown".
pub fn auditor_name(configured: Option<&str>) -> String {
    configured
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| env_name("USER"))
        .or_else(|| env_name("LOGNAME"))
        .unwrap_or_else(|| "unknown".to_string())
}

fn env_name(var: &str) -> Option<String> {
    std::env::var(var)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Now, in UTC, to the second: history reads better without nanoseconds and
/// RFC 3339 keeps the order of entries within a second by their position.
pub fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(0).unwrap_or(t)
}

/// A schedule id written as its two digits ("03"), as in finding locations.
mod two_digit {
    use crate::report::ScheduleId;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &ScheduleId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.two_digit())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ScheduleId, D::Error> {
        let s = String::deserialize(d)?;
        match s.parse::<u8>() {
            Ok(n @ 1..=9) => Ok(ScheduleId(n)),
            _ => Err(D::Error::custom(format!("schedule {s:?} is not 01 … 09"))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn verdict_names_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(v.as_str().parse::<Verdict>().unwrap(), v);
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
        }
        assert_eq!("FOLLOW_UP".parse::<Verdict>().unwrap(), Verdict::FollowUp);
        assert!("maybe".parse::<Verdict>().is_err());
    }

    #[test]
    fn auditor_name_prefers_config() {
        assert_eq!(auditor_name(Some(" 李审计 ")), "李审计");
        assert!(!auditor_name(Some("  ")).is_empty());
    }

    #[test]
    fn tick_keys_are_readable() {
        let t = TickTarget::Row {
            schedule: ScheduleId(3),
            panel: String::new(),
            row: "2080101".into(),
        };
        assert_eq!(t.key(), "row:03::2080101");
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"schedule\":\"03\""), "{json}");
        let back: TickTarget = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }
}
