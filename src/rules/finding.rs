//! What a rule reports: a [`Finding`] with its [`Location`]s and a stable id.

use crate::report::{LineNo, ScheduleId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How much a finding matters (严重程度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A note: rounding gaps, things worth knowing.
    Info,
    /// Deserves a look: plausibility, recovered parse problems.
    Warning,
    /// A breach of an identity that must hold.
    Error,
}

impl Severity {
    /// "error" / "warning" / "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// 错误 / 警告 / 提示.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place a finding involves: a schedule cell, a project field, or a
/// narrative line. Fields that do not apply are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The source line.
    pub line: LineNo,
    /// The schedule, as its two-digit id.
    #[serde(with = "schedule_id_opt")]
    pub schedule: Option<ScheduleId>,
    /// The row: its code where it has one, else its label.
    pub row: Option<String>,
    /// The column name (schedules) or field name (projects, e.g. 绩效自评总得分).
    pub column: Option<String>,
    /// The project's name, for project findings.
    pub project: Option<String>,
    /// The narrative heading, for text findings.
    pub section: Option<String>,
}

impl Location {
    /// A schedule cell.
    pub fn cell(line: LineNo, schedule: ScheduleId, row: &str, column: &str) -> Self {
        Location {
            line,
            schedule: Some(schedule),
            row: Some(row.to_string()),
            column: Some(column.to_string()),
            project: None,
            section: None,
        }
    }

    /// A whole schedule row (or the schedule, when `row` is none).
    pub fn schedule(line: LineNo, schedule: ScheduleId, row: Option<&str>) -> Self {
        Location {
            line,
            schedule: Some(schedule),
            row: row.map(str::to_string),
            column: None,
            project: None,
            section: None,
        }
    }

    /// A project field (field is e.g. 执行率, 绩效自评总得分, or an indicator name).
    pub fn project(line: LineNo, project: &str, field: Option<&str>) -> Self {
        Location {
            line,
            schedule: None,
            row: None,
            column: field.map(str::to_string),
            project: Some(project.to_string()),
            section: None,
        }
    }

    /// A narrative line under a heading.
    pub fn text(line: LineNo, section: &str) -> Self {
        Location {
            line,
            schedule: None,
            row: None,
            column: None,
            project: None,
            section: Some(section.to_string()),
        }
    }

    /// The location without its line: what stays put when unrelated lines move.
    pub fn semantic_key(&self) -> String {
        format!(
            "s={}|r={}|c={}|p={}|t={}",
            self.schedule.map(|s| s.two_digit()).unwrap_or_default(),
            self.row.as_deref().unwrap_or(""),
            self.column.as_deref().unwrap_or(""),
            self.project.as_deref().unwrap_or(""),
            self.section.as_deref().unwrap_or(""),
        )
    }
}

mod schedule_id_opt {
    use crate::report::ScheduleId;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<ScheduleId>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(id) => s.serialize_some(&id.two_digit()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ScheduleId>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        Ok(v.and_then(|s| s.parse::<u8>().ok()).map(ScheduleId))
    }
}

/// A rule breach (or a note) found in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable fingerprint: rule id + semantic location, never line numbers.
    pub id: String,
    /// The rule's id, e.g. `SUM-HIERARCHY`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// A message a person understands without the code.
    pub message: String,
    /// The value the identity requires, where there is arithmetic.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub expected: Option<Decimal>,
    /// The value printed.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub actual: Option<Decimal>,
    /// actual − expected, where both exist.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
    /// The rounding tolerance the rule applied, where it applied one.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub tolerance: Option<Decimal>,
    /// Every place involved: the total (primary) first, then each part.
    pub locations: Vec<Location>,
}

impl Finding {
    /// A finding with its fingerprint computed from `rule`, the primary
    /// location's semantic key and `discriminator` (for rules that raise
    /// several findings at one place; "" otherwise).
    pub fn new(
        rule: &str,
        severity: Severity,
        message: String,
        locations: Vec<Location>,
        discriminator: &str,
    ) -> Self {
        let primary = locations
            .first()
            .map(Location::semantic_key)
            .unwrap_or_default();
        Finding {
            id: fingerprint(rule, &primary, discriminator),
            rule: rule.to_string(),
            severity,
            message,
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            locations,
        }
    }

    /// Attach expected and actual values (and their difference).
    pub fn with_values(mut self, expected: Decimal, actual: Decimal) -> Self {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self.difference = Some(actual - expected);
        self
    }

    /// Attach the tolerance the rule applied.
    pub fn with_tolerance(mut self, tolerance: Decimal) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// The primary location's line (0 when the finding has none).
    pub fn line(&self) -> LineNo {
        self.locations.first().map(|l| l.line).unwrap_or(0)
    }
}

/// `RULE-ID:` + 12 hex digits of sha256 over the rule, the semantic location
/// and a discriminator. Lines are left out so that re-parsing a report whose
/// unrelated lines moved keeps every id.
pub fn fingerprint(rule: &str, semantic_location: &str, discriminator: &str) -> String {
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    h.update([0]);
    h.update(semantic_location.as_bytes());
    h.update([0]);
    h.update(discriminator.as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{rule}:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_line_numbers() {
        let a = Finding::new(
            "SUM-ROW",
            Severity::Error,
            "m".into(),
            vec![Location::cell(10, ScheduleId(3), "2080102", "本年支出合计")],
            "",
        );
        let b = Finding::new(
            "SUM-ROW",
            Severity::Error,
            "other message".into(),
            vec![Location::cell(99, ScheduleId(3), "2080102", "本年支出合计")],
            "",
        );
        assert_eq!(a.id, b.id);
        let c = Finding::new(
            "SUM-ROW",
            Severity::Error,
            "m".into(),
            vec![Location::cell(10, ScheduleId(3), "2080101", "本年支出合计")],
            "",
        );
        assert_ne!(a.id, c.id);
        assert!(a.id.starts_with("SUM-ROW:"));
    }
}
