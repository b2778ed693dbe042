//! A hook for per-finding markers drawn by other parts of juesuan (the
//! review's verdicts plug in here: [`crate::tui::workbench::annotations::Marks`]): the
//! findings list and the drill-down ask it for a marker beside each finding.

use crate::rules::Finding;
use ratatui::style::Style;

/// Supplies a marker for a finding (two cells wide: the verdict, then a
/// changed/orphan flag), or none.
pub trait FindingDecorations {
    /// The marker and its style for `finding`, if any.
    fn marker(&self, finding: &Finding) -> Option<(&'static str, Style)>;
}

/// No markers.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoDecorations;

impl FindingDecorations for NoDecorations {
    fn marker(&self, _finding: &Finding) -> Option<(&'static str, Style)> {
        None
    }
}
