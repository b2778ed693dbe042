//! The audit rule catalogue. Each rule is a small value ([`Rule`]) with a
//! stable id, a title, a rationale for auditors, a default severity and a
//! check from `&Report` to findings. One file per rule family.

mod arith;
mod completeness;
mod cross;
mod facts;
mod finding;
mod inside;
mod narrative;
mod parse_issues;
mod performance;
mod phrases;
mod plausibility;
mod sums;
mod text_quality;

pub use arith::{half_unit, tolerance_for, Balance, Interval, ROUNDING_STEP};
pub use facts::OVERALL;
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

impl Rule {
    /// A breach of this rule at `locations` (the first is where it shows),
    /// at the rule's severity, one per place.
    pub fn finding(&self, message: String, locations: Vec<Location>) -> Finding {
        self.finding_keyed(message, locations, "")
    }

    /// [`Rule::finding`] for a rule that may breach twice at one place:
    /// `key` tells the findings (and their fingerprints) apart.
    pub fn finding_keyed(&self, message: String, locations: Vec<Location>, key: &str) -> Finding {
        Finding::new(self.id, self.severity, message, locations, key)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// Every rule, in catalogue order.
pub fn catalogue() -> Vec<&'static Rule> {
    let families: [&'static [Rule]; 9] = [
        completeness::RULES,
        sums::RULES,
        inside::RULES,
        cross::RULES,
        narrative::RULES,
        performance::RULES,
        text_quality::RULES,
        plausibility::RULES,
        parse_issues::RULES,
    ];
    families.iter().flat_map(|f| f.iter()).collect()
}

/// The rounding and truncation policy a rule applies when it compares
/// figures (see `arith::Printed`), for `explain`; none for rules that
/// compare no figures.
pub fn tolerance_policy(rule: &Rule) -> Option<&'static str> {
    let comparing: [&'static [Rule]; 5] = [
        sums::RULES,
        inside::RULES,
        cross::RULES,
        narrative::RULES,
        performance::RULES,
    ];
    comparing
        .iter()
        .any(|f| f.iter().any(|r| std::ptr::eq(r, rule)))
        .then_some(arith::ROUNDING_POLICY)
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
    if report.narrative.claims.len() > MAX_CHECKED_CLAIMS {
        return check_all(&bounded(report));
    }
    check_all(report)
}

/// The most narrative claims the rules read. A real report states a few
/// hundred numbers (the sample 260); several narrative rules compare claims
/// with claims, so a hostile text of tens of thousands would take minutes.
pub const MAX_CHECKED_CLAIMS: usize = 2_000;

/// A copy of `report` with only the first [`MAX_CHECKED_CLAIMS`] claims, and
/// a `PARSE-LIMIT` issue saying from which line on claims were not checked.
fn bounded(report: &Report) -> Report {
    let mut r = report.clone();
    let line = r.narrative.claims[MAX_CHECKED_CLAIMS].line;
    r.narrative.claims.truncate(MAX_CHECKED_CLAIMS);
    r.parse_issues.push(crate::report::ParseIssue {
        code: crate::report::IssueCode::Limit,
        line,
        message: format!(
            "the text states more than {MAX_CHECKED_CLAIMS} numbers; from this line on they are \
             not checked against the tables or each other"
        ),
        schedule: None,
        project: None,
    });
    r
}

fn check_all(report: &Report) -> Vec<Finding> {
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
