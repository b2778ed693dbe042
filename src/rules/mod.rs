//! The audit rule catalogue. Each rule is a small value ([`Rule`]) with a
//! stable id, a title, a rationale for auditors, a default severity and a
//! check from `&Report` to findings. One file per rule family.

mod arith;
mod completeness;
mod finding;
mod parse_issues;
mod sums;

pub use arith::{tolerance_for, Balance, ROUNDING_STEP};
pub use finding::{fingerprint, Finding, Location, Severity};

use crate::report::{LineNo, Report, ScheduleId};

/// One audit rule.
pub struct Rule {
    /// Stable id, e.g. `SUM-HIERARCHY`.
    pub id: &'static str,
    /// One line: what the rule checks.
    pub title: &'static str,
    /// For auditors: the identity, why it must hold, what a breach usually means.
    pub rationale: &'static str,
    /// The default severity of a breach (rounding notes are always info).
    pub severity: Severity,
    /// The check.
    pub check: fn(&Rule, &Report, &mut Vec<Finding>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// Every rule, in catalogue order.
pub fn catalogue() -> Vec<&'static Rule> {
    let families: [&'static [Rule]; 3] = [completeness::RULES, sums::RULES, parse_issues::RULES];
    families.iter().flat_map(|f| f.iter()).collect()
}

/// The rule with this id (case-insensitive).
pub fn find(id: &str) -> Option<&'static Rule> {
    catalogue()
        .into_iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
}

/// Run every rule on a report; findings come sorted by primary line, then
/// rule, then schedule, then id, so the same report always gives the same list.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in catalogue() {
        (rule.check)(rule, report, &mut out);
    }
    out.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

fn sort_key(f: &Finding) -> (LineNo, &str, Option<ScheduleId>, &str) {
    let schedule = f.locations.first().and_then(|l| l.schedule);
    (f.line(), f.rule.as_str(), schedule, f.id.as_str())
}
