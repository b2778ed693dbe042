//! How much of a report has been examined (查阅覆盖率): schedules, rows and
//! projects ticked, against what the report holds. A schedule tick covers
//! every row in it.

use super::model::{Document, TickTarget};
use crate::report::{Report, ScheduleId, SCHEDULE_IDS};
use serde::Serialize;
use std::collections::BTreeSet;

/// The tickable parts of a report, kept so a session can compute coverage
/// without holding the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shape {
    /// Each present schedule with its rows as (panel, row key).
    pub schedules: Vec<(ScheduleId, Vec<(String, String)>)>,
    /// Project names, in report order.
    pub projects: Vec<String>,
}

impl Shape {
    /// The tickable parts of `report`.
    pub fn of(report: &Report) -> Self {
        Shape {
            schedules: report
                .schedules
                .iter()
                .filter(|s| s.is_present())
                .map(|s| {
                    let rows = s.rows().map(|(p, r)| (p.name.clone(), r.key())).collect();
                    (s.id, rows)
                })
                .collect(),
            projects: report.projects.iter().map(|p| p.name.clone()).collect(),
        }
    }
}

/// examined of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Count {
    /// Marked examined.
    pub examined: usize,
    /// In the report.
    pub total: usize,
}

/// Coverage of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Coverage {
    /// Schedules ticked as a whole, of the nine slots.
    pub schedules: Count,
    /// Rows examined (by a row tick or their schedule's tick), of all rows.
    pub rows: Count,
    /// Projects ticked, of all projects.
    pub projects: Count,
}

impl Coverage {
    /// Rows and projects examined, as a share of all rows and projects, 0–100
    /// (rounded down, so 100 means everything).
    pub fn percent(&self) -> u32 {
        let total = self.rows.total + self.projects.total;
        if total == 0 {
            return 0;
        }
        let done = self.rows.examined + self.projects.examined;
        u32::try_from(done * 100 / total).unwrap_or(100)
    }
}

/// Coverage of `shape` by `doc`'s ticks.
pub fn coverage(shape: &Shape, doc: &Document) -> Coverage {
    let ticked: BTreeSet<&TickTarget> = doc
        .ticks
        .values()
        .filter(|t| t.examined)
        .map(|t| &t.target)
        .collect();
    let schedule_ticked = |id: ScheduleId| ticked.contains(&TickTarget::Schedule { schedule: id });
    let mut rows = Count::default();
    for (id, rs) in &shape.schedules {
        rows.total += rs.len();
        rows.examined += if schedule_ticked(*id) {
            rs.len()
        } else {
            rs.iter()
                .filter(|(panel, row)| {
                    ticked.contains(&TickTarget::Row {
                        schedule: *id,
                        panel: panel.clone(),
                        row: row.clone(),
                    })
                })
                .count()
        };
    }
    let projects = Count {
        examined: shape
            .projects
            .iter()
            .filter(|n| ticked.contains(&TickTarget::Project { name: (*n).clone() }))
            .count(),
        total: shape.projects.len(),
    };
    Coverage {
        schedules: Count {
            examined: SCHEDULE_IDS
                .iter()
                .filter(|id| schedule_ticked(**id))
                .count(),
            total: SCHEDULE_IDS.len(),
        },
        rows,
        projects,
    }
}
